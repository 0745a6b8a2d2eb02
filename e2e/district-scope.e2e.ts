import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { login, newSession, settle, shot, textOf, visible, type TestServer, useServerAndBrowser } from './support'

/** (e) A district administrator sees only their district's units and users. */
describe('区县管理员的数据范围', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('jfadmin 只能看到解放区的机构，看不到市局管理员', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'jfadmin')

    // 机构管理: the tree starts at the district bureau and holds nothing else.
    await page.getByRole('menuitem', { name: '机构管理' }).click()
    await page.waitForURL('**/org')
    await settle(page)
    const units = await page.evaluate(async () => {
      const r = await fetch('/api/org/units')
      return ((await r.json()) as { items: { id: string; parentId: string | null; name: string }[] }).items
    })
    expect(units.length).toBeGreaterThan(1)
    const root = units.find((u) => u.name === '焦作市解放区市场监督管理局')
    expect(root).toBeDefined()
    const ids = new Set(units.map((u) => u.id))
    for (const u of units) if (u.id !== root!.id) expect(ids.has(u.parentId ?? '')).toBe(true)
    // The tree renders after its own fetch, which may start after the page looked settled: wait for
    // its nodes before reading them (a CI run read an empty tree here).
    const nodes = page.locator('.tree-card [data-unit-name]')
    await expect.poll(() => nodes.count(), { timeout: 15_000 }).toBe(units.length)
    const treeNames = await nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-unit-name')))
    expect(treeNames[0]).toBe('焦作市解放区市场监督管理局')
    expect(treeNames.length).toBe(units.length)
    for (const n of treeNames) expect(units.map((u) => u.name)).toContain(n)
    expect(treeNames.join()).not.toContain('焦作市市场监督管理局')
    expect(treeNames.join()).not.toContain('中站区')
    expect(await textOf(page.locator('.page-header'))).toContain(`共 ${units.length} 个机构`)
    await shot(page, 'org-district')

    // 用户管理: the unit filter offers the same units only.
    await page.getByRole('menuitem', { name: '用户管理' }).click()
    await page.waitForURL('**/users')
    await settle(page)
    await page.locator('#user-filter-unit').click()
    const dropdown = page.locator('.ant-select-dropdown:visible')
    await visible(dropdown)
    // The tree's nodes render after the drop-down opens: wait for them before reading.
    await expect.poll(() => dropdown.locator('.ant-select-tree-title').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    const optionNames = await dropdown.locator('.ant-select-tree-title').allInnerTexts()
    expect(optionNames[0]).toBe('焦作市解放区市场监督管理局')
    expect(optionNames.length).toBe(units.length)
    for (const n of optionNames) expect(units.map((u) => u.name)).toContain(n)
    await shot(page, 'users-district-unit-filter')
    await page.keyboard.press('Escape')

    // The users table lists district staff and not the city-level administrator.
    const table = page.locator('.ant-table-tbody')
    const body = await textOf(table)
    expect(body).toContain('jfadmin')
    expect(body).toContain('handler')
    expect(body).not.toContain('王建国')
    expect(body).not.toMatch(/\badmin\b(?!\S)/)
    await page.locator('#user-filter-q').fill('admin')
    // Searching for "admin" finds the district administrator only.
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1)
    expect(await textOf(page.locator('.ant-table-row'))).toContain('jfadmin')
    await shot(page, 'users-district')

    expect(errors).toEqual([])
    await context.close()
  })
})

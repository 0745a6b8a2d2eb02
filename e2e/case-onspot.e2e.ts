import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiLogin, login, newSession, overflowsHorizontally, settle, shot, useServerAndBrowser, type TestServer } from './support'

/** 当场处罚 at phone width (390 px): the field officer fines a stall keeper 150 yuan; the case page shows the decision and its reconciliation. */
describe('当场处罚（390 px）', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('作出当场处罚决定 → 案件详情（决定书、对账）', async () => {
    const admin = await apiLogin(server.url, 'admin')
    const users = (await (await admin.request('GET', '/api/users?q=handler')).json()) as { items: Array<{ id: string; username: string; version: number }> }
    const h = users.items.find((u) => u.username === 'handler')!
    expect((await admin.request('PATCH', `/api/users/${h.id}`, { expectedVersion: h.version, certNo: '豫A0820002' })).status).toBe(200)
    const s = await newSession(browser, server.url, { width: 390, height: 844 })
    await login(s.page, 'handler')
    await s.page.goto('/cases/on-spot')
    await settle(s.page)
    await s.page.getByTestId('onspot-person').fill('李小摊')
    await s.page.getByTestId('onspot-fine').fill('150')
    await s.page.getByTestId('onspot-facts').fill('当事人销售口罩未明码标价。')
    await s.page.getByTestId('onspot-place').fill('焦作市解放区民主路菜市场')
    await s.page.getByTestId('onspot-evidence').fill('现场照片、现场笔录')
    await s.page.getByTestId('onspot-violated').fill('《中华人民共和国价格法》第十三条')
    await s.page.getByTestId('onspot-basis').fill('《明码标价和禁止价格欺诈规定》第二十一条')
    await s.page.getByTestId('onspot-officers').locator('input').fill('A0820001')
    await s.page.keyboard.press('Enter')
    await s.page.keyboard.press('Escape')
    await shot(s.page, 'hB-onspot-form-390')
    expect(await overflowsHorizontally(s.page)).toBe(false)
    await s.page.getByTestId('onspot-submit').click()
    await s.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/)
    await settle(s.page)
    await expect.poll(async () => s.page.getByTestId('case-reconcile-line').textContent()).toContain('应缴 150.00')
    await shot(s.page, 'hB-onspot-case-390')
  })
})

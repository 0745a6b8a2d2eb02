import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { composeUscc } from '../src/modules/entities'
import { apiLogin, login, newSession, overflowsHorizontally, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * 我的待办 and 消息中心 (issue 13 point 9): each role lands on its own work; the handler's list is
 * ordered by due date with the clock colours; a 督办 issued by a supervisor reaches the handler as a
 * bell count and a message that opens the item; the list reads on a 390 px phone.
 */
describe('我的待办与消息中心', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('办案人员登录后进入我的待办：超期件标红，按期限排序', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'handler')
    await page.waitForURL('**/work')
    await settle(page)
    await visible(page.getByTestId('work-list'))
    // The demo's real-name report is overdue (verification running late) and waits at the handler's station.
    const overdue = page.locator('[data-testid="work-item"][data-clock="overdue"]')
    await visible(overdue)
    expect(await overdue.first().getByTestId('work-clock').getAttribute('class')).toContain('ant-tag-red')
    expect(await textOf(overdue.first().getByTestId('work-clock'))).toBe('已超期')
    expect(Number(await textOf(page.getByTestId('work-count-overdue').locator('.ant-statistic-content-value')))).toBeGreaterThan(0)
    // Overdue first: the first row is red.
    expect(await page.getByTestId('work-item').first().getAttribute('data-clock')).toBe('overdue')
    await shot(page, 'my-work-handler')

    // The overdue card filters the list to red rows only, in the address bar.
    await page.getByTestId('work-count-overdue').click()
    await page.waitForURL('**/work?f=overdue')
    // The address changes before the list re-renders: wait for the filtered rows.
    const clocks = () =>
      page.getByTestId('work-item').evaluateAll((els) => [...new Set(els.map((e) => (e as unknown as { dataset: { clock: string } }).dataset.clock))].sort())
    await expect.poll(clocks, { timeout: 15_000 }).toEqual(['overdue'])
    expect(errors).toEqual([])
    await context.close()
  })

  it('督办 → 办案人员的铃铛出现未读数，打开消息进入该诉求件', async () => {
    const handlerApi = await apiLogin(server.url, 'handler')
    const work = (await (await handlerApi.request('GET', '/api/my/work')).json()) as {
      items: Array<{ id: string; no: string; source: string; assignee: string }>
    }
    const mine = work.items.find((i) => i.source === 'complaints' && i.assignee === 'me')!
    expect(mine).toBeTruthy()

    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'handler')
    await page.waitForURL('**/work')
    await settle(page)
    await page.getByTestId('bell').click()
    await visible(page.getByTestId('bell-panel'))
    // Mark everything read until nothing is unread (a due notice of the scheduled job may still arrive
    // after the first call), then check that the bell shows no count.
    await page.keyboard.press('Escape')
    await expect
      .poll(async () => {
        await handlerApi.request('POST', '/api/my/messages/read-all')
        return ((await (await handlerApi.request('GET', '/api/my/messages/unread-count')).json()) as { unread: number }).unread
      })
      .toBe(0)
    await page.reload()
    await settle(page)
    await expect.poll(() => page.getByTestId('bell-count').locator('.ant-badge-count').count()).toBe(0)

    // The leader issues a 督办 on the handler's item.
    const leader = await apiLogin(server.url, 'leader')
    const due = new Date(Date.now() + 8 * 3_600_000 + 5 * 86_400_000).toISOString().slice(0, 10) // a Beijing date
    const r = await leader.request('POST', `/api/complaints/${mine.id}/supervisions`, { note: '请三个工作日内反馈调解进展', dueOn: due })
    expect(r.status, await r.clone().text()).toBe(200)

    // Any page change polls the count (and every 30 s anyway).
    await page.getByRole('menuitem', { name: '消息中心' }).click()
    await page.waitForURL('**/messages')
    await expect.poll(() => textOf(page.getByTestId('bell-count').locator('.ant-badge-count')), { timeout: 35_000 }).toBe('1')
    await page.getByTestId('bell').click()
    const msg = page.getByTestId('bell-message').first()
    expect(await textOf(msg)).toContain(`督办：${mine.no}`)
    await shot(page, 'bell-supervision')
    await msg.click()
    await page.waitForURL(`**/complaints/${mine.id}`)
    await settle(page)
    expect(await textOf(page.locator('body'))).toContain('请三个工作日内反馈调解进展')
    await expect.poll(() => page.getByTestId('bell-count').locator('.ant-badge-count').count()).toBe(0)
    // On the to-do list it counts as a 督办 awaiting reply.
    await page.getByRole('menuitem', { name: '我的待办' }).click()
    await settle(page)
    expect(Number(await textOf(page.getByTestId('work-count-supervision').locator('.ant-statistic-content-value')))).toBeGreaterThan(0)
    await page.goto('/messages')
    await settle(page)
    await visible(page.getByTestId('message'))
    await shot(page, 'messages')
    expect(errors).toEqual([])
    await context.close()
  })

  it('手机 390 px：待办为卡片，不横向滚动', async () => {
    const { page, context, errors } = await newSession(browser, server.url, { width: 390, height: 844 })
    await login(page, 'handler')
    await page.waitForURL('**/work')
    await settle(page)
    await visible(page.getByTestId('work-item'))
    expect(await overflowsHorizontally(page)).toBe(false)
    const box = await page.getByTestId('work-item').first().boundingBox()
    expect(box!.width).toBeLessThanOrEqual(390)
    await shot(page, 'my-work-390')
    expect(errors).toEqual([])
    await context.close()
  })

  it('各角色登录后的落地页', async () => {
    const landing: Array<[string, string]> = [
      ['operator', '/work'],
      ['inspector', '/work'],
      ['leader', '/work'],
      ['credit', '/work'],
      ['random', '/work'],
      ['custodian', '/work'],
      ['admin', '/users'],
      ['auditor', '/audit'],
    ]
    for (const [user, path] of landing) {
      const { page, context, errors } = await newSession(browser, server.url)
      await login(page, user)
      await page.waitForURL(`**${path}`)
      await settle(page)
      if (path === '/work') {
        // A non-empty list or a sensible empty state, never an error.
        await visible(page.locator('[data-testid="work-list"], [data-testid="work-empty"]'))
        await shot(page, `my-work-${user}`)
      }
      expect(errors, user).toEqual([])
      await context.close()
    }
  })

  it('一户一档：12315 诉求件以可读的列显示，不含投诉人信息（桌面与 390 px）', async () => {
    const admin = await apiLogin(server.url, 'admin')
    const e = await admin.request('POST', '/api/entities', {
      uscc: composeUscc('92', '410802', 'MA0E2E01'),
      name: '焦作市解放区一户一档测试商店',
      businessAddress: '焦作市解放区人民路29号',
      businessDivision: '410802001',
      domicileDivision: '410802001',
    })
    expect(e.status, await e.clone().text()).toBe(201)
    const entity = (await e.json()) as { id: string }
    const operator = await apiLogin(server.url, 'operator')
    const c = await operator.request('POST', '/api/complaints', {
      types: ['complaint'],
      channel: 'hotline',
      category: 'quality',
      summary: '买到的电水壶漏电',
      request: '要求退货',
      facts: '购买的电水壶使用时漏电，商家拒绝退货。',
      persons: [{ name: '慕容档案', phone: '13812345678', address: '焦作市解放区民主路2号' }],
      respondent: { entityId: entity.id, name: 'x' },
    })
    expect(c.status, await c.clone().text()).toBe(201)
    const itemNo = ((await c.json()) as { items: Array<{ itemNo: string }> }).items[0]!.itemNo
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      const { page, context, errors } = await newSession(browser, server.url, viewport)
      await login(page, 'leader')
      // The section's tab opened from the address (on a phone the later tabs sit behind the tab bar's … menu).
      await page.goto(`/entities/${entity.id}?tab=section-complaints`)
      await settle(page)
      const section = page.getByTestId('profile-section-complaints')
      await visible(section)
      const text = await textOf(section)
      expect(text).toContain(itemNo)
      expect(text).toContain('待分送')
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/)
      expect(text).not.toContain('慕容')
      expect(text).not.toContain('{')
      if (viewport.width === 390) expect(await overflowsHorizontally(page)).toBe(false)
      await shot(page, `entity-file-${viewport.width}`)
      await section.getByRole('link', { name: itemNo }).click()
      await page.waitForURL('**/complaints/*')
      expect(errors).toEqual([])
      await context.close()
    }
  })
})

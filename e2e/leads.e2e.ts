import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { login, newSession, reportReferredAsLead, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * 案源线索 in the browser: a 12315 report that the 解放区 handler files as a case (set up through the
 * API, as the 12315 file tests the pages for it) appears on the leads page with a link back to the
 * report and its 核查期限; the handler proposes 不予立案 (a reason required), and the leader approves
 * it in 审批待办, after which the lead shows the decision and its reason.
 */

describe('案源线索', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('举报立案 → 案源线索页显示并链接回举报 → 办案人员提请不予立案（须写理由）→ 局领导在审批待办批准', async () => {
    // A report about a restaurant in 解放区, dispatched to the 解放区 station and referred as a lead.
    const { item, leadNo, handlerApi } = await reportReferredAsLead(server.url, {
      category: 'food_safety',
      summary: '饭店使用过期食材',
      facts: '解放区某饭店后厨使用过期冻肉，已拍照留存。',
      reporter: { name: '欧阳线索', phone: '13912340000' },
      respondent: { name: '焦作市解放区线索测试饭店', address: '焦作市解放区民主路9号' },
      leadSummary: '经核查，该饭店涉嫌使用超过保质期的食品原料',
    })
    expect(leadNo).toMatch(/^XS\d{10}$/)

    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'handler')
    await page.getByRole('menuitem', { name: '案源线索' }).click()
    await page.waitForURL('**/leads')
    await settle(page)
    const row = page.locator('tr', { hasText: leadNo })
    await visible(row)
    expect(await textOf(row)).toContain('焦作市解放区线索测试饭店')
    expect(await textOf(row.getByTestId('lead-state'))).toBe('待核查')
    // The reporter's identity never reaches the leads page.
    expect(await textOf(page.locator('body'))).not.toContain('欧阳线索')
    await shot(page, 'leads')

    // The source link opens the report.
    await row.getByRole('link', { name: item.itemNo }).click()
    await page.waitForURL(`**/complaints/${item.id}`)
    await page.goBack()
    await settle(page)

    // The handler proposes; the decisions (立案 / 不予立案 / 移送) are the head's: no workflow decision buttons here.
    const decideRow = page.locator('tr', { hasText: leadNo })
    await visible(decideRow.getByTestId('lead-verify-due'))
    // At 1366 px the row's actions are on screen without scrolling the table sideways (操作 is pinned right).
    const box = await decideRow.getByTestId('lead-propose').boundingBox()
    expect(box).not.toBeNull()
    expect(box!.x + box!.width).toBeLessThanOrEqual(1366)
    expect(await decideRow.getByTestId('lead-action-not_file').count()).toBe(0)
    await decideRow.getByTestId('lead-propose').click()
    const modal = page.locator('.ant-modal').filter({ hasText: `提请审批 · ${leadNo}` })
    await visible(modal)
    await modal.getByTestId('lead-propose-submit').click()
    await visible(modal.getByText('请写明理由'))
    await modal.getByTestId('lead-propose-reason').fill('经现场核查，冻肉在保质期内，举报事实不成立')
    await shot(page, 'leads-propose')
    await modal.getByTestId('lead-propose-submit').click()
    await modal.waitFor({ state: 'hidden' })
    // Still 待核查 until the head decides.
    await settle(page)
    expect(await textOf(page.locator('tr', { hasText: leadNo }).getByTestId('lead-state'))).toBe('待核查')
    expect(errors).toEqual([])
    await context.close()

    // The leader approves it in 审批待办; the lead is decided with the handler's reasons.
    const s2 = await newSession(browser, server.url)
    await login(s2.page, 'leader')
    await s2.page.goto('/approvals')
    await settle(s2.page)
    const req = s2.page.locator('tr', { hasText: leadNo })
    await visible(req)
    expect(await textOf(req)).toContain('不予立案审批')
    await shot(s2.page, 'approvals-inbox')
    await req.getByTestId('approval-approve').click()
    const confirm = s2.page.locator('.ant-modal').filter({ hasText: `批准 · 不予立案审批 · ${leadNo}` })
    await visible(confirm)
    await confirm.getByTestId('approval-note').fill('同意')
    await confirm.getByTestId('approval-confirm').click()
    await confirm.waitFor({ state: 'hidden' })
    await expect.poll(() => s2.page.locator('tr', { hasText: leadNo }).count(), { timeout: 15_000 }).toBe(0)
    await s2.page.goto('/leads?state=all')
    await settle(s2.page)
    const decided = s2.page.locator('tr', { hasText: leadNo })
    await visible(decided)
    expect(await textOf(decided.getByTestId('lead-state'))).toBe('不予立案')
    expect(await textOf(decided)).toContain('举报事实不成立')
    expect(s2.errors).toEqual([])
    await s2.context.close()

    // The decision is in the API too.
    const lead = (await (await handlerApi.request('GET', `/api/leads?state=not_filed&pageSize=100`)).json()) as {
      items: Array<{ leadNo: string; decisionReason: string }>
    }
    expect(lead.items.find((l) => l.leadNo === leadNo)?.decisionReason).toBe('经现场核查，冻肉在保质期内，举报事实不成立')
  })
})

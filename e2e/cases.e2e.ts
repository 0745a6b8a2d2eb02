import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiLogin, login, newSession, pickOption, reportReferredAsLead, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * 行政处罚案件 in the browser at desktop size: a 12315 report referred as a lead (set up through the
 * API) → the handler proposes 立案 from the leads page (提请立案: type, natural-person party, two
 * certified officers, filing date) → the leader approves it in 审批待办 → the case file shows the
 * 90-day clock and the 立案审批表 → after
 * the advance notice (API) the leader decides through the form generated from the case workflow →
 * the 行政处罚决定书 prints from the archive. The reporter never appears.
 */
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)

describe('行政处罚案件', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('线索 → 立案 → 告知 → 处罚决定 → 打印决定书', async () => {
    const { leadNo, handlerApi } = await reportReferredAsLead(server.url, {
      category: 'price',
      summary: '药店口罩哄抬价格',
      facts: '解放区某药店一次性口罩每只售价20元。',
      reporter: { name: '欧阳案件', phone: '13912349999' },
      respondent: { name: '焦作市解放区案件测试药店', address: '焦作市解放区焦东路1号' },
      receivedAt: `${day(-40)}T02:00:00Z`,
      leadSummary: '经核查，该药店涉嫌哄抬口罩价格',
    })

    // The handler gets an enforcement certificate number (an administrator's change, Penalty Law Art 42).
    const admin = await apiLogin(server.url, 'admin')
    const users = (await (await admin.request('GET', '/api/users?q=handler&pageSize=20')).json()) as {
      items: Array<{ id: string; username: string; version: number }>
    }
    const h = users.items.find((u) => u.username === 'handler')!
    const patched = await admin.request('PATCH', `/api/users/${h.id}`, { expectedVersion: h.version, certNo: '豫A0820002' })
    expect(patched.status, await patched.clone().text()).toBe(200)

    // 立案登记 from the leads page.
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'handler')
    await page.goto('/leads')
    await settle(page)
    const row = page.locator('tr', { hasText: leadNo })
    await visible(row)
    await row.getByTestId('lead-open-case').click()
    const modal = page.locator('.ant-modal').filter({ hasText: `提请立案 · ${leadNo}` })
    await visible(modal)
    await modal.locator('#open-case-title').fill('涉嫌哄抬口罩价格案')
    await modal.locator('#open-case-type').click()
    await pickOption(page, '价格')
    await modal.getByLabel('当事人姓名').fill('李某某')
    await modal.locator('#open-case-officers').click()
    await pickOption(page, '豫A0820002')
    await modal.locator('#open-case-officers').click()
    await pickOption(page, '豫A0820001')
    await page.keyboard.press('Escape')
    const date = modal.getByPlaceholder('请选择日期')
    await date.click()
    await date.fill(day(-30))
    await date.press('Enter')
    await shot(page, 'case-open')
    await modal.getByRole('button', { name: '提请立案审批' }).click()
    await modal.waitFor({ state: 'hidden' })
    expect(errors).toEqual([])
    await context.close()

    // The leader approves 立案 in 审批待办: the case is opened then.
    const s1 = await newSession(browser, server.url)
    await login(s1.page, 'leader')
    await s1.page.goto('/approvals')
    await settle(s1.page)
    const req = s1.page.locator('tr', { hasText: leadNo })
    await visible(req)
    expect(await textOf(req)).toContain('立案审批')
    await req.getByTestId('approval-approve').click()
    const confirm = s1.page.locator('.ant-modal').filter({ hasText: `批准 · 立案审批 · ${leadNo}` })
    await visible(confirm)
    await confirm.getByTestId('approval-confirm').click()
    await confirm.waitFor({ state: 'hidden' })
    await expect.poll(() => s1.page.locator('tr', { hasText: leadNo }).count(), { timeout: 15_000 }).toBe(0)
    expect(s1.errors).toEqual([])
    await s1.context.close()
    const found = (await (await handlerApi.request('GET', '/api/cases?mine=1&pageSize=100')).json()) as { items: Array<{ id: string; leadNo: string }> }
    const opened = found.items.find((c) => c.leadNo === leadNo)!
    const { page: p2, context: c2, errors: e2 } = await newSession(browser, server.url)
    await login(p2, 'handler')
    await p2.goto(`/cases/${opened.id}`)
    await settle(p2)
    const page2 = p2
    expect(await textOf(page2.getByTestId('case-state'))).toBe('调查取证')
    await visible(page2.getByTestId('case-documents').getByText('立案审批表'))
    await visible(page2.getByTestId('clock-due-decision'))
    expect(await textOf(page2.locator('body'))).not.toContain('欧阳案件')
    await shot(page2, 'case-filed')
    const caseId = opened.id
    expect(e2).toEqual([])
    await c2.close()

    // The advance notice (API), 20 days ago: its 5 working days for statements have passed.
    const c0 = (await (await handlerApi.request('GET', `/api/cases/${caseId}`)).json()) as { version: number }
    const n = await handlerApi.request('POST', `/api/cases/${caseId}/actions/notify`, {
      version: c0.version,
      facts: '当事人将进价0.5元的一次性口罩以每只20元销售。',
      basis: '《中华人民共和国价格法》第十四条第（三）项',
      intendedPenalty: '罚款人民币5,000元',
      on: day(-20),
    })
    expect(n.status, await n.clone().text()).toBe(200)

    // The leader decides through the generated form, then prints the decision.
    const s2 = await newSession(browser, server.url)
    await login(s2.page, 'leader')
    await s2.page.goto(`/cases/${caseId}`)
    await settle(s2.page)
    await s2.page.getByTestId('case-action-decide').click()
    const form = s2.page.locator('.ant-modal').filter({ hasText: '作出行政处罚决定' })
    await visible(form)
    await form.locator('#action-field-penaltyType').click()
    await pickOption(s2.page, '罚款')
    await form.locator('#action-field-facts').fill('当事人在疫情防控期间将进价0.5元的一次性口罩以每只20元销售，有进货单据、销售记录为证。')
    await form.locator('#action-field-basis').fill('《价格违法行为行政处罚规定》第六条')
    await form.locator('#action-field-fineFen').fill('500000')
    await shot(s2.page, 'case-decide')
    await form.locator('#action-field-fineFen').press('Control+Enter')
    await form.waitFor({ state: 'hidden' })
    await settle(s2.page)
    await expect.poll(() => textOf(s2.page.getByTestId('case-state'))).toBe('已决定（待送达）')
    const docRow = s2.page.getByTestId('case-documents').locator('tr', { hasText: '行政处罚决定书' })
    await visible(docRow)
    expect(await textOf(docRow)).toMatch(/处罚〔\d{4}〕\d+号/)
    await shot(s2.page, 'case-decided')
    await docRow.getByTestId('print-document').click()
    await s2.page.waitForURL('**/documents/*')
    await settle(s2.page)
    const frame = s2.page.frameLocator('[data-testid="doc-frame"]')
    await visible(frame.getByText('罚款人民币5,000.00元'))
    const text = await textOf(frame.locator('body'))
    for (const part of ['李某某', '当事人应当自收到本决定书之日起十五日内', '申请行政复议', '提起行政诉讼', '本决定作出机关', '送达回证'])
      expect(text).toContain(part)
    expect(text).not.toContain('欧阳案件')
    await shot(s2.page, 'case-decision-print')
    expect(s2.errors).toEqual([])
    await s2.context.close()
  })
})

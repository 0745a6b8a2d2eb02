import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiLogin, login, newSession, pickOption, reportReferredAsLead, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * 调查取证 in the browser at desktop size, on a case filed 30 days ago (set up through the API): the
 * handler registers evidence and uploads its file, makes a 询问笔录 with two Q&A turns and prints it
 * (signature lines, masked identity), asks for 先行登记保存 (the leader approves it in the inbox —
 * API), decides it within the 7 WD; the leader suspends the case (中止) 10 days back and resumes it
 * today — the 90-day due date moves by those 10 days.
 */
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const fmt = (d: string) => d // fmtDate prints YYYY-MM-DD

describe('行政处罚案件：调查取证', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('证据上传 → 询问笔录打印 → 先行登记保存处理决定 → 中止/恢复顺延办案期限', async () => {
    const { leadNo, handlerApi } = await reportReferredAsLead(server.url, {
      category: 'quality',
      summary: '超市销售假冒口罩',
      facts: '解放区某超市销售假冒品牌口罩。',
      reporter: { name: '欧阳调查', phone: '13912348888' },
      respondent: { name: '焦作市解放区调查测试超市', address: '焦作市解放区民主路2号' },
      receivedAt: `${day(-40)}T02:00:00Z`,
      leadSummary: '经核查，该超市涉嫌销售假冒口罩',
    })
    const admin = await apiLogin(server.url, 'admin')
    const users = (await (await admin.request('GET', '/api/users?q=handler&pageSize=20')).json()) as {
      items: Array<{ id: string; username: string; version: number }>
    }
    const h = users.items.find((u) => u.username === 'handler')!
    expect((await admin.request('PATCH', `/api/users/${h.id}`, { expectedVersion: h.version, certNo: '豫A0820002' })).status).toBe(200)
    const leader = await apiLogin(server.url, 'leader')
    const leads = (await (await leader.request('GET', '/api/leads?pageSize=100')).json()) as { items: Array<{ id: string; leadNo: string; version: number }> }
    const lead = leads.items.find((l) => l.leadNo === leadNo)!
    const choices = (await (await handlerApi.request('GET', '/api/cases/officers')).json()) as { items: Array<{ userId: string; certNo: string }> }
    const officerIds = ['豫A0820002', '豫A0820001'].map((c) => choices.items.find((o) => o.certNo === c)!.userId)
    const opened = await leader.request('POST', '/api/cases', {
      leadId: lead.id,
      leadVersion: lead.version,
      title: '销售假冒口罩案',
      caseType: 'quality',
      partyKind: 'person',
      personName: '王某某',
      personIdNo: '410802198502021234',
      officerIds,
      facts: '当事人销售假冒品牌口罩。',
      filedOn: day(-30),
    })
    expect(opened.status, await opened.clone().text()).toBe(201)
    const caseId = ((await opened.json()) as { id: string }).id

    // --- The handler: evidence with a file, an inquiry record printed, 先行登记保存.
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'handler')
    await page.goto(`/cases/${caseId}`)
    await settle(page)
    await visible(page.getByTestId('case-investigation'))
    await page.getByTestId('evidence-add').click()
    const ef = page.getByTestId('evidence-form')
    await visible(ef)
    await ef.locator('.ant-select').first().click()
    await pickOption(page, '物证')
    await ef.getByLabel('证据名称').fill('假冒口罩样品')
    await ef.getByLabel('证据来源').fill('当事人货架')
    await ef.getByLabel('取证人').fill('执法人员甲、乙')
    await ef.getByLabel('证据名称').press('Control+Enter')
    await ef.waitFor({ state: 'hidden' })
    const evRow = page.getByTestId('case-investigation').locator('tr', { hasText: '假冒口罩样品' })
    await visible(evRow)
    const chooser = page.waitForEvent('filechooser')
    await evRow.getByTestId('evidence-upload').click()
    await (
      await chooser
    ).setFiles({
      name: '样品照片.png',
      mimeType: 'image/png',
      buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
    })
    await visible(evRow.getByTestId('evidence-file').filter({ hasText: '样品照片.png' }))
    await shot(page, 'hA-evidence')

    await page.getByTestId('record-add').click()
    const rf = page.getByTestId('record-form')
    await visible(rf)
    await rf.getByLabel('开始时间（北京时间）').fill(`${day(-5)} 09:30`)
    await rf.getByLabel('结束时间').fill(`${day(-5)} 10:40`)
    await rf.getByLabel('地点').fill('解放区市场监管局询问室')
    await rf.getByLabel('被询问人').fill('王某某')
    await rf.getByLabel('身份证号码（打印时脱敏）').fill('410802198502021234')
    await rf.getByLabel('与案件关系').fill('当事人')
    await rf.getByLabel('问 1').fill('你店内的口罩从何处进货？')
    await rf.getByLabel('答').first().fill('从郑州一家批发商处进货，没有票据。')
    await rf.getByTestId('qa-add').click()
    await rf.getByLabel('问 2').fill('共销售了多少只？')
    await rf.getByLabel('答').nth(1).fill('大约两千只。')
    await shot(page, 'hA-record-form')
    await rf.getByLabel('问 2').press('Control+Enter')
    await rf.waitFor({ state: 'hidden' })
    const recRow = page.getByTestId('case-investigation').locator('tr', { hasText: '询问笔录' })
    await visible(recRow)
    expect(await textOf(recRow)).not.toContain('198502021')
    // The record is also an evidence row.
    await visible(page.getByTestId('case-investigation').locator('tr', { hasText: '询问笔录（王某某）' }))

    // 先行登记保存: asked by the handler.
    await page.getByTestId('preserve-add').click()
    const pf = page.getByTestId('preserve-form')
    await visible(pf)
    await pf.getByLabel('理由（证据可能灭失或者以后难以取得）').fill('涉案口罩可能被转移')
    await pf.getByPlaceholder('物品名称').fill('假冒品牌口罩')
    await pf.getByPlaceholder('数量').fill('40')
    await pf.getByPlaceholder('单位').fill('盒')
    await pf.getByPlaceholder('存放地点').fill('当事人仓库')
    await pf.getByPlaceholder('存放地点').press('Control+Enter')
    await pf.waitFor({ state: 'hidden' })
    await visible(page.getByTestId('preservation').filter({ hasText: '待负责人批准' }))

    // The inquiry record prints from the archive with its Q&A and signature lines.
    await recRow.getByTestId('record-print').click()
    await page.waitForURL('**/documents/*')
    await settle(page)
    const frame = page.frameLocator('[data-testid="doc-frame"]')
    await visible(frame.getByText('被询问人签名', { exact: false }))
    const printed = await textOf(frame.locator('body'))
    for (const part of ['询问笔录', '问：你店内的口罩从何处进货？', '答：大约两千只。', '豫A0820002', '记录人', '王某某']) expect(printed).toContain(part)
    expect(printed).not.toContain('410802198502021234')
    expect(printed).not.toContain('欧阳调查')
    await shot(page, 'hA-inquiry-print')
    expect(errors).toEqual([])

    // The leader approves the preservation in 审批待办 (API): the 7 WD start today.
    const pending = (await (await leader.request('GET', '/api/approvals?pageSize=100')).json()) as {
      items: Array<{ id: string; kind: string; matterLabel: string; version: number }>
    }
    const ap = pending.items.find((a) => a.kind === 'case.preservation')!
    expect((await leader.request('POST', `/api/approvals/${ap.id}/decision`, { decision: 'approve', note: '同意', version: ap.version })).status).toBe(200)

    await page.goto(`/cases/${caseId}`)
    await settle(page)
    const held = page.getByTestId('preservation').filter({ hasText: '保存中' })
    await visible(held)
    await visible(held.getByTestId('preservation-due'))
    await held.getByTestId('preservation-decide').click()
    const df = page.getByTestId('preservation-decision-form')
    await visible(df)
    await df.locator('.ant-select').first().click()
    await pickOption(page, '依法采取查封、扣押措施')
    await df.getByLabel('说明').fill('转为扣押，另行出具决定书')
    await df.getByLabel('说明').press('Control+Enter')
    await df.waitFor({ state: 'hidden' })
    await visible(page.getByTestId('preservation-decision').filter({ hasText: '依法采取查封、扣押措施' }))
    await visible(page.getByTestId('case-documents').getByText('先行登记保存证据处理决定书'))
    await shot(page, 'hA-preservation-decided')
    expect(errors).toEqual([])
    await context.close()

    // --- The leader: 中止 10 days back, 恢复 today — the due date moves by 10 days.
    const s2 = await newSession(browser, server.url)
    await login(s2.page, 'leader')
    await s2.page.goto(`/cases/${caseId}`)
    await settle(s2.page)
    const due0 = (await textOf(s2.page.getByTestId('clock-due-decision'))).trim()
    await s2.page.getByTestId('case-action-suspend').click()
    const sf = s2.page.locator('.ant-modal').filter({ hasText: '中止调查（期间不计入）' })
    await visible(sf)
    await sf.locator('#action-field-ground').click()
    await pickOption(s2.page, '因当事人下落不明致使案件暂时无法调查')
    await sf.locator('#action-field-reason').fill('当事人外出，联系不上')
    const on = sf.locator('#action-field-on')
    await on.click()
    await on.fill(day(-10))
    await on.press('Enter')
    await shot(s2.page, 'hA-suspend-form')
    await sf.locator('#action-field-reason').press('Control+Enter')
    await sf.waitFor({ state: 'hidden' })
    await expect.poll(() => textOf(s2.page.getByTestId('case-state'))).toBe('中止调查')
    await visible(s2.page.locator('[data-clock="decision"]').getByText('中止计算'))
    await s2.page.getByTestId('case-action-resume').click()
    const rsf = s2.page.locator('.ant-modal').filter({ hasText: '恢复调查' })
    await visible(rsf)
    await rsf.locator('#action-field-reason').fill('当事人已到案')
    await rsf.locator('#action-field-reason').press('Control+Enter')
    await rsf.waitFor({ state: 'hidden' })
    await expect.poll(() => textOf(s2.page.getByTestId('case-state'))).toBe('调查取证')
    const due1 = (await textOf(s2.page.getByTestId('clock-due-decision'))).trim()
    // 10 days paused (day -10 … day -1): the 90th day moves by 10 (rolled to a working day).
    expect(due1 > due0).toBe(true)
    const plain = addDays(day(-30), 90)
    expect([addDays(plain, 10), addDays(plain, 11), addDays(plain, 12)].map(fmt)).toContain(due1)
    await visible(s2.page.getByTestId('case-documents').getByText('行政处罚案件有关事项审批表（中止调查）'))
    await visible(s2.page.getByTestId('case-documents').getByText('行政处罚案件有关事项审批表（恢复调查）'))
    await shot(s2.page, 'hA-resumed')
    expect(s2.errors).toEqual([])
    await s2.context.close()
  })
})

import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { composeUscc } from '../src/modules/entities/uscc.domain'
import { apiLogin, login, newSession, overflowsHorizontally, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * Penalty publicity in the browser: a case decided (set up through the API, from a 12315 report's
 * lead) → its publicity record waits in 处罚信息公示 with the 20 WD clock → the publicity officer
 * publishes it → the public penalty page (no login) finds it by name, at desktop and at 390 px, and
 * shows the summary without the reporter → 案件统计 counts the case and its fine.
 */
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)
const PARTY = '焦作市公示浏览器测试大药房有限公司'

describe('行政处罚信息公示', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('决定 → 公示 → 公开页面（桌面与 390 px）→ 案件统计', async () => {
    const admin = await apiLogin(server.url, 'admin')
    const entity = await admin.request('POST', '/api/entities', {
      uscc: composeUscc('91', '410802', 'MA9PUB00'),
      name: PARTY,
      entityType: '有限责任公司',
      legalRep: '周法人',
      businessAddress: '焦作市解放区民主路9号',
      businessDivision: '410802001',
      status: 'active',
    })
    expect(entity.status, await entity.clone().text()).toBe(201)
    const entityId = ((await entity.json()) as { id: string }).id
    const operator = await apiLogin(server.url, 'operator')
    const units = (await (await operator.request('GET', '/api/org/units')).json()) as { items: Array<{ id: string; code: string }> }
    const station = units.items.find((u) => u.code === 'JZ-410802-S01')!.id
    const created = await operator.request('POST', '/api/complaints', {
      types: ['report'],
      channel: 'hotline',
      category: 'price',
      summary: '药房口罩哄抬价格',
      request: '请求查处',
      facts: '口罩每只售价20元。',
      persons: [{ name: '欧阳公示', phone: '13912348888' }],
      respondent: { entityId, name: PARTY },
      dispatchToUnitId: station,
      receivedAt: `${day(-45)}T02:00:00Z`,
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const item = ((await created.json()) as { items: Array<{ id: string }> }).items[0]!
    const handler = await apiLogin(server.url, 'handler')
    const cur = (await (await handler.request('GET', `/api/complaints/${item.id}`)).json()) as { version: number }
    const filed = await handler.request('POST', `/api/complaints/${item.id}/transitions`, {
      expectedVersion: cur.version,
      action: 'file_case',
      summary: '涉嫌哄抬口罩价格',
    })
    expect(filed.status, await filed.clone().text()).toBe(200)
    const leadId = ((await filed.json()) as { leadId: string }).leadId
    const users = (await (await admin.request('GET', '/api/users?q=handler&pageSize=20')).json()) as {
      items: Array<{ id: string; username: string; version: number }>
    }
    const h = users.items.find((u) => u.username === 'handler')!
    expect((await admin.request('PATCH', `/api/users/${h.id}`, { expectedVersion: h.version, certNo: '豫A0820002' })).status).toBe(200)
    const inspector = (await (await admin.request('GET', '/api/users?q=inspector&pageSize=20')).json()) as { items: Array<{ id: string; username: string }> }
    // 立案 is the head's (a handler proposes it through 审批待办; the head may file directly).
    const leader = await apiLogin(server.url, 'leader')
    const opened = await leader.request('POST', '/api/cases', {
      leadId,
      leadVersion: 1,
      title: '哄抬口罩价格案',
      caseType: 'price',
      officerIds: [h.id, inspector.items.find((u) => u.username === 'inspector')!.id],
      facts: '当事人将口罩价格由每只0.5元提高至20元。',
      filedOn: day(-40),
    })
    expect(opened.status, await opened.clone().text()).toBe(201)
    const caseId = ((await opened.json()) as { id: string }).id
    const version = async () => ((await (await handler.request('GET', `/api/cases/${caseId}`)).json()) as { version: number }).version
    const n = await handler.request('POST', `/api/cases/${caseId}/actions/notify`, {
      version: await version(),
      facts: '哄抬口罩价格',
      basis: '《价格法》第十四条',
      intendedPenalty: '罚款5,000元',
      on: day(-30),
    })
    expect(n.status, await n.clone().text()).toBe(200)
    const d = await leader.request('POST', `/api/cases/${caseId}/actions/decide`, {
      version: await version(),
      penaltyType: 'fine',
      facts: '当事人在疫情防控期间哄抬口罩价格，有进货单据、销售记录为证。',
      basis: '《价格违法行为行政处罚规定》第六条',
      fineFen: 500_000,
      on: day(-10),
    })
    expect(d.status, await d.clone().text()).toBe(200)
    const decisionNo = ((await d.json()) as { decisionNo: string }).decisionNo

    // The publicity officer publishes from 处罚信息公示.
    const s1 = await newSession(browser, server.url)
    await login(s1.page, 'credit')
    await s1.page.goto('/case-publicity')
    await settle(s1.page)
    const row = s1.page.getByTestId('publicity-table').locator('tr', { hasText: decisionNo })
    await visible(row)
    expect(await textOf(row)).toContain(PARTY)
    await shot(s1.page, 'publicity-pending')
    await row.getByTestId('publish').click()
    const modal = s1.page.locator('.ant-modal').filter({ hasText: '公示行政处罚信息' })
    await visible(modal)
    await modal.getByRole('button', { name: /确\s*定/ }).click()
    await modal.waitFor({ state: 'hidden' })
    await settle(s1.page)
    await s1.page.getByTestId('publicity-state').getByText('公示中').click()
    await settle(s1.page)
    const published = s1.page.getByTestId('publicity-table').locator('tr', { hasText: decisionNo })
    await visible(published)
    expect(await textOf(published)).toMatch(/公示至 \d{4}/)
    await shot(s1.page, 'publicity-published')
    expect(s1.errors).toEqual([])
    await s1.context.close()

    // The public page, no login: desktop.
    const s2 = await newSession(browser, server.url)
    await s2.page.goto('/public/penalties')
    await settle(s2.page)
    await s2.page.getByTestId('penalty-search').locator('input').fill('公示浏览器测试')
    await s2.page.getByTestId('penalty-search').locator('input').press('Enter')
    await settle(s2.page)
    const hit = s2.page.getByTestId('penalty-list').locator('tr', { hasText: PARTY })
    await visible(hit)
    expect(await textOf(hit)).toContain('罚款人民币5,000.00元')
    await hit.click()
    const detail = s2.page.getByTestId('penalty-detail')
    await visible(detail)
    const text = await textOf(detail)
    for (const part of [decisionNo, '周法人', '价格', '《价格违法行为行政处罚规定》第六条', '公示期限']) expect(text).toContain(part)
    expect(await textOf(s2.page.locator('body'))).not.toContain('欧阳公示')
    expect(await textOf(s2.page.locator('body'))).not.toContain('13912348888')
    await shot(s2.page, 'public-penalty-desktop')
    expect(s2.errors).toEqual([])
    await s2.context.close()

    // The public page at 390 px: cards, no sideways scrolling.
    const s3 = await newSession(browser, server.url, { width: 390, height: 844 })
    await s3.page.goto(`/public/penalties?q=${encodeURIComponent('公示浏览器测试')}`)
    await settle(s3.page)
    const card = s3.page.getByTestId('penalty-row').filter({ hasText: PARTY })
    await visible(card)
    expect(await overflowsHorizontally(s3.page)).toBe(false)
    await shot(s3.page, 'public-penalty-390')
    await card.click()
    await visible(s3.page.getByTestId('penalty-detail'))
    await shot(s3.page, 'public-penalty-390-detail')
    expect(s3.errors).toEqual([])
    await s3.context.close()

    // 案件统计 counts the case and its fine (this year, the leader's whole city).
    const s4 = await newSession(browser, server.url)
    await login(s4.page, 'leader')
    await s4.page.goto(`/case-stats?period=range&from=${day(-60)}&to=${day(0)}`)
    await settle(s4.page)
    await visible(s4.page.getByTestId('case-stats-table'))
    expect(Number((await textOf(s4.page.getByTestId('total-filed'))).replace(/,/g, ''))).toBeGreaterThanOrEqual(1)
    expect(await textOf(s4.page.getByTestId('total-fineFen'))).toMatch(/5,000\.00/)
    await visible(s4.page.getByTestId('case-stats-table').getByText('价格').first())
    await shot(s4.page, 'case-stats')
    expect(s4.errors).toEqual([])
    await s4.context.close()
  })
})

import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { composeUscc } from '../src/modules/entities'
import { apiLogin, login, motion, newSession, pickOption, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * 12315 in the browser. The whole path: a member of the public submits a complaint in the portal
 * (proof of work solved in the page), the operator dispatches it, the 解放区 handler accepts it,
 * mediates and closes it with a recovered amount (Order 121: follow-up visit first), the public
 * tracking page shows the outcome and takes a rating, and the statistics table and the daily
 * report count it (against the figures read from the API before). Then the hotline form driven by
 * the keyboard (respondent suggestion picked with ↓ and Enter, live preview of the competent unit
 * and deadline), the work queue's clock colours, a leader's supervision notice and a
 * national-platform batch import. The demo server has no market entities: this file registers
 * two respondents in 解放区 (division 410802…).
 */

/** The page globals used below (run in the page; the root tsconfig has no DOM library). */
declare const document: { activeElement: { id: string } | null }
declare function getComputedStyle(el: unknown): { borderInlineStartColor: string }

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')
/** A figure as shown ("1,234.50", "¥120.50", "3") as a number. */
const num = (t: string) => Number(t.replace(/[^\d.-]/g, ''))

async function registerEntity(server: TestServer, body: string, name: string, address: string) {
  const admin = await apiLogin(server.url, 'admin')
  const r = await admin.request('POST', '/api/entities', {
    uscc: composeUscc('91', '410802', body),
    name,
    businessDivision: '410802001',
    businessAddress: address,
  })
  expect(r.status, await r.clone().text()).toBe(201)
}

/** Opens an action's modal on the detail page, lets `fill` complete it, confirms, waits for the new state. */
async function act(page: Page, action: string, state: string, fill?: (modal: ReturnType<Page['locator']>) => Promise<void>) {
  await page.getByTestId(`action-${action}`).click()
  const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('action-ok') })
  await visible(modal)
  // The form is built from the declaration once the modal has opened: confirm after its opening motion.
  await motion(page)
  if (fill) await fill(modal)
  await page.getByTestId('action-ok').click()
  await expect.poll(() => textOf(page.getByTestId('detail-state')), { timeout: 30_000 }).toBe(state)
  await modal.waitFor({ state: 'hidden' })
}

// This file needs the live demo items only, not the 18-month history (startServer leaves it out);
// the statistics are refreshed incrementally from the items, so the checks below hold without it.

describe('12315 投诉举报', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('网上投诉 → 分送 → 受理 → 调解 → 回访办结（挽回损失）→ 公众查询与评价', async () => {
    const respondent = '焦作市解放区浏览器测试百货有限公司'
    await registerEntity(server, 'TT000001', respondent, '焦作市解放区民主南路88号')
    // The figures before, from the API, to compare the pages with at the end.
    const leader = await apiLogin(server.url, 'leader')
    const units = (await (await leader.request('GET', '/api/org/units')).json()) as { items: Array<{ id: string; code: string }> }
    const jfId = units.items.find((u) => u.code === 'JZ-410802')!.id
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const from = `${today.slice(0, 8)}01`
    const stats0 = (
      (await (await leader.request('GET', `/api/complaint-stats?from=${from}&to=${today}&unitId=${jfId}&groupBy=unit`)).json()) as {
        total: { received: number; accepted: number; mediatedOk: number; recoveredFen: number }
      }
    ).total
    const daily = (await (await leader.request('GET', `/api/complaint-reports/daily?day=${today}&unitId=${jfId}`)).json()) as {
      totals: { received: number }
      closed: Array<{ items: number; recoveredFen: number }>
    }
    const daily0 = {
      received: daily.totals.received,
      closedItems: daily.closed.reduce((a, c) => a + c.items, 0),
      closedFen: daily.closed.reduce((a, c) => a + c.recoveredFen, 0),
    }

    // 1. The public, on a phone, no account.
    const pub = await newSession(browser, server.url, { width: 390, height: 844 })
    await pub.page.goto('/public/12315')
    await visible(pub.page.getByTestId('portal-submit'))
    await pub.page.locator('#category').click()
    await pickOption(pub.page, '质量')
    await pub.page.locator('#respondentName').fill(respondent)
    await pub.page.locator('#respondentAddress').fill('焦作市解放区民主南路88号')
    await pub.page.locator('#summary').fill('买到的电热水壶使用时漏电')
    await pub.page.locator('#facts').fill('11月在该店购买电热水壶一只，第二次使用时外壳带电，手被电麻。')
    await pub.page.locator('#request').fill('要求退货退款并赔偿')
    await pub.page.locator('#name').fill('王小明')
    await pub.page.locator('#phone').fill('13803910000')
    await pub.page.locator('#address').fill('焦作市解放区焦东路1号')
    // The honeypot sits off-screen, out of the tab order.
    expect((await pub.page.locator('#website').boundingBox())!.x).toBeLessThan(0)
    expect(await pub.page.locator('#website').getAttribute('tabindex')).toBe('-1')
    await pub.page.getByTestId('portal-privacy-accept').click()
    await pub.page.getByTestId('portal-submit').click()
    const itemNo = await textOf(pub.page.getByTestId('portal-item-no'))
    const code = await textOf(pub.page.getByTestId('portal-query-code'))
    expect(itemNo).toMatch(/^TS\d{4}\d{7}$/)
    expect(code).toMatch(/^[A-Z2-9]{10}$/)
    expect(await textOf(pub.page.getByTestId('portal-result').locator('..'))).toContain('查询码只显示这一次')
    await shot(pub.page, 'portal-submitted')

    // 2. The operator finds it in the queue and dispatches it; the station follows the place of business.
    const op = await newSession(browser, server.url)
    await login(op.page, 'operator')
    await op.page.getByRole('menuitem', { name: '工作台' }).click()
    await op.page.waitForURL('**/complaints')
    await op.page.getByTestId('queue-search').fill(itemNo)
    await op.page.getByTestId('queue-search').press('Enter')
    const row = op.page.getByTestId('queue').locator('.ant-table-row').filter({ hasText: itemNo })
    await visible(row)
    expect(await row.innerText()).toContain('待分送')
    expect(await row.innerText()).not.toContain('王小明')
    expect(await row.innerText()).toContain('138****0000')
    await row.getByTestId('queue-item-no').click()
    await op.page.waitForURL('**/complaints/*')
    await visible(op.page.getByTestId('action-dispatch'))
    expect(await textOf(op.page.getByTestId('detail-header'))).toContain('焦作市解放区市场监督管理局')
    await act(op.page, 'dispatch', '待受理', async (modal) => {
      // The suggestion (the station of the place of business) replaces the default bureau.
      await expect.poll(() => modal.innerText()).toContain('建议：民生市场监管所')
      await expect.poll(() => modal.locator('[title="民生市场监管所"]').count()).toBeGreaterThan(0)
    })
    expect(await textOf(op.page.getByTestId('detail-unit'))).toBe('民生市场监管所')
    expect(op.errors).toEqual([])
    await op.context.close()

    // 3. The 解放区 handler accepts, mediates, concludes with a recovered amount, visits and closes.
    const hd = await newSession(browser, server.url)
    await login(hd.page, 'handler')
    await hd.page.getByRole('menuitem', { name: '工作台' }).click()
    await hd.page.getByTestId('queue-search').fill(itemNo)
    await hd.page.getByTestId('queue-search').press('Enter')
    const hrow = hd.page.getByTestId('queue').locator('.ant-table-row').filter({ hasText: itemNo })
    await visible(hrow)
    await hrow.getByTestId('queue-item-no').click()
    await visible(hd.page.getByTestId('action-accept'))
    expect(await textOf(hd.page.getByTestId('clocks'))).toContain('受理决定期限')
    await act(hd.page, 'accept', '调解中')
    expect(await textOf(hd.page.getByTestId('clocks'))).toContain('调解期限')
    await act(hd.page, 'conclude', '调解结束', async (modal) => {
      await modal.locator('#action_recoveredYuan').fill('120.5')
    })
    expect(await textOf(hd.page.getByTestId('detail-recovered'))).toBe('¥120.50')
    await act(hd.page, 'follow_up', '待回访')
    await act(hd.page, 'close', '已办结', async (modal) => {
      await modal.locator('#action_followUpResult').fill('电话回访，投诉人对处理结果满意')
    })
    // The assigned handler may see the complainant in full; the view is audited.
    expect(await textOf(hd.page.getByTestId('masked-parties'))).not.toContain('王小明')
    await hd.page.getByTestId('reveal-parties').click()
    expect(await textOf(hd.page.getByTestId('revealed'))).toContain('13803910000')
    expect(await textOf(hd.page.getByTestId('revealed-note'))).toContain('已记入审计日志')
    await shot(hd.page, 'complaint-detail-closed')
    // Issuing the acceptance notice (a POST) opens its print view; the item lists it afterwards.
    const itemUrl = hd.page.url()
    await hd.page.getByTestId('issue-document').hover()
    await hd.page.getByRole('menuitem', { name: '受理告知书' }).click()
    await hd.page.waitForURL(/\/documents\/[0-9a-f-]{36}$/)
    expect(await textOf(hd.page.frameLocator('[data-testid="doc-frame"]').locator('h1').first())).toContain('受理告知书')
    await hd.page.goto(itemUrl)
    await visible(hd.page.getByTestId('document-complaint.acceptance'))
    expect(await textOf(hd.page.getByTestId('timeline'))).toContain('挽回经济损失 ¥120.50')
    expect(hd.errors).toEqual([])
    await hd.context.close()

    // 4. The public follows the item with number and query code, sees the outcome and rates it.
    await pub.page.getByRole('button', { name: '查询办理进度' }).click()
    await pub.page.waitForURL('**/public/12315/track')
    expect(await textOf(pub.page.getByTestId('track-state'))).toBe('已办结')
    expect(await textOf(pub.page.getByTestId('track-recovered'))).toBe('¥120.50')
    const timeline = await textOf(pub.page.getByTestId('track-timeline'))
    for (const step of ['您的诉求已登记', '已分送承办单位办理', '已受理', '调解结束', '回访中', '已办结']) expect(timeline).toContain(step)
    expect(timeline).not.toContain('回访情况')
    await pub.page.getByTestId('portal-rate').locator('.ant-rate-star').nth(4).click()
    await pub.page.getByTestId('portal-rate-submit').click()
    await pub.page.getByTestId('portal-rate').waitFor({ state: 'detached' })
    expect(await textOf(pub.page.getByTestId('track-result'))).toContain('您的评价')
    await shot(pub.page, 'portal-track')
    // Typed by hand (lower case is fine), then a wrong code: it reads like a missing number.
    await pub.page.getByTestId('track-code').fill(code.toLowerCase())
    await pub.page.getByTestId('track-submit').click()
    await expect.poll(() => textOf(pub.page.getByTestId('track-result'))).toContain('您的评价')
    await pub.page.getByTestId('track-code').fill('AAAAAAAAAA')
    await pub.page.getByTestId('track-submit').click()
    expect(await textOf(pub.page.getByTestId('track-error'))).toContain('诉求编号或查询码不正确')
    expect(pub.errors).toEqual([])
    await pub.context.close()

    // 5. The statistics table and the daily report count it: exactly one more item received,
    // accepted, mediated successfully and closed in 解放区, ¥120.50 more recovered.
    const ld = await newSession(browser, server.url)
    await login(ld.page, 'leader')
    await ld.page.goto(`/complaint-stats?period=month&from=${from}&to=${today}&unitId=${jfId}`)
    const total = ld.page.getByTestId('stats-total')
    await visible(total)
    await settle(ld.page)
    const cell = (m: string) => textOf(total.locator(`[data-measure="${m}"]`)).then(num)
    expect(await cell('received')).toBe(stats0.received + 1)
    expect(await cell('accepted')).toBe(stats0.accepted + 1)
    expect(await cell('mediatedOk')).toBe(stats0.mediatedOk + 1)
    expect(await cell('recoveredFen')).toBeCloseTo((stats0.recoveredFen + 12050) / 100, 2)
    await shot(ld.page, 'complaint-stats')
    await ld.page.goto(`/complaint-daily?unitId=${jfId}`)
    await visible(ld.page.getByTestId('daily-kpis'))
    await settle(ld.page)
    expect(num(await textOf(ld.page.getByTestId('daily-received').locator('[data-value]')))).toBe(daily0.received + 1)
    const closedKpi = ld.page.getByTestId('daily-closed')
    expect(num(await textOf(closedKpi.locator('[data-value]')))).toBe(daily0.closedItems + 1)
    expect(num((await textOf(closedKpi.locator('.kpi-sub'))).replace('挽回损失', ''))).toBeCloseTo((daily0.closedFen + 12050) / 100, 2)
    expect(ld.errors).toEqual([])
    await ld.context.close()
  })

  it('热线登记：键盘录入、名录联想、管辖与期限预览；工作台按期限着色', async () => {
    const respondent = '焦作市解放区键盘测试电器有限公司'
    await registerEntity(server, 'KB000001', respondent, '焦作市解放区人民路66号')
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'operator')
    await page.getByRole('menuitem', { name: '热线登记' }).click()
    await page.waitForURL('**/complaint-intake')
    await settle(page)

    // The caller's name has the focus; Enter moves field to field.
    await expect.poll(() => focusedId(page)).toBe('intake_persons_0_name')
    await page.keyboard.type('李晓梅')
    await page.keyboard.press('Enter')
    expect(await focusedId(page)).toBe('intake_persons_0_phone')
    await page.keyboard.type('13903918888')
    await page.keyboard.press('Enter')
    await page.keyboard.type('焦作市解放区建设路12号')
    await page.keyboard.press('Enter')
    expect(await focusedId(page)).toBe('intake_persons_0_idNo')
    await page.keyboard.press('Enter')
    expect(await focusedId(page)).toBe('intake_hasAgent')
    await page.keyboard.press('Enter')
    expect(await focusedId(page)).toBe('intake_respondent_name')

    // Register suggestion, chosen with the keyboard (↓ highlights it, Enter takes it).
    await page.keyboard.type('键盘测试')
    await visible(page.getByTestId('respondent-option').first())
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#intake_respondent_name').inputValue()).toBe(respondent)
    expect(await textOf(page.getByTestId('respondent-picked'))).toContain('民生市场监管所')

    // Live preview: competent unit and the acceptance deadline.
    await expect.poll(() => textOf(page.getByTestId('preview-competent'))).toBe('焦作市解放区市场监督管理局')
    const clocks = await textOf(page.getByTestId('preview-clocks-complaint'))
    expect(clocks).toContain('受理决定期限')
    expect(clocks).toMatch(/\d{4}-\d{2}-\d{2}/)

    await page.locator('#intake_category').focus()
    await page.keyboard.type('质量')
    await page.keyboard.press('Enter')
    await page.locator('#intake_summary').focus()
    await page.keyboard.type('购买的电暖器无法制热')
    await page.keyboard.press('Enter')
    expect(await focusedId(page)).toBe('intake_facts')
    await page.keyboard.type('上周在该公司购买电暖器一台，通电后无法制热，商家拒绝退换。')
    await page.keyboard.press('Tab')
    await page.keyboard.type('要求退货退款')
    await shot(page, 'complaint-intake')
    await page.keyboard.press('Control+Enter')
    const saved = page.getByTestId('intake-saved')
    await visible(saved)
    const itemNo = await textOf(page.getByTestId('saved-item-no'))
    expect(itemNo).toMatch(/^TS\d{11}$/)
    await expect.poll(() => saved.innerText()).toMatch(/未发现疑似重复件|疑似重复/)
    // The form is ready for the next call.
    await expect.poll(() => focusedId(page)).toBe('intake_persons_0_name')
    expect(await page.locator('#intake_persons_0_name').inputValue()).toBe('')

    // The work queue: the new item on time (green), overdue demo items red.
    await page.getByRole('menuitem', { name: '工作台' }).click()
    await page.getByTestId('queue-search').fill(itemNo)
    await page.getByTestId('queue-search').press('Enter')
    const row = page.getByTestId('queue').locator('.ant-table-row').filter({ hasText: itemNo })
    await visible(row)
    const clock = row.locator('[data-clock]')
    expect(await clock.getAttribute('data-clock')).toBe('on_time')
    expect(await clock.innerText()).toMatch(/正常 · 剩 \d+ 个工作日/)
    await page.goto('/complaints?clock=overdue')
    await settle(page)
    const late = page.getByTestId('queue').locator('.ant-table-row.c-row-overdue')
    await expect.poll(() => late.count()).toBeGreaterThan(0)
    const lateClock = late.first().locator('[data-clock]')
    expect(await lateClock.getAttribute('data-clock')).toBe('overdue')
    expect(await lateClock.innerText()).toMatch(/超期 \d+ 个工作日|已超期/)
    expect(await lateClock.evaluate((el) => getComputedStyle(el).borderInlineStartColor)).toBe('rgb(245, 34, 45)')
    await shot(page, 'complaint-queue-overdue')
    expect(errors).toEqual([])
    await context.close()
  })
  it('督办：领导查看超期件并发出督办，承办单位可见', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'leader')
    await page.getByRole('menuitem', { name: '督办' }).click()
    await page.waitForURL('**/complaint-supervision')
    await settle(page)
    const jf = page.getByTestId('unit-counts').locator('.ant-table-row').filter({ hasText: '解放区' })
    await visible(jf)
    expect(Number((await jf.locator('td').nth(1).innerText()).trim())).toBeGreaterThan(0)
    const rows = page.getByTestId('supervision-list').locator('.ant-table-row')
    await expect.poll(() => rows.count()).toBeGreaterThan(0)
    const first = rows.first()
    const itemNo = (await first.getByRole('button').first().innerText()).trim()
    await first.getByTestId('supervise-item').click()
    const modal = page.locator('.ant-modal').filter({ hasText: `督办 · ${itemNo}` })
    await visible(modal)
    await motion(page)
    await page.keyboard.type('该件已超期，请三日内办结并报告办理情况')
    await page.keyboard.press('Control+Enter')
    await modal.waitFor({ state: 'hidden' })
    await page.locator('.ant-segmented').getByText('督办待回复', { exact: true }).click()
    await page.waitForURL(/view=supervised/)
    await settle(page)
    // Only the item just supervised (the demo has no other supervision notices).
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().innerText()).toContain(itemNo)
    await page.getByTestId('supervision-list').getByRole('button', { name: itemNo }).click()
    await page.waitForURL('**/complaints/*')
    expect(await textOf(page.getByTestId('supervisions'))).toContain('该件已超期，请三日内办结并报告办理情况')
    expect(await textOf(page.getByTestId('supervisions'))).toContain('待回复')
    await shot(page, 'complaint-supervised')
    expect(errors).toEqual([])
    await context.close()
  })

  it('全国平台转办导入：逐行校验、错误明细、只导入正确的行', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'operator')
    await page.getByRole('menuitem', { name: '平台转办导入' }).click()
    await page.waitForURL('**/complaint-import')
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10)
    const csv = [
      '平台编号,类型,接收时间,分类,摘要,诉求,事实,姓名,电话,地址,被投诉人,被投诉人地址,行政区划',
      `E2E-0001,投诉,${yesterday} 09:30,价格,理发店办卡后拒绝退卡,退还余额,在该店办卡充值后店铺停业,孙丽丽,13603910001,焦作市解放区丰收路8号,焦作市解放区美发店,焦作市解放区丰收路9号,410802001`,
      `E2E-0002,投拆,${yesterday} 10:00,价格,类型写错的一行,退款,事实,周强,13603910002,焦作市解放区丰收路10号,焦作市解放区某店,焦作市解放区丰收路11号,410802001`,
    ].join('\r\n')
    await page.locator('.ant-upload input[type=file]').setInputFiles({ name: '转办件.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + csv, 'utf8') })
    const summary = page.getByTestId('import-summary')
    await visible(summary)
    expect(await summary.innerText()).toMatch(/正确\s*1/)
    expect(await textOf(page.getByTestId('import-errors'))).toContain('类型应为')
    await page.getByTestId('import-valid-only').click()
    expect(await textOf(page.getByTestId('import-result'))).toContain('新增 1 件')
    await shot(page, 'complaint-import')
    expect(errors).toEqual([])
    await context.close()
  })
})

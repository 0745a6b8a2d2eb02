import ExcelJS from 'exceljs'
import type { Browser, Download, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiLogin, login, motion, newSession, shot, textOf, useServerAndBrowser, visible, type ApiSession, type TestServer } from './support'

/**
 * 12315 analytics in the browser, on the demo city's 18-month history (2019-07 → 2020-12, the
 * 2020 surge): a leader reads the statistics table and its figures equal an independent count
 * from the raw items (the work-queue API, summed here in plain JS); the Excel export opens with
 * exceljs and holds the same total; the masked raw-item export holds no full phone number and
 * no reporter; the daily report shows the day's counts; the leader dashboard draws its charts;
 * an alert raised by the demo rules during the surge is acknowledged (audited).
 */

const FROM = '2020-02-01'
const TO = '2020-02-29'
const DAY = '2020-02-05'
const SUCCESSFUL = new Set(['agreement_with_doc', 'agreement_no_doc', 'settled'])

/** A figure as shown ("1,234.50", "96.9%", "3") as a number. */
const num = (t: string) => Number(t.replace(/[^\d.-]/g, ''))
const oneDecimal = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const DAY_MS = 86_400_000
const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS)

interface RawItem {
  type: string
  state: string
  outcome: string | null
  recoveredFen: number
  receivedOn: string
  closedOn: string | null
}

async function json<T>(s: ApiSession, path: string): Promise<T> {
  const r = await s.request('GET', path)
  expect(r.status, `${path}: ${await r.clone().text()}`).toBe(200)
  return (await r.json()) as T
}

/** Every raw item of a unit's subtree received in the period, through the work-queue API (not the statistics). */
async function rawItems(s: ApiSession, q: Record<string, string>): Promise<RawItem[]> {
  const out: RawItem[] = []
  for (let page = 1; ; page++) {
    const r = await json<{ items: RawItem[]; total: number }>(s, `/api/complaints?${new URLSearchParams({ ...q, page: String(page), pageSize: '200' })}`)
    out.push(...r.items)
    if (out.length >= r.total || r.items.length === 0) break
  }
  return out.filter((i) => i.state !== 'merged')
}

async function listTotal(s: ApiSession, q: Record<string, string>): Promise<number> {
  const all = (await json<{ total: number }>(s, `/api/complaints?${new URLSearchParams({ ...q, pageSize: '1' })}`)).total
  const merged = (await json<{ total: number }>(s, `/api/complaints?${new URLSearchParams({ ...q, state: 'merged', pageSize: '1' })}`)).total
  return all - merged
}

async function workbookOf(d: Download): Promise<ExcelJS.Workbook> {
  const path = await d.path()
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb
}

const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))

/** The page globals used below (run in the page; the root tsconfig has no DOM library). */
declare const document: { querySelector(selector: string): unknown }

/**
 * Waits until no antd spinner or skeleton shows. Not `networkidle`: the printable report in its
 * iframe and a busy shared machine can keep the network from idling long after the page is ready.
 */
async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, { timeout: 30_000 })
}

async function download(page: Page, testId: string): Promise<Download> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId(testId).click()])
  return d
}

describe('12315 统计分析', () => {
  let server: TestServer
  let browser: Browser
  // The statistics need the 18-month demo history.
  useServerAndBrowser(
    (s, b) => {
      server = s
      browser = b
    },
    { history: true },
  )

  it('统计报表与独立计数一致，导出 Excel；日报；领导看板；确认预警', async () => {
    const leader = await apiLogin(server.url, 'leader')
    const units = (await json<{ items: Array<{ id: string; code: string; shortName: string | null }> }>(leader, '/api/org/units')).items
    const zz = units.find((u) => u.code === 'JZ-410803')!
    const jf = units.find((u) => u.code === 'JZ-410802')!

    // Independent figures from the raw items.
    const cityReceived = await listTotal(leader, { receivedFrom: FROM, receivedTo: TO })
    const jfReceived = await listTotal(leader, { receivedFrom: FROM, receivedTo: TO, unitId: jf.id })
    const zzItems = await rawItems(leader, { receivedFrom: FROM, receivedTo: TO, unitId: zz.id })
    const zzClosed = zzItems.filter((i) => i.state === 'closed' && i.closedOn)
    const zzExpected = {
      received: zzItems.length,
      mediatedOk: zzItems.filter((i) => i.type === 'complaint' && i.outcome && SUCCESSFUL.has(i.outcome)).length,
      recoveredYuan: zzItems.reduce((s, i) => s + i.recoveredFen, 0) / 100,
      avgDays: zzClosed.reduce((s, i) => s + days(i.receivedOn, i.closedOn!), 0) / zzClosed.length,
    }
    expect(cityReceived).toBeGreaterThan(1000)
    expect(zzExpected.received).toBeGreaterThan(5)

    const { page, context, errors } = await newSession(browser, server.url, { width: 1440, height: 900 })
    // The statistics over a whole month and the dashboard over a quarter take a moment on a busy machine.
    page.setDefaultTimeout(30_000)
    await login(page, 'leader')

    // 1. The statistics table for February 2020, city-wide, by unit.
    await page.getByRole('menuitem', { name: '统计报表' }).click()
    await page.waitForURL('**/complaint-stats')
    await page.goto(`/complaint-stats?period=month&from=${FROM}&to=${TO}`)
    const total = page.getByTestId('stats-total')
    await visible(total, 30_000)
    await ready(page)
    expect(num(await textOf(total.locator('[data-measure="received"]')))).toBe(cityReceived)
    const table = page.getByTestId('stats-table')
    const rowOf = (name: string) =>
      table
        .locator('tr.ant-table-row')
        .filter({ has: page.locator('td', { hasText: new RegExp(`^${name}$`) }) })
        .first()
    const cell = async (name: string, m: string) => textOf(rowOf(name).locator(`[data-measure="${m}"]`))
    expect(num(await cell('解放区', 'received'))).toBe(jfReceived)
    expect(num(await cell('中站区', 'received'))).toBe(zzExpected.received)
    expect(num(await cell('中站区', 'mediatedOk'))).toBe(zzExpected.mediatedOk)
    expect(await cell('中站区', 'recoveredFen')).toBe(zzExpected.recoveredYuan.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }))
    // The API rounds to 2 decimals, the page shows 1.
    expect(await cell('中站区', 'avgHandlingDays')).toBe(oneDecimal.format(Math.round(zzExpected.avgDays * 100) / 100))
    // The definition of a measure is on its column.
    await page.getByTestId('col-onTimeVerificationRate').first().hover()
    await expect.poll(() => page.locator('.ant-tooltip:visible').last().innerText()).toContain('核查期限')

    // Roll-up: 解放区 expands into its stations and departments (and 本级), which add up to it.
    await rowOf('解放区').locator('.ant-table-row-expand-icon').click()
    const children = table.locator('tr.stats-child-row')
    await expect.poll(() => children.count()).toBeGreaterThan(1)
    const childReceived = await children.locator('[data-measure="received"]').allInnerTexts()
    expect(childReceived.reduce((s, t) => s + num(t), 0)).toBe(jfReceived)
    await shot(page, 'complaint-stats-rollup')

    // 2. Excel export of the table: opens with exceljs, the header and the same total.
    const statsXlsx = await workbookOf(await download(page, 'stats-export'))
    const ws = statsXlsx.getWorksheet('统计表')!
    const header = rowValues(ws, 2)
    for (const h of ['单位', '登记量', '受理', '调解成功率', '挽回经济损失（元）', '按时受理率', '按时核查率', '平均办理时长（天）', '超期件数'])
      expect(header).toContain(h)
    let totalRow: string[] | undefined
    ws.eachRow((_r, n) => {
      if (rowValues(ws, n)[0] === '合计') totalRow = rowValues(ws, n)
    })
    expect(totalRow, '统计表应有合计行').toBeDefined()
    expect(Number(totalRow![header.indexOf('登记量')])).toBe(cityReceived)

    // The masked raw items of 中站区: one row per item, no full phone number, no reporter.
    await page.goto(`/complaint-stats?period=month&from=${FROM}&to=${TO}&unitId=${zz.id}`)
    await visible(page.getByTestId('stats-total'), 30_000)
    await ready(page)
    const itemsXlsx = await workbookOf(await download(page, 'items-export'))
    const iws = itemsXlsx.worksheets[0]!
    expect(iws.rowCount - 1).toBe(zzExpected.received)
    const ih = rowValues(iws, 1)
    const phoneCol = ih.indexOf('联系电话（脱敏）')
    const nameCol = ih.indexOf('投诉人／咨询人（脱敏）')
    const typeCol = ih.indexOf('类型')
    expect(phoneCol).toBeGreaterThan(0)
    for (let n = 2; n <= iws.rowCount; n++) {
      const v = rowValues(iws, n)
      expect(v[phoneCol] ?? '').toMatch(/^(\d{3}\*{4}\d{4})?$/)
      if (v[typeCol] === '举报') expect(['实名（保密）', '匿名']).toContain(v[nameCol])
    }

    // 3. The daily report of a surge day: the counts equal the raw items of that day.
    const dayTotal = await listTotal(leader, { receivedFrom: DAY, receivedTo: DAY })
    const dayComplaints = await listTotal(leader, { receivedFrom: DAY, receivedTo: DAY, type: 'complaint' })
    await page.getByRole('menuitem', { name: '日报' }).click()
    await page.waitForURL('**/complaint-daily')
    await page.goto(`/complaint-daily?day=${DAY}`)
    await visible(page.getByTestId('daily-kpis'), 30_000)
    await ready(page)
    expect(num(await textOf(page.getByTestId('daily-received').locator('[data-value]')))).toBe(dayTotal)
    expect(num(await textOf(page.getByTestId('daily-type-complaint').locator('[data-value]')))).toBe(dayComplaints)
    const printable = page.frameLocator('[data-testid="daily-frame"]')
    await printable.locator('h1').waitFor()
    expect(await printable.locator('h1').innerText()).toContain('日报')
    expect(await printable.locator('.kpi').first().innerText()).toContain(String(dayTotal))
    const dailyXlsx = await workbookOf(await download(page, 'daily-export'))
    const summary = dailyXlsx.getWorksheet('概况')!
    const kv = new Map<string, string>()
    summary.eachRow((_, n) => {
      const [k, v] = rowValues(summary, n)
      if (k) kv.set(k, v ?? '')
    })
    expect(Number(kv.get('当日登记'))).toBe(dayTotal)
    await shot(page, 'complaint-daily')

    // 4. The leader dashboard for the first quarter of 2020: every chart drawn.
    await page.getByRole('menuitem', { name: '领导看板' }).click()
    await page.waitForURL('**/complaint-dashboard')
    await page.goto('/complaint-dashboard?period=quarter&from=2020-01-01&to=2020-03-31')
    await visible(page.getByTestId('dash-kpis'), 30_000)
    await ready(page)
    for (const id of ['chart-trend', 'chart-types', 'chart-categories', 'chart-units', 'chart-ontime', 'chart-terms']) {
      await visible(page.getByTestId(id).first().locator('canvas'))
    }
    expect(await page.getByTestId('dash-kpis').innerText()).toContain('按时核查率')
    await shot(page, 'complaint-dashboard')

    // 5. Acknowledge the newest open alert (the demo rules fired during the surge); audited.
    const open = await json<{ items: Array<{ id: string; title: string }>; total: number }>(leader, '/api/complaint-alerts?status=open&pageSize=1')
    expect(open.total).toBeGreaterThan(0)
    const target = open.items[0]!
    const list = page.getByTestId('alert-list')
    await visible(list.getByTestId('alert-row'), 30_000)
    expect(await list.getByTestId('alert-row').first().innerText()).toContain(target.title)
    await list.getByTestId('alert-ack').first().click()
    const modal = page.locator('.ant-modal').filter({ hasText: '确认预警' })
    await visible(modal)
    await motion(page)
    await modal.getByLabel('处理意见').fill('已部署口罩价格专项检查')
    await page.getByTestId('ack-submit').click()
    await modal.waitFor({ state: 'hidden' })
    const acked = await json<{ items: Array<{ id: string; acknowledgedByName: string | null; ackNote: string | null }> }>(
      leader,
      '/api/complaint-alerts?status=acknowledged&pageSize=50',
    )
    const done = acked.items.find((a) => a.id === target.id)
    expect(done?.acknowledgedByName).toBe('李卫东')
    expect(done?.ackNote).toBe('已部署口罩价格专项检查')
    await expect.poll(async () => (await json<{ total: number }>(leader, '/api/complaint-alerts?status=open&pageSize=1')).total).toBe(open.total - 1)
    const auditor = await apiLogin(server.url, 'auditor')
    const audit = await json<{ items: Array<{ targetId: string | null; action: string }> }>(auditor, '/api/audit?action=complaint.alert.acknowledge&pageSize=5')
    expect(audit.items.map((a) => a.targetId)).toContain(target.id)

    // 5b. 批量确认: the rest of the dashboard's page of alerts at once, each audited.
    const left = (await json<{ total: number }>(leader, '/api/complaint-alerts?status=open&pageSize=1')).total
    await visible(page.getByTestId('alert-ack-page'))
    await page.getByTestId('alert-ack-page').click()
    const bulkModal = page.locator('.ant-modal-confirm').filter({ hasText: '确认本页' })
    await visible(bulkModal)
    await motion(page)
    await bulkModal.getByRole('button', { name: '全部确认' }).click()
    await expect.poll(async () => (await json<{ total: number }>(leader, '/api/complaint-alerts?status=open&pageSize=1')).total).toBe(left - Math.min(5, left))

    // 6. Drill-down: the 登记量 card opens the work queue with the period and unit in the address,
    // and the queue asks for exactly the items the card counts.
    await page.goto('/complaint-dashboard?period=quarter&from=2020-01-01&to=2020-03-31')
    await visible(page.getByTestId('dash-kpis'), 30_000)
    await ready(page)
    const city = units.find((u) => u.code === 'JZ')!
    const q1 = (await json<{ total: number }>(leader, `/api/complaints?receivedFrom=2020-01-01&receivedTo=2020-03-31&unitId=${city.id}&pageSize=1`)).total
    const dashQ1 = await json<{ totals: { received: number } }>(leader, `/api/complaint-stats/dashboard?from=2020-01-01&to=2020-03-31&unitId=${city.id}`)
    expect(q1).toBe(dashQ1.totals.received)
    const listed = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/complaints' && new URL(r.url()).searchParams.get('receivedFrom') === '2020-01-01',
    )
    await page
      .getByTestId('dash-kpis')
      .getByRole('link', { name: /^登记量/ })
      .click()
    await page.waitForURL((u) => u.pathname === '/complaints')
    const url = new URL(page.url())
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ open: 'all', unitId: city.id, receivedFrom: '2020-01-01', receivedTo: '2020-03-31' })
    const res = await listed
    const sent = Object.fromEntries(new URL(res.url()).searchParams)
    expect(sent, JSON.stringify(sent)).toMatchObject({ unitId: city.id, receivedFrom: '2020-01-01', receivedTo: '2020-03-31' })
    expect(((await res.json()) as { total: number }).total, JSON.stringify(sent)).toBe(q1)
    await ready(page)
    await shot(page, 'complaint-dashboard-drill')

    expect(errors).toEqual([])
    await context.close()
  })
})

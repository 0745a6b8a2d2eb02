import type { Writable } from 'node:stream'
import { writeXlsx as writeWorkbook, xlsxSheet } from '../../core/export'
import { sql, type SqlBool } from 'kysely'
import { inScope, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { validation } from '../../core/errors'
import { addDays, categoryLabel, groupCells, measuresOf, MEASURE_COLUMNS, percent, typeLabel } from './analytics.domain'
import { measureCell, measureColumns } from './analytics.export'
import type { AnalyticsService } from './analytics.service'
import type { AlertsService } from './alerts.service'
import { fenToYuan, PRODUCT_CODES, STATE_LABEL, type ProductCode, type State } from '../complaints'
import { rankTerms } from './hot-topics.domain'
import { renderPage } from '../../core/documents'
import { escapeHtml } from '../../shared/html'
import { fmtDateCn, fmtDateTime, fmtDateTimeCn } from '../../shared/time'

/** Categories whose items the daily report always lists as notable (safety risks). */
const SAFETY_CATEGORIES = ['food_safety', 'drug_device', 'special_equipment'] as const
/** Claimed amounts from which an item is notable (¥10,000, in fen). */
const LARGE_CLAIM_FEN = 1_000_000
const LIST_LIMIT = 100

export type DailyReport = Awaited<ReturnType<ReturnType<typeof createDailyReportService>['build']>>

/**
 * The daily report (日报) per day and unit: counts by type and category, the day's closures, hot
 * topics against the previous seven days, notable items, overdue items and the day's alerts. The
 * same data renders as JSON, a printable HTML page and an Excel workbook.
 */
export function createDailyReportService({
  db,
  clock,
  analytics,
  alerts,
}: Pick<CoreDeps, 'db' | 'clock'> & { analytics: AnalyticsService; alerts: AlertsService }) {
  async function build(ctx: Ctx, q: { day?: string; unitId?: string }) {
    const day = q.day ?? analytics.today()
    if (day > analytics.today()) throw validation(`日报日期 ${day} 晚于今天`)
    const r = await analytics.resolve(ctx, 'complaint.stats', { from: day, to: day, unitId: q.unitId })
    // Overdue on the report day: a due date before that day (the due day itself still counts as on time).
    const cells = await analytics.cellsOf(r, ctx, day)
    const byType = groupCells(cells, r.units, r.root.id, ['type'])
    const byCategory = groupCells(cells, r.units, r.root.id, ['category'])
    const byUnit = groupCells(cells, r.units, r.root.id, ['unit'])
    const inRoot = (col: string) => sql<SqlBool>`${sql.ref(col)} in (select ou.id from org_unit ou where ou.path like ${r.root.path + '%'})`

    const closedRows = await db
      .selectFrom('complaintItem')
      .select((eb) => ['type', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('recoveredFen').as('recovered')])
      .where('closedOn', '=', day)
      .where('state', '=', 'closed')
      .where(inRoot('complaint_item.handling_unit_id'))
      .where((eb) => inScope(eb, r.scope, ctx.actor, 'complaint_item.handling_unit_id'))
      .groupBy('type')
      .execute()
    const closed = closedRows.map((c) => ({ itemType: c.type, label: typeLabel(c.type), items: Number(c.n), recoveredFen: Number(c.recovered ?? 0) }))

    await analytics.refreshTerms()
    const dayF = r.filter
    const prevF = { ...r.filter, from: addDays(day, -7), to: addDays(day, -1) }
    const cur = await analytics.repo.termCounts(db, 'term', dayF, r.scope, ctx.actor, { limit: 100 })
    const prev = await analytics.repo.termCounts(db, 'term', prevF, r.scope, ctx.actor, { terms: cur.map((c) => c.term) })
    const prevTotal = (await analytics.repo.dailyVolume(db, prevF, r.scope, ctx.actor)).reduce((s, x) => s + x.received, 0)
    const total = measuresOf(byType.total)
    const hotTerms = rankTerms(cur, prev, total.received, prevTotal, 10)
    const products = (await analytics.repo.termCounts(db, 'product', dayF, r.scope, ctx.actor, { limit: 5 })).map((p) => ({
      code: p.term,
      label: PRODUCT_CODES[p.term as ProductCode] ?? p.term,
      items: p.items,
    }))

    const unitName = new Map(r.units.map((u) => [u.id, u.shortName ?? u.name]))
    const itemCols = [
      'id',
      'itemNo',
      'type',
      'category',
      'summary',
      'respondentName',
      'handlingUnitId',
      'state',
      'nextDueOn',
      'nextDueKind',
      'complainantCount',
      'amountClaimedFen',
      'leadNo',
    ] as const
    const notableRows = await db
      .selectFrom('complaintItem')
      .select([...itemCols])
      .where('receivedOn', '=', day)
      .where('state', '<>', 'merged')
      .where(inRoot('complaint_item.handling_unit_id'))
      .where((eb) => inScope(eb, r.scope, ctx.actor, 'complaint_item.handling_unit_id'))
      .where((eb) =>
        eb.or([
          eb('category', 'in', [...SAFETY_CATEGORIES]),
          eb('complainantCount', '>=', 2),
          eb('amountClaimedFen', '>=', LARGE_CLAIM_FEN),
          eb('leadNo', 'is not', null),
        ]),
      )
      .orderBy('itemNo')
      .limit(LIST_LIMIT)
      .execute()
    const notable = notableRows.map((i) => ({
      itemNo: i.itemNo,
      type: typeLabel(i.type),
      category: categoryLabel(i.category),
      summary: i.summary,
      respondentName: i.respondentName,
      unitName: unitName.get(i.handlingUnitId) ?? '',
      state: STATE_LABEL[i.state as State] ?? i.state,
      reasons: [
        (SAFETY_CATEGORIES as readonly string[]).includes(i.category) ? '安全风险类' : null,
        i.complainantCount >= 2 ? `共同投诉（${i.complainantCount} 人）` : null,
        i.amountClaimedFen !== null && Number(i.amountClaimedFen) >= LARGE_CLAIM_FEN ? `争议金额 ¥${fenToYuan(Number(i.amountClaimedFen))}` : null,
        i.leadNo ? `已移送案源 ${i.leadNo}` : null,
      ].filter((x): x is string => !!x),
    }))

    const overdueBase = db
      .selectFrom('complaintItem')
      .where('nextDueOn', '<', day)
      .where('state', 'not in', ['closed', 'merged'])
      .where(inRoot('complaint_item.handling_unit_id'))
      .where((eb) => inScope(eb, r.scope, ctx.actor, 'complaint_item.handling_unit_id'))
    const overdueTotal = Number((await overdueBase.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0)
    const overdueRows = await overdueBase
      .select([...itemCols, 'receivedOn'])
      .orderBy('nextDueOn')
      .orderBy('itemNo')
      .limit(LIST_LIMIT)
      .execute()
    const overdue = overdueRows.map((i) => ({
      itemNo: i.itemNo,
      type: typeLabel(i.type),
      category: categoryLabel(i.category),
      summary: i.summary,
      receivedOn: i.receivedOn,
      unitName: unitName.get(i.handlingUnitId) ?? '',
      state: STATE_LABEL[i.state as State] ?? i.state,
      dueOn: i.nextDueOn!,
      dueKind: i.nextDueKind,
    }))

    // The day's alerts as the active rules judge it now: a day nobody evaluated (no dashboard was
    // open, the server was down) is evaluated here first, so the report never silently lacks them.
    await alerts.ensureEvaluated(day)
    const dayAlerts = await alerts.ofDay(day, r.root.path, r.scope, ctx)
    return {
      day,
      unit: { id: r.root.id, name: r.root.name },
      generatedAt: clock.now().toISOString(),
      totals: total,
      byType: byType.rows.map((x) => ({ itemType: x.itemType!, label: x.itemTypeLabel!, received: x.counters.received })),
      byCategory: byCategory.rows
        .filter((x) => x.counters.received > 0)
        .sort((a, b) => b.counters.received - a.counters.received)
        .map((x) => ({
          category: x.category!,
          label: x.categoryLabel!,
          received: x.counters.received,
          share: total.received > 0 ? Math.round((x.counters.received / total.received) * 10_000) / 10_000 : 0,
        })),
      byUnit: byUnit.rows.map((x) => ({ unitId: x.unitId!, unitName: x.unitName!, measures: measuresOf(x.counters) })),
      closed,
      hotTerms,
      products,
      notable,
      overdue,
      overdueTotal,
      alerts: dayAlerts,
    }
  }

  return { build }
}

const esc = escapeHtml
/** The report's own rules over the document engine's A4 page: smaller type, tables, KPI boxes. */
const REPORT_CSS = `
@page{size:A4;margin:15mm}
.sheet.report{width:180mm;padding:15mm;font-size:11pt;line-height:1.6}
.report h1{font-size:18pt}.sub{text-align:center;color:#444;margin-bottom:4mm}
.report h2{font-size:13pt;border-left:4px solid #b71c1c;padding-left:8px;margin:6mm 0 2mm}
.report p{text-indent:0}
.report table{border-collapse:collapse;width:100%;font-size:9.5pt}.report th,.report td{border:1px solid #888;padding:2px 5px;text-align:left;vertical-align:top}.report th{background:#f2f2f2}
.kpi{display:flex;flex-wrap:wrap;gap:6px}.kpi div{border:1px solid #ccc;padding:4px 8px;min-width:28mm}.kpi b{display:block;font-size:14pt}
.empty{color:#666}.report .foot{margin-top:6mm;font-size:9pt;color:#555}
@media print{.report h2{break-after:avoid}.report tr{break-inside:avoid}.sheet.report{padding:0;width:auto}}
`
/** The printable page through the document engine's A4 layout (not a numbered document); every value is escaped. */
export function renderHtml(r: DailyReport): string {
  const t = r.totals
  const table = (head: string[], rows: Array<Array<unknown>>, empty = '无') =>
    rows.length === 0
      ? `<p class="empty">${empty}</p>`
      : `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
  const closedItems = r.closed.reduce((s, c) => s + c.items, 0)
  const closedFen = r.closed.reduce((s, c) => s + c.recoveredFen, 0)
  return renderPage({
    title: `${r.unit.name} 12315 日报 ${r.day}`,
    css: REPORT_CSS,
    body: `<div class="sheet report">
<h1>${esc(r.unit.name)}投诉举报咨询日报</h1>
<div class="sub">${esc(fmtDateCn(r.day))}（登记日期口径）</div>
<h2>一、总体情况</h2>
<div class="kpi">
<div>当日登记<b>${t.received}</b></div>
${r.byType.map((x) => `<div>${esc(x.label)}<b>${x.received}</b></div>`).join('')}
<div>当日办结<b>${closedItems}</b></div>
<div>当日办结挽回损失<b>¥${esc(fenToYuan(closedFen))}</b></div>
<div>超期未办结<b>${r.overdueTotal}</b></div>
</div>
<p>当日登记 ${t.received} 件，其中受理投诉 ${t.accepted} 件、不予受理 ${t.notAccepted} 件；按时受理率 ${esc(percent(t.onTimeAcceptanceRate))}，按时核查率 ${esc(percent(t.onTimeVerificationRate))}。</p>
<h2>二、分类情况</h2>
${table(
  ['分类', '件数', '占比'],
  r.byCategory.map((c) => [c.label, c.received, percent(c.share)]),
)}
<h2>三、各单位情况</h2>
${table(
  ['单位', ...MEASURE_COLUMNS.map((c) => c.label)],
  r.byUnit.map((u) => [u.unitName, ...MEASURE_COLUMNS.map((c) => measureCell(u.measures, c.key, c.kind))]),
)}
<h2>四、热点问题</h2>
${table(
  ['热词', '涉及件数', '占当日比例', '前七日占比'],
  r.hotTerms.map((h) => [h.term, h.items, percent(h.share), percent(h.prevShare)]),
)}
${r.products.length ? `<p>涉及商品和服务较多的：${r.products.map((p) => `${esc(p.label)}（${p.items} 件）`).join('、')}。</p>` : ''}
<h2>五、重点件</h2>
${table(
  ['编号', '类型', '分类', '摘要', '被投诉（举报）对象', '办理单位', '状态', '关注原因'],
  r.notable.map((n) => [n.itemNo, n.type, n.category, n.summary, n.respondentName, n.unitName, n.state, n.reasons.join('；')]),
)}
<h2>六、超期件（截至当日，共 ${r.overdueTotal} 件${r.overdueTotal > r.overdue.length ? `，列出前 ${r.overdue.length} 件` : ''}）</h2>
${table(
  ['编号', '类型', '登记日期', '摘要', '办理单位', '状态', '到期日'],
  r.overdue.map((o) => [o.itemNo, o.type, o.receivedOn, o.summary, o.unitName, o.state, o.dueOn]),
)}
<h2>七、预警</h2>
${table(
  ['预警', '说明', '确认'],
  r.alerts.map((a) => [a.title, a.message, a.acknowledgedAt ? `已确认（${a.acknowledgedByName ?? ''}）` : '未确认']),
)}
<div class="foot">本日报由监管平台根据登记数据于 ${esc(fmtDateTimeCn(r.generatedAt))}（北京时间）生成。统计口径见《12315 统计口径说明》。</div>
</div>`,
  })
}

/** The daily report as an Excel workbook (one sheet per section), streamed. */
export async function writeXlsx(r: DailyReport, out: Writable): Promise<void> {
  type Cells = Array<string | number | null>
  // Header rows frozen; numbers stay numbers (rates as fractions formatted 0.00%).
  const sheet = (name: string, head: string[], rows: Cells[], numFmt: Record<number, string> = {}) =>
    xlsxSheet<Cells>({
      name,
      freeze: {},
      columns: head.map((header, i) => ({ header, value: (row) => row[i], numFmt: numFmt[i + 1] })),
      rows,
    })
  const t = r.totals
  await writeWorkbook(out, [
    sheet(
      '概况',
      ['项目', '数值'],
      [
        ['单位', r.unit.name],
        ['日期', r.day],
        ['当日登记', t.received],
        ...r.byType.map((x) => [x.label, x.received] as [string, number]),
        ['受理', t.accepted],
        ['不予受理', t.notAccepted],
        ['当日办结', r.closed.reduce((s, c) => s + c.items, 0)],
        ['当日办结挽回经济损失（元）', r.closed.reduce((s, c) => s + c.recoveredFen, 0) / 100],
        ['按时受理率', percent(t.onTimeAcceptanceRate)],
        ['按时核查率', percent(t.onTimeVerificationRate)],
        ['超期未办结', r.overdueTotal],
      ],
    ),
    sheet(
      '分类',
      ['分类', '件数', '占比'],
      r.byCategory.map((c) => [c.label, c.received, c.share]),
      { 3: '0.00%' },
    ),
    xlsxSheet({
      name: '各单位',
      freeze: { columns: 1 },
      columns: [
        { header: '单位', value: (u: DailyReport['byUnit'][number]) => u.unitName },
        ...measureColumns((u: DailyReport['byUnit'][number]) => u.measures),
      ],
      rows: r.byUnit,
    }),
    sheet(
      '热点',
      ['热词', '涉及件数', '占当日比例', '前七日占比'],
      r.hotTerms.map((h) => [h.term, h.items, h.share, h.prevShare]),
      { 3: '0.00%', 4: '0.00%' },
    ),
    sheet(
      '重点件',
      ['编号', '类型', '分类', '摘要', '被投诉（举报）对象', '办理单位', '状态', '关注原因'],
      r.notable.map((n) => [n.itemNo, n.type, n.category, n.summary, n.respondentName, n.unitName, n.state, n.reasons.join('；')]),
    ),
    sheet(
      '超期件',
      ['编号', '类型', '登记日期', '摘要', '办理单位', '状态', '到期日'],
      r.overdue.map((o) => [o.itemNo, o.type, o.receivedOn, o.summary, o.unitName, o.state, o.dueOn]),
    ),
    sheet(
      '预警',
      ['预警', '说明', '确认时间', '确认人', '处理意见'],
      r.alerts.map((a) => [a.title, a.message, a.acknowledgedAt ? fmtDateTime(a.acknowledgedAt) : '', a.acknowledgedByName ?? '', a.ackNote ?? '']),
    ),
  ])
}

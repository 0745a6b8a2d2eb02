import type { Writable } from 'node:stream'
import { maskName, maskPhone } from '../../core/mask'
import { keysetPages, writeXlsx, type XlsxColumn } from '../../core/export'
import { MEASURE_COLUMNS, percent, type Measures } from './analytics.domain'
import {
  CATEGORIES,
  CHANNEL_LABEL,
  fenToYuan,
  ITEM_TYPE_LABEL,
  OUTCOME_LABEL,
  PRODUCT_CODES,
  reporterDisplay,
  STATE_LABEL,
  type Category,
  type Channel,
  type ItemType,
  type Outcome,
  type ProductCode,
  type State,
} from '../complaints'

/** A cell value for a measure: numbers stay numbers (Excel can sum them), rates become "96.87%". */
export function measureCell(m: Measures, key: keyof Measures, kind: string): string | number {
  const v = m[key]
  if (kind === 'rate') return percent(v as number | null)
  if (kind === 'yuan') return Math.round(m.recoveredFen) / 100
  if (kind === 'days') return v === null ? '—' : v
  return v as number
}

/** Excel number formats per measure kind: rates stay numbers (a fraction shown as 96.87%). */
export const MEASURE_NUM_FMT: Record<string, string> = { count: '#,##0', rate: '0.00%', yuan: '#,##0.00', days: '0.0' }

/** A measure as an Excel cell value: always a number (or empty), never text, so sheets can sum and sort. */
export function measureXlsxValue(m: Measures, key: keyof Measures, kind: string): number | null {
  const v = m[key]
  if (kind === 'yuan') return Math.round(m.recoveredFen) / 100
  return v === null || v === undefined ? null : Number(v)
}

/** The measure columns of an export kit sheet: each cell a number with its format. */
export function measureColumns<R>(measures: (row: R) => Measures): Array<XlsxColumn<R>> {
  return MEASURE_COLUMNS.map((c) => ({
    header: c.label,
    value: (r: R) => measureXlsxValue(measures(r), c.key, c.kind),
    numFmt: MEASURE_NUM_FMT[c.kind] ?? 'General',
  }))
}

interface StatsTable {
  from: string
  to: string
  asOf: string
  unit: { name: string }
  groupBy: string[]
  rows: Array<{ unitName: string | null; itemTypeLabel: string | null; categoryLabel: string | null; measures: Measures }>
  total: Measures
}

const DIM_HEADER: Record<string, string> = { unit: '单位', type: '类型', category: '分类' }

/** The aggregated statistics table as a workbook, streamed. */
export async function writeStatsWorkbook(out: Writable, t: StatsTable): Promise<void> {
  type Row = { dims: string[]; measures: Measures; total?: boolean }
  const rows: Row[] = [
    ...t.rows.map((r) => ({
      dims: t.groupBy.map((d) => (d === 'unit' ? r.unitName : d === 'type' ? r.itemTypeLabel : r.categoryLabel) ?? ''),
      measures: r.measures,
    })),
    { dims: t.groupBy.map((_, i) => (i === 0 ? '合计' : '')), measures: t.total, total: true },
  ]
  await writeXlsx(out, {
    name: '统计表',
    title: `${t.unit.name} 投诉举报咨询统计表（登记日期 ${t.from} 至 ${t.to}，超期与按时率截至 ${t.asOf}）`,
    // Title and header stay in view while scrolling (frozen panes).
    freeze: { columns: t.groupBy.length },
    columns: [...t.groupBy.map((d, i) => ({ header: DIM_HEADER[d] ?? d, value: (r: Row) => r.dims[i] })), ...measureColumns((r: Row) => r.measures)],
    rows,
    bold: (r) => !!r.total,
    footer: [
      [],
      [
        '口径：按登记日期归期；调解成功率 = 调解成功 ÷ 调解已结束的受理投诉；按时受理率 = 按期作出受理决定 ÷（已作出决定 + 逾期未决定）；按时核查率 = 按期完成核查 ÷（已核查 + 逾期未核查）；详见统计口径说明。',
      ],
    ],
  })
}

export interface ItemExportRow {
  id: string
  itemNo: string
  type: string
  channel: string
  receivedOn: string
  category: string
  productCode: string | null
  summary: string
  respondentName: string
  respondentUscc: string | null
  partyMaskedName: string | null
  partyMaskedPhone: string | null
  anonymous: number
  handlingUnitId: string
  state: string
  outcome: string | null
  amountClaimedFen: number | null
  recoveredFen: number
  acceptDueOn: string | null
  acceptDecidedOn: string | null
  mediationDueOn: string | null
  concludedOn: string | null
  terminatedOn: string | null
  terminationNoticeDueOn: string | null
  terminationNotifiedOn: string | null
  reporterNotifyDueOn: string | null
  reporterNotifiedOn: string | null
  verifyDueOn: string | null
  filingDecidedOn: string | null
  answerDueOn: string | null
  answeredOn: string | null
  nextDueOn: string | null
  closedOn: string | null
  satisfaction: number | null
}

/**
 * The people columns of one item for an export: complainants and consultants masked (张*,
 * 138****1234, masked again here in case a row was written unmasked); reporters never, not even
 * masked: 实名（保密）/匿名, the same on every surface (`reporterDisplay`, RULES.md §1.5).
 */
export function exportPartyColumns(row: Pick<ItemExportRow, 'type' | 'anonymous' | 'partyMaskedName' | 'partyMaskedPhone'>): [string, string] {
  if (row.type === 'report') return [reporterDisplay(row.anonymous === 1), '']
  if (row.anonymous === 1) return ['（匿名）', '']
  return [maskName(row.partyMaskedName) ?? '', maskPhone(row.partyMaskedPhone) ?? '']
}

/**
 * Free text typed by the public may carry contact data: mobile numbers and ID-card numbers in it
 * are masked before export (the people columns are never taken from text).
 */
export function maskFreeText(text: string): string {
  return text.replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2').replace(/(?<![\dXx])(\d{4})\d{10}(\d{3}[\dXx])(?![\dXx])/g, '$1**********$2')
}

/** Whether an item missed a clock (done late) or is open past its next due date on `today`. */
export function isOverdueRow(r: ItemExportRow, today: string): boolean {
  const late = (done: string | null, due: string | null) => !!done && !!due && done > due
  if (
    late(r.acceptDecidedOn, r.acceptDueOn) ||
    late(r.concludedOn ?? r.terminatedOn, r.mediationDueOn) ||
    late(r.terminationNotifiedOn, r.terminationNoticeDueOn)
  )
    return true
  if (late(r.reporterNotifiedOn, r.reporterNotifyDueOn) || late(r.answeredOn, r.answerDueOn)) return true
  if (r.type === 'report' && late(r.filingDecidedOn ?? r.closedOn, r.verifyDueOn)) return true
  return r.state !== 'closed' && r.state !== 'merged' && !!r.nextDueOn && r.nextDueOn < today
}

/*
 * Memory of the streamed export. What stays alive long enough to survive two young-generation
 * collections is moved to V8's old generation, where only a full collection frees it: a page's row
 * objects, and the 64 KiB Buffers of sheet XML waiting for deflate (their memory lies outside the
 * V8 heap, and V8 starts a full collection only after 64 MiB of such growth). Measured over
 * 1,000,000 rows (BENCHMARKS.md, 12315 centre): 5,000-row pages left ~19 MiB of dead rows in the
 * old generation per page; an 8 MiB zip queue, or producing a whole page before deflate's
 * completions could run, kept ~64 MiB of dead Buffers. Hence small pages, a short queue, and a
 * turn of the event loop every few rows.
 */

/** Rows fetched per keyset page. */
export const ITEM_PAGE_ROWS = 250

/**
 * Raw items as a workbook, streamed: rows are fetched a page at a time (keyset on id) and each
 * row is committed as soon as it is written, so memory does not grow with the row count. Cells
 * are plain strings and numbers, never formulas.
 */
export async function writeItemsWorkbook(
  out: Writable,
  o: {
    maxRows: number
    unitName: (id: string) => string
    today: string
    page: (afterId: string, limit: number) => Promise<ItemExportRow[]>
    onRows?: (n: number) => void
  },
): Promise<number> {
  const columns: Array<XlsxColumn<ItemExportRow>> = [
    { header: '编号', width: 18, value: (r) => r.itemNo },
    { header: '类型', width: 6, value: (r) => ITEM_TYPE_LABEL[r.type as ItemType] ?? r.type },
    { header: '渠道', width: 14, value: (r) => CHANNEL_LABEL[r.channel as Channel] ?? r.channel },
    { header: '登记日期', width: 11, value: (r) => r.receivedOn, format: 'date' },
    { header: '分类', width: 12, value: (r) => CATEGORIES[r.category as Category] ?? r.category },
    { header: '商品和服务分类', width: 14, value: (r) => (r.productCode ? (PRODUCT_CODES[r.productCode as ProductCode] ?? r.productCode) : '') },
    { header: '摘要', width: 40, value: (r) => maskFreeText(r.summary) },
    { header: '被投诉（举报）对象', width: 30, value: (r) => r.respondentName },
    { header: '统一社会信用代码', width: 20, value: (r) => r.respondentUscc },
    { header: '投诉人／咨询人（脱敏）', width: 12, value: (r) => exportPartyColumns(r)[0] },
    { header: '联系电话（脱敏）', width: 14, value: (r) => exportPartyColumns(r)[1] },
    { header: '办理单位', width: 16, value: (r) => o.unitName(r.handlingUnitId) },
    { header: '状态', width: 12, value: (r) => STATE_LABEL[r.state as State] ?? r.state },
    { header: '处理结果', width: 22, value: (r) => (r.outcome ? (OUTCOME_LABEL[r.outcome as Outcome] ?? r.outcome) : '') },
    { header: '争议金额（元）', width: 12, value: (r) => r.amountClaimedFen, format: 'yuan' },
    { header: '挽回经济损失（元）', width: 14, value: (r) => r.recoveredFen, format: 'yuan' },
    { header: '受理期限', width: 11, value: (r) => r.acceptDueOn, format: 'date' },
    { header: '受理决定日期', width: 11, value: (r) => r.acceptDecidedOn, format: 'date' },
    { header: '核查期限', width: 11, value: (r) => r.verifyDueOn, format: 'date' },
    { header: '立案决定日期', width: 11, value: (r) => r.filingDecidedOn, format: 'date' },
    { header: '答复目标', width: 11, value: (r) => r.answerDueOn, format: 'date' },
    { header: '答复日期', width: 11, value: (r) => r.answeredOn, format: 'date' },
    { header: '办结日期', width: 11, value: (r) => r.closedOn, format: 'date' },
    { header: '超期', width: 6, value: (r) => (isOverdueRow(r, o.today) ? '是' : '') },
    { header: '满意度', width: 6, value: (r) => r.satisfaction },
  ]
  return writeXlsx(
    out,
    {
      name: '投诉举报咨询明细',
      freeze: {},
      columns,
      rows: keysetPages(
        (after: string | undefined, limit) => o.page(after ?? '', limit),
        (r) => r.id,
        ITEM_PAGE_ROWS,
      ),
      maxRows: o.maxRows,
      onRows: o.onRows,
    },
    { useStyles: false },
  )
}

/** Yuan text of fen, for HTML. */
export const yuan = (fen: number) => fenToYuan(fen)

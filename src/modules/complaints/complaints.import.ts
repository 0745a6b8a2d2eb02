import { createHash } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Writable } from 'node:stream'
import { assertCan, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { AppError, conflict, forbidden, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import {
  assertCommittable,
  createIssueStore,
  createRunStore,
  detectFormat,
  issue,
  mappedRows,
  readRows,
  rowsWith,
  type CommitMode,
  type Columns,
  type ImportKindDef,
  type ImportRun,
  type RowIssue,
} from '../../core/imports'
import type { AuditService } from '../audit'
import { CATEGORIES, ITEM_TYPE_LABEL, type ItemType } from './complaints.domain'
import { IntakeBody, type IntakeInput } from './complaints.schema'
import type { ComplaintsService } from './complaints.service'

/** Columns of a national-platform transfer sheet (CSV/XLSX headers or JSON keys): key → header and accepted aliases. */
export const IMPORT_COLUMNS = {
  externalNo: { label: '平台编号', aliases: ['编号', '诉求编号', '工单编号'] },
  type: { label: '类型', aliases: ['诉求类型', '件类型'] },
  receivedAt: { label: '接收时间', aliases: ['登记时间', '受理时间', '转办时间'] },
  category: { label: '分类', aliases: ['问题分类', '投诉分类'] },
  summary: { label: '摘要', aliases: ['标题', '诉求摘要'] },
  request: { label: '诉求', aliases: ['具体诉求', '诉求内容'] },
  facts: { label: '事实', aliases: ['事实与理由', '问题描述'] },
  name: { label: '姓名', aliases: ['投诉人', '举报人', '诉求人'] },
  phone: { label: '电话', aliases: ['联系电话', '手机'] },
  address: { label: '地址', aliases: ['通讯地址', '联系地址'] },
  anonymous: { label: '匿名', aliases: ['是否匿名'] },
  respondentName: { label: '被投诉人', aliases: ['被投诉（举报）人', '被举报人', '经营者名称'] },
  respondentUscc: { label: '统一社会信用代码', aliases: ['信用代码'] },
  respondentAddress: { label: '被投诉人地址', aliases: ['经营地址', '被举报人地址'] },
  respondentDivision: { label: '行政区划', aliases: ['区划代码', '所在区划'] },
} as const satisfies Columns
type Col = keyof typeof IMPORT_COLUMNS
const REQUIRED: Col[] = ['externalNo', 'type', 'receivedAt', 'summary']
const MAX_ROWS = 5000
const MAX_BYTES = 10 * 1024 * 1024
const TYPE_BY_LABEL: Record<string, ItemType> = {
  投诉: 'complaint',
  举报: 'report',
  咨询: 'consultation',
  complaint: 'complaint',
  report: 'report',
  consultation: 'consultation',
}
const CATEGORY_BY_LABEL = new Map<string, string>(
  Object.entries(CATEGORIES).flatMap(([k, v]) => [
    [v, k],
    [k, k],
  ]),
)

const STATUS_LABEL: Record<string, string> = { validated: '已校验，待确认', done: '已导入', cancelled: '已取消（未导入）' }

/** The 12315 platform transfers' kind in the one import history (contributed to modules/imports). */
export const COMPLAINT_IMPORT: ImportKindDef = {
  kind: 'complaints',
  label: '全国12315平台转办件',
  permission: 'complaint.import',
  visibility: 'scope',
  statusLabels: STATUS_LABEL,
  errorReportUrl: (id) => `/api/complaints/imports/${id}/error-report`,
}

interface GoodRow {
  rowNo: number
  input: IntakeInput & { receivedAt: string }
}

/** The sheet column an IntakeBody path (or a refusal of checkRequired) comes from. */
const PATH_COLUMNS: Array<[RegExp, Col]> = [
  [/^respondent\.uscc/, 'respondentUscc'],
  [/^respondent\.division/, 'respondentDivision'],
  [/^respondent\.address/, 'respondentAddress'],
  [/^respondent/, 'respondentName'],
  [/phone/, 'phone'],
  [/address/, 'address'],
  [/^persons/, 'name'],
]
function columnOfPath(path: string, fallback: Col): Col {
  if (Object.hasOwn(IMPORT_COLUMNS, path)) return path as Col
  return PATH_COLUMNS.find(([re]) => re.test(path))?.[1] ?? fallback
}

const pad2 = (v: string) => v.padStart(2, '0')
/**
 * The receipt time of a transferred item as a UTC instant, or why it is not one (zh-CN). Accepts
 * `YYYY-MM-DD` (09:00 China time), `YYYY-MM-DD HH:mm[:ss]` or `YYYY/M/D H:mm` in China time, and
 * ISO 8601 with `Z` or an offset. Every part is range-checked — JavaScript's Date would turn
 * 2026-02-30 into 2 March and throw on month 13 — so a malformed value is a row error, never a
 * silent shift or a failed batch.
 */
export function parseReceivedAt(v: string): { instant: string } | { reason: string } {
  const s = v.trim()
  const FORMAT = '接收时间格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:mm'
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s)
  if (!m) return { reason: FORMAT }
  const [, y, mo, d, h, mi, se, zone] = m
  const year = Number(y),
    month = Number(mo),
    day = Number(d)
  if (year < 1990 || year > 2100) return { reason: `接收时间的年份 ${y} 不合理` }
  if (month < 1 || month > 12) return { reason: `接收时间的月份 ${mo} 不存在` }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day < 1 || day > daysInMonth) return { reason: `接收时间的日期不存在：${year} 年 ${month} 月没有 ${day} 日` }
  if (h === undefined && zone) return { reason: FORMAT }
  const hour = Number(h ?? 9),
    minute = Number(mi ?? 0),
    second = Number(se ?? 0)
  if (hour > 23 || minute > 59 || second > 59) return { reason: `接收时间的时刻 ${h}:${mi}${se ? `:${se}` : ''} 不存在` }
  const offset = !zone ? '+08:00' : zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`
  if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(4)) > 59)) return { reason: FORMAT }
  const t = Date.parse(`${y}-${pad2(mo!)}-${pad2(d!)}T${pad2(String(hour))}:${pad2(String(minute))}:${pad2(String(second))}${offset}`)
  if (Number.isNaN(t)) return { reason: FORMAT }
  return { instant: new Date(t).toISOString() }
}

/**
 * Batch import of items transferred from the national 12315 platform: the same behaviour as the
 * register import (every row validated first; errors listed per row and column and downloadable
 * as an .xlsx report; then import only the valid rows, or all rows only when none has an error).
 */
export function createComplaintImportService({
  db,
  clock,
  audit,
  complaints,
}: Pick<CoreDeps, 'db' | 'clock'> & { audit: AuditService; complaints: ComplaintsService }) {
  const issues = createIssueStore(db)
  const runs = createRunStore(db)
  /** The batch's rows mapped to columns (the import kit: CSV, XLSX or JSON; header aliases; row bound). */
  async function parse(fileName: string, bytes: Buffer): Promise<{ format: string; records: Array<{ rowNo: number; record: Record<Col, string> }> }> {
    const format = detectFormat(fileName, bytes.subarray(0, 64))
    const path = join(tmpdir(), `jg-complaint-import-${newId()}.${format}`)
    await writeFile(path, bytes)
    try {
      const records: Array<{ rowNo: number; record: Record<Col, string> }> = []
      for await (const rows of mappedRows(readRows(path, format), { columns: IMPORT_COLUMNS, required: REQUIRED, maxRows: MAX_ROWS })) records.push(...rows)
      return { format, records }
    } finally {
      await rm(path, { force: true })
    }
  }

  async function validateRecords(ctx: Ctx, rows: Array<{ rowNo: number; record: Record<Col, string> }>) {
    const errors: RowIssue[] = []
    const good: GoodRow[] = []
    const records = rows.map((r) => r.record)
    const seen = new Set<string>()
    const existing = new Set(
      (
        await db
          .selectFrom('complaintItem')
          .select('externalNo')
          .where('externalNo', 'in', [...new Set(records.map((r) => r.externalNo).filter(Boolean)), ''])
          .execute()
      ).map((r) => r.externalNo),
    )
    for (const { rowNo, record: r } of rows) {
      const err = (col: Col, reason: string) => errors.push(issue(rowNo, IMPORT_COLUMNS[col].label, r[col], reason))
      const before = errors.length
      const type = Object.hasOwn(TYPE_BY_LABEL, r.type.trim()) ? TYPE_BY_LABEL[r.type.trim()] : undefined
      if (!type) err('type', '类型应为 投诉、举报 或 咨询')
      const when = r.receivedAt ? parseReceivedAt(r.receivedAt) : { reason: '接收时间不能为空' }
      const receivedAt = 'instant' in when ? when.instant : null
      if ('reason' in when) err('receivedAt', when.reason)
      else if (Date.parse(when.instant) > clock.now().getTime() + 60_000) err('receivedAt', '接收时间不能晚于现在')
      if (!r.externalNo) err('externalNo', '平台编号不能为空')
      else if (seen.has(r.externalNo)) err('externalNo', '文件中平台编号重复')
      else if (existing.has(r.externalNo)) err('externalNo', '该平台编号已登记')
      seen.add(r.externalNo)
      const category = CATEGORY_BY_LABEL.get(r.category.trim() || '其他')
      if (!category) err('category', `分类应为：${Object.values(CATEGORIES).join('、')}`)
      const anonymous = ['是', '匿名', 'true', '1'].includes(r.anonymous.trim())
      const input = {
        types: type ? [type] : ['complaint'],
        channel: 'national_platform',
        receivedAt: receivedAt ?? undefined,
        externalNo: r.externalNo || undefined,
        category: category ?? 'other',
        summary: r.summary,
        request: r.request || r.summary,
        facts: r.facts || r.summary,
        anonymous: type === 'report' && anonymous,
        persons: r.name && !(type === 'report' && anonymous) ? [{ name: r.name, phone: r.phone || undefined, address: r.address || undefined }] : [],
        respondent: r.respondentName
          ? {
              name: r.respondentName,
              uscc: r.respondentUscc || undefined,
              address: r.respondentAddress || undefined,
              division: r.respondentDivision || undefined,
            }
          : undefined,
      }
      const parsed = IntakeBody.safeParse(input)
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          const col = columnOfPath(i.path.join('.'), 'type')
          if (!errors.some((e) => e.rowNo === rowNo && e.column === IMPORT_COLUMNS[col].label)) err(col, i.message)
        }
      } else if (type && receivedAt && errors.length === before) {
        try {
          const resp = parsed.data.respondent ? await complaints.resolveRespondent(ctx, parsed.data.respondent) : null
          complaints.checkRequired(type, parsed.data, resp)
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          const details = (e.details as Array<{ path: string; message: string }> | undefined) ?? [{ path: 'respondent', message: e.message }]
          for (const d of details) err(columnOfPath(d.path, 'name'), d.message)
        }
      }
      if (errors.length === before) good.push({ rowNo, input: { ...parsed.data!, receivedAt: receivedAt! } })
    }
    return { errors, good }
  }

  async function upload(ctx: Ctx, fileName: string, bytes: Buffer) {
    assertCan(ctx.actor, 'complaint.import')
    if (!ctx.actor.primaryUnitId) throw forbidden('您的账号没有所属单位，不能导入')
    if (bytes.length === 0) throw validation('文件为空（0 字节）')
    if (bytes.length > MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `文件不能超过 ${MAX_BYTES / 1024 / 1024} MB`)
    const { format, records } = await parse(fileName, bytes)
    if (records.length === 0) throw validation('文件中没有数据行')
    const { errors, good } = await validateRecords(ctx, records)
    const now = clock.now().toISOString()
    const id = newId()
    const row = {
      id,
      kind: COMPLAINT_IMPORT.kind,
      fileName: fileName.slice(0, 200),
      fileSize: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      format,
      status: 'validated',
      totalRows: records.length,
      validRows: good.length,
      errorRows: rowsWith(errors, 'error'),
      processedRows: records.length,
      // The rows awaiting the operator's decision; emptied once the batch ends.
      data: JSON.stringify(good),
      createdBy: ctx.actor.userId,
      unitId: ctx.actor.primaryUnitId,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    }
    await db.transaction().execute(async (trx) => {
      await runs.create(trx, row)
      await issues.add(trx, id, errors)
      await audit.record(trx, ctx, {
        action: 'complaint.import.upload',
        targetType: 'complaint_import',
        targetId: id,
        targetLabel: row.fileName,
        after: { fileName: row.fileName, format, totalRows: row.totalRows, validRows: row.validRows, errorRows: row.errorRows },
      })
    })
    return get(ctx, id)
  }

  const load = (ctx: Ctx, id: string) => runs.visible(ctx, COMPLAINT_IMPORT, id, '导入批次')
  const present = (j: ImportRun) => ({
    id: j.id,
    fileName: j.fileName,
    format: j.format ?? 'csv',
    status: j.status,
    statusLabel: STATUS_LABEL[j.status] ?? j.status,
    totalRows: j.totalRows,
    validRows: j.validRows,
    errorRows: j.errorRows,
    createdItems: j.insertedRows,
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
  })
  async function get(ctx: Ctx, id: string) {
    return present(await load(ctx, id))
  }
  async function errors(ctx: Ctx, id: string, q: { page: number; pageSize: number }) {
    await load(ctx, id)
    const p = await issues.page(id, q)
    return { ...p, items: p.items.map((i) => ({ rowNo: i.rowNo, column: i.columnName, value: i.value, reason: i.reason })) }
  }
  async function writeErrorReport(ctx: Ctx, id: string, out: Writable) {
    await load(ctx, id)
    await issues.writeReport(id, out)
  }

  async function commit(ctx: Ctx, id: string, mode: CommitMode) {
    const j = await load(ctx, id)
    if (j.status !== 'validated') throw conflict(`该批次${j.status === 'done' ? '已导入' : '已取消'}`)
    assertCommittable(mode, j)
    const rows = JSON.parse(j.data ?? '[]') as GoodRow[]
    let created = 0
    const env = await complaints.clockEnv()
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100)
      const resolved: Array<{ r: GoodRow; resp: Awaited<ReturnType<ComplaintsService['resolveRespondent']>> | null }> = []
      for (const r of chunk) resolved.push({ r, resp: r.input.respondent ? await complaints.resolveRespondent(ctx, r.input.respondent) : null })
      await db.transaction().execute(async (trx) => {
        for (const { r, resp } of resolved) {
          await complaints.createItems(trx, ctx, r.input, resp, new Date(r.input.receivedAt), {
            channel: 'national_platform',
            intakeUnitId: j.unitId!,
            createdBy: ctx.actor.userId,
            externalNo: r.input.externalNo ?? null,
            env,
          })
          created++
        }
      })
    }
    const now = clock.now().toISOString()
    await db.transaction().execute(async (trx) => {
      await runs.patch(
        trx,
        id,
        { status: 'done', mode, insertedRows: created, importedRows: created, processedRows: j.totalRows, checkpointRow: 0, data: null, finishedAt: now },
        now,
      )
      await audit.record(trx, ctx, {
        action: 'complaint.import.commit',
        targetType: 'complaint_import',
        targetId: id,
        targetLabel: j.fileName,
        after: { mode, createdItems: created },
      })
    })
    return get(ctx, id)
  }

  async function cancel(ctx: Ctx, id: string) {
    const j = await load(ctx, id)
    if (j.status !== 'validated') throw conflict('该批次已结束')
    const now = clock.now().toISOString()
    await db.transaction().execute(async (trx) => {
      await runs.patch(trx, id, { status: 'cancelled', data: null, finishedAt: now }, now)
      await audit.record(trx, ctx, { action: 'complaint.import.cancel', targetType: 'complaint_import', targetId: id, targetLabel: j.fileName })
    })
    return get(ctx, id)
  }

  return { upload, get, errors, writeErrorReport, commit, cancel, columns: IMPORT_COLUMNS, typeLabel: ITEM_TYPE_LABEL }
}
export type ComplaintImportService = ReturnType<typeof createComplaintImportService>

/**
 * Import of annual reports filed on the national system (国家企业信用信息公示系统): the columns with
 * their Chinese header aliases and the pure row check. The row check knows the entity (looked up
 * by the caller in one query per batch) and today's date; it answers the report to store, or the
 * row's errors in zh-CN (unknown USCC, impossible or future dates, a year out of range, a year the
 * entity did not exist). Duplicates within the file are the caller's (it sees every row).
 */
import { FORM_OF_KIND, FORM_SCHEMAS, OPERATING_STATUSES, type OperatingStatus, type ReportForm } from '../../shared/credit/annual-report'
import { issue, type Columns, type RowIssue } from '../../core/imports'
import { FIRST_REPORT_YEAR, isLate, mustReport, seasonWindow, seasonYear } from './annual-report.domain'

export const REPORT_IMPORT_COLUMNS = {
  uscc: { label: '统一社会信用代码', aliases: ['信用代码', '社会信用代码', 'USCC'] },
  reportYear: { label: '年度', aliases: ['报告年度', '年报年度', '年份'] },
  filedOn: { label: '报送日期', aliases: ['报送时间', '年报日期', '填报日期', '提交日期'] },
  address: { label: '通信地址', aliases: ['企业通信地址', '通讯地址', '地址'] },
  postcode: { label: '邮政编码', aliases: ['邮编'] },
  phone: { label: '联系电话', aliases: ['企业联系电话', '电话'] },
  email: { label: '电子邮箱', aliases: ['邮箱', '企业电子邮箱'] },
  operatingStatus: { label: '经营状态', aliases: ['企业经营状态', '营业状态'] },
  members: { label: '成员人数', aliases: ['合作社成员人数'] },
  employees: { label: '从业人数', aliases: ['从业人员', '从业人数（人）'] },
  revenue: { label: '营业总收入（元）', aliases: ['营业总收入', '营业额（元）', '营业额', '销售（营业）总收入'] },
  tax: { label: '纳税总额（元）', aliases: ['纳税总额'] },
  publishOptional: { label: '选择公示', aliases: ['是否公示选择公示信息', '公示选填信息'] },
} as const satisfies Columns
export type ReportImportCol = keyof typeof REPORT_IMPORT_COLUMNS
export const REPORT_IMPORT_REQUIRED: ReportImportCol[] = ['uscc', 'reportYear', 'filedOn', 'address', 'phone', 'operatingStatus']

/** Operating status as the national system writes it → the form's value. */
const STATUS_BY_TEXT: Record<string, OperatingStatus> = {
  ...Object.fromEntries(Object.entries(OPERATING_STATUSES).map(([k, v]) => [v, k as OperatingStatus])),
  ...Object.fromEntries(Object.keys(OPERATING_STATUSES).map((k) => [k, k as OperatingStatus])),
  营业: 'operating',
  在营: 'operating',
  存续: 'operating',
  '存续（在营、开业、在册）': 'operating',
  停业: 'suspended',
}

/**
 * A calendar date as the national system exports it — `YYYY-MM-DD`, `YYYY/M/D`, `YYYY年M月D日`,
 * `YYYYMMDD`, optionally followed by a time — as `YYYY-MM-DD`, or why it is not one. Every part is
 * range-checked (2025-02-29 and month 13 are refused, never shifted).
 */
export function parseImportDate(v: string): { date: string } | { reason: string } {
  const s = v.trim()
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s)
  if (!m) return { reason: '日期格式应为 YYYY-MM-DD' }
  const year = Number(m[1])
  const month = Number(m[2] ?? m[4])
  const day = Number(m[3] ?? m[5])
  if (year < 1990 || year > 2100) return { reason: `年份 ${year} 不合理` }
  if (month < 1 || month > 12) return { reason: `月份 ${month} 不存在` }
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day < 1 || day > days) return { reason: `日期不存在：${year} 年 ${month} 月没有 ${day} 日` }
  return { date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` }
}

/** Yuan as written (commas, up to two decimals) → fen; null when not a number. */
export function yuanToFen(v: string): number | null {
  const s = v.trim().replace(/,/g, '')
  if (!/^-?\d{1,13}(\.\d{1,2})?$/.test(s)) return null
  const [i, f = ''] = s.replace('-', '').split('.') as [string, string?]
  const fen = Number(i) * 100 + Number((f + '00').slice(0, 2))
  return s.startsWith('-') ? -fen : fen
}

export interface ImportEntity {
  id: string
  entityKind: string
  registeredOn: string | null
}
export interface ImportedReport {
  entityId: string
  reportYear: number
  form: ReportForm
  filedOn: string
  late: boolean
  publicPart: Record<string, unknown>
  optionalPart: Record<string, unknown>
  publishOptional: boolean
}

const YES = new Set(['是', '公示', 'Y', 'YES', 'TRUE', '1'])
const NO = new Set(['', '否', '不公示', 'N', 'NO', 'FALSE', '0'])

/**
 * Checks one row: the entity must be on the register (`entity` undefined → unknown USCC), the year
 * a closed year from FIRST_REPORT_YEAR on in which the entity existed, the filing date a real day
 * not after `today` and not before the year's season opened; the items are checked by the entity's
 * form schema (the same as the liaison's filing). A report filed after 30 June is late.
 */
export function checkImportRow(
  rowNo: number,
  r: Record<ReportImportCol, string>,
  entity: ImportEntity | undefined,
  today: string,
): { value?: ImportedReport; issues: RowIssue[] } {
  const C = REPORT_IMPORT_COLUMNS
  const issues: RowIssue[] = []
  const err = (col: ReportImportCol, message: string) => issues.push(issue(rowNo, C[col].label, r[col], message))
  const uscc = r.uscc.trim().toUpperCase()
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(uscc)) err('uscc', '统一社会信用代码应为 18 位数字或大写字母')
  else if (!entity) err('uscc', '本系统登记的经营主体中没有该统一社会信用代码')

  let reportYear: number | null = null
  const maxYear = seasonYear(today)
  if (!/^\d{4}$/.test(r.reportYear.trim())) err('reportYear', '年度应为 4 位年份，如 2025')
  else {
    const y = Number(r.reportYear.trim())
    if (y < FIRST_REPORT_YEAR) err('reportYear', `年度不能早于 ${FIRST_REPORT_YEAR} 年（年度报告制度自 ${FIRST_REPORT_YEAR} 年度起）`)
    else if (y > maxYear) err('reportYear', `${y} 年度尚未结束，最晚可导入 ${maxYear} 年度`)
    else if (entity && !mustReport(entity.registeredOn, y)) err('reportYear', `该主体成立于 ${entity.registeredOn!.slice(0, 4)} 年，无 ${y} 年度报告`)
    else reportYear = y
  }

  let filedOn: string | null = null
  const d = r.filedOn.trim() ? parseImportDate(r.filedOn) : { reason: '报送日期不能为空' }
  if ('reason' in d) err('filedOn', `报送日期：${d.reason}`)
  else if (d.date > today) err('filedOn', `报送日期 ${d.date} 晚于今天（${today}）`)
  else if (reportYear !== null && d.date < seasonWindow(reportYear).opens)
    err('filedOn', `报送日期 ${d.date} 早于 ${reportYear} 年度报告报送期的开始（${seasonWindow(reportYear).opens}）`)
  else filedOn = d.date

  const status = STATUS_BY_TEXT[r.operatingStatus.trim()]
  if (!status) err('operatingStatus', `经营状态应为：${Object.values(OPERATING_STATUSES).join('、')}`)
  const pub = r.publishOptional.trim().toUpperCase()
  if (!YES.has(pub) && !NO.has(pub)) err('publishOptional', '选择公示应为“是”或“否”')

  const form: ReportForm = entity ? (FORM_OF_KIND[entity.entityKind] ?? 'enterprise') : 'enterprise'
  const intOf = (col: ReportImportCol): number | undefined | null => {
    const s = r[col].trim().replace(/,/g, '')
    if (!s) return undefined
    if (!/^\d{1,9}$/.test(s)) {
      err(col, `${C[col].label}应为非负整数`)
      return null
    }
    return Number(s)
  }
  const fenOf = (col: ReportImportCol): number | undefined | null => {
    if (!r[col].trim()) return undefined
    const f = yuanToFen(r[col])
    if (f === null) err(col, `${C[col].label}应为金额（元，最多两位小数）`)
    return f
  }
  const contact = {
    address: r.address,
    phone: r.phone,
    ...(r.postcode.trim() ? { postcode: r.postcode } : {}),
    ...(r.email.trim() ? { email: r.email } : {}),
  }
  const members = intOf('members')
  const employees = intOf('employees')
  const revenueFen = fenOf('revenue')
  const taxFen = fenOf('tax')
  if (form === 'cooperative' && members === undefined) err('members', '农民专业合作社须填写成员人数')
  const publicPart: Record<string, unknown> = { contact, operatingStatus: status ?? 'operating', ...(form === 'cooperative' ? { members: members ?? 0 } : {}) }
  const optionalPart: Record<string, unknown> = {
    ...(form !== 'cooperative' && typeof employees === 'number' ? { employees } : {}),
    ...(typeof revenueFen === 'number' ? { revenueFen } : {}),
    ...(typeof taxFen === 'number' ? { taxFen } : {}),
  }
  if (form === 'cooperative' && typeof employees === 'number') err('employees', '农民专业合作社年度报告没有从业人数项')
  // The items through the form's own schema (bounds, formats), reported against their columns.
  const schemas = FORM_SCHEMAS[form]
  const p = schemas.public.strict().safeParse(publicPart)
  if (!p.success)
    for (const i of p.error.issues) {
      const path = i.path.map(String).join('.')
      const col: ReportImportCol = path.startsWith('contact.')
        ? (path.slice(8) as ReportImportCol) in C
          ? (path.slice(8) as ReportImportCol)
          : 'address'
        : path === 'members'
          ? 'members'
          : 'operatingStatus'
      if (!issues.some((x) => x.column === C[col].label)) err(col, i.message)
    }
  const o = schemas.optional.strict().safeParse(optionalPart)
  if (!o.success)
    for (const i of o.error.issues) {
      const path = String(i.path[0] ?? '')
      const col: ReportImportCol = path === 'employees' ? 'employees' : path === 'taxFen' ? 'tax' : 'revenue'
      if (!issues.some((x) => x.column === C[col].label)) err(col, i.message)
    }
  if (issues.length > 0 || !entity || reportYear === null || filedOn === null || !p.success || !o.success) return { issues }
  return {
    issues,
    value: {
      entityId: entity.id,
      reportYear,
      form,
      filedOn,
      late: isLate(reportYear, filedOn),
      publicPart: p.data,
      optionalPart: o.data,
      publishOptional: YES.has(pub),
    },
  }
}

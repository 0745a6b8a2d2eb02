import { ENTITY_STATUSES, ENTITY_TAGS, RISK_CLASSES, type EntityStatus, type EntityTag, type RiskClass } from '../../shared/entities/vocabulary'
import { validateUscc, entityKindOf, validateOrgCode, validateRegNo, type DivisionLookup } from './uscc.domain'

/**
 * Pure rules of the market-entity register: the fields of the common registration-system export,
 * per-row validation with zh-CN reasons, status and tag vocabularies. Row validation is written by
 * hand rather than as a zod schema because it runs a million times per import (see README).
 */

export {
  ENTITY_KIND_LABEL,
  ENTITY_KINDS,
  ENTITY_STATUSES,
  ENTITY_TAGS,
  INDUSTRY_SECTIONS,
  RISK_CLASSES,
  type EntityKind,
  type EntityStatus,
  type EntityTag,
  type RiskClass,
} from '../../shared/entities/vocabulary'

const STATUS_ALIASES: Record<string, EntityStatus> = {
  存续: 'active',
  在营: 'active',
  开业: 'active',
  在册: 'active',
  在业: 'active',
  '存续（在营、开业、在册）': 'active',
  正常: 'active',
  停业: 'suspended',
  歇业: 'suspended',
  吊销: 'revoked',
  吊销未注销: 'revoked',
  '吊销，未注销': 'revoked',
  注销: 'cancelled',
  已注销: 'cancelled',
  吊销已注销: 'cancelled',
  迁出: 'moved_out',
  已迁出: 'moved_out',
  撤销: 'withdrawn',
  撤销登记: 'withdrawn',
}

const TAG_BY_LABEL = new Map<string, EntityTag>(Object.entries(ENTITY_TAGS).map(([k, v]) => [v, k as EntityTag]))
// Common short forms seen in exports.
for (const [alias, tag] of [
  ['冷链', 'cold_chain'],
  ['食品经营', 'food_business'],
  ['药店', 'pharmacy'],
  ['特种设备', 'special_equipment'],
  ['口罩生产', 'mask_producer'],
  ['平台', 'online_platform'],
  ['平台商户', 'platform_seller'],
  ['网店', 'platform_seller'],
] as const)
  TAG_BY_LABEL.set(alias, tag)

/** The register's importable fields, with the header names of the common export layout (保存的映射模板). */
export const IMPORT_FIELDS = {
  uscc: { label: '统一社会信用代码', aliases: ['统一社会信用代码', '信用代码', '社会信用代码', 'uscc'] },
  regNo: { label: '注册号', aliases: ['注册号', '工商注册号'] },
  orgCode: { label: '组织机构代码', aliases: ['组织机构代码'] },
  name: { label: '名称', aliases: ['名称', '企业名称', '主体名称', '字号名称', '经营主体名称'] },
  entityType: { label: '主体类型', aliases: ['主体类型', '企业类型', '类型', '组成形式'] },
  legalRep: { label: '法定代表人', aliases: ['法定代表人', '负责人', '经营者', '法定代表人（负责人、经营者）', '投资人'] },
  domicile: { label: '住所', aliases: ['住所', '注册地址', '住所地'] },
  domicileDivision: { label: '住所行政区划', aliases: ['住所行政区划', '住所区划代码', '住所所在行政区划'] },
  businessAddress: { label: '经营场所', aliases: ['经营场所', '实际经营地址', '经营地址', '生产经营场所'] },
  businessDivision: { label: '经营场所行政区划', aliases: ['经营场所行政区划', '经营地区划代码', '经营场所区划代码', '行政区划代码', '行政区划'] },
  industryCode: { label: '行业代码', aliases: ['行业代码', '国民经济行业代码', '行业门类代码'] },
  registeredOn: { label: '成立日期', aliases: ['成立日期', '注册日期', '登记日期'] },
  regAuthority: { label: '登记机关', aliases: ['登记机关'] },
  status: { label: '登记状态', aliases: ['登记状态', '经营状态', '状态'] },
  riskClass: { label: '风险等级', aliases: ['风险等级', '风险分类', '信用风险分类'] },
  tags: { label: '标签', aliases: ['标签', '监管标签'] },
  platformName: { label: '所在平台', aliases: ['所在平台', '平台名称', '网络平台'] },
  licenceNo: { label: '许可证编号', aliases: ['许可证编号', '食品经营许可证编号', '许可证号'] },
  licenceScope: { label: '许可范围', aliases: ['许可范围', '经营项目'] },
  licenceValidTo: { label: '许可有效期至', aliases: ['许可有效期至', '有效期至'] },
} as const
export type ImportField = keyof typeof IMPORT_FIELDS
export const IMPORT_FIELD_KEYS = Object.keys(IMPORT_FIELDS) as ImportField[]

/** The header requirements of a register file: a name, and a USCC or a registration number. */
export const IMPORT_REQUIRED: readonly ImportField[] = ['name']
export const IMPORT_REQUIRE_ANY: ReadonlyArray<readonly ImportField[]> = [['uscc', 'regNo']]

export interface EntityRow {
  uscc: string | null
  regNo: string | null
  orgCode: string | null
  name: string
  entityKind: 'enterprise' | 'individual' | 'cooperative' | 'other'
  entityType: string | null
  legalRep: string | null
  domicile: string | null
  domicileDivision: string | null
  businessAddress: string | null
  businessDivision: string | null
  industryCode: string | null
  registeredOn: string | null
  regAuthority: string | null
  status: EntityStatus
  riskClass: RiskClass | null
  tags: EntityTag[]
  platformName: string | null
  licence: { number: string; scope: string | null; validTo: string | null } | null
}

export interface CellError {
  column: string
  value: string
  reason: string
}
/** A row's outcome: the row when nothing is in error; warnings never keep a row out. */
export interface RowResult {
  row?: EntityRow
  errors: CellError[]
  warnings: CellError[]
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
/** A cell that a spreadsheet would execute (formula / DDE injection). */
const FORMULA = /^[=+\-@\t\r]/

function text(v: string | undefined, max: number, label: string, errors: CellError[], required = false): string | null {
  const s = (v ?? '').trim()
  if (s === '') {
    if (required) errors.push({ column: label, value: '', reason: `${label}不能为空` })
    return null
  }
  if (s.length > max) {
    errors.push({ column: label, value: s.slice(0, 50), reason: `${label}超过 ${max} 个字` })
    return null
  }
  if (CONTROL.test(s)) {
    errors.push({ column: label, value: s.slice(0, 50), reason: `${label}含有不可见控制字符` })
    return null
  }
  if (FORMULA.test(s) && !/^[+-]?\d/.test(s)) {
    errors.push({ column: label, value: s.slice(0, 50), reason: `${label}以 = + - @ 开头，疑似表格公式，已拒绝` })
    return null
  }
  return s
}

/**
 * Accepts 2020-01-05, 2020/1/5, 2020.1.5, 2020年1月5日, 20200105 and Excel serial day numbers
 * (a streamed .xlsx gives dates as numbers); returns YYYY-MM-DD or null.
 */
export function parseDate(s: string): string | null {
  if (/^\d{4,5}(\.\d+)?$/.test(s)) {
    const serial = Math.floor(Number(s))
    // Excel's day 0 is 1899-12-30 (after its 1900 leap-year quirk); 10000–80000 ≈ 1927–2119.
    if (serial < 10_000 || serial > 80_000) return null
    return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10)
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(Date.UTC(y, mo - 1, d))
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export interface RowContext {
  /** A current division code (six-digit county and up, or nine-digit township). */
  isKnownDivision(code: string): boolean
  /** Positions 3–8 of a USCC: current, retired or unknown (a warning at most, never an error). */
  lookupDivision: DivisionLookup
  /** Today's China date, to refuse registration dates in the future. */
  today: string
}

/**
 * Validates one row of cells (already mapped to fields). Returns the normalised row, or the list of
 * cell errors. Pure and allocation-light: it runs once per row of a million-row file.
 */
export function validateEntityRow(get: (f: ImportField) => string | undefined, ctx: RowContext): RowResult {
  const errors: CellError[] = []
  const warnings: CellError[] = []
  const L = (f: ImportField) => IMPORT_FIELDS[f].label
  const usccRaw = text(get('uscc'), 40, L('uscc'), errors)
  const regNoRaw = text(get('regNo'), 30, L('regNo'), errors)
  let uscc: string | null = null
  if (usccRaw) {
    const r = validateUscc(usccRaw, ctx.lookupDivision)
    if (r.valid) {
      uscc = r.code
      // A code issued under a retired or unknown division code is valid (GB 32100): reported, imported.
      for (const w of r.warnings) warnings.push({ column: L('uscc'), value: usccRaw, reason: w })
    } else errors.push({ column: L('uscc'), value: usccRaw, reason: r.reason })
  }
  let regNo: string | null = null
  if (regNoRaw) {
    const r = validateRegNo(regNoRaw)
    if (r.valid) regNo = r.code
    else errors.push({ column: L('regNo'), value: regNoRaw, reason: r.reason! })
  }
  if (!usccRaw && !regNoRaw) errors.push({ column: L('uscc'), value: '', reason: '统一社会信用代码与注册号至少填写一项' })
  const orgRaw = text(get('orgCode'), 20, L('orgCode'), errors)
  let orgCode: string | null = null
  if (orgRaw) {
    const r = validateOrgCode(orgRaw)
    if (r.valid) orgCode = r.code
    else errors.push({ column: L('orgCode'), value: orgRaw, reason: r.reason! })
  }
  const name = text(get('name'), 100, L('name'), errors, true)
  if (name && /[<>]/.test(name)) errors.push({ column: L('name'), value: name.slice(0, 50), reason: '名称不能包含 < 或 > 等标记字符' })
  const division = (f: ImportField) => {
    const v = text(get(f), 12, L(f), errors)
    if (!v) return null
    const retired = /^\d{6}$/.test(v) && !ctx.isKnownDivision(v) ? ctx.lookupDivision(v) : undefined
    if (retired?.status === 'retired') {
      const [y, m] = retired.lastListed.split('-')
      errors.push({
        column: L(f),
        value: v,
        reason: `行政区划代码“${v}”（${retired.name}）已撤销，最后见于 ${y} 年 ${Number(m)} 月版 GB/T 2260；请填写该地现行的行政区划代码`,
      })
      return null
    }
    if (!/^\d{6}(\d{3})?$/.test(v) || !ctx.isKnownDivision(v)) {
      errors.push({ column: L(f), value: v, reason: `行政区划代码“${v}”不存在（应为 GB/T 2260 六位代码或九位乡镇街道代码）` })
      return null
    }
    return v
  }
  const domicileDivision = division('domicileDivision')
  const businessDivision = division('businessDivision')
  const industryCode = text(get('industryCode'), 5, L('industryCode'), errors)
  if (industryCode && !/^[A-T](\d{2,4})?$/.test(industryCode.toUpperCase()))
    errors.push({ column: L('industryCode'), value: industryCode, reason: '行业代码应为 GB/T 4754 门类字母加 2–4 位数字，如 F5221' })
  const dateRaw = text(get('registeredOn'), 20, L('registeredOn'), errors)
  let registeredOn: string | null = null
  if (dateRaw) {
    registeredOn = parseDate(dateRaw)
    if (!registeredOn) errors.push({ column: L('registeredOn'), value: dateRaw, reason: `日期“${dateRaw}”无法识别或不存在` })
    else if (registeredOn > ctx.today) {
      errors.push({ column: L('registeredOn'), value: dateRaw, reason: '成立日期不能晚于今天' })
      registeredOn = null
    }
  }
  const statusRaw = text(get('status'), 20, L('status'), errors)
  let status: EntityStatus = 'active'
  if (statusRaw) {
    const s = STATUS_ALIASES[statusRaw.replace(/\s/g, '')] ?? (statusRaw in ENTITY_STATUSES ? (statusRaw as EntityStatus) : undefined)
    if (!s) errors.push({ column: L('status'), value: statusRaw, reason: `登记状态“${statusRaw}”无法识别（可用：存续、停业、吊销、注销、迁出、撤销）` })
    else status = s
  }
  const riskRaw = text(get('riskClass'), 4, L('riskClass'), errors)
  let riskClass: RiskClass | null = null
  if (riskRaw) {
    const r = riskRaw.toUpperCase().replace('类', '')
    if ((RISK_CLASSES as readonly string[]).includes(r)) riskClass = r as RiskClass
    else errors.push({ column: L('riskClass'), value: riskRaw, reason: '风险等级应为 A、B、C、D 之一' })
  }
  const tagsRaw = text(get('tags'), 200, L('tags'), errors)
  const tags: EntityTag[] = []
  if (tagsRaw) {
    for (const part of tagsRaw.split(/[,，、;；|\s]+/).filter(Boolean)) {
      const t = TAG_BY_LABEL.get(part) ?? (part in ENTITY_TAGS ? (part as EntityTag) : undefined)
      if (!t) errors.push({ column: L('tags'), value: part, reason: `标签“${part}”不在标签目录中` })
      else if (!tags.includes(t)) tags.push(t)
    }
  }
  const platformName = text(get('platformName'), 100, L('platformName'), errors)
  if (tags.includes('platform_seller') && !platformName) errors.push({ column: L('platformName'), value: '', reason: '平台内经营者须填写所在平台' })
  const licenceNo = text(get('licenceNo'), 40, L('licenceNo'), errors)
  const licenceScope = text(get('licenceScope'), 500, L('licenceScope'), errors)
  const validToRaw = text(get('licenceValidTo'), 20, L('licenceValidTo'), errors)
  let licenceValidTo: string | null = null
  if (validToRaw) {
    licenceValidTo = parseDate(validToRaw)
    if (!licenceValidTo) errors.push({ column: L('licenceValidTo'), value: validToRaw, reason: `日期“${validToRaw}”无法识别或不存在` })
  }
  const entityType = text(get('entityType'), 50, L('entityType'), errors)
  const legalRep = text(get('legalRep'), 50, L('legalRep'), errors)
  const domicile = text(get('domicile'), 200, L('domicile'), errors)
  const businessAddress = text(get('businessAddress'), 200, L('businessAddress'), errors)
  const regAuthority = text(get('regAuthority'), 100, L('regAuthority'), errors)
  if (errors.length > 0 || !name) return { errors, warnings }
  return {
    errors,
    warnings,
    row: {
      uscc,
      regNo,
      orgCode: orgCode ?? (uscc ? uscc.slice(8, 17) : null),
      name,
      entityKind: uscc ? entityKindOf(uscc) : 'other',
      entityType,
      legalRep,
      domicile,
      domicileDivision,
      businessAddress,
      businessDivision: businessDivision ?? domicileDivision,
      industryCode: industryCode ? industryCode.toUpperCase() : null,
      registeredOn,
      regAuthority,
      status,
      riskClass,
      tags,
      platformName,
      licence: licenceNo ? { number: licenceNo, scope: licenceScope, validTo: licenceValidTo } : null,
    },
  }
}

/** The upsert key of a row: the USCC, or the legacy registration number when there is none. */
export function rowKey(r: Pick<EntityRow, 'uscc' | 'regNo'>): string {
  return r.uscc ?? `REG:${r.regNo}`
}

/** Fields compared to decide whether a re-imported row changed the entity (a new version). */
export const VERSIONED_FIELDS = [
  'name',
  'entityType',
  'legalRep',
  'domicile',
  'domicileDivision',
  'businessAddress',
  'businessDivision',
  'industryCode',
  'registeredOn',
  'regAuthority',
  'status',
  'riskClass',
  'tags',
  'platformName',
  'regNo',
  'orgCode',
] as const

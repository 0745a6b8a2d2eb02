/**
 * Versioned catalogue of statutory time limits (RULES.md §9.1). Pure: no IO, no clock, no ids
 * unless passed in.
 *
 * A rule (`ruleId`, e.g. `complaint.accept`) has one or more versions, each valid on a closed
 * interval of calendar dates [validFrom, validTo] (validTo null = still in force). The version
 * that applies to a matter is picked by the matter's received/filed date, so cases received before
 * 2026-04-15 keep the Order 20 rules after Order 121 takes effect.
 */
import { AppError } from '../../core/errors'

/** Invalid input to the rule catalogue. Maps to HTTP 400 `VALIDATION`; the message is zh-CN. */
export class RuleInputError extends AppError {
  constructor(message: string, details?: unknown) {
    super('VALIDATION', message, details)
    this.name = 'RuleInputError'
  }
}

/** Period units: working days (工作日), calendar days (日), months, years. */
export type RuleUnit = 'WD' | 'CD' | 'M' | 'Y'

/** How sure we are of a value: RULES.md's PRIMARY / SECONDARY / UNCONFIRMED markers. */
export type RuleSource = 'PRIMARY' | 'SECONDARY' | 'UNCONFIRMED'

/** The complaint/report regime: SAMR Order 20 until 2026-04-14, Order 121 from 2026-04-15. */
export type Regime = 'order20' | 'order121'

/** An extension a rule allows, and who approves it. */
export interface RuleExtension {
  length: number
  unit: RuleUnit
  /** Who approves or when it applies (zh-CN), e.g. 经市场监督管理部门负责人批准. */
  approval: string
}

/** One version of a time-limit rule as shipped in the seed. */
export interface RuleSeed {
  /** Stable id shared by all versions, e.g. `complaint.accept`. */
  ruleId: string
  /** zh-CN name shown to staff. */
  name: string
  /** zh-CN instrument and article, e.g. 《市场监督管理投诉举报处理暂行办法》（总局令第20号）第十四条. */
  legalBasis: string
  unit: RuleUnit
  length: number
  /** zh-CN description of the event the clock starts from (that day itself is not counted). */
  startEvent: string
  extension: RuleExtension | null
  /** First day this version applies to (by the matter's received/filed date). */
  validFrom: string
  /** Last day this version applies to; null = in force. */
  validTo: string | null
  /** True when a lawyer must confirm the value before it is relied on; shown in the admin UI. */
  needsLegalReview: boolean
  source: RuleSource
  /** Why the values are what they are; English or zh-CN. */
  notes: string
}

/** A stored rule version. */
export interface RuleVersion extends RuleSeed {
  id: string
  /** 1, 2, … per ruleId. */
  version: number
}

/** Fields a new version may change; ruleId never changes. */
export type RuleChange = { validFrom: string } & Partial<Omit<RuleSeed, 'ruleId' | 'validFrom'>>

/** SAMR Order 121 takes effect and Order 20 is repealed on this date (RULES.md §0.1). */
export const ORDER_121_EFFECTIVE_DATE = '2026-04-15'

const UNITS: readonly RuleUnit[] = ['WD', 'CD', 'M', 'Y']
const SOURCES: readonly RuleSource[] = ['PRIMARY', 'SECONDARY', 'UNCONFIRMED']
const RULE_ID_RE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000
const MAX_LENGTH = 10_000

function isValidDate(date: unknown): date is string {
  if (typeof date !== 'string') return false
  const m = DATE_RE.exec(date)
  if (!m) return false
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
}

function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10)
}

function requireDate(date: unknown, label: string): string {
  if (!isValidDate(date)) {
    throw new RuleInputError(`${label}格式应为 YYYY-MM-DD：“${String(date)}”`)
  }
  return date
}

function isPeriodLength(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_LENGTH
}

function nonEmpty(s: unknown): boolean {
  return typeof s === 'string' && s.trim() !== ''
}

/**
 * The complaint/report regime for a matter received on `date`: `order121` from 2026-04-15,
 * otherwise `order20`. Dates before Order 20 took effect (2020-01-01) also give `order20`; the
 * platform does not model the earlier SAIC Order 62 regime.
 * @throws RuleInputError for an invalid date
 */
export function regimeFor(date: string): Regime {
  return requireDate(date, '日期') >= ORDER_121_EFFECTIVE_DATE ? 'order121' : 'order20'
}

/**
 * Field-level problems of one rule version (zh-CN, empty when valid). A value that is not PRIMARY
 * must be flagged `needsLegalReview`.
 */
export function validateRuleSeed(seed: RuleSeed): string[] {
  const who = `规则“${String(seed.ruleId)}”（自 ${String(seed.validFrom)} 起）`
  const problems: string[] = []
  if (typeof seed.ruleId !== 'string' || !RULE_ID_RE.test(seed.ruleId)) {
    problems.push(`${who}的规则编号应为小写英文点分格式，如 complaint.accept`)
  }
  if (!nonEmpty(seed.name)) problems.push(`${who}缺少名称`)
  if (!nonEmpty(seed.legalBasis)) problems.push(`${who}缺少法律依据`)
  if (!nonEmpty(seed.startEvent)) problems.push(`${who}缺少起算事件`)
  if (!UNITS.includes(seed.unit)) problems.push(`${who}的期限单位无效：“${String(seed.unit)}”`)
  if (!isPeriodLength(seed.length)) {
    problems.push(`${who}的期限长度应为 1～${MAX_LENGTH} 的整数：“${String(seed.length)}”`)
  }
  if (seed.extension !== null) {
    const ext = seed.extension
    if (typeof ext !== 'object' || ext === undefined) {
      problems.push(`${who}的延长规则格式错误`)
    } else {
      if (!isPeriodLength(ext.length)) problems.push(`${who}的延长长度应为 1～${MAX_LENGTH} 的整数`)
      if (!UNITS.includes(ext.unit)) problems.push(`${who}的延长单位无效：“${String(ext.unit)}”`)
      if (!nonEmpty(ext.approval)) problems.push(`${who}的延长规则缺少批准条件`)
    }
  }
  if (!isValidDate(seed.validFrom)) problems.push(`${who}的生效日期格式应为 YYYY-MM-DD`)
  if (seed.validTo !== null && !isValidDate(seed.validTo)) {
    problems.push(`${who}的失效日期格式应为 YYYY-MM-DD：“${String(seed.validTo)}”`)
  }
  if (isValidDate(seed.validFrom) && isValidDate(seed.validTo) && seed.validTo < seed.validFrom) {
    problems.push(`${who}的失效日期 ${seed.validTo} 早于生效日期 ${seed.validFrom}`)
  }
  if (!SOURCES.includes(seed.source)) problems.push(`${who}的来源标记无效：“${String(seed.source)}”`)
  if (typeof seed.needsLegalReview !== 'boolean') problems.push(`${who}缺少“待法律审核”标记`)
  else if (seed.source !== 'PRIMARY' && !seed.needsLegalReview) {
    problems.push(`${who}的依据未经原文核实（${String(seed.source)}），必须标记为待法律审核`)
  }
  if (typeof seed.notes !== 'string') problems.push(`${who}的备注应为文本`)
  return problems
}

function describe(v: RuleVersion): string {
  return `第 ${v.version} 版（${v.validFrom}～${v.validTo ?? '长期'}）`
}

function overlaps(a: RuleVersion, b: RuleVersion): boolean {
  const aEnd = a.validTo ?? '9999-12-31'
  const bEnd = b.validTo ?? '9999-12-31'
  return a.validFrom <= bEnd && b.validFrom <= aEnd
}

/**
 * Problems in a set of rule versions (zh-CN, empty when consistent): invalid fields, validTo before
 * validFrom, repeated ids or version numbers, and two versions of the same rule whose validity
 * intervals overlap (so a date would match both). Gaps between versions are allowed: a rule may lapse.
 */
export function validateRuleSet(versions: readonly RuleVersion[]): string[] {
  const problems: string[] = []
  const ids = new Set<string>()
  const byRule = new Map<string, RuleVersion[]>()
  for (const v of versions) {
    problems.push(...validateRuleSeed(v))
    if (ids.has(v.id)) problems.push(`规则版本编号“${v.id}”重复`)
    ids.add(v.id)
    if (!Number.isInteger(v.version) || v.version < 1) {
      problems.push(`规则“${v.ruleId}”的版本号应为正整数：“${String(v.version)}”`)
    }
    const list = byRule.get(v.ruleId) ?? []
    list.push(v)
    byRule.set(v.ruleId, list)
  }
  for (const [ruleId, list] of byRule) {
    const sorted = [...list].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0))
    const seenVersions = new Set<number>()
    for (const v of sorted) {
      if (seenVersions.has(v.version)) problems.push(`规则“${ruleId}”的第 ${v.version} 版重复`)
      seenVersions.add(v.version)
    }
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i] as RuleVersion
        const b = sorted[j] as RuleVersion
        if (isValidDate(a.validFrom) && isValidDate(b.validFrom) && overlaps(a, b)) {
          problems.push(`规则“${ruleId}”的${describe(a)}与${describe(b)}有效期重叠`)
        }
      }
    }
  }
  return problems
}

/**
 * The version of `ruleId` in force on `eventDate` (validFrom <= date <= validTo, validTo null =
 * open). Undefined when no version covers the date. In an inconsistent set (overlap, see
 * {@link validateRuleSet}) the version with the latest validFrom wins, then the highest version.
 * @throws RuleInputError for an invalid date
 */
export function selectRuleInForce(versions: readonly RuleVersion[], ruleId: string, eventDate: string): RuleVersion | undefined {
  const date = requireDate(eventDate, '事件日期')
  let best: RuleVersion | undefined
  for (const v of versions) {
    if (v.ruleId !== ruleId || v.validFrom > date || (v.validTo !== null && date > v.validTo)) continue
    if (!best || v.validFrom > best.validFrom || (v.validFrom === best.validFrom && v.version > best.version)) {
      best = v
    }
  }
  return best
}

/**
 * Plans a new version of a rule taking effect on `change.validFrom`:
 * - `closed` = `current` with validTo = the day before;
 * - `created` = `current` with the changed fields, version + 1 (or `next.version`), and
 *   id `next.id` (default `${ruleId}@v${version}`; pass a real id from the id generator).
 *   Unless `change.validTo` is given it inherits `current.validTo` when it starts inside the current
 *   interval (so a correction does not run into a planned successor), and is open-ended (null) when
 *   it starts the day after a closed version.
 * @throws RuleInputError when validFrom is invalid or not after current.validFrom, when current
 *   already ended before validFrom - 1 (that is a new rule, not a successor), or when the new
 *   version is itself invalid
 */
export function planNewVersion(
  current: RuleVersion,
  change: RuleChange,
  next?: { id?: string; version?: number },
): { closed: RuleVersion; created: RuleVersion } {
  const validFrom = requireDate(change.validFrom, '新版本的生效日期')
  if (validFrom <= current.validFrom) {
    throw new RuleInputError(`新版本的生效日期（${validFrom}）必须晚于当前版本的生效日期（${current.validFrom}）`)
  }
  if (current.validTo !== null && validFrom > shiftDate(current.validTo, 1)) {
    throw new RuleInputError(`当前版本已于 ${current.validTo} 失效，新版本自 ${validFrom} 起生效会留出空档且不应延长旧版本；请直接新建版本`)
  }
  const version = next?.version ?? current.version + 1
  if (!Number.isInteger(version) || version <= current.version) {
    throw new RuleInputError(`新版本号（${String(version)}）必须大于当前版本号（${current.version}）`)
  }
  // A correction inside the current interval keeps its planned end; a successor that starts right
  // after a closed version is open-ended unless told otherwise.
  const inheritedEnd = current.validTo !== null && validFrom <= current.validTo ? current.validTo : null
  const fields: Partial<RuleSeed> = {}
  for (const [key, value] of Object.entries(change)) {
    if (value !== undefined && key !== 'ruleId') (fields as Record<string, unknown>)[key] = value
  }
  const created: RuleVersion = {
    ...current,
    ...fields,
    ruleId: current.ruleId,
    validFrom,
    validTo: change.validTo !== undefined ? change.validTo : inheritedEnd,
    id: next?.id ?? `${current.ruleId}@v${version}`,
    version,
  }
  const problems = validateRuleSeed(created)
  if (problems.length > 0) throw new RuleInputError(problems.join('；'), { problems })
  const closed: RuleVersion = { ...current, validTo: shiftDate(validFrom, -1) }
  return { closed, created }
}

/**
 * Turns seed rows into versions: per ruleId, ordered by validFrom, numbered 1, 2, … with
 * deterministic ids `${ruleId}@v${n}`. The service may replace the ids when it stores them.
 */
export function versionsFromSeed(seeds: readonly RuleSeed[]): RuleVersion[] {
  const sorted = [...seeds].sort((a, b) =>
    a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0,
  )
  const counters = new Map<string, number>()
  return sorted.map((s) => {
    const version = (counters.get(s.ruleId) ?? 0) + 1
    counters.set(s.ruleId, version)
    return { ...s, id: `${s.ruleId}@v${version}`, version }
  })
}

/** Legal bases without the reviewers' remarks, for documents and for staff other than the rules administrator. */
export { printableLegalBasis } from '../../shared/legal'

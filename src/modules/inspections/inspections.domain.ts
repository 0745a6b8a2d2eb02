/**
 * Pure rules and vocabularies of double-random inspections (双随机、一公开) other than the draw and
 * the assignment themselves (draw.domain.ts, assign.domain.ts): business lines, result options and
 * their follow-ups, task states, default sampling ratios, joint-task groups. No IO.
 */
import { ENTITY_KIND_LABEL } from '../entities'
import { RESULT_OPTIONS, type ResultCode, type Stratum } from '../../shared/inspections/vocabulary'

export {
  BUSINESS_LINE_CODES,
  BUSINESS_LINES,
  CONFLICT_KINDS,
  DEFAULT_RATIOS,
  OUTCOME_LABEL,
  RESULT_CODES,
  RESULT_OPTIONS,
  STRATA,
  STRATUM_LABEL,
  type BusinessLine,
  type ConflictKind,
  type ResultCode,
  type Stratum,
} from '../../shared/inspections/vocabulary'

/** The abnormal-list ground (credit module's ABNORMAL_REASONS key) of a result, if any. */
export function abnormalReasonOf(result: ResultCode): string | null {
  switch (result) {
    case 'unreachable':
      return 'unreachable_at_registered_address'
    case 'not_publicised':
      return 'info_not_publicised'
    case 'false_publicity':
      return 'false_publicity'
    default:
      return null
  }
}

export function needsLead(result: ResultCode): boolean {
  const f = RESULT_OPTIONS[result].followUp
  return f === 'lead' || f === 'lead_and_abnormal'
}

/**
 * The outcome of one target over its item results: the most serious finding. Public pages show it
 * next to the per-item results.
 */
export function outcomeOf(results: ResultCode[]): 'no_problem' | 'problem' | 'unreachable' | 'no_activity' {
  if (results.includes('unreachable')) return 'unreachable'
  if (results.some((r) => RESULT_OPTIONS[r].problem)) return 'problem'
  if (results.length > 0 && results.every((r) => r === 'no_activity')) return 'no_activity'
  return 'no_problem'
}

export const ENTITY_KIND_CODES = ['enterprise', 'individual', 'cooperative', 'other'] as const
export type EntityKindCode = (typeof ENTITY_KIND_CODES)[number]
/** The register's own words for the kinds (entities.domain), so a list, an export and a notice agree. */
export const ENTITY_KIND_TEXT: Record<EntityKindCode, string> = ENTITY_KIND_LABEL

export const TASK_STATUSES = {
  draft: '草稿',
  announced: '已公告（待抽取）',
  drawn: '已抽取（检查中）',
  completed: '检查完成（待公示）',
  published: '已公示',
  void: '已作废',
} as const
export type TaskStatus = keyof typeof TASK_STATUSES

/** The stratum of a credit-risk class ('N' when not yet classified). */
export function stratumOf(riskClass: string | null | undefined): Stratum {
  return riskClass === 'A' || riskClass === 'B' || riskClass === 'C' || riskClass === 'D' ? riskClass : 'N'
}

/** How many days back a target drawn for the same item is excluded (not twice within a year). */
export const REPEAT_WINDOW_DAYS = 365

export interface TaskItemRef {
  itemId: string
  unitId: string
  businessLine: string
}
export interface AssignmentGroup {
  groupNo: number
  unitId: string
  line: string
  itemIds: string[]
}

/**
 * Groups a task's items by (checking department, business line): one inspector team is drawn per
 * group, so a joint task sends each department's qualified inspectors in the same visit
 * (进一次门、查多项事). Ordered deterministically, so a re-run forms the same groups.
 */
export function assignmentGroups(items: TaskItemRef[]): AssignmentGroup[] {
  const byKey = new Map<string, AssignmentGroup>()
  for (const it of [...items].sort((a, b) => cmp(a.unitId, b.unitId) || cmp(a.businessLine, b.businessLine) || cmp(a.itemId, b.itemId))) {
    const key = `${it.unitId}\u0000${it.businessLine}`
    let g = byKey.get(key)
    if (!g) {
      g = { groupNo: byKey.size + 1, unitId: it.unitId, line: it.businessLine, itemIds: [] }
      byKey.set(key, g)
    }
    g.itemIds.push(it.itemId)
  }
  return [...byKey.values()]
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export { addDays } from '../../shared/time'

/** Whether a conflict declared for [from, to] is in force on `date`. */
export function conflictInForce(c: { validFrom: string; validTo: string | null }, date: string): boolean {
  return c.validFrom <= date && (c.validTo === null || c.validTo >= date)
}

/** '|a|b|' ⇄ ['a','b'] for the small code lists stored in one column. */
export const packCodes = (codes: readonly string[]): string => (codes.length ? `|${[...new Set(codes)].join('|')}|` : '')
export const unpackCodes = (s: string | null | undefined): string[] => (s ?? '').split('|').filter(Boolean)

/** One assignment group as the capacity check sees it: the load limit of each available inspector. */
export interface CapacityGroup {
  label: string
  caps: Array<{ userId: string; cap: number }>
}
export interface CapacityInput {
  /** Per stratum: pool size, the rule's ratio and minimum, and the expected count from the rules. */
  strata: Array<{ label: string; size: number; ratio: number; min?: number; expected: number }>
  poolSize: number
  excludedCount: number
  perTarget: number
  groups: CapacityGroup[]
}
export interface CapacityGroupOut {
  label: string
  inspectors: number
  need: number
  capacity: number
}
export interface Capacity {
  feasible: boolean
  problems: string[]
  warnings: string[]
  groups: CapacityGroupOut[]
}

/**
 * Whether a task can be drawn as it stands (before 公告 and on the draft): at least one target by
 * the rules' ratios over today's pool, and per assignment group at least `perTarget` inspectors
 * whose load limits add up to the places needed (targets × perTarget; an inspector takes at most
 * one place per target). Inspectors in several groups share one load limit, so the places of all
 * groups are also checked against the distinct inspectors' limits. Necessary, not sufficient: the
 * draw itself may still fail on avoidance (conflicts, the daily station), which only the drawn
 * targets decide; the draw records that with its reasons. zh-CN problems (blocking) and warnings.
 */
export function capacityOf(input: CapacityInput): Capacity {
  const problems: string[] = []
  const warnings: string[] = []
  const targets = input.strata.reduce((a, s) => a + s.expected, 0)
  if (targets === 0) {
    problems.push(
      `按任务的范围和比例抽不到任何检查对象（当前符合条件的对象共 ${input.poolSize} 户${input.excludedCount ? `，另有 ${input.excludedCount} 户因一年内已抽查而排除` : ''}）；请调整对象范围或抽查比例`,
    )
  }
  for (const s of input.strata) {
    if ((s.ratio > 0 || (s.min ?? 0) > 0) && s.size === 0) warnings.push(`${s.label}当前没有符合条件的对象，该分层将不抽取`)
    else if (s.min !== undefined && s.min > s.size) warnings.push(`${s.label}仅有 ${s.size} 户，少于最少抽取数 ${s.min}，将全部抽取`)
  }
  const groups: CapacityGroupOut[] = []
  const shared = new Map<string, number>()
  for (const g of input.groups) {
    const people = g.caps.filter((c) => c.cap > 0)
    const need = targets * input.perTarget
    const capacity = people.reduce((a, c) => a + Math.min(c.cap, targets), 0)
    groups.push({ label: g.label, inspectors: people.length, need, capacity })
    for (const c of people) shared.set(c.userId, Math.max(shared.get(c.userId) ?? 0, c.cap))
    if (targets === 0) continue
    if (people.length < input.perTarget) problems.push(`【${g.label}】可派检查人员 ${people.length} 名，少于每户所需的 ${input.perTarget} 名`)
    else if (capacity < need)
      problems.push(
        `【${g.label}】负荷上限合计不足：${targets} 户 × 每户 ${input.perTarget} 人需要 ${need} 人次，${people.length} 名检查人员最多承担 ${capacity} 人次；请提高负荷上限、增加检查人员或降低抽查比例`,
      )
  }
  if (targets > 0 && input.groups.length > 1 && problems.length === 0) {
    const need = targets * input.perTarget * input.groups.length
    const capacity = [...shared.values()].reduce((a, c) => a + Math.min(c, targets * input.groups.length), 0)
    if (capacity < need) problems.push(`各分组共用检查人员，负荷上限合计不足：共需 ${need} 人次，最多承担 ${capacity} 人次`)
  }
  return { feasible: problems.length === 0, problems, warnings, groups }
}

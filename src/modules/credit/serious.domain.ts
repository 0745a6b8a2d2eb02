/**
 * The serious-violation list's pure rules (Order 44, RULES.md §3.3, §11.4, §14): whether a case
 * decision meets the listing test, whether the deciding bureau needs the level above, and the
 * early-removal conditions. No IO; the periods (3 years, 1 year) come from the rule catalogue.
 */
import { addDays } from '../../shared/time'
import type { SeriousField } from '../../shared/credit/serious.workflow'

/** Heavier penalties by their type alone (Order 44 Art 2: licence, grade, business, employment). */
export const HEAVIER_TYPES = new Set(['lower_grade', 'revoke_licence', 'restrict_business', 'suspend_business', 'close', 'restrict_employment'])

export interface DecisionFacts {
  partyKind: string
  entityId: string | null
  penaltyType: string | null
  fineFen: number
  decidedOn: string | null
  /** The case's state: the listing follows a decision (decided, served or closed). */
  state: string
}

/**
 * Order 44 Art 2 (basic test) as far as the record can tell: an entity (not a natural person) got a
 * decided heavier penalty — a heavier type, or a fine the officer states is at the severe end of the
 * discretion benchmark. "Bad nature, serious circumstances, large social harm" (Art 12) is the
 * officer's written statement, required by the input schema. Returns the unmet conditions (zh-CN).
 */
export function order44Problems(c: DecisionFacts, o: { severeFine?: boolean; field: SeriousField }): string[] {
  const out: string[] = []
  if (c.partyKind !== 'entity' || !c.entityId) out.push('当事人不是登记在册的经营主体：严重违法失信名单只列入经营主体')
  if (!c.decidedOn || !['decided', 'served', 'closed'].includes(c.state)) out.push('案件尚未作出行政处罚决定')
  const heavierType = !!c.penaltyType && HEAVIER_TYPES.has(c.penaltyType)
  const severeFine = !!o.severeFine && c.fineFen > 0
  if (!heavierType && !severeFine)
    out.push('未受到较重行政处罚：须为降低资质等级、吊销许可证件或营业执照、限制开展生产经营活动、责令停产停业、责令关闭、限制从业，或按裁量基准从重的罚款')
  if (o.field === 'abnormal_three_years') out.push('“经营异常名录届满3年”不是案件来源的列入领域')
  return out
}

export interface UnitNode {
  id: string
  parentId: string | null
  kind: string
}

/**
 * The bureau that decides for a unit (its nearest ancestor-or-self bureau) and whether it needs the
 * level above's approval: a district or county bureau, when the installation keeps that step
 * (Order 44 as in force; the 2025 draft drops it). The upper unit is the bureau above.
 */
export function approvalPath(
  unitId: string,
  units: ReadonlyMap<string, UnitNode>,
  keepUpperStep: boolean,
): { bureauId: string | null; needsUpper: boolean; upperUnitId: string | null } {
  const isBureau = (k: string) => k === 'province_bureau' || k === 'city_bureau' || k === 'district_bureau'
  let u = units.get(unitId)
  const seen = new Set<string>()
  while (u && !isBureau(u.kind) && u.parentId && !seen.has(u.id)) {
    seen.add(u.id)
    u = units.get(u.parentId)
  }
  if (!u || !isBureau(u.kind)) return { bureauId: null, needsUpper: false, upperUnitId: null }
  let up = u.parentId ? units.get(u.parentId) : undefined
  while (up && !isBureau(up.kind) && up.parentId) up = units.get(up.parentId)
  const upper = up && isBureau(up.kind) ? up.id : null
  return { bureauId: u.id, needsUpper: keepUpperStep && u.kind === 'district_bureau' && upper !== null, upperUnitId: upper }
}

export interface EarlyFacts {
  today: string
  /** Listing date + 1 year (credit.serious_early_removal). */
  earlyFromOn: string | null
  listedOn: string | null
  /** The entity's decided penalties (newest first). */
  penalties: ReadonlyArray<{ caseId: string; decidedOn: string; penaltyType: string | null; fineFen: number; performed: boolean }>
  /** The case the entry was born from (null for the abnormal-list route). */
  sourceCaseId: string | null
  /** The harm removed: the applicant's commitment accepted by the officer. */
  harmRemoved: boolean
}

/**
 * Early removal on application (Order 44; RULES.md §3.3, UNCONFIRMED): one year since listing, the
 * penalty performed, the harm removed, and no further heavier penalty since the listing. Returns the
 * unmet conditions.
 */
export function earlyRemovalProblems(f: EarlyFacts): string[] {
  const out: string[] = []
  if (!f.earlyFromOn || f.today < f.earlyFromOn) out.push(`列入未满1年：最早可于 ${f.earlyFromOn ?? '—'} 申请提前移出`)
  const source = f.sourceCaseId ? f.penalties.find((p) => p.caseId === f.sourceCaseId) : null
  if (f.sourceCaseId && (!source || !source.performed)) out.push('据以列入的行政处罚尚未履行完毕')
  if (!f.harmRemoved) out.push('未消除危害后果')
  const later = f.listedOn ? f.penalties.filter((p) => p.caseId !== f.sourceCaseId && p.decidedOn > f.listedOn! && isHeavier(p)) : []
  if (later.length) out.push(`列入后又受到较重行政处罚（${later.length} 件）`)
  return out
}

export const isHeavier = (p: { penaltyType: string | null }) => !!p.penaltyType && HEAVIER_TYPES.has(p.penaltyType)

/**
 * The date a period of years or months measured from `start` ends on the calendar (the corresponding
 * day; with no such day, the month's last day). Not rolled to a working day: these are the dates an
 * entry leaves the list or may be repaired, not time limits the bureau must meet.
 */
export function periodEnd(start: string, period: { length: number; unit: string }): string {
  const months = period.unit === 'Y' ? period.length * 12 : period.unit === 'M' ? period.length : null
  if (months === null) return addDays(start, period.length)
  const [y, m, d] = start.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + months
  const ny = Math.floor(total / 12)
  const nm = (total % 12) + 1
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate()
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/**
 * Pure rules of the investigation stage (no IO): which evidence kind a record is listed as, who
 * handles the case after an avoidance decision (Penalty Law Arts 42–43), and which decision on a
 * registered preservation is still open on a date (Art 56: 7 WD, then the measure lapses).
 */
import type { PreservationDecision, RecordKind } from '../../shared/cases/investigation'
import { CASE_LIMITS, type EvidenceKind } from '../../shared/cases/vocabulary'

/** A 询问笔录 of a witness is 证人证言, of anyone else 当事人的陈述; site and inspection records are 勘验笔录、现场笔录. */
export function recordEvidenceKind(kind: RecordKind, personRole: string | null | undefined): EvidenceKind {
  if (kind !== 'inquiry') return 'record'
  return personRole && /证人/.test(personRole) ? 'witness' : 'statement'
}

export interface Officer {
  userId: string
  name: string
  certNo: string
  seq: number
}

/**
 * The officers after `leaving` withdraws and `replacement` (if any) takes the same place: the
 * replacement must not already be on the case and the case keeps ≥ 2 certified officers.
 * Returns the new list, or the zh-CN reason it cannot be.
 */
export function officersAfterAvoidance(
  officers: readonly Officer[],
  leaving: string,
  replacement: Omit<Officer, 'seq'> | null,
): { ok: true; officers: Officer[] } | { ok: false; message: string } {
  const at = officers.find((o) => o.userId === leaving)
  if (!at) return { ok: false, message: '申请回避的人员不是本案办案人员' }
  if (replacement && officers.some((o) => o.userId === replacement.userId)) return { ok: false, message: '替换的办案人员已是本案办案人员' }
  if (replacement && !replacement.certNo) return { ok: false, message: `“${replacement.name}”没有执法证号，不能承办案件（行政处罚法第四十二条）` }
  const next = officers.filter((o) => o.userId !== leaving)
  if (replacement) next.push({ ...replacement, seq: at.seq })
  next.sort((a, b) => a.seq - b.seq)
  if (next.filter((o) => o.certNo).length < CASE_LIMITS.officersMin)
    return { ok: false, message: `回避后本案持证办案人员不足 ${CASE_LIMITS.officersMin} 人，请在申请中指定替换的办案人员（行政处罚法第四十二条）` }
  return { ok: true, officers: next }
}

/** Why `decision` cannot be taken on `on` for a preservation due `dueOn` (null: it can). After the 7 WD only a release is recorded. */
export function preservationDecisionProblem(decision: PreservationDecision, on: string, dueOn: string | null): string | null {
  if (dueOn && on > dueOn && decision !== 'release') return `先行登记保存的处理期限已于 ${dueOn} 届满，措施已自动解除，只能登记解除（行政处罚法第五十六条）`
  return null
}

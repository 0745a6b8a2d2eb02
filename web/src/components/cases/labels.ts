/** Case files (行政处罚案件): shapes of /api/cases; vocabulary and workflow from src/shared (one copy for server and web). */
import type { components } from '../../api/openapi.gen'
import { beijingToday } from '../../../../src/shared/time'

export { CASE_STATE_LABEL, caseWorkflow, CASE_STATES, type CaseState } from '../../../../src/shared/cases/case.workflow'
export {
  CASE_TYPES,
  CASE_TYPE_CODES,
  CLOSURE_REASONS,
  PARTY_KINDS,
  PENALTY_TYPES,
  SERVICE_METHODS,
  EVIDENCE_KINDS,
  DISPOSALS,
  PAYMENT_KINDS,
  yuan,
} from '../../../../src/shared/cases/vocabulary'
export { OpenCaseBody } from '../../../../src/shared/cases/schema'

export type CaseSummary = components['schemas']['CaseSummary']
export type CaseDetail = components['schemas']['CaseDetail']

export type ClockColour = 'overdue' | 'due_soon' | 'on_time' | 'none'
/** The clock colour of a due date: overdue after it, due soon within 5 days (calendar), else on time. */
export function clockColour(dueOn: string | null | undefined, doneOn?: string | null, today = beijingToday()): ClockColour {
  if (!dueOn || doneOn) return 'none'
  if (dueOn < today) return 'overdue'
  const days = Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)
  return days <= 5 ? 'due_soon' : 'on_time'
}
export const CLOCK_LABEL: Record<ClockColour, string> = { overdue: '已超期', due_soon: '即将到期', on_time: '期限内', none: '' }
export const CLOCK_TAG: Record<ClockColour, string> = { overdue: 'red', due_soon: 'orange', on_time: 'green', none: 'default' }

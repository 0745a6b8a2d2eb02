/** Penalty publicity, typical cases and statistics (shapes of /api/case-publicity, /api/case-stats, /api/public/penalties). */
import type { components } from '../../api/openapi.gen'

export { PUBLICITY_STATES, STAT_MEASURES, DISPLAY_KINDS, PublishBody, WithdrawBody, TypicalBody } from '../../../../src/shared/cases/publicity'

export type Publicity = components['schemas']['CasePublicity']
export type PublicityDetail = Publicity & {
  clocks: Array<{ kind: string; label: string; ruleId: string | null; startOn: string; dueOn: string | null; doneOn: string | null; late: boolean }>
  mayChange: boolean
}
export type PublicPenalty = components['schemas']['PublicPenalty']
export type PublicPenaltyDetail = PublicPenalty & { facts: string; basis: string }
export type TypicalCase = components['schemas']['TypicalCase']
export type PublicTypical = Omit<TypicalCase, 'caseId' | 'withdrawnOn'>
export type CaseStatsTable = components['schemas']['CaseStatsTable']
export type StatMeasures = CaseStatsTable['total']
export type StatsMonthly = { items: Array<{ month: string; filed: number; closed: number; amountFen: number }> }
export type MorePage<T> = { items: T[]; hasMore: boolean; page: number; pageSize: number }

import { z } from 'zod'
import { NO_PENALTY_GROUNDS, type NoPenaltyGround } from '../../shared/cases/vocabulary'
import type { CaseRow } from './cases.kit'

/** The case detail's decision-stage fields (spread into CaseDetail). */
export const DECISION_STAGE_FIELDS = {
  hearing: z
    .object({ noticeOn: z.string(), hearingOn: z.string().nullable(), place: z.string().nullable(), officerName: z.string().nullable(), heldOn: z.string().nullable() })
    .nullable()
    .describe('听证：通知日期、举行日期、地点、主持人、实际举行日期'),
  collectiveOn: z.string().nullable().describe('集体讨论日期'),
  noPenaltyGround: z.string().nullable(),
  noPenaltyGroundLabel: z.string().nullable().describe('不予行政处罚的理由'),
  procedure: z.string().describe('ordinary 普通程序 | simplified 简易程序（当场处罚）'),
}

/** The decision-stage fields of a case row. */
export function decisionStageView(r: CaseRow & { procedure?: string }) {
  return {
    hearing: r.hearingNoticeOn
      ? { noticeOn: r.hearingNoticeOn, hearingOn: r.hearingOn, place: r.hearingPlace, officerName: r.hearingOfficerName, heldOn: r.hearingHeldOn }
      : null,
    collectiveOn: r.collectiveOn,
    noPenaltyGround: r.noPenaltyGround,
    noPenaltyGroundLabel: r.noPenaltyGround ? (NO_PENALTY_GROUNDS[r.noPenaltyGround as NoPenaltyGround]?.label ?? r.noPenaltyGround) : null,
    procedure: r.procedure ?? 'ordinary',
  }
}

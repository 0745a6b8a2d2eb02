import { z } from 'zod'
import { NO_PENALTY_GROUNDS, type NoPenaltyGround } from '../../shared/cases/vocabulary'
import { reconcile, type Balance } from './cases.domain'
import type { CaseRow } from './cases.kit'

/** The case detail's decision-stage fields (spread into CaseDetail). */
export const DECISION_STAGE_FIELDS = {
  hearing: z
    .object({
      noticeOn: z.string(),
      hearingOn: z.string().nullable(),
      place: z.string().nullable(),
      officerName: z.string().nullable(),
      heldOn: z.string().nullable(),
    })
    .nullable()
    .describe('听证：通知日期、举行日期、地点、主持人、实际举行日期'),
  collectiveOn: z.string().nullable().describe('集体讨论日期'),
  noPenaltyGround: z.string().nullable(),
  noPenaltyGroundLabel: z.string().nullable().describe('不予行政处罚的理由'),
  procedure: z.string().describe('ordinary 普通程序 | simplified 简易程序（当场处罚）'),
  onspotFiledOn: z.string().nullable().describe('当场处罚备案日期'),
  deferredTo: z.string().nullable().describe('批准延期（分期）后的最后缴款日'),
  instalments: z.array(z.object({ seq: z.number().int(), dueOn: z.string(), amountFen: z.number().int() })),
  remindedOn: z.string().nullable().describe('催告书送达日期'),
  courtAppliedOn: z.string().nullable().describe('申请人民法院强制执行日期'),
  reconciliation: z
    .object({
      decidedFen: z.number().int(),
      surchargeFen: z.number().int(),
      paidFen: z.number().int(),
      outstandingFen: z.number().int(),
      waivedFen: z.number().int(),
      balanced: z.boolean(),
    })
    .describe('对账：罚没款＋加处罚款＝已缴＋未缴＋核销'),
}

/** The decision-stage fields of a case row. */
export function decisionStageView(
  r: CaseRow & { procedure?: string },
  money: {
    instalments: ReadonlyArray<{ seq: number; dueOn: string; amountFen: number }>
    balance: Pick<Balance, 'decidedFen' | 'surchargeFen' | 'paidFen' | 'outstandingFen'>
  },
) {
  return {
    onspotFiledOn: r.onspotFiledOn,
    deferredTo: r.deferredTo,
    instalments: money.instalments.map((i) => ({ seq: Number(i.seq), dueOn: i.dueOn, amountFen: Number(i.amountFen) })),
    remindedOn: r.remindedOn,
    courtAppliedOn: r.courtAppliedOn,
    reconciliation: reconcile(money.balance, r.state === 'closed'),
    hearing: r.hearingNoticeOn
      ? { noticeOn: r.hearingNoticeOn, hearingOn: r.hearingOn, place: r.hearingPlace, officerName: r.hearingOfficerName, heldOn: r.hearingHeldOn }
      : null,
    collectiveOn: r.collectiveOn,
    noPenaltyGround: r.noPenaltyGround,
    noPenaltyGroundLabel: r.noPenaltyGround ? (NO_PENALTY_GROUNDS[r.noPenaltyGround as NoPenaltyGround]?.label ?? r.noPenaltyGround) : null,
    procedure: r.procedure ?? 'ordinary',
  }
}

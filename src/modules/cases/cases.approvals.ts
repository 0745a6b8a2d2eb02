/**
 * The case's approvals in 审批待办: the handler proposes an action that is the head's (延期 — the
 * 90-day clock +30; 结案), with the action's input and reasons; the head approves it in the inbox,
 * which takes the action in the approval's transaction (its clock effects, documents and timeline as
 * if the head had taken it). The head may still take these actions directly on the case.
 */
import { assertCan, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { AppError, validation } from '../../core/errors'
import type { Approvals, ApprovalView } from '../../core/matter/approvals'
import type { ClockKernel } from '../../core/matter/clocks'
import { CASE_STATE_LABEL, caseWorkflow, type CaseAction, type CaseState } from '../../shared/cases/case.workflow'
import type { CaseProposalBody } from '../../shared/cases/schema'
import type { RuleVersion } from '../rules'
import type { CaseDecision } from './cases.decision'
import { LEGAL_REVIEW_KIND } from './cases.hearing'
import { CASE_MATTER, type CaseKit } from './cases.kit'

/** The case actions a handler may propose, with the inbox's label. */
export const CASE_APPROVAL_KINDS = {
  extend: '延期审批',
  close: '结案审批',
  collective_discussion: '集体讨论',
  allow_instalments: '延期（分期）缴纳审批',
} as const satisfies Partial<Record<CaseAction, string>>
export type ProposableCaseAction = keyof typeof CASE_APPROVAL_KINDS
/** The inbox kind of each proposable action. */
const KIND_OF: Record<ProposableCaseAction, string> = {
  extend: 'case.extend',
  close: 'case.close',
  collective_discussion: 'case.collective',
  allow_instalments: 'case.instalment',
}

export function createCaseApprovals({
  db,
  kit,
  clocks,
  approvals,
  decision,
}: Pick<CoreDeps, 'db'> & { kit: CaseKit; clocks: ClockKernel; approvals: Approvals; decision: Pick<CaseDecision, 'actInTrx'> }) {
  const { records, ruleVersions, legalDate } = kit

  for (const action of Object.keys(CASE_APPROVAL_KINDS) as ProposableCaseAction[])
    approvals.register({
      kind: KIND_OF[action],
      label: CASE_APPROVAL_KINDS[action],
      matterType: CASE_MATTER,
      permission: 'case.approve',
      prepare: async () => {
        await clocks.prepare()
        return ruleVersions()
      },
      async approve(trx, ctx, req, payload, _note, prepared) {
        await decision.actInTrx(trx, ctx, req.matterId, action, payload as Record<string, unknown>, undefined, prepared as RuleVersion[])
      },
    })

  // 法制审核: filed in the inbox by 提交法制审核 (cases.hearing.ts); the decider's note is the review opinion.
  approvals.register({
    kind: LEGAL_REVIEW_KIND,
    label: '法制审核',
    matterType: CASE_MATTER,
    permission: 'case.approve',
    prepare: async () => {
      await clocks.prepare()
      return ruleVersions()
    },
    async approve(trx, ctx, req, _payload, note, prepared) {
      if (!note) throw validation('请在审批意见中填写法制审核意见')
      await decision.actInTrx(trx, ctx, req.matterId, 'complete_review', { opinion: note }, undefined, prepared as RuleVersion[])
    },
  })

  /** The handler proposes 延期 or 结案 (POST /cases/:id/proposals): the input is checked now and again on approval. */
  async function propose(ctx: Ctx, id: string, body: CaseProposalBody): Promise<ApprovalView> {
    assertCan(ctx.actor, 'case.handle')
    const parsed = caseWorkflow.parseInput(body.action, body.input)
    if (!parsed.ok) throw validation(parsed.message)
    const req = await db.transaction().execute(async (trx) => {
      const r = await records.load(trx, ctx, id, { permission: 'case.handle', lock: true })
      records.assertVersion(r, body.version)
      if (caseWorkflow.target(r.state as CaseState, body.action) === null)
        throw new AppError('ILLEGAL_TRANSITION', `案件处于“${CASE_STATE_LABEL[r.state as CaseState]}”状态，不能提请${CASE_APPROVAL_KINDS[body.action]}`)
      // The proposed date: not in the future, not before the filing (checked again when approved).
      const on = (parsed.value as { on?: string }).on
      if (on) legalDate(on, body.action === 'extend' ? '批准日期' : body.action === 'close' ? '结案日期' : '批准日期', r.filedOn)
      const a = await approvals.request(trx, ctx, {
        kind: KIND_OF[body.action],
        matterId: id,
        unitId: r.unitId,
        matterLabel: r.caseNo,
        title: `${r.title}（当事人 ${r.partyName}）`,
        link: `/cases/${id}`,
        payload: parsed.value,
        reason: body.reason,
      })
      await records.update(trx, ctx, r, {}, { audit: 'approval.request' })
      return a
    })
    return approvals.get(ctx, req.id)
  }

  return { propose }
}
export type CaseApprovals = ReturnType<typeof createCaseApprovals>

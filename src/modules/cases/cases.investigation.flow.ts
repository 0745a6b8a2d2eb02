/**
 * The investigation stage's workflow actions (shared/cases/case.workflow.investigation.ts): 中止调查
 * (the 90-day clock paused with the ground), 恢复调查 (resumed), 终止调查 (final) and 移送 (the decision
 * clock stops; the 涉嫌犯罪案件移送书 or 案件移送函 is issued and the transfer recorded for its receipt).
 * Data guards (`effectOf`, inside the records kernel's transition), then clocks, documents and the
 * timeline — the same order as cases.decision.ts. The handler proposes these to the head in 审批待办
 * (`propose`); the transfer's receipt (回执) and later outcome are recorded by `receipt`.
 */
import { assertCan, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Trx } from '../../core/db/database'
import { docDate } from '../../core/documents'
import { AppError, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { Approvals, ApprovalView } from '../../core/matter/approvals'
import type { ClockKernel } from '../../core/matter/clocks'
import { CASE_STATE_LABEL, caseWorkflow, type CaseState } from '../../shared/cases/case.workflow'
import { type InvestigationAction } from '../../shared/cases/case.workflow.investigation'
import {
  INVESTIGATION_PROPOSALS,
  SUSPENSION_GROUNDS,
  TERMINATION_GROUNDS,
  TRANSFER_TARGETS,
  type InvestigationProposalBody,
  type TransferReceiptBody,
  type TransferTarget,
} from '../../shared/cases/investigation'
import type { RuleVersion } from '../rules'
import { CASE_MATTER, type CaseKit, type CaseRow } from './cases.kit'
import type { CaseRecords } from './cases.records'
import type { CaseDetail } from './cases.schema'

export function createCaseInvestigationFlow({
  db,
  clock,
  kit,
  clocks,
  approvals,
  get,
  view,
}: Pick<CoreDeps, 'db' | 'clock'> & {
  kit: CaseKit
  clocks: ClockKernel
  approvals: Approvals
  get: (ctx: Ctx, id: string) => Promise<CaseDetail>
  view: CaseRecords['view']
}) {
  const { today, records, legalDate, ruleVersions, basisOf, event, issue, dueOf, project, forChange } = kit

  /** Data guards of the investigation actions (inside the transition). */
  async function effectOf(trx: Trx, row: CaseRow, action: InvestigationAction, input: Record<string, unknown>): Promise<Partial<CaseRow>> {
    const at = (label: string, notBefore?: string | null) => legalDate(input.on as string | undefined, label, notBefore ?? row.filedOn)
    switch (action) {
      case 'suspend':
        at('中止日期')
        return {}
      case 'resume': {
        const pause = (await clocks.list(trx, CASE_MATTER, row.id)).find((c) => c.kind === 'decision')?.pauses.find((p) => p.to === null)
        at('恢复日期', pause?.from)
        return {}
      }
      case 'terminate':
      case 'transfer': {
        at(action === 'terminate' ? '终止日期' : '移送日期')
        // Preserved evidence and seized goods are dealt with first (released, or handed over with the case).
        const held = await trx
          .selectFrom('casePreservation')
          .select('id')
          .where('caseId', '=', row.id)
          .where('state', 'in', ['pending', 'held'])
          .executeTakeFirst()
        if (held) throw validation('尚有未处理的先行登记保存，请先作出处理决定')
        if (action === 'terminate') {
          const seized = await trx.selectFrom('caseSeizure').select('id').where('caseId', '=', row.id).where('releasedOn', 'is', null).executeTakeFirst()
          if (seized) throw validation('尚有未解除的查封、扣押措施，请先解除并处理涉案物品')
        }
        return {}
      }
    }
  }

  /** Documents, records and timeline of an investigation action, after its clocks moved. */
  async function afterTransition(
    trx: Trx,
    ctx: Ctx,
    r: CaseRow,
    action: InvestigationAction,
    input: Record<string, unknown>,
    on: string,
    versions: RuleVersion[],
  ) {
    const label = caseWorkflow.actions[action].label
    let note: string | null = null
    switch (action) {
      case 'suspend': {
        const ground = SUSPENSION_GROUNDS[input.ground as keyof typeof SUSPENSION_GROUNDS]
        await issue(trx, ctx, r, 'case.suspension', on, basisOf(versions, 'case.decision', r.filedOn), {
          ground,
          reason: input.reason as string,
          on: docDate(on),
        })
        note = `${ground}：${input.reason as string}`
        break
      }
      case 'resume': {
        const due = await dueOf(trx, CASE_MATTER, r.id, 'decision')
        await issue(trx, ctx, r, 'case.resumption', on, basisOf(versions, 'case.decision', r.filedOn), {
          reason: input.reason as string,
          on: docDate(on),
          dueOn: due ? docDate(due) : '',
        })
        note = `办案期限至 ${due ?? '—'}`
        break
      }
      case 'terminate': {
        const ground = TERMINATION_GROUNDS[input.ground as keyof typeof TERMINATION_GROUNDS]
        await issue(trx, ctx, r, 'case.termination', on, null, { ground, reason: input.reason as string, on: docDate(on) })
        // 终止 is final like 结案: the case leaves its officers' open entries (我的案件's index).
        await trx.updateTable('caseOfficer').set({ caseOpen: 0 }).where('caseId', '=', r.id).execute()
        note = `${ground}：${input.reason as string}`
        break
      }
      case 'transfer': {
        const target = input.target as TransferTarget
        const doc = await issue(trx, ctx, r, target === 'police' ? 'case.transfer_crime' : 'case.transfer_letter', on, null, {
          organ: input.organ as string,
          reason: input.reason as string,
          materials: (input.materials as string | undefined) || '案件材料',
          on: docDate(on),
        })
        await trx
          .insertInto('caseTransfer')
          .values({
            id: newId(),
            caseId: r.id,
            target,
            organ: input.organ as string,
            reason: input.reason as string,
            materials: (input.materials as string | undefined) || null,
            transferredOn: on,
            docNo: doc.docNo,
            state: 'sent',
            createdAt: clock.now().toISOString(),
            createdBy: ctx.actor.userId,
          })
          .execute()
        note = `${doc.docNo ?? ''} 移送${TRANSFER_TARGETS[target]}：${input.organ as string}`
        break
      }
    }
    await event(trx, ctx, r.id, action, label, on, note)
  }

  async function actInTrx(
    trx: Trx,
    ctx: Ctx,
    id: string,
    action: InvestigationAction,
    input: Record<string, unknown>,
    version: number | undefined,
    versions: RuleVersion[],
  ) {
    const res = await records.transition(ctx, id, action, input, { version, trx })
    const parsed = caseWorkflow.parseInput(action, input)
    const value = (parsed.ok ? parsed.value : {}) as Record<string, unknown>
    const on = (value.on as string | undefined) ?? today()
    const def = caseWorkflow.actions[action]
    if (def.clocks?.length) await clocks.apply(trx, { type: CASE_MATTER, id, unitId: res.after.unitId, referenceDate: res.after.filedOn }, def.clocks, on)
    await project(trx, id)
    await afterTransition(trx, ctx, res.after, action, value, on, versions)
  }

  /** Takes an investigation action on a case (POST /cases/:id/actions/:action). */
  async function act(ctx: Ctx, id: string, action: InvestigationAction, input: Record<string, unknown>, version?: number): Promise<CaseDetail> {
    const versions = await ruleVersions()
    await clocks.prepare()
    await db.transaction().execute((trx) => actInTrx(trx, ctx, id, action, input, version, versions))
    return get(ctx, id)
  }

  for (const action of Object.keys(INVESTIGATION_PROPOSALS) as Array<keyof typeof INVESTIGATION_PROPOSALS>)
    approvals.register({
      kind: `case.${action}`,
      label: INVESTIGATION_PROPOSALS[action],
      matterType: CASE_MATTER,
      permission: 'case.approve',
      prepare: async () => {
        await clocks.prepare()
        return ruleVersions()
      },
      async approve(trx, ctx, req, payload, _note, prepared) {
        await actInTrx(trx, ctx, req.matterId, action, payload as Record<string, unknown>, undefined, prepared as RuleVersion[])
      },
    })

  /** The handler proposes 中止 / 终止 / 移送 to the head (审批待办); the input is checked now and again on approval. */
  async function propose(ctx: Ctx, id: string, body: InvestigationProposalBody): Promise<ApprovalView> {
    assertCan(ctx.actor, 'case.handle')
    const parsed = caseWorkflow.parseInput(body.action, body.input)
    if (!parsed.ok) throw validation(parsed.message)
    const req = await db.transaction().execute(async (trx) => {
      const r = await records.load(trx, ctx, id, { permission: 'case.handle', lock: true })
      records.assertVersion(r, body.version)
      if (caseWorkflow.target(r.state as CaseState, body.action) === null)
        throw new AppError('ILLEGAL_TRANSITION', `案件处于“${CASE_STATE_LABEL[r.state as CaseState]}”状态，不能提请${INVESTIGATION_PROPOSALS[body.action]}`)
      const on = (parsed.value as { on?: string }).on
      if (on) legalDate(on, '日期', r.filedOn)
      const a = await approvals.request(trx, ctx, {
        kind: `case.${body.action}`,
        matterId: id,
        unitId: r.unitId,
        matterLabel: r.caseNo,
        title: `${INVESTIGATION_PROPOSALS[body.action]}：${r.title}（当事人 ${r.partyName}）`,
        link: `/cases/${id}`,
        payload: parsed.value,
        reason: body.reason,
      })
      await records.update(trx, ctx, r, {}, { audit: 'approval.request' })
      return a
    })
    return approvals.get(ctx, req.id)
  }

  /** The receiving organ's receipt (回执) of a transfer, and its outcome when it comes. */
  async function receipt(ctx: Ctx, caseId: string, tid: string, body: TransferReceiptBody) {
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, caseId, body.version)
      const x = await trx.selectFrom('caseTransfer').selectAll().where('id', '=', tid).where('caseId', '=', caseId).executeTakeFirst()
      if (!x) throw notFound('移送记录', tid)
      const on = legalDate(body.receivedOn, '回执日期', x.transferredOn)
      await trx
        .updateTable('caseTransfer')
        .set({
          state: body.outcome ? 'concluded' : 'received',
          receivedOn: x.receivedOn ?? on,
          receivingOrgan: body.receivingOrgan,
          outcome: body.outcome || x.outcome,
        })
        .where('id', '=', tid)
        .execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.transfer_receipt' })
      await event(
        trx,
        ctx,
        caseId,
        'transfer_receipt',
        body.outcome ? '移送处理结果反馈' : '收到移送回执',
        on,
        `${body.receivingOrgan}${body.outcome ? `：${body.outcome}` : ''}`,
      )
    })
    return view(ctx, caseId)
  }

  return { effectOf, act, actInTrx, propose, receipt }
}
export type CaseInvestigationFlow = ReturnType<typeof createCaseInvestigationFlow>

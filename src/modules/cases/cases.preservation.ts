/**
 * 先行登记保存 (registered preservation of evidence, Penalty Law Art 56): the handler asks with the
 * items (as in the seized-goods ledger) and reasons; the head approves in 审批待办 (kind
 * `case.preservation`), which registers the items on the approval's date, issues the
 * 先行登记保存证据通知书 and starts the 7-WD decision clock (rule `case.preservation`, Art 85: working
 * days, on the 调休 calendar). Within it the bureau decides — release, seize, transfer or propose
 * confiscation — with the 处理决定书; after it the preservation has lapsed and only a release is
 * recorded (lapse rule SECONDARY).
 */
import { type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Trx } from '../../core/db/database'
import { docDate } from '../../core/documents'
import { AppError, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { Approvals } from '../../core/matter/approvals'
import type { ClockKernel } from '../../core/matter/clocks'
import { caseWorkflow, type CaseState } from '../../shared/cases/case.workflow'
import { PRESERVATION_DECISIONS, type PreservationBody, type PreservationDecisionBody } from '../../shared/cases/investigation'
import type { RuleVersion } from '../rules'
import { preservationDecisionProblem } from './cases.investigation.domain'
import { itemsText, type CaseKit } from './cases.kit'
import { PRESERVATION_MATTER, type CaseRecords } from './cases.records'

export const PRESERVATION_CLOCKS = { decision: { label: '先行登记保存处理期限（7个工作日）', rule: 'case.evidence_preservation' } } as const
/** Case states in which evidence may still be preserved. */
const OPEN_FOR_EVIDENCE: readonly string[] = ['investigating', 'notified', 'review']

export function createCasePreservation({
  db,
  clock,
  kit,
  clocks,
  approvals,
  view,
}: Pick<CoreDeps, 'db' | 'clock'> & { kit: CaseKit; clocks: ClockKernel; approvals: Approvals; view: CaseRecords['view'] }) {
  const { records, legalDate, ruleVersions, basisOf, event, issue, dueOf, forChange, today } = kit
  clocks.register(PRESERVATION_MATTER, PRESERVATION_CLOCKS)

  async function rowOf(trx: Trx, id: string) {
    const p = await trx.selectFrom('casePreservation').selectAll().where('id', '=', id).executeTakeFirst()
    if (!p) throw notFound('先行登记保存', id)
    return p
  }
  const items = (json: string) => JSON.parse(json) as Array<{ name: string; quantity: number; unit: string; location: string }>

  approvals.register({
    kind: 'case.preservation',
    label: '先行登记保存审批',
    matterType: PRESERVATION_MATTER,
    permission: 'case.approve',
    prepare: async () => {
      await clocks.prepare()
      return ruleVersions()
    },
    async approve(trx, ctx, req, _payload, _note, prepared) {
      const p = await rowOf(trx, req.matterId)
      const r = await records.load(trx, ctx, p.caseId, { permission: 'case.approve', lock: true })
      if (caseWorkflow.isFinal(r.state as CaseState) || !OPEN_FOR_EVIDENCE.includes(r.state))
        throw new AppError('ILLEGAL_TRANSITION', '案件已不在调查阶段，不能先行登记保存')
      if (p.state !== 'pending') throw new AppError('ILLEGAL_TRANSITION', '该先行登记保存申请已处理')
      // The preservation takes effect when the head approves it: the notice's date starts the 7 WD.
      const on = today()
      await clocks.apply(trx, { type: PRESERVATION_MATTER, id: p.id, unitId: r.unitId, referenceDate: on }, [{ op: 'start', clock: 'decision' }], on)
      const due = await dueOf(trx, PRESERVATION_MATTER, p.id, 'decision')
      const doc = await issue(trx, ctx, r, 'case.preservation', on, basisOf(prepared as RuleVersion[], 'case.evidence_preservation', on), {
        reason: p.reason,
        items: itemsText(items(p.itemsJson)),
        on: docDate(on),
        dueOn: due ? docDate(due) : '',
      })
      await trx.updateTable('casePreservation').set({ state: 'held', approvedOn: on, noticeNo: doc.docNo }).where('id', '=', p.id).execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.preservation_approve' })
      await event(trx, ctx, r.id, 'preservation', '先行登记保存', on, `${doc.docNo ?? ''}：${itemsText(items(p.itemsJson))}；处理期限至 ${due ?? '—'}`)
    },
    async reject(trx, ctx, req, note) {
      const p = await rowOf(trx, req.matterId)
      await trx.updateTable('casePreservation').set({ state: 'refused', decisionNote: note }).where('id', '=', p.id).execute()
      await event(trx, ctx, p.caseId, 'preservation_refused', '先行登记保存未获批准', today(), note)
    },
  })

  /** The handler asks for registered preservation (审批待办: the head approves). */
  async function request(ctx: Ctx, caseId: string, body: PreservationBody) {
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, caseId, body.version)
      if (!OPEN_FOR_EVIDENCE.includes(r.state)) throw new AppError('ILLEGAL_TRANSITION', '案件已不在调查阶段，不能先行登记保存')
      const on = legalDate(body.on, '保存日期', r.filedOn)
      const id = newId()
      await trx
        .insertInto('casePreservation')
        .values({
          id,
          caseId,
          reason: body.reason,
          itemsJson: JSON.stringify(body.items),
          state: 'pending',
          requestedOn: on,
          createdAt: clock.now().toISOString(),
          createdBy: ctx.actor.userId,
        })
        .execute()
      await approvals.request(trx, ctx, {
        kind: 'case.preservation',
        matterId: id,
        unitId: r.unitId,
        matterLabel: r.caseNo,
        title: `先行登记保存：${itemsText(body.items)}`.slice(0, 200),
        link: `/cases/${caseId}`,
        payload: {},
        reason: body.reason,
      })
      await records.update(trx, ctx, r, {}, { audit: 'case.preservation_request' })
      await event(trx, ctx, caseId, 'preservation_request', '提请先行登记保存', on, itemsText(body.items))
    })
    return view(ctx, caseId)
  }

  /** The decision on preserved items within 7 WD, with its 处理决定书. */
  async function decide(ctx: Ctx, caseId: string, pid: string, body: PreservationDecisionBody) {
    const versions = await ruleVersions()
    await clocks.prepare()
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, caseId, body.version)
      const p = await rowOf(trx, pid)
      if (p.caseId !== caseId) throw notFound('先行登记保存', pid)
      if (p.state !== 'held') throw new AppError('ILLEGAL_TRANSITION', p.state === 'pending' ? '先行登记保存尚待负责人批准' : '该先行登记保存已处理')
      const on = legalDate(body.on, '决定日期', p.approvedOn)
      const due = await dueOf(trx, PRESERVATION_MATTER, p.id, 'decision')
      const problem = preservationDecisionProblem(body.decision, on, due)
      if (problem) throw validation(problem)
      await clocks.apply(trx, { type: PRESERVATION_MATTER, id: p.id, unitId: r.unitId, referenceDate: p.approvedOn! }, [{ op: 'stop', clock: 'decision' }], on)
      const doc = await issue(trx, ctx, r, 'case.preservation_decision', on, basisOf(versions, 'case.evidence_preservation', p.approvedOn!), {
        savedOn: docDate(p.approvedOn!),
        noticeNo: p.noticeNo ?? '',
        decision: PRESERVATION_DECISIONS[body.decision],
        items: itemsText(items(p.itemsJson)),
        note: body.note ? `说明：${body.note}` : '',
        on: docDate(on),
      })
      await trx
        .updateTable('casePreservation')
        .set({ state: 'decided', decision: body.decision, decidedOn: on, decisionNo: doc.docNo, decisionNote: body.note || null })
        .where('id', '=', p.id)
        .execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.preservation_decide' })
      await event(trx, ctx, caseId, 'preservation_decide', '先行登记保存处理决定', on, `${doc.docNo ?? ''}：${PRESERVATION_DECISIONS[body.decision]}`)
    })
    return view(ctx, caseId)
  }

  return { request, decide }
}
export type CasePreservation = ReturnType<typeof createCasePreservation>

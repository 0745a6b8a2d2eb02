/**
 * 回避 (Penalty Law Art 43): a party applies, or an officer declares it, naming the officer and the
 * reason (and, when known, the certified officer to take over). The head decides in 审批待办 (kind
 * `case.avoidance`): granted — the officer is replaced and the case keeps ≥ 2 officers holding
 * enforcement certificates; refused — recorded. Either way a 回避决定书 is issued. The investigation
 * continues meanwhile (no clock pause).
 */
import { systemCtx, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Trx } from '../../core/db/database'
import { docDate } from '../../core/documents'
import { AppError, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { Approvals } from '../../core/matter/approvals'
import { AVOIDANCE_APPLICANTS, type AvoidanceBody } from '../../shared/cases/investigation'
import type { UserService } from '../access'
import { officersAfterAvoidance } from './cases.investigation.domain'
import type { CaseKit, CaseRow } from './cases.kit'
import type { CaseRecords } from './cases.records'

export const AVOIDANCE_MATTER = 'case_avoidance'

export function createCaseAvoidance({
  db,
  clock,
  kit,
  approvals,
  users,
  view,
}: Pick<CoreDeps, 'db' | 'clock'> & { kit: CaseKit; approvals: Approvals; users: Pick<UserService, 'getUser'>; view: CaseRecords['view'] }) {
  const { records, legalDate, event, issue, forChange, officersOf, today } = kit

  /** A certified, active user who may take over (not already on the case). */
  async function certified(id: string) {
    const u = await users.getUser(systemCtx(), id).catch(() => null)
    if (!u || u.status !== 'active') throw validation('替换的办案人员不存在或已停用')
    if (!u.certNo) throw validation(`“${u.displayName}”没有执法证号，不能承办案件（行政处罚法第四十二条）`)
    return { userId: u.id, name: u.displayName, certNo: u.certNo }
  }

  async function rowOf(trx: Trx, id: string) {
    const a = await trx.selectFrom('caseAvoidance').selectAll().where('id', '=', id).executeTakeFirst()
    if (!a) throw notFound('回避申请', id)
    return a
  }

  async function decisionDoc(trx: Trx, ctx: Ctx, r: CaseRow, a: Awaited<ReturnType<typeof rowOf>>, granted: boolean, note: string | null) {
    const on = today()
    const doc = await issue(trx, ctx, r, 'case.avoidance', on, null, {
      applicant: AVOIDANCE_APPLICANTS[a.applicant as keyof typeof AVOIDANCE_APPLICANTS] ?? a.applicant,
      officer: a.officerName,
      reason: a.reason,
      appliedOn: docDate(a.appliedOn),
      decision: granted ? `${a.officerName}回避` : `申请理由不成立，${a.officerName}不予回避`,
      replacement: granted && a.replacementName ? `由${a.replacementName}承办本案。` : note ? `说明：${note}` : '',
      on: docDate(on),
    })
    await trx
      .updateTable('caseAvoidance')
      .set({ state: granted ? 'granted' : 'refused', decidedOn: on, decisionNote: note, docNo: doc.docNo })
      .where('id', '=', a.id)
      .execute()
    await event(trx, ctx, r.id, 'avoidance_decide', granted ? '决定回避' : '决定不予回避', on, `${doc.docNo ?? ''}：${a.officerName}`)
    return on
  }

  approvals.register({
    kind: 'case.avoidance',
    label: '回避决定',
    matterType: AVOIDANCE_MATTER,
    permission: 'case.approve',
    async approve(trx, ctx, req, _payload, note) {
      const a = await rowOf(trx, req.matterId)
      const r = await records.load(trx, ctx, a.caseId, { permission: 'case.approve', lock: true })
      if (r.state === 'closed' || r.state === 'terminated') throw new AppError('ILLEGAL_TRANSITION', '案件已办结，不能再作出回避决定')
      if (a.state !== 'pending') throw new AppError('ILLEGAL_TRANSITION', '该回避申请已决定')
      const officers = await officersOf(trx, r.id)
      const replacement = a.replacementId ? await certified(a.replacementId) : null
      const after = officersAfterAvoidance(officers, a.officerId, replacement)
      if (!after.ok) throw validation(after.message)
      await trx.deleteFrom('caseOfficer').where('caseId', '=', r.id).execute()
      await trx
        .insertInto('caseOfficer')
        .values(after.officers.map((o) => ({ caseId: r.id, userId: o.userId, seq: o.seq, name: o.name, certNo: o.certNo })))
        .execute()
      await decisionDoc(trx, ctx, r, a, true, note)
      await records.update(trx, ctx, r, {}, { audit: 'case.avoidance_decide' })
    },
    async reject(trx, ctx, req, note) {
      const a = await rowOf(trx, req.matterId)
      const r = await records.load(trx, ctx, a.caseId, { permission: 'case.approve', lock: true })
      await decisionDoc(trx, ctx, r, a, false, note)
      await records.update(trx, ctx, r, {}, { audit: 'case.avoidance_decide' })
    },
  })

  /** A party's application or an officer's own declaration of avoidance, to the head's inbox. */
  async function apply(ctx: Ctx, caseId: string, body: AvoidanceBody) {
    const replacement = body.replacementId ? await certified(body.replacementId) : null
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, caseId, body.version)
      const on = legalDate(body.on, '申请日期', r.filedOn)
      const officers = await officersOf(trx, caseId)
      const officer = officers.find((o) => o.userId === body.officerId)
      if (!officer) throw validation('申请回避的人员不是本案办案人员')
      if (replacement && officers.some((o) => o.userId === replacement.userId)) throw validation('替换的办案人员已是本案办案人员')
      const id = newId()
      await trx
        .insertInto('caseAvoidance')
        .values({
          id,
          caseId,
          officerId: officer.userId,
          officerName: officer.name,
          applicant: body.applicant,
          reason: body.reason,
          appliedOn: on,
          replacementId: replacement?.userId ?? null,
          replacementName: replacement?.name ?? null,
          state: 'pending',
          createdAt: clock.now().toISOString(),
          createdBy: ctx.actor.userId,
        })
        .execute()
      await approvals.request(trx, ctx, {
        kind: 'case.avoidance',
        matterId: id,
        unitId: r.unitId,
        matterLabel: r.caseNo,
        title: `${AVOIDANCE_APPLICANTS[body.applicant]}：${officer.name}回避`,
        link: `/cases/${caseId}`,
        payload: {},
        reason: body.reason,
      })
      await records.update(trx, ctx, r, {}, { audit: 'case.avoidance_apply' })
      await event(trx, ctx, caseId, 'avoidance_apply', AVOIDANCE_APPLICANTS[body.applicant], on, `${officer.name}：${body.reason}`)
    })
    return view(ctx, caseId)
  }

  return { apply }
}
export type CaseAvoidance = ReturnType<typeof createCaseAvoidance>

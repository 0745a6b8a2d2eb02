/**
 * Investigation (调查取证) outside the workflow's transitions: the evidence list, sealing and seizure
 * (查封/扣押) with the seized-goods ledger, its 30-day clock, the one extension and the release.
 */
import { type CaseKit, SEIZURE_MATTER, MEASURE, itemsText } from './cases.kit'
import { caseWorkflow, type CaseState } from '../../shared/cases/case.workflow'
import { type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Trx } from '../../core/db/database'
import { docDate } from '../../core/documents'
import { AppError, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { ClockKernel } from '../../core/matter/clocks'
import type { EvidenceBody, SeizureBody } from '../../shared/cases/schema'
import { DISPOSALS, EVIDENCE_KINDS, type Disposal } from '../../shared/cases/vocabulary'
import type { CaseDetail } from './cases.schema'

export function createCaseInvestigation({
  db,
  clock,
  kit,
  clocks,
  get,
}: Pick<CoreDeps, 'db' | 'clock'> & {
  kit: CaseKit
  clocks: ClockKernel
  get: (ctx: Ctx, id: string) => Promise<CaseDetail>
}) {
  const { records, legalDate, ruleVersions, basisOf, event, issue, dueOf, forChange } = kit
  async function addEvidence(ctx: Ctx, id: string, body: EvidenceBody): Promise<CaseDetail> {
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, id, body.version)
      const on = legalDate(body.collectedOn, '取证日期')
      const n = await trx
        .selectFrom('caseEvidence')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('caseId', '=', id)
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('caseEvidence')
        .values({
          id: newId(),
          caseId: id,
          seq: Number(n.n) + 1,
          kind: body.kind,
          title: body.title,
          description: body.description || null,
          source: body.source || null,
          collectedBy: body.collectedBy || null,
          collectedOn: on,
          createdAt: clock.now().toISOString(),
          createdBy: ctx.actor.userId,
        })
        .execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.evidence_add' })
      await event(trx, ctx, id, 'evidence', '登记证据', on, `${EVIDENCE_KINDS[body.kind]}：${body.title}`)
    })
    return get(ctx, id)
  }

  async function seize(ctx: Ctx, id: string, body: SeizureBody): Promise<CaseDetail> {
    const versions = await ruleVersions()
    await clocks.prepare()
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, id, body.version)
      if (r.state !== 'investigating' && r.state !== 'notified' && r.state !== 'review')
        throw new AppError('ILLEGAL_TRANSITION', '案件已作出决定，不能再实施查封、扣押')
      const on = legalDate(body.on, '决定日期', r.filedOn)
      const sid = newId()
      await clocks.apply(trx, { type: SEIZURE_MATTER, id: sid, unitId: r.unitId, referenceDate: on }, [{ op: 'start', clock: 'seizure' }], on)
      const dueOn = await dueOf(trx, SEIZURE_MATTER, sid, 'seizure')
      const doc = await issue(trx, ctx, r, 'case.seizure', on, basisOf(versions, 'case.seizure', on), {
        reason: body.reason,
        measure: MEASURE[body.measure],
        items: itemsText(body.items),
        on: docDate(on),
        dueOn: dueOn ? docDate(dueOn) : '',
      })
      await trx
        .insertInto('caseSeizure')
        .values({
          id: sid,
          caseId: id,
          measure: body.measure,
          reason: body.reason,
          decidedOn: on,
          docNo: doc.docNo,
          extendedOn: null,
          releasedOn: null,
          disposal: null,
          createdAt: clock.now().toISOString(),
          createdBy: ctx.actor.userId,
        })
        .execute()
      const n = await trx
        .selectFrom('caseSeizedItem')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('caseId', '=', id)
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('caseSeizedItem')
        .values(body.items.map((i, k) => ({ id: newId(), seizureId: sid, caseId: id, seq: Number(n.n) + k + 1, ...i, disposal: 'held' })))
        .execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.seize' })
      await event(trx, ctx, id, 'seize', `实施${MEASURE[body.measure]}`, on, `${doc.docNo ?? ''}：${itemsText(body.items)}`)
    })
    return get(ctx, id)
  }

  async function seizureOf(trx: Trx, caseId: string, sid: string) {
    const s = await trx.selectFrom('caseSeizure').selectAll().where('id', '=', sid).where('caseId', '=', caseId).executeTakeFirst()
    if (!s) throw notFound('查封扣押措施', sid)
    if (s.releasedOn) throw new AppError('ILLEGAL_TRANSITION', `该${MEASURE[s.measure as 'seal']}措施已于 ${s.releasedOn} 解除`)
    return s
  }

  async function extendSeizure(ctx: Ctx, id: string, sid: string, body: { version: number; reason: string; on?: string }): Promise<CaseDetail> {
    const versions = await ruleVersions()
    await clocks.prepare()
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, id, body.version, 'case.approve')
      const s = await seizureOf(trx, id, sid)
      // Compulsion Law Art 25: extendable once.
      if (s.extendedOn) throw validation('查封、扣押期限只能延长一次（行政强制法第二十五条）')
      const on = legalDate(body.on, '批准日期', s.decidedOn)
      await clocks.apply(trx, { type: SEIZURE_MATTER, id: sid, unitId: r.unitId, referenceDate: s.decidedOn }, [{ op: 'extend', clock: 'seizure' }], on)
      const dueOn = await dueOf(trx, SEIZURE_MATTER, sid, 'seizure')
      await issue(trx, ctx, r, 'case.seizure_extension', on, basisOf(versions, 'case.seizure', s.decidedOn), {
        decidedOn: docDate(s.decidedOn),
        measure: MEASURE[s.measure as 'seal'],
        seizureNo: s.docNo ?? '',
        reason: body.reason,
        dueOn: dueOn ? docDate(dueOn) : '',
      })
      await trx.updateTable('caseSeizure').set({ extendedOn: on }).where('id', '=', sid).execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.seize_extend' })
      await event(trx, ctx, id, 'seize_extend', `延长${MEASURE[s.measure as 'seal']}期限`, on, `至 ${dueOn ?? '—'}：${body.reason}`)
    })
    return get(ctx, id)
  }

  async function releaseSeizure(ctx: Ctx, id: string, sid: string, body: { version: number; disposal: Disposal; on?: string }): Promise<CaseDetail> {
    const versions = await ruleVersions()
    await clocks.prepare()
    await db.transaction().execute(async (trx) => {
      const r = await records.load(trx, ctx, id, { permission: 'case.handle', lock: true })
      records.assertVersion(r, body.version)
      if (caseWorkflow.isFinal(r.state as CaseState)) throw new AppError('ILLEGAL_TRANSITION', '案件已办结，案卷只读；更正须另行制作文书')
      const s = await seizureOf(trx, id, sid)
      const on = legalDate(body.on, '解除日期', s.decidedOn)
      await clocks.apply(trx, { type: SEIZURE_MATTER, id: sid, unitId: r.unitId, referenceDate: s.decidedOn }, [{ op: 'stop', clock: 'seizure' }], on)
      const items = await trx.selectFrom('caseSeizedItem').selectAll().where('seizureId', '=', sid).orderBy('seq').execute()
      await issue(trx, ctx, r, 'case.seizure_release', on, basisOf(versions, 'case.seizure', s.decidedOn), {
        decidedOn: docDate(s.decidedOn),
        measure: MEASURE[s.measure as 'seal'],
        seizureNo: s.docNo ?? '',
        disposal: DISPOSALS[body.disposal],
        items: itemsText(items),
        on: docDate(on),
      })
      await trx.updateTable('caseSeizure').set({ releasedOn: on, disposal: body.disposal }).where('id', '=', sid).execute()
      await trx.updateTable('caseSeizedItem').set({ disposal: body.disposal }).where('seizureId', '=', sid).execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.seize_release' })
      await event(trx, ctx, id, 'seize_release', `解除${MEASURE[s.measure as 'seal']}`, on, DISPOSALS[body.disposal])
    })
    return get(ctx, id)
  }

  return { addEvidence, seize, extendSeizure, releaseSeizure }
}
export type CaseInvestigation = ReturnType<typeof createCaseInvestigation>

/**
 * Laboratory results: receipt, the result items of each test round (entered or imported), the
 * report's conclusion (checked against the items; read-only once issued), and the laboratory
 * accounts, which see and act on their own laboratory's samples only.
 */
import { assertCan, type Ctx, type ScopeSet } from '../../core/actor'
import { AppError, forbidden, notFound } from '../../core/errors'
import { newId } from '../../core/ids'
import { listPage } from '../../core/matter/records'
import { SAMPLE_STATE_LABEL, type Conclusion, type ResultItemInput, type SampleAction, type SampleState } from '../../shared/sampling/sample.workflow'
import { assertConclusion, backupKeepUntil } from './sampling.domain'
import { LAB_ACTION_SET, presentSample, type SampleEffect, type SampleEffects, type SamplingKit } from './sampling.kit'
import type { SamplingReads } from './sampling.reads'

export function createSamplingResults({ kit, reads }: { kit: SamplingKit; reads: Pick<SamplingReads, 'detail' | 'get'> }) {
  const { db, clocks, records, notBefore, results } = kit
  const { detail, get } = reads

  const issue =
    (c: Conclusion): SampleEffect =>
    async (trx, row, input, eventDate) => {
      assertConclusion(await results(trx, row.id, 'first'), c)
      return {
        reportNo: input.reportNo ?? null,
        issuedOn: eventDate,
        conclusion: c,
        backupKeepUntil: backupKeepUntil(eventDate, c, { productionDate: row.productionDate, days: row.shelfLifeDays }),
      }
    }
  const retest =
    (c: Conclusion): SampleEffect =>
    async (trx, row) => {
      assertConclusion(await results(trx, row.id, 'retest'), c, '复检')
      return { retestConclusion: c }
    }
  const effects: SampleEffects = {
    receive: async (trx, row, input, eventDate) => {
      notBefore(eventDate, row.sampledOn, '收样日期', '抽样日期')
      return { receivedOn: eventDate }
    },
    issue_conforming: issue('pass'),
    issue_non_conforming: issue('fail'),
    retest_conforming: retest('pass'),
    retest_non_conforming: retest('fail'),
  }

  // --- Laboratory accounts ------------------------------------------------------------------------

  /** The laboratory of a lab account (sampling.lab + a sampling_lab_user link); 403 without either. */
  async function labOf(ctx: Ctx): Promise<string> {
    assertCan(ctx.actor, 'sampling.lab')
    const link = ctx.actor.userId ? await db.selectFrom('samplingLabUser').select('labId').where('userId', '=', ctx.actor.userId).executeTakeFirst() : undefined
    if (!link) throw forbidden('您的账号未关联承检机构')
    return link.labId
  }

  /**
   * The context a lab account acts in on one sample its laboratory was commissioned for: read and
   * lab permissions over exactly that sample's unit, for this call only. A sample of another
   * laboratory does not exist for it (404).
   */
  async function labCtx(ctx: Ctx, id: string): Promise<Ctx> {
    const labId = await labOf(ctx)
    const s = await db.selectFrom('samplingSample').select(['unitId', 'labId', 'retestLabId', 'state']).where('id', '=', id).executeTakeFirst()
    const mine = s && (s.labId === labId || s.retestLabId === labId) && s.state !== 'assigned' && s.state !== 'cancelled'
    if (!s || !mine) throw notFound('抽检样品', id)
    const one: ScopeSet = { all: false, treePaths: [], unitIds: [s.unitId], self: false }
    const scopes = new Map(ctx.actor.scopes)
    scopes.set('sampling.read', one)
    scopes.set('sampling.lab', one)
    return { ...ctx, actor: { ...ctx.actor, scopes } }
  }

  async function labList(ctx: Ctx, q: { page: number; pageSize: number; state?: SampleState }) {
    const labId = await labOf(ctx)
    let b = db
      .selectFrom('samplingSample')
      .leftJoin('orgUnit', 'orgUnit.id', 'samplingSample.unitId')
      .leftJoin('samplingPlan', 'samplingPlan.id', 'samplingSample.planId')
      .leftJoin('samplingLab as lab', 'lab.id', 'samplingSample.labId')
      .leftJoin('samplingLab as rlab', 'rlab.id', 'samplingSample.retestLabId')
      .selectAll('samplingSample')
      .select(['orgUnit.name as unitName', 'samplingPlan.title as planTitle', 'lab.name as labName', 'rlab.name as retestLabName'])
      .where((eb) => eb.or([eb('samplingSample.labId', '=', labId), eb('samplingSample.retestLabId', '=', labId)]))
      .where('samplingSample.state', 'not in', ['assigned', 'cancelled'])
    if (q.state) b = b.where('samplingSample.state', '=', q.state)
    return listPage(b, q, (p) => p.orderBy('samplingSample.sampledOn', 'desc').orderBy('samplingSample.id', 'desc'), presentSample)
  }
  async function labGet(ctx: Ctx, id: string) {
    const c = await labCtx(ctx, id)
    return detail(c, await records.load(db, c, id), { lab: true })
  }
  async function labAct(ctx: Ctx, id: string, action: SampleAction, input: unknown, version?: number) {
    if (!LAB_ACTION_SET.has(action)) throw forbidden('承检机构不能执行此操作')
    const c = await labCtx(ctx, id)
    await clocks.prepare()
    await records.transition(c, id, action, input, { version })
    return labGet(ctx, id)
  }

  /**
   * Saves the result items of the current test round (first test while 检验中, re-test while
   * 复检中), replacing the round's earlier entry; issued results are read-only (409). Version-guarded.
   */
  async function saveResults(ctx: Ctx, id: string, items: ResultItemInput[], version: number, opts: { lab: boolean }) {
    const c = opts.lab ? await labCtx(ctx, id) : ctx
    await db.transaction().execute(async (trx) => {
      const row = await records.load(trx, c, id, { lock: true, permission: 'sampling.lab' })
      records.assertVersion(row, version)
      const round = row.state === 'testing' ? 'first' : row.state === 'retesting' ? 'retest' : null
      if (!round) throw new AppError('ILLEGAL_TRANSITION', `样品处于“${SAMPLE_STATE_LABEL[row.state as SampleState]}”，检验结果已出具或尚未收样，不能修改`)
      if (round === 'retest' && opts.lab) {
        const labId = await labOf(ctx)
        if (row.retestLabId !== labId) throw notFound('抽检样品', id)
      }
      if (round === 'first' && opts.lab) {
        const labId = await labOf(ctx)
        if (row.labId !== labId) throw notFound('抽检样品', id)
      }
      await trx.deleteFrom('samplingResult').where('sampleId', '=', id).where('round', '=', round).execute()
      await trx
        .insertInto('samplingResult')
        .values(
          items.map((it, i) => ({
            id: newId(),
            sampleId: id,
            round,
            seq: i + 1,
            item: it.item,
            standard: it.standard,
            method: it.method,
            limitText: it.limit,
            result: it.result,
            resultUnit: it.unit,
            conclusion: it.conclusion,
          })),
        )
        .execute()
      await records.update(trx, c, row, {}, { audit: 'sampling.results' })
    })
    return opts.lab ? labGet(ctx, id) : get(ctx, id)
  }

  return { effects, labOf, labCtx, labList, labGet, labAct, saveResults }
}
export type SamplingResults = ReturnType<typeof createSamplingResults>

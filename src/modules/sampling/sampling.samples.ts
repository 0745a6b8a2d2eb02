/**
 * The sample's first steps: tasks issued on a plan (targeted, or drawn from the register with the
 * double-random engine), the sampling form (抽样单) and a task cancelled (抽样未果), and the generic
 * transition entry point.
 */
import { randomBytes } from 'node:crypto'
import type { Ctx } from '../../core/actor'
import { validation } from '../../core/errors'
import { newId } from '../../core/ids'
import { categoryLabel } from '../../shared/sampling/catalogue'
import type { SampleAction, SamplingFormInput } from '../../shared/sampling/sample.workflow'
import { canonicalPool, drawTargets, paramsHash, poolHash } from '../inspections'
import { producerOutside } from './sampling.domain'
import type { SampleEffects, SamplingKit } from './sampling.kit'
import type { SamplingPlans } from './sampling.plans'
import type { TaskInput } from './sampling.schema'

export function createSamplingSamples({ kit, plans }: { kit: SamplingKit; plans: Pick<SamplingPlans, 'planDetail' | 'planScope'> }) {
  const { db, clock, audit, clocks, records, regionPrefix } = kit
  const { planDetail, planScope } = plans

  const effects: SampleEffects = {
    record_sampling: async (trx, row, input, eventDate, ctx, raw) => {
      const v = raw as SamplingFormInput
      const lab = await trx
        .selectFrom('samplingPlanLab')
        .innerJoin('samplingLab', 'samplingLab.id', 'samplingPlanLab.labId')
        .selectAll('samplingLab')
        .where('samplingPlanLab.planId', '=', row.planId)
        .where('samplingLab.id', '=', v.labId)
        .executeTakeFirst()
      if (!lab) throw validation('所选承检机构不是本计划委托的承检机构')
      if (!(lab.qualifiedFrom <= v.sampledOn && v.sampledOn <= lab.qualifiedTo)) throw validation(`承检机构“${lab.name}”的资质认定在抽样日期不在有效期内`)
      return {
        place: v.place,
        productName: v.productName,
        brand: v.brand ?? null,
        spec: v.spec ?? null,
        batchNo: v.batchNo ?? null,
        productionDate: v.productionDate ?? null,
        shelfLifeDays: v.shelfLifeDays ?? null,
        producerName: v.producerName,
        producerAddress: v.producerAddress ?? null,
        producerDivision: v.producerDivision ?? null,
        producerOutside: producerOutside(v.producerDivision, await regionPrefix(trx, row.unitId)) ? 1 : 0,
        quantity: v.quantity,
        backupQuantity: v.backupQuantity,
        quantityUnit: v.quantityUnit,
        pricePaidFen: v.pricePaidFen,
        samplers: JSON.stringify(v.samplers),
        sampledOn: v.sampledOn,
        signedBy: v.signedBy,
        labId: v.labId,
      }
    },
    cancel_task: async () => ({}),
  }

  // --- Tasks --------------------------------------------------------------------------------------

  /**
   * Issues sampling tasks on a plan's category: targeted (the entities named) or drawn at random
   * from the register of the plan unit's stations with the double-random engine (jg-draw/1; the
   * seed, pool hash and drawn ids go into the audit record, so the draw can be re-run).
   */
  async function createTasks(ctx: Ctx, planId: string, v: TaskInput): Promise<{ created: number; sampleIds: string[] }> {
    const plan = await planDetail(db, ctx, planId)
    planScope(ctx, 'sampling.plan')
    if (!plan.lines.some((l) => l.categoryCode === v.categoryCode)) throw validation(`计划中没有抽检类别“${categoryLabel(v.categoryCode)}”`)
    return db.transaction().execute(async (trx) => {
      let entities: Array<{ id: string; name: string }>
      let drawNote: Record<string, unknown> = {}
      if (v.mode === 'targeted') {
        entities = await trx.selectFrom('marketEntity').select(['id', 'name']).where('id', 'in', v.entityIds!).execute()
        if (entities.length !== new Set(v.entityIds).size) throw validation('所选经营主体有不存在的')
      } else {
        const unit = await trx.selectFrom('orgUnit').select('path').where('id', '=', plan.unitId).executeTakeFirstOrThrow()
        const members = await trx
          .selectFrom('marketEntity')
          .innerJoin('orgUnit as st', 'st.id', 'marketEntity.stationUnitId')
          .select(['marketEntity.id', 'marketEntity.name'])
          .where('marketEntity.status', '=', 'active')
          .where('st.path', 'like', `${unit.path}%`)
          .execute()
        if (members.length === 0) throw validation('本单位辖区的经营主体名录为空，无法随机抽取')
        const pool = canonicalPool(members.map((m) => ({ entityId: m.id, stratum: 'all', stationUnitId: null })))
        const params = { strata: [{ stratum: 'all', ratio: 0, min: v.count!, max: v.count! }] }
        const seedHex = randomBytes(32).toString('hex')
        const { drawn } = drawTargets(pool, params, seedHex)
        const names = new Map(members.map((m) => [m.id, m.name]))
        entities = drawn.map((d) => ({ id: d.entityId, name: names.get(d.entityId) ?? '' }))
        drawNote = { algorithm: 'jg-draw/1', poolHash: poolHash(pool), paramsHash: paramsHash(params), params, seedHex, poolSize: pool.length }
      }
      const now = clock.now().toISOString()
      const ids: string[] = []
      for (const e of entities) {
        const row = await records.create(
          trx,
          ctx,
          {
            id: newId(),
            sampleNo: '',
            unitId: plan.unitId,
            planId,
            year: plan.year,
            checkType: plan.checkType,
            categoryCode: v.categoryCode,
            taskMode: v.mode,
            assigneeId: v.assigneeId ?? null,
            entityId: e.id,
            entityName: e.name,
            place: null,
            producerName: null,
            producerAddress: null,
            producerDivision: null,
            producerOutside: 0,
            productName: null,
            brand: null,
            spec: null,
            batchNo: null,
            productionDate: null,
            shelfLifeDays: null,
            quantity: null,
            backupQuantity: null,
            quantityUnit: null,
            pricePaidFen: null,
            samplers: null,
            sampledOn: null,
            signedBy: null,
            labId: null,
            receivedOn: null,
            reportNo: null,
            issuedOn: null,
            conclusion: null,
            backupKeepUntil: null,
            servedOn: null,
            retestAppliedOn: null,
            retestLabId: null,
            retestConclusion: null,
            leadId: null,
            disposalDoneOn: null,
            createdAt: now,
            createdBy: ctx.actor.userId,
            updatedAt: now,
          },
          { audit: 'sampling.task.create' },
        )
        ids.push(row.id)
      }
      if (v.mode === 'random')
        await audit.record(trx, ctx, {
          action: 'sampling.task.create',
          targetType: 'sampling_plan',
          targetId: planId,
          targetLabel: plan.planNo,
          unitId: plan.unitId,
          after: { ...drawNote, drawn: ids.length, sampleIds: ids },
        })
      return { created: ids.length, sampleIds: ids }
    })
  }

  async function act(ctx: Ctx, id: string, action: SampleAction, input: unknown, version?: number): Promise<void> {
    await clocks.prepare()
    await records.transition(ctx, id, action, input, { version })
  }

  return { effects, createTasks, act }
}

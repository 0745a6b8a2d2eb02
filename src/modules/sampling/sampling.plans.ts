/**
 * The sampling reference side: the laboratory register (资质认定 scope and validity, lab accounts),
 * resident population per division (batches per 1,000), and the annual plans with their lines,
 * commissioned laboratories and progress.
 */
import { sql } from 'kysely'
import { assertCan, inScope, scopeFor, type Ctx, type ScopeSet } from '../../core/actor'
import type { Executor } from '../../core/db/database'
import { forbidden, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import { CHECK_TYPE_LABEL, DEFAULT_TARGET_PER_THOUSAND, categoryLabel, isCategoryOf, type CheckType } from '../../shared/sampling/catalogue'
import { batchesPerThousand } from './sampling.domain'
import { presentLab, type SamplingKit } from './sampling.kit'
import type { LabInput, Plan, PlanInput } from './sampling.schema'
import type { SamplingLabTable } from './sampling.tables'

export function createSamplingPlans({ kit }: { kit: SamplingKit }) {
  const { db, clock, audit, today } = kit

  // --- Laboratories -------------------------------------------------------------------------------

  async function listLabs(ctx: Ctx) {
    if (!scopeFor(ctx.actor, 'sampling.read') && !scopeFor(ctx.actor, 'sampling.plan')) throw forbidden()
    const rows = await db.selectFrom('samplingLab').selectAll().orderBy('name').execute()
    return rows.map((r) => presentLab(r, today()))
  }
  async function saveLab(ctx: Ctx, id: string | null, v: LabInput) {
    assertCan(ctx.actor, 'sampling.plan')
    const now = clock.now().toISOString()
    const values = {
      name: v.name,
      uscc: v.uscc ?? null,
      cmaNo: v.cmaNo,
      scopeText: v.scopeText,
      checkTypes: [...new Set(v.checkTypes)].join(','),
      qualifiedFrom: v.qualifiedFrom,
      qualifiedTo: v.qualifiedTo,
      retestQualified: v.retestQualified ? 1 : 0,
      address: v.address ?? null,
      phone: v.phone ?? null,
      updatedAt: now,
    }
    return db.transaction().execute(async (trx) => {
      let before: SamplingLabTable | undefined
      const labId = id ?? newId()
      if (id) {
        before = await trx.selectFrom('samplingLab').selectAll().where('id', '=', id).executeTakeFirst()
        if (!before) throw notFound('承检机构', id)
        await trx.updateTable('samplingLab').set(values).where('id', '=', id).execute()
      } else
        await trx
          .insertInto('samplingLab')
          .values({ id: labId, ...values, createdAt: now })
          .execute()
      await audit.record(trx, ctx, { action: 'sampling.lab.save', targetType: 'sampling_lab', targetId: labId, targetLabel: v.name, before, after: values })
      const row = await trx.selectFrom('samplingLab').selectAll().where('id', '=', labId).executeTakeFirstOrThrow()
      return presentLab(row, today())
    })
  }
  /** Links a user account to a laboratory: with the 承检机构检验人员 role it sees that laboratory's samples only. */
  async function linkLabUser(ctx: Ctx, labId: string, userId: string) {
    assertCan(ctx.actor, 'sampling.plan')
    await db.transaction().execute(async (trx) => {
      const lab = await trx.selectFrom('samplingLab').select('name').where('id', '=', labId).executeTakeFirst()
      if (!lab) throw notFound('承检机构', labId)
      const user = await trx.selectFrom('appUser').select('id').where('id', '=', userId).executeTakeFirst()
      if (!user) throw notFound('用户', userId)
      await trx
        .insertInto('samplingLabUser')
        .values({ userId, labId, createdAt: clock.now().toISOString() })
        .onConflict((oc) => oc.column('userId').doUpdateSet({ labId }))
        .execute()
      await audit.record(trx, ctx, { action: 'sampling.lab.user', targetType: 'sampling_lab', targetId: labId, targetLabel: lab.name, after: { userId } })
    })
    return { ok: true }
  }

  // --- Population ---------------------------------------------------------------------------------

  async function setPopulation(ctx: Ctx, v: { divisionCode: string; year: number; population: number; sourceNote?: string | null }) {
    assertCan(ctx.actor, 'sampling.plan')
    const now = clock.now().toISOString()
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('samplingPopulation')
        .values({ divisionCode: v.divisionCode, year: v.year, population: v.population, sourceNote: v.sourceNote ?? null, updatedAt: now })
        .onConflict((oc) => oc.columns(['divisionCode', 'year']).doUpdateSet({ population: v.population, sourceNote: v.sourceNote ?? null, updatedAt: now }))
        .execute()
      await audit.record(trx, ctx, { action: 'sampling.population', targetType: 'sampling_population', targetId: `${v.divisionCode}/${v.year}`, after: v })
    })
    return { divisionCode: v.divisionCode, year: v.year, population: v.population, sourceNote: v.sourceNote ?? null }
  }
  async function listPopulation(ctx: Ctx, year?: number) {
    assertCan(ctx.actor, 'sampling.read')
    let q = db.selectFrom('samplingPopulation').selectAll().orderBy('year', 'desc').orderBy('divisionCode')
    if (year) q = q.where('year', '=', year)
    return (await q.limit(2000).execute()).map((r) => ({
      divisionCode: r.divisionCode,
      year: Number(r.year),
      population: Number(r.population),
      sourceNote: r.sourceNote,
    }))
  }
  /**
   * The resident population a unit answers for in `year`: the population of its own divisions
   * (org_unit_division), the latest year on or before `year` for each. Null when none is recorded.
   */
  async function populationOf(exec: Executor, unitId: string, year: number): Promise<number | null> {
    const divs = (await exec.selectFrom('orgUnitDivision').select('divisionCode').where('unitId', '=', unitId).execute()).map((d) => d.divisionCode.slice(0, 6))
    if (divs.length === 0) return null
    const rows = await exec
      .selectFrom('samplingPopulation')
      .select(['divisionCode', 'year', 'population'])
      .where('divisionCode', 'in', [...new Set(divs)])
      .where('year', '<=', year)
      .orderBy('year', 'desc')
      .execute()
    const latest = new Map<string, number>()
    for (const r of rows) if (!latest.has(r.divisionCode)) latest.set(r.divisionCode, Number(r.population))
    return latest.size ? [...latest.values()].reduce((a, b) => a + b, 0) : null
  }

  // --- Plans --------------------------------------------------------------------------------------

  const planScope = (ctx: Ctx, permission = 'sampling.read'): ScopeSet => assertCan(ctx.actor, permission)

  async function planDetail(exec: Executor, ctx: Ctx, id: string): Promise<Plan> {
    const scope = planScope(ctx)
    const p = await exec
      .selectFrom('samplingPlan')
      .leftJoin('orgUnit', 'orgUnit.id', 'samplingPlan.unitId')
      .selectAll('samplingPlan')
      .select('orgUnit.name as unitName')
      .where('samplingPlan.id', '=', id)
      .where((eb) => inScope(eb, scope, ctx.actor, 'sampling_plan.unit_id'))
      .executeTakeFirst()
    if (!p) throw notFound('抽检计划', id)
    const [lines, labs, counts] = await Promise.all([
      exec.selectFrom('samplingPlanLine').selectAll().where('planId', '=', id).orderBy('categoryCode').execute(),
      exec
        .selectFrom('samplingPlanLab')
        .innerJoin('samplingLab', 'samplingLab.id', 'samplingPlanLab.labId')
        .select(['samplingLab.id', 'samplingLab.name'])
        .where('planId', '=', id)
        .orderBy('samplingLab.name')
        .execute(),
      exec
        .selectFrom('samplingSample')
        .select([
          'categoryCode',
          sql<number>`count(*)`.as('tasks'),
          sql<number>`sum(case when state not in ('assigned', 'cancelled') then 1 else 0 end)`.as('sampled'),
          sql<number>`sum(case when conclusion is not null then 1 else 0 end)`.as('tested'),
          sql<number>`sum(case when conclusion = 'fail' then 1 else 0 end)`.as('failed'),
        ])
        .where('planId', '=', id)
        .groupBy('categoryCode')
        .execute(),
    ])
    const byCat = new Map(counts.map((c) => [c.categoryCode, c]))
    const outLines = lines.map((l) => {
      const c = byCat.get(l.categoryCode)
      return {
        categoryCode: l.categoryCode,
        categoryName: categoryLabel(l.categoryCode),
        batches: Number(l.batches),
        riskWeight: Number(l.riskWeight),
        tasks: Number(c?.tasks ?? 0),
        sampled: Number(c?.sampled ?? 0),
        tested: Number(c?.tested ?? 0),
        nonConforming: Number(c?.failed ?? 0),
      }
    })
    const sum = (k: 'batches' | 'sampled' | 'tested' | 'nonConforming') => outLines.reduce((a, l) => a + l[k], 0)
    // Samples of categories no longer on the plan still count.
    const sampled = counts.reduce((a, c) => a + Number(c.sampled ?? 0), 0)
    const population = await populationOf(exec, p.unitId, Number(p.year))
    const perThousand = batchesPerThousand(sampled, population)
    const target = Number(p.targetPerThousandCenti) / 100
    return {
      id: p.id,
      planNo: p.planNo,
      unitId: p.unitId,
      unitName: p.unitName,
      year: Number(p.year),
      title: p.title,
      checkType: p.checkType,
      checkTypeLabel: CHECK_TYPE_LABEL[p.checkType as CheckType] ?? p.checkType,
      targetPerThousand: target,
      note: p.note,
      planned: sum('batches'),
      sampled,
      tested: counts.reduce((a, c) => a + Number(c.tested ?? 0), 0),
      nonConforming: counts.reduce((a, c) => a + Number(c.failed ?? 0), 0),
      population,
      perThousand,
      targetReachedPercent: perThousand === null || target <= 0 ? null : Math.round((perThousand / target) * 1000) / 10,
      labs,
      lines: outLines,
      version: Number(p.version),
    }
  }

  async function listPlans(ctx: Ctx, q: { year?: number }) {
    const scope = planScope(ctx)
    let b = db
      .selectFrom('samplingPlan')
      .select('id')
      .where((eb) => inScope(eb, scope, ctx.actor, 'sampling_plan.unit_id'))
    if (q.year) b = b.where('year', '=', q.year)
    const ids = await b.orderBy('year', 'desc').orderBy('planNo', 'desc').limit(200).execute()
    return Promise.all(ids.map((r) => planDetail(db, ctx, r.id)))
  }

  async function createPlan(ctx: Ctx, v: PlanInput): Promise<Plan> {
    const scope = planScope(ctx, 'sampling.plan')
    const seen = new Set<string>()
    for (const l of v.lines) {
      if (!isCategoryOf(v.checkType, l.categoryCode)) throw validation(`“${l.categoryCode}”不是${CHECK_TYPE_LABEL[v.checkType]}的抽检类别`)
      if (seen.has(l.categoryCode)) throw validation(`抽检类别“${categoryLabel(l.categoryCode)}”重复`)
      seen.add(l.categoryCode)
    }
    const id = newId()
    await db.transaction().execute(async (trx) => {
      const unit = await trx.selectFrom('orgUnit').select(['id', 'path']).where('id', '=', v.unitId).executeTakeFirst()
      if (!unit || !(scope.all || scope.unitIds.includes(unit.id) || scope.treePaths.some((p) => unit.path.startsWith(p)))) throw notFound('机构', v.unitId)
      const labs = await trx.selectFrom('samplingLab').select(['id', 'name', 'checkTypes']).where('id', 'in', v.labIds).execute()
      for (const labId of v.labIds) {
        const lab = labs.find((l) => l.id === labId)
        if (!lab) throw notFound('承检机构', labId)
        if (!lab.checkTypes.split(',').includes(v.checkType)) throw validation(`承检机构“${lab.name}”不承担${CHECK_TYPE_LABEL[v.checkType]}`)
      }
      const now = clock.now().toISOString()
      const seq = await trx
        .selectFrom('samplingPlan')
        .select(sql<number>`count(*)`.as('n'))
        .where('year', '=', v.year)
        .executeTakeFirstOrThrow()
      const row = {
        id,
        planNo: `CJJH${v.year}${String(Number(seq.n) + 1).padStart(4, '0')}-${id.slice(0, 4)}`,
        unitId: v.unitId,
        year: v.year,
        title: v.title,
        checkType: v.checkType,
        targetPerThousandCenti: Math.round((v.targetPerThousand ?? DEFAULT_TARGET_PER_THOUSAND) * 100),
        note: v.note ?? null,
        createdAt: now,
        createdBy: ctx.actor.userId,
        updatedAt: now,
        version: 1,
      }
      await trx.insertInto('samplingPlan').values(row).execute()
      await trx
        .insertInto('samplingPlanLine')
        .values(v.lines.map((l) => ({ id: newId(), planId: id, categoryCode: l.categoryCode, batches: l.batches, riskWeight: l.riskWeight })))
        .execute()
      await trx
        .insertInto('samplingPlanLab')
        .values([...new Set(v.labIds)].map((labId) => ({ planId: id, labId, agreementNo: null })))
        .execute()
      await audit.record(trx, ctx, {
        action: 'sampling.plan.save',
        targetType: 'sampling_plan',
        targetId: id,
        targetLabel: row.planNo,
        unitId: v.unitId,
        after: { ...row, lines: v.lines, labIds: v.labIds },
      })
    })
    return planDetail(db, ctx, id)
  }

  return {
    listLabs,
    saveLab,
    linkLabUser,
    setPopulation,
    listPopulation,
    populationOf,
    planScope,
    planDetail,
    listPlans,
    createPlan,
  }
}
export type SamplingPlans = ReturnType<typeof createSamplingPlans>

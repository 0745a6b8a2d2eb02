import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { assertCan, inScope, scopeFor, type Ctx, type ScopeSet } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Executor } from '../../core/db/database'
import { AppError, forbidden, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { ClockKernel } from '../../core/matter/clocks'
import { listPage, scopedRecords } from '../../core/matter/records'
import { beijingDate } from '../../shared/time'
import { CHECK_TYPE_LABEL, DEFAULT_TARGET_PER_THOUSAND, categoryLabel, isCategoryOf, type CheckType } from '../../shared/sampling/catalogue'
import {
  CONCLUSIONS,
  DISPOSAL_STEPS,
  LAB_ACTIONS,
  SAMPLE_CLOCKS,
  SAMPLE_STATE_LABEL,
  TASK_MODES,
  sampleWorkflow,
  type Conclusion,
  type ResultItemInput,
  type SampleAction,
  type SampleState,
  type SamplingFormInput,
} from '../../shared/sampling/sample.workflow'
import type { AuditService } from '../audit'
import type { EnforcementService } from '../enforcement'
import type { ProfileSection } from '../entities'
import { canonicalPool, drawTargets, paramsHash, poolHash } from '../inspections'
import {
  assertConclusion,
  assertRetestInTime,
  backupKeepUntil,
  batchesPerThousand,
  drawRetestLab,
  producerOutside,
  retestCommitment,
  retestPool,
  verifyRetestDraw,
} from './sampling.domain'
import type { LabInput, Plan, PlanInput, Sample, SampleDetail, SampleQuery, TaskInput } from './sampling.schema'
import type { SamplingLabTable, SamplingSampleTable } from './sampling.tables'

export const SAMPLE_MATTER = sampleWorkflow.type
const LAB_ACTION_SET = new Set<string>(LAB_ACTIONS)

type SampleRow = SamplingSampleTable & { unitName: string | null; planTitle: string | null; labName: string | null; retestLabName: string | null }

const bool = (v: number | null | undefined) => v === 1
function presentLab(r: SamplingLabTable, today: string) {
  return {
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    cmaNo: r.cmaNo,
    scopeText: r.scopeText,
    checkTypes: r.checkTypes.split(',').filter(Boolean),
    qualifiedFrom: r.qualifiedFrom,
    qualifiedTo: r.qualifiedTo,
    qualifiedNow: r.qualifiedFrom <= today && today <= r.qualifiedTo,
    retestQualified: bool(r.retestQualified),
    address: r.address,
    phone: r.phone,
  }
}

function presentSample(r: SampleRow): Sample {
  return {
    id: r.id,
    sampleNo: r.sampleNo,
    unitId: r.unitId,
    unitName: r.unitName,
    planId: r.planId,
    planTitle: r.planTitle,
    year: Number(r.year),
    checkType: r.checkType,
    categoryCode: r.categoryCode,
    categoryName: categoryLabel(r.categoryCode),
    taskMode: r.taskMode,
    taskModeLabel: TASK_MODES[r.taskMode as keyof typeof TASK_MODES] ?? r.taskMode,
    assigneeId: r.assigneeId,
    entityId: r.entityId,
    entityName: r.entityName,
    place: r.place,
    producerName: r.producerName,
    producerAddress: r.producerAddress,
    producerDivision: r.producerDivision,
    producerOutside: bool(r.producerOutside),
    productName: r.productName,
    brand: r.brand,
    spec: r.spec,
    batchNo: r.batchNo,
    productionDate: r.productionDate,
    shelfLifeDays: r.shelfLifeDays === null ? null : Number(r.shelfLifeDays),
    quantity: r.quantity === null ? null : Number(r.quantity),
    backupQuantity: r.backupQuantity === null ? null : Number(r.backupQuantity),
    quantityUnit: r.quantityUnit,
    pricePaidFen: r.pricePaidFen === null ? null : Number(r.pricePaidFen),
    samplers: r.samplers ? (JSON.parse(r.samplers) as string[]) : [],
    sampledOn: r.sampledOn,
    signedBy: r.signedBy,
    labId: r.labId,
    labName: r.labName,
    receivedOn: r.receivedOn,
    reportNo: r.reportNo,
    issuedOn: r.issuedOn,
    conclusion: r.conclusion,
    backupKeepUntil: r.backupKeepUntil,
    servedOn: r.servedOn,
    retestAppliedOn: r.retestAppliedOn,
    retestLabId: r.retestLabId,
    retestLabName: r.retestLabName,
    retestConclusion: r.retestConclusion,
    leadId: r.leadId,
    disposalDoneOn: r.disposalDoneOn,
    state: r.state as SampleState,
    stateLabel: SAMPLE_STATE_LABEL[r.state as SampleState] ?? r.state,
    createdAt: r.createdAt,
    version: Number(r.version),
  }
}

/** The date field of each action's input that is its event date (its clocks' date). */
const EVENT_FIELD: Partial<Record<SampleAction, string>> = {
  record_sampling: 'sampledOn',
  receive: 'receivedOn',
  issue_conforming: 'issuedOn',
  issue_non_conforming: 'issuedOn',
  serve: 'servedOn',
  request_retest: 'appliedOn',
  retest_conforming: 'issuedOn',
  retest_non_conforming: 'issuedOn',
  record_disposal: 'doneOn',
  verify_disposal: 'doneOn',
}

/**
 * Sampling inspection (抽检): laboratories, population, plans with progress, tasks (drawn from the
 * register with the double-random engine, or targeted), samples through their workflow (records
 * kernel: scope, version, numbering, audit, clocks), laboratory accounts scoped to their own
 * laboratory's samples, the re-test laboratory draw, leads and assistance requests, statistics and
 * the public announcements.
 */
export function createSamplingService({
  db,
  dialect,
  clock,
  audit,
  clocks,
  enforcement,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & { audit: AuditService; clocks: ClockKernel; enforcement: Pick<EnforcementService, 'createLead'> }) {
  clocks.register(SAMPLE_MATTER, SAMPLE_CLOCKS)
  const today = () => beijingDate(clock.now())
  const notFuture = (day: string, label: string) => {
    if (day > today()) throw validation(`${label}不能晚于今天`)
  }
  const notBefore = (day: string, earlier: string | null, label: string, earlierLabel: string) => {
    if (earlier && day < earlier) throw validation(`${label}不能早于${earlierLabel}（${earlier}）`)
  }

  async function results(exec: Executor, sampleId: string, round: 'first' | 'retest') {
    return exec.selectFrom('samplingResult').selectAll().where('sampleId', '=', sampleId).where('round', '=', round).orderBy('seq').execute()
  }

  /** The region prefix of the bureau owning `unitId`: the first 4 digits of its top unit's division (a city, e.g. 4108). */
  async function regionPrefix(exec: Executor, unitId: string): Promise<string> {
    const u = await exec.selectFrom('orgUnit').select('path').where('id', '=', unitId).executeTakeFirst()
    const rootId = u?.path.split('/').filter(Boolean)[0]
    if (!rootId) return ''
    const d = await exec.selectFrom('orgUnitDivision').select('divisionCode').where('unitId', '=', rootId).orderBy('divisionCode').executeTakeFirst()
    return d ? d.divisionCode.slice(0, 4) : ''
  }

  const records = scopedRecords({
    db,
    dialect,
    clock,
    audit,
    clocks,
    table: 'samplingSample',
    label: '抽检样品',
    workflow: sampleWorkflow,
    readPermission: 'sampling.read',
    numbering: { column: 'sampleNo', prefix: 'CJ' },
    eventDate: (action, input: Record<string, unknown>) => {
      const f = EVENT_FIELD[action]
      const v = f ? input[f] : undefined
      return typeof v === 'string' ? v : undefined
    },
    effects: async (trx, row, action, raw: unknown, eventDate, ctx) => {
      // The workflow has parsed the input with the action's schema: its fields are strings (or absent).
      const input = raw as Record<string, string | null | undefined>
      notFuture(eventDate, '日期')
      switch (action) {
        case 'record_sampling': {
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
        }
        case 'cancel_task':
          return {}
        case 'receive':
          notBefore(eventDate, row.sampledOn, '收样日期', '抽样日期')
          return { receivedOn: eventDate }
        case 'issue_conforming':
        case 'issue_non_conforming': {
          notBefore(eventDate, row.receivedOn, '报告日期', '收样日期')
          const c: Conclusion = action === 'issue_conforming' ? 'pass' : 'fail'
          assertConclusion(await results(trx, row.id, 'first'), c)
          return {
            reportNo: input.reportNo ?? null,
            issuedOn: eventDate,
            conclusion: c,
            backupKeepUntil: backupKeepUntil(eventDate, c, { productionDate: row.productionDate, days: row.shelfLifeDays }),
          }
        }
        case 'serve': {
          notBefore(eventDate, row.issuedOn, '送达日期', '报告日期')
          const lead = await enforcement.createLead(trx, ctx, {
            source: 'sampling',
            sourceId: row.id,
            sourceNo: row.sampleNo,
            unitId: row.unitId,
            entityId: row.entityId,
            entityName: row.entityName,
            uscc: null,
            summary: `抽检不合格：${row.productName ?? ''}（${categoryLabel(row.categoryCode)}），检验报告 ${row.reportNo ?? ''}，标称生产者 ${row.producerName ?? '—'}`,
            foundOn: eventDate,
          })
          if (row.producerOutside === 1 && row.producerName)
            await trx
              .insertInto('samplingAssist')
              .values({
                id: newId(),
                sampleId: row.id,
                producerName: row.producerName,
                producerDivision: row.producerDivision,
                toAuthority: `标称生产者所在地（${row.producerDivision ?? '区划不详'}）市场监督管理部门`,
                state: 'sent',
                requestedOn: eventDate,
                createdAt: clock.now().toISOString(),
              })
              .execute()
          return { servedOn: eventDate, leadId: lead.id }
        }
        case 'request_retest': {
          notBefore(eventDate, row.servedOn, '复检申请日期', '送达日期')
          const c = (await clocks.list(trx, SAMPLE_MATTER, row.id)).find((k) => k.kind === 'retest_request')
          assertRetestInTime(eventDate, c?.dueOn ?? null)
          const secret = randomBytes(32).toString('hex')
          await trx.deleteFrom('samplingRetestDraw').where('sampleId', '=', row.id).execute()
          await trx
            .insertInto('samplingRetestDraw')
            .values({
              sampleId: row.id,
              algorithm: 'jg-draw/1',
              commitment: retestCommitment(secret),
              secret,
              committedAt: clock.now().toISOString(),
              drawTimeValue: null,
              poolJson: null,
              poolHash: null,
              paramsJson: null,
              paramsHash: null,
              seedHex: null,
              drawnLabId: null,
              drawnAt: null,
            })
            .execute()
          return { retestAppliedOn: eventDate }
        }
        case 'draw_retest_lab': {
          const d = await trx.selectFrom('samplingRetestDraw').selectAll().where('sampleId', '=', row.id).executeTakeFirst()
          if (!d) throw validation('尚未登记复检申请（没有公布的承诺值），不能抽取复检机构')
          const labs = await trx
            .selectFrom('samplingLab')
            .select(['id', 'name', 'checkTypes'])
            .where('retestQualified', '=', 1)
            .where('qualifiedFrom', '<=', eventDate)
            .where('qualifiedTo', '>=', eventDate)
            .execute()
          const pool = retestPool(
            labs.filter((l) => l.checkTypes.split(',').includes(row.checkType)),
            row.labId,
          )
          const r = drawRetestLab({ sampleId: row.id, secret: d.secret, commitment: d.commitment, drawTimeValue: String(input.drawTimeValue), pool })
          const names = new Map(labs.map((l) => [l.id, l.name]))
          await trx
            .updateTable('samplingRetestDraw')
            .set({
              drawTimeValue: r.drawTimeValue,
              poolJson: JSON.stringify(pool.map((m) => ({ labId: m.entityId, labName: names.get(m.entityId) ?? '' }))),
              poolHash: r.poolHash,
              paramsJson: JSON.stringify({ strata: [{ stratum: 'retest_lab', ratio: 0, min: 1, max: 1 }] }),
              paramsHash: r.paramsHash,
              seedHex: r.seedHex,
              drawnLabId: r.drawnLabId,
              drawnAt: clock.now().toISOString(),
            })
            .where('sampleId', '=', row.id)
            .execute()
          return { retestLabId: r.drawnLabId }
        }
        case 'retest_conforming':
        case 'retest_non_conforming': {
          const c: Conclusion = action === 'retest_conforming' ? 'pass' : 'fail'
          assertConclusion(await results(trx, row.id, 'retest'), c, '复检')
          return { retestConclusion: c }
        }
        case 'start_disposal':
          return {}
        case 'record_disposal':
        case 'verify_disposal': {
          notBefore(eventDate, row.servedOn, '处置日期', '送达日期')
          await trx
            .insertInto('samplingDisposal')
            .values({
              id: newId(),
              sampleId: row.id,
              step: action === 'verify_disposal' ? 'verification' : String(input.step),
              doneOn: eventDate,
              note: input.note ?? null,
              createdBy: ctx.actor.userId,
              createdAt: clock.now().toISOString(),
            })
            .execute()
          return action === 'verify_disposal' ? { disposalDoneOn: eventDate } : {}
        }
      }
      return {}
    },
  })

  const visible = (exec: Executor, ctx: Ctx) =>
    records
      .scoped(exec, ctx)
      .leftJoin('orgUnit', 'orgUnit.id', 'samplingSample.unitId')
      .leftJoin('samplingPlan', 'samplingPlan.id', 'samplingSample.planId')
      .leftJoin('samplingLab as lab', 'lab.id', 'samplingSample.labId')
      .leftJoin('samplingLab as rlab', 'rlab.id', 'samplingSample.retestLabId')
      .selectAll('samplingSample')
      .select(['orgUnit.name as unitName', 'samplingPlan.title as planTitle', 'lab.name as labName', 'rlab.name as retestLabName'])

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

  // --- Samples ------------------------------------------------------------------------------------

  async function list(ctx: Ctx, q: SampleQuery) {
    let b = visible(db, ctx)
    if (q.state) b = b.where('samplingSample.state', '=', q.state)
    if (q.planId) b = b.where('samplingSample.planId', '=', q.planId)
    if (q.year) b = b.where('samplingSample.year', '=', q.year)
    if (q.entityId) b = b.where('samplingSample.entityId', '=', q.entityId)
    if (q.mine) b = b.where('samplingSample.assigneeId', '=', ctx.actor.userId ?? '')
    return listPage(b, q, (p) => p.orderBy('samplingSample.createdAt', 'desc').orderBy('samplingSample.id', 'desc'), presentSample)
  }

  async function detail(ctx: Ctx, loaded: Awaited<ReturnType<typeof records.load>>, opts: { lab?: boolean } = {}): Promise<SampleDetail> {
    const id = loaded.id
    const r = await visible(db, ctx).where('samplingSample.id', '=', id).executeTakeFirstOrThrow()
    const [items, clockRows, disposals, assists, draw] = await Promise.all([
      db.selectFrom('samplingResult').selectAll().where('sampleId', '=', id).orderBy('round').orderBy('seq').execute(),
      clocks.list(db, SAMPLE_MATTER, id),
      db.selectFrom('samplingDisposal').selectAll().where('sampleId', '=', id).orderBy('doneOn').orderBy('createdAt').execute(),
      db.selectFrom('samplingAssist').selectAll().where('sampleId', '=', id).execute(),
      publicDraw(db, id),
    ])
    const actions = records.actions(ctx, loaded).filter((a) => (opts.lab ? LAB_ACTION_SET.has(a.action) : true))
    return {
      ...presentSample(r),
      results: items.map((i) => ({
        round: i.round,
        seq: Number(i.seq),
        item: i.item,
        standard: i.standard,
        method: i.method,
        limit: i.limitText,
        result: i.result,
        unit: i.resultUnit,
        conclusion: i.conclusion,
        conclusionLabel: CONCLUSIONS[i.conclusion as Conclusion] ?? i.conclusion,
      })),
      clocks: clockRows.map((c) => ({
        kind: c.kind,
        label: SAMPLE_CLOCKS[c.kind as keyof typeof SAMPLE_CLOCKS]?.label ?? c.kind,
        startOn: c.startOn,
        dueOn: c.dueOn,
        doneOn: c.doneOn,
      })),
      disposals: disposals.map((d) => ({
        step: d.step,
        stepLabel: DISPOSAL_STEPS[d.step as keyof typeof DISPOSAL_STEPS] ?? d.step,
        doneOn: d.doneOn,
        note: d.note,
      })),
      assists: assists.map((a) => ({ producerName: a.producerName, toAuthority: a.toAuthority, requestedOn: a.requestedOn, state: a.state })),
      retestDraw: draw,
      actions,
    }
  }

  async function get(ctx: Ctx, id: string): Promise<SampleDetail> {
    return detail(ctx, await records.load(db, ctx, id))
  }

  async function act(ctx: Ctx, id: string, action: SampleAction, input: unknown, version?: number): Promise<SampleDetail> {
    await clocks.prepare()
    await records.transition(ctx, id, action, input, { version })
    return get(ctx, id)
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

  // --- Public -------------------------------------------------------------------------------------

  /** The re-test draw as the public sees it: the commitment at once, the secret and the rest once drawn. */
  async function publicDraw(exec: Executor, sampleId: string) {
    const d = await exec
      .selectFrom('samplingRetestDraw')
      .leftJoin('samplingLab', 'samplingLab.id', 'samplingRetestDraw.drawnLabId')
      .selectAll('samplingRetestDraw')
      .select('samplingLab.name as drawnLabName')
      .where('sampleId', '=', sampleId)
      .executeTakeFirst()
    if (!d) return null
    const drawn = !!d.drawnLabId
    return {
      algorithm: d.algorithm,
      commitment: d.commitment,
      committedAt: d.committedAt,
      drawn,
      secret: drawn ? d.secret : null,
      drawTimeValue: d.drawTimeValue,
      pool: d.poolJson ? (JSON.parse(d.poolJson) as Array<{ labId: string; labName: string }>) : null,
      poolHash: d.poolHash,
      paramsHash: d.paramsHash,
      seedHex: d.seedHex,
      drawnLabId: d.drawnLabId,
      drawnLabName: d.drawnLabName ?? null,
      drawnAt: d.drawnAt,
    }
  }

  /** Public verification of a re-test draw by sample number: re-runs it from the published values. */
  async function verifyPublic(sampleNo: string) {
    const s = await db.selectFrom('samplingSample').select(['id', 'sampleNo']).where('sampleNo', '=', sampleNo).executeTakeFirst()
    const d = s ? await publicDraw(db, s.id) : null
    if (!s || !d) throw notFound('复检机构抽取记录', sampleNo)
    if (!d.drawn) return { ...d, sampleNo: s.sampleNo, ok: null, problems: ['尚未抽取：已公布承诺值，抽取后公开承诺密钥供核验'] }
    const v = verifyRetestDraw({
      algorithm: d.algorithm,
      sampleId: s.id,
      commitment: d.commitment,
      secret: d.secret!,
      drawTimeValue: d.drawTimeValue!,
      pool: canonicalPool(d.pool!.map((p) => ({ entityId: p.labId, stratum: 'retest_lab', stationUnitId: null }))),
      poolHash: d.poolHash!,
      paramsHash: d.paramsHash ?? undefined,
      seedHex: d.seedHex!,
      drawnLabId: d.drawnLabId!,
    })
    return { ...d, sampleNo: s.sampleNo, ok: v.ok, problems: v.problems }
  }

  /** Published results (合格 / 不合格 lists) of a year: issued reports only, final conclusion (a re-test's when there was one). */
  async function publicResults(q: { year: number; conclusion?: 'pass' | 'fail'; categoryCode?: string; page: number; pageSize: number }) {
    const finalConclusion = sql<string>`coalesce(sampling_sample.retest_conclusion, sampling_sample.conclusion)`
    let b = db
      .selectFrom('samplingSample')
      .leftJoin('samplingLab', 'samplingLab.id', 'samplingSample.labId')
      .select([
        'samplingSample.id',
        'samplingSample.sampleNo',
        'samplingSample.productName',
        'samplingSample.brand',
        'samplingSample.spec',
        'samplingSample.batchNo',
        'samplingSample.producerName',
        'samplingSample.entityName',
        'samplingSample.categoryCode',
        'samplingSample.issuedOn',
        'samplingLab.name as labName',
        finalConclusion.as('finalConclusion'),
      ])
      .where('samplingSample.year', '=', q.year)
      .where('samplingSample.conclusion', 'is not', null)
      // A non-conforming result is published once served on the operator.
      .where((eb) => eb.or([eb('samplingSample.conclusion', '=', 'pass'), eb('samplingSample.servedOn', 'is not', null)]))
    if (q.conclusion) b = b.where(finalConclusion, '=', q.conclusion)
    if (q.categoryCode) b = b.where('samplingSample.categoryCode', 'like', `${q.categoryCode}%`)
    const page = await listPage(
      b,
      q,
      (p) => p.orderBy('samplingSample.issuedOn', 'desc').orderBy('samplingSample.sampleNo'),
      (r) => r,
    )
    const failIds = page.items.filter((r) => r.finalConclusion === 'fail').map((r) => r.id)
    const failed = failIds.length
      ? await db.selectFrom('samplingResult').select(['sampleId', 'item', 'round']).where('sampleId', 'in', failIds).where('conclusion', '=', 'fail').execute()
      : []
    return {
      ...page,
      items: page.items.map((r) => ({
        sampleNo: r.sampleNo,
        productName: r.productName,
        brand: r.brand,
        spec: r.spec,
        batchNo: r.batchNo,
        producerName: r.producerName,
        entityName: r.entityName,
        categoryName: categoryLabel(r.categoryCode),
        conclusion: r.finalConclusion,
        conclusionLabel: CONCLUSIONS[r.finalConclusion as Conclusion] ?? r.finalConclusion,
        failedItems: [...new Set(failed.filter((f) => f.sampleId === r.id).map((f) => f.item))],
        issuedOn: r.issuedOn,
        labName: r.labName,
      })),
    }
  }

  // --- Entity file --------------------------------------------------------------------------------

  const profileSection: ProfileSection = {
    key: 'sampling',
    title: '抽检记录',
    permission: 'sampling.read',
    async load(ctx, entity) {
      const rows = await visible(db, ctx).where('samplingSample.entityId', '=', entity.id).orderBy('samplingSample.createdAt', 'desc').limit(50).execute()
      return {
        count: rows.length,
        moreHref: '/sampling/samples',
        columns: [
          { key: 'sampleNo', title: '样品编号', kind: 'link' as const },
          { key: 'product', title: '样品名称', kind: 'text' as const },
          { key: 'category', title: '类别', kind: 'text' as const },
          { key: 'sampledOn', title: '抽样日期', kind: 'text' as const },
          { key: 'conclusion', title: '结论', kind: 'tag' as const },
          { key: 'state', title: '状态', kind: 'tag' as const },
        ],
        rows: rows.map(presentSample).map((s) => ({
          sampleNo: { text: s.sampleNo, href: `/sampling/samples/${s.id}` },
          product: s.productName,
          category: s.categoryName,
          sampledOn: s.sampledOn,
          conclusion: s.conclusion ? { text: CONCLUSIONS[s.conclusion as Conclusion], color: s.conclusion === 'fail' ? 'red' : 'green' } : null,
          state: { text: s.stateLabel, color: s.state === 'disposing' || s.state === 'non_conforming' || s.state === 'served' ? 'orange' : 'default' },
        })),
      }
    },
  }

  return {
    records,
    listLabs,
    saveLab,
    linkLabUser,
    setPopulation,
    listPopulation,
    populationOf,
    listPlans,
    getPlan: (ctx: Ctx, id: string) => planDetail(db, ctx, id),
    createPlan,
    createTasks,
    list,
    get,
    act,
    labList,
    labGet,
    labAct,
    saveResults,
    verifyPublic,
    publicResults,
    profileSection,
  }
}
export type SamplingService = ReturnType<typeof createSamplingService>

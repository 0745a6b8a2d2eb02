/**
 * The shared core of the sampling use cases (plans, samples, results, re-test, disposal, reads): the
 * records kernel over sampling_sample (scope, version, numbering, audit, clocks, workflow), the
 * presenters and the date guards every step uses. Each step's effects live in its own file and are
 * bound late (the kernel runs them inside the transition).
 */
import { type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Executor, Trx } from '../../core/db/database'
import { validation } from '../../core/errors'
import type { ClockKernel } from '../../core/matter/clocks'
import { scopedRecords, type Loaded } from '../../core/matter/records'
import { beijingDate } from '../../shared/time'
import { categoryLabel } from '../../shared/sampling/catalogue'
import {
  LAB_ACTIONS,
  SAMPLE_CLOCKS,
  SAMPLE_STATE_LABEL,
  TASK_MODES,
  sampleWorkflow,
  type SampleAction,
  type SampleState,
} from '../../shared/sampling/sample.workflow'
import type { AuditService } from '../audit'
import type { Sample } from './sampling.schema'
import type { SamplingLabTable, SamplingSampleTable } from './sampling.tables'

export const SAMPLE_MATTER = sampleWorkflow.type
export const LAB_ACTION_SET = new Set<string>(LAB_ACTIONS)

export type SampleRow = SamplingSampleTable & { unitName: string | null; planTitle: string | null; labName: string | null; retestLabName: string | null }

export const bool = (v: number | null | undefined) => v === 1
export function presentLab(r: SamplingLabTable, today: string) {
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

export function presentSample(r: SampleRow): Sample {
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

/** An action's data guards and columns, run by the records kernel inside the transition. */
export type SampleEffect = (
  trx: Trx,
  row: Loaded<SamplingSampleTable>,
  input: Record<string, string | null | undefined>,
  eventDate: string,
  ctx: Ctx,
  raw: unknown,
) => Promise<Partial<SamplingSampleTable>>
export type SampleEffects = Partial<Record<SampleAction, SampleEffect>>

export function createSamplingKit({
  db,
  dialect,
  clock,
  audit,
  clocks,
  effects,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & { audit: AuditService; clocks: ClockKernel; effects: () => SampleEffects }) {
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
      const effect = effects()[action]
      return effect ? effect(trx, row, input, eventDate, ctx, raw) : {}
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

  return { db, clock, audit, clocks, records, visible, today, notFuture, notBefore, results, regionPrefix }
}
export type SamplingKit = ReturnType<typeof createSamplingKit>

/**
 * Sampling inspection (抽检): it composes the use cases, each a small factory over the shared kit
 * (sampling.kit.ts: records kernel over sampling_sample, presenters, date guards) — plans
 * (laboratories, population, plans with progress), samples (tasks from the register or targeted,
 * the sampling form), results (laboratory accounts scoped to their own samples, result items,
 * reports), re-test (application, the verifiable laboratory draw), disposal (service, lead,
 * assistance request, disposal and its verification) and the reads (lists, detail, public
 * announcements, the entity file's section). Nothing else lives here.
 */
import type { Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { ClockKernel } from '../../core/matter/clocks'
import type { ResultItemInput, SampleAction } from '../../shared/sampling/sample.workflow'
import type { AuditService } from '../audit'
import type { EnforcementService } from '../enforcement'
import { createSamplingDisposal } from './sampling.disposal'
import { createSamplingKit, type SampleEffects } from './sampling.kit'
import { createSamplingPlans } from './sampling.plans'
import { createSamplingReads } from './sampling.reads'
import { createSamplingResults } from './sampling.results'
import { createSamplingRetest } from './sampling.retest'
import { createSamplingSamples } from './sampling.samples'

export { SAMPLE_MATTER } from './sampling.kit'

export function createSamplingService({
  db,
  dialect,
  clock,
  audit,
  clocks,
  enforcement,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & { audit: AuditService; clocks: ClockKernel; enforcement: Pick<EnforcementService, 'createLead'> }) {
  // The records kernel runs the workflow's effects, which live in the use cases: bound late.
  const late: { effects: SampleEffects } = { effects: {} }
  const kit = createSamplingKit({ db, dialect, clock, audit, clocks, effects: () => late.effects })
  const plans = createSamplingPlans({ kit })
  const samples = createSamplingSamples({ kit, plans })
  const retest = createSamplingRetest({ kit })
  const reads = createSamplingReads({ kit, retest })
  const results = createSamplingResults({ kit, reads })
  const disposal = createSamplingDisposal({ kit, enforcement })
  late.effects = { ...samples.effects, ...results.effects, ...retest.effects, ...disposal.effects }

  return {
    records: kit.records,
    listLabs: plans.listLabs,
    saveLab: plans.saveLab,
    linkLabUser: plans.linkLabUser,
    setPopulation: plans.setPopulation,
    listPopulation: plans.listPopulation,
    populationOf: plans.populationOf,
    listPlans: plans.listPlans,
    getPlan: (ctx: Ctx, id: string) => plans.planDetail(db, ctx, id),
    createPlan: plans.createPlan,
    createTasks: samples.createTasks,
    list: reads.list,
    get: reads.get,
    act: async (ctx: Ctx, id: string, action: SampleAction, input: unknown, version?: number) => {
      await samples.act(ctx, id, action, input, version)
      return reads.get(ctx, id)
    },
    labOf: results.labOf,
    labList: results.labList,
    labGet: results.labGet,
    labAct: results.labAct,
    saveResults: (ctx: Ctx, id: string, items: ResultItemInput[], version: number, opts: { lab: boolean }) =>
      results.saveResults(ctx, id, items, version, opts),
    verifyPublic: retest.verifyPublic,
    publicResults: reads.publicResults,
    profileSection: reads.profileSection,
  }
}
export type SamplingService = ReturnType<typeof createSamplingService>

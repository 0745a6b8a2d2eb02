import type { RouteSet, ScheduledJob } from '../../core/module'
import type { AnyWorkflow } from '../../shared/kernel/workflow'
import { seriousWorkflow } from '../../shared/credit/serious.workflow'
import { seriousRoutes } from './serious.routes'
import type { SeriousService } from './serious.service'
import { repairRoutes } from './repair.routes'
import type { RepairService } from './repair.service'
import { repairWorkflow } from '../../shared/credit/repair'

const DAY = 24 * 3600_000

/** The serious list's part of the credit manifest (routes, workflow, the daily jobs). */
export interface SeriousParts {
  serious: SeriousService
  repairs: RepairService
}

export function creditSeriousParts(p?: SeriousParts): { routes: RouteSet[]; workflows: AnyWorkflow[]; scheduled: ScheduledJob[] } {
  if (!p) return { routes: [], workflows: [], scheduled: [] }
  return {
    routes: [
      { prefixes: ['/credit/serious'], plugin: seriousRoutes(p.serious) },
      { prefixes: ['/credit/repairs'], plugin: repairRoutes(p.repairs) },
    ],
    workflows: [seriousWorkflow, repairWorkflow],
    scheduled: [
      { kind: 'credit.serious_transfer', label: '经营异常名录届满3年转入严重违法失信名单建议', everyMs: DAY, run: () => p.serious.transferAbnormal() },
      { kind: 'credit.serious_expire', label: '严重违法失信名单列入满3年自动移出', everyMs: DAY, run: () => p.serious.expireDue() },
    ],
  }
}

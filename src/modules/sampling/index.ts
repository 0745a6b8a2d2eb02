import './sampling.tables'
import type { CoreDeps } from '../../core/deps'
import type { ClockKernel } from '../../core/matter/clocks'
import type { AuditService } from '../audit'
import type { EnforcementService } from '../enforcement'
import { createSamplingService } from './sampling.service'
import { createSamplingStats } from './sampling.stats'

export { samplingManifest } from './sampling.module'
export type { SamplingService } from './sampling.service'
export { createSamplingResultImport, type SamplingResultImport } from './sampling.import'

/** The module's composition root: the sample service and the statistics over one set of core deps. */
export function createSamplingModule(
  deps: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & { audit: AuditService; clocks: ClockKernel; enforcement: Pick<EnforcementService, 'createLead'> },
) {
  const service = createSamplingService(deps)
  const stats = createSamplingStats(deps, service.populationOf)
  return { service, stats }
}
export type SamplingModule = ReturnType<typeof createSamplingModule>

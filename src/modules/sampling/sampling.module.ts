import type { CoreDeps } from '../../core/deps'
import { defineModule } from '../../core/module'
import { samplingWeb } from '../../shared/sampling/menu'
import { sampleWorkflow } from '../../shared/sampling/sample.workflow'
import { RESULT_IMPORT, type SamplingResultImport } from './sampling.import'
import { samplingImportRoutes } from './sampling.import.routes'
import { samplingRoutes } from './sampling.routes'
import type { SamplingService } from './sampling.service'
import type { SamplingStats } from './sampling.stats'
import { createSamplingWork } from './sampling.work'

/** Sampling inspection (抽检): plans, laboratories, samples and their workflow, statistics, public announcements. */
export function samplingManifest(
  m: { service: SamplingService; stats: SamplingStats; resultImport: SamplingResultImport },
  deps: Pick<CoreDeps, 'db' | 'config'>,
) {
  return defineModule({
    name: 'sampling',
    label: '抽检',
    permissions: ['sampling.read', 'sampling.plan', 'sampling.sample', 'sampling.manage', 'sampling.lab', 'sampling.stats'],
    routes: [
      { prefixes: ['/sampling/', '/public/sampling/'], plugin: samplingRoutes(m.service, m.stats, deps.config) },
      { prefixes: ['/sampling/lab/result-imports'], plugin: samplingImportRoutes(m.resultImport, deps.config) },
    ],
    workflows: [sampleWorkflow],
    web: samplingWeb,
    contributes: { profileSections: [m.service.profileSection], workProviders: createSamplingWork(deps), importKinds: [RESULT_IMPORT] },
  })
}

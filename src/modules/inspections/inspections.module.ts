import type { Config } from '../../core/config'
import type { CoreDeps } from '../../core/deps'
import { defineModule } from '../../core/module'
import { inspectionsWeb } from '../../shared/inspections/menu'
import { taskWorkflow } from '../../shared/inspections/task.workflow'
import type { InspectionsModule } from './index'
import { INSPECTION_IMPORT } from './inspections.catalog'
import { inspectionsRoutes } from './inspections.routes'
import { createInspectionsWork } from './inspections.work'

/** Double-random inspections (双随机抽查): the task workflow, results to record, the entity file's section. */
export function inspectionsManifest(m: InspectionsModule, deps: Pick<CoreDeps, 'db'> & { config: Config }) {
  return defineModule({
    name: 'inspections',
    label: '双随机抽查',
    permissions: ['inspection.read', 'inspection.manage', 'inspection.plan', 'inspection.draw', 'inspection.result', 'inspection.publish', 'inspection.export'],
    routes: [{ prefixes: ['/inspection-', '/public/inspections'], plugin: inspectionsRoutes(m, deps.config) }],
    workflows: [taskWorkflow],
    web: inspectionsWeb,
    contributes: { profileSections: [m.service.profileSection], workProviders: createInspectionsWork(deps), importKinds: [INSPECTION_IMPORT] },
  })
}

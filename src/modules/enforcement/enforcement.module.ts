import type { CoreDeps } from '../../core/deps'
import { defineModule } from '../../core/module'
import { enforcementWeb } from '../../shared/enforcement/menu'
import { leadWorkflow } from '../../shared/enforcement/lead.workflow'
import { enforcementRoutes } from './enforcement.routes'
import type { EnforcementService } from './enforcement.service'
import { createEnforcementWork } from './enforcement.work'

/** Case leads (案源线索): their workflow, the leads' to-do source and the entity file's section. */
export function enforcementManifest(leads: EnforcementService, deps: Pick<CoreDeps, 'db'>) {
  return defineModule({
    name: 'enforcement',
    label: '案源线索',
    permissions: ['lead.read', 'lead.manage'],
    routes: [{ prefixes: ['/leads'], plugin: enforcementRoutes(leads) }],
    workflows: [leadWorkflow],
    web: enforcementWeb,
    contributes: { profileSections: [leads.profileSection], workProviders: createEnforcementWork(deps) },
  })
}

import type { CoreDeps } from '../../core/deps'
import { defineModule } from '../../core/module'
import { creditWeb } from '../../shared/credit/menu'
import { proposalWorkflow } from '../../shared/credit/proposal.workflow'
import { creditRoutes } from './credit.routes'
import type { CreditService } from './credit.service'
import { createCreditWork } from './credit.work'

/** Credit proposals (信用事项提议): their workflow, the to-do source and the entity file's section. */
export function creditManifest(credit: CreditService, deps: Pick<CoreDeps, 'db'>) {
  return defineModule({
    name: 'credit',
    label: '信用监管',
    permissions: ['credit.read', 'credit.manage'],
    routes: [{ prefixes: ['/credit'], plugin: creditRoutes(credit) }],
    workflows: [proposalWorkflow],
    web: creditWeb,
    contributes: { profileSections: [credit.profileSection], workProviders: createCreditWork(deps) },
  })
}

import type { CoreDeps } from '../../core/deps'
import { defineModule } from '../../core/module'
import { creditWeb } from '../../shared/credit/menu'
import { listingWorkflow } from '../../shared/credit/listing.workflow'
import { proposalWorkflow } from '../../shared/credit/proposal.workflow'
import type { BatchQueue, CreditLists } from './credit.lists'
import { creditRoutes } from './credit.routes'
import type { CreditService } from './credit.service'
import { createCreditWork } from './credit.work'
import { creditListRoutes } from './listing.routes'
import { creditSeriousParts, type SeriousParts } from './serious.module'

/**
 * Credit supervision (信用监管): credit proposals from inspections, annual reports with their
 * liaisons, the abnormal-operations list and the public credit query; the entity file's section.
 */
export function creditManifest(
  credit: CreditService,
  deps: Pick<CoreDeps, 'db' | 'config'>,
  lists: CreditLists,
  enqueueBatch: BatchQueue,
  more?: SeriousParts,
) {
  const extra = creditSeriousParts(more)
  return defineModule({
    name: 'credit',
    label: '信用监管',
    permissions: ['credit.read', 'credit.manage', 'credit.approve'],
    routes: [
      { prefixes: ['/credit'], plugin: creditRoutes(credit) },
      {
        prefixes: ['/credit', '/public/credit'],
        plugin: creditListRoutes({ listings: lists.listings, reports: lists.reports, publicQuery: lists.publicQuery, enqueueBatch }, deps.config),
      },
      ...extra.routes,
    ],
    workflows: [proposalWorkflow, listingWorkflow, ...extra.workflows],
    scheduled: extra.scheduled,
    web: creditWeb,
    contributes: { profileSections: [lists.profileSection(credit.profileSection)], workProviders: createCreditWork(deps) },
  })
}

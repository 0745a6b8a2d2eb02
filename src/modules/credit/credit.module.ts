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
import { REPORT_IMPORT } from './annual-report.import'
import { seasonRoutes, type SeasonRouteDeps } from './season.routes'
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
  season: SeasonRouteDeps,
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
      { prefixes: ['/credit', '/public/credit'], plugin: seasonRoutes(season, deps.config) },
      ...extra.routes,
    ],
    scheduled: [{ kind: 'credit.reminders', label: '年度报告催报', everyMs: 6 * 3_600_000, run: () => season.reminders.scheduled() }, ...extra.scheduled],
    workflows: [proposalWorkflow, listingWorkflow, ...extra.workflows],
    web: creditWeb,
    contributes: { profileSections: [lists.profileSection(credit.profileSection)], workProviders: createCreditWork(deps), importKinds: [REPORT_IMPORT] },
  })
}

import './inspections.tables'
import type BetterSqlite3 from 'better-sqlite3'
import type { CoreDeps } from '../../core/deps'
import type { AuditService } from '../audit'
import type { CreditService } from '../credit'
import type { EnforcementService } from '../enforcement'
import type { RulesService } from '../rules'
import { createInspectionCatalog } from './inspections.catalog'
import { createDrawService } from './inspections.draw'
import { createInspectionService } from './inspections.service'

export { inspectionsRoutes } from './inspections.routes'
export type { InspectionCatalog } from './inspections.catalog'
export type { DrawService } from './inspections.draw'
export type { InspectionService } from './inspections.service'
export { BUSINESS_LINES, RESULT_OPTIONS, DEFAULT_RATIOS } from './inspections.domain'
// The committed, reproducible draw (jg-draw/1) for other modules' draws (sampling: targets and the re-test laboratory).
export {
  DRAW_ALGORITHM,
  canonicalPool,
  commitmentOf,
  deriveSeed,
  drawTargets,
  paramsHash,
  poolHash,
  verifyDraw,
  type DrawParams,
  type PoolMember,
} from './draw.domain'

/** The module's composition root: catalogue, draw and task services over one set of core deps. */
export function createInspectionsModule(
  deps: Pick<CoreDeps, 'db' | 'dialect' | 'clock' | 'config'> & {
    /** The better-sqlite3 connection behind `db` (SQLite): the draw's bulk writes use it directly. */
    sqlite?: BetterSqlite3.Database
    audit: AuditService
    rules: Pick<RulesService, 'deadlineFor'>
    enforcement: Pick<EnforcementService, 'createLead' | 'prepare'>
    credit: Pick<CreditService, 'proposeAbnormal'>
  },
) {
  const catalog = createInspectionCatalog(deps)
  const draws = createDrawService(deps)
  const service = createInspectionService({ ...deps, draws })
  return { catalog, draws, service }
}
export type InspectionsModule = ReturnType<typeof createInspectionsModule>
export { createInspectionsWork } from './inspections.work'
export { inspectionsManifest } from './inspections.module'
export { createInspectionCreditReads, type InspectionCreditReads } from './inspections.credit'

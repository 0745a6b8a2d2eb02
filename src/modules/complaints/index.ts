import './complaints.tables'
import type { CoreDeps } from '../../core/deps'
import type { AuditService } from '../audit'
import type { CalendarService } from '../calendar'
import type { DocumentsEngine } from '../documents'
import type { EnforcementService } from '../enforcement'
import type { EntitiesService } from '../entities'
import type { MessagesService } from '../messages'
import type { OrgService } from '../org'
import type { RulesService } from '../rules'
import { createDocumentsService } from './complaints.documents'
import { createComplaintImportService } from './complaints.import'
import { createLinkService } from './complaints.links'
import { createPortalService } from './complaints.portal'
import { createComplaintsService } from './complaints.service'
import { complaintsProfileSection } from './complaints.profile'
import { createAnswersService } from './answers.service'

export * from './complaints.domain'
export type { ComplaintItemTable, ComplaintEventTable, ComplaintPartyTable } from './complaints.tables'
export { createComplaintsRepo, itemDefaults, maskedParty, partyRows, type BulkItem, type PartyInput } from './complaints.repo'
export type { IntakeInput, TransitionInput } from './complaints.schema'
export { complaintsRoutes } from './complaints.routes'
export { answersRoutes } from './answers.routes'
export type { AnswersService } from './answers.service'
export { solveChallenge, powBits, PORTAL_DIFFICULTY } from './complaints.portal'
export type { ComplaintsService } from './complaints.service'

/** The 12315 module's composition root: the case service plus documents, imports and the portal over it. */
export function createComplaintsModule(
  deps: Pick<CoreDeps, 'db' | 'dialect' | 'clock' | 'config'> & {
    audit: AuditService
    org: OrgService
    entities: EntitiesService
    rules: RulesService
    calendar: CalendarService
    enforcement: Pick<EnforcementService, 'createLead' | 'prepare'>
    documentsEngine: DocumentsEngine
    messages?: Pick<MessagesService, 'notify'>
  },
) {
  const answers = createAnswersService(deps)
  const complaints = createComplaintsService({ ...deps, answers })
  const documents = createDocumentsService({ ...deps, complaints, engine: deps.documentsEngine })
  const imports = createComplaintImportService({ ...deps, complaints })
  const portal = createPortalService({ ...deps, complaints, documents })
  const links = createLinkService({ ...deps, complaints })
  return { complaints, documents, imports, portal, links, answers, profileSection: complaintsProfileSection(complaints) }
}
export type ComplaintsModule = ReturnType<typeof createComplaintsModule>
export { createComplaintsWork } from './complaints.work'
export { ListFilterQuery, ListQuery } from './complaints.schema'
export { fillRuleVersions, LEGACY_DUE_FIELDS, legacyClockRows, withoutDueDates, type BulkDueDates } from './complaints.clocks'
export { complaintsManifest } from './complaints.module'
export { createLeadFollower, type LeadFollower } from './complaints.leads'

/**
 * Every module's web half (pages and menu entries), in one list the web client imports: its routes
 * and side menu are built from it (web/src/App.tsx, web/src/components/AppLayout.tsx). A new module
 * with pages adds one line here (and its manifest in src/app.ts names the same declaration).
 */
import { accessWeb } from './access/menu'
import { analyticsWeb } from './analytics/menu'
import { approvalsWeb } from './approvals/menu'
import { auditWeb } from './audit/menu'
import { calendarWeb } from './calendar/menu'
import { casesWeb } from './cases/menu'
import { collectionWeb } from './collection/menu'
import { complaintsWeb } from './complaints/menu'
import { creditWeb } from './credit/menu'
import { documentsWeb } from './documents/menu'
import { enforcementWeb } from './enforcement/menu'
import { entitiesWeb } from './entities/menu'
import { inspectionsWeb } from './inspections/menu'
import { jobsWeb } from './jobs/menu'
import { messagesWeb } from './messages/menu'
import { orgWeb } from './org/menu'
import { rulesWeb } from './rules/menu'
import { samplingWeb } from './sampling/menu'
import { systemWeb } from './system/menu'
import { workWeb } from './work/menu'

export const WEB_MODULES = [
  workWeb,
  messagesWeb,
  systemWeb,
  jobsWeb,
  complaintsWeb,
  analyticsWeb,
  documentsWeb,
  entitiesWeb,
  enforcementWeb,
  approvalsWeb,
  casesWeb,
  creditWeb,
  collectionWeb,
  inspectionsWeb,
  samplingWeb,
  orgWeb,
  accessWeb,
  calendarWeb,
  rulesWeb,
  auditWeb,
] as const

/** Every page name the modules declare; the web maps each to its component (web/src/pageRegistry.ts). */
export type WebPage = (typeof WEB_MODULES)[number]['routes'][number]['page']

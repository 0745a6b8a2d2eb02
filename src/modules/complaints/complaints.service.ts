/**
 * The 12315 centre's service: it composes the use cases, each a small factory over explicit deps —
 * access (scope, loading), settings and the clock environment, routing (属地管辖), duplicates,
 * intake, transitions (the workflow), handlers and handling (assignment, feedback, 督办),
 * escalation, confidentiality of the persons, and the reads (queue, detail). Nothing else lives here.
 */
import { chinaDate } from '../../core/clock'
import type { Trx } from '../../core/db/database'
import type { CoreDeps } from '../../core/deps'
import type { AuditService } from '../audit'
import type { CalendarService } from '../calendar'
import type { EnforcementService } from '../enforcement'
import type { EntitiesService } from '../entities'
import type { MessagesService } from '../messages'
import type { OrgService } from '../org'
import type { RulesService } from '../rules'
import type { AnswersService } from './answers.service'
import { createItemAccess } from './complaints.access'
import { createComplaintClocks } from './complaints.clocks'
import { createDuplicates } from './complaints.duplicates'
import { createEscalation } from './complaints.escalation'
import { createHandlers } from './complaints.handlers'
import { createHandling } from './complaints.handling'
import { createIntake } from './complaints.intake'
import { createParties } from './complaints.parties'
import { createQueries } from './complaints.queries'
import { createComplaintsRepo } from './complaints.repo'
import { createRouting } from './complaints.routing'
import { clockSettings, createComplaintSettings, type ClockEnv } from './complaints.settings'
import { createComplaintTransitions } from './complaints.transitions'

export { DEFAULT_SETTINGS, type ClockEnv } from './complaints.settings'

/** The 12315 centre: intake, routing, clocks, outcomes, supervision, confidentiality. */
export function createComplaintsService({
  db,
  dialect,
  clock,
  audit,
  org,
  entities,
  rules,
  calendar,
  enforcement,
  answers,
  messages,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & {
  audit: AuditService
  answers: Pick<AnswersService, 'use'>
  org: OrgService
  entities: EntitiesService
  rules: RulesService
  calendar: CalendarService
  enforcement: Pick<EnforcementService, 'createLead' | 'prepare'>
  /** 消息中心: assignment, dispatch and 督办 reach the handler (or the unit's handlers) in the same transaction. */
  messages?: Pick<MessagesService, 'notify'>
}) {
  const repo = createComplaintsRepo()
  const today = () => chinaDate(clock.now())
  const access = createItemAccess({ db, dialect, org })
  const settings = createComplaintSettings({ db, clock, audit, rules, calendar, org })
  const { getSettings, clockEnv } = settings
  // The clocks live in matter_clock (complaints.clocks.ts); the item keeps the projection.
  const itemClocks = createComplaintClocks({ repo, clock, clockSettings })
  const refreshClocks = async (trx: Trx, id: string, env: ClockEnv) => {
    await itemClocks.refresh(trx, id, env)
  }
  const routing = createRouting({ db, entities, today, clockEnv })
  const duplicates = createDuplicates({ db, org, getSettings, loadReadable: access.loadReadable })
  const parties = createParties({ db, audit, repo, access })
  const handlers = createHandlers({ db, repo, access, messages })
  const queries = createQueries({
    db,
    dialect,
    clock,
    calendar,
    repo,
    access,
    getSettings,
    clockEnv,
    clocksOf: itemClocks.clocksOf,
    offerOf: handlers.offerOf,
    canRevealParties: parties.canRevealParties,
    today,
  })
  const { applyTransition, transition } = createComplaintTransitions({
    db,
    clock,
    audit,
    enforcement,
    repo,
    today,
    itemAllowed: access.itemAllowed,
    unitRow: access.unitRow,
    bureauOf: access.bureauOf,
    handlerOnDecision: handlers.handlerOnDecision,
    refreshClocks,
    loadReadable: access.loadReadable,
    clockEnv,
    detail: queries.detail,
    notifyHandler: handlers.notifyHandler,
  })
  const handling = createHandling({ db, clock, audit, repo, access, handlers, detail: queries.detail, today })
  const escalation = createEscalation({ db, dialect, clock, audit, repo, itemClocks, unitRow: access.unitRow, clockEnv })
  const intake = createIntake({
    db,
    clock,
    audit,
    answers,
    repo,
    itemClocks,
    clockEnv,
    resolveRespondent: routing.resolveRespondent,
    route: routing.route,
    findDuplicates: duplicates.findDuplicates,
    applyTransition,
    summaries: queries.summaries,
    presentRows: queries.presentRows,
    today,
  })

  return {
    intake: intake.intake,
    createItems: intake.createItems,
    checkRequired: intake.checkRequired,
    preview: routing.preview,
    suggestRespondents: routing.suggestRespondents,
    duplicatesOf: duplicates.duplicatesOf,
    transition,
    applyTransition,
    assign: handling.assign,
    handlerCandidates: handlers.handlerCandidates,
    recordFeedback: handling.recordFeedback,
    supervise: handling.supervise,
    respondSupervision: handling.respondSupervision,
    escalateOverdue: escalation.escalateOverdue,
    list: queries.list,
    listQuery: queries.listQuery,
    presentRows: queries.presentRows,
    detail: queries.detail,
    revealParties: parties.revealParties,
    canRevealParties: parties.canRevealParties,
    loadReadable: access.loadReadable,
    itemAllowed: access.itemAllowed,
    getSettings,
    viewSettings: settings.viewSettings,
    updateSettings: settings.updateSettings,
    codes: queries.codes,
    resolveRespondent: routing.resolveRespondent,
    route: routing.route,
    bureauOf: access.bureauOf,
    refreshClocks,
    clocksOf: itemClocks.clocksOf,
    clockEnv,
    today,
  }
}
export type ComplaintsService = ReturnType<typeof createComplaintsService>

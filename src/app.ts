import type { FastifyInstance } from 'fastify'
import { chinaDate, systemClock, type Clock } from './core/clock'
import type { RunnerOptions } from './core/jobs'
import type { Config } from './core/config'
import { systemCtx } from './core/actor'
import { createDb, type DbHandle } from './core/db/database'
import { migrateToLatest } from './core/db/migrate'
import type { CoreDeps } from './core/deps'
import { createHttp } from './core/http/http'
import { authRoutes, createAuthService, createUserService, SESSION_COOKIE, userRoutes } from './modules/access'
import { auditRoutes, createAuditService } from './modules/audit'
import { calendarRoutes, computeDeadline, createCalendarService } from './modules/calendar'
import { casesRoutes, createCasesService, createCasesWork } from './modules/cases'
import {
  analyticsRoutes,
  complaintsRoutes,
  createAnalyticsModule,
  createComplaintsModule,
  createComplaintsWork,
  createLeadFollower,
} from './modules/complaints'
import { createCreditService, createCreditWork, creditRoutes } from './modules/credit'
import { createDocumentsService, documentsRoutes } from './modules/documents'
import { createEnforcementService, createEnforcementWork, enforcementRoutes } from './modules/enforcement'
import { createEntitiesService, createImportService, entitiesRoutes } from './modules/entities'
import { importsRoutes } from './modules/imports'
import { createInspectionsModule, createInspectionsWork, inspectionsRoutes } from './modules/inspections'
import { createMessagesService, messagesRoutes } from './modules/messages'
import { createJobsModule, jobsRoutes, SCHEDULED_KINDS } from './modules/jobs'
import { createOrgService, orgRoutes } from './modules/org'
import { createRulesService, rulesRoutes, selectRuleInForce } from './modules/rules'
import { createClockKernel } from './core/matter/clocks'
import { systemRoutes } from './modules/system'
import { createWorkService, workRoutes } from './modules/work'

/**
 * The composition root: builds every module's services over one database handle. The HTTP server,
 * the CLI and the tests all go through here, so they run the same wiring.
 */
export function createServices(handle: DbHandle, config: Config, clock: Clock = systemClock) {
  const deps: CoreDeps = { db: handle.db, dialect: handle.dialect, clock, config }
  const audit = createAuditService(deps)
  // Grants are cached per process for a few seconds; changes made here are forgotten at once.
  const org = createOrgService({ ...deps, audit, onAccessChange: () => auth.forgetGrants() })
  const auth = createAuthService({ ...deps, audit })
  const users = createUserService({ ...deps, audit, org, onAccessChange: (id) => auth.forgetGrants(id) })
  const calendar = createCalendarService({ ...deps, audit })
  const rules = createRulesService({ ...deps, audit, calendar })
  // Statutory clocks of every matter (matter_clock): rule versions and the calendar injected into core.
  const clocks = createClockKernel({
    today: () => chinaDate(clock.now()),
    env: async () => {
      const [versions, cal] = await Promise.all([rules.versions(), calendar.calendar()])
      return { rule: (ruleId, onDate) => selectRuleInForce(versions, ruleId, onDate), deadline: (q) => computeDeadline(cal, q) }
    },
  })
  const entities = createEntitiesService({ ...deps, audit, units: () => org.directory() })
  const imports = createImportService({ ...deps, handle, audit, registerCounts: entities.counts })
  const enforcement = createEnforcementService({ ...deps, audit, entities })
  const credit = createCreditService({ ...deps, audit, entities })
  const inspections = createInspectionsModule({ ...deps, sqlite: handle.sqlite, audit, rules, entities, enforcement, credit })
  const documents = createDocumentsService({ ...deps, audit })
  const messages = createMessagesService(deps)
  // 行政处罚案件: a lead decided 立案 opens a case; its documents drive its clocks.
  const cases = createCasesService({ ...deps, audit, clocks, documents, rules, entities, enforcement, users })
  const complaintsModule = createComplaintsModule({ ...deps, audit, org, entities, rules, calendar, enforcement, documentsEngine: documents, messages })
  const analytics = createAnalyticsModule({ ...deps, audit, org })
  // The 12315 report follows its lead: 立案 when the case is filed, 不予立案 flows back (complaints.leads.ts).
  const leadFollower = createLeadFollower(deps)
  cases.onCaseFiled(leadFollower)
  enforcement.onDecision((trx, ctx, e) =>
    leadFollower.leadDecided(trx, ctx, { ...e, lead: { source: e.lead.source, sourceId: e.lead.sourceId, leadId: e.lead.id } }),
  )
  // 我的待办: each module contributes its own to-do sources.
  const work = createWorkService({ ...deps, calendar, messages, audit })
  for (const p of [
    ...createComplaintsWork({ ...deps, org }),
    ...createInspectionsWork(deps),
    ...createEnforcementWork(deps),
    ...createCasesWork(deps),
    ...createCreditWork(deps),
  ])
    work.register(p)
  const jobs = createJobsModule({
    ...deps,
    actorFor: auth.actorFor,
    userActive: async (id) => (await users.getUser(systemCtx(), id).catch(() => null))?.status === 'active',
    unitPath: async (id) => (await org.findById(id))?.path ?? null,
    complaints: {
      exportXlsx: complaintsModule.documents.exportXlsx,
      exportFileName: complaintsModule.documents.exportFileName,
      count: async (ctx, q) => (await complaintsModule.complaints.list(ctx, { ...q, page: 1, pageSize: 1, sort: 'due' })).total,
    },
    entities: {
      exportXlsx: entities.exportXlsx,
      exportFileName: entities.exportFileName,
      count: async (ctx, q) => (await entities.search(ctx, { ...q, page: 1, pageSize: 1 })).total,
    },
    scheduled: {
      escalate: () => complaintsModule.complaints.escalateOverdue(),
      alerts: () => analytics.alerts.autoEvaluate(0),
      checkpoint: () => audit.checkpoint(),
      dueNotices: () => work.notifyDueClocks(),
    },
    // 消息中心: a job someone started tells them when it ends (scheduled work has no creator).
    onJobFinished: (job) =>
      messages
        .notifyJobFinished({ id: job.id, kind: job.kind, title: job.label, createdBy: job.createdBy, status: job.state, error: job.error, link: '/tasks' })
        .then(() => undefined),
  })
  return {
    deps,
    handle,
    audit,
    org,
    auth,
    users,
    calendar,
    rules,
    clocks,
    entities,
    imports,
    enforcement,
    cases,
    credit,
    inspections,
    complaints: complaintsModule.complaints,
    complaintsModule,
    analytics,
    documents,
    messages,
    work,
    jobs,
  }
}
export type Services = ReturnType<typeof createServices>

/** Opens the database, migrates (unless disabled) and loads built-in reference data. */
export async function openPlatform(config: Config, opts: { clock?: Clock; migrate?: boolean } = {}) {
  const handle = createDb(config.db)
  try {
    if (opts.migrate ?? config.migrateOnStart) await migrateToLatest(handle.db)
    const services = createServices(handle, config, opts.clock)
    await services.calendar.ensureBuiltin()
    await services.rules.ensureBuiltin()
    return services
  } catch (e) {
    await handle.close()
    throw e
  }
}

/**
 * The server's background work, through the job runner (core/jobs): this process claims queued
 * jobs (exports started from the task centre, …) and the scheduler queues the recurring work as
 * singleton jobs, one per period whatever the number of processes:
 *  - overdue 12315 items escalate to the unit above (every 10 minutes);
 *  - alert rules are evaluated for today and yesterday (every 5 minutes), so alerts reach the
 *    leaders' dashboards and the daily report whether or not anyone had the list open;
 *  - due-soon and overdue notices reach the handlers (every 10 minutes; once per clock and due date);
 *  - a signed checkpoint of the audit chain is appended to the anchor file outside the database
 *    (AUDIT_CHECKPOINT_MINUTES, default hourly; ADR 0005).
 * A failed period is recorded on its job (and reported through `onError`, default stderr); the
 * next period runs again. Returns a stop function that waits for the jobs running here.
 */
export function startSchedules(
  services: Services,
  opts: {
    escalateMs?: number
    alertsMs?: number
    checkpointMs?: number
    dueNoticesMs?: number
    onError?: (what: string, e: unknown) => void
    runner?: RunnerOptions
  } = {},
) {
  const onError = opts.onError ?? ((what: string, e: unknown) => process.stderr.write(`${what}失败：${e instanceof Error ? e.message : String(e)}\n`))
  const { jobs } = services.jobs
  const scheduled = new Set<string>(Object.values(SCHEDULED_KINDS))
  const off = services.jobs.onJobFinished((job) => {
    if (job.state === 'failed' && scheduled.has(job.kind)) onError(job.label, new Error(job.error ?? ''))
  })
  const runner = jobs.createRunner(opts.runner).start()
  const schedule = jobs.schedule([
    { kind: SCHEDULED_KINDS.escalate, everyMs: opts.escalateMs ?? 10 * 60_000 },
    { kind: SCHEDULED_KINDS.alerts, everyMs: opts.alertsMs ?? 5 * 60_000 },
    { kind: SCHEDULED_KINDS.checkpoint, everyMs: opts.checkpointMs ?? services.deps.config.auditAnchor.everyMinutes * 60_000 },
  ])
  // The first period's work is done before a stop() resolves (a server stopped at once still escalated).
  const first = schedule.first.then(() => runner.drain())
  return async () => {
    await schedule.stop()
    await first.catch(() => {})
    await runner.stop()
    off()
  }
}

/** Builds the HTTP app over ready services. Never listens. */
export async function buildApp(services: Services): Promise<FastifyInstance> {
  const { config } = services.deps
  return createHttp({
    config,
    authenticate: async (request) => {
      const r = await services.auth.authenticate({ authorization: request.headers.authorization }, request.cookies[SESSION_COOKIE])
      return r ? { actor: r.actor, via: r.via, csrfToken: r.csrfToken } : null
    },
    routes: async (api) => {
      await api.register(systemRoutes(services))
      await api.register(authRoutes(services.auth, services.users, config))
      await api.register(userRoutes(services.users, services.auth))
      await api.register(orgRoutes(services.org))
      await api.register(auditRoutes(services.audit))
      await api.register(calendarRoutes(services.calendar, config))
      await api.register(rulesRoutes(services.rules))
      await api.register(entitiesRoutes(services.entities, services.imports, config))
      await api.register(enforcementRoutes(services.enforcement))
      await api.register(casesRoutes(services.cases))
      await api.register(creditRoutes(services.credit))
      await api.register(complaintsRoutes(services.complaintsModule, config))
      await api.register(documentsRoutes(services.documents))
      await api.register(analyticsRoutes(services.analytics))
      await api.register(inspectionsRoutes(services.inspections, config))
      await api.register(workRoutes(services.work))
      await api.register(messagesRoutes(services.messages))
      await api.register(jobsRoutes(services.jobs))
      await api.register(importsRoutes({ entities: services.imports, complaints: services.complaintsModule.imports }))
    },
  })
}

import type { FastifyInstance } from 'fastify'
import { chinaDate, systemClock, type Clock } from './core/clock'
import type { RunnerOptions } from './core/jobs'
import type { Config } from './core/config'
import { systemCtx, type Ctx } from './core/actor'
import { createDb, type DbHandle } from './core/db/database'
import { migrateToLatest } from './core/db/migrate'
import type { CoreDeps } from './core/deps'
import { AppError } from './core/errors'
import { createHttp } from './core/http/http'
import { wireModules } from './core/module'
import { accessManifest, createAuthService, createUserService, SESSION_COOKIE } from './modules/access'
import { auditManifest, createAuditService } from './modules/audit'
import { calendarManifest, computeDeadline, createCalendarService } from './modules/calendar'
import { casesManifest, createCaseCreditReads, createCasePublicity, createCaseStats, createCasesService } from './modules/cases'
import { analyticsManifest, createAnalyticsModule } from './modules/analytics'
import { complaintsManifest, createComplaintsModule, createLeadFollower } from './modules/complaints'
import {
  BATCH_JOB_KIND,
  createAnnualReportImport,
  createCreditLists,
  createReminders,
  createRepairService,
  createSeasonStats,
  createSeriousService,
  createCreditService,
  creditManifest,
} from './modules/credit'
import { createDocumentsService, documentsManifest } from './modules/documents'
import { createEnforcementService, enforcementManifest } from './modules/enforcement'
import { createEntitiesService, createImportService, entitiesManifest } from './modules/entities'
import { importsManifest } from './modules/imports'
import { createInspectionCreditReads, createInspectionsModule, inspectionsManifest } from './modules/inspections'
import { createMessagesService, messagesManifest } from './modules/messages'
import { createJobsModule, jobsManifest } from './modules/jobs'
import { createOrgService, orgManifest } from './modules/org'
import { createRulesService, rulesManifest, selectRuleInForce } from './modules/rules'
import { createClockKernel } from './core/matter/clocks'
import { createApprovals } from './core/matter/approvals'
import { approvalsManifest } from './modules/approvals'
import { createSamplingModule, createSamplingResultImport, samplingManifest } from './modules/sampling'
import { collectionManifest, createCollectionService } from './modules/collection'
import { systemManifest } from './modules/system'
import { createWorkService, workManifest } from './modules/work'

/**
 * The composition root: builds every module's services over one database handle (in dependency
 * order: each service receives the services it uses), then collects the modules' manifests
 * (src/core/module.ts) and wires what they contribute to each other (entity-file sections, to-do
 * providers) and to the platform (scheduled jobs here; routes in `buildApp`). The HTTP server, the
 * CLI and the tests all go through here, so they run the same wiring.
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
  // 审批待办: approval requests of every matter (立案 / 不予立案 / 移送 …), decided by the kind's permission holders.
  const approvals = createApprovals({ db: deps.db, clock, audit })
  const enforcement = createEnforcementService({ ...deps, audit, clocks, approvals, entities })
  // Annual reports, the abnormal-operations list and the public credit query (信用监管); an
  // inspection's credit proposal is a listing proposal of the list.
  const creditLists = createCreditLists({ ...deps, audit, clocks, rules })
  const credit = createCreditService({ ...deps, audit, listings: creditLists.listings })
  // 涉企信息归集: other departments' licences and penalties onto the entity's record.
  const collection = createCollectionService({ ...deps, audit, rules })
  const inspections = createInspectionsModule({ ...deps, sqlite: handle.sqlite, audit, rules, enforcement, credit })
  const documents = createDocumentsService({ ...deps, audit })
  // 抽检: non-conforming results become leads; clocks on the rule catalogue.
  const sampling = createSamplingModule({ ...deps, audit, clocks, enforcement })
  const messages = createMessagesService(deps)
  // 行政处罚案件: a lead decided 立案 opens a case; its documents drive its clocks.
  const casePublicity = createCasePublicity({ ...deps, audit, clocks, rules })
  const caseStats = createCaseStats({ ...deps, audit })
  const cases = createCasesService({ ...deps, audit, clocks, documents, rules, entities, enforcement, users, approvals, publicity: casePublicity })
  // 严重违法失信名单: born from the cases' heavier penalties (read through the cases module's index) and from 3 years on the abnormal list.
  const caseCredit = createCaseCreditReads()
  const creditSerious = createSeriousService({ ...deps, audit, clocks, rules, documents, cases: caseCredit })
  // 信用修复: the decision changes the listing, the serious entry or the penalty publicity (stopped early through the cases module).
  const creditRepairs = createRepairService({
    ...deps,
    audit,
    clocks,
    rules,
    listings: creditLists.listings,
    serious: creditSerious,
    cases: { ...caseCredit, stopPublicityEarly: casePublicity.stopPublicityEarly },
  })
  creditLists.publicQuery.attach({ serious: creditSerious, rules, penalties: caseCredit, inspections: createInspectionCreditReads() })
  const complaintsModule = createComplaintsModule({ ...deps, audit, org, entities, rules, calendar, enforcement, documentsEngine: documents, messages })
  const analytics = createAnalyticsModule({ ...deps, audit, org })
  // The 12315 report follows its lead: 立案 when the case is filed, 不予立案 flows back (complaints.leads.ts).
  const leadFollower = createLeadFollower(deps)
  cases.onCaseFiled(leadFollower)
  enforcement.onDecision((trx, ctx, e) =>
    leadFollower.leadDecided(trx, ctx, { ...e, lead: { source: e.lead.source, sourceId: e.lead.sourceId, leadId: e.lead.id } }),
  )
  const work = createWorkService({ ...deps, calendar, messages, audit })
  const jobs = createJobsModule({
    ...deps,
    actorFor: auth.actorFor,
    userActive: async (id) => (await users.getUser(systemCtx(), id).catch(() => null))?.status === 'active',
    unitPath: async (id) => (await org.findById(id))?.path ?? null,
    // 消息中心: a job someone started tells them when it ends (scheduled work has no creator).
    onJobFinished: (job) =>
      messages
        .notifyJobFinished({ id: job.id, kind: job.kind, title: job.label, createdBy: job.createdBy, status: job.state, error: job.error, link: '/tasks' })
        .then(() => undefined),
  })

  jobs.jobs.register(creditLists.batchJob)
  const enqueueCreditBatch = async (ctx: Ctx, reportYear: number) => {
    const r = await jobs.jobs.enqueue({
      kind: BATCH_JOB_KIND,
      payload: { reportYear },
      createdBy: ctx.actor.userId ? { userId: ctx.actor.userId, username: ctx.actor.username, displayName: ctx.actor.displayName } : null,
      unitId: ctx.actor.primaryUnitId,
      maxAttempts: 3,
    })
    return { jobId: r.id, created: r.created }
  }
  // 年报季: the national system's annual reports imported as a resumable job (core/imports).
  // 年报催报: the reminder outbox built per round (job and schedule), messages to the units' credit officers.
  const creditSeason = {
    imports: createAnnualReportImport({ ...deps, audit, jobs: jobs.jobs }),
    reminders: createReminders({ ...deps, audit, messages }),
    stats: createSeasonStats(deps),
    session: creditLists.reports.session,
    enqueue: async (ctx: Ctx, kind: string, payload: unknown) => {
      const r = await jobs.jobs.enqueue({
        kind,
        payload,
        createdBy: ctx.actor.userId ? { userId: ctx.actor.userId, username: ctx.actor.username, displayName: ctx.actor.displayName } : null,
        unitId: ctx.actor.primaryUnitId,
      })
      return { jobId: r.id, created: r.created }
    },
  }
  jobs.jobs.register(creditSeason.reminders.job)
  // The register import's import phase runs as a resumable job (core/imports).
  const imports = createImportService({ ...deps, handle, audit, jobs: jobs.jobs, registerCounts: entities.counts })
  // 抽检: the laboratories' result import runs as a resumable job too.
  const samplingResultImport = createSamplingResultImport({ ...deps, audit, jobs: jobs.jobs, labOf: sampling.service.labOf })

  // The modules, in the order their routes are registered and their contributions delivered (the
  // entity file shows its sections, and 我的待办 its sources, in this order). A new module is one line here.
  const modules = wireModules([
    systemManifest({ handle }),
    accessManifest({ auth, users, config }),
    orgManifest(org),
    auditManifest(audit, config),
    calendarManifest(calendar, config),
    rulesManifest(rules),
    entitiesManifest({ entities, imports, config }),
    enforcementManifest(enforcement, deps),
    approvalsManifest(approvals),
    creditManifest(credit, deps, creditLists, enqueueCreditBatch, creditSeason, { serious: creditSerious, repairs: creditRepairs }),
    collectionManifest(collection, deps),
    inspectionsManifest(inspections, deps),
    samplingManifest({ ...sampling, resultImport: samplingResultImport }, deps),
    complaintsManifest(complaintsModule, { ...deps, org }),
    casesManifest(cases, deps, { publicity: casePublicity, stats: caseStats }),
    documentsManifest(documents),
    analyticsManifest(analytics),
    workManifest(work),
    messagesManifest(messages),
    jobsManifest(jobs),
    importsManifest(deps),
  ])
  // Scheduled work runs as jobs: one handler per kind on the runner (startSchedules queues them).
  for (const m of modules) for (const j of m.scheduled) jobs.jobs.register({ kind: j.kind, label: j.label, maxAttempts: 1, run: () => j.run() })
  // Exports users start from the task centre: one handler per declared kind.
  for (const m of modules) for (const e of m.exports) jobs.registerExport(e)

  return {
    deps,
    handle,
    modules,
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
    approvals,
    cases,
    casePublicity,
    caseStats,
    credit,
    creditLists,
    collection,
    creditSeason,
    creditSerious,
    creditRepairs,
    caseCredit,
    inspections,
    sampling,
    samplingResultImport,
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
    await services.creditLists.listings.adoptProposals()
    return services
  } catch (e) {
    await handle.close()
    throw e
  }
}

/**
 * The server's background work, through the job runner (core/jobs): this process claims queued
 * jobs (exports started from the task centre, …) and the scheduler queues each module's scheduled
 * work (its manifest's `scheduled`: 12315 escalation, alert evaluation, due notices, the audit
 * checkpoint, …) as singleton jobs, one per period whatever the number of processes. `everyMs`
 * overrides a kind's period (tests). A failed period is recorded on its job (and reported through
 * `onError`, default stderr); the next period runs again. Returns a stop function that waits for
 * the jobs running here.
 */
export function startSchedules(
  services: Services,
  opts: {
    everyMs?: Readonly<Record<string, number>>
    onError?: (what: string, e: unknown) => void
    runner?: RunnerOptions
  } = {},
) {
  const onError = opts.onError ?? ((what: string, e: unknown) => process.stderr.write(`${what}失败：${e instanceof Error ? e.message : String(e)}\n`))
  const { jobs } = services.jobs
  const entries = services.modules.flatMap((m) => m.scheduled.map((j) => ({ kind: j.kind, everyMs: opts.everyMs?.[j.kind] ?? j.everyMs })))
  for (const kind of Object.keys(opts.everyMs ?? {})) if (!entries.some((e) => e.kind === kind)) throw new AppError('VALIDATION', `没有这种定时任务：${kind}`)
  const scheduled = new Set(entries.map((e) => e.kind))
  const off = services.jobs.onJobFinished((job) => {
    if (job.state === 'failed' && scheduled.has(job.kind)) onError(job.label, new Error(job.error ?? ''))
  })
  const runner = jobs.createRunner(opts.runner).start()
  const schedule = jobs.schedule(entries)
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
      for (const m of services.modules)
        for (const set of m.routes)
          await api.register(async (scope) => {
            // A route outside the prefixes its module declares is a manifest error: the app does not start.
            scope.addHook('onRoute', (r) => {
              const path = r.url.slice(api.prefix.length)
              if (!set.prefixes.some((p) => path.startsWith(p)))
                throw new AppError('INTERNAL', `模块清单有误：模块 ${m.name} 的路由 ${r.url} 不在其声明的前缀（${set.prefixes.join('、')}）之下`)
            })
            await scope.register(set.plugin)
          })
    },
  })
}

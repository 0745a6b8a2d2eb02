import type { FastifyInstance } from 'fastify'
import { systemClock, type Clock } from './core/clock'
import type { Config } from './core/config'
import { createDb, type DbHandle } from './core/db/database'
import { migrateToLatest } from './core/db/migrate'
import type { CoreDeps } from './core/deps'
import { createHttp } from './core/http/http'
import { authRoutes, createAuthService, createUserService, SESSION_COOKIE, userRoutes } from './modules/access'
import { auditRoutes, createAuditService } from './modules/audit'
import { calendarRoutes, createCalendarService } from './modules/calendar'
import { analyticsRoutes, complaintsRoutes, createAnalyticsModule, createComplaintsModule } from './modules/complaints'
import { createCreditService, creditRoutes } from './modules/credit'
import { createEnforcementService, enforcementRoutes } from './modules/enforcement'
import { createEntitiesService, createImportService, entitiesRoutes } from './modules/entities'
import { importsRoutes } from './modules/imports'
import { createInspectionsModule, inspectionsRoutes } from './modules/inspections'
import { createOrgService, orgRoutes } from './modules/org'
import { createRulesService, rulesRoutes } from './modules/rules'
import { systemRoutes } from './modules/system'

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
  const entities = createEntitiesService({ ...deps, audit, units: () => org.directory() })
  const imports = createImportService({ ...deps, handle, audit, registerCounts: entities.counts })
  const enforcement = createEnforcementService({ ...deps, audit, entities })
  const credit = createCreditService({ ...deps, audit, entities })
  const inspections = createInspectionsModule({ ...deps, sqlite: handle.sqlite, audit, rules, entities, enforcement, credit })
  const complaintsModule = createComplaintsModule({ ...deps, audit, org, entities, rules, calendar, enforcement })
  const analytics = createAnalyticsModule({ ...deps, audit, org })
  return { deps, handle, audit, org, auth, users, calendar, rules, entities, imports, enforcement, credit, inspections, complaints: complaintsModule.complaints, complaintsModule, analytics }
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
 * The server's recurring work, each idempotent and safe to run in several processes at once:
 *  - overdue 12315 items escalate to the unit above (every 10 minutes);
 *  - alert rules are evaluated for today and yesterday (every 5 minutes), so alerts reach the
 *    leaders' dashboards and the daily report whether or not anyone had the list open;
 *  - a signed checkpoint of the audit chain is appended to the anchor file outside the database
 *    (AUDIT_CHECKPOINT_MINUTES, default hourly; ADR 0005).
 * Failures are reported on stderr and retried at the next tick. Returns a stop function.
 */
export function startSchedules(services: Services, opts: { escalateMs?: number; alertsMs?: number; checkpointMs?: number; onError?: (what: string, e: unknown) => void } = {}) {
  const onError = opts.onError ?? ((what: string, e: unknown) => process.stderr.write(`${what}失败：${e instanceof Error ? e.message : String(e)}\n`))
  const jobs: Array<{ what: string; everyMs: number; run: () => Promise<unknown> }> = [
    { what: '12315 超期升级', everyMs: opts.escalateMs ?? 10 * 60_000, run: () => services.complaints.escalateOverdue() },
    { what: '12315 预警评估', everyMs: opts.alertsMs ?? 5 * 60_000, run: () => services.analytics.alerts.autoEvaluate(0) },
    { what: '审计链检查点', everyMs: opts.checkpointMs ?? services.deps.config.auditAnchor.everyMinutes * 60_000, run: () => services.audit.checkpoint() },
  ]
  const timers: NodeJS.Timeout[] = []
  const running = new Set<Promise<unknown>>()
  let stopped = false
  for (const job of jobs) {
    let busy = false
    const tick = () => {
      if (busy || stopped) return
      busy = true
      const p = job.run().catch((e: unknown) => onError(job.what, e)).finally(() => {
        busy = false
        running.delete(p)
      })
      running.add(p)
    }
    tick()
    const t = setInterval(tick, job.everyMs)
    t.unref()
    timers.push(t)
  }
  return async () => {
    stopped = true
    for (const t of timers) clearInterval(t)
    await Promise.allSettled([...running])
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
      await api.register(creditRoutes(services.credit))
      await api.register(complaintsRoutes(services.complaintsModule, config))
      await api.register(analyticsRoutes(services.analytics))
      await api.register(inspectionsRoutes(services.inspections, config))
      await api.register(importsRoutes({ entities: services.imports, complaints: services.complaintsModule.imports }))
    },
  })
}

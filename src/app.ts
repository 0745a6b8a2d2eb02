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
import { complaintsRoutes, createComplaintsModule } from './modules/complaints'
import { analyticsRoutes, createAnalyticsModule } from './modules/complaints/analytics'
import { createCreditService, creditRoutes } from './modules/credit'
import { createEnforcementService, enforcementRoutes } from './modules/enforcement'
import { createEntitiesService, createImportService, entitiesRoutes } from './modules/entities'
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
  const imports = createImportService({ ...deps, handle, audit })
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
    },
  })
}

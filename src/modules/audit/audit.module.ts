import type { Config } from '../../core/config'
import { defineModule } from '../../core/module'
import { auditWeb } from '../../shared/audit/menu'
import { auditRoutes } from './audit.routes'
import type { AuditService } from './audit.service'

/** The audit trail; a signed checkpoint of its chain goes to the anchor file outside the database (ADR 0005). */
export function auditManifest(audit: AuditService, config: Config) {
  return defineModule({
    name: 'audit',
    label: '安全审计',
    permissions: ['audit.read'],
    routes: [{ prefixes: ['/audit'], plugin: auditRoutes(audit) }],
    scheduled: [{ kind: 'audit.checkpoint', label: '审计链检查点', everyMs: config.auditAnchor.everyMinutes * 60_000, run: () => audit.checkpoint() }],
    web: auditWeb,
  })
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { assertCan } from '../../core/actor'
import type { AuditRow } from './audit.repo'
import { AuditPage, AuditQuery, AuditVerifyOut } from './audit.schema'
import type { AuditService } from './audit.service'

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s))
export function presentAudit(r: AuditRow) {
  const { beforeJson, afterJson, ...rest } = r
  return { ...rest, before: parse(beforeJson), after: parse(afterJson) }
}

export function auditRoutes(audit: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      { schema: { operationId: 'searchAudit', tags: ['审计'], summary: '检索审计记录', querystring: AuditQuery, response: { 200: AuditPage } } },
      async (req) => {
        const page = await audit.search(req.ctx, req.query)
        return { ...page, items: page.items.map(presentAudit) }
      },
    )
    app.get(
      '/audit/verify',
      { schema: { operationId: 'verifyAudit', tags: ['审计'], summary: '校验审计链完整性', response: { 200: AuditVerifyOut } } },
      async (req) => {
        assertCan(req.ctx.actor, 'audit.read')
        return audit.verify()
      },
    )
  }
}

import './audit.tables'
export { createAuditService, type AuditService, type AuditEntry } from './audit.service'
export { auditRoutes } from './audit.routes'
export { auditHash, GENESIS_HASH } from './audit.domain'

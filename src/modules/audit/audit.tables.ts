import type { Generated } from 'kysely'

export interface AuditLogTable {
  seq: number
  id: string
  at: string
  actorId: string | null
  actorName: string | null
  unitId: string | null
  action: string
  targetType: string
  targetId: string | null
  targetLabel: string | null
  beforeJson: string | null
  afterJson: string | null
  requestId: string | null
  ip: string | null
  prevHash: string
  hash: string
}

export interface AuditHeadTable {
  id: Generated<number>
  lastSeq: number
  lastHash: string
}

declare module '../../core/db/types' {
  interface Database {
    auditLog: AuditLogTable
    auditHead: AuditHeadTable
  }
}

export interface CaseLeadTable {
  id: string
  leadNo: string
  /** complaint | report | inspection | other */
  source: string
  sourceId: string
  sourceNo: string | null
  unitId: string
  entityId: string | null
  entityName: string | null
  uscc: string | null
  summary: string
  foundOn: string
  /** new → filed | not_filed | transferred */
  state: string
  decisionReason: string | null
  decidedAt: string | null
  decidedBy: string | null
  createdAt: string
  createdBy: string | null
  updatedAt: string
  /** Optimistic version: incremented by every write (core/matter/records.ts). */
  version: number
}

declare module '../../core/db/types' {
  interface Database {
    caseLead: CaseLeadTable
  }
}

export interface CreditProposalTable {
  id: string
  proposalNo: string
  /** abnormal_list (列入经营异常名录) — more kinds come with the credit module proper. */
  kind: string
  reason: string
  entityId: string
  unitId: string
  sourceType: string
  sourceId: string
  note: string | null
  /** proposed → accepted | rejected */
  state: string
  decisionNote: string | null
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
    creditProposal: CreditProposalTable
  }
}

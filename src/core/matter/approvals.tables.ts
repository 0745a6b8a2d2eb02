/** matter_approval: one approval request of a supervised matter (migration 20261209030000). */
export interface MatterApprovalTable {
  id: string
  matterType: string
  matterId: string
  /** Registered kind, e.g. 'lead.file' (立案审批), 'case.extend' (延期审批). */
  kind: string
  /** The matter's unit: the approver's data scope. */
  unitId: string
  /** The matter's number, for lists and the audit trail. */
  matterLabel: string
  /** One line on what is asked (the lead's summary, the case's title). */
  title: string
  /** Where the matter is shown in the web client. */
  link: string
  /** The proposed action's input (JSON). */
  payloadJson: string
  /** The proposer's reasons (审批事由). */
  reason: string
  /** pending → approved | rejected | withdrawn */
  state: string
  proposedBy: string | null
  proposedByName: string | null
  proposedAt: string
  decidedBy: string | null
  decidedByName: string | null
  decidedAt: string | null
  decisionNote: string | null
  version: number
}

declare module '../db/types' {
  interface Database {
    matterApproval: MatterApprovalTable
  }
}

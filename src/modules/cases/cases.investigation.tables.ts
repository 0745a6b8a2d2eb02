/** The investigation stage's tables (migration 20261210010000_case_investigation). */
export interface CaseRecordTable {
  id: string
  caseId: string
  seq: number
  /** inquiry (询问笔录) | site (现场笔录) | inspection (勘验笔录) */
  kind: string
  /** Beijing time as entered, YYYY-MM-DD HH:mm. */
  startedAt: string
  endedAt: string
  place: string
  /** [{ name, certNo }] of the officers who questioned or inspected. */
  officersJson: string
  recorder: string
  personName: string | null
  /** Stored, shown masked. */
  personIdNo: string | null
  personRole: string | null
  /** [{ q, a }] */
  qaJson: string
  present: string | null
  findings: string | null
  docNo: string | null
  createdAt: string
  createdBy: string | null
}

export interface CasePreservationTable {
  id: string
  caseId: string
  reason: string
  /** [{ name, quantity, unit, location }] as in the seized-goods ledger. */
  itemsJson: string
  /** pending | held | decided | refused */
  state: string
  requestedOn: string
  approvedOn: string | null
  noticeNo: string | null
  decision: string | null
  decidedOn: string | null
  decisionNo: string | null
  decisionNote: string | null
  createdAt: string
  createdBy: string | null
}

export interface CaseAvoidanceTable {
  id: string
  caseId: string
  officerId: string
  officerName: string
  /** party | officer */
  applicant: string
  reason: string
  appliedOn: string
  replacementId: string | null
  replacementName: string | null
  /** pending | granted | refused */
  state: string
  decidedOn: string | null
  decisionNote: string | null
  docNo: string | null
  createdAt: string
  createdBy: string | null
}

export interface CaseTransferTable {
  id: string
  caseId: string
  /** police | department | region */
  target: string
  organ: string
  reason: string
  materials: string | null
  transferredOn: string
  docNo: string | null
  /** sent | received | concluded */
  state: string
  receivedOn: string | null
  receivingOrgan: string | null
  outcome: string | null
  createdAt: string
  createdBy: string | null
}

declare module '../../core/db/types' {
  interface Database {
    caseRecord: CaseRecordTable
    casePreservation: CasePreservationTable
    caseAvoidance: CaseAvoidanceTable
    caseTransfer: CaseTransferTable
  }
}

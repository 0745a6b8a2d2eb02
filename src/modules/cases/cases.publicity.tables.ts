/** Penalty publicity and typical cases (migration 20261209020000_case_publicity). */
export interface CasePublicityTable {
  id: string
  caseId: string
  unitId: string
  /** The Order 45 Art 4 summary, copied at the decision. */
  decisionNo: string
  partyKind: string
  partyName: string
  partyUscc: string | null
  /** A natural person's identity number, masked: the raw number is never copied here. */
  partyIdMasked: string | null
  legalRep: string | null
  caseType: string
  facts: string
  basis: string
  penaltyType: string
  penaltyContent: string
  fineFen: number
  confiscatedFen: number
  authority: string
  decidedOn: string
  /** 1 = registered in another province: pushed within 10 WD (Order 45 Art 10). */
  crossProvince: number
  displayKind: string
  restrictionEndOn: string | null
  state: string
  /** The publish (or push) clock's due date, a projection of matter_clock. */
  dueOn: string | null
  publishedOn: string | null
  publishedBy: string | null
  displayEndOn: string | null
  changedOn: string | null
  withdrawnOn: string | null
  withdrawReason: string | null
  stoppedOn: string | null
  stopReason: string | null
  version: number
  createdAt: string
  updatedAt: string
}

export interface CaseTypicalTable {
  id: string
  caseId: string
  unitId: string
  title: string
  writeUp: string
  caseType: string
  /** An entity's name, or a natural person's name masked. */
  partyName: string
  decisionNo: string
  authority: string
  decidedOn: string
  publishedOn: string
  markedBy: string | null
  withdrawnOn: string | null
  createdAt: string
}

declare module './cases.tables' {
  interface CaseFileTable {
    /** ordinary (普通程序) | simplified (当场处罚); default ordinary. */
    procedure?: string
  }
}

declare module '../../core/db/types' {
  interface Database {
    casePublicity: CasePublicityTable
    caseTypical: CaseTypicalTable
  }
}

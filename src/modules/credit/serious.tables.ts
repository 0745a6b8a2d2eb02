/** The serious-violation list and credit repair (migration 20261210040000_credit_serious_repair). */
export interface CreditSeriousTable {
  id: string
  /** YZ2026000001, given at the decision. */
  seriousNo: string | null
  /** case:<caseId> | abnormal:<listingId>: one entry per source. */
  dedupeKey: string
  entityId: string
  unitId: string
  /** case | abnormal */
  source: string
  sourceId: string
  /** The case's decision number, or the abnormal listing's number. */
  sourceRef: string | null
  field: string
  /** 列入事由 as published. */
  ground: string
  basis: string
  /** Penalty decision date, or the abnormal listing's 3-year date. */
  triggerOn: string
  /** 1 = a district/county bureau's entry: the level above approves (config). */
  needsUpper: number
  upperUnitId: string | null
  notifiedOn: string | null
  statementText: string | null
  statementOn: string | null
  waived: number
  referredOn: string | null
  upperApprovedBy: string | null
  upperApprovedOn: string | null
  approvedBy: string | null
  listedOn: string | null
  decisionDocId: string | null
  publishedOn: string | null
  /** The legal representative's name as registered (personal data: masked on public pages). */
  legalRep: string | null
  /** HMAC-SHA256 of the legal representative's identity number under the server's key; never the number. */
  legalRepIdHash: string | null
  restrictionEndOn: string | null
  autoRemovalOn: string | null
  earlyFromOn: string | null
  earlyText: string | null
  earlyAppliedOn: string | null
  removedOn: string | null
  /** expired | early | revoked */
  removalKind: string | null
  decisionNote: string | null
  nextDueOn: string | null
  state: string
  version: number
  createdAt: string
  createdBy: string | null
  updatedAt: string
}

/** A credit repair application (信用修复). */
export interface CreditRepairTable {
  id: string
  repairNo: string | null
  entityId: string
  unitId: string
  /** abnormal | serious | publicity */
  kind: string
  /** The listing, serious entry or publicity record repaired. */
  targetId: string
  applicant: string
  applicantPhone: string | null
  statement: string
  appliedOn: string
  /** The automatic condition check at application (and re-checked at the decision), JSON. */
  checkJson: string
  acceptedOn: string | null
  decidedOn: string | null
  decisionNote: string | null
  nextDueOn: string | null
  state: string
  version: number
  createdAt: string
  createdBy: string | null
  updatedAt: string
}

declare module '../../core/db/types' {
  interface Database {
    creditSerious: CreditSeriousTable
    creditRepair: CreditRepairTable
  }
}

/** The case module's tables (migrations 20261208060000_cases, 20261210060000_case_officer_open). */
import type { Generated } from 'kysely'
export interface CaseFileTable {
  id: string
  /** 焦市监案〔2026〕12号: per issuing unit and year. */
  caseNo: string
  unitId: string
  leadId: string
  leadNo: string
  /** The lead's source (report, complaint, inspection, other) and its id: never the reporter. */
  source: string
  sourceId: string
  title: string
  caseType: string
  partyKind: string
  entityId: string | null
  partyName: string
  partyUscc: string | null
  partyAddress: string | null
  /** A natural person's identity number: stored, shown masked. */
  personIdNo: string | null
  facts: string
  filedOn: string
  major: number
  hearingRight: number
  notifiedOn: string | null
  noticeFacts: string | null
  noticeBasis: string | null
  intendedPenalty: string | null
  hearingRequestedOn: string | null
  legalReviewedOn: string | null
  reviewOpinion: string | null
  penaltyType: string | null
  decisionFacts: string | null
  decisionBasis: string | null
  fineFen: number
  gainsFen: number
  goodsValueFen: number
  goods: string | null
  decidedOn: string | null
  decisionNo: string | null
  servedOn: string | null
  serviceMethod: string | null
  serviceRecipient: string | null
  paymentDueOn: string | null
  closedOn: string | null
  closureReason: string | null
  closureNote: string | null
  /** The earliest open clock's due date (projection of matter_clock, for lists and colours). */
  nextDueOn: string | null
  /** Decision stage (migration 20261210020000): hearing, collective discussion, non-penalty ground, enforcement. */
  hearingNoticeOn: string | null
  hearingOn: string | null
  hearingPlace: string | null
  hearingOfficerId: string | null
  hearingOfficerName: string | null
  hearingHeldOn: string | null
  collectiveOn: string | null
  noPenaltyGround: string | null
  remindedOn: string | null
  courtAppliedOn: string | null
  /** Deferral (暂缓缴纳) approved: the new last day to pay. */
  deferredTo: string | null
  /** 当场处罚备案 recorded on. */
  onspotFiledOn: string | null
  state: string
  version: number
  createdAt: string
  createdBy: string | null
  updatedAt: string
}

export interface CaseOfficerTable {
  caseId: string
  userId: string
  seq: number
  name: string
  certNo: string
  /** 1 until the case closes (结案 is final): 我的案件 reads the open ones from (user_id, case_open). */
  caseOpen: Generated<number>
}

export interface CaseEventTable {
  id: string
  caseId: string
  at: string
  eventOn: string
  kind: string
  label: string
  note: string | null
  actorId: string | null
  actorName: string | null
}

export interface CaseEvidenceTable {
  id: string
  caseId: string
  seq: number
  kind: string
  title: string
  description: string | null
  collectedOn: string
  /** Where it came from (提取自…), and who collected it (migration 20261210010000). */
  source: string | null
  collectedBy: string | null
  /** The investigation record (case_record) this evidence row is, when it is one. */
  recordId: string | null
  createdAt: string
  createdBy: string | null
}

export interface CaseSeizureTable {
  id: string
  caseId: string
  /** seal (查封) | seize (扣押) */
  measure: string
  reason: string
  decidedOn: string
  docNo: string | null
  extendedOn: string | null
  releasedOn: string | null
  disposal: string | null
  createdAt: string
  createdBy: string | null
}

export interface CaseSeizedItemTable {
  id: string
  seizureId: string
  caseId: string
  seq: number
  name: string
  quantity: number
  unit: string
  location: string
  disposal: string
}

export interface CasePaymentTable {
  id: string
  caseId: string
  kind: string
  amountFen: number
  paidOn: string
  receiptNo: string
  createdAt: string
  createdBy: string | null
}

export interface CaseInstalmentTable {
  id: string
  caseId: string
  seq: number
  dueOn: string
  amountFen: number
  createdAt: string
}

declare module '../../core/db/types' {
  interface Database {
    caseFile: CaseFileTable
    caseOfficer: CaseOfficerTable
    caseEvent: CaseEventTable
    caseEvidence: CaseEvidenceTable
    caseSeizure: CaseSeizureTable
    caseSeizedItem: CaseSeizedItemTable
    casePayment: CasePaymentTable
    caseInstalment: CaseInstalmentTable
  }
}

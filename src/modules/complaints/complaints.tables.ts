/**
 * Kysely tables of the 12315 module. Legal dates (`*_on`) are YYYY-MM-DD in China time; instants
 * (`*_at`) are ISO-8601 UTC; money is integer fen; booleans 0/1. See README.md for what analytics
 * may rely on.
 */
export interface ComplaintItemTable {
  id: string
  /** Human-facing number, e.g. TS2026112200001 (投诉), JB… (举报), ZX… (咨询). */
  itemNo: string
  /** complaint | report | consultation */
  type: string
  /** hotline | web | counter | letter | national_platform */
  channel: string
  /** order20 | order121 — picked by received_on (Order 121 from 2026-04-15). */
  regime: string
  receivedAt: string
  receivedOn: string
  /** Number on the national 12315 platform, for transferred items. */
  externalNo: string | null
  /** Items split from one mixed submission share this id (the first item's id). */
  submissionId: string
  splitFromId: string | null
  mergedIntoId: string | null
  /** 关联: the earlier (often closed) item this one repeats, linked instead of merged. */
  duplicateOfId: string | null
  /** Likely duplicates found when the item was received (the queue's 疑似重复 flag). */
  duplicateCount: number
  intakeUnitId: string
  /** County-level bureau competent under §1.2 (null when not determined, e.g. unregistered respondent out of area). */
  competentUnitId: string | null
  /** Unit that holds the item now (intake, station, department, or the bureau deciding a dispute). */
  handlingUnitId: string
  handlerId: string | null
  escalationUnitId: string | null
  escalationLevel: number
  state: string
  outcome: string | null
  category: string
  productCode: string | null
  summary: string
  requestText: string
  factsText: string
  respondentEntityId: string | null
  respondentName: string
  respondentUscc: string | null
  respondentAddress: string | null
  respondentDivision: string | null
  /** offline | platform | own_site | platform_seller */
  respondentKind: string
  platformEntityId: string | null
  platformName: string | null
  /** Masked first complainant / reporter (张*, 138****1234): safe for lists. */
  partyMaskedName: string | null
  partyMaskedPhone: string | null
  anonymous: number
  complainantCount: number
  hasAgent: number
  amountClaimedFen: number | null
  /** Purchase date given on the public form (YYYY-MM-DD, China time). */
  purchasedOn?: string | null
  recoveredFen: number
  /** 1 accepted, 0 not accepted, null undecided (complaints only). */
  accepted: number | null
  nonAcceptReason: string | null
  acceptDecidedOn: string | null
  mediationDoc: number | null
  concludedOn: string | null
  terminationGround: string | null
  terminatedOn: string | null
  terminationNotifiedOn: string | null
  verifyExtensions: number
  filingDecidedOn: string | null
  notFiledReason: string | null
  leadId: string | null
  leadNo: string | null
  reporterNotifiedOn: string | null
  answeredOn: string | null
  disputeOpenedOn: string | null
  disputeResolvedOn: string | null
  /** Earliest open due date of the item (work queue order, escalation). */
  nextDueOn: string | null
  nextDueKind: string | null
  /** 1 when a due date was computed over a year with no published holiday schedule. */
  clockProvisional: number
  followUpOn: string | null
  feedbackAt: string | null
  closedAt: string | null
  closedOn: string | null
  /** 1–5 (very dissatisfied … very satisfied). */
  satisfaction: number | null
  satisfactionAt: string | null
  satisfactionComment: string | null
  /** sha256 of the public query code; the code itself is never stored. */
  queryCodeHash: string | null
  createdBy: string | null
  version: number
  createdAt: string
  updatedAt: string
}

/** Protected compartment: personal data of complainants, reporters, agents, representatives. */
export interface ComplaintPartyTable {
  id: string
  itemId: string
  /** complainant | reporter | agent | consultant */
  role: string
  seq: number
  name: string
  phone: string | null
  idType: string | null
  idNo: string | null
  address: string | null
  email: string | null
  isRepresentative: number
  /** Agent's power of attorney (matters, authority, term). */
  authorization: string | null
  phoneHash: string | null
  idHash: string | null
  createdAt: string
}

/** Append-only timeline. */
export interface ComplaintEventTable {
  id: string
  itemId: string
  seq: number
  at: string
  eventOn: string
  kind: string
  fromState: string | null
  toState: string | null
  unitId: string | null
  toUnitId: string | null
  actorId: string | null
  actorName: string | null
  /** 1 = shown on the public tracking page (with public_text only). */
  public: number
  publicText: string | null
  note: string | null
  dataJson: string | null
}

export interface ComplaintPauseTable {
  id: string
  itemId: string
  /** mediation | verification */
  clock: string
  /** testing | avoidance | other */
  kind: string
  fromOn: string
  toOn: string | null
  reason: string
  createdAt: string
}

export interface ComplaintSupervisionTable {
  id: string
  itemId: string
  issuedBy: string | null
  issuedByName: string
  issuedUnitId: string | null
  note: string
  dueOn: string
  issuedAt: string
  respondedAt: string | null
  response: string | null
}

/** One query-code recovery attempt (hashed item number and client address): the durable rate limit. */
export interface ComplaintTrackRecoveryTable {
  id: string
  itemKey: string
  clientKey: string
  at: string
}

export interface ComplaintPortalNonceTable {
  nonce: string
  expiresAt: string
  usedAt: string
}

/** A batch transferred from the national 12315 platform (validated, then imported). */

declare module '../../core/db/types' {
  interface Database {
    complaintItem: ComplaintItemTable
    complaintParty: ComplaintPartyTable
    complaintEvent: ComplaintEventTable
    complaintPause: ComplaintPauseTable
    complaintSupervision: ComplaintSupervisionTable
    complaintPortalNonce: ComplaintPortalNonceTable
    complaintTrackRecovery: ComplaintTrackRecoveryTable
  }
}

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

/** One annual report per entity and year; earlier versions of a corrected report in annualReportRevision. */
export interface AnnualReportTable {
  id: string
  entityId: string
  reportYear: number
  /** enterprise | individual | cooperative (shared/credit/annual-report.ts) */
  form: string
  /** Art 9 must-publish items, JSON. */
  publicJson: string
  /** Art 9 optional items, JSON; shown to the public only when publishOptional = 1. */
  optionalJson: string
  publishOptional: number
  filedOn: string
  late: number
  /** liaison | import | demo */
  source: string
  liaisonId: string | null
  revision: number
  version: number
  createdAt: string
  updatedAt: string
}
export interface AnnualReportRevisionTable {
  id: string
  reportId: string
  revision: number
  publicJson: string
  optionalJson: string
  publishOptional: number
  filedOn: string
  replacedAt: string
}
/** The entity's liaison (联络员): pending until activated with the bureau's one-time code. */
export interface CreditLiaisonTable {
  id: string
  entityId: string
  name: string
  phone: string
  /** pending | active | replaced */
  state: string
  /** SHA-256 of liaison id + code; null once used or voided. */
  codeHash: string | null
  codeExpiresAt: string | null
  codeAttempts: number
  codeIssuedBy: string | null
  activatedAt: string | null
  createdAt: string
  updatedAt: string
}
export interface CreditLiaisonSessionTable {
  /** SHA-256 of the session token. */
  tokenHash: string
  liaisonId: string
  entityId: string
  expiresAt: string
  createdAt: string
}
/** The abnormal-operations list (经营异常名录): proposal, listing (or marking), objection, removal. */
export interface CreditListingTable {
  id: string
  listingNo: string | null
  /** ground:entity[:year] — one row per entity, ground and report year (the batch is idempotent). */
  dedupeKey: string
  entityId: string
  unitId: string
  /** list (企业、合作社：列入) | mark (个体工商户：标记经营异常状态) */
  mode: string
  ground: string
  reportYear: number | null
  /** The date the ground arose (season end, verification…): the 10-WD listing clock counts from it. */
  triggerOn: string
  sourceType: string
  sourceId: string | null
  note: string | null
  reviewedBy: string | null
  reviewedAt: string | null
  reviewNote: string | null
  approvedBy: string | null
  listedOn: string | null
  publishedOn: string | null
  objectionText: string | null
  objectionOn: string | null
  removalGround: string | null
  removalAppliedOn: string | null
  removedOn: string | null
  decisionNote: string | null
  nextDueOn: string | null
  state: string
  version: number
  createdAt: string
  createdBy: string | null
  updatedAt: string
}

/** An issued credit report: the snapshot as printed and its SHA-256, found by the verification code. */
export interface CreditReportTable {
  code: string
  entityId: string
  issuedAt: string
  contentJson: string
  sha256: string
}

declare module '../../core/db/types' {
  interface Database {
    creditProposal: CreditProposalTable
    annualReport: AnnualReportTable
    annualReportRevision: AnnualReportRevisionTable
    creditLiaison: CreditLiaisonTable
    creditLiaisonSession: CreditLiaisonSessionTable
    creditListing: CreditListingTable
    creditReport: CreditReportTable
  }
}

/** Annual-report reminders (年报催报): one per entity × report year × round (migration 20261210030000). */
export interface CreditReminderTable {
  id: string
  entityId: string
  reportYear: number
  round: number
  unitId: string | null
  liaisonId: string | null
  phone: string | null
  text: string
  batchId: string
  createdAt: string
  exportedAt: string | null
}
declare module '../../core/db/types' {
  interface Database {
    creditReminder: CreditReminderTable
  }
}

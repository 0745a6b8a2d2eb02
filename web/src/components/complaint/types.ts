/** Shapes of the 12315 API (投诉、举报、咨询), see /api/openapi.json (ComplaintSummary, ComplaintDetail, …). */
import type { Permission } from '../../api/types'

export const P = {
  read: 'complaint.read' as Permission,
  intake: 'complaint.intake' as Permission,
  dispatch: 'complaint.dispatch' as Permission,
  handle: 'complaint.handle' as Permission,
  supervise: 'complaint.supervise' as Permission,
  import: 'complaint.import' as Permission,
  export: 'complaint.export' as Permission,
  reporterView: 'reporter.view' as Permission,
}

export type ItemType = 'complaint' | 'report' | 'consultation'
export type Channel = 'hotline' | 'web' | 'counter' | 'letter' | 'national_platform'
export type State =
  | 'received' | 'returned' | 'disputed' | 'pending_acceptance' | 'not_accepted' | 'mediating' | 'mediation_paused' | 'mediated' | 'terminated'
  | 'verifying' | 'filed' | 'not_filed' | 'answering' | 'follow_up' | 'closed' | 'merged'
export type Action =
  | 'dispatch' | 'return' | 'raise_dispute' | 'resolve_dispute' | 'merge' | 'accept' | 'reject' | 'pause' | 'resume' | 'conclude' | 'terminate'
  | 'notify_termination' | 'follow_up' | 'close' | 'extend_verification' | 'file_case' | 'not_file' | 'notify_reporter' | 'answer' | 'inform_no_jurisdiction'
export type ClockStatus = 'on_time' | 'due_soon' | 'overdue' | 'done' | 'done_late'
export type QueueClock = 'on_time' | 'due_soon' | 'overdue' | 'none'
export type RespondentKind = 'offline' | 'platform' | 'own_site' | 'platform_seller'

export interface UnitRef { id: string; name: string }

export interface Clock {
  kind: string
  label: string
  ruleId: string | null
  ruleName: string | null
  legalBasis: string | null
  needsLegalReview: boolean
  startOn: string
  dueOn: string
  doneOn: string | null
  workingDaysLeft: number | null
  status: ClockStatus
  statusLabel: string
  provisional: boolean
  missingYears: number[]
  pausedDays: number
  pauseOpen: boolean
}

export interface Preview {
  regime: string
  regimeLabel: string
  competentUnit: UnitRef | null
  suggestedUnit: UnitRef | null
  candidates: { division: string; divisionName: string | null; basis: string; bureau: UnitRef | null }[]
  clocks: Clock[]
  warnings: string[]
}

export interface ItemSummary {
  id: string
  itemNo: string
  type: ItemType
  typeLabel: string
  channel: Channel
  channelLabel: string
  regime: string
  receivedAt: string
  receivedOn: string
  state: State
  stateLabel: string
  outcome: string | null
  outcomeLabel: string | null
  category: string
  categoryLabel: string
  productCode: string | null
  summary: string
  respondentName: string
  respondentUscc: string | null
  partyName: string | null
  partyPhone: string | null
  anonymous: boolean
  intakeUnit: UnitRef | null
  handlingUnit: UnitRef | null
  escalationUnit: UnitRef | null
  escalationLevel: number
  handlerName: string | null
  nextDueOn: string | null
  nextDueKind: string | null
  clockStatus: QueueClock
  workingDaysLeft: number | null
  clockProvisional: boolean
  recoveredFen: number
  satisfaction: number | null
  closedOn: string | null
  mergedIntoId: string | null
  submissionId: string
  version: number
}

export interface TimelineEvent {
  seq: number
  at: string
  eventOn: string
  kind: string
  kindLabel: string
  fromState: string | null
  toState: string | null
  unitName: string | null
  toUnitName: string | null
  actorName: string | null
  public: boolean
  publicText: string | null
  note: string | null
  data: Record<string, unknown> | null
}

export interface Supervision { id: string; issuedByName: string; note: string; dueOn: string; issuedAt: string; respondedAt: string | null; response: string | null; overdue: boolean }
export interface Attachment { id: string; kind: string; fileName: string; mime: string; sizeBytes: number; uploadedAt: string }
export interface PauseRow { id: string; clock: string; kind: string; fromOn: string; toOn: string | null; reason: string }

export interface ItemDetail extends ItemSummary {
  requestText: string
  factsText: string
  respondentEntityId: string | null
  respondentAddress: string | null
  respondentDivision: string | null
  respondentKind: string
  platformName: string | null
  competentUnit: UnitRef | null
  externalNo: string | null
  complainantCount: number
  hasAgent: boolean
  persons: { role: string; name: string; phone: string | null; isRepresentative: boolean }[]
  amountClaimedFen: number | null
  accepted: boolean | null
  nonAcceptReason: string | null
  nonAcceptReasonText: string | null
  terminationGround: string | null
  mediationDoc: boolean | null
  notFiledReason: string | null
  leadId: string | null
  leadNo: string | null
  verifyExtensions: number
  feedbackAt: string | null
  followUpOn: string | null
  satisfactionComment: string | null
  splitFromId: string | null
  duplicateOfId: string | null
  linked: { id: string; itemNo: string; type: string; state: string; relation: string }[]
  clocks: Clock[]
  allowedActions: Action[]
  timeline: TimelineEvent[]
  supervisions: Supervision[]
  attachments: Attachment[]
  pauses: PauseRow[]
  canRevealParties: boolean
}

export interface Duplicate { id: string; itemNo: string; state: string; summary: string; similarity: number; samePerson: boolean; sameRespondent: boolean }
export interface IntakeResult { items: ItemSummary[]; duplicates: Duplicate[] }

export interface Reason { code: string; item: number; text: string; legalBasis: string; source: string; needsLegalReview: boolean }
export interface Codes {
  categories: { code: string; label: string }[]
  nonAcceptanceReasons: Record<string, Reason[]>
  terminationGrounds: Reason[]
  notFiledReasons: { code: string; label: string }[]
}

export interface Suggestion {
  entityId: string
  name: string
  uscc: string | null
  address: string | null
  division: string | null
  domicileDivision: string | null
  kind: RespondentKind
  platformName: string | null
  stationName: string | null
  openItems: number
}

export interface RevealedPerson {
  role: string
  seq: number
  name: string
  phone: string | null
  idType: string | null
  idNo: string | null
  address: string | null
  email: string | null
  isRepresentative: boolean
  authorization: string | null
}

export interface ImportBatch {
  id: string
  fileName: string
  format: string
  status: 'validated' | 'done' | 'cancelled' | string
  statusLabel: string
  totalRows: number
  validRows: number
  errorRows: number
  createdItems: number
  createdAt: string
  finishedAt: string | null
}
export interface ImportError { rowNo: number; column: string; value: string | null; reason: string }

export interface Challenge { token: string; difficulty: number; expiresAt: string }
export interface PortalSubmitResult { itemNo: string; queryCode: string }
export interface Track {
  itemNo: string
  typeLabel: string
  receivedOn: string
  stateLabel: string
  unitName: string | null
  closed: boolean
  outcomeLabel: string | null
  recoveredFen: number | null
  canRate: boolean
  satisfaction: number | null
  timeline: { at: string; text: string }[]
}

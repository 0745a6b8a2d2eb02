/** Shapes of the 12315 API (投诉、举报、咨询), see /api/openapi.json (ComplaintSummary, ComplaintDetail, …). */
import type { components } from '../../api/openapi.gen'
import type { Permission } from '../../api/types'

/** Response shapes are the server's own (openapi.gen.ts, generated from its zod schemas). */
type Schemas = components['schemas']

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

export type Preview = Schemas['ComplaintPreview']

export type ItemSummary = Schemas['ComplaintSummary']

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


export type ItemDetail = Schemas['ComplaintDetail']

export interface Duplicate { id: string; itemNo: string; state: string; summary: string; similarity: number; samePerson: boolean; sameRespondent: boolean }
export type IntakeResult = Schemas['ComplaintIntakeResult']

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

export type ImportBatch = Schemas['ComplaintImport']
export interface ImportError { rowNo: number; column: string; value: string | null; reason: string }

export type Challenge = Schemas['PortalChallenge']
export type PortalSubmitResult = Schemas['PortalSubmitResult']
export type Track = Schemas['PortalTrack']

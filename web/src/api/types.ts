import type { components } from './openapi.gen'

/** Shapes of the server's JSON (see /api/openapi.json). */

/** Response shapes are the server's own (openapi.gen.ts, generated from its zod schemas). */
type Schemas = components['schemas']

export type Permission =
  | 'org.read'
  | 'org.manage'
  | 'user.read'
  | 'user.manage'
  | 'token.manage'
  | 'audit.read'
  | 'calendar.read'
  | 'calendar.manage'
  | 'rule.read'
  | 'rule.manage'
  | 'personal_data.view'
  | 'entity.read'
  | 'entity.manage'
  | 'entity.import'
  | 'entity.export'
  | 'complaint.read'
  | 'complaint.intake'
  | 'complaint.dispatch'
  | 'complaint.handle'
  | 'complaint.supervise'
  | 'complaint.import'
  | 'complaint.export'
  | 'complaint.stats'
  | 'complaint.alert_manage'
  | 'reporter.view'
  | 'lead.read'
  | 'lead.manage'
  | 'credit.read'
  | 'credit.manage'
  | 'inspection.read'
  | 'inspection.manage'
  | 'inspection.plan'
  | 'inspection.draw'
  | 'inspection.result'
  | 'inspection.publish'
  | 'inspection.export'

export type Me = Schemas['Me']

export interface Health {
  status: 'ok' | 'degraded'
  database: { dialect: string; reachable: boolean; latencyMs: number }
  version: string
  time: string
  /** Not (yet) sent by the server; when present it decides whether the demo hint shows. */
  demo?: boolean
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export type UnitKind = 'province_bureau' | 'city_bureau' | 'district_bureau' | 'station' | 'department'

export interface DivisionRef {
  code: string
  name: string
}

export type Unit = Schemas['OrgUnit']

export type Division = Schemas['Division']

export type CompetentUnit = Schemas['CompetentUnit']

export type RoleCode = 'sys_admin' | 'bureau_leader' | 'operator_12315' | 'case_handler' | 'inspector' | 'random_check_admin' | 'credit_officer' | 'auditor'
export type Scope = 'all' | 'unit_tree' | 'unit' | 'self'

export interface GrantInput {
  role: RoleCode
  unitId: string
  scope: Scope
}

export type Grant = Schemas['GrantOut']

export type User = Schemas['User']

export type UserWithPassword = Schemas['CreatedUser']

export type Role = Schemas['Role']

export type ApiToken = Schemas['ApiToken']

export interface CalendarYear {
  year: number
  source: string
  notice: string | null
  importedAt: string
  offDays: number
  workDays: number
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday'

export interface CalendarDay {
  date: string
  kind: DayKind | string
  name: string | null
  working: boolean
}

export interface CalendarMonth {
  year: number
  month: number
  loaded: boolean
  days: CalendarDay[]
}

export type LengthUnit = 'WD' | 'CD' | 'M' | 'Y'

export interface ComputeResult {
  date: string
  provisional: boolean
  missingYears: number[]
  baseDate: string
  extendedDate: string
  pausedDays: number
  pauseOpen: boolean
}

export type RuleSource = 'PRIMARY' | 'SECONDARY' | 'UNCONFIRMED'

export interface Extension {
  length: number
  unit: LengthUnit
  approval: string
}

export interface Rule {
  id: string
  ruleId: string
  version: number
  name: string
  legalBasis: string
  unit: LengthUnit
  unitLabel: string
  length: number
  startEvent: string
  extension: Extension | null
  validFrom: string
  validTo: string | null
  needsLegalReview: boolean
  source: RuleSource
  notes: string
  inForce: boolean
  rowVersion: number
  updatedAt: string
}

export type AuditRecord = Schemas['AuditRecord']

export type AuditVerify = Schemas['AuditVerify']

/* ---------- market-entity register (经营主体名录) ---------- */

export type EntityKind = 'enterprise' | 'individual' | 'cooperative' | 'other'
export type EntityStatus = 'active' | 'suspended' | 'revoked' | 'cancelled' | 'moved_out' | 'withdrawn'
export type EntityTag =
  | 'cold_chain'
  | 'food_business'
  | 'pharmacy'
  | 'medical_device'
  | 'special_equipment'
  | 'mask_producer'
  | 'online_platform'
  | 'platform_seller'
  | 'price_monitored'
export type RiskClass = 'A' | 'B' | 'C' | 'D'

export type MarketEntity = Schemas['MarketEntity']

export type EntityPage = Schemas['EntityPage']

export interface EntityQuery {
  uscc?: string
  name?: string
  nameMode?: 'contains' | 'prefix'
  legalRep?: string
  division?: string
  stationId?: string
  kind?: EntityKind
  tag?: EntityTag
  riskClass?: RiskClass
  status?: EntityStatus
  industry?: string
}

export interface EntityLicence {
  id: string
  kind: string
  number: string
  scope: string | null
  validTo: string | null
}

export interface EntityVersion {
  version: number
  changedAt: string
  /** 'manual' or 'import:<job id>'. */
  source: string
  /** The stored row as it was before the change (database field names). */
  snapshot: Record<string, unknown>
}

/** A tab contributed by another module (complaints, inspections, cases, credit…). */
export interface ProfileSection {
  key: string
  title: string
  count: number
  items: unknown[]
}

export interface EntityProfile {
  entity: MarketEntity
  licences: EntityLicence[]
  nameHistory: { name: string; changedAt: string }[]
  versions: EntityVersion[]
  sections: ProfileSection[]
}

export type UsccCheck = Schemas['UsccCheck']

export type ImportStatus = 'validating' | 'validated' | 'importing' | 'done' | 'failed' | 'cancelled'

export type ImportJob = Schemas['ImportJob']

export interface ImportErrorRow {
  rowNo: number
  columnName: string
  value: string | null
  reason: string
}

export interface ImportTemplateField {
  key: string
  label: string
  aliases: string[]
}

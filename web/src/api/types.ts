/** Shapes of the server's JSON (see /api/openapi.json). */

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

export interface Me {
  user: {
    id: string
    username: string
    displayName: string
    mustChangePassword: boolean
    isDemo: boolean
    primaryUnitId: string | null
    primaryUnitName: string | null
  }
  permissions: string[]
  roles: { role: string; label: string; unitName: string; scope: string }[]
  csrfToken: string | null
  via: 'session' | 'token'
}

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

export interface Unit {
  id: string
  parentId: string | null
  code: string
  name: string
  shortName: string | null
  kind: UnitKind
  kindLabel: string
  depth: number
  sortOrder: number
  active: boolean
  address: string | null
  phone: string | null
  divisions: DivisionRef[]
  version: number
  createdAt: string
  updatedAt: string
}

export interface Division {
  code: string
  name: string
  level: string
  parentCode: string | null
  fullName: string
}

export interface CompetentUnit {
  division: Division | null
  unit: Unit | null
  matchedCode: string | null
}

export type RoleCode = 'sys_admin' | 'bureau_leader' | 'operator_12315' | 'case_handler' | 'inspector' | 'random_check_admin' | 'credit_officer' | 'auditor'
export type Scope = 'all' | 'unit_tree' | 'unit' | 'self'

export interface GrantInput {
  role: RoleCode
  unitId: string
  scope: Scope
}

export interface Grant extends GrantInput {
  id: string
  roleLabel: string
  unitName: string
  scopeLabel: string
}

export interface User {
  id: string
  username: string
  displayName: string
  status: 'active' | 'disabled'
  locked: boolean
  mustChangePassword: boolean
  phone: string | null
  email: string | null
  certNo: string | null
  isDemo: boolean
  units: { id: string; name: string; isPrimary: boolean }[]
  grants: Grant[]
  lastLoginAt: string | null
  version: number
  createdAt: string
  updatedAt: string
}

export interface UserWithPassword {
  user: User
  initialPassword: string | null
}

export interface Role {
  code: RoleCode
  label: string
  permissions: { code: string; label: string }[]
  requiresCertificate: boolean
}

export interface ApiToken {
  id: string
  name: string
  prefix: string
  userId: string
  username: string
  permissions: string[]
  expiresAt: string | null
  revokedAt: string | null
  lastUsedAt: string | null
  createdAt: string
}

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

export interface AuditRecord {
  seq: number
  id: string
  at: string
  actorId: string | null
  actorName: string | null
  unitId: string | null
  action: string
  targetType: string
  targetId: string | null
  targetLabel: string | null
  /** Snapshots as the server stored them: usually an object, a list for some (a user's grants), or null. */
  before: unknown
  after: unknown
  requestId: string | null
  ip: string | null
  prevHash: string
  hash: string
}

export interface AuditVerify {
  ok: boolean
  checked: number
  total: number
  lastHash: string
  firstBadSeq: number | null
  problem: string | null
}

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

export interface MarketEntity {
  id: string
  uscc: string | null
  regNo: string | null
  orgCode: string | null
  name: string
  entityKind: EntityKind | string
  entityKindLabel: string
  entityType: string | null
  legalRep: string | null
  domicile: string | null
  domicileDivision: string | null
  businessAddress: string | null
  businessDivision: string | null
  businessDivisionName: string | null
  industryCode: string | null
  industryName: string | null
  registeredOn: string | null
  regAuthority: string | null
  status: EntityStatus | string
  statusLabel: string
  riskClass: RiskClass | string | null
  stationUnitId: string | null
  stationName: string | null
  tags: { code: string; label: string }[]
  platformName: string | null
  checksumException: boolean
  checksumExceptionReason: string | null
  source: string
  version: number
  createdAt: string
  updatedAt: string
}

export interface EntityPage extends Page<MarketEntity> {
  /** True when more than 10 000 matched: `total` then stops at 10 000. */
  totalCapped: boolean
}

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

export interface UsccCheck {
  code: string
  valid: boolean
  reason: string | null
  expected: string | null
  kind: EntityKind | string | null
}

export type ImportStatus = 'validating' | 'validated' | 'importing' | 'done' | 'failed' | 'cancelled'

export interface ImportJob {
  id: string
  fileName: string
  fileSize: number
  format: string
  status: ImportStatus | string
  statusLabel: string
  phase: string | null
  totalRows: number
  validRows: number
  errorRows: number
  processedRows: number
  insertedRows: number
  updatedRows: number
  message: string | null
  createdAt: string
  updatedAt: string
  finishedAt: string | null
}

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

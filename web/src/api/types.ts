import type { ServerJson } from './server'
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
  | 'complaint.knowledge'
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

export type Health = Schemas['Health']

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

export type RoleCode = 'sys_admin' | 'bureau_leader' | 'operator_12315' | 'case_handler' | 'inspector' | 'random_check_admin' | 'credit_officer' | 'reporter_custodian' | 'auditor'
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

export type CalendarYear = ServerJson<'/api/calendar/years', 'get'>['items'][number]

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday'

export type CalendarDay = CalendarMonth['days'][number]

export type CalendarMonth = ServerJson<'/api/calendar/month', 'get'>

export type LengthUnit = 'WD' | 'CD' | 'M' | 'Y'

export type ComputeResult = ServerJson<'/api/calendar/compute', 'get'>

export type RuleSource = 'PRIMARY' | 'SECONDARY' | 'UNCONFIRMED'

export type Extension = NonNullable<Rule['extension']>

export type Rule = ServerJson<'/api/rules/{id}', 'patch'>

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
  /** Keyset cursor: the nextCursor of the page before. */
  after?: string
}

export type EntityLicence = EntityProfile['licences'][number]

export type EntityVersion = EntityProfile['versions'][number]

/** A tab contributed by another module (complaints, inspections, cases, credit…). */
export type ProfileSection = EntityProfile['sections'][number]

export type EntityProfile = ServerJson<'/api/entities/{id}/profile', 'get'>

export type UsccCheck = Schemas['UsccCheck']

export type ImportStatus = 'validating' | 'validated' | 'importing' | 'done' | 'failed' | 'cancelled'

export type ImportJob = Schemas['ImportJob']
/** One row of the import history (GET /api/imports), the same for every kind of import. */
export type ImportHistoryItem = Schemas['ImportHistoryItem']

export type ImportErrorRow = ServerJson<'/api/entities-import/jobs/{id}/errors', 'get'>['items'][number]

export type ImportTemplateField = ServerJson<'/api/entities-import/template', 'get'>['fields'][number]

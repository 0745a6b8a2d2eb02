import type { ServerJson } from './server'
import type { components } from './openapi.gen'
import type { DataScope as Scope, RoleCode } from '../../../src/shared/access/vocabulary'
import type { EntityKind, EntityStatus, EntityTag, RiskClass } from '../../../src/shared/entities/vocabulary'

/** Shapes of the server's JSON (see /api/openapi.json). */

/** Response shapes are the server's own (openapi.gen.ts, generated from its zod schemas). */
type Schemas = components['schemas']

/** The permission codes, role codes, scopes, unit kinds and entity vocabularies are the server's own (src/shared). */
export type { DataScope as Scope, Permission, RoleCode } from '../../../src/shared/access/vocabulary'
export type { UnitKind } from '../../../src/shared/org/vocabulary'
export type { EntityKind, EntityStatus, EntityTag, RiskClass } from '../../../src/shared/entities/vocabulary'

export type Me = Schemas['Me']

export type Health = Schemas['Health']

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export interface DivisionRef {
  code: string
  name: string
}

export type Unit = Schemas['OrgUnit']

export type Division = Schemas['Division']

export type CompetentUnit = Schemas['CompetentUnit']

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
  /** Only these entities (comma-separated ids, the selected rows). */
  ids?: string
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

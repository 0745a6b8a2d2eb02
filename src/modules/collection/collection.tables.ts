export interface CollectionDepartmentTable {
  id: string
  code: string
  name: string
  /** The bureau unit that collects this department's information (data scope). */
  unitId: string
  /** The service account whose API token may push for the department. */
  pushUserId: string | null
  active: number
  createdAt: string
  updatedAt: string
  version: number
}

export interface CollectionRecordTable {
  id: string
  departmentId: string
  kind: string
  infoClass: string
  uscc: string
  /** The register's entity with this USCC when there is one. */
  entityId: string | null
  entityName: string
  docNo: string
  title: string
  decidedOn: string
  validUntil: string | null
  content: string | null
  source: string
  importRunId: string | null
  receivedAt: string
  /** Beijing date of `receivedAt`. */
  receivedOn: string
  /** Publicity due date: the catalogue's rule in force on `decidedOn`. */
  dueOn: string
  /** 1 when the due date touched a year without an official holiday schedule. */
  dueProvisional: number
  ruleVersion: number
  /** 1 when received on or before `dueOn`. */
  onTime: number
  /** The entity's station when registered here, else the department's collecting unit. */
  unitId: string
  /** department id | kind | document number: a record sent again replaces the earlier one. */
  dedupeKey: string
  revision: number
  createdBy: string | null
  createdAt: string
  updatedAt: string
}

export interface CollectionQuotaTable {
  departmentId: string
  /** YYYY-MM. */
  month: string
  infoClass: string
  /** 应归集数: what the department produced in the month (its own report). */
  expected: number
  updatedBy: string | null
  updatedAt: string
}

declare module '../../core/db/types' {
  interface Database {
    collectionDepartment: CollectionDepartmentTable
    collectionRecord: CollectionRecordTable
    collectionQuota: CollectionQuotaTable
  }
}

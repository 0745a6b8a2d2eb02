export interface MarketEntityTable {
  id: string
  recordKey: string
  uscc: string | null
  regNo: string | null
  orgCode: string | null
  name: string
  entityKind: string
  entityType: string | null
  legalRep: string | null
  domicile: string | null
  domicileDivision: string | null
  businessAddress: string | null
  businessDivision: string | null
  industryCode: string | null
  registeredOn: string | null
  regAuthority: string | null
  status: string
  riskClass: string | null
  stationUnitId: string | null
  /** '|tag|tag|' for display; entity_tag is the indexed form. */
  tags: string
  platformName: string | null
  checksumException: number
  checksumExceptionReason: string | null
  source: string
  version: number
  createdAt: string
  updatedAt: string
  updatedBy: string | null
}
export interface EntityTagTable {
  tag: string
  entityId: string
}
export interface EntityLicenceTable {
  id: string
  entityId: string
  kind: string
  number: string
  scope: string | null
  issuer: string | null
  validFrom: string | null
  validTo: string | null
  createdAt: string
}
export interface EntityNameHistoryTable {
  id: string
  entityId: string
  name: string
  changedAt: string
}
export interface EntityVersionTable {
  id: string
  entityId: string
  version: number
  snapshot: string
  changedAt: string
  changedBy: string | null
  source: string
}
declare module '../../core/db/types' {
  interface Database {
    marketEntity: MarketEntityTable
    entityTag: EntityTagTable
    entityLicence: EntityLicenceTable
    entityNameHistory: EntityNameHistoryTable
    entityVersion: EntityVersionTable
  }
}

export interface OrgUnitTable {
  id: string
  parentId: string | null
  code: string
  name: string
  shortName: string | null
  kind: string
  /** Materialised path of ids, '/root/child/', for subtree scopes. */
  path: string
  depth: number
  sortOrder: number
  active: number
  address: string | null
  /** 发文机关代字 in document numbers (焦市监); null = derived from the name. */
  docAbbreviation: string | null
  phone: string | null
  version: number
  createdAt: string
  updatedAt: string
}

export interface OrgUnitDivisionTable {
  unitId: string
  divisionCode: string
}

declare module '../../core/db/types' {
  interface Database {
    orgUnit: OrgUnitTable
    orgUnitDivision: OrgUnitDivisionTable
  }
}

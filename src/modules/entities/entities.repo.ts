import type { Selectable } from 'kysely'
import type { Executor } from '../../core/db/database'
import { enclosingCodes } from '../org'
import type { MarketEntityTable } from './entities.tables'

export type EntityRecord = Selectable<MarketEntityTable>

/** Column order of the bulk upsert (snake_case SQL names). */
export const ENTITY_COLUMNS = [
  'id',
  'record_key',
  'uscc',
  'reg_no',
  'org_code',
  'name',
  'entity_kind',
  'entity_type',
  'legal_rep',
  'domicile',
  'domicile_division',
  'business_address',
  'business_division',
  'industry_code',
  'registered_on',
  'reg_authority',
  'status',
  'risk_class',
  'station_unit_id',
  'tags',
  'platform_name',
  'checksum_exception',
  'checksum_exception_reason',
  'source',
  'version',
  'created_at',
  'updated_at',
  'updated_by',
]
export const ENTITY_UPDATE_COLUMNS = ENTITY_COLUMNS.filter(
  (c) => !['id', 'record_key', 'created_at', 'checksum_exception', 'checksum_exception_reason'].includes(c),
)

export function createEntitiesRepo() {
  return {
    findById(db: Executor, id: string) {
      return db.selectFrom('marketEntity').selectAll().where('id', '=', id).executeTakeFirst()
    },
    findByKey(db: Executor, key: string) {
      return db.selectFrom('marketEntity').selectAll().where('recordKey', '=', key).executeTakeFirst()
    },
    findManyByKeys(db: Executor, keys: string[]) {
      if (keys.length === 0) return Promise.resolve([] as EntityRecord[])
      return db.selectFrom('marketEntity').selectAll().where('recordKey', 'in', keys).execute()
    },
    /** Active jurisdiction claims, for deriving each entity's competent station. */
    jurisdictionClaims(db: Executor) {
      return db
        .selectFrom('orgUnitDivision')
        .innerJoin('orgUnit', 'orgUnit.id', 'orgUnitDivision.unitId')
        .select(['orgUnitDivision.divisionCode', 'orgUnitDivision.unitId'])
        .where('orgUnit.active', '=', 1)
        .where('orgUnit.kind', '!=', 'department')
        .execute()
    },
    tagsOf(db: Executor, entityId: string) {
      return db.selectFrom('entityTag').select('tag').where('entityId', '=', entityId).execute()
    },
    licencesOf(db: Executor, entityId: string) {
      return db.selectFrom('entityLicence').selectAll().where('entityId', '=', entityId).orderBy('createdAt').execute()
    },
    nameHistoryOf(db: Executor, entityId: string) {
      return db.selectFrom('entityNameHistory').selectAll().where('entityId', '=', entityId).orderBy('changedAt', 'desc').execute()
    },
    versionsOf(db: Executor, entityId: string) {
      return db.selectFrom('entityVersion').selectAll().where('entityId', '=', entityId).orderBy('version', 'desc').limit(100).execute()
    },
  }
}
export type EntitiesRepo = ReturnType<typeof createEntitiesRepo>

/** Maps a division code to the competent unit (station before district before city), in memory. */
export function createStationResolver(claims: Array<{ divisionCode: string; unitId: string }>) {
  const byCode = new Map(claims.map((c) => [c.divisionCode, c.unitId]))
  const memo = new Map<string, string | null>()
  return (division: string | null): string | null => {
    if (!division) return null
    const hit = memo.get(division)
    if (hit !== undefined) return hit
    let unit: string | null = null
    for (const code of enclosingCodes(division)) {
      const u = byCode.get(code)
      if (u) {
        unit = u
        break
      }
    }
    memo.set(division, unit)
    return unit
  }
}

import { sql, type Insertable, type Selectable, type Updateable } from 'kysely'
import type { Executor } from '../../core/db/database'
import type { OrgUnitTable } from './org.tables'

export type OrgUnitRow = Selectable<OrgUnitTable>

export function createOrgRepo() {
  return {
    findById(db: Executor, id: string) {
      return db.selectFrom('orgUnit').selectAll().where('id', '=', id).executeTakeFirst()
    },
    findByCode(db: Executor, code: string) {
      return db.selectFrom('orgUnit').selectAll().where('code', '=', code).executeTakeFirst()
    },
    listAll(db: Executor) {
      return db.selectFrom('orgUnit').selectAll().orderBy('depth').orderBy('sortOrder').orderBy('name').execute()
    },
    count(db: Executor) {
      return db
        .selectFrom('orgUnit')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n))
    },
    async insert(db: Executor, row: Insertable<OrgUnitTable>) {
      await db.insertInto('orgUnit').values(row).execute()
    },
    /** Optimistic update: returns false when the version moved on (someone else saved first). */
    async update(db: Executor, id: string, expectedVersion: number, patch: Updateable<OrgUnitTable>) {
      const r = await db
        .updateTable('orgUnit')
        .set({ ...patch, version: expectedVersion + 1 })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    /** Re-roots a subtree after a move: every descendant path swaps the old prefix for the new one. */
    async movePaths(db: Executor, oldPrefix: string, newPrefix: string, depthDelta: number) {
      await db
        .updateTable('orgUnit')
        .set({
          path: sql`${newPrefix} || substr(path, ${oldPrefix.length + 1})`,
          depth: sql`depth + ${depthDelta}`,
        })
        .where('path', 'like', `${oldPrefix}%`)
        .where('path', '!=', oldPrefix)
        .execute()
    },
    divisionsOf(db: Executor, unitIds: string[]) {
      if (unitIds.length === 0) return Promise.resolve([])
      return db.selectFrom('orgUnitDivision').selectAll().where('unitId', 'in', unitIds).orderBy('divisionCode').execute()
    },
    allDivisions(db: Executor) {
      return db.selectFrom('orgUnitDivision').selectAll().orderBy('divisionCode').execute()
    },
    claimsFor(db: Executor, codes: string[]) {
      return db
        .selectFrom('orgUnitDivision')
        .innerJoin('orgUnit', 'orgUnit.id', 'orgUnitDivision.unitId')
        .select(['orgUnitDivision.unitId', 'orgUnitDivision.divisionCode'])
        .where('orgUnitDivision.divisionCode', 'in', codes)
        .where('orgUnit.active', '=', 1)
        .execute()
    },
    async replaceDivisions(db: Executor, unitId: string, codes: string[]) {
      await db.deleteFrom('orgUnitDivision').where('unitId', '=', unitId).execute()
      if (codes.length > 0)
        await db
          .insertInto('orgUnitDivision')
          .values(codes.map((divisionCode) => ({ unitId, divisionCode })))
          .execute()
    },
    claimedByOthers(db: Executor, unitId: string, codes: string[]) {
      if (codes.length === 0) return Promise.resolve([])
      return db
        .selectFrom('orgUnitDivision')
        .innerJoin('orgUnit', 'orgUnit.id', 'orgUnitDivision.unitId')
        .select(['orgUnitDivision.divisionCode', 'orgUnit.name'])
        .where('orgUnitDivision.divisionCode', 'in', codes)
        .where('orgUnitDivision.unitId', '!=', unitId)
        .execute()
    },
  }
}
export type OrgRepo = ReturnType<typeof createOrgRepo>

import { Migrator, type MigrationResultSet } from 'kysely'
import type { Db } from './database'
import { migrations } from './migrations'

/** Runs every pending migration. Safe to call from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'jg_migration',
    migrationLockTableName: 'jg_migration_lock',
  })
  const result = await migrator.migrateToLatest()
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the migrator caught, as it is
  if (result.error) throw result.error
  return result
}

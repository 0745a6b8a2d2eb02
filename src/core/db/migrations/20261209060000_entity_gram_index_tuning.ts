import { sql, type Kysely } from 'kysely'
import { isPostgres, tuneGramIndex } from './_helpers'

/*
 * The register's name index tuned for search (issue 12 #22): on PostgreSQL the GIN index stops
 * buffering new entries in its pending list, which every search read through (~20 ms at 1 M names);
 * on SQLite the FTS5 segments are merged. The index's content is unchanged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await tuneGramIndex(db, 'market_entity')
}

export async function down(db: Kysely<any>): Promise<void> {
  if (await isPostgres(db)) await sql.raw('alter index market_entity_grams_gin reset (fastupdate)').execute(db)
}

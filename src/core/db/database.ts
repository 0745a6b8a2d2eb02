import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely'
import pg from 'pg'
import type { DbConfig } from '../config'
import type { Database } from './types'

export type Db = Kysely<Database>
export type Trx = Transaction<Database>
/** Either the root handle or a transaction: every repository method accepts one. */
export type Executor = Db | Trx
export type Dialect = 'sqlite' | 'postgres'

// int8 (count(*), bigint sums) arrives as a string from pg; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10))

export interface DbHandle {
  db: Db
  dialect: Dialect
  /** The better-sqlite3 connection (SQLite only), for bulk paths in core/db/bulk.ts. */
  sqlite?: SQLite.Database
  close(): Promise<void>
}

/** Opens the configured database: better-sqlite3 (WAL) by default, pg when DATABASE_URL is set. */
export function createDb(config: DbConfig): DbHandle {
  if (config.driver === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolMax })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] })
    return { db, dialect: 'postgres', close: () => db.destroy() }
  }
  if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true })
  const sqlite = new SQLite(config.path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // 64 MiB page cache: bulk imports into indexed tables of millions of rows stay off the disk.
  sqlite.pragma('cache_size = -65536')
  sqlite.pragma('temp_store = MEMORY')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] })
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() }
}

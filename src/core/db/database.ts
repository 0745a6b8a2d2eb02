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
    // An idle client that loses its connection (server restart, pg_terminate_backend) emits an
    // error on the pool; unhandled, it would crash the process. The pool replaces the client.
    pool.on('error', (err) => {
      process.emitWarning(`PostgreSQL 连接中断，已从连接池移除：${err.message}`)
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] })
    return { db, dialect: 'postgres', close: () => db.destroy() }
  }
  if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true })
  const sqlite = new SQLite(config.path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma(`synchronous = ${config.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`)
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // 64 MiB page cache: bulk imports into indexed tables of millions of rows stay off the disk.
  sqlite.pragma('cache_size = -65536')
  sqlite.pragma('temp_store = MEMORY')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new CamelCasePlugin()] })
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() }
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running a typical
 * indexed lookup. This hands it a view of the connection whose prepare() reuses statements by SQL
 * text (bounded, least recently used first out). Safe because the driver runs each statement to
 * completion synchronously (all/run), never leaving one mid-iteration.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>()
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop === 'prepare') {
        return (sqlText: string) => {
          let stmt = cache.get(sqlText)
          if (stmt) {
            cache.delete(sqlText)
          } else {
            stmt = target.prepare(sqlText)
            if (cache.size >= max) cache.delete(cache.keys().next().value as string)
          }
          cache.set(sqlText, stmt)
          return stmt
        }
      }
      const v = Reflect.get(target, prop, receiver) as unknown
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v
    },
  })
}

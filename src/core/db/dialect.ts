import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely'
import type { Dialect, Executor } from './database'

/**
 * The ONLY place that branches on the SQL dialect. Modules write portable Kysely and call these
 * helpers where the engines differ.
 */

/**
 * Row lock for read-modify-write inside a transaction. PostgreSQL needs FOR UPDATE; SQLite
 * serialises writers (one connection, BEGIN IMMEDIATE semantics through Kysely's mutex), so the
 * plain select is already exclusive there.
 */
export function forUpdate<DB, TB extends keyof DB, O>(dialect: Dialect, qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? qb.forUpdate() : qb
}

/**
 * A claim's row lock: FOR UPDATE SKIP LOCKED on PostgreSQL, so processes claiming at the same time
 * take different rows instead of queueing on one (core/jobs). SQLite serialises writers, so the
 * sub-select of a single claiming UPDATE is already exclusive there.
 */
export function forUpdateSkipLocked<DB, TB extends keyof DB, O>(dialect: Dialect, qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? qb.forUpdate().skipLocked() : qb
}

/** Case-insensitive substring match (Chinese text is unaffected by case). */
export function likeOperator(dialect: Dialect): 'ilike' | 'like' {
  return dialect === 'postgres' ? 'ilike' : 'like'
}

/** Escapes LIKE wildcards in user input; use with `escape '\\'`. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/**
 * `column LIKE pattern ESCAPE '\'` (ILIKE on PostgreSQL), for patterns built with `escapeLike`.
 * The ESCAPE clause matters: SQLite has no default escape character, so without it `\_` would
 * look for a backslash. `column` is the snake_case SQL name, e.g. 'app_user.username'.
 */
export function likeEscaped(dialect: Dialect, column: string, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} ${sql.raw(likeOperator(dialect))} ${pattern} escape '\\'`
}

/** Checks the database answers. */
export async function ping(db: Executor): Promise<void> {
  await sql`select 1`.execute(db)
}

/** Booleans are stored as integer 0/1 on both engines. */
export const toBool = (v: number | boolean | null | undefined): boolean => v === 1 || v === true
export const fromBool = (v: boolean): number => (v ? 1 : 0)

/** Maps a driver's constraint violation to a portable kind, or undefined. */
export function constraintKind(e: unknown): 'unique' | 'foreign_key' | 'check' | undefined {
  const err = e as { code?: string; message?: string }
  if (!err || typeof err !== 'object') return undefined
  // PostgreSQL SQLSTATE
  if (err.code === '23505') return 'unique'
  if (err.code === '23503') return 'foreign_key'
  if (err.code === '23514') return 'check'
  // better-sqlite3
  if (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique'
  if (err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreign_key'
  if (err.code === 'SQLITE_CONSTRAINT_CHECK') return 'check'
  return undefined
}

/**
 * Insertion order of a table's rows, cheap to sort by on each engine (SQLite's rowid; the
 * time-ordered UUIDv7 id on PostgreSQL). Index-driven searches order by it so a query with a
 * LIMIT can stop after the first page instead of sorting every match.
 */
export function insertionOrder(dialect: Dialect, table: string) {
  return sql.ref(dialect === 'postgres' ? `${table}.id` : `${table}.rowid`)
}

/** Refreshes planner statistics after a bulk load, so filters pick the selective index. */
export async function analyze(exec: Executor, dialect: Dialect, tables: string[]): Promise<void> {
  if (dialect === 'postgres') {
    for (const t of tables) await sql.raw(`analyze ${t}`).execute(exec)
  } else {
    await sql.raw('analyze').execute(exec)
  }
}

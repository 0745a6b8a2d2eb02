import type { Statement } from 'better-sqlite3'
import { sql } from 'kysely'
import type { DbHandle, Executor } from './database'
import { gramsOf } from './text-search'

/**
 * Bulk upsert for imports of millions of rows, the one place where each engine gets its fast path:
 * SQLite runs one prepared statement per row inside the caller's transaction (no SQL compilation
 * per batch); PostgreSQL sends multi-row INSERT … ON CONFLICT statements within the parameter
 * limit. Columns are snake_case SQL names; values are already in storage form.
 */
export interface BulkSpec {
  table: string
  columns: string[]
  /** Unique column(s) the upsert keys on. */
  conflict: string | string[]
  /** Columns overwritten when the key exists (the rest keep their stored value); empty = do nothing. */
  update: string[]
  /** Column whose text feeds the n-gram index of `table` (see text-search.ts), if any. */
  gramSource?: string
}

export function createBulkUpserter(handle: DbHandle, spec: BulkSpec) {
  const pg = handle.dialect === 'postgres'
  const cols = pg && spec.gramSource ? [...spec.columns, 'grams'] : spec.columns
  const updates = pg && spec.gramSource ? [...spec.update, 'grams'] : spec.update
  const conflictCols = Array.isArray(spec.conflict) ? spec.conflict.join(', ') : spec.conflict
  const onConflict =
    updates.length > 0
      ? `on conflict (${conflictCols}) do update set ${updates.map((c) => `${c} = excluded.${c}`).join(', ')}`
      : `on conflict (${conflictCols}) do nothing`
  const gramIdx = spec.gramSource ? spec.columns.indexOf(spec.gramSource) : -1
  const conflictIdx = Array.isArray(spec.conflict) ? -1 : spec.columns.indexOf(spec.conflict)
  if (spec.gramSource && gramIdx < 0) throw new Error(`gram source ${spec.gramSource} not among columns`)
  let upsert: Statement | undefined
  let insertOnly: Statement | undefined
  let ftsDelete: Statement | undefined
  let ftsInsert: Statement | undefined

  function prepareSqlite() {
    const db = handle.sqlite!
    upsert ??= db.prepare(
      `insert into ${spec.table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')}) ${onConflict}${gramIdx >= 0 ? ' returning rowid' : ''}`,
    )
    // A key known to be new takes the plain INSERT (rowid from run()); only known keys need RETURNING.
    insertOnly ??= db.prepare(`insert into ${spec.table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')}) ${onConflict}`)
    if (spec.gramSource) {
      ftsDelete ??= db.prepare(`delete from ${spec.table}_fts where rowid = ?`)
      ftsInsert ??= db.prepare(`insert into ${spec.table}_fts(rowid, grams) values (?, ?)`)
    }
  }

  /**
   * Writes rows inside the caller's transaction. `existing` (optional) says which conflict keys
   * are already stored, so the SQLite index only deletes stale grams where there can be some.
   */
  async function write(exec: Executor, rows: unknown[][], existing?: ReadonlySet<string>): Promise<void> {
    if (rows.length === 0) return
    if (!pg) {
      prepareSqlite()
      for (const r of rows) {
        if (gramIdx < 0) {
          upsert!.run(...r)
          continue
        }
        const known = !existing || existing.has(String(r[conflictIdx]))
        if (known) {
          const { rowid } = upsert!.get(...r) as { rowid: number }
          ftsDelete!.run(rowid)
          ftsInsert!.run(rowid, gramsOf(String(r[gramIdx] ?? '')).join(' '))
        } else {
          const info = insertOnly!.run(...r)
          ftsInsert!.run(info.lastInsertRowid, gramsOf(String(r[gramIdx] ?? '')).join(' '))
        }
      }
      return
    }
    const width = cols.length
    const perStatement = Math.max(1, Math.floor(60_000 / width))
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement)
      const values = chunk.map((r) => {
        const vals = gramIdx >= 0 ? [...r, gramsOf(String(r[gramIdx] ?? ''))] : r
        return sql`(${sql.join(vals.map((v) => sql.val(v)))})`
      })
      await sql`insert into ${sql.raw(spec.table)} (${sql.raw(cols.join(', '))}) values ${sql.join(values)} ${sql.raw(onConflict)}`.execute(exec)
    }
  }

  return { write }
}

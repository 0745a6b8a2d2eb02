import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Dialect, Executor } from './database'

/**
 * A dialect-neutral bigram index for Chinese substring search ("fast on millions of rows"): every
 * bigram of the text is indexed (SQLite FTS5 / PostgreSQL GIN over text[]), a query of two or more
 * characters is answered from the index by its bigrams, and the exact substring is re-checked on the
 * row. Bigrams (not trigrams) because two-character queries (超市, 药房) are the common case in
 * Chinese; single-character queries fall back to a scan (they match too much to be useful anyway).
 */
const MAX_TEXT = 200

/** Normalises text for indexing and querying: NFKC (full-width → half-width), lower case, no spaces. */
export function normaliseSearchText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '')
}

/** Distinct bigrams of the text (by Unicode code point, letters and digits only). */
export function gramsOf(text: string): string[] {
  const chars = Array.from(normaliseSearchText(text).slice(0, MAX_TEXT)).filter((c) => /[\p{L}\p{N}]/u.test(c))
  const out = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!)
  return [...out]
}

/** The bigrams a query must all match; empty for a one-character query (no index use). */
export function queryGrams(q: string): string[] {
  const chars = Array.from(normaliseSearchText(q)).filter((c) => /[\p{L}\p{N}]/u.test(c))
  if (chars.length < 2) return []
  const out = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!)
  return [...out]
}

/** FTS5 query: every gram quoted (no operator injection), AND-ed. */
function ftsQuery(grams: string[]): string {
  return grams.map((g) => `"${g.replace(/"/g, '""')}"`).join(' AND ')
}

/**
 * WHERE fragment selecting rows of `table` whose indexed text contains all grams of `q`.
 * Combine with an exact substring re-check on the source column.
 */
export function gramMatch(dialect: Dialect, table: string, q: string): RawBuilder<SqlBool> | null {
  const grams = queryGrams(q)
  if (grams.length === 0) return null
  if (dialect === 'postgres') return sql<SqlBool>`${sql.ref(`${table}.grams`)} @> ${sql.val(grams)}::text[]`
  return sql<SqlBool>`${sql.ref(`${table}.rowid`)} in (select rowid from ${sql.table(`${table}_fts`)} where ${sql.table(`${table}_fts`)} match ${ftsQuery(grams)})`
}

/**
 * Writes the grams of rows identified by their primary key `id` (SQLite looks up the rowid).
 * On PostgreSQL the grams are a column of the row: pass them in the insert instead and skip this.
 */
export async function indexGramsSqlite(exec: Executor, table: string, rows: Array<{ id: string; text: string }>, replace: boolean): Promise<void> {
  if (rows.length === 0) return
  const fts = `${table}_fts`
  for (const r of rows) {
    if (replace) await sql`delete from ${sql.table(fts)} where rowid = (select rowid from ${sql.table(table)} where id = ${r.id})`.execute(exec)
    await sql`insert into ${sql.table(fts)}(rowid, grams) select rowid, ${gramsOf(r.text).join(' ')} from ${sql.table(table)} where id = ${r.id}`.execute(exec)
  }
}

import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Dialect, Executor } from './database'

/**
 * A dialect-neutral bigram index for Chinese substring search ("fast on millions of rows"): every
 * bigram of the text is indexed (SQLite FTS5 / PostgreSQL GIN over text[]), a query of two or more
 * characters is answered from the index by its bigrams, and the exact substring is re-checked on the
 * row. Bigrams (not trigrams) because two-character queries (超市, 药房) are the common case in
 * Chinese; single-character queries fall back to a scan (they match too much to be useful anyway).
 *
 * Index shape (migrations/_helpers.ts: createGramIndex, tuneGramIndex): PostgreSQL's GIN index runs
 * with `fastupdate` off (a pending list is read through by every search); SQLite's FTS5 segments are
 * merged after bulk loads (`optimiseGramIndex`). Lookups: `gramMatch` (every gram of the query) or
 * `selectiveGramMatch` (its rarest grams; same rows after the re-check, far less index read).
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
 * Combine with an exact substring re-check on the source column. {@link selectiveGramMatch} is the
 * faster form for queries of four or more characters.
 */
export function gramMatch(dialect: Dialect, table: string, q: string): RawBuilder<SqlBool> | null {
  const grams = queryGrams(q)
  if (grams.length === 0) return null
  return matchAll(dialect, table, grams)
}

function matchAll(dialect: Dialect, table: string, grams: string[]): RawBuilder<SqlBool> {
  if (dialect === 'postgres') return sql<SqlBool>`${sql.ref(`${table}.grams`)} @> ${sql.val(grams)}::text[]`
  return sql<SqlBool>`${sql.ref(`${table}.rowid`)} in (select rowid from ${sql.table(`${table}_fts`)} where ${sql.table(`${table}_fts`)} match ${ftsQuery(grams)})`
}

/*
 * Choosing the grams a query is looked up by. The exact substring re-check decides which rows
 * match, so the index only has to return a superset of them, and any subset of the query's grams
 * does. The cost of an AND of grams is that of reading their posting lists: a gram of a legal-form
 * or trade word (有限, 超市, 业有: 60,000–180,000 of a million names) costs a hundred times a rare one
 * (a trade name's 顺百: tens), while adding it removes almost no candidate. So a query is looked up
 * by its rarest grams only: at 1 M names, the two rarest leave ~14 candidates on average for
 * 5-character queries (all four: ~5), at a twentieth of the index time (bench/results/HISTORY.md).
 *
 * How common a gram is: on SQLite, the number of rows holding it, read from the FTS index's own
 * vocabulary (the `<table>_fts_vocab` fts5vocab table, migrations/_helpers.ts#createGramVocab: the
 * term's doclist is counted in C, ~0.1–0.3 µs a row; without that table, counted through the VM up
 * to FREQUENCY_CAP) and remembered per table and gram — exact, so the rarest grams are told
 * apart at any size (a count capped at 2,000 read through the VM tied every gram of a million-row
 * table: 宏达 97,500 and 货恒 2,500 both "2,000", and the lookup took the first two, 33 ms instead
 * of 1 ms; bench/results/HISTORY.md 2026-12-07 hF); on PostgreSQL, the planner's
 * statistics of the grams column (pg_stats.most_common_elems: the frequencies of its commonest
 * elements, kept by ANALYZE and autovacuum; a gram not among them is rarer than all of them), read
 * once per table. Both are remembered for FREQUENCY_TTL_MS. A remembered figure that has gone stale
 * only makes a lookup slower or faster, never different: the re-check keeps the answer exact.
 */
const SELECTED_GRAMS = 2
const FREQUENCY_CAP = 2_000
const FREQUENCY_TTL_MS = 10 * 60_000
const FREQUENCY_ENTRIES = 50_000
const sqliteCounts = new Map<string, { n: number; at: number }>()
/** Whether `<table>_fts_vocab` exists (a table without it falls back to the capped count). */
const sqliteVocab = new Map<string, boolean>()
const pgCommon = new Map<string, { freq: ReadonlyMap<string, number> | null; at: number }>()

async function sqliteGramCount(exec: Executor, table: string, gram: string): Promise<number> {
  const key = `${table}\u0000${gram}`
  const now = Date.now()
  const hit = sqliteCounts.get(key)
  if (hit && now - hit.at < FREQUENCY_TTL_MS) return hit.n
  let vocab = sqliteVocab.get(table)
  if (vocab === undefined) {
    const t = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = ${`${table}_fts_vocab`}`.execute(exec)
    vocab = Number(t.rows[0]?.n ?? 0) > 0
    sqliteVocab.set(table, vocab)
  }
  const fts = sql.table(`${table}_fts`)
  const r = vocab
    ? await sql<{ n: number }>`select doc as n from ${sql.table(`${table}_fts_vocab`)} where term = ${gram}`.execute(exec)
    : await sql<{ n: number }>`select count(*) as n from (select rowid from ${fts} where ${fts} match ${ftsQuery([gram])} limit ${FREQUENCY_CAP}) c`.execute(
        exec,
      )
  const n = Number(r.rows[0]?.n ?? 0)
  if (sqliteCounts.size >= FREQUENCY_ENTRIES) sqliteCounts.delete(sqliteCounts.keys().next().value as string)
  sqliteCounts.delete(key)
  sqliteCounts.set(key, { n, at: now })
  return n
}

/** The commonest grams of `table` and their frequencies (0–1), from the planner's statistics; null without statistics. */
async function pgCommonGrams(exec: Executor, table: string): Promise<ReadonlyMap<string, number> | null> {
  const now = Date.now()
  const hit = pgCommon.get(table)
  if (hit && now - hit.at < FREQUENCY_TTL_MS) return hit.freq
  const r = await sql<{ elems: string[] | string | null; freqs: number[] | null }>`
    select most_common_elems::text::text[] as elems, most_common_elem_freqs as freqs
    from pg_stats where schemaname = current_schema() and tablename = ${table} and attname = 'grams'`.execute(exec)
  const row = r.rows[0]
  const elems = row && Array.isArray(row.elems) ? row.elems : null
  const freq = elems && row?.freqs ? new Map(elems.map((e, i) => [e, Number(row.freqs![i])])) : null
  pgCommon.set(table, { freq, at: now })
  return freq
}

/**
 * How common each gram is in `table` (larger = more rows): counts on SQLite, frequencies on
 * PostgreSQL; null when the engine has no figure yet (no statistics: look up by every gram).
 */
export async function gramFrequencies(exec: Executor, dialect: Dialect, table: string, grams: readonly string[]): Promise<number[] | null> {
  if (dialect === 'postgres') {
    const common = await pgCommonGrams(exec, table)
    return common ? grams.map((g) => common.get(g) ?? 0) : null
  }
  const out: number[] = []
  for (const g of grams) out.push(await sqliteGramCount(exec, table, g))
  return out
}

/** The grams to look `grams` up by, given how common each is: the rarest SELECTED_GRAMS (ties: in query order). */
export function selectGrams(grams: readonly string[], frequency: readonly number[]): string[] {
  const order = grams.map((g, i) => ({ g, n: frequency[i] ?? Infinity, i })).sort((a, b) => a.n - b.n || a.i - b.i)
  return order.slice(0, SELECTED_GRAMS).map((x) => x.g)
}

/**
 * {@link gramMatch} by the query's rarest grams (see above): the same rows once the exact substring
 * re-check is applied, found from far shorter posting lists. Queries of up to three characters
 * (one or two grams) are looked up by all their grams without counting anything.
 */
export async function selectiveGramMatch(exec: Executor, dialect: Dialect, table: string, q: string): Promise<RawBuilder<SqlBool> | null> {
  const grams = queryGrams(q)
  if (grams.length === 0) return null
  if (grams.length <= SELECTED_GRAMS) return matchAll(dialect, table, grams)
  const frequency = await gramFrequencies(exec, dialect, table, grams)
  return matchAll(dialect, table, frequency ? selectGrams(grams, frequency) : grams)
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

/**
 * Brings a gram index to its fastest shape after a bulk load (call it where the load ends, beside
 * the statistics refresh):
 *  - SQLite: FTS5 `optimize` merges the index's segments into one b-tree. An import leaves tens of
 *    segments, and every gram is looked up in each (at 1 M names: 1.7 s to merge; lookups 3× faster);
 *  - PostgreSQL: moves any pending entries of the GIN index into its tree (`gin_clean_pending_list`;
 *    a no-op once the index has `fastupdate` off, as migrations/_helpers.ts#tuneGramIndex sets it).
 */
export async function optimiseGramIndex(exec: Executor, dialect: Dialect, table: string): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select gin_clean_pending_list(${`${table}_grams_gin`}::regclass)`.execute(exec)
    return
  }
  await sql`insert into ${sql.table(`${table}_fts`)}(${sql.table(`${table}_fts`)}) values ('optimize')`.execute(exec)
}

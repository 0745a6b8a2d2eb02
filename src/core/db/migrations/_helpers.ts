import { sql, type Kysely } from 'kysely'

/*
 * Migration-local helpers. Frozen in time: only ever add to this file, never change a helper that a
 * past migration uses.
 */

export async function isPostgres(db: Kysely<any>): Promise<boolean> {
  const r = await sql<{ v: string }>`select version() as v`.execute(db).catch(() => undefined)
  return !!r && String(r.rows[0]?.v ?? '').startsWith('PostgreSQL')
}

/** Makes a table append-only at the database level: UPDATE and DELETE abort. */
export async function makeAppendOnly(db: Kysely<any>, table: string): Promise<void> {
  if (await isPostgres(db)) {
    await sql
      .raw(
        `create or replace function jg_append_only() returns trigger language plpgsql as $$
         begin raise exception 'append-only table %', TG_TABLE_NAME; end $$;`,
      )
      .execute(db)
    await sql.raw(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function jg_append_only()`).execute(db)
    await sql.raw(`create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function jg_append_only()`).execute(db)
  } else {
    await sql.raw(`create trigger ${table}_no_update before update on ${table} begin select raise(abort, 'append-only table ${table}'); end`).execute(db)
    await sql.raw(`create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, 'append-only table ${table}'); end`).execute(db)
  }
}

/**
 * An n-gram search index over a text column (added 2026-11-21 for the entity register).
 * SQLite: a contentless FTS5 table `<table>_fts(grams)` keyed by the base table's rowid.
 * PostgreSQL: a `grams text[]` column on the base table with a GIN index.
 * Both hold the bigrams of the indexed text (core/db/text-search.ts#gramsOf); FTS5 keeps no
 * positions (detail=none) because every match is re-checked against the text itself.
 */
export async function createGramIndex(db: Kysely<any>, table: string): Promise<void> {
  if (await isPostgres(db)) {
    await sql.raw(`alter table ${table} add column grams text[]`).execute(db)
    await sql.raw(`create index ${table}_grams_gin on ${table} using gin (grams)`).execute(db)
  } else {
    await sql.raw(`create virtual table ${table}_fts using fts5(grams, content='', contentless_delete=1, detail=none, tokenize='unicode61')`).execute(db)
  }
}

/**
 * Tunes a gram index made by {@link createGramIndex} for search (added 2026-12-09):
 * PostgreSQL: `fastupdate` off, then the pending list flushed. With it on, GIN buffers new entries
 * in an unsorted pending list (up to 4 MB) that every search reads through — at 1 M names ~500 pages
 * and 20 ms a search, whatever the query. Off, each insert updates the tree itself.
 * SQLite: FTS5 `optimize` (the index's segments merged into one b-tree).
 */
export async function tuneGramIndex(db: Kysely<any>, table: string): Promise<void> {
  if (await isPostgres(db)) {
    await sql.raw(`alter index ${table}_grams_gin set (fastupdate = off)`).execute(db)
    await sql.raw(`select gin_clean_pending_list('${table}_grams_gin'::regclass)`).execute(db)
  } else {
    await sql.raw(`insert into ${table}_fts(${table}_fts) values ('optimize')`).execute(db)
  }
}

/**
 * The vocabulary of a SQLite gram index made by {@link createGramIndex} (added 2026-12-10): an
 * fts5vocab table `<table>_fts_vocab` (no storage of its own) giving, per gram, the number of rows
 * holding it, counted in C from the term's doclist. core/db/text-search.ts reads it to look a query
 * up by its rarest grams. Nothing on PostgreSQL (the planner's statistics of the grams column serve).
 */
export async function createGramVocab(db: Kysely<any>, table: string): Promise<void> {
  if (await isPostgres(db)) return
  await sql.raw(`create virtual table ${table}_fts_vocab using fts5vocab(${table}_fts, 'row')`).execute(db)
}

export async function dropGramVocab(db: Kysely<any>, table: string): Promise<void> {
  if (await isPostgres(db)) return
  await sql.raw(`drop table if exists ${table}_fts_vocab`).execute(db)
}

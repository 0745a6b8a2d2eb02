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

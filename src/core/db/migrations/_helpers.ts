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
    await sql
      .raw(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function jg_append_only()`)
      .execute(db)
    await sql.raw(`create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function jg_append_only()`).execute(db)
  } else {
    await sql.raw(`create trigger ${table}_no_update before update on ${table} begin select raise(abort, 'append-only table ${table}'); end`).execute(db)
    await sql.raw(`create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, 'append-only table ${table}'); end`).execute(db)
  }
}

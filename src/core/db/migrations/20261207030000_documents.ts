import { sql, type Kysely } from 'kysely'
import { isPostgres } from './_helpers'

/*
 * The document engine's archive (文书存档): every issued document as the exact HTML served, its
 * SHA-256, its number (文号) and the decision's date. The copy is immutable: only the void fields
 * may change; the content, hash, number and dates never do, and rows are never deleted.
 * org_unit.doc_abbreviation is the unit's 发文机关代字 (焦市监) used in document numbers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('org_unit').addColumn('doc_abbreviation', 'text').execute()
  await db.schema
    .createTable('document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('matter_type', 'text', (c) => c.notNull())
    .addColumn('matter_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('issuing_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('issuing_unit_name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('serial', 'integer')
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('regime', 'text')
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('legal_basis', 'text')
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text')
    .addColumn('issued_by_name', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'text')
    .addColumn('void_reason', 'text')
    .execute()
  await db.schema.createIndex('document_matter_idx').on('document').columns(['matter_type', 'matter_id', 'kind']).execute()
  await db.schema.createIndex('document_issuing_unit_idx').on('document').column('issuing_unit_id').execute()
  await db.schema.createIndex('document_number_uq').on('document').columns(['issuing_unit_id', 'year', 'kind', 'serial']).unique().execute()
  if (await isPostgres(db)) {
    await sql
      .raw(
        `create or replace function jg_document_immutable() returns trigger language plpgsql as $$
         begin
           if tg_op = 'DELETE' then raise exception 'document archive is append-only'; end if;
           if new.html is distinct from old.html or new.sha256 is distinct from old.sha256 or new.doc_no is distinct from old.doc_no
              or new.issue_date is distinct from old.issue_date or new.matter_id is distinct from old.matter_id or new.kind is distinct from old.kind
              or new.issuing_unit_id is distinct from old.issuing_unit_id or new.issued_at is distinct from old.issued_at then
             raise exception 'archived document is immutable';
           end if;
           return new;
         end $$;`,
      )
      .execute(db)
    await sql.raw('create trigger document_immutable before update or delete on document for each row execute function jg_document_immutable()').execute(db)
  } else {
    await sql
      .raw(
        `create trigger document_immutable before update of html, sha256, doc_no, issue_date, matter_id, kind, issuing_unit_id, issued_at on document
         begin select raise(abort, 'archived document is immutable'); end`,
      )
      .execute(db)
    await sql.raw(`create trigger document_no_delete before delete on document begin select raise(abort, 'document archive is append-only'); end`).execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (await isPostgres(db)) {
    await sql.raw('drop trigger if exists document_immutable on document').execute(db)
    await sql.raw('drop function if exists jg_document_immutable()').execute(db)
  }
  await db.schema.dropTable('document').execute()
  await db.schema.alterTable('org_unit').dropColumn('doc_abbreviation').execute()
}

import { sql, type Kysely } from 'kysely'

/*
 * Background jobs (core/jobs): one table for exports, imports, scheduled work. A job is claimed by
 * an app process with a lease (lease_owner, lease_until) that a heartbeat extends; a lease that
 * runs out (the process died) lets another process take the job over. dedupe_key makes a scheduled
 * singleton (e.g. "this ten-minute period's 12315 escalation") exist once however many processes
 * enqueue it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`))
    .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_total', 'integer')
    .addColumn('progress_message', 'text')
    .addColumn('checkpoint', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_by_username', 'text')
    .addColumn('created_by_name', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute()
  await db.schema.createIndex('job_dedupe_key_uq').on('job').column('dedupe_key').unique().execute()
  // The claim: due queued jobs, and running ones whose lease ran out.
  await db.schema.createIndex('job_state_run_after_idx').on('job').columns(['state', 'run_after']).execute()
  await db.schema.createIndex('job_created_by_idx').on('job').columns(['created_by', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job').ifExists().execute()
}

import type { Selectable } from 'kysely'
import type { Db, Dialect } from '../db/database'
import { forUpdateSkipLocked } from '../db/dialect'
import type { JobState, JobTable } from './jobs.tables'
import './jobs.tables'

export type JobRow = Selectable<JobTable>

/**
 * Every query on the `job` table. Instants are ISO-8601 UTC text, so `<` compares them in time
 * order on both engines. The only dialect difference (SKIP LOCKED on the claim) comes from
 * core/db/dialect.ts.
 */
export function createJobsRepo(db: Db, dialect: Dialect) {
  return {
    /** Inserts a job; with a dedupe key that already exists, nothing (returns false). */
    async insert(row: JobTable): Promise<boolean> {
      const r = await db
        .insertInto('job')
        .values(row)
        .onConflict((oc) => oc.column('dedupeKey').doNothing())
        .executeTakeFirst()
      return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0
    },

    get: (id: string) => db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst(),

    /**
     * Claims one due job for `owner` with a lease until `leaseUntil`: a queued job whose run_after
     * has come, or a running one whose lease ran out (its process died). One UPDATE whose sub-select
     * picks the row — FOR UPDATE SKIP LOCKED on PostgreSQL, so two processes never take the same
     * row; SQLite runs one writer at a time — and which counts the attempt.
     */
    async claim(owner: string, now: string, leaseUntil: string, kinds: string[]): Promise<JobRow | undefined> {
      if (kinds.length === 0) return undefined
      return db.transaction().execute(async (trx) => {
        const pick = forUpdateSkipLocked(
          dialect,
          trx
            .selectFrom('job')
            .select('id')
            .where('kind', 'in', kinds)
            .where((eb) =>
              eb.or([eb.and([eb('state', '=', 'queued'), eb('runAfter', '<=', now)]), eb.and([eb('state', '=', 'running'), eb('leaseUntil', '<', now)])]),
            )
            .orderBy('runAfter')
            .orderBy('id')
            .limit(1),
        )
        return trx
          .updateTable('job')
          .set((eb) => ({
            state: 'running' as const,
            leaseOwner: owner,
            leaseUntil,
            attempts: eb('attempts', '+', 1),
            startedAt: eb.fn.coalesce('startedAt', eb.val(now)),
            updatedAt: now,
          }))
          .where('id', '=', pick)
          .returningAll()
          .executeTakeFirst()
      })
    },

    /**
     * Extends the lease and writes progress. Undefined when the lease is no longer ours (it ran out
     * and another process took the job, or the job was finished elsewhere).
     */
    async heartbeat(id: string, owner: string, now: string, leaseUntil: string, progress?: { done: number; total: number | null; message: string | null }) {
      return db
        .updateTable('job')
        .set({
          leaseUntil,
          updatedAt: now,
          ...(progress ? { progressDone: progress.done, progressTotal: progress.total, progressMessage: progress.message } : {}),
        })
        .where('id', '=', id)
        .where('leaseOwner', '=', owner)
        .where('state', '=', 'running')
        .returning(['cancelRequested'])
        .executeTakeFirst()
    },

    async saveCheckpoint(id: string, owner: string, now: string, checkpoint: string) {
      const r = await db
        .updateTable('job')
        .set({ checkpoint, updatedAt: now })
        .where('id', '=', id)
        .where('leaseOwner', '=', owner)
        .where('state', '=', 'running')
        .executeTakeFirst()
      return Number(r.numUpdatedRows) > 0
    },

    /** Ends our attempt: a final state, or back to the queue after `runAfter`. False if the lease was lost. */
    async settle(
      id: string,
      owner: string,
      now: string,
      to: { state: JobState; result?: string | null; error?: string | null; runAfter?: string; progressDone?: number },
    ) {
      const final = to.state !== 'queued'
      const r = await db
        .updateTable('job')
        .set({
          state: to.state,
          leaseOwner: null,
          leaseUntil: null,
          updatedAt: now,
          ...(to.result !== undefined ? { result: to.result } : {}),
          ...(to.error !== undefined ? { error: to.error } : {}),
          ...(to.runAfter ? { runAfter: to.runAfter } : {}),
          ...(to.progressDone !== undefined ? { progressDone: to.progressDone } : {}),
          ...(final ? { finishedAt: now } : {}),
        })
        .where('id', '=', id)
        .where('leaseOwner', '=', owner)
        .where('state', '=', 'running')
        .executeTakeFirst()
      return Number(r.numUpdatedRows) > 0
    },

    /** Cancels a queued job at once; a running one gets the request (its heartbeat aborts the handler). */
    async cancel(id: string, now: string): Promise<'cancelled' | 'requested' | 'final'> {
      const q = await db
        .updateTable('job')
        .set({ state: 'cancelled', finishedAt: now, updatedAt: now, cancelRequested: 1 })
        .where('id', '=', id)
        .where('state', '=', 'queued')
        .executeTakeFirst()
      if (Number(q.numUpdatedRows) > 0) return 'cancelled'
      const r = await db.updateTable('job').set({ cancelRequested: 1, updatedAt: now }).where('id', '=', id).where('state', '=', 'running').executeTakeFirst()
      return Number(r.numUpdatedRows) > 0 ? 'requested' : 'final'
    },

    /** A user's jobs, newest first. */
    async listByCreator(userId: string, page: number, pageSize: number) {
      const base = db.selectFrom('job').where('createdBy', '=', userId)
      const [items, n] = await Promise.all([
        base
          .selectAll()
          .orderBy('createdAt', 'desc')
          .orderBy('id', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ])
      return { items, total: Number(n.n) }
    },

    /** Finished scheduled (system) jobs older than `before`: the scheduler's own housekeeping. */
    async purgeScheduled(before: string) {
      await db
        .deleteFrom('job')
        .where('createdBy', 'is', null)
        .where('dedupeKey', 'is not', null)
        .where('state', 'in', ['succeeded', 'failed', 'cancelled'])
        .where('finishedAt', '<', before)
        .execute()
    },
  }
}
export type JobsRepo = ReturnType<typeof createJobsRepo>

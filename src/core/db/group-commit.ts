import { CompiledQuery } from 'kysely'
import type { Db, Trx } from './database'

/**
 * Group commit: short write transactions that arrive together share one transaction, each inside
 * its own savepoint, and one commit.
 *
 * On SQLite a commit appends every page the transaction dirtied to the WAL, checksummed: for a
 * 12315 intake that is ~40 pages (the item's indexes, its party, timeline and audit rows), and it
 * was the largest single cost of the request. Items taken in the same moment touch mostly the
 * same pages (the tails of the append-ordered indexes), so a batch writes far fewer pages per
 * item. Semantics stay those of one transaction per call:
 *  - a call that throws is rolled back to its savepoint and rejects with its own error; the others
 *    in the batch are unaffected;
 *  - every call resolves only after the batch's commit; if the commit fails, every call of the
 *    batch rejects with that error (nothing of any of them was written);
 *  - calls run strictly one after another, in arrival order, on the single connection.
 * A batch collects the calls queued before it starts (the drain is deferred with setImmediate, so
 * requests already being processed join it), up to `maxBatch`.
 *
 * PostgreSQL benefits for another reason: every audited write holds the audit chain's head row
 * (`audit_head`, locked FOR UPDATE) until its commit, and a commit waits for the WAL flush, so
 * audited writes from all processes pass one at a time, a flush each (~300 a second on this
 * machine). A batch holds the lock once and flushes once for all its calls.
 */
export interface GroupCommit {
  run<T>(work: (trx: Trx) => Promise<T>): Promise<T>
}

interface Job {
  work: (trx: Trx) => Promise<unknown>
  resolve: (v: unknown) => void
  reject: (e: unknown) => void
}

// Compiled once: built with the sql tag they would be rebuilt for every call of every batch.
const SAVEPOINT = CompiledQuery.raw('savepoint jg_group')
const RELEASE = CompiledQuery.raw('release jg_group')
const ROLLBACK_TO = CompiledQuery.raw('rollback to jg_group')

export function createGroupCommit(db: Db, opts: { maxBatch?: number } = {}): GroupCommit {
  const maxBatch = opts.maxBatch ?? 32
  const queue: Job[] = []
  let scheduled = false

  async function runBatch(batch: Job[]) {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = []
    try {
      await db.transaction().execute(async (trx) => {
        for (const job of batch) {
          await trx.executeQuery(SAVEPOINT)
          try {
            const value = await job.work(trx)
            await trx.executeQuery(RELEASE)
            outcomes.push({ ok: true, value })
          } catch (error) {
            await trx.executeQuery(ROLLBACK_TO)
            await trx.executeQuery(RELEASE)
            outcomes.push({ ok: false, error })
          }
        }
      })
    } catch (error) {
      for (const job of batch) job.reject(error)
      return
    }
    batch.forEach((job, i) => {
      const o = outcomes[i]!
      if (o.ok) job.resolve(o.value)
      else job.reject(o.error)
    })
  }

  async function drain() {
    try {
      while (queue.length > 0) await runBatch(queue.splice(0, maxBatch))
    } finally {
      scheduled = false
      if (queue.length > 0) schedule()
    }
  }

  function schedule() {
    if (scheduled) return
    scheduled = true
    setImmediate(() => void drain())
  }

  return {
    run<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject })
        schedule()
      })
    },
  }
}

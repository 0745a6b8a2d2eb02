import { CompiledQuery } from 'kysely'
import type { Db, Trx } from './database'

/**
 * Group commit: short write transactions that arrive together share one transaction, each inside
 * its own savepoint, and one commit (a call alone in its batch runs without a savepoint).
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
 *
 * Work that a module registers with `batchCollector` (the audit records of the batch) runs once,
 * after the last call and before the commit; a call that fails takes its share out of it. The
 * audit chain's head is therefore locked only for that flush and the commit, and read and moved
 * once per batch rather than once per call.
 */
export interface GroupCommit {
  run<T>(work: (trx: Trx) => Promise<T>): Promise<T>
}

/**
 * Work a module defers to the end of a batch, just before its commit (the audit trail appends
 * its records to the hash chain there, holding the chain's head for the flush only, not for the
 * whole batch). `mark` and `truncate` keep a call's savepoint semantics: what a call added is
 * dropped when that call is rolled back.
 */
export interface BatchCollector {
  mark(): number
  truncate(mark: number): void
  flush(trx: Trx): Promise<void>
}

const batchScopes = new WeakMap<object, Map<symbol, BatchCollector>>()

/**
 * The collector under `key` for the batch that `exec` belongs to, created on first use; null when
 * `exec` is not a group commit's transaction (the caller then does its work at once).
 */
export function batchCollector<C extends BatchCollector>(exec: object, key: symbol, create: () => C): C | null {
  const scope = batchScopes.get(exec)
  if (!scope) return null
  let c = scope.get(key)
  if (!c) {
    c = create()
    scope.set(key, c)
  }
  return c as C
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

export interface GroupCommitOptions {
  /** Calls per batch (default 32). */
  maxBatch?: number
  /**
   * Run a batch's calls without savepoints (two round trips per call fewer on PostgreSQL). If any
   * call throws, the batch's transaction is rolled back and the batch runs again the safe way, each
   * call in its savepoint — so the outcome of every call is the one it would have had anyway. Only
   * for work that does nothing outside the transaction it is given (it may run twice).
   */
  rerunnable?: boolean
}

/** Thrown inside an optimistic batch's transaction to roll it back when one of its calls failed. */
class RerunBatch extends Error {}

export function createGroupCommit(db: Db, opts: GroupCommitOptions = {}): GroupCommit {
  const maxBatch = opts.maxBatch ?? 32
  const queue: Job[] = []
  let scheduled = false

  type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

  /**
   * One transaction for the batch: each call's outcome; 'rerun' when an optimistic run hit a failing
   * call (nothing was written); 'failed' when the transaction itself failed (every call rejected).
   */
  async function attempt(batch: Job[], savepoints: boolean): Promise<Outcome[] | 'rerun' | 'failed'> {
    const outcomes: Outcome[] = []
    try {
      await db.transaction().execute(async (trx) => {
        const scope = new Map<symbol, BatchCollector>()
        batchScopes.set(trx, scope)
        try {
          // A call alone in its batch needs no savepoint (two round trips on PostgreSQL): if it
          // throws, the whole transaction rolls back and the call rejects with its own error.
          if (batch.length === 1) outcomes.push({ ok: true, value: await batch[0]!.work(trx) })
          else if (!savepoints)
            for (const job of batch) {
              try {
                outcomes.push({ ok: true, value: await job.work(trx) })
              } catch {
                throw new RerunBatch()
              }
            }
          else
            for (const job of batch) {
              const marks = new Map([...scope].map(([k, c]) => [k, c.mark()]))
              await trx.executeQuery(SAVEPOINT)
              try {
                const value = await job.work(trx)
                await trx.executeQuery(RELEASE)
                outcomes.push({ ok: true, value })
              } catch (error) {
                await trx.executeQuery(ROLLBACK_TO)
                await trx.executeQuery(RELEASE)
                // A collector the call created itself goes back to empty.
                for (const [k, c] of scope) c.truncate(marks.get(k) ?? 0)
                outcomes.push({ ok: false, error })
              }
            }
        } finally {
          batchScopes.delete(trx)
        }
        for (const c of scope.values()) await c.flush(trx)
      })
    } catch (error) {
      if (error instanceof RerunBatch) return 'rerun'
      for (const job of batch) job.reject(error)
      return 'failed'
    }
    return outcomes
  }

  async function runBatch(batch: Job[]) {
    let outcomes = await attempt(batch, !opts.rerunnable)
    if (outcomes === 'rerun') outcomes = await attempt(batch, true)
    if (outcomes === 'rerun' || outcomes === 'failed') return
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

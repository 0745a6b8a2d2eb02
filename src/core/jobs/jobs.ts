import { hostname } from 'node:os'
import type { ZodType } from 'zod'
import type { Db, Dialect } from '../db/database'
import { AppError, validation } from '../errors'
import { newId, newSecret } from '../ids'
import { createJobsRepo, type JobRow } from './jobs.repo'
import type { JobState } from './jobs.tables'

/**
 * Background jobs: one table (`job`) and one runner for exports, imports and the server's
 * scheduled work. Any app process may run the runner; a job is claimed with a lease that a
 * heartbeat extends, so a process that dies leaves a lease that runs out and another process takes
 * the job over (the handler sees the attempt number and its last checkpoint). Failed attempts are
 * retried with exponential back-off up to max_attempts; cancel stops a queued job at once and
 * aborts a running one through its AbortSignal. Core knows no domain: handlers are registered by
 * the modules (src/modules/jobs).
 */

export interface JobContext<P = unknown> {
  job: { id: string; kind: string; createdBy: string | null; createdByUsername: string | null; createdByName: string | null; unitId: string | null }
  payload: P
  /** 1 on the first run, 2 after one failed or interrupted attempt, … */
  attempt: number
  /** What the handler last saved with `saveCheckpoint` (null on a fresh start). */
  checkpoint: unknown
  /** Progress for the task centre; written at most a few times a second (the last call always). */
  progress(done: number, total?: number | null, message?: string | null): Promise<void>
  /** Saves resume state at once (e.g. the last row handled). */
  saveCheckpoint(data: unknown): Promise<void>
  /** Aborted when the job is cancelled, or when this process lost the lease. */
  signal: AbortSignal
}

export interface JobHandler<P = unknown> {
  kind: string
  /** zh-CN, shown in the task centre. */
  label: string
  /** Validates the payload on enqueue (and parses it again before a run). */
  payload?: ZodType<P>
  maxAttempts?: number
  /** Returns the job's result (JSON), e.g. `{ file: { sha256, name }, rows }` for a download. */
  run(ctx: JobContext<P>): Promise<unknown>
  /**
   * Called when the runner fails the job without running it: its attempts ran out through
   * interruptions the handler never saw (its processes died or lost the lease mid-run). The handler's
   * own failures are its to record inside `run`; this is for the state it left behind (e.g. an import
   * run still marked `importing`). Errors are logged, never retried.
   */
  onGivenUp?(payload: P, error: string): Promise<void>
}

/** A job as the API and the hooks see it. */
export interface JobView {
  id: string
  kind: string
  label: string
  state: JobState
  progress: { done: number; total: number | null; message: string | null; percent: number | null }
  attempts: number
  maxAttempts: number
  cancelRequested: boolean
  error: string | null
  result: unknown
  createdBy: string | null
  createdByName: string | null
  unitId: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

export interface JobsOptions {
  db: Db
  dialect: Dialect
  /** Wall time for leases and back-off; injectable for tests. Not the domain clock (tests freeze that). */
  now?: () => Date
  /** Called once a job reaches a final state in this process (the messages feature notifies "job finished"). */
  onJobFinished?: (job: JobView) => void | Promise<void>
  log?: (message: string, err?: unknown) => void
}

export interface RunnerOptions {
  /** Identifies this process's leases; default host:pid:random. */
  owner?: string
  leaseMs?: number
  heartbeatMs?: number
  pollMs?: number
  concurrency?: number
  /** First retry delay; doubled for each further attempt (capped at an hour). */
  backoffMs?: number
  /** Only these kinds (default: every registered kind). */
  kinds?: string[]
}

export interface EnqueueInput {
  kind: string
  payload?: unknown
  createdBy?: { userId: string | null; username: string; displayName: string } | null
  unitId?: string | null
  dedupeKey?: string | null
  maxAttempts?: number
  runAfter?: Date
}

/** The abort reason of a runner that stops while a job still runs. */
const SHUTDOWN = new Error('shutdown')
/** Errors worth retrying: anything but a well-formed refusal (permission, validation, not found…). */
const retryable = (e: unknown) => !(e instanceof AppError) || e.code === 'INTERNAL' || e.code === 'CONFLICT'
const errorText = (e: unknown) => (e instanceof AppError ? e.message : '任务执行出错（内部错误），已记录日志；请稍后重试或联系系统管理员')
const parseJson = (s: string | null): unknown => (s == null ? null : JSON.parse(s))

export function createJobs(opts: JobsOptions) {
  const { db, dialect } = opts
  const repo = createJobsRepo(db, dialect)
  const now = opts.now ?? (() => new Date())
  const log = opts.log ?? ((m: string, e?: unknown) => process.stderr.write(`${m}${e ? `：${e instanceof Error ? e.message : String(e)}` : ''}\n`))
  const handlers = new Map<string, JobHandler>()
  /** Jobs running in this process, for an immediate abort on cancel. */
  const local = new Map<string, AbortController>()

  function register<P>(h: JobHandler<P>) {
    if (handlers.has(h.kind)) throw new Error(`job kind ${h.kind} registered twice`)
    // Stored without its payload type: the payload schema parses every payload before `run` sees it.
    handlers.set(h.kind, h)
  }

  function present(r: JobRow): JobView {
    const total = r.progressTotal == null ? null : Number(r.progressTotal)
    const done = Number(r.progressDone)
    return {
      id: r.id,
      kind: r.kind,
      label: handlers.get(r.kind)?.label ?? r.kind,
      state: r.state,
      progress: {
        done,
        total,
        message: r.progressMessage,
        percent: r.state === 'succeeded' ? 100 : total ? Math.min(100, Math.floor((done / total) * 100)) : null,
      },
      attempts: Number(r.attempts),
      maxAttempts: Number(r.maxAttempts),
      cancelRequested: Number(r.cancelRequested) === 1,
      error: r.error,
      result: parseJson(r.result),
      createdBy: r.createdBy,
      createdByName: r.createdByName,
      unitId: r.unitId,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
    }
  }

  /**
   * Queues a job. The payload is validated by the kind's schema (VALIDATION on a bad one). With a
   * dedupe key that exists already nothing is queued and `created` is false.
   */
  async function enqueue(input: EnqueueInput): Promise<{ id: string; created: boolean }> {
    const h = handlers.get(input.kind)
    if (!h) throw validation(`未知的任务类型“${input.kind}”`)
    let payload: unknown = input.payload ?? {}
    if (h.payload) {
      const p = h.payload.safeParse(payload)
      if (!p.success) throw validation('任务参数无效', p.error.issues)
      payload = p.data
    }
    const at = now().toISOString()
    const id = newId()
    const created = await repo.insert({
      id,
      kind: input.kind,
      payload: JSON.stringify(payload),
      state: 'queued',
      progressDone: 0,
      progressTotal: null,
      progressMessage: null,
      checkpoint: null,
      attempts: 0,
      maxAttempts: input.maxAttempts ?? h.maxAttempts ?? 3,
      runAfter: (input.runAfter ?? now()).toISOString(),
      leaseOwner: null,
      leaseUntil: null,
      cancelRequested: 0,
      result: null,
      error: null,
      createdBy: input.createdBy?.userId ?? null,
      createdByUsername: input.createdBy?.username ?? null,
      createdByName: input.createdBy?.displayName ?? null,
      unitId: input.unitId ?? null,
      dedupeKey: input.dedupeKey ?? null,
      createdAt: at,
      updatedAt: at,
      startedAt: null,
      finishedAt: null,
    })
    for (const r of runners) r.poke()
    return { id, created }
  }

  async function get(id: string): Promise<JobView | undefined> {
    const r = await repo.get(id)
    return r && present(r)
  }

  async function listByCreator(userId: string, page = 1, pageSize = 20) {
    const { items, total } = await repo.listByCreator(userId, page, pageSize)
    return { items: items.map(present), total, page, pageSize }
  }

  /** Cancels: a queued job at once, a running one as soon as its handler sees the signal. */
  async function cancel(id: string): Promise<JobView | undefined> {
    const r = await repo.cancel(id, now().toISOString())
    if (r === 'requested') local.get(id)?.abort(new Error('cancelled'))
    const job = await get(id)
    if (r === 'cancelled' && job) await finished(job)
    return job
  }

  async function finished(job: JobView) {
    if (!opts.onJobFinished) return
    try {
      await opts.onJobFinished(job)
    } catch (e) {
      log('任务完成通知失败', e)
    }
  }

  const runners = new Set<Runner>()

  /**
   * A runner: polls for due jobs (and is poked on enqueue in this process), runs up to
   * `concurrency` at once, each under a lease that a heartbeat extends.
   */
  function createRunner(ro: RunnerOptions = {}) {
    const owner = ro.owner ?? `${hostname()}:${process.pid}:${newSecret(4)}`
    const leaseMs = ro.leaseMs ?? 60_000
    const heartbeatMs = ro.heartbeatMs ?? Math.max(50, Math.floor(leaseMs / 3))
    const pollMs = ro.pollMs ?? 1_000
    const concurrency = ro.concurrency ?? 2
    const backoffMs = ro.backoffMs ?? 10_000
    const running = new Map<string, Promise<void>>()
    const controllers = new Map<string, AbortController>()
    let stopped = true
    let timer: NodeJS.Timeout | undefined
    let pumping: Promise<void> | null = null
    let again = false

    const until = () => new Date(now().getTime() + leaseMs).toISOString()
    const kinds = () => (ro.kinds ?? [...handlers.keys()]).filter((k) => handlers.has(k))

    /** Claims due jobs while there is capacity. */
    function pump(): Promise<void> {
      if (pumping) {
        again = true
        return pumping
      }
      pumping = (async () => {
        do {
          again = false
          while (!stopped && running.size < concurrency) {
            const at = now().toISOString()
            const row = await repo.claim(owner, at, until(), kinds()).catch((e: unknown) => {
              log('领取任务失败', e)
              return undefined
            })
            if (!row) break
            const p = execute(row)
              .catch((e: unknown) => log(`任务 ${row.id} 执行异常`, e))
              .finally(() => {
                running.delete(row.id)
                if (!stopped) void pump()
              })
            running.set(row.id, p)
          }
        } while (again && !stopped)
      })().finally(() => {
        pumping = null
      })
      return pumping
    }

    async function execute(row: JobRow): Promise<void> {
      const h = handlers.get(row.kind)!
      const at = () => now().toISOString()
      const settle = async (to: Parameters<typeof repo.settle>[3]) => {
        const ok = await repo.settle(row.id, owner, at(), to)
        if (ok && to.state !== 'queued') {
          const job = await get(row.id)
          if (job) await finished(job)
        }
      }
      if (Number(row.cancelRequested) === 1) return settle({ state: 'cancelled' })
      if (Number(row.attempts) > Number(row.maxAttempts)) {
        const error = row.error ?? '任务多次中断，已停止'
        await settle({ state: 'failed', error })
        if (h.onGivenUp)
          try {
            await h.onGivenUp(h.payload ? h.payload.parse(JSON.parse(row.payload)) : JSON.parse(row.payload), error)
          } catch (e) {
            log(`任务 ${row.id}（${h.label}）终止后的清理失败`, e)
          }
        return
      }

      const ac = new AbortController()
      local.set(row.id, ac)
      controllers.set(row.id, ac)
      let pending: { done: number; total: number | null; message: string | null } | undefined
      let lastWrite = 0
      let lost = false
      const beat = async () => {
        const p = pending
        pending = undefined
        const r = await repo.heartbeat(row.id, owner, at(), until(), p)
        lastWrite = Date.now()
        if (!r) {
          lost = true
          ac.abort(new Error('lease lost'))
        } else if (Number(r.cancelRequested) === 1) {
          ac.abort(new Error('cancelled'))
        }
      }
      const hb = setInterval(() => void beat().catch((e: unknown) => log(`任务 ${row.id} 心跳失败`, e)), heartbeatMs)
      hb.unref()
      let total: number | null = row.progressTotal == null ? null : Number(row.progressTotal)
      let done = Number(row.progressDone)
      const ctx: JobContext = {
        job: {
          id: row.id,
          kind: row.kind,
          createdBy: row.createdBy,
          createdByUsername: row.createdByUsername,
          createdByName: row.createdByName,
          unitId: row.unitId,
        },
        payload: h.payload ? h.payload.parse(JSON.parse(row.payload)) : JSON.parse(row.payload),
        attempt: Number(row.attempts),
        checkpoint: parseJson(row.checkpoint),
        signal: ac.signal,
        async progress(d, t, message) {
          done = d
          if (t !== undefined) total = t
          pending = { done: d, total, message: message ?? null }
          // Never rejects: exports report progress without awaiting it; the heartbeat retries the write.
          if (Date.now() - lastWrite >= 300 || (total != null && d >= total)) await beat().catch((e: unknown) => log(`任务 ${row.id} 进度写入失败`, e))
        },
        async saveCheckpoint(data) {
          await repo.saveCheckpoint(row.id, owner, at(), JSON.stringify(data ?? null))
        },
      }
      try {
        const result = await h.run(ctx)
        clearInterval(hb)
        if (pending) await beat()
        if (lost) return
        if (ac.signal.aborted) return ac.signal.reason === SHUTDOWN ? settle({ state: 'queued', runAfter: at() }) : settle({ state: 'cancelled' })
        await settle({ state: 'succeeded', result: JSON.stringify(result ?? null), error: null, progressDone: total ?? done })
      } catch (e) {
        clearInterval(hb)
        if (lost) return
        // Stopped with the process: back to the queue at once (the next process resumes it).
        if (ac.signal.aborted) return ac.signal.reason === SHUTDOWN ? settle({ state: 'queued', runAfter: at() }) : settle({ state: 'cancelled' })
        const attempt = Number(row.attempts)
        if (!(e instanceof AppError)) log(`任务 ${row.id}（${h.label}）第 ${attempt} 次执行失败`, e)
        if (retryable(e) && attempt < Number(row.maxAttempts)) {
          const delay = Math.min(3_600_000, backoffMs * 2 ** (attempt - 1))
          await settle({ state: 'queued', error: errorText(e), runAfter: new Date(now().getTime() + delay).toISOString() })
        } else {
          await settle({ state: 'failed', error: errorText(e) })
        }
      } finally {
        clearInterval(hb)
        local.delete(row.id)
        controllers.delete(row.id)
      }
    }

    const runner = {
      owner,
      start() {
        if (!stopped) return runner
        stopped = false
        runners.add(runner)
        timer = setInterval(() => void pump(), pollMs)
        timer.unref()
        void pump()
        return runner
      },
      /** Wakes the runner now (a job was queued in this process). */
      poke() {
        if (!stopped) void pump()
      },
      /** Claims and runs due jobs until none is left, then resolves (tests, the first tick). */
      async drain() {
        const wasStopped = stopped
        stopped = false
        try {
          for (;;) {
            await pump()
            if (running.size === 0) break
            await Promise.race(running.values())
          }
        } finally {
          if (wasStopped) stopped = true
        }
      },
      /**
       * Stops claiming and waits for the jobs this runner is running; after `graceMs` the rest are
       * aborted and handed back to the queue (their checkpoint kept), for another process to resume.
       */
      async stop(graceMs = 10_000) {
        stopped = true
        runners.delete(runner)
        if (timer) clearInterval(timer)
        await pumping
        const all = Promise.allSettled([...running.values()])
        let grace: NodeJS.Timeout | undefined
        const late = await Promise.race([all.then(() => false), new Promise<boolean>((r) => (grace = setTimeout(() => r(true), graceMs)))])
        clearTimeout(grace)
        if (late) {
          for (const ac of controllers.values()) ac.abort(SHUTDOWN)
          await all
        }
      },
      /** Kills the runner's work without settling (tests: a process that dies). */
      get runningIds() {
        return [...running.keys()]
      },
    }
    return runner
  }
  type Runner = ReturnType<typeof createRunner>

  /**
   * Recurring work as singleton jobs: every `everyMs` a job of `kind` is queued with the dedupe key
   * `kind@period-start`, so with several processes each period's work is queued — and run — once.
   * Finished scheduled jobs older than a week are removed on the way.
   */
  function schedule(entries: Array<{ kind: string; everyMs: number; payload?: unknown }>) {
    const timers: NodeJS.Timeout[] = []
    const ticks = new Set<Promise<unknown>>()
    const tick = (e: { kind: string; everyMs: number; payload?: unknown }) => {
      const t = now().getTime()
      const period = new Date(Math.floor(t / e.everyMs) * e.everyMs).toISOString()
      const p = enqueue({ kind: e.kind, payload: e.payload ?? {}, dedupeKey: `${e.kind}@${period}`, maxAttempts: 1 })
        .then(() => repo.purgeScheduled(new Date(t - 7 * 86_400_000).toISOString()))
        .catch((err: unknown) => log(`定时任务 ${e.kind} 排队失败`, err))
        .finally(() => ticks.delete(p))
      ticks.add(p)
      return p
    }
    const first = Promise.all(entries.map(tick))
    for (const e of entries) {
      const t = setInterval(() => void tick(e), e.everyMs)
      t.unref()
      timers.push(t)
    }
    return {
      /** Resolves once the first period's jobs are queued. */
      first,
      async stop() {
        for (const t of timers) clearInterval(t)
        await Promise.allSettled([...ticks])
      },
    }
  }

  return { register, handlers, enqueue, get, listByCreator, cancel, createRunner, schedule, present, repo }
}
export type Jobs = ReturnType<typeof createJobs>
export type JobRunner = ReturnType<Jobs['createRunner']>

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { buildTestApp, type TestApp } from '../../../test/helpers'
import { AppError } from '../errors'
import { createJobs, type JobContext, type Jobs } from './jobs'

/**
 * The job kernel on the engine under test (SQLite or PostgreSQL): claim, progress, retry with
 * back-off, cancel, lease expiry and resume. Time is a hand-moved wall clock, so leases and
 * back-off are crossed by moving it, never by sleeping.
 */
describe('core/jobs', () => {
  let t: TestApp
  let wall: number
  const now = () => new Date(wall)
  let jobs: Jobs
  const finished: string[] = []
  const calls: Array<{ id: string; attempt: number; checkpoint: unknown }> = []
  /** What the "flaky" handler does on each call: throw or return. */
  let flaky: Array<'throw' | 'refuse' | 'ok'> = []
  let gate: { open: () => void; wait: Promise<void> }
  const newGate = () => {
    let open!: () => void
    const wait = new Promise<void>((r) => (open = r))
    gate = { open, wait }
  }

  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => t?.close())
  beforeEach(async () => {
    wall = Date.parse('2026-12-07T01:00:00Z')
    await t.s.deps.db.deleteFrom('job').execute()
    finished.length = 0
    calls.length = 0
    flaky = []
    jobs = createJobs({ db: t.s.deps.db, dialect: t.s.deps.dialect, now, onJobFinished: (j) => void finished.push(`${j.id}:${j.state}`), log: () => {} })
    jobs.register({
      kind: 'count',
      label: '计数',
      payload: z.object({ n: z.number().int().min(1) }),
      async run(ctx: JobContext<{ n: number }>) {
        calls.push({ id: ctx.job.id, attempt: ctx.attempt, checkpoint: ctx.checkpoint })
        for (let i = 1; i <= ctx.payload.n; i++) await ctx.progress(i, ctx.payload.n, `第 ${i} 步`)
        return { counted: ctx.payload.n }
      },
    })
    jobs.register({
      kind: 'flaky',
      label: '不稳定',
      maxAttempts: 3,
      async run(ctx) {
        calls.push({ id: ctx.job.id, attempt: ctx.attempt, checkpoint: ctx.checkpoint })
        const what = flaky.shift() ?? 'ok'
        if (what === 'throw') throw new Error('connection reset')
        if (what === 'refuse') throw new AppError('FORBIDDEN', '没有权限执行此操作')
        return { ok: true }
      },
    })
    jobs.register({
      kind: 'slow',
      label: '慢任务',
      async run(ctx) {
        calls.push({ id: ctx.job.id, attempt: ctx.attempt, checkpoint: ctx.checkpoint })
        await ctx.saveCheckpoint({ upTo: 5 * ctx.attempt })
        await ctx.progress(5, 10, '一半')
        await new Promise<void>((resolve, reject) => {
          if (ctx.signal.aborted) return reject(new Error('aborted'))
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })
          void gate.wait.then(resolve)
        })
        return { done: true }
      },
    })
    newGate()
  })

  const row = (id: string) => t.s.deps.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  it('validates the payload per kind and refuses unknown kinds', async () => {
    await expect(jobs.enqueue({ kind: 'count', payload: { n: 0 } })).rejects.toMatchObject({ code: 'VALIDATION', message: '任务参数无效' })
    await expect(jobs.enqueue({ kind: 'nope' })).rejects.toMatchObject({ code: 'VALIDATION', message: '未知的任务类型“nope”' })
  })

  it('claims each due job once, records progress and the result, and calls onJobFinished', async () => {
    const ids = await Promise.all([1, 2, 3].map(async (n) => (await jobs.enqueue({ kind: 'count', payload: { n } })).id))
    const later = await jobs.enqueue({ kind: 'count', payload: { n: 1 }, runAfter: new Date(wall + 60_000) })
    // Two runners race for the same rows.
    const a = jobs.createRunner({ owner: 'A', concurrency: 2 })
    const b = jobs.createRunner({ owner: 'B', concurrency: 2 })
    await Promise.all([a.drain(), b.drain()])
    expect(calls.map((c) => c.id).sort()).toEqual([...ids].sort())
    for (const [i, id] of ids.entries()) {
      const r = await row(id)
      expect(r).toMatchObject({ state: 'succeeded', attempts: 1, progressDone: i + 1, progressTotal: i + 1, leaseOwner: null, error: null })
      expect(JSON.parse(r.result!)).toEqual({ counted: i + 1 })
      expect((await jobs.get(id))!.progress.percent).toBe(100)
    }
    expect(finished.sort()).toEqual(ids.map((id) => `${id}:succeeded`).sort())
    // Not yet due: untouched until the wall clock reaches run_after.
    expect((await row(later.id)).state).toBe('queued')
    wall += 60_000
    await a.drain()
    expect((await row(later.id)).state).toBe('succeeded')
  })

  it('dedupes a scheduled singleton by its key', async () => {
    const x = await jobs.enqueue({ kind: 'count', payload: { n: 1 }, dedupeKey: 'count@2026-12-07T01:00:00.000Z' })
    const y = await jobs.enqueue({ kind: 'count', payload: { n: 1 }, dedupeKey: 'count@2026-12-07T01:00:00.000Z' })
    expect([x.created, y.created]).toEqual([true, false])
    expect(await t.s.deps.db.selectFrom('job').select('id').execute()).toHaveLength(1)
  })

  it('retries a failed attempt with exponential back-off, then gives up at max_attempts', async () => {
    flaky = ['throw', 'throw', 'throw']
    const { id } = await jobs.enqueue({ kind: 'flaky' })
    const r = jobs.createRunner({ owner: 'A', backoffMs: 1_000 })
    await r.drain()
    expect(await row(id)).toMatchObject({
      state: 'queued',
      attempts: 1,
      runAfter: new Date(wall + 1_000).toISOString(),
      error: '任务执行出错（内部错误），已记录日志；请稍后重试或联系系统管理员',
    })
    await r.drain()
    expect(calls).toHaveLength(1) // not due yet
    wall += 1_000
    await r.drain()
    expect(await row(id)).toMatchObject({ state: 'queued', attempts: 2, runAfter: new Date(wall + 2_000).toISOString() })
    wall += 2_000
    await r.drain()
    expect(await row(id)).toMatchObject({ state: 'failed', attempts: 3 })
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3])
    expect(finished).toEqual([`${id}:failed`])
  })

  it('recovers on a retry, and does not retry a refusal (permission, validation)', async () => {
    flaky = ['throw', 'ok']
    const a = await jobs.enqueue({ kind: 'flaky' })
    const r = jobs.createRunner({ owner: 'A', backoffMs: 10 })
    await r.drain()
    wall += 10
    await r.drain()
    expect(await row(a.id)).toMatchObject({ state: 'succeeded', attempts: 2 })
    flaky = ['refuse']
    const b = await jobs.enqueue({ kind: 'flaky' })
    await r.drain()
    expect(await row(b.id)).toMatchObject({ state: 'failed', attempts: 1, error: '没有权限执行此操作' })
  })

  it('cancels a queued job at once and a running one through its signal', async () => {
    const q = await jobs.enqueue({ kind: 'count', payload: { n: 1 } })
    expect((await jobs.cancel(q.id))!.state).toBe('cancelled')
    const s = await jobs.enqueue({ kind: 'slow' })
    const r = jobs.createRunner({ owner: 'A', heartbeatMs: 20 })
    const run = r.drain()
    while (calls.length === 0) await new Promise((res) => setTimeout(res, 10))
    expect((await row(s.id)).state).toBe('running')
    expect((await jobs.cancel(s.id))!.cancelRequested).toBe(true)
    await run
    expect(await row(s.id)).toMatchObject({ state: 'cancelled', leaseOwner: null })
    expect(calls.map((c) => c.id)).toEqual([s.id]) // the cancelled queued job never ran
    expect(finished.sort()).toEqual([`${q.id}:cancelled`, `${s.id}:cancelled`].sort())
  })

  it('a cancel seen only through the database (another process) aborts the handler at its next heartbeat', async () => {
    const s = await jobs.enqueue({ kind: 'slow' })
    const r = jobs.createRunner({ owner: 'A', heartbeatMs: 20 })
    const run = r.drain()
    while (calls.length === 0) await new Promise((res) => setTimeout(res, 10))
    await jobs.repo.cancel(s.id, now().toISOString())
    await run
    expect((await row(s.id)).state).toBe('cancelled')
  })

  it('resumes a job whose lease ran out (its process died), with the attempt and last checkpoint; the old owner cannot settle it', async () => {
    const { id } = await jobs.enqueue({ kind: 'slow' })
    // Process A claims the job, saves a checkpoint and "dies" (its heartbeat never runs again).
    const claimed = await jobs.repo.claim('A', now().toISOString(), new Date(wall + 30_000).toISOString(), ['slow'])
    expect(claimed).toMatchObject({ id, attempts: 1, leaseOwner: 'A' })
    await jobs.repo.saveCheckpoint(id, 'A', now().toISOString(), JSON.stringify({ upTo: 5 }))
    const b = jobs.createRunner({ owner: 'B', heartbeatMs: 20 })
    await b.drain()
    expect(calls).toHaveLength(0) // the lease still holds
    wall += 30_001
    gate.open()
    await b.drain()
    expect(calls).toEqual([{ id, attempt: 2, checkpoint: { upTo: 5 } }])
    expect(await row(id)).toMatchObject({ state: 'succeeded', attempts: 2, leaseOwner: null, checkpoint: JSON.stringify({ upTo: 10 }) })
    // A's late settle is refused: the lease is not A's any more.
    expect(await jobs.repo.settle(id, 'A', now().toISOString(), { state: 'failed', error: 'x' })).toBe(false)
    expect((await row(id)).state).toBe('succeeded')
  })

  it('progress is visible while the job runs', async () => {
    const { id } = await jobs.enqueue({ kind: 'slow' })
    const r = jobs.createRunner({ owner: 'A', heartbeatMs: 20 })
    const run = r.drain()
    let seen = await jobs.get(id)
    while (seen!.progress.done < 5) {
      await new Promise((res) => setTimeout(res, 10))
      seen = await jobs.get(id)
    }
    expect(seen).toMatchObject({ state: 'running', progress: { done: 5, total: 10, message: '一半', percent: 50 } })
    gate.open()
    await run
    expect((await jobs.get(id))!.progress).toEqual({ done: 10, total: 10, message: '一半', percent: 100 })
  })

  it('a runner stopped while a job runs hands it back to the queue after the grace period, checkpoint kept', async () => {
    const { id } = await jobs.enqueue({ kind: 'slow' })
    const r = jobs.createRunner({ owner: 'A', heartbeatMs: 20 }).start()
    while (calls.length === 0) await new Promise((res) => setTimeout(res, 10))
    await r.stop(50)
    expect(await row(id)).toMatchObject({ state: 'queued', leaseOwner: null, attempts: 1, checkpoint: JSON.stringify({ upTo: 5 }) })
    expect(finished).toEqual([])
    gate.open()
    await jobs.createRunner({ owner: 'B' }).drain()
    expect(await row(id)).toMatchObject({ state: 'succeeded', attempts: 2 })
    expect(calls.map((c) => c.checkpoint)).toEqual([null, { upTo: 5 }])
  })

  it('the scheduler queues one job per kind and period however many processes tick', async () => {
    const a = jobs.schedule([{ kind: 'count', everyMs: 3_600_000, payload: { n: 1 } }])
    const b = jobs.schedule([{ kind: 'count', everyMs: 3_600_000, payload: { n: 1 } }])
    await Promise.all([a.first, b.first])
    await Promise.all([a.stop(), b.stop()])
    const rows = await t.s.deps.db.selectFrom('job').select(['kind', 'dedupeKey']).execute()
    expect(rows).toEqual([{ kind: 'count', dedupeKey: 'count@2026-12-07T01:00:00.000Z' }])
    // The next period is a new job.
    wall += 3_600_000
    const c = jobs.schedule([{ kind: 'count', everyMs: 3_600_000, payload: { n: 1 } }])
    await c.first
    await c.stop()
    expect((await t.s.deps.db.selectFrom('job').select('dedupeKey').orderBy('dedupeKey').execute()).map((r) => r.dedupeKey)).toEqual([
      'count@2026-12-07T01:00:00.000Z',
      'count@2026-12-07T02:00:00.000Z',
    ])
  })
})

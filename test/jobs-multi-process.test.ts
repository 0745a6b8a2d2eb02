import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { configFrom } from '../src/core/config'
import { createDb, type DbHandle } from '../src/core/db/database'
import { createJobs, type Jobs } from '../src/core/jobs'
import { registerTestKinds } from './fixtures/jobs-worker'
import { dialect } from './helpers'
import { adminQuery, pgUrlFor } from './pg'

/**
 * The job runner in two real processes on one PostgreSQL (issue #13 point 8): every job is claimed
 * by exactly one process (FOR UPDATE SKIP LOCKED), and a job whose process is killed mid-run is
 * taken over once, after its lease runs out, by the other process — which resumes from the
 * checkpoint the first one saved. SQLite is embedded in one process, so this runs on PostgreSQL only.
 */
describe.runIf(dialect === 'postgres')('job runner: two processes on one PostgreSQL', () => {
  const ROOT = resolve(__dirname, '..')
  const dbName = `jg_jobs_mp_${randomBytes(6).toString('hex')}`
  const LEASE_MS = 1500
  const workers = new Map<string, ChildProcess>()
  let handle: DbHandle
  let jobs: Jobs

  function startWorker(owner: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/jobs-worker.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: pgUrlFor(dbName), OWNER: owner, LEASE_MS: String(LEASE_MS) },
    })
    workers.set(owner, child)
    const output: string[] = []
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`worker ${owner} did not start:\n${output.join('')}`)), 60_000)
      child.stdout.on('data', (d: Buffer) => {
        output.push(d.toString())
        if (output.join('').includes('ready')) {
          clearTimeout(timer)
          ok(child)
        }
      })
      child.stderr.on('data', (d: Buffer) => output.push(d.toString()))
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        fail(new Error(`worker ${owner} exited (${code ?? signal}):\n${output.join('')}`))
      })
    })
  }

  async function stopWorker(child: ChildProcess) {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }

  interface LogRow {
    jobId: string
    owner: string
    attempt: number
    step: number
    what: string
  }
  const logOf = async (jobId?: string) =>
    (
      await sql<LogRow>`select job_id, owner, attempt, step, what from jobs_mp_log ${jobId ? sql`where job_id = ${jobId}` : sql``} order by id`.execute(
        handle.db,
      )
    ).rows
  async function until(what: string, cond: () => Promise<boolean>, ms = 60_000) {
    const deadline = Date.now() + ms
    while (!(await cond())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  beforeAll(async () => {
    await adminQuery(`create database ${dbName} template ${inject('pgTemplate')}`)
    handle = createDb(configFrom({ DATABASE_URL: pgUrlFor(dbName), PG_POOL_MAX: '3' }).db)
    await sql`create table jobs_mp_log (id serial primary key, job_id text not null, owner text not null, attempt integer not null, step integer not null, what text not null)`.execute(
      handle.db,
    )
    // This process only queues (its registry validates the kinds); it runs no runner.
    jobs = createJobs({ db: handle.db, dialect: handle.dialect })
    registerTestKinds(jobs, handle.db, 'test')
    await Promise.all([startWorker('A'), startWorker('B')])
  }, 120_000)

  afterAll(async () => {
    await Promise.all([...workers.values()].map(stopWorker))
    await handle?.close()
    await adminQuery(`drop database if exists ${dbName} with (force)`)
  }, 60_000)

  it('claims each of 40 jobs exactly once across the two processes', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, async () => (await jobs.enqueue({ kind: 'mp.work' })).id))
    await until(
      '40 jobs done',
      async () => (await handle.db.selectFrom('job').select('id').where('kind', '=', 'mp.work').where('state', '=', 'succeeded').execute()).length === 40,
    )
    const runs = (await logOf()).filter((r) => r.what === 'run')
    expect(runs.map((r) => r.jobId).sort()).toEqual([...ids].sort())
    const rows = await handle.db.selectFrom('job').select(['id', 'attempts', 'result']).where('kind', '=', 'mp.work').execute()
    expect(rows.every((r) => r.attempts === 1)).toBe(true)
    // Both processes took part; each job's result names the process that logged its run.
    const byJob = new Map(runs.map((r) => [r.jobId, r.owner]))
    for (const r of rows) expect(JSON.parse(r.result!).by).toBe(byJob.get(r.id))
    expect(new Set(runs.map((r) => r.owner))).toEqual(new Set(['A', 'B']))
  })

  it('resumes once, in the other process and from its checkpoint, a job whose process was killed mid-run', async () => {
    const { id } = await jobs.enqueue({ kind: 'mp.slow' })
    // Wait until the job has made a few steps, then kill its process without any cleanup.
    await until('three steps', async () => (await logOf(id)).filter((r) => r.what === 'step').length >= 3)
    const first = (await logOf(id))[0]!
    const victim = workers.get(first.owner)!
    const survivor = first.owner === 'A' ? 'B' : 'A'
    const killed = new Promise<void>((ok) => victim.once('exit', () => ok()))
    victim.kill('SIGKILL')
    await killed
    const atKill = await handle.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(atKill).toMatchObject({ state: 'running', leaseOwner: first.owner, attempts: 1 })
    const savedStep = JSON.parse(atKill.checkpoint!).step as number

    await until(
      'the job succeeded',
      async () => (await handle.db.selectFrom('job').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state === 'succeeded',
    )
    const done = await handle.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(done).toMatchObject({ state: 'succeeded', attempts: 2, leaseOwner: null, progressDone: 30, progressTotal: 30 })
    expect(JSON.parse(done.result!)).toEqual({ by: survivor })

    const log = await logOf(id)
    const starts = log.filter((r) => r.what === 'start')
    // Started twice in all: by the killed process, then once by the survivor, after the last saved step.
    expect(starts.map((r) => ({ owner: r.owner, attempt: r.attempt }))).toEqual([
      { owner: first.owner, attempt: 1 },
      { owner: survivor, attempt: 2 },
    ])
    expect(starts[1]!.step).toBe(savedStep + 1)
    expect(log.filter((r) => r.what === 'done')).toEqual([{ jobId: id, owner: survivor, attempt: 2, step: 30, what: 'done' }])
    // Every step ran in one attempt at most once after the resume point: no step of attempt 2 repeats.
    const second = log.filter((r) => r.attempt === 2 && r.what === 'step').map((r) => r.step)
    expect(second).toEqual(Array.from({ length: 30 - savedStep }, (_, i) => savedStep + 1 + i))
  })
})

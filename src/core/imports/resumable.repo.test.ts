import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../../test/helpers'
import { createJobs, type Jobs } from '../jobs'
import { issue } from './issues'
import { createResumableImports } from './resumable'
import { mappedRows } from './rows'
import { createRunStore } from './runs'
import { readRows } from './source'
import { createIssueStore } from './store'

/**
 * The kernel's resumable import on the engine under test: a file read through the kit, committed in
 * batches by a job of the job runner, each batch with the run's checkpoint in one transaction. An
 * attempt that dies mid-file (its batch rolled back) is retried and goes on after the last committed
 * batch: every row lands exactly once. Cancel stops between batches and keeps what was committed.
 */
describe('core/imports resumable import', () => {
  let t: TestApp
  let jobs: Jobs
  const dir = mkdtempSync(join(tmpdir(), 'jg-resumable-'))
  const ROWS = 25
  const BATCH = 4
  /** What the commit does on each call (per test): 'ok' or 'crash' (throws inside the transaction). */
  let plan: Array<'ok' | 'crash'> = []
  let commits = 0
  /** The reader waits here before the row after `hold.after` rows (outside any transaction). */
  let hold: { after: number; gate: Promise<void> } | null = null

  beforeAll(async () => {
    t = await buildTestApp()
    await sql`create table resumable_probe (code text not null, row_no integer not null)`.execute(t.s.deps.db)
    // Rows 1 (header) … ; every 10th data row has no code: an error row, kept out and reported.
    const lines = ['编号,名称', ...Array.from({ length: ROWS }, (_, i) => `${(i + 1) % 10 === 0 ? '' : `K-${i + 1}`},商户${i + 1}`)]
    writeFileSync(join(dir, 'probe.csv'), `${lines.join('\n')}\n`)
  })
  afterAll(async () => {
    await t?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  let importer: ReturnType<ReturnType<typeof createResumableImports>['define']>
  beforeEach(async () => {
    const db = t.s.deps.db
    await db.deleteFrom('job').execute()
    await sql`delete from resumable_probe`.execute(db)
    plan = []
    commits = 0
    hold = null
    jobs = createJobs({ db, dialect: t.s.deps.dialect, log: () => {} })
    importer = createResumableImports({ db, jobs, clock: t.s.deps.clock }).define<{ code: string }>({
      job: 'probe.import',
      label: '测试导入',
      kind: 'probe',
      batchSize: BATCH,
      maxAttempts: 3,
      async *rows(run) {
        let n = 0
        const spec = { columns: { code: { label: '编号' }, name: { label: '名称' } }, required: ['code' as const] }
        for await (const rows of mappedRows(readRows(run.filePath!, 'csv'), spec))
          for (const r of rows) {
            if (hold && n++ === hold.after) await hold.gate
            yield [
              r.record.code
                ? { rowNo: r.rowNo, row: { code: r.record.code }, issues: [] }
                : { rowNo: r.rowNo, issues: [issue(r.rowNo, '编号', '', '编号不能为空')] },
            ]
          }
      },
      async commit(trx, _run, batch) {
        const step = plan[commits++] ?? 'ok'
        await sql`insert into resumable_probe (code, row_no) values ${sql.join(batch.map((b) => sql`(${b.row.code}, ${b.rowNo})`))}`.execute(trx)
        if (step === 'crash') throw new Error('process died mid-batch')
        return { inserted: batch.length, updated: 0 }
      },
    })
  })

  async function newRun(id: string) {
    const now = new Date().toISOString()
    await createRunStore(t.s.deps.db).create(t.s.deps.db, {
      id,
      kind: 'probe',
      fileName: 'probe.csv',
      filePath: join(dir, 'probe.csv'),
      format: 'csv',
      status: 'validating',
      createdAt: now,
      updatedAt: now,
    })
    return importer.start(id, { mode: 'valid_only', onePass: true, by: null, unitId: null })
  }
  const probe = async () => (await sql<{ code: string }>`select code from resumable_probe order by row_no`.execute(t.s.deps.db)).rows.map((r) => r.code)
  const expected = Array.from({ length: ROWS }, (_, i) => i + 1)
    .filter((n) => n % 10 !== 0)
    .map((n) => `K-${n}`)

  it('resumes after the last committed batch when an attempt dies mid-file: each row exactly once', async () => {
    plan = ['ok', 'ok', 'crash']
    const jobId = await newRun('run-crash')
    const runner = jobs.createRunner({ owner: 'A', backoffMs: 1 })
    await runner.drain()
    let run = await createRunStore(t.s.deps.db).get('run-crash')
    // After the first attempt: two batches committed, the third rolled back; the run waits for its retry.
    if (run!.status === 'importing') {
      expect(run).toMatchObject({ checkpointRow: 1 + 2 * BATCH, processedRows: 2 * BATCH, message: '导入中断，将自动从上次提交处继续' })
      await new Promise((r) => setTimeout(r, 5))
      await runner.drain()
    }
    run = await createRunStore(t.s.deps.db).get('run-crash')
    expect(run).toMatchObject({ status: 'done', phase: null, mode: 'valid_only', jobId, totalRows: ROWS, validRows: expected.length, errorRows: 2 })
    expect(Number(run!.insertedRows)).toBe(expected.length)
    expect(Number(run!.checkpointRow)).toBe(ROWS + 1)
    expect(await probe()).toEqual(expected)
    expect((await jobs.get(jobId))!).toMatchObject({ state: 'succeeded', attempts: 2 })
    // The issues of the rows read twice are stored once.
    expect((await createIssueStore(t.s.deps.db).page('run-crash', { page: 1, pageSize: 10 })).items.map((i) => i.rowNo)).toEqual([11, 21])
  })

  it('a run whose every attempt died unseen (lease lost, process gone) ends failed when the runner gives up, committed batches kept', async () => {
    plan = ['ok', 'ok']
    const jobId = await newRun('run-lost')
    const db = t.s.deps.db
    // Three processes claimed it in turn and died (no heartbeat, no settle): attempts are used up.
    for (const owner of ['A', 'B', 'C']) {
      const claimed = await jobs.repo.claim(owner, new Date().toISOString(), new Date(Date.now() - 1).toISOString(), ['probe.import'])
      expect(claimed).toMatchObject({ id: jobId })
    }
    await createRunStore(db).patch(db, 'run-lost', { processedRows: 2 * BATCH, checkpointRow: 1 + 2 * BATCH }, new Date().toISOString())
    await jobs.createRunner({ owner: 'D' }).drain()
    expect((await jobs.get(jobId))!).toMatchObject({ state: 'failed' })
    const run = await createRunStore(db).get('run-lost')
    expect(run).toMatchObject({ status: 'failed', phase: null, message: `导入多次中断后已停止：已提交的 ${2 * BATCH} 行保留，其余未导入，可重新上传剩余部分` })
    expect(run!.finishedAt).not.toBeNull()
    expect(commits).toBe(0) // the handler never ran again
  })

  it('cancel stops between batches: committed batches stay, the run and its job end cancelled', async () => {
    let open!: () => void
    // Rows 2–9 fill two batches (row 11 = data row 10 is empty); the reader then waits.
    hold = { after: 2 * BATCH, gate: new Promise<void>((r) => (open = r)) }
    const jobId = await newRun('run-cancel')
    const running = jobs.createRunner({ owner: 'A', heartbeatMs: 20 }).drain()
    while (commits < 2) await new Promise((r) => setTimeout(r, 5))
    await jobs.cancel(jobId)
    open()
    await running
    const run = await createRunStore(t.s.deps.db).get('run-cancel')
    expect(run).toMatchObject({ status: 'cancelled', message: `已取消：已提交的 ${2 * BATCH} 行保留，其余未导入` })
    expect(await probe()).toEqual(expected.slice(0, 2 * BATCH))
    expect((await jobs.get(jobId))!.state).toBe('cancelled')
  })
})

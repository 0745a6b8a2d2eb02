import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeDemoEntitiesCsv } from '../src/demo/entities'
import { buildTestApp, dialect, type TestApp } from './helpers'

/**
 * A crash in the middle of an import: a real `jianguan entities import` process is killed with
 * SIGKILL after it has committed some batches; the job runner of another process takes the import
 * job over once its lease has run out and resumes after the last committed batch: the register ends
 * up with every row exactly once.
 */
describe('import survives a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jg-resume-'))
  const rows = 30_000
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: true, env: dialect === 'sqlite' ? { SQLITE_PATH: join(dir, 'db.sqlite') } : {} })
    await writeDemoEntitiesCsv(join(dir, 'e.csv'), rows)
  })
  afterAll(async () => {
    await t?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('resumes after the last committed batch and never duplicates', async () => {
    const env = { ...process.env, LOG_LEVEL: 'silent', ...(dialect === 'sqlite' ? { SQLITE_PATH: join(dir, 'db.sqlite') } : { DATABASE_URL: t.databaseUrl! }) }
    const child = spawn(process.execPath, ['bin/jianguan.mjs', 'entities', 'import', join(dir, 'e.csv')], { env, stdio: 'ignore' })
    const db = t.s.deps.db
    let killedAt = 0
    for (let i = 0; i < 1200 && !killedAt; i++) {
      await new Promise((r) => setTimeout(r, 50))
      const job = await db.selectFrom('importRun').select(['status', 'checkpointRow']).where('kind', '=', 'entities').executeTakeFirst()
      if (job?.status === 'importing' && job.checkpointRow > 0) {
        child.kill('SIGKILL')
        killedAt = job.checkpointRow
      }
    }
    expect(killedAt).toBeGreaterThan(0)
    await new Promise((r) => child.once('exit', r))
    const partial = Number(
      (
        await db
          .selectFrom('marketEntity')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(rows)

    // The killed process's job keeps its lease until it runs out; this process's runner then takes it over.
    await t.s.imports.resumePending()
    let status = ''
    for (let i = 0; i < 1800 && status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 50))
      status = (await db.selectFrom('importRun').select('status').where('kind', '=', 'entities').executeTakeFirstOrThrow()).status
    }
    expect(status).toBe('done')
    await t.s.imports.stop()
    const after = await db
      .selectFrom('marketEntity')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('recordKey').distinct().as('k')])
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(rows)
    expect(Number(after.k)).toBe(rows)
    const job = await db.selectFrom('importRun').selectAll().where('kind', '=', 'entities').executeTakeFirstOrThrow()
    expect(job).toMatchObject({ insertedRows: rows, processedRows: rows, checkpointRow: rows + 1 })
    // The name index holds every row once, too.
    const adminId = (await db.selectFrom('appUser').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id
    const ctx = { actor: await t.s.auth.actorFor(adminId, 'admin', '王建国'), requestId: null, ip: null }
    const found = await t.s.entities.search(ctx, { name: '烩面馆', page: 1, pageSize: 1, nameMode: 'contains' })
    const direct = Number(
      (
        await db
          .selectFrom('marketEntity')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('name', 'like', '%烩面馆%')
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(found.total).toBe(Math.min(direct, 10_000))
  }, 120_000)
})

import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb } from './database'

/**
 * The background WAL checkpointer (SQLite files): the app's connection never checkpoints, a worker
 * thread does. Observable from outside: with it, the pages written through the WAL reach the
 * database file while the app keeps its connection open; with checkpoints disabled and no worker,
 * they would stay in the WAL.
 */
describe('SQLite WAL checkpoints in a worker thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jg-ckpt-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  async function fill(path: string, checkpoint: 'background' | 'inline') {
    const h = createDb({ driver: 'sqlite', path, synchronous: 'NORMAL', checkpoint })
    await sql`create table t (id integer primary key, v text)`.execute(h.db)
    const before = statSync(path).size
    // ~4 MB through the WAL in many small commits (1,000+ pages).
    for (let i = 0; i < 400; i++) await sql`insert into t (v) values (${'x'.repeat(10_000)})`.execute(h.db)
    return { h, before }
  }
  const waitFor = async (cond: () => boolean, ms: number) => {
    const end = Date.now() + ms
    while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 50))
    return cond()
  }

  it('copies the WAL into the database file while the app keeps writing, and the app connection does not checkpoint', async () => {
    const path = join(dir, 'bg.db')
    const { h, before } = await fill(path, 'background')
    expect(h.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    expect(await waitFor(() => statSync(path).size > before + 3_000_000, 5_000)).toBe(true)
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(h.db)).rows[0]!.n).toBe(400)
    await h.close()
    // Closed cleanly: reopened, every row is there.
    const again = createDb({ driver: 'sqlite', path, synchronous: 'NORMAL', checkpoint: 'inline' })
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(again.db)).rows[0]!.n).toBe(400)
    await again.close()
  })

  it("inline mode keeps SQLite's own checkpoints; with those off too, nothing reaches the file (the control)", async () => {
    const inline = createDb({ driver: 'sqlite', path: join(dir, 'inline.db'), synchronous: 'NORMAL', checkpoint: 'inline' })
    expect(inline.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
    await inline.close()
    const path = join(dir, 'control.db')
    const h = createDb({ driver: 'sqlite', path, synchronous: 'NORMAL', checkpoint: 'inline' })
    h.sqlite!.pragma('wal_autocheckpoint = 0')
    await sql`create table t (id integer primary key, v text)`.execute(h.db)
    const before = statSync(path).size
    for (let i = 0; i < 400; i++) await sql`insert into t (v) values (${'x'.repeat(10_000)})`.execute(h.db)
    await new Promise((r) => setTimeout(r, 600))
    expect(statSync(path).size).toBe(before)
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(4_000_000)
    await h.close()
  })
})

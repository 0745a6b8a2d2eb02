import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb, openReadConnection } from './database'

/**
 * `openReadConnection`: long reads (exports) on a SQLite file go through a connection of their
 * own, read-only, with a small page cache, and see what the app's connection has committed.
 */
describe('a separate read connection for long reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jg-reader-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const count = async (db: Parameters<typeof openReadConnection>[0]) => (await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]!.n

  it('on a SQLite file: its own read-only connection with a small cache, seeing every commit', async () => {
    const h = createDb({ driver: 'sqlite', path: join(dir, 'app.db'), synchronous: 'NORMAL', checkpoint: 'inline' })
    await sql`create table t (id integer primary key, v text)`.execute(h.db)
    await sql`insert into t (v) values ('a'), ('b')`.execute(h.db)
    const r = await openReadConnection(h.db, 'sqlite', 1024)
    try {
      expect(r.db).not.toBe(h.db)
      expect(await count(r.db)).toBe(2)
      expect((await sql<{ cacheSize: number }>`pragma cache_size`.execute(r.db)).rows[0]!.cacheSize).toBe(-1024)
      // The app's connection keeps its own settings.
      expect(h.sqlite!.pragma('cache_size', { simple: true })).toBe(-65536)
      await expect(sql`insert into t (v) values ('c')`.execute(r.db)).rejects.toThrow(/readonly/i)
      // A commit on the app's connection is visible to the next statement of the reader.
      await sql`insert into t (v) values ('d')`.execute(h.db)
      expect(await count(r.db)).toBe(3)
    } finally {
      await r.close()
      await h.close()
    }
  })

  it("in memory, and on PostgreSQL, it is the app's handle itself and close() leaves it open", async () => {
    const h = createDb({ driver: 'sqlite', path: ':memory:', synchronous: 'NORMAL', checkpoint: 'inline' })
    await sql`create table t (id integer primary key)`.execute(h.db)
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const r = await openReadConnection(h.db, dialect)
      expect(r.db).toBe(h.db)
      await r.close()
      expect(await count(h.db)).toBe(0)
    }
    await h.close()
  })
})

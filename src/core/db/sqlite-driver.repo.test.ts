import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createDb, type DbHandle } from './database'

/**
 * The SQLite driver (core/db/sqlite-driver.ts): on a file, reads outside transactions run on a
 * second connection and never wait for an open write transaction, nor see its uncommitted rows;
 * everything else keeps the single-writer behaviour. In memory there is one connection.
 */
// SQLite's own driver: nothing of it runs on PostgreSQL (the pool there has many connections), so
// the postgres project skips this file rather than test the same SQLite code a second time.
describe.runIf(process.env.TEST_DIALECT !== 'postgres')('SQLite writer and reader connections', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jg-driver-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  let h: DbHandle
  afterEach(async () => h?.close())
  const open = async (path: string) => {
    h = createDb({ driver: 'sqlite', path, synchronous: 'NORMAL', checkpoint: 'inline' })
    await sql`create table t (id integer primary key, v text)`.execute(h.db)
    await sql`insert into t (v) values ('a')`.execute(h.db)
    return h.db
  }
  const values = async (exec: DbHandle['db']) => (await sql<{ v: string }>`select v from t order by id`.execute(exec)).rows.map((r) => r.v)
  /** Opens a transaction that inserts `v` and stays open until `release()`; `order` gets 'commit' when it ends. */
  const holdTransaction = (db: DbHandle['db'], v: string, order: string[]) => {
    let release!: () => void
    const holding = new Promise<void>((r) => {
      release = r
    })
    const done = db.transaction().execute(async (t) => {
      await sql`insert into t (v) values (${v})`.execute(t)
      await holding
      order.push('commit')
    })
    return { release, done }
  }

  it('a read during an open write transaction answers at once with the committed rows', async () => {
    const db = await open(join(dir, 'a.db'))
    let releaseTrx!: () => void
    const holding = new Promise<void>((r) => {
      releaseTrx = r
    })
    let inside!: () => void
    const started = new Promise<void>((r) => {
      inside = r
    })
    const trx = db.transaction().execute(async (t) => {
      await sql`insert into t (v) values ('b')`.execute(t)
      // Inside the transaction its own write is visible.
      expect(await values(t)).toEqual(['a', 'b'])
      inside()
      await holding
    })
    await started
    // Outside: not blocked (the transaction is still open) and not seeing 'b'.
    const order: string[] = []
    const read = values(db).then((v) => {
      order.push('read')
      return v
    })
    expect(await read).toEqual(['a'])
    order.push('commit')
    releaseTrx()
    await trx
    expect(order).toEqual(['read', 'commit'])
    // After the commit the reader sees it.
    expect(await values(db)).toEqual(['a', 'b'])
  })

  it('a write outside a transaction waits for the open transaction, then runs on the writer', async () => {
    const db = await open(join(dir, 'b.db'))
    const order: string[] = []
    const trx = holdTransaction(db, 'in-trx', order)
    await new Promise((r) => setImmediate(r))
    const write = sql`insert into t (v) values ('outside')`.execute(db).then(() => order.push('write'))
    await new Promise((r) => setTimeout(r, 20))
    expect(order).toEqual([])
    trx.release()
    await Promise.all([trx.done, write])
    expect(order).toEqual(['commit', 'write'])
    expect(await values(db)).toEqual(['a', 'in-trx', 'outside'])
    // insert … returning writes: it goes to the writer although it returns rows.
    const r = await sql<{ id: number }>`insert into t (v) values ('ret') returning id`.execute(db)
    expect(r.rows[0]!.id).toBe(4)
  })

  it('a rolled-back transaction leaves nothing for the reader; pragmas apply to the writer', async () => {
    const db = await open(join(dir, 'c.db'))
    await expect(
      db.transaction().execute(async (t) => {
        await sql`insert into t (v) values ('gone')`.execute(t)
        throw new Error('stop')
      }),
    ).rejects.toThrow('stop')
    expect(await values(db)).toEqual(['a'])
    await sql`pragma user_version = 7`.execute(db)
    expect(h.sqlite!.pragma('user_version', { simple: true })).toBe(7)
    expect((await sql<{ user_version: number }>`pragma user_version`.execute(db)).rows[0]).toEqual({ userVersion: 7 })
  })

  it('streams rows from the writer and serves reads meanwhile', async () => {
    const db = await open(join(dir, 'd.db'))
    await sql`insert into t (v) values ('b'), ('c')`.execute(db)
    const seen: string[] = []
    for await (const row of db
      .selectFrom('t' as never)
      .select('v' as never)
      .orderBy('id' as never)
      .stream()) {
      seen.push((row as { v: string }).v)
      expect(await values(db)).toEqual(['a', 'b', 'c'])
    }
    expect(seen).toEqual(['a', 'b', 'c'])
  })

  it('in memory: one connection, a read waits for the open transaction', async () => {
    const db = await open(':memory:')
    const order: string[] = []
    const trx = holdTransaction(db, 'b', order)
    await new Promise((r) => setImmediate(r))
    const read = values(db).then((v) => {
      order.push('read')
      return v
    })
    await new Promise((r) => setTimeout(r, 20))
    trx.release()
    await trx.done
    expect(await read).toEqual(['a', 'b'])
    expect(order).toEqual(['commit', 'read'])
  })
})

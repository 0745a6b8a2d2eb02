import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createDb, type DbHandle } from '../../core/db/database'
import { compilePageQuery, lastIdOf, openPoolSource, type PoolSource } from './inspections.reader'

/**
 * Where the draw job reads the register: on a SQLite file a reader thread with its own read-only
 * connection and one snapshot for the whole draw; otherwise the job's own connection. Both must
 * give the same pages (the canonical text the pool hash is taken over), the same stations and
 * names, and snapshot chunks that decompress to the pages. (The whole draw through the reader
 * thread, with verification and tampering, is in inspections.routes.test.ts and test/draw-cli.)
 */
describe("the draw job's register reader", () => {
  const dir = mkdtempSync(join(tmpdir(), 'jg-pool-reader-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const PAGE = 7

  async function register(path: string, n: number): Promise<DbHandle> {
    const h = createDb({ driver: 'sqlite', path, synchronous: 'NORMAL', checkpoint: 'inline' })
    await sql`create table market_entity (id text primary key, name text not null, uscc text, status text not null, risk_class text, station_unit_id text)`.execute(
      h.db,
    )
    await sql`create index market_entity_draw_idx on market_entity (id, status, risk_class, station_unit_id)`.execute(h.db)
    for (let i = 0; i < n; i++) {
      const id = `e${String(i).padStart(4, '0')}`
      await sql`insert into market_entity (id, name, uscc, status, risk_class, station_unit_id) values (${id}, ${`对象${i}`}, ${i % 3 ? `U${i}` : null}, ${i % 5 ? 'active' : 'cancelled'}, ${['A', 'B', null][i % 3]}, ${i % 4 ? `S${i % 4}` : null})`.execute(
        h.db,
      )
    }
    return h
  }
  const pageQuery = (h: DbHandle) =>
    compilePageQuery(
      h.db,
      (after) => sql<{ lines: string | null }>`select group_concat(p.l, char(10)) as lines from (
    select id || '|' || coalesce(risk_class, 'N') as l from market_entity where status = ${'active'} and id > ${after} order by id limit ${PAGE}) p`,
    )
  async function drain(src: PoolSource): Promise<string[]> {
    const pages: string[] = []
    for (let p = await src.nextPage(); p !== null; p = await src.nextPage()) pages.push(p)
    expect(await src.nextPage()).toBeNull()
    return pages
  }

  it('on a SQLite file reads in a thread exactly what the connection reads: pages, stations, names, compressed chunks', async () => {
    const h = await register(join(dir, 'a.db'), 60)
    try {
      const full = (
        await sql<{
          t: string
        }>`select group_concat(id || '|' || coalesce(risk_class, 'N'), char(10)) as t from (select * from market_entity where status = 'active' order by id)`.execute(
          h.db,
        )
      ).rows[0]!.t
      const excluded = sql<{ id: string }>`select id from market_entity where status = 'active' and risk_class = ${'B'} order by id`.compile(h.db)
      const worker = await openPoolSource(h.db, 'sqlite', pageQuery(h), { excluded })
      const inThread = await openPoolSource(h.db, 'sqlite', pageQuery(h), { inThread: true, excluded })
      try {
        expect(worker.kind).toBe('worker')
        expect(inThread.kind).toBe('connection')
        const ex = await worker.excludedIds()
        expect(ex).toEqual(await inThread.excludedIds())
        expect(ex.slice(0, 3)).toEqual(['e0001', 'e0004', 'e0007'])
        const pages = await drain(worker)
        expect(pages.length).toBe(Math.ceil(48 / PAGE))
        expect(pages.join('\n')).toBe(full)
        expect(await drain(inThread)).toEqual(pages)
        expect(lastIdOf(pages[0]!)).toBe('e0008')

        const ids = ['e0003', 'e0004', 'e0001', 'missing', 'e0059']
        const stations = await worker.stations(ids)
        expect(stations).toEqual(await inThread.stations(ids))
        expect(stations).toEqual(['S3', null, 'S1', null, 'S3'])
        expect(await worker.stations([])).toEqual([])
        const names = await worker.names(ids)
        expect(names).toEqual(await inThread.names(ids))
        expect(names.get('e0003')).toEqual({ name: '对象3', uscc: null })
        expect(names.get('e0004')).toEqual({ name: '对象4', uscc: 'U4' })
        expect(names.has('missing')).toBe(false)

        const [fromWorker, fromPool] = await Promise.all([worker.compress(pages), inThread.compress(pages)])
        expect(fromWorker.map((b) => brotliDecompressSync(b).toString('utf8'))).toEqual(pages.map((p) => `${p}\n`))
        expect(fromWorker.map((b) => b.toString('base64'))).toEqual(fromPool.map((b) => b.toString('base64')))
      } finally {
        await worker.close()
        await worker.close()
        await inThread.close()
      }
    } finally {
      await h.close()
    }
  })

  it('reads one snapshot: what the app commits during the read is not in the later pages', async () => {
    const h = await register(join(dir, 'b.db'), 40)
    try {
      const src = await openPoolSource(h.db, 'sqlite', pageQuery(h))
      try {
        expect(await src.excludedIds()).toEqual([])
        const first = await src.nextPage()
        expect(first).not.toBeNull()
        await sql`insert into market_entity (id, name, status, risk_class) values ('e9999', '新设对象', 'active', 'A')`.execute(h.db)
        const rest = await drain(src)
        expect([first, ...rest].join('\n')).not.toContain('e9999')
        // …while a lookup of the new entity in the same snapshot finds nothing either.
        expect(await src.stations(['e9999', 'e0001'])).toEqual([null, 'S1'])
      } finally {
        await src.close()
      }
      const after = await openPoolSource(h.db, 'sqlite', pageQuery(h))
      try {
        expect((await drain(after)).join('\n')).toContain('e9999|A')
      } finally {
        await after.close()
      }
    } finally {
      await h.close()
    }
  })

  it('in memory it reads through the connection; a failing query rejects and close() still ends the thread', async () => {
    const mem = await register(':memory:', 10)
    try {
      const src = await openPoolSource(mem.db, 'sqlite', pageQuery(mem))
      expect(src.kind).toBe('connection')
      expect((await drain(src)).join('\n').split('\n')).toHaveLength(8)
      await src.close()
    } finally {
      await mem.close()
    }
    const h = await register(join(dir, 'c.db'), 10)
    try {
      const bad = await openPoolSource(h.db, 'sqlite', { sql: 'select lines from no_such_table where x > ?', parameters: [''], afterAt: 0 })
      const badList = await openPoolSource(h.db, 'sqlite', pageQuery(h), { excluded: { sql: 'select id from no_such_list', parameters: [] } })
      await expect(badList.excludedIds()).rejects.toThrow(/no_such_list/)
      await expect(badList.nextPage()).rejects.toThrow(/no_such_list/)
      await badList.close()
      await expect(bad.nextPage()).rejects.toThrow(/no_such_table/)
      await expect(bad.stations(['e0001'])).rejects.toThrow(/no_such_table/)
      await bad.close()
    } finally {
      await h.close()
    }
  })
})

import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { constants as zlibConstants } from 'node:zlib'
import { CompiledQuery, sql } from 'kysely'
import type { Db, Dialect } from '../../core/db/database'
import { compressText, SNAPSHOT_BROTLI_PARAMS } from './inspections.snapshot'

/**
 * Where the draw job reads the register from: the pool in keyset pages of canonical text, then
 * the daily stations and the names of the drawn targets.
 *
 * On a SQLite file the reads run in a worker thread with its own read-only connection, inside one
 * read transaction: the pages are built by the database while the job's thread checks and hashes
 * the previous ones (the two overlap on a multi-core machine), every page and lookup sees the same
 * committed snapshot of the register (WAL), and the job's thread is free to answer requests while
 * the database works. On PostgreSQL (the server does the work in its own process) and on an
 * in-memory SQLite database (no second connection can see it) the job's own connection reads, the
 * next PostgreSQL page requested before the current one is hashed.
 */
export interface PoolSource {
  readonly kind: 'worker' | 'connection'
  /** The ids the `excluded` query listed (read before the first page, in the same snapshot); [] without one. */
  excludedIds(): Promise<string[]>
  /** The next page (`entityId|stratum` lines joined by LF, no trailing LF), or null after the last. */
  nextPage(): Promise<string | null>
  /**
   * The daily station of each id, in the order given (null if none, or if the id is not in the
   * register). Ids given in canonical order are looked up without sorting.
   */
  stations(ids: readonly string[]): Promise<Array<string | null>>
  /** Name and USCC of each id; ids missing from the register are absent. Ids as for stations(). */
  names(ids: readonly string[]): Promise<Map<string, { name: string; uscc: string | null }>>
  /**
   * The pages compressed for the snapshot (each with its LF terminator, Brotli with
   * SNAPSHOT_BROTLI_PARAMS), off the caller's thread: in the reader thread after the requests
   * made before (one page at a time, so later lookups wait for one page at most), or in the
   * thread pool.
   */
  compress(pages: readonly string[]): Promise<Buffer[]>
  /** Ends the read (and the worker). Safe to call more than once. */
  close(): Promise<void>
}

/** One keyset page query: `sql` with the id after which the page starts at `parameters[afterAt]`. */
export interface PageQuery {
  sql: string
  parameters: readonly unknown[]
  afterAt: number
}
/** A query listing ids (its first column). */
export interface IdsQuery {
  sql: string
  parameters: readonly unknown[]
}

/** Ids per lookup statement. */
const LOOKUP_BATCH = 500
/** Pages handed to the reader thread for compression at a time (bounds the copies in flight: ~2 MB each). */
const COMPRESS_WINDOW = 32

/**
 * The page query compiled once: `build(after)` must put `after` into the query as a parameter; a
 * sentinel value finds which one.
 */
export function compilePageQuery(db: Db, build: (after: string) => { compile(db: Db): CompiledQuery }): PageQuery {
  const sentinel = '\u0000jg-after\u0000'
  const c = build(sentinel).compile(db)
  const afterAt = c.parameters.indexOf(sentinel)
  if (afterAt < 0 || c.parameters.lastIndexOf(sentinel) !== afterAt) throw new Error('page query must use its keyset value exactly once')
  return { sql: c.sql, parameters: c.parameters, afterAt }
}

/** The id of the last line of a page. */
export function lastIdOf(lines: string): string {
  return lines.slice(lines.lastIndexOf('\n') + 1, lines.lastIndexOf('|'))
}

/** The SQLite file behind `db`, or null (PostgreSQL, in-memory or temporary database). */
async function sqliteFile(db: Db, dialect: Dialect): Promise<string | null> {
  if (dialect !== 'sqlite') return null
  const main = (await sql<{ name: string; file: string }>`pragma database_list`.execute(db)).rows.find((r) => r.name === 'main')
  return main?.file ? main.file : null
}

/**
 * Opens the source of one draw: a worker on a SQLite file (unless `inThread`), the connection
 * otherwise. `excluded` (optional) lists ids to leave out of the pool; it runs first. Call close()
 * when done, also on failure.
 */
export async function openPoolSource(
  db: Db,
  dialect: Dialect,
  page: PageQuery,
  opts: { inThread?: boolean; excluded?: IdsQuery | null } = {},
): Promise<PoolSource> {
  const file = opts.inThread ? null : await sqliteFile(db, dialect)
  return file ? workerSource(file, page, opts.excluded ?? null) : connectionSource(db, dialect, page, opts.excluded ?? null)
}

// ---------------------------------------------------------------------------------------------
// The job's own connection
// ---------------------------------------------------------------------------------------------

function connectionSource(db: Db, dialect: Dialect, page: PageQuery, excluded: IdsQuery | null): PoolSource {
  const run = async (after: string): Promise<string | null> => {
    const params = [...page.parameters]
    params[page.afterAt] = after
    const r = await db.executeQuery<{ lines: string | null }>(CompiledQuery.raw(page.sql, params))
    const lines = r.rows[0]?.lines ?? null
    return lines === null || lines.length === 0 ? null : lines
  }
  // The next page is requested as soon as the current one has arrived, so PostgreSQL builds it
  // while this process hashes the current one (SQLite's synchronous driver simply runs it then).
  let pending: Promise<string | null> | null = null
  let started = false
  const lookup = async <T>(ids: readonly string[], select: string, onRow: (r: Record<string, unknown>) => void) => {
    const sorted = [...ids].sort()
    for (let i = 0; i < sorted.length; i += LOOKUP_BATCH) {
      const part = sorted.slice(i, i + LOOKUP_BATCH)
      const list = part.map((_, k) => (dialect === 'postgres' ? `$${k + 1}` : '?')).join(', ')
      const r = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`select ${select} from market_entity where id in (${list})`, part))
      for (const x of r.rows) onRow(x)
    }
    return undefined as T
  }
  return {
    kind: 'connection',
    async excludedIds() {
      if (!excluded) return []
      const r = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(excluded.sql, [...excluded.parameters]))
      return r.rows.map((x) => Object.values(x)[0] as string)
    },
    async nextPage() {
      if (!started) {
        started = true
        pending = run('')
      }
      if (!pending) return null
      const lines = await pending
      pending = lines === null ? null : run(lastIdOf(lines))
      // A page the caller never takes (failure) must not become an unhandled rejection.
      pending?.catch(() => undefined)
      return lines
    },
    async stations(ids) {
      const found = new Map<string, string | null>()
      await lookup(ids, 'id, station_unit_id as station', (r) => found.set(r.id as string, (r.station as string | null) ?? null))
      return ids.map((id) => found.get(id) ?? null)
    },
    async names(ids) {
      const out = new Map<string, { name: string; uscc: string | null }>()
      await lookup(ids, 'id, name, uscc', (r) => out.set(r.id as string, { name: r.name as string, uscc: (r.uscc as string | null) ?? null }))
      return out
    },
    compress(pages) {
      return Promise.all(pages.map((p) => compressText(`${p}\n`)))
    },
    async close() {
      pending = null
    },
  }
}

// ---------------------------------------------------------------------------------------------
// The worker thread
// ---------------------------------------------------------------------------------------------

/*
 * The reader thread: a read-only connection to the file, one read transaction for the whole draw
 * (the snapshot is taken by the first read and held until 'close'). Requests, answered in order:
 *   { op: 'pages', id, sql, parameters, afterAt, excluded }
 *                                              → { op: 'rows', id, rows: [[id], …] } (what excluded.sql
 *                                                lists; none without), then { op: 'page', lines } … { op: 'end' }
 *   { op: 'stations', id, ids }                → { op: 'stations', id, values, codes } (the distinct
 *                                                stations, and per id its index in values or -1)
 *   { op: 'names', id, ids }                   → { op: 'rows', id, rows: [[id, name, uscc], …] }
 *   { op: 'compress', id, text }               → { op: 'bytes', id, data } (Brotli of text + LF)
 *   { op: 'close' }                            → the thread ends
 * and { op: 'error', id?, message } when a request fails. Ids are looked up in sorted batches of
 * LOOKUP_BATCH; stations through the covering index market_entity_draw_idx when it exists (the
 * register rows are ~5× wider). CommonJS source for `new Worker(…, { eval: true })`, so it runs
 * the same under tsx, node and a bundler.
 */
const READER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driverPath)
const { brotliCompressSync } = require('node:zlib')
const BATCH = workerData.batch
let db = null
const fail = (e, id) => parentPort.postMessage({ op: 'error', id, message: e && e.message ? e.message : String(e) })
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  db.pragma('cache_size = -16384')
  db.exec('begin')
  db.prepare('select count(*) from sqlite_master').get()
} catch (e) {
  fail(e)
}
const hasDrawIdx = () => !!db.prepare("select 1 from sqlite_master where type = 'index' and name = 'market_entity_draw_idx'").get()
const lookup = (ids, columns, from) => {
  const sorted = ids.slice().sort()
  const full = db.prepare('select ' + columns + ' from ' + from + ' where id in (' + new Array(BATCH).fill('?').join(', ') + ')').raw(true)
  const rows = []
  for (let i = 0; i < sorted.length; i += BATCH) {
    const part = sorted.slice(i, i + BATCH)
    const stmt = part.length === BATCH ? full : db.prepare('select ' + columns + ' from ' + from + ' where id in (' + part.map(() => '?').join(', ') + ')').raw(true)
    for (const r of stmt.all(part)) rows.push(r)
  }
  return rows
}
parentPort.on('message', (m) => {
  if (m.op === 'close') {
    try { if (db) { if (db.inTransaction) db.exec('commit'); db.close() } } catch {}
    parentPort.close()
    return
  }
  if (!db) return fail(new Error('reader connection not open'), m.id)
  try {
    if (m.op === 'pages') {
      parentPort.postMessage({ op: 'rows', id: m.id, rows: m.excluded ? db.prepare(m.excluded.sql).raw(true).all(m.excluded.parameters) : [] })
      const stmt = db.prepare(m.sql).pluck()
      const params = m.parameters.slice()
      let after = ''
      for (;;) {
        params[m.afterAt] = after
        const lines = stmt.get(params)
        if (lines === null || lines === undefined || lines.length === 0) break
        parentPort.postMessage({ op: 'page', lines })
        after = lines.slice(lines.lastIndexOf('\\n') + 1, lines.lastIndexOf('|'))
      }
      parentPort.postMessage({ op: 'end' })
    } else if (m.op === 'stations') {
      // A few hundred distinct stations: sent once each, with an index per id.
      const found = new Map()
      for (const r of lookup(m.ids, 'id, station_unit_id', hasDrawIdx() ? 'market_entity indexed by market_entity_draw_idx' : 'market_entity')) found.set(r[0], r[1])
      const values = []
      const index = new Map()
      const codes = new Int32Array(m.ids.length)
      for (let i = 0; i < m.ids.length; i++) {
        const st = found.get(m.ids[i])
        if (st === undefined || st === null) { codes[i] = -1; continue }
        let k = index.get(st)
        if (k === undefined) { k = values.length; values.push(st); index.set(st, k) }
        codes[i] = k
      }
      parentPort.postMessage({ op: 'stations', id: m.id, values, codes }, [codes.buffer])
    } else if (m.op === 'names') {
      parentPort.postMessage({ op: 'rows', id: m.id, rows: lookup(m.ids, 'id, name, uscc', 'market_entity') })
    } else if (m.op === 'compress') {
      const input = Buffer.from(m.text + '\\n', 'utf8')
      const params = Object.assign({}, workerData.brotli, { [workerData.sizeHintParam]: input.length })
      const out = brotliCompressSync(input, { params })
      const own = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength
      const data = own ? out : Buffer.from(out)
      parentPort.postMessage({ op: 'bytes', id: m.id, data }, [data.buffer])
    } else {
      fail(new Error('unknown request ' + m.op), m.id)
    }
  } catch (e) {
    // A failed read fails everything waiting for it; a failed lookup only its request.
    fail(e, m.op === 'pages' ? undefined : m.id)
  }
})
`

function workerSource(file: string, page: PageQuery, excluded: IdsQuery | null): PoolSource {
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(READER_SOURCE, {
    eval: true,
    workerData: { path: file, driverPath, batch: LOOKUP_BATCH, brotli: SNAPSHOT_BROTLI_PARAMS, sizeHintParam: zlibConstants.BROTLI_PARAM_SIZE_HINT },
  })
  const pages: Array<string | null> = []
  let pageWaiter: { resolve: (v: string | null) => void; reject: (e: Error) => void } | null = null
  let failure: Error | null = null
  let ended = false
  let nextId = 1
  const lookups = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  let closed: Promise<void> | null = null
  let exited = false

  const failAll = (e: Error) => {
    failure ??= e
    pageWaiter?.reject(e)
    pageWaiter = null
    for (const l of lookups.values()) l.reject(e)
    lookups.clear()
  }
  worker.on(
    'message',
    (m: { op: string; id?: number; lines?: string; rows?: unknown[][]; data?: Uint8Array; values?: string[]; codes?: Int32Array; message?: string }) => {
      if (m.op === 'page' || m.op === 'end') {
        const v = m.op === 'page' ? m.lines! : null
        if (pageWaiter) {
          pageWaiter.resolve(v)
          pageWaiter = null
        } else pages.push(v)
      } else if (m.op === 'rows' || m.op === 'bytes' || m.op === 'stations') {
        const v =
          m.op === 'rows'
            ? m.rows!
            : m.op === 'bytes'
              ? Buffer.from(m.data!.buffer, m.data!.byteOffset, m.data!.byteLength)
              : Array.from(m.codes!, (k) => (k < 0 ? null : m.values![k]!))
        lookups.get(m.id!)?.resolve(v)
        lookups.delete(m.id!)
      } else if (m.op === 'error') {
        const e = new Error(m.message ?? '读取检查对象名录失败')
        if (m.id !== undefined && lookups.has(m.id)) {
          lookups.get(m.id)!.reject(e)
          lookups.delete(m.id)
        } else failAll(e)
      }
    },
  )
  worker.on('error', (e) => failAll(e))
  worker.on('exit', (code) => {
    exited = true
    // Whatever is still waiting will not be answered any more.
    failAll(new Error(closed ? '读取线程已关闭' : `读取线程意外退出（${code}）`))
  })
  const request = <T>(message: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      if (failure) return reject(failure)
      if (closed) return reject(new Error('读取线程已关闭'))
      const id = nextId++
      lookups.set(id, { resolve: resolve as (v: unknown) => void, reject })
      worker.postMessage({ ...message, id })
    })
  // The exclusion list first, then the pages, all in the thread's snapshot.
  const excludedRows = request<unknown[][]>({ op: 'pages', sql: page.sql, parameters: page.parameters, afterAt: page.afterAt, excluded })
  excludedRows.catch(() => undefined)

  return {
    kind: 'worker',
    async excludedIds() {
      return (await excludedRows).map((r) => r[0] as string)
    },
    nextPage() {
      if (ended) return Promise.resolve(null)
      if (pages.length > 0) {
        const v = pages.shift()!
        if (v === null) ended = true
        return Promise.resolve(v)
      }
      if (failure) return Promise.reject(failure)
      return new Promise<string | null>((resolve, reject) => {
        pageWaiter = {
          resolve: (v) => {
            if (v === null) ended = true
            resolve(v)
          },
          reject,
        }
      })
    },
    stations(ids) {
      return request<Array<string | null>>({ op: 'stations', ids })
    },
    async names(ids) {
      const rows = await request<unknown[][]>({ op: 'names', ids })
      return new Map(rows.map((r) => [r[0] as string, { name: r[1] as string, uscc: (r[2] as string | null) ?? null }]))
    },
    compress(texts) {
      // A window of pages handed over at a time (each message is a copy of its text).
      return new Promise<Buffer[]>((resolve, reject) => {
        const out: Buffer[] = new Array<Buffer>(texts.length)
        let next = 0
        let done = 0
        let failed = false
        const pump = () => {
          while (!failed && next < texts.length && next - done < COMPRESS_WINDOW) {
            const i = next++
            request<Buffer>({ op: 'compress', text: texts[i] }).then(
              (b) => {
                out[i] = b
                if (++done === texts.length) resolve(out)
                else pump()
              },
              (e: Error) => {
                failed = true
                reject(e)
              },
            )
          }
        }
        if (texts.length === 0) resolve(out)
        else pump()
      })
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        if (exited) return resolve()
        const t = setTimeout(() => void worker.terminate(), 5_000)
        worker.once('exit', () => {
          clearTimeout(t)
          resolve()
        })
        worker.postMessage({ op: 'close' })
      })
      return closed
    },
  }
}

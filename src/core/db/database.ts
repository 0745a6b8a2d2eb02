import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import {
  CamelCasePlugin,
  Kysely,
  PostgresDialect,
  sql,
  SqliteDialect,
  SqliteQueryCompiler,
  ValueNode,
  type LimitNode,
  type OffsetNode,
  type Transaction,
} from 'kysely'
import pg from 'pg'
import type { DbConfig } from '../config'
import { withNamedStatements } from './pg-named'
import { WalSqliteDriver } from './sqlite-driver'
import type { Database } from './types'

export type Db = Kysely<Database>
export type Trx = Transaction<Database>
/** Either the root handle or a transaction: every repository method accepts one. */
export type Executor = Db | Trx
export type Dialect = 'sqlite' | 'postgres'

// int8 (count(*), bigint sums) arrives as a string from pg; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10))

export interface DbHandle {
  db: Db
  dialect: Dialect
  /** The better-sqlite3 connection (SQLite only), for bulk paths in core/db/bulk.ts. */
  sqlite?: SQLite.Database
  close(): Promise<void>
}

/**
 * SQLite compiler whose LIMIT and OFFSET parameters are wrapped in `cast(? as integer)`.
 * better-sqlite3's SQLite is built with STAT4: a bare parameter in LIMIT/OFFSET is one the planner
 * may read, so every execution with (re)bound values re-prepares the statement — measured at
 * 5–15 µs per call, more than the indexed lookup itself. Wrapped, the value is still bound (same
 * statement text for every page) but no longer part of planning.
 */
class JgSqliteQueryCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    this.append('limit ')
    this.visitIntegerParam(node.limit)
  }
  protected override visitOffset(node: OffsetNode): void {
    this.append('offset ')
    this.visitIntegerParam(node.offset)
  }
  private visitIntegerParam(node: LimitNode['limit']) {
    if (!ValueNode.is(node)) return this.visitNode(node)
    this.append('cast(')
    this.visitNode(node)
    this.append(' as integer)')
  }
}
class JgSqliteDialect extends SqliteDialect {
  readonly #driver: WalSqliteDriver
  constructor(opts: { writer: SQLite.Database; reader: SQLite.Database | null; cacheSize?: number }) {
    super({ database: opts.writer })
    this.#driver = new WalSqliteDriver(opts)
  }
  override createDriver() {
    return this.#driver
  }
  override createQueryCompiler() {
    return new JgSqliteQueryCompiler()
  }
}

/** Opens the configured database: better-sqlite3 (WAL) by default, pg when DATABASE_URL is set. */
export function createDb(config: DbConfig): DbHandle {
  if (config.driver === 'postgres') {
    // JIT off for the app's sessions: it compiles any statement whose estimate passes jit_above_cost
    // (a count over many candidate rows, a wide report), 50–200 ms of CPU for queries that run in
    // a few; the app's statements are short OLTP reads and writes. Behind a pooler that refuses
    // startup options the operator turns this off and sets jit on the role (README).
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolMax, ...(config.jitOffAtConnect ? { options: '-c jit=off' } : {}) })
    // An idle client that loses its connection (server restart, pg_terminate_backend) emits an
    // error on the pool; unhandled, it would crash the process. The pool replaces the client.
    pool.on('error', (err) => {
      process.emitWarning(`PostgreSQL 连接中断，已从连接池移除：${err.message}`)
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) as never }), plugins: [new CamelCasePlugin()] })
    return { db, dialect: 'postgres', close: () => db.destroy() }
  }
  if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true })
  const sqlite = new SQLite(config.path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma(`synchronous = ${config.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`)
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // 64 MiB page cache: bulk imports into indexed tables of millions of rows stay off the disk.
  sqlite.pragma('cache_size = -65536')
  sqlite.pragma('temp_store = MEMORY')
  const checkpointer = config.path !== ':memory:' && config.checkpoint !== 'inline' ? startCheckpointer(sqlite, config.path) : null
  // Reads outside transactions go to a second connection and never wait for the writer
  // (core/db/sqlite-driver.ts). An in-memory database cannot be opened twice: one connection.
  const reader = config.path === ':memory:' ? null : openReader(config.path, 65536)
  const db = new Kysely<Database>({ dialect: new JgSqliteDialect({ writer: sqlite, reader }), plugins: [new CamelCasePlugin()] })
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    close: async () => {
      await checkpointer?.stop()
      await db.destroy()
    },
  }
}

/** A read-only connection to an existing SQLite file (WAL: it reads the last committed state). */
function openReader(path: string, cacheKiB: number): SQLite.Database {
  const r = new SQLite(path, { readonly: true, fileMustExist: true })
  r.pragma('busy_timeout = 5000')
  r.pragma(`cache_size = -${cacheKiB}`)
  return r
}

/** A connection for one long read, and how to let it go. */
export interface ReadConnection {
  db: Db
  close(): Promise<void>
}

/**
 * A separate read-only connection to the app's SQLite file with a small page cache (2 MiB by
 * default), for long sequential reads such as a million-row export: through the app's connection
 * they would fill its 64 MiB cache (memory the process then keeps) and evict the pages every other
 * request needs. Each statement reads a committed snapshot, as on the app's connection (WAL). On
 * PostgreSQL (the pool's connections are separate already, and the cache is the server's) and for
 * an in-memory SQLite database (no second connection can see it) this is the app's handle itself,
 * and close() does nothing.
 */
export async function openReadConnection(db: Db, dialect: Dialect, cacheKiB = 2048): Promise<ReadConnection> {
  const shared: ReadConnection = { db, close: async () => {} }
  if (dialect !== 'sqlite') return shared
  const main = (await sql<{ name: string; file: string }>`pragma database_list`.execute(db)).rows.find((r) => r.name === 'main')
  if (!main?.file) return shared
  const sqlite = openReader(main.file, Math.max(64, Math.round(cacheKiB)))
  const reader = new Kysely<Database>({ dialect: new JgSqliteDialect({ writer: sqlite, reader: null, cacheSize: 20 }), plugins: [new CamelCasePlugin()] })
  return { db: reader, close: () => reader.destroy() }
}

/*
 * The WAL checkpointer's thread: its own connection to the same file, a PASSIVE checkpoint (never
 * waits for, nor blocks, the app's readers and writer) whenever the WAL holds frames not yet copied
 * back, at most every `intervalMs`. CommonJS source for `new Worker(…, { eval: true })`, so it runs
 * the same under tsx, node and a bundler.
 */
const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driverPath)
const db = new Database(workerData.path)
db.pragma('busy_timeout = 1000')
let timer = null
const tick = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // Busy or a transient I/O error: the next tick tries again.
  }
  timer = setTimeout(tick, workerData.intervalMs)
}
parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearTimeout(timer)
    try { db.close() } catch {}
    parentPort.close()
  }
})
timer = setTimeout(tick, workerData.intervalMs)
`

/**
 * Moves WAL checkpoints off the request path. By default SQLite checkpoints inside the commit
 * that pushes the WAL past 1,000 pages, and a checkpoint ends with an fsync of the database file —
 * the event loop stops for as long as the disk takes (tens of milliseconds on a busy disk) and
 * every request in flight waits. Here the app's connection never checkpoints; a worker thread
 * does, every 200 ms. If the worker fails, the connection takes checkpoints back (and a warning
 * is emitted), so the WAL never grows without bound.
 */
function startCheckpointer(sqlite: SQLite.Database, path: string, intervalMs = 200) {
  sqlite.pragma('wal_autocheckpoint = 0')
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(CHECKPOINTER_SOURCE, { eval: true, workerData: { path, driverPath, intervalMs } })
  worker.unref()
  let stopping = false
  const fallBack = (why: string) => {
    if (stopping || !sqlite.open) return
    sqlite.pragma('wal_autocheckpoint = 1000')
    process.emitWarning(`SQLite 后台检查点线程失败，改由主连接自动检查点：${why}`)
  }
  worker.on('error', (e) => fallBack(e.message))
  worker.on('exit', (code) => {
    if (!stopping) fallBack(`线程退出（${code}）`)
  })
  return {
    async stop() {
      if (stopping) return
      stopping = true
      const exited = new Promise<void>((res) => worker.once('exit', () => res()))
      worker.postMessage('stop')
      const t = setTimeout(() => void worker.terminate(), 2_000)
      await exited
      clearTimeout(t)
    },
  }
}

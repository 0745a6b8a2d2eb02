import type SQLite from 'better-sqlite3'
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely'

/**
 * Kysely driver for better-sqlite3 in WAL mode with two connections to the same file: a writer and
 * a reader.
 *
 * Kysely's own SQLite driver has one connection behind a mutex, so a read waits for every open
 * transaction: while a 12315 intake batch (group commit, tens of items) was being written, every
 * other request — the session lookup of a page view included — queued behind it. In WAL mode a
 * reader never waits for the writer and sees the last committed state, so here:
 *  - a statement outside a transaction that does not write (sqlite3_stmt_readonly) runs at once on
 *    the reader connection, without the mutex;
 *  - transactions, writes, streams, pragmas and transaction control run on the writer, under the
 *    mutex, exactly as before (the connection keeps the mutex until Kysely releases it).
 * A read therefore never sees another request's uncommitted writes (with one connection it could
 * not either: it waited for the commit). Both connections are used from the one JS thread, so
 * nothing runs in parallel; what changes is only who waits for whom.
 *
 * Without a reader (an in-memory database cannot be shared) everything uses the writer, as
 * Kysely's driver does.
 */
export class WalSqliteDriver implements Driver {
  readonly #writer: SQLite.Database
  readonly #reader: SQLite.Database | null
  readonly #writerStatements: StatementCache
  readonly #readerStatements: StatementCache | null
  readonly #mutex = new Mutex()

  constructor(opts: { writer: SQLite.Database; reader: SQLite.Database | null; cacheSize?: number }) {
    this.#writer = opts.writer
    this.#reader = opts.reader
    this.#writerStatements = new StatementCache(opts.writer, opts.cacheSize ?? 500)
    this.#readerStatements = opts.reader ? new StatementCache(opts.reader, opts.cacheSize ?? 500) : null
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new WalConnection(this.#mutex, this.#writerStatements, this.#readerStatements)
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as WalConnection).lockWriter()
    await connection.executeQuery(CompiledQuery.raw('begin'))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdent(name)}`))
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteIdent(name)}`))
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteIdent(name)}`))
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    ;(connection as WalConnection).release()
  }

  async destroy(): Promise<void> {
    this.#reader?.close()
    this.#writer.close()
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/** Statements that must run on the writer even though SQLite calls them read-only. */
const WRITER_ONLY = /^\s*(begin|commit|end|rollback|savepoint|release|pragma|attach|detach|vacuum|analyze|reindex)\b/i

class WalConnection implements DatabaseConnection {
  #locked = false

  constructor(
    private readonly mutex: Mutex,
    private readonly writer: StatementCache,
    private readonly reader: StatementCache | null,
  ) {}

  /** Takes the writer for the rest of this connection's life (until Kysely releases it). */
  async lockWriter(): Promise<void> {
    if (this.#locked) return
    await this.mutex.lock()
    this.#locked = true
  }

  release(): void {
    if (!this.#locked) return
    this.#locked = false
    this.mutex.unlock()
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery
    if (!this.#locked && this.reader) {
      const entry = this.reader.get(sql)
      if (entry.readOnly) return { rows: (entry.stmt.reader ? entry.stmt.all(parameters) : (entry.stmt.run(parameters), [])) as R[] }
    }
    await this.lockWriter()
    const { stmt } = this.writer.get(sql)
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] }
    const { changes, lastInsertRowid } = stmt.run(parameters)
    return {
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    }
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // An open iterator keeps its connection busy (no other statement may run on it meanwhile):
    // streams take the writer and its mutex, as with one connection.
    await this.lockWriter()
    const { stmt } = this.writer.get(compiledQuery.sql)
    if (!stmt.reader) throw new Error('SQLite: only statements returning rows can be streamed')
    for (const row of stmt.iterate(compiledQuery.parameters)) yield { rows: [row as R] }
  }
}

/**
 * Prepared statements by SQL text, with whether the statement may run on the reader (it writes
 * nothing and is not transaction control or a pragma). Preparing costs more than running a typical
 * indexed lookup (Kysely's own driver prepares every query anew). Bounded: when full, the oldest
 * entry goes (a hot statement evicted is simply prepared again).
 */
interface CachedStatement {
  stmt: SQLite.Statement
  readOnly: boolean
}
class StatementCache {
  readonly #map = new Map<string, CachedStatement>()
  constructor(
    private readonly db: SQLite.Database,
    private readonly max: number,
  ) {}
  get(sql: string): CachedStatement {
    let entry = this.#map.get(sql)
    if (!entry) {
      const stmt = this.db.prepare(sql)
      entry = { stmt, readOnly: stmt.readonly && !WRITER_ONLY.test(sql) }
      if (this.#map.size >= this.max) this.#map.delete(this.#map.keys().next().value as string)
      this.#map.set(sql, entry)
    }
    return entry
  }
}

class Mutex {
  #promise: Promise<void> | undefined
  #resolve: (() => void) | undefined
  async lock(): Promise<void> {
    while (this.#promise) await this.#promise
    this.#promise = new Promise((resolve) => {
      this.#resolve = resolve
    })
  }
  unlock(): void {
    const resolve = this.#resolve
    this.#promise = undefined
    this.#resolve = undefined
    resolve?.()
  }
}

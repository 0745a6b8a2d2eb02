import { CompiledQuery, PostgresAdapter, type Compilable, type Kysely } from 'kysely'
import { registerNamedStatement } from './pg-named'

/**
 * A query built and compiled once, executed many times with new parameter values.
 *
 * Building and compiling a Kysely query (immutable operation nodes, plugin transforms, the SQL
 * visitor) costs tens of microseconds — several times the cost of running an indexed lookup on
 * SQLite. Hot paths that run on every request (session resolution, lookups by key) compile once:
 * the builder is called with unique placeholder strings, and each call swaps the real values into
 * the compiled parameter list. The query's shape must not depend on the values (no branching on
 * them inside `build`); values may only appear as bound parameters.
 */
export function preparedQuery<DB, Args extends readonly unknown[], R>(
  db: Kysely<DB>,
  arity: Args['length'],
  build: (db: Kysely<DB>, ...args: Args) => Compilable<R>,
): (...args: Args) => Promise<R[]> {
  const stmt = preparedStatement(arity, build)
  return (...args: Args) => stmt(db, ...args)
}

/**
 * `preparedQuery` for code that runs on a transaction as well as on the root handle: compiled on
 * first use (through whichever executor comes first; the SQL is the same), executed on the
 * executor passed with each call.
 */
export function preparedStatement<DB, Args extends readonly unknown[], R>(
  arity: Args['length'],
  build: (db: Kysely<DB>, ...args: Args) => Compilable<R>,
): (exec: Kysely<DB>, ...args: Args) => Promise<R[]> {
  // One compiled form per SQL dialect (placeholders differ: ? vs $1), should a process hold both.
  const byDialect = new Map<unknown, { query: CompiledQuery<R>; slots: Array<number | undefined> }>()
  const compile = (db: Kysely<DB>) => {
    const sentinels = Array.from({ length: arity }, (_, i) => `\u0000jg-param-${i}-${Math.random().toString(36).slice(2)}\u0000`)
    const c = build(db, ...(sentinels as unknown as Args)).compile()
    const slots = c.parameters.map((p) => {
      const i = sentinels.indexOf(p as string)
      return i === -1 ? undefined : i
    })
    for (let i = 0; i < arity; i++) if (!slots.includes(i)) throw new Error(`preparedQuery: argument ${i} is not bound as a parameter`)
    registerNamedStatement(c.sql)
    return { query: c, slots }
  }
  return async (exec: Kysely<DB>, ...args: Args) => {
    const dialectKey = exec.getExecutor().adapter.constructor
    let compiled = byDialect.get(dialectKey)
    if (!compiled) byDialect.set(dialectKey, (compiled = compile(exec)))
    const { query, slots } = compiled
    const parameters = slots.map((slot, i) => (slot === undefined ? query.parameters[i] : args[slot]))
    // Same SQL, operation tree and query id (plugins such as CamelCasePlugin map the result rows).
    const result = await exec.executeQuery<R>({ ...query, parameters })
    return result.rows
  }
}

/**
 * A single-row INSERT compiled once per column set: `insert(exec, row)` builds the SQL the first
 * time a table sees that set of (defined) columns and afterwards only binds the row's values.
 * Same statement as `exec.insertInto(table).values(row).execute()` — `undefined` columns are left
 * out exactly as Kysely leaves them out — without rebuilding and re-transforming the operation
 * tree of a wide row (the 12315 item has 70 columns) on every call.
 */
export interface CompiledInsert<DB> {
  (exec: Kysely<DB>, row: object): Promise<void>
  /** The statement for `row` on `exec`'s dialect (compiled once per column set), not executed: for {@link insertTogether}. */
  statement(exec: Kysely<DB>, row: object): { sql: string; parameters: unknown[] }
}

export function compiledInsert<DB>(table: keyof DB & string): CompiledInsert<DB> {
  type Shape = { query: CompiledQuery<unknown>; columns: string[]; slots: number[] }
  const shapes = new Map<string, Shape>()
  // The shape used last, per dialect: a hot caller inserts the same column set every time, and
  // comparing the keys in place is cheaper than building the map key of a 70-column row.
  const lastShape = new Map<unknown, Shape>()
  const sameColumns = (columns: string[], keys: string[], values: Record<string, unknown>) => {
    let j = 0
    for (const k of keys) {
      if (values[k] === undefined) continue
      if (columns[j++] !== k) return false
    }
    return j === columns.length
  }
  const statement = (exec: Kysely<DB>, row: object) => {
    const values = row as Record<string, unknown>
    const adapter = exec.getExecutor().adapter.constructor
    const keys = Object.keys(values)
    let shape = lastShape.get(adapter)
    if (!shape || !sameColumns(shape.columns, keys, values))
      shape = shapeFor(
        exec,
        adapter,
        keys.filter((k) => values[k] !== undefined),
      )
    const { query, slots, columns } = shape
    return { query, parameters: slots.map((s) => values[columns[s]!]) }
  }
  const insert = async (exec: Kysely<DB>, row: object) => {
    const { query, parameters } = statement(exec, row)
    await exec.executeQuery({ ...query, parameters })
  }
  return Object.assign(insert, {
    statement: (exec: Kysely<DB>, row: object) => {
      const { query, parameters } = statement(exec, row)
      return { sql: query.sql, parameters }
    },
  })
  function shapeFor(exec: Kysely<DB>, adapter: unknown, columns: string[]): Shape {
    const key = `${columns.join(',')}|${(adapter as { name: string }).name}`
    let shape = shapes.get(key)
    if (!shape) {
      const tag = Math.random().toString(36).slice(2)
      const sentinels = columns.map((_, i) => `\u0000jg-col-${i}-${tag}\u0000`)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const query = (exec as Kysely<any>)
        .insertInto(table)
        .values(Object.fromEntries(columns.map((c, i) => [c, sentinels[i]])))
        .compile()
      const slots = query.parameters.map((p) => sentinels.indexOf(p as string))
      if (slots.some((s) => s < 0) || new Set(slots).size !== columns.length) throw new Error(`compiledInsert(${table}): every column must be bound once`)
      registerNamedStatement(query.sql)
      shape = { query, columns, slots }
      if (shapes.size >= 64) shapes.delete(shapes.keys().next().value as string)
      shapes.set(key, shape)
    }
    lastShape.set(adapter, shape)
    return shape
  }
}

const combinedSql = new Map<string, string>()

/**
 * Several rows for {@link compiledInsert}s, written by one statement on PostgreSQL and one after
 * another elsewhere. On PostgreSQL every statement is a round trip to the server, and inside a
 * group commit (core/db/group-commit.ts) the round trips of all the batch's calls run one after
 * another on its connection: the rows of a new matter (its row, clocks, parties, first timeline
 * event) go as data-modifying CTEs of a single INSERT (`with w1 as (insert …), w2 as (insert …)
 * insert …`). Foreign keys between them hold: PostgreSQL checks them at the end of the statement.
 * The combined text is registered as a named statement (planned once per connection) and kept per
 * sequence of shapes, so its number is bounded by the code. SQLite runs in process: no round trip
 * to save, the rows are inserted in order.
 */
export async function insertTogether<DB>(exec: Kysely<DB>, rows: ReadonlyArray<readonly [CompiledInsert<DB>, object]>): Promise<void> {
  if (rows.length === 0) return
  if (rows.length === 1 || !(exec.getExecutor().adapter instanceof PostgresAdapter)) {
    for (const [insert, row] of rows) await insert(exec, row)
    return
  }
  const parts = rows.map(([insert, row]) => insert.statement(exec, row))
  const key = parts.map((p) => p.sql).join('\u0000')
  let text = combinedSql.get(key)
  if (!text) {
    let offset = 0
    const renumbered = parts.map((p) => {
      const at = offset
      offset += p.parameters.length
      // Kysely's INSERT text holds quoted identifiers and $n placeholders only (values are bound).
      return at === 0 ? p.sql : p.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + at}`)
    })
    const last = renumbered.pop()!
    text = `with ${renumbered.map((q, i) => `jg_w${i} as (${q})`).join(', ')} ${last}`
    registerNamedStatement(text)
    if (combinedSql.size >= 256) combinedSql.delete(combinedSql.keys().next().value as string)
    combinedSql.set(key, text)
  }
  await exec.executeQuery(
    CompiledQuery.raw(
      text,
      parts.flatMap((p) => p.parameters),
    ),
  )
}

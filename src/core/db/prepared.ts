import type { Compilable, CompiledQuery, Kysely } from 'kysely'
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
export function compiledInsert<DB>(table: keyof DB & string): (exec: Kysely<DB>, row: object) => Promise<void> {
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
  return async (exec, row) => {
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
    await exec.executeQuery({ ...query, parameters: slots.map((s) => values[columns[s]!]) })
  }
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

import type { Compilable, CompiledQuery, Kysely } from 'kysely'

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
  let compiled: { query: CompiledQuery<R>; slots: Array<number | undefined> } | undefined
  const compile = () => {
    const sentinels = Array.from({ length: arity }, (_, i) => `\u0000jg-param-${i}-${Math.random().toString(36).slice(2)}\u0000`)
    const c = build(db, ...(sentinels as unknown as Args)).compile()
    const slots = c.parameters.map((p) => {
      const i = sentinels.indexOf(p as string)
      return i === -1 ? undefined : i
    })
    for (let i = 0; i < arity; i++) if (!slots.includes(i)) throw new Error(`preparedQuery: argument ${i} is not bound as a parameter`)
    return { query: c, slots }
  }
  return async (...args: Args) => {
    compiled ??= compile()
    const { query, slots } = compiled
    const parameters = slots.map((slot, i) => (slot === undefined ? query.parameters[i] : args[slot]))
    // Same SQL, operation tree and query id (plugins such as CamelCasePlugin map the result rows).
    const result = await db.executeQuery<R>({ ...query, parameters })
    return result.rows
  }
}

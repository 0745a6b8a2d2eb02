import { createHash } from 'node:crypto'
import type pg from 'pg'

/**
 * Server-side prepared statements for the hot queries on PostgreSQL.
 *
 * Kysely sends every query as an unnamed statement, so PostgreSQL parses and plans it on every
 * execution; for the per-request lookups (session, entity by code, audit head, sequences) planning
 * costs several times the execution (a USCC lookup: ~0.1–0.4 ms to plan, 0.04 ms to run). Queries
 * compiled once by `core/db/prepared.ts` register their SQL text here; a connection then sends them
 * as named statements, which node-postgres parses once per connection and PostgreSQL plans once
 * (then reuses a generic plan). Only registered texts are named, so the number of statements per
 * connection stays bounded by the code, never by the data.
 */
const named = new Map<string, string>()

/** Marks a SQL text as a hot statement; its name is derived from the text (the same in every process). */
export function registerNamedStatement(sqlText: string): void {
  if (named.has(sqlText)) return
  named.set(sqlText, `jg_${createHash('sha1').update(sqlText).digest('hex').slice(0, 24)}`)
}

/** The pool as Kysely's PostgresDialect sees it, with registered texts sent as named statements. */
export function withNamedStatements(pool: pg.Pool) {
  return {
    async connect() {
      const client = await pool.connect()
      return {
        query(text: unknown, values?: unknown[]) {
          const name = typeof text === 'string' ? named.get(text) : undefined
          // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- pass-through of pg's overloads
          return name ? client.query({ name, text: text as string, values }) : (client.query as any)(text, values)
        },
        release(err?: Error | boolean) {
          client.release(err)
        },
      }
    },
    end: () => pool.end(),
  }
}

import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { configFrom } from '../src/core/config'
import { createDb } from '../src/core/db/database'
import { dialect } from './helpers'
import { pgUrlFor } from './pg'

/**
 * The app's PostgreSQL sessions run with JIT off, sent as a startup option; an installation behind a
 * pooler that refuses startup options (PgBouncer without ignore_startup_parameters = options) turns
 * that off with PG_JIT_OFF_AT_CONNECT=false and the connection then carries no `options` at all.
 */
describe.runIf(dialect === 'postgres')('PostgreSQL session settings', () => {
  const jitOf = async (env: Record<string, string>) => {
    const handle = createDb(configFrom({ DATABASE_URL: pgUrlFor('postgres'), PG_POOL_MAX: '1', ...env }).db)
    try {
      const r = await sql<{
        jit: string
        options: string | null
      }>`select current_setting('jit') as jit, (select setting from pg_settings where name = 'jit' and source = 'client') as options`.execute(handle.db)
      return r.rows[0]!
    } finally {
      await handle.close()
    }
  }

  it('JIT is off on every connection by default, and the startup option can be left out', async () => {
    expect(await jitOf({})).toMatchObject({ jit: 'off', options: 'off' })
    // Without the startup option the server's own setting applies (the client sent nothing).
    expect((await jitOf({ PG_JIT_OFF_AT_CONNECT: 'false' })).options).toBeNull()
  })
})

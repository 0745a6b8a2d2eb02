import { configFrom } from '../src/core/config'
import { openPlatform } from '../src/app'
import { adminQuery, PG_TEMPLATE, pgUrlFor } from './pg'

/**
 * Builds a migrated PostgreSQL template (with the built-in calendar and rule catalogue) once per
 * run; every test file clones it, so files are isolated and start in milliseconds.
 */
export default async function setup(): Promise<() => Promise<void>> {
  await adminQuery(`drop database if exists ${PG_TEMPLATE} with (force)`)
  await adminQuery(`create database ${PG_TEMPLATE}`)
  const s = await openPlatform(configFrom({ DATABASE_URL: pgUrlFor(PG_TEMPLATE) }), { migrate: true })
  await s.handle.close()
  return async () => {
    await adminQuery(`drop database if exists ${PG_TEMPLATE} with (force)`)
  }
}

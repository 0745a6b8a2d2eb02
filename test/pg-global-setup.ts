import { configFrom } from '../src/core/config'
import { openPlatform } from '../src/app'
import type { TestProject } from 'vitest/node'
import { adminQuery, pgUrlFor } from './pg'

/**
 * Builds a migrated PostgreSQL template (with the built-in calendar and rule catalogue) once per
 * run; every test file clones it, so files are isolated and start in milliseconds.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // One template per run, so two runs on one server (a developer's and CI's) never collide.
  const PG_TEMPLATE = `jg_tpl_${process.pid}_${Date.now().toString(36)}`
  project.provide('pgTemplate', PG_TEMPLATE)
  await adminQuery(`drop database if exists ${PG_TEMPLATE} with (force)`)
  await adminQuery(`create database ${PG_TEMPLATE}`)
  const s = await openPlatform(configFrom({ DATABASE_URL: pgUrlFor(PG_TEMPLATE) }), { migrate: true })
  await s.handle.close()
  return async () => {
    await adminQuery(`drop database if exists ${PG_TEMPLATE} with (force)`)
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string
  }
}

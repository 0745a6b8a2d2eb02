import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from './clock'
import type { Config } from './config'
import type { Db, Dialect } from './db/database'

/** What every module factory receives. Passed explicitly, never through Fastify decorators. */
export interface CoreDeps {
  db: Db
  dialect: Dialect
  clock: Clock
  config: Config
  logger?: FastifyBaseLogger
}

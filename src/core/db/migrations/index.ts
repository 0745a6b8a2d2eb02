import type { Migration } from 'kysely'
import * as m20261121000000 from './20261121000000_core'
import * as m20261121010000 from './20261121010000_entities'

/** Every migration, in order. Add new ones at the end; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '20261121000000_core': m20261121000000,
  '20261121010000_entities': m20261121010000,
}

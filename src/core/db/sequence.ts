import { sql, type Kysely } from 'kysely'
import { preparedStatement } from './prepared'
import type { Database } from './types'

/* The `number_sequence` table is created by the core migration; core knows it, modules use it. */
export interface NumberSequenceTable {
  name: string
  value: number
}
declare module './types' {
  interface Database {
    numberSequence: NumberSequenceTable
  }
}

/**
 * Gap-free counter for human-facing numbers (item numbers, lead numbers, document numbers).
 * Call inside the transaction that uses the number: the row stays locked until it commits (PostgreSQL
 * row lock from the upsert; SQLite serialises writers), so a rolled-back number is reused, never skipped
 * or handed out twice, even across app processes.
 */
const upsert = preparedStatement(1, (trx: Kysely<Database>, name: string) =>
  trx
    .insertInto('numberSequence')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql`number_sequence.value + 1` }))
    .returning('value'),
)

export async function nextNumber(trx: Kysely<Database>, name: string): Promise<number> {
  const [row] = await upsert(trx, name)
  if (!row) throw new Error(`number_sequence ${name}: no value returned`)
  return Number(row.value)
}

/** `prefix` + year + zero-padded per-year serial, e.g. XS2026000123. */
export async function nextYearlyNumber(trx: Kysely<Database>, prefix: string, year: number | string, width = 6): Promise<string> {
  const n = await nextNumber(trx, `${prefix}:${year}`)
  return `${prefix}${year}${String(n).padStart(width, '0')}`
}

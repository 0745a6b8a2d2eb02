import { CompiledQuery, PostgresAdapter, sql, type Kysely } from 'kysely'
import { registerNamedStatement } from './pg-named'
import { insertTogether, preparedStatement, type CompiledInsert } from './prepared'
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

/** The yearly number a new row takes in {@link insertNumbered}: `prefix` + year + serial of `width` digits, into `column` of the first row. */
export interface YearlyNumber {
  prefix: string
  year: number | string
  width: number
  /** Column of the first row (as the row object names it) that receives the number. */
  column: string
}

const numberedSql = new Map<string, string>()
const NUMBER_SLOT = '\u0000jg-yearly-number\u0000'

/**
 * The rows of a new matter (see {@link insertTogether}) with its yearly number drawn in the same
 * statement on PostgreSQL: the `number_sequence` upsert becomes the first data-modifying CTE, the
 * first row's `column` takes `prefix || year || serial` from it, and the statement returns the
 * number. Inside a group commit's batch that is one round trip per matter instead of two. The
 * number is gap-free exactly as with {@link nextYearlyNumber}: the sequence row stays locked until
 * the transaction ends, and a rollback returns the number. SQLite (in process) draws the number
 * first and inserts the rows in order. Returns the number; the first row's `column` is set to it.
 */
export async function insertNumbered<DB>(exec: Kysely<DB>, num: YearlyNumber, rows: ReadonlyArray<readonly [CompiledInsert<DB>, object]>): Promise<string> {
  const first = rows[0]?.[1] as Record<string, unknown> | undefined
  if (!first) throw new Error('insertNumbered: no rows')
  if (!(exec.getExecutor().adapter instanceof PostgresAdapter)) {
    first[num.column] = await nextYearlyNumber(exec as unknown as Kysely<Database>, num.prefix, num.year, num.width)
    await insertTogether(exec, rows)
    return first[num.column] as string
  }
  first[num.column] = NUMBER_SLOT
  const parts = rows.map(([insert, row]) => insert.statement(exec, row))
  const slot = parts[0]!.parameters.indexOf(NUMBER_SLOT)
  if (slot < 0) throw new Error(`insertNumbered: column ${num.column} is not among the first row's columns`)
  const key = `${num.width}\u0001${slot}\u0001${parts.map((p) => p.sql).join('\u0000')}`
  let text = numberedSql.get(key)
  if (!text) {
    // $1 = the sequence's name, $2 = prefix + year; the rows' own parameters follow.
    // The first row's number slot reads jg_no instead of a parameter; its later parameters move up one.
    let offset = 2
    const ctes = parts.map((p, i) => {
      const at = offset
      offset += p.parameters.length - (i === 0 ? 1 : 0)
      let q = p.sql.replace(/\$(\d+)/g, (_, d: string) => {
        const n = Number(d)
        if (i > 0) return `$${n + at}`
        return n === slot + 1 ? '(select n from jg_no)' : `$${(n > slot + 1 ? n - 1 : n) + at}`
      })
      if (i === 0) q += ` returning ${JSON.stringify(toSnake(num.column))} as n`
      return `jg_w${i} as (${q})`
    })
    // The serial as JavaScript's padStart writes it: zero-padded to the width, never cut.
    const serial = `case when length(s.value::text) >= ${num.width} then s.value::text else lpad(s.value::text, ${num.width}, '0') end`
    text =
      `with jg_seq as (insert into number_sequence (name, value) values ($1, 1) on conflict (name) do update set value = number_sequence.value + 1 returning value), ` +
      `jg_no as (select $2::text || ${serial} as n from jg_seq s), ${ctes.join(', ')} select n from jg_w0`
    registerNamedStatement(text)
    if (numberedSql.size >= 64) numberedSql.delete(numberedSql.keys().next().value as string)
    numberedSql.set(key, text)
  }
  const prefixYear = `${num.prefix}${num.year}`
  const r = await exec.executeQuery<{ n: string }>(
    CompiledQuery.raw(text, [
      `${num.prefix}:${num.year}`,
      prefixYear,
      ...parts.flatMap((p, i) => (i === 0 ? p.parameters.filter((_, k) => k !== slot) : p.parameters)),
    ]),
  )
  const n = r.rows[0]?.n
  if (!n) throw new Error(`number_sequence ${num.prefix}:${num.year}: no value returned`)
  first[num.column] = n
  return n
}

function toSnake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}

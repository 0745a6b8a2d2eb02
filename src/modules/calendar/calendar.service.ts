import { createRequire } from 'node:module'
import ExcelJS from 'exceljs'
import { assertCan, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { CoreDeps } from '../../core/deps'
import { createSharedCache } from '../../core/db/shared-cache'
import type { Executor } from '../../core/db/database'
import { constraintKind } from '../../core/db/dialect'
import { forbidden, validation } from '../../core/errors'
import type { AuditService } from '../audit'
import {
  addCalendarDays,
  addWorkingDays,
  buildCalendar,
  computeDeadline,
  dayKind,
  isWorkingDay,
  loadBuiltinCalendarEntries,
  parseCalendarRows,
  parseHolidayCnYear,
  workingDaysBetween,
  type CalendarData,
  type CalendarEntry,
  type CalendarYear,
  type DeadlineInput,
} from './calendar.domain'

export type ImportInput =
  | { format: 'holiday-cn'; data: unknown; notice?: string }
  | { format: 'rows'; year: number; rows: Array<{ date: string; kind: string; name: string }>; notice?: string }
  | { format: 'xlsx'; year: number; contentBase64: string; notice?: string }

/**
 * The official holiday and 调休 calendar as data. Built-in years come from chinese-days; an
 * administrator imports a newly published year (holiday-cn JSON, or an Excel/rows sheet). The
 * engine itself is the pure `calendar.domain.ts`.
 */
export function createCalendarService({ db, clock, audit }: Pick<CoreDeps, 'db' | 'clock'> & { audit: AuditService }) {
  async function loadFromDb(): Promise<CalendarData> {
    const [years, days] = await Promise.all([
      db.selectFrom('calendarYear').select('year').execute(),
      db.selectFrom('calendarDay').select(['date', 'kind', 'name']).execute(),
    ])
    return buildCalendar(
      days as CalendarEntry[],
      years.map((y) => y.year),
    )
  }
  const shared = createSharedCache({ db, clock, key: 'calendar_version', load: loadFromDb })

  /** The calendar in force, cached per process and refreshed when another process imports a year. */
  const calendar = (): Promise<CalendarData> => shared.get()

  async function writeYear(trx: Executor, y: CalendarYear, source: string, notice: string | null, by: string | null) {
    await trx.deleteFrom('calendarDay').where('year', '=', y.year).execute()
    await trx.deleteFrom('calendarYear').where('year', '=', y.year).execute()
    await trx.insertInto('calendarYear').values({ year: y.year, source, notice, importedBy: by, importedAt: clock.now().toISOString() }).execute()
    // A schedule may start in late December of the previous year (the 2023 notice put 2022-12-31
    // off): such days are stored under the schedule that declared them, replacing any older entry.
    for (let i = 0; i < y.entries.length; i += 200) {
      await trx
        .insertInto('calendarDay')
        .values(y.entries.slice(i, i + 200).map((e) => ({ date: e.date, year: y.year, kind: e.kind, name: e.name })))
        .onConflict((oc) =>
          oc.column('date').doUpdateSet((eb) => ({ year: eb.ref('excluded.year'), kind: eb.ref('excluded.kind'), name: eb.ref('excluded.name') })),
        )
        .execute()
    }
  }

  /** Loads built-in years that the database does not have yet. Never overwrites an imported year. */
  async function ensureBuiltin(): Promise<number[]> {
    const require = createRequire(import.meta.url)
    const builtin = loadBuiltinCalendarEntries(require('chinese-days/dist/chinese-days.json') as Parameters<typeof loadBuiltinCalendarEntries>[0])
    const have = new Set((await db.selectFrom('calendarYear').select('year').execute()).map((r) => r.year))
    const missing = builtin.years.filter((y) => !have.has(y))
    if (missing.length === 0) return []
    try {
      await db.transaction().execute(async (trx) => {
        for (const year of missing) {
          await writeYear(trx, { year, entries: builtin.entries.filter((e) => e.date.startsWith(`${year}-`)) }, 'chinese-days', 'chinese-days 内置数据', null)
        }
        await shared.bump(trx)
      })
    } catch (e) {
      // Several app processes starting together on one PostgreSQL: another one loaded the same
      // years first. That is success, not a reason to fail start-up.
      if (constraintKind(e) !== 'unique') throw e
      const now = new Set((await db.selectFrom('calendarYear').select('year').execute()).map((r) => r.year))
      if (missing.some((y) => !now.has(y))) throw e
      shared.invalidate()
      return []
    }
    shared.invalidate()
    return missing
  }

  async function parseImport(input: ImportInput): Promise<CalendarYear> {
    if (input.format === 'holiday-cn') return parseHolidayCnYear(input.data)
    if (input.format === 'rows') return parseCalendarRows(input.year, input.rows)
    const wb = new ExcelJS.Workbook()
    try {
      await wb.xlsx.load(Buffer.from(input.contentBase64, 'base64') as unknown as ArrayBuffer)
    } catch {
      throw validation('无法读取 Excel 文件，请确认是 .xlsx 格式')
    }
    const ws = wb.worksheets[0]
    if (!ws) throw validation('Excel 文件中没有工作表')
    const rows: Array<{ date: string; kind: string; name: string }> = []
    ws.eachRow((row, n) => {
      if (n === 1) return // header: 日期 | 类型(休/班) | 名称
      const cell = (i: number) => {
        const v = row.getCell(i).value
        if (v instanceof Date) return v.toISOString().slice(0, 10)
        return v === null || v === undefined ? '' : String(typeof v === 'object' && 'text' in v ? v.text : v).trim()
      }
      if (rows.length > 400) throw validation('一年的节假日安排不应超过 400 行')
      rows.push({ date: cell(1), kind: cell(2), name: cell(3) })
    })
    return parseCalendarRows(input.year, rows)
  }

  /** Replaces one year's schedule from an import; audited with before/after. */
  async function importYear(ctx: Ctx, input: ImportInput) {
    // The State Council schedule is national: a district-scoped administrator may not replace it.
    if (!assertCan(ctx.actor, 'calendar.manage').all) throw forbidden('节假日安排全国统一，只有全局范围的管理员可以导入')
    const parsed = await parseImport(input)
    const notice = input.notice?.trim() || null
    await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('calendarDay').select(['date', 'kind', 'name']).where('year', '=', parsed.year).orderBy('date').execute()
      const beforeYear = await trx.selectFrom('calendarYear').selectAll().where('year', '=', parsed.year).executeTakeFirst()
      await writeYear(trx, parsed, 'import', notice, ctx.actor.userId)
      await shared.bump(trx)
      await audit.record(trx, ctx, {
        action: 'calendar.year.import',
        targetType: 'calendar_year',
        targetId: String(parsed.year),
        targetLabel: `${parsed.year} 年节假日安排`,
        before: beforeYear ? { source: beforeYear.source, days: before } : null,
        after: { source: 'import', notice, days: parsed.entries },
      })
    })
    shared.invalidate()
    return { year: parsed.year, days: parsed.entries.length }
  }

  async function listYears(ctx: Ctx) {
    assertCan(ctx.actor, 'calendar.read')
    const years = await db.selectFrom('calendarYear').selectAll().orderBy('year', 'desc').execute()
    const counts = await db
      .selectFrom('calendarDay')
      .select(['year', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['year', 'kind'])
      .execute()
    const current = Number(chinaDate(clock.now()).slice(0, 4))
    const rows = years.map((y) => ({
      year: y.year,
      source: y.source,
      notice: y.notice,
      importedAt: y.importedAt,
      offDays: Number(counts.find((c) => c.year === y.year && c.kind === 'off')?.n ?? 0),
      workDays: Number(counts.find((c) => c.year === y.year && c.kind === 'work')?.n ?? 0),
    }))
    const missing = [current, current + 1].filter((y) => !years.some((r) => r.year === y))
    return { items: rows, missingYears: missing }
  }

  /** Every day of a month with its kind, for the calendar page. */
  async function month(ctx: Ctx, year: number, monthNo: number) {
    assertCan(ctx.actor, 'calendar.read')
    const cal = await calendar()
    const days: Array<{ date: string; kind: string; name: string | null; working: boolean }> = []
    const last = new Date(Date.UTC(year, monthNo, 0)).getUTCDate()
    for (let d = 1; d <= last; d++) {
      const date = `${year}-${String(monthNo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
      days.push({ date, kind: dayKind(cal, date), name: cal.offDays.get(date) ?? cal.workDays.get(date) ?? null, working: isWorkingDay(cal, date) })
    }
    return { year, month: monthNo, loaded: cal.years.has(year), days }
  }

  return {
    calendar,
    ensureBuiltin,
    importYear,
    listYears,
    month,
    async addWorkingDays(start: string, n: number) {
      return addWorkingDays(await calendar(), start, n)
    },
    async addCalendarDays(start: string, n: number) {
      return addCalendarDays(await calendar(), start, n)
    },
    async workingDays(from: string, to: string) {
      return workingDaysBetween(await calendar(), from, to)
    },
    async isWorkingDay(date: string) {
      const cal = await calendar()
      return { working: isWorkingDay(cal, date), kind: dayKind(cal, date), loaded: cal.years.has(Number(date.slice(0, 4))) }
    },
    async computeDeadline(input: DeadlineInput) {
      return computeDeadline(await calendar(), input)
    },
  }
}
export type CalendarService = ReturnType<typeof createCalendarService>

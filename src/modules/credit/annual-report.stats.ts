import { sql } from 'kysely'
import type { Writable } from 'node:stream'
import { z } from 'zod'
import { assertCan, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { CoreDeps } from '../../core/deps'
import { writeXlsx } from '../../core/export'
import { daysLeft, reportRate, seasonOpen, seasonWindow } from './annual-report.domain'

export const SeasonQuery = z.object({ reportYear: z.coerce.number({ error: '请填写报告年度' }).int().min(2013, '报告年度过早').max(2100, '报告年度无效') })

/**
 * The annual-report season in figures, all counted in SQL: the season's dates and days left; due,
 * filed (on time / late) and owed; reminders sent per round; the after-season listing proposals by
 * state; and the rate rolled up through the organisation tree (a unit counts every entity whose
 * station lies in its subtree: 本单位及下级).
 */
export function createSeasonStats({ db, clock }: Pick<CoreDeps, 'db' | 'clock'>) {
  const dueEntities = (reportYear: number) =>
    db
      .selectFrom('marketEntity as e')
      .leftJoin('annualReport as r', (j) => j.onRef('r.entityId', '=', 'e.id').on('r.reportYear', '=', reportYear))
      .where('e.status', '=', 'active')
      .where((eb) => eb.or([eb('e.registeredOn', 'is', null), eb('e.registeredOn', '<=', `${reportYear}-12-31`)]))

  /** The rate per unit of the tree, each unit with its whole subtree (entities without a station count at the top only). */
  async function unitTree(reportYear: number) {
    const rows = await dueEntities(reportYear)
      .innerJoin('orgUnit as s', 's.id', 'e.stationUnitId')
      .innerJoin('orgUnit as a', (j) => j.on(sql<boolean>`s.path like a.path || '%'`))
      .select(['a.id as unitId', 'a.name as unitName', 'a.path', 'a.parentId'])
      .select((eb) => [
        eb.fn.countAll<number>().as('due'),
        eb.fn.count<number>('r.id').as('filed'),
        eb.fn.sum<number>(eb.case().when('r.late', '=', 1).then(1).else(0).end()).as('late'),
      ])
      .groupBy(['a.id', 'a.name', 'a.path', 'a.parentId'])
      .orderBy('a.path')
      .execute()
    return rows.map((r) => {
      const due = Number(r.due)
      const filed = Number(r.filed)
      return {
        unitId: r.unitId,
        unitName: r.unitName,
        parentId: r.parentId ?? null,
        depth: String(r.path).split('/').filter(Boolean).length,
        due,
        filed,
        late: Number(r.late ?? 0),
        rate: reportRate(filed, due),
      }
    })
  }

  async function season(ctx: Ctx, reportYear: number) {
    assertCan(ctx.actor, 'credit.read')
    const today = chinaDate(clock.now())
    const w = seasonWindow(reportYear)
    const [total, reminders, proposals, units] = await Promise.all([
      dueEntities(reportYear)
        .select((eb) => [
          eb.fn.countAll<number>().as('due'),
          eb.fn.count<number>('r.id').as('filed'),
          eb.fn.sum<number>(eb.case().when('r.late', '=', 1).then(1).else(0).end()).as('late'),
        ])
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('creditReminder')
        .select(['round'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('reportYear', '=', reportYear)
        .groupBy('round')
        .orderBy('round')
        .execute(),
      db
        .selectFrom('creditListing')
        .select(['state'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('ground', '=', 'annual_report_not_filed')
        .where('reportYear', '=', reportYear)
        .groupBy('state')
        .execute(),
      unitTree(reportYear),
    ])
    const due = Number(total.due)
    const filed = Number(total.filed)
    const late = Number(total.late ?? 0)
    const inSeason = today >= w.opens && today <= w.closes
    return {
      reportYear,
      opens: w.opens,
      closes: w.closes,
      today,
      open: inSeason && seasonOpen(today),
      daysLeft: inSeason ? daysLeft(today) : null,
      due,
      filed,
      onTime: filed - late,
      late,
      owed: due - filed,
      rate: reportRate(filed, due),
      reminders: reminders.map((r) => ({ round: Number(r.round), count: Number(r.n) })),
      proposals: Object.fromEntries(proposals.map((p) => [p.state, Number(p.n)])) as Record<string, number>,
      units,
    }
  }

  /** The unit tree's rates as a workbook (indented by level). */
  async function unitsXlsx(ctx: Ctx, reportYear: number, out: Writable) {
    assertCan(ctx.actor, 'credit.read')
    const rows = await unitTree(reportYear)
    type Row = (typeof rows)[number]
    await writeXlsx(out, {
      name: '按单位（含下级）',
      title: `${reportYear} 年度报告年报率（按单位，含下级单位；截至 ${chinaDate(clock.now())}）`,
      columns: [
        { header: '单位', width: 32, value: (r: Row) => `${'　'.repeat(Math.max(0, r.depth - 1))}${r.unitName}` },
        { header: '应报户数', width: 12, value: (r: Row) => r.due },
        { header: '已报户数', width: 12, value: (r: Row) => r.filed },
        { header: '其中逾期', width: 12, value: (r: Row) => r.late },
        { header: '年报率（%）', width: 12, value: (r: Row) => r.rate },
      ],
      rows,
    })
  }

  return { season, unitTree, unitsXlsx }
}
export type SeasonStats = ReturnType<typeof createSeasonStats>

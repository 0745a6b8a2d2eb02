import { sql, type ExpressionBuilder } from 'kysely'
import type { Writable } from 'node:stream'
import { assertCan, inScope, type Ctx, type ScopeSet } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { daySpan } from '../../core/dates'
import { validation } from '../../core/errors'
import { writeXlsx, type XlsxColumn } from '../../core/export'
import { caseTypeLabel, STAT_MEASURES, type StatMeasure } from '../../shared/cases/publicity'
import { CASE_TYPE_CODES } from '../../shared/cases/vocabulary'
import { beijingDate } from '../../shared/time'
import type { AuditService } from '../audit'

export type Measures = Record<StatMeasure, number> & { decided: number }
const ZERO = (): Measures => ({
  filed: 0,
  closed: 0,
  pending: 0,
  decided: 0,
  fineFen: 0,
  confiscatedFen: 0,
  seizures: 0,
  seizedQuantity: 0,
  transfers: 0,
  onSpot: 0,
})
/** Leads transferred (移送) have no case type: their own row. */
export const TRANSFER_TYPE = 'lead_transfer'
const typeLabel = (t: string) => (t === TRANSFER_TYPE ? '线索移送（未立案）' : caseTypeLabel(t))
const MAX_DAYS = 5 * 366

/**
 * Case statistics (案件统计, issue 14 point 7): filed, closed and pending cases, decisions with their
 * fines and confiscations (fen), seizures and the seized quantity, transfers and on-the-spot
 * penalties, by case type × unit × period, rolled up through the org tree. Each figure is one
 * grouped query on a date index; "pending at the period's end" is derived as open now + closed after
 * the end − filed after the end, so no query scans the whole history for a recent period.
 */
export function createCaseStats({ db, clock, audit }: Pick<CoreDeps, 'db' | 'clock'> & { audit: AuditService }) {
  const today = () => beijingDate(clock.now())

  async function table(ctx: Ctx, q: { from: string; to: string }) {
    const scope = assertCan(ctx.actor, 'case.stats')
    if (q.from > q.to) throw validation(`起始日期 ${q.from} 晚于截止日期 ${q.to}`)
    if (daySpan(q.from, q.to) + 1 > MAX_DAYS) throw validation('统计期间最长 5 年')
    const cells = new Map<string, Measures>()
    const cell = (unitId: string, type: string) => {
      const k = `${unitId}|${type}`
      let m = cells.get(k)
      if (!m) cells.set(k, (m = ZERO()))
      return m
    }
    const inS =
      (s: ScopeSet) =>
      <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) =>
        inScope(eb, s, ctx.actor, 'case_file.unit_id')
    const base = () =>
      db
        .selectFrom('caseFile')
        .where(inS(scope))
        .select(['caseFile.unitId as unitId', 'caseFile.caseType as caseType'])
        .groupBy(['caseFile.unitId', 'caseFile.caseType'])
    const n = (v: unknown) => Number(v ?? 0)
    const [filed, closed, openNow, closedAfter, filedAfter, decided, seizures, transfers] = await Promise.all([
      base()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('caseFile.filedOn', '>=', q.from)
        .where('caseFile.filedOn', '<=', q.to)
        .execute(),
      base()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('caseFile.closedOn', '>=', q.from)
        .where('caseFile.closedOn', '<=', q.to)
        .execute(),
      base()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('caseFile.closedOn', 'is', null)
        .execute(),
      base()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('caseFile.closedOn', '>', q.to)
        .execute(),
      base()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('caseFile.filedOn', '>', q.to)
        .execute(),
      base()
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.sum<number>('caseFile.fineFen').as('fine'),
          eb.fn.sum<number>(sql`${sql.ref('case_file.gains_fen')} + ${sql.ref('case_file.goods_value_fen')}`).as('conf'),
          eb.fn.sum<number>(sql`case when ${sql.ref('case_file.procedure')} = 'simplified' then 1 else 0 end`).as('spot'),
        ])
        .where('caseFile.decidedOn', '>=', q.from)
        .where('caseFile.decidedOn', '<=', q.to)
        .execute(),
      db
        .selectFrom('caseSeizure')
        .innerJoin('caseFile', 'caseFile.id', 'caseSeizure.caseId')
        .where(inS(scope))
        .where('caseSeizure.decidedOn', '>=', q.from)
        .where('caseSeizure.decidedOn', '<=', q.to)
        .select(['caseFile.unitId as unitId', 'caseFile.caseType as caseType'])
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn
            .coalesce(
              eb
                .selectFrom('caseSeizedItem')
                .select((e2) => e2.fn.sum<number>('caseSeizedItem.quantity').as('q'))
                .whereRef('caseSeizedItem.seizureId', '=', 'caseSeizure.id'),
              sql.lit(0),
            )
            .as('qty'),
        ])
        .groupBy(['caseFile.unitId', 'caseFile.caseType', 'caseSeizure.id'])
        .execute(),
      db
        .selectFrom('caseLead')
        .where((eb) => inScope(eb, scope, ctx.actor, 'case_lead.unit_id'))
        .where('caseLead.state', '=', 'transferred')
        .where('caseLead.decidedAt', '>=', new Date(Date.parse(`${q.from}T00:00:00+08:00`)).toISOString())
        .where('caseLead.decidedAt', '<', new Date(Date.parse(`${q.to}T00:00:00+08:00`) + 86_400_000).toISOString())
        .select(['caseLead.unitId as unitId'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy('caseLead.unitId')
        .execute(),
    ])
    for (const r of filed) cell(r.unitId, r.caseType).filed += n(r.n)
    for (const r of closed) cell(r.unitId, r.caseType).closed += n(r.n)
    for (const r of openNow) cell(r.unitId, r.caseType).pending += n(r.n)
    for (const r of closedAfter) cell(r.unitId, r.caseType).pending += n(r.n)
    for (const r of filedAfter) cell(r.unitId, r.caseType).pending -= n(r.n)
    for (const r of decided) {
      const c = cell(r.unitId, r.caseType)
      c.decided += n(r.n)
      c.fineFen += n(r.fine)
      c.confiscatedFen += n(r.conf)
      c.onSpot += n(r.spot)
    }
    for (const r of seizures) {
      const c = cell(r.unitId, r.caseType)
      c.seizures += n(r.n)
      c.seizedQuantity += n(r.qty)
    }
    for (const r of transfers) cell(r.unitId, TRANSFER_TYPE).transfers += n(r.n)

    // Roll-up through the org tree: a unit's figures include every unit below it.
    const units = await db
      .selectFrom('orgUnit')
      .select(['id', 'parentId', 'name', 'path', 'depth', 'sortOrder'])
      .where((eb) => inScope(eb, scope, ctx.actor, 'org_unit.id'))
      .orderBy('path')
      .execute()
    const byUnit = new Map<string, Map<string, Measures>>()
    const pathOf = new Map<string, string>()
    const all = await db.selectFrom('orgUnit').select(['id', 'path']).execute()
    for (const u of all) pathOf.set(u.id, u.path)
    const add = (into: Measures, m: Measures) => {
      for (const k of Object.keys(into) as Array<keyof Measures>) into[k] += m[k]
    }
    const ids = units.map((u) => u.id)
    for (const [k, m] of cells) {
      const [unitId, type] = k.split('|') as [string, string]
      const p = pathOf.get(unitId) ?? ''
      for (const u of units) {
        if (!p.startsWith(u.path)) continue
        let t = byUnit.get(u.id)
        if (!t) byUnit.set(u.id, (t = new Map<string, Measures>()))
        let mm = t.get(type)
        if (!mm) t.set(type, (mm = ZERO()))
        add(mm, m)
      }
    }
    const order = [...CASE_TYPE_CODES, TRANSFER_TYPE] as string[]
    const rows = units
      .filter((u) => byUnit.has(u.id) || !units.some((x) => x.id === u.parentId))
      .map((u) => {
        const t = byUnit.get(u.id) ?? new Map<string, Measures>()
        const total = ZERO()
        for (const m of t.values()) add(total, m)
        const types = [...t.entries()]
          .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
          .map(([caseType, m]) => ({ caseType, caseTypeLabel: typeLabel(caseType), ...m }))
        return { unitId: u.id, unitName: u.name, parentId: u.parentId, depth: Number(u.depth), total, types }
      })
    // Top-level rows (no parent in scope) sum to the grand total.
    const total = ZERO()
    for (const r of rows) if (!ids.includes(r.parentId ?? '')) add(total, r.total)
    const byType = new Map<string, Measures>()
    for (const [k, m] of cells) {
      const type = k.split('|')[1]!
      let mm = byType.get(type)
      if (!mm) byType.set(type, (mm = ZERO()))
      add(mm, m)
    }
    return {
      from: q.from,
      to: q.to,
      asOf: today(),
      total,
      types: [...byType.entries()]
        .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
        .map(([caseType, m]) => ({ caseType, caseTypeLabel: typeLabel(caseType), ...m })),
      units: rows,
    }
  }

  /** Filed / closed / decided amounts per month of the period (for the chart; ≤ 5 years). */
  async function monthly(ctx: Ctx, q: { from: string; to: string }) {
    const scope = assertCan(ctx.actor, 'case.stats')
    const month = (col: string) => sql<string>`substr(${sql.ref(col)}, 1, 7)`
    const [filed, closed, fines] = await Promise.all([
      db
        .selectFrom('caseFile')
        .where((eb) => inScope(eb, scope, ctx.actor, 'case_file.unit_id'))
        .where('filedOn', '>=', q.from)
        .where('filedOn', '<=', q.to)
        .select(month('case_file.filed_on').as('m'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy(month('case_file.filed_on'))
        .execute(),
      db
        .selectFrom('caseFile')
        .where((eb) => inScope(eb, scope, ctx.actor, 'case_file.unit_id'))
        .where('closedOn', '>=', q.from)
        .where('closedOn', '<=', q.to)
        .select(month('case_file.closed_on').as('m'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy(month('case_file.closed_on'))
        .execute(),
      db
        .selectFrom('caseFile')
        .where((eb) => inScope(eb, scope, ctx.actor, 'case_file.unit_id'))
        .where('decidedOn', '>=', q.from)
        .where('decidedOn', '<=', q.to)
        .select(month('case_file.decided_on').as('m'))
        .select((eb) =>
          eb.fn.sum<number>(sql`${sql.ref('case_file.fine_fen')} + ${sql.ref('case_file.gains_fen')} + ${sql.ref('case_file.goods_value_fen')}`).as('n'),
        )
        .groupBy(month('case_file.decided_on'))
        .execute(),
    ])
    const months: string[] = []
    for (let m = q.from.slice(0, 7); m <= q.to.slice(0, 7);) {
      months.push(m)
      const [y, mo] = m.split('-').map(Number) as [number, number]
      m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`
    }
    const get = (rows: Array<{ m: string; n: unknown }>, m: string) => Number(rows.find((r) => r.m === m)?.n ?? 0)
    return { items: months.map((m) => ({ month: m, filed: get(filed, m), closed: get(closed, m), amountFen: get(fines, m) })) }
  }

  /** The table as a workbook: one row per unit × case type (and the unit's total), money in yuan. */
  async function exportXlsx(ctx: Ctx, q: { from: string; to: string }, out: Writable) {
    const t = await table(ctx, q)
    type R = { unit: string; type: string; bold: boolean } & Measures
    const rows: R[] = []
    for (const u of t.units) {
      rows.push({ unit: `${'　'.repeat(Math.max(0, u.depth))}${u.unitName}`, type: '合计', bold: true, ...u.total })
      for (const ty of u.types) rows.push({ unit: '', type: ty.caseTypeLabel, bold: false, ...ty })
    }
    const money = new Set<string>(['fineFen', 'confiscatedFen'])
    const columns: Array<XlsxColumn<R>> = [
      { header: '单位', width: 28, value: (r) => r.unit },
      { header: '案件类型', width: 20, value: (r) => r.type },
      ...(Object.keys(STAT_MEASURES) as StatMeasure[]).map((k) => ({
        header: STAT_MEASURES[k],
        width: money.has(k) ? 16 : 12,
        value: (r: R) => r[k],
        ...(money.has(k) ? { format: 'yuan' as const } : {}),
      })),
    ]
    await writeXlsx(out, {
      name: '案件统计',
      title: `行政处罚案件统计（${q.from} 至 ${q.to}）`,
      columns,
      rows,
      bold: (r) => r.bold,
      footer: [[`统计口径：立案、结案按立案日期、结案日期；罚没按决定日期；期末未结截至 ${q.to}。制表日期 ${t.asOf}`]],
    })
    await db
      .transaction()
      .execute((trx) =>
        audit.record(trx, ctx, { action: 'case.stats_export', targetType: 'case_file', targetLabel: `${q.from}—${q.to}`, after: { from: q.from, to: q.to } }),
      )
  }

  return { table, monthly, exportXlsx }
}
export type CaseStats = ReturnType<typeof createCaseStats>

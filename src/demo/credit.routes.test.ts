import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, fixedClock, rawSql, type TestApp } from '../../test/helpers'
import { loadDemoEntities } from './entities'
import { loadDemoCredit } from './credit'

/* The demo credit data: a realistic annual-report rate, the last season's non-filers listed, removals. */
describe('demo credit data', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: true, clock: fixedClock('2026-12-07T02:00:00Z') })
    await loadDemoEntities(t.s, 2000)
  })
  afterAll(() => t?.close())

  it('files ~96 % of the reports, lists the 2025 non-filers and removes most of 2024’s', async () => {
    const r = await loadDemoCredit(t.s)
    expect(r.reports).toBeGreaterThan(1000)
    const credit = await t.login('credit')
    const rates = await credit.get('/api/credit/annual-reports/rates?reportYear=2025')
    const rate = rates.body.total.filed / rates.body.total.due
    expect(rate).toBeGreaterThan(0.93)
    expect(rate).toBeLessThan(0.99)
    const states = await rawSql<{ state: string; n: number }>(
      t,
      `select state, count(*) as n from credit_listing where report_year = 2025 group by state order by state`,
    )
    expect(states.map((x) => x.state)).toEqual(expect.arrayContaining(['listed', 'proposed', 'reviewed']))
    expect(r.removed).toBeGreaterThan(0)
    // Nothing proposed twice: one row per entity and year.
    const dup = await rawSql(t, `select entity_id, report_year from credit_listing group by entity_id, report_year having count(*) > 1`)
    expect(dup).toEqual([])
    // The 2025 season's three reminder rounds: fewer entities owe at each round, and every
    // entity later proposed for listing had been reminded in the last round.
    const rounds = await rawSql<{ round: number; n: number }>(
      t,
      `select round, count(*) as n from credit_reminder where report_year = 2025 group by round order by round`,
    )
    expect(rounds.map((x) => Number(x.round))).toEqual([1, 2, 3])
    expect(Number(rounds[0]!.n)).toBeGreaterThanOrEqual(Number(rounds[2]!.n))
    const unreminded = await rawSql(
      t,
      `select l.entity_id from credit_listing l where l.report_year = 2025 and l.ground = 'annual_report_not_filed'
         and not exists (select 1 from credit_reminder m where m.entity_id = l.entity_id and m.report_year = 2025 and m.round = 3)`,
    )
    expect(unreminded).toEqual([])
  })
})

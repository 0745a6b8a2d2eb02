import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, expectOk, fixedClock, rawSql, unitId, type Client, type TestApp } from '../../../test/helpers'
import { systemCtx } from '../../core/actor'
import * as monthlyMigration from '../../core/db/migrations/20261206080000_complaint_monthly_stat'
import { newId } from '../../core/ids'
import { addDays } from './analytics.domain'
import { createComplaintsRepo, type BulkItem } from '../complaints'

/*
 * The monthly roll-up of the 12315 statistics (complaint_monthly_stat): a period's whole months are
 * read from it, its partial edge months from complaint_daily_stat. Every answer through HTTP must
 * equal the daily-only answer (`statistics(…, { monthly: false })`) over awkward periods: mid-month
 * starts and ends, a year boundary, a single day, whole months; after the incremental refresh, a
 * change to an item, a full rebuild, and the migration's backfill.
 */

const TODAY = '2026-11-20'
const clock = fixedClock('2026-11-20T04:00:00.000Z')

function prng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const CATS = ['price', 'quality', 'contract', 'food_safety', 'online_shopping'] as const
let seq = 0

/** One item with stored clocks: every stored counter gets values (late and on time, closed and open). */
function makeItem(
  type: 'complaint' | 'report' | 'consultation',
  receivedOn: string,
  unitId: string,
  centre: string,
  category: string,
  r: () => number,
): BulkItem {
  const id = newId()
  seq++
  const d = (n: number) => addDays(receivedOn, n)
  const base = {
    id,
    itemNo: `R${String(seq).padStart(9, '0')}`,
    type,
    channel: 'hotline',
    regime: 'order121',
    receivedAt: `${receivedOn}T02:00:00.000Z`,
    receivedOn,
    submissionId: id,
    intakeUnitId: centre,
    handlingUnitId: unitId,
    competentUnitId: null,
    category,
    productCode: null,
    summary: '消费纠纷',
    requestText: '请依法处理',
    factsText: '消费纠纷',
    respondentName: `测试商户${seq}`,
    respondentKind: 'offline',
    createdAt: `${receivedOn}T02:00:00.000Z`,
    updatedAt: `${receivedOn}T02:00:00.000Z`,
    complainantCount: 1,
  }
  const x = r()
  let item: Record<string, unknown>
  if (type === 'complaint') {
    const acceptDueOn = d(9)
    if (x < 0.15) item = { state: 'pending_acceptance', acceptDueOn, nextDueOn: acceptDueOn, nextDueKind: 'accept' }
    else if (x < 0.25) {
      const dec = d(r() < 0.3 ? 12 : 4)
      item = { state: 'closed', outcome: 'not_accepted', accepted: 0, acceptDueOn, acceptDecidedOn: dec, closedOn: dec, closedAt: `${dec}T08:00:00.000Z` }
    } else {
      const dec = d(r() < 0.1 ? 11 : 3)
      const end = addDays(dec, r() < 0.1 ? 70 : 10)
      const outcome = x < 0.85 ? 'agreement_no_doc' : x < 0.93 ? 'withdrawn' : 'terminated'
      const closedOn = addDays(end, 2)
      item = {
        state: 'closed',
        outcome,
        accepted: 1,
        acceptDueOn,
        acceptDecidedOn: dec,
        mediationDueOn: addDays(dec, 63),
        concludedOn: outcome === 'terminated' ? null : end,
        terminatedOn: outcome === 'terminated' ? end : null,
        recoveredFen: outcome === 'agreement_no_doc' ? Math.floor(r() * 500_000) : 0,
        closedOn,
        closedAt: `${closedOn}T08:00:00.000Z`,
      }
    }
  } else if (type === 'report') {
    const verifyDueOn = d(21)
    if (x < 0.2) item = { state: 'verifying', verifyDueOn, nextDueOn: verifyDueOn, nextDueKind: 'verify' }
    else {
      const dec = d(r() < 0.1 ? 25 : 10)
      item = {
        state: 'closed',
        outcome: 'not_filed',
        verifyDueOn,
        filingDecidedOn: dec,
        closedOn: addDays(dec, 1),
        closedAt: `${addDays(dec, 1)}T08:00:00.000Z`,
      }
    }
  } else {
    const on = d(r() < 0.1 ? 6 : 1)
    item = { state: 'closed', outcome: 'answered', answerDueOn: d(4), answeredOn: on, closedOn: on, closedAt: `${on}T08:00:00.000Z` }
  }
  return {
    item: { ...base, ...item } as BulkItem['item'],
    events: [{ at: base.receivedAt, eventOn: receivedOn, kind: 'received', toState: 'received', unitId: centre, public: 1 }],
    parties: [{ role: type === 'report' ? 'reporter' : type === 'consultation' ? 'consultant' : 'complainant', name: '王测试', phone: '13900001111' }],
  }
}

let t: TestApp
let leader: Client
let city: string
let district: string

/** [from, to]: mid-month edges, a year boundary, one day, whole months, edges of one day. */
const PERIODS: Array<[string, string]> = [
  ['2025-12-15', '2026-02-10'], // mid-month start and end, across the year boundary
  ['2025-12-01', '2026-01-31'], // two whole months across the year boundary
  ['2025-12-31', '2026-01-01'], // two days, one each side of the year boundary
  ['2026-03-17', '2026-03-17'], // one day
  ['2026-02-01', '2026-02-28'], // one whole month (February)
  ['2026-01-31', '2026-03-01'], // an edge of one day at each end around a whole month
  ['2025-11-10', TODAY], // everything: a year and ten days, mid-month at both ends
  ['2025-11-01', '2026-10-31'], // twelve whole months
  ['2026-04-02', '2026-04-29'], // inside one month, neither edge
]

/** The roll-up answer through HTTP, and the daily-only answer of the same query. */
async function both(query: Record<string, string>) {
  const res = await leader.get(`/api/complaint-stats?${new URLSearchParams(query)}`)
  expectOk(res)
  const daily = await t.s.analytics.analytics.statistics(
    systemCtx('test'),
    {
      from: query.from,
      to: query.to,
      unitId: query.unitId,
      asOf: query.asOf,
      groupBy: query.groupBy?.split(',') as never,
      types: query.types?.split(',') as never,
      categories: query.categories?.split(',') as never,
    },
    { monthly: false },
  )
  return { rollup: res.body, daily: JSON.parse(JSON.stringify(daily)) }
}

async function expectSameEverywhere(label: string) {
  let nonEmpty = 0
  for (const [from, to] of PERIODS) {
    const extras: Array<Record<string, string>> = [
      { groupBy: 'unit' },
      { groupBy: 'type,category' },
      { groupBy: 'unit', unitId: district, types: 'complaint,report' },
      { groupBy: 'category', categories: 'price,contract' },
    ]
    for (const extra of extras) {
      const q = { from, to, asOf: TODAY, unitId: city, ...extra }
      const { rollup, daily } = await both(q)
      expect(rollup, `${label} ${JSON.stringify(q)}`).toEqual(daily)
      if (rollup.total.received > 0) nonEmpty++
    }
  }
  expect(nonEmpty).toBeGreaterThan(PERIODS.length * 3)
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock })
  leader = await t.login('leader')
  city = await unitId(t, 'JZ')
  district = await unitId(t, 'JZ-410802')
  const units = await t.s.deps.db.selectFrom('orgUnit').select(['id', 'code']).execute()
  const stations = units.filter((u) => /-S\d\d$/.test(u.code))
  const centre = await unitId(t, 'JZ-12315')
  const rnd = prng(20251110)
  const items: BulkItem[] = []
  // About two items a day from 2025-11-10 to today, across stations and the centre.
  for (let day = '2025-11-10'; day <= TODAY; day = addDays(day, 1)) {
    const n = Math.floor(rnd() * 4)
    for (let i = 0; i < n; i++) {
      const type = (['complaint', 'complaint', 'report', 'consultation'] as const)[Math.floor(rnd() * 4)]!
      const unit = rnd() < 0.1 ? centre : stations[Math.floor(rnd() * stations.length)]!.id
      items.push(makeItem(type, day, unit, centre, CATS[Math.floor(rnd() * CATS.length)]!, rnd))
    }
  }
  await t.s.deps.db.transaction().execute((trx) => createComplaintsRepo().bulkInsert(trx, items))
})
afterAll(async () => t?.close())

describe('monthly roll-up of the statistics', () => {
  it('answers exactly as the daily aggregate alone, over awkward periods (first refresh)', async () => {
    await expectSameEverywhere('first refresh')
    // The roll-up is really there: one month row is the sum of its days.
    const [m] = await rawSql<{ n: number | string }>(t, `select sum(received) as n from complaint_monthly_stat where month = '2026-01'`)
    const [d] = await rawSql<{ n: number | string }>(t, `select sum(received) as n from complaint_daily_stat where day >= '2026-01-01' and day <= '2026-01-31'`)
    expect(Number(m!.n)).toBeGreaterThan(0)
    expect(Number(m!.n)).toBe(Number(d!.n))
  })

  it('follows changes to items in whole months (the incremental refresh moves the month rows)', async () => {
    const [target] = await rawSql<{ id: string }>(
      t,
      `select id from complaint_item where received_on = '2026-01-14' and type = 'complaint' order by id limit 1`,
    )
    await rawSql(
      t,
      `update complaint_item set state = 'closed', outcome = 'settled', accepted = 1, accept_decided_on = '2026-01-15', concluded_on = '2026-01-20',
      closed_on = '2026-01-20', recovered_fen = 777700, next_due_on = null, updated_at = '2026-11-20T04:00:00.000Z' where id = '${target!.id}'`,
    )
    // The only item of its unit × type × category in February moves to another unit and category:
    // its month row must go, not stay at zero (a zero row would show up as an empty table row).
    const [alone] = await rawSql<{ id: string; unit: string }>(
      t,
      `select min(id) as id, min(handling_unit_id) as unit from complaint_item
      where received_on >= '2026-02-01' and received_on <= '2026-02-28' and state <> 'merged'
      group by handling_unit_id, type, category having count(*) = 1 order by min(id) limit 1`,
    )
    await rawSql(
      t,
      `update complaint_item set handling_unit_id = '${await unitId(t, 'JZ-12315')}', category = 'other', updated_at = '2026-11-20T04:00:00.000Z' where id = '${alone!.id}'`,
    )
    // And one item is merged into another (merged items are never counted).
    await rawSql(
      t,
      `update complaint_item set state = 'merged', outcome = 'merged', updated_at = '2026-11-20T04:00:00.000Z'
      where id = (select min(id) from complaint_item where received_on = '2026-03-10' and state <> 'merged')`,
    )
    const before = (await leader.get('/api/complaint-stats?from=2026-01-01&to=2026-01-31&asOf=2026-11-20')).body.total.recoveredFen
    expect(before).toBeGreaterThan(0)
    await expectSameEverywhere('after a change')
    const [{ n }] = (await rawSql<{ n: number | string }>(
      t,
      `select sum(recovered_fen) as n from complaint_item where received_on >= '2026-01-01' and received_on <= '2026-01-31' and state <> 'merged'`,
    )) as [{ n: number | string }]
    expect(before).toBe(Number(n))
    const [{ z }] = (await rawSql<{ z: number | string }>(t, 'select count(*) as z from complaint_monthly_stat where received = 0')) as [{ z: number | string }]
    expect(Number(z)).toBe(0)
  })

  it('is rebuilt with the daily aggregate by a full rebuild', async () => {
    // An item loaded behind the watermark (as a history import does): only a rebuild sees it.
    await rawSql(t, `update complaint_item set recovered_fen = recovered_fen + 1, updated_at = '2025-01-01T00:00:00.000Z' where received_on = '2026-02-03'`)
    await t.s.analytics.analytics.rebuildAggregates({ terms: false })
    await expectSameEverywhere('after a full rebuild')
  })

  it('is backfilled from the daily aggregate by its migration', async () => {
    await monthlyMigration.down(t.s.deps.db)
    await monthlyMigration.up(t.s.deps.db)
    const [{ n }] = (await rawSql<{ n: number | string }>(t, 'select count(*) as n from complaint_monthly_stat')) as [{ n: number | string }]
    expect(Number(n)).toBeGreaterThan(0)
    await expectSameEverywhere('after the backfill')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { buildTestApp, expectError, expectOk, mutableClock, rawSql, type Client, type TestApp } from '../../../test/helpers'
import { loadDemoCaseHistory } from '../../demo/cases'

/*
 * Case statistics against the demo history (the Jiaozuo 2020 shapes of the seeds and this year's
 * district cases): every figure of the API is checked against counts computed here from the raw
 * case rows, and the 2020 epidemic figures against the seeds themselves.
 */
let t: TestApp
let leader: Client, handler: Client, operator: Client
let opened = 0

type Raw = {
  id: string
  unitId: string
  caseType: string
  filedOn: string
  closedOn: string | null
  decidedOn: string | null
  fineFen: number
  gainsFen: number
  goodsValueFen: number
  procedure: string
}

/** The figures of a period computed from raw rows (not by the statistics code). */
async function independent(from: string, to: string, unitIds?: Set<string>) {
  const rows = (await rawSql<Raw>(t, 'select * from case_file')).filter((r) => !unitIds || unitIds.has(r.unitId))
  const inP = (d: string | null) => !!d && d >= from && d <= to
  const seized = await rawSql<{ caseId: string; decidedOn: string; quantity: number }>(
    t,
    'select s.case_id, s.decided_on, i.quantity from case_seizure s join case_seized_item i on i.seizure_id = s.id',
  )
  const ids = new Set(rows.map((r) => r.id))
  return {
    filed: rows.filter((r) => inP(r.filedOn)).length,
    closed: rows.filter((r) => inP(r.closedOn)).length,
    pending: rows.filter((r) => r.filedOn <= to && (!r.closedOn || r.closedOn > to)).length,
    decided: rows.filter((r) => inP(r.decidedOn)).length,
    fineFen: rows.filter((r) => inP(r.decidedOn)).reduce((a, r) => a + Number(r.fineFen), 0),
    confiscatedFen: rows.filter((r) => inP(r.decidedOn)).reduce((a, r) => a + Number(r.gainsFen) + Number(r.goodsValueFen), 0),
    seizedQuantity: seized.filter((s) => ids.has(s.caseId) && inP(s.decidedOn)).reduce((a, s) => a + Number(s.quantity), 0),
    onSpot: rows.filter((r) => inP(r.decidedOn) && r.procedure === 'simplified').length,
  }
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-12-07T02:00:00Z') })
  leader = await t.login('leader')
  handler = await t.login('handler')
  operator = await t.login('operator')
  opened = await loadDemoCaseHistory(t.s)
}, 180_000)
afterAll(() => t?.close())

describe('case statistics', () => {
  it('the 2020 epidemic period reproduces the seeds: price 18 filed / 15 closed, CNY 150,000; masks and food 12 / 3, CNY 110,000; 2,030 masks seized', async () => {
    expect(opened).toBeGreaterThan(40)
    const r = await leader.get('/api/case-stats?from=2020-01-20&to=2020-03-31')
    expectOk(r)
    const type = (k: string) => r.body.types.find((x: any) => x.caseType === k)
    expect(type('price')).toMatchObject({ filed: 18, closed: 15, fineFen: 9_000_000, confiscatedFen: 6_000_000 })
    expect(type('price').fineFen + type('price').confiscatedFen).toBe(15_000_000)
    const q = type('quality')
    const f = type('food')
    expect(q.filed + f.filed).toBe(12)
    expect(q.closed + f.closed).toBe(3)
    expect(q.fineFen + q.confiscatedFen + f.fineFen + f.confiscatedFen).toBe(11_000_000)
    expect(q.seizedQuantity).toBe(2030)
    expect(r.body.total).toMatchObject({ filed: 30, closed: 18 })
  })

  it('every figure equals the count computed independently from the raw case rows, for the city and for a district (roll-up)', async () => {
    for (const [from, to] of [
      ['2020-01-20', '2020-03-31'],
      ['2020-01-01', '2020-12-31'],
      ['2026-01-01', '2026-12-07'],
      ['2026-11-01', '2026-11-30'],
    ] as const) {
      const r = await leader.get(`/api/case-stats?from=${from}&to=${to}`)
      expectOk(r)
      const want = await independent(from, to)
      const { seizures: _s, transfers: _t, ...got } = r.body.total
      expect(got, `${from}..${to}`).toEqual(want)
    }
    const r = await leader.get('/api/case-stats?from=2026-01-01&to=2026-12-07')
    const root = r.body.units.find((u: any) => u.parentId === null)
    const district = r.body.units.find((u: any) => u.depth === 1 && u.total.filed > 0)
    expect(root.total.filed).toBe(r.body.total.filed)
    const sub = await rawSql<{ id: string }>(t, `select id from org_unit where path like (select path from org_unit where id = '${district.unitId}') || '%'`)
    const want = await independent('2026-01-01', '2026-12-07', new Set(sub.map((x) => x.id)))
    expect(district.total).toMatchObject({
      filed: want.filed,
      closed: want.closed,
      pending: want.pending,
      fineFen: want.fineFen,
      confiscatedFen: want.confiscatedFen,
    })
    // A district is the sum of its type rows.
    expect(district.types.reduce((a: number, x: any) => a + x.filed, 0)).toBe(district.total.filed)
  })

  it('a district handler sees only its district; no permission is 403; bad periods are 400', async () => {
    const r = await handler.get('/api/case-stats?from=2026-01-01&to=2026-12-07')
    expectOk(r)
    const mine = await rawSql<{ id: string }>(t, `select u.id from org_unit u where u.path like (select path from org_unit where code = 'JZ-410802') || '%'`)
    const want = await independent('2026-01-01', '2026-12-07', new Set(mine.map((x) => x.id)))
    expect(r.body.total.filed).toBe(want.filed)
    expectError(await operator.get('/api/case-stats?from=2026-01-01&to=2026-12-07'), 403, 'FORBIDDEN')
    expectError(await leader.get('/api/case-stats?from=2026-12-07&to=2026-01-01'), 400, 'VALIDATION', /晚于/)
    expectError(await leader.get('/api/case-stats?from=2010-01-01&to=2026-01-01'), 400, 'VALIDATION', /最长/)
    expectError(await leader.get('/api/case-stats?from=2026-02-30&to=2026-03-01'), 400, 'VALIDATION')
    expectError(await t.anon.get('/api/case-stats?from=2026-01-01&to=2026-02-01'), 401, 'UNAUTHENTICATED')
  })

  it('exports the table to Excel in yuan, and the monthly series sums to the table', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/case-stats/export?from=2020-01-20&to=2020-03-31', headers: { cookie: leader.cookie! } })
    expect(res.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as any)
    const ws = wb.worksheets[0]!
    const rows: unknown[][] = []
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)))
    expect(String(rows[0]?.[0])).toContain('行政处罚案件统计')
    const header = rows.find((r) => r[0] === '单位')!
    const fineCol = header.indexOf('罚款（元）')
    const city = rows.find((r) => String(r[0]).includes('焦作市市场监督管理局') && r[1] === '合计')!
    // Yuan in the workbook: the whole city's fines of the period (price 90,000 + masks and food 88,000).
    expect(Number(city[fineCol])).toBe(178_000)
    const m = await leader.get('/api/case-stats/monthly?from=2020-01-01&to=2020-12-31')
    expectOk(m)
    const t2020 = await leader.get('/api/case-stats?from=2020-01-01&to=2020-12-31')
    expect(m.body.items).toHaveLength(12)
    expect(m.body.items.reduce((a: number, x: any) => a + x.filed, 0)).toBe(t2020.body.total.filed)
    expect(m.body.items.reduce((a: number, x: any) => a + x.amountFen, 0)).toBe(t2020.body.total.fineFen + t2020.body.total.confiscatedFen)
  })

  it('the demo publishes this year’s district penalties on the public page and a typical case', async () => {
    const pub = await t.anon.get('/api/public/penalties?pageSize=50')
    expectOk(pub)
    expect(pub.body.items.length).toBeGreaterThanOrEqual(10)
    expect(pub.body.items.some((x: any) => x.partyKindLabel === '自然人' && x.partyName.includes('*'))).toBe(true)
    expect((await t.anon.get('/api/public/penalties/typical')).body.items.length).toBe(1)
  })
})

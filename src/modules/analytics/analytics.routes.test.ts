import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  auditRecords,
  buildTestApp,
  createActiveUser,
  expectError,
  expectOk,
  fixedClock,
  rawSql,
  unitId,
  type Client,
  type TestApp,
} from '../../../test/helpers'
import { startSchedules } from '../../app'
import { systemCtx } from '../../core/actor'
import { newId } from '../../core/ids'
import { createComplaintsRepo, type BulkItem } from '../complaints'
import { MEASURE_COLUMNS } from './analytics.domain'

/*
 * Statistics, scope, exports, alerts and the daily report through HTTP on a fresh database. The
 * expected figures are computed here, independently, in plain JS over the raw complaint_item rows
 * (the definitions of README.md written out again), never taken from the code under test.
 */

const TODAY = '2026-11-20'
const clock = fixedClock('2026-11-20T04:00:00.000Z')

// ---- deterministic item factory ---------------------------------------------------------------

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
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const CATS = ['price', 'quality', 'contract', 'food_safety', 'online_shopping'] as const
const TEXTS: Record<string, string> = {
  price: '药店销售口罩价格明显上涨，涉嫌哄抬价格',
  quality: '购买的电动车电池存在质量问题，商家拒绝退货',
  contract: '健身房办理健身卡后关门跑路，要求退款',
  food_safety: '超市销售过期食品，酸奶变质',
  online_shopping: '网购手机屏幕破损，客服拖延退款',
}
let seq = 0

interface Spec {
  unitId: string
  type: 'complaint' | 'report' | 'consultation'
  receivedOn: string
  category: string
  rnd: () => number
  name: string
  phone: string
  state?: string
}

/** One item with stored clocks and an outcome drawn from the generator. */
function makeItem(s: Spec, intakeUnitId: string): BulkItem {
  const r = s.rnd
  const id = newId()
  seq++
  const base = {
    id,
    itemNo: `T${s.type[0]!.toUpperCase()}${String(seq).padStart(8, '0')}`,
    type: s.type,
    channel: 'hotline',
    regime: 'order121',
    receivedAt: `${s.receivedOn}T02:00:00.000Z`,
    receivedOn: s.receivedOn,
    submissionId: id,
    intakeUnitId,
    handlingUnitId: s.unitId,
    competentUnitId: null,
    category: s.category,
    productCode: s.category === 'price' ? '0203' : null,
    summary: TEXTS[s.category] ?? '其他诉求',
    requestText: '请依法处理',
    factsText: TEXTS[s.category] ?? '其他',
    respondentName: `测试商户${seq}`,
    respondentKind: 'offline',
    createdAt: `${s.receivedOn}T02:00:00.000Z`,
    updatedAt: `${s.receivedOn}T02:00:00.000Z`,
    complainantCount: r() < 0.05 ? 3 : 1,
  }
  const d = (n: number) => addDays(s.receivedOn, n)
  const open = (due: string, kind: string) => ({ nextDueOn: due, nextDueKind: kind })
  let item: Record<string, unknown>
  const x = r()
  if (s.type === 'complaint') {
    const acceptDueOn = d(9)
    if (s.state === 'merged') item = { state: 'merged', outcome: 'merged', mergedIntoId: null, acceptDueOn, closedOn: d(2), closedAt: `${d(2)}T02:00:00.000Z` }
    else if (x < 0.12) item = { state: 'pending_acceptance', acceptDueOn, ...open(acceptDueOn, 'accept') }
    else if (x < 0.2) {
      const dec = d(r() < 0.3 ? 12 : 4)
      item = { state: 'closed', outcome: 'not_accepted', accepted: 0, acceptDueOn, acceptDecidedOn: dec, closedOn: dec, closedAt: `${dec}T08:00:00.000Z` }
    } else {
      const dec = d(r() < 0.1 ? 11 : 3)
      const medDue = addDays(dec, 63)
      if (x < 0.35) item = { state: 'mediating', accepted: 1, acceptDueOn, acceptDecidedOn: dec, mediationDueOn: medDue, ...open(medDue, 'mediation') }
      else {
        const end = addDays(dec, r() < 0.1 ? 70 : 10)
        const outcome =
          x < 0.85 ? (['agreement_with_doc', 'agreement_no_doc', 'settled'] as const)[Math.floor(r() * 3)]! : x < 0.93 ? 'withdrawn' : 'terminated'
        const closedOn = addDays(end, 2)
        item = {
          state: 'closed',
          outcome,
          accepted: 1,
          acceptDueOn,
          acceptDecidedOn: dec,
          mediationDueOn: medDue,
          concludedOn: outcome === 'terminated' ? null : end,
          terminatedOn: outcome === 'terminated' ? end : null,
          recoveredFen: outcome.startsWith('agreement') || outcome === 'settled' ? Math.floor(r() * 500_000) : 0,
          closedOn,
          closedAt: `${closedOn}T08:00:00.000Z`,
        }
      }
    }
  } else if (s.type === 'report') {
    const verifyDueOn = d(21)
    if (x < 0.2) item = { state: 'verifying', verifyDueOn, ...open(verifyDueOn, 'verify') }
    else {
      const dec = d(r() < 0.1 ? 25 : 10)
      const filed = x < 0.5
      item = {
        state: 'closed',
        outcome: filed ? 'filed' : 'not_filed',
        verifyDueOn,
        filingDecidedOn: dec,
        leadNo: filed ? `XS${seq}` : null,
        closedOn: addDays(dec, 1),
        closedAt: `${addDays(dec, 1)}T08:00:00.000Z`,
      }
    }
  } else {
    const answerDueOn = d(4)
    if (x < 0.15) item = { state: 'answering', answerDueOn, ...open(answerDueOn, 'answer') }
    else {
      const on = d(r() < 0.1 ? 6 : 1)
      item = { state: 'closed', outcome: 'answered', answerDueOn, answeredOn: on, closedOn: on, closedAt: `${on}T08:00:00.000Z` }
    }
  }
  return {
    item: { ...base, ...item } as BulkItem['item'],
    events: [{ at: base.receivedAt, eventOn: s.receivedOn, kind: 'received', toState: 'received', unitId: intakeUnitId, public: 1 }],
    parties: [{ role: s.type === 'report' ? 'reporter' : s.type === 'consultation' ? 'consultant' : 'complainant', name: s.name, phone: s.phone }],
  }
}

// ---- independent computation --------------------------------------------------------------------

type Row = Record<string, any>
const SUCCESS = new Set(['agreement_with_doc', 'agreement_no_doc', 'settled'])
const ENDED = new Set([...SUCCESS, 'withdrawn', 'terminated'])
const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000

function independent(rows: Row[], units: Set<string>, from: string, to: string, asOf: string) {
  const sel = rows.filter((r) => r.receivedOn >= from && r.receivedOn <= to && r.state !== 'merged' && units.has(r.handlingUnitId))
  const c = (pred: (r: Row) => boolean) => sel.filter(pred).length
  const isC = (r: Row) => r.type === 'complaint'
  const isR = (r: Row) => r.type === 'report'
  const lt = (a: string | null, b: string | null) => a !== null && b !== null && a > b
  const verifyOn = (r: Row) => r.filingDecidedOn ?? r.closedOn
  const late = (r: Row) =>
    lt(r.acceptDecidedOn, r.acceptDueOn) ||
    lt(r.concludedOn ?? r.terminatedOn, r.mediationDueOn) ||
    lt(r.terminationNotifiedOn, r.terminationNoticeDueOn) ||
    (isR(r) && lt(verifyOn(r), r.verifyDueOn)) ||
    lt(r.reporterNotifiedOn, r.reporterNotifyDueOn) ||
    lt(r.answeredOn, r.answerDueOn)
  const openOverdue = (r: Row) => r.state !== 'closed' && r.state !== 'merged' && r.nextDueOn !== null && r.nextDueOn < asOf
  const acceptDecided = c((r) => isC(r) && r.acceptDecidedOn !== null && r.acceptDueOn !== null)
  const acceptLateOpen = c((r) => isC(r) && openOverdue(r) && r.acceptDecidedOn === null && r.acceptDueOn !== null && r.acceptDueOn < asOf)
  const acceptOnTime = c((r) => isC(r) && r.acceptDecidedOn !== null && r.acceptDueOn !== null && r.acceptDecidedOn <= r.acceptDueOn)
  const verifyDone = c((r) => isR(r) && verifyOn(r) !== null && r.verifyDueOn !== null)
  const verifyOnTime = c((r) => isR(r) && verifyOn(r) !== null && r.verifyDueOn !== null && verifyOn(r) <= r.verifyDueOn)
  const verifyLateOpen = c((r) => isR(r) && openOverdue(r) && verifyOn(r) === null && r.verifyDueOn !== null && r.verifyDueOn < asOf)
  const closed = sel.filter((r) => r.closedOn !== null)
  const mediatedOk = c((r) => isC(r) && SUCCESSFUL(r))
  const mediationEnded = c((r) => isC(r) && r.accepted === 1 && ENDED.has(r.outcome))
  const rate = (n: number, d: number, dig = 4) => (d === 0 ? null : Math.round((n / d) * 10 ** dig) / 10 ** dig)
  return {
    received: sel.length,
    accepted: c((r) => isC(r) && r.accepted === 1),
    notAccepted: c((r) => isC(r) && r.accepted === 0),
    mediatedOk,
    mediationEnded,
    mediationSuccessRate: rate(mediatedOk, mediationEnded),
    recoveredFen: sel.reduce((s, r) => s + Number(r.recoveredFen), 0),
    acceptDue: acceptDecided + acceptLateOpen,
    acceptOnTime,
    onTimeAcceptanceRate: rate(acceptOnTime, acceptDecided + acceptLateOpen),
    verifyDue: verifyDone + verifyLateOpen,
    verifyOnTime,
    onTimeVerificationRate: rate(verifyOnTime, verifyDone + verifyLateOpen),
    closed: closed.length,
    avgHandlingDays: rate(
      closed.reduce((s, r) => s + dayNo(r.closedOn) - dayNo(r.receivedOn), 0),
      closed.length,
      2,
    ),
    overdue: c((r) => late(r) || openOverdue(r)),
  }
}
const SUCCESSFUL = (r: Row) => SUCCESS.has(r.outcome)

// ---- the suite ----------------------------------------------------------------------------------

let t: TestApp
let leader: Client
let operator: Client
let handler: Client
let units: Array<{ id: string; path: string; parentId: string | null; code: string }>
const people: Array<{ name: string; phone: string; type: string }> = []

/** The item rows with their clocks' due dates (the matter_clock rows), under the oracle's field names. */
async function itemsWithDueDates(db: TestApp['s']['deps']['db']): Promise<Row[]> {
  const FIELD: Record<string, string> = {
    accept: 'acceptDueOn',
    mediation: 'mediationDueOn',
    termination_notice: 'terminationNoticeDueOn',
    verify: 'verifyDueOn',
    reporter_notice: 'reporterNotifyDueOn',
    answer: 'answerDueOn',
    dispute: 'disputeDueOn',
  }
  const items = (await db.selectFrom('complaintItem').selectAll().execute()) as Row[]
  const clocks = await db.selectFrom('matterClock').select(['matterId', 'kind', 'dueOn']).where('matterType', '=', 'complaint').execute()
  const byId = new Map(items.map((r) => [r.id as string, { ...r, ...Object.fromEntries(Object.values(FIELD).map((f) => [f, null])) }]))
  for (const c of clocks) {
    const r = byId.get(c.matterId)
    if (r && FIELD[c.kind]) r[FIELD[c.kind]!] = c.dueOn
  }
  return [...byId.values()]
}
async function rows(): Promise<Row[]> {
  return itemsWithDueDates(t.s.deps.db)
}
const subtree = (rootId: string) => new Set(units.filter((u) => u.path.includes(`/${rootId}/`)).map((u) => u.id))

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock })
  leader = await t.login('leader')
  operator = await t.login('operator')
  handler = await t.login('handler')
  units = await t.s.deps.db.selectFrom('orgUnit').select(['id', 'path', 'parentId', 'code']).execute()
  const stations = units.filter((u) => /-S\d\d$/.test(u.code))
  const centre = await unitId(t, 'JZ-12315')
  const rnd = prng(20200124)
  const items: BulkItem[] = []
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄']
  for (let i = 0; i < 420; i++) {
    const type = (['complaint', 'complaint', 'report', 'consultation'] as const)[Math.floor(rnd() * 4)]!
    const receivedOn = addDays('2026-09-20', Math.floor(rnd() * 61))
    const unit = rnd() < 0.1 ? centre : stations[Math.floor(rnd() * stations.length)]!.id
    const name = `${surnames[i % surnames.length]}测${String.fromCharCode(0x4e00 + ((i * 37) % 200))}${String.fromCharCode(0x4e00 + ((i * 53) % 300))}`
    const phone = `139${String(10_000_000 + i * 7919).slice(0, 8)}`
    people.push({ name, phone, type })
    items.push(
      makeItem(
        { unitId: unit, type, receivedOn, category: CATS[Math.floor(rnd() * CATS.length)]!, rnd, name, phone, state: i % 50 === 7 ? 'merged' : undefined },
        centre,
      ),
    )
  }
  await t.s.deps.db.transaction().execute((trx) => createComplaintsRepo().bulkInsert(trx, items))
})
afterAll(async () => t?.close())

describe('statistics table', () => {
  it('reproduces the independent computation per district, roll-up through the tree included', async () => {
    const res = await leader.get('/api/complaint-stats?from=2026-10-01&to=2026-11-20&groupBy=unit')
    expectOk(res)
    const raw = await rows()
    const city = await unitId(t, 'JZ')
    expect(res.body.unit.id).toBe(city)
    expect(res.body.total).toEqual({ ...independent(raw, subtree(city), '2026-10-01', '2026-11-20', TODAY), recoveredYuan: expect.any(String) })
    const districts = units.filter((u) => u.parentId === city && /^JZ-4108\d\d$/.test(u.code))
    let checked = 0
    for (const d of districts) {
      const row = res.body.rows.find((r: any) => r.unitId === d.id)
      const exp = independent(raw, subtree(d.id), '2026-10-01', '2026-11-20', TODAY)
      if (exp.received === 0) continue
      expect(row, d.code).toBeDefined()
      expect(row.measures).toEqual({ ...exp, recoveredYuan: expect.any(String) })
      checked++
    }
    expect(checked).toBeGreaterThan(3)
    // The 12315 centre's own items sit under the city's department, not in a district.
    const centreRow = res.body.rows.find((r: any) => r.unitId === units.find((u) => u.code === 'JZ-12315')!.id)
    expect(centreRow.measures.received).toBe(independent(raw, new Set([centreRow.unitId]), '2026-10-01', '2026-11-20', TODAY).received)
  })

  it('groups by type and category', async () => {
    const res = await leader.get('/api/complaint-stats?from=2026-09-20&to=2026-11-20&groupBy=type,category&asOf=2026-11-01')
    expectOk(res)
    const raw = await rows()
    const all = subtree(await unitId(t, 'JZ'))
    for (const r of res.body.rows) {
      const exp = independent(
        raw.filter((x) => x.type === r.itemType && x.category === r.category),
        all,
        '2026-09-20',
        '2026-11-20',
        '2026-11-01',
      )
      expect(r.measures, `${r.itemType}/${r.category}`).toEqual({ ...exp, recoveredYuan: expect.any(String) })
    }
    expect(res.body.rows.length).toBeGreaterThan(10)
  })

  it('follows changes to items (the aggregate is refreshed before reading)', async () => {
    const raw = await rows()
    const target = raw.find((r) => r.state === 'mediating')!
    await rawSql(
      t,
      `update complaint_item set state = 'closed', outcome = 'settled', concluded_on = '2026-11-19', closed_on = '2026-11-19', recovered_fen = 123456, next_due_on = null, updated_at = '2026-11-20T04:00:00.000Z' where id = '${target.id}'`,
    )
    const res = await leader.get(`/api/complaint-stats?from=${target.receivedOn}&to=${target.receivedOn}&groupBy=type`)
    expectOk(res)
    const after = await rows()
    expect(res.body.total).toEqual({
      ...independent(after, subtree(await unitId(t, 'JZ')), target.receivedOn, target.receivedOn, TODAY),
      recoveredYuan: expect.any(String),
    })
  })

  it('limits a district user to its subtree, in SQL', async () => {
    const admin = await t.login('admin')
    const jf = await unitId(t, 'JZ-410802')
    const { client } = await createActiveUser(admin, t, {
      unitCode: 'JZ-410802',
      grants: [{ role: 'bureau_leader', unitCode: 'JZ-410802', scope: 'unit_tree' }],
    })
    const res = await client.get('/api/complaint-stats?from=2026-09-20&to=2026-11-20')
    expectOk(res)
    expect(res.body.unit.id).toBe(jf)
    const raw = await rows()
    expect(res.body.total).toEqual({ ...independent(raw, subtree(jf), '2026-09-20', '2026-11-20', TODAY), recoveredYuan: expect.any(String) })
    expect(res.body.total.received).toBeLessThan(raw.length / 3)
    // The city, or another district, looks missing.
    expectError(await client.get(`/api/complaint-stats?unitId=${await unitId(t, 'JZ')}`), 404, 'NOT_FOUND')
    expectError(await client.get(`/api/complaint-stats?unitId=${await unitId(t, 'JZ-410803')}`), 404, 'NOT_FOUND')
    // Hot topics and the dashboard are scoped the same way.
    const dash = await client.get('/api/complaint-stats/dashboard?from=2026-09-20&to=2026-11-20')
    expectOk(dash)
    expect(dash.body.totals.received).toBe(res.body.total.received)
  })

  it('refuses bad input and missing permissions in the one error shape', async () => {
    expectError(await leader.get('/api/complaint-stats?from=2026-11-20&to=2026-11-01'), 400, 'VALIDATION', /晚于/)
    expectError(await leader.get('/api/complaint-stats?types=complaint,bogus'), 400, 'VALIDATION')
    expectError(await leader.get('/api/complaint-stats?from=2026-02-30'), 400, 'VALIDATION')
    expectError(await leader.get('/api/complaint-stats?from=2020-01-01&to=2026-11-20'), 400, 'VALIDATION', /最长/)
    expectError(await leader.get('/api/complaint-stats?groupBy=unit,type,category'), 400, 'VALIDATION')
    expectError(await handler.get('/api/complaint-stats'), 403, 'FORBIDDEN')
    expectError(await t.anon.get('/api/complaint-stats'), 401, 'UNAUTHENTICATED')
  })

  it('exports the table to Excel with the same figures', async () => {
    const res = await leader.request('GET', '/api/complaint-stats/export?from=2026-10-01&to=2026-11-20&groupBy=unit')
    expect(res.status).toBe(200)
    const inject = await t.app.inject({
      method: 'GET',
      url: '/api/complaint-stats/export?from=2026-10-01&to=2026-11-20&groupBy=unit',
      headers: { cookie: leader.cookie! },
    })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(inject.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    const totalRow = ws.getSheetValues().find((v) => Array.isArray(v) && v[1] === '合计') as unknown[]
    const raw = await rows()
    expect(totalRow[2]).toBe(independent(raw, subtree(await unitId(t, 'JZ')), '2026-10-01', '2026-11-20', TODAY).received)
    // Frozen title and header; every measure a number with its format (rates as fractions shown 0.00%), never text.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
    const totalNo = ws.getSheetValues().findIndex((v) => Array.isArray(v) && v[1] === '合计')
    MEASURE_COLUMNS.forEach((c, i) => {
      const cell = ws.getRow(totalNo).getCell(2 + i)
      expect(cell.value === null || typeof cell.value === 'number', `${c.label}: ${String(cell.value)}`).toBe(true)
      if (c.kind === 'rate') expect(cell.numFmt).toBe('0.00%')
    })
  })
})

describe('item export', () => {
  it('masks personal data and never contains a reporter, not even masked', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/complaint-stats/items/export?from=2026-09-01&to=2026-11-20',
      headers: { cookie: leader.cookie! },
    })
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    const text = JSON.stringify(ws.getSheetValues())
    const raw = await rows()
    expect(ws.rowCount - 1).toBe(raw.length)
    for (const p of people) {
      expect(text.includes(p.name), p.name).toBe(false)
      expect(text.includes(p.phone), p.phone).toBe(false)
    }
    // Reporter columns say only that the identity is protected; complainants appear masked.
    const header = ws.getRow(1).values as unknown[]
    const nameCol = header.indexOf('投诉人／咨询人（脱敏）')
    const typeCol = header.indexOf('类型')
    let reports = 0
    let masked = 0
    ws.eachRow((row, n) => {
      if (n === 1) return
      const v = row.values as unknown[]
      if (v[typeCol] === '举报') {
        reports++
        expect(['实名（保密）', '匿名']).toContain(v[nameCol])
      } else if (typeof v[nameCol] === 'string' && /\*/.test(v[nameCol])) masked++
    })
    expect(reports).toBeGreaterThan(20)
    expect(masked).toBeGreaterThan(100)
    const audit = await auditRecords(t, { action: 'complaint.export' })
    expect(audit.at(-1)?.targetLabel).toContain(`${raw.length}`)
  })

  it('needs complaint.export', async () => {
    expectError(await handler.get('/api/complaint-stats/items/export'), 403, 'FORBIDDEN')
    expectError(await operator.get('/api/complaint-stats/items/export'), 403, 'FORBIDDEN')
  })

  it('pages through the filtered period in id order, and walking the key (SQLite) reads the same pages', async () => {
    const a = t.s.analytics.analytics
    const ctx = systemCtx('test')
    const jf = await unitId(t, 'JZ-410802')
    for (const q of [
      { from: '2026-09-01', to: '2026-11-20' },
      { from: '2026-10-01', to: '2026-10-31', unitId: jf },
      { from: '2026-09-01', to: '2026-11-20', types: ['report' as const] },
    ]) {
      const r = await a.resolve(ctx, 'complaint.export', q)
      const inTree = subtree(r.root.id)
      const expected = (await t.s.deps.db.selectFrom('complaintItem').select(['id', 'receivedOn', 'handlingUnitId', 'type']).orderBy('id').execute())
        .filter(
          (x) =>
            x.receivedOn >= q.from &&
            x.receivedOn <= q.to &&
            (inTree.has(x.handlingUnitId) || x.handlingUnitId === r.root.id) &&
            (!q.types || q.types.includes(x.type as 'report')),
        )
        .map((x) => x.id)
      expect(expected.length, JSON.stringify(q)).toBeGreaterThan(10)
      const read = async (walkIds: boolean) => {
        const ids: string[] = []
        let after = ''
        for (;;) {
          const page = await a.repo.itemExportPage(t.s.deps.db, r.filter, r.scope, ctx.actor, after, 5, { walkIds })
          ids.push(...page.map((x) => x.id))
          if (page.length < 5) return ids
          after = page.at(-1)!.id
        }
      }
      expect(await read(false), JSON.stringify(q)).toEqual(expected)
      if (t.dialect === 'sqlite') expect(await read(true), JSON.stringify(q)).toEqual(expected)
    }
  })

  // Skipped in the postgres project: the export's own read connection exists only on a SQLite file
  // (on PostgreSQL the export reads through the pool, covered by the export tests above).
  it.runIf(process.env.TEST_DIALECT !== 'postgres')(
    'on a SQLite file, reads through a connection of its own and writes every item once, in id order',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'jg-cmp-export-'))
      const f = await buildTestApp({ demo: true, clock, env: { SQLITE_PATH: join(dir, 'db.sqlite') } })
      try {
        const centre = await unitId(f, 'JZ-12315')
        const station = await unitId(f, 'JZ-410802-S01')
        const rnd = prng(4)
        const items: BulkItem[] = []
        for (let i = 0; i < 600; i++)
          items.push(
            makeItem(
              {
                unitId: i % 3 ? station : centre,
                type: (['complaint', 'report', 'consultation'] as const)[i % 3]!,
                receivedOn: addDays('2026-10-01', i % 30),
                category: CATS[i % CATS.length]!,
                rnd,
                name: '周测试',
                phone: '13700000000',
              },
              centre,
            ),
          )
        await f.s.deps.db.transaction().execute((trx) => createComplaintsRepo().bulkInsert(trx, items))
        const chunks: Buffer[] = []
        const sink = new Writable({
          write(chunk: Buffer, _enc, cb) {
            chunks.push(chunk)
            cb()
          },
        })
        const n = await f.s.analytics.analytics.exportItems(systemCtx('test'), { from: '2026-10-01', to: '2026-10-31' }, sink)
        const expected = (
          await f.s.deps.db
            .selectFrom('complaintItem')
            .select('itemNo')
            .where('receivedOn', '>=', '2026-10-01')
            .where('receivedOn', '<=', '2026-10-31')
            .orderBy('id')
            .execute()
        ).map((x) => x.itemNo)
        expect(n).toBe(expected.length)
        expect(n).toBeGreaterThanOrEqual(600)
        const wb = new ExcelJS.Workbook()
        await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer)
        const ws = wb.worksheets[0]!
        expect(ws.getColumn(1).values.slice(2)).toEqual(expected)
      } finally {
        await f.close()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  )
})

describe('alerts', () => {
  it('fires on a constructed surge once per rule and day; acknowledgement is audited', async () => {
    const centre = await unitId(t, 'JZ-12315')
    const jfStation = await unitId(t, 'JZ-410802-S01')
    // Two items a day for 28 days, then 30 on the surge day, all about masks.
    const rnd = prng(7)
    const items: BulkItem[] = []
    for (let i = 0; i < 28; i++)
      for (let k = 0; k < 2; k++)
        items.push(
          makeItem(
            { unitId: jfStation, type: 'consultation', receivedOn: addDays('2026-07-01', i), category: 'quality', rnd, name: '钱测试', phone: '13800000000' },
            centre,
          ),
        )
    for (let k = 0; k < 30; k++)
      items.push(
        makeItem({ unitId: jfStation, type: 'complaint', receivedOn: '2026-07-29', category: 'price', rnd, name: '孙测试', phone: '13800000001' }, centre),
      )
    // Written now (as the service would), so the incremental refresh picks them up.
    for (const b of items) b.item.updatedAt = '2026-11-20T04:00:00.000Z'
    await t.s.deps.db.transaction().execute((trx) => createComplaintsRepo().bulkInsert(trx, items))

    const jf = await unitId(t, 'JZ-410802')
    expectError(
      await leader.post('/api/complaint-alert-rules', { name: '激增', kind: 'volume_spike', unitId: jf, params: { multiplier: 0 } }),
      400,
      'VALIDATION',
    )
    expectError(
      await leader.post('/api/complaint-alert-rules', { name: '商品', kind: 'monitored_product', unitId: jf, params: {} }),
      400,
      'VALIDATION',
      /至少指定/,
    )
    expectError(await operator.post('/api/complaint-alert-rules', { name: '激增', kind: 'volume_spike', unitId: jf, params: {} }), 403, 'FORBIDDEN')
    const rule = await leader.post('/api/complaint-alert-rules', {
      name: '解放区日登记量激增',
      kind: 'volume_spike',
      unitId: jf,
      params: { multiplier: 3, minItems: 10 },
    })
    expectOk(rule, 201)
    const share = await leader.post('/api/complaint-alert-rules', {
      name: '价格类占比',
      kind: 'category_share',
      unitId: jf,
      params: { sharePct: 50, minItems: 10, category: 'price' },
    })
    expectOk(share, 201)
    const product = await leader.post('/api/complaint-alert-rules', {
      name: '口罩价格',
      kind: 'monitored_product',
      unitId: jf,
      params: { keywords: ['口罩'], minItems: 5 },
    })
    expectOk(product, 201)

    const quiet = await leader.post('/api/complaint-alerts/evaluate', { day: '2026-07-28' })
    expectOk(quiet)
    expect(quiet.body.created).toBe(0)
    const ev = await leader.post('/api/complaint-alerts/evaluate', { day: '2026-07-29' })
    expectOk(ev)
    expect(ev.body).toMatchObject({ fired: 3, created: 3 })
    const again = await leader.post('/api/complaint-alerts/evaluate', { day: '2026-07-29' })
    expect(again.body).toMatchObject({ fired: 3, created: 0 })
    expectError(await leader.post('/api/complaint-alerts/evaluate', { day: '2026-12-01' }), 400, 'VALIDATION')

    const list = await leader.get('/api/complaint-alerts?from=2026-07-29&to=2026-07-29')
    expectOk(list)
    expect(list.body.total).toBe(3)
    const spike = list.body.items.find((a: any) => a.ruleId === rule.body.id)
    expect(spike.value).toBe(30)
    expect(spike.threshold).toBe(6)
    expect(spike.detail.trailingAverage).toBe(2)

    // Other districts' leaders do not see it.
    const admin = await t.login('admin')
    const other = await createActiveUser(admin, t, { unitCode: 'JZ-410803', grants: [{ role: 'bureau_leader', unitCode: 'JZ-410803', scope: 'unit_tree' }] })
    expect((await other.client.get('/api/complaint-alerts?from=2026-07-29&to=2026-07-29')).body.total).toBe(0)
    expectError(await other.client.post(`/api/complaint-alerts/${spike.id}/acknowledge`, { note: '看看' }), 404, 'NOT_FOUND')

    const ack = await leader.post(`/api/complaint-alerts/${spike.id}/acknowledge`, { note: '已安排价格检查' })
    expectOk(ack)
    expect(ack.body.acknowledgedByName).toBe('李卫东')
    expectError(await leader.post(`/api/complaint-alerts/${spike.id}/acknowledge`, {}), 409, 'CONFLICT')
    const audit = await auditRecords(t, { action: 'complaint.alert.acknowledge', targetId: spike.id })
    expect(audit).toHaveLength(1)
    expect(audit[0]!.actorName).toBe('李卫东')
    expect((await leader.get('/api/complaint-alerts?from=2026-07-29&to=2026-07-29')).body.total).toBe(2)

    // Home pages ask for recent alerts only (ALERT_HOME_DAYS, 14 by default): July's stay on the alerts page.
    expect((await leader.get('/api/complaint-alerts?recent=1')).body.items.every((x: any) => x.day >= '2026-11-07')).toBe(true)
    expect((await leader.get('/api/complaint-alerts?recent=1&from=2026-07-29&to=2026-07-29')).body.total).toBe(0)

    // Bulk acknowledgement: all or nothing in scope, each audited, the already acknowledged skipped.
    const rest = (await leader.get('/api/complaint-alerts?from=2026-07-29&to=2026-07-29')).body.items.map((x: any) => x.id)
    expectError(await leader.post('/api/complaint-alerts/acknowledge', { ids: [] }), 400, 'VALIDATION', /请选择/)
    expectError(await other.client.post('/api/complaint-alerts/acknowledge', { ids: rest, note: '看看' }), 404, 'NOT_FOUND')
    const bulk = await leader.post('/api/complaint-alerts/acknowledge', { ids: [...rest, spike.id], note: '统一部署' })
    expectOk(bulk)
    expect(bulk.body).toEqual({ acknowledged: 2, skipped: 1 })
    expect((await leader.get('/api/complaint-alerts?from=2026-07-29&to=2026-07-29')).body.total).toBe(0)
    for (const id of rest) expect(await auditRecords(t, { action: 'complaint.alert.acknowledge', targetId: id })).toHaveLength(1)

    // Deactivating a rule stops it.
    const off = await leader.patch(`/api/complaint-alert-rules/${rule.body.id}`, { expectedVersion: 1, active: false })
    expectOk(off)
    expectError(await leader.patch(`/api/complaint-alert-rules/${rule.body.id}`, { expectedVersion: 1, active: true }), 409, 'CONFLICT')
    expect((await auditRecords(t, { action: 'complaint.alert_rule.update' })).length).toBe(1)

    // Hot topics see the masks.
    const hot = await leader.get(`/api/complaint-stats/hot-topics?from=2026-07-29&to=2026-07-29&unitId=${jf}`)
    expectOk(hot)
    const mask = hot.body.terms.find((x: any) => x.term === '口罩')
    expect(mask).toMatchObject({ items: 30, share: 1 })
    expect(hot.body.rising.map((x: any) => x.term)).toContain('口罩')
    expect(hot.body.products[0]).toMatchObject({ code: '0203', items: 30 })
  })
})

describe('daily report', () => {
  it('counts an item registered through the intake route, in JSON, HTML and Excel', async () => {
    const before = await leader.get(`/api/complaint-reports/daily?day=${TODAY}`)
    expectOk(before)
    const intake = await operator.post('/api/complaints', {
      types: ['complaint'],
      channel: 'hotline',
      category: 'price',
      productCode: '0204',
      summary: '消毒液<b>涨价</b>',
      request: '要求退还差价',
      facts: '药店消毒液价格翻倍，涉嫌哄抬价格',
      persons: [{ name: '周日报', phone: '13700001234', address: '焦作市解放区民主路 1 号' }],
      respondent: { name: '解放区某药店', division: '410802', address: '焦作市解放区解放路 2 号' },
    })
    expectOk(intake, 201)
    const after = await leader.get(`/api/complaint-reports/daily?day=${TODAY}`)
    expectOk(after)
    expect(after.body.totals.received).toBe(before.body.totals.received + 1)
    const raw = await rows()
    expect(after.body.totals).toEqual({ ...independent(raw, subtree(await unitId(t, 'JZ')), TODAY, TODAY, TODAY), recoveredYuan: expect.any(String) })
    expect(after.body.hotTerms.map((h: any) => h.term)).toContain('消毒液')

    const html = await t.app.inject({ method: 'GET', url: `/api/complaint-reports/daily?day=${TODAY}&format=html`, headers: { cookie: leader.cookie! } })
    expect(html.statusCode).toBe(200)
    expect(html.headers['content-type']).toMatch(/text\/html/)
    expect(html.body).toContain('@media print')
    expect(html.body).toContain(`当日登记<b>${after.body.totals.received}</b>`)
    expect(html.body).not.toContain('<b>涨价</b>')
    expect(html.body).not.toContain('周日报')
    // The printout's footer in Beijing time the Chinese way (the clock is 04:00 UTC = 12:00 Beijing), never a raw ISO instant.
    expect(html.body).toContain('于 2026年11月20日 12:00（北京时间）生成')
    expect(html.body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/)

    const xlsx = await t.app.inject({ method: 'GET', url: `/api/complaint-reports/daily?day=${TODAY}&format=xlsx`, headers: { cookie: leader.cookie! } })
    expect(xlsx.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const values = wb.getWorksheet('概况')!.getSheetValues() as unknown[][]
    expect(values.find((v) => v?.[1] === '当日登记')?.[2]).toBe(after.body.totals.received)
    expectError(await leader.get('/api/complaint-reports/daily?day=2026-12-01'), 400, 'VALIDATION')
  })
})

describe('alerts without anyone looking', () => {
  async function bulk(unitCode: string, day: string, category: string, n: number, seed: number) {
    const centre = await unitId(t, 'JZ-12315')
    const station = await unitId(t, unitCode)
    const rnd = prng(seed)
    const items: BulkItem[] = []
    for (let k = 0; k < n; k++)
      items.push(makeItem({ unitId: station, type: 'complaint', receivedOn: day, category, rnd, name: '吴预警', phone: '13800000002' }, centre))
    for (const b of items) b.item.updatedAt = '2026-11-20T04:00:00.000Z'
    await t.s.deps.db.transaction().execute((trx) => createComplaintsRepo().bulkInsert(trx, items))
  }
  const alertRows = (ruleId: string, day: string) =>
    t.s.deps.db.selectFrom('complaintAlert').select('id').where('ruleId', '=', ruleId).where('day', '=', day).execute()

  it('the daily report evaluates its own day first, so it lists alerts of a day no one evaluated', async () => {
    const jf = await unitId(t, 'JZ-410802')
    const rule = await leader.post('/api/complaint-alert-rules', {
      name: '食品安全占比',
      kind: 'category_share',
      unitId: jf,
      params: { sharePct: 50, minItems: 5, category: 'food_safety' },
    })
    expectOk(rule, 201)
    await bulk('JZ-410802-S01', '2026-09-15', 'food_safety', 6, 11)
    expect(await alertRows(rule.body.id, '2026-09-15')).toHaveLength(0)

    const report = await leader.get('/api/complaint-reports/daily?day=2026-09-15')
    expectOk(report)
    const mine = report.body.alerts.filter((a: any) => a.ruleId === rule.body.id)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ kind: 'category_share', value: 100, threshold: 50, day: '2026-09-15' })
    expect(await alertRows(rule.body.id, '2026-09-15')).toHaveLength(1)
    // Asked again: the same single alert (idempotent per rule and day).
    const again = await leader.get('/api/complaint-reports/daily?day=2026-09-15')
    expect(again.body.alerts.filter((a: any) => a.ruleId === rule.body.id)).toHaveLength(1)
    expect(await alertRows(rule.body.id, '2026-09-15')).toHaveLength(1)
    await leader.patch(`/api/complaint-alert-rules/${rule.body.id}`, { expectedVersion: 1, active: false })
  })

  it("the server's schedule evaluates today's rules with no request at all", async () => {
    const jf = await unitId(t, 'JZ-410802')
    const rule = await leader.post('/api/complaint-alert-rules', {
      name: '合同纠纷出现',
      kind: 'category_share',
      unitId: jf,
      params: { sharePct: 1, minItems: 1, category: 'contract' },
    })
    expectOk(rule, 201)
    await bulk('JZ-410802-S01', TODAY, 'contract', 6, 12)
    expect(await alertRows(rule.body.id, TODAY)).toHaveLength(0)

    const errors: unknown[] = []
    const stop = startSchedules(t.s, { everyMs: { 'complaint.alerts': 50, 'complaint.escalate': 60_000 }, onError: (_what, e) => errors.push(e) })
    try {
      const deadline = Date.now() + 10_000
      while ((await alertRows(rule.body.id, TODAY)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    } finally {
      await stop()
    }
    expect(errors).toEqual([])
    expect(await alertRows(rule.body.id, TODAY)).toHaveLength(1)
    const list = await leader.get(`/api/complaint-alerts?from=${TODAY}&to=${TODAY}`)
    expect(list.body.items.filter((a: any) => a.ruleId === rule.body.id)).toHaveLength(1)
    await leader.patch(`/api/complaint-alert-rules/${rule.body.id}`, { expectedVersion: 1, active: false })
  })
})

describe('demo history (src/demo/complaints-history.ts)', () => {
  let h: TestApp
  beforeAll(async () => {
    h = await buildTestApp({ demo: true, clock })
    const { loadComplaintsHistory } = await import('../../demo/complaints-history')
    await loadComplaintsHistory(h.s, { scale: 0.15 })
  }, 120_000)
  afterAll(async () => h?.close())

  it('is shaped like the seeds and its statistics equal the raw computation', async () => {
    const lead = await h.login('leader')
    const raw = await itemsWithDueDates(h.s.deps.db)
    const all = new Set((await h.s.deps.db.selectFrom('orgUnit').select('id').execute()).map((u) => u.id))
    const year = await lead.get('/api/complaint-stats?from=2020-01-01&to=2020-12-31&groupBy=type')
    expectOk(year)
    expect(year.body.total).toEqual({ ...independent(raw, all, '2020-01-01', '2020-12-31', TODAY), recoveredYuan: expect.any(String) })
    expect(year.body.total.mediationSuccessRate).toBeGreaterThan(0.94)
    expect(year.body.total.mediationSuccessRate).toBeLessThan(0.985)
    expect(year.body.total.onTimeVerificationRate).toBeGreaterThan(0.95)
    expect(year.body.total.onTimeVerificationRate).toBeLessThan(0.995)

    const perDay = (from: string, to: string) =>
      raw.filter((r) => r.receivedOn >= from && r.receivedOn <= to).length / ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1)
    const ratio = perDay('2020-02-01', '2020-02-29') / perDay('2019-11-01', '2019-12-31')
    expect(ratio).toBeGreaterThan(2.4)
    expect(ratio).toBeLessThan(3.6)
    const hot = await lead.get('/api/complaint-stats/hot-topics?from=2020-01-24&to=2020-03-12&limit=10')
    expectOk(hot)
    expect(hot.body.categories[0]).toMatchObject({ category: 'price' })
    expect(hot.body.categories[0].share).toBeGreaterThan(0.5)
    expect(hot.body.terms.map((t: any) => t.term)).toEqual(expect.arrayContaining(['口罩', '消毒液']))
    const alerts = await lead.get('/api/complaint-alerts?from=2020-01-20&to=2020-04-10&pageSize=200')
    expectOk(alerts)
    expect(alerts.body.items.map((a: any) => a.kind)).toEqual(expect.arrayContaining(['category_share', 'monitored_product']))
  })

  it('the unit comparison keeps consultations apart, so the 12315 centre does not flatten the other units', async () => {
    const lead = await h.login('leader')
    const dash = await lead.get('/api/complaint-stats/dashboard?from=2020-02-01&to=2020-02-29')
    expectOk(dash)
    const stats = await lead.get('/api/complaint-stats?from=2020-02-01&to=2020-02-29&groupBy=unit')
    expectOk(stats)
    const series = (name: string) => dash.body.units.series.find((s: any) => s.name === name)
    expect(series('投诉、举报')).toMatchObject({ type: 'bar', stack: 'received' })
    expect(series('咨询')).toMatchObject({ type: 'bar', stack: 'received' })
    dash.body.units.unitIds.forEach((id: string, i: number) => {
      const row = stats.body.rows.find((r: any) => r.unitId === id)
      expect(series('投诉、举报').data[i] + series('咨询').data[i]).toBe(row.measures.received)
    })
    const centre = dash.body.units.unitIds.indexOf(await unitId(h, 'JZ-12315'))
    expect(centre).toBeGreaterThanOrEqual(0)
    // The centre answers the consultations; its complaints and reports go to the districts.
    expect(series('咨询').data[centre]).toBeGreaterThan(Math.max(...series('投诉、举报').data))
  })

  it('runs continuously up to today, so the last 30 days are alive; what is not yet done is still open', async () => {
    const lead = await h.login('leader')
    const raw = await h.s.deps.db.selectFrom('complaintItem').select(['receivedOn', 'receivedAt', 'state', 'closedOn', 'regime', 'outcome']).execute()
    const nowIso = clock.now().toISOString()
    expect(raw.every((r) => r.receivedOn <= TODAY && r.receivedAt <= nowIso && (r.closedOn === null || r.closedOn <= TODAY))).toBe(true)
    const months = new Set(raw.map((r) => r.receivedOn.slice(0, 7)))
    for (let y = 2019; y <= 2026; y++)
      for (let m = 1; m <= 12; m++) {
        const ym = `${y}-${String(m).padStart(2, '0')}`
        if (ym >= '2019-07' && ym <= TODAY.slice(0, 7)) expect(months.has(ym), ym).toBe(true)
      }
    const last30 = await lead.get('/api/complaint-stats?from=2026-10-22&to=2026-11-20&groupBy=type')
    expectOk(last30)
    expect(last30.body.total.received).toBeGreaterThan(30 * 3)
    const open = raw.filter((r) => r.state !== 'closed')
    expect(open.length).toBeGreaterThan(0)
    expect(open.every((r) => r.receivedOn >= '2026-09-01' && r.closedOn === null)).toBe(true)
    expect(raw.filter((r) => r.receivedOn >= '2026-04-15').every((r) => r.regime === 'order121')).toBe(true)
  })
})

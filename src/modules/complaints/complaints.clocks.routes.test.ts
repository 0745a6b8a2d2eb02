import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, expectOk, mutableClock, rawSql, unitId, type Client, type MutableClock, type TestApp } from '../../../test/helpers'
import * as backfill from '../../core/db/migrations/20261207020100_complaint_clock_backfill'
import * as dropLegacyDue from '../../core/db/migrations/20261208040000_complaint_legacy_due_drop'

/*
 * 12315 clocks on the clock table (matter_clock): the rows follow every change of the item, the
 * item keeps the projection, the backfill derives the same rows from the legacy due-date columns,
 * escalation reads the clock table, and the kernel's ClockPort applies declared clock effects.
 */

let t: TestApp
let clock: MutableClock
let operator: Client
let handler: Client

async function act(c: Client, id: string, body: Record<string, unknown>) {
  const cur = await c.get(`/api/complaints/${id}`)
  expectOk(cur)
  const r = await c.post(`/api/complaints/${id}/transitions`, { expectedVersion: cur.body.version, ...body })
  expectOk(r)
  return r
}

// rawSql rows come back with camelCase keys (the handle's CamelCasePlugin).
interface ClockRow {
  kind: string
  ruleId: string | null
  ruleVersionId: string | null
  startOn: string
  dueOn: string | null
  doneOn: string | null
  pausedJson: string
  extensions: number | string
  unitId: string | null
  matterId?: string
}
const rowsOf = (id: string) =>
  rawSql<ClockRow>(
    t,
    `select kind, rule_id, rule_version_id, start_on, due_on, done_on, paused_json, extensions, unit_id from matter_clock where matter_type = 'complaint' and matter_id = '${id}' order by kind`,
  )

/** The detail page's clocks and the stored rows say the same. */
async function expectRowsMatchDetail(id: string, c: Client = handler) {
  const d = (await c.get(`/api/complaints/${id}`)).body
  const rows = await rowsOf(id)
  expect(rows.map((r) => r.kind).sort()).toEqual(d.clocks.map((c: any) => c.kind).sort())
  for (const c of d.clocks) {
    const r = rows.find((x) => x.kind === c.kind)!
    expect({ start: r.startOn, due: r.dueOn, done: r.doneOn, rule: r.ruleId }).toEqual({ start: c.startOn, due: c.dueOn, done: c.doneOn, rule: c.ruleId })
  }
  const open = d.clocks
    .filter((c: any) => !c.doneOn)
    .map((c: any) => c.dueOn)
    .sort()
  expect(d.nextDueOn).toBe(open[0] ?? null)
  return { d, rows }
}

beforeAll(async () => {
  clock = mutableClock('2026-11-23T02:00:00Z') // Monday 2026-11-23
  t = await buildTestApp({ demo: true, clock })
  operator = await t.login('operator')
  handler = await t.login('handler')
})
afterAll(async () => t?.close())

describe('12315 clocks in matter_clock', () => {
  let id = ''

  it('a new item gets its acceptance clock row (Order 20 version by the receipt date) and the projection', async () => {
    const r = await operator.post('/api/complaints', {
      types: ['complaint'],
      channel: 'hotline',
      category: 'quality',
      summary: '期限表测试：电饭煲无法加热',
      request: '要求退货',
      facts: '购买三天后无法加热，商家拒绝退货。',
      persons: [{ name: '王小明', phone: '13800001111', address: '焦作市解放区民主路1号' }],
      respondent: { name: '焦作市解放区测试电器商行', address: '焦作市解放区民生街道人民路8号' },
      receivedAt: '2026-03-02T02:00:00Z',
    })
    expectOk(r, 201)
    id = r.body.items[0].id
    const { rows } = await expectRowsMatchDetail(id, operator)
    // Received Mon 2026-03-02: 7 WD → 2026-03-11, under Order 20 (version 1, before 2026-04-15).
    expect(rows).toEqual([
      expect.objectContaining({
        kind: 'accept',
        ruleId: 'complaint.accept',
        ruleVersionId: 'complaint.accept@v1',
        startOn: '2026-03-02',
        dueOn: '2026-03-11',
        doneOn: null,
      }),
    ])
  })

  it('follows dispatch, acceptance, a pause and its resumption (unit, done date, paused interval)', async () => {
    const station = await unitId(t, 'JZ-410802-S01')
    await act(operator, id, { action: 'dispatch', unitId: station })
    expect((await rowsOf(id))[0]!.unitId).toBe(station)
    await act(handler, id, { action: 'accept', decidedOn: '2026-03-05' })
    await act(handler, id, { action: 'pause', kind: 'testing', reason: '委托检测机构检测', fromOn: '2026-03-10' })
    let { rows } = await expectRowsMatchDetail(id)
    expect(JSON.parse(rows.find((r) => r.kind === 'mediation')!.pausedJson)).toEqual([{ from: '2026-03-10', to: null, reason: '委托检测机构检测' }])
    await act(handler, id, { action: 'resume', toOn: '2026-03-16' })
    ;({ rows } = await expectRowsMatchDetail(id))
    expect(rows.find((r) => r.kind === 'accept')!.doneOn).toBe('2026-03-05')
    const med = rows.find((r) => r.kind === 'mediation')!
    expect(JSON.parse(med.pausedJson)).toEqual([{ from: '2026-03-10', to: '2026-03-16', reason: '委托检测机构检测' }])
    expect(med).toMatchObject({ ruleVersionId: 'complaint.mediation@v1', startOn: '2026-03-05', doneOn: null })
  })

  it('escalation reads overdue open clocks from the clock table', async () => {
    const overdue = await rawSql<{ n: number | string }>(
      t,
      `select count(*) as n from matter_clock where matter_type = 'complaint' and matter_id = '${id}' and done_on is null and due_on < '2026-11-23'`,
    )
    expect(Number(overdue[0]!.n)).toBe(1)
    const r = await t.s.complaints.escalateOverdue(clock.now())
    expect(r.escalated).toBeGreaterThanOrEqual(1)
    const d = (await handler.get(`/api/complaints/${id}`)).body
    // Months past the mediation due date: two levels up at once.
    expect(d.escalationLevel).toBe(2)
    expect(d.timeline.filter((e: any) => e.kind === 'escalated')).toHaveLength(1)
  })

  it('a concluded and closed item has no open clock and no projection', async () => {
    await act(handler, id, { action: 'conclude', outcome: 'settled', concludedOn: '2026-04-01' })
    await act(handler, id, { action: 'close' })
    const { d, rows } = await expectRowsMatchDetail(id)
    expect(d.nextDueOn).toBeNull()
    expect(rows.every((r) => r.doneOn !== null)).toBe(true)
    expect((await t.s.complaints.escalateOverdue(clock.now())).escalated).toBe(0)
  })

  it('the backfill migration derives the same rows from the legacy due-date columns', async () => {
    const before = await rawSql<ClockRow>(
      t,
      `select kind, matter_id, rule_id, rule_version_id, start_on, due_on, done_on, paused_json, extensions from matter_clock where matter_type = 'complaint' order by matter_id, kind`,
    )
    expect(before.length).toBeGreaterThan(1)
    // The columns as they were before the clock table (brought back empty by the drop migration's
    // `down`): each item's stored due dates.
    await dropLegacyDue.down(t.s.deps.db)
    const col: Record<string, string> = {
      accept: 'accept_due_on',
      mediation: 'mediation_due_on',
      termination_notice: 'termination_notice_due_on',
      verify: 'verify_due_on',
      reporter_notice: 'reporter_notify_due_on',
      answer: 'answer_due_on',
      dispute: 'dispute_due_on',
    }
    for (const r of before) await rawSql(t, `update complaint_item set ${col[r.kind]} = '${r.dueOn}' where id = '${r.matterId!}'`)
    await backfill.down(t.s.deps.db)
    expect(await rawSql(t, `select 1 from matter_clock where matter_type = 'complaint'`)).toEqual([])
    await backfill.up(t.s.deps.db)
    const after = await rawSql<ClockRow>(
      t,
      `select kind, matter_id, rule_id, rule_version_id, start_on, due_on, done_on, paused_json, extensions from matter_clock where matter_type = 'complaint' order by matter_id, kind`,
    )
    const norm = (rows: ClockRow[]) =>
      rows.map((r) => ({ ...r, extensions: Number(r.extensions), paused: JSON.parse(r.pausedJson).map((p: any) => [p.from, p.to]), pausedJson: undefined }))
    expect(norm(after)).toEqual(norm(before))
    await dropLegacyDue.up(t.s.deps.db)
    // Dropped again: only the projection is left on the item.
    const columns = Object.keys((await rawSql(t, `select * from complaint_item limit 1`))[0]!)
    expect(columns.filter((c) => /DueOn$/.test(c))).toEqual(['nextDueOn'])
  })
})

describe('the clock kernel (ClockPort) over matter_clock', () => {
  it('applies start / pause / resume / extend / stop with the rule version in force on the reference date', async () => {
    const k = t.s.clocks
    k.register('test_matter', { verify: { rule: 'report.verify' }, accept: { rule: 'complaint.accept' }, answer: { rule: null, unit: 'WD', length: 3 } })
    await k.prepare()
    const unit = await unitId(t, 'JZ-410802')
    const m = { type: 'test_matter', id: 'm-1', unitId: unit, referenceDate: '2026-04-14' }
    await t.s.deps.db.transaction().execute(async (trx) => {
      await k.apply(
        trx,
        m,
        [
          { op: 'start', clock: 'verify' },
          { op: 'start', clock: 'accept' },
          { op: 'start', clock: 'answer' },
        ],
        '2026-09-21',
      )
      await k.apply(trx, m, [{ op: 'start', clock: 'verify' }], '2026-09-30') // idempotent
      await k.apply(trx, m, [{ op: 'pause', clock: 'accept', reason: '回避' }], '2026-09-23')
      await k.apply(
        trx,
        m,
        [
          { op: 'resume', clock: 'accept' },
          { op: 'extend', clock: 'verify' },
          { op: 'stop', clock: 'answer' },
        ],
        '2026-09-24',
      )
    })
    const byKind = Object.fromEntries((await k.list(t.s.deps.db, 'test_matter', 'm-1')).map((c) => [c.kind, c]))
    // report.verify from 09-21: … 10-19, + 15 WD → 11-09 (2026: 09-25..27 and 10-01..07 off, Sat 10-10 worked).
    expect(byKind.verify).toMatchObject({
      startOn: '2026-09-21',
      extensions: 1,
      dueOn: '2026-11-09',
      ruleVersionId: 'report.verify@v1',
      referenceOn: '2026-04-14',
      unit: 'WD',
      length: 15,
    })
    // complaint.accept under Order 20 (reference 2026-04-14); 09-23 paused: 22(1) 24(2) 28(3) 29(4) 30(5) 10-08(6) 10-09(7).
    expect(byKind.accept).toMatchObject({
      ruleVersionId: 'complaint.accept@v1',
      pauses: [{ from: '2026-09-23', to: '2026-09-23', reason: '回避' }],
      dueOn: '2026-10-09',
      doneOn: null,
    })
    // Local setting: 3 WD → 09-24; done on 09-24.
    expect(byKind.answer).toMatchObject({ ruleId: null, dueOn: '2026-09-24', doneOn: '2026-09-24' })
    expect(await k.nextDue(t.s.deps.db, 'test_matter', 'm-1')).toEqual({ dueOn: '2026-10-09', kind: 'accept' })
    expect((await k.overdue(t.s.deps.db, 'test_matter', '2026-10-10')).map((o) => [o.matterId, o.kind, o.unitId])).toEqual([['m-1', 'accept', unit]])
    expect(await k.overdue(t.s.deps.db, 'test_matter', '2026-10-09')).toEqual([])
    expect((await k.listOpen(t.s.deps.db, 'test_matter', 'm-1')).map((c) => c.kind).sort()).toEqual(['accept', 'verify'])
    // Order 121 from the reference date 2026-04-15 on.
    await t.s.deps.db
      .transaction()
      .execute((trx) => k.apply(trx, { ...m, id: 'm-2', referenceDate: '2026-04-15' }, [{ op: 'start', clock: 'accept' }], '2026-09-21'))
    expect((await k.list(t.s.deps.db, 'test_matter', 'm-2'))[0]).toMatchObject({ ruleVersionId: 'complaint.accept@v2', ruleValidFrom: '2026-04-15' })
  })

  it('refuses an extension the rule does not allow (zh-CN), writing nothing', async () => {
    const k = t.s.clocks
    await expect(
      t.s.deps.db
        .transaction()
        .execute((trx) => k.apply(trx, { type: 'test_matter', id: 'm-2', unitId: null }, [{ op: 'extend', clock: 'accept' }], '2026-09-22')),
    ).rejects.toThrow(/不允许延长/)
    expect((await k.list(t.s.deps.db, 'test_matter', 'm-2'))[0]!.extensions).toBe(0)
  })
})

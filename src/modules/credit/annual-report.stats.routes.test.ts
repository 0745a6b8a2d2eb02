import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, expectError, expectOk, mutableClock, type Client, type TestApp } from '../../../test/helpers'
import { composeUscc } from '../entities'

/*
 * The season dashboard (both engines): every figure checked against counts made here from the raw
 * rows — due, filed, late, owed, the rate rolled up through the unit tree — plus reminders and
 * listing proposals, and the unit workbook.
 */
let t: TestApp
let admin: Client
let serial = 0

async function entity(name: string, opts: { registeredOn?: string; status?: string } = {}): Promise<string> {
  serial += 1
  const e = await admin.post('/api/entities', {
    uscc: composeUscc('91', '410802', `ME${String(serial).padStart(6, '0')}`),
    name,
    entityType: '有限责任公司',
    legalRep: '张三丰',
    businessAddress: '解放区民主路1号',
    businessDivision: '410802001',
    status: 'active',
  })
  expectOk(e, 201)
  await t.s.deps.db
    .updateTable('marketEntity')
    .set({ registeredOn: opts.registeredOn ?? '2020-05-01', status: opts.status ?? 'active' })
    .where('id', '=', e.body.id)
    .execute()
  return e.body.id as string
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-05-05T02:00:00Z') })
  admin = await t.login('admin')
})
afterAll(() => t?.close())

describe('the season dashboard (年报季看板)', () => {
  it('matches counts made independently from the raw rows, through the unit tree', async () => {
    const db = t.s.deps.db
    const units = await db.selectFrom('orgUnit').select(['id', 'path']).orderBy('path').execute()
    const leaves = units.filter((u) => !units.some((v) => v.id !== u.id && v.path.startsWith(u.path)))
    const ids: string[] = []
    for (let i = 0; i < 12; i++) ids.push(await entity(`焦作市看板测试${i}有限公司`))
    ids.push(await entity('焦作市看板新设有限公司', { registeredOn: '2026-01-10' }))
    ids.push(await entity('焦作市看板注销有限公司', { status: 'deregistered' }))
    // Spread the entities over the leaves of the tree; file some on time, some late.
    for (const [i, id] of ids.entries())
      await db
        .updateTable('marketEntity')
        .set({ stationUnitId: leaves[i % leaves.length]!.id })
        .where('id', '=', id)
        .execute()
    const now = new Date().toISOString()
    for (const [i, id] of ids.slice(0, 8).entries())
      await db
        .insertInto('annualReport')
        .values({
          id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
          entityId: id,
          reportYear: 2025,
          form: 'enterprise',
          publicJson: '{}',
          optionalJson: '{}',
          publishOptional: 0,
          filedOn: i < 2 ? '2026-07-05' : '2026-03-01',
          late: i < 2 ? 1 : 0,
          source: 'demo',
          liaisonId: null,
          revision: 1,
          version: 1,
          createdAt: now,
          updatedAt: now,
        })
        .execute()

    const credit = await t.login('credit')
    const r = await credit.get('/api/credit/season?reportYear=2025')
    expectOk(r)

    // Independently: every entity and report row, counted here.
    const ents = await db.selectFrom('marketEntity').select(['id', 'status', 'registeredOn', 'stationUnitId']).execute()
    const reps = new Map(
      (await db.selectFrom('annualReport').select(['entityId', 'late']).where('reportYear', '=', 2025).execute()).map((x) => [x.entityId, Number(x.late)]),
    )
    const due = ents.filter((e) => e.status === 'active' && (e.registeredOn === null || e.registeredOn <= '2025-12-31'))
    const filed = due.filter((e) => reps.has(e.id))
    const late = filed.filter((e) => reps.get(e.id) === 1)
    expect(r.body).toMatchObject({
      reportYear: 2025,
      closes: '2026-06-30',
      open: true,
      daysLeft: 56,
      due: due.length,
      filed: filed.length,
      late: late.length,
      onTime: filed.length - late.length,
      owed: due.length - filed.length,
    })
    expect(r.body.rate).toBeCloseTo(Math.round((filed.length / due.length) * 10000) / 100, 2)
    const pathOf = new Map(units.map((u) => [u.id, u.path]))
    for (const u of units) {
      const inTree = due.filter((e) => e.stationUnitId && (pathOf.get(e.stationUnitId) ?? '').startsWith(u.path))
      const line = r.body.units.find((x: { unitId: string }) => x.unitId === u.id)
      if (inTree.length === 0) expect(line).toBeUndefined()
      else expect(line, u.path).toMatchObject({ due: inTree.length, filed: inTree.filter((e) => reps.has(e.id)).length })
    }
    // The top unit holds every entity with a station.
    const top = r.body.units.find((x: { depth: number }) => x.depth === 1)
    expect(top.due).toBe(due.filter((e) => e.stationUnitId).length)

    // Reminders and after-season proposals appear as they are made.
    await t.s.creditSeason.reminders.build({ reportYear: 2025, round: 1, batchId: 'stats' })
    const r2 = await credit.get('/api/credit/season?reportYear=2025')
    // A reminder goes to every entity without a report filed by the round's day (the two late
    // reports are dated after today, so they still owe it today).
    const filedBy = new Set(
      (await db.selectFrom('annualReport').select(['entityId']).where('reportYear', '=', 2025).where('filedOn', '<=', '2026-05-05').execute()).map(
        (x) => x.entityId,
      ),
    )
    expect(r2.body.reminders).toEqual([{ round: 1, count: due.filter((e) => !filedBy.has(e.id)).length }])

    const x = await credit.get('/api/credit/season/units.xlsx?reportYear=2025')
    expect(x.status).toBe(200)
    expectError(await credit.get('/api/credit/season?reportYear=1999'), 400, 'VALIDATION')
    expectError(await t.anon.get('/api/credit/season?reportYear=2025'), 401, 'UNAUTHENTICATED')
  })
})

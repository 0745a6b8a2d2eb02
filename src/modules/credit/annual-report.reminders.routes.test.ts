import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRecords, buildTestApp, expectError, expectOk, mutableClock, type Client, type MutableClock, type TestApp } from '../../../test/helpers'
import { LIAISON_HEADER } from '../../shared/credit/annual-report'
import { composeUscc } from '../entities'

/*
 * Annual-report reminders (both engines): the round's outbox built as a job for the entities that
 * owe the report (and not for those that filed), idempotent per entity × year × round, the units'
 * credit officers messaged once, the list with masked phones, the SMS workbook, the liaison's
 * banner, the schedule's round and the refusal after the season.
 */
let t: TestApp
let clock: MutableClock
let admin: Client
let serial = 0

async function entity(name: string): Promise<{ id: string; uscc: string }> {
  serial += 1
  const uscc = composeUscc('91', '410802', `MD${String(serial).padStart(6, '0')}`)
  const e = await admin.post('/api/entities', {
    uscc,
    name,
    entityType: '有限责任公司',
    legalRep: '张三丰',
    businessAddress: '解放区民主路1号',
    businessDivision: '410802001',
    status: 'active',
  })
  expectOk(e, 201)
  await t.s.deps.db.updateTable('marketEntity').set({ registeredOn: '2020-05-01' }).where('id', '=', e.body.id).execute()
  return { id: e.body.id, uscc }
}
const drain = () => t.s.jobs.jobs.createRunner({ owner: 'test' }).drain()
const reminders = (entityId: string) => t.s.deps.db.selectFrom('creditReminder').selectAll().where('entityId', '=', entityId).orderBy('round').execute()

beforeAll(async () => {
  clock = mutableClock('2026-05-05T02:00:00Z')
  t = await buildTestApp({ demo: true, clock, env: { RATE_LIMIT_PUBLIC_PER_MINUTE: '100000' } })
  admin = await t.login('admin')
})
afterAll(() => t?.close())

describe('annual-report reminders (年报催报)', () => {
  it('builds the round once for the entities that owe the report, messages the units and shows the banner', async () => {
    const owes = await entity('焦作市催报甲有限公司')
    const filed = await entity('焦作市催报乙有限公司')
    // The owing entity's liaison.
    const reg = await t.anon.post('/api/public/credit/liaison/register', { uscc: owes.uscc, name: '钱联络', phone: '13811112222' })
    expectOk(reg, 201)
    const act = await t.anon.post('/api/public/credit/liaison/activate', { uscc: owes.uscc, phone: '13811112222', code: reg.body.demoCode })
    expectOk(act)
    const token = act.body.token as string
    const banner = () => t.anon.request('GET', '/api/public/credit/liaison/reminder', undefined, { [LIAISON_HEADER]: token })
    expect((await banner()).body).toEqual({ reminder: null })
    // The other one files.
    const reg2 = await t.anon.post('/api/public/credit/liaison/register', { uscc: filed.uscc, name: '孙联络', phone: '13833334444' })
    const act2 = await t.anon.post('/api/public/credit/liaison/activate', { uscc: filed.uscc, phone: '13833334444', code: reg2.body.demoCode })
    expectOk(
      await t.anon.request(
        'POST',
        '/api/public/credit/annual-reports',
        { reportYear: 2025, public: { contact: { address: '焦作市民主路1号', phone: '0391-1234567' }, operatingStatus: 'operating' } },
        { [LIAISON_HEADER]: act2.body.token },
      ),
      201,
    )

    const credit = await t.login('credit')
    expectError(await credit.post('/api/credit/reminders/batch', { reportYear: 2025, round: 9 }), 400, 'VALIDATION')
    const r = await credit.post('/api/credit/reminders/batch', { reportYear: 2025, round: 1 })
    expectOk(r, 202)
    await drain()
    const rows = await reminders(owes.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ round: 1, phone: '13811112222' })
    expect(rows[0]!.text).toContain('焦作市催报甲有限公司')
    expect(rows[0]!.text).toContain('2026-06-30')
    expect(rows[0]!.text).toContain('还剩 56 天')
    expect(await reminders(filed.id)).toHaveLength(0)
    const total = Number(
      (
        await t.s.deps.db
          .selectFrom('creditReminder')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    const msgs = await t.s.deps.db.selectFrom('message').select(['dedupeKey', 'title']).where('dedupeKey', 'like', 'credit.reminder:2025:1:%').execute()
    expect(msgs.length).toBeGreaterThan(0)
    expect(msgs[0]!.title).toMatch(/第 1 轮催报：本单位 \d+ 户尚未报送/)

    // Again (a second job, and the schedule on the same round): nothing twice, no second message.
    expectOk(await credit.post('/api/credit/reminders/batch', { reportYear: 2025, round: 1 }), 202)
    await drain()
    expect(await t.s.creditSeason.reminders.scheduled()).toMatchObject({ reportYear: 2025, round: 1, created: 0 })
    expect(
      Number(
        (
          await t.s.deps.db
            .selectFrom('creditReminder')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(total)
    expect(await t.s.deps.db.selectFrom('message').select('id').where('dedupeKey', 'like', 'credit.reminder:2025:1:%').execute()).toHaveLength(msgs.length)

    // The banner on the liaison's page.
    expect((await banner()).body.reminder).toMatchObject({ reportYear: 2025, round: 1, text: rows[0]!.text })

    // The list: the credit officer without personal_data.view sees masked phones; the leader sees them.
    const page = await credit.get('/api/credit/reminders?reportYear=2025&round=1&pageSize=200')
    expectOk(page)
    const mine = page.body.items.find((i: { entityId: string }) => i.entityId === owes.id)
    expect(mine.phone).not.toBe('13811112222')
    expect(mine.phone).toMatch(/^138\*+2222$/)
    expect(page.body.rounds).toEqual([{ round: 1, count: expect.any(Number) }])
    const leader = await t.login('leader')
    const lp = await leader.get('/api/credit/reminders?reportYear=2025&round=1&pageSize=200')
    expectOk(lp)
    const seen = lp.body.items.find((i: { entityId: string }) => i.entityId === owes.id)
    if (seen) expect(seen.phone).toBe('13811112222')

    // The SMS workbook, audited.
    const x = await credit.get('/api/credit/reminders.xlsx?reportYear=2025&round=1')
    expect(x.status).toBe(200)
    expect(String(x.headers['content-type'])).toContain('spreadsheetml')
    expect(await auditRecords(t, { action: 'credit.reminder.export' })).toHaveLength(1)
    expect((await reminders(owes.id))[0]!.exportedAt).not.toBeNull()

    // The schedule's next round from 1 June.
    clock.set('2026-06-02T02:00:00Z')
    expect(await t.s.creditSeason.reminders.scheduled()).toMatchObject({ reportYear: 2025, round: 2 })
    expect((await reminders(owes.id)).map((x) => x.round)).toEqual([1, 2])

    // After the season: no round due, a batch is refused.
    clock.set('2026-07-01T02:00:00Z')
    expect(await t.s.creditSeason.reminders.scheduled()).toBeNull()
    await expect(t.s.creditSeason.reminders.build({ reportYear: 2025, round: 3, batchId: 'late' })).rejects.toThrow(/报送期已于 2026-06-30 结束/)
    expectError(await t.anon.get('/api/credit/reminders?reportYear=2025'), 401, 'UNAUTHENTICATED')
    expectError(await t.anon.get('/api/public/credit/liaison/reminder'), 401, 'UNAUTHENTICATED')
  })
})

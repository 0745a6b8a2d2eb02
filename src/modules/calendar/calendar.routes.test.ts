import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRecords, buildTestApp, expectError, expectOk, type Client, type TestApp, userId } from '../../../test/helpers'

/** A small, valid holiday-cn file for 2027 (shape of NateScarlet/holiday-cn). 2027-01-01 is a Friday. */
function holidayCn2027(extraDays: Array<{ name: string; date: string; isOffDay: boolean }> = []) {
  return {
    year: 2027,
    papers: ['https://www.gov.cn/zhengce/content/2027-notice.htm'],
    days: [
      { name: '元旦', date: '2027-01-01', isOffDay: true },
      { name: '春节', date: '2027-02-05', isOffDay: true },
      { name: '春节', date: '2027-02-08', isOffDay: true },
      { name: '春节', date: '2027-02-09', isOffDay: true },
      { name: '春节', date: '2027-02-10', isOffDay: true },
      { name: '春节', date: '2027-02-11', isOffDay: true },
      // 调休上班: a Saturday that becomes a working day.
      { name: '春节', date: '2027-02-20', isOffDay: false },
      ...extraDays,
    ],
  }
}

describe('calendar routes', () => {
  let t: TestApp
  let admin: Client
  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
    admin = await t.login('admin')
  })
  afterAll(async () => t?.close())

  const compute = (c: Client, start: string, length: number, unit = 'WD') => c.get(`/api/calendar/compute?start=${start}&length=${length}&unit=${unit}`)
  const year2027 = () => t.s.deps.db.selectFrom('calendarYear').selectAll().where('year', '=', 2027).executeTakeFirst()
  const days2027 = () => t.s.deps.db.selectFrom('calendarDay').selectAll().where('year', '=', 2027).execute()

  it('computes 2020-01-20 + 7 working days = 2020-02-06 (Spring Festival 2020, extended)', async () => {
    const r = await compute(await t.login('operator'), '2020-01-20', 7)
    expectOk(r)
    expect(r.body).toMatchObject({ date: '2020-02-06', provisional: false, missingYears: [] })
  })

  it('needs a session for the computation', async () => {
    expectError(await compute(t.anon, '2020-01-20', 7), 401, 'UNAUTHENTICATED', '请先登录')
  })

  it('rejects an impossible start date with a zh-CN message', async () => {
    expectError(await compute(admin, '2026-02-30', 7), 400, 'VALIDATION', /2026-02-30/)
  })

  it('marks a computation into 2027 provisional with missingYears [2027] while 2027 is not loaded', async () => {
    const r = await compute(admin, '2026-12-31', 1)
    expectOk(r)
    // Only weekends assumed: Friday 2027-01-01 counts as a working day.
    expect(r.body).toMatchObject({ date: '2027-01-01', provisional: true, missingYears: [2027] })
    const years = await admin.get('/api/calendar/years')
    expect(years.body.items.map((y: { year: number }) => y.year)).not.toContain(2027)
  })

  it('refuses calendar import to an operator (403), changing nothing', async () => {
    const operator = await t.login('operator')
    const r = await operator.post('/api/calendar/import', { format: 'holiday-cn', data: holidayCn2027() })
    expectError(r, 403, 'FORBIDDEN', '没有权限执行此操作')
    expect(await year2027()).toBeUndefined()
  })

  it('refuses a bad import with a zh-CN 400 and leaves the year missing', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [holidayCn2027([{ name: '元旦', date: '2028-01-05', isOffDay: true }]), /节假日文件第 8 项：日期 2028-01-05 不属于 2027 年/],
      [holidayCn2027([{ name: '春节', date: '2027-02-30', isOffDay: true }]), /节假日文件第 8 项：.*2027-02-30/],
      [holidayCn2027([{ name: '元旦', date: '2027-01-01', isOffDay: true }]), /日期 2027-01-01 重复/],
      // 2027-02-22 is a Monday: it cannot be a 调休 working day.
      [holidayCn2027([{ name: '春节', date: '2027-02-22', isOffDay: false }]), /2027-02-22 是周一至周五/],
      [{ year: 2027, days: [] }, /2027 年的节假日安排未包含任何日期/],
      [{ year: '2027', days: [] }, /缺少整数字段 year/],
    ]
    const auditBefore = (await auditRecords(t)).length
    for (const [data, message] of cases) {
      const r = await admin.post('/api/calendar/import', { format: 'holiday-cn', data })
      expectError(r, 400, 'VALIDATION', message)
    }
    expect(await year2027()).toBeUndefined()
    expect(await days2027()).toHaveLength(0)
    expect((await auditRecords(t)).length).toBe(auditBefore)
    expect((await compute(admin, '2026-12-31', 1)).body).toMatchObject({ provisional: true, missingYears: [2027] })
  })

  it('imports a holiday-cn 2027 file as admin: audited, stored, and no longer provisional', async () => {
    const before = await compute(admin, '2026-12-31', 1)
    expect(before.body.provisional).toBe(true)
    const r = await admin.post('/api/calendar/import', { format: 'holiday-cn', data: holidayCn2027(), notice: '国办发明电〔2026〕X号' })
    expectOk(r)
    expect(r.body).toEqual({ year: 2027, days: 7 })

    expect(await year2027()).toMatchObject({ year: 2027, source: 'import', notice: '国办发明电〔2026〕X号' })
    const stored = await days2027()
    expect(stored).toHaveLength(7)
    expect(stored.find((d) => d.date === '2027-02-20')).toMatchObject({ kind: 'work', name: '春节' })

    const audit = await auditRecords(t, { action: 'calendar.year.import', targetId: '2027' })
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorId: await userId(t, 'admin'), requestId: r.headers['x-request-id'], beforeJson: null })
    expect(JSON.parse(audit[0]!.afterJson!).days).toHaveLength(7)

    // 2027-01-01 is now a day off: the next working day after 2026-12-31 is Monday 2027-01-04.
    const after = await compute(admin, '2026-12-31', 1)
    expect(after.body).toMatchObject({ date: '2027-01-04', provisional: false, missingYears: [] })
    // The 调休 Saturday counts: 2027-02-19 (Fri) + 1 WD = Saturday 2027-02-20.
    expect((await compute(admin, '2027-02-19', 1)).body).toMatchObject({ date: '2027-02-20', provisional: false })
    const years = await admin.get('/api/calendar/years')
    expect(years.body.items.find((y: { year: number }) => y.year === 2027)).toMatchObject({ source: 'import', offDays: 6, workDays: 1 })
    const month = await admin.get('/api/calendar/month?year=2027&month=2')
    expect(month.body.days.find((d: { date: string }) => d.date === '2027-02-20')).toMatchObject({ kind: 'adjusted_workday', working: true })
  })

  it('answers the public is-working-day route without a session', async () => {
    const sunday = await t.anon.get('/api/public/calendar/is-working-day?date=2024-02-04')
    expectOk(sunday)
    // A make-up Sunday before the 2024 Spring Festival.
    expect(sunday.body).toEqual({ date: '2024-02-04', working: true, kind: 'adjusted_workday', loaded: true })
    const monday = await t.anon.get('/api/public/calendar/is-working-day?date=2024-02-12')
    expect(monday.body).toEqual({ date: '2024-02-12', working: false, kind: 'holiday', loaded: true })
    expectError(await t.anon.get('/api/public/calendar/is-working-day?date=2024-13-01'), 400, 'VALIDATION')
  })
})

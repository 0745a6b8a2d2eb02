import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dateMax } from '../src/core/dates'
import { buildTestApp, expectError, expectOk, type Client, type TestApp } from './helpers'

/*
 * Every date parameter is bounded and every from–to pair ordered, in the zod schema of its
 * endpoint: a far-future, far-past or reversed period is a 400 with a zh-CN message, never a
 * service loop. `GET /api/complaint-stats/dashboard?to=9999-12-31` used to enumerate days without
 * end and take the whole process down.
 */

const FAR_FUTURE = '9999-12-31'
const FAR_PAST = '1000-01-01'
const SAMPLE_UUID = '0190c0de-1234-7abc-8def-0123456789ab'
type Res = Awaited<ReturnType<Client['request']>>

/** 400 VALIDATION in zh-CN, with a detail that names the date problem. */
function expectDateRefused(res: Res, problem: RegExp = /日期|时间|期间|期限/): void {
  expectError(res, 400, 'VALIDATION')
  const messages = (res.body.error.details as Array<{ message: string }> | undefined)?.map((d) => d.message) ?? [res.body.error.message]
  expect(
    messages.some((m) => problem.test(m)),
    JSON.stringify(messages),
  ).toBe(true)
}

describe('date parameters are bounded on every endpoint family', () => {
  let t: TestApp
  let operator: Client, leader: Client, auditor: Client, admin: Client, random: Client, handler: Client
  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
    operator = await t.login('operator')
    leader = await t.login('leader')
    auditor = await t.login('auditor')
    admin = await t.login('admin')
    random = await t.login('random')
    handler = await t.login('handler')
  })
  afterAll(async () => {
    await t?.close()
  })

  it('12315 statistics: the dashboard with to=9999-12-31 is a 400 and the server keeps answering', async () => {
    expectDateRefused(await operator.get(`/api/complaint-stats/dashboard?to=${FAR_FUTURE}`), /日期不能晚于/)
    expectOk(await t.anon.get('/api/health'))
    expectOk(await operator.get('/api/complaint-stats/dashboard'))
    for (const path of [
      '/api/complaint-stats',
      '/api/complaint-stats/dashboard',
      '/api/complaint-stats/hot-topics',
      '/api/complaint-stats/export',
      '/api/complaint-stats/items/export',
    ]) {
      expectDateRefused(await leader.get(`${path}?from=2026-01-01&to=${FAR_FUTURE}`), /日期不能晚于/)
      expectDateRefused(await leader.get(`${path}?from=${FAR_PAST}&to=2026-01-01`), /日期不能早于 2000-01-01/)
      expectDateRefused(await leader.get(`${path}?from=2026-03-01&to=2026-02-01`), /晚于截止日期/)
      expectDateRefused(await leader.get(`${path}?from=2000-01-01&to=2026-01-01`), /统计期间最长/)
    }
    expectDateRefused(await leader.get(`/api/complaint-stats?asOf=${FAR_FUTURE}`))
    expectDateRefused(await leader.get(`/api/complaint-reports/daily?day=${FAR_FUTURE}`))
    expectDateRefused(await leader.get(`/api/complaint-reports/daily?day=${FAR_PAST}`))
    expectDateRefused(await leader.get('/api/complaint-alerts?from=2026-03-01&to=2026-02-01'), /晚于截止日期/)
    expectDateRefused(await leader.get(`/api/complaint-alerts?to=${FAR_FUTURE}`))
    expectDateRefused(await leader.post('/api/complaint-alerts/evaluate', { day: FAR_FUTURE }))
    expectOk(await t.anon.get('/api/health'))
  })

  it('12315 items: list filters, intake time, decision dates and supervision due dates', async () => {
    expectDateRefused(await operator.get(`/api/complaints?receivedFrom=${FAR_PAST}`))
    expectDateRefused(await operator.get(`/api/complaints?receivedTo=${FAR_FUTURE}`))
    expectDateRefused(await operator.get('/api/complaints?receivedFrom=2026-03-01&receivedTo=2026-02-01'), /晚于截止日期/)
    expectDateRefused(await leader.get('/api/complaints/export?receivedFrom=2026-03-01&receivedTo=2026-02-01'), /晚于截止日期/)
    expectDateRefused(await operator.post('/api/complaints/preview', { type: 'complaint', receivedOn: FAR_FUTURE }))
    expectDateRefused(
      await operator.post('/api/complaints', {
        types: ['complaint'],
        channel: 'hotline',
        receivedAt: '1000-01-01T08:00:00+08:00',
        category: 'price',
        summary: '远古',
        request: '无',
        facts: '无',
      }),
      /时间不能早于/,
    )
    expectDateRefused(await handler.post(`/api/complaints/${SAMPLE_UUID}/transitions`, { action: 'accept', decidedOn: FAR_FUTURE, expectedVersion: 1 }))
    expectDateRefused(await leader.post(`/api/complaints/${SAMPLE_UUID}/supervisions`, { note: '督办', dueOn: FAR_FUTURE }))
    expectDateRefused(
      await operator.post(`/api/complaints/${SAMPLE_UUID}/transitions`, { action: 'accept', decidedOn: '2026-13-01', expectedVersion: 1 }),
      /日期不存在/,
    )
  })

  it('audit trail: impossible, far and reversed dates', async () => {
    expectDateRefused(await auditor.get('/api/audit?from=2026-13-01'), /日期不存在/)
    expectDateRefused(await auditor.get(`/api/audit?from=${FAR_PAST}`))
    expectDateRefused(await auditor.get(`/api/audit?to=${FAR_FUTURE}`))
    expectDateRefused(await auditor.get('/api/audit?from=2026-03-01&to=2026-02-01'), /晚于截止日期/)
    expectOk(await auditor.get('/api/audit?from=2026-01-01&to=2026-12-31'))
  })

  it('calendar and rule catalogue', async () => {
    expectDateRefused(await admin.get(`/api/calendar/compute?start=${FAR_FUTURE}&length=5&unit=WD`))
    expectDateRefused(await admin.get(`/api/calendar/compute?start=${FAR_PAST}&length=5&unit=WD`))
    expectDateRefused(await t.anon.get(`/api/public/calendar/is-working-day?date=${FAR_FUTURE}`))
    expectDateRefused(await admin.get(`/api/rules?at=${FAR_FUTURE}`))
    expectDateRefused(await admin.get(`/api/rules-deadline?ruleId=complaint.accept&date=${FAR_PAST}`))
    expectDateRefused(await admin.post('/api/rules/complaint.accept@v1/versions', { validFrom: FAR_FUTURE, reason: '远期版本' }))
    expectOk(await admin.get('/api/calendar/compute?start=2026-01-05&length=5&unit=WD'))
  })

  it('double random: task periods (far, reversed, longer than two years), results and conflicts', async () => {
    // Valid in every other field, so the object-level period checks run.
    const task = {
      name: '日期边界测试任务',
      unitId: SAMPLE_UUID,
      periodFrom: '2026-11-01',
      periodTo: '2026-12-31',
      items: [{ itemId: SAMPLE_UUID }],
      scope: {},
      params: { strata: [{ stratum: 'A', ratio: 0.5 }] },
    }
    expectDateRefused(await random.post('/api/inspection-tasks', { ...task, periodTo: FAR_FUTURE }))
    expectDateRefused(await random.post('/api/inspection-tasks', { ...task, periodFrom: FAR_PAST }))
    expectDateRefused(await random.post('/api/inspection-tasks', { ...task, periodFrom: '2026-12-31', periodTo: '2026-11-01' }), /早于开始日期/)
    expectDateRefused(await random.post('/api/inspection-tasks', { ...task, periodFrom: '2026-01-01', periodTo: '2030-12-31' }), /检查期限最长/)
    expectDateRefused(
      await random.patch(`/api/inspection-tasks/${SAMPLE_UUID}`, { expectedVersion: 1, periodFrom: '2026-12-31', periodTo: '2026-11-01' }),
      /晚于截止日期/,
    )
    expectDateRefused(
      await random.post(`/api/inspection-targets/${SAMPLE_UUID}/results`, { inspectedOn: FAR_FUTURE, results: [{ itemId: SAMPLE_UUID, result: 'ok' }] }),
    )
    expectDateRefused(
      await admin.post(`/api/inspection-inspectors/${SAMPLE_UUID}/conflicts`, { entityId: SAMPLE_UUID, kind: 'kin', reason: '亲属', validFrom: FAR_PAST }),
    )
  })

  it('entity register: a founding date before 1900 or in the far future', async () => {
    expectDateRefused(await admin.patch(`/api/entities/${SAMPLE_UUID}`, { expectedVersion: 1, registeredOn: '1800-01-01' }), /日期不能早于 1900-01-01/)
    expectDateRefused(await admin.patch(`/api/entities/${SAMPLE_UUID}`, { expectedVersion: 1, registeredOn: FAR_FUTURE }))
    // Register dates before the platform's own range are real (old enterprises).
    const r = await admin.patch(`/api/entities/${SAMPLE_UUID}`, { expectedVersion: 1, registeredOn: '1985-06-01' })
    expectError(r, 404, 'NOT_FOUND')
  })

  it('the upper bound moves with today: ten years ahead, to the end of that year', () => {
    expect(dateMax(new Date('2026-12-31T17:00:00Z'))).toBe('2037-12-31') // 2027-01-01 01:00 in China
    expect(dateMax(new Date('2026-06-01T00:00:00Z'))).toBe('2036-12-31')
  })
})

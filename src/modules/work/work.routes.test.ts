import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  STRONG_PASSWORD,
  createActiveUser,
  expectError,
  expectOk,
  mutableClock,
  unitId,
  userId,
  type Client,
  type MutableClock,
  type TestApp,
} from '../../../test/helpers'
import { composeUscc } from '../entities'
import { beijingDate } from '../../shared/time'

// Issue 13 points 9 (我的待办, 消息中心) and 11 (一户一档: readable sections).
const COMPLAINANT = { name: '欧阳待办', phone: '13811112222', address: '焦作市解放区民主路1号' }
const REPORTER = { name: '司徒举报', phone: '13933334444' }
const JF_STATION = 'JZ-410802-S01'
const SY_STATION = 'JZ-410811-S01'
const DAY = 86_400_000
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

let t: TestApp
let clock: MutableClock
let admin: Client
let operator: Client
let handler: Client
let leader: Client
let inspector: Client
let syHandler: Client
let syUser: string
let shop: { id: string }
let jfItem: string
let syItem: string
let reportItem: string

async function intake(summary: string, station: string, extra: Record<string, unknown> = {}) {
  const r = await operator.post('/api/complaints', {
    types: ['complaint'],
    channel: 'hotline',
    category: 'quality',
    summary,
    request: '要求退货',
    facts: '购买的电饭煲三天后无法加热，商家拒绝退货。',
    persons: [COMPLAINANT],
    respondent: { entityId: shop.id, name: 'x' },
    dispatchToUnitId: await unitId(t, station),
    ...extra,
  })
  expectOk(r, 201)
  return r.body.items[0].id as string
}
const work = async (c: Client) => {
  const r = await c.get('/api/my/work')
  expectOk(r)
  return r.body as {
    counts: Record<string, number>
    items: Array<{ id: string; source: string; no: string; clockStatus: string; assignee: string; link: string; dueOn: string | null }>
    sources: Array<{ key: string }>
  }
}
const messages = async (c: Client, q = '') => {
  const r = await c.get(`/api/my/messages${q}`)
  expectOk(r)
  return r.body as {
    items: Array<{ id: string; kind: string; title: string; link: string | null; matterId: string | null; readAt: string | null }>
    total: number
    unread: number
  }
}

beforeAll(async () => {
  clock = mutableClock('2026-11-23T02:00:00Z')
  t = await buildTestApp({ demo: true, clock })
  admin = await t.login('admin')
  operator = await t.login('operator')
  handler = await t.login('handler')
  leader = await t.login('leader')
  inspector = await t.login('inspector')
  const sy = await createActiveUser(admin, t, { unitCode: 'JZ-410811', grants: [{ role: 'case_handler', unitCode: 'JZ-410811', scope: 'unit_tree' }] })
  syHandler = sy.client
  syUser = sy.username
  const r = await admin.post('/api/entities', {
    uscc: composeUscc('92', '410802', 'MA0C0909'),
    name: '焦作市解放区待办测试超市',
    businessAddress: '焦作市解放区人民路19号',
    businessDivision: '410802001',
    domicileDivision: '410802001',
  })
  expectOk(r, 201)
  shop = r.body
  jfItem = await intake('电饭煲无法加热要求退货', JF_STATION)
  syItem = await intake('山阳区电器店拒绝退货', SY_STATION)
  const rep = await operator.post('/api/complaints', {
    types: ['report'],
    channel: 'hotline',
    category: 'price',
    summary: '超市哄抬口罩价格',
    request: '请求查处',
    facts: '口罩每只售价30元。',
    persons: [REPORTER],
    respondent: { entityId: shop.id, name: 'x' },
    dispatchToUnitId: await unitId(t, JF_STATION),
  })
  expectOk(rep, 201)
  reportItem = rep.body.items[0].id
})
afterAll(async () => t?.close())
/** Sessions end after 12 hours: moving the clock by days needs new logins. */
async function relogin() {
  admin = await t.login('admin')
  operator = await t.login('operator')
  handler = await t.login('handler')
  leader = await t.login('leader')
  inspector = await t.login('inspector')
  syHandler = await t.login(syUser, STRONG_PASSWORD)
}

describe('我的待办', () => {
  it('needs a session', async () => {
    expectError(await t.anon.get('/api/my/work'), 401, 'UNAUTHENTICATED')
    expectError(await t.anon.get('/api/my/messages'), 401, 'UNAUTHENTICATED')
    expectError(await t.anon.get('/api/my/messages/unread-count'), 401, 'UNAUTHENTICATED')
  })

  it("a dispatch reaches the handlers of the unit as a message, and the unassigned item is on their list as the unit's", async () => {
    const m = await messages(handler)
    expect(m.items.some((x) => x.kind === 'dispatch' && x.matterId === jfItem && x.link === `/complaints/${jfItem}`)).toBe(true)
    const w = await work(handler)
    const row = w.items.find((i) => i.id === jfItem)
    expect(row).toMatchObject({ source: 'complaints', assignee: 'unit', link: `/complaints/${jfItem}` })
    // The operator (who dispatched) gets no message of their own act.
    expect((await messages(operator)).items.some((x) => x.matterId === jfItem)).toBe(false)
  })

  it("another district's items never appear, on the list or as messages", async () => {
    const w = await work(handler)
    expect(w.items.some((i) => i.id === syItem)).toBe(false)
    expect((await messages(handler)).items.some((x) => x.matterId === syItem)).toBe(false)
    const sy = await work(syHandler)
    expect(sy.items.some((i) => i.id === syItem)).toBe(true)
    expect(sy.items.some((i) => i.id === jfItem || i.id === reportItem)).toBe(false)
    expect((await messages(syHandler)).items.some((x) => x.matterId === syItem && x.kind === 'dispatch')).toBe(true)
  })

  it('assignment → a message to the handler; the item is then theirs', async () => {
    const cur = await operator.get(`/api/complaints/${jfItem}`)
    expectOk(await operator.post(`/api/complaints/${jfItem}/assign`, { handlerId: await userId(t, 'handler'), expectedVersion: cur.body.version }))
    const m = await messages(handler, '?unread=1')
    const msg = m.items.find((x) => x.kind === 'assignment' && x.matterId === jfItem)
    expect(msg?.title).toContain(cur.body.itemNo)
    expect((await work(handler)).items.find((i) => i.id === jfItem)?.assignee).toBe('me')
    // The inspector of the station no longer has it as the unit's: it has a handler now.
    expect((await work(inspector)).items.some((i) => i.id === jfItem)).toBe(false)
  })

  it('督办 → a message the handler sees, counted as supervision awaiting reply until answered', async () => {
    const before = (await work(handler)).counts.supervision ?? 0
    // A legal date is a Beijing calendar date: three days after today in China.
    const due = beijingDate(clock.now().getTime() + 3 * DAY)
    expectOk(await leader.post(`/api/complaints/${jfItem}/supervisions`, { note: '请加快办理并回复', dueOn: due }))
    const unread = (await handler.get('/api/my/messages/unread-count')).body.unread as number
    const m = await messages(handler)
    const msg = m.items.find((x) => x.kind === 'supervision' && x.matterId === jfItem)!
    expect(msg.link).toBe(`/complaints/${jfItem}`)
    expect(msg.readAt).toBeNull()
    const w = await work(handler)
    expect(w.counts.supervision).toBe(before + 1)
    expect(w.items.some((i) => i.source === 'supervision' && i.link === `/complaints/${jfItem}` && i.dueOn === due)).toBe(true)

    // Another user cannot read (or mark) it.
    expectError(await inspector.post(`/api/my/messages/${msg.id}/read`), 404, 'NOT_FOUND')
    expectError(await leader.post(`/api/my/messages/${msg.id}/read`), 404, 'NOT_FOUND')
    expect((await messages(leader)).items.some((x) => x.id === msg.id)).toBe(false)
    // The handler reads it: one unread fewer.
    const read = await handler.post(`/api/my/messages/${msg.id}/read`)
    expectOk(read)
    expect(read.body.readAt).not.toBeNull()
    expect((await handler.get('/api/my/messages/unread-count')).body.unread).toBe(unread - 1)
    expect((await messages(handler, '?unread=1')).items.some((x) => x.id === msg.id)).toBe(false)

    // Replying takes it off the list.
    const d = await handler.get(`/api/complaints/${jfItem}`)
    const sid = d.body.supervisions.find((s: { respondedAt: string | null }) => !s.respondedAt).id
    expectOk(await handler.post(`/api/complaints/${jfItem}/supervisions/${sid}/response`, { response: '已联系商家，正在调解' }))
    expect((await work(handler)).counts.supervision).toBe(before)
  })

  it('read-all leaves nothing unread', async () => {
    expectOk(await handler.post('/api/my/messages/read-all'))
    expect((await handler.get('/api/my/messages/unread-count')).body.unread).toBe(0)
  })

  it('overdue items count and colour red; due notices are sent once per clock', async () => {
    clock.advance(20 * DAY)
    await relogin()
    const w = await work(handler)
    const row = w.items.find((i) => i.id === jfItem)!
    expect(row.clockStatus).toBe('overdue')
    expect(w.counts.overdue).toBeGreaterThanOrEqual(1)
    expect(w.counts.overdue).toBe(w.items.filter((i) => i.clockStatus === 'overdue').length)
    // Ordered by due date.
    const dues = w.items.map((i) => i.dueOn).filter((d): d is string => !!d)
    expect(dues).toEqual([...dues].sort())

    const first = await t.s.work.notifyDueClocks(clock.now())
    expect(first.sent).toBeGreaterThan(0)
    const again = await t.s.work.notifyDueClocks(clock.now())
    expect(again.sent).toBe(0)
    clock.advance(DAY)
    await relogin()
    expect((await t.s.work.notifyDueClocks(clock.now())).sent).toBe(0)
    const overdue = (await messages(handler, '?pageSize=200')).items.filter((x) => x.kind === 'overdue' && x.matterId === jfItem)
    expect(overdue).toHaveLength(1)
    // Never to another district's handler.
    expect((await messages(syHandler, '?pageSize=200')).items.some((x) => x.matterId === jfItem)).toBe(false)
  })

  it('job finished → its owner', async () => {
    const owner = await userId(t, 'handler')
    expect(
      await t.s.messages.notifyJobFinished({
        id: '00000000-0000-7000-8000-000000000001',
        kind: 'export',
        title: '诉求件导出',
        createdBy: owner,
        status: 'done',
      }),
    ).toBe(1)
    expect(
      await t.s.messages.notifyJobFinished({
        id: '00000000-0000-7000-8000-000000000001',
        kind: 'export',
        title: '诉求件导出',
        createdBy: owner,
        status: 'done',
      }),
    ).toBe(0)
    expect((await messages(handler)).items[0]).toMatchObject({ kind: 'job_finished', title: '诉求件导出已完成' })
  })

  it('each role has its own list', async () => {
    expect((await work(operator)).sources.map((s) => s.key)).toContain('complaints')
    expect((await work(inspector)).sources.map((s) => s.key)).toContain('inspections')
    // The leader decides approvals (审批待办) and follows escalations.
    expect((await work(leader)).sources.map((s) => s.key)).toEqual(['approvals', 'escalated'])
    const a = await work(admin)
    expect(a.items).toEqual([])
  })
})

describe("一户一档: the profile's sections are readable", () => {
  it('columns in Chinese, cells without raw ids or JSON, no complainant or reporter identity', async () => {
    const r = await leader.get(`/api/entities/${shop.id}/profile`)
    expectOk(r)
    const sections = r.body.sections as Array<{
      key: string
      title: string
      count: number
      columns: Array<{ key: string; title: string; kind: string }>
      rows: Array<Record<string, unknown>>
    }>
    const c = sections.find((s) => s.key === 'complaints')!
    expect(c.count).toBeGreaterThanOrEqual(2)
    expect(c.rows.some((row) => (row.itemNo as { href: string }).href === `/complaints/${jfItem}`)).toBe(true)
    for (const s of sections) {
      expect(s.title).toMatch(/[\u4e00-\u9fff]/)
      for (const col of s.columns) expect(col.title).toMatch(/[\u4e00-\u9fff]/)
      for (const row of s.rows) {
        expect(Object.keys(row).sort()).toEqual(s.columns.map((x) => x.key).sort())
        for (const v of Object.values(row)) {
          const text = v !== null && typeof v === 'object' ? (v as { text: string }).text : v
          expect(typeof text === 'object' && text !== null, JSON.stringify(v)).toBe(false)
          if (typeof text === 'string') {
            expect(text).not.toMatch(UUID)
            expect(text).not.toMatch(/^[[{]/)
          }
        }
      }
    }
    for (const secret of [COMPLAINANT.name, COMPLAINANT.phone, REPORTER.name, REPORTER.phone, '欧阳*', '司徒*', '138****2222'])
      expect(r.raw).not.toContain(secret)
  })
})

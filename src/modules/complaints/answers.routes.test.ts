import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRecords, buildTestApp, expectError, expectOk, mutableClock, type Client, type TestApp } from '../../../test/helpers'
import { systemCtx } from '../../core/actor'

const A = (q: Record<string, string>) => `/api/complaints/answers?${new URLSearchParams(q)}`
let t: TestApp
let operator: Client
let handler: Client
let leader: Client

const consultation = (over: Record<string, unknown> = {}) => ({
  types: ['consultation'],
  channel: 'hotline',
  category: 'online_shopping',
  summary: '网购衣服能否七天无理由退货',
  request: '网上买的衣服不合适，想问能不能退',
  facts: '来电人称在网店购买衣服，收到三天，吊牌未拆。',
  persons: [{ name: '李咨询', phone: '13700002222' }],
  ...over,
})

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-11-23T02:00:00Z') })
  expect(await t.s.complaintsModule.answers.seed(systemCtx('test'))).toBeGreaterThanOrEqual(3)
  operator = await t.login('operator')
  handler = await t.login('handler')
  leader = await t.login('leader')
})
afterAll(async () => t?.close())

describe('knowledge base of standard answers (常用语)', () => {
  it('operators find a standard answer by what the caller says (keywords, title or text; every word must match)', async () => {
    const r = await operator.get(A({ q: '退货 七天' }))
    expectOk(r)
    expect(r.body.items.map((a: any) => a.title)).toContain('七日无理由退货')
    const card = await operator.get(A({ q: '预付卡' }))
    expect(card.body.items[0].title).toBe('预付卡退费')
    expect(card.body.items[0].legalBasis).toContain('第五十三条')
    const none = await operator.get(A({ q: '预付卡 标价签' }))
    expect(none.body.items).toEqual([])
    // A LIKE wildcard is a literal character, not "anything".
    expect((await operator.get(A({ q: '%' }))).body.items).toEqual([])
    // Handlers answer consultations too: they may search.
    expectOk(await handler.get(A({ q: '标价' })))
  })

  it('authorised staff create, edit and withdraw answers (audited, optimistic lock); others may not; bad input changes nothing', async () => {
    const body = {
      title: '网络订餐食品安全',
      category: 'food_safety',
      keywords: '外卖 订餐 网络餐饮',
      answer: '网络餐饮服务第三方平台应当对入网餐饮服务提供者进行实名登记，消费者可向平台所在地或餐饮服务提供者所在地的市场监管部门投诉。',
    }
    expectError(await handler.post('/api/complaints/answers', body), 403, 'FORBIDDEN')
    expectError(await leader.post('/api/complaints/answers', body), 403, 'FORBIDDEN')
    expectError(await operator.post('/api/complaints/answers', { ...body, answer: '太短' }), 400, 'VALIDATION', /至少 10 个字/)
    expect((await operator.get(A({ q: '外卖' }))).body.items).toEqual([])

    const c = await operator.post('/api/complaints/answers', body)
    expectOk(c, 201)
    expect(c.body).toMatchObject({ title: body.title, categoryLabel: '食品安全', active: true, version: 1, legalBasis: null })
    expectError(await operator.post('/api/complaints/answers', body), 409, 'CONFLICT', /已有标题/)
    expect((await auditRecords(t, { action: 'complaint.answer.create', targetId: c.body.id })).length).toBe(1)

    const u = await operator.put(`/api/complaints/answers/${c.body.id}`, {
      ...body,
      legalBasis: '《网络餐饮服务食品安全监督管理办法》',
      active: true,
      expectedVersion: 1,
    })
    expectOk(u)
    expect(u.body.version).toBe(2)
    expectError(await operator.put(`/api/complaints/answers/${c.body.id}`, { ...body, active: true, expectedVersion: 1 }), 409, 'CONFLICT')

    const off = await operator.put(`/api/complaints/answers/${c.body.id}`, { ...body, active: false, expectedVersion: 2 })
    expectOk(off)
    expect(off.body.active).toBe(false)
    expect((await auditRecords(t, { action: 'complaint.answer.deactivate', targetId: c.body.id })).length).toBe(1)
    // Withdrawn: gone from the operators' search, still on the maintenance list.
    expect((await operator.get(A({ q: '外卖' }))).body.items).toEqual([])
    const all = await operator.get(A({ q: '外卖', all: '1' }))
    expect(all.body.items.map((a: any) => a.id)).toEqual([c.body.id])
    expectError(await handler.get(A({ all: '1' })), 403, 'FORBIDDEN')
  })
})

describe('consultation answered at intake (当场答复)', () => {
  it('registers and closes a consultation in one step through the answer transition: timeline, clock, audit, answer use counted', async () => {
    const kb = (await operator.get(A({ q: '七日无理由' }))).body.items[0]
    const r = await operator.post('/api/complaints', consultation({ answerNow: kb.answer, answerId: kb.id }))
    expectOk(r, 201)
    const item = r.body.items[0]
    expect(item).toMatchObject({ type: 'consultation', state: 'closed', outcome: 'answered', closedOn: '2026-11-23' })
    const d = await operator.get(`/api/complaints/${item.id}`)
    expect(d.body.timeline.map((e: any) => e.kind)).toEqual(['received', 'answer'])
    const answered = d.body.timeline[1]
    expect(answered.data.answer).toBe(kb.answer)
    expect(answered.public).toBe(true)
    const clock = d.body.clocks.find((c: any) => c.kind === 'answer')
    expect(clock.doneOn).toBe('2026-11-23')
    expect(clock.status).toBe('done')
    expect((await auditRecords(t, { action: 'complaint.answer', targetId: item.id })).length).toBe(1)
    expect((await auditRecords(t, { action: 'complaint.intake', targetId: item.id })).length).toBe(1)
    const after = (await operator.get(`/api/complaints/answers/${kb.id}`)).body
    expect(after.usedCount).toBe(kb.usedCount + 1)
  })

  it('an answer typed by the operator (no standard answer) closes it as well', async () => {
    const r = await operator.post(
      '/api/complaints',
      consultation({ answerNow: '已告知来电人：吊牌完好的衣服可在收货后七日内申请无理由退货，运费一般由消费者承担。' }),
    )
    expectOk(r, 201)
    expect(r.body.items[0].state).toBe('closed')
  })

  it('refuses an answer at intake for a complaint, with a dispatch, without text or with a withdrawn answer — and creates nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.s.deps.db
            .selectFrom('complaintItem')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await count()
    expectError(
      await operator.post('/api/complaints', consultation({ types: ['complaint'], answerNow: '答复内容足够长的一段文字。' })),
      400,
      'VALIDATION',
      /只有咨询/,
    )
    const units = await operator.get('/api/org/units')
    const someUnit = (units.body.items ?? units.body)[0].id
    expectError(
      await operator.post('/api/complaints', consultation({ answerNow: '答复内容足够长的一段文字。', dispatchToUnitId: someUnit })),
      400,
      'VALIDATION',
      /不再分送/,
    )
    const kb = (await operator.get(A({ q: '价格' }))).body.items[0]
    expectError(await operator.post('/api/complaints', consultation({ answerId: kb.id })), 400, 'VALIDATION', /请填写答复内容/)
    const w = await operator.post('/api/complaints/answers', { title: '临时口径', keywords: '', answer: '这是一条即将停用的临时答复口径，仅供测试。' })
    await operator.put(`/api/complaints/answers/${w.body.id}`, { title: '临时口径', keywords: '', answer: w.body.answer, active: false, expectedVersion: 1 })
    expectError(await operator.post('/api/complaints', consultation({ answerNow: w.body.answer, answerId: w.body.id })), 400, 'VALIDATION', /已停用/)
    expect(await count()).toBe(before)
  })
})

import type { Services } from '../app'
import type { Ctx } from '../core/actor'
import type { IntakeInput, TransitionInput } from '../modules/complaints'

/**
 * A small deterministic set of live 12315 items for the demo city, one or more in every state the
 * work queue shows, run through the real service (events, clocks, audit, a case lead). The bulk
 * 18-month history is the analytics demo's (complaints.repo.ts `bulkInsert`).
 */
export async function loadDemoComplaints(s: Services, log: (line: string) => void = () => {}): Promise<number> {
  const { db } = s.deps
  const unit = async (code: string) => (await db.selectFrom('orgUnit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
  const user = async (username: string) =>
    await db.selectFrom('appUser').select(['id', 'displayName']).where('username', '=', username).executeTakeFirstOrThrow()
  const op = await user('operator')
  const hd = await user('handler')
  // Demo actors with every permission (system kind) but the demo users' names and units.
  const ctxOf = (u: { id: string; displayName: string }, unitId: string): Ctx => ({
    actor: { kind: 'system', userId: u.id, username: 'demo', displayName: u.displayName, primaryUnitId: unitId, scopes: new Map() },
    requestId: 'demo',
    ip: null,
  })
  const opCtx = ctxOf(op, await unit('JZ-12315'))
  // The centre's knowledge base of standard answers (常用语) for consultations.
  await s.complaintsModule.answers.seed(opCtx)
  const hdCtx = ctxOf(hd, await unit('JZ-410802'))
  const station = await unit('JZ-410802-S01')
  const station2 = await unit('JZ-410811-S01')
  const now = s.deps.clock.now().getTime()
  const ago = (days: number) => new Date(now - days * 86_400_000).toISOString()

  // Respondents: the register's first entities in 解放区 and 山阳区 when loaded, else free text.
  const pick = async (division: string) =>
    db.selectFrom('marketEntity').select(['id', 'name']).where('businessDivision', 'like', `${division}%`).orderBy('recordKey').limit(1).executeTakeFirst()
  const jf = await pick('410802')
  const sy = await pick('410811')
  type Resp = NonNullable<IntakeInput['respondent']>
  const r0 = { kind: 'offline' as const, sellerAddressUnavailable: false }
  const respJf: Resp = jf
    ? { ...r0, entityId: jf.id, name: jf.name }
    : { ...r0, name: '焦作市解放区惠民超市', address: '焦作市解放区民主南路18号', division: '410802001' }
  const respSy: Resp = sy
    ? { ...r0, entityId: sy.id, name: sy.name }
    : { ...r0, name: '焦作市山阳区优品电器店', address: '焦作市山阳区人民路200号', division: '410811001' }

  const base = (over: Partial<IntakeInput>): IntakeInput => ({
    types: ['complaint'],
    channel: 'hotline',
    category: 'quality',
    summary: '',
    request: '要求退货退款',
    facts: '',
    persons: [],
    anonymous: false,
    ...over,
  })
  const person = (name: string, phone: string, address = '焦作市解放区焦作路66号') => ({ name, phone, address, isRepresentative: false })
  const act = async (ctx: Ctx, id: string, t: { action: TransitionInput['action'] } & Record<string, unknown>) => {
    const cur = await s.complaints.detail(ctx, id)
    await s.complaints.transition(ctx, id, { ...t, expectedVersion: cur.version } as unknown as TransitionInput)
  }
  const make = async (input: IntakeInput) => (await s.complaints.intake(opCtx, input)).items.map((i) => i.id)

  let n = 0
  // 1. Waiting for dispatch at the 12315 centre.
  n += (
    await make(
      base({
        receivedAt: ago(0),
        summary: '购买的口罩疑似“三无”产品',
        facts: '在该超市购买的口罩包装无生产厂家和生产日期。',
        category: 'quality',
        productCode: '0203',
        persons: [person('李桂芳', '13703911234')],
        respondent: respJf,
      }),
    )
  ).length
  // 2. Dispatched, waiting for acceptance.
  const [d2] = await make(
    base({
      receivedAt: ago(2),
      summary: '电饭煲使用一周无法加热',
      facts: '购买电饭煲一台，使用一周后无法加热，商家拒绝退换。',
      productCode: '0303',
      persons: [person('王建军', '13903912345')],
      respondent: respSy,
    }),
  )
  await act(opCtx, d2!, { action: 'dispatch', unitId: station2 })
  // 3. Mediating.
  const [d3] = await make(
    base({
      receivedAt: ago(6),
      summary: '健身卡闭店无法退费',
      category: 'contract',
      productCode: '0605',
      facts: '办理年卡后健身房闭店，剩余8个月会费未退。',
      persons: [person('赵丽', '13603915678')],
      respondent: respJf,
      amountClaimedFen: 240000,
    }),
  )
  await act(opCtx, d3!, { action: 'dispatch', unitId: station })
  await act(hdCtx, d3!, { action: 'accept' })
  // 4. Mediation paused for testing.
  const [d4] = await make(
    base({
      receivedAt: ago(9),
      summary: '新买电动车电池鼓包',
      productCode: '0402',
      facts: '电动车购买20天电池鼓包，商家称人为损坏。',
      persons: [person('孙强', '13803917788')],
      respondent: respJf,
    }),
  )
  await act(opCtx, d4!, { action: 'dispatch', unitId: station })
  await act(hdCtx, d4!, { action: 'accept' })
  await act(hdCtx, d4!, { action: 'pause', kind: 'testing', reason: '双方共同委托检测机构对电池进行检测' })
  // 5. Mediated with an agreement, waiting for the follow-up visit.
  const [d5] = await make(
    base({
      receivedAt: ago(12),
      summary: '手机屏幕质量问题',
      productCode: '0305',
      facts: '新手机屏幕出现亮线，要求换货。',
      persons: [person('周敏', '13503916655')],
      respondent: respJf,
    }),
  )
  await act(opCtx, d5!, { action: 'dispatch', unitId: station })
  await act(hdCtx, d5!, { action: 'accept' })
  await act(hdCtx, d5!, { action: 'conclude', outcome: 'agreement_with_doc', recoveredFen: 329900 })
  // 6. Settled and closed after the follow-up.
  const [d6] = await make(
    base({
      receivedAt: ago(15),
      summary: '餐馆菜品价格与菜单不符',
      category: 'price',
      productCode: '0601',
      facts: '结账时菜价高于菜单标价。',
      persons: [person('吴涛', '13403914433')],
      respondent: respJf,
    }),
  )
  await act(opCtx, d6!, { action: 'dispatch', unitId: station })
  await act(hdCtx, d6!, { action: 'accept' })
  await act(hdCtx, d6!, { action: 'conclude', outcome: 'settled', recoveredFen: 8600 })
  await act(hdCtx, d6!, { action: 'follow_up' })
  await act(hdCtx, d6!, { action: 'close', followUpResult: '投诉人对处理结果满意' })
  // 7. Not accepted (time-barred).
  const [d7] = await make(
    base({
      receivedAt: ago(5),
      summary: '四年前购买的家具开裂',
      productCode: '0304',
      facts: '2021年购买的衣柜开裂。',
      persons: [person('郑华', '13303912211')],
      respondent: respJf,
    }),
  )
  await act(opCtx, d7!, { action: 'dispatch', unitId: station })
  await act(hdCtx, d7!, { action: 'reject', reasonCode: 'TIME_BARRED' })
  // 8. Mediation terminated, notice still to be served.
  const [d8] = await make(
    base({
      receivedAt: ago(11),
      summary: '装修公司拖延工期',
      category: 'contract',
      productCode: '05',
      facts: '合同约定60天完工，已逾期40天。',
      persons: [person('冯刚', '13203918899')],
      respondent: respJf,
    }),
  )
  await act(opCtx, d8!, { action: 'dispatch', unitId: station })
  await act(hdCtx, d8!, { action: 'accept' })
  await act(hdCtx, d8!, { action: 'terminate', ground: 'ABSENT_OR_REFUSED' })
  // 9. Real-name report, verification running late (escalates).
  const [r1] = await make(
    base({
      types: ['report'],
      receivedAt: ago(24),
      category: 'price',
      summary: '药店口罩哄抬价格',
      request: '请求依法查处',
      facts: '普通医用口罩每只售价25元。',
      productCode: '0203',
      persons: [person('陈立新', '13103917766')],
      respondent: respJf,
    }),
  )
  await act(opCtx, r1!, { action: 'dispatch', unitId: station })
  // 10. Anonymous report filed as a case lead.
  const [r2] = await make(
    base({
      types: ['report'],
      receivedAt: ago(4),
      category: 'food_safety',
      summary: '饭店使用过期食材',
      request: '请求检查',
      facts: '后厨存放大量过期冻肉。',
      productCode: '0102',
      anonymous: true,
      respondent: respSy,
    }),
  )
  await act(opCtx, r2!, { action: 'dispatch', unitId: station2 })
  await act({ ...hdCtx, actor: { ...hdCtx.actor, primaryUnitId: await unit('JZ-410811') } }, r2!, {
    action: 'file_case',
    summary: '举报饭店使用过期冻肉，经核查存在超过保质期食品',
  })
  // 11–12. Consultations: one answered at once, one waiting.
  const [c1] = await make(
    base({
      types: ['consultation'],
      receivedAt: ago(1),
      category: 'other',
      summary: '个体户注销需要哪些材料',
      request: '咨询注销流程',
      facts: '咨询个体工商户简易注销。',
    }),
  )
  await act(opCtx, c1!, { action: 'answer', answer: '可通过河南政务服务网申请简易注销，需提交全体投资人承诺书。' })
  n += (
    await make(
      base({
        types: ['consultation'],
        receivedAt: ago(0),
        category: 'price',
        summary: '春节期间商品价格如何投诉',
        request: '咨询价格投诉渠道',
        facts: '咨询。',
      }),
    )
  ).length
  // 13. A mixed submission split into a complaint and a report.
  n += (
    await make(
      base({
        types: ['complaint', 'report'],
        receivedAt: ago(1),
        category: 'advertising',
        summary: '保健品虚假宣传并拒绝退货',
        productCode: '0105',
        facts: '宣传可治疗高血压，服用无效，要求退货。',
        persons: [person('褚秀英', '15903913344')],
        respondent: respSy,
      }),
    )
  ).length
  n += 11
  const esc = await s.complaints.escalateOverdue()
  log(`已建立 12315 演示诉求件 ${n} 件（各办理状态），超期升级 ${esc.escalated} 件`)
  return n
}

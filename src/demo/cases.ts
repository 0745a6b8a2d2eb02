/**
 * Demo case files (行政处罚案件) in 解放区 and 山阳区, one per stage, opened from double-random
 * findings the way the platform does (lead → 立案 → documents and clocks), so the case pages,
 * 我的待办 and the entity profile have something to show: the 2020-style mask price-gouging case
 * decided and served with a late payment, a counterfeit-mask case with a seizure under testing, a
 * food case at the advance notice, an advertising case closed. Dates are relative to today.
 */
import { systemCtx } from '../core/actor'
import { beijingDate } from '../shared/time'
import type { Services } from '../app'

const DAY = 86_400_000

export async function loadDemoCases(s: Services, log: (line: string) => void = () => {}): Promise<number> {
  const { db } = s.deps
  const ctx = systemCtx()
  const today = beijingDate(s.deps.clock.now())
  const ago = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10)
  const unit = async (code: string) => (await db.selectFrom('orgUnit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
  const user = async (username: string) => (await db.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  // The demo handler handles cases: an enforcement certificate number (Penalty Law Art 42) if it has none.
  await db.updateTable('appUser').set({ certNo: '豫A0820002' }).where('username', '=', 'handler').where('certNo', 'is', null).execute()
  const officers = [await user('handler'), await user('inspector')]
  const entityIn = async (division: string, offset: number) =>
    db
      .selectFrom('marketEntity')
      .select(['id', 'name', 'uscc'])
      .where('businessDivision', 'like', `${division}%`)
      .orderBy('id')
      .offset(offset)
      .limit(1)
      .executeTakeFirst()

  const open = async (o: {
    unit: string
    division: string
    offset: number
    title: string
    caseType: string
    facts: string
    filedAgo: number
    person: string
  }) => {
    const e = await entityIn(o.division, o.offset)
    const lead = await db.transaction().execute((trx) =>
      s.enforcement.createLead(trx, ctx, {
        source: 'inspection',
        sourceId: 'demo',
        sourceNo: null,
        unitId: o.unit,
        entityId: e?.id ?? null,
        entityName: e?.name ?? o.person,
        uscc: e?.uscc ?? null,
        summary: o.facts,
        foundOn: ago(o.filedAgo + 5),
      }),
    )
    return s.cases.open(ctx, {
      leadId: lead.id,
      leadVersion: 1,
      title: o.title,
      caseType: o.caseType as 'price',
      partyKind: e ? 'entity' : 'person',
      ...(e ? {} : { personName: o.person }),
      officerIds: officers,
      facts: o.facts,
      filedOn: ago(o.filedAgo),
    })
  }
  const act = async (id: string, action: Parameters<Services['cases']['act']>[2], input: Record<string, unknown>) => s.cases.act(ctx, id, action, input)

  const jf = await unit('JZ-410802')
  const sy = await unit('JZ-410811')
  // 1. Price gouging (masks): decided, served, paid late (the surcharge shows), not yet closed.
  const price = await open({
    unit: jf,
    division: '410802',
    offset: 0,
    title: '哄抬一次性口罩价格案',
    caseType: 'price',
    facts: '当事人将进价0.5元的一次性口罩以每只20元销售。',
    filedAgo: 60,
    person: '张某',
  })
  await act(price.id, 'notify', {
    facts: '当事人将进价0.5元的一次性口罩以每只20元销售，违法所得1,200元。',
    basis: '《中华人民共和国价格法》第十四条第（三）项',
    intendedPenalty: '没收违法所得1,200元，罚款5,000元',
    on: ago(45),
  })
  await act(price.id, 'decide', {
    penaltyType: 'fine',
    facts: '当事人哄抬一次性口罩价格，有进货单据、销售记录为证。',
    basis: '《价格违法行为行政处罚规定》第六条',
    fineFen: 500_000,
    gainsFen: 120_000,
    on: ago(35),
  })
  await act(price.id, 'serve', { method: 'direct', recipient: '当事人', on: ago(33) })
  // 2. Counterfeit masks: seized goods, testing running (the 90-day clock paused).
  const fake = await open({
    unit: jf,
    division: '410802',
    offset: 1,
    title: '销售假冒注册商标口罩案',
    caseType: 'quality',
    facts: '检查发现当事人销售标称某品牌的医用口罩，涉嫌假冒。',
    filedAgo: 20,
    person: '王某',
  })
  const v = (await s.cases.get(ctx, fake.id)).version
  await s.cases.seize(ctx, fake.id, {
    version: v,
    measure: 'seize',
    reason: '涉嫌销售假冒注册商标的医用口罩',
    items: [{ name: '医用外科口罩', quantity: 2030, unit: '只', location: '解放区局涉案物品库' }],
    on: ago(19),
  })
  await act(fake.id, 'start_testing', { subject: '口罩是否为注册商标权利人生产', institution: '商标权利人', on: ago(15) })
  // 3. Food: advance notice served, statements awaited.
  const food = await open({
    unit: sy,
    division: '410811',
    offset: 0,
    title: '经营超过保质期食品案',
    caseType: 'food',
    facts: '检查发现当事人货架上陈列超过保质期的饮料12瓶。',
    filedAgo: 12,
    person: '赵某',
  })
  await act(food.id, 'notify', {
    facts: '当事人经营超过保质期的饮料12瓶。',
    basis: '《中华人民共和国食品安全法》第三十四条第（十）项',
    intendedPenalty: '没收超过保质期的食品，罚款5,000元',
    on: ago(1),
  })
  // 4. Advertising: terminated and closed.
  const ad = await open({
    unit: jf,
    division: '410802',
    offset: 2,
    title: '发布虚假广告案',
    caseType: 'advertising',
    facts: '当事人在店招中使用“最高级”“最佳”等用语。',
    filedAgo: 40,
    person: '李某',
  })
  await act(ad.id, 'close', { reason: 'terminated', note: '经调查，违法事实不能成立，终止调查。', on: ago(10) })
  log('已建立演示行政处罚案件 4 件（调查、告知、决定执行、结案各阶段）')
  return 4
}

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

/**
 * The case history behind the statistics and the public penalty pages (issue 14 point 9), built
 * through the case service like a bureau would (lead → 立案 → 告知 → 决定 → 送达 → 缴款 → 结案; the
 * decision creates its publicity record, a publicity officer publishes it):
 * - the Jiaozuo 2020 epidemic shapes of the seeds (焦作, 2020-01-24 to 2020-03-31): price-gouging
 *   cases 18 filed / 15 closed with CNY 150,000 in fines and confiscations; counterfeit masks and
 *   food 12 filed / 3 closed with CNY 110,000, and 2,030 counterfeit masks seized. The cases still
 *   open at the end of March close in the summer of 2020.
 * - food and advertising cases in every district this year, decided and published, so the public
 *   penalty page lists them (one food party is a natural person: masked).
 * - one typical case (典型案例) with its write-up.
 * The 11 on-the-spot penalties for unmarked prices wait for the simplified procedure (not built in
 * this module yet). Returns the number of cases opened.
 */
export async function loadDemoCaseHistory(s: Services, log: (line: string) => void = () => {}): Promise<number> {
  const { db } = s.deps
  const ctx = systemCtx()
  const today = beijingDate(s.deps.clock.now())
  const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
  const min = (a: string, b: string) => (a < b ? a : b)
  await db.updateTable('appUser').set({ certNo: '豫A0820002' }).where('username', '=', 'handler').where('certNo', 'is', null).execute()
  const officers = [
    (await db.selectFrom('appUser').select('id').where('username', '=', 'handler').executeTakeFirstOrThrow()).id,
    (await db.selectFrom('appUser').select('id').where('username', '=', 'inspector').executeTakeFirstOrThrow()).id,
  ]
  const districts = await db
    .selectFrom('orgUnit')
    .innerJoin('orgUnitDivision', 'orgUnitDivision.unitId', 'orgUnit.id')
    .select(['orgUnit.id', 'orgUnit.name', 'orgUnitDivision.divisionCode as division'])
    .where('orgUnit.kind', '=', 'district_bureau')
    .orderBy('orgUnit.sortOrder')
    .execute()
  if (!districts.length) return 0
  const used = new Map<string, number>()
  const entityIn = async (division: string) => {
    const k = used.get(division) ?? 10
    used.set(division, k + 1)
    return db
      .selectFrom('marketEntity')
      .select(['id', 'name', 'uscc'])
      .where('businessDivision', 'like', `${division}%`)
      .orderBy('id')
      .offset(k)
      .limit(1)
      .executeTakeFirst()
  }
  let n = 0
  type Plan = {
    d: (typeof districts)[number]
    title: string
    caseType: string
    facts: string
    basis: string
    filedOn: string
    /** Decision: fine and confiscated gains in fen, or absent (still investigating). */
    fineFen?: number
    gainsFen?: number
    penaltyType?: string
    closeOn?: string
    publish?: boolean
    person?: string
    seize?: { name: string; quantity: number; unit: string }
  }
  const run = async (p: Plan) => {
    const e = p.person ? undefined : await entityIn(p.d.division)
    const lead = await db.transaction().execute((trx) =>
      s.enforcement.createLead(trx, ctx, {
        source: 'inspection',
        sourceId: 'demo-history',
        sourceNo: null,
        unitId: p.d.id,
        entityId: e?.id ?? null,
        entityName: e?.name ?? p.person ?? '个体经营者',
        uscc: e?.uscc ?? null,
        summary: p.facts,
        foundOn: addDays(p.filedOn, -2),
      }),
    )
    const c = await s.cases.open(ctx, {
      leadId: lead.id,
      leadVersion: 1,
      title: p.title,
      caseType: p.caseType as 'price',
      partyKind: e ? 'entity' : 'person',
      ...(e ? {} : { personName: p.person ?? '王某某', personIdNo: '410802198801011234' }),
      officerIds: officers,
      facts: p.facts,
      filedOn: p.filedOn,
    })
    n++
    const act = async (action: Parameters<Services['cases']['act']>[2], input: Record<string, unknown>) => s.cases.act(ctx, c.id, action, input)
    if (p.seize) {
      const v = (await s.cases.get(ctx, c.id)).version
      const seizedOn = addDays(p.filedOn, 1)
      const sz = await s.cases.seize(ctx, c.id, {
        version: v,
        measure: 'seize',
        reason: p.facts,
        items: [{ ...p.seize, location: `${p.d.name}涉案物品库` }],
        on: seizedOn,
      })
      await s.cases.releaseSeizure(ctx, c.id, sz.seizures[0]!.id, { version: sz.version, disposal: 'confiscated', on: addDays(seizedOn, 20) })
    }
    if (p.fineFen === undefined) return
    const notifiedOn = addDays(p.filedOn, 8)
    const decidedOn = addDays(p.filedOn, p.filedOn < '2021-07-15' ? 14 : 20)
    const servedOn = addDays(decidedOn, 1)
    await act('notify', { facts: p.facts, basis: p.basis, intendedPenalty: '罚款、没收违法所得', on: notifiedOn })
    await act('decide', { penaltyType: p.penaltyType ?? 'fine', facts: p.facts, basis: p.basis, fineFen: p.fineFen, gainsFen: p.gainsFen ?? 0, on: decidedOn })
    await act('serve', { method: 'direct', recipient: '当事人', on: servedOn })
    if (p.publish) {
      const pub = (await db.selectFrom('casePublicity').select(['id', 'version']).where('caseId', '=', c.id).executeTakeFirst()) ?? null
      if (pub) await s.casePublicity.publish(ctx, pub.id, { version: pub.version, on: min(addDays(decidedOn, 10), today) })
    }
    if (!p.closeOn) return
    const paidOn = addDays(servedOn, 4)
    let v = (await s.cases.get(ctx, c.id)).version
    if (p.fineFen > 0)
      v = (await s.cases.pay(ctx, c.id, { version: v, kind: 'fine', amountFen: p.fineFen, paidOn, receiptNo: `JZ${paidOn.replace(/-/g, '')}${n}` })).version
    if ((p.gainsFen ?? 0) > 0)
      await s.cases.pay(ctx, c.id, { version: v, kind: 'gains', amountFen: p.gainsFen!, paidOn, receiptNo: `JZG${paidOn.replace(/-/g, '')}${n}` })
    await act('close', { reason: 'performed', on: p.closeOn })
  }
  const d = (i: number) => districts[i % districts.length]!
  const PRICE_BASIS = '《中华人民共和国价格法》第十四条第（三）项，《价格违法行为行政处罚规定》第六条'
  const FAKE_BASIS = '《中华人民共和国产品质量法》第五十条'

  // 2020: price gouging — 18 filed, 15 decided and closed by 2020-03-31, CNY 150,000 (fines + gains).
  const priceAmounts = [18_000, 15_000, 12_000, 12_000, 10_000, 10_000, 10_000, 9_000, 9_000, 8_000, 8_000, 8_000, 7_000, 7_000, 7_000] // yuan, Σ 150,000
  for (let i = 0; i < 18; i++) {
    const filedOn = addDays('2020-01-25', i * 2)
    const yuanTotal = priceAmounts[i]
    await run({
      d: d(i),
      title: i % 3 === 0 ? '哄抬口罩价格案' : i % 3 === 1 ? '哄抬消毒液价格案' : '哄抬蔬菜价格案',
      caseType: 'price',
      facts: '疫情防控期间，当事人大幅提高防疫用品及民生商品销售价格，推动价格过快上涨。',
      basis: PRICE_BASIS,
      filedOn,
      ...(yuanTotal !== undefined
        ? { fineFen: (yuanTotal * 100 * 3) / 5, gainsFen: (yuanTotal * 100 * 2) / 5, closeOn: addDays(filedOn, 24), publish: true }
        : {}),
    })
  }
  // 2020: counterfeit masks and food — 12 filed, 3 closed by 2020-03-31; 6 decided, CNY 110,000; 2,030 masks seized.
  const fakeAmounts = [30_000, 25_000, 20_000, 15_000, 12_000, 8_000] // yuan, Σ 110,000
  for (let i = 0; i < 12; i++) {
    const filedOn = addDays('2020-01-28', i * 3)
    const yuanTotal = fakeAmounts[i]
    const decided = yuanTotal !== undefined
    await run({
      d: d(i + 3),
      title: i % 2 === 0 ? '销售假冒伪劣口罩案' : '经营不符合食品安全标准的食品案',
      caseType: i % 2 === 0 ? 'quality' : 'food',
      facts: i % 2 === 0 ? '当事人销售假冒注册商标、不符合标准的口罩。' : '当事人经营过期、不符合食品安全标准的食品。',
      basis: i % 2 === 0 ? FAKE_BASIS : '《中华人民共和国食品安全法》第一百二十四条',
      filedOn,
      ...(i === 0 ? { seize: { name: '假冒医用口罩', quantity: 2030, unit: '只' } } : {}),
      ...(decided ? { fineFen: (yuanTotal * 100 * 4) / 5, gainsFen: (yuanTotal * 100) / 5, publish: true } : {}),
      // 3 closed within the epidemic period; the rest of the decided ones close in the summer.
      ...(decided ? { closeOn: i < 3 ? '2020-03-31' : '2020-07-15' } : {}),
    })
  }
  // Still-open 2020 investigations are closed in the summer of 2020 (terminated), so nothing from then is pending today.
  const open2020 = await db
    .selectFrom('caseFile')
    .select(['id'])
    .where('filedOn', '<', '2020-12-31')
    .where('state', '=', 'investigating')
    .where('sourceId', '=', 'demo-history')
    .execute()
  for (const c of open2020) await s.cases.act(ctx, c.id, 'close', { reason: 'terminated', note: '经调查，违法事实不足，终止调查。', on: '2020-07-20' })

  // This year: food and advertising cases in every district, decided and published (the public page).
  const year = today.slice(0, 4)
  const base = `${year}-01-10` < addDays(today, -200) ? addDays(today, -200) : `${year}-01-10`
  for (const [i, dist] of districts.entries()) {
    const filedOn = addDays(base, i * 5)
    await run({
      d: dist,
      title: '经营超过保质期食品案',
      caseType: 'food',
      facts: '当事人经营超过保质期的预包装食品。',
      basis: '《中华人民共和国食品安全法》第三十四条第（十）项、第一百二十四条',
      filedOn,
      fineFen: 500_000 + i * 10_000,
      gainsFen: 20_000,
      publish: true,
      ...(i === 1 ? { person: '赵小明' } : {}),
    })
    await run({
      d: dist,
      title: '发布虚假广告案',
      caseType: 'advertising',
      facts: '当事人在网络平台发布含有虚假内容的广告。',
      basis: '《中华人民共和国广告法》第二十八条、第五十五条',
      filedOn: addDays(filedOn, 3),
      fineFen: 2_000_000 + i * 50_000,
      publish: true,
    })
  }
  const best = await db
    .selectFrom('caseFile')
    .select('id')
    .where('caseType', '=', 'advertising')
    .where('decisionNo', 'is not', null)
    .where('sourceId', '=', 'demo-history')
    .orderBy('fineFen', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (best)
    await s.casePublicity.markTypical(ctx, {
      caseId: best.id,
      title: '网络平台发布虚假广告典型案例',
      writeUp:
        '当事人在网络平台发布含有虚假内容的商品广告，欺骗、误导消费者。执法人员固定电子证据，依据《中华人民共和国广告法》第五十五条作出行政处罚。' +
        '本案提示：网络广告同样适用《广告法》，平台经营者应履行广告审核义务。',
    })
  log(`已建立行政处罚案件历史 ${n} 件（2020 年疫情期间价格、假冒伪劣口罩与食品案件；本年度各区县食品、广告案件，含处罚信息公示与典型案例）`)
  return n
}

import { systemCtx } from '../core/actor'
import { newId } from '../core/ids'
import type { Services } from '../app'
import { beijingDate } from '../shared/time'

/**
 * Demo data of sampling inspection (抽检). `loadDemoSamplingBase` (called by loadDemoCity, a few rows):
 * the testing laboratories, the resident population of 焦作 and its counties, the lab account's link.
 * `loadDemoSampling` (with the other module demos): a 2020 city food plan with its results at about
 * 98.5 % pass (bulk-inserted history: the seeds' 2020 shape), the 2020 epidemic protective-equipment
 * spot checks, 2026 plans in progress, and non-conforming samples in every disposal stage taken
 * through the real workflow (clocks, leads, assistance requests).
 */

/** Demo laboratories (names marked 演示: not real qualification records). */
const LABS = [
  { name: '河南省食品检验研究院（演示）', cmaNo: '演示CMA-161600000001', types: ['food'], retest: true },
  { name: '焦作市检验检测中心（演示）', cmaNo: '演示CMA-161600000002', types: ['food', 'product'], retest: false },
  { name: '河南省产品质量检验技术研究院（演示）', cmaNo: '演示CMA-161600000003', types: ['food', 'product'], retest: true },
  { name: '郑州海关技术中心（演示）', cmaNo: '演示CMA-161600000004', types: ['food'], retest: true },
]

/**
 * Resident population, 7th national census (2020-11-01). The city total 3,521,078 is the census
 * bulletin's figure for 焦作市; the county figures are demo approximations (they sum to the city's
 * total) to be replaced with the bulletin's values by an administrator (维护常住人口).
 */
const POPULATION_2020: Array<[string, number, string]> = [
  ['410800', 3_521_078, '第七次全国人口普查公报（焦作市）'],
  ['410802', 350_000, '演示约数，待核对'],
  ['410803', 120_000, '演示约数，待核对'],
  ['410804', 150_000, '演示约数，待核对'],
  ['410811', 460_000, '演示约数，待核对'],
  ['410821', 250_000, '演示约数，待核对'],
  ['410822', 370_000, '演示约数，待核对'],
  ['410823', 620_000, '演示约数，待核对'],
  ['410825', 400_000, '演示约数，待核对'],
  ['410882', 430_000, '演示约数，待核对'],
  ['410883', 371_078, '演示约数，待核对'],
]

export async function loadDemoSamplingBase(s: Services): Promise<{ labIds: string[] }> {
  const ctx = systemCtx('demo')
  const svc = s.sampling.service
  const labIds: string[] = []
  for (const l of LABS) {
    const lab = await svc.saveLab(ctx, null, {
      name: l.name,
      cmaNo: l.cmaNo,
      scopeText: l.types.includes('product') ? '食品、食品添加剂、日用消费品与工业产品（演示范围）' : '食品、食品添加剂、食用农产品（演示范围）',
      checkTypes: l.types as Array<'food' | 'product'>,
      qualifiedFrom: '2019-01-01',
      qualifiedTo: '2030-12-31',
      retestQualified: l.retest,
      address: null,
      phone: null,
    })
    labIds.push(lab.id)
  }
  for (const [divisionCode, population, sourceNote] of POPULATION_2020) await svc.setPopulation(ctx, { divisionCode, year: 2020, population, sourceNote })
  const labUser = await s.deps.db.selectFrom('appUser').select('id').where('username', '=', 'lab').executeTakeFirst()
  if (labUser) await svc.linkLabUser(ctx, labIds[1]!, labUser.id)
  return { labIds }
}

const FOOD_2020: Array<[string, number]> = [
  ['01', 1200],
  ['02', 800],
  ['03', 1100],
  ['04', 900],
  ['05', 500],
  ['06', 900],
  ['24', 800],
  ['31', 2300],
  ['3301', 2400],
  ['3302', 2100],
  ['3303', 700],
  ['15', 500],
]

/** Loads the plans and samples (see the file header). Returns the number of samples. */
export async function loadDemoSampling(s: Services, log: (line: string) => void = () => {}): Promise<number> {
  const ctx = systemCtx('demo')
  const { db } = s.deps
  const svc = s.sampling.service
  const labs = await db.selectFrom('samplingLab').select(['id', 'name', 'checkTypes']).orderBy('name').execute()
  if (labs.length === 0) return 0
  const foodLabs = labs.filter((l) => l.checkTypes.includes('food')).map((l) => l.id)
  const productLabs = labs.filter((l) => l.checkTypes.includes('product')).map((l) => l.id)
  const city = await db.selectFrom('orgUnit').select('id').where('code', '=', 'JZ').executeTakeFirstOrThrow()
  const jf = await db.selectFrom('orgUnit').select('id').where('code', '=', 'JZ-410802').executeTakeFirstOrThrow()
  const entities = await db.selectFrom('marketEntity').select(['id', 'name']).orderBy('id').limit(2000).execute()
  if (entities.length === 0) return 0

  // 2020: the city's food plan, ~4.03 batches per 1,000 residents, ~98.5 % pass (history, bulk-inserted).
  const plan2020 = await svc.createPlan(ctx, {
    unitId: city.id,
    year: 2020,
    title: '2020年焦作市食品安全监督抽检计划',
    checkType: 'food',
    targetPerThousand: 4,
    lines: FOOD_2020.map(([categoryCode, batches]) => ({ categoryCode, batches, riskWeight: 1 })),
    labIds: foodLabs,
  })
  const epidemic = await svc.createPlan(ctx, {
    unitId: city.id,
    year: 2020,
    title: '2020年疫情防控用品产品质量监督抽查',
    checkType: 'product',
    lines: [
      { categoryCode: 'P01', batches: 131, riskWeight: 3 },
      { categoryCode: 'P03', batches: 40, riskWeight: 2 },
    ],
    labIds: productLabs,
  })
  const now = new Date().toISOString()
  let n = 0
  const history = async (planId: string, checkType: string, lines: Array<[string, number]>, failEvery: number, prefix: string) => {
    const rows: Array<Record<string, unknown>> = []
    const failed: Array<{ id: string; cat: string }> = []
    let k = 0
    for (const [cat, batches] of lines)
      for (let i = 0; i < batches; i++, k++) {
        const e = entities[k % entities.length]!
        const day = `2020-${String(2 + (k % 10)).padStart(2, '0')}-${String(1 + (k % 27)).padStart(2, '0')}`
        const fail = k % failEvery === failEvery - 1
        const id = newId()
        if (fail) failed.push({ id, cat })
        const issued = `2020-${String(3 + (k % 10)).padStart(2, '0')}-${String(1 + (k % 27)).padStart(2, '0')}`
        rows.push({
          id,
          sampleNo: `${prefix}2020${String(k + 1).padStart(6, '0')}`,
          unitId: city.id,
          planId,
          year: 2020,
          checkType,
          categoryCode: cat,
          taskMode: k % 3 === 0 ? 'targeted' : 'random',
          assigneeId: null,
          entityId: e.id,
          entityName: e.name,
          place: '经营场所',
          producerName: `演示食品生产企业${(k % 97) + 1}号`,
          producerAddress: null,
          producerDivision: k % 11 === 0 ? '410100' : '410802',
          producerOutside: k % 11 === 0 ? 1 : 0,
          productName: `演示样品${cat}-${(k % 50) + 1}`,
          brand: null,
          spec: '500g/袋',
          batchNo: `B${k}`,
          productionDate: '2020-01-10',
          shelfLifeDays: 365,
          quantity: 6,
          backupQuantity: 3,
          quantityUnit: '袋',
          pricePaidFen: 1500 + (k % 40) * 100,
          samplers: JSON.stringify(['张伟', '李娜']),
          sampledOn: day,
          signedBy: '店长',
          labId: (checkType === 'food' ? foodLabs : productLabs)[k % (checkType === 'food' ? foodLabs.length : productLabs.length)]!,
          receivedOn: day,
          reportNo: `JC2020${k + 1}`,
          issuedOn: issued,
          conclusion: fail ? 'fail' : 'pass',
          backupKeepUntil: null,
          servedOn: fail ? issued : null,
          retestAppliedOn: null,
          retestLabId: null,
          retestConclusion: null,
          leadId: null,
          disposalDoneOn: fail ? '2020-12-20' : null,
          state: fail ? 'closed' : 'conforming',
          version: 1,
          createdAt: now,
          createdBy: null,
          updatedAt: now,
        })
      }
    for (let i = 0; i < rows.length; i += 400)
      await db
        .insertInto('samplingSample')
        .values(rows.slice(i, i + 400) as never)
        .execute()
    const items = failed.map((f, i) => ({
      id: newId(),
      sampleId: f.id,
      round: 'first',
      seq: 1,
      item: ['菌落总数', '铅（以Pb计）', '苯甲酸及其钠盐（以苯甲酸计）', '克伦特罗', '二氧化硫残留量'][i % 5]!,
      standard: 'GB 2762-2017',
      method: 'GB 5009.12-2017',
      limitText: '≤0.2',
      result: '0.41',
      resultUnit: 'mg/kg',
      conclusion: 'fail',
    }))
    for (let i = 0; i < items.length; i += 400)
      await db
        .insertInto('samplingResult')
        .values(items.slice(i, i + 400))
        .execute()
    n += rows.length
  }
  // 1 in 66 non-conforming: 98.48 % pass, as Shanwei's 2020 figure.
  await history(plan2020.id, 'food', FOOD_2020, 66, 'LS')
  // The epidemic protective-equipment checks (Jincheng's 131 batches): 1 in 12 non-conforming.
  await history(
    epidemic.id,
    'product',
    [
      ['P01', 131],
      ['P03', 40],
    ],
    12,
    'LP',
  )
  log(`抽检：2020 年食品抽检 ${FOOD_2020.reduce((a, [, b]) => a + b, 0)} 批次、防疫用品抽查 171 批次（历史数据）`)

  // 2026: the city's and 解放区's plans in progress, samples through the real workflow.
  const year = Number(beijingDate(new Date()).slice(0, 4))
  const plan = await svc.createPlan(ctx, {
    unitId: jf.id,
    year,
    title: `${year}年解放区食品安全监督抽检计划`,
    checkType: 'food',
    lines: [
      { categoryCode: '3301', batches: 300, riskWeight: 3 },
      { categoryCode: '03', batches: 120, riskWeight: 1 },
      { categoryCode: '31', batches: 260, riskWeight: 2 },
    ],
    labIds: foodLabs,
  })
  await svc.createPlan(ctx, {
    unitId: city.id,
    year,
    title: `${year}年焦作市食品安全监督抽检计划（市本级）`,
    checkType: 'food',
    lines: FOOD_2020.map(([categoryCode, batches]) => ({ categoryCode, batches: Math.round(batches * 1.1), riskWeight: 1 })),
    labIds: foodLabs,
  })
  const sampler = await db.selectFrom('appUser').select('id').where('username', '=', 'jfsampling').executeTakeFirst()
  const tasks = await svc.createTasks(ctx, plan.id, { categoryCode: '3301', mode: 'random', count: 12, assigneeId: sampler?.id ?? null })
  n += tasks.created
  const today = beijingDate(new Date())
  const lab = labs.find((l) => l.name.startsWith('焦作市检验检测中心'))!.id
  const v = async (id: string) => (await svc.get(ctx, id)).version
  const step = async (id: string, action: Parameters<typeof svc.act>[2], input: Record<string, unknown>) => svc.act(ctx, id, action, input, await v(id))
  // Stages: 0–1 待抽样; 2 已抽样; 3 检验中; 4 合格; 5 不合格待送达; 6 已送达; 7 复检中; 8 处置中; 9 处置完毕; 10 处置中（外地生产者）.
  for (const [i, id] of tasks.sampleIds.entries()) {
    if (i < 2) continue
    await step(id, 'record_sampling', {
      sampledOn: today,
      place: '农贸市场摊位',
      productName: ['猪肉', '鸡蛋', '芹菜', '韭菜', '牛肉', '草鱼', '豇豆', '鸡肉', '羊肉'][i % 9],
      producerName: i === 10 ? '郑州演示养殖有限公司' : '焦作市演示农产品合作社',
      producerDivision: i === 10 ? '410100' : '410802',
      quantity: 2,
      backupQuantity: 1,
      quantityUnit: 'kg',
      pricePaidFen: 3600,
      samplers: ['张伟', '李娜'],
      signedBy: '摊主',
      labId: lab,
    })
    if (i < 3) continue
    await step(id, 'receive', { receivedOn: today })
    if (i < 4) continue
    const fail = i >= 5
    const labCtx = ctx
    await svc.saveResults(
      labCtx,
      id,
      [
        {
          item: '克伦特罗',
          standard: '整顿办函〔2010〕50号',
          method: 'GB/T 22286-2008',
          limit: '不得检出',
          result: '未检出',
          unit: 'μg/kg',
          conclusion: 'pass',
        },
        fail
          ? { item: '恩诺沙星', standard: 'GB 31650-2019', method: '农业部1025号公告-14-2008', limit: '≤100', result: '236', unit: 'μg/kg', conclusion: 'fail' }
          : {
              item: '恩诺沙星',
              standard: 'GB 31650-2019',
              method: '农业部1025号公告-14-2008',
              limit: '≤100',
              result: '未检出',
              unit: 'μg/kg',
              conclusion: 'pass',
            },
      ],
      await v(id),
      { lab: false },
    )
    await step(id, fail ? 'issue_non_conforming' : 'issue_conforming', { reportNo: `JZJC${year}${String(i).padStart(4, '0')}`, issuedOn: today })
    if (!fail || i < 6) continue
    await step(id, 'serve', { servedOn: today })
    if (i < 7) continue
    if (i === 7) {
      await step(id, 'request_retest', { appliedOn: today, applicant: '摊主' })
      await step(id, 'draw_retest_lab', { drawTimeValue: `${today} 福彩3D 第${year}001期 123` })
      continue
    }
    await step(id, 'start_disposal', {})
    await step(id, 'record_disposal', { step: 'stop_sale', doneOn: today, note: '现场封存剩余产品' })
    if (i === 9) {
      await step(id, 'record_disposal', { step: 'recall', doneOn: today, note: null })
      await step(id, 'verify_disposal', { doneOn: today, note: '经核查处置到位' })
    }
  }
  log(`抽检：${year} 年计划 2 个，解放区抽样任务 ${tasks.created} 个（各处置阶段）`)
  return n
}

import { systemCtx, type Ctx } from '../core/actor'
import { chinaDate, type Clock } from '../core/clock'
import type { Services } from '../app'
import { createInspectionsModule } from '../modules/inspections'
import { DEMO_PASSWORD } from './demo'

/**
 * Demo data of 双随机、一公开 for the demo city: the check-item list, the inspector register (the
 * demo `inspector` plus a dozen more certified demo inspectors across the urban districts and the
 * city's departments), a city plan and a 解放区 plan for 2026, and a year of tasks run through the
 * real services — announced, drawn (real, verifiable draw records), inspected (some problems found:
 * case leads and abnormal-list proposals follow), completed and published — plus one task in
 * progress for the demo inspector and one announced task waiting for its draw.
 *
 * Deterministic in structure and outcomes (which tasks, which results by draw position); the drawn
 * entities themselves depend on the register's ids, which are generated at load time. Fast: the
 * tasks use narrow scopes and capped strata (a few hundred targets in all).
 */

const ITEMS = [
  {
    code: 'SJ-DJ-001',
    name: '企业公示信息情况的检查',
    basis: '《企业信息公示暂行条例》第十四条、第十八条',
    dept: 'JZ-XY',
    kinds: ['enterprise'],
    key: false,
    method: '书面检查、网络监测、实地核查',
    line: 'registration',
  },
  {
    code: 'SJ-DJ-002',
    name: '个体工商户登记事项的检查',
    basis: '《促进个体工商户发展条例》《市场主体登记管理条例》第三十五条',
    dept: 'JZ-XY',
    kinds: ['individual'],
    key: false,
    method: '实地核查',
    line: 'registration',
  },
  {
    code: 'SJ-SP-001',
    name: '食品经营者落实食品安全主体责任情况的检查',
    basis: '《中华人民共和国食品安全法》第一百一十条',
    dept: 'JZ-ZF',
    kinds: [],
    key: true,
    method: '现场检查、查阅资料',
    line: 'food',
  },
  {
    code: 'SJ-SP-002',
    name: '进口冷链食品追溯与储存条件的检查',
    basis: '《中华人民共和国食品安全法》第五十三条、第五十四条',
    dept: 'JZ-ZF',
    kinds: [],
    key: true,
    method: '现场检查、追溯信息核对',
    line: 'food',
  },
  {
    code: 'SJ-YP-001',
    name: '药品零售企业经营行为的检查',
    basis: '《中华人民共和国药品管理法》第九十九条',
    dept: 'JZ-ZF',
    kinds: [],
    key: true,
    method: '现场检查',
    line: 'drugs',
  },
  {
    code: 'SJ-TZ-001',
    name: '特种设备使用单位安全管理情况的检查',
    basis: '《中华人民共和国特种设备安全法》第五十七条',
    dept: 'JZ-ZF',
    kinds: [],
    key: true,
    method: '现场检查、查阅使用登记和检验记录',
    line: 'special_equipment',
  },
  {
    code: 'SJ-JG-001',
    name: '明码标价和价格行为的检查',
    basis: '《中华人民共和国价格法》第十三条、第三十四条；《明码标价和禁止价格欺诈规定》',
    dept: 'JZ-JG',
    kinds: [],
    key: false,
    method: '现场检查、暗访',
    line: 'price',
  },
  {
    code: 'SJ-GG-001',
    name: '广告发布行为的检查',
    basis: '《中华人民共和国广告法》第四十九条',
    dept: 'JZ-JG',
    kinds: [],
    key: false,
    method: '网络监测、现场检查',
    line: 'advertising',
  },
] as const
const ALL_RESULTS = ['no_problem', 'no_activity', 'corrected', 'pending_followup', 'not_publicised', 'false_publicity', 'unreachable', 'refused'] as const

/** username, name, unit code, business lines. The demo `inspector` (解放区首所) is registered too. */
const INSPECTORS: Array<[string, string, string, string[]]> = [
  ['inspector', '', 'JZ-410802-S01', ['registration', 'food']],
  ['jf_insp1', '马国强', 'JZ-410802-ZF', ['registration', 'food', 'price']],
  ['jf_insp2', '杜海燕', 'JZ-410802-ZF', ['registration', 'food', 'drugs']],
  ['jf_insp3', '郑晓东', 'JZ-410802-S02', ['registration', 'food']],
  ['jf_insp4', '黄丽娟', 'JZ-410802-S03', ['registration', 'special_equipment']],
  ['sy_insp1', '秦志刚', 'JZ-410811-ZF', ['registration', 'food', 'drugs', 'price']],
  ['sy_insp2', '袁芳', 'JZ-410811-ZF', ['registration', 'special_equipment', 'price']],
  ['zz_insp1', '冯伟', 'JZ-410803-ZF', ['registration', 'food', 'drugs']],
  ['mc_insp1', '范永胜', 'JZ-410804-ZF', ['registration', 'special_equipment', 'food']],
  ['city_insp1', '贾文涛', 'JZ-ZF', ['registration', 'food', 'drugs', 'special_equipment', 'price', 'advertising']],
  ['city_insp2', '韩雪梅', 'JZ-ZF', ['registration', 'food', 'drugs', 'special_equipment', 'price', 'advertising']],
  ['city_insp3', '邓建华', 'JZ-JG', ['price', 'advertising', 'competition']],
  ['city_insp4', '曹丽萍', 'JZ-JG', ['price', 'advertising', 'competition']],
]

type Strata = Array<{ stratum: 'A' | 'B' | 'C' | 'D' | 'N'; ratio: number; min?: number; max?: number }>
interface DemoTask {
  plan: 'city' | 'jf'
  name: string
  items: string[]
  /** Joint task: items checked by their own departments. */
  joint?: boolean
  scope: { kinds?: string[]; tags?: string[]; industries?: string[] }
  strata: Strata
  /** [announce, draw, results, publish] dates; a missing stage is not reached. */
  dates: [string, string?, string?, string?]
  /** Share of targets with results recorded (1 = all; the task completes). */
  done?: number
}
const capped = (a: number, b: number, c: number, d: number, max: number): Strata => [
  { stratum: 'A', ratio: a, max },
  { stratum: 'B', ratio: b, max },
  { stratum: 'C', ratio: c, max },
  { stratum: 'D', ratio: d, max },
  { stratum: 'N', ratio: b, max },
]
const TASKS: DemoTask[] = [
  {
    plan: 'city',
    name: '2026年第一批进口冷链食品经营者专项抽查',
    items: ['SJ-SP-002'],
    scope: { tags: ['cold_chain'] },
    strata: capped(0.05, 0.1, 0.2, 0.5, 8),
    dates: ['2026-03-02', '2026-03-09', '2026-03-24', '2026-04-10'],
  },
  {
    plan: 'city',
    name: '2026年药品零售企业经营行为抽查',
    items: ['SJ-YP-001'],
    scope: { tags: ['pharmacy'] },
    strata: capped(0.02, 0.05, 0.1, 0.3, 8),
    dates: ['2026-04-01', '2026-04-08', '2026-04-28', '2026-05-20'],
  },
  {
    plan: 'city',
    name: '2026年特种设备使用单位安全管理抽查',
    items: ['SJ-TZ-001'],
    scope: { tags: ['special_equipment'] },
    strata: capped(0.02, 0.05, 0.1, 0.3, 8),
    dates: ['2026-05-06', '2026-05-13', '2026-06-02', '2026-06-19'],
  },
  {
    plan: 'city',
    name: '2026年企业公示信息抽查',
    items: ['SJ-DJ-001'],
    scope: { kinds: ['enterprise'] },
    strata: capped(0.002, 0.005, 0.01, 0.03, 10),
    dates: ['2026-06-01', '2026-06-08', '2026-07-07', '2026-07-24'],
  },
  {
    plan: 'jf',
    name: '解放区2026年个体工商户登记事项抽查',
    items: ['SJ-DJ-002'],
    scope: { kinds: ['individual'] },
    strata: capped(0.005, 0.01, 0.02, 0.05, 6),
    dates: ['2026-07-01', '2026-07-08', '2026-07-29', '2026-08-14'],
  },
  {
    plan: 'city',
    name: '2026年食品经营与明码标价部门联合抽查',
    items: ['SJ-SP-001', 'SJ-JG-001'],
    joint: true,
    scope: { tags: ['price_monitored'] },
    strata: capped(0.005, 0.01, 0.02, 0.05, 3),
    dates: ['2026-08-03', '2026-08-10', '2026-09-01', '2026-09-18'],
  },
  {
    plan: 'jf',
    name: '解放区2026年餐饮服务食品安全抽查',
    items: ['SJ-SP-001'],
    scope: { industries: ['H'] },
    strata: capped(0.01, 0.02, 0.04, 0.1, 6),
    dates: ['2026-09-21', '2026-09-28', '2026-11-10'],
  },
  {
    plan: 'jf',
    name: '解放区2026年第四季度企业公示信息抽查',
    items: ['SJ-DJ-001'],
    scope: { kinds: ['enterprise'] },
    strata: capped(0.005, 0.01, 0.02, 0.05, 6),
    dates: ['2026-11-02', '2026-11-09', '2026-11-18'],
    done: 0.4,
  },
  {
    plan: 'jf',
    name: '解放区2026年网店经营者抽查',
    items: ['SJ-DJ-001'],
    scope: { tags: ['platform_seller'] },
    strata: capped(0.01, 0.02, 0.04, 0.1, 5),
    dates: ['2026-11-16'],
  },
]

/** The result an inspector records for the target at draw position `n` (deterministic). */
function demoResult(n: number, options: readonly string[]): { result: string; note: string | null } {
  const pick = (r: string, note: string) => (options.includes(r) ? { result: r, note } : { result: 'no_problem', note: null })
  if (n % 11 === 3) return pick('corrected', '发现未按规定公示即时信息/台账记录不全，已当场责令限期改正')
  if (n % 17 === 5) return pick('unreachable', '登记的经营场所已无人经营，电话无法接通')
  if (n % 23 === 7) return pick('pending_followup', '涉嫌销售超过保质期的食品，已抽样并移交执法稽查')
  if (n % 29 === 11) return pick('not_publicised', '未按规定公示年度报告')
  return { result: 'no_problem', note: null }
}

export async function loadDemoInspections(s: Services, log: (line: string) => void = () => {}): Promise<void> {
  const t0 = Date.now()
  const { db } = s.deps
  const ctx = systemCtx('demo')
  let now = new Date('2026-01-05T02:00:00Z')
  const clock: Clock = { now: () => new Date(now) }
  const at = (date: string, hour = 10) => {
    now = new Date(`${date}T${String(hour - 8).padStart(2, '0')}:00:00Z`)
  }
  // The same services over a clock that walks through 2026 (the profile tab is registered once, by the app).
  const m = createInspectionsModule({
    ...s.deps,
    sqlite: s.handle.sqlite,
    clock,
    audit: s.audit,
    rules: s.rules,
    enforcement: s.enforcement,
    credit: s.credit,
  })
  const unit = async (code: string) => (await db.selectFrom('orgUnit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id

  // Check items.
  at('2026-01-05')
  const itemIds = new Map<string, string>()
  for (const it of ITEMS) {
    const r = await m.catalog.createItem(ctx, {
      code: it.code,
      name: it.name,
      legalBasis: it.basis,
      unitId: await unit(it.dept),
      entityKinds: [...it.kinds],
      isKey: it.key,
      checkMethod: it.method,
      resultOptions: [...ALL_RESULTS],
      businessLine: it.line,
      active: true,
    })
    itemIds.set(it.code, r.id)
  }

  // Inspectors: certified demo accounts (password as the other demo accounts), in the register.
  const actors = new Map<string, Ctx>()
  for (const [username, displayName, unitCode, lines] of INSPECTORS) {
    const unitId = await unit(unitCode)
    let id = (await db.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirst())?.id
    if (!id) {
      id = await db.transaction().execute(async (trx) => {
        const uid = await s.users.createUserAsSystem(trx, {
          username,
          displayName,
          password: DEMO_PASSWORD,
          unitId,
          certNo: `豫A08${String(actors.size + 30001).slice(-5)}`,
          phone: null,
          grants: [{ role: 'inspector', unitId, scope: 'unit' }],
          isDemo: true,
          mustChangePassword: false,
        })
        await s.audit.record(trx, ctx, {
          action: 'user.create',
          targetType: 'user',
          targetId: uid,
          targetLabel: `${displayName}（${username}）`,
          unitId,
          after: { username, role: 'inspector', demo: true },
        })
        return uid
      })
    }
    await m.catalog.saveInspector(ctx, id, { unitId, lines: lines as never, maxLoad: null, active: true, note: null })
    const u = await db.selectFrom('appUser').select(['username', 'displayName']).where('id', '=', id).executeTakeFirstOrThrow()
    actors.set(id, { actor: await s.auth.actorFor(id, u.username, u.displayName), requestId: 'demo', ip: null })
  }

  const entities = await db
    .selectFrom('marketEntity')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  if (Number(entities.n) === 0) {
    log(`已载入抽查事项 ${ITEMS.length} 项、检查人员 ${INSPECTORS.length} 名（名录为空，未生成抽查任务）`)
    return
  }

  const plans = {
    city: (
      await m.service.createPlan(ctx, {
        year: 2026,
        name: '焦作市市场监督管理局2026年度“双随机、一公开”抽查工作计划',
        unitId: await unit('JZ'),
        description: '按信用风险分类确定抽查比例：A 类 1%、B 类 4%、C 类 8%、D 类 100%（专项任务另定并设上限）。',
      })
    ).id,
    jf: (
      await m.service.createPlan(ctx, {
        year: 2026,
        name: '焦作市解放区市场监督管理局2026年度抽查工作计划',
        unitId: await unit('JZ-410802'),
        description: null,
      })
    ).id,
  }
  let targets = 0
  let problems = 0
  for (const d of TASKS) {
    const [announceOn, drawOn, resultsOn, publishOn] = d.dates
    at(announceOn)
    const unitId = d.plan === 'city' ? await unit('JZ') : await unit('JZ-410802')
    const task = await m.service.createTask(ctx, {
      planId: plans[d.plan],
      name: d.name,
      unitId,
      joint: d.joint ?? false,
      periodFrom: announceOn,
      periodTo: `${announceOn.slice(0, 4)}-12-31`,
      items: d.items.map((c) => ({ itemId: itemIds.get(c)!, unitId: null })),
      scope: {
        kinds: (d.scope.kinds ?? []) as never,
        industries: d.scope.industries ?? [],
        divisions: [],
        tags: d.scope.tags ?? [],
        riskClasses: [],
        statuses: ['active'],
        specialListId: null,
      },
      params: { strata: d.strata, perTarget: 2, maxLoad: 30, excludeDailyStation: true, excludeRecent: true },
    })
    // A small demo register may leave a task nothing to draw: it stays a draft that says why.
    const cap = await m.service.preview(ctx, task.id)
    if (!cap.feasible) {
      log(`演示任务“${d.name}”按当前名录无法抽取，保留为草稿：${cap.problems.join('；')}`)
      continue
    }
    await m.service.announce(ctx, task.id)
    if (!drawOn) continue
    at(drawOn)
    const job = await m.draws.startDraw(ctx, task.id, { drawTimeValue: `演示抽取 ${drawOn} ${task.taskNo}` }, { wait: true })
    const j = await db.selectFrom('inspectionDrawJob').select(['status', 'message']).where('id', '=', job.id).executeTakeFirstOrThrow()
    if (j.status !== 'succeeded') {
      log(`演示任务“${d.name}”抽取未完成：${j.message ?? ''}`)
      continue
    }
    if (!resultsOn) continue
    const rows = await db.selectFrom('inspectionTarget').selectAll().where('taskId', '=', task.id).orderBy('ordinal').execute()
    const share = Math.ceil(rows.length * (d.done ?? 1))
    const items = task.items
    for (const tg of rows.slice(0, share)) {
      const first = await db
        .selectFrom('inspectionDrawAssignment')
        .select('userId')
        .where('drawId', '=', tg.drawId)
        .where('entityId', '=', tg.entityId)
        .orderBy('groupNo')
        .orderBy('position')
        .executeTakeFirstOrThrow()
      // The demo inspector keeps some pending targets in the task in progress.
      at(resultsOn, 9 + (tg.ordinal % 8))
      const results = items.map((it, k) => ({
        itemId: it.itemId,
        ...demoResult(
          tg.ordinal + k * 7 + targets,
          it.resultOptions.map((o) => o.code),
        ),
      }))
      await m.service.recordResults(actors.get(first.userId)!, tg.id, { inspectedOn: resultsOn, results: results as never })
      if (results.some((r) => r.result !== 'no_problem')) problems++
    }
    targets += rows.length
    if (publishOn) {
      at(publishOn)
      await m.service.publish(ctx, task.id)
    }
  }
  log(
    `已载入双随机抽查演示数据：事项 ${ITEMS.length} 项、检查人员 ${INSPECTORS.length} 名、任务 ${TASKS.length} 个、抽中对象 ${targets} 户（发现问题 ${problems} 户），用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒；今天 ${chinaDate(new Date())}`,
  )
}

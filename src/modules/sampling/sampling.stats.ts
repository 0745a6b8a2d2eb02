import type { Writable } from 'node:stream'
import { sql } from 'kysely'
import { assertCan, inScope, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { writeXlsx } from '../../core/export'
import { CHECK_TYPE_LABEL, categoryLabel, topCategory, type CheckType } from '../../shared/sampling/catalogue'
import { batchesPerThousand, passRate } from './sampling.domain'
import type { Stats, StatsQuery } from './sampling.schema'

type Acc = { planned: number; sampled: number; tested: number; nonConforming: number; disposing: number; disposed: number }
const zero = (): Acc => ({ planned: 0, sampled: 0, tested: 0, nonConforming: 0, disposing: 0, disposed: 0 })

/**
 * Sampling statistics (抽检统计): batches planned / sampled / tested / non-conforming, pass rate,
 * disposal completion, by large category or by unit, for a year and check type within the actor's
 * scope; batches per 1,000 residents over the population of the units in scope. One grouped query
 * over sampling_sample (index year, check_type, category_code) and one over the plan lines.
 */
export function createSamplingStats({ db }: Pick<CoreDeps, 'db'>, populationOf: (exec: typeof db, unitId: string, year: number) => Promise<number | null>) {
  async function stats(ctx: Ctx, q: StatsQuery): Promise<Stats> {
    const scope = assertCan(ctx.actor, 'sampling.stats')
    // One grouped read by unit × category (the covering index sampling_sample_stats_idx: year,
    // check type, unit, category, state, conclusions — no table lookup, no sort), folded below.
    const grouped = await db
      .selectFrom('samplingSample')
      .select([
        'samplingSample.unitId as u',
        'samplingSample.categoryCode as c',
        sql<number>`sum(case when state not in ('assigned', 'cancelled') then 1 else 0 end)`.as('sampled'),
        sql<number>`sum(case when conclusion is not null then 1 else 0 end)`.as('tested'),
        sql<number>`sum(case when coalesce(retest_conclusion, conclusion) = 'fail' then 1 else 0 end)`.as('failed'),
        sql<number>`sum(case when state in ('non_conforming', 'served', 'retest_requested', 'retesting', 'disposing') then 1 else 0 end)`.as('disposing'),
        sql<number>`sum(case when state = 'closed' then 1 else 0 end)`.as('disposed'),
      ])
      .where('samplingSample.year', '=', q.year)
      .where('samplingSample.checkType', '=', q.checkType)
      .where((eb) => inScope(eb, scope, ctx.actor, 'sampling_sample.unit_id'))
      .groupBy(['samplingSample.unitId', 'samplingSample.categoryCode'])
      .execute()
    const rows = grouped.map((r) => ({ ...r, k: q.by === 'unit' ? r.u : r.c }))
    const planKey = q.by === 'unit' ? 'samplingPlan.unitId' : 'samplingPlanLine.categoryCode'
    const planned = await db
      .selectFrom('samplingPlanLine')
      .innerJoin('samplingPlan', 'samplingPlan.id', 'samplingPlanLine.planId')
      .select([sql<string>`${sql.ref(planKey)}`.as('k'), sql<number>`sum(sampling_plan_line.batches)`.as('n')])
      .where('samplingPlan.year', '=', q.year)
      .where('samplingPlan.checkType', '=', q.checkType)
      .where((eb) => inScope(eb, scope, ctx.actor, 'sampling_plan.unit_id'))
      .groupBy(sql.ref(planKey))
      .execute()
    const targetRow = await db
      .selectFrom('samplingPlan')
      .select(sql<number>`max(target_per_thousand_centi)`.as('t'))
      .where('year', '=', q.year)
      .where((eb) => inScope(eb, scope, ctx.actor, 'sampling_plan.unit_id'))
      .executeTakeFirst()
    // Categories roll up to their large category; units are shown by name.
    const fold = (k: string) => (q.by === 'category' ? topCategory(k) : k)
    const acc = new Map<string, Acc>()
    const at = (k: string) => acc.get(k) ?? (acc.set(k, zero()), acc.get(k)!)
    for (const r of rows) {
      const a = at(fold(r.k))
      a.sampled += Number(r.sampled ?? 0)
      a.tested += Number(r.tested ?? 0)
      a.nonConforming += Number(r.failed ?? 0)
      a.disposing += Number(r.disposing ?? 0)
      a.disposed += Number(r.disposed ?? 0)
    }
    for (const p of planned) at(fold(p.k)).planned += Number(p.n ?? 0)
    const unitNames =
      q.by === 'unit' && acc.size
        ? new Map(
            (
              await db
                .selectFrom('orgUnit')
                .select(['id', 'name'])
                .where('id', 'in', [...acc.keys()])
                .execute()
            ).map((u) => [u.id, u.name]),
          )
        : new Map<string, string>()
    const present = (key: string, label: string, a: Acc) => ({
      key,
      label,
      ...a,
      passRate: passRate(a.tested, a.nonConforming),
      disposalCompletion: a.disposing + a.disposed > 0 ? Math.round((a.disposed * 1000) / (a.disposing + a.disposed)) / 10 : null,
    })
    const out = [...acc.entries()]
      .map(([k, a]) => present(k, q.by === 'unit' ? (unitNames.get(k) ?? k) : categoryLabel(k), a))
      .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    const total = zero()
    for (const a of acc.values()) for (const f of Object.keys(total) as (keyof Acc)[]) total[f] += a[f]
    // The population of the actor's top units (a whole-city actor: the city).
    let population: number | null = null
    if (q.checkType === 'food') {
      const anchors = scope.all
        ? (await db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).execute()).map((u) => u.id)
        : [
            ...scope.unitIds,
            ...(await db.selectFrom('orgUnit').select(['id', 'path']).execute()).filter((u) => scope.treePaths.includes(u.path)).map((u) => u.id),
          ]
      for (const id of anchors) {
        const p = await populationOf(db, id, q.year)
        if (p !== null) population = (population ?? 0) + p
      }
    }
    return {
      year: q.year,
      checkType: q.checkType,
      by: q.by,
      rows: out,
      total: present('total', '合计', total),
      population,
      perThousand: batchesPerThousand(total.sampled, population),
      target: Number(targetRow?.t ?? 400) / 100,
    }
  }

  async function exportXlsx(ctx: Ctx, q: StatsQuery, out: Writable) {
    const s = await stats(ctx, q)
    const pct = (v: number | null) => (v === null ? '' : `${v.toFixed(2)}%`)
    type R = Stats['rows'][number]
    await writeXlsx<R>(out, {
      name: '抽检统计',
      title: `${s.year}年${CHECK_TYPE_LABEL[s.checkType as CheckType]}统计（按${s.by === 'unit' ? '单位' : '类别'}）`,
      columns: [
        { header: s.by === 'unit' ? '单位' : '食品类别', width: 28, value: (r) => r.label },
        { header: '计划批次', width: 10, value: (r) => r.planned },
        { header: '已抽样', width: 10, value: (r) => r.sampled },
        { header: '已检验', width: 10, value: (r) => r.tested },
        { header: '不合格', width: 10, value: (r) => r.nonConforming },
        { header: '合格率', width: 10, value: (r) => pct(r.passRate) },
        { header: '处置中', width: 10, value: (r) => r.disposing },
        { header: '处置完毕', width: 10, value: (r) => r.disposed },
        { header: '处置完成率', width: 12, value: (r) => pct(r.disposalCompletion) },
      ],
      rows: [...s.rows, s.total],
      bold: (r) => r.key === 'total',
      footer: [
        [],
        [
          s.population
            ? `常住人口 ${s.population.toLocaleString('zh-CN')} 人，每千人抽检 ${s.perThousand ?? '—'} 批次（目标 ${s.target} 批次/千人）`
            : '未维护常住人口，无法计算每千人抽检批次',
        ],
        ['合格率 =（已检验 − 不合格）÷ 已检验；不合格以复检结论为准（有复检时）。'],
      ],
    })
  }
  return { stats, exportXlsx }
}
export type SamplingStats = ReturnType<typeof createSamplingStats>

/**
 * The sample reads: the scoped list, the detail (results, clocks, disposals, assistance requests,
 * re-test draw, available actions), the public result announcements and the entity file's section.
 */
import { sql } from 'kysely'
import type { Ctx } from '../../core/actor'
import { listPage } from '../../core/matter/records'
import { categoryLabel } from '../../shared/sampling/catalogue'
import { CONCLUSIONS, DISPOSAL_STEPS, SAMPLE_CLOCKS, type Conclusion } from '../../shared/sampling/sample.workflow'
import type { ProfileSection } from '../entities'
import { LAB_ACTION_SET, SAMPLE_MATTER, presentSample, type SamplingKit } from './sampling.kit'
import type { SamplingRetest } from './sampling.retest'
import type { SampleDetail, SampleQuery } from './sampling.schema'

export function createSamplingReads({ kit, retest }: { kit: SamplingKit; retest: Pick<SamplingRetest, 'publicDraw'> }) {
  const { db, clocks, records, visible } = kit
  const { publicDraw } = retest

  // --- Samples ------------------------------------------------------------------------------------

  async function list(ctx: Ctx, q: SampleQuery) {
    let b = visible(db, ctx)
    if (q.state) b = b.where('samplingSample.state', '=', q.state)
    if (q.planId) b = b.where('samplingSample.planId', '=', q.planId)
    if (q.year) b = b.where('samplingSample.year', '=', q.year)
    if (q.entityId) b = b.where('samplingSample.entityId', '=', q.entityId)
    if (q.mine) b = b.where('samplingSample.assigneeId', '=', ctx.actor.userId ?? '')
    return listPage(b, q, (p) => p.orderBy('samplingSample.createdAt', 'desc').orderBy('samplingSample.id', 'desc'), presentSample)
  }

  async function detail(ctx: Ctx, loaded: Awaited<ReturnType<typeof records.load>>, opts: { lab?: boolean } = {}): Promise<SampleDetail> {
    const id = loaded.id
    const r = await visible(db, ctx).where('samplingSample.id', '=', id).executeTakeFirstOrThrow()
    const [items, clockRows, disposals, assists, draw] = await Promise.all([
      db.selectFrom('samplingResult').selectAll().where('sampleId', '=', id).orderBy('round').orderBy('seq').execute(),
      clocks.list(db, SAMPLE_MATTER, id),
      db.selectFrom('samplingDisposal').selectAll().where('sampleId', '=', id).orderBy('doneOn').orderBy('createdAt').execute(),
      db.selectFrom('samplingAssist').selectAll().where('sampleId', '=', id).execute(),
      publicDraw(db, id),
    ])
    const actions = records.actions(ctx, loaded).filter((a) => (opts.lab ? LAB_ACTION_SET.has(a.action) : true))
    return {
      ...presentSample(r),
      results: items.map((i) => ({
        round: i.round,
        seq: Number(i.seq),
        item: i.item,
        standard: i.standard,
        method: i.method,
        limit: i.limitText,
        result: i.result,
        unit: i.resultUnit,
        conclusion: i.conclusion,
        conclusionLabel: CONCLUSIONS[i.conclusion as Conclusion] ?? i.conclusion,
      })),
      clocks: clockRows.map((c) => ({
        kind: c.kind,
        label: SAMPLE_CLOCKS[c.kind as keyof typeof SAMPLE_CLOCKS]?.label ?? c.kind,
        startOn: c.startOn,
        dueOn: c.dueOn,
        doneOn: c.doneOn,
      })),
      disposals: disposals.map((d) => ({
        step: d.step,
        stepLabel: DISPOSAL_STEPS[d.step as keyof typeof DISPOSAL_STEPS] ?? d.step,
        doneOn: d.doneOn,
        note: d.note,
      })),
      assists: assists.map((a) => ({ producerName: a.producerName, toAuthority: a.toAuthority, requestedOn: a.requestedOn, state: a.state })),
      retestDraw: draw,
      actions,
    }
  }

  async function get(ctx: Ctx, id: string): Promise<SampleDetail> {
    return detail(ctx, await records.load(db, ctx, id))
  }

  /** Published results (合格 / 不合格 lists) of a year: issued reports only, final conclusion (a re-test's when there was one). */
  async function publicResults(q: { year: number; conclusion?: 'pass' | 'fail'; categoryCode?: string; page: number; pageSize: number }) {
    const finalConclusion = sql<string>`coalesce(sampling_sample.retest_conclusion, sampling_sample.conclusion)`
    let b = db
      .selectFrom('samplingSample')
      .leftJoin('samplingLab', 'samplingLab.id', 'samplingSample.labId')
      .select([
        'samplingSample.id',
        'samplingSample.sampleNo',
        'samplingSample.productName',
        'samplingSample.brand',
        'samplingSample.spec',
        'samplingSample.batchNo',
        'samplingSample.producerName',
        'samplingSample.entityName',
        'samplingSample.categoryCode',
        'samplingSample.issuedOn',
        'samplingLab.name as labName',
        finalConclusion.as('finalConclusion'),
      ])
      .where('samplingSample.year', '=', q.year)
      .where('samplingSample.conclusion', 'is not', null)
      // A non-conforming result is published once served on the operator.
      .where((eb) => eb.or([eb('samplingSample.conclusion', '=', 'pass'), eb('samplingSample.servedOn', 'is not', null)]))
    if (q.conclusion) b = b.where(finalConclusion, '=', q.conclusion)
    if (q.categoryCode) b = b.where('samplingSample.categoryCode', 'like', `${q.categoryCode}%`)
    const page = await listPage(
      b,
      q,
      (p) => p.orderBy('samplingSample.issuedOn', 'desc').orderBy('samplingSample.sampleNo'),
      (r) => r,
    )
    const failIds = page.items.filter((r) => r.finalConclusion === 'fail').map((r) => r.id)
    const failed = failIds.length
      ? await db.selectFrom('samplingResult').select(['sampleId', 'item', 'round']).where('sampleId', 'in', failIds).where('conclusion', '=', 'fail').execute()
      : []
    return {
      ...page,
      items: page.items.map((r) => ({
        sampleNo: r.sampleNo,
        productName: r.productName,
        brand: r.brand,
        spec: r.spec,
        batchNo: r.batchNo,
        producerName: r.producerName,
        entityName: r.entityName,
        categoryName: categoryLabel(r.categoryCode),
        conclusion: r.finalConclusion,
        conclusionLabel: CONCLUSIONS[r.finalConclusion as Conclusion] ?? r.finalConclusion,
        failedItems: [...new Set(failed.filter((f) => f.sampleId === r.id).map((f) => f.item))],
        issuedOn: r.issuedOn,
        labName: r.labName,
      })),
    }
  }

  // --- Entity file --------------------------------------------------------------------------------

  const profileSection: ProfileSection = {
    key: 'sampling',
    title: '抽检记录',
    permission: 'sampling.read',
    async load(ctx, entity) {
      const rows = await visible(db, ctx).where('samplingSample.entityId', '=', entity.id).orderBy('samplingSample.createdAt', 'desc').limit(50).execute()
      return {
        count: rows.length,
        moreHref: '/sampling/samples',
        columns: [
          { key: 'sampleNo', title: '样品编号', kind: 'link' as const },
          { key: 'product', title: '样品名称', kind: 'text' as const },
          { key: 'category', title: '类别', kind: 'text' as const },
          { key: 'sampledOn', title: '抽样日期', kind: 'text' as const },
          { key: 'conclusion', title: '结论', kind: 'tag' as const },
          { key: 'state', title: '状态', kind: 'tag' as const },
        ],
        rows: rows.map(presentSample).map((s) => ({
          sampleNo: { text: s.sampleNo, href: `/sampling/samples/${s.id}` },
          product: s.productName,
          category: s.categoryName,
          sampledOn: s.sampledOn,
          conclusion: s.conclusion ? { text: CONCLUSIONS[s.conclusion as Conclusion], color: s.conclusion === 'fail' ? 'red' : 'green' } : null,
          state: { text: s.stateLabel, color: s.state === 'disposing' || s.state === 'non_conforming' || s.state === 'served' ? 'orange' : 'default' },
        })),
      }
    },
  }
  return { list, detail, get, publicResults, profileSection }
}
export type SamplingReads = ReturnType<typeof createSamplingReads>

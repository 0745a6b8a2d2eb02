import { systemCtx } from '../core/actor'
import { beijingDate } from '../shared/time'
import { newId } from '../core/ids'
import type { Services } from '../app'

/**
 * Demo serious-list entries and credit repairs (issue 15 point 12): three decided demo cases of
 * entities become serious-list proposals under Order 44 (a fine at the severe end of the benchmark,
 * the officer's statement of the circumstances) — one published through notice, statement,
 * the level above's approval and publication, one waiting for the statement period, one just
 * proposed — and repairs of abnormal listings whose missing report was filed late: one applied,
 * one accepted, one repaired (the listing removed). Run after the demo credit data and cases.
 */
export async function loadDemoSerious(s: Services, log: (line: string) => void = () => {}): Promise<{ serious: number; repairs: number }> {
  const { db } = s.deps
  const ctx = systemCtx('demo')
  const decided = await db
    .selectFrom('caseFile')
    .select(['id'])
    .where('entityId', 'is not', null)
    .where('partyKind', '=', 'entity')
    .where('decidedOn', 'is not', null)
    .where('state', 'in', ['served', 'closed', 'decided'])
    .where('fineFen', '>', 0)
    .orderBy('decidedOn', 'desc')
    .limit(3)
    .execute()
  let serious = 0
  const fields = ['safety', 'market_order', 'product_quality'] as const
  for (const [i, c] of decided.entries()) {
    const r = await s.creditSerious
      .proposeFromCase(ctx, {
        caseId: c.id,
        field: fields[i]!,
        severeFine: true,
        circumstances: '违法行为持续时间长、涉案金额大，经批评教育后仍未改正，社会危害较大',
      })
      .catch(() => null)
    if (!r) continue
    serious += 1
    if (i === 2) continue
    const step = async (action: Parameters<Services['creditSerious']['act']>[2], input: Record<string, unknown> = {}) =>
      s.creditSerious.act(ctx, r.id, action, input)
    await step('notify')
    if (i === 1) continue
    await step('record_statement', { text: '当事人提出已停止违法行为，请求从轻处理' })
    await step('submit', { waived: false, note: '陈述申辩理由不成立' })
    const cur = await s.creditSerious.get(ctx, r.id)
    if (cur.needsUpper) {
      await step('refer_upper', { note: '报市局批准' })
      await step('upper_approve', { note: '同意列入' })
    } else await step('approve', { note: '同意列入' })
    await step('publish')
  }

  // Repairs: abnormal listings whose missing report was filed late.
  const listed = await db
    .selectFrom('creditListing')
    .select(['id', 'entityId', 'reportYear'])
    .where('state', '=', 'listed')
    .where('ground', '=', 'annual_report_not_filed')
    .where('mode', '=', 'list')
    .orderBy('id')
    .limit(3)
    .execute()
  const today = beijingDate(s.deps.clock.now())
  let repairs = 0
  for (const [i, l] of listed.entries()) {
    const now = s.deps.clock.now().toISOString()
    await db
      .insertInto('annualReport')
      .values({
        id: newId(),
        entityId: l.entityId,
        reportYear: Number(l.reportYear),
        form: 'enterprise',
        publicJson: JSON.stringify({ contact: { address: '焦作市', postcode: '454000', phone: '0391-3900000' }, operatingStatus: 'operating', websites: [] }),
        optionalJson: '{}',
        publishOptional: 0,
        filedOn: today,
        late: 1,
        source: 'demo',
        liaisonId: null,
        revision: 1,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .onConflict((oc) => oc.columns(['entityId', 'reportYear']).doNothing())
      .execute()
    const a = await s.creditRepairs
      .apply(ctx, {
        kind: 'abnormal',
        targetId: l.id,
        applicant: '企业联络员',
        statement: `已补报 ${l.reportYear} 年度报告，申请移出经营异常名录`,
        harmRemoved: true,
      })
      .catch(() => null)
    if (!a) continue
    repairs += 1
    if (i === 0) continue
    await s.creditRepairs.act(ctx, a.id, 'accept', {})
    if (i === 2) await s.creditRepairs.act(ctx, a.id, 'repair', { note: '经核实已补报，同意移出' })
  }
  log(`演示严重违法失信名单：${serious} 条（源自演示案件）；信用修复申请：${repairs} 件`)
  return { serious, repairs }
}

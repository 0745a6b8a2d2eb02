import { inScope, scopeFor } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { categoryLabel } from '../../shared/sampling/catalogue'
import { SAMPLE_STATE_LABEL, type SampleState } from '../../shared/sampling/sample.workflow'
import type { WorkProvider } from '../work'

const NEXT_STEP: Partial<Record<SampleState, string>> = {
  assigned: '到现场抽样，填写抽样单',
  non_conforming: '送达不合格检验结论',
  served: '登记复检申请或开始核查处置',
  retest_requested: '随机确定复检机构',
  disposing: '登记处置措施，核验处置完成',
}

/** 我的待办: sampling tasks assigned to me, and non-conforming samples awaiting the bureau's next step. */
export function createSamplingWork({ db }: Pick<CoreDeps, 'db'>): WorkProvider[] {
  const tasks: WorkProvider = {
    key: 'sampling.tasks',
    title: '抽样任务',
    permission: 'sampling.sample',
    async load(ctx) {
      if (!ctx.actor.userId) return []
      const rows = await db
        .selectFrom('samplingSample')
        .leftJoin('orgUnit', 'orgUnit.id', 'samplingSample.unitId')
        .select([
          'samplingSample.id',
          'samplingSample.sampleNo',
          'samplingSample.entityName',
          'samplingSample.categoryCode',
          'samplingSample.state',
          'samplingSample.createdAt',
          'orgUnit.name as unitName',
        ])
        .where('samplingSample.state', '=', 'assigned')
        .where('samplingSample.assigneeId', '=', ctx.actor.userId)
        .orderBy('samplingSample.createdAt')
        .limit(200)
        .execute()
      return rows.map((r) => ({
        id: r.id,
        matterType: 'sampling_sample',
        no: r.sampleNo,
        title: `抽样：${categoryLabel(r.categoryCode)}`,
        subtitle: r.entityName,
        stateLabel: SAMPLE_STATE_LABEL[r.state as SampleState] ?? r.state,
        actionLabel: NEXT_STEP.assigned!,
        dueOn: null,
        dueLabel: null,
        link: `/sampling/samples/${r.id}`,
        assignee: 'me' as const,
        unitName: r.unitName ?? null,
        at: r.createdAt,
      }))
    },
  }
  const followUp: WorkProvider = {
    key: 'sampling.follow_up',
    title: '抽检不合格处置',
    permission: 'sampling.manage',
    async load(ctx) {
      const scope = scopeFor(ctx.actor, 'sampling.manage')!
      const rows = await db
        .selectFrom('samplingSample')
        .leftJoin('orgUnit', 'orgUnit.id', 'samplingSample.unitId')
        .select([
          'samplingSample.id',
          'samplingSample.sampleNo',
          'samplingSample.entityName',
          'samplingSample.productName',
          'samplingSample.state',
          'samplingSample.updatedAt',
          'orgUnit.name as unitName',
        ])
        .where('samplingSample.state', 'in', ['non_conforming', 'served', 'retest_requested', 'disposing'])
        .where((eb) => inScope(eb, scope, ctx.actor, 'sampling_sample.unit_id'))
        .orderBy('samplingSample.updatedAt')
        .limit(200)
        .execute()
      const due = rows.length
        ? await db
            .selectFrom('matterClock')
            .select(['matterId', 'dueOn', 'kind'])
            .where('matterType', '=', 'sampling_sample')
            .where('doneOn', 'is', null)
            .where(
              'matterId',
              'in',
              rows.map((r) => r.id),
            )
            .orderBy('dueOn')
            .execute()
        : []
      const firstDue = new Map<string, string | null>()
      for (const d of due) if (!firstDue.has(d.matterId)) firstDue.set(d.matterId, d.dueOn)
      return rows.map((r) => ({
        id: r.id,
        matterType: 'sampling_sample',
        no: r.sampleNo,
        title: `抽检不合格：${r.productName ?? ''}`,
        subtitle: r.entityName,
        stateLabel: SAMPLE_STATE_LABEL[r.state as SampleState] ?? r.state,
        actionLabel: NEXT_STEP[r.state as SampleState] ?? '办理',
        dueOn: firstDue.get(r.id) ?? null,
        dueLabel: firstDue.get(r.id) ? '期限' : null,
        link: `/sampling/samples/${r.id}`,
        assignee: 'unit' as const,
        unitName: r.unitName ?? null,
        at: r.updatedAt,
      }))
    },
  }
  return [tasks, followUp]
}

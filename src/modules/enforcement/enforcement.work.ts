import { inScope, scopeFor } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { WorkProvider } from '../work'
import { LEAD_SOURCE_LABEL, LEAD_STATE_LABEL, type Lead, type LeadState } from './enforcement.schema'

/** 我的待办: case leads awaiting a decision (待核查) within my lead.manage scope. */
export function createEnforcementWork({ db }: Pick<CoreDeps, 'db'>): WorkProvider[] {
  const leads: WorkProvider = {
    key: 'leads',
    title: '待处理案源线索',
    permission: 'lead.manage',
    async load(ctx) {
      const scope = scopeFor(ctx.actor, 'lead.manage')!
      const rows = await db
        .selectFrom('caseLead')
        .leftJoin('orgUnit', 'orgUnit.id', 'caseLead.unitId')
        .select([
          'caseLead.id',
          'caseLead.leadNo',
          'caseLead.source',
          'caseLead.summary',
          'caseLead.entityName',
          'caseLead.state',
          'caseLead.createdAt',
          'orgUnit.name as unitName',
        ])
        .where('caseLead.state', '=', 'new')
        .where((eb) => inScope(eb, scope, ctx.actor, 'case_lead.unit_id'))
        .orderBy('caseLead.createdAt')
        .limit(200)
        .execute()
      return rows.map((r) => ({
        id: r.id,
        matterType: 'case_lead',
        no: r.leadNo,
        title: `线索（来源：${LEAD_SOURCE_LABEL[r.source as Lead['source']] ?? r.source}）：${r.summary}`,
        subtitle: r.entityName,
        stateLabel: LEAD_STATE_LABEL[r.state as LeadState] ?? r.state,
        actionLabel: '决定立案、不予立案或移送',
        dueOn: null,
        dueLabel: null,
        link: '/leads?state=new',
        assignee: 'unit' as const,
        unitName: r.unitName ?? null,
        at: r.createdAt,
      }))
    },
  }
  return [leads]
}

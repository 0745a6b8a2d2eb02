import { inScope, scopeFor } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { WorkProvider } from '../work'
import { ABNORMAL_REASONS, PROPOSAL_STATE_LABEL, type ProposalState } from './credit.schema'

/** 我的待办: credit proposals awaiting a decision (待审核) within my credit.manage scope. */
export function createCreditWork({ db }: Pick<CoreDeps, 'db'>): WorkProvider[] {
  const proposals: WorkProvider = {
    key: 'credit',
    title: '待审核信用事项',
    permission: 'credit.manage',
    async load(ctx) {
      const scope = scopeFor(ctx.actor, 'credit.manage')!
      const rows = await db
        .selectFrom('creditProposal')
        .leftJoin('orgUnit', 'orgUnit.id', 'creditProposal.unitId')
        .leftJoin('marketEntity', 'marketEntity.id', 'creditProposal.entityId')
        .select([
          'creditProposal.id',
          'creditProposal.proposalNo',
          'creditProposal.reason',
          'creditProposal.state',
          'creditProposal.createdAt',
          'orgUnit.name as unitName',
          'marketEntity.name as entityName',
        ])
        .where('creditProposal.state', '=', 'proposed')
        .where((eb) => inScope(eb, scope, ctx.actor, 'credit_proposal.unit_id'))
        .orderBy('creditProposal.createdAt')
        .limit(200)
        .execute()
      return rows.map((r) => ({
        id: r.id,
        matterType: 'credit_proposal',
        no: r.proposalNo,
        title: `提请列入经营异常名录：${ABNORMAL_REASONS[r.reason as keyof typeof ABNORMAL_REASONS] ?? r.reason}`,
        subtitle: r.entityName ?? null,
        stateLabel: PROPOSAL_STATE_LABEL[r.state as ProposalState] ?? r.state,
        actionLabel: '审核（采纳或不采纳）',
        dueOn: null,
        dueLabel: null,
        link: '/credit-proposals',
        assignee: 'unit' as const,
        unitName: r.unitName ?? null,
        at: r.createdAt,
      }))
    },
  }
  return [proposals]
}

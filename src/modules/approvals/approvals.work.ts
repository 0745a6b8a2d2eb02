import type { Approvals } from '../../core/matter/approvals'
import type { WorkProvider } from '../work'

/** 我的待办: approval requests I may decide (审批待办), oldest first. */
export function createApprovalsWork(approvals: Approvals): WorkProvider[] {
  const inbox: WorkProvider = {
    key: 'approvals',
    title: '审批待办',
    permission: 'case.approve',
    async load(ctx) {
      const page = await approvals.inbox(ctx, { state: 'pending', page: 1, pageSize: 200 })
      return page.items.map((a) => ({
        id: a.id,
        matterType: a.matterType,
        no: a.matterLabel,
        title: `${a.kindLabel}：${a.title}`,
        subtitle: `${a.proposedByName ?? ''} 提请：${a.reason}`,
        stateLabel: a.stateLabel,
        actionLabel: '审批',
        dueOn: null,
        dueLabel: null,
        link: `/approvals?focus=${a.id}`,
        assignee: 'unit' as const,
        unitName: a.unitName,
        at: a.proposedAt,
      }))
    },
  }
  return [inbox]
}

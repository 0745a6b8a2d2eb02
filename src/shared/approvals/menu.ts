import { defineWebModule } from '../kernel/menu'

/** The leaders' approval inbox (审批待办): 立案 / 不予立案 / 移送, 延期, 结案 … of every matter type. */
export const approvalsWeb = defineWebModule({
  module: 'approvals',
  routes: [{ path: 'approvals', page: 'Approvals', permission: 'case.approve' }],
  menu: [{ key: 'approvals.inbox', path: '/approvals', label: '审批待办', icon: 'AuditOutlined', permission: 'case.approve', group: 'data', order: 24 }],
})

import { defineWebModule } from '../kernel/menu'

/** The audit trail (审计日志). */
export const auditWeb = defineWebModule({
  module: 'audit',
  routes: [{ path: 'audit', page: 'Audit', permission: 'audit.read' }],
  menu: [{ key: 'audit.log', path: '/audit', label: '审计日志', icon: 'AuditOutlined', permission: 'audit.read', group: 'security', order: 10 }],
})

import { defineWebModule } from '../kernel/menu'

/** The catalogue of statutory time limits (期限规则). */
export const rulesWeb = defineWebModule({
  module: 'rules',
  routes: [{ path: 'rules', page: 'Rules', permission: 'rule.read' }],
  menu: [{ key: 'rules.catalogue', path: '/rules', label: '期限规则', icon: 'FieldTimeOutlined', permission: 'rule.read', group: 'config', order: 20 }],
})

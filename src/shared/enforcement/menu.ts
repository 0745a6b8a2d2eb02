import { defineWebModule } from '../kernel/menu'

/** Case leads (案源线索). */
export const enforcementWeb = defineWebModule({
  module: 'enforcement',
  routes: [{ path: 'leads', page: 'Leads', permission: 'lead.read' }],
  menu: [{ key: 'enforcement.leads', path: '/leads', label: '案源线索', icon: 'FileSearchOutlined', permission: 'lead.read', group: 'data', order: 20 }],
})

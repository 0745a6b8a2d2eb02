import { defineWebModule } from '../kernel/menu'

/** Units and their jurisdictions (机构管理). */
export const orgWeb = defineWebModule({
  module: 'org',
  routes: [{ path: 'org', page: 'Org', permission: 'org.read' }],
  menu: [{ key: 'org.units', path: '/org', label: '机构管理', icon: 'ApartmentOutlined', permission: 'org.read', group: 'accounts', order: 10 }],
})

import { defineWebModule } from '../kernel/menu'

/** 概览: the platform overview. */
export const systemWeb = defineWebModule({
  module: 'system',
  routes: [{ path: 'overview', page: 'Dashboard' }],
  menu: [{ key: 'system.overview', path: '/overview', label: '概览', icon: 'HomeOutlined', group: 'home', order: 30 }],
})

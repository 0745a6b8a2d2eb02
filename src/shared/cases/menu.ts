import { defineWebModule } from '../kernel/menu'

/** Administrative penalty cases (行政处罚案件). */
export const casesWeb = defineWebModule({
  module: 'cases',
  routes: [
    { path: 'cases', page: 'Cases', permission: 'case.read' },
    { path: 'cases/:id', page: 'CaseDetail', permission: 'case.read' },
  ],
  menu: [{ key: 'cases.mine', path: '/cases', label: '我的案件', icon: 'FileDoneOutlined', permission: 'case.read', group: 'data', order: 25 }],
})

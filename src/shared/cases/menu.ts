import { defineWebModule } from '../kernel/menu'

/** Administrative penalty cases (行政处罚案件). */
export const casesWeb = defineWebModule({
  module: 'cases',
  routes: [
    { path: 'cases', page: 'Cases', permission: 'case.read' },
    { path: 'cases/on-spot', page: 'CaseOnSpot', permission: 'case.handle' },
    { path: 'cases/:id', page: 'CaseDetail', permission: 'case.read' },
    { path: 'case-publicity', page: 'CasePublicity', permission: 'case.read' },
    { path: 'case-stats', page: 'CaseStats', permission: 'case.stats' },
    { path: 'public/penalties', page: 'PenaltyPublic', layout: 'public' },
  ],
  menu: [
    { key: 'cases.mine', path: '/cases', label: '我的案件', icon: 'FileDoneOutlined', permission: 'case.read', group: 'data', order: 25 },
    { key: 'cases.onspot', path: '/cases/on-spot', label: '当场处罚', icon: 'AlertOutlined', permission: 'case.handle', group: 'data', order: 25.5 },
    { key: 'cases.publicity', path: '/case-publicity', label: '处罚信息公示', icon: 'AuditOutlined', permission: 'case.read', group: 'data', order: 26 },
    { key: 'cases.stats', path: '/case-stats', label: '案件统计', icon: 'BarChartOutlined', permission: 'case.stats', group: 'data', order: 27 },
  ],
})

import { defineWebModule } from '../kernel/menu'

/** 12315 analytics: statistics, the daily report, the leaders' dashboard and alerts. */
export const analyticsWeb = defineWebModule({
  module: 'analytics',
  routes: [
    { path: 'complaint-stats', page: 'ComplaintStats', permission: 'complaint.stats' },
    { path: 'complaint-daily', page: 'ComplaintDailyReport', permission: 'complaint.stats' },
    { path: 'complaint-dashboard', page: 'ComplaintDashboard', permission: 'complaint.stats' },
    { path: 'complaint-alerts', page: 'ComplaintAlerts', permission: 'complaint.stats' },
  ],
  menu: [
    {
      key: 'analytics.stats',
      path: '/complaint-stats',
      label: '统计报表',
      icon: 'BarChartOutlined',
      permission: 'complaint.stats',
      group: 'complaints',
      order: 50,
    },
    {
      key: 'analytics.daily',
      path: '/complaint-daily',
      label: '日报',
      icon: 'FileTextOutlined',
      permission: 'complaint.stats',
      group: 'complaints',
      order: 60,
    },
    {
      key: 'analytics.dashboard',
      path: '/complaint-dashboard',
      label: '领导看板',
      icon: 'DashboardOutlined',
      permission: 'complaint.stats',
      group: 'complaints',
      order: 70,
    },
    { key: 'analytics.alerts', path: '/complaint-alerts', label: '预警', icon: 'BellOutlined', permission: 'complaint.stats', group: 'complaints', order: 80 },
  ],
})

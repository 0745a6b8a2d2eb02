import { defineModule } from '../../core/module'
import { analyticsWeb } from '../../shared/analytics/menu'
import type { createAnalyticsModule } from './index'
import { analyticsRoutes } from './analytics.routes'

/** 12315 analytics: statistics, hot topics, the daily report, the dashboard and alert rules. */
export function analyticsManifest(analytics: ReturnType<typeof createAnalyticsModule>) {
  return defineModule({
    name: 'analytics',
    label: '12315 统计分析',
    permissions: ['complaint.stats', 'complaint.alert_manage'],
    routes: [{ prefixes: ['/complaint-stats', '/complaint-reports', '/complaint-alerts', '/complaint-alert-rules'], plugin: analyticsRoutes(analytics) }],
    // Alert rules are evaluated for today and yesterday, so alerts reach the dashboards whether or not anyone had the list open.
    scheduled: [{ kind: 'complaint.alerts', label: '12315 预警评估', everyMs: 5 * 60_000, run: () => analytics.alerts.autoEvaluate(0) }],
    web: analyticsWeb,
  })
}

import './analytics.tables'
import type { CoreDeps } from '../../core/deps'
import type { AuditService } from '../audit'
import type { OrgService } from '../org'
import { createAlertsService } from './alerts.service'
import { createAnalyticsService } from './analytics.service'
import { createDailyReportService } from './daily-report'

export { analyticsRoutes } from './analytics.routes'
export type { AnalyticsService } from './analytics.service'
export type { AlertsService } from './alerts.service'

/**
 * The 12315 analytics composition root: statistics and exports, hot topics, alerts and the daily
 * report, all read models over complaint_item (see README.md).
 */
export function createAnalyticsModule(deps: Pick<CoreDeps, 'db' | 'dialect' | 'clock' | 'config'> & { audit: AuditService; org: OrgService }) {
  const analytics = createAnalyticsService(deps)
  const alerts = createAlertsService({ ...deps, analytics })
  const dailyReports = createDailyReportService({ ...deps, analytics, alerts })
  return { analytics, alerts, dailyReports }
}
export type AnalyticsModule = ReturnType<typeof createAnalyticsModule>
export { analyticsManifest } from './analytics.module'

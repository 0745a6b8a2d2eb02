import type { Config } from '../../core/config'
import { defineModule } from '../../core/module'
import { calendarWeb } from '../../shared/calendar/menu'
import { calendarRoutes } from './calendar.routes'
import type { CalendarService } from './calendar.service'

/** The working-day calendar (official holiday schedules, 调休). */
export function calendarManifest(calendar: CalendarService, config: Config) {
  return defineModule({
    name: 'calendar',
    label: '工作日历',
    permissions: ['calendar.read', 'calendar.manage'],
    routes: [{ prefixes: ['/calendar', '/public/calendar'], plugin: calendarRoutes(calendar, config) }],
    web: calendarWeb,
  })
}

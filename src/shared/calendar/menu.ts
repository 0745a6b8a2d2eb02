import { defineWebModule } from '../kernel/menu'

/** The working-day calendar (工作日历). */
export const calendarWeb = defineWebModule({
  module: 'calendar',
  routes: [{ path: 'calendar', page: 'Calendar', permission: 'calendar.read' }],
  menu: [{ key: 'calendar.days', path: '/calendar', label: '工作日历', icon: 'CalendarOutlined', permission: 'calendar.read', group: 'config', order: 10 }],
})

import './calendar.tables'
export { createCalendarService, type CalendarService } from './calendar.service'
export { calendarRoutes } from './calendar.routes'
export * from './calendar.domain'

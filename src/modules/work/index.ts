export { createWorkService, DEFAULT_WORK_SETTINGS, type WorkService } from './work.service'
export { workRoutes } from './work.routes'
export { clockOf, CLOCK_STATUS_LABEL, type ClockStatus } from './work.domain'
export type { WorkProvider, WorkEntry, DueClock, WorkItem, MyWork } from './work.schema'

export { createJobsModule, type JobsModule, EXPORT_KINDS, SCHEDULED_KINDS } from './jobs.service'
export { jobsRoutes, presentJob } from './jobs.routes'

export { createJobsModule, type JobsModule, EXPORT_KINDS } from './jobs.service'
export { jobsRoutes, presentJob } from './jobs.routes'
export { jobsManifest } from './jobs.module'

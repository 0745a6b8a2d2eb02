export { createJobsModule, type JobsModule } from './jobs.service'
export { jobsRoutes, presentJob } from './jobs.routes'
export { jobsManifest } from './jobs.module'

import { defineModule } from '../../core/module'
import { jobsWeb } from '../../shared/jobs/menu'
import { jobsRoutes } from './jobs.routes'
import type { JobsModule } from './jobs.service'

/** 任务中心: each user's background jobs (exports), with progress, cancel and download. */
export function jobsManifest(jobs: JobsModule) {
  return defineModule({ name: 'jobs', label: '任务中心', routes: [{ prefixes: ['/jobs'], plugin: jobsRoutes(jobs) }], web: jobsWeb })
}

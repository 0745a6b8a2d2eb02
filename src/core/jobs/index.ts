export { createJobs, type Jobs, type JobRunner, type JobHandler, type JobContext, type JobView, type EnqueueInput, type RunnerOptions } from './jobs'
export type { JobState, JobTable } from './jobs.tables'

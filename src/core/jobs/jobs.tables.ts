/** Kysely table of core/jobs (migration 20261207040000_jobs). */
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'

export interface JobTable {
  id: string
  kind: string
  /** JSON: the handler's input, validated per kind on enqueue. */
  payload: string
  state: JobState
  progressDone: number
  progressTotal: number | null
  progressMessage: string | null
  /** JSON the handler saved to resume from after a crash (e.g. the last row written). */
  checkpoint: string | null
  attempts: number
  maxAttempts: number
  /** Not claimed before this instant (back-off after a failed attempt). */
  runAfter: string
  leaseOwner: string | null
  leaseUntil: string | null
  cancelRequested: number
  /** JSON: what the handler returned (e.g. { file: { sha256, name } } for a download). */
  result: string | null
  /** zh-CN, for people; never a stack. */
  error: string | null
  createdBy: string | null
  createdByUsername: string | null
  createdByName: string | null
  unitId: string | null
  /** A scheduled singleton's key (kind + period): one row however many processes enqueue it. */
  dedupeKey: string | null
  createdAt: string
  updatedAt: string
  startedAt: string | null
  finishedAt: string | null
}

declare module '../db/types' {
  interface Database {
    job: JobTable
  }
}

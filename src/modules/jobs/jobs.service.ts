import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { finished } from 'node:stream/promises'
import type { Writable } from 'node:stream'
import { type z } from 'zod'
import { assertCan, scopeFor, systemCtx, unitPathInScope, type Actor, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { AppError, forbidden, notFound, unauthenticated } from '../../core/errors'
import { createFileStore } from '../../core/files'
import { createJobs, type JobContext, type JobView, type Jobs } from '../../core/jobs'
import { ListFilterQuery } from '../complaints'
import { EntityQuery } from '../entities'

/** Kinds a user may start from the API, with their payload schemas. */
export const EXPORT_KINDS = {
  'complaint.export': { label: '导出诉求件（Excel）', permission: 'complaint.export', payload: ListFilterQuery },
  'entity.export': { label: '导出经营主体名录（Excel）', permission: 'entity.export', payload: EntityQuery.omit({ page: true, pageSize: true, after: true }) },
} as const
export type ExportKind = keyof typeof EXPORT_KINDS

export interface DownloadResult {
  file: { sha256: string; name: string; mime: string }
  rows: number
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

interface JobsModuleDeps extends Pick<CoreDeps, 'db' | 'dialect' | 'config'> {
  /** Rebuilds the creator's actor with today's grants when the job runs (in any process). */
  actorFor(userId: string, username: string, displayName: string): Promise<Actor>
  /** Whether the account may still act (a disabled account's queued export does not run). */
  userActive(userId: string): Promise<boolean>
  unitPath(unitId: string): Promise<string | null>
  complaints: {
    exportXlsx(ctx: Ctx, q: z.infer<typeof ListFilterQuery>, out: Writable, onRow?: (n: number) => void): Promise<number>
    exportFileName(): string
    count(ctx: Ctx, q: z.infer<typeof ListFilterQuery>): Promise<number>
  }
  entities: {
    exportXlsx(ctx: Ctx, q: z.infer<(typeof EXPORT_KINDS)['entity.export']['payload']>, out: Writable, onRow?: (n: number) => void): Promise<number>
    exportFileName(): string
    count(ctx: Ctx, q: z.infer<(typeof EXPORT_KINDS)['entity.export']['payload']>): Promise<number>
  }
  onJobFinished?: (job: JobView) => void | Promise<void>
  now?: () => Date
}

/**
 * The platform's jobs: registers the export handlers on the core runner (the modules' scheduled work
 * is registered from their manifests, src/app.ts) and
 * answers the task centre (my jobs, cancel, download). A job is seen by its creator, and by an
 * administrator (user.manage) whose reach covers the job's unit; anyone else gets 404.
 */
export function createJobsModule(deps: JobsModuleDeps) {
  const jobs: Jobs = createJobs({
    db: deps.db,
    dialect: deps.dialect,
    now: deps.now,
    onJobFinished: async (j) => {
      for (const h of hooks) await h(j)
    },
  })
  const hooks: Array<(job: JobView) => void | Promise<void>> = deps.onJobFinished ? [deps.onJobFinished] : []
  const files = createFileStore(deps.config.files.dir)

  /** The creator's Ctx for a job running in the background. */
  async function creatorCtx(job: JobContext['job']): Promise<Ctx> {
    if (!job.createdBy) return systemCtx(`job:${job.id}`)
    if (!(await deps.userActive(job.createdBy))) throw forbidden('发起任务的账号已停用')
    const actor = await deps.actorFor(job.createdBy, job.createdByUsername ?? '', job.createdByName ?? '')
    return { actor, requestId: `job:${job.id}`, ip: null }
  }

  /** Writes a workbook to a file in the store; the download is the job's result. */
  async function exportToFile(ctx: JobContext, name: string, write: (out: Writable) => Promise<number>): Promise<DownloadResult> {
    const tmp = await files.tmpPath()
    const out = createWriteStream(tmp)
    // Cancel (or a lost lease) closes the output: the export's backpressure check then stops it.
    const onAbort = () => out.destroy()
    ctx.signal.addEventListener('abort', onAbort, { once: true })
    try {
      const rows = await write(out)
      await finished(out)
      const sha256 = await files.putFile(tmp)
      return { file: { sha256, name, mime: XLSX_MIME }, rows }
    } catch (e) {
      out.destroy()
      await rm(tmp, { force: true })
      throw e
    } finally {
      ctx.signal.removeEventListener('abort', onAbort)
    }
  }

  jobs.register({
    kind: 'complaint.export',
    label: EXPORT_KINDS['complaint.export'].label,
    payload: EXPORT_KINDS['complaint.export'].payload,
    maxAttempts: 3,
    async run(ctx) {
      const c = await creatorCtx(ctx.job)
      const total = await deps.complaints.count(c, ctx.payload)
      await ctx.progress(0, total, '正在导出')
      return exportToFile(ctx, deps.complaints.exportFileName(), (out) =>
        deps.complaints.exportXlsx(c, ctx.payload, out, (n) => void ctx.progress(n, Math.max(total, n), `已导出 ${n} 件`)),
      )
    },
  })
  jobs.register({
    kind: 'entity.export',
    label: EXPORT_KINDS['entity.export'].label,
    payload: EXPORT_KINDS['entity.export'].payload,
    maxAttempts: 3,
    async run(ctx) {
      const c = await creatorCtx(ctx.job)
      const total = await deps.entities.count(c, ctx.payload)
      await ctx.progress(0, total, '正在导出')
      return exportToFile(ctx, deps.entities.exportFileName(), (out) =>
        deps.entities.exportXlsx(c, ctx.payload, out, (n) => void ctx.progress(n, Math.max(total, n), `已导出 ${n} 条`)),
      )
    },
  })

  /** The job if the actor may see it: its creator, or an administrator over its unit. */
  async function visible(ctx: Ctx, id: string): Promise<JobView> {
    if (!ctx.actor.userId) throw unauthenticated()
    const job = await jobs.get(id)
    if (!job || !job.createdBy) throw notFound('任务', id)
    if (job.createdBy === ctx.actor.userId) return job
    const scope = scopeFor(ctx.actor, 'user.manage')
    const path = scope && job.unitId ? await deps.unitPath(job.unitId) : null
    if (scope && job.unitId && path && unitPathInScope(scope, job.unitId, path)) return job
    throw notFound('任务', id)
  }

  return {
    jobs,
    /** Registers another "job finished" listener (the messages feature). */
    onJobFinished(h: (job: JobView) => void | Promise<void>): () => void {
      hooks.push(h)
      return () => {
        const i = hooks.indexOf(h)
        if (i >= 0) hooks.splice(i, 1)
      }
    },
    /** Starts an export as a job, after the same permission check the direct download makes. */
    async start(ctx: Ctx, kind: ExportKind, payload: unknown): Promise<JobView> {
      const k = EXPORT_KINDS[kind]
      assertCan(ctx.actor, k.permission)
      if (!ctx.actor.userId) throw unauthenticated()
      const { id } = await jobs.enqueue({
        kind,
        payload,
        createdBy: { userId: ctx.actor.userId, username: ctx.actor.username, displayName: ctx.actor.displayName },
        unitId: ctx.actor.primaryUnitId,
      })
      return (await jobs.get(id))!
    },
    async list(ctx: Ctx, page: number, pageSize: number) {
      if (!ctx.actor.userId) throw unauthenticated()
      return jobs.listByCreator(ctx.actor.userId, page, pageSize)
    },
    get: visible,
    async cancel(ctx: Ctx, id: string): Promise<JobView> {
      await visible(ctx, id)
      const job = (await jobs.cancel(id))!
      return job
    },
    async download(ctx: Ctx, id: string): Promise<{ name: string; mime: string; content: Buffer }> {
      const job = await visible(ctx, id)
      const r = job.result as Partial<DownloadResult> | null
      if (job.state !== 'succeeded' || !r?.file)
        throw new AppError('CONFLICT', job.state === 'succeeded' ? '该任务没有可下载的文件' : '任务尚未完成，暂无文件可下载')
      return { name: r.file.name, mime: r.file.mime, content: await files.get(r.file.sha256) }
    },
  }
}
export type JobsModule = ReturnType<typeof createJobsModule>

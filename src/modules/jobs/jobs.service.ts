import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { finished } from 'node:stream/promises'
import type { Writable } from 'node:stream'
import { assertCan, scopeFor, systemCtx, unitPathInScope, type Actor, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { AppError, forbidden, notFound, unauthenticated, validation } from '../../core/errors'
import { createFileStore } from '../../core/files'
import { createJobs, type JobContext, type JobView, type Jobs } from '../../core/jobs'
import type { ExportJob } from '../../core/module'

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
  onJobFinished?: (job: JobView) => void | Promise<void>
  now?: () => Date
}

/**
 * The platform's jobs over the core runner: the modules' exports (`registerExport`, from their
 * manifests' `exports`; their scheduled work is registered from `scheduled`, src/app.ts) and the
 * task centre (my jobs, cancel, download). A job is seen by its creator, and by an
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

  /** Exports users may start, by kind (registered from the manifests). */
  const exportKinds = new Map<string, ExportJob>()

  /** Registers a module's export as a job kind: runs as its creator, writes the workbook to the file store. */
  function registerExport(e: ExportJob) {
    exportKinds.set(e.kind, e)
    jobs.register({
      kind: e.kind,
      label: e.label,
      payload: e.payload,
      maxAttempts: 3,
      async run(ctx) {
        const c = await creatorCtx(ctx.job)
        const total = await e.count(c, ctx.payload)
        await ctx.progress(0, total, '正在导出')
        return exportToFile(ctx, e.fileName(), (out) => e.write(c, ctx.payload, out, (n) => void ctx.progress(n, Math.max(total, n), `已导出 ${n} ${e.unit}`)))
      },
    })
  }

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
    registerExport,
    /** Registers another "job finished" listener (the messages feature). */
    onJobFinished(h: (job: JobView) => void | Promise<void>): () => void {
      hooks.push(h)
      return () => {
        const i = hooks.indexOf(h)
        if (i >= 0) hooks.splice(i, 1)
      }
    },
    /** Starts an export as a job, after the same permission check the direct download makes. */
    async start(ctx: Ctx, kind: string, payload: unknown): Promise<JobView> {
      const k = exportKinds.get(kind)
      if (!k)
        throw validation(`任务类型应为：${[...exportKinds.values()].map((e) => `${e.kind}（${e.label}）`).join('、')}`, [
          { path: 'kind', message: '未知的任务类型' },
        ])
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

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { attachment } from '../../core/http/download'
import { PageQuery } from '../../core/pagination'
import type { JobView } from '../../core/jobs'
import { JobIdParams, JobOut, JobPage, StartJobBody } from './jobs.schema'
import type { DownloadResult, JobsModule } from './jobs.service'

/** A job for the task centre: never the payload, the lease or the file's storage key. */
export function presentJob(j: JobView): JobOut {
  const r = j.result as Partial<DownloadResult> | null
  return {
    id: j.id,
    kind: j.kind,
    label: j.label,
    state: j.state,
    progress: j.progress,
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    cancelRequested: j.cancelRequested,
    error: j.error,
    download: j.state === 'succeeded' && r?.file ? { name: r.file.name, rows: r.rows ?? 0 } : null,
    createdByName: j.createdByName,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
  }
}

export function jobsRoutes(jobs: JobsModule): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['任务中心']
    app.get(
      '/jobs',
      { schema: { operationId: 'listMyJobs', tags, summary: '我的任务（最新在前）', querystring: PageQuery, response: { 200: JobPage } } },
      async (req) => {
        const page = await jobs.list(req.ctx, req.query.page, req.query.pageSize)
        return { ...page, items: page.items.map(presentJob) }
      },
    )
    app.post(
      '/jobs',
      { schema: { operationId: 'startJob', tags, summary: '发起后台任务（导出），在任务中心查看进度并下载', body: StartJobBody, response: { 202: JobOut } } },
      async (req, reply) => reply.code(202).send(presentJob(await jobs.start(req.ctx, req.body.kind, req.body.payload))),
    )
    app.get('/jobs/:id', { schema: { operationId: 'getJob', tags, params: JobIdParams, response: { 200: JobOut } } }, async (req) =>
      presentJob(await jobs.get(req.ctx, req.params.id)),
    )
    app.post(
      '/jobs/:id/cancel',
      { schema: { operationId: 'cancelJob', tags, summary: '取消任务（排队中的立即取消，进行中的尽快停止）', params: JobIdParams, response: { 200: JobOut } } },
      async (req) => presentJob(await jobs.cancel(req.ctx, req.params.id)),
    )
    app.get(
      '/jobs/:id/download',
      { schema: { operationId: 'downloadJobResult', tags, summary: '下载任务结果文件', params: JobIdParams } },
      async (req, reply) => {
        const f = await jobs.download(req.ctx, req.params.id)
        reply.header('content-type', f.mime)
        reply.header('content-disposition', attachment(f.name, 'export.xlsx'))
        return reply.send(f.content)
      },
    )
  }
}

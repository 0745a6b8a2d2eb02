import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../core/config'
import { validation } from '../../core/errors'
import { streamDownload } from '../../core/http/download'
import { saveUploadedFile, uploadedFile } from '../../core/http/upload'
import { newId } from '../../core/ids'
import { PageQuery, pageResponse } from '../../core/pagination'
import type { AnnualReportImport } from './annual-report.import'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })
const ImportOut = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.string(),
  status: z.string(),
  totalRows: z.number(),
  validRows: z.number(),
  errorRows: z.number(),
  warningRows: z.number(),
  processedRows: z.number(),
  importedRows: z.number(),
  message: z.string().nullable(),
  jobId: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
})

export interface SeasonRouteDeps {
  imports: AnnualReportImport
}

/** The annual-report season's staff routes: the national-system import (reminders and statistics follow). */
export function seasonRoutes(d: SeasonRouteDeps, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['信用监管']
    const maxMb = Math.round(config.imports.maxBytes / 1024 / 1024)
    await app.register(async (scoped) => {
      await scoped.register(multipart, { limits: { fileSize: config.imports.maxBytes, files: 1, fields: 2, fieldSize: 1024 } })
      scoped.post(
        '/credit/annual-report-imports',
        {
          bodyLimit: config.imports.maxBytes,
          schema: {
            operationId: 'uploadAnnualReportImport',
            tags,
            summary: '上传国家系统导出的年度报告（xlsx / csv / json，multipart 字段 file）并逐行校验',
            consumes: ['multipart/form-data'],
            response: { 201: ImportOut },
          },
        },
        async (req, reply) => {
          const file = await uploadedFile(req)
          if (!/\.(csv|xlsx|json)$/i.test(file.filename)) throw validation('只支持 .xlsx、.csv 或 .json 文件')
          await mkdir(config.imports.dir, { recursive: true })
          const path = join(config.imports.dir, `${newId()}${/\.(xlsx|json)$/i.exec(file.filename)?.[0].toLowerCase() ?? '.csv'}`)
          await saveUploadedFile(file, path, `文件超过 ${maxMb} MB 上限`)
          try {
            return reply.code(201).send(await d.imports.upload(req.ctx, file.filename, path))
          } catch (e) {
            await rm(path, { force: true })
            throw e
          }
        },
      )
    })
    app.get(
      '/credit/annual-report-imports/:id',
      { schema: { operationId: 'getAnnualReportImport', tags, params: IdParams, response: { 200: ImportOut } } },
      (req) => d.imports.get(req.ctx, req.params.id),
    )
    app.get(
      '/credit/annual-report-imports/:id/errors',
      {
        schema: {
          operationId: 'annualReportImportErrors',
          tags,
          params: IdParams,
          querystring: PageQuery,
          response: {
            200: pageResponse(z.object({ rowNo: z.number(), column: z.string(), value: z.string().nullable(), reason: z.string(), severity: z.string() })),
          },
        },
      },
      (req) => d.imports.errors(req.ctx, req.params.id, req.query),
    )
    app.get(
      '/credit/annual-report-imports/:id/error-report',
      { schema: { operationId: 'annualReportImportErrorReport', tags, summary: '下载错误报告（Excel）', params: IdParams } },
      async (req, reply) => {
        await d.imports.get(req.ctx, req.params.id)
        await streamDownload(req, reply, { name: '年报导入错误报告.xlsx', fallback: 'errors.xlsx' }, (out) =>
          d.imports.writeErrorReport(req.ctx, req.params.id, out),
        )
      },
    )
    app.post(
      '/credit/annual-report-imports/:id/commit',
      {
        schema: {
          operationId: 'commitAnnualReportImport',
          tags,
          summary: '确认导入（全部 / 仅正确的行）：在任务中心以可续传任务运行',
          params: IdParams,
          body: z.object({ mode: z.enum(['valid_only', 'all'], { error: '导入方式应为 valid_only 或 all' }) }),
          response: { 200: ImportOut },
        },
      },
      (req) => d.imports.commit(req.ctx, req.params.id, req.body.mode),
    )
    app.post(
      '/credit/annual-report-imports/:id/cancel',
      { schema: { operationId: 'cancelAnnualReportImport', tags, summary: '全部不导入', params: IdParams, response: { 200: ImportOut } } },
      (req) => d.imports.cancel(req.ctx, req.params.id),
    )
  }
}

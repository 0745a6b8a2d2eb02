import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../core/config'
import { sendXlsx } from '../../core/export'
import { receiveImportFile } from '../../core/http/upload'
import type { SamplingResultImport } from './sampling.import'

const ResultImportRun = z
  .object({
    id: z.string(),
    fileName: z.string(),
    status: z.string(),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    errorRows: z.number().int(),
    importedRows: z.number().int(),
    message: z.string().nullable(),
    jobId: z.string().nullable(),
  })
  .meta({ id: 'SamplingResultImportRun' })
const IdParams = z.object({ id: z.string().uuid('ID 无效') })

/** 检验结果导入 for laboratory accounts: upload (runs on the job runner), a run, its error workbook. */
export function samplingImportRoutes(imp: SamplingResultImport, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['抽检']
    await app.register(multipart, { limits: { fileSize: config.imports.maxBytes, files: 1, fields: 2, fieldSize: 1024 } })
    app.post(
      '/sampling/lab/result-imports',
      {
        bodyLimit: config.imports.maxBytes,
        schema: {
          operationId: 'importSamplingResults',
          tags,
          summary: '导入检验结果（每行一个检验项目；xlsx / csv，multipart 字段 file；后台任务，进度见任务中心）',
          consumes: ['multipart/form-data'],
          querystring: z.object({ wait: z.enum(['0', '1']).optional().describe('1：等待导入结束再返回') }),
          response: { 201: ResultImportRun },
        },
      },
      async (req, reply) => {
        const file = await receiveImportFile(req, config.imports.dir, config.imports.maxBytes)
        const run = await imp.start(req.ctx, { fileName: file.fileName, filePath: file.path }, { wait: req.query.wait === '1' })
        return reply.code(201).send(imp.present(run))
      },
    )
    app.get(
      '/sampling/lab/result-imports/:id',
      { schema: { operationId: 'getSamplingResultImport', tags, summary: '检验结果导入记录', params: IdParams, response: { 200: ResultImportRun } } },
      (req) => imp.get(req.ctx, req.params.id),
    )
    app.get(
      '/sampling/lab/result-imports/:id/error-report',
      { schema: { operationId: 'samplingResultImportErrorReport', tags, summary: '检验结果导入错误报告（Excel）', params: IdParams } },
      async (req, reply) => {
        await imp.get(req.ctx, req.params.id)
        await sendXlsx(req, reply, { name: '检验结果导入错误报告.xlsx' }, (out) => imp.writeErrorReport(req.ctx, req.params.id, out))
      },
    )
  }
}

import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../core/config'
import { validation } from '../../core/errors'
import { attachment, streamDownload } from '../../core/http/download'
import { saveUploadedFile, uploadedFile } from '../../core/http/upload'
import { newId } from '../../core/ids'
import { PageQuery, pageResponse } from '../../core/pagination'
import { IMPORT_FIELDS } from './entities.domain'
import { STATUS_LABEL, type ImportJob, type ImportService } from './entities.import'
import { CreateEntityBody, Entity, EntityPage, EntityQuery, ImportJobOut, ProfileSectionOut, UpdateEntityBody, UsccCheckOut } from './entities.schema'
import type { EntitiesService } from './entities.service'
import { entityKindOf } from './uscc.domain'
import { checkUscc } from './uscc'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })

function presentJob(j: ImportJob) {
  return {
    id: j.id,
    fileName: j.fileName,
    fileSize: Number(j.fileSize),
    format: j.format,
    status: j.status,
    statusLabel: STATUS_LABEL[j.status] ?? j.status,
    phase: j.phase,
    totalRows: j.totalRows,
    validRows: j.validRows,
    errorRows: j.errorRows,
    warningRows: Number(j.warningRows),
    processedRows: j.processedRows,
    insertedRows: j.insertedRows,
    updatedRows: j.updatedRows,
    message: j.message,
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
    finishedAt: j.finishedAt,
  }
}

export function entitiesRoutes(entities: EntitiesService, imports: ImportService, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['经营主体名录']
    await app.register(multipart, { limits: { fileSize: config.imports.maxBytes, files: 1, fields: 5, fieldSize: 4096 } })

    app.get(
      '/entities',
      { schema: { operationId: 'searchEntities', tags, summary: '检索经营主体', querystring: EntityQuery, response: { 200: EntityPage } } },
      (req) => entities.search(req.ctx, req.query),
    )
    app.get(
      '/entities/export',
      {
        schema: {
          operationId: 'exportEntities',
          tags,
          summary: '导出检索结果（Excel，最多 100 万行）',
          querystring: EntityQuery.omit({ page: true, pageSize: true }),
        },
      },
      async (req, reply) => {
        entities.assertCanExport(req.ctx)
        await streamDownload(req, reply, { name: entities.exportFileName() }, (out) => entities.exportXlsx(req.ctx, req.query, out))
      },
    )
    app.get('/entities/:id', { schema: { operationId: 'getEntity', tags, params: IdParams, response: { 200: Entity } } }, (req) =>
      entities.get(req.ctx, req.params.id),
    )
    app.get(
      '/entities/:id/profile',
      {
        schema: {
          operationId: 'entityProfile',
          tags,
          summary: '主体档案（各业务模块汇总）',
          params: IdParams,
          response: {
            200: z.object({
              entity: Entity,
              licences: z.array(
                z.object({ id: z.string(), kind: z.string(), number: z.string(), scope: z.string().nullable(), validTo: z.string().nullable() }),
              ),
              nameHistory: z.array(z.object({ name: z.string(), changedAt: z.string() })),
              versions: z.array(z.object({ version: z.number(), changedAt: z.string(), source: z.string(), snapshot: z.record(z.string(), z.unknown()) })),
              sections: z.array(ProfileSectionOut),
            }),
          },
        },
      },
      (req) => entities.profile(req.ctx, req.params.id),
    )
    app.post('/entities', { schema: { operationId: 'createEntity', tags, body: CreateEntityBody, response: { 201: Entity } } }, async (req, reply) =>
      reply.code(201).send(await entities.create(req.ctx, req.body)),
    )
    app.patch('/entities/:id', { schema: { operationId: 'updateEntity', tags, params: IdParams, body: UpdateEntityBody, response: { 200: Entity } } }, (req) =>
      entities.update(req.ctx, req.params.id, req.body),
    )

    app.post(
      '/uscc/validate',
      {
        schema: {
          operationId: 'validateUscc',
          tags,
          summary: '校验统一社会信用代码（批量，最多 1000 个）',
          body: z.object({ codes: z.array(z.string().max(64)).min(1).max(1000) }),
          response: { 200: z.object({ items: z.array(UsccCheckOut) }) },
        },
      },
      async (req) => ({
        items: req.body.codes.map((c) => {
          const r = checkUscc(c)
          return r.valid
            ? {
                code: r.code,
                valid: true,
                reason: null,
                expected: null,
                kind: entityKindOf(r.code),
                divisionStatus: r.divisionStatus,
                divisionName: r.divisionName,
                warnings: r.warnings,
              }
            : { code: r.code, valid: false, reason: r.reason, expected: r.expected ?? null, kind: null, divisionStatus: null, divisionName: null, warnings: [] }
        }),
      }),
    )

    app.get(
      '/entities-import/template',
      {
        schema: {
          operationId: 'importTemplate',
          tags,
          summary: '导入模板的列（映射模板）',
          response: { 200: z.object({ fields: z.array(z.object({ key: z.string(), label: z.string(), aliases: z.array(z.string()) })) }) },
        },
      },
      async () => ({
        fields: Object.entries(IMPORT_FIELDS).map(([key, f]) => ({ key, label: f.label, aliases: [...f.aliases] })),
      }),
    )
    app.get(
      '/entities-import/jobs',
      { schema: { operationId: 'listImportJobs', tags, querystring: PageQuery, response: { 200: pageResponse(ImportJobOut) } } },
      async (req) => {
        const r = await imports.list(req.ctx, req.query)
        return { ...r, items: r.items.map(presentJob) }
      },
    )
    app.post(
      '/entities-import/jobs',
      {
        bodyLimit: config.imports.maxBytes,
        schema: {
          operationId: 'uploadImport',
          tags,
          summary: '上传 CSV / XLSX 文件并开始校验（multipart，字段 file）',
          consumes: ['multipart/form-data'],
          querystring: z.object({
            then: z.enum(['review', 'valid_only']).default('review').describe('review = 校验后由用户确认；valid_only = 边校验边导入正确的行'),
          }),
          response: { 201: ImportJobOut },
        },
      },
      async (req, reply) => {
        const file = await uploadedFile(req)
        if (!/\.(csv|xlsx|txt|json)$/i.test(file.filename)) throw validation('只支持 .csv、.xlsx 或 .json 文件')
        await mkdir(config.imports.dir, { recursive: true })
        const path = join(config.imports.dir, `${newId()}${/\.(xlsx|json)$/i.exec(file.filename)?.[0].toLowerCase() ?? '.csv'}`)
        await saveUploadedFile(file, path, `文件超过 ${Math.round(config.imports.maxBytes / 1024 / 1024)} MB 上限`)
        try {
          const job = await imports.createJob(req.ctx, { fileName: file.filename, filePath: path })
          if (req.query.then === 'valid_only') return reply.code(201).send(presentJob(await imports.importValidInOnePass(req.ctx, job.id)))
          imports.validate(job.id).catch(() => undefined)
          return reply.code(201).send(presentJob(job))
        } catch (e) {
          await rm(path, { force: true })
          throw e
        }
      },
    )
    app.get('/entities-import/jobs/:id', { schema: { operationId: 'getImportJob', tags, params: IdParams, response: { 200: ImportJobOut } } }, async (req) =>
      presentJob(await imports.get(req.ctx, req.params.id)),
    )
    app.get(
      '/entities-import/jobs/:id/errors',
      {
        schema: {
          operationId: 'importErrors',
          tags,
          params: IdParams,
          querystring: PageQuery,
          response: {
            200: pageResponse(
              z.object({
                rowNo: z.number(),
                columnName: z.string(),
                value: z.string().nullable(),
                reason: z.string(),
                severity: z.enum(['error', 'warning']).describe('error = 该行不导入；warning = 提示，该行照常导入'),
              }),
            ),
          },
        },
      },
      (req) => imports.errors(req.ctx, req.params.id, req.query),
    )
    app.get(
      '/entities-import/jobs/:id/error-report',
      { schema: { operationId: 'importErrorReport', tags, summary: '下载错误报告（Excel）', params: IdParams } },
      async (req, reply) => {
        await imports.get(req.ctx, req.params.id)
        reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        reply.header('content-disposition', attachment('导入错误报告.xlsx'))
        reply.hijack()
        reply.raw.writeHead(200, reply.getHeaders() as Record<string, string>)
        await imports.writeErrorReport(null, req.params.id, reply.raw).catch((e: unknown) => req.log.error({ err: e }, 'error report failed'))
        reply.raw.end()
      },
    )
    app.post(
      '/entities-import/jobs/:id/commit',
      {
        schema: {
          operationId: 'commitImport',
          tags,
          summary: '确认导入（仅正确的行 / 全部）',
          params: IdParams,
          body: z.object({ mode: z.enum(['valid_only', 'all']) }),
          response: { 200: ImportJobOut },
        },
      },
      async (req) => presentJob(await imports.commit(req.ctx, req.params.id, req.body.mode)),
    )
    app.post(
      '/entities-import/jobs/:id/cancel',
      { schema: { operationId: 'cancelImport', tags, summary: '全部不导入', params: IdParams, response: { 200: ImportJobOut } } },
      async (req) => presentJob(await imports.cancel(req.ctx, req.params.id)),
    )
  }
}

import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../core/config'
import { sendXlsx } from '../../core/export'
import { receiveImportFile } from '../../core/http/upload'
import { createIssueStore, createRunStore } from '../../core/imports'
import type { Db } from '../../core/db/database'
import {
  CollectedRecord,
  Department,
  DepartmentBody,
  ManualRecordBody,
  PushBody,
  PushResult,
  Quota,
  QuotaBody,
  RateQuery,
  RateTable,
  RecordQuery,
} from '../../shared/collection/schema'
import { COLLECTION_IMPORT, type CollectionService } from './collection.service'

const IMPORT_MAX_BYTES = 50 * 1024 * 1024
const Id = z.object({ id: z.string().min(1).max(64) })
const ImportQuery = z.object({
  departmentId: z.string({ error: '请选择来源部门' }).min(1, '请选择来源部门').max(64),
  mode: z.enum(['all', 'valid_only'], '导入方式应为 all 或 valid_only').default('valid_only'),
})
const ImportSummary = z
  .object({
    id: z.string(),
    fileName: z.string(),
    status: z.enum(['done', 'failed']),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    errorRows: z.number().int(),
    warningRows: z.number().int(),
    insertedRows: z.number().int(),
    updatedRows: z.number().int(),
    errors: z.array(z.object({ rowNo: z.number().int(), column: z.string(), value: z.string().nullable(), message: z.string() })),
    message: z.string().nullable(),
  })
  .meta({ id: 'CollectionImportSummary' })

/**
 * 涉企信息归集 over HTTP. `POST /collection/push` is for other departments' systems (API token of
 * the department's push account, permission collection.push); the rest is the bureau's.
 */
export function collectionRoutes(svc: CollectionService, db: Db, config: Config): FastifyPluginAsyncZod {
  const runs = createRunStore(db)
  const issues = createIssueStore(db)
  return async (app) => {
    const tags = ['涉企信息归集']
    await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, fieldSize: 4096 } })

    app.get('/collection/departments', { schema: { operationId: 'listCollectionDepartments', tags, response: { 200: z.array(Department) } } }, (req) =>
      svc.listDepartments(req.ctx),
    )
    app.post(
      '/collection/departments',
      { schema: { operationId: 'createCollectionDepartment', tags, body: DepartmentBody, response: { 201: Department } } },
      async (req, reply) => reply.code(201).send(await svc.saveDepartment(req.ctx, null, req.body)),
    )
    app.put(
      '/collection/departments/:id',
      {
        schema: {
          operationId: 'updateCollectionDepartment',
          tags,
          params: Id,
          body: DepartmentBody.extend({ version: z.number().int().min(1) }),
          response: { 200: Department },
        },
      },
      (req) => svc.saveDepartment(req.ctx, req.params.id, req.body),
    )
    app.get(
      '/collection/records',
      {
        schema: {
          operationId: 'listCollectedRecords',
          tags,
          querystring: RecordQuery,
          response: { 200: z.object({ items: z.array(CollectedRecord), total: z.number(), page: z.number(), pageSize: z.number() }) },
        },
      },
      (req) => svc.listRecords(req.ctx, req.query),
    )
    app.post(
      '/collection/records',
      { schema: { operationId: 'createCollectedRecord', tags, summary: '手工录入一条涉企信息', body: ManualRecordBody, response: { 201: CollectedRecord } } },
      async (req, reply) => reply.code(201).send(await svc.createManual(req.ctx, req.body)),
    )
    app.post(
      '/collection/push',
      {
        schema: {
          operationId: 'pushCollectedRecords',
          tags,
          summary: '外部门推送涉企信息（接口令牌，每次最多 500 条；同部门同类同文书编号的信息以最新推送为准）',
          body: PushBody,
          response: { 200: PushResult },
        },
      },
      (req) => svc.push(req.ctx, req.body),
    )
    app.post(
      '/collection/imports',
      {
        bodyLimit: IMPORT_MAX_BYTES,
        schema: {
          operationId: 'importCollectedRecords',
          tags,
          summary: '导入部门涉企信息（multipart，字段 file；CSV 或 XLSX）',
          consumes: ['multipart/form-data'],
          querystring: ImportQuery,
          response: { 201: ImportSummary },
        },
      },
      async (req, reply) => {
        const file = await receiveImportFile(req, config.imports.dir, IMPORT_MAX_BYTES)
        return reply.code(201).send(await svc.importFile(req.ctx, req.query.departmentId, req.query.mode, file))
      },
    )
    app.get('/collection/imports/:id/errors.xlsx', { schema: { operationId: 'collectionImportErrors', tags, params: Id } }, async (req, reply) => {
      await runs.visible(req.ctx, COLLECTION_IMPORT, req.params.id)
      await sendXlsx(req, reply, { name: '涉企信息导入错误报告.xlsx', fallback: 'errors.xlsx' }, (out) => issues.writeReport(req.params.id, out))
    })
    app.get('/collection/quotas', { schema: { operationId: 'listCollectionQuotas', tags, querystring: RateQuery, response: { 200: z.array(Quota) } } }, (req) =>
      svc.listQuotas(req.ctx, req.query),
    )
    app.put(
      '/collection/quotas',
      { schema: { operationId: 'setCollectionQuota', tags, summary: '填报应归集数', body: QuotaBody, response: { 200: Quota } } },
      (req) => svc.setQuota(req.ctx, req.body),
    )
    app.get(
      '/collection/rates',
      { schema: { operationId: 'collectionRates', tags, summary: '涉企信息归集率', querystring: RateQuery, response: { 200: RateTable } } },
      (req) => svc.rates(req.ctx, req.query),
    )
    app.get(
      '/collection/rates/export',
      { schema: { operationId: 'exportCollectionRates', tags, summary: '导出归集率（Excel）', querystring: RateQuery } },
      async (req, reply) => {
        const table = await svc.rates(req.ctx, req.query)
        await sendXlsx(req, reply, { name: `涉企信息归集率${table.from}至${table.to}.xlsx`, fallback: 'collection-rates.xlsx' }, (out) =>
          svc.exportRates(table, out),
        )
      },
    )
  }
}

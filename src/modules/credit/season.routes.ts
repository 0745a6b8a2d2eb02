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
import { LIAISON_HEADER } from '../../shared/credit/annual-report'
import { assertCan } from '../../core/actor'
import { sendXlsx } from '../../core/export'
import type { AnnualReportImport } from './annual-report.import'
import { ReminderBatchBody, ReminderQuery, REMINDER_JOB, type Reminders } from './annual-report.reminders'
import type { LiaisonSession } from './annual-report.service'
import { SeasonQuery, type SeasonStats } from './annual-report.stats'
import type { Ctx } from '../../core/actor'

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

const ReminderItem = z.object({
  id: z.string(),
  round: z.number(),
  entityId: z.string(),
  entityName: z.string(),
  uscc: z.string().nullable(),
  unitName: z.string().nullable(),
  liaisonName: z.string().nullable(),
  phone: z.string().nullable(),
  text: z.string(),
  createdAt: z.string(),
  exportedAt: z.string().nullable(),
})
const ReminderPage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  rounds: z.array(z.object({ round: z.number(), count: z.number() })),
  items: z.array(ReminderItem),
})
const LiaisonReminder = z.object({ reminder: z.object({ reportYear: z.number(), round: z.number(), text: z.string(), createdAt: z.string() }).nullable() })

export interface SeasonRouteDeps {
  imports: AnnualReportImport
  reminders: Reminders
  stats: SeasonStats
  /** The liaison session of a token (annual-report.service). */
  session(token: string | undefined): Promise<LiaisonSession>
  /** Queues a job of the task centre as the user. */
  enqueue(ctx: Ctx, kind: string, payload: unknown): Promise<{ jobId: string; created: boolean }>
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

    // ---- the season dashboard and the rate through the unit tree ----------------------------------
    const Line = { due: z.number(), filed: z.number(), late: z.number(), rate: z.number().nullable() }
    app.get(
      '/credit/season',
      {
        schema: {
          operationId: 'creditSeason',
          tags,
          summary: '年报季看板：剩余天数、已报/未报/逾期、催报、期满后列入建议、按单位（含下级）年报率',
          querystring: SeasonQuery,
          response: {
            200: z.object({
              reportYear: z.number(),
              opens: z.string(),
              closes: z.string(),
              today: z.string(),
              open: z.boolean(),
              daysLeft: z.number().nullable(),
              due: z.number(),
              filed: z.number(),
              onTime: z.number(),
              late: z.number(),
              owed: z.number(),
              rate: z.number().nullable(),
              reminders: z.array(z.object({ round: z.number(), count: z.number() })),
              proposals: z.record(z.string(), z.number()),
              units: z.array(z.object({ unitId: z.string(), unitName: z.string(), parentId: z.string().nullable(), depth: z.number(), ...Line })),
            }),
          },
        },
      },
      (req) => d.stats.season(req.ctx, req.query.reportYear),
    )
    app.get(
      '/credit/season/units.xlsx',
      { schema: { operationId: 'creditSeasonUnitsXlsx', tags, summary: '年报率（按单位含下级，Excel）', querystring: SeasonQuery } },
      async (req, reply) => {
        assertCan(req.ctx.actor, 'credit.read')
        await sendXlsx(req, reply, { name: `${req.query.reportYear}年度年报率（按单位含下级）.xlsx`, fallback: 'annual-report-units.xlsx' }, (out) =>
          d.stats.unitsXlsx(req.ctx, req.query.reportYear, out),
        )
      },
    )

    // ---- reminders (年报催报) -------------------------------------------------------------------
    app.post(
      '/credit/reminders/batch',
      {
        schema: {
          operationId: 'creditReminderBatch',
          tags,
          summary: '生成年度报告催报名单（任务中心运行；同一主体同一轮次只生成一次）',
          body: ReminderBatchBody,
          response: { 202: z.object({ jobId: z.string(), created: z.boolean() }) },
        },
      },
      async (req, reply) => {
        assertCan(req.ctx.actor, 'credit.manage')
        return reply.code(202).send(await d.enqueue(req.ctx, REMINDER_JOB, req.body))
      },
    )
    app.get(
      '/credit/reminders',
      {
        schema: {
          operationId: 'listCreditReminders',
          tags,
          summary: '催报名单（手机号按个人信息权限脱敏）',
          querystring: ReminderQuery,
          response: { 200: ReminderPage },
        },
      },
      (req) => d.reminders.list(req.ctx, req.query),
    )
    app.get(
      '/credit/reminders.xlsx',
      {
        schema: {
          operationId: 'creditRemindersXlsx',
          tags,
          summary: '导出催报名单（Excel，供短信渠道发送）',
          querystring: ReminderQuery.pick({ reportYear: true, round: true }),
        },
      },
      async (req, reply) => {
        assertCan(req.ctx.actor, 'credit.read')
        await sendXlsx(req, reply, { name: `${req.query.reportYear}年度年报催报名单.xlsx`, fallback: 'annual-report-reminders.xlsx' }, (out) =>
          d.reminders.xlsx(req.ctx, req.query, out),
        )
      },
    )
    app.get(
      '/public/credit/liaison/reminder',
      {
        config: { public: true },
        schema: {
          operationId: 'liaisonReminder',
          tags: ['信用信息公示（公众）'],
          summary: '联络员报送页的催报提示（本主体本年度最近一轮）',
          security: [],
          headers: z.object({ [LIAISON_HEADER]: z.string().max(100).optional() }),
          response: { 200: LiaisonReminder },
        },
      },
      async (req) => {
        const s = await d.session(req.headers[LIAISON_HEADER])
        return { reminder: await d.reminders.latestFor(s.entityId) }
      },
    )
  }
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { assertCan } from '../../core/actor'
import type { Config } from '../../core/config'
import { dateParam } from '../../core/dates'
import type { CalendarService } from './calendar.service'

const ChinaDate = dateParam()
const Year = z.coerce.number().int().min(2000).max(2100)
const DateResult = z.object({ date: z.string(), provisional: z.boolean(), missingYears: z.array(z.number().int()) })
const Deadline = DateResult.extend({ baseDate: z.string(), extendedDate: z.string(), pausedDays: z.number().int(), pauseOpen: z.boolean() }).meta({
  id: 'DeadlineResult',
})

const ImportBody = z
  .discriminatedUnion('format', [
    z.object({ format: z.literal('holiday-cn'), data: z.unknown(), notice: z.string().trim().max(500).optional() }),
    z.object({
      format: z.literal('rows'),
      year: Year,
      rows: z.array(z.object({ date: z.string().max(20), kind: z.string().max(10), name: z.string().max(40) })).max(400),
      notice: z.string().trim().max(500).optional(),
    }),
    z.object({ format: z.literal('xlsx'), year: Year, contentBase64: z.string().max(2_800_000), notice: z.string().trim().max(500).optional() }),
  ])
  .meta({ id: 'CalendarImportBody' })

export function calendarRoutes(calendar: CalendarService, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['工作日历']
    app.get(
      '/calendar/years',
      {
        schema: {
          operationId: 'listCalendarYears',
          tags,
          summary: '已载入的年度节假日安排',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  year: z.number().int(),
                  source: z.string(),
                  notice: z.string().nullable(),
                  importedAt: z.string(),
                  offDays: z.number().int(),
                  workDays: z.number().int(),
                }),
              ),
              missingYears: z.array(z.number().int()),
            }),
          },
        },
      },
      (req) => calendar.listYears(req.ctx),
    )
    app.get(
      '/calendar/month',
      {
        schema: {
          operationId: 'calendarMonth',
          tags,
          querystring: z.object({ year: Year, month: z.coerce.number().int().min(1).max(12) }),
          response: {
            200: z.object({
              year: z.number(),
              month: z.number(),
              loaded: z.boolean(),
              days: z.array(z.object({ date: z.string(), kind: z.string(), name: z.string().nullable(), working: z.boolean() })),
            }),
          },
        },
      },
      (req) => calendar.month(req.ctx, req.query.year, req.query.month),
    )
    app.post(
      '/calendar/import',
      {
        bodyLimit: 4 * 1024 * 1024,
        schema: {
          operationId: 'importCalendarYear',
          tags,
          summary: '导入一年的节假日与调休安排',
          body: ImportBody,
          response: { 200: z.object({ year: z.number().int(), days: z.number().int() }) },
        },
      },
      (req) => calendar.importYear(req.ctx, req.body),
    )
    app.get(
      '/calendar/compute',
      {
        schema: {
          operationId: 'computeDeadline',
          tags,
          summary: '计算期限届满日（起算日不计入）',
          querystring: z.object({ start: ChinaDate, length: z.coerce.number().int().min(0).max(10_000), unit: z.enum(['WD', 'CD', 'M', 'Y']) }),
          response: { 200: Deadline },
        },
      },
      async (req) => {
        assertCan(req.ctx.actor, 'calendar.read')
        return calendar.computeDeadline(req.query)
      },
    )
    app.get(
      '/public/calendar/is-working-day',
      {
        config: { public: true, rateLimit: { max: config.rateLimit.publicPerMinute, timeWindow: 60_000 } },
        schema: {
          operationId: 'publicIsWorkingDay',
          tags,
          summary: '查询某日是否为工作日（公开）',
          security: [],
          querystring: z.object({ date: ChinaDate }),
          response: { 200: z.object({ date: z.string(), working: z.boolean(), kind: z.string(), loaded: z.boolean() }) },
        },
      },
      async (req) => ({ date: req.query.date, ...(await calendar.isWorkingDay(req.query.date)) }),
    )
  }
}

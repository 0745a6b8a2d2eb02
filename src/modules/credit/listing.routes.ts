import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { assertCan } from '../../core/actor'
import { validation } from '../../core/errors'
import { sendXlsx } from '../../core/export'
import type { Config } from '../../core/config'
import { registerActionRoutes } from '../../core/matter/routes'
import { LIAISON_HEADER, LiaisonActivateBody, LiaisonRegisterBody } from '../../shared/credit/annual-report'
import { listingWorkflow } from '../../shared/credit/listing.workflow'
import type { AnnualReportService } from './annual-report.service'
import type { CreditPublic } from './credit.public'
import {
  ActivateOut,
  BatchBody,
  BatchOut,
  BulkBody,
  BulkOut,
  CodeParams,
  FileOut,
  IssuedReport,
  IssueOut,
  LiaisonHome,
  LiaisonPage,
  LiaisonQuery,
  ListingDetail,
  ListingPage,
  ListingQuery,
  PublicEntity,
  PublicSearchOut,
  PublicSearchQuery,
  RatesOut,
  RatesQuery,
  RegisterOut,
  ReportView,
  UsccParams,
  VerifiedReport,
} from './listing.schema'
import type { ListingService } from './listing.service'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })
const Json = z.record(z.string(), z.unknown())

export interface CreditRouteDeps {
  listings: ListingService
  reports: AnnualReportService
  publicQuery: CreditPublic
  /** Queues the after-season batch as a job of the task centre. */
  enqueueBatch(ctx: Parameters<ListingService['list']>[0], reportYear: number): Promise<{ jobId: string; created: boolean }>
}

/**
 * Annual reports, the abnormal-operations list and the public credit query. Staff under
 * /api/credit/…; the liaison's pages and the public query under /api/public/credit/… (no account,
 * rate-limited per client; the liaison's own routes need its session header).
 */
export function creditListRoutes(d: CreditRouteDeps, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['信用监管']
    app.get(
      '/credit/listings',
      {
        schema: {
          operationId: 'listCreditListings',
          tags,
          summary: '经营异常名录事项（建议、列入、异议、移出）',
          querystring: ListingQuery,
          response: { 200: ListingPage },
        },
      },
      (req) => d.listings.list(req.ctx, req.query),
    )
    app.get('/credit/listings/:id', { schema: { operationId: 'getCreditListing', tags, params: IdParams, response: { 200: ListingDetail } } }, (req) =>
      d.listings.get(req.ctx, req.params.id),
    )
    registerActionRoutes(app, {
      base: '/credit/listings',
      workflow: listingWorkflow,
      tags,
      response: ListingDetail,
      operationId: 'creditListing',
      run: (ctx, id, action, input, version) => d.listings.act(ctx, id, action, input, version),
    })
    app.post(
      '/credit/listings/bulk',
      { schema: { operationId: 'bulkCreditListings', tags, summary: '批量审核、批准或不予列入', body: BulkBody, response: { 200: BulkOut } } },
      (req) => {
        assertCan(req.ctx.actor, req.body.action === 'approve' ? 'credit.approve' : 'credit.manage')
        return d.listings.bulk(req.ctx, req.body.action, req.body.ids, req.body.note ? { note: req.body.note } : {})
      },
    )
    app.post(
      '/credit/listings/batch',
      {
        schema: {
          operationId: 'startCreditListingBatch',
          tags,
          summary: '年报期限届满后，对未年报主体批量提出列入建议（后台任务，进度见任务中心）',
          body: BatchBody,
          response: { 202: BatchOut },
        },
      },
      async (req, reply) => {
        assertCan(req.ctx.actor, 'credit.manage')
        const problem = d.listings.batchProblem(req.body.reportYear)
        if (problem) throw validation(problem)
        return reply.code(202).send(await d.enqueueBatch(req.ctx, req.body.reportYear))
      },
    )
    app.get(
      '/credit/liaisons',
      { schema: { operationId: 'listCreditLiaisons', tags, summary: '年报联络员备案', querystring: LiaisonQuery, response: { 200: LiaisonPage } } },
      (req) => d.reports.liaisons(req.ctx, req.query),
    )
    app.post(
      '/credit/liaisons/:id/code',
      {
        schema: {
          operationId: 'issueLiaisonCode',
          tags,
          summary: '签发联络员激活码（仅显示一次，请打印或通过本局渠道发送）',
          params: IdParams,
          response: { 200: IssueOut },
        },
      },
      (req) => d.reports.issue(req.ctx, req.params.id),
    )
    app.get(
      '/credit/entities/:id/annual-reports',
      {
        schema: {
          operationId: 'entityAnnualReports',
          tags,
          summary: '经营主体的年度报告（含未公示的选择公示项）',
          params: IdParams,
          response: { 200: z.object({ items: z.array(ReportView) }) },
        },
      },
      async (req) => ({ items: await d.reports.entityReports(req.ctx, req.params.id) }),
    )
    app.get(
      '/credit/annual-reports/non-filers.xlsx',
      { schema: { operationId: 'annualReportNonFilersXlsx', tags, summary: '年报催报名单（Excel：未报送主体与联络员）', querystring: RatesQuery } },
      async (req, reply) => {
        assertCan(req.ctx.actor, 'credit.read')
        await sendXlsx(req, reply, { name: `${req.query.reportYear}年度年报催报名单.xlsx`, fallback: 'annual-report-non-filers.xlsx' }, (out) =>
          d.reports.nonFilersXlsx(req.ctx, req.query.reportYear, out),
        )
      },
    )
    app.get(
      '/credit/annual-reports/rates.xlsx',
      { schema: { operationId: 'annualReportRatesXlsx', tags, summary: '年报率统计表（Excel：按主体类型、按单位）', querystring: RatesQuery } },
      async (req, reply) => {
        // Checked before the download starts: a refusal after the headers would break the connection.
        assertCan(req.ctx.actor, 'credit.read')
        await sendXlsx(req, reply, { name: `${req.query.reportYear}年度年报率统计.xlsx`, fallback: 'annual-report-rates.xlsx' }, (out) =>
          d.reports.ratesXlsx(req.ctx, req.query.reportYear, out),
        )
      },
    )
    app.get(
      '/credit/annual-reports/rates',
      { schema: { operationId: 'annualReportRates', tags, summary: '年报率（按主体类型、按单位）', querystring: RatesQuery, response: { 200: RatesOut } } },
      (req) => d.reports.rates(req.ctx, req.query.reportYear),
    )

    // ---- public (no account) -------------------------------------------------------------------
    const ptags = ['信用信息公示（公众）']
    const limit = { max: config.rateLimit.publicPerMinute, timeWindow: 60_000 }
    const strict = { max: Math.max(3, Math.floor(config.rateLimit.publicPerMinute / 20)), timeWindow: 60_000 }
    const liaisonHeader = z.object({ [LIAISON_HEADER]: z.string().max(100).optional() })
    app.post(
      '/public/credit/liaison/register',
      {
        bodyLimit: 4096,
        config: { public: true, rateLimit: strict },
        schema: {
          operationId: 'liaisonRegister',
          tags: ptags,
          summary: '年报联络员备案（统一社会信用代码、姓名、手机号）',
          security: [],
          body: LiaisonRegisterBody,
          response: { 201: RegisterOut },
        },
      },
      async (req, reply) => reply.code(201).send(await d.reports.registerLiaison(req.body, req.ip)),
    )
    app.post(
      '/public/credit/liaison/activate',
      {
        bodyLimit: 4096,
        config: { public: true, rateLimit: strict },
        schema: {
          operationId: 'liaisonActivate',
          tags: ptags,
          summary: '以登记机关签发的激活码激活联络员并登录',
          security: [],
          body: LiaisonActivateBody,
          response: { 200: ActivateOut },
        },
      },
      (req) => d.reports.activate(req.body, req.ip),
    )
    app.get(
      '/public/credit/liaison/me',
      {
        config: { public: true, rateLimit: limit },
        schema: {
          operationId: 'liaisonHome',
          tags: ptags,
          summary: '联络员：本主体的年报期、应报年度与已报年报',
          security: [],
          headers: liaisonHeader,
          response: { 200: LiaisonHome },
        },
      },
      async (req) => d.reports.liaisonHome(await d.reports.session(req.headers[LIAISON_HEADER])),
    )
    app.post(
      '/public/credit/annual-reports',
      {
        bodyLimit: 256 * 1024,
        config: { public: true, rateLimit: limit },
        schema: {
          operationId: 'liaisonFileReport',
          tags: ptags,
          summary: '联络员：报送或更正（6 月 30 日前）本主体的年度报告',
          security: [],
          headers: liaisonHeader,
          body: z
            .object({
              reportYear: z.unknown(),
              public: Json.optional(),
              optional: Json.optional(),
              publishOptional: z.unknown().optional(),
              version: z.number().int().min(1).optional(),
            })
            .passthrough(),
          response: { 200: FileOut, 201: FileOut },
        },
      },
      async (req, reply) => {
        const s = await d.reports.session(req.headers[LIAISON_HEADER])
        const { version, ...body } = req.body
        const r = await d.reports.fileAsLiaison(s, body, req.ip, version)
        return reply.code(r.created ? 201 : 200).send(r)
      },
    )
    app.get(
      '/public/credit/search',
      {
        config: { public: true, rateLimit: limit },
        schema: {
          operationId: 'publicCreditSearch',
          tags: ptags,
          summary: '按统一社会信用代码或名称（包含的文字）查询经营主体',
          security: [],
          querystring: PublicSearchQuery,
          response: { 200: PublicSearchOut },
        },
      },
      (req) => d.publicQuery.search(req.query),
    )
    app.get(
      '/public/credit/entities/:uscc',
      {
        config: { public: true, rateLimit: limit },
        schema: {
          operationId: 'publicCreditEntity',
          tags: ptags,
          summary: '经营主体信用信息：登记信息、年度报告（公示部分）、经营异常名录（事由、列入日期、如何移出、最早可申请日期）',
          security: [],
          params: UsccParams,
          response: { 200: PublicEntity },
        },
      },
      (req) => d.publicQuery.entity(req.params.uscc),
    )
    app.post(
      '/public/credit/entities/:uscc/report',
      {
        config: { public: true, rateLimit: strict },
        schema: {
          operationId: 'publicCreditReportIssue',
          tags: ptags,
          summary: '生成可打印的信用报告（附验证码）',
          security: [],
          params: UsccParams,
          response: { 201: IssuedReport },
        },
      },
      async (req, reply) => reply.code(201).send(await d.publicQuery.issueReport(req.params.uscc)),
    )
    app.get(
      '/public/credit/reports/:code',
      {
        config: { public: true, rateLimit: limit },
        schema: {
          operationId: 'publicCreditReportVerify',
          tags: ptags,
          summary: '凭验证码核验信用报告',
          security: [],
          params: CodeParams,
          response: { 200: VerifiedReport },
        },
      },
      (req) => d.publicQuery.verifyReport(req.params.code),
    )
  }
}

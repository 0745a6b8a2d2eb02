import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../core/config'
import { sendXlsx } from '../../core/export'
import { PageQuery } from '../../core/pagination'
import { TypicalBody, WithdrawBody } from '../../shared/cases/publicity'
import type { CasePublicity } from './cases.publicity'
import {
  PublicityDetail,
  PublicityListQuery,
  PublicityPage,
  PublicPageQuery,
  PublicPenaltyDetail,
  PublicPenaltyPage,
  PublicPenaltyQuery,
  PublicTypical,
  PublicTypicalPage,
  PublishRequest,
  StatsMonthly,
  StatsQuery,
  StatsTable,
  Typical,
  TypicalPage,
} from './cases.publicity.schema'
import type { CaseStats } from './cases.stats'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })

/**
 * Penalty publicity (/case-publicity), typical cases (/case-typical), case statistics (/case-stats)
 * and the public penalty pages (/public/penalties, no login, rate-limited).
 */
export function casePublicityRoutes(publicity: CasePublicity, stats: CaseStats, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['行政处罚公示与统计']
    app.get(
      '/case-publicity',
      {
        schema: {
          operationId: 'listCasePublicity',
          tags,
          summary: '行政处罚公示信息（待公示、公示中、已撤回）',
          querystring: PublicityListQuery,
          response: { 200: PublicityPage },
        },
      },
      (req) => publicity.list(req.ctx, req.query),
    )
    app.get('/case-publicity/:id', { schema: { operationId: 'getCasePublicity', tags, params: IdParams, response: { 200: PublicityDetail } } }, (req) =>
      publicity.get(req.ctx, req.params.id),
    )
    app.post(
      '/case-publicity/:id/publish',
      {
        schema: {
          operationId: 'publishCasePublicity',
          tags,
          summary: '公示（计算公示期届满日）',
          params: IdParams,
          body: PublishRequest,
          response: { 200: PublicityDetail },
        },
      },
      (req) => publicity.publish(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/case-publicity/:id/withdraw',
      {
        schema: {
          operationId: 'withdrawCasePublicity',
          tags,
          summary: '撤回（决定被变更、撤销或确认违法、无效之日起3个工作日内）',
          params: IdParams,
          body: WithdrawBody,
          response: { 200: PublicityDetail },
        },
      },
      (req) => publicity.withdraw(req.ctx, req.params.id, req.body),
    )

    app.get('/case-typical', { schema: { operationId: 'listTypicalCases', tags, querystring: PageQuery, response: { 200: TypicalPage } } }, (req) =>
      publicity.listTypical(req.ctx, req.query),
    )
    app.post(
      '/case-typical',
      { schema: { operationId: 'markTypicalCase', tags, summary: '选定典型案例并发布评析（局领导）', body: TypicalBody, response: { 201: Typical } } },
      async (req, reply) => reply.code(201).send(await publicity.markTypical(req.ctx, req.body)),
    )
    app.post(
      '/case-typical/:id/withdraw',
      { schema: { operationId: 'withdrawTypicalCase', tags, summary: '撤下典型案例', params: IdParams, response: { 200: Typical } } },
      (req) => publicity.withdrawTypical(req.ctx, req.params.id),
    )

    app.get(
      '/case-stats',
      {
        schema: {
          operationId: 'caseStats',
          tags,
          summary: '案件统计：案件类型 × 单位（逐级汇总）× 期间',
          querystring: StatsQuery,
          response: { 200: StatsTable },
        },
      },
      (req) => stats.table(req.ctx, req.query),
    )
    app.get(
      '/case-stats/monthly',
      { schema: { operationId: 'caseStatsMonthly', tags, summary: '按月立案、结案与罚没金额', querystring: StatsQuery, response: { 200: StatsMonthly } } },
      (req) => stats.monthly(req.ctx, req.query),
    )
    app.get(
      '/case-stats/export',
      { schema: { operationId: 'exportCaseStats', tags, summary: '导出案件统计（Excel）', querystring: StatsQuery } },
      async (req, reply) => {
        await stats.table(req.ctx, { from: req.query.from, to: req.query.from }) // permission and scope before the download starts
        await sendXlsx(req, reply, { name: `案件统计_${req.query.from}_${req.query.to}.xlsx` }, (out) => stats.exportXlsx(req.ctx, req.query, out))
      },
    )

    // --- public (no login)
    const pub = { public: true, rateLimit: { max: config.rateLimit.publicPerMinute, timeWindow: 60_000 } }
    app.get(
      '/public/penalties',
      {
        config: pub,
        schema: {
          operationId: 'publicPenalties',
          tags,
          summary: '公示中的行政处罚信息（公开，按名称或统一社会信用代码检索）',
          security: [],
          querystring: PublicPenaltyQuery,
          response: { 200: PublicPenaltyPage },
        },
      },
      (req) => publicity.publicList(req.query),
    )
    app.get(
      '/public/penalties/typical',
      {
        config: pub,
        schema: {
          operationId: 'publicTypicalCases',
          tags,
          summary: '典型案例（公开）',
          security: [],
          querystring: PublicPageQuery,
          response: { 200: PublicTypicalPage },
        },
      },
      (req) => publicity.publicTypical(req.query),
    )
    app.get(
      '/public/penalties/typical/:id',
      { config: pub, schema: { operationId: 'publicTypicalCase', tags, security: [], params: IdParams, response: { 200: PublicTypical } } },
      (req) => publicity.publicTypicalGet(req.params.id),
    )
    app.get(
      '/public/penalties/:id',
      {
        config: pub,
        schema: {
          operationId: 'publicPenalty',
          tags,
          summary: '行政处罚信息详情（公开）',
          security: [],
          params: IdParams,
          response: { 200: PublicPenaltyDetail },
        },
      },
      (req) => publicity.publicGet(req.params.id),
    )
  }
}

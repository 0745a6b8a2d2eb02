import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../core/config'
import { XLSX_TYPE, contentDisposition, xlsxBuffer } from '../../core/export'
import { VersionField, registerActionRoutes } from '../../core/matter/routes'
import { PageQuery } from '../../core/pagination'
import { FOOD_CATEGORIES, PRODUCT_KINDS } from '../../shared/sampling/catalogue'
import { SAMPLE_STATES, sampleWorkflow } from '../../shared/sampling/sample.workflow'
import {
  Lab,
  LabInput,
  LabUserInput,
  Plan,
  PlanInput,
  PlanQuery,
  Population,
  PopulationInput,
  PublicDrawVerification,
  PublicResultPage,
  PublicResultsQuery,
  ResultItemsInput,
  SampleDetail,
  SamplePage,
  SampleQuery,
  Stats,
  StatsQuery,
  TaskInput,
} from './sampling.schema'
import type { SamplingService } from './sampling.service'
import type { SamplingStats } from './sampling.stats'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })
const Category = z.object({ code: z.string(), name: z.string(), parent: z.string().nullable() })
const ResultsBody = ResultItemsInput.extend({ version: VersionField })

/**
 * Sampling inspection (抽检) over HTTP: /sampling/* for bureau staff, /sampling/lab/* for
 * laboratory accounts (their own laboratory's samples only), /public/sampling/* without a session
 * (published results, consumer alerts, re-test draw verification).
 */
export function samplingRoutes(svc: SamplingService, statsSvc: SamplingStats, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['抽检']
    app.get(
      '/sampling/catalogue',
      {
        schema: {
          operationId: 'samplingCatalogue',
          tags,
          summary: '抽检类别（食品大类/亚类、产品种类）',
          response: { 200: z.object({ food: z.array(Category), product: z.array(Category) }) },
        },
      },
      () => ({ food: [...FOOD_CATEGORIES], product: [...PRODUCT_KINDS] }),
    )
    // --- laboratories
    app.get('/sampling/labs', { schema: { operationId: 'listSamplingLabs', tags, summary: '承检机构名录', response: { 200: z.array(Lab) } } }, (req) =>
      svc.listLabs(req.ctx),
    )
    app.post(
      '/sampling/labs',
      { schema: { operationId: 'createSamplingLab', tags, summary: '登记承检机构', body: LabInput, response: { 201: Lab } } },
      async (req, reply) => reply.code(201).send(await svc.saveLab(req.ctx, null, req.body)),
    )
    app.put(
      '/sampling/labs/:id',
      { schema: { operationId: 'updateSamplingLab', tags, summary: '修改承检机构', params: IdParams, body: LabInput, response: { 200: Lab } } },
      (req) => svc.saveLab(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/sampling/labs/:id/users',
      {
        schema: {
          operationId: 'linkSamplingLabUser',
          tags,
          summary: '关联承检机构账号',
          params: IdParams,
          body: LabUserInput,
          response: { 200: z.object({ ok: z.boolean() }) },
        },
      },
      (req) => svc.linkLabUser(req.ctx, req.params.id, req.body.userId),
    )
    // --- population
    app.get(
      '/sampling/population',
      {
        schema: {
          operationId: 'listSamplingPopulation',
          tags,
          summary: '常住人口（按区划、年度）',
          querystring: PlanQuery,
          response: { 200: z.array(Population) },
        },
      },
      (req) => svc.listPopulation(req.ctx, req.query.year),
    )
    app.put(
      '/sampling/population',
      { schema: { operationId: 'setSamplingPopulation', tags, summary: '维护常住人口', body: PopulationInput, response: { 200: Population } } },
      (req) => svc.setPopulation(req.ctx, req.body),
    )
    // --- plans and tasks
    app.get(
      '/sampling/plans',
      { schema: { operationId: 'listSamplingPlans', tags, summary: '抽检计划及进度', querystring: PlanQuery, response: { 200: z.array(Plan) } } },
      (req) => svc.listPlans(req.ctx, req.query),
    )
    app.post(
      '/sampling/plans',
      { schema: { operationId: 'createSamplingPlan', tags, summary: '制定抽检计划', body: PlanInput, response: { 201: Plan } } },
      async (req, reply) => reply.code(201).send(await svc.createPlan(req.ctx, req.body)),
    )
    app.get('/sampling/plans/:id', { schema: { operationId: 'getSamplingPlan', tags, params: IdParams, response: { 200: Plan } } }, (req) =>
      svc.getPlan(req.ctx, req.params.id),
    )
    app.post(
      '/sampling/plans/:id/tasks',
      {
        schema: {
          operationId: 'createSamplingTasks',
          tags,
          summary: '下达抽样任务（双随机抽取或定向）',
          params: IdParams,
          body: TaskInput,
          response: { 201: z.object({ created: z.number(), sampleIds: z.array(z.string()) }) },
        },
      },
      async (req, reply) => reply.code(201).send(await svc.createTasks(req.ctx, req.params.id, req.body)),
    )
    // --- samples (bureau)
    app.get(
      '/sampling/samples',
      { schema: { operationId: 'listSamplingSamples', tags, summary: '抽检样品', querystring: SampleQuery, response: { 200: SamplePage } } },
      (req) => svc.list(req.ctx, req.query),
    )
    app.get('/sampling/samples/:id', { schema: { operationId: 'getSamplingSample', tags, params: IdParams, response: { 200: SampleDetail } } }, (req) =>
      svc.get(req.ctx, req.params.id),
    )
    registerActionRoutes(app, {
      base: '/sampling/samples',
      workflow: sampleWorkflow,
      tags,
      response: SampleDetail,
      operationId: 'samplingSample',
      run: (ctx, id, action, input, version) => svc.act(ctx, id, action, input, version),
    })
    // --- laboratory accounts
    const LabQuery = PageQuery.extend({ state: z.enum(SAMPLE_STATES).optional() })
    app.get(
      '/sampling/lab/samples',
      { schema: { operationId: 'listLabSamples', tags, summary: '本机构承检的样品', querystring: LabQuery, response: { 200: SamplePage } } },
      (req) => svc.labList(req.ctx, req.query),
    )
    app.get('/sampling/lab/samples/:id', { schema: { operationId: 'getLabSample', tags, params: IdParams, response: { 200: SampleDetail } } }, (req) =>
      svc.labGet(req.ctx, req.params.id),
    )
    app.put(
      '/sampling/lab/samples/:id/results',
      {
        schema: {
          operationId: 'saveLabSampleResults',
          tags,
          summary: '录入检验结果（出具报告前可修改）',
          params: IdParams,
          body: ResultsBody,
          response: { 200: SampleDetail },
        },
      },
      (req) => svc.saveResults(req.ctx, req.params.id, req.body.items, req.body.version, { lab: true }),
    )
    registerActionRoutes(app, {
      base: '/sampling/lab/samples',
      workflow: sampleWorkflow,
      tags,
      response: SampleDetail,
      operationId: 'labSample',
      run: (ctx, id, action, input, version) => svc.labAct(ctx, id, action, input, version),
    })
    // --- statistics
    app.get(
      '/sampling/stats',
      { schema: { operationId: 'samplingStats', tags, summary: '抽检统计', querystring: StatsQuery, response: { 200: Stats } } },
      (req) => statsSvc.stats(req.ctx, req.query),
    )
    app.get(
      '/sampling/stats/export',
      { schema: { operationId: 'exportSamplingStats', tags, summary: '导出抽检统计（Excel）', querystring: StatsQuery } },
      async (req, reply) => {
        const buf = await xlsxBuffer((out) => statsSvc.exportXlsx(req.ctx, req.query, out))
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', contentDisposition(`抽检统计${req.query.year}.xlsx`, 'sampling-stats.xlsx'))
          .send(buf)
      },
    )
    // --- public
    const pub = { public: true, rateLimit: { max: config.rateLimit.publicPerMinute, timeWindow: 60_000 } }
    app.get(
      '/public/sampling/results',
      {
        config: pub,
        schema: {
          operationId: 'publicSamplingResults',
          tags,
          summary: '抽检结果公告（合格/不合格）',
          querystring: PublicResultsQuery,
          response: { 200: PublicResultPage },
        },
      },
      (req) => svc.publicResults(req.query),
    )
    app.get(
      '/public/sampling/retest-draws/:sampleNo',
      {
        config: pub,
        schema: {
          operationId: 'publicSamplingRetestDraw',
          tags,
          summary: '复检机构随机抽取的公开核验',
          params: z.object({ sampleNo: z.string().regex(/^[A-Z]{2}\d{10}$/, '样品编号格式不正确') }),
          response: { 200: PublicDrawVerification },
        },
      },
      (req) => svc.verifyPublic(req.params.sampleNo),
    )
  }
}

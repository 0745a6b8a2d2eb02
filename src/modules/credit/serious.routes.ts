import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { registerActionRoutes } from '../../core/matter/routes'
import { SeriousFromCaseBody, seriousWorkflow } from '../../shared/credit/serious.workflow'
import { SeriousDetail, SeriousPage, SeriousQuery, SeriousWarnings } from './serious.schema'
import type { SeriousService } from './serious.service'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })

/** The serious-violation list (严重违法失信名单) under /api/credit/serious. */
export function seriousRoutes(serious: SeriousService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['信用监管']
    app.get(
      '/credit/serious',
      {
        schema: {
          operationId: 'listCreditSerious',
          tags,
          summary: '严重违法失信名单事项（拟列入、告知、决定、公示、移出）',
          querystring: SeriousQuery,
          response: { 200: SeriousPage },
        },
      },
      (req) => serious.list(req.ctx, req.query),
    )
    app.get(
      '/credit/serious/warnings',
      {
        schema: {
          operationId: 'creditSeriousWarnings',
          tags,
          summary: '经营异常名录即将届满3年（将列入严重违法失信名单）的预警',
          response: { 200: SeriousWarnings },
        },
      },
      (req) => serious.warnings(req.ctx),
    )
    app.post(
      '/credit/serious/from-case',
      {
        schema: {
          operationId: 'proposeCreditSeriousFromCase',
          tags,
          summary: '依较重行政处罚决定提出列入严重违法失信名单建议（总局令第44号）',
          body: SeriousFromCaseBody,
          response: { 201: SeriousDetail },
        },
      },
      async (req, reply) => reply.code(201).send(await serious.proposeFromCase(req.ctx, req.body)),
    )
    app.get('/credit/serious/:id', { schema: { operationId: 'getCreditSerious', tags, params: IdParams, response: { 200: SeriousDetail } } }, (req) =>
      serious.get(req.ctx, req.params.id),
    )
    registerActionRoutes(app, {
      base: '/credit/serious',
      workflow: seriousWorkflow,
      tags,
      response: SeriousDetail,
      operationId: 'creditSerious',
      run: (ctx, id, action, input, version) => serious.act(ctx, id, action, input, version),
    })
  }
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { registerActionRoutes } from '../../core/matter/routes'
import { proposalWorkflow } from '../../shared/credit/proposal.workflow'
import { ProposalDecisionBody, ProposalDetail, ProposalPage, ProposalQuery } from './credit.schema'
import type { CreditService } from './credit.service'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })

export function creditRoutes(credit: CreditService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['信用监管']
    app.get(
      '/credit/proposals',
      { schema: { operationId: 'listCreditProposals', tags, summary: '信用事项提议列表', querystring: ProposalQuery, response: { 200: ProposalPage } } },
      (req) => credit.list(req.ctx, req.query),
    )
    app.get('/credit/proposals/:id', { schema: { operationId: 'getCreditProposal', tags, params: IdParams, response: { 200: ProposalDetail } } }, (req) =>
      credit.get(req.ctx, req.params.id),
    )
    registerActionRoutes(app, {
      base: '/credit/proposals',
      workflow: proposalWorkflow,
      tags,
      response: ProposalDetail,
      operationId: 'creditProposal',
      run: (ctx, id, action, input, version) => credit.act(ctx, id, action, input, version),
    })
    // Kept for existing clients: the decision by target state, without a version check.
    app.post(
      '/credit/proposals/:id/decision',
      {
        schema: {
          operationId: 'decideCreditProposal',
          tags,
          summary: '采纳或不采纳（旧接口，等同于对应的流程操作）',
          params: IdParams,
          body: ProposalDecisionBody,
          response: { 200: ProposalDetail },
        },
      },
      (req) => credit.decide(req.ctx, req.params.id, req.body),
    )
  }
}

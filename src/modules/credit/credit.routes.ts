import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { Proposal, ProposalDecisionBody, ProposalPage, ProposalQuery } from './credit.schema'
import type { CreditService } from './credit.service'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })

export function creditRoutes(credit: CreditService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['信用监管']
    app.get('/credit/proposals', { schema: { operationId: 'listCreditProposals', tags, summary: '信用事项提议列表', querystring: ProposalQuery, response: { 200: ProposalPage } } }, (req) => credit.list(req.ctx, req.query))
    app.get('/credit/proposals/:id', { schema: { operationId: 'getCreditProposal', tags, params: IdParams, response: { 200: Proposal } } }, (req) => credit.get(req.ctx, req.params.id))
    app.post('/credit/proposals/:id/decision', { schema: { operationId: 'decideCreditProposal', tags, summary: '采纳或不采纳', params: IdParams, body: ProposalDecisionBody, response: { 200: Proposal } } }, (req) =>
      credit.decide(req.ctx, req.params.id, req.body),
    )
  }
}

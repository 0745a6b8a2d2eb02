import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { registerActionRoutes } from '../../core/matter/routes'
import { leadWorkflow } from '../../shared/enforcement/lead.workflow'
import { LeadDecisionBody, LeadDetail, LeadPage, LeadProposalBody, LeadQuery, ManualLeadBody } from './enforcement.schema'
import type { EnforcementService } from './enforcement.service'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })

export function enforcementRoutes(leads: EnforcementService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['案源线索']
    app.get('/leads', { schema: { operationId: 'listLeads', tags, summary: '案源线索列表', querystring: LeadQuery, response: { 200: LeadPage } } }, (req) =>
      leads.list(req.ctx, req.query),
    )
    app.post(
      '/leads',
      {
        schema: {
          operationId: 'createManualLead',
          tags,
          summary: '登记线索（执法人员发现、日常巡查、上级交办、部门移送、异地协查、调解中发现）',
          body: ManualLeadBody,
          response: { 201: LeadDetail },
        },
      },
      async (req, reply) => reply.code(201).send(await leads.createManual(req.ctx, req.body)),
    )
    app.post(
      '/leads/:id/proposals',
      {
        schema: {
          operationId: 'proposeLeadDecision',
          tags,
          summary: '提请负责人审批不予立案或移送',
          params: IdParams,
          body: LeadProposalBody,
          response: { 200: LeadDetail },
        },
      },
      (req) => leads.propose(req.ctx, req.params.id, req.body),
    )
    app.get('/leads/:id', { schema: { operationId: 'getLead', tags, params: IdParams, response: { 200: LeadDetail } } }, (req) =>
      leads.get(req.ctx, req.params.id),
    )
    registerActionRoutes(app, {
      base: '/leads',
      workflow: leadWorkflow,
      tags,
      response: LeadDetail,
      operationId: 'lead',
      run: (ctx, id, action, input, version) => leads.act(ctx, id, action, input, version),
    })
    // Kept for existing clients: the decision by target state, without a version check.
    app.post(
      '/leads/:id/decision',
      {
        schema: {
          operationId: 'decideLead',
          tags,
          summary: '立案、不予立案或移送（旧接口，等同于对应的流程操作）',
          params: IdParams,
          body: LeadDecisionBody,
          response: { 200: LeadDetail },
        },
      },
      (req) => leads.decide(req.ctx, req.params.id, req.body),
    )
  }
}

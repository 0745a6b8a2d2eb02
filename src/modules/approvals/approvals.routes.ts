import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Approvals } from '../../core/matter/approvals'
import { ApprovalDecisionBody, ApprovalPage, ApprovalQuery, ApprovalView, ApprovalWithdrawBody } from './approvals.schema'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })

export function approvalsRoutes(approvals: Approvals): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['审批']
    app.get(
      '/approvals',
      {
        schema: {
          operationId: 'listApprovals',
          tags,
          summary: '审批待办（负责人）或我提交的申请',
          querystring: ApprovalQuery,
          response: { 200: ApprovalPage },
        },
      },
      (req) => approvals.inbox(req.ctx, req.query),
    )
    app.get(
      '/approvals/kinds',
      {
        schema: {
          operationId: 'listApprovalKinds',
          tags,
          summary: '审批种类',
          response: { 200: z.object({ items: z.array(z.object({ kind: z.string(), label: z.string(), matterType: z.string() })) }) },
        },
      },
      () => ({ items: approvals.kindList() }),
    )
    app.get('/approvals/:id', { schema: { operationId: 'getApproval', tags, params: IdParams, response: { 200: ApprovalView } } }, (req) =>
      approvals.get(req.ctx, req.params.id),
    )
    app.post(
      '/approvals/:id/decision',
      {
        schema: {
          operationId: 'decideApproval',
          tags,
          summary: '审批：批准（执行所申请的操作）或不予批准',
          params: IdParams,
          body: ApprovalDecisionBody,
          response: { 200: ApprovalView },
        },
      },
      (req) => approvals.decide(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/approvals/:id/withdraw',
      {
        schema: {
          operationId: 'withdrawApproval',
          tags,
          summary: '撤回本人提交的申请',
          params: IdParams,
          body: ApprovalWithdrawBody,
          response: { 200: ApprovalView },
        },
      },
      (req) => approvals.withdraw(req.ctx, req.params.id, req.body.version),
    )
  }
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { registerActionRoutes } from '../../core/matter/routes'
import { caseWorkflow } from '../../shared/cases/case.workflow'
import {
  CaseProposalBody,
  EvidenceBody,
  FilingProposalBody,
  OnSpotBody,
  OpenCaseBody,
  PaymentBody,
  SeizureBody,
  SeizureExtendBody,
  SeizureReleaseBody,
} from '../../shared/cases/schema'
import { CaseDetail, CaseListQuery, CasePage } from './cases.schema'
import type { CasesService } from './cases.service'
import { ApprovalView } from '../approvals'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })
const SeizureParams = z.object({ id: z.string().uuid('ID 无效'), sid: z.string().uuid('ID 无效') })

export function casesRoutes(cases: CasesService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['行政处罚案件']
    const detail = { 200: CaseDetail }
    app.get(
      '/cases',
      { schema: { operationId: 'listCases', tags, summary: '案件列表（我的案件、按阶段）', querystring: CaseListQuery, response: { 200: CasePage } } },
      (req) => cases.list(req.ctx, req.query),
    )
    app.post(
      '/cases',
      {
        schema: {
          operationId: 'openCase',
          tags,
          summary: '负责人直接决定立案：由线索登记案件（立案审批表）；办案人员请用提请立案',
          body: OpenCaseBody,
          response: { 201: CaseDetail },
        },
      },
      async (req, reply) => reply.code(201).send(await cases.open(req.ctx, req.body)),
    )
    app.post(
      '/cases/filing-proposals',
      {
        schema: {
          operationId: 'proposeCaseFiling',
          tags,
          summary: '提请立案：办案人员提交立案材料，负责人在审批待办中批准后立案',
          body: FilingProposalBody,
          response: { 201: ApprovalView },
        },
      },
      async (req, reply) => reply.code(201).send(await cases.proposeFiling(req.ctx, req.body)),
    )
    app.post(
      '/cases/on-spot',
      {
        schema: {
          operationId: 'decideOnSpot',
          tags,
          summary: '当场行政处罚（简易程序）：警告或者小额罚款，当场交付决定书，报所属单位备案',
          body: OnSpotBody,
          response: { 201: CaseDetail },
        },
      },
      async (req, reply) => reply.code(201).send(await cases.onSpot(req.ctx, req.body)),
    )
    app.get(
      '/cases/officers',
      {
        schema: {
          operationId: 'listCaseOfficerChoices',
          tags,
          summary: '可担任办案人员的持证执法人员',
          response: {
            200: z.object({ items: z.array(z.object({ userId: z.string(), name: z.string(), certNo: z.string(), unitName: z.string().nullable() })) }),
          },
        },
      },
      (req) => cases.officerChoices(req.ctx),
    )
    app.get('/cases/:id', { schema: { operationId: 'getCase', tags, params: IdParams, response: detail } }, (req) => cases.get(req.ctx, req.params.id))
    registerActionRoutes(app, {
      base: '/cases',
      workflow: caseWorkflow,
      tags,
      response: CaseDetail,
      operationId: 'case',
      run: (ctx, id, action, input, version) => cases.act(ctx, id, action, input, version),
    })
    app.post(
      '/cases/:id/proposals',
      {
        schema: {
          operationId: 'proposeCaseAction',
          tags,
          summary: '提请负责人审批延期或结案（审批待办）',
          params: IdParams,
          body: CaseProposalBody,
          response: { 201: ApprovalView },
        },
      },
      async (req, reply) => reply.code(201).send(await cases.propose(req.ctx, req.params.id, req.body)),
    )
    app.post(
      '/cases/:id/evidence',
      { schema: { operationId: 'addCaseEvidence', tags, summary: '登记证据', params: IdParams, body: EvidenceBody, response: detail } },
      (req) => cases.addEvidence(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/cases/:id/seizures',
      { schema: { operationId: 'seizeCaseGoods', tags, summary: '实施查封、扣押（30日期限）', params: IdParams, body: SeizureBody, response: detail } },
      (req) => cases.seize(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/cases/:id/seizures/:sid/extend',
      {
        schema: {
          operationId: 'extendCaseSeizure',
          tags,
          summary: '延长查封、扣押期限（负责人批准，限一次）',
          params: SeizureParams,
          body: SeizureExtendBody,
          response: detail,
        },
      },
      (req) => cases.extendSeizure(req.ctx, req.params.id, req.params.sid, req.body),
    )
    app.post(
      '/cases/:id/seizures/:sid/release',
      {
        schema: {
          operationId: 'releaseCaseSeizure',
          tags,
          summary: '解除查封、扣押并处理物品',
          params: SeizureParams,
          body: SeizureReleaseBody,
          response: detail,
        },
      },
      (req) => cases.releaseSeizure(req.ctx, req.params.id, req.params.sid, req.body),
    )
    app.post(
      '/cases/:id/payments',
      { schema: { operationId: 'addCasePayment', tags, summary: '登记罚没款缴纳', params: IdParams, body: PaymentBody, response: detail } },
      (req) => cases.pay(req.ctx, req.params.id, req.body),
    )
  }
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { AvailableActions, registerActionRoutes } from '../../core/matter/routes'
import { PageQuery, pageResponse } from '../../core/pagination'
import { REPAIR_KINDS, REPAIR_STATES, RepairApplyBody, repairWorkflow, type RepairKind, type RepairState } from '../../shared/credit/repair'
import type { RepairService } from './repair.service'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })
const kinds = Object.keys(REPAIR_KINDS) as [RepairKind, ...RepairKind[]]
const states = REPAIR_STATES as unknown as [RepairState, ...RepairState[]]
const Check = z.object({
  eligible: z.boolean(),
  earliestOn: z.string().nullable(),
  conditions: z.array(z.object({ key: z.string(), label: z.string(), ok: z.boolean(), detail: z.string().nullable() })),
})
const Repair = z.object({
  id: z.string(),
  repairNo: z.string().nullable(),
  entityId: z.string(),
  entityName: z.string().nullable(),
  uscc: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  kind: z.enum(kinds),
  kindLabel: z.string(),
  targetId: z.string(),
  applicant: z.string(),
  applicantPhone: z.string().nullable(),
  statement: z.string(),
  appliedOn: z.string(),
  check: Check,
  acceptedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  decisionNote: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  state: z.enum(states),
  stateLabel: z.string(),
  version: z.number(),
  createdAt: z.string(),
})
const RepairDetail = Repair.extend({
  actions: AvailableActions,
  clocks: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      startOn: z.string(),
      dueOn: z.string().nullable(),
      doneOn: z.string().nullable(),
      ruleId: z.string().nullable(),
    }),
  ),
})
const RepairQuery = PageQuery.extend({ state: z.enum(states, '状态无效').optional(), kind: z.enum(kinds, '修复类型无效').optional() })
const PreviewQuery = z.object({ kind: z.enum(kinds, '修复类型无效'), targetId: z.string().uuid('修复对象 ID 无效') })

/** Credit repair (信用修复) under /api/credit/repairs: the inbox, the condition check, applications and decisions. */
export function repairRoutes(repairs: RepairService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['信用监管']
    app.get(
      '/credit/repairs',
      {
        schema: {
          operationId: 'listCreditRepairs',
          tags,
          summary: '信用修复申请（待受理、审查中、已办结）',
          querystring: RepairQuery,
          response: { 200: pageResponse(Repair) },
        },
      },
      (req) => repairs.list(req.ctx, req.query),
    )
    app.get(
      '/credit/repairs/check',
      {
        schema: {
          operationId: 'checkCreditRepair',
          tags,
          summary: '按记录自动核验信用修复条件（不作任何更改）',
          querystring: PreviewQuery,
          response: { 200: Check },
        },
      },
      (req) => repairs.preview(req.ctx, req.query.kind, req.query.targetId),
    )
    app.post(
      '/credit/repairs',
      {
        schema: {
          operationId: 'applyCreditRepair',
          tags,
          summary: '登记信用修复申请（条件不符的，不予登记并说明）',
          body: RepairApplyBody,
          response: { 201: RepairDetail },
        },
      },
      async (req, reply) => reply.code(201).send(await repairs.apply(req.ctx, req.body)),
    )
    app.get('/credit/repairs/:id', { schema: { operationId: 'getCreditRepair', tags, params: IdParams, response: { 200: RepairDetail } } }, (req) =>
      repairs.get(req.ctx, req.params.id),
    )
    registerActionRoutes(app, {
      base: '/credit/repairs',
      workflow: repairWorkflow,
      tags,
      response: RepairDetail,
      operationId: 'creditRepair',
      run: (ctx, id, action, input, version) => repairs.act(ctx, id, action, input, version),
    })
  }
}

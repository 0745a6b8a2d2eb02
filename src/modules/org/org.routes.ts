import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { notFound } from '../../core/errors'
import { childDivisions, getDivision, searchDivisions } from './divisions'
import { CompetentUnitOut, CreateOrgUnitBody, DivisionCode, DivisionOut, OrgUnit, UpdateOrgUnitBody } from './org.schema'
import type { OrgService } from './org.service'

const IdParams = z.object({ id: z.string().uuid('机构 ID 无效') })

export function orgRoutes(org: OrgService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['机构']
    app.get(
      '/org/units',
      { schema: { operationId: 'listOrgUnits', tags, summary: '机构列表（按数据范围）', response: { 200: z.object({ items: z.array(OrgUnit) }) } } },
      async (req) => ({
        items: await org.listUnits(req.ctx),
      }),
    )
    app.get('/org/units/:id', { schema: { operationId: 'getOrgUnit', tags, params: IdParams, response: { 200: OrgUnit } } }, (req) =>
      org.getUnit(req.ctx, req.params.id),
    )
    app.post('/org/units', { schema: { operationId: 'createOrgUnit', tags, body: CreateOrgUnitBody, response: { 201: OrgUnit } } }, async (req, reply) =>
      reply.code(201).send(await org.createUnit(req.ctx, req.body)),
    )
    app.patch(
      '/org/units/:id',
      { schema: { operationId: 'updateOrgUnit', tags, params: IdParams, body: UpdateOrgUnitBody, response: { 200: OrgUnit } } },
      (req) => org.updateUnit(req.ctx, req.params.id, req.body),
    )
    app.get(
      '/org/competent-unit',
      {
        schema: {
          operationId: 'competentUnit',
          tags,
          summary: '按行政区划查找有管辖权的机构',
          querystring: z.object({ division: DivisionCode }),
          response: { 200: CompetentUnitOut },
        },
      },
      (req) => org.competentUnitPresented(req.query.division),
    )
    app.get(
      '/divisions',
      {
        schema: {
          operationId: 'listDivisions',
          tags,
          summary: '行政区划（GB/T 2260）',
          querystring: z.object({ parent: DivisionCode.optional(), q: z.string().trim().min(1).max(32).optional() }),
          response: { 200: z.object({ items: z.array(DivisionOut) }) },
        },
      },
      async (req) => {
        if (req.query.q) return { items: searchDivisions(req.query.q, 50) }
        return { items: childDivisions(req.query.parent ?? null) }
      },
    )
    app.get(
      '/divisions/:code',
      { schema: { operationId: 'getDivision', tags, params: z.object({ code: DivisionCode }), response: { 200: DivisionOut } } },
      async (req) => {
        const d = getDivision(req.params.code)
        if (!d) throw notFound('行政区划', req.params.code)
        return d
      },
    )
  }
}

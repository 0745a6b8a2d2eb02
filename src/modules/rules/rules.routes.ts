import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { assertCan } from '../../core/actor'
import { AmendRuleBody, DeadlineQuery, NewRuleVersionBody, Rule, RuleQuery } from './rules.schema'
import type { RulesService } from './rules.service'

const IdParams = z.object({ id: z.string().trim().min(1).max(80) })

export function rulesRoutes(rules: RulesService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['期限规则']
    app.get(
      '/rules',
      { schema: { operationId: 'listRules', tags, querystring: RuleQuery, response: { 200: z.object({ items: z.array(Rule), at: z.string() }) } } },
      (req) => rules.list(req.ctx, req.query),
    )
    app.get('/rules/:id', { schema: { operationId: 'getRule', tags, params: IdParams, response: { 200: Rule } } }, (req) => rules.get(req.ctx, req.params.id))
    app.patch(
      '/rules/:id',
      { schema: { operationId: 'amendRule', tags, summary: '修订规则（原地更正，留痕）', params: IdParams, body: AmendRuleBody, response: { 200: Rule } } },
      (req) => rules.amend(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/rules/:id/versions',
      { schema: { operationId: 'newRuleVersion', tags, summary: '自某日起施行新版本', params: IdParams, body: NewRuleVersionBody, response: { 201: Rule } } },
      async (req, reply) => reply.code(201).send(await rules.newVersion(req.ctx, req.params.id, req.body)),
    )
    app.get(
      '/rules-deadline',
      {
        schema: {
          operationId: 'ruleDeadline',
          tags,
          summary: '按触发事件日期选取有效规则并计算届满日',
          querystring: DeadlineQuery,
          response: {
            200: z.object({
              rule: z.object({
                id: z.string(),
                ruleId: z.string(),
                version: z.number(),
                name: z.string(),
                legalBasis: z.string(),
                length: z.number(),
                unit: z.string(),
              }),
              deadline: z.object({ date: z.string(), baseDate: z.string(), provisional: z.boolean(), missingYears: z.array(z.number()) }),
            }),
          },
        },
      },
      async (req) => {
        assertCan(req.ctx.actor, 'rule.read')
        return rules.deadlineFor(req.query.ruleId, req.query.date, { extensions: req.query.extensions })
      },
    )
  }
}

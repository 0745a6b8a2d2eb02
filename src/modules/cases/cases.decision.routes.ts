import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { CASE_DAY_RE } from '../../shared/cases/case.inputs'
import { CorrectionBody } from '../../shared/cases/schema'
import { CaseDetail } from './cases.schema'
import type { CasesService } from './cases.service'

const Money = {
  decidedFen: z.number().int(),
  surchargeFen: z.number().int(),
  paidFen: z.number().int(),
  outstandingFen: z.number().int(),
  waivedFen: z.number().int(),
}
const day = (label: string) => z.string({ error: `请填写${label}` }).regex(CASE_DAY_RE, `${label}格式应为 YYYY-MM-DD`)

/** The decision stage's own routes: 文书更正 and 罚没款对账 per unit. */
export function caseDecisionRoutes(cases: CasesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/cases/:id/corrections',
      {
        schema: {
          operationId: 'correctCaseDocument',
          tags: ['行政处罚案件'],
          summary: '文书更正：另行制作更正通知书（结案后亦可；原文书保留）',
          params: z.object({ id: z.string().uuid('ID 无效') }),
          body: CorrectionBody,
          response: { 200: CaseDetail },
        },
      },
      (req) => cases.correct(req.ctx, req.params.id, req.body),
    )
    app.get(
      '/case-money/reconciliation',
      {
        schema: {
          operationId: 'caseMoneyReconciliation',
          tags: ['行政处罚案件'],
          summary: '罚没款对账：按单位，应缴（罚没款＋加处罚款）＝已缴＋未缴＋核销（按决定日期）',
          querystring: z.object({ from: day('开始日期'), to: day('结束日期') }),
          response: {
            200: z.object({
              items: z.array(z.object({ unitId: z.string(), unitName: z.string().nullable(), cases: z.number().int(), balanced: z.boolean(), ...Money })),
              total: z.object({ cases: z.number().int(), balanced: z.boolean(), ...Money }),
            }),
          },
        },
      },
      (req) => cases.reconciliation(req.ctx, req.query),
    )
  }
}

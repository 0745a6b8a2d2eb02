import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { AnswerBody, AnswerList, AnswerOut, AnswerQuery, AnswerUpdateBody } from './answers.schema'
import type { AnswersService } from './answers.service'

/** The knowledge base of standard answers (常用语) under /api/complaints/answers. */
export function answersRoutes(answers: AnswersService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['12315 投诉举报']
    const IdParams = z.object({ id: z.string().uuid('ID 无效') })
    app.get(
      '/complaints/answers',
      {
        schema: { operationId: 'searchComplaintAnswers', tags, summary: '检索常用语（咨询标准答复）', querystring: AnswerQuery, response: { 200: AnswerList } },
      },
      (req) => answers.search(req.ctx, req.query),
    )
    app.post(
      '/complaints/answers',
      { schema: { operationId: 'createComplaintAnswer', tags, summary: '新增常用语', body: AnswerBody, response: { 201: AnswerOut } } },
      async (req, reply) => reply.code(201).send(await answers.create(req.ctx, req.body)),
    )
    app.get('/complaints/answers/:id', { schema: { operationId: 'getComplaintAnswer', tags, params: IdParams, response: { 200: AnswerOut } } }, (req) =>
      answers.get(req.ctx, req.params.id),
    )
    app.put(
      '/complaints/answers/:id',
      {
        schema: {
          operationId: 'updateComplaintAnswer',
          tags,
          summary: '修改或停用常用语',
          params: IdParams,
          body: AnswerUpdateBody,
          response: { 200: AnswerOut },
        },
      },
      (req) => answers.update(req.ctx, req.params.id, req.body),
    )
  }
}

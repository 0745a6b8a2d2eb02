import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { AppError } from '../errors'
import { constraintKind } from '../db/dialect'

/** Human (zh-CN) wording for the locations fastify reports. */
const PART: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' }

/**
 * One error body everywhere: { error: { code, message, details? } }. 5xx details never reach the
 * client; they are logged with the request id.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err }, 'app error')
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } })
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const part = PART[(err as FastifyError).validationContext ?? ''] ?? '输入'
      const details = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || part,
        message: v.message ?? '格式不正确',
      }))
      const first = details[0]
      return reply.code(400).send({
        error: { code: 'VALIDATION', message: `${part}不符合要求：${first ? `${first.path} ${first.message}` : ''}`.trim(), details },
      })
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, cause: err.cause }, 'response serialization failed')
      return reply.code(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' } })
    }
    const fe = err as FastifyError
    if (fe.statusCode === 429) return reply.code(429).send({ error: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' } })
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' } })
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ error: { code: 'VALIDATION', message: '不支持的内容类型' } })
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe instanceof SyntaxError && fe.statusCode === 400)) {
      return reply.code(400).send({ error: { code: 'VALIDATION', message: '请求体不是有效的 JSON' } })
    }
    const kind = constraintKind(err)
    if (kind === 'unique') return reply.code(409).send({ error: { code: 'CONFLICT', message: '数据已存在，不能重复' } })
    if (kind === 'foreign_key') return reply.code(409).send({ error: { code: 'CONFLICT', message: '关联的数据不存在或仍被引用' } })
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.code(fe.statusCode).send({ error: { code: 'VALIDATION', message: '请求不符合要求' } })
    }
    request.log.error({ err }, 'unhandled error')
    return reply.code(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' } })
  })
}

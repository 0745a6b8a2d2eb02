import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Ctx } from '../../core/actor'
import { ImportHistoryPage, ImportHistoryQuery, type ImportHistoryPageT, type ImportKind } from './imports.schema'

/** A module that keeps import jobs: its history in the shared shape (checks its own permission). */
export interface ImportHistorySource {
  history(ctx: Ctx, q: { page: number; pageSize: number }): Promise<ImportHistoryPageT>
}

export function importsRoutes(sources: Record<ImportKind, ImportHistorySource>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/imports',
      {
        schema: {
          operationId: 'importHistory',
          tags: ['导入'],
          summary: '导入历史（类型、文件、上传人、时间、状态、行数、错误报告）',
          querystring: ImportHistoryQuery,
          response: { 200: ImportHistoryPage },
        },
      },
      (req) => sources[req.query.kind].history(req.ctx, req.query),
    )
  }
}

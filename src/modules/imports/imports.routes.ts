import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Db } from '../../core/db/database'
import { validation } from '../../core/errors'
import { createRunStore, type ImportKindDef } from '../../core/imports'
import { ImportHistoryPage, ImportHistoryQuery } from './imports.schema'

/** The one history route over `import_run`, for every kind the modules declared. */
export function importsRoutes(db: Db, kinds: ReadonlyMap<string, ImportKindDef>): FastifyPluginAsyncZod {
  const runs = createRunStore(db)
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
      (req) => {
        const def = kinds.get(req.query.kind)
        if (!def)
          throw validation(`导入类型应为：${[...kinds.values()].map((k) => `${k.kind}（${k.label}）`).join('、')}`, [
            { path: 'kind', message: '未知的导入类型' },
          ])
        return runs.history(req.ctx, def, req.query)
      },
    )
  }
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { MyWork, WorkSettings } from './work.schema'
import type { WorkService } from './work.service'

export function workRoutes(work: WorkService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['我的待办']
    app.get(
      '/my/work',
      { schema: { operationId: 'myWork', tags, summary: '我的待办（分派给我或本单位、可由我办理的事项，按期限排序）', response: { 200: MyWork } } },
      (req) => work.myWork(req.ctx),
    )
    app.get('/work/settings', { schema: { operationId: 'workSettings', tags, summary: '到期提醒设置', response: { 200: WorkSettings } } }, (req) =>
      work.settings(req.ctx),
    )
    app.put(
      '/work/settings',
      {
        schema: { operationId: 'updateWorkSettings', tags, summary: '修改到期提醒设置（提前几个工作日）', body: WorkSettings, response: { 200: WorkSettings } },
      },
      (req) => work.updateSettings(req.ctx, req.body),
    )
  }
}

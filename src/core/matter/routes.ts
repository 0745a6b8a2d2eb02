import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Ctx } from '../actor'
import type { AnyWorkflow, Workflow } from '../../shared/kernel/workflow'

type ZodApp = Parameters<FastifyPluginAsyncZod>[0]

/** The actions the actor may take on a record now, as detail responses carry them. */
export const AvailableActions = z
  .array(z.object({ action: z.string(), label: z.string(), danger: z.boolean(), confirm: z.string().nullable() }))
  .describe('当前用户可对该记录执行的操作（按流程定义与数据范围）')

/** The version field every action body carries (optimistic lock: a stale one is refused with 409). */
export const VersionField = z.number({ error: '缺少记录版本号（version），请刷新后重试' }).int('版本号应为整数').min(1, '版本号应为正整数')

/** The request body of `action`: its zod input plus `version`. */
export function actionBody(workflow: AnyWorkflow, action: string): z.ZodType {
  const input = workflow.actions[action]?.input ?? z.object({})
  return input instanceof z.ZodObject ? input.safeExtend({ version: VersionField }) : z.object({ version: VersionField }).and(input)
}

const IdParams = z.object({ id: z.string().uuid('ID 无效') })
const pascal = (s: string) => s.replace(/(^|[_.-])([a-z])/g, (_, __, c: string) => c.toUpperCase())

export interface ActionRoutesOptions<S extends string, A extends string> {
  /** Path under /api, e.g. '/leads' → POST /api/leads/:id/actions/<action>. */
  base: string
  workflow: Workflow<S, A>
  tags: string[]
  /** Response schema of a transition (usually the record's detail). */
  response: z.ZodType
  /** operationId prefix, e.g. 'lead' → leadActionFile. */
  operationId: string
  /** Runs the transition; `input` is the body without `version`. */
  run: (ctx: Ctx, id: string, action: A, input: Record<string, unknown>, version: number) => Promise<unknown>
}

/**
 * Registers one endpoint per workflow action, derived from the declaration:
 * `POST <base>/:id/actions/<action>` with the action's input + `version` as the body (visible in
 * OpenAPI with its own operationId), answering with the record after the transition.
 */
export function registerActionRoutes<S extends string, A extends string>(app: ZodApp, o: ActionRoutesOptions<S, A>): void {
  for (const action of o.workflow.actionList) {
    const def = o.workflow.actions[action]
    const description = [
      `流程操作“${def.label}”：允许的状态 ${def.from.map((s) => o.workflow.stateLabel(s)).join('、')}；`,
      `需要权限 ${def.permission.join(' 或 ')}（并在记录的数据范围内）。`,
      '请求体须携带记录当前的 version，过期的版本返回 409。',
    ].join('')
    app.post(
      `${o.base}/:id/actions/${action}`,
      {
        schema: {
          operationId: `${o.operationId}Action${pascal(action)}`,
          tags: o.tags,
          summary: `${o.workflow.label}：${def.label}`,
          description,
          params: IdParams,
          body: actionBody(o.workflow, action),
          response: { 200: o.response },
        },
      },
      (req) => {
        const { version, ...input } = req.body as { version: number } & Record<string, unknown>
        return o.run(req.ctx, req.params.id, action, input, version)
      },
    )
  }
}

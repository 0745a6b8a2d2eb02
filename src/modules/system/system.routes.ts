import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ping } from '../../core/db/dialect'
import type { DbHandle } from '../../core/db/database'

const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    demo: z.boolean().describe('演示安装（存在演示账号）'),
    database: z.object({ dialect: z.string(), reachable: z.boolean(), latencyMs: z.number() }),
    version: z.string(),
    time: z.string(),
  })
  .meta({ id: 'Health' })

/** Health and platform facts. /api/health is public so load balancers can probe it. */
export function systemRoutes({ handle }: { handle: DbHandle }): FastifyPluginAsyncZod {
  // Demo installations are the ones with demo accounts; checked at most once a minute.
  let demo: { value: boolean; at: number } | undefined
  const isDemo = async () => {
    if (!demo || Date.now() - demo.at > 60_000) {
      const row = await handle.db.selectFrom('appUser').select('id').where('isDemo', '=', 1).limit(1).executeTakeFirst()
      demo = { value: !!row, at: Date.now() }
    }
    return demo.value
  }
  return async (app) => {
    app.get(
      '/health',
      {
        config: { public: true },
        schema: { operationId: 'health', tags: ['系统'], summary: '健康检查（含数据库可达性）', security: [], response: { 200: Health, 503: Health } },
      },
      async (_req, reply) => {
        const t0 = performance.now()
        let reachable = true
        try {
          await ping(handle.db)
        } catch {
          reachable = false
        }
        const body = {
          status: reachable ? ('ok' as const) : ('degraded' as const),
          demo: reachable ? await isDemo().catch(() => false) : false,
          database: { dialect: handle.dialect, reachable, latencyMs: Math.round((performance.now() - t0) * 100) / 100 },
          version: '0.1.0',
          time: new Date().toISOString(),
        }
        return reply.code(reachable ? 200 : 503).send(body)
      },
    )
    // A no-op authenticated route: the benchmark's measure of what authentication costs.
    app.get(
      '/ping',
      { schema: { operationId: 'ping', tags: ['系统'], summary: '已登录的空操作（基准测试用）', response: { 200: z.object({ ok: z.literal(true) }) } } },
      async () => ({ ok: true as const }),
    )
  }
}

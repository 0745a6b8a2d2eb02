import { writeFileSync } from 'node:fs'
import { buildApp, openPlatform } from '../src/app'
import { configFrom } from '../src/core/config'

/** Deterministic JSON: object keys sorted at every level. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, sortKeys(x)]))
  return v
}

/** Builds the OpenAPI document from the zod schemas of every route (no server, in-memory database). */
export async function generateOpenApi(): Promise<string> {
  const s = await openPlatform(configFrom({ SQLITE_PATH: ':memory:', WEB_DIST: '/nonexistent' }), { migrate: true })
  try {
    const app = await buildApp(s)
    await app.ready()
    const doc = app.swagger()
    await app.close()
    return `${JSON.stringify(sortKeys(doc), null, 2)}\n`
  } finally {
    await s.handle.close()
  }
}

if (process.argv[1]?.endsWith('openapi.ts')) {
  const text = await generateOpenApi()
  writeFileSync('openapi.json', text)
  process.stdout.write(`openapi.json 已更新（${Object.keys((JSON.parse(text) as { paths: object }).paths).length} 个路径）\n`)
}

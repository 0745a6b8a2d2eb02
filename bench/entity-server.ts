/**
 * Serves an already populated database (BENCH_SQLITE_PATH or BENCH_DATABASE_URL) for the register
 * benchmark: no seeding, logging off, ephemeral port on 127.0.0.1. Prints `BENCH_READY {"port":…}`.
 * Exits on SIGTERM/SIGINT or when stdin (the parent's lifeline) closes.
 */
import { buildApp, openPlatform } from '../src/app'
import { configFrom } from '../src/core/config'

const sqlitePath = process.env.BENCH_SQLITE_PATH
const databaseUrl = process.env.BENCH_DATABASE_URL
if (!sqlitePath && !databaseUrl) throw new Error('bench/entity-server.ts: set BENCH_SQLITE_PATH or BENCH_DATABASE_URL')
const s = await openPlatform(
  configFrom({
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, PG_POOL_MAX: '20' } : { SQLITE_PATH: sqlitePath }),
    WEB_DIST: '/nonexistent',
    LOG_LEVEL: 'silent',
  }),
  { migrate: false },
)
const app = await buildApp(s)
let closing = false
async function shutdown() {
  if (closing) return
  closing = true
  await app.close().catch(() => undefined)
  await s.handle.close().catch(() => undefined)
  process.exit(0)
}
process.once('SIGTERM', () => void shutdown())
process.once('SIGINT', () => void shutdown())
process.stdin.on('end', () => void shutdown())
process.stdin.on('error', () => void shutdown())
process.stdin.resume()
await app.listen({ port: 0, host: '127.0.0.1' })
const addr = app.server.address()
process.stdout.write(`BENCH_READY ${JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 })}\n`)

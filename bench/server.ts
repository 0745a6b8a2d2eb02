/**
 * The platform under test, in its own process: opens a fresh database (BENCH_SQLITE_PATH or
 * BENCH_DATABASE_URL), migrates, loads the demo city plus enough extra users for a full page of
 * 20 (not with BENCH_KEPT=1: a kept, already populated database), and listens on an ephemeral port of 127.0.0.1 with logging off. Prints
 * `BENCH_READY {"port":…}` when ready. Exits on SIGTERM/SIGINT or when stdin closes (the
 * parent's lifeline), closing the database first.
 *
 *   node --import tsx bench/server.ts
 */
import { buildApp, openPlatform } from '../src/app'
import { configFrom } from '../src/core/config'
import { loadDemoCity } from '../src/demo/demo'

const sqlitePath = process.env.BENCH_SQLITE_PATH
const databaseUrl = process.env.BENCH_DATABASE_URL
if (!sqlitePath && !databaseUrl) throw new Error('bench/server.ts: set BENCH_SQLITE_PATH or BENCH_DATABASE_URL')
const extraUsers = Number(process.env.BENCH_EXTRA_USERS ?? '52')

const config = configFrom({
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { SQLITE_PATH: sqlitePath }),
  PG_POOL_MAX: process.env.BENCH_PG_POOL_MAX,
  // The public pages' per-IP limit: every bench request comes from 127.0.0.1 (bench/cases.ts raises it).
  RATE_LIMIT_PUBLIC_PER_MINUTE: process.env.BENCH_PUBLIC_PER_MINUTE,
  WEB_DIST: '/nonexistent',
  LOG_LEVEL: 'silent',
})
const s = await openPlatform(config, { migrate: true })
// BENCH_KEPT=1: a database a previous run populated and kept (bench/cases.ts --sqlite= / --pg-db=): migrate only.
const kept = process.env.BENCH_KEPT === '1'
if (!kept) await loadDemoCity(s)

// Demo users are 8; add ordinary staff so GET /api/users?pageSize=20 returns a full page.
const admin = await s.deps.db.selectFrom('appUser').select(['id', 'username', 'displayName']).where('username', '=', 'admin').executeTakeFirstOrThrow()
const ctx = { actor: await s.auth.actorFor(admin.id, admin.username, admin.displayName), requestId: 'bench-seed', ip: '127.0.0.1' }
const stations = (await s.org.listAll()).filter((u) => u.kind === 'station')
for (let i = 0; i < (kept ? 0 : extraUsers); i++) {
  const unit = stations[i % stations.length]!
  await s.users.createUser(ctx, {
    username: `staff${String(i + 1).padStart(3, '0')}`,
    displayName: `基准用户${i + 1}`,
    unitIds: [unit.id],
    password: `Bench#Staff-${i}-x`,
    phone: `1390391${String(i).padStart(4, '0')}`,
    grants: [{ role: 'credit_officer', unitId: unit.id, scope: 'unit' }],
  })
}

const app = await buildApp(s)
let closing = false
async function shutdown(code: number) {
  if (closing) return
  closing = true
  try {
    await app.close()
    await s.handle.close()
  } finally {
    process.exit(code)
  }
}
process.once('SIGTERM', () => void shutdown(0))
process.once('SIGINT', () => void shutdown(0))
process.stdin.on('end', () => void shutdown(0))
process.stdin.on('error', () => void shutdown(0))
process.stdin.resume()

await app.listen({ port: 0, host: '127.0.0.1' })
const addr = app.server.address()
const port = typeof addr === 'object' && addr ? addr.port : 0
const units = await s.org.count()
const users = await s.users.countUsers()
process.stdout.write(
  `BENCH_READY ${JSON.stringify({ port, dialect: s.handle.dialect, units, users, pgPoolMax: config.db.driver === 'postgres' ? config.db.poolMax : null })}\n`,
)

/**
 * `npx tsx bench/intake-queries.ts [--engine=postgres|sqlite] [--n=20]`: the statements one 12315
 * intake sends to the database, through the real HTTP layer (app.inject) on a fresh database with
 * the demo city — the round trips behind the PostgreSQL intake figure. Prints the statements of one
 * intake (after warm-up) and the mean count over `n` intakes sent one at a time. Copy it into
 * another checkout's bench/ to count that commit's (bench/ab.ts keeps the "before" worktree with
 * --keep).
 */
import pg from 'pg'
import { buildApp, openPlatform } from '../src/app'
import { configFrom } from '../src/core/config'
import { DEMO_PASSWORD, loadDemoCity } from '../src/demo/demo'
import { cleanupAll, createPgDatabase, DEFAULT_PG_ADMIN_URL, tempDir } from './lib'

const argv = process.argv.slice(2)
const arg = (k: string) => argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3)
const engine = arg('engine') ?? 'postgres'
const N = Number(arg('n') ?? 20)

let log: string[] | null = null
const short = (s: string) => s.replace(/\s+/g, ' ').slice(0, 160)
if (engine === 'postgres') {
  // Every statement the pool's clients send (text or named prepared statement).
  const proto = pg.Client.prototype as unknown as Record<string, (this: unknown, ...a: unknown[]) => unknown>
  const orig = proto.query!
  proto.query = function (this: unknown, ...a: unknown[]) {
    const q = a[0] as string | { text?: string; name?: string }
    if (log) log.push(short(typeof q === 'string' ? q : (q.text ?? q.name ?? '?')))
    return orig.apply(this, a)
  }
}

try {
  let env: Record<string, string | undefined>
  if (engine === 'postgres') {
    const db = await createPgDatabase(DEFAULT_PG_ADMIN_URL, 'iq')
    env = { DATABASE_URL: db.url, PG_POOL_MAX: '10' }
  } else {
    const dir = tempDir('jg-iq-')
    env = { SQLITE_PATH: `${dir.path}/p.db` }
  }
  const s = await openPlatform(configFrom({ ...env, WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent' }), { migrate: true })
  if (engine === 'sqlite') {
    // better-sqlite3: count statement executions on the connection's Statement prototype.
    const proto = Object.getPrototypeOf(s.handle.sqlite!.prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>
    for (const m of ['run', 'get', 'all', 'iterate']) {
      const orig = proto[m]!
      proto[m] = function (this: { source: string }, ...a: unknown[]) {
        if (log) log.push(short(this.source))
        return orig.apply(this, a)
      }
    }
  }
  await loadDemoCity(s)
  const app = await buildApp(s)
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'operator', password: DEMO_PASSWORD } })
  const cookie = String(login.headers['set-cookie']).split(';')[0]!
  const csrf = login.json<{ csrfToken: string }>().csrfToken
  let k = 0
  const intake = async () => {
    k++
    const r = await app.inject({
      method: 'POST',
      url: '/api/complaints',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: {
        types: ['complaint'],
        channel: 'hotline',
        category: 'price',
        productCode: '0203',
        summary: '药店口罩价格过高',
        request: '要求退还差价并查处哄抬价格行为',
        facts: '在解放区民主路一家药店购买一次性医用口罩，每只售价8元，比平时贵了数倍，店员称进价上涨。',
        persons: [{ name: '王测试', phone: `139${String(10_000_000 + k).slice(-8)}`, address: '焦作市解放区民主路1号' }],
        respondent: { name: `焦作市惠民大药房第${k}分店`, division: '410802', address: '焦作市解放区民主路2号' },
      },
    })
    if (r.statusCode !== 201) throw new Error(`intake ${r.statusCode} ${r.body.slice(0, 200)}`)
  }
  for (let i = 0; i < 5; i++) await intake()
  log = []
  await intake()
  process.stdout.write(`${engine}: one intake, ${log.length} statements\n${log.map((l, i) => `  ${i + 1}. ${l}`).join('\n')}\n`)
  log = []
  for (let i = 0; i < N; i++) await intake()
  process.stdout.write(`${engine}: mean over ${N} intakes: ${(log.length / N).toFixed(2)} statements per intake\n`)
  log = null
  await app.close()
  await s.handle.close()
} finally {
  await cleanupAll()
}

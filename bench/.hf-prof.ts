import { buildApp, openPlatform } from '../src/app'
import { configFrom } from '../src/core/config'
import { DEMO_PASSWORD } from '../src/demo/demo'
const s = await openPlatform(configFrom({ SQLITE_PATH: '/tmp/hF-cases.db', WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent' }), { migrate: false })
const app = await buildApp(s)
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'handler', password: DEMO_PASSWORD } })
const cookie = String(login.headers['set-cookie']).split(';')[0]!
const H = encodeURIComponent('宏达百货恒泰')
for (const url of ['/api/ping', '/api/cases?mine=1&open=1', `/api/public/penalties?q=${H}`, '/api/ping', '/api/cases?mine=1&open=1', `/api/public/penalties?q=${H}`]) {
  for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url, headers: { cookie } })
  const cpu0 = process.cpuUsage(); const t0 = performance.now()
  for (let i = 0; i < 100; i++) await app.inject({ method: 'GET', url, headers: { cookie } })
  const cpu = process.cpuUsage(cpu0)
  console.log(url, 'wall', ((performance.now() - t0) / 100).toFixed(2), 'ms; cpu', ((cpu.user + cpu.system) / 100 / 1000).toFixed(2), 'ms per request')
}
await app.close(); await s.handle.close()

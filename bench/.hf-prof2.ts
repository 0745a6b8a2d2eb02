import { buildApp, openPlatform } from '../src/app'
import { configFrom } from '../src/core/config'
import { DEMO_PASSWORD } from '../src/demo/demo'
const s = await openPlatform(configFrom({ SQLITE_PATH: '/tmp/hF-cases.db', WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent' }), { migrate: false })
const app = await buildApp(s)
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'handler', password: DEMO_PASSWORD } })
const cookie = String(login.headers['set-cookie']).split(';')[0]!
for (let i = 0; i < 400; i++) await app.inject({ method: 'GET', url: '/api/cases?mine=1&open=1', headers: { cookie } })
await app.close(); await s.handle.close()

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from './helpers'

describe('platform smoke', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
  })
  afterAll(async () => t?.close())

  it('reports the database in health', async () => {
    const r = await t.anon.get('/api/health')
    expect(r.status).toBe(200)
    expect(r.body.database).toMatchObject({ dialect: t.dialect, reachable: true })
  })

  it('logs in and reads the user list', async () => {
    const admin = await t.login('admin')
    const r = await admin.get('/api/users?pageSize=50')
    expect(r.status).toBe(200)
    expect(r.body.items.map((u: { username: string }) => u.username)).toContain('auditor')
  })
})

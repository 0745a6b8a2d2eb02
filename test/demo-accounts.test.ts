import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../web/src/auth/demoAccounts'
import { loadDemoInspections } from '../src/demo/inspections'
import { buildTestApp, type TestApp } from './helpers'

/** The login page's demo list names every account the demo loader creates, and only those. */
describe('demo login list', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
    await loadDemoInspections(t.s)
  }, 120_000)
  afterAll(async () => t?.close())

  it('includes every demo account', async () => {
    const users = await t.s.deps.db.selectFrom('appUser').select('username').where('isDemo', '=', 1).execute()
    expect(users.length).toBeGreaterThan(9)
    expect(DEMO_ACCOUNTS.map((a) => a.username).sort()).toEqual(users.map((u) => u.username).sort())
    expect(DEMO_ACCOUNTS.every((a) => a.label.length > 0)).toBe(true)
  })
})

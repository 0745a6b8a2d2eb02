import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, type TestApp } from '../../../test/helpers'
import { loadDemoEntities } from '../../demo/entities'

/**
 * The register list over HTTP at more than the old 10,000-row count cap: exact totals, keyset paging
 * through every row, and name search answering exactly what plain substring filtering answers
 * (one- and two-character queries too, which the n-gram index cannot answer alone).
 */
const ROWS = 10_200

describe('register list and name search over HTTP', () => {
  let t: TestApp
  let admin: Client
  let all: Array<{ id: string; name: string }>
  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
    await loadDemoEntities(t.s, ROWS)
    admin = await t.login('admin')
    all = await t.s.deps.db.selectFrom('marketEntity').select(['id', 'name']).execute()
  }, 180_000)
  afterAll(async () => t?.close())

  /** Every row of a search, following nextCursor; checks no row repeats. */
  async function pageAll(query: string, pageSize = 200): Promise<{ ids: string[]; names: string[]; total: number }> {
    const ids: string[] = []
    const names: string[] = []
    let after: string | null = null
    let total = -1
    for (let i = 0; i < 1000; i++) {
      const r = await admin.get(`/api/entities?${query}&pageSize=${pageSize}${after ? `&after=${after}` : ''}`)
      expect(r.status, JSON.stringify(r.body)).toBe(200)
      if (total < 0) total = r.body.total
      for (const e of r.body.items) {
        ids.push(e.id)
        names.push(e.name)
      }
      after = r.body.nextCursor
      if (!after) break
    }
    expect(new Set(ids).size).toBe(ids.length)
    return { ids, names, total }
  }

  it('shows the real size of the register (not capped at 10,000) and pages through all of it by cursor, in name order', async () => {
    expect(all.length).toBeGreaterThan(10_000)
    const first = await admin.get('/api/entities?pageSize=20')
    expect(first.body).toMatchObject({ total: all.length, totalCapped: false })
    expect(typeof first.body.nextCursor).toBe('string')
    const { ids, names, total } = await pageAll('x=1')
    expect(total).toBe(all.length)
    expect(new Set(ids)).toEqual(new Set(all.map((r) => r.id)))
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    expect(names.filter((n, i) => n !== sorted[i]).length).toBe(0)
    // A page number past the old cap answers too (an offset jump).
    const deep = await admin.get(`/api/entities?pageSize=20&page=${Math.ceil(all.length / 20)}`)
    expect(deep.body.items.length).toBe(all.length % 20 || 20)
    expect(deep.body.nextCursor).toBeNull()
  })

  it('name search returns exactly the rows whose name contains the text — 1, 2, 3 and 5 characters, none, wildcards', async () => {
    const sample = all
      .slice(0, 400)
      .filter((_, i) => i % 100 === 7)
      .map((r) => r.name.slice(3, 8))
    for (const q of ['市', '超', '超市', '锅炉', '烩面馆', '有限公司', ...sample, '不存在的名称', '%', '_', '超%市']) {
      const expected = all.filter((r) => r.name.includes(q)).map((r) => r.id)
      const got = await pageAll(`name=${encodeURIComponent(q)}`)
      // Substring searches count up to 10,000 (then totalCapped); the cursor still reads every match.
      expect(got.total, q).toBe(Math.min(expected.length, 10_000))
      expect(got.ids.length, q).toBe(expected.length)
      expect(new Set(got.ids), q).toEqual(new Set(expected))
    }
  })

  it('refuses a cursor that is not one (400, zh-CN), changing nothing', async () => {
    const r = await admin.get(`/api/entities?after=${Buffer.from('{"x":1}').toString('base64url')}`)
    expect(r.status).toBe(400)
    expect(r.body.error.message).toContain('翻页游标无效')
    const bad = await admin.get('/api/entities?after=not%20base64')
    expect(bad.status).toBe(400)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../../test/helpers'
import { preparedQuery } from './prepared'

describe('preparedQuery (compiled once, new values each call)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
  })
  afterAll(() => t?.close())

  it('binds each call’s own values and maps columns like the builder does', async () => {
    const db = t.s.deps.db
    const byCode = preparedQuery(db, 2, (d, code: string, kind: string) =>
      d.selectFrom('orgUnit').select(['id', 'code', 'parentId']).where('code', '=', code).where('kind', '=', kind))
    for (const [code, kind] of [['JZ', 'city_bureau'], ['JZ-410802', 'district_bureau'], ['JZ-410802', 'city_bureau'], ['JZ-410811-S01', 'station']] as const) {
      const direct = await db.selectFrom('orgUnit').select(['id', 'code', 'parentId']).where('code', '=', code).where('kind', '=', kind).execute()
      expect(await byCode(code, kind)).toEqual(direct)
    }
    // Camel-cased keys come back as with the builder, and a miss is an empty list.
    expect(Object.keys((await byCode('JZ', 'city_bureau'))[0]!)).toEqual(['id', 'code', 'parentId'])
    expect(await byCode('nope', 'station')).toEqual([])
  })

  it('keeps constants of the builder and refuses an argument that is not a bound parameter', async () => {
    const db = t.s.deps.db
    const stations = preparedQuery(db, 1, (d, code: string) => d.selectFrom('orgUnit').select('code').where('kind', '=', 'station').where('code', 'like', code))
    const rows = await stations('JZ-410802-%')
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.code.startsWith('JZ-410802-S'))).toBe(true)
    const bad = preparedQuery(db, 1, (d, _unused: string) => d.selectFrom('orgUnit').select('id'))
    await expect(bad('x')).rejects.toThrow(/not bound/)
  })
})

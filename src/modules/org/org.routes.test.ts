import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRecords, buildTestApp, createActiveUser, expectError, expectOk, type Client, type TestApp, unitId } from '../../../test/helpers'
import { childDivisions } from './divisions'

describe('org: unit tree, jurisdiction, competent unit, moves and scope', () => {
  let t: TestApp
  let admin: Client
  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
    admin = await t.login('admin')
  })
  afterAll(async () => t?.close())

  const unitRow = (code: string) => t.s.deps.db.selectFrom('orgUnit').selectAll().where('code', '=', code).executeTakeFirst()
  const claimsOf = async (id: string) =>
    (await t.s.deps.db.selectFrom('orgUnitDivision').select('divisionCode').where('unitId', '=', id).orderBy('divisionCode').execute()).map(
      (r) => r.divisionCode,
    )

  describe('creation rules', () => {
    it('creates a station under a district bureau with its jurisdiction, and audits it', async () => {
      const parentId = await unitId(t, 'JZ-410802')
      const r = await admin.post('/api/org/units', { parentId, code: 'T-410802-S99', name: '测试市场监管所', kind: 'station', divisionCodes: [] })
      expectOk(r, 201)
      expect(r.body).toMatchObject({ parentId, code: 'T-410802-S99', kind: 'station', kindLabel: '市场监管所', depth: 2, version: 1, active: true })
      const row = await unitRow('T-410802-S99')
      const parent = await unitRow('JZ-410802')
      expect(row?.path).toBe(`${parent!.path}${row!.id}/`)
      const audit = await auditRecords(t, { action: 'org.unit.create', targetId: row!.id })
      expect(audit).toHaveLength(1)
      expect(JSON.parse(audit[0]!.afterJson!)).toMatchObject({ code: 'T-410802-S99', parentId })
    })

    it('refuses a station under a department (400, nothing created)', async () => {
      const r = await admin.post('/api/org/units', { parentId: await unitId(t, 'JZ-410802-XB'), code: 'T-BAD-1', name: '科室下的所', kind: 'station' })
      expectError(r, 400, 'VALIDATION', '内设科室下不能设立市场监管所')
      expect(await unitRow('T-BAD-1')).toBeUndefined()
    })

    it('refuses a department with divisions (400, nothing created)', async () => {
      const r = await admin.post('/api/org/units', {
        parentId: await unitId(t, 'JZ-410802'),
        code: 'T-BAD-2',
        name: '有辖区的科室',
        kind: 'department',
        divisionCodes: ['410802'],
      })
      expectError(r, 400, 'VALIDATION', '内设科室没有属地管辖范围，不能设置行政区划')
      expect(await unitRow('T-BAD-2')).toBeUndefined()
    })

    it('refuses a division code that another unit already holds (409) and an unknown code (400)', async () => {
      const s01 = await unitId(t, 'JZ-410802-S01')
      const street = (await claimsOf(s01))[0]!
      const parentId = await unitId(t, 'JZ-410802')
      const taken = await admin.post('/api/org/units', { parentId, code: 'T-BAD-3', name: '抢辖区的所', kind: 'station', divisionCodes: [street] })
      expectError(taken, 409, 'CONFLICT', new RegExp(`^行政区划 ${street} 已属于 .*市场监管所$`))
      expect(await unitRow('T-BAD-3')).toBeUndefined()
      expect(await claimsOf(s01)).toContain(street)

      const unknown = await admin.post('/api/org/units', { parentId, code: 'T-BAD-4', name: '假辖区的所', kind: 'station', divisionCodes: ['419999'] })
      expectError(unknown, 400, 'VALIDATION', '行政区划代码不存在：419999')
      expect(await unitRow('T-BAD-4')).toBeUndefined()

      // The same rule on update: S02 cannot take S01's street.
      const s02 = await admin.get(`/api/org/units/${await unitId(t, 'JZ-410802-S02')}`)
      const r = await admin.patch(`/api/org/units/${s02.body.id}`, { expectedVersion: s02.body.version, divisionCodes: [street] })
      expectError(r, 409, 'CONFLICT', new RegExp(`^行政区划 ${street} 已属于`))
      expect(await claimsOf(s02.body.id)).toEqual(s02.body.divisions.map((d: { code: string }) => d.code).sort())
      expect((await unitRow('JZ-410802-S02'))!.version).toBe(s02.body.version)
    })
  })

  describe('competent-unit lookup', () => {
    it('finds the station for its street, the district for a county code, the city for 410800, nobody outside Jiaozuo', async () => {
      const s01 = await unitId(t, 'JZ-410802-S01')
      const street = (await claimsOf(s01))[0]!
      const cases: Array<[string, string | null, string | null]> = [
        [street, 'JZ-410802-S01', street],
        ['410802', 'JZ-410802', '410802'],
        ['410800', 'JZ', '410800'],
        ['110101', null, null],
      ]
      for (const [division, code, matched] of cases) {
        const r = await admin.get(`/api/org/competent-unit?division=${division}`)
        expectOk(r)
        expect(r.body.unit?.code ?? null).toBe(code)
        expect(r.body.matchedCode).toBe(matched)
      }
      // A 12-digit village code resolves through its street.
      const village = await admin.get(`/api/org/competent-unit?division=${street}001`)
      expect(village.body).toMatchObject({ unit: { code: 'JZ-410802-S01' }, matchedCode: street })
      // Every street of 解放区 has a competent station.
      for (const d of childDivisions('410802')) {
        const r = await admin.get(`/api/org/competent-unit?division=${d.code}`)
        expect(r.body.unit.code, d.code).toMatch(/^JZ-410802-S\d\d$/)
      }
      const r = await admin.get('/api/org/competent-unit?division=110101')
      expect(r.body.division).toMatchObject({ code: '110101', name: '东城区' })
      expectError(await admin.get('/api/org/competent-unit?division=4108'), 400, 'VALIDATION', /行政区划代码应为 6、9 或 12 位数字/)
    })

    it('skips an inactive station: its streets fall back to the district bureau', async () => {
      const s = await admin.get(`/api/org/units/${await unitId(t, 'JZ-410804-S01')}`)
      const street = s.body.divisions[0].code
      expect((await admin.get(`/api/org/competent-unit?division=${street}`)).body.unit.code).toBe('JZ-410804-S01')
      expectOk(await admin.patch(`/api/org/units/${s.body.id}`, { expectedVersion: s.body.version, active: false }))
      expect((await unitRow('JZ-410804-S01'))!.active).toBe(0)
      const r = await admin.get(`/api/org/competent-unit?division=${street}`)
      expect(r.body).toMatchObject({ unit: { code: 'JZ-410804' }, matchedCode: '410804' })
    })
  })

  describe('moves', () => {
    it('re-paths the whole subtree: a user scoped unit_tree at the old parent no longer sees it, one at the new parent does', async () => {
      const oldCity = await admin.post('/api/org/units', { parentId: null, code: 'T-CITY-A', name: '甲市市场监督管理局', kind: 'city_bureau' })
      const newCity = await admin.post('/api/org/units', { parentId: null, code: 'T-CITY-B', name: '乙市市场监督管理局', kind: 'city_bureau' })
      const district = await admin.post('/api/org/units', { parentId: oldCity.body.id, code: 'T-DIST', name: '丙区市场监督管理局', kind: 'district_bureau' })
      const station = await admin.post('/api/org/units', { parentId: district.body.id, code: 'T-DIST-S1', name: '丁市场监管所', kind: 'station' })
      for (const r of [oldCity, newCity, district, station]) expectOk(r, 201)

      const watcherA = await createActiveUser(admin, t, { unitCode: 'T-CITY-A', grants: [{ role: 'bureau_leader', unitCode: 'T-CITY-A', scope: 'unit_tree' }] })
      const watcherB = await createActiveUser(admin, t, { unitCode: 'T-CITY-B', grants: [{ role: 'bureau_leader', unitCode: 'T-CITY-B', scope: 'unit_tree' }] })
      const codes = async (c: Client) => (await c.get('/api/org/units')).body.items.map((u: { code: string }) => u.code).sort()
      expect(await codes(watcherA.client)).toEqual(['T-CITY-A', 'T-DIST', 'T-DIST-S1'])
      expect(await codes(watcherB.client)).toEqual(['T-CITY-B'])

      const moved = await admin.patch(`/api/org/units/${district.body.id}`, { expectedVersion: 1, parentId: newCity.body.id })
      expectOk(moved)
      expect(moved.body).toMatchObject({ parentId: newCity.body.id, version: 2, depth: 1 })

      const b = await unitRow('T-CITY-B')
      const d = await unitRow('T-DIST')
      const s = await unitRow('T-DIST-S1')
      expect(d!.path).toBe(`${b!.path}${d!.id}/`)
      expect(s!.path).toBe(`${b!.path}${d!.id}/${s!.id}/`)
      expect(s!.depth).toBe(2)

      expect(await codes(watcherA.client)).toEqual(['T-CITY-A'])
      expectError(await watcherA.client.get(`/api/org/units/${station.body.id}`), 404, 'NOT_FOUND', `机构“${station.body.id}”不存在`)
      expect(await codes(watcherB.client)).toEqual(['T-CITY-B', 'T-DIST', 'T-DIST-S1'])
      expectOk(await watcherB.client.get(`/api/org/units/${station.body.id}`))

      const audit = await auditRecords(t, { action: 'org.unit.update', targetId: district.body.id })
      expect(audit).toHaveLength(1)
      expect(JSON.parse(audit[0]!.beforeJson!).parentId).toBe(oldCity.body.id)
      expect(JSON.parse(audit[0]!.afterJson!).parentId).toBe(newCity.body.id)
    })

    it('refuses moving a unit under its own subtree or under a kind that cannot hold it', async () => {
      const jf = await admin.get(`/api/org/units/${await unitId(t, 'JZ-410802')}`)
      const intoOwn = await admin.patch(`/api/org/units/${jf.body.id}`, { expectedVersion: jf.body.version, parentId: await unitId(t, 'JZ-410802-S01') })
      expectError(intoOwn, 400, 'VALIDATION', '不能把机构移到它自己的下级机构之下')
      const underDept = await admin.patch(`/api/org/units/${await unitId(t, 'JZ-410802-S02')}`, { expectedVersion: 1, parentId: await unitId(t, 'JZ-12315') })
      expectError(underDept, 400, 'VALIDATION', '内设科室下不能设立市场监管所')
      expect((await unitRow('JZ-410802'))!.parentId).toBe(await unitId(t, 'JZ'))
      expect((await unitRow('JZ-410802-S02'))!.parentId).toBe(jf.body.id)
    })
  })

  describe('optimistic locking', () => {
    it('refuses a stale expectedVersion with 409 and keeps the first change', async () => {
      const id = await unitId(t, 'JZ-410803-S01')
      const v = (await admin.get(`/api/org/units/${id}`)).body.version
      expectOk(await admin.patch(`/api/org/units/${id}`, { expectedVersion: v, address: '焦作市中站区测试路 1 号' }))
      const stale = await admin.patch(`/api/org/units/${id}`, { expectedVersion: v, address: '过期的地址' })
      expectError(stale, 409, 'CONFLICT', '该机构已被他人修改，请刷新后重试')
      const after = await admin.get(`/api/org/units/${id}`)
      expect(after.body).toMatchObject({ address: '焦作市中站区测试路 1 号', version: v + 1 })
    })
  })

  describe('scope', () => {
    it('lists only 解放区 units to jfadmin', async () => {
      const jf = await t.login('jfadmin')
      const r = await jf.get('/api/org/units')
      expectOk(r)
      const codes: string[] = r.body.items.map((u: { code: string }) => u.code)
      expect(codes).toContain('JZ-410802')
      expect(codes).toContain('JZ-410802-S01')
      expect(codes.every((c) => c.startsWith('JZ-410802') || c.startsWith('T-410802'))).toBe(true)
      const jfRoot = await unitRow('JZ-410802')
      const inTree = await t.s.deps.db.selectFrom('orgUnit').select('code').where('path', 'like', `${jfRoot!.path}%`).execute()
      expect(codes.sort()).toEqual(inTree.map((u) => u.code).sort())
    })

    it('answers 404 (not 403) for another district or the city, for reads and writes', async () => {
      const jf = await t.login('jfadmin')
      for (const code of ['JZ-410803', 'JZ-410803-S01', 'JZ']) {
        const id = await unitId(t, code)
        expectError(await jf.get(`/api/org/units/${id}`), 404, 'NOT_FOUND', `机构“${id}”不存在`)
        const before = await unitRow(code)
        expectError(await jf.patch(`/api/org/units/${id}`, { expectedVersion: before!.version, name: '越界修改' }), 404, 'NOT_FOUND', `机构“${id}”不存在`)
        expect((await unitRow(code))!.name).toBe(before!.name)
      }
      // A made-up id looks exactly the same.
      const ghost = '0190c0de-0000-7000-8000-000000000000'
      expectError(await jf.get(`/api/org/units/${ghost}`), 404, 'NOT_FOUND', `机构“${ghost}”不存在`)
    })

    it('refuses jfadmin creating a unit outside 解放区 (403)', async () => {
      const jf = await t.login('jfadmin')
      const r = await jf.post('/api/org/units', { parentId: await unitId(t, 'JZ-410803'), code: 'T-BAD-5', name: '越界新所', kind: 'station' })
      expectError(r, 403, 'FORBIDDEN', '不能在您的管理范围之外新建机构')
      expect(await unitRow('T-BAD-5')).toBeUndefined()
    })
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRecords, buildTestApp, createUser, expectError, expectOk, uniqueName, unitId, userId, type Client, type TestApp } from '../../../test/helpers'
import { separationProblem } from './access.domain'

/*
 * 三员分立 through HTTP: account administration (user.manage), audit and business roles never meet
 * on one account, and nobody changes their own grants. A district admin once made themselves a
 * bureau leader and read complainants' ID numbers; the city admin made themselves an auditor.
 */

describe('three-administrator separation (三员分立)', () => {
  let t: TestApp
  let admin: Client, jfadmin: Client
  let jf: string, city: string
  const grantsOf = async (id: string) =>
    (await t.s.deps.db.selectFrom('roleGrant').select(['role', 'scope']).where('userId', '=', id).orderBy('role').execute()).map((g) => `${g.role}/${g.scope}`)

  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
    admin = await t.login('admin')
    jfadmin = await t.login('jfadmin')
    jf = await unitId(t, 'JZ-410802')
    city = await unitId(t, 'JZ')
  })
  afterAll(async () => {
    await t?.close()
  })

  it('no self-grants: the city admin cannot make themselves an auditor, the district admin cannot make themselves a bureau leader', async () => {
    const adminId = await userId(t, 'admin')
    const before = await grantsOf(adminId)
    const r = await admin.put(`/api/users/${adminId}/grants`, {
      grants: [
        { role: 'sys_admin', unitId: city, scope: 'all' },
        { role: 'auditor', unitId: city, scope: 'all' },
      ],
    })
    expectError(r, 403, 'FORBIDDEN', '不能修改自己的授权，请由其他管理员办理')
    expect(await grantsOf(adminId)).toEqual(before)
    // Not even a swap to the other duty alone.
    expectError(await admin.put(`/api/users/${adminId}/grants`, { grants: [{ role: 'auditor', unitId: city, scope: 'all' }] }), 403, 'FORBIDDEN')
    expect(await grantsOf(adminId)).toEqual(before)

    const jfId = await userId(t, 'jfadmin')
    const jfBefore = await grantsOf(jfId)
    expectError(
      await jfadmin.put(`/api/users/${jfId}/grants`, {
        grants: [
          { role: 'sys_admin', unitId: jf, scope: 'unit_tree' },
          { role: 'bureau_leader', unitId: jf, scope: 'unit_tree' },
        ],
      }),
      403,
      'FORBIDDEN',
    )
    expect(await grantsOf(jfId)).toEqual(jfBefore)
    // The auditor sees the attempt nowhere as a change.
    expect((await auditRecords(t, { action: 'user.grants.set', targetId: jfId })).length).toBe(0)
  })

  it('an admin cannot give an account that administers accounts a business or audit role', async () => {
    const jfId = await userId(t, 'jfadmin')
    const before = await grantsOf(jfId)
    for (const extra of [
      { role: 'bureau_leader', unitId: jf, scope: 'unit_tree' },
      { role: 'auditor', unitId: city, scope: 'all' },
      { role: 'case_handler', unitId: jf, scope: 'unit' },
    ]) {
      const r = await admin.put(`/api/users/${jfId}/grants`, { grants: [{ role: 'sys_admin', unitId: jf, scope: 'unit_tree' }, extra] })
      expectError(r, 403, 'FORBIDDEN', /^三员分立：用户管理角色（系统管理员）与(业务|审计)角色/)
    }
    expect(await grantsOf(jfId)).toEqual(before)
  })

  it('nor give account administration to an account holding a business or audit role, nor mix audit and business', async () => {
    const leaderId = await userId(t, 'leader')
    const auditorId = await userId(t, 'auditor')
    const leaderBefore = await grantsOf(leaderId)
    expectError(
      await admin.put(`/api/users/${leaderId}/grants`, {
        grants: [
          { role: 'bureau_leader', unitId: city, scope: 'all' },
          { role: 'sys_admin', unitId: city, scope: 'unit' },
        ],
      }),
      403,
      'FORBIDDEN',
      '三员分立：用户管理角色（系统管理员）与业务角色（局领导）不能授予同一账号',
    )
    expectError(
      await admin.put(`/api/users/${auditorId}/grants`, {
        grants: [
          { role: 'auditor', unitId: city, scope: 'all' },
          { role: 'sys_admin', unitId: city, scope: 'all' },
        ],
      }),
      403,
      'FORBIDDEN',
      '三员分立：用户管理角色（系统管理员）与审计角色（安全审计员）不能授予同一账号',
    )
    expectError(
      await admin.put(`/api/users/${auditorId}/grants`, {
        grants: [
          { role: 'auditor', unitId: city, scope: 'all' },
          { role: 'bureau_leader', unitId: city, scope: 'all' },
        ],
      }),
      403,
      'FORBIDDEN',
      '三员分立：审计角色（安全审计员）与业务角色（局领导）不能授予同一账号',
    )
    expect(await grantsOf(leaderId)).toEqual(leaderBefore)

    // A new account is held to the same rule, and nothing is created.
    const username = uniqueName('mix')
    const r = await admin.post('/api/users', {
      username,
      displayName: '混合角色',
      unitIds: [jf],
      grants: [
        { role: 'sys_admin', unitId: jf, scope: 'unit_tree' },
        { role: 'case_handler', unitId: jf, scope: 'unit_tree' },
      ],
    })
    expectError(r, 403, 'FORBIDDEN', /^三员分立/)
    expect(await t.s.deps.db.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirst()).toBeUndefined()
  })

  it('positive control: business roles combine, and an account may move from one duty to another when someone else does it', async () => {
    const { user } = await createUser(admin, t, { unitCode: 'JZ-410802', grants: [{ role: 'case_handler', unitCode: 'JZ-410802', scope: 'unit_tree' }] })
    expectOk(
      await admin.put(`/api/users/${user.id}/grants`, {
        grants: [
          { role: 'case_handler', unitId: jf, scope: 'unit_tree' },
          { role: 'credit_officer', unitId: jf, scope: 'unit_tree' },
        ],
      }),
    )
    expectOk(await admin.put(`/api/users/${user.id}/grants`, { grants: [{ role: 'sys_admin', unitId: jf, scope: 'unit_tree' }] }))
    expect(await grantsOf(user.id)).toEqual(['sys_admin/unit_tree'])
  })

  it('every demo account keeps to one duty', async () => {
    const rows = await t.s.deps.db
      .selectFrom('roleGrant')
      .innerJoin('appUser', 'appUser.id', 'roleGrant.userId')
      .select(['appUser.username', 'roleGrant.role'])
      .where('appUser.isDemo', '=', 1)
      .execute()
    const byUser = new Map<string, string[]>()
    for (const r of rows) byUser.set(r.username, [...(byUser.get(r.username) ?? []), r.role])
    expect(byUser.size).toBeGreaterThanOrEqual(9)
    const mixed = [...byUser].filter(([, roles]) => separationProblem(roles) !== null).map(([u]) => u)
    expect(mixed).toEqual([])
  })
})

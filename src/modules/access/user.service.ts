import { assertCan, can, inScope, unitPathInScope, type Ctx, type DataScope, type ScopeSet } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Executor } from '../../core/db/database'
import { escapeLike, likeEscaped, toBool } from '../../core/db/dialect'
import { conflict, forbidden, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import { maskEmail, maskPhone } from '../../core/mask'
import { offsetOf } from '../../core/pagination'
import type { AuditService } from '../audit'
import type { OrgService } from '../org'
import { DATA_SCOPE_LABEL, mayGrant, passwordProblems, roleRequiresCertificate, ROLES, separationProblem, type RoleCode } from './access.domain'
import { createAccessRepo, type UserRow } from './access.repo'
import type { CreateUser, Grant, UpdateUser, User } from './access.schema'
import { generatePassword, hashPassword } from './password'

type UnitRef = Awaited<ReturnType<ReturnType<typeof createAccessRepo>['unitsOf']>>[number]
type GrantRef = Awaited<ReturnType<ReturnType<typeof createAccessRepo>['grantsOf']>>[number]

/** Users, their units and their role grants (用户、所属机构与授权). */
export function createUserService({
  db,
  dialect,
  clock,
  config,
  audit,
  org,
  onAccessChange = () => {},
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock' | 'config'> & {
  audit: AuditService
  org: Pick<OrgService, 'findById'>
  onAccessChange?: (userId?: string) => void
}) {
  const repo = createAccessRepo()

  function present(u: UserRow, units: UnitRef[], grants: GrantRef[], reveal: boolean): User {
    const now = clock.now().getTime()
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      status: u.status as User['status'],
      locked: !!u.lockedUntil && Date.parse(u.lockedUntil) > now,
      mustChangePassword: toBool(u.mustChangePassword),
      phone: reveal ? u.phone : maskPhone(u.phone),
      email: reveal ? u.email : maskEmail(u.email),
      certNo: u.certNo,
      isDemo: toBool(u.isDemo),
      units: units.map((x) => ({ id: x.unitId, name: x.name, isPrimary: toBool(x.isPrimary) })),
      grants: grants.map((g) => ({
        id: g.id,
        role: g.role as RoleCode,
        unitId: g.unitId,
        scope: g.scope as DataScope,
        roleLabel: ROLES[g.role as RoleCode]?.label ?? g.role,
        unitName: g.unitName,
        scopeLabel: DATA_SCOPE_LABEL[g.scope as DataScope] ?? g.scope,
      })),
      lastLoginAt: u.lastLoginAt,
      version: u.version,
      createdAt: u.createdAt,
      updatedAt: u.updatedAt,
    }
  }

  async function presentMany(exec: Executor, rows: UserRow[], reveal = false): Promise<User[]> {
    const ids = rows.map((r) => r.id)
    const [units, grants] = await Promise.all([repo.unitsOf(exec, ids), repo.grantsOf(exec, ids)])
    return rows.map((r) =>
      present(
        r,
        units.filter((u) => u.userId === r.id),
        grants.filter((g) => g.userId === r.id),
        reveal,
      ),
    )
  }

  /** Loads a user the actor may see under `permission`; out-of-scope looks like missing. */
  async function loadVisible(exec: Executor, ctx: Ctx, permission: string, id: string): Promise<{ user: UserRow; scope: ScopeSet; units: UnitRef[] }> {
    const scope = assertCan(ctx.actor, permission)
    const user = await repo.findUserById(exec, id)
    if (!user) throw notFound('用户', id)
    const units = await repo.unitsOf(exec, [id])
    const visible = scope.all || units.some((u) => unitPathInScope(scope, u.unitId, u.path)) || (scope.self && ctx.actor.userId === id)
    if (!visible) throw notFound('用户', id)
    return { user, scope, units }
  }

  /**
   * Changing an account (edit, disable, unlock, reset) is only for accounts whose every grant the
   * actor could have granted: a district admin must not act on a city-wide admin who also belongs
   * to the district.
   */
  async function assertWithinReach(exec: Executor, scope: ScopeSet, id: string, what: string) {
    const beyond = (await repo.grantsOf(exec, [id])).find((g) => !mayGrant(scope, g.unitId, g.unitPath, g.scope as DataScope))
    if (beyond) throw forbidden(`不能${what}权限超出您管理范围的用户（${ROLES[beyond.role as RoleCode]?.label ?? beyond.role}，${beyond.unitName}）`)
  }

  async function listUsers(ctx: Ctx, q: { q?: string; unitId?: string; status?: string; role?: string; page: number; pageSize: number }) {
    const scope = assertCan(ctx.actor, 'user.read')
    let base = db.selectFrom('appUser').where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('userUnit')
            .select('userUnit.userId')
            .whereRef('userUnit.userId', '=', 'appUser.id')
            .where((e2) => inScope(e2, scope, ctx.actor, 'user_unit.unit_id')),
        ),
        ...(scope.self && ctx.actor.userId ? [eb('appUser.id', '=', ctx.actor.userId)] : []),
      ]),
    )
    if (q.q) {
      const p = `%${escapeLike(q.q)}%`
      base = base.where((eb) => eb.or([likeEscaped(dialect, 'app_user.username', p), likeEscaped(dialect, 'app_user.display_name', p)]))
    }
    if (q.status) base = base.where('status', '=', q.status)
    if (q.unitId)
      base = base.where((eb) =>
        eb.exists(eb.selectFrom('userUnit').select('userUnit.userId').whereRef('userUnit.userId', '=', 'appUser.id').where('userUnit.unitId', '=', q.unitId!)),
      )
    if (q.role)
      base = base.where((eb) =>
        eb.exists(eb.selectFrom('roleGrant').select('roleGrant.id').whereRef('roleGrant.userId', '=', 'appUser.id').where('roleGrant.role', '=', q.role!)),
      )
    const [rows, count] = await Promise.all([
      base.selectAll('appUser').orderBy('appUser.username').limit(q.pageSize).offset(offsetOf(q)).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items: await presentMany(db, rows), total: Number(count.n), page: q.page, pageSize: q.pageSize }
  }

  /** Reveal shows phone/email in clear: needs personal_data.view and is itself audited. */
  async function getUser(ctx: Ctx, id: string, reveal = false): Promise<User> {
    const { user } = await loadVisible(db, ctx, 'user.read', id)
    if (reveal) {
      if (!can(ctx.actor, 'personal_data.view')) throw forbidden('没有查看个人信息明文的权限')
      await audit.recordView(ctx, {
        action: 'user.personal_data.view',
        targetType: 'user',
        targetId: id,
        targetLabel: user.username,
        fields: ['phone', 'email'],
      })
    }
    return (await presentMany(db, [user], reveal))[0]!
  }

  async function checkUnits(exec: Executor, scope: ScopeSet, unitIds: string[]) {
    const unique = [...new Set(unitIds)]
    for (const id of unique) {
      const u = await org.findById(id, exec)
      if (!u) throw validation(`机构“${id}”不存在`)
      if (!unitPathInScope(scope, u.id, u.path)) throw forbidden(`不能把用户分配到您管理范围之外的机构（${u.name}）`)
    }
    return unique
  }

  /** @throws FORBIDDEN when the grants mix account administration, audit and business roles (三员分立). */
  function assertSeparation(grants: ReadonlyArray<{ role: string }>) {
    const problem = separationProblem(grants.map((g) => g.role))
    if (problem) throw forbidden(problem)
  }

  async function checkGrants(exec: Executor, scope: ScopeSet, grants: Grant[], certNo: string | null | undefined) {
    const seen = new Set<string>()
    const out: Array<Grant & { id: string; createdAt: string }> = []
    for (const g of grants) {
      const key = `${g.role}|${g.unitId}`
      if (seen.has(key)) throw validation('同一机构下不能重复授予同一角色')
      seen.add(key)
      const unit = await org.findById(g.unitId, exec)
      if (!unit) throw validation(`机构“${g.unitId}”不存在`)
      if (!mayGrant(scope, unit.id, unit.path, g.scope))
        throw forbidden(`不能授予超出您管理范围的权限（${ROLES[g.role].label}，${unit.name}，${DATA_SCOPE_LABEL[g.scope]}）`)
      if (roleRequiresCertificate(g.role) && !certNo) throw validation('授予“执法检查人员”角色前须填写执法证号')
      out.push({ ...g, id: newId(), createdAt: clock.now().toISOString() })
    }
    return out
  }

  /** Creates a user; without a password, a one-time initial password is generated and returned once. */
  async function createUser(ctx: Ctx, input: CreateUser): Promise<{ user: User; initialPassword: string | null }> {
    const scope = assertCan(ctx.actor, 'user.manage')
    if (input.password) {
      const problems = passwordProblems(input.password, input.username)
      if (problems.length > 0) throw validation(problems.join('；'), { problems })
    }
    const initialPassword = input.password ? null : generatePassword()
    const passwordHash = await hashPassword(input.password ?? initialPassword!)
    const id = newId()
    const now = clock.now().toISOString()
    await db.transaction().execute(async (trx) => {
      if (await repo.findUserByUsername(trx, input.username)) throw conflict(`用户名“${input.username}”已被使用`)
      const unitIds = await checkUnits(trx, scope, input.unitIds)
      const grants = await checkGrants(trx, scope, input.grants ?? [], input.certNo)
      assertSeparation(grants)
      const row = {
        id,
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        status: 'active',
        mustChangePassword: 1,
        failedLogins: 0,
        lockedUntil: null,
        passwordChangedAt: now,
        lastLoginAt: null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        certNo: input.certNo ?? null,
        isDemo: 0,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }
      await repo.insertUser(trx, row)
      await repo.replaceUnits(trx, id, unitIds)
      await repo.replaceGrants(trx, id, grants)
      await audit.record(trx, ctx, {
        action: 'user.create',
        targetType: 'user',
        targetId: id,
        targetLabel: `${input.displayName}（${input.username}）`,
        unitId: unitIds[0],
        after: {
          ...row,
          phone: maskPhone(row.phone),
          email: maskEmail(row.email),
          unitIds,
          grants: grants.map(({ role, unitId, scope: s }) => ({ role, unitId, scope: s })),
        },
      })
    })
    const user = (await presentMany(db, [(await repo.findUserById(db, id))!]))[0]!
    return { user, initialPassword }
  }

  /** @throws CONFLICT when `expectedVersion` is stale. */
  async function updateUser(ctx: Ctx, id: string, input: UpdateUser): Promise<User> {
    await db.transaction().execute(async (trx) => {
      const { user, scope, units } = await loadVisible(trx, ctx, 'user.manage', id)
      await assertWithinReach(trx, scope, id, '修改')
      const patch: Partial<UserRow> = { updatedAt: clock.now().toISOString(), version: input.expectedVersion + 1 }
      if (input.displayName !== undefined) patch.displayName = input.displayName
      if (input.phone !== undefined) patch.phone = input.phone
      if (input.email !== undefined) patch.email = input.email
      if (input.certNo !== undefined) {
        if (!input.certNo) {
          const grants = await repo.grantsOf(trx, [id])
          if (grants.some((g) => roleRequiresCertificate(g.role as RoleCode))) throw validation('该用户持有“执法检查人员”角色，执法证号不能清空')
        }
        patch.certNo = input.certNo
      }
      const ok = await repo.updateUser(trx, id, patch, input.expectedVersion)
      if (!ok) throw conflict('该用户已被他人修改，请刷新后重试')
      let unitIds = units.map((u) => u.unitId)
      if (input.unitIds) {
        unitIds = await checkUnits(trx, scope, input.unitIds)
        await repo.replaceUnits(trx, id, unitIds)
      }
      await audit.record(trx, ctx, {
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        targetLabel: `${patch.displayName ?? user.displayName}（${user.username}）`,
        unitId: unitIds[0],
        before: {
          displayName: user.displayName,
          phone: maskPhone(user.phone),
          email: maskEmail(user.email),
          certNo: user.certNo,
          unitIds: units.map((u) => u.unitId),
          version: user.version,
        },
        after: {
          displayName: patch.displayName ?? user.displayName,
          phone: maskPhone(patch.phone ?? user.phone),
          email: maskEmail(patch.email ?? user.email),
          certNo: patch.certNo ?? user.certNo,
          unitIds,
          version: input.expectedVersion + 1,
        },
      })
    })
    onAccessChange(id)
    return getUser(ctx, id)
  }

  /** Disabling takes effect at once: sessions and tokens are revoked in the same transaction. */
  async function setStatus(ctx: Ctx, id: string, status: 'active' | 'disabled'): Promise<User> {
    if (status === 'disabled' && ctx.actor.userId === id) throw validation('不能停用自己的账号')
    await db.transaction().execute(async (trx) => {
      const { user, units, scope } = await loadVisible(trx, ctx, 'user.manage', id)
      await assertWithinReach(trx, scope, id, status === 'disabled' ? '停用' : '启用')
      const now = clock.now().toISOString()
      await repo.updateUser(trx, id, {
        status,
        updatedAt: now,
        version: user.version + 1,
        ...(status === 'active' ? { failedLogins: 0, lockedUntil: null } : {}),
      })
      if (status === 'disabled') {
        await repo.revokeUserSessions(trx, id, now)
        await repo.revokeUserTokens(trx, id, now)
      }
      await audit.record(trx, ctx, {
        action: status === 'disabled' ? 'user.disable' : 'user.enable',
        targetType: 'user',
        targetId: id,
        targetLabel: user.username,
        unitId: units[0]?.unitId,
        before: { status: user.status },
        after: { status },
      })
    })
    return getUser(ctx, id)
  }

  async function unlock(ctx: Ctx, id: string): Promise<User> {
    await db.transaction().execute(async (trx) => {
      const { user, units, scope } = await loadVisible(trx, ctx, 'user.manage', id)
      await assertWithinReach(trx, scope, id, '解锁')
      await repo.updateUser(trx, id, { failedLogins: 0, lockedUntil: null, updatedAt: clock.now().toISOString() })
      await audit.record(trx, ctx, { action: 'user.unlock', targetType: 'user', targetId: id, targetLabel: user.username, unitId: units[0]?.unitId })
    })
    return getUser(ctx, id)
  }

  /** Issues a new one-time password and ends the user's sessions. */
  async function resetPassword(ctx: Ctx, id: string): Promise<{ user: User; initialPassword: string }> {
    const initialPassword = generatePassword()
    const passwordHash = await hashPassword(initialPassword)
    await db.transaction().execute(async (trx) => {
      const { user, scope, units } = await loadVisible(trx, ctx, 'user.manage', id)
      // A one-time password hands over the whole account: only for accounts whose every grant the
      // actor could have granted, or a district admin could take over a city-wide one.
      const beyond = (await repo.grantsOf(trx, [id])).find((g) => !mayGrant(scope, g.unitId, g.unitPath, g.scope as DataScope))
      if (beyond) throw forbidden(`不能重置权限超出您管理范围的用户的密码（${ROLES[beyond.role as RoleCode]?.label ?? beyond.role}，${beyond.unitName}）`)
      const now = clock.now().toISOString()
      await repo.updateUser(trx, id, { passwordHash, mustChangePassword: 1, failedLogins: 0, lockedUntil: null, passwordChangedAt: now, updatedAt: now })
      await repo.revokeUserSessions(trx, id, now)
      await audit.record(trx, ctx, { action: 'user.password_reset', targetType: 'user', targetId: id, targetLabel: user.username, unitId: units[0]?.unitId })
    })
    return { user: await getUser(ctx, id), initialPassword }
  }

  /**
   * Replaces a user's grants. Each grant must lie within the actor's own reach (no escalation), the
   * result must keep the three duties apart (三员分立), and nobody changes their own grants.
   */
  async function setGrants(ctx: Ctx, id: string, grants: Grant[]): Promise<User> {
    if (ctx.actor.userId === id) throw forbidden('不能修改自己的授权，请由其他管理员办理')
    await db.transaction().execute(async (trx) => {
      const { user, scope, units } = await loadVisible(trx, ctx, 'user.manage', id)
      const before = await repo.grantsOf(trx, [id])
      // Grants outside the actor's reach are neither shown for removal nor removable by them.
      for (const g of before) {
        if (
          !mayGrant(scope, g.unitId, g.unitPath, g.scope as DataScope) &&
          !grants.some((n) => n.role === g.role && n.unitId === g.unitId && n.scope === g.scope)
        ) {
          throw forbidden(`不能撤销超出您管理范围的授权（${ROLES[g.role as RoleCode]?.label ?? g.role}，${g.unitName}）`)
        }
      }
      const keep = grants.filter((n) =>
        before.some((g) => g.role === n.role && g.unitId === n.unitId && g.scope === n.scope && !mayGrant(scope, g.unitId, g.unitPath, g.scope)),
      )
      const checked = await checkGrants(
        trx,
        scope,
        grants.filter((g) => !keep.includes(g)),
        user.certNo,
      )
      const all = [...checked, ...keep.map((g) => ({ ...g, id: newId(), createdAt: clock.now().toISOString() }))]
      assertSeparation(all)
      await repo.replaceGrants(trx, id, all)
      await repo.updateUser(trx, id, { updatedAt: clock.now().toISOString(), version: user.version + 1 })
      await audit.record(trx, ctx, {
        action: 'user.grants.set',
        targetType: 'user',
        targetId: id,
        targetLabel: user.username,
        unitId: units[0]?.unitId,
        before: before.map(({ role, unitId, scope: s }) => ({ role, unitId, scope: s })),
        after: all.map(({ role, unitId, scope: s }) => ({ role, unitId, scope: s })),
      })
    })
    onAccessChange(id)
    return getUser(ctx, id)
  }

  async function me(ctx: Ctx) {
    const id = ctx.actor.userId!
    const user = await repo.findUserById(db, id)
    if (!user) throw notFound('用户', id)
    const [units, grants] = await Promise.all([repo.unitsOf(db, [id]), repo.grantsOf(db, [id])])
    return {
      user: {
        id,
        username: user.username,
        displayName: user.displayName,
        mustChangePassword: toBool(user.mustChangePassword),
        isDemo: toBool(user.isDemo),
        primaryUnitId: units[0]?.unitId ?? null,
        primaryUnitName: units[0]?.name ?? null,
      },
      permissions: [...ctx.actor.scopes.keys()].sort(),
      roles: grants.map((g) => ({
        role: g.role,
        label: ROLES[g.role as RoleCode]?.label ?? g.role,
        unitName: g.unitName,
        scope: DATA_SCOPE_LABEL[g.scope as DataScope] ?? g.scope,
      })),
    }
  }

  /** Used by `jianguan init` and the demo generator: creates a user as the system. */
  async function createUserAsSystem(
    trx: Executor,
    input: {
      username: string
      displayName: string
      password: string
      unitId: string
      grants: Array<{ role: RoleCode; unitId: string; scope: DataScope }>
      certNo?: string | null
      phone?: string | null
      isDemo?: boolean
      mustChangePassword?: boolean
    },
  ) {
    const problem = separationProblem(input.grants.map((g) => g.role))
    if (problem) throw new Error(`${input.username}: ${problem}`)
    const id = newId()
    const now = clock.now().toISOString()
    await repo.insertUser(trx, {
      id,
      username: input.username,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      status: 'active',
      mustChangePassword: input.mustChangePassword === false ? 0 : 1,
      failedLogins: 0,
      lockedUntil: null,
      passwordChangedAt: now,
      lastLoginAt: null,
      phone: input.phone ?? null,
      email: null,
      certNo: input.certNo ?? null,
      isDemo: input.isDemo ? 1 : 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    await repo.replaceUnits(trx, id, [input.unitId])
    await repo.replaceGrants(
      trx,
      id,
      input.grants.map((g) => ({ ...g, id: newId(), createdAt: now })),
    )
    return id
  }

  void config
  return {
    listUsers,
    getUser,
    createUser,
    updateUser,
    setStatus,
    unlock,
    resetPassword,
    setGrants,
    me,
    createUserAsSystem,
    countUsers: () => repo.countUsers(db),
  }
}
export type UserService = ReturnType<typeof createUserService>

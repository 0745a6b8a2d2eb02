import type { Actor, Ctx, DataScope, ScopeSet } from '../../core/actor'
import { assertCan, unitPathInScope } from '../../core/actor'
import { preparedQuery } from '../../core/db/prepared'
import type { CoreDeps } from '../../core/deps'
import { AppError, forbidden, notFound, validation } from '../../core/errors'
import { newId, newSecret, sha256Hex } from '../../core/ids'
import type { AuditService } from '../audit'
import { buildScopes, mayGrant, PERMISSIONS, passwordProblems, ROLES, type RoleCode } from './access.domain'
import { createAccessRepo, sessionQuery } from './access.repo'
import type { CreateToken } from './access.schema'
import { hashPassword, verifyPassword } from './password'

export const SESSION_COOKIE = 'jg_session'
/** How long another process may act on a user's previous grants after they change. */
export const GRANT_CACHE_MS = 3_000
const TOUCH_EVERY_MS = 60_000
/** Failure counters of usernames without an account are forgotten after this long without a failure. */
const UNKNOWN_USER_RETENTION_MS = 30 * 86_400_000

export interface LoginResult {
  sessionToken: string
  csrfToken: string
  expiresAt: string
  userId: string
}

export interface ResolvedAuth {
  actor: Actor
  via: 'session' | 'token'
  csrfToken?: string
  mustChangePassword: boolean
  isDemo: boolean
}

/** Sessions (server-side store), login with lockout, password change and API tokens. */
export function createAuthService({ db, clock, config, audit }: Pick<CoreDeps, 'db' | 'clock' | 'config'> & { audit: AuditService }) {
  const repo = createAccessRepo()
  // Runs on every authenticated request: compiled once.
  const findSession = preparedQuery(db, 1, sessionQuery)
  const idleMs = config.session.idleMinutes * 60_000
  const absoluteMs = config.session.absoluteHours * 3600_000

  /**
   * Grants and units per user, cached briefly: every authenticated request needs them, while they
   * change rarely. The session itself (logout, disabling, expiry) is still checked on every request;
   * a changed grant reaches other app processes within GRANT_CACHE_MS, this one at once.
   */
  const grantCache = new Map<string, { at: number; grants: Awaited<ReturnType<typeof repo.grantsOf>>; units: Awaited<ReturnType<typeof repo.unitsOf>> }>()
  async function grantsAndUnits(userId: string) {
    const hit = grantCache.get(userId)
    if (hit && Date.now() - hit.at < GRANT_CACHE_MS) return hit
    const [grants, units] = await Promise.all([repo.grantsOf(db, [userId]), repo.unitsOf(db, [userId])])
    const entry = { at: Date.now(), grants, units }
    if (grantCache.size > 10_000) grantCache.clear()
    grantCache.set(userId, entry)
    return entry
  }

  async function actorFor(userId: string, username: string, displayName: string, restrictTo?: ReadonlySet<string>): Promise<Actor> {
    const { grants, units } = await grantsAndUnits(userId)
    return {
      kind: restrictTo ? 'token' : 'user',
      userId,
      username,
      displayName,
      primaryUnitId: units[0]?.unitId ?? null,
      scopes: buildScopes(grants, restrictTo),
    }
  }

  function anonymousCtx(username: string, userId: string | null, ip: string | null, requestId: string | null): Ctx {
    return { actor: { kind: 'user', userId, username, displayName: username, primaryUnitId: null, scopes: new Map() }, requestId, ip }
  }

  /**
   * Checks a password and opens a session. Failures count towards a lockout kept in the database,
   * so it holds across app processes. A username without an account is counted, locked and answered
   * exactly like a real one (its counter lives in login_failure), so neither the answer nor the
   * lockout tells whether an account exists; every failure is in the audit trail.
   * @throws UNAUTHENTICATED (wrong credentials), LOCKED (too many failures), FORBIDDEN (disabled)
   */
  async function login(
    username: string,
    password: string,
    meta: { ip: string | null; userAgent: string | null; requestId: string | null },
  ): Promise<LoginResult> {
    const user = await repo.findUserByUsername(db, username)
    const now = clock.now()
    const lockedUntil = user ? user.lockedUntil : ((await repo.findLoginFailure(db, username))?.lockedUntil ?? null)
    if (lockedUntil && Date.parse(lockedUntil) > now.getTime()) {
      const mins = Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 60_000)
      throw new AppError('LOCKED', `登录失败次数过多，账号已临时锁定，请 ${mins} 分钟后再试或联系管理员解锁`)
    }
    const ok = await verifyPassword(user?.passwordHash ?? null, password)
    if (!user || !ok) {
      const lockUntil = new Date(now.getTime() + config.login.lockMinutes * 60_000).toISOString()
      await db.transaction().execute(async (trx) => {
        let failures: number
        if (user) {
          // A lock that has run out starts a fresh count: one more typo must not lock again at once.
          if (user.lockedUntil && Date.parse(user.lockedUntil) <= now.getTime()) await repo.updateUser(trx, user.id, { failedLogins: 0, lockedUntil: null })
          failures = await repo.incrementFailedLogins(trx, user.id)
          if (failures >= config.login.maxFailures) await repo.updateUser(trx, user.id, { lockedUntil: lockUntil })
        } else {
          failures = await repo.incrementLoginFailure(trx, username, now.toISOString(), now.toISOString())
          if (failures >= config.login.maxFailures) await repo.lockLoginFailure(trx, username, lockUntil)
          await repo.pruneLoginFailures(trx, new Date(now.getTime() - UNKNOWN_USER_RETENTION_MS).toISOString())
        }
        const lock = failures >= config.login.maxFailures
        await audit.record(trx, anonymousCtx(username, user?.id ?? null, meta.ip, meta.requestId), {
          action: lock ? 'auth.lockout' : 'auth.login_failed',
          targetType: 'user',
          targetId: user?.id ?? null,
          targetLabel: user?.username ?? username,
          after: { failedLogins: failures, locked: lock, ...(user ? {} : { unknownUser: true }) },
        })
      })
      throw new AppError('UNAUTHENTICATED', '用户名或密码错误')
    }
    if (user.status !== 'active') throw forbidden('账号已停用，请联系管理员')
    const sessionToken = newSecret(32)
    const csrfToken = newSecret(24)
    const expiresAt = new Date(now.getTime() + absoluteMs).toISOString()
    await db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now.toISOString() })
      await repo.insertSession(trx, {
        idHash: sha256Hex(sessionToken),
        userId: user.id,
        csrfToken,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt,
        revokedAt: null,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 256) ?? null,
      })
      await audit.record(trx, anonymousCtx(user.displayName, user.id, meta.ip, meta.requestId), {
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        targetLabel: user.username,
      })
    })
    return { sessionToken, csrfToken, expiresAt, userId: user.id }
  }

  async function resolveSession(token: string): Promise<ResolvedAuth | null> {
    if (token.length < 20 || token.length > 100) return null
    const idHash = sha256Hex(token)
    const s = (await findSession(idHash))[0]
    const now = clock.now().getTime()
    if (!s || s.revokedAt || s.status !== 'active') return null
    if (Date.parse(s.expiresAt) <= now || Date.parse(s.lastSeenAt) + idleMs <= now) return null
    if (now - Date.parse(s.lastSeenAt) > TOUCH_EVERY_MS) await repo.touchSession(db, idHash, new Date(now).toISOString())
    const mustChange = s.mustChangePassword === 1
    const actor = await actorFor(s.userId, s.username, s.displayName)
    // Until the one-time password is replaced, the session carries no permissions.
    if (mustChange) actor.scopes = new Map()
    actor.sessionIdHash = idHash
    return { actor, via: 'session', csrfToken: s.csrfToken, mustChangePassword: mustChange, isDemo: s.isDemo === 1 }
  }

  async function resolveToken(token: string): Promise<ResolvedAuth | null> {
    if (!/^jg_[A-Za-z0-9_-]{20,120}$/.test(token)) return null
    const t = await repo.findTokenByHash(db, sha256Hex(token))
    const now = clock.now().getTime()
    if (!t || t.revokedAt || t.status !== 'active' || (t.expiresAt && Date.parse(t.expiresAt) <= now)) return null
    if (!t.lastUsedAt || now - Date.parse(t.lastUsedAt) > TOUCH_EVERY_MS) await repo.touchToken(db, t.id, new Date(now).toISOString())
    const actor = await actorFor(t.userId, t.username, `${t.displayName}·${t.name}`, new Set(JSON.parse(t.permissions) as string[]))
    actor.tokenId = t.id
    return { actor, via: 'token', mustChangePassword: false, isDemo: false }
  }

  /** Resolves a bearer token first, then the session cookie. */
  async function authenticate(headers: { authorization?: string }, cookieValue: string | undefined): Promise<ResolvedAuth | null> {
    const h = headers.authorization
    if (h && h.startsWith('Bearer ')) return resolveToken(h.slice(7).trim())
    if (cookieValue) return resolveSession(cookieValue)
    return null
  }

  async function logout(ctx: Ctx): Promise<void> {
    const idHash = ctx.actor.sessionIdHash
    if (!idHash) return
    await db.transaction().execute(async (trx) => {
      await repo.revokeSession(trx, idHash, clock.now().toISOString())
      await audit.record(trx, ctx, { action: 'auth.logout', targetType: 'user', targetId: ctx.actor.userId, targetLabel: ctx.actor.username })
    })
  }

  /** @throws VALIDATION when the old password is wrong or the new one breaks the policy. */
  async function changePassword(ctx: Ctx, oldPassword: string, newPassword: string): Promise<void> {
    if (!ctx.actor.userId || ctx.actor.kind !== 'user') throw forbidden('接口令牌不能修改密码')
    const user = await repo.findUserById(db, ctx.actor.userId)
    if (!user) throw notFound('用户', ctx.actor.userId)
    if (!(await verifyPassword(user.passwordHash, oldPassword))) throw validation('原密码不正确')
    const problems = passwordProblems(newPassword, user.username)
    if (oldPassword === newPassword) problems.push('新密码不能与原密码相同')
    if (problems.length > 0) throw validation(problems.join('；'), { problems })
    const passwordHash = await hashPassword(newPassword)
    const now = clock.now().toISOString()
    await db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, user.id, { passwordHash, mustChangePassword: 0, passwordChangedAt: now, updatedAt: now })
      await repo.revokeUserSessions(trx, user.id, now, ctx.actor.sessionIdHash)
      await audit.record(trx, ctx, { action: 'auth.password_change', targetType: 'user', targetId: user.id, targetLabel: user.username })
    })
  }

  /** Issues an API token for system-to-system use; the plain token is returned once, only its hash is stored. */
  async function createToken(ctx: Ctx, input: CreateToken) {
    const scope = assertCan(ctx.actor, 'token.manage')
    const unknown = input.permissions.filter((p) => !(p in PERMISSIONS))
    if (unknown.length > 0) throw validation(`未知权限：${unknown.join('、')}`)
    const user = await repo.findUserById(db, input.userId)
    if (!user) throw notFound('用户', input.userId)
    const units = await repo.unitsOf(db, [user.id])
    if (!units.some((u) => unitPathInScope(scope, u.unitId, u.path))) throw notFound('用户', input.userId)
    // The token acts with the user's grants: each grant carrying a listed permission must lie
    // within the actor's own reach, or issuing it would escalate (mayGrant).
    const beyond = (await repo.grantsOf(db, [user.id])).find(
      (g) =>
        (ROLES[g.role as RoleCode]?.permissions as readonly string[] | undefined)?.some((p) => input.permissions.includes(p)) &&
        !mayGrant(scope, g.unitId, g.unitPath, g.scope as DataScope),
    )
    if (beyond) throw forbidden(`不能为权限超出您管理范围的用户签发接口令牌（${ROLES[beyond.role as RoleCode].label}，${beyond.unitName}）`)
    if (user.status !== 'active') throw validation('该用户已停用，不能为其签发令牌')
    if (user.mustChangePassword === 1) throw validation('该用户尚未修改一次性初始密码，不能为其签发令牌')
    const id = newId()
    const secret = newSecret(30)
    const plain = `jg_${secret}`
    const now = clock.now()
    const row = {
      id,
      name: input.name,
      prefix: plain.slice(0, 10),
      tokenHash: sha256Hex(plain),
      userId: user.id,
      permissions: JSON.stringify([...new Set(input.permissions)]),
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() : null,
      revokedAt: null,
      lastUsedAt: null,
      createdBy: ctx.actor.userId ?? user.id,
      createdAt: now.toISOString(),
    }
    await db.transaction().execute(async (trx) => {
      await repo.insertToken(trx, row)
      await audit.record(trx, ctx, {
        action: 'token.create',
        targetType: 'api_token',
        targetId: id,
        targetLabel: input.name,
        unitId: units[0]?.unitId,
        after: { ...row, tokenHash: undefined },
      })
    })
    return { token: plain, id }
  }

  /** Whether the token's user has a unit within the actor's token.manage scope. */
  async function tokenUserVisible(scope: ScopeSet, userIds: string[]): Promise<Set<string>> {
    if (scope.all) return new Set(userIds)
    const units = await repo.unitsOf(db, [...new Set(userIds)])
    return new Set(units.filter((u) => unitPathInScope(scope, u.unitId, u.path)).map((u) => u.userId))
  }

  /** Tokens of users within the actor's scope; others' tokens look like none. */
  async function listTokens(ctx: Ctx) {
    const scope = assertCan(ctx.actor, 'token.manage')
    const rows = await repo.listTokens(db)
    const visible = await tokenUserVisible(
      scope,
      rows.map((r) => r.userId),
    )
    return rows.filter((r) => visible.has(r.userId)).map((r) => ({ ...r, permissions: JSON.parse(r.permissions) as string[] }))
  }

  /** @throws NOT_FOUND for a token of a user outside the actor's scope. */
  async function revokeToken(ctx: Ctx, id: string) {
    const scope = assertCan(ctx.actor, 'token.manage')
    const t = await repo.findTokenById(db, id)
    if (!t || !(await tokenUserVisible(scope, [t.userId])).has(t.userId)) throw notFound('接口令牌', id)
    await db.transaction().execute(async (trx) => {
      await repo.revokeToken(trx, id, clock.now().toISOString())
      await audit.record(trx, ctx, { action: 'token.revoke', targetType: 'api_token', targetId: id, targetLabel: t.name })
    })
  }

  function rolesCatalogue() {
    return (Object.keys(ROLES) as RoleCode[]).map((code) => ({
      code,
      label: ROLES[code].label,
      permissions: ROLES[code].permissions.map((p) => ({ code: p, label: PERMISSIONS[p] })),
      requiresCertificate: 'requiresCertificate' in ROLES[code],
    }))
  }

  return {
    login,
    logout,
    authenticate,
    changePassword,
    createToken,
    listTokens,
    revokeToken,
    rolesCatalogue,
    actorFor,
    /** Called by this process after any change to grants, units or the org tree. */
    forgetGrants: (userId?: string) => (userId ? grantCache.delete(userId) : grantCache.clear()),
  }
}
export type AuthService = ReturnType<typeof createAuthService>

import { dictionary } from '@zxcvbn-ts/language-common'
import type { DataScope, ScopeSet } from '../../core/actor'
import { ROLES, type Permission, type RoleCode } from '../../shared/access/vocabulary'

/** The permission catalogue and the built-in roles live in src/shared (the web reads them too). */
export { DATA_SCOPE_LABEL, DATA_SCOPES, PERMISSIONS, ROLE_CODES, ROLE_LABEL, ROLES, type Permission, type RoleCode } from '../../shared/access/vocabulary'

/**
 * The duty a role belongs to under the three-administrator separation (三员分立): account
 * administration (it carries user.manage), audit (audit.read) or business. One account holds roles
 * of one duty only, so an administrator can neither read the trail nor act in the business, and
 * cannot give either to an account that administers accounts.
 */
export type Duty = 'admin' | 'audit' | 'business'
export const DUTY_LABEL: Record<Duty, string> = { admin: '用户管理', audit: '审计', business: '业务' }
export function roleDuty(role: RoleCode): Duty {
  const permissions: readonly Permission[] = ROLES[role].permissions
  if (permissions.includes('user.manage')) return 'admin'
  if (permissions.includes('audit.read')) return 'audit'
  return 'business'
}

/** Why a set of roles may not be held by one account (zh-CN), or null when they share one duty. */
export function separationProblem(roles: readonly string[]): string | null {
  const byDuty = new Map<Duty, string>()
  for (const r of roles) {
    if (!(r in ROLES)) continue
    const duty = roleDuty(r as RoleCode)
    if (!byDuty.has(duty)) byDuty.set(duty, ROLES[r as RoleCode].label)
  }
  if (byDuty.size <= 1) return null
  const [[d1, l1], [d2, l2]] = [...byDuty.entries()].sort(([a], [b]) => DUTY_ORDER[a] - DUTY_ORDER[b]) as [[Duty, string], [Duty, string]]
  return `三员分立：${DUTY_LABEL[d1]}角色（${l1}）与${DUTY_LABEL[d2]}角色（${l2}）不能授予同一账号`
}
const DUTY_ORDER: Record<Duty, number> = { admin: 0, audit: 1, business: 2 }

export function roleRequiresCertificate(role: RoleCode): boolean {
  return 'requiresCertificate' in ROLES[role] && ROLES[role].requiresCertificate === true
}

export interface GrantWithPath {
  role: string
  scope: string
  unitId: string
  unitPath: string
}

/**
 * Folds a user's grants into permission → scope. Grants only add reach; the union of scopes is
 * taken per permission. `restrictTo` (API tokens) keeps only the listed permissions.
 */
export function buildScopes(grants: GrantWithPath[], restrictTo?: ReadonlySet<string>): Map<string, ScopeSet> {
  const out = new Map<string, ScopeSet>()
  for (const g of grants) {
    const role = ROLES[g.role as RoleCode]
    if (!role) continue
    for (const p of role.permissions) {
      if (restrictTo && !restrictTo.has(p)) continue
      const s = out.get(p) ?? { all: false, treePaths: [], unitIds: [], self: false }
      switch (g.scope as DataScope) {
        case 'all':
          s.all = true
          break
        case 'unit_tree':
          if (!s.treePaths.includes(g.unitPath)) s.treePaths.push(g.unitPath)
          break
        case 'unit':
          if (!s.unitIds.includes(g.unitId)) s.unitIds.push(g.unitId)
          break
        case 'self':
          s.self = true
          break
      }
      out.set(p, s)
    }
  }
  return out
}

const SCOPE_RANK: Record<DataScope, number> = { self: 0, unit: 1, unit_tree: 2, all: 3 }

/**
 * Whether an actor whose user.manage reach is `actorScope` may hand out a grant of `scope`
 * anchored at a unit with `unitPath`: the anchor must lie inside the actor's reach, and nobody
 * without 'all' can grant 'all'. Prevents privilege escalation through role assignment.
 */
export function mayGrant(actorScope: ScopeSet, unitId: string, unitPath: string, scope: DataScope): boolean {
  if (actorScope.all) return true
  if (scope === 'all') return false
  const inTree = actorScope.treePaths.some((p) => unitPath.startsWith(p))
  if (inTree) return true
  if (actorScope.unitIds.includes(unitId)) return SCOPE_RANK[scope] <= SCOPE_RANK.unit
  return false
}

/**
 * Common passwords: the maintained list of zxcvbn-ts (about 49,000 leaked passwords, lower case),
 * plus ones common in China that it lacks.
 */
const COMMON: ReadonlySet<string> = new Set([
  ...(dictionary['passwords-common'] as readonly string[]),
  'woaini1314',
  'woaini520',
  'admin@123',
  '1qaz@wsx',
  'qq123456789',
  'a123456789',
  'abc123456',
  'zxc123456',
])
const LEET: Record<string, string> = { '@': 'a', '4': 'a', '8': 'b', '3': 'e', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't', '2': 'z' }

/**
 * Whether a password is a common one, or a common one dressed up: capitals, look-alike characters
 * (p@ssw0rd) and digits or symbols added at either end (Password123, !Password2026).
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase()
  if (COMMON.has(lower)) return true
  const core = lower.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '')
  if (core.length >= 4 && COMMON.has(core)) return true
  const unleet = lower.replace(/[@483105$!72]/g, (c) => LEET[c] ?? c)
  if (COMMON.has(unleet)) return true
  const unleetCore = lower
    .replace(/^[\d\W_]+/, '')
    .replace(/[\d\W_]+$/, '')
    .replace(/[@483105$!72]/g, (c) => LEET[c] ?? c)
  return unleetCore.length >= 4 && COMMON.has(unleetCore)
}

export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 128

/** Password policy (密码策略). Returns zh-CN problems; empty when acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = []
  if (password.length < PASSWORD_MIN) problems.push(`密码至少 ${PASSWORD_MIN} 位`)
  if (password.length > PASSWORD_MAX) problems.push(`密码最多 ${PASSWORD_MAX} 位`)
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length
  if (classes < 3) problems.push('密码须包含大写字母、小写字母、数字、符号中的至少三类')
  const lower = password.toLowerCase()
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) problems.push('密码不能包含用户名')
  if (isCommonPassword(password) || /^(.)\1+$/.test(password)) problems.push('密码过于常见，请换一个')
  if (/(0123|1234|2345|3456|4567|5678|6789|abcd|qwer)/i.test(password) && password.length < 14) problems.push('密码不能含有连续的字符序列（如 1234、abcd）')
  return problems
}

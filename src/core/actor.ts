import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import { forbidden } from './errors'

/**
 * Who is acting, and over which org units each permission reaches. Core knows permissions only as
 * strings; the catalogue lives in the access module.
 *
 * Data scopes (数据范围): 'all' — everything; 'unit_tree' — the grant's unit and every unit below
 * it; 'unit' — that unit only; 'self' — records the actor owns.
 */
export type DataScope = 'all' | 'unit_tree' | 'unit' | 'self'

export interface ScopeSet {
  all: boolean
  /** Materialised paths (/id/id/) of tree anchors: the unit and everything below. */
  treePaths: string[]
  /** Exact unit ids. */
  unitIds: string[]
  /** Records owned by the actor. */
  self: boolean
}

export interface Actor {
  kind: 'user' | 'token' | 'system'
  userId: string | null
  username: string
  displayName: string
  primaryUnitId: string | null
  /** Permission → where it applies. Absent permission = not granted. */
  scopes: ReadonlyMap<string, ScopeSet>
  tokenId?: string
  sessionIdHash?: string
}

/** What every service method receives: the actor plus request facts for the audit trail. */
export interface Ctx {
  actor: Actor
  requestId: string | null
  ip: string | null
}

const ALL: ScopeSet = { all: true, treePaths: [], unitIds: [], self: true }

/** The platform itself (migrations, seeding, scheduled work): every permission, everywhere. */
export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  userId: null,
  username: 'system',
  displayName: '系统',
  primaryUnitId: null,
  scopes: new Map(),
}

/** The scope of a permission for the actor, or undefined when not granted. */
export function scopeFor(actor: Actor, permission: string): ScopeSet | undefined {
  return actor.kind === 'system' ? ALL : actor.scopes.get(permission)
}

export function systemCtx(requestId: string | null = null): Ctx {
  return { actor: SYSTEM_ACTOR, requestId, ip: null }
}

export function can(actor: Actor, permission: string): boolean {
  return scopeFor(actor, permission) !== undefined
}

/** @throws FORBIDDEN when the actor lacks the permission everywhere. */
export function assertCan(actor: Actor, permission: string): ScopeSet {
  const s = scopeFor(actor, permission)
  if (!s) throw forbidden()
  return s
}

/**
 * A WHERE expression limiting rows to the scope. `unitColumn` holds the row's org unit id;
 * `ownerColumn` (optional) the id of the user who owns it, for 'self' grants.
 * Tree scopes are resolved in SQL against org_unit.path, so there is no cache to go stale across
 * processes.
 */
export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  scope: ScopeSet,
  actor: Actor,
  unitColumn: string,
  ownerColumn?: string,
): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`1 = 1`
  const ors: Expression<SqlBool>[] = []
  const col = sql.ref(unitColumn)
  if (scope.unitIds.length > 0) ors.push(sql<SqlBool>`${col} in (${sql.join(scope.unitIds)})`)
  for (const p of scope.treePaths) {
    ors.push(sql<SqlBool>`${col} in (select ou.id from org_unit ou where ou.path like ${p + '%'})`)
  }
  if (scope.self && ownerColumn && actor.userId) ors.push(sql<SqlBool>`${sql.ref(ownerColumn)} = ${actor.userId}`)
  if (ors.length === 0) return sql<SqlBool>`1 = 0`
  return eb.or(ors)
}

/** In-memory check for a unit whose materialised path is known. */
export function unitPathInScope(scope: ScopeSet, unitId: string, unitPath: string): boolean {
  if (scope.all) return true
  if (scope.unitIds.includes(unitId)) return true
  return scope.treePaths.some((p) => unitPath.startsWith(p))
}

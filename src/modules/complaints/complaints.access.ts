/**
 * Who may see and touch a 12315 item: the data-scope filter of the queries, the in-memory check of
 * one item for a permission, loading an item the actor can read (or NOT_FOUND), and the unit and
 * user names the presenters show. Every use case reads items through here.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import { assertCan, inScope, scopeFor, unitPathInScope, type Ctx, type ScopeSet } from '../../core/actor'
import type { Database } from '../../core/db/types'
import type { Executor } from '../../core/db/database'
import { forUpdate } from '../../core/db/dialect'
import type { CoreDeps } from '../../core/deps'
import { notFound } from '../../core/errors'
import type { OrgService } from '../org'
import type { ItemRow } from './complaints.repo'

type Exec = Executor
/** Where an item is checked: any of its units (handling, intake, escalation), or one of them. */
export type ItemUnit = 'any' | 'handling' | 'intake'

/** `{ id, name }` of an id through a name map (the id itself when the name is unknown). */
export const ref = (names: Map<string, string>, id: string | null) => (id ? { id, name: names.get(id) ?? id } : null)

export function createItemAccess({ db, dialect, org }: Pick<CoreDeps, 'db' | 'dialect'> & { org: Pick<OrgService, 'directory'> }) {
  /** Items whose handling unit or intake unit lies in the scope. */
  function itemInScope(eb: ExpressionBuilder<Database, 'complaintItem'>, scope: ScopeSet, ctx: Ctx): Expression<SqlBool> {
    if (scope.all) return sql<SqlBool>`1 = 1`
    return eb.or([
      inScope(eb, scope, ctx.actor, 'complaint_item.handling_unit_id', 'complaint_item.handler_id'),
      inScope(eb, scope, ctx.actor, 'complaint_item.intake_unit_id'),
      inScope(eb, scope, ctx.actor, 'complaint_item.escalation_unit_id'),
    ])
  }
  async function unitPath(exec: Exec, id: string | null): Promise<string | null> {
    if (!id) return null
    return (await exec.selectFrom('orgUnit').select('path').where('id', '=', id).executeTakeFirst())?.path ?? null
  }
  /** In-memory scope check of one item for a permission. */
  async function itemAllowed(exec: Exec, ctx: Ctx, item: ItemRow, permission: string, on: ItemUnit = 'any'): Promise<boolean> {
    const scope = scopeFor(ctx.actor, permission)
    if (!scope) return false
    if (scope.all) return true
    if (scope.self && item.handlerId && item.handlerId === ctx.actor.userId) return true
    const units =
      on === 'handling' ? [item.handlingUnitId] : on === 'intake' ? [item.intakeUnitId] : [item.handlingUnitId, item.intakeUnitId, item.escalationUnitId]
    for (const u of units) {
      const p = await unitPath(exec, u)
      if (u && p && unitPathInScope(scope, u, p)) return true
    }
    return false
  }
  /** Loads an item the actor can read, or NOT_FOUND (another district's items do not exist for them). */
  async function loadReadable(exec: Exec, ctx: Ctx, id: string, lock = false, afterOwnAction = false): Promise<ItemRow> {
    assertCan(ctx.actor, 'complaint.read')
    let q = exec.selectFrom('complaintItem').selectAll().where('id', '=', id)
    if (lock) q = forUpdate(dialect, q)
    const item = await q.executeTakeFirst()
    if (!item || (!afterOwnAction && !(await itemAllowed(exec, ctx, item, 'complaint.read')))) throw notFound('诉求件', id)
    return item
  }

  // ---- units and users ---------------------------------------------------------------------------
  async function unitRow(exec: Exec, id: string) {
    return exec.selectFrom('orgUnit').selectAll().where('id', '=', id).executeTakeFirst()
  }
  /** The county-level (or higher) bureau a unit belongs to: itself if a bureau, else the nearest bureau above. */
  async function bureauOf(exec: Exec, unitId: string | null): Promise<{ id: string; name: string; kind: string } | null> {
    let id = unitId
    for (let i = 0; id && i < 10; i++) {
      const u = await unitRow(exec, id)
      if (!u) return null
      if (u.kind.endsWith('_bureau')) return { id: u.id, name: u.name, kind: u.kind }
      id = u.parentId
    }
    return null
  }
  async function unitNames(exec: Exec, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((x): x is string => !!x))]
    if (unique.length === 0) return new Map()
    if (exec === db) {
      const dir = await org.directory()
      if (unique.every((id) => dir.byId.has(id))) return new Map(unique.map((id) => [id, dir.byId.get(id)!.name]))
    }
    const rows = await exec.selectFrom('orgUnit').select(['id', 'name']).where('id', 'in', unique).execute()
    return new Map(rows.map((r) => [r.id, r.name]))
  }
  async function userNames(exec: Exec, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((x): x is string => !!x))]
    if (unique.length === 0) return new Map()
    const rows = await exec.selectFrom('appUser').select(['id', 'displayName']).where('id', 'in', unique).execute()
    return new Map(rows.map((r) => [r.id, r.displayName]))
  }

  return { itemInScope, itemAllowed, loadReadable, unitRow, bureauOf, unitNames, userNames }
}
export type ItemAccess = ReturnType<typeof createItemAccess>

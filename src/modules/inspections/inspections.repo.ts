import { sql, type RawBuilder, type SqlBool } from 'kysely'
import { assertCan, unitPathInScope, type Ctx, type ScopeSet } from '../../core/actor'
import type { Executor } from '../../core/db/database'
import { forbidden, validation } from '../../core/errors'
import type { TaskScope } from './inspections.schema'

/** Shared queries of the inspections module (its own tables, plus read-only joins for names). */

export interface UnitRef {
  id: string
  name: string
  path: string
  kind: string
  parentId: string | null
}

export async function loadUnit(exec: Executor, id: string): Promise<UnitRef | undefined> {
  return exec.selectFrom('orgUnit').select(['id', 'name', 'path', 'kind', 'parentId']).where('id', '=', id).executeTakeFirst()
}

/**
 * The unit must exist and lie within the actor's scope of `permission`.
 * @throws VALIDATION for an unknown unit, FORBIDDEN outside the scope
 */
export async function assertUnitInScope(exec: Executor, ctx: Ctx, permission: string, unitId: string, what: string): Promise<UnitRef> {
  const scope = assertCan(ctx.actor, permission)
  const u = await loadUnit(exec, unitId)
  if (!u) throw validation(`${what}不存在`)
  if (!unitPathInScope(scope, u.id, u.path)) throw forbidden(`${what}“${u.name}”不在您的管辖范围内`)
  return u
}

/**
 * Which check items an actor with `scope` sees (the item list's data scope): items of units in the
 * scope, and the lists of the bureaus above it (a city bureau's list, kept by its departments,
 * applies in every district below), never another district's own items.
 */
export async function itemsVisible(exec: Executor, scope: ScopeSet): Promise<RawBuilder<SqlBool>> {
  if (scope.all) return sql<SqlBool>`1 = 1`
  const anchors = [...scope.treePaths]
  if (scope.unitIds.length > 0) anchors.push(...(await exec.selectFrom('orgUnit').select('path').where('id', 'in', scope.unitIds).execute()).map((u) => u.path))
  if (anchors.length === 0) return sql<SqlBool>`1 = 0`
  const ors: RawBuilder<SqlBool>[] = []
  for (const p of anchors) {
    // In the scope's subtree, or the bureau (or a department of a bureau) on the path above it.
    ors.push(sql<SqlBool>`ou.path like ${`${p}%`}`)
    ors.push(sql<SqlBool>`(ou.kind <> 'department' and ${p} like (ou.path || '%'))`)
    ors.push(sql<SqlBool>`(ou.kind = 'department' and ${p} like (parent.path || '%'))`)
  }
  return sql<SqlBool>`inspection_item.unit_id in (select ou.id from org_unit ou left join org_unit parent on parent.id = ou.parent_id where ${sql.join(ors, sql` or `)})`
}

/** A department (科室、股) acts within its bureau's territory: the jurisdiction root is the bureau. */
export async function jurisdictionRoot(exec: Executor, unit: UnitRef): Promise<UnitRef> {
  let u: UnitRef | undefined = unit
  while (u && u.kind === 'department' && u.parentId) u = await loadUnit(exec, u.parentId)
  return u ?? unit
}

export async function unitNames(exec: Executor, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))]
  if (unique.length === 0) return new Map()
  const out = new Map<string, string>()
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await exec
      .selectFrom('orgUnit')
      .select(['id', 'name'])
      .where('id', 'in', unique.slice(i, i + 500))
      .execute()
    for (const r of rows) out.set(r.id, r.name)
  }
  return out
}

export async function userNames(exec: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  const out = new Map<string, string>()
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await exec
      .selectFrom('appUser')
      .select(['id', 'displayName'])
      .where('id', 'in', unique.slice(i, i + 500))
      .execute()
    for (const r of rows) out.set(r.id, r.displayName)
  }
  return out
}

/**
 * The register filter of a task scope, as WHERE fragments on market_entity (plus the territory).
 * `unindexed` (SQLite only: unary `+`) keeps the planner off the column indexes, so a read in id
 * order walks the primary key instead of sorting every page (the draw's keyset read).
 */
export function poolConditions(scope: TaskScope, rootPath: string, opts: { unindexed?: boolean } = {}) {
  const col = (name: string) => sql.raw(`${opts.unindexed ? '+' : ''}market_entity.${name}`)
  const conds: RawBuilder<SqlBool>[] = []
  conds.push(sql<SqlBool>`${col('station_unit_id')} in (select ou.id from org_unit ou where ou.path like ${rootPath + '%'})`)
  conds.push(sql<SqlBool>`${col('status')} in (${sql.join(scope.statuses)})`)
  if (scope.kinds.length) conds.push(sql<SqlBool>`${col('entity_kind')} in (${sql.join(scope.kinds)})`)
  if (scope.industries.length)
    conds.push(
      sql<SqlBool>`(${sql.join(
        scope.industries.map((p) => sql`${col('industry_code')} like ${p + '%'}`),
        sql` or `,
      )})`,
    )
  if (scope.divisions.length) {
    const parts = scope.divisions.map((code) => {
      if (code.length === 9) return sql`${col('business_division')} = ${code}`
      const prefix = code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code
      return sql`(${col('business_division')} >= ${prefix} and ${col('business_division')} < ${prefix + '~'})`
    })
    conds.push(sql<SqlBool>`(${sql.join(parts, sql` or `)})`)
  }
  if (scope.tags.length) conds.push(sql<SqlBool>`market_entity.id in (select et.entity_id from entity_tag et where et.tag in (${sql.join(scope.tags)}))`)
  if (scope.riskClasses.length) {
    const classes = scope.riskClasses.filter((c) => c !== 'N')
    const parts = []
    if (classes.length) parts.push(sql`${col('risk_class')} in (${sql.join(classes)})`)
    if (scope.riskClasses.includes('N')) parts.push(sql`${col('risk_class')} is null`)
    conds.push(sql<SqlBool>`(${sql.join(parts, sql` or `)})`)
  }
  if (scope.specialListId)
    conds.push(sql<SqlBool>`market_entity.id in (select sm.entity_id from inspection_special_member sm where sm.list_id = ${scope.specialListId})`)
  return sql<SqlBool>`${sql.join(conds, sql` and `)}`
}

/**
 * The inspectors who may be drawn for a group: active register entries of the business line whose
 * account is active and certified (执法证), within the territory (a unit path prefix). The draw and
 * the capacity check both read this list.
 */
export async function inspectorsOfLine(exec: Executor, line: string, territoryPath: string) {
  return exec
    .selectFrom('inspectionInspector')
    .innerJoin('appUser', 'appUser.id', 'inspectionInspector.userId')
    .select(['inspectionInspector.userId', 'inspectionInspector.unitId', 'inspectionInspector.lines', 'inspectionInspector.maxLoad'])
    .where('inspectionInspector.active', '=', 1)
    .where('appUser.status', '=', 'active')
    .where('appUser.certNo', 'is not', null)
    .where('inspectionInspector.lines', 'like', `%|${line}|%`)
    .where(sql<boolean>`inspection_inspector.unit_id in (select ou.id from org_unit ou where ou.path like ${territoryPath + '%'})`)
    .orderBy('inspectionInspector.userId')
    .execute()
}

/** Whether the user is one of the inspectors assigned by the task's current draw. */
export async function assignedToTask(exec: Executor, taskId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false
  const r = await exec
    .selectFrom('inspectionDrawAssignment')
    .innerJoin('inspectionTask', 'inspectionTask.currentDrawId', 'inspectionDrawAssignment.drawId')
    .select('inspectionDrawAssignment.userId')
    .where('inspectionTask.id', '=', taskId)
    .where('inspectionDrawAssignment.userId', '=', userId)
    .limit(1)
    .executeTakeFirst()
  return !!r
}

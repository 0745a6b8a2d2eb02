import { assertCan, scopeFor, unitPathInScope, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Executor } from '../../core/db/database'
import { fromBool, toBool } from '../../core/db/dialect'
import { conflict, forbidden, notFound, validation } from '../../core/errors'
import { createSharedCache } from '../../core/db/shared-cache'
import { newId } from '../../core/ids'
import type { AuditService } from '../audit'
import { enclosingCodes, getDivision } from './divisions'
import { canContain, childPath, holdsJurisdiction, pickCompetent, UNIT_KIND_LABEL, type UnitKind } from './org.domain'
import { createOrgRepo, type OrgUnitRow } from './org.repo'
import type { CreateOrgUnit, OrgUnit, UpdateOrgUnit } from './org.schema'

function present(row: OrgUnitRow, divisions: string[]): OrgUnit {
  const kind = row.kind as UnitKind
  return {
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    kind,
    kindLabel: UNIT_KIND_LABEL[kind],
    depth: row.depth,
    sortOrder: row.sortOrder,
    active: toBool(row.active),
    address: row.address,
    phone: row.phone,
    divisions: divisions.map((code) => ({ code, name: getDivision(code)?.fullName ?? code })),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

function checkDivisions(kind: UnitKind, codes: string[]): string[] {
  const unique = [...new Set(codes)]
  if (unique.length > 0 && !holdsJurisdiction(kind)) throw validation('内设科室没有属地管辖范围，不能设置行政区划')
  const unknown = unique.filter((c) => !getDivision(c))
  if (unknown.length > 0) throw validation(`行政区划代码不存在：${unknown.slice(0, 5).join('、')}`, { unknown })
  return unique
}

/**
 * Every unit and every jurisdiction claim, held in memory: routing and scope checks run on each
 * 12315 intake and read the same few rows again and again. Shared across app processes through
 * the `org_version` row (bumped by every unit write), re-checked every few seconds.
 */
export interface OrgDirectory {
  byId: ReadonlyMap<string, OrgUnitRow>
  /** division code → claiming unit id (one claimant per code; inactive units are filtered on lookup). */
  claims: ReadonlyMap<string, string>
}

/** The competent unit for a division code, from the directory (same rule as `competentUnit`). */
export function competentIn(dir: OrgDirectory, code: string): { unit: OrgUnitRow | null; matchedCode: string | null } {
  const enclosing = enclosingCodes(code)
  const claims = enclosing.flatMap((divisionCode) => {
    const unit = dir.byId.get(dir.claims.get(divisionCode) ?? '')
    return unit && unit.active === 1 ? [{ divisionCode, unit }] : []
  })
  const hit = pickCompetent(enclosing, claims)
  return hit ? { unit: hit.unit, matchedCode: hit.divisionCode } : { unit: null, matchedCode: null }
}

/** The county-level (or higher) bureau a unit belongs to: itself if a bureau, else the nearest bureau above. */
export function bureauIn(dir: OrgDirectory, unitId: string | null): OrgUnitRow | null {
  let id = unitId
  for (let i = 0; id && i < 10; i++) {
    const u = dir.byId.get(id)
    if (!u) return null
    if (u.kind.endsWith('_bureau')) return u
    id = u.parentId
  }
  return null
}

/** Org units (机构), their territorial jurisdiction (管辖区划) and the competent-unit lookup. */
export function createOrgService({
  db,
  clock,
  audit,
  onAccessChange = () => {},
}: Pick<CoreDeps, 'db' | 'clock'> & { audit: AuditService; onAccessChange?: () => void }) {
  const repo = createOrgRepo()
  const shared = createSharedCache<OrgDirectory>({
    db,
    clock,
    key: 'org_version',
    load: async () => {
      const [units, divisions] = await Promise.all([repo.listAll(db), repo.allDivisions(db)])
      return { byId: new Map(units.map((u) => [u.id, u])), claims: new Map(divisions.map((d) => [d.divisionCode, d.unitId])) }
    },
  })
  /**
   * The unit directory (at most a few seconds stale for other processes' writes; this process's own
   * writes are visible at once). Reads through the root handle: call it outside a transaction.
   */
  const directory = (): Promise<OrgDirectory> => shared.get()

  async function load(exec: Executor, id: string): Promise<OrgUnitRow> {
    const row = await repo.findById(exec, id)
    if (!row) throw notFound('机构', id)
    return row
  }

  async function presentMany(exec: Executor, rows: OrgUnitRow[]): Promise<OrgUnit[]> {
    const divs = await repo.divisionsOf(
      exec,
      rows.map((r) => r.id),
    )
    const by = new Map<string, string[]>()
    for (const d of divs) by.set(d.unitId, [...(by.get(d.unitId) ?? []), d.divisionCode])
    return rows.map((r) => present(r, by.get(r.id) ?? []))
  }

  /** Units the actor may see (org.read scope), ordered for building a tree. */
  async function listUnits(ctx: Ctx): Promise<OrgUnit[]> {
    const scope = assertCan(ctx.actor, 'org.read')
    const rows = (await repo.listAll(db)).filter((r) => unitPathInScope(scope, r.id, r.path))
    return presentMany(db, rows)
  }

  async function getUnit(ctx: Ctx, id: string): Promise<OrgUnit> {
    const scope = assertCan(ctx.actor, 'org.read')
    const row = await repo.findById(db, id)
    // Out of scope reads look exactly like missing ones.
    if (!row || !unitPathInScope(scope, row.id, row.path)) throw notFound('机构', id)
    return (await presentMany(db, [row]))[0]!
  }

  /** @throws FORBIDDEN when the parent is outside the actor's org.manage scope. */
  async function createUnit(ctx: Ctx, input: CreateOrgUnit): Promise<OrgUnit> {
    const scope = assertCan(ctx.actor, 'org.manage')
    const codes = checkDivisions(input.kind, input.divisionCodes ?? [])
    const id = newId()
    const now = clock.now().toISOString()
    await db
      .transaction()
      .execute(async (trx) => {
        const parent = input.parentId ? await load(trx, input.parentId) : null
        if (parent ? !unitPathInScope(scope, parent.id, parent.path) : !scope.all) throw forbidden('不能在您的管理范围之外新建机构')
        if (!canContain((parent?.kind as UnitKind) ?? null, input.kind)) {
          throw validation(`${parent ? UNIT_KIND_LABEL[parent.kind as UnitKind] : '顶层'}下不能设立${UNIT_KIND_LABEL[input.kind]}`)
        }
        if (await repo.findByCode(trx, input.code)) throw conflict(`机构编码“${input.code}”已被使用`)
        const taken = await repo.claimedByOthers(trx, id, codes)
        if (taken.length > 0) throw conflict(`行政区划 ${taken[0]!.divisionCode} 已属于 ${taken[0]!.name}`, { taken })
        const row = {
          id,
          parentId: parent?.id ?? null,
          code: input.code,
          name: input.name,
          shortName: input.shortName ?? null,
          kind: input.kind,
          path: childPath(parent?.path ?? null, id),
          depth: (parent?.depth ?? -1) + 1,
          sortOrder: input.sortOrder ?? 0,
          active: 1,
          address: input.address ?? null,
          phone: input.phone ?? null,
          version: 1,
          createdAt: now,
          updatedAt: now,
        }
        await repo.insert(trx, row)
        await repo.replaceDivisions(trx, id, codes)
        await audit.record(trx, ctx, {
          action: 'org.unit.create',
          targetType: 'org_unit',
          targetId: id,
          targetLabel: input.name,
          unitId: id,
          after: { ...row, divisionCodes: codes },
        })
        await shared.bump(trx)
      })
      .finally(() => shared.invalidate())
    return getUnit(ctx, id)
  }

  /** @throws CONFLICT when `expectedVersion` is stale (another user saved first). */
  async function updateUnit(ctx: Ctx, id: string, input: UpdateOrgUnit): Promise<OrgUnit> {
    const scope = assertCan(ctx.actor, 'org.manage')
    await db
      .transaction()
      .execute(async (trx) => {
        const before = await load(trx, id)
        if (!unitPathInScope(scope, before.id, before.path)) throw notFound('机构', id)
        const kind = before.kind as UnitKind
        const beforeCodes = (await repo.divisionsOf(trx, [id])).map((d) => d.divisionCode)
        const patch: Partial<OrgUnitRow> = { updatedAt: clock.now().toISOString() }
        if (input.code !== undefined && input.code !== before.code) {
          if (await repo.findByCode(trx, input.code)) throw conflict(`机构编码“${input.code}”已被使用`)
          patch.code = input.code
        }
        if (input.name !== undefined) patch.name = input.name
        if (input.shortName !== undefined) patch.shortName = input.shortName
        if (input.sortOrder !== undefined) patch.sortOrder = input.sortOrder
        if (input.address !== undefined) patch.address = input.address
        if (input.phone !== undefined) patch.phone = input.phone
        if (input.active !== undefined) patch.active = fromBool(input.active)
        let move: { oldPath: string; newPath: string; depthDelta: number } | undefined
        if (input.parentId !== undefined && input.parentId !== before.parentId) {
          const parent = input.parentId ? await load(trx, input.parentId) : null
          if (parent ? !unitPathInScope(scope, parent.id, parent.path) : !scope.all) throw forbidden('不能把机构移到您的管理范围之外')
          if (parent && parent.path.startsWith(before.path)) throw validation('不能把机构移到它自己的下级机构之下')
          if (!canContain((parent?.kind as UnitKind) ?? null, kind))
            throw validation(`${parent ? UNIT_KIND_LABEL[parent.kind as UnitKind] : '顶层'}下不能设立${UNIT_KIND_LABEL[kind]}`)
          const newPath = childPath(parent?.path ?? null, id)
          move = { oldPath: before.path, newPath, depthDelta: (parent?.depth ?? -1) + 1 - before.depth }
          patch.parentId = parent?.id ?? null
          patch.path = newPath
          patch.depth = before.depth + move.depthDelta
        }
        const ok = await repo.update(trx, id, input.expectedVersion, patch)
        if (!ok) throw conflict('该机构已被他人修改，请刷新后重试')
        if (move) await repo.movePaths(trx, move.oldPath, move.newPath, move.depthDelta)
        let codes = beforeCodes
        if (input.divisionCodes !== undefined) {
          codes = checkDivisions(kind, input.divisionCodes)
          const taken = await repo.claimedByOthers(trx, id, codes)
          if (taken.length > 0) throw conflict(`行政区划 ${taken[0]!.divisionCode} 已属于 ${taken[0]!.name}`, { taken })
          await repo.replaceDivisions(trx, id, codes)
        }
        await audit.record(trx, ctx, {
          action: 'org.unit.update',
          targetType: 'org_unit',
          targetId: id,
          targetLabel: patch.name ?? before.name,
          unitId: id,
          before: { ...before, divisionCodes: beforeCodes },
          after: { ...before, ...patch, version: input.expectedVersion + 1, divisionCodes: codes },
        })
        await shared.bump(trx)
      })
      .finally(() => shared.invalidate())
    // A move changes the paths that subtree scopes are anchored on.
    onAccessChange()
    return getUnit(ctx, id)
  }

  /**
   * Which unit is competent for division code X (属地管辖): the active unit whose jurisdiction
   * holds the most specific code enclosing X. Pure lookup, any authenticated user may ask.
   */
  async function competentUnit(code: string, exec: Executor = db): Promise<{ unit: OrgUnitRow | null; matchedCode: string | null }> {
    if (!/^\d{6}(\d{3}){0,2}$/.test(code)) throw validation('行政区划代码应为 6、9 或 12 位数字')
    const enclosing = enclosingCodes(code)
    const claims = await repo.claimsFor(exec, enclosing)
    const hit = pickCompetent(enclosing, claims)
    if (!hit) return { unit: null, matchedCode: null }
    return { unit: (await repo.findById(exec, hit.unitId)) ?? null, matchedCode: hit.divisionCode }
  }

  async function competentUnitPresented(code: string) {
    const r = await competentUnit(code)
    return {
      division: getDivision(code) ?? null,
      unit: r.unit ? (await presentMany(db, [r.unit]))[0]! : null,
      matchedCode: r.matchedCode,
    }
  }

  /** Scope check used by other modules: is this unit visible under the scope of `permission`? */
  async function unitVisible(ctx: Ctx, permission: string, unitId: string, exec: Executor = db): Promise<boolean> {
    const scope = scopeFor(ctx.actor, permission)
    if (!scope) return false
    const row = await repo.findById(exec, unitId)
    return !!row && unitPathInScope(scope, row.id, row.path)
  }

  return {
    listUnits,
    getUnit,
    createUnit,
    updateUnit,
    directory,
    competentUnit,
    competentUnitPresented,
    unitVisible,
    findById: (id: string, exec: Executor = db) => repo.findById(exec, id),
    count: () => repo.count(db),
    listAll: () => repo.listAll(db),
  }
}
export type OrgService = ReturnType<typeof createOrgService>

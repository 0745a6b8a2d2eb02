import type { Writable } from 'node:stream'
import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely'
import { assertCan, inScope, unitPathInScope, type Ctx, type ScopeSet } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { Database } from '../../core/db/types'
import { openReadConnection, type Dialect, type Executor } from '../../core/db/database'
import { escapeLike, fromBool, insertionOrder, likeOperator, toBool } from '../../core/db/dialect'
import { preparedQuery } from '../../core/db/prepared'
import { gramsOf, indexGramsSqlite, normaliseSearchText, selectiveGramMatch } from '../../core/db/text-search'
import type { CoreDeps } from '../../core/deps'
import { conflict, forbidden, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import { offsetOf } from '../../core/pagination'
import { keysetPages, writeXlsx, type XlsxColumn } from '../../core/export'
import type { AuditService } from '../audit'
import { getDivision } from '../org'
import { ENTITY_KIND_LABEL, ENTITY_STATUSES, ENTITY_TAGS, INDUSTRY_SECTIONS, type EntityStatus, type EntityTag } from './entities.domain'
import { createEntitiesRepo, createStationResolver, type EntityRecord } from './entities.repo'
import type { CreateEntity, Entity, EntityQuery, ProfileCell, ProfileColumn, UpdateEntity } from './entities.schema'
import { entityKindOf } from './uscc.domain'
import { checkUscc } from './uscc'
import { createCountCache, type CountCache } from './count-cache'

/** Name-substring searches are counted up to this many matches (the list pages past it by cursor). */
const COUNT_CAP = 10_000
/** Keyset cursors: the last row's sort key, base64url JSON (opaque to clients). */
function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}
function decodeCursor(s: string, bySeq: boolean): unknown[] {
  let v: unknown
  try {
    v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
  } catch {
    v = undefined
  }
  const ok =
    Array.isArray(v) &&
    (bySeq ? v.length === 1 && (typeof v[0] === 'number' || typeof v[0] === 'string') : v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string')
  if (!ok) throw validation('翻页游标无效（查询条件已改变？），请从第一页重新查询')
  return v as unknown[]
}
export const EXPORT_MAX_ROWS = 1_000_000
/**
 * Rows per export page: small pages keep the rows short-lived. With 5,000-row pages they were
 * promoted to V8's old generation: peak 303–343 MiB for a million rows instead of 198–200 (see
 * BENCHMARKS.md, register export).
 */
const EXPORT_PAGE_ROWS = 250
/** Only what the sheet shows (and the cursor): half the row's columns, half the garbage per page. */
const EXPORT_COLUMNS = [
  'marketEntity.id',
  'marketEntity.uscc',
  'marketEntity.regNo',
  'marketEntity.name',
  'marketEntity.entityKind',
  'marketEntity.legalRep',
  'marketEntity.businessAddress',
  'marketEntity.businessDivision',
  'marketEntity.industryCode',
  'marketEntity.registeredOn',
  'marketEntity.status',
  'marketEntity.riskClass',
  'marketEntity.tags',
  'marketEntity.platformName',
] as const

/** A tab of the entity profile contributed by a module (complaints, inspections, cases, credit…). */
export interface ProfileSection {
  key: string
  title: string
  /** Permission needed to see the section; checked before `load`. */
  permission: string
  /** Rows as readable cells under the section's own columns (see `ProfileSectionOut`). */
  load(ctx: Ctx, entity: Entity): Promise<{ count: number; columns: ProfileColumn[]; rows: Array<Record<string, ProfileCell>>; moreHref?: string | null }>
}

export function presentEntity(r: EntityRecord, stationName: string | null): Entity {
  const tags = r.tags.split('|').filter(Boolean)
  return {
    id: r.id,
    uscc: r.uscc,
    regNo: r.regNo,
    orgCode: r.orgCode,
    name: r.name,
    entityKind: r.entityKind,
    entityKindLabel: ENTITY_KIND_LABEL[r.entityKind as keyof typeof ENTITY_KIND_LABEL] ?? r.entityKind,
    entityType: r.entityType,
    legalRep: r.legalRep,
    domicile: r.domicile,
    domicileDivision: r.domicileDivision,
    businessAddress: r.businessAddress,
    businessDivision: r.businessDivision,
    businessDivisionName: r.businessDivision ? (getDivision(r.businessDivision)?.fullName ?? null) : null,
    industryCode: r.industryCode,
    industryName: r.industryCode ? (INDUSTRY_SECTIONS[r.industryCode[0]!] ?? null) : null,
    registeredOn: r.registeredOn,
    regAuthority: r.regAuthority,
    status: r.status,
    statusLabel: ENTITY_STATUSES[r.status as EntityStatus] ?? r.status,
    riskClass: r.riskClass,
    stationUnitId: r.stationUnitId,
    stationName,
    tags: tags.map((t) => ({ code: t, label: ENTITY_TAGS[t as EntityTag] ?? t })),
    platformName: r.platformName,
    checksumException: toBool(r.checksumException),
    checksumExceptionReason: r.checksumExceptionReason,
    source: r.source,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }
}

type Q = SelectQueryBuilder<Database, 'marketEntity', object>

/** The market-entity register: search, profile, manual maintenance, export. Imports: entities.import.ts. */
export function createEntitiesService({
  db,
  dialect,
  clock,
  audit,
  units,
  counts = createCountCache(),
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & {
  audit: AuditService
  /** Shared with the import service, which clears it on every batch. */
  counts?: CountCache
  /** Station names and paths for the hot lookups (org's cached unit directory). */
  units: () => Promise<{ byId: ReadonlyMap<string, { name: string; path: string }> }>
}) {
  const repo = createEntitiesRepo()
  const sections: ProfileSection[] = []

  /** The name index's part of a substring search (its rarest grams: core/db/text-search.ts); null when the index cannot help. */
  function nameIndexMatch(exec: Executor, q: Partial<EntityQuery>): Promise<RawBuilder<SqlBool> | null> {
    if (!q.name || q.nameMode === 'prefix') return Promise.resolve(null)
    return selectiveGramMatch(exec, dialect, 'market_entity', q.name.trim())
  }

  function filtered(exec: Executor, scope: ScopeSet, ctx: Ctx, q: Partial<EntityQuery>, d: Dialect, nameIndex: RawBuilder<SqlBool> | null): Q {
    let b = exec.selectFrom('marketEntity').where((eb) => inScope(eb, scope, ctx.actor, 'market_entity.station_unit_id')) as Q
    if (q.uscc) {
      const code = q.uscc.trim().toUpperCase()
      b = b.where((eb) => eb.or([eb('marketEntity.recordKey', '=', code), eb('marketEntity.regNo', '=', code)]))
    }
    if (q.name) {
      const name = q.name.trim()
      if (q.nameMode === 'prefix') {
        b = b.where('marketEntity.name', '>=', name).where('marketEntity.name', '<', `${name}\uffff`)
      } else {
        if (nameIndex) b = b.where(nameIndex)
        // Exact substring re-check (the index answers by grams).
        b = b.where(sql<SqlBool>`${sql.ref('market_entity.name')} ${sql.raw(likeOperator(d))} ${`%${escapeLike(name)}%`} escape '\\'`)
      }
    }
    if (q.legalRep) b = b.where('marketEntity.legalRep', '>=', q.legalRep).where('marketEntity.legalRep', '<', `${q.legalRep}\uffff`)
    if (q.division) {
      // GB/T 2260: xx0000 = province, xxxx00 = city, else county; 9 digits = township. A code covers
      // every code below it, which share its significant prefix.
      const code = q.division
      const prefix = code.length === 9 ? code : code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code
      b =
        code.length === 9
          ? b.where('marketEntity.businessDivision', '=', code)
          : b.where('marketEntity.businessDivision', '>=', prefix).where('marketEntity.businessDivision', '<', `${prefix}~`)
    }
    if (q.stationId) {
      const id = q.stationId
      b = b.where(
        sql<SqlBool>`${sql.ref('market_entity.station_unit_id')} in (select ou.id from org_unit ou where ou.path like (select p.path || '%' from org_unit p where p.id = ${id}))`,
      )
    }
    if (q.ids) b = b.where('marketEntity.id', 'in', q.ids.toLowerCase().split(','))
    if (q.kind) b = b.where('marketEntity.entityKind', '=', q.kind)
    if (q.status) b = b.where('marketEntity.status', '=', q.status)
    if (q.riskClass) b = b.where('marketEntity.riskClass', '=', q.riskClass)
    if (q.industry) b = b.where('marketEntity.industryCode', 'like', `${q.industry.toUpperCase()}%`)
    if (q.tag) {
      // IN (not EXISTS): the engine can drive the query from the tag index when the tag is rarer
      // than the other filters.
      const tag = q.tag
      b = b.where('marketEntity.id', 'in', (eb) => eb.selectFrom('entityTag').select('entityTag.entityId').where('entityTag.tag', '=', tag))
    }
    return b
  }

  async function stationNames(exec: Executor, ids: Array<string | null>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((x): x is string => !!x))]
    if (unique.length === 0) return new Map()
    const rows = await exec.selectFrom('orgUnit').select(['id', 'name']).where('id', 'in', unique).execute()
    return new Map(rows.map((r) => [r.id, r.name]))
  }

  // The lookup by code is the register's hottest query (every module resolves respondents,
  // targets and parties by USCC): compiled once, one indexed equality; the station's name and path
  // come from org's unit directory in memory (a join or subqueries cost more than the lookup
  // itself), and the scope is checked on that path — the same rule inScope() applies in SQL.
  const byCodeQuery = (column: 'recordKey' | 'regNo') =>
    preparedQuery(db, 1, (d, code: string) => d.selectFrom('marketEntity').selectAll('marketEntity').where(`marketEntity.${column}`, '=', code))
  // Ids first: most free-text names match nothing, and a wide select costs per call even when it
  // returns no row (every column is described), so the full rows are read only for a hit.
  const idsByName = preparedQuery(db, 1, (d, name: string) =>
    d.selectFrom('marketEntity').select('marketEntity.id').where('marketEntity.name', '=', name).limit(20),
  )
  const byId = preparedQuery(db, 1, (d, id: string) => d.selectFrom('marketEntity').selectAll('marketEntity').where('marketEntity.id', '=', id))
  async function byName(name: string): Promise<EntityRecord[]> {
    const ids = await idsByName(name)
    const rows: EntityRecord[] = []
    for (const { id } of ids) rows.push(...(await byId(id)))
    return rows
  }
  /** Rows with their station's name and path (directory first; a station created a moment ago in another process is read). */
  async function withStations<R extends EntityRecord>(rows: R[]) {
    if (rows.length === 0) return []
    const dir = await units()
    const missing = [...new Set(rows.map((r) => r.stationUnitId).filter((id): id is string => !!id && !dir.byId.has(id)))]
    const extra =
      missing.length === 0
        ? new Map<string, { name: string; path: string }>()
        : new Map((await db.selectFrom('orgUnit').select(['id', 'name', 'path']).where('id', 'in', missing).execute()).map((u) => [u.id, u]))
    return rows.map((r) => {
      const st = r.stationUnitId ? (dir.byId.get(r.stationUnitId) ?? extra.get(r.stationUnitId)) : undefined
      return { ...r, stationName: st?.name ?? null, stationPath: st?.path ?? null }
    })
  }
  const byRecordKey = byCodeQuery('recordKey')
  const byRegNo = byCodeQuery('regNo')
  const onlyCode = (q: EntityQuery) =>
    !!q.uscc && q.page === 1 && !q.name && !q.legalRep && !q.division && !q.stationId && !q.kind && !q.tag && !q.riskClass && !q.status && !q.industry && !q.ids

  async function searchByCode(ctx: Ctx, scope: ScopeSet, q: EntityQuery) {
    const code = q.uscc!.trim().toUpperCase()
    // The general filter reads "record key = code or registration number = code". A registration
    // number is always 15 digits (validated on every write) and a record key never is (a USCC has 18
    // characters, a legacy record's key is 'REG:' + its number), so the code's shape picks the one
    // index that can match.
    const rows = (await withStations(await (/^\d{15}$/.test(code) ? byRegNo(code) : byRecordKey(code))))
      .filter((r) => scope.all || (r.stationUnitId !== null && r.stationPath !== null && unitPathInScope(scope, r.stationUnitId, r.stationPath)))
      .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    const items = rows.slice(0, q.pageSize).map(({ stationName, stationPath: _p, ...r }) => presentEntity(r, stationName ?? null))
    return { items, total: rows.length, totalCapped: false, page: q.page, pageSize: q.pageSize }
  }

  /**
   * One page of the register. Keyset paging: each page returns `nextCursor` (the last row's sort
   * key), and `after` reads on from it with an index range — any depth costs the same as page 1, so
   * the list pages through the whole register. `page` alone still works (an offset) for a jump.
   * The total is exact: from the page itself when the first page is short, else counted (see count).
   */
  async function search(ctx: Ctx, q: EntityQuery) {
    const scope = assertCan(ctx.actor, 'entity.read')
    if (onlyCode(q) && !q.after) return { ...(await searchByCode(ctx, scope, q)), nextCursor: null }
    const base = filtered(db, scope, ctx, q, dialect, await nameIndexMatch(db, q))
    // A substring search is answered from the name index in register order, so the first page is
    // found without sorting every match (a two-character query can match 100,000); otherwise name order.
    const bySeq = !!q.name && q.nameMode !== 'prefix'
    const seq = insertionOrder(dialect, 'market_entity')
    // Station names come from org's unit directory in memory (see withStations), not a join: one
    // table in the statement plans faster (PostgreSQL plans every search anew) and reads less.
    let page = base.selectAll('marketEntity').select(sql<string | number>`${seq}`.as('seq'))
    const cursor = q.after ? decodeCursor(q.after, bySeq) : null
    if (bySeq) {
      if (cursor) page = page.where(sql<SqlBool>`${seq} > ${cursor[0]}`)
      page = page.orderBy(seq)
    } else {
      if (cursor) {
        const [name, id] = cursor as [string, string]
        page = page.where('marketEntity.name', '>=', name).where((eb) => eb.or([eb('marketEntity.name', '>', name), eb('marketEntity.id', '>', id)]))
      }
      page = page.orderBy('marketEntity.name').orderBy('marketEntity.id')
    }
    const offset = cursor ? 0 : offsetOf(q)
    const rows = await withStations(
      await page
        .limit(q.pageSize + 1)
        .offset(offset)
        .execute(),
    )
    const more = rows.length > q.pageSize
    const items = rows.slice(0, q.pageSize)
    const last = items.at(-1)
    const nextCursor = more && last ? encodeCursor(bySeq ? [last.seq] : [last.name, last.id]) : null
    // A first page that is not full is the whole result: no count (the common exact-name lookup).
    // The register's size and every structured filter are counted exactly (index-only counts). A
    // substring search is counted up to COUNT_CAP: every match is re-checked on its row, and a
    // two-character word matches ~8 % of the register (80,000 rows of a million: seconds); the
    // cursor still pages through all of its matches.
    const cap = bySeq ? COUNT_CAP : undefined
    const countKey = JSON.stringify([ctx.actor.userId, scope.all, scope.treePaths, scope.unitIds, { ...q, page: 0, pageSize: 0, after: undefined }])
    const n = !cursor && offset === 0 && !more ? items.length : await counts.get(countKey, () => count(base, cap))
    return {
      items: items.map(({ stationName, stationPath: _p, seq: _s, ...r }) => presentEntity(r, stationName ?? null)),
      total: cap ? Math.min(n, cap) : n,
      totalCapped: !!cap && n > cap,
      page: q.page,
      pageSize: q.pageSize,
      nextCursor,
    }
  }

  /** Number of rows of a filtered register query: exact, or up to `cap` + 1. */
  async function count(base: Q, cap?: number): Promise<number> {
    const rows = cap ? base.select('marketEntity.id').limit(cap + 1) : base.select('marketEntity.id')
    const r = await db
      .selectFrom(rows.as('c'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }

  async function loadVisible(ctx: Ctx, id: string, permission = 'entity.read', exec: Executor = db): Promise<EntityRecord> {
    const scope = assertCan(ctx.actor, permission)
    const row = await exec
      .selectFrom('marketEntity')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => inScope(eb, scope, ctx.actor, 'market_entity.station_unit_id'))
      .executeTakeFirst()
    if (!row) throw notFound('经营主体', id)
    return row
  }

  async function get(ctx: Ctx, id: string): Promise<Entity> {
    const row = await loadVisible(ctx, id)
    const names = await stationNames(db, [row.stationUnitId])
    return presentEntity(row, row.stationUnitId ? (names.get(row.stationUnitId) ?? null) : null)
  }

  /** The entity lookup other modules use: by USCC or registration number, within the actor's scope. */
  async function findByCode(ctx: Ctx, code: string): Promise<Entity | undefined> {
    const r = await search(ctx, { uscc: code, page: 1, pageSize: 1, nameMode: 'contains' })
    return r.items[0]
  }

  /**
   * Entities registered under exactly this name, within the actor's scope (at most 20): how a
   * respondent typed by name on the hotline is matched to the register. One indexed equality.
   */
  async function findByExactName(ctx: Ctx, name: string): Promise<Entity[]> {
    const scope = assertCan(ctx.actor, 'entity.read')
    const rows = await withStations(await byName(name.trim()))
    return rows
      .filter((r) => scope.all || (r.stationUnitId !== null && r.stationPath !== null && unitPathInScope(scope, r.stationUnitId, r.stationPath)))
      .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
      .map(({ stationName, stationPath: _p, ...r }) => presentEntity(r, stationName ?? null))
  }

  /** Everything the platform knows about the entity: base data plus every registered section. */
  async function profile(ctx: Ctx, id: string) {
    const entity = await get(ctx, id)
    const [licences, nameHistory, versions] = await Promise.all([repo.licencesOf(db, id), repo.nameHistoryOf(db, id), repo.versionsOf(db, id)])
    const extra = []
    for (const s of sections) {
      if (!ctx.actor.scopes.has(s.permission) && ctx.actor.kind !== 'system') continue
      extra.push({ key: s.key, title: s.title, ...(await s.load(ctx, entity)) })
    }
    return {
      entity,
      licences: licences.map((l) => ({ id: l.id, kind: l.kind, number: l.number, scope: l.scope, validTo: l.validTo })),
      nameHistory: nameHistory.map((n) => ({ name: n.name, changedAt: n.changedAt })),
      versions: versions.map((v) => ({
        version: v.version,
        changedAt: v.changedAt,
        source: v.source,
        snapshot: JSON.parse(v.snapshot) as Record<string, unknown>,
      })),
      sections: extra,
    }
  }

  /**
   * A manager acts only inside their jurisdiction: the entity's competent station (from its
   * business-address division) must lie within their entity.manage scope, checked before writing.
   */
  async function assertStationInScope(exec: Executor, ctx: Ctx, stationUnitId: string | null) {
    const scope = assertCan(ctx.actor, 'entity.manage')
    if (scope.all) return
    const unit = stationUnitId ? await exec.selectFrom('orgUnit').select(['id', 'path']).where('id', '=', stationUnitId).executeTakeFirst() : undefined
    if (!unit || !unitPathInScope(scope, unit.id, unit.path)) throw forbidden('该主体的经营场所不在您的管辖范围内，不能登记或改到范围之外')
  }

  async function station(exec: Executor, division: string | null | undefined) {
    if (!division) return null
    return createStationResolver(await repo.jurisdictionClaims(exec))(division)
  }

  function checkDivisions(input: { domicileDivision?: string | null; businessDivision?: string | null }) {
    for (const [label, v] of [
      ['住所行政区划', input.domicileDivision],
      ['经营场所行政区划', input.businessDivision],
    ] as const) {
      if (v && !getDivision(v)) throw validation(`${label}“${v}”不存在`)
    }
  }

  async function writeGrams(exec: Executor, id: string, name: string, replace: boolean) {
    if (dialect === 'postgres')
      await exec
        .updateTable('marketEntity')
        .set({ grams: gramsOf(name) } as never)
        .where('id', '=', id)
        .execute()
    else await indexGramsSqlite(exec, 'market_entity', [{ id, text: name }], replace)
  }

  /**
   * Registers one entity by hand. A code that fails the check may be recorded only with an explicit,
   * reasoned, audited checksum exception (早期试点代码).
   */
  async function create(ctx: Ctx, input: CreateEntity): Promise<Entity> {
    assertCan(ctx.actor, 'entity.manage')
    if (!input.uscc && !input.regNo) throw validation('统一社会信用代码与注册号至少填写一项')
    let uscc: string | null = null
    let exception = false
    if (input.uscc) {
      const r = checkUscc(input.uscc)
      if (r.valid) uscc = r.code
      else if (input.checksumException && (r.failure === 'check' || r.failure === 'org_code' || r.failure === 'division')) {
        if (!input.checksumExceptionReason) throw validation('按校验例外登记时必须填写理由')
        uscc = r.code
        exception = true
      } else if (input.checksumException) {
        throw validation(`${r.reason}（校验例外只适用于校验位或区划码不符，不适用于长度或字符错误）`)
      } else {
        throw validation(r.reason, { failure: r.failure, expected: r.valid ? undefined : r.expected })
      }
    }
    checkDivisions(input)
    const id = newId()
    const now = clock.now().toISOString()
    if (input.registeredOn && input.registeredOn > chinaDate(clock.now())) throw validation('成立日期不能晚于今天')
    await db.transaction().execute(async (trx) => {
      const key = uscc ?? `REG:${input.regNo}`
      if (await repo.findByKey(trx, key)) throw conflict(`代码“${uscc ?? input.regNo}”已在名录中`)
      const businessDivision = input.businessDivision ?? input.domicileDivision ?? null
      const row = {
        id,
        recordKey: key,
        uscc,
        regNo: input.regNo ?? null,
        orgCode: uscc ? uscc.slice(8, 17) : null,
        name: input.name,
        entityKind: uscc ? entityKindOf(uscc) : 'other',
        entityType: input.entityType ?? null,
        legalRep: input.legalRep ?? null,
        domicile: input.domicile ?? null,
        domicileDivision: input.domicileDivision ?? null,
        businessAddress: input.businessAddress ?? null,
        businessDivision,
        industryCode: input.industryCode?.toUpperCase() ?? null,
        registeredOn: input.registeredOn ?? null,
        regAuthority: input.regAuthority ?? null,
        status: input.status ?? 'active',
        riskClass: input.riskClass ?? null,
        stationUnitId: await station(trx, businessDivision),
        tags: input.tags?.length ? `|${input.tags.join('|')}|` : '',
        platformName: input.platformName ?? null,
        checksumException: fromBool(exception),
        checksumExceptionReason: exception ? input.checksumExceptionReason! : null,
        source: 'manual',
        version: 1,
        createdAt: now,
        updatedAt: now,
        updatedBy: ctx.actor.userId,
      }
      await assertStationInScope(trx, ctx, row.stationUnitId)
      await trx.insertInto('marketEntity').values(row).execute()
      await writeGrams(trx, id, row.name, false)
      if (input.tags?.length)
        await trx
          .insertInto('entityTag')
          .values(input.tags.map((tag) => ({ tag, entityId: id })))
          .execute()
      await audit.record(trx, ctx, {
        action: exception ? 'entity.create.checksum_exception' : 'entity.create',
        targetType: 'market_entity',
        targetId: id,
        targetLabel: row.name,
        unitId: row.stationUnitId,
        after: row,
      })
    })
    counts.clear()
    return get(ctx, id)
  }

  /** Edits an entity; the previous state is kept as a version, the change audited. */
  async function update(ctx: Ctx, id: string, input: UpdateEntity): Promise<Entity> {
    checkDivisions(input)
    await db.transaction().execute(async (trx) => {
      const old = await loadVisible(ctx, id, 'entity.manage', trx)
      if (old.version !== input.expectedVersion) throw conflict('该经营主体已被他人修改，请刷新后重试')
      const now = clock.now().toISOString()
      const patch: Partial<EntityRecord> = { updatedAt: now, updatedBy: ctx.actor.userId, version: old.version + 1 }
      for (const k of [
        'name',
        'entityType',
        'legalRep',
        'domicile',
        'domicileDivision',
        'businessAddress',
        'businessDivision',
        'industryCode',
        'registeredOn',
        'regAuthority',
        'status',
        'riskClass',
        'platformName',
      ] as const) {
        if (input[k] !== undefined) (patch as Record<string, unknown>)[k] = input[k]
      }
      if (input.tags) patch.tags = input.tags.length ? `|${input.tags.join('|')}|` : ''
      if (input.businessDivision !== undefined) {
        patch.stationUnitId = await station(trx, input.businessDivision)
        await assertStationInScope(trx, ctx, patch.stationUnitId)
      }
      const r = await trx.updateTable('marketEntity').set(patch).where('id', '=', id).where('version', '=', old.version).executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1) throw conflict('该经营主体已被他人修改，请刷新后重试')
      await trx
        .insertInto('entityVersion')
        .values({
          id: newId(),
          entityId: id,
          version: old.version,
          snapshot: JSON.stringify(old),
          changedAt: now,
          changedBy: ctx.actor.userId,
          source: 'manual',
        })
        .execute()
      if (patch.name && patch.name !== old.name) {
        await trx.insertInto('entityNameHistory').values({ id: newId(), entityId: id, name: old.name, changedAt: now }).execute()
        await writeGrams(trx, id, patch.name, true)
      }
      if (input.tags) {
        await trx.deleteFrom('entityTag').where('entityId', '=', id).execute()
        if (input.tags.length)
          await trx
            .insertInto('entityTag')
            .values(input.tags.map((tag) => ({ tag, entityId: id })))
            .execute()
      }
      await audit.record(trx, ctx, {
        action: 'entity.update',
        targetType: 'market_entity',
        targetId: id,
        targetLabel: patch.name ?? old.name,
        unitId: patch.stationUnitId ?? old.stationUnitId,
        before: old,
        after: { ...old, ...patch, reason: input.reason },
      })
    })
    counts.clear()
    return get(ctx, id)
  }

  /** Streams the search result as .xlsx (up to a million rows, constant memory). Audited. */
  async function exportXlsx(ctx: Ctx, q: Partial<EntityQuery>, out: Writable, onRow?: (n: number) => void): Promise<number> {
    const scope = assertCan(ctx.actor, 'entity.export')
    assertCan(ctx.actor, 'entity.read')
    // Pages are read through a connection of their own with a small page cache (SQLite), so a
    // million-row export neither grows the process by the app connection's cache nor evicts what
    // other requests need; on PostgreSQL it is the pool. Keyset pages in (name, id) order: the name
    // index is entered at the last row written (`name >= …`), never an OFFSET scan nor an OR the
    // planner could answer only by sorting everything after the cursor.
    const nameIndex = await nameIndexMatch(db, q)
    const reader = await openReadConnection(db, dialect)
    const page = (after: { name: string; id: string } | undefined, limit: number) => {
      let b = filtered(reader.db, scope, ctx, { ...q, page: 1, pageSize: 1 }, dialect, nameIndex)
      if (after)
        b = b
          .where('marketEntity.name', '>=', after.name)
          .where((eb) => eb.or([eb('marketEntity.name', '>', after.name), eb('marketEntity.id', '>', after.id)]))
      return b.select(EXPORT_COLUMNS).orderBy('marketEntity.name').orderBy('marketEntity.id').limit(limit).execute()
    }
    type Row = Awaited<ReturnType<typeof page>>[number]
    // Values are written as typed strings, never formulas, so a cell like "=HYPERLINK(…)" stays text.
    const columns: Array<XlsxColumn<Row>> = [
      { header: '统一社会信用代码', width: 22, value: (r) => r.uscc },
      { header: '注册号', width: 18, value: (r) => r.regNo },
      { header: '名称', width: 36, value: (r) => r.name },
      { header: '主体类型', width: 12, value: (r) => ENTITY_KIND_LABEL[r.entityKind as keyof typeof ENTITY_KIND_LABEL] ?? r.entityKind },
      { header: '法定代表人', width: 12, value: (r) => r.legalRep },
      { header: '经营场所', width: 40, value: (r) => r.businessAddress },
      { header: '经营场所行政区划', width: 12, value: (r) => r.businessDivision },
      { header: '行业代码', width: 10, value: (r) => r.industryCode },
      { header: '成立日期', width: 12, value: (r) => r.registeredOn, format: 'date' },
      { header: '登记状态', width: 14, value: (r) => ENTITY_STATUSES[r.status as EntityStatus] ?? r.status },
      { header: '风险等级', width: 8, value: (r) => r.riskClass },
      {
        header: '标签',
        width: 24,
        value: (r) =>
          r.tags
            .split('|')
            .filter(Boolean)
            .map((t) => ENTITY_TAGS[t as EntityTag] ?? t)
            .join('、'),
      },
      { header: '所在平台', width: 16, value: (r) => r.platformName },
    ]
    let n: number
    try {
      n = await writeXlsx(out, {
        name: '经营主体名录',
        columns,
        rows: keysetPages(page, (r) => ({ name: r.name, id: r.id }), EXPORT_PAGE_ROWS),
        maxRows: EXPORT_MAX_ROWS,
        onRows: onRow,
      })
    } finally {
      await reader.close()
    }
    await db
      .transaction()
      .execute((trx) =>
        audit.record(trx, ctx, { action: 'entity.export', targetType: 'market_entity', targetLabel: `导出 ${n} 条`, after: { filter: q, rows: n } }),
      )
    return n
  }

  return {
    /** The list's count cache, for the import service to clear. */
    counts,
    search,
    get,
    profile,
    create,
    update,
    exportXlsx,
    findByCode,
    findByExactName,
    /** The export's file name, dated in Beijing time. */
    exportFileName: () => `经营主体名录-${chinaDate(clock.now())}.xlsx`,
    /** Checked before a streamed response starts: afterwards no error can change the status. */
    assertCanExport(ctx: Ctx) {
      assertCan(ctx.actor, 'entity.export')
      assertCan(ctx.actor, 'entity.read')
    },
    /** Other modules add their tab to the entity profile here. */
    registerProfileSection(s: ProfileSection) {
      sections.push(s)
    },
    normalise: normaliseSearchText,
  }
}
export type EntitiesService = ReturnType<typeof createEntitiesService>

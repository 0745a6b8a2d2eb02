import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import { assertCan, inScope, scopeFor, systemCtx, unitPathInScope, type Ctx, type ScopeSet } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { Database } from '../../core/db/types'
import type { Executor, Trx } from '../../core/db/database'
import { escapeLike, forUpdate, likeOperator } from '../../core/db/dialect'
import { createGroupCommit } from '../../core/db/group-commit'
import { preparedStatement } from '../../core/db/prepared'
import { createSharedCache } from '../../core/db/shared-cache'
import { nextYearlyNumber } from '../../core/db/sequence'
import type { CoreDeps } from '../../core/deps'
import { AppError, conflict, forbidden, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import { maskName } from '../../core/mask'
import { offsetOf } from '../../core/pagination'
import { ROLES } from '../access'
import type { AuditService } from '../audit'
import type { AnswersService } from './answers.service'
import { addWorkingDays, type CalendarData, type CalendarService } from '../calendar'
import type { EnforcementService } from '../enforcement'
import type { MessagesService } from '../messages'
import { checkUscc as checkUsccCode, type EntitiesService } from '../entities'
import { bureauIn, competentIn, getDivision, type OrgDirectory, type OrgService } from '../org'
import { regimeFor, type RuleVersion, type RulesService } from '../rules'
import {
  ACTION_LABEL,
  CATEGORIES,
  CHANNEL_LABEL,
  CLOCK_STATUS_LABEL,
  FINAL_STATES,
  ITEM_NO_PREFIX,
  ITEM_TYPE_LABEL,
  NOT_FILED_REASONS,
  OUTCOME_LABEL,
  REGIME_LABEL,
  STATE_LABEL,
  allowedActions,
  computeClocks,
  isLikelyDuplicate,
  jurisdictionCandidates,
  nonAcceptanceReasons,
  pickCompetent,
  terminationGrounds,
  reporterDisplay,
  textSimilarity,
  type Clock,
  type ClockSettings,
  type ItemType,
  type Regime,
  type RespondentKind,
  type State,
} from './complaints.domain'
import { assignmentOffer, decideAssignment } from './complaints.assignment'
import { createComplaintTransitions } from './complaints.transitions'
import { createComplaintClocks, newItemFacts } from './complaints.clocks'
import {
  createComplaintsRepo,
  itemDefaults,
  maskedParty,
  partyRows,
  phoneHash,
  idHash,
  type ItemInsert,
  type ItemRow,
  type PartyInput,
} from './complaints.repo'
import type { IntakeInput, ItemDetail, ItemSummary, ListQuery, PreviewInput, Respondent, Settings } from './complaints.schema'

const RULE_IDS = ['complaint.accept', 'complaint.mediation', 'complaint.termination_notice', 'report.verify', 'report.notify_filing', 'jurisdiction.dispute']
const SETTINGS_KEY = 'complaints.settings'
export const DEFAULT_SETTINGS: Settings = { consultationAnswerWd: 3, dueSoonWd: 2, duplicateWindowDays: 30, duplicateThreshold: 0.5 }
const EVENT_LABEL: Record<string, string> = {
  received: '登记',
  split: '拆分',
  assign: '指定承办人',
  feedback: '反馈',
  supervise: '督办',
  supervision_response: '督办回复',
  escalated: '超期升级',
  attachment: '上传附件',
  rated: '满意度评价',
  imported: '全国平台转办导入',
  link: '关联原件',
  respondent: '关联名录主体',
  ...ACTION_LABEL,
}
/** Public wording of the portal's timeline for what is not a transition (a transition's is in its declaration): no names, no internal notes. */
const PUBLIC_TEXT: Partial<Record<string, string>> = {
  received: '您的诉求已登记',
  feedback: '承办单位已反馈',
  rated: '您已评价',
}

type Exec = Executor
/** Calendar, rule versions, settings and the unit directory: what clocks and routing read, loaded before a transaction. */
export interface ClockEnv {
  cal: CalendarData
  rules: RuleVersion[]
  settings: Settings
  org: OrgDirectory
}

/** The 12315 centre: intake, routing, clocks, outcomes, supervision, confidentiality. */
export function createComplaintsService({
  db,
  dialect,
  clock,
  audit,
  org,
  entities,
  rules,
  calendar,
  enforcement,
  answers,
  messages,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & {
  audit: AuditService
  answers: Pick<AnswersService, 'use'>
  org: OrgService
  entities: EntitiesService
  rules: RulesService
  calendar: CalendarService
  enforcement: Pick<EnforcementService, 'createLead'>
  /** 消息中心: assignment, dispatch and 督办 reach the handler (or the unit's handlers) in the same transaction. */
  messages?: Pick<MessagesService, 'notify'>
}) {
  const repo = createComplaintsRepo()
  const today = () => chinaDate(clock.now())
  // Intakes arriving together share one SQLite commit (each in its own savepoint).
  const intakeWrites = createGroupCommit(db)

  // ---- settings ---------------------------------------------------------------------------------
  async function readSettings(exec: Exec): Promise<Settings> {
    const row = await exec.selectFrom('appSetting').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst()
    if (!row) return DEFAULT_SETTINGS
    try {
      return { ...DEFAULT_SETTINGS, ...(JSON.parse(row.value) as Partial<Settings>) }
    } catch {
      return DEFAULT_SETTINGS
    }
  }
  // Read on every intake and list: cached, shared across processes through a version row.
  const settingsCache = createSharedCache({ db, clock, key: 'complaint_settings_version', load: () => readSettings(db) })
  /** The settings; inside a transaction pass it (read directly), outside the cached copy is used. */
  async function getSettings(exec: Exec = db): Promise<Settings> {
    return exec === db ? settingsCache.get() : readSettings(exec)
  }
  /** The settings as the API shows them: for those who work with 12315 items. */
  async function viewSettings(ctx: Ctx): Promise<Settings> {
    assertCan(ctx.actor, 'complaint.read')
    return getSettings()
  }
  async function updateSettings(ctx: Ctx, s: Settings): Promise<Settings> {
    if (!assertCan(ctx.actor, 'complaint.supervise').all) throw forbidden('12315 办理设置全市通用，只有全局范围的督办人员可以修改')
    const before = await getSettings()
    const now = clock.now().toISOString()
    await db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('appSetting')
          .values({ key: SETTINGS_KEY, value: JSON.stringify(s), updatedAt: now })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(s), updatedAt: now }))
          .execute()
        await audit.record(trx, ctx, {
          action: 'complaint.settings.update',
          targetType: 'app_setting',
          targetId: SETTINGS_KEY,
          targetLabel: '12315 办理设置',
          before,
          after: s,
        })
        await settingsCache.bump(trx)
      })
      .finally(() => settingsCache.invalidate())
    return s
  }
  const clockSettings = (s: Settings): ClockSettings => ({ consultationAnswerWd: s.consultationAnswerWd, dueSoonWd: s.dueSoonWd })

  // ---- scope ------------------------------------------------------------------------------------
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
  async function itemAllowed(exec: Exec, ctx: Ctx, item: ItemRow, permission: string, on: 'any' | 'handling' | 'intake' = 'any'): Promise<boolean> {
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

  // ---- units ------------------------------------------------------------------------------------
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
  const ref = (names: Map<string, string>, id: string | null) => (id ? { id, name: names.get(id) ?? id } : null)

  // ---- clocks -----------------------------------------------------------------------------------
  /**
   * What clock computations need, loaded OUTSIDE any transaction: the calendar and rule caches read
   * through the pool, and SQLite has a single connection held by an open transaction.
   */
  let rulesCache: { at: number; versions: RuleVersion[] } | null = null
  async function clockEnv(): Promise<ClockEnv> {
    const now = Date.now()
    if (!rulesCache || now - rulesCache.at > 5_000) {
      const all = await rules.list(systemCtx('complaints'), {})
      rulesCache = { at: now, versions: all.items.filter((r) => RULE_IDS.includes(r.ruleId)) }
    }
    const [cal, settings, dir] = await Promise.all([calendar.calendar(), getSettings(), org.directory()])
    return { cal, rules: rulesCache.versions, settings, org: dir }
  }
  // The clocks live in matter_clock (complaints.clocks.ts); the item keeps the projection.
  const itemClocks = createComplaintClocks({ repo, clock, clockSettings })
  const clocksOf = itemClocks.clocksOf
  async function refreshClocks(trx: Trx, id: string, env: ClockEnv) {
    await itemClocks.refresh(trx, id, env)
  }
  const presentClock = (c: Clock) => ({ ...c, statusLabel: CLOCK_STATUS_LABEL[c.status] })

  // ---- respondent and routing -------------------------------------------------------------------
  interface ResolvedRespondent {
    entityId: string | null
    name: string
    uscc: string | null
    address: string | null
    division: string | null
    domicileDivision: string | null
    conductDivision: string | null
    kind: RespondentKind
    platformEntityId: string | null
    platformName: string | null
    platformDomicileDivision: string | null
    sellerAddressUnavailable: boolean
  }
  function checkUscc(code: string | undefined) {
    if (!code) return
    const r = checkUsccCode(code)
    if (!r.valid) throw validation(`统一社会信用代码“${code}”无效：${r.reason}`, [{ path: 'respondent.uscc', message: r.reason }])
  }
  function kindFromTags(tags: Array<{ code: string }>, fallback: RespondentKind): RespondentKind {
    if (tags.some((t) => t.code === 'online_platform')) return 'platform'
    if (tags.some((t) => t.code === 'platform_seller')) return fallback === 'offline' ? 'platform_seller' : fallback
    return fallback
  }
  async function resolveRespondent(ctx: Ctx, r: Partial<Respondent> & { kind?: RespondentKind }): Promise<ResolvedRespondent> {
    checkUscc(r.uscc)
    let entity = r.entityId
      ? await entities.get(ctx, r.entityId).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'NOT_FOUND')
            throw validation(`名录中找不到经营主体“${r.entityId}”`, [{ path: 'respondent.entityId', message: '经营主体不存在' }])
          throw e
        })
      : undefined
    if (!entity && r.uscc) entity = await entities.findByCode(ctx, r.uscc)
    if (!entity && !r.uscc && r.name && r.name.length >= 4) {
      // A free-text name identical to exactly one registered name is that entity.
      const exact = await entities.findByExactName(ctx, r.name)
      if (exact.length === 1) entity = exact[0]
    }
    const kind = entity ? kindFromTags(entity.tags, r.kind ?? 'offline') : (r.kind ?? 'offline')
    let platformEntityId = r.platformEntityId ?? null
    let platformName = r.platformName ?? entity?.platformName ?? null
    let platformDomicileDivision: string | null = null
    if (platformEntityId) {
      const p = await entities.get(ctx, platformEntityId).catch(() => undefined)
      if (!p) throw validation('名录中找不到所选平台', [{ path: 'respondent.platformEntityId', message: '平台不存在' }])
      platformName = p.name
      platformDomicileDivision = p.domicileDivision ?? p.businessDivision
    } else if (kind === 'platform_seller' && platformName) {
      const found = await entities.search(ctx, { name: platformName, tag: 'online_platform', page: 1, pageSize: 1, nameMode: 'contains' })
      const p = found.items[0]
      if (p) {
        platformEntityId = p.id
        platformDomicileDivision = p.domicileDivision ?? p.businessDivision
      }
    }
    return {
      entityId: entity?.id ?? null,
      name: entity?.name ?? r.name ?? '',
      uscc: entity?.uscc ?? r.uscc ?? null,
      address: r.address ?? entity?.businessAddress ?? entity?.domicile ?? null,
      division: r.division ?? entity?.businessDivision ?? null,
      domicileDivision: r.domicileDivision ?? entity?.domicileDivision ?? null,
      conductDivision: r.conductDivision ?? null,
      kind,
      platformEntityId,
      platformName,
      platformDomicileDivision,
      sellerAddressUnavailable: r.sellerAddressUnavailable ?? false,
    }
  }
  function route(dir: OrgDirectory, type: ItemType, regime: Regime, resp: ResolvedRespondent, receivingUnitId: string | null) {
    const candidates = jurisdictionCandidates({
      type,
      regime,
      respondentKind: resp.kind,
      businessDivision: resp.division,
      domicileDivision: resp.domicileDivision,
      conductDivision: resp.conductDivision,
      platformDomicileDivision: resp.platformDomicileDivision,
      sellerAddressUnavailable: resp.sellerAddressUnavailable,
    })
    const resolved: Array<{ division: string; basis: string; unitId: string | null; bureauId: string | null; bureauName: string | null }> = []
    for (const c of candidates) {
      const hit = /^\d{6}(\d{3}){0,2}$/.test(c.division) ? competentIn(dir, c.division) : { unit: null }
      const bureau = hit.unit ? bureauIn(dir, hit.unit.id) : null
      // The competent bureau for complaints is county-level; a city claim alone (no district holds the code) still routes to the city.
      resolved.push({ ...c, unitId: hit.unit?.id ?? null, bureauId: bureau?.id ?? null, bureauName: bureau?.name ?? null })
    }
    const receivingBureau = bureauIn(dir, receivingUnitId)
    const pick = pickCompetent(resolved, receivingBureau?.id ?? null)
    const suggested = pick?.unitId && pick.unitId !== pick.bureauId ? pick.unitId : null
    return { candidates: resolved, competent: pick, suggestedUnitId: suggested ?? pick?.bureauId ?? null }
  }

  async function preview(ctx: Ctx, input: PreviewInput) {
    assertCan(ctx.actor, 'complaint.intake')
    const receivedOn = input.receivedOn ?? today()
    if (receivedOn > today()) throw validation('接收日期不能晚于今天')
    const regime = regimeFor(receivedOn)
    const warnings: string[] = []
    const resp = input.respondent ? await resolveRespondent(ctx, input.respondent) : null
    const env = await clockEnv()
    const r = resp ? route(env.org, input.type, regime, resp, ctx.actor.primaryUnitId) : { candidates: [], competent: null, suggestedUnitId: null }
    if (!resp) warnings.push('尚未填写被投诉（举报）人，无法确定管辖')
    else if (!r.competent) warnings.push('根据被投诉（举报）人所在地找不到本市的管辖单位：请核实地址，或告知当事人向有管辖权的部门反映')
    if (r.candidates.filter((c) => c.bureauId).length > 1) warnings.push('两个以上部门均有管辖权：由先收到的部门处理（第十三条）')
    const clocks = computeClocks(newItemFacts(input.type, receivedOn, false), env.rules, env.cal, today(), clockSettings(env.settings))
    if (clocks.some((c) => c.provisional))
      warnings.push(`期限涉及尚未公布节假日安排的年份（${[...new Set(clocks.flatMap((c) => c.missingYears))].join('、')}），仅按周末计算，属临时结果`)
    const names = new Map([r.competent?.bureauId, r.suggestedUnitId].filter((x): x is string => !!x).map((id) => [id, env.org.byId.get(id)?.name ?? id]))
    return {
      regime,
      regimeLabel: REGIME_LABEL[regime],
      competentUnit: r.competent?.bureauId ? ref(names, r.competent.bureauId) : null,
      suggestedUnit: r.suggestedUnitId ? ref(names, r.suggestedUnitId) : null,
      candidates: r.candidates.map((c) => ({
        division: c.division,
        divisionName: getDivision(c.division)?.fullName ?? null,
        basis: c.basis,
        bureau: c.bureauId ? { id: c.bureauId, name: c.bureauName ?? c.bureauId } : null,
      })),
      clocks: clocks.map(presentClock),
      warnings,
    }
  }

  async function suggestRespondents(ctx: Ctx, q: string) {
    assertCan(ctx.actor, 'complaint.intake')
    const code = q.trim().toUpperCase()
    const byCode = /^[0-9A-Z]{15,18}$/.test(code)
    const found = await entities.search(
      ctx,
      byCode ? { uscc: code, page: 1, pageSize: 10, nameMode: 'contains' } : { name: q, page: 1, pageSize: 10, nameMode: 'contains' },
    )
    const ids = found.items.map((e) => e.id)
    const open =
      ids.length === 0
        ? []
        : await db
            .selectFrom('complaintItem')
            .select(['respondentEntityId', (eb) => eb.fn.countAll<number>().as('n')])
            .where('respondentEntityId', 'in', ids)
            .where('state', 'not in', FINAL_STATES as State[])
            .groupBy('respondentEntityId')
            .execute()
    return {
      items: found.items.map((e) => ({
        entityId: e.id,
        name: e.name,
        uscc: e.uscc,
        address: e.businessAddress ?? e.domicile,
        division: e.businessDivision,
        domicileDivision: e.domicileDivision,
        kind: kindFromTags(e.tags, 'offline'),
        platformName: e.platformName,
        stationName: e.stationName,
        openItems: Number(open.find((o) => o.respondentEntityId === e.id)?.n ?? 0),
      })),
    }
  }

  // ---- duplicates -------------------------------------------------------------------------------
  // Run on every intake: fixed-shape statements compiled once (building this search with Kysely on
  // each call cost more than running it). Candidates come from indexed lookups — same registered
  // respondent, same respondent name, same person (phone or ID hash) — within the window, newest
  // first, at most DUPLICATE_SCAN per lookup; the read scope is applied to the rows.
  const DUPLICATE_SCAN = 200
  const DUP_COLUMNS = [
    'complaintItem.id',
    'complaintItem.itemNo',
    'complaintItem.state',
    'complaintItem.summary',
    'complaintItem.requestText',
    'complaintItem.factsText',
    'complaintItem.respondentEntityId',
    'complaintItem.respondentName',
    'complaintItem.receivedOn',
    'complaintItem.handlingUnitId',
    'complaintItem.intakeUnitId',
    'complaintItem.escalationUnitId',
    'complaintItem.handlerId',
  ] as const
  const dupByRespondent = (column: 'respondentEntityId' | 'respondentName') =>
    preparedStatement(3, (d: Exec, value: string, from: string, to: string) =>
      d
        .selectFrom('complaintItem')
        .select(DUP_COLUMNS)
        .where(column, '=', value)
        .where('receivedOn', '>=', from)
        .where('receivedOn', '<=', to)
        .where('state', '!=', 'merged')
        .orderBy('receivedOn', 'desc')
        .limit(DUPLICATE_SCAN),
    )
  const dupByEntity = dupByRespondent('respondentEntityId')
  const dupByName = dupByRespondent('respondentName')
  // The same person: their party rows (newest first), then each item by key. One join would do, but
  // a generic PostgreSQL plan for it (prepared statements are planned once) may hash the whole
  // window of items; two key lookups cannot go wrong.
  const partyItemsBy = (column: 'phoneHash' | 'idHash') =>
    preparedStatement(1, (d: Exec, hash: string) =>
      d.selectFrom('complaintParty').select('itemId').where(column, '=', hash).orderBy('createdAt', 'desc').limit(DUPLICATE_SCAN),
    )
  const partyItemsByPhone = partyItemsBy('phoneHash')
  const partyItemsByIdNo = partyItemsBy('idHash')
  const dupById = preparedStatement(1, (d: Exec, id: string) => d.selectFrom('complaintItem').select(DUP_COLUMNS).where('id', '=', id))
  type DupRow = Pick<
    ItemRow,
    | 'id'
    | 'itemNo'
    | 'state'
    | 'summary'
    | 'requestText'
    | 'factsText'
    | 'respondentEntityId'
    | 'respondentName'
    | 'receivedOn'
    | 'handlingUnitId'
    | 'intakeUnitId'
    | 'escalationUnitId'
    | 'handlerId'
  >
  /** Same rule as `itemInScope`, on a row: handling unit (or own item), intake unit or escalation unit in the scope. */
  function rowInScope(scope: ScopeSet, ctx: Ctx, dir: OrgDirectory, r: DupRow): boolean {
    if (scope.all) return true
    if (scope.self && r.handlerId && r.handlerId === ctx.actor.userId) return true
    for (const u of [r.handlingUnitId, r.intakeUnitId, r.escalationUnitId]) {
      const path = u ? dir.byId.get(u)?.path : undefined
      if (u && path && unitPathInScope(scope, u, path)) return true
    }
    return false
  }
  async function findDuplicates(
    exec: Exec,
    ctx: Ctx | null,
    probe: {
      id?: string
      receivedOn: string
      respondentEntityId: string | null
      respondentName: string
      text: string
      phoneHashes: string[]
      idHashes: string[]
    },
    settings?: Settings,
  ) {
    const s = settings ?? (await getSettings(exec))
    const scope = ctx ? assertCan(ctx.actor, 'complaint.read') : null
    const from = new Date(Date.parse(`${probe.receivedOn}T00:00:00Z`) - s.duplicateWindowDays * 86_400_000).toISOString().slice(0, 10)
    const to = probe.receivedOn
    const candidates = new Map<string, DupRow>()
    const persons = new Set<string>()
    const take = (rows: DupRow[], person: boolean) => {
      for (const r of rows) {
        if (r.id === probe.id) continue
        candidates.set(r.id, r)
        if (person) persons.add(r.id)
      }
    }
    if (probe.respondentEntityId) take(await dupByEntity(exec, probe.respondentEntityId, from, to), false)
    take(await dupByName(exec, probe.respondentName, from, to), false)
    const personItems = new Set<string>()
    for (const h of new Set(probe.phoneHashes)) for (const r of await partyItemsByPhone(exec, h)) personItems.add(r.itemId)
    for (const h of new Set(probe.idHashes)) for (const r of await partyItemsByIdNo(exec, h)) personItems.add(r.itemId)
    for (const id of personItems) {
      const [r] = await dupById(exec, id)
      if (r && r.receivedOn >= from && r.receivedOn <= to && r.state !== 'merged') take([r], true)
    }
    let rows = [...candidates.values()]
    if (scope && !scope.all && rows.length > 0) {
      const dir = await org.directory()
      rows = rows.filter((r) => rowInScope(scope, ctx!, dir, r))
    }
    rows.sort((a, b) => (a.receivedOn < b.receivedOn ? 1 : a.receivedOn > b.receivedOn ? -1 : 0))
    return rows
      .slice(0, DUPLICATE_SCAN)
      .map((r) => {
        const sameRespondent = (!!probe.respondentEntityId && r.respondentEntityId === probe.respondentEntityId) || r.respondentName === probe.respondentName
        const similarity = Math.round(textSimilarity(probe.text, `${r.summary} ${r.requestText} ${r.factsText}`) * 1000) / 1000
        return { id: r.id, itemNo: r.itemNo, state: r.state, summary: r.summary, similarity, samePerson: persons.has(r.id), sameRespondent }
      })
      .filter((c) => isLikelyDuplicate(c, s.duplicateThreshold))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, 10)
  }
  async function duplicatesOf(ctx: Ctx, id: string) {
    const item = await loadReadable(db, ctx, id)
    const parties = await db.selectFrom('complaintParty').select(['phoneHash', 'idHash']).where('itemId', '=', id).execute()
    return {
      items: await findDuplicates(db, ctx, {
        id,
        receivedOn: item.receivedOn,
        respondentEntityId: item.respondentEntityId,
        respondentName: item.respondentName,
        text: `${item.summary} ${item.requestText} ${item.factsText}`,
        phoneHashes: parties.map((p) => p.phoneHash).filter((x): x is string => !!x),
        idHashes: parties.map((p) => p.idHash).filter((x): x is string => !!x),
      }),
    }
  }

  // ---- intake -----------------------------------------------------------------------------------
  function checkRequired(type: ItemType, input: IntakeInput, resp: ResolvedRespondent | null) {
    const problems: Array<{ path: string; message: string }> = []
    const persons = input.persons ?? []
    if (type === 'complaint') {
      if (persons.length === 0) problems.push({ path: 'persons', message: '投诉须登记投诉人的姓名、电话和通讯地址（第九条）' })
      persons.forEach((p, i) => {
        if (!p.phone) problems.push({ path: `persons.${i}.phone`, message: `投诉人“${maskName(p.name)}”缺少联系电话` })
        if (!p.address) problems.push({ path: `persons.${i}.address`, message: `投诉人“${maskName(p.name)}”缺少通讯地址` })
      })
      if (persons.length > 1 && persons.filter((p) => p.isRepresentative).length > 2)
        problems.push({ path: 'persons', message: '共同投诉最多推选 2 名代表人（第十一条）' })
      if (!resp) problems.push({ path: 'respondent', message: '投诉须登记被投诉人的名称和地址（第九条）' })
      else if (!resp.address) problems.push({ path: 'respondent.address', message: '投诉须登记被投诉人的地址（第九条）' })
      if (input.anonymous) problems.push({ path: 'anonymous', message: '投诉不能匿名' })
    }
    if (type === 'report') {
      if (!resp) problems.push({ path: 'respondent', message: '举报须登记被举报人' })
      if (!input.anonymous && (persons.length === 0 || !persons[0]!.phone))
        problems.push({ path: 'persons', message: '实名举报须登记举报人姓名和联系电话；不愿透露身份的请选择匿名' })
      if (input.anonymous && persons.length > 0) problems.push({ path: 'persons', message: '匿名举报不登记举报人身份信息' })
    }
    if (type === 'consultation' && input.anonymous) problems.push({ path: 'anonymous', message: '咨询不区分匿名' })
    if (input.agent && type === 'consultation') problems.push({ path: 'agent', message: '咨询无需登记代理人' })
    if (problems.length) throw validation(problems.map((p) => p.message).join('；'), problems)
  }

  function receivedInstant(input: { receivedAt?: string }): Date {
    const now = clock.now()
    if (!input.receivedAt) return now
    const t = new Date(input.receivedAt)
    if (Number.isNaN(t.getTime())) throw validation('接收时间无效')
    if (t.getTime() > now.getTime() + 60_000) throw validation('接收时间不能晚于现在', [{ path: 'receivedAt', message: '接收时间不能晚于现在' }])
    if (chinaDate(t) < '2019-01-01') throw validation('接收时间过早（早于 2019 年）', [{ path: 'receivedAt', message: '接收时间过早' }])
    return t
  }

  interface CreateOpts {
    channel: string
    intakeUnitId: string
    queryCodeHash?: string | null
    externalNo?: string | null
    createdBy: string | null
    publicText?: string
    env: ClockEnv
    /** Receives each written row as stored (every column is given), for callers that present it at once. */
    written?: ItemRow[]
    /** Likely duplicates already found by the caller; otherwise looked up here (portal, import). */
    duplicateCount?: number
  }

  /**
   * The columns of a new row that hold a value: what the audit record of a creation keeps (an
   * empty column of a new item says nothing). Half the columns of a new item are empty, and a
   * smaller record fits two to a database page instead of one.
   */
  function setColumns(row: object): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(row)) if (v !== null && v !== undefined) out[k] = v
    return out
  }
  /** Writes one or two (split) items inside `trx`; returns their ids. */
  async function createItems(trx: Trx, ctx: Ctx, input: IntakeInput, resp: ResolvedRespondent | null, at: Date, opts: CreateOpts): Promise<string[]> {
    const receivedOn = chinaDate(at)
    const regime = regimeFor(receivedOn)
    const now = clock.now().toISOString()
    const ids: string[] = []
    const duplicateCount =
      opts.duplicateCount ??
      (resp
        ? (
            await findDuplicates(
              trx,
              null,
              {
                receivedOn,
                respondentEntityId: resp.entityId,
                respondentName: resp.name,
                text: `${input.summary} ${input.request} ${input.facts}`,
                phoneHashes: (input.persons ?? []).map((p) => phoneHash(p.phone)).filter((x): x is string => !!x),
                idHashes: (input.persons ?? []).map((p) => idHash(p.idNo)).filter((x): x is string => !!x),
              },
              opts.env.settings,
            )
          ).length
        : 0)
    for (const type of input.types) {
      const id = newId()
      const itemNo = await nextYearlyNumber(trx, ITEM_NO_PREFIX[type], receivedOn.slice(0, 4), 7)
      const role: PartyInput['role'] = type === 'complaint' ? 'complainant' : type === 'report' ? 'reporter' : 'consultant'
      const persons: PartyInput[] = [
        ...(input.anonymous && type === 'report' ? [] : (input.persons ?? []).map((p) => ({ ...p, role }))),
        ...(input.agent ? [{ ...input.agent, role: 'agent' as const }] : []),
      ]
      const routing = resp ? route(opts.env.org, type, regime, resp, opts.intakeUnitId) : null
      const masked = maskedParty(persons, type)
      // Object.assign onto the defaults: a literal spreading the 60-column defaults and then adding
      // the other columns builds a slow object (V8 adds each new key one by one, ~5 µs each).
      const row: ItemInsert = Object.assign(itemDefaults(), {
        id,
        itemNo,
        type,
        channel: opts.channel,
        regime,
        receivedAt: at.toISOString(),
        receivedOn,
        externalNo: opts.externalNo ?? input.externalNo ?? null,
        submissionId: ids[0] ?? id,
        splitFromId: ids[0] ?? null,
        intakeUnitId: opts.intakeUnitId,
        competentUnitId: routing?.competent?.bureauId ?? null,
        handlingUnitId: opts.intakeUnitId,
        state: 'received',
        category: input.category,
        productCode: input.productCode ?? null,
        summary: input.summary,
        requestText: input.request,
        factsText: input.facts,
        respondentEntityId: resp?.entityId ?? null,
        respondentName: resp?.name || '（未填写）',
        respondentUscc: resp?.uscc ?? null,
        respondentAddress: resp?.address ?? null,
        respondentDivision: resp?.division ?? resp?.domicileDivision ?? null,
        respondentKind: resp?.kind ?? 'offline',
        platformEntityId: resp?.platformEntityId ?? null,
        platformName: resp?.platformName ?? null,
        partyMaskedName: masked.partyMaskedName,
        partyMaskedPhone: masked.partyMaskedPhone,
        anonymous: input.anonymous && type === 'report' ? 1 : 0,
        complainantCount: Math.max(1, (input.persons ?? []).length),
        hasAgent: input.agent ? 1 : 0,
        amountClaimedFen: input.amountClaimedFen ?? null,
        queryCodeHash: opts.queryCodeHash ?? null,
        createdBy: opts.createdBy,
        duplicateCount,
        createdAt: now,
        updatedAt: now,
      })
      // A new item has no pauses: its clocks (and the projection) follow from the row alone.
      const newClocks = itemClocks.forNewItem(type, receivedOn, row.anonymous === 1, opts.env)
      Object.assign(row, newClocks.projection)
      opts.written?.push(row as ItemRow)
      // The item, its clocks, parties and first event: one statement on PostgreSQL (repo.insertNewItem).
      await repo.insertNewItem(trx, row, itemClocks.newRows({ id, handlingUnitId: row.handlingUnitId }, newClocks.states, now), partyRows(id, persons, now), {
        itemId: id,
        at: now,
        eventOn: today(),
        kind: ids.length ? 'split' : 'received',
        fromState: null,
        toState: 'received',
        unitId: opts.intakeUnitId,
        toUnitId: null,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        public: 1,
        publicText: opts.publicText ?? PUBLIC_TEXT.received!,
        note: ids.length ? `混合诉求拆分：与 ${ids[0]} 分别处理（第七条）` : null,
        dataJson: JSON.stringify({ channel: opts.channel, competentUnitId: row.competentUnitId, basis: routing?.competent?.basis ?? null }),
      })
      await audit.record(trx, ctx, {
        action: 'complaint.intake',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: `${itemNo} ${ITEM_TYPE_LABEL[type]}`,
        unitId: opts.intakeUnitId,
        after: Object.assign(setColumns(row), {
          queryCodeHash: row.queryCodeHash ? '（已设置）' : undefined,
          persons: type === 'report' ? reporterDisplay(row.anonymous === 1) : persons.map((p) => ({ role: p.role, name: maskName(p.name) })),
        }),
      })
      ids.push(id)
    }
    return ids
  }

  async function intake(ctx: Ctx, input: IntakeInput) {
    assertCan(ctx.actor, 'complaint.intake')
    if (input.channel === 'web') throw validation('网上诉求由公众通过门户提交，工作人员登记请选择热线、窗口、来信或平台转办')
    const intakeUnitId = ctx.actor.primaryUnitId
    if (!intakeUnitId) throw forbidden('您的账号没有所属单位，不能登记诉求')
    if ((input.persons ?? []).length === 0 && input.types.includes('complaint')) checkRequired('complaint', input, null)
    const at = receivedInstant(input)
    const resp = input.respondent ? await resolveRespondent(ctx, input.respondent) : null
    for (const t of input.types) checkRequired(t, input, resp)
    if (input.externalNo) {
      const dup = await db.selectFrom('complaintItem').select('itemNo').where('externalNo', '=', input.externalNo).executeTakeFirst()
      if (dup) throw conflict(`全国平台编号“${input.externalNo}”已登记为 ${dup.itemNo}`)
    }
    const env = await clockEnv()
    const duplicates = resp
      ? await findDuplicates(
          db,
          ctx,
          {
            receivedOn: chinaDate(at),
            respondentEntityId: resp.entityId,
            respondentName: resp.name,
            text: `${input.summary} ${input.request} ${input.facts}`,
            phoneHashes: (input.persons ?? []).map((p) => phoneHash(p.phone)).filter((x): x is string => !!x),
            idHashes: (input.persons ?? []).map((p) => idHash(p.idNo)).filter((x): x is string => !!x),
          },
          env.settings,
        )
      : []
    const written: ItemRow[] = []
    const ids = await intakeWrites.run(async (trx) => {
      const created = await createItems(trx, ctx, input, resp, at, {
        channel: input.channel,
        intakeUnitId,
        createdBy: ctx.actor.userId,
        env,
        written,
        duplicateCount: duplicates.length,
      })
      if (input.dispatchToUnitId) {
        for (const id of created) {
          const it = (await repo.findById(trx, id))!
          await applyTransition(trx, ctx, it, { action: 'dispatch', unitId: input.dispatchToUnitId, expectedVersion: it.version }, env)
        }
      }
      // 当场答复: a consultation answered during the call is closed by the same `answer` transition
      // (clock, timeline, audit) in the same transaction; the quoted standard answer is counted.
      if (input.answerNow !== undefined) {
        const it = (await repo.findById(trx, created[0]!))!
        if (input.answerId) await answers.use(trx, input.answerId)
        await applyTransition(
          trx,
          ctx,
          it,
          { action: 'answer', answer: input.answerNow, note: input.answerId ? '当场答复（引用常用语）' : '当场答复', expectedVersion: it.version },
          env,
        )
      }
      return created
    })
    // Without a dispatch or an answer the rows are exactly as written; otherwise read them back.
    return { items: input.dispatchToUnitId || input.answerNow !== undefined ? await summaries(db, ids) : await presentRows(db, written), duplicates }
  }

  /** A message to the item's handler, or to the handlers of its unit while nobody is assigned (never to the actor). */
  async function notifyHandler(trx: Trx, ctx: Ctx, item: ItemRow, kind: 'assignment' | 'dispatch' | 'supervision', title: string, body?: string) {
    if (!messages) return
    await messages.notify(trx, {
      to: item.handlerId ? { userId: item.handlerId } : { unitId: item.handlingUnitId, permission: 'complaint.handle' },
      kind,
      title,
      body: body ?? `${ITEM_TYPE_LABEL[item.type as ItemType]}：${item.summary}`,
      link: `/complaints/${item.id}`,
      matterType: 'complaint_item',
      matterId: item.id,
      permission: 'complaint.read',
      exceptUserId: ctx.actor.userId,
    })
  }

  // ---- transitions (use cases in complaints.transitions.ts) -------------------------------------
  const { applyTransition, transition } = createComplaintTransitions({
    db,
    clock,
    audit,
    enforcement,
    repo,
    today,
    itemAllowed,
    unitRow,
    bureauOf,
    handlerOnDecision,
    refreshClocks,
    loadReadable,
    clockEnv,
    detail,
    notifyHandler,
  })

  // ---- assignment (one rule: complaints.assignment.ts) -------------------------------------------
  const HANDLE_ROLES = Object.entries(ROLES)
    .filter(([, r]) => (r.permissions as readonly string[]).includes('complaint.handle'))
    .map(([code]) => code)
  /** Whether a user can handle the item: the assignee condition of the assignment rule. */
  async function mayHandle(exec: Exec, userId: string | null, item: ItemRow): Promise<boolean> {
    return !!userId && repo.mayHandleUnit(exec, userId, item.handlingUnitId, HANDLE_ROLES)
  }
  async function assignmentFacts(exec: Exec, ctx: Ctx, item: ItemRow) {
    return {
      type: item.type as ItemType,
      final: (FINAL_STATES as readonly string[]).includes(item.state),
      currentHandlerId: item.handlerId,
      actorId: ctx.actor.userId,
      actorMayAssign:
        (await itemAllowed(exec, ctx, item, 'complaint.dispatch', 'handling')) || (await itemAllowed(exec, ctx, item, 'complaint.supervise', 'handling')),
      actorMayHandle: await itemAllowed(exec, ctx, item, 'complaint.handle', 'handling'),
    }
  }
  /** What the detail offers (由我承办, 指定承办人): the same rule as the action. */
  async function offerOf(exec: Exec, ctx: Ctx, item: ItemRow) {
    const f = await assignmentFacts(exec, ctx, item)
    return assignmentOffer({ ...f, actorEligible: !item.handlerId && (await mayHandle(exec, ctx.actor.userId, item)) })
  }
  /** Whom the actor may assign the item to (指定承办人): eligible staff; a report never to the actor. */
  async function handlerCandidates(ctx: Ctx, id: string) {
    const item = await loadReadable(db, ctx, id)
    const f = await assignmentFacts(db, ctx, item)
    if (!f.actorMayAssign) throw forbidden('指定承办人须有分派权限（分送或督办）')
    const rows = await repo.handlersOfUnit(db, item.handlingUnitId, HANDLE_ROLES)
    return { items: rows.filter((u) => decideAssignment({ ...f, handlerId: u.id, assigneeEligible: true }).ok && u.id !== item.handlerId) }
  }
  /** 受理/不予受理 by someone when nobody is the handler: they become it only if they could take it (由我承办). */
  async function handlerOnDecision(exec: Exec, ctx: Ctx, item: ItemRow): Promise<string | null> {
    if (item.handlerId) return item.handlerId
    return (await offerOf(exec, ctx, item)).canTake ? ctx.actor.userId : null
  }

  // ---- other actions ----------------------------------------------------------------------------
  async function assign(ctx: Ctx, id: string, handlerId: string, expectedVersion: number) {
    await db.transaction().execute(async (trx) => {
      const item = await loadReadable(trx, ctx, id, true)
      const d = decideAssignment({ ...(await assignmentFacts(trx, ctx, item)), handlerId, assigneeEligible: await mayHandle(trx, handlerId, item) })
      if (!d.ok) throw new AppError(d.code, d.message)
      const now = clock.now().toISOString()
      if (!(await repo.update(trx, id, expectedVersion, { handlerId }, now))) throw conflict('该诉求件已被他人更新，请刷新后重试')
      const names = await userNames(trx, [handlerId])
      await repo.appendEvent(trx, {
        itemId: id,
        at: now,
        eventOn: today(),
        kind: 'assign',
        unitId: item.handlingUnitId,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        public: 0,
        note: `承办人：${names.get(handlerId)}`,
      })
      await audit.record(trx, ctx, {
        action: 'complaint.assign',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: item.itemNo,
        unitId: item.handlingUnitId,
        before: { handlerId: item.handlerId },
        after: { handlerId },
      })
      await notifyHandler(trx, ctx, { ...item, handlerId }, 'assignment', `指派您承办：${item.itemNo}`)
    })
    return detail(ctx, id)
  }

  async function recordFeedback(ctx: Ctx, id: string, input: { channel: string; text: string; at?: string }) {
    await db.transaction().execute(async (trx) => {
      const item = await loadReadable(trx, ctx, id, true)
      if (item.state === 'merged') throw new AppError('ILLEGAL_TRANSITION', '已合并的诉求件请在合并后的件中反馈')
      if (!(await itemAllowed(trx, ctx, item, 'complaint.handle', 'handling')) && !(await itemAllowed(trx, ctx, item, 'complaint.intake', 'handling')))
        throw forbidden()
      const at = input.at ? new Date(input.at) : clock.now()
      if (at.getTime() > clock.now().getTime() + 60_000) throw validation('反馈时间不能晚于现在')
      const now = clock.now().toISOString()
      await trx.updateTable('complaintItem').set({ feedbackAt: at.toISOString(), updatedAt: now }).where('id', '=', id).execute()
      await repo.appendEvent(trx, {
        itemId: id,
        at: now,
        eventOn: chinaDate(at),
        kind: 'feedback',
        unitId: item.handlingUnitId,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        public: 1,
        publicText: PUBLIC_TEXT.feedback!,
        note: input.text,
        dataJson: JSON.stringify({ channel: input.channel, at: at.toISOString() }),
      })
      await audit.record(trx, ctx, {
        action: 'complaint.feedback',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: item.itemNo,
        unitId: item.handlingUnitId,
        after: { channel: input.channel, at: at.toISOString(), text: input.text },
      })
    })
    return detail(ctx, id)
  }

  async function supervise(ctx: Ctx, id: string, input: { note: string; dueOn: string }) {
    await db.transaction().execute(async (trx) => {
      const item = await loadReadable(trx, ctx, id, true)
      if (!(await itemAllowed(trx, ctx, item, 'complaint.supervise'))) throw forbidden('没有督办权限')
      if ((FINAL_STATES as readonly string[]).includes(item.state)) throw new AppError('ILLEGAL_TRANSITION', '已办结的诉求件不需要督办')
      if (input.dueOn < today()) throw validation('督办期限不能早于今天')
      const now = clock.now().toISOString()
      const sid = newId()
      await trx
        .insertInto('complaintSupervision')
        .values({
          id: sid,
          itemId: id,
          issuedBy: ctx.actor.userId,
          issuedByName: ctx.actor.displayName,
          issuedUnitId: ctx.actor.primaryUnitId,
          note: input.note,
          dueOn: input.dueOn,
          issuedAt: now,
          respondedAt: null,
          response: null,
        })
        .execute()
      await repo.appendEvent(trx, {
        itemId: id,
        at: now,
        eventOn: today(),
        kind: 'supervise',
        unitId: item.handlingUnitId,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        public: 0,
        note: input.note,
        dataJson: JSON.stringify({ supervisionId: sid, dueOn: input.dueOn }),
      })
      await audit.record(trx, ctx, {
        action: 'complaint.supervise',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: item.itemNo,
        unitId: item.handlingUnitId,
        after: { note: input.note, dueOn: input.dueOn },
      })
      await notifyHandler(trx, ctx, item, 'supervision', `督办：${item.itemNo}（${input.dueOn} 前回复）`, `${ctx.actor.displayName}督办：${input.note}`)
    })
    return detail(ctx, id)
  }

  async function respondSupervision(ctx: Ctx, id: string, supervisionId: string, response: string) {
    await db.transaction().execute(async (trx) => {
      const item = await loadReadable(trx, ctx, id, true)
      if (!(await itemAllowed(trx, ctx, item, 'complaint.handle', 'handling'))) throw forbidden()
      const s = await trx.selectFrom('complaintSupervision').selectAll().where('id', '=', supervisionId).where('itemId', '=', id).executeTakeFirst()
      if (!s) throw notFound('督办', supervisionId)
      if (s.respondedAt) throw conflict('该督办已回复')
      const now = clock.now().toISOString()
      await trx.updateTable('complaintSupervision').set({ respondedAt: now, response }).where('id', '=', supervisionId).execute()
      await repo.appendEvent(trx, {
        itemId: id,
        at: now,
        eventOn: today(),
        kind: 'supervision_response',
        unitId: item.handlingUnitId,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        public: 0,
        note: response,
      })
      await audit.record(trx, ctx, {
        action: 'complaint.supervision.respond',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: item.itemNo,
        unitId: item.handlingUnitId,
        after: { supervisionId, response },
      })
    })
    return detail(ctx, id)
  }

  /**
   * Escalates overdue open items to the unit above (所 → 局 → 市局): level 1 when first overdue,
   * level 2 after 5 more working days. Idempotent: a run at the same time changes nothing twice.
   */
  async function escalateOverdue(now: Date = clock.now()) {
    const day = chinaDate(now)
    const env = await clockEnv()
    const cal = env.cal
    let escalated = 0
    let refreshed = 0
    // The overdue items are those with an open clock due before today (the clock table's open-clock
    // index, a range). Each item is then re-read under lock and its clocks recomputed.
    const overdue = await itemClocks.overdueItemIds(db, day)
    for (let i = 0; i < overdue.length; i += 200) {
      const rows = overdue.slice(i, i + 200).map((id) => ({ id }))
      for (const item of rows) {
        await db.transaction().execute(async (trx) => {
          const cur = await forUpdate(dialect, trx.selectFrom('complaintItem').selectAll().where('id', '=', item.id)).executeTakeFirst()
          if (!cur) return
          const cols = await itemClocks.store(trx, cur, await clocksOf(trx, cur, env), env)
          if ((FINAL_STATES as readonly string[]).includes(cur.state)) return
          refreshed++
          if (!cols.nextDueOn || cols.nextDueOn >= day) return
          const lateBy = addWorkingDays(cal, cols.nextDueOn, 5).date < day ? 2 : 1
          if (cur.escalationLevel >= lateBy) return
          let target: string | null = cur.escalationUnitId ?? cur.handlingUnitId
          for (let l = cur.escalationLevel; l < lateBy && target; l++) {
            const parent: string | null = (await unitRow(trx, target))?.parentId ?? null
            if (!parent) break
            target = parent
          }
          if (!target || target === (cur.escalationUnitId ?? cur.handlingUnitId)) return
          const ts = now.toISOString()
          await trx.updateTable('complaintItem').set({ escalationLevel: lateBy, escalationUnitId: target, updatedAt: ts }).where('id', '=', cur.id).execute()
          await repo.appendEvent(trx, {
            itemId: cur.id,
            at: ts,
            eventOn: day,
            kind: 'escalated',
            unitId: cur.handlingUnitId,
            toUnitId: target,
            actorId: null,
            actorName: '系统',
            public: 0,
            note: `${cols.nextDueKind ? CLOCK_STATUS_LABEL.overdue + '：' + cols.nextDueKind : '超期'}（期限 ${cols.nextDueOn}），升级至上级单位督办`,
            dataJson: JSON.stringify({ level: lateBy, dueKind: cols.nextDueKind, dueOn: cols.nextDueOn }),
          })
          await audit.record(
            trx,
            {
              actor: { kind: 'system', userId: null, username: 'system', displayName: '系统', primaryUnitId: null, scopes: new Map() },
              requestId: 'escalate',
              ip: null,
            },
            {
              action: 'complaint.escalate',
              targetType: 'complaint_item',
              targetId: cur.id,
              targetLabel: cur.itemNo,
              unitId: target,
              before: { escalationLevel: cur.escalationLevel, escalationUnitId: cur.escalationUnitId },
              after: { escalationLevel: lateBy, escalationUnitId: target },
            },
          )
          escalated++
        })
      }
    }
    return { escalated, refreshed, day }
  }

  // ---- reads ------------------------------------------------------------------------------------
  function presentSummary(
    r: ItemRow,
    units: Map<string, string>,
    users: Map<string, string>,
    cal: Awaited<ReturnType<CalendarService['calendar']>>,
    s: Settings,
  ): ItemSummary {
    let clockStatus: ItemSummary['clockStatus'] = 'none'
    let left: number | null = null
    if (r.nextDueOn && !(FINAL_STATES as readonly string[]).includes(r.state)) {
      const t = today()
      if (r.nextDueOn < t) {
        clockStatus = 'overdue'
        left = -addWorkingDaysCount(cal, r.nextDueOn, t)
      } else {
        left = addWorkingDaysCount(cal, t, r.nextDueOn)
        clockStatus = left <= s.dueSoonWd ? 'due_soon' : 'on_time'
      }
    }
    return {
      id: r.id,
      itemNo: r.itemNo,
      type: r.type as ItemType,
      typeLabel: ITEM_TYPE_LABEL[r.type as ItemType],
      channel: r.channel as ItemSummary['channel'],
      channelLabel: CHANNEL_LABEL[r.channel as ItemSummary['channel']] ?? r.channel,
      regime: r.regime,
      receivedAt: r.receivedAt,
      receivedOn: r.receivedOn,
      state: r.state as State,
      stateLabel: STATE_LABEL[r.state as State] ?? r.state,
      outcome: r.outcome,
      outcomeLabel: r.outcome ? (OUTCOME_LABEL[r.outcome as keyof typeof OUTCOME_LABEL] ?? r.outcome) : null,
      category: r.category,
      categoryLabel: CATEGORIES[r.category as keyof typeof CATEGORIES] ?? r.category,
      productCode: r.productCode,
      summary: r.summary,
      respondentName: r.respondentName,
      respondentUscc: r.respondentUscc,
      partyName: r.type === 'report' ? reporterDisplay(r.anonymous === 1) : r.partyMaskedName,
      partyPhone: r.type === 'report' ? null : r.partyMaskedPhone,
      anonymous: r.anonymous === 1,
      intakeUnit: ref(units, r.intakeUnitId),
      handlingUnit: ref(units, r.handlingUnitId),
      escalationUnit: ref(units, r.escalationUnitId),
      escalationLevel: r.escalationLevel,
      handlerName: r.handlerId ? (users.get(r.handlerId) ?? null) : null,
      nextDueOn: r.nextDueOn,
      nextDueKind: r.nextDueKind,
      clockStatus,
      workingDaysLeft: left,
      clockProvisional: r.clockProvisional === 1,
      recoveredFen: Number(r.recoveredFen),
      satisfaction: r.satisfaction,
      closedOn: r.closedOn,
      mergedIntoId: r.mergedIntoId,
      submissionId: r.submissionId,
      version: r.version,
      duplicateCount: r.duplicateCount,
      duplicateOfId: r.duplicateOfId,
    }
  }
  // Working days between two dates, per calendar: lists and intake responses ask for the same few
  // (today → each due date) over and over.
  const workingDayCounts = new WeakMap<CalendarData, Map<string, number>>()
  function addWorkingDaysCount(cal: CalendarData, from: string, to: string): number {
    let memo = workingDayCounts.get(cal)
    if (!memo || memo.size > 5000) workingDayCounts.set(cal, (memo = new Map<string, number>()))
    const key = `${from}|${to}`
    let n = memo.get(key)
    if (n === undefined) memo.set(key, (n = countWorkingDays(cal, from, to)))
    return n
  }
  function countWorkingDays(cal: CalendarData, from: string, to: string): number {
    let n = 0
    const d = new Date(`${from}T00:00:00Z`)
    const end = `${to}`
    for (let i = 0; i < 4000; i++) {
      d.setUTCDate(d.getUTCDate() + 1)
      const s = d.toISOString().slice(0, 10)
      if (s > end) break
      const dow = d.getUTCDay()
      const working = cal.workDays.has(s) || (!cal.offDays.has(s) && dow !== 0 && dow !== 6)
      if (working) n++
    }
    return n
  }
  async function summaries(exec: Exec, ids: string[]): Promise<ItemSummary[]> {
    if (ids.length === 0) return []
    const rows = await exec.selectFrom('complaintItem').selectAll().where('id', 'in', ids).execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    return presentRows(exec, ids.map((id) => byId.get(id)!).filter(Boolean))
  }
  async function presentRows(exec: Exec, rows: ItemRow[]): Promise<ItemSummary[]> {
    const [units, users, cal, s] = await Promise.all([
      unitNames(
        exec,
        rows.flatMap((r) => [r.intakeUnitId, r.handlingUnitId, r.escalationUnitId]),
      ),
      userNames(
        exec,
        rows.map((r) => r.handlerId),
      ),
      calendar.calendar(),
      getSettings(exec),
    ])
    return rows.map((r) => presentSummary(r, units, users, cal, s))
  }

  function listQuery(ctx: Ctx, q: Partial<ListQuery>, scope: ScopeSet, cal: Awaited<ReturnType<CalendarService['calendar']>>, s: Settings) {
    let b = db.selectFrom('complaintItem').where((eb) => itemInScope(eb, scope, ctx))
    if (q.type) b = b.where('type', '=', q.type)
    if (q.state) b = b.where('state', '=', q.state)
    if (q.open === '1') b = b.where('state', 'not in', FINAL_STATES as State[])
    if (q.open === '0') b = b.where('state', 'in', FINAL_STATES as State[])
    if (q.category) b = b.where('category', '=', q.category)
    if (q.channel) b = b.where('channel', '=', q.channel)
    if (q.respondentEntityId) b = b.where('respondentEntityId', '=', q.respondentEntityId)
    if (q.receivedFrom) b = b.where('receivedOn', '>=', q.receivedFrom)
    if (q.receivedTo) b = b.where('receivedOn', '<=', q.receivedTo)
    if (q.ids) b = b.where('complaintItem.id', 'in', q.ids.toLowerCase().split(','))
    if (q.mine === '1') b = b.where('handlerId', '=', ctx.actor.userId ?? '')
    if (q.escalated === '1') b = b.where('escalationLevel', '>', 0)
    if (q.escalated === '0') b = b.where('escalationLevel', '=', 0)
    if (q.supervised === '1')
      b = b.where(sql<SqlBool>`exists (select 1 from complaint_supervision cs where cs.item_id = complaint_item.id and cs.responded_at is null)`)
    if (q.supervised === '0')
      b = b.where(sql<SqlBool>`not exists (select 1 from complaint_supervision cs where cs.item_id = complaint_item.id and cs.responded_at is null)`)
    if (q.unitId) {
      const id = q.unitId
      b = b.where(
        sql<SqlBool>`complaint_item.handling_unit_id in (select ou.id from org_unit ou where ou.path like (select p.path || '%' from org_unit p where p.id = ${id}))`,
      )
    }
    if (q.clock) {
      const t = today()
      const soon = addWorkingDays(cal, t, s.dueSoonWd).date
      b = b.where('state', 'not in', FINAL_STATES as State[])
      if (q.clock === 'overdue') b = b.where('nextDueOn', '<', t)
      if (q.clock === 'due_soon') b = b.where('nextDueOn', '>=', t).where('nextDueOn', '<=', soon)
      if (q.clock === 'on_time') b = b.where('nextDueOn', '>', soon)
    }
    if (q.q) {
      const term = q.q
      const like = `%${escapeLike(term)}%`
      const op = likeOperator(dialect)
      b = b.where((eb) =>
        eb.or([
          eb('itemNo', '=', term.toUpperCase()),
          eb('externalNo', '=', term),
          sql<SqlBool>`complaint_item.respondent_name ${sql.raw(op)} ${like} escape '\\'`,
          sql<SqlBool>`complaint_item.summary ${sql.raw(op)} ${like} escape '\\'`,
        ]),
      )
    }
    return b
  }

  async function list(ctx: Ctx, q: ListQuery) {
    const scope = assertCan(ctx.actor, 'complaint.read')
    const [cal, s] = await Promise.all([calendar.calendar(), getSettings()])
    const b = listQuery(ctx, q, scope, cal, s)
    let page = b.selectAll()
    const sort = q.sort ?? 'due'
    page =
      sort === 'due' || sort === 'due_asc' || sort === 'due_desc'
        ? // Items without a due date (closed ones) last either way.
          page
            .orderBy(sql`case when complaint_item.next_due_on is null then 1 else 0 end`)
            .orderBy('nextDueOn', sort === 'due_desc' ? 'desc' : 'asc')
            .orderBy('receivedAt', 'desc')
        : // Items received in the same instant (a batch import, a split submission) follow their number, in the same direction.
          page.orderBy('receivedAt', sort === 'received_asc' ? 'asc' : 'desc').orderBy('itemNo', sort === 'received_asc' ? 'asc' : 'desc')
    const [rows, n] = await Promise.all([
      page.orderBy('id').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items: await presentRows(db, rows), total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  async function canRevealParties(exec: Exec, ctx: Ctx, item: ItemRow): Promise<boolean> {
    // Reporter identity: only the reporter.view grant, in scope (Art 33) — never being the assigned
    // handler, and personal_data.view is not enough.
    if (item.type === 'report') return itemAllowed(exec, ctx, item, 'reporter.view')
    if (item.handlerId && item.handlerId === ctx.actor.userId) return true
    return itemAllowed(exec, ctx, item, 'personal_data.view')
  }

  /**
   * The item as the actor sees it. `afterOwnAction`: the actor has just moved the item out of their
   * scope (returned it to intake, raised a dispute): they get the result of their own action once.
   */
  async function detail(ctx: Ctx, id: string, afterOwnAction = false): Promise<ItemDetail> {
    const item = await loadReadable(db, ctx, id, false, afterOwnAction)
    const [summary] = await presentRows(db, [item])
    const [events, clocks, supervisions, attachments, pauses, persons, linkedRows, reveal] = await Promise.all([
      repo.eventsOf(db, id),
      clockEnv().then((env) => clocksOf(db, item, env)),
      db.selectFrom('complaintSupervision').selectAll().where('itemId', '=', id).orderBy('issuedAt').execute(),
      db
        .selectFrom('complaintAttachment')
        .select(['id', 'kind', 'fileName', 'mime', 'sizeBytes', 'uploadedAt'])
        .where('itemId', '=', id)
        .orderBy('uploadedAt')
        .execute(),
      repo.pausesOf(db, id),
      item.type === 'report' ? Promise.resolve(null) : repo.maskedPartiesOf(db, id),
      db
        .selectFrom('complaintItem')
        .select(['id', 'itemNo', 'type', 'state', 'submissionId', 'mergedIntoId', 'splitFromId', 'duplicateOfId'])
        .where((eb) =>
          eb.or([
            eb('submissionId', '=', item.submissionId),
            eb('mergedIntoId', '=', id),
            eb('duplicateOfId', '=', id),
            ...(item.mergedIntoId ? [eb('id', '=', item.mergedIntoId)] : []),
            ...(item.duplicateOfId ? [eb('id', '=', item.duplicateOfId)] : []),
          ]),
        )
        .where('id', '!=', id)
        .limit(50)
        .execute(),
      canRevealParties(db, ctx, item),
    ])
    const assignment = await offerOf(db, ctx, item)
    const units = await unitNames(db, [item.competentUnitId])
    const reasonText = item.nonAcceptReason ? (nonAcceptanceReasons(item.regime as Regime).find((r) => r.code === item.nonAcceptReason)?.text ?? null) : null
    return {
      ...summary!,
      requestText: item.requestText,
      factsText: item.factsText,
      respondentEntityId: item.respondentEntityId,
      respondentAddress: item.respondentAddress,
      respondentDivision: item.respondentDivision,
      respondentKind: item.respondentKind,
      platformName: item.platformName,
      competentUnit: ref(units, item.competentUnitId),
      externalNo: item.externalNo,
      complainantCount: item.complainantCount,
      hasAgent: item.hasAgent === 1,
      // Reports: even masked, the reporter's row is not listed (the compartment stays closed); only "匿名/实名".
      persons: persons ?? [],
      amountClaimedFen: item.amountClaimedFen === null ? null : Number(item.amountClaimedFen),
      purchasedOn: item.purchasedOn ?? null,
      accepted: item.accepted === null ? null : item.accepted === 1,
      nonAcceptReason: item.nonAcceptReason,
      nonAcceptReasonText: reasonText,
      terminationGround: item.terminationGround,
      mediationDoc: item.mediationDoc === null ? null : item.mediationDoc === 1,
      notFiledReason: item.notFiledReason,
      leadId: item.leadId,
      leadNo: item.leadNo,
      verifyExtensions: item.verifyExtensions,
      feedbackAt: item.feedbackAt,
      followUpOn: item.followUpOn,
      satisfactionComment: item.satisfactionComment,
      splitFromId: item.splitFromId,
      linked: linkedRows.map((l) => ({ id: l.id, itemNo: l.itemNo, type: l.type, state: l.state, relation: linkRelation(item, l) })),
      clocks: clocks.map(presentClock),
      allowedActions: allowedActions(item.type as ItemType, item.state as State),
      timeline: events.map((e) => ({
        seq: e.seq,
        at: e.at,
        eventOn: e.eventOn,
        kind: e.kind,
        kindLabel: EVENT_LABEL[e.kind] ?? e.kind,
        fromState: e.fromState,
        toState: e.toState,
        unitName: e.unitName ?? null,
        toUnitName: e.toUnitName ?? null,
        actorName: e.actorName,
        public: e.public === 1,
        publicText: e.publicText,
        note: e.note,
        data: e.dataJson ? (JSON.parse(e.dataJson) as Record<string, unknown>) : null,
      })),
      supervisions: supervisions.map((s) => ({
        id: s.id,
        issuedByName: s.issuedByName,
        note: s.note,
        dueOn: s.dueOn,
        issuedAt: s.issuedAt,
        respondedAt: s.respondedAt,
        response: s.response,
        overdue: !s.respondedAt && s.dueOn < today(),
      })),
      attachments: attachments.map((a) => ({ ...a, sizeBytes: Number(a.sizeBytes) })),
      pauses: pauses.map((p) => ({ id: p.id, clock: p.clock, kind: p.kind, fromOn: p.fromOn, toOn: p.toOn, reason: p.reason })),
      canRevealParties: reveal,
      assignment,
    }
  }

  function linkRelation(item: ItemRow, l: Pick<ItemRow, 'id' | 'mergedIntoId' | 'duplicateOfId'>): string {
    if (l.mergedIntoId === item.id) return '已并入本件'
    if (l.id === item.mergedIntoId) return '本件并入'
    if (l.duplicateOfId === item.id) return '重复诉求，已关联本件'
    if (l.id === item.duplicateOfId) return '本件关联的原件'
    return '同一诉求拆分'
  }

  /** The protected compartment in plaintext: assigned handler or the grant only; every reveal audited. */
  async function revealParties(ctx: Ctx, id: string) {
    const item = await loadReadable(db, ctx, id)
    if (!(await canRevealParties(db, ctx, item))) {
      throw forbidden(item.type === 'report' ? '举报人身份信息仅承办人或经授权人员可查看' : '个人信息仅承办人或经授权人员可查看')
    }
    const rows = await repo.partiesOf(db, id)
    await db.transaction().execute((trx) =>
      audit.record(trx, ctx, {
        action: item.type === 'report' ? 'complaint.reporter.reveal' : 'complaint.parties.reveal',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: item.itemNo,
        unitId: item.handlingUnitId,
        after: { fields: ['name', 'phone', 'idNo', 'address', 'email'], persons: rows.length },
      }),
    )
    return {
      persons: rows.map((r) => ({
        role: r.role,
        seq: r.seq,
        name: r.name,
        phone: r.phone,
        idType: r.idType,
        idNo: r.idNo,
        address: r.address,
        email: r.email,
        isRepresentative: r.isRepresentative === 1,
        authorization: r.authorization,
      })),
    }
  }

  async function codes() {
    return {
      categories: Object.entries(CATEGORIES).map(([code, label]) => ({ code, label: label })),
      nonAcceptanceReasons: { order20: [...nonAcceptanceReasons('order20')], order121: [...nonAcceptanceReasons('order121')] },
      terminationGrounds: [...terminationGrounds()],
      notFiledReasons: Object.entries(NOT_FILED_REASONS).map(([code, label]) => ({ code, label })),
    }
  }

  return {
    intake,
    createItems,
    checkRequired,
    preview,
    suggestRespondents,
    duplicatesOf,
    transition,
    applyTransition,
    assign,
    handlerCandidates,
    recordFeedback,
    supervise,
    respondSupervision,
    escalateOverdue,
    list,
    listQuery,
    presentRows,
    detail,
    revealParties,
    canRevealParties,
    loadReadable,
    itemAllowed,
    getSettings,
    viewSettings,
    updateSettings,
    codes,
    resolveRespondent,
    route,
    bureauOf,
    refreshClocks,
    clocksOf,
    clockEnv,
    today,
  }
}
export type ComplaintsService = ReturnType<typeof createComplaintsService>

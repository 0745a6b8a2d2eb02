import type { Selectable } from 'kysely'
import { assertCan, inScope, SYSTEM_ACTOR, unitPathInScope, type Ctx, type ScopeSet } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { CoreDeps } from '../../core/deps'
import { conflict, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import { offsetOf } from '../../core/pagination'
import type { AuditService } from '../audit'
import type { OrgService } from '../org'
import { fmtDateTime } from '../../shared/time'
import { addDays, categoryLabel } from './analytics.domain'
import type { AnalyticsService } from './analytics.service'
import type { ComplaintAlertRuleTable, ComplaintAlertTable } from './analytics.tables'
import {
  ALERT_KIND_LABEL,
  type ALERT_KINDS,
  CategoryShareParams,
  MonitoredProductParams,
  TermShareParams,
  VolumeSpikeParams,
  type CreateAlertRule,
  type UpdateAlertRule,
} from './analytics.schema'
import { evaluateMonitoredProduct, evaluateShare, evaluateVolumeSpike, type Verdict } from './alerts.domain'
import { PRODUCT_CODES, type ProductCode } from '../complaints'

type AlertKind = (typeof ALERT_KINDS)[number]
type RuleRow = Selectable<ComplaintAlertRuleTable>
type AlertRow = Selectable<ComplaintAlertTable>

const PARAMS = {
  volume_spike: VolumeSpikeParams,
  category_share: CategoryShareParams,
  term_share: TermShareParams,
  monitored_product: MonitoredProductParams,
} as const
const EVERYWHERE: ScopeSet = { all: true, treePaths: [], unitIds: [], self: true }
/** Trailing window of the volume rule (days before the evaluated day). */
export const TRAILING_DAYS = 28

function parseParams(kind: AlertKind, raw: unknown) {
  const r = PARAMS[kind].safeParse(raw)
  if (!r.success)
    throw validation(
      r.error.issues.map((i) => i.message).join('；'),
      r.error.issues.map((i) => ({ path: `params.${i.path.join('.')}`, message: i.message })),
    )
  return r.data as Record<string, unknown>
}

/**
 * Alert rules (预警规则) and the alerts they raise: evaluation is idempotent per rule per day
 * (one alert at most, unique in the table), alerts are listed for leaders within their data scope,
 * and acknowledging one is audited.
 */
export function createAlertsService({
  db,
  clock,
  config,
  audit,
  org,
  analytics,
}: Pick<CoreDeps, 'db' | 'clock' | 'config'> & { audit: AuditService; org: OrgService; analytics: AnalyticsService }) {
  // When each day was last evaluated by this process (clock milliseconds). Evaluation is
  // idempotent, so this only saves repeated work; other processes keep their own.
  const evaluatedAt = new Map<string, number>()

  async function unitsById() {
    return new Map((await org.listAll()).map((u) => [u.id, u]))
  }

  function presentRule(r: RuleRow, unitName: string | null) {
    const kind = r.kind as AlertKind
    return {
      id: r.id,
      name: r.name,
      kind,
      kindLabel: ALERT_KIND_LABEL[kind] ?? r.kind,
      unitId: r.unitId,
      unitName,
      params: JSON.parse(r.paramsJson) as Record<string, unknown>,
      active: r.active === 1,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }
  }
  function presentAlert(a: AlertRow & { ruleName?: string | null }, unitName: string | null) {
    const kind = a.kind as AlertKind
    return {
      id: a.id,
      ruleId: a.ruleId,
      ruleName: a.ruleName ?? null,
      day: a.day,
      unitId: a.unitId,
      unitName,
      kind: a.kind,
      kindLabel: ALERT_KIND_LABEL[kind] ?? a.kind,
      title: a.title,
      message: a.message,
      value: Number(a.value),
      threshold: Number(a.threshold),
      detail: JSON.parse(a.detailJson) as Record<string, unknown>,
      createdAt: a.createdAt,
      acknowledgedAt: a.acknowledgedAt,
      acknowledgedByName: a.acknowledgedByName,
      ackNote: a.ackNote,
    }
  }

  async function listRules(ctx: Ctx) {
    const scope = assertCan(ctx.actor, 'complaint.alert_manage')
    const rows = await db
      .selectFrom('complaintAlertRule')
      .selectAll()
      .where((eb) => inScope(eb, scope, ctx.actor, 'complaint_alert_rule.unit_id'))
      .orderBy('createdAt')
      .execute()
    const units = await unitsById()
    return { items: rows.map((r) => presentRule(r, units.get(r.unitId)?.name ?? null)) }
  }

  /** @throws NOT_FOUND when the unit is outside the actor's complaint.alert_manage scope. */
  async function createRule(ctx: Ctx, input: CreateAlertRule) {
    const scope = assertCan(ctx.actor, 'complaint.alert_manage')
    const unit = (await unitsById()).get(input.unitId)
    if (!unit || !unitPathInScope(scope, unit.id, unit.path)) throw notFound('机构', input.unitId)
    const params = parseParams(input.kind, input.params)
    const now = clock.now().toISOString()
    const row: RuleRow = {
      id: newId(),
      name: input.name,
      kind: input.kind,
      unitId: unit.id,
      paramsJson: JSON.stringify(params),
      active: input.active ? 1 : 0,
      createdBy: ctx.actor.userId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('complaintAlertRule').values(row).execute()
      await audit.record(trx, ctx, {
        action: 'complaint.alert_rule.create',
        targetType: 'complaint_alert_rule',
        targetId: row.id,
        targetLabel: row.name,
        unitId: unit.id,
        after: { kind: row.kind, params, active: input.active },
      })
    })
    evaluatedAt.clear() // the days judged so far did not know this rule
    return presentRule(row, unit.name)
  }

  /** @throws CONFLICT when the rule changed meanwhile (expectedVersion). */
  async function updateRule(ctx: Ctx, id: string, input: UpdateAlertRule) {
    const scope = assertCan(ctx.actor, 'complaint.alert_manage')
    const units = await unitsById()
    const now = clock.now().toISOString()
    const updated = await db.transaction().execute(async (trx) => {
      const cur = await trx.selectFrom('complaintAlertRule').selectAll().where('id', '=', id).executeTakeFirst()
      const unit = cur ? units.get(cur.unitId) : undefined
      if (!cur || !unit || !unitPathInScope(scope, unit.id, unit.path)) throw notFound('预警规则', id)
      if (cur.version !== input.expectedVersion) throw conflict('预警规则已被他人修改，请刷新后重试')
      const params = input.params ? parseParams(cur.kind as AlertKind, input.params) : (JSON.parse(cur.paramsJson) as Record<string, unknown>)
      const next: RuleRow = {
        ...cur,
        name: input.name ?? cur.name,
        active: input.active === undefined ? cur.active : input.active ? 1 : 0,
        paramsJson: JSON.stringify(params),
        version: cur.version + 1,
        updatedAt: now,
      }
      await trx
        .updateTable('complaintAlertRule')
        .set({ name: next.name, active: next.active, paramsJson: next.paramsJson, version: next.version, updatedAt: now })
        .where('id', '=', id)
        .where('version', '=', cur.version)
        .execute()
      await audit.record(trx, ctx, {
        action: 'complaint.alert_rule.update',
        targetType: 'complaint_alert_rule',
        targetId: id,
        targetLabel: next.name,
        unitId: cur.unitId,
        before: { name: cur.name, active: cur.active === 1, params: JSON.parse(cur.paramsJson) as unknown },
        after: { name: next.name, active: next.active === 1, params },
      })
      return next
    })
    evaluatedAt.clear()
    return presentRule(updated, units.get(updated.unitId)?.name ?? null)
  }

  async function verdictFor(rule: RuleRow, day: string, rootPath: string): Promise<Verdict> {
    const kind = rule.kind as AlertKind
    const params = parseParams(kind, JSON.parse(rule.paramsJson))
    const repo = analytics.repo
    const dayFilter = { from: day, to: day, rootPath }
    if (kind === 'volume_spike') {
      const p = params as { multiplier: number; minItems: number; types: string[] }
      const rows = await repo.dailyVolume(db, { from: addDays(day, -TRAILING_DAYS), to: day, rootPath, types: p.types }, EVERYWHERE, SYSTEM_ACTOR)
      const perDay = new Map<string, number>()
      for (const r of rows) perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.received)
      const trailing = Array.from({ length: TRAILING_DAYS }, (_, i) => perDay.get(addDays(day, i - TRAILING_DAYS)) ?? 0)
      return evaluateVolumeSpike(p, perDay.get(day) ?? 0, trailing)
    }
    if (kind === 'category_share') {
      const p = params as { sharePct: number; minItems: number; category: string | null }
      const rows = await repo.dailyByCategory(db, dayFilter, EVERYWHERE, SYSTEM_ACTOR)
      const total = rows.reduce((s, r) => s + r.received, 0)
      return evaluateShare(
        { sharePct: p.sharePct, minItems: p.minItems, only: p.category },
        total,
        rows.map((r) => ({ key: r.category, label: categoryLabel(r.category), items: r.received })),
        '分类',
      )
    }
    if (kind === 'term_share') {
      const p = params as { sharePct: number; minItems: number; term: string | null }
      const total = (await repo.dailyVolume(db, dayFilter, EVERYWHERE, SYSTEM_ACTOR)).reduce((s, r) => s + r.received, 0)
      const terms = await repo.termCounts(db, 'term', dayFilter, EVERYWHERE, SYSTEM_ACTOR, p.term ? { terms: [p.term] } : { limit: 5 })
      return evaluateShare(
        { sharePct: p.sharePct, minItems: p.minItems, only: p.term },
        total,
        terms.map((t) => ({ key: t.term, label: t.term, items: t.items })),
        '热词',
      )
    }
    const p = params as { productCodes: string[]; keywords: string[]; categories: string[]; minItems: number }
    const count = await repo.monitoredProductCount(db, day, rootPath, p)
    const label = [...p.productCodes.map((c) => PRODUCT_CODES[c as ProductCode] ?? c), ...p.keywords].join('、')
    return evaluateMonitoredProduct(p, count, label)
  }

  /**
   * Evaluates every active rule for `day` and stores the alerts that fire. Idempotent: a rule
   * raises at most one alert per day (later evaluations of a fired rule leave it as it is).
   */
  async function evaluate(day: string): Promise<{ evaluated: number; fired: number; created: number }> {
    const rules = await db.selectFrom('complaintAlertRule').selectAll().where('active', '=', 1).execute()
    if (rules.length === 0) return { evaluated: 0, fired: 0, created: 0 }
    await analytics.refreshStats()
    if (rules.some((r) => r.kind === 'term_share' || r.kind === 'monitored_product')) await analytics.refreshTerms()
    const units = await unitsById()
    let fired = 0
    let created = 0
    for (const rule of rules) {
      const unit = units.get(rule.unitId)
      if (!unit) continue
      const v = await verdictFor(rule, day, unit.path)
      if (!v.fired) continue
      fired++
      const before = await db.selectFrom('complaintAlert').select('id').where('ruleId', '=', rule.id).where('day', '=', day).executeTakeFirst()
      if (before) continue
      // Another process may evaluate the same day at the same moment: the unique (rule, day) keeps
      // one alert, and only the insert that wrote it counts as created.
      const ins = await db
        .insertInto('complaintAlert')
        .values({
          id: newId(),
          ruleId: rule.id,
          day,
          unitId: rule.unitId,
          kind: rule.kind,
          title: v.title,
          message: v.message,
          value: v.value,
          threshold: v.threshold,
          detailJson: JSON.stringify(v.detail),
          createdAt: clock.now().toISOString(),
          acknowledgedAt: null,
          acknowledgedBy: null,
          acknowledgedByName: null,
          ackNote: null,
        })
        .onConflict((oc) => oc.columns(['ruleId', 'day']).doNothing())
        .executeTakeFirst()
      if (Number(ins.numInsertedOrUpdatedRows ?? 0) > 0) created++
    }
    evaluatedAt.set(day, clock.now().getTime())
    return { evaluated: rules.length, fired, created }
  }

  /** The explicit evaluation (complaint.alert_manage), e.g. for a past day. */
  async function evaluateDay(ctx: Ctx, day?: string) {
    assertCan(ctx.actor, 'complaint.alert_manage')
    const d = day ?? analytics.today()
    if (d > analytics.today()) throw validation(`不能评估未来日期 ${d}`)
    return { day: d, ...(await evaluate(d)) }
  }

  /** Evaluates `day` unless this process did so within `maxAgeMs`. */
  async function ensureEvaluated(day: string, maxAgeMs = 60_000) {
    const last = evaluatedAt.get(day)
    if (last !== undefined && Math.abs(clock.now().getTime() - last) < maxAgeMs) return null
    if (evaluatedAt.size > 400) evaluatedAt.clear()
    return evaluate(day)
  }

  /**
   * Today and yesterday (yesterday's late items and edits still count for it). Run by the server's
   * schedule (every few minutes, see app.ts startSchedules), and before the alert list, so alerts
   * reach the leaders' dashboards whether or not anyone is looking.
   */
  async function autoEvaluate(maxAgeMs = 60_000) {
    const t = analytics.today()
    const y = await ensureEvaluated(addDays(t, -1), maxAgeMs)
    const d = await ensureEvaluated(t, maxAgeMs)
    return { created: (y?.created ?? 0) + (d?.created ?? 0) }
  }

  async function list(
    ctx: Ctx,
    q: { status: 'open' | 'acknowledged' | 'all'; from?: string; to?: string; recent?: '0' | '1'; page: number; pageSize: number },
  ) {
    const scope = assertCan(ctx.actor, 'complaint.stats')
    await autoEvaluate()
    let base = db.selectFrom('complaintAlert').where((eb) => inScope(eb, scope, ctx.actor, 'complaint_alert.unit_id'))
    // Home pages: only the configured window of recent days (ALERT_HOME_DAYS); older alerts stay on the alerts page.
    if (q.recent === '1') base = base.where('day', '>=', addDays(chinaDate(clock.now()), -(config.alerts.homeDays - 1)))
    if (q.status === 'open') base = base.where('acknowledgedAt', 'is', null)
    if (q.status === 'acknowledged') base = base.where('acknowledgedAt', 'is not', null)
    if (q.from) base = base.where('day', '>=', q.from)
    if (q.to) base = base.where('day', '<=', q.to)
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0)
    const rows = await base
      .leftJoin('complaintAlertRule as r', 'r.id', 'complaintAlert.ruleId')
      .selectAll('complaintAlert')
      .select('r.name as ruleName')
      .orderBy('complaintAlert.day', 'desc')
      .orderBy('complaintAlert.createdAt', 'desc')
      .orderBy('complaintAlert.id')
      .limit(q.pageSize)
      .offset(offsetOf(q))
      .execute()
    const units = await unitsById()
    return { items: rows.map((a) => presentAlert(a, units.get(a.unitId)?.name ?? null)), total, page: q.page, pageSize: q.pageSize }
  }

  /** Alerts of one day within a unit's subtree (daily report). */
  async function ofDay(day: string, rootPath: string, scope: ScopeSet, ctx: Ctx) {
    const rows = await db
      .selectFrom('complaintAlert')
      .leftJoin('complaintAlertRule as r', 'r.id', 'complaintAlert.ruleId')
      .selectAll('complaintAlert')
      .select('r.name as ruleName')
      .where('complaintAlert.day', '=', day)
      .where((eb) =>
        eb.and([
          eb('complaintAlert.unitId', 'in', eb.selectFrom('orgUnit').select('id').where('path', 'like', `${rootPath}%`)),
          inScope(eb, scope, ctx.actor, 'complaint_alert.unit_id'),
        ]),
      )
      .orderBy('complaintAlert.createdAt')
      .execute()
    const units = await unitsById()
    return rows.map((a) => presentAlert(a, units.get(a.unitId)?.name ?? null))
  }

  /**
   * Acknowledges an alert (确认预警) with an optional note; audited in the same transaction.
   * @throws NOT_FOUND out of scope; CONFLICT when already acknowledged.
   */
  async function acknowledge(ctx: Ctx, id: string, note: string) {
    const scope = assertCan(ctx.actor, 'complaint.alert_manage')
    const units = await unitsById()
    const now = clock.now().toISOString()
    const row = await db.transaction().execute(async (trx) => {
      const a = await trx.selectFrom('complaintAlert').selectAll().where('id', '=', id).executeTakeFirst()
      const unit = a ? units.get(a.unitId) : undefined
      if (!a || !unit || !unitPathInScope(scope, unit.id, unit.path)) throw notFound('预警', id)
      if (a.acknowledgedAt) throw conflict(`该预警已于 ${fmtDateTime(a.acknowledgedAt)} 由${a.acknowledgedByName ?? '他人'}确认`)
      const r = await trx
        .updateTable('complaintAlert')
        .set({ acknowledgedAt: now, acknowledgedBy: ctx.actor.userId, acknowledgedByName: ctx.actor.displayName, ackNote: note || null })
        .where('id', '=', id)
        .where('acknowledgedAt', 'is', null)
        .executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1) throw conflict('该预警已被他人确认')
      await audit.record(trx, ctx, {
        action: 'complaint.alert.acknowledge',
        targetType: 'complaint_alert',
        targetId: id,
        targetLabel: `${a.day} ${a.title}`,
        unitId: a.unitId,
        after: { note: note || null },
      })
      return { ...a, acknowledgedAt: now, acknowledgedBy: ctx.actor.userId, acknowledgedByName: ctx.actor.displayName, ackNote: note || null }
    })
    return presentAlert(row, units.get(row.unitId)?.name ?? null)
  }

  /**
   * Acknowledges several alerts at once (批量确认), each audited as if one by one. Alerts outside
   * the scope are not found (nothing changes); ones already acknowledged by someone are skipped.
   */
  async function acknowledgeMany(ctx: Ctx, ids: readonly string[], note: string) {
    const scope = assertCan(ctx.actor, 'complaint.alert_manage')
    const units = await unitsById()
    const now = clock.now().toISOString()
    const unique = [...new Set(ids)]
    return db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('complaintAlert').selectAll().where('id', 'in', unique).execute()
      for (const id of unique) {
        const a = rows.find((r) => r.id === id)
        const unit = a ? units.get(a.unitId) : undefined
        if (!a || !unit || !unitPathInScope(scope, unit.id, unit.path)) throw notFound('预警', id)
      }
      let acknowledged = 0
      for (const a of rows) {
        const r = await trx
          .updateTable('complaintAlert')
          .set({ acknowledgedAt: now, acknowledgedBy: ctx.actor.userId, acknowledgedByName: ctx.actor.displayName, ackNote: note || null })
          .where('id', '=', a.id)
          .where('acknowledgedAt', 'is', null)
          .executeTakeFirst()
        if (Number(r.numUpdatedRows) !== 1) continue
        acknowledged++
        await audit.record(trx, ctx, {
          action: 'complaint.alert.acknowledge',
          targetType: 'complaint_alert',
          targetId: a.id,
          targetLabel: `${a.day} ${a.title}`,
          unitId: a.unitId,
          after: { note: note || null, bulk: true },
        })
      }
      return { acknowledged, skipped: unique.length - acknowledged }
    })
  }

  return { listRules, createRule, updateRule, evaluate, evaluateDay, ensureEvaluated, autoEvaluate, list, ofDay, acknowledge, acknowledgeMany }
}
export type AlertsService = ReturnType<typeof createAlertsService>

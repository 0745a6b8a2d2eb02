import { sql, type SqlBool } from 'kysely'
import { assertCan, inScope, scopeFor, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Executor, Trx } from '../../core/db/database'
import { escapeLike, likeOperator } from '../../core/db/dialect'
import { gramsOf, indexGramsSqlite, selectiveGramMatch } from '../../core/db/text-search'
import { dateProblem } from '../../core/dates'
import { AppError, conflict, forbidden, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { ClockKernel } from '../../core/matter/clocks'
import { maskIdNumber, maskName } from '../../core/mask'
import { offsetOf } from '../../core/pagination'
import {
  DISPLAY_KINDS,
  PUBLICITY_STATES,
  caseTypeLabel,
  type DisplayKind,
  type PublicityState,
  type PublishBody,
  type TypicalBody,
  type WithdrawBody,
} from '../../shared/cases/publicity'
import { PENALTY_TYPES, yuan, type PenaltyType } from '../../shared/cases/vocabulary'
import { beijingDate } from '../../shared/time'
import type { AuditService } from '../audit'
import { selectRuleInForce, type RulesService, type RuleVersion } from '../rules'
import { displayEndOn, displayKindOf, isOtherProvince, monthsOf, publicityApplies, RESTRICTION_TYPES, usccDivision } from './cases.publicity.domain'
import type { CasePublicityTable, CaseTypicalTable } from './cases.publicity.tables'
import type { CaseFileTable } from './cases.tables'

export const PUBLICITY_MATTER = 'case_publicity'
/** The publicity record's clocks (rules of Order 45; Decree 654 Art 6 before Order 45 took effect). */
export const PUBLICITY_CLOCKS = {
  publish: { label: '公示期限（决定之日起20个工作日）', rule: 'publicity.penalty_publish' },
  push: { label: '跨省推送期限（决定之日起10个工作日）', rule: 'publicity.penalty_push' },
  publish_legacy: { label: '公示期限（信息产生之日起20个工作日）', rule: 'publicity.gov_info' },
  withdraw: { label: '撤回期限（3个工作日）', rule: 'publicity.penalty_withdraw' },
} as const
/** Penalties whose publicity may not stop early (Order 45 Art 14(3)). */
const NO_EARLY_STOP = new Set<string>([
  'suspend_licence',
  'lower_grade',
  'revoke_licence',
  'restrict_business',
  'suspend_business',
  'close',
  'restrict_employment',
])

type Row = CasePublicityTable
type CaseRow = CaseFileTable

/** A natural person's name as published: masked (张*、欧**保). */
export const publicPartyName = (partyKind: string, name: string) => (partyKind === 'person' ? (maskName(name) ?? '*') : name)

/**
 * Penalty publicity (行政处罚信息公示, Order 45) and typical cases (典型案例). A decision of the
 * ordinary procedure (not a bare warning) creates its record in the decision's transaction
 * (`recordDecision`): the Art 4 summary as it will be shown, and the clock publish 20 WD (push 10 WD
 * when the party is registered in another province). A publicity officer publishes it (display end
 * computed from the catalogue's 3 months / 3 years, or the restriction period); withdrawal within
 * 3 WD of the decision's change keeps the record, marked, off the public list; credit repair stops
 * it early (`stopPublicityEarly`). The public reads only what is on display, natural persons masked.
 */
export function createCasePublicity({
  db,
  dialect,
  clock,
  config,
  audit,
  clocks,
  rules,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock' | 'config'> & {
  audit: AuditService
  clocks: ClockKernel
  rules: Pick<RulesService, 'versions'>
}) {
  clocks.register(PUBLICITY_MATTER, PUBLICITY_CLOCKS)
  const today = () => beijingDate(clock.now())
  const lowerFineFen = config.publicity?.lowerFineFen ?? 0

  let cache: { at: number; v: RuleVersion[] } | null = null
  /** The rule catalogue (reloaded at most every 5 s; loaded before transactions where possible). */
  async function versions(): Promise<RuleVersion[]> {
    if (!cache || Date.now() - cache.at > 5_000) cache = { at: Date.now(), v: await rules.versions() }
    return cache.v
  }
  async function prepare() {
    await versions()
    await clocks.prepare()
  }
  function periods(v: RuleVersion[], on: string) {
    const s = selectRuleInForce(v, 'publicity.penalty_display_short', on)
    const l = selectRuleInForce(v, 'publicity.penalty_display', on)
    // Before Order 45 (2021-09-01) no display period was set: the 3-year rule is applied as the safer reading.
    return { short: s ? monthsOf(s) : 36, long: l ? monthsOf(l) : 36 }
  }

  function legalDate(v: string | undefined, label: string, notBefore?: string | null): string {
    const d = v ?? today()
    const problem = dateProblem(d, { max: today() })
    if (problem) throw validation(`${label}：${problem}`)
    if (notBefore && d < notBefore) throw validation(`${label}不能早于 ${notBefore}`)
    return d
  }

  const penaltyContent = (r: CaseRow) => {
    const parts: string[] = []
    const t = r.penaltyType as PenaltyType | null
    if (t && t !== 'fine' && t !== 'confiscate_gains' && t !== 'confiscate_goods') parts.push(PENALTY_TYPES[t] ?? t)
    if (Number(r.fineFen) > 0) parts.push(`罚款人民币${yuan(Number(r.fineFen))}元`)
    if (Number(r.gainsFen) > 0) parts.push(`没收违法所得人民币${yuan(Number(r.gainsFen))}元`)
    if (Number(r.goodsValueFen) > 0 || r.goods) parts.push(`没收${r.goods ?? '涉案物品'}（价值人民币${yuan(Number(r.goodsValueFen))}元）`)
    if (!parts.length && t) parts.push(PENALTY_TYPES[t] ?? t)
    return parts.join('；')
  }

  async function project(exec: Executor, id: string) {
    const open = await clocks.listOpen(exec, PUBLICITY_MATTER, id)
    const due =
      open
        .map((c) => c.dueOn)
        .filter((d): d is string => !!d)
        .sort()[0] ?? null
    await exec.updateTable('casePublicity').set({ dueOn: due }).where('id', '=', id).execute()
  }

  async function writeGrams(exec: Executor, id: string, name: string) {
    if (dialect === 'postgres')
      await exec
        .updateTable('casePublicity')
        .set({ grams: gramsOf(name) } as never)
        .where('id', '=', id)
        .execute()
    else await indexGramsSqlite(exec, 'case_publicity', [{ id, text: name }], false)
  }

  // ---- the decision's record -------------------------------------------------------------------
  /**
   * Called by the case service in the decision's transaction (after the decision document is
   * numbered): creates the publicity record when Order 45 publishes the decision, with its clock.
   * Returns the record id, or null when the decision is not published.
   */
  async function recordDecision(trx: Trx, ctx: Ctx, caseId: string): Promise<string | null> {
    const r = await trx.selectFrom('caseFile').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow()
    const penalty = {
      procedure: r.procedure ?? 'ordinary',
      penaltyType: r.penaltyType,
      fineFen: Number(r.fineFen),
      gainsFen: Number(r.gainsFen),
      goodsValueFen: Number(r.goodsValueFen),
    }
    if (!r.decidedOn || !publicityApplies(penalty)) return null
    const unit = await trx.selectFrom('orgUnit').select(['id', 'name', 'path']).where('id', '=', r.unitId).executeTakeFirstOrThrow()
    // The bureau's province: the division of the deciding unit or its nearest ancestor holding one.
    const chain = unit.path.split('/').filter(Boolean)
    const divs = await trx.selectFrom('orgUnitDivision').select(['unitId', 'divisionCode']).where('unitId', 'in', chain).execute()
    const bureauDivision =
      [...chain]
        .reverse()
        .map((u) => divs.find((d) => d.unitId === u)?.divisionCode)
        .find(Boolean) ?? null
    let legalRep: string | null = null
    let partyDivision: string | null = null
    if (r.entityId) {
      const e = await trx.selectFrom('marketEntity').select(['legalRep', 'domicileDivision']).where('id', '=', r.entityId).executeTakeFirst()
      legalRep = e?.legalRep ?? null
      partyDivision = e?.domicileDivision ?? null
    }
    partyDivision ??= usccDivision(r.partyUscc)
    const cross = r.partyKind === 'entity' && isOtherProvince(bureauDivision, partyDivision)
    const v = await versions()
    const kind: keyof typeof PUBLICITY_CLOCKS | null = cross
      ? 'push'
      : selectRuleInForce(v, 'publicity.penalty_publish', r.decidedOn)
        ? 'publish'
        : selectRuleInForce(v, 'publicity.gov_info', r.decidedOn) && r.partyKind === 'entity'
          ? 'publish_legacy'
          : null
    const id = newId()
    const now = clock.now().toISOString()
    const name = publicPartyName(r.partyKind, r.partyName)
    const row: Row = {
      id,
      caseId: r.id,
      unitId: r.unitId,
      decisionNo: r.decisionNo ?? r.caseNo,
      partyKind: r.partyKind,
      partyName: name,
      partyUscc: r.partyKind === 'entity' ? r.partyUscc : null,
      partyIdMasked: r.partyKind === 'person' ? maskIdNumber(r.personIdNo) : null,
      legalRep,
      caseType: r.caseType,
      facts: r.decisionFacts ?? r.facts,
      basis: r.decisionBasis ?? '',
      penaltyType: r.penaltyType ?? '',
      penaltyContent: penaltyContent(r),
      fineFen: penalty.fineFen,
      confiscatedFen: penalty.gainsFen + penalty.goodsValueFen,
      authority: unit.name,
      decidedOn: r.decidedOn,
      crossProvince: cross ? 1 : 0,
      displayKind: displayKindOf(penalty, lowerFineFen),
      restrictionEndOn: null,
      state: 'pending',
      dueOn: null,
      publishedOn: null,
      publishedBy: null,
      displayEndOn: null,
      changedOn: null,
      withdrawnOn: null,
      withdrawReason: null,
      stoppedOn: null,
      stopReason: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }
    await trx.insertInto('casePublicity').values(row).execute()
    await writeGrams(trx, id, name)
    if (kind) {
      await clocks.apply(trx, { type: PUBLICITY_MATTER, id, unitId: r.unitId, referenceDate: r.decidedOn }, [{ op: 'start', clock: kind }], r.decidedOn)
      await project(trx, id)
    }
    await audit.record(trx, ctx, {
      action: 'case.publicity_create',
      targetType: 'case_publicity',
      targetId: id,
      targetLabel: row.decisionNo,
      unitId: r.unitId,
      after: { decisionNo: row.decisionNo, crossProvince: cross, clock: kind },
    })
    return id
  }

  // ---- scope -----------------------------------------------------------------------------------
  /** Rows readable by the actor: case.publicity or case.read in scope. */
  function readable(exec: Executor, ctx: Ctx) {
    const s = scopeFor(ctx.actor, 'case.publicity') ?? scopeFor(ctx.actor, 'case.read')
    if (!s) throw forbidden()
    return exec.selectFrom('casePublicity').where((eb) => inScope(eb, s, ctx.actor, 'case_publicity.unit_id'))
  }
  async function load(exec: Executor, ctx: Ctx, id: string, opts: { forChange?: boolean } = {}): Promise<Row> {
    const r = await readable(exec, ctx).selectAll().where('id', '=', id).executeTakeFirst()
    if (!r) throw notFound('公示信息', id)
    if (opts.forChange) {
      const s = assertCan(ctx.actor, 'case.publicity')
      const ok = await exec
        .selectFrom('casePublicity')
        .select('id')
        .where('id', '=', id)
        .where((eb) => inScope(eb, s, ctx.actor, 'case_publicity.unit_id'))
        .executeTakeFirst()
      if (!ok) throw notFound('公示信息', id)
    }
    return r
  }
  function assertVersion(r: Row, version: number) {
    if (r.version !== version) throw conflict(`公示信息已被他人修改（当前版本 ${r.version}），请刷新后重试`, { currentVersion: r.version })
  }
  async function change(trx: Trx, ctx: Ctx, r: Row, set: Partial<Row>, action: Parameters<AuditService['record']>[2]['action'], after: unknown) {
    const res = await trx
      .updateTable('casePublicity')
      .set({ ...set, version: r.version + 1, updatedAt: clock.now().toISOString() })
      .where('id', '=', r.id)
      .where('version', '=', r.version)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) throw conflict('公示信息已被他人修改，请刷新后重试')
    await audit.record(trx, ctx, {
      action,
      targetType: 'case_publicity',
      targetId: r.id,
      targetLabel: r.decisionNo,
      unitId: r.unitId,
      before: { state: r.state },
      after,
    })
  }

  // ---- actions ---------------------------------------------------------------------------------
  async function publish(ctx: Ctx, id: string, body: PublishBody & { restrictionEndOn?: string }) {
    assertCan(ctx.actor, 'case.publicity')
    await prepare()
    const v = await versions()
    await db.transaction().execute(async (trx) => {
      const r = await load(trx, ctx, id, { forChange: true })
      assertVersion(r, body.version)
      if (r.state !== 'pending') throw new AppError('ILLEGAL_TRANSITION', `公示信息当前为“${PUBLICITY_STATES[r.state as PublicityState] ?? r.state}”，不能公示`)
      const on = legalDate(body.on, '公示日期', r.decidedOn)
      const p = periods(v, r.decidedOn)
      const restrictionEnd = RESTRICTION_TYPES.has(r.penaltyType) ? (body.restrictionEndOn ?? null) : null
      if (restrictionEnd && dateProblem(restrictionEnd, { min: on })) throw validation('限制期限届满日期无效或早于公示日期')
      const kind: DisplayKind =
        r.displayKind === 'short' ? 'short' : restrictionEnd && restrictionEnd > displayEndOn(on, 'long', p) ? 'restriction' : (r.displayKind as DisplayKind)
      const end = displayEndOn(on, kind, p, restrictionEnd)
      await clocks.apply(
        trx,
        { type: PUBLICITY_MATTER, id, unitId: r.unitId, referenceDate: r.decidedOn },
        (['publish', 'push', 'publish_legacy'] as const).map((c) => ({ op: 'stop' as const, clock: c })),
        on,
      )
      await change(
        trx,
        ctx,
        r,
        { state: 'published', publishedOn: on, publishedBy: ctx.actor.userId, displayEndOn: end, displayKind: kind, restrictionEndOn: restrictionEnd },
        'case.publicity_publish',
        {
          state: 'published',
          publishedOn: on,
          displayEndOn: end,
        },
      )
      await project(trx, id)
    })
    return get(ctx, id)
  }

  async function withdraw(ctx: Ctx, id: string, body: WithdrawBody) {
    assertCan(ctx.actor, 'case.publicity')
    await prepare()
    await db.transaction().execute(async (trx) => {
      const r = await load(trx, ctx, id, { forChange: true })
      assertVersion(r, body.version)
      if (r.state !== 'pending' && r.state !== 'published')
        throw new AppError('ILLEGAL_TRANSITION', `公示信息当前为“${PUBLICITY_STATES[r.state as PublicityState] ?? r.state}”，不能撤回`)
      const changedOn = legalDate(body.changedOn, '决定被变更、撤销之日', r.decidedOn)
      const on = legalDate(body.on, '撤回日期', changedOn)
      const ref = { type: PUBLICITY_MATTER, id, unitId: r.unitId, referenceDate: r.decidedOn }
      await clocks.apply(trx, ref, [{ op: 'start', clock: 'withdraw' }], changedOn)
      await clocks.apply(
        trx,
        ref,
        (['publish', 'push', 'publish_legacy', 'withdraw'] as const).map((c) => ({ op: 'stop' as const, clock: c })),
        on,
      )
      await change(trx, ctx, r, { state: 'withdrawn', changedOn, withdrawnOn: on, withdrawReason: body.reason }, 'case.publicity_withdraw', {
        state: 'withdrawn',
        changedOn,
        withdrawnOn: on,
        reason: body.reason,
      })
      await project(trx, id)
    })
    return get(ctx, id)
  }

  /**
   * Early stop of the display through credit repair (信用修复, Order 45 Art 14): for the credit
   * module's repair decision, in its transaction. Refused for the heavy penalties of Art 14(3), and
   * for a record that is not on display. The eligibility conditions (time on display, performance,
   * no repeat, not listed) are the repair's to check.
   */
  async function stopPublicityEarly(trx: Trx, ctx: Ctx, publicityId: string, reason: string): Promise<void> {
    assertCan(ctx.actor, 'credit.manage')
    const r = await trx.selectFrom('casePublicity').selectAll().where('id', '=', publicityId).executeTakeFirst()
    const s = scopeFor(ctx.actor, 'credit.manage')!
    const inside =
      r &&
      (await trx
        .selectFrom('casePublicity')
        .select('id')
        .where('id', '=', publicityId)
        .where((eb) => inScope(eb, s, ctx.actor, 'case_publicity.unit_id'))
        .executeTakeFirst())
    if (!r || !inside) throw notFound('公示信息', publicityId)
    const on = today()
    if (r.state !== 'published' || (r.displayEndOn && r.displayEndOn < on))
      throw new AppError('ILLEGAL_TRANSITION', '该行政处罚信息不在公示期内，无需提前停止公示')
    if (NO_EARLY_STOP.has(r.penaltyType))
      throw validation('责令停产停业、限制开展生产经营活动、限制从业、降低资质等级、吊销许可证件等行政处罚信息不得提前停止公示（总局令第45号第十四条）')
    const why = reason.trim()
    if (why.length < 2 || why.length > 500) throw validation('提前停止公示的理由应为 2–500 字')
    await change(trx, ctx, r, { state: 'stopped', stoppedOn: on, stopReason: why }, 'case.publicity_stop', { state: 'stopped', stoppedOn: on, reason: why })
  }

  // ---- reads (staff) ---------------------------------------------------------------------------
  const present = (r: Row) => ({
    id: r.id,
    caseId: r.caseId,
    unitId: r.unitId,
    decisionNo: r.decisionNo,
    partyKind: r.partyKind,
    partyName: r.partyName,
    partyUscc: r.partyUscc,
    partyIdMasked: r.partyIdMasked,
    legalRep: r.legalRep,
    caseType: r.caseType,
    caseTypeLabel: caseTypeLabel(r.caseType),
    facts: r.facts,
    basis: r.basis,
    penaltyType: r.penaltyType,
    penaltyLabel: PENALTY_TYPES[r.penaltyType as PenaltyType] ?? r.penaltyType,
    penaltyContent: r.penaltyContent,
    fineFen: Number(r.fineFen),
    confiscatedFen: Number(r.confiscatedFen),
    authority: r.authority,
    decidedOn: r.decidedOn,
    crossProvince: r.crossProvince === 1,
    displayKind: r.displayKind,
    displayKindLabel: DISPLAY_KINDS[r.displayKind as DisplayKind] ?? r.displayKind,
    restrictionEndOn: r.restrictionEndOn,
    state: r.state,
    stateLabel: r.state === 'published' && r.displayEndOn && r.displayEndOn < today() ? '公示期满' : (PUBLICITY_STATES[r.state as PublicityState] ?? r.state),
    dueOn: r.dueOn,
    publishedOn: r.publishedOn,
    displayEndOn: r.displayEndOn,
    changedOn: r.changedOn,
    withdrawnOn: r.withdrawnOn,
    withdrawReason: r.withdrawReason,
    stoppedOn: r.stoppedOn,
    stopReason: r.stopReason,
    version: r.version,
  })

  async function list(ctx: Ctx, q: { state?: string; caseId?: string; page: number; pageSize: number }) {
    let b = readable(db, ctx)
    if (q.state) b = b.where('state', '=', q.state)
    if (q.caseId) b = b.where('caseId', '=', q.caseId)
    const [rows, n] = await Promise.all([
      b.selectAll().orderBy('decidedOn', 'desc').orderBy('id').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items: rows.map(present), total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  async function get(ctx: Ctx, id: string) {
    const r = await load(db, ctx, id)
    const cs = await clocks.list(db, PUBLICITY_MATTER, id)
    return {
      ...present(r),
      clocks: cs.map((c) => ({
        kind: c.kind,
        label: PUBLICITY_CLOCKS[c.kind as keyof typeof PUBLICITY_CLOCKS]?.label ?? c.kind,
        ruleId: c.ruleId,
        startOn: c.startOn,
        dueOn: c.dueOn,
        doneOn: c.doneOn,
        late: !!(c.dueOn && (c.doneOn ?? today()) > c.dueOn),
      })),
      mayChange: !!scopeFor(ctx.actor, 'case.publicity'),
    }
  }

  // ---- public reads ------------------------------------------------------------------------------
  /** On display today: published, display not ended (withdrawn and stopped records are not). */
  const onDisplay = (exec: Executor) =>
    exec.selectFrom('casePublicity').where('casePublicity.state', '=', 'published').where('casePublicity.displayEndOn', '>=', today())

  const presentPublic = (r: Row) => ({
    id: r.id,
    decisionNo: r.decisionNo,
    partyName: r.partyName,
    partyKindLabel: r.partyKind === 'person' ? '自然人' : '经营主体',
    partyUscc: r.partyKind === 'entity' ? r.partyUscc : null,
    legalRep: r.partyKind === 'entity' ? r.legalRep : null,
    caseTypeLabel: caseTypeLabel(r.caseType),
    penaltyLabel: PENALTY_TYPES[r.penaltyType as PenaltyType] ?? r.penaltyType,
    penaltyContent: r.penaltyContent,
    fineFen: Number(r.fineFen),
    confiscatedFen: Number(r.confiscatedFen),
    authority: r.authority,
    decidedOn: r.decidedOn,
    publishedOn: r.publishedOn ?? r.decidedOn,
    displayEndOn: r.displayEndOn ?? '',
  })

  /** The public list: by USCC (18 characters) or entity name (substring of ≥ 2 characters). */
  async function publicList(q: { q?: string; page: number; pageSize: number }) {
    let b = onDisplay(db)
    const term = q.q?.trim() ?? ''
    if (/^[0-9A-HJ-NPQRTUWXY]{18}$/i.test(term)) b = b.where('casePublicity.partyUscc', '=', term.toUpperCase())
    else if (term) {
      if (Array.from(term).length < 2) throw validation('请输入至少 2 个字的名称，或 18 位统一社会信用代码')
      // By the name's rarest grams (the register's lookup); the LIKE below keeps substring semantics exact.
      const m = await selectiveGramMatch(db, dialect, 'case_publicity', term)
      if (m) b = b.where(m)
      b = b.where(sql<SqlBool>`${sql.ref('case_publicity.party_name')} ${sql.raw(likeOperator(dialect))} ${`%${escapeLike(term)}%`} escape '\\'`)
    }
    const rows = await b
      .selectAll()
      .orderBy('casePublicity.publishedOn', 'desc')
      .orderBy('casePublicity.id', 'desc')
      .limit(q.pageSize + 1)
      .offset(offsetOf(q))
      .execute()
    return { items: rows.slice(0, q.pageSize).map(presentPublic), hasMore: rows.length > q.pageSize, page: q.page, pageSize: q.pageSize }
  }

  async function publicGet(id: string) {
    const r = await onDisplay(db).selectAll().where('casePublicity.id', '=', id).executeTakeFirst()
    if (!r) throw notFound('公示信息', id)
    return { ...presentPublic(r), facts: r.facts, basis: r.basis }
  }

  // ---- typical cases (典型案例) -----------------------------------------------------------------
  const presentTypical = (t: CaseTypicalTable) => ({
    id: t.id,
    caseId: t.caseId,
    title: t.title,
    writeUp: t.writeUp,
    caseTypeLabel: caseTypeLabel(t.caseType),
    partyName: t.partyName,
    decisionNo: t.decisionNo,
    authority: t.authority,
    decidedOn: t.decidedOn,
    publishedOn: t.publishedOn,
    withdrawnOn: t.withdrawnOn,
  })

  async function markTypical(ctx: Ctx, body: TypicalBody) {
    const s = assertCan(ctx.actor, 'case.approve')
    const id = newId()
    await db.transaction().execute(async (trx) => {
      const r = await trx
        .selectFrom('caseFile')
        .selectAll()
        .where('id', '=', body.caseId)
        .where((eb) => inScope(eb, s, ctx.actor, 'case_file.unit_id'))
        .executeTakeFirst()
      if (!r) throw notFound('案件', body.caseId)
      if (!r.decidedOn || !r.decisionNo) throw validation('案件尚未作出行政处罚决定，不能作为典型案例发布')
      const taken = await trx.selectFrom('caseTypical').select('id').where('caseId', '=', r.id).executeTakeFirst()
      if (taken) throw conflict('该案件已发布为典型案例')
      const unit = await trx.selectFrom('orgUnit').select('name').where('id', '=', r.unitId).executeTakeFirstOrThrow()
      const row: CaseTypicalTable = {
        id,
        caseId: r.id,
        unitId: r.unitId,
        title: body.title,
        writeUp: body.writeUp,
        caseType: r.caseType,
        partyName: publicPartyName(r.partyKind, r.partyName),
        decisionNo: r.decisionNo,
        authority: unit.name,
        decidedOn: r.decidedOn,
        publishedOn: today(),
        markedBy: ctx.actor.userId,
        withdrawnOn: null,
        createdAt: clock.now().toISOString(),
      }
      await trx.insertInto('caseTypical').values(row).execute()
      await audit.record(trx, ctx, {
        action: 'case.typical_mark',
        targetType: 'case_typical',
        targetId: id,
        targetLabel: body.title,
        unitId: r.unitId,
        after: { caseId: r.id, title: body.title },
      })
    })
    return typicalOf(ctx, id)
  }

  async function typicalOf(ctx: Ctx, id: string) {
    const s = scopeFor(ctx.actor, 'case.read')
    if (!s) throw forbidden()
    const t = await db
      .selectFrom('caseTypical')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => inScope(eb, s, ctx.actor, 'case_typical.unit_id'))
      .executeTakeFirst()
    if (!t) throw notFound('典型案例', id)
    return presentTypical(t)
  }

  async function withdrawTypical(ctx: Ctx, id: string) {
    const s = assertCan(ctx.actor, 'case.approve')
    await db.transaction().execute(async (trx) => {
      const t = await trx
        .selectFrom('caseTypical')
        .selectAll()
        .where('id', '=', id)
        .where((eb) => inScope(eb, s, ctx.actor, 'case_typical.unit_id'))
        .executeTakeFirst()
      if (!t) throw notFound('典型案例', id)
      if (t.withdrawnOn) throw new AppError('ILLEGAL_TRANSITION', '该典型案例已撤下')
      await trx.updateTable('caseTypical').set({ withdrawnOn: today() }).where('id', '=', id).execute()
      await audit.record(trx, ctx, { action: 'case.typical_withdraw', targetType: 'case_typical', targetId: id, targetLabel: t.title, unitId: t.unitId })
    })
    return typicalOf(ctx, id)
  }

  async function listTypical(ctx: Ctx, q: { page: number; pageSize: number }) {
    const s = scopeFor(ctx.actor, 'case.read')
    if (!s) throw forbidden()
    const b = db.selectFrom('caseTypical').where((eb) => inScope(eb, s, ctx.actor, 'case_typical.unit_id'))
    const [rows, n] = await Promise.all([
      b.selectAll().orderBy('publishedOn', 'desc').orderBy('id').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items: rows.map(presentTypical), total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  async function publicTypical(q: { page: number; pageSize: number }) {
    const rows = await db
      .selectFrom('caseTypical')
      .selectAll()
      .where('withdrawnOn', 'is', null)
      .orderBy('publishedOn', 'desc')
      .orderBy('id', 'desc')
      .limit(q.pageSize + 1)
      .offset(offsetOf(q))
      .execute()
    return { items: rows.slice(0, q.pageSize).map(presentTypical), hasMore: rows.length > q.pageSize, page: q.page, pageSize: q.pageSize }
  }

  async function publicTypicalGet(id: string) {
    const t = await db.selectFrom('caseTypical').selectAll().where('id', '=', id).where('withdrawnOn', 'is', null).executeTakeFirst()
    if (!t) throw notFound('典型案例', id)
    return presentTypical(t)
  }

  return {
    prepare,
    recordDecision,
    publish,
    withdraw,
    stopPublicityEarly,
    list,
    get,
    publicList,
    publicGet,
    markTypical,
    withdrawTypical,
    listTypical,
    typicalOf,
    publicTypical,
    publicTypicalGet,
  }
}
export type CasePublicity = ReturnType<typeof createCasePublicity>

import { assertCan, inScope, scopeFor, systemCtx, unitPathInScope, type Ctx } from '../../core/actor'
import { clockViews } from '../../core/matter/clocks'
import { chinaDate } from '../../core/clock'
import type { CoreDeps } from '../../core/deps'
import type { Executor, Trx } from '../../core/db/database'
import { nextYearlyNumber } from '../../core/db/sequence'
import { AppError, forbidden, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { ClockKernel } from '../../core/matter/clocks'
import { nextDueOf } from '../../core/matter/clocks.domain'
import { listPage, scopedRecords } from '../../core/matter/records'
import { CASE_TYPES, PENALTY_TYPES, type CaseType, type PenaltyType } from '../../shared/cases/vocabulary'
import {
  SERIOUS_FIELDS,
  SERIOUS_IN_FORCE,
  SERIOUS_REMOVALS,
  SERIOUS_SOURCES,
  seriousWorkflow,
  type SeriousAction,
  type SeriousField,
  type SeriousFromCaseBody,
  type SeriousRemoval,
  type SeriousSource,
  type SeriousState,
} from '../../shared/credit/serious.workflow'
import { addDays } from '../../shared/time'
import type { AuditService } from '../audit'
import type { DocumentsEngine } from '../documents'
import { approvalPath, earlyRemovalProblems, order44Problems, periodEnd, type UnitNode } from './serious.domain'
import type { CreditSeriousTable } from './serious.tables'
import { SERIOUS_TEMPLATES } from './serious.templates'

export const SERIOUS_MATTER = seriousWorkflow.type
const ORDER44 = '《市场监督管理严重违法失信名单管理办法》（总局令第44号）'
const PUBLICITY_REG_17 = '《企业信息公示暂行条例》第十七条'
/** The 3-year warning is shown this many days before the abnormal listing's 3-year point (2016 practice: 60 days, SECONDARY). */
export const WARNING_DAYS = 60

/** The rule catalogue as the serious list and repair use it (the rules service fits). */
export interface SeriousRulesPort {
  deadlineFor(ruleId: string, eventDate: string): Promise<{ deadline: { date: string } }>
  resolve(ruleId: string, eventDate: string): Promise<{ length: number; unit: string; legalBasis: string }>
}

/** What the serious list reads of the case file (the cases module's index: createCaseCreditReads). */
export interface SeriousCasePort {
  decision(
    exec: Executor,
    caseId: string,
  ): Promise<{
    id: string
    caseNo: string
    unitId: string
    entityId: string | null
    partyKind: string
    partyName: string
    caseType: string
    penaltyType: string | null
    fineFen: number
    gainsFen: number
    decisionNo: string | null
    decidedOn: string | null
    state: string
  } | null>
  penaltiesOf(
    exec: Executor,
    entityId: string,
  ): Promise<Array<{ caseId: string; caseType: string; decidedOn: string; penaltyType: string | null; fineFen: number; performed: boolean }>>
}

export interface SeriousView {
  id: string
  seriousNo: string | null
  entityId: string
  entityName: string | null
  uscc: string | null
  unitId: string
  unitName: string | null
  source: SeriousSource
  sourceLabel: string
  sourceId: string
  sourceRef: string | null
  field: SeriousField
  fieldLabel: string
  ground: string
  basis: string
  triggerOn: string
  needsUpper: boolean
  notifiedOn: string | null
  statementText: string | null
  statementOn: string | null
  waived: boolean
  referredOn: string | null
  upperApprovedOn: string | null
  listedOn: string | null
  decisionDocId: string | null
  publishedOn: string | null
  legalRep: string | null
  restrictionEndOn: string | null
  autoRemovalOn: string | null
  earlyFromOn: string | null
  earlyText: string | null
  earlyAppliedOn: string | null
  removedOn: string | null
  removalKind: SeriousRemoval | null
  removalLabel: string | null
  decisionNote: string | null
  nextDueOn: string | null
  state: SeriousState
  stateLabel: string
  version: number
  createdAt: string
}

type Row = CreditSeriousTable & { entityName: string | null; uscc: string | null; unitName: string | null }
export function presentSerious(r: Row): SeriousView {
  return {
    id: r.id,
    seriousNo: r.seriousNo,
    entityId: r.entityId,
    entityName: r.entityName,
    uscc: r.uscc,
    unitId: r.unitId,
    unitName: r.unitName,
    source: r.source as SeriousSource,
    sourceLabel: SERIOUS_SOURCES[r.source as SeriousSource] ?? r.source,
    sourceId: r.sourceId,
    sourceRef: r.sourceRef,
    field: r.field as SeriousField,
    fieldLabel: SERIOUS_FIELDS[r.field as SeriousField] ?? r.field,
    ground: r.ground,
    basis: r.basis,
    triggerOn: r.triggerOn,
    needsUpper: Number(r.needsUpper) === 1,
    notifiedOn: r.notifiedOn,
    statementText: r.statementText,
    statementOn: r.statementOn,
    waived: Number(r.waived) === 1,
    referredOn: r.referredOn,
    upperApprovedOn: r.upperApprovedOn,
    listedOn: r.listedOn,
    decisionDocId: r.decisionDocId,
    publishedOn: r.publishedOn,
    legalRep: r.legalRep,
    restrictionEndOn: r.restrictionEndOn,
    autoRemovalOn: r.autoRemovalOn,
    earlyFromOn: r.earlyFromOn,
    earlyText: r.earlyText,
    earlyAppliedOn: r.earlyAppliedOn,
    removedOn: r.removedOn,
    removalKind: r.removalKind as SeriousRemoval | null,
    removalLabel: r.removalKind ? (SERIOUS_REMOVALS[r.removalKind as SeriousRemoval] ?? r.removalKind) : null,
    decisionNote: r.decisionNote,
    nextDueOn: r.nextDueOn,
    state: r.state as SeriousState,
    stateLabel: seriousWorkflow.stateLabel(r.state),
    version: Number(r.version),
    createdAt: r.createdAt,
  }
}

const penaltyText = (c: { penaltyType: string | null; fineFen: number }) => {
  const t = c.penaltyType ? (PENALTY_TYPES[c.penaltyType as PenaltyType] ?? c.penaltyType) : '行政处罚'
  return c.fineFen > 0 && c.penaltyType !== 'fine' ? `${t}、罚款` : t
}

/**
 * The serious-violation list (严重违法失信名单). Entries are born from a heavier penalty decision
 * (`proposeFromCase`, Order 44's test checked by `order44Problems`) or from three years on the
 * abnormal list (`transferAbnormal`, a scheduled job; `warnings` shows the entities approaching the
 * point). The workflow (shared/credit/serious.workflow.ts) runs through the records kernel (scope,
 * version, audit) and the clock kernel; the notice and the decision are documents of the engine.
 */
export function createSeriousService({
  db,
  dialect,
  clock,
  config,
  audit,
  clocks,
  rules,
  documents,
  cases,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock' | 'config'> & {
  audit: AuditService
  clocks: ClockKernel
  rules: SeriousRulesPort
  documents: DocumentsEngine
  cases: SeriousCasePort
}) {
  clocks.register(SERIOUS_MATTER, seriousWorkflow.clocks!)
  const today = () => chinaDate(clock.now())
  const memo = ruleMemo(rules)
  const period = async (ruleId: string, on: string) => periodEnd(on, await rules.resolve(ruleId, on))
  /** Inside a transaction only memoised rules are read (the catalogue's cache may query the database: not from inside a SQLite write). */
  const periodIn = (ruleId: string, on: string) => periodEnd(on, memo.get(ruleId, on))
  /** Everything the transitions of `id` read of the catalogue, loaded before the transaction. */
  async function warm(id: string) {
    const on = today()
    const r = await db.selectFrom('creditSerious').select(['triggerOn']).where('id', '=', id).executeTakeFirst()
    await memo.warm([
      ['credit.serious_statement', on, true],
      ['credit.serious_auto_removal', on],
      ['credit.serious_early_removal', on],
      ['credit.serious_legal_rep', on],
      ...(r
        ? ([
            ['credit.abnormal_to_serious', r.triggerOn],
            ['credit.serious_auto_removal', r.triggerOn],
          ] as Array<[string, string]>)
        : []),
    ])
  }

  const records = scopedRecords({
    db,
    dialect,
    clock,
    audit,
    clocks,
    table: 'creditSerious',
    label: '严重违法失信名单事项',
    workflow: seriousWorkflow,
    readPermission: 'credit.read',
    targetLabel: (r) => r.seriousNo ?? r.dedupeKey,
    effects: (trx, row, action, input: Record<string, unknown>, on, ctx) => effects(trx, row, action, input, on, ctx),
  })
  documents.registerMatter(SERIOUS_MATTER, {
    async authorize(ctx, matterId) {
      const r = await records.load(db, ctx, matterId)
      return { mayReadContent: true, unitId: r.unitId }
    },
  })

  async function entityOf(exec: Executor, id: string) {
    return exec.selectFrom('marketEntity').select(['id', 'name', 'uscc', 'legalRep', 'stationUnitId']).where('id', '=', id).executeTakeFirstOrThrow()
  }
  async function units(exec: Executor): Promise<Map<string, UnitNode & { path: string }>> {
    const rows = await exec.selectFrom('orgUnit').select(['id', 'parentId', 'kind', 'path']).execute()
    return new Map(rows.map((u) => [u.id, u]))
  }
  const dueOf = async (exec: Executor, id: string, kind: string) => (await clocks.list(exec, SERIOUS_MATTER, id)).find((c) => c.kind === kind)?.dueOn ?? null

  async function issue(
    trx: Trx,
    ctx: Ctx,
    row: CreditSeriousTable,
    kind: 'credit_serious.notice' | 'credit_serious.decision',
    on: string,
    values: Record<string, string>,
  ) {
    const e = await entityOf(trx, row.entityId)
    const ruleId = row.source === 'abnormal' ? 'credit.abnormal_to_serious' : 'credit.serious_auto_removal'
    const basis = memo.has(ruleId, row.triggerOn) ? memo.get(ruleId, row.triggerOn).legalBasis : row.basis
    return documents.issue(trx, ctx, {
      matterType: SERIOUS_MATTER,
      matterId: row.id,
      templates: SERIOUS_TEMPLATES,
      kind,
      regimeDate: row.triggerOn,
      issueDate: on,
      issuingUnitId: row.unitId,
      legalBasis: basis,
      values: {
        entityName: e.name,
        uscc: e.uscc ?? '—',
        ground: row.ground,
        sourceRef: row.sourceRef ?? '—',
        field: SERIOUS_FIELDS[row.field as SeriousField] ?? row.field,
        ...values,
      },
      handler: { name: ctx.actor.displayName },
      reference: row.seriousNo ? `名单编号 ${row.seriousNo}` : null,
      serviceTo: e.name,
      audit: { action: 'document.issue', unitId: row.unitId },
    })
  }

  /** The listing decision: number, dates from the catalogue, the legal representative's restriction, the decision document. */
  async function decide(trx: Trx, ctx: Ctx, row: CreditSeriousTable, on: string, extra: Partial<CreditSeriousTable>): Promise<Partial<CreditSeriousTable>> {
    const e = await entityOf(trx, row.entityId)
    const [autoRemovalOn, earlyFromOn, restrictionEndOn] = [
      periodIn('credit.serious_auto_removal', on),
      periodIn('credit.serious_early_removal', on),
      periodIn('credit.serious_legal_rep', on),
    ]
    const seriousNo = await nextYearlyNumber(trx, 'YZ', on.slice(0, 4))
    const patched = { ...row, seriousNo }
    const doc = await issue(trx, ctx, patched, 'credit_serious.decision', on, {
      notifiedOn: row.notifiedOn ?? '—',
      statement: row.statementText ? '你单位提出了陈述、申辩意见，本局已进行复核。' : '你单位在规定期限内未提出陈述、申辩意见。',
      listedOn: on,
      upper: Number(row.needsUpper) === 1 ? '本决定已报经上一级市场监督管理部门批准。' : '',
      autoRemovalOn,
      earlyFromOn,
      legalRep: e.legalRep ?? '—',
      restrictionEndOn,
    })
    return {
      ...extra,
      seriousNo,
      approvedBy: ctx.actor.userId,
      listedOn: on,
      decisionDocId: doc.id,
      legalRep: e.legalRep,
      restrictionEndOn,
      autoRemovalOn,
      earlyFromOn,
    }
  }

  async function effects(
    trx: Trx,
    row: CreditSeriousTable,
    action: SeriousAction,
    input: Record<string, unknown>,
    on: string,
    ctx: Ctx,
  ): Promise<Partial<CreditSeriousTable>> {
    const note = typeof input.note === 'string' && input.note ? input.note : null
    switch (action) {
      case 'notify': {
        const r = memo.get('credit.serious_statement', on)
        await issue(trx, ctx, row, 'credit_serious.notice', on, {
          statementPeriod: `${r.length}${r.unit === 'WD' ? '个工作日' : '日'}`,
          statementDue: memo.due('credit.serious_statement', on) ?? '—',
        })
        return { notifiedOn: on, decisionNote: note }
      }
      case 'record_statement':
        return { statementText: String(input.text), statementOn: on }
      case 'submit': {
        const due = await dueOf(trx, row.id, 'statement')
        if (!input.waived && !row.statementText && due && on <= due)
          throw validation(`陈述申辩期限（至 ${due}）尚未届满：当事人已陈述申辩或明确放弃的，方可提前提请决定`)
        return { waived: input.waived ? 1 : 0, decisionNote: note }
      }
      case 'approve':
        if (Number(row.needsUpper) === 1 && !row.upperApprovedOn)
          throw validation('县级（区）市场监督管理部门列入严重违法失信名单，须报经上一级市场监督管理部门批准')
        return decide(trx, ctx, row, on, { decisionNote: note })
      case 'refer_upper':
        if (Number(row.needsUpper) !== 1) throw validation('本局作出的列入决定无须报上一级批准，请直接决定')
        return { referredOn: on, decisionNote: note }
      case 'upper_approve': {
        const all = await units(trx)
        const upper = row.upperUnitId ? all.get(row.upperUnitId) : undefined
        const scope = scopeFor(ctx.actor, 'credit.approve')
        if (!upper || !scope || !unitPathInScope(scope, upper.id, upper.path)) throw forbidden('须由上一级市场监督管理部门批准')
        return decide(trx, ctx, row, on, { upperApprovedBy: ctx.actor.userId, upperApprovedOn: on, decisionNote: note })
      }
      case 'publish':
        return { publishedOn: on, decisionNote: note }
      case 'apply_early': {
        const problems = earlyRemovalProblems({
          today: on,
          earlyFromOn: row.earlyFromOn,
          listedOn: row.listedOn,
          penalties: await cases.penaltiesOf(trx, row.entityId),
          sourceCaseId: row.source === 'case' ? row.sourceId : null,
          harmRemoved: input.harmRemoved === true,
        })
        if (problems.length) throw validation(`不符合提前移出条件：${problems.join('；')}`)
        return { earlyText: String(input.text), earlyAppliedOn: on }
      }
      case 'remove_early':
        return { removedOn: on, removalKind: 'early', decisionNote: note }
      case 'expire':
        if (!row.autoRemovalOn || on < row.autoRemovalOn) throw validation(`列入未满3年：${row.autoRemovalOn ?? '—'} 起方可届满移出`)
        return { removedOn: on, removalKind: 'expired', decisionNote: note }
      case 'revoke':
        return { removedOn: on, removalKind: 'revoked', decisionNote: note }
      default:
        return { decisionNote: note }
    }
  }

  async function project(trx: Trx, id: string) {
    const next = nextDueOf(await clocks.listOpen(trx, SERIOUS_MATTER, id))
    await trx
      .updateTable('creditSerious')
      .set({ nextDueOn: next?.dueOn ?? null })
      .where('id', '=', id)
      .execute()
  }

  /** A new entry (one per source: the dedupe key); a repeated proposal returns the existing one. */
  async function propose(
    trx: Trx,
    ctx: Ctx,
    v: {
      entityId: string
      unitId: string
      source: SeriousSource
      sourceId: string
      sourceRef: string | null
      field: SeriousField
      ground: string
      basis: string
      triggerOn: string
    },
  ): Promise<{ id: string; created: boolean }> {
    const dedupeKey = `${v.source}:${v.sourceId}`
    const open = await trx.selectFrom('creditSerious').select('id').where('dedupeKey', '=', dedupeKey).executeTakeFirst()
    if (open) return { id: open.id, created: false }
    const path = approvalPath(v.unitId, await units(trx), config.credit.seriousUpperApproval)
    const now = clock.now().toISOString()
    const row = await records.create(
      trx,
      ctx,
      {
        id: newId(),
        seriousNo: null,
        dedupeKey,
        ...v,
        needsUpper: path.needsUpper ? 1 : 0,
        upperUnitId: path.upperUnitId,
        notifiedOn: null,
        statementText: null,
        statementOn: null,
        waived: 0,
        referredOn: null,
        upperApprovedBy: null,
        upperApprovedOn: null,
        approvedBy: null,
        listedOn: null,
        decisionDocId: null,
        publishedOn: null,
        legalRep: null,
        legalRepIdHash: null,
        restrictionEndOn: null,
        autoRemovalOn: null,
        earlyFromOn: null,
        earlyText: null,
        earlyAppliedOn: null,
        removedOn: null,
        removalKind: null,
        decisionNote: null,
        nextDueOn: null,
        createdAt: now,
        createdBy: ctx.actor.userId,
        updatedAt: now,
      },
      { audit: 'credit.serious.propose' },
    )
    return { id: row.id, created: true }
  }

  /**
   * A heavier penalty decision becomes a proposal of the case's unit ("谁处罚、谁列入"): the case must
   * meet Order 44's test, and the actor must hold credit.manage over the case's unit.
   */
  async function proposeFromCase(ctx: Ctx, body: SeriousFromCaseBody) {
    const scope = assertCan(ctx.actor, 'credit.manage')
    const id = await db.transaction().execute(async (trx) => {
      const c = await cases.decision(trx, body.caseId)
      const unit = c && (await trx.selectFrom('orgUnit').select(['id', 'path']).where('id', '=', c.unitId).executeTakeFirst())
      if (!c || !unit || !unitPathInScope(scope, unit.id, unit.path)) throw notFound('案件', body.caseId)
      const problems = order44Problems(c, { severeFine: body.severeFine, field: body.field })
      if (problems.length) throw validation(`不符合列入严重违法失信名单的条件：${problems.join('；')}`)
      const caseType = CASE_TYPES[c.caseType as CaseType] ?? c.caseType
      const r = await propose(trx, ctx, {
        entityId: c.entityId!,
        unitId: c.unitId,
        source: 'case',
        sourceId: c.id,
        sourceRef: c.decisionNo ?? c.caseNo,
        field: body.field,
        ground: `因${caseType}违法行为于 ${c.decidedOn} 受到较重行政处罚（${penaltyText(c)}），${body.circumstances}`,
        basis: `${ORDER44}第二条`,
        triggerOn: c.decidedOn!,
      })
      if (!r.created) throw new AppError('CONFLICT', '该案件已提出过列入严重违法失信名单建议')
      return r.id
    })
    return get(ctx, id)
  }

  /** Abnormal listings in force whose 3-year point (credit.abnormal_to_serious) falls on or before `until`. */
  async function threeYearCandidates(exec: Executor, until: string, ctx?: Ctx) {
    // Pre-filter by date in SQL (3 years plus a margin for a catalogue change), then the exact date per row.
    const slack = addDays(`${Number(until.slice(0, 4)) - 3}${until.slice(4)}`, 400)
    let q = exec
      .selectFrom('creditListing as l')
      .innerJoin('marketEntity as e', 'e.id', 'l.entityId')
      .select(['l.id', 'l.entityId', 'l.unitId', 'l.listingNo', 'l.listedOn', 'l.ground', 'e.name', 'e.uscc', 'e.entityKind'])
      .where('l.state', 'in', ['listed', 'objecting', 'verifying', 'removal_applied'])
      .where('l.mode', '=', 'list')
      .where('l.listedOn', '<=', slack)
    if (ctx) {
      const scope = assertCan(ctx.actor, 'credit.read')
      q = q.where((eb) => inScope(eb, scope, ctx.actor, 'l.unit_id'))
    }
    const rows = await q.orderBy('l.listedOn').limit(5000).execute()
    const out: Array<(typeof rows)[number] & { pointOn: string }> = []
    for (const r of rows) {
      const pointOn = await period('credit.abnormal_to_serious', r.listedOn!)
      if (pointOn <= until) out.push({ ...r, pointOn })
    }
    return out
  }

  /** The 3-year warning: abnormal listings reaching the serious-list point within WARNING_DAYS. */
  async function warnings(ctx: Ctx) {
    const on = today()
    const rows = await threeYearCandidates(db, addDays(on, WARNING_DAYS), ctx)
    return {
      items: rows
        .filter((r) => r.pointOn > on)
        .map((r) => ({
          listingId: r.id,
          listingNo: r.listingNo,
          entityId: r.entityId,
          entityName: r.name,
          uscc: r.uscc,
          listedOn: r.listedOn!,
          pointOn: r.pointOn,
        })),
    }
  }

  /** Job: every abnormal listing past its 3-year point becomes a serious-list proposal (once: the dedupe key). */
  async function transferAbnormal(): Promise<{ proposed: number }> {
    const on = today()
    const rows = await threeYearCandidates(db, on)
    let proposed = 0
    for (const r of rows)
      await db.transaction().execute(async (trx) => {
        const x = await propose(trx, systemCtx('credit-serious-transfer'), {
          entityId: r.entityId,
          unitId: r.unitId,
          source: 'abnormal',
          sourceId: r.id,
          sourceRef: r.listingNo,
          field: 'abnormal_three_years',
          ground: `自 ${r.listedOn} 被列入经营异常名录，届满3年（${r.pointOn}）仍未履行相关义务`,
          basis: `${PUBLICITY_REG_17}第二款；${ORDER44}`,
          triggerOn: r.pointOn,
        })
        if (x.created) proposed += 1
      })
    return { proposed }
  }

  /** Job: entries on display past their 3-year point are removed (as the system, audited). */
  async function expireDue(): Promise<{ removed: number }> {
    const on = today()
    const due = await db.selectFrom('creditSerious').select('id').where('state', '=', 'published').where('autoRemovalOn', '<=', on).limit(10_000).execute()
    let removed = 0
    await clocks.prepare()
    for (const r of due) {
      await warm(r.id)
      await db.transaction().execute(async (trx) => {
        await records.transition(systemCtx('credit-serious-expire'), r.id, 'expire', { note: '列入满3年，自动移出' }, { trx })
        await project(trx, r.id)
      })
      removed += 1
    }
    return { removed }
  }

  const visible = (ctx: Ctx) =>
    records
      .scoped(db, ctx)
      .leftJoin('orgUnit', 'orgUnit.id', 'creditSerious.unitId')
      .leftJoin('marketEntity', 'marketEntity.id', 'creditSerious.entityId')
      .selectAll('creditSerious')
      .select(['orgUnit.name as unitName', 'marketEntity.name as entityName', 'marketEntity.uscc as uscc'])

  async function list(ctx: Ctx, q: { state?: SeriousState; source?: SeriousSource; entityId?: string; page: number; pageSize: number }) {
    let b = visible(ctx)
    if (q.state) b = b.where('creditSerious.state', '=', q.state)
    if (q.source) b = b.where('creditSerious.source', '=', q.source)
    if (q.entityId) b = b.where('creditSerious.entityId', '=', q.entityId)
    return listPage(b, q, (p) => p.orderBy('creditSerious.createdAt', 'desc').orderBy('creditSerious.id', 'desc'), presentSerious)
  }

  async function get(ctx: Ctx, id: string) {
    const loaded = await records.load(db, ctx, id)
    const r = await visible(ctx).where('creditSerious.id', '=', id).executeTakeFirstOrThrow()
    const clockRows = await clocks.list(db, SERIOUS_MATTER, id)
    return {
      ...presentSerious(r),
      actions: records.actions(ctx, loaded),
      clocks: clockViews(seriousWorkflow, clockRows),
    }
  }

  async function act(ctx: Ctx, id: string, action: SeriousAction, input: unknown, version?: number) {
    await clocks.prepare()
    await warm(id)
    await db.transaction().execute(async (trx) => {
      await records.transition(ctx, id, action, input, { version, trx })
      await project(trx, id)
    })
    return get(ctx, id)
  }

  /** Entries of an entity as the public sees them (published or under early-removal review, and removed ones with their dates). */
  async function publicOf(exec: Executor, entityId: string) {
    const rows = await exec
      .selectFrom('creditSerious')
      .leftJoin('orgUnit', 'orgUnit.id', 'creditSerious.unitId')
      .select([
        'creditSerious.id',
        'creditSerious.seriousNo',
        'creditSerious.field',
        'creditSerious.ground',
        'creditSerious.basis',
        'creditSerious.state',
        'creditSerious.listedOn',
        'creditSerious.publishedOn',
        'creditSerious.autoRemovalOn',
        'creditSerious.earlyFromOn',
        'creditSerious.restrictionEndOn',
        'creditSerious.removedOn',
        'creditSerious.removalKind',
        'orgUnit.name as unitName',
      ])
      .where('creditSerious.entityId', '=', entityId)
      .where('creditSerious.state', 'in', [...SERIOUS_IN_FORCE, 'removed'])
      .where('creditSerious.publishedOn', 'is not', null)
      .orderBy('creditSerious.listedOn', 'desc')
      .execute()
    return rows
  }

  /** Whether the entity is on the serious list now (repair and risk read it). */
  async function inForce(exec: Executor, entityId: string): Promise<boolean> {
    const r = await exec.selectFrom('creditSerious').select('id').where('entityId', '=', entityId).where('state', 'in', SERIOUS_IN_FORCE).executeTakeFirst()
    return !!r
  }

  return { records, warm, propose, proposeFromCase, warnings, transferAbnormal, expireDue, list, get, act, visible, publicOf, inForce }
}
export type SeriousService = ReturnType<typeof createSeriousService>

/**
 * Rule versions and due dates memoised per (rule, date) before a transaction, read synchronously
 * inside it. Bounded: cleared when it grows past 2,000 entries.
 */
export function ruleMemo(rules: SeriousRulesPort) {
  const m = new Map<string, { length: number; unit: string; legalBasis: string; due: string | null }>()
  const key = (id: string, on: string) => `${id}@${on}`
  return {
    async warm(list: ReadonlyArray<readonly [string, string, boolean?]>) {
      if (m.size > 2000) m.clear()
      for (const [id, on, withDue] of list) {
        if (m.has(key(id, on)) && (!withDue || m.get(key(id, on))!.due !== null)) continue
        const r = await rules.resolve(id, on)
        const due = withDue ? ((await rules.deadlineFor(id, on).catch(() => null))?.deadline.date ?? null) : null
        m.set(key(id, on), { length: r.length, unit: r.unit, legalBasis: r.legalBasis, due })
      }
    },
    has: (id: string, on: string) => m.has(key(id, on)),
    get(id: string, on: string) {
      const v = m.get(key(id, on))
      if (!v) throw new AppError('INTERNAL', `规则 ${id}@${on} 未预先加载`)
      return v
    },
    due: (id: string, on: string) => m.get(key(id, on))?.due ?? null,
  }
}

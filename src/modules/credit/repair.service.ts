import { assertCan, systemCtx, unitPathInScope, type Ctx, type ScopeSet } from '../../core/actor'
import { clockViews } from '../../core/matter/clocks'
import { chinaDate } from '../../core/clock'
import type { CoreDeps } from '../../core/deps'
import type { Executor, Trx } from '../../core/db/database'
import { notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { ClockKernel } from '../../core/matter/clocks'
import { nextDueOf } from '../../core/matter/clocks.domain'
import { listPage, scopedRecords } from '../../core/matter/records'
import { maskPhone } from '../../core/mask'
import { CURES, REMOVAL_GROUNDS, type AbnormalReason } from '../../shared/credit/listing.workflow'
import {
  REPAIR_KINDS,
  repairWorkflow,
  type RepairAction,
  type RepairApplyBody,
  type RepairCheck,
  type RepairKind,
  type RepairState,
} from '../../shared/credit/repair'
import type { AuditService } from '../audit'
import type { ListingService } from './listing.service'
import { repairCheck, type RepairFacts } from './repair.domain'
import { ruleMemo, type SeriousCasePort, type SeriousRulesPort, type SeriousService } from './serious.service'
import type { CreditRepairTable } from './serious.tables'

export const REPAIR_MATTER = repairWorkflow.type

/** What repair reads and changes of the penalty publicity (the cases module's index). */
export interface RepairCasePort extends SeriousCasePort {
  publicity(
    exec: Executor,
    id: string,
  ): Promise<{
    id: string
    caseId: string
    unitId: string
    caseType: string
    penaltyType: string
    displayKind: string
    state: string
    publishedOn: string | null
    displayEndOn: string | null
  } | null>
  stopPublicityEarly(trx: Trx, ctx: Ctx, publicityId: string, reason: string): Promise<void>
}

type Row = CreditRepairTable & { entityName: string | null; uscc: string | null; unitName: string | null }

/**
 * Credit repair (信用修复): applications registered by the credit officer for the abnormal list, the
 * serious list or a penalty's publicity; the conditions are checked against the records
 * (`repairCheck`) when registered, when accepted and when decided; the repair decision changes the
 * public record in the same transaction — the listing removed, the serious entry removed early, the
 * publicity stopped early (through the cases module) — each change audited on its own matter.
 */
export function createRepairService({
  db,
  dialect,
  clock,
  audit,
  clocks,
  rules,
  listings,
  serious,
  cases,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & {
  audit: AuditService
  clocks: ClockKernel
  rules: SeriousRulesPort
  listings: ListingService
  serious: SeriousService
  cases: RepairCasePort
}) {
  clocks.register(REPAIR_MATTER, repairWorkflow.clocks!)
  const today = () => chinaDate(clock.now())
  const memo = ruleMemo(rules)
  /** The catalogue is read before a transaction, never inside one (see ruleMemo). */
  const warm = async () => {
    await clocks.prepare()
    await memo.warm([
      ['credit.repair_penalty', today()],
      ['credit.repair_penalty_food_drug', today()],
    ])
  }

  const records = scopedRecords({
    db,
    dialect,
    clock,
    audit,
    clocks,
    table: 'creditRepair',
    label: '信用修复申请',
    workflow: repairWorkflow,
    readPermission: 'credit.read',
    numbering: { column: 'repairNo', prefix: 'XF' },
    targetLabel: (r) => r.repairNo ?? r.id,
    effects: async (trx, row, action: RepairAction, input: { note?: string }, on, ctx) => {
      const note = input.note || null
      if (action === 'accept' || action === 'repair') {
        const check = await checkOf(trx, row.kind as RepairKind, row.targetId, on, true)
        if (!check.facts.entityId) throw notFound('修复对象', row.targetId)
        if (!check.result.eligible) throw validation(`不符合信用修复条件：${failed(check.result)}`)
        if (action === 'repair') await carryOut(trx, ctx, row, note)
        return { checkJson: JSON.stringify(check.result), decisionNote: note, ...(action === 'accept' ? { acceptedOn: on } : { decidedOn: on }) }
      }
      return { decisionNote: note, decidedOn: on }
    },
  })

  const failed = (r: RepairCheck) =>
    r.conditions
      .filter((c) => !c.ok)
      .map((c) => (c.detail ? `${c.label}（${c.detail}）` : c.label))
      .join('；')

  /** The target's unit and entity, and the facts of the check. */
  async function checkOf(exec: Executor, kind: RepairKind, targetId: string, on: string, harmRemoved: boolean) {
    let facts: Partial<RepairFacts> & { entityId: string | null; unitId: string | null } = { entityId: null, unitId: null }
    if (kind === 'abnormal') {
      const l = await exec.selectFrom('creditListing').selectAll().where('id', '=', targetId).executeTakeFirst()
      if (l) {
        const filed =
          l.ground === 'annual_report_not_filed' && l.reportYear !== null
            ? !!(await exec
                .selectFrom('annualReport')
                .select('id')
                .where('entityId', '=', l.entityId)
                .where('reportYear', '=', Number(l.reportYear))
                .executeTakeFirst())
            : harmRemoved
        facts = {
          entityId: l.entityId,
          unitId: l.unitId,
          listing: {
            state: l.state,
            cured: filed,
            cureText:
              l.ground === 'annual_report_not_filed'
                ? filed
                  ? `已补报 ${l.reportYear} 年度报告`
                  : `尚未补报 ${l.reportYear} 年度报告`
                : '申请人承诺列入事由已消除，经办人核实',
          },
        }
      }
    } else if (kind === 'serious') {
      const s = await exec.selectFrom('creditSerious').selectAll().where('id', '=', targetId).executeTakeFirst()
      if (s)
        facts = {
          entityId: s.entityId,
          unitId: s.unitId,
          serious: { state: s.state, earlyFromOn: s.earlyFromOn, listedOn: s.listedOn, sourceCaseId: s.source === 'case' ? s.sourceId : null },
        }
    } else {
      const p = await cases.publicity(exec, targetId)
      const c = p && (await cases.decision(exec, p.caseId))
      if (p && c?.entityId) {
        const [penalty, penaltyLong] = [memo.get('credit.repair_penalty', on), memo.get('credit.repair_penalty_food_drug', on)]
        facts = { entityId: c.entityId, unitId: p.unitId, publicity: p, periods: { penalty, penaltyLong } }
      }
    }
    if (!facts.entityId) return { facts, result: { eligible: false, earliestOn: null, conditions: [] } as RepairCheck }
    const [penalties, onSerious, onAbnormal] = await Promise.all([
      cases.penaltiesOf(exec, facts.entityId),
      serious.inForce(exec, facts.entityId),
      exec
        .selectFrom('creditListing')
        .select('id')
        .where('entityId', '=', facts.entityId)
        .where('state', 'in', ['listed', 'objecting', 'verifying', 'removal_applied'])
        .executeTakeFirst()
        .then((r) => !!r),
    ])
    const result = repairCheck({ ...facts, kind, today: on, harmRemoved, penalties, onSerious, onAbnormal })
    return { facts, result }
  }

  async function inScopeUnit(exec: Executor, scope: ScopeSet, unitId: string | null) {
    const u = unitId ? await exec.selectFrom('orgUnit').select(['id', 'path']).where('id', '=', unitId).executeTakeFirst() : null
    return !!u && unitPathInScope(scope, u.id, u.path)
  }

  /** The check as it stands today, for the application form (no change). */
  async function preview(ctx: Ctx, kind: RepairKind, targetId: string) {
    const scope = assertCan(ctx.actor, 'credit.read')
    await warm()
    const c = await checkOf(db, kind, targetId, today(), true)
    if (!c.facts.entityId || !(await inScopeUnit(db, scope, c.facts.unitId))) throw notFound('修复对象', targetId)
    return c.result
  }

  /** Registers an application (refused, changing nothing, when a condition fails). */
  async function apply(ctx: Ctx, body: RepairApplyBody) {
    const scope = assertCan(ctx.actor, 'credit.manage')
    const on = today()
    await warm()
    const id = await db.transaction().execute(async (trx) => {
      const c = await checkOf(trx, body.kind, body.targetId, on, body.harmRemoved)
      if (!c.facts.entityId || !(await inScopeUnit(trx, scope, c.facts.unitId))) throw notFound('修复对象', body.targetId)
      if (!c.result.eligible) throw validation(`不符合信用修复条件：${failed(c.result)}`)
      const open = await trx
        .selectFrom('creditRepair')
        .select('id')
        .where('kind', '=', body.kind)
        .where('targetId', '=', body.targetId)
        .where('state', 'in', ['applied', 'accepted'])
        .executeTakeFirst()
      if (open) throw validation('该对象已有办理中的信用修复申请')
      const now = clock.now().toISOString()
      const row = await records.create(
        trx,
        ctx,
        {
          id: newId(),
          repairNo: null,
          entityId: c.facts.entityId,
          unitId: c.facts.unitId!,
          kind: body.kind,
          targetId: body.targetId,
          applicant: body.applicant,
          applicantPhone: body.applicantPhone ?? null,
          statement: body.statement,
          appliedOn: on,
          checkJson: JSON.stringify(c.result),
          acceptedOn: null,
          decidedOn: null,
          decisionNote: null,
          nextDueOn: null,
          createdAt: now,
          createdBy: ctx.actor.userId,
          updatedAt: now,
        },
        { audit: 'credit.repair.apply' },
      )
      await clocks.apply(trx, { type: REPAIR_MATTER, id: row.id, unitId: row.unitId, referenceDate: on }, repairWorkflow.onCreate!, on)
      await project(trx, row.id)
      return row.id
    })
    return get(ctx, id)
  }

  /** The repair's effect on the public record, in the decision's transaction. */
  async function carryOut(trx: Trx, ctx: Ctx, row: CreditRepairTable, note: string | null) {
    const linked = systemCtx(`credit-repair:${row.id}`)
    const why = `信用修复决定（${row.repairNo ?? row.id}）${note ? `：${note}` : ''}`
    if (row.kind === 'abnormal') {
      const l = await trx.selectFrom('creditListing').select(['ground']).where('id', '=', row.targetId).executeTakeFirstOrThrow()
      const ground = CURES[l.ground as AbnormalReason]?.[0] ?? 'reports_filed'
      await listings.records.transition(linked, row.targetId, 'apply_removal', { ground, note: `${why}；${REMOVAL_GROUNDS[ground]}` }, { trx })
      await listings.records.transition(linked, row.targetId, 'remove', { note: why }, { trx })
    } else if (row.kind === 'serious') {
      await serious.records.transition(linked, row.targetId, 'apply_early', { text: row.statement.slice(0, 2000), harmRemoved: true }, { trx })
      await serious.records.transition(linked, row.targetId, 'remove_early', { note: why.slice(0, 2000) }, { trx })
    } else {
      await cases.stopPublicityEarly(trx, linked, row.targetId, why.slice(0, 500))
    }
  }

  async function project(trx: Trx, id: string) {
    const next = nextDueOf(await clocks.listOpen(trx, REPAIR_MATTER, id))
    await trx
      .updateTable('creditRepair')
      .set({ nextDueOn: next?.dueOn ?? null })
      .where('id', '=', id)
      .execute()
  }

  const visible = (ctx: Ctx) =>
    records
      .scoped(db, ctx)
      .leftJoin('orgUnit', 'orgUnit.id', 'creditRepair.unitId')
      .leftJoin('marketEntity', 'marketEntity.id', 'creditRepair.entityId')
      .selectAll('creditRepair')
      .select(['orgUnit.name as unitName', 'marketEntity.name as entityName', 'marketEntity.uscc as uscc'])

  const present = (r: Row, showPhone: boolean) => ({
    id: r.id,
    repairNo: r.repairNo,
    entityId: r.entityId,
    entityName: r.entityName,
    uscc: r.uscc,
    unitId: r.unitId,
    unitName: r.unitName,
    kind: r.kind as RepairKind,
    kindLabel: REPAIR_KINDS[r.kind as RepairKind] ?? r.kind,
    targetId: r.targetId,
    applicant: r.applicant,
    // Personal data: masked unless the reader may see it.
    applicantPhone: r.applicantPhone ? (showPhone ? r.applicantPhone : maskPhone(r.applicantPhone)) : null,
    statement: r.statement,
    appliedOn: r.appliedOn,
    check: JSON.parse(r.checkJson) as RepairCheck,
    acceptedOn: r.acceptedOn,
    decidedOn: r.decidedOn,
    decisionNote: r.decisionNote,
    nextDueOn: r.nextDueOn,
    state: r.state as RepairState,
    stateLabel: repairWorkflow.stateLabel(r.state),
    version: Number(r.version),
    createdAt: r.createdAt,
  })

  async function list(ctx: Ctx, q: { state?: RepairState; kind?: RepairKind; page: number; pageSize: number }) {
    let b = visible(ctx)
    if (q.state) b = b.where('creditRepair.state', '=', q.state)
    if (q.kind) b = b.where('creditRepair.kind', '=', q.kind)
    return listPage(
      b,
      q,
      (p) => p.orderBy('creditRepair.createdAt', 'desc').orderBy('creditRepair.id', 'desc'),
      (r: Row) => present(r, false),
    )
  }

  async function get(ctx: Ctx, id: string) {
    const loaded = await records.load(db, ctx, id)
    const r = await visible(ctx).where('creditRepair.id', '=', id).executeTakeFirstOrThrow()
    const clockRows = await clocks.list(db, REPAIR_MATTER, id)
    return {
      ...present(r, false),
      actions: records.actions(ctx, loaded),
      clocks: clockViews(repairWorkflow, clockRows),
    }
  }

  async function act(ctx: Ctx, id: string, action: RepairAction, input: unknown, version?: number) {
    await warm()
    const target = await db.selectFrom('creditRepair').select(['kind', 'targetId']).where('id', '=', id).executeTakeFirst()
    if (target?.kind === 'serious') await serious.warm(target.targetId)
    await db.transaction().execute(async (trx) => {
      await records.transition(ctx, id, action, input, { version, trx })
      await project(trx, id)
    })
    return get(ctx, id)
  }

  return { records, preview, apply, list, get, act }
}
export type RepairService = ReturnType<typeof createRepairService>

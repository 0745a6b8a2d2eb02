import { assertCan, systemCtx, unitPathInScope, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Executor, Trx } from '../../core/db/database'
import { dateProblem } from '../../core/dates'
import { AppError, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { Approvals, ApprovalView } from '../../core/matter/approvals'
import type { ClockKernel } from '../../core/matter/clocks'
import { asConflict } from '../../core/matter/records'
import { listPage, scopedRecords } from '../../core/matter/records'
import { LEAD_CLOCKS, LEAD_DECISION_ACTION, LEAD_SOURCE_LABEL, LEAD_STATE_LABEL, leadWorkflow, type LeadAction } from '../../shared/enforcement/lead.workflow'
import { beijingDate } from '../../shared/time'
import type { AuditService } from '../audit'
import type { EntitiesService, ProfileSection } from '../entities'
import type { CaseLeadTable } from './enforcement.tables'
import {
  CreateLeadInput,
  type Lead,
  type LeadDecisionBody,
  type LeadDetail,
  type LeadProposalBody,
  type LeadQuery,
  type LeadState,
  type ManualLeadBody,
} from './enforcement.schema'

/** The lead decisions that go through the head's approval (立案 is the cases module's: it opens the case). */
const DECISIONS = ['file', 'not_file', 'transfer'] as const
const isDecision = (a: string): a is (typeof DECISIONS)[number] => (DECISIONS as readonly string[]).includes(a)
const APPROVAL_LABEL = { not_file: '不予立案审批', transfer: '移送审批' } as const

/** Called in the transaction of a lead's decision (立案, 不予立案, 移送). */
export type LeadDecisionListener = (trx: Trx, ctx: Ctx, e: { lead: Lead; action: LeadAction; reason: string | null; on: string }) => Promise<void>

type LeadRow = CaseLeadTable & { unitName?: string | null; verifyDueOn?: string | null; verifyDoneOn?: string | null; verifyPaused?: string | null }

function present(r: LeadRow): Lead {
  return {
    id: r.id,
    leadNo: r.leadNo,
    source: r.source as Lead['source'],
    sourceLabel: LEAD_SOURCE_LABEL[r.source as Lead['source']] ?? r.source,
    sourceId: r.sourceId,
    sourceNo: r.sourceNo,
    unitId: r.unitId,
    unitName: r.unitName ?? null,
    entityId: r.entityId,
    entityName: r.entityName,
    uscc: r.uscc,
    summary: r.summary,
    foundOn: r.foundOn,
    state: r.state as LeadState,
    stateLabel: LEAD_STATE_LABEL[r.state as LeadState] ?? r.state,
    decisionReason: r.decisionReason,
    decidedAt: r.decidedAt,
    createdAt: r.createdAt,
    verifyDueOn: r.verifyDueOn ?? null,
    verifyDoneOn: r.verifyDoneOn ?? null,
    verifyPaused: !!r.verifyPaused && r.verifyPaused.includes('"to":null'),
    version: r.version,
  }
}

/**
 * Case leads (案源线索): the minimal hand-off from the 12315 centre and inspections into enforcement.
 * A lead is created inside the caller's transaction (so a report's "leads to a case" outcome and its
 * lead commit together) and decided once through its workflow (shared/enforcement/lead.workflow.ts):
 * filed, not filed (with reason) or transferred (with reason). Scope, versions, numbering, audit and
 * the transition itself are the records kernel's (core/matter/records.ts).
 */
export function createEnforcementService({
  db,
  dialect,
  clock,
  audit,
  clocks,
  approvals,
  entities,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & {
  audit: AuditService
  /** The verification clock (matter_clock, `case.lead_verify`); absent in tests of other modules' wiring. */
  clocks?: ClockKernel
  /** The head's approval of 不予立案 / 移送 (立案: the cases module registers it). */
  approvals?: Approvals
  entities?: Pick<EntitiesService, 'get'>
}) {
  const decisionListeners: LeadDecisionListener[] = []
  clocks?.register(leadWorkflow.type, LEAD_CLOCKS)
  const today = () => beijingDate(clock.now())
  const records = scopedRecords({
    db,
    dialect,
    clock,
    audit,
    clocks,
    table: 'caseLead',
    label: '案源线索',
    workflow: leadWorkflow,
    readPermission: 'lead.read',
    numbering: { column: 'leadNo', prefix: 'XS' },
    // A decision records its reason, time and decider; the lead's source hears of it (12315: the report follows its lead).
    eventDate: (_a, input: { on?: string }) => input.on,
    effects: async (trx, row, action, input: { reason?: string; on?: string }, on, ctx) => {
      if (input.on) {
        const problem = dateProblem(input.on, { max: today() })
        if (problem) throw validation(`日期：${problem}`)
        if (input.on < row.foundOn) throw validation(`日期不能早于线索发现日期 ${row.foundOn}`)
      }
      if (action === 'extend_verify') {
        // Provisions Art 18: extended once, by 15 working days, with the head's approval.
        const c = (await clocks?.list(trx, leadWorkflow.type, row.id))?.find((x) => x.kind === 'verify')
        if (c && c.extensions >= 1) throw validation('线索核查期限只能延长一次（15个工作日）')
      }
      if (!isDecision(action)) return {}
      for (const l of decisionListeners) await l(trx, ctx, { lead: present(row), action, reason: input.reason || null, on })
      return {
        decisionReason: input.reason || null,
        decidedAt: clock.now().toISOString(),
        decidedBy: ctx.actor.userId,
      }
    },
  })

  async function createLead(trx: Trx, ctx: Ctx, input: CreateLeadInput): Promise<{ id: string; leadNo: string }> {
    const v = CreateLeadInput.parse(input)
    const now = clock.now().toISOString()
    const row = await records.create(
      trx,
      ctx,
      {
        id: newId(),
        leadNo: '',
        source: v.source,
        sourceId: v.sourceId,
        sourceNo: v.sourceNo,
        unitId: v.unitId,
        entityId: v.entityId,
        entityName: v.entityName,
        uscc: v.uscc,
        summary: v.summary,
        foundOn: v.foundOn,
        decisionReason: null,
        decidedAt: null,
        decidedBy: null,
        createdAt: now,
        createdBy: ctx.actor.userId,
        updatedAt: now,
      },
      { audit: 'lead.create' },
    )
    // The verification clock runs from the day the lead was found (Provisions Art 18).
    await clocks?.apply(trx, { type: leadWorkflow.type, id: row.id, unitId: row.unitId, referenceDate: v.foundOn }, leadWorkflow.onCreate ?? [], v.foundOn)
    return { id: row.id, leadNo: row.leadNo }
  }

  /** Loads the clock catalogue ahead of a transaction that creates leads (SQLite holds one connection). */
  async function prepare() {
    await clocks?.prepare()
  }

  /**
   * A lead entered by a handler (执法人员发现, 日常巡查, 上级交办, 部门移送, 异地协查, 调解中发现…):
   * the unit must be in the handler's lead.manage scope; the entity, when named, from the register.
   * Its source link is the lead itself plus the reference number given (交办/移送/协查函号).
   */
  async function createManual(ctx: Ctx, body: ManualLeadBody): Promise<LeadDetail> {
    const scope = assertCan(ctx.actor, 'lead.manage')
    const unit = await db.selectFrom('orgUnit').select(['id', 'path']).where('id', '=', body.unitId).executeTakeFirst()
    if (!unit || !unitPathInScope(scope, unit.id, unit.path)) throw validation('承办单位不在您的处理范围内')
    const problem = dateProblem(body.foundOn, { max: today() })
    if (problem) throw validation(`发现日期：${problem}`)
    let entity: { id: string; name: string; uscc: string | null } | null = null
    if (body.entityId) {
      const e = await entities?.get(systemCtx(), body.entityId).catch(() => null)
      if (!e) throw validation('经营主体不存在')
      entity = { id: e.id, name: e.name, uscc: e.uscc }
    }
    await prepare()
    const id = newId()
    await db.transaction().execute(async (trx) => {
      const now = clock.now().toISOString()
      const row = await records.create(
        trx,
        ctx,
        {
          id,
          leadNo: '',
          source: body.source,
          sourceId: id,
          sourceNo: body.sourceNo || null,
          unitId: body.unitId,
          entityId: entity?.id ?? null,
          entityName: entity?.name ?? (body.entityName || null),
          uscc: entity?.uscc ?? null,
          summary: body.summary,
          foundOn: body.foundOn,
          decisionReason: null,
          decidedAt: null,
          decidedBy: null,
          createdAt: now,
          createdBy: ctx.actor.userId,
          updatedAt: now,
        },
        { audit: 'lead.create' },
      )
      await clocks?.apply(trx, { type: leadWorkflow.type, id, unitId: row.unitId, referenceDate: body.foundOn }, leadWorkflow.onCreate ?? [], body.foundOn)
    })
    return get(ctx, id)
  }

  /** Registers the approvals of 不予立案 and 移送: approving takes the lead's action as the head. */
  for (const action of ['not_file', 'transfer'] as const)
    approvals?.register({
      kind: `lead.${action}`,
      label: APPROVAL_LABEL[action],
      matterType: leadWorkflow.type,
      permission: 'case.approve',
      async approve(trx, ctx, req, payload) {
        const p = payload as { reason: string }
        await records.transition(ctx, req.matterId, action, { reason: p.reason }, { trx })
      },
    })

  /**
   * The handler proposes 不予立案 or 移送 (with reasons) for the head's approval: the lead stays
   * 待核查 until the head decides in the approval inbox.
   */
  async function propose(ctx: Ctx, id: string, body: LeadProposalBody): Promise<LeadDetail> {
    if (!approvals) throw new AppError('INTERNAL', '审批未启用')
    await db.transaction().execute(async (trx) => {
      const r = await records.load(trx, ctx, id, { permission: 'lead.manage', lock: true })
      records.assertVersion(r, body.version)
      if (r.state !== 'new') throw new AppError('ILLEGAL_TRANSITION', `线索处于“${LEAD_STATE_LABEL[r.state as LeadState]}”状态，不能提请审批`)
      await approvals.request(trx, ctx, {
        kind: `lead.${body.decision}`,
        matterId: id,
        unitId: r.unitId,
        matterLabel: r.leadNo,
        title: r.summary.slice(0, 200),
        link: `/leads?focus=${id}`,
        payload: { reason: body.reason },
        reason: body.reason,
      })
      await records.update(trx, ctx, r, {}, { audit: 'approval.request' })
    })
    return get(ctx, id)
  }

  /** Files 立案 for the head's approval in `trx` (the cases module, which carries the case's data). */
  async function proposeFiling(trx: Trx, ctx: Ctx, id: string, version: number, e: { reason: string; payload: unknown; title: string }) {
    if (!approvals) throw new AppError('INTERNAL', '审批未启用')
    const r = await records.load(trx, ctx, id, { permission: 'lead.manage', lock: true })
    records.assertVersion(r, version)
    if (r.state !== 'new') throw new AppError('ILLEGAL_TRANSITION', `线索处于“${LEAD_STATE_LABEL[r.state as LeadState]}”状态，不能提请立案`)
    const req = await approvals.request(trx, ctx, {
      kind: 'lead.file',
      matterId: id,
      unitId: r.unitId,
      matterLabel: r.leadNo,
      title: e.title,
      link: `/leads?focus=${id}`,
      payload: e.payload,
      reason: e.reason,
    })
    await records.update(trx, ctx, r, {}, { audit: 'approval.request' })
    return req
  }

  const visible = (ctx: Ctx) =>
    records
      .scoped(db, ctx)
      .leftJoin('orgUnit', 'orgUnit.id', 'caseLead.unitId')
      .leftJoin('matterClock', (j) =>
        j.onRef('matterClock.matterId', '=', 'caseLead.id').on('matterClock.matterType', '=', leadWorkflow.type).on('matterClock.kind', '=', 'verify'),
      )
      .selectAll('caseLead')
      .select(['orgUnit.name as unitName', 'matterClock.dueOn as verifyDueOn', 'matterClock.doneOn as verifyDoneOn', 'matterClock.pausedJson as verifyPaused'])

  async function list(ctx: Ctx, q: LeadQuery) {
    let b = visible(ctx)
    if (q.state) b = b.where('caseLead.state', '=', q.state)
    if (q.source) b = b.where('caseLead.source', '=', q.source)
    if (q.entityId) b = b.where('caseLead.entityId', '=', q.entityId)
    const dir = q.sort === 'created_asc' ? 'asc' : 'desc'
    return listPage(
      b,
      q,
      (p) =>
        (q.sort?.startsWith('found') ? p.orderBy('caseLead.foundOn', q.sort === 'found_asc' ? 'asc' : 'desc') : p)
          .orderBy('caseLead.createdAt', dir)
          .orderBy('caseLead.id', dir),
      present,
    )
  }

  async function clockOf(exec: Executor, id: string) {
    return (await clocks?.list(exec, leadWorkflow.type, id))?.find((c) => c.kind === 'verify') ?? null
  }

  async function get(ctx: Ctx, id: string): Promise<LeadDetail> {
    const r = await records.load(db, ctx, id)
    const unit = await db.selectFrom('orgUnit').select('name').where('id', '=', r.unitId).executeTakeFirst()
    const c = await clockOf(db, id)
    const approvalList: ApprovalView[] = approvals ? await approvals.ofMatter(db, ctx, leadWorkflow.type, id) : []
    return {
      ...present({ ...r, unitName: unit?.name ?? null, verifyDueOn: c?.dueOn ?? null, verifyDoneOn: c?.doneOn ?? null }),
      verifyPaused: !!c?.pauses.some((p) => p.to === null),
      verifyClock: c
        ? {
            startOn: c.startOn,
            dueOn: c.dueOn,
            doneOn: c.doneOn,
            extensions: c.extensions,
            pauses: c.pauses,
            ruleId: c.ruleId,
            label: LEAD_CLOCKS.verify.label,
          }
        : null,
      approvals: approvalList.map((a) => ({
        id: a.id,
        kindLabel: a.kindLabel,
        state: a.state,
        stateLabel: a.stateLabel,
        reason: a.reason,
        proposedByName: a.proposedByName,
        proposedAt: a.proposedAt,
        decidedByName: a.decidedByName,
        decidedAt: a.decidedAt,
        decisionNote: a.decisionNote,
      })),
      pendingApproval: approvalList.some((a) => a.state === 'pending'),
      actions: records.actions(ctx, r),
    }
  }

  /** Takes a workflow action on a lead (POST /leads/:id/actions/:action). */
  async function act(ctx: Ctx, id: string, action: LeadAction, input: unknown, version?: number): Promise<LeadDetail> {
    await prepare()
    // A decision waits for the approval being asked for: the head decides there, not beside it.
    if (isDecision(action) && approvals) {
      const pending = await db
        .selectFrom('matterApproval')
        .select('id')
        .where('matterType', '=', leadWorkflow.type)
        .where('matterId', '=', id)
        .where('state', '=', 'pending')
        .executeTakeFirst()
      if (pending) {
        await records.load(db, ctx, id)
        throw new AppError('ILLEGAL_TRANSITION', '该线索已提请审批，请在审批待办中审批')
      }
    }
    await records.transition(ctx, id, action, input, { version })
    return get(ctx, id)
  }

  /** The decision endpoint (POST /leads/:id/decision {state, reason}): an alias of the action for that state. */
  function decide(ctx: Ctx, id: string, body: LeadDecisionBody): Promise<LeadDetail> {
    return act(ctx, id, LEAD_DECISION_ACTION[body.state], body.reason ? { reason: body.reason } : {}).catch(asConflict)
  }

  /** Leads about one entity, for its profile. */
  async function ofEntity(ctx: Ctx, entityId: string) {
    const rows = await visible(ctx).where('caseLead.entityId', '=', entityId).orderBy('caseLead.createdAt', 'desc').limit(50).execute()
    return rows.map(present)
  }

  /**
   * Files a lead (立案) inside the caller's transaction, with its version checked: the cases module
   * opens the case file in the same transaction. Returns the lead as it was before the filing.
   */
  async function fileLeadInTrx(trx: Trx, ctx: Ctx, id: string, version: number | undefined, reason: string): Promise<Lead> {
    const res = await records.transition(ctx, id, 'file', { reason }, { version, trx })
    return present(res.before)
  }

  /** Records the on-the-spot penalty (当场处罚) as the lead's outcome inside the caller's transaction (cases module). */
  async function onSpotLeadInTrx(trx: Trx, ctx: Ctx, id: string, reason: string): Promise<Lead> {
    const res = await records.transition(ctx, id, 'onspot', { reason }, { version: 1, trx })
    return present(res.after)
  }

  /** The entity file's section (一户一档): leads about the entity. */
  const profileSection: ProfileSection = {
    key: 'leads',
    title: '案源线索',
    permission: 'lead.read',
    async load(ctx, entity) {
      const items = await ofEntity(ctx, entity.id)
      return {
        count: items.length,
        moreHref: '/leads?state=all',
        columns: [
          { key: 'leadNo', title: '线索编号', kind: 'text' as const },
          { key: 'source', title: '来源', kind: 'tag' as const },
          { key: 'sourceNo', title: '来源编号', kind: 'link' as const },
          { key: 'summary', title: '线索摘要', kind: 'text' as const },
          { key: 'foundOn', title: '发现日期', kind: 'date' as const },
          { key: 'unitName', title: '承办单位', kind: 'text' as const },
          { key: 'state', title: '状态', kind: 'tag' as const },
          { key: 'decidedAt', title: '处理时间', kind: 'datetime' as const },
        ],
        rows: items.map((l) => ({
          leadNo: l.leadNo,
          source: { text: l.sourceLabel },
          // A lead from a 12315 item links to the item (its own scope check applies there).
          sourceNo: l.sourceNo ? { text: l.sourceNo, href: l.source === 'complaint' || l.source === 'report' ? `/complaints/${l.sourceId}` : null } : null,
          summary: l.summary,
          foundOn: l.foundOn,
          unitName: l.unitName,
          state: { text: l.stateLabel, color: l.state === 'new' ? 'orange' : l.state === 'filed' ? 'red' : 'default' },
          decidedAt: l.decidedAt,
        })),
      }
    },
  }

  return {
    createLead,
    createManual,
    prepare,
    propose,
    proposeFiling,
    list,
    get,
    act,
    decide,
    ofEntity,
    profileSection,
    fileLeadInTrx,
    onSpotLeadInTrx,
    /** Hears every lead decision in its transaction (the 12315 report follows its lead). */
    onDecision(l: LeadDecisionListener) {
      decisionListeners.push(l)
    },
  }
}
export type EnforcementService = ReturnType<typeof createEnforcementService>

import type { Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Trx } from '../../core/db/database'
import { newId } from '../../core/ids'
import { asConflict } from '../../core/matter/records'
import type { ClockPort } from '../../core/matter/ports'
import { listPage, scopedRecords } from '../../core/matter/records'
import { LEAD_DECISION_ACTION, LEAD_SOURCE_LABEL, LEAD_STATE_LABEL, leadWorkflow, type LeadAction } from '../../shared/enforcement/lead.workflow'
import type { AuditService } from '../audit'
import type { ProfileSection } from '../entities'
import type { CaseLeadTable } from './enforcement.tables'
import { CreateLeadInput, type Lead, type LeadDecisionBody, type LeadDetail, type LeadQuery, type LeadState } from './enforcement.schema'

/** Called in the transaction of a lead's decision (立案, 不予立案, 移送). */
export type LeadDecisionListener = (trx: Trx, ctx: Ctx, e: { lead: Lead; action: LeadAction; reason: string | null; on: string }) => Promise<void>

function present(r: CaseLeadTable & { unitName?: string | null }): Lead {
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
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & { audit: AuditService; clocks?: ClockPort }) {
  const decisionListeners: LeadDecisionListener[] = []
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
    effects: async (trx, row, action, input: { reason?: string }, on, ctx) => {
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
    return { id: row.id, leadNo: row.leadNo }
  }

  const visible = (ctx: Ctx) =>
    records.scoped(db, ctx).leftJoin('orgUnit', 'orgUnit.id', 'caseLead.unitId').selectAll('caseLead').select('orgUnit.name as unitName')

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

  async function get(ctx: Ctx, id: string): Promise<LeadDetail> {
    const r = await records.load(db, ctx, id)
    const unit = await db.selectFrom('orgUnit').select('name').where('id', '=', r.unitId).executeTakeFirst()
    return { ...present({ ...r, unitName: unit?.name ?? null }), actions: records.actions(ctx, r) }
  }

  /** Takes a workflow action on a lead (POST /leads/:id/actions/:action). */
  async function act(ctx: Ctx, id: string, action: LeadAction, input: unknown, version?: number): Promise<LeadDetail> {
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
  async function fileLeadInTrx(trx: Trx, ctx: Ctx, id: string, version: number, reason: string): Promise<Lead> {
    const res = await records.transition(ctx, id, 'file', { reason }, { version, trx })
    return present(res.before)
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
    list,
    get,
    act,
    decide,
    ofEntity,
    profileSection,
    fileLeadInTrx,
    /** Hears every lead decision in its transaction (the 12315 report follows its lead). */
    onDecision(l: LeadDecisionListener) {
      decisionListeners.push(l)
    },
  }
}
export type EnforcementService = ReturnType<typeof createEnforcementService>

import { assertCan, inScope, unitPathInScope, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Executor, Trx } from '../../core/db/database'
import { nextYearlyNumber } from '../../core/db/sequence'
import { conflict, forbidden, notFound } from '../../core/errors'
import { newId } from '../../core/ids'
import { offsetOf } from '../../core/pagination'
import type { AuditService } from '../audit'
import type { EntitiesService } from '../entities'
import type { CaseLeadTable } from './enforcement.tables'
import { CreateLeadInput, LEAD_SOURCE_LABEL, LEAD_STATE_LABEL, type Lead, type LeadDecisionBody, type LeadQuery, type LeadState } from './enforcement.schema'

function present(r: CaseLeadTable & { unitName?: string | null }): Lead {
  return {
    id: r.id, leadNo: r.leadNo, source: r.source as Lead['source'], sourceLabel: LEAD_SOURCE_LABEL[r.source as Lead['source']] ?? r.source,
    sourceId: r.sourceId, sourceNo: r.sourceNo, unitId: r.unitId, unitName: r.unitName ?? null, entityId: r.entityId, entityName: r.entityName, uscc: r.uscc,
    summary: r.summary, foundOn: r.foundOn, state: r.state as LeadState, stateLabel: LEAD_STATE_LABEL[r.state as LeadState] ?? r.state,
    decisionReason: r.decisionReason, decidedAt: r.decidedAt, createdAt: r.createdAt,
  }
}

/**
 * Case leads (案源线索): the minimal hand-off from the 12315 centre and inspections into enforcement.
 * A lead is created inside the caller's transaction (so a report's "leads to a case" outcome and its
 * lead commit together) and decided once: filed, not filed (with reason) or transferred.
 */
export function createEnforcementService({ db, clock, audit, entities }: Pick<CoreDeps, 'db' | 'clock'> & { audit: AuditService; entities?: EntitiesService }) {
  async function createLead(trx: Trx, ctx: Ctx, input: CreateLeadInput): Promise<{ id: string; leadNo: string }> {
    const v = CreateLeadInput.parse(input)
    const now = clock.now().toISOString()
    const id = newId()
    const leadNo = await nextYearlyNumber(trx, 'XS', now.slice(0, 4))
    const row: CaseLeadTable = {
      id, leadNo, source: v.source, sourceId: v.sourceId, sourceNo: v.sourceNo, unitId: v.unitId, entityId: v.entityId, entityName: v.entityName, uscc: v.uscc,
      summary: v.summary, foundOn: v.foundOn, state: 'new', decisionReason: null, decidedAt: null, decidedBy: null, createdAt: now, createdBy: ctx.actor.userId, updatedAt: now,
    }
    await trx.insertInto('caseLead').values(row).execute()
    await audit.record(trx, ctx, { action: 'lead.create', targetType: 'case_lead', targetId: id, targetLabel: leadNo, unitId: v.unitId, after: row })
    return { id, leadNo }
  }

  function visible(exec: Executor, ctx: Ctx, permission = 'lead.read') {
    const scope = assertCan(ctx.actor, permission)
    return exec.selectFrom('caseLead').leftJoin('orgUnit', 'orgUnit.id', 'caseLead.unitId').selectAll('caseLead').select('orgUnit.name as unitName')
      .where((eb) => inScope(eb, scope, ctx.actor, 'case_lead.unit_id'))
  }

  async function list(ctx: Ctx, q: LeadQuery) {
    let b = visible(db, ctx)
    if (q.state) b = b.where('caseLead.state', '=', q.state)
    if (q.source) b = b.where('caseLead.source', '=', q.source)
    if (q.entityId) b = b.where('caseLead.entityId', '=', q.entityId)
    const [rows, n] = await Promise.all([
      (q.sort?.startsWith('found') ? b.orderBy('caseLead.foundOn', q.sort === 'found_asc' ? 'asc' : 'desc') : b)
        .orderBy('caseLead.createdAt', q.sort === 'created_asc' ? 'asc' : 'desc').orderBy('caseLead.id', q.sort === 'created_asc' ? 'asc' : 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items: rows.map(present), total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  async function get(ctx: Ctx, id: string): Promise<Lead> {
    const r = await visible(db, ctx).where('caseLead.id', '=', id).executeTakeFirst()
    if (!r) throw notFound('案源线索', id)
    return present(r)
  }

  async function decide(ctx: Ctx, id: string, body: LeadDecisionBody): Promise<Lead> {
    const scope = assertCan(ctx.actor, 'lead.manage')
    await db.transaction().execute(async (trx) => {
      const r = await trx.selectFrom('caseLead').innerJoin('orgUnit', 'orgUnit.id', 'caseLead.unitId').selectAll('caseLead').select('orgUnit.path as unitPath').where('caseLead.id', '=', id).executeTakeFirst()
      if (!r || !unitPathInScope(scope, r.unitId, r.unitPath)) {
        if (r && unitPathInScope(assertCan(ctx.actor, 'lead.read'), r.unitId, r.unitPath)) throw forbidden('该线索不在您的处理范围内')
        throw notFound('案源线索', id)
      }
      const now = clock.now().toISOString()
      const upd = await trx.updateTable('caseLead')
        .set({ state: body.state, decisionReason: body.reason ?? null, decidedAt: now, decidedBy: ctx.actor.userId, updatedAt: now })
        .where('id', '=', id).where('state', '=', 'new').executeTakeFirst()
      if (Number(upd.numUpdatedRows) !== 1) throw conflict(`线索已处理（${LEAD_STATE_LABEL[r.state as LeadState] ?? r.state}），不能重复处理`)
      const { unitPath: _p, ...before } = r
      await audit.record(trx, ctx, { action: 'lead.decide', targetType: 'case_lead', targetId: id, targetLabel: r.leadNo, unitId: r.unitId, before, after: { ...before, state: body.state, decisionReason: body.reason ?? null } })
    })
    return get(ctx, id)
  }

  /** Leads about one entity, for its profile. */
  async function ofEntity(ctx: Ctx, entityId: string) {
    const rows = await visible(db, ctx).where('caseLead.entityId', '=', entityId).orderBy('caseLead.createdAt', 'desc').limit(50).execute()
    return rows.map(present)
  }

  entities?.registerProfileSection({
    key: 'leads', title: '案源线索', permission: 'lead.read',
    async load(ctx, entity) {
      const items = await ofEntity(ctx, entity.id)
      return {
        count: items.length, moreHref: '/leads?state=all',
        columns: [
          { key: 'leadNo', title: '线索编号', kind: 'text' as const }, { key: 'source', title: '来源', kind: 'tag' as const }, { key: 'sourceNo', title: '来源编号', kind: 'link' as const },
          { key: 'summary', title: '线索摘要', kind: 'text' as const }, { key: 'foundOn', title: '发现日期', kind: 'date' as const }, { key: 'unitName', title: '承办单位', kind: 'text' as const },
          { key: 'state', title: '状态', kind: 'tag' as const }, { key: 'decidedAt', title: '处理时间', kind: 'datetime' as const },
        ],
        rows: items.map((l) => ({
          leadNo: l.leadNo, source: { text: l.sourceLabel },
          // A lead from a 12315 item links to the item (its own scope check applies there).
          sourceNo: l.sourceNo ? { text: l.sourceNo, href: l.source === 'complaint' || l.source === 'report' ? `/complaints/${l.sourceId}` : null } : null,
          summary: l.summary, foundOn: l.foundOn, unitName: l.unitName, state: { text: l.stateLabel, color: l.state === 'new' ? 'orange' : l.state === 'filed' ? 'red' : 'default' }, decidedAt: l.decidedAt,
        })),
      }
    },
  })

  return { createLead, list, get, decide, ofEntity }
}
export type EnforcementService = ReturnType<typeof createEnforcementService>

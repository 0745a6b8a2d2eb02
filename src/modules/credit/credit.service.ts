import { assertCan, inScope, unitPathInScope, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Executor, Trx } from '../../core/db/database'
import { nextYearlyNumber } from '../../core/db/sequence'
import { conflict, forbidden, notFound } from '../../core/errors'
import { newId } from '../../core/ids'
import { offsetOf } from '../../core/pagination'
import type { AuditService } from '../audit'
import type { EntitiesService } from '../entities'
import type { CreditProposalTable } from './credit.tables'
import { ABNORMAL_REASONS, PROPOSAL_STATE_LABEL, ProposeAbnormalInput, type Proposal, type ProposalDecisionBody, type ProposalQuery, type ProposalState } from './credit.schema'

const KIND_LABEL: Record<string, string> = { abnormal_list: '列入经营异常名录' }

type Row = CreditProposalTable & { unitName: string | null; entityName: string | null; uscc: string | null }
function present(r: Row): Proposal {
  return {
    id: r.id, proposalNo: r.proposalNo, kind: r.kind, kindLabel: KIND_LABEL[r.kind] ?? r.kind, reason: r.reason,
    reasonLabel: ABNORMAL_REASONS[r.reason as keyof typeof ABNORMAL_REASONS] ?? r.reason, entityId: r.entityId, entityName: r.entityName, uscc: r.uscc,
    unitId: r.unitId, unitName: r.unitName, sourceType: r.sourceType, sourceId: r.sourceId, note: r.note, state: r.state as ProposalState,
    stateLabel: PROPOSAL_STATE_LABEL[r.state as ProposalState] ?? r.state, decisionNote: r.decisionNote, decidedAt: r.decidedAt, createdAt: r.createdAt,
  }
}

/**
 * Credit proposals (信用事项提议): the minimal form of "propose listing this entity as abnormal"
 * that inspections raise when an entity cannot be reached at its registered address. A credit
 * officer accepts or rejects each; the lists themselves come with the credit module proper.
 */
export function createCreditService({ db, clock, audit, entities }: Pick<CoreDeps, 'db' | 'clock'> & { audit: AuditService; entities?: EntitiesService }) {
  async function proposeAbnormal(trx: Trx, ctx: Ctx, input: ProposeAbnormalInput): Promise<{ id: string; proposalNo: string }> {
    const v = ProposeAbnormalInput.parse(input)
    const open = await trx.selectFrom('creditProposal').select(['id', 'proposalNo']).where('entityId', '=', v.entityId).where('kind', '=', 'abnormal_list').where('reason', '=', v.reason).where('state', '=', 'proposed').executeTakeFirst()
    // One open proposal per entity and ground: a second finding is noted on the first, not duplicated.
    if (open) return { id: open.id, proposalNo: open.proposalNo }
    const now = clock.now().toISOString()
    const id = newId()
    const proposalNo = await nextYearlyNumber(trx, 'XY', now.slice(0, 4))
    const row: CreditProposalTable = {
      id, proposalNo, kind: 'abnormal_list', reason: v.reason, entityId: v.entityId, unitId: v.unitId, sourceType: v.sourceType, sourceId: v.sourceId, note: v.note,
      state: 'proposed', decisionNote: null, decidedAt: null, decidedBy: null, createdAt: now, createdBy: ctx.actor.userId, updatedAt: now,
    }
    await trx.insertInto('creditProposal').values(row).execute()
    await audit.record(trx, ctx, { action: 'credit.propose', targetType: 'credit_proposal', targetId: id, targetLabel: proposalNo, unitId: v.unitId, after: row })
    return { id, proposalNo }
  }

  function visible(exec: Executor, ctx: Ctx) {
    const scope = assertCan(ctx.actor, 'credit.read')
    return exec.selectFrom('creditProposal').leftJoin('orgUnit', 'orgUnit.id', 'creditProposal.unitId').leftJoin('marketEntity', 'marketEntity.id', 'creditProposal.entityId')
      .selectAll('creditProposal').select(['orgUnit.name as unitName', 'marketEntity.name as entityName', 'marketEntity.uscc as uscc'])
      .where((eb) => inScope(eb, scope, ctx.actor, 'credit_proposal.unit_id'))
  }

  async function list(ctx: Ctx, q: ProposalQuery) {
    let b = visible(db, ctx)
    if (q.state) b = b.where('creditProposal.state', '=', q.state)
    if (q.entityId) b = b.where('creditProposal.entityId', '=', q.entityId)
    const [rows, n] = await Promise.all([
      b.orderBy('creditProposal.createdAt', q.sort === 'created_asc' ? 'asc' : 'desc').orderBy('creditProposal.id', q.sort === 'created_asc' ? 'asc' : 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items: rows.map(present), total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  async function get(ctx: Ctx, id: string): Promise<Proposal> {
    const r = await visible(db, ctx).where('creditProposal.id', '=', id).executeTakeFirst()
    if (!r) throw notFound('信用事项提议', id)
    return present(r)
  }

  async function decide(ctx: Ctx, id: string, body: ProposalDecisionBody): Promise<Proposal> {
    const scope = assertCan(ctx.actor, 'credit.manage')
    await db.transaction().execute(async (trx) => {
      const r = await trx.selectFrom('creditProposal').innerJoin('orgUnit', 'orgUnit.id', 'creditProposal.unitId').selectAll('creditProposal').select('orgUnit.path as unitPath').where('creditProposal.id', '=', id).executeTakeFirst()
      if (!r || !unitPathInScope(scope, r.unitId, r.unitPath)) {
        if (r && unitPathInScope(assertCan(ctx.actor, 'credit.read'), r.unitId, r.unitPath)) throw forbidden('该提议不在您的处理范围内')
        throw notFound('信用事项提议', id)
      }
      const now = clock.now().toISOString()
      const upd = await trx.updateTable('creditProposal').set({ state: body.state, decisionNote: body.note ?? null, decidedAt: now, decidedBy: ctx.actor.userId, updatedAt: now })
        .where('id', '=', id).where('state', '=', 'proposed').executeTakeFirst()
      if (Number(upd.numUpdatedRows) !== 1) throw conflict(`该提议已审核（${PROPOSAL_STATE_LABEL[r.state as ProposalState] ?? r.state}），不能重复审核`)
      const { unitPath: _p, ...before } = r
      await audit.record(trx, ctx, { action: 'credit.decide', targetType: 'credit_proposal', targetId: id, targetLabel: r.proposalNo, unitId: r.unitId, before, after: { ...before, state: body.state, decisionNote: body.note ?? null } })
    })
    return get(ctx, id)
  }

  entities?.registerProfileSection({
    key: 'credit', title: '信用事项', permission: 'credit.read',
    async load(ctx, entity) {
      const rows = await visible(db, ctx).where('creditProposal.entityId', '=', entity.id).orderBy('creditProposal.createdAt', 'desc').limit(50).execute()
      return {
        count: rows.length, moreHref: '/credit-proposals',
        columns: [
          { key: 'proposalNo', title: '提议编号', kind: 'link' as const }, { key: 'kind', title: '事项', kind: 'text' as const }, { key: 'reason', title: '事由', kind: 'text' as const },
          { key: 'unitName', title: '提议单位', kind: 'text' as const }, { key: 'state', title: '状态', kind: 'tag' as const }, { key: 'createdAt', title: '提议时间', kind: 'datetime' as const },
          { key: 'decidedAt', title: '审核时间', kind: 'datetime' as const }, { key: 'decisionNote', title: '审核意见', kind: 'text' as const },
        ],
        rows: rows.map(present).map((p) => ({
          proposalNo: { text: p.proposalNo, href: '/credit-proposals' }, kind: p.kindLabel, reason: p.reasonLabel, unitName: p.unitName,
          state: { text: p.stateLabel, color: p.state === 'proposed' ? 'orange' : p.state === 'accepted' ? 'red' : 'default' }, createdAt: p.createdAt, decidedAt: p.decidedAt, decisionNote: p.decisionNote,
        })),
      }
    },
  })

  return { proposeAbnormal, list, get, decide }
}
export type CreditService = ReturnType<typeof createCreditService>

import type { Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Trx } from '../../core/db/database'
import { newId } from '../../core/ids'
import { asConflict } from '../../core/matter/records'
import type { ClockPort } from '../../core/matter/ports'
import { listPage, scopedRecords } from '../../core/matter/records'
import {
  ABNORMAL_REASONS,
  PROPOSAL_DECISION_ACTION,
  PROPOSAL_KIND_LABEL,
  PROPOSAL_STATE_LABEL,
  proposalWorkflow,
  type ProposalAction,
} from '../../shared/credit/proposal.workflow'
import type { AuditService } from '../audit'
import type { ProfileSection } from '../entities'
import { chinaDate } from '../../core/clock'
import type { ListingService } from './listing.service'
import type { CreditProposalTable } from './credit.tables'
import { ProposeAbnormalInput, type Proposal, type ProposalDecisionBody, type ProposalDetail, type ProposalQuery, type ProposalState } from './credit.schema'

type Row = CreditProposalTable & { unitName: string | null; entityName: string | null; uscc: string | null }
function present(r: Row): Proposal {
  return {
    id: r.id,
    proposalNo: r.proposalNo,
    kind: r.kind,
    kindLabel: PROPOSAL_KIND_LABEL[r.kind] ?? r.kind,
    reason: r.reason,
    reasonLabel: ABNORMAL_REASONS[r.reason as keyof typeof ABNORMAL_REASONS] ?? r.reason,
    entityId: r.entityId,
    entityName: r.entityName,
    uscc: r.uscc,
    unitId: r.unitId,
    unitName: r.unitName,
    sourceType: r.sourceType,
    sourceId: r.sourceId,
    note: r.note,
    state: r.state as ProposalState,
    stateLabel: PROPOSAL_STATE_LABEL[r.state as ProposalState] ?? r.state,
    decisionNote: r.decisionNote,
    decidedAt: r.decidedAt,
    createdAt: r.createdAt,
    version: r.version,
  }
}

/**
 * Credit proposals (信用事项提议): the minimal form of "propose listing this entity as abnormal"
 * that inspections raise when an entity cannot be reached at its registered address. A credit
 * officer accepts or rejects each through the proposal workflow (shared/credit/proposal.workflow.ts);
 * scope, versions, numbering, audit and the transition are the records kernel's. The lists
 * themselves come with the credit module proper.
 */
export function createCreditService({
  db,
  dialect,
  clock,
  audit,
  clocks,
  listings,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & { audit: AuditService; clocks?: ClockPort; listings?: Pick<ListingService, 'propose'> }) {
  const records = scopedRecords({
    db,
    dialect,
    clock,
    audit,
    clocks,
    table: 'creditProposal',
    label: '信用事项提议',
    workflow: proposalWorkflow,
    readPermission: 'credit.read',
    numbering: { column: 'proposalNo', prefix: 'XY' },
    effects: async (_trx, _row, _action, input: { note?: string }, _on, ctx) => ({
      decisionNote: input.note || null,
      decidedAt: clock.now().toISOString(),
      decidedBy: ctx.actor.userId,
    }),
  })

  async function proposeAbnormal(trx: Trx, ctx: Ctx, input: ProposeAbnormalInput): Promise<{ id: string; proposalNo: string }> {
    const v = ProposeAbnormalInput.parse(input)
    const open = await trx
      .selectFrom('creditProposal')
      .select(['id', 'proposalNo'])
      .where('entityId', '=', v.entityId)
      .where('kind', '=', 'abnormal_list')
      .where('reason', '=', v.reason)
      .where('state', '=', 'proposed')
      .executeTakeFirst()
    // One open proposal per entity and ground: a second finding is noted on the first, not duplicated.
    if (open) return { id: open.id, proposalNo: open.proposalNo }
    const now = clock.now().toISOString()
    const row = await records.create(
      trx,
      ctx,
      {
        id: newId(),
        proposalNo: '',
        kind: 'abnormal_list',
        reason: v.reason,
        entityId: v.entityId,
        unitId: v.unitId,
        sourceType: v.sourceType,
        sourceId: v.sourceId,
        note: v.note,
        decisionNote: null,
        decidedAt: null,
        decidedBy: null,
        createdAt: now,
        createdBy: ctx.actor.userId,
        updatedAt: now,
      },
      { audit: 'credit.propose' },
    )
    // The proposal is a listing proposal of the abnormal-operations list (listing.service.ts), where
    // the two-step review, the 10-WD clock and publication happen.
    await listings?.propose(trx, ctx, {
      entityId: v.entityId,
      ground: v.reason,
      unitId: v.unitId,
      triggerOn: chinaDate(clock.now()),
      sourceType: 'credit_proposal',
      sourceId: row.id,
      note: v.note,
    })
    return { id: row.id, proposalNo: row.proposalNo }
  }

  const visible = (ctx: Ctx) =>
    records
      .scoped(db, ctx)
      .leftJoin('orgUnit', 'orgUnit.id', 'creditProposal.unitId')
      .leftJoin('marketEntity', 'marketEntity.id', 'creditProposal.entityId')
      .selectAll('creditProposal')
      .select(['orgUnit.name as unitName', 'marketEntity.name as entityName', 'marketEntity.uscc as uscc'])

  async function list(ctx: Ctx, q: ProposalQuery) {
    let b = visible(ctx)
    if (q.state) b = b.where('creditProposal.state', '=', q.state)
    if (q.entityId) b = b.where('creditProposal.entityId', '=', q.entityId)
    const dir = q.sort === 'created_asc' ? 'asc' : 'desc'
    return listPage(b, q, (p) => p.orderBy('creditProposal.createdAt', dir).orderBy('creditProposal.id', dir), present)
  }

  async function get(ctx: Ctx, id: string): Promise<ProposalDetail> {
    const loaded = await records.load(db, ctx, id)
    const r = await visible(ctx).where('creditProposal.id', '=', id).executeTakeFirstOrThrow()
    return { ...present(r), actions: records.actions(ctx, loaded) }
  }

  /** Takes a workflow action on a proposal (POST /credit/proposals/:id/actions/:action). */
  async function act(ctx: Ctx, id: string, action: ProposalAction, input: unknown, version?: number): Promise<ProposalDetail> {
    await records.transition(ctx, id, action, input, { version })
    return get(ctx, id)
  }

  /** The decision endpoint (POST /credit/proposals/:id/decision {state, note}): an alias of the action for that state. */
  function decide(ctx: Ctx, id: string, body: ProposalDecisionBody): Promise<ProposalDetail> {
    return act(ctx, id, PROPOSAL_DECISION_ACTION[body.state], body.note ? { note: body.note } : {}).catch(asConflict)
  }

  /** The entity file's section (一户一档): credit matters about the entity. */
  const profileSection: ProfileSection = {
    key: 'credit',
    title: '信用事项',
    permission: 'credit.read',
    async load(ctx, entity) {
      const rows = await visible(ctx).where('creditProposal.entityId', '=', entity.id).orderBy('creditProposal.createdAt', 'desc').limit(50).execute()
      return {
        count: rows.length,
        moreHref: '/credit-proposals',
        columns: [
          { key: 'proposalNo', title: '提议编号', kind: 'link' as const },
          { key: 'kind', title: '事项', kind: 'text' as const },
          { key: 'reason', title: '事由', kind: 'text' as const },
          { key: 'unitName', title: '提议单位', kind: 'text' as const },
          { key: 'state', title: '状态', kind: 'tag' as const },
          { key: 'createdAt', title: '提议时间', kind: 'datetime' as const },
          { key: 'decidedAt', title: '审核时间', kind: 'datetime' as const },
          { key: 'decisionNote', title: '审核意见', kind: 'text' as const },
        ],
        rows: rows.map(present).map((p) => ({
          proposalNo: { text: p.proposalNo, href: '/credit-proposals' },
          kind: p.kindLabel,
          reason: p.reasonLabel,
          unitName: p.unitName,
          state: { text: p.stateLabel, color: p.state === 'proposed' ? 'orange' : p.state === 'accepted' ? 'red' : 'default' },
          createdAt: p.createdAt,
          decidedAt: p.decidedAt,
          decisionNote: p.decisionNote,
        })),
      }
    },
  }

  return { proposeAbnormal, list, get, act, decide, profileSection }
}
export type CreditService = ReturnType<typeof createCreditService>

/**
 * The 12315 item follows its lead (issue 14): a report's 立案 is the case's filing, not the
 * handler's referral. When the handler decides “移送案源” the report records the referral only
 * (outcome `lead_referred`, state 已移送案源); the enforcement side then tells the item:
 *  - the case is filed (cases module, POST /api/cases) → outcome `filed`, the filing date is the
 *    case's, a public timeline event “已立案调查” — the 举报立案告知书 can be issued from then on;
 *  - the lead is decided 不予立案 → the item flows back: state and outcome `not_filed` with the
 *    lead's reason, the decision date is the lead's — the 举报不予立案告知书 carries that decision;
 *  - the lead is transferred (移送) → a timeline event, the item waits for the reporter notice.
 * Runs inside the enforcement transaction; touches only items whose lead it is (source + lead id).
 */
import type { Ctx } from '../../core/actor'
import type { Trx } from '../../core/db/database'
import type { Clock } from '../../core/clock'
import { createComplaintsRepo } from './complaints.repo'

export interface LeadOutcome {
  source: string
  sourceId: string
  leadId: string
}

export function createLeadFollower({ clock }: { clock: Clock }) {
  const repo = createComplaintsRepo()

  async function itemOf(trx: Trx, e: LeadOutcome) {
    if (e.source !== 'report' && e.source !== 'complaint') return null
    const item = await trx
      .selectFrom('complaintItem')
      .select(['id', 'state', 'outcome', 'version', 'handlingUnitId', 'leadId'])
      .where('id', '=', e.sourceId)
      .executeTakeFirst()
    return item && item.leadId === e.leadId ? item : null
  }

  async function record(
    trx: Trx,
    ctx: Ctx,
    item: { id: string; state: string; version: number; handlingUnitId: string },
    patch: Record<string, unknown>,
    ev: { kind: string; on: string; toState: string; publicText: string; note: string },
  ) {
    const now = clock.now().toISOString()
    await trx
      .updateTable('complaintItem')
      .set({ ...patch, version: item.version + 1, updatedAt: now })
      .where('id', '=', item.id)
      .execute()
    await repo.appendEvent(trx, {
      itemId: item.id,
      at: now,
      eventOn: ev.on,
      kind: ev.kind,
      fromState: item.state,
      toState: ev.toState,
      unitId: item.handlingUnitId,
      toUnitId: null,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      public: 1,
      publicText: ev.publicText,
      note: ev.note,
      dataJson: null,
    })
  }

  return {
    /** The case module filed a case from the item's lead. */
    async caseFiled(trx: Trx, ctx: Ctx, e: LeadOutcome & { caseNo: string; filedOn: string }) {
      const item = await itemOf(trx, e)
      if (!item) return
      await record(
        trx,
        ctx,
        item,
        { outcome: 'filed', filingDecidedOn: e.filedOn },
        { kind: 'case_filed', on: e.filedOn, toState: item.state, publicText: '已立案调查', note: `执法机构已立案，案件编号 ${e.caseNo}` },
      )
    },
    /** A lead decision: 不予立案 flows back to the item; 移送 is noted. (立案 is heard through caseFiled.) */
    async leadDecided(trx: Trx, ctx: Ctx, e: { lead: LeadOutcome; action: string; reason: string | null; on: string }) {
      const item = await itemOf(trx, e.lead)
      if (!item) return
      if (e.action === 'not_file') {
        await record(
          trx,
          ctx,
          item,
          { state: item.state === 'filed' ? 'not_filed' : item.state, outcome: 'not_filed', notFiledReason: 'OTHER', filingDecidedOn: e.on },
          {
            kind: 'lead_not_filed',
            on: e.on,
            toState: item.state === 'filed' ? 'not_filed' : item.state,
            publicText: '经核查，决定不予立案',
            note: `线索不予立案：${e.reason ?? ''}`,
          },
        )
      } else if (e.action === 'transfer') {
        await record(
          trx,
          ctx,
          item,
          {},
          { kind: 'lead_transferred', on: e.on, toState: item.state, publicText: '已移送有关部门处理', note: `线索移送：${e.reason ?? ''}` },
        )
      }
    },
  }
}
export type LeadFollower = ReturnType<typeof createLeadFollower>

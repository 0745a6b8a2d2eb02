import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import { inScope, scopeFor, type Ctx } from '../../core/actor'
import type { Database } from '../../core/db/types'
import type { CoreDeps } from '../../core/deps'
import type { OrgService } from '../org'
import type { DueClock, WorkEntry, WorkProvider } from '../work'
import { CLOCK_LABEL, FINAL_STATES, ITEM_TYPE_LABEL, STATE_LABEL, type ClockKind, type ItemType, type State } from './complaints.domain'

/** States in which a handler (complaint.handle) has something to do. */
const HANDLE_STATES: State[] = [
  'pending_acceptance',
  'not_accepted',
  'mediating',
  'mediation_paused',
  'mediated',
  'terminated',
  'verifying',
  'filed',
  'not_filed',
  'answering',
  'follow_up',
]
/** States waiting for the 12315 centre or a dispatcher (complaint.dispatch). */
const DISPATCH_STATES: State[] = ['received', 'returned', 'disputed']
/** What is expected next, in words, per state. */
const NEXT_STEP: Partial<Record<State, string>> = {
  received: '待分送',
  returned: '待重新分送',
  disputed: '待确定管辖',
  pending_acceptance: '待决定是否受理',
  not_accepted: '待办结',
  mediating: '调解中',
  mediation_paused: '调解中止，待恢复',
  mediated: '待回访或办结',
  terminated: '待送达终止调解告知书',
  verifying: '待核查并决定是否立案',
  filed: '待告知举报人或办结',
  not_filed: '待告知举报人或办结',
  answering: '待答复',
  follow_up: '待回访',
}

type Eb = ExpressionBuilder<Database, 'complaintItem'>

/**
 * The 12315 centre's contributions to 我的待办 and to due notices: items assigned to me or, while
 * nobody is assigned, to my unit (by the complaint.handle scope); items waiting for dispatch (by the
 * complaint.dispatch scope); open 督办 notices awaiting my reply; and, for supervisors, escalated items
 * without an open 督办. Scoped in SQL with the same grants as the records.
 */
export function createComplaintsWork({ db, org }: Pick<CoreDeps, 'db'> & { org: Pick<OrgService, 'directory'> }): WorkProvider[] {
  const unitName = async (id: string | null) => (id ? ((await org.directory()).byId.get(id)?.name ?? null) : null)

  function assigned(eb: Eb, ctx: Ctx): Expression<SqlBool> | null {
    const me = ctx.actor.userId ?? '-'
    const handle = scopeFor(ctx.actor, 'complaint.handle')
    if (!handle) return null
    return eb.or([
      eb('complaintItem.handlerId', '=', me),
      eb.and([eb('complaintItem.handlerId', 'is', null), inScope(eb, handle, ctx.actor, 'complaint_item.handling_unit_id')]),
    ])
  }

  const items: WorkProvider = {
    key: 'complaints',
    title: '12315 诉求件',
    permission: ['complaint.handle', 'complaint.dispatch', 'complaint.intake'],
    async load(ctx) {
      const dispatch = scopeFor(ctx.actor, 'complaint.dispatch')
      const intake = scopeFor(ctx.actor, 'complaint.intake')
      const rows = await db
        .selectFrom('complaintItem')
        .select(['id', 'itemNo', 'type', 'state', 'summary', 'respondentName', 'handlerId', 'handlingUnitId', 'nextDueOn', 'nextDueKind', 'receivedAt'])
        .where((eb) => {
          const ors: Expression<SqlBool>[] = []
          const mine = assigned(eb, ctx)
          if (mine) ors.push(eb.and([eb('state', 'in', HANDLE_STATES), mine]))
          if (dispatch) ors.push(eb.and([eb('state', 'in', DISPATCH_STATES), inScope(eb, dispatch, ctx.actor, 'complaint_item.handling_unit_id')]))
          if (intake) ors.push(eb.and([eb('state', '=', 'answering'), inScope(eb, intake, ctx.actor, 'complaint_item.handling_unit_id')]))
          return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`
        })
        .orderBy(sql`case when complaint_item.next_due_on is null then 1 else 0 end`)
        .orderBy('nextDueOn')
        .orderBy('receivedAt', 'desc')
        .limit(200)
        .execute()
      const out: WorkEntry[] = []
      for (const r of rows) {
        out.push({
          id: r.id,
          matterType: 'complaint_item',
          no: r.itemNo,
          title: `${ITEM_TYPE_LABEL[r.type as ItemType] ?? ''}：${r.summary}`,
          subtitle: r.respondentName || null,
          stateLabel: STATE_LABEL[r.state as State] ?? r.state,
          actionLabel: NEXT_STEP[r.state as State] ?? STATE_LABEL[r.state as State] ?? r.state,
          dueOn: r.nextDueOn,
          dueLabel: r.nextDueKind ? (CLOCK_LABEL[r.nextDueKind as ClockKind] ?? null) : null,
          link: `/complaints/${r.id}`,
          assignee: r.handlerId && r.handlerId === ctx.actor.userId ? 'me' : 'unit',
          unitName: await unitName(r.handlingUnitId),
          at: r.receivedAt,
        })
      }
      return out
    },
    async dueClocks(exec, q) {
      const rows = await exec
        .selectFrom('complaintItem')
        .select(['id', 'itemNo', 'type', 'state', 'summary', 'handlerId', 'handlingUnitId', 'nextDueOn', 'nextDueKind'])
        .where('nextDueOn', '<=', q.until)
        .where('state', 'not in', FINAL_STATES as State[])
        .orderBy('nextDueOn', 'desc')
        .limit(2000)
        .execute()
      return rows
        .filter((r) => r.nextDueOn && r.nextDueKind)
        .map((r): DueClock => {
          const dispatchStep = (DISPATCH_STATES as string[]).includes(r.state)
          return {
            matterType: 'complaint_item',
            matterId: r.id,
            no: r.itemNo,
            title: `${ITEM_TYPE_LABEL[r.type as ItemType] ?? ''}：${r.summary}`,
            dueOn: r.nextDueOn!,
            dueKind: r.nextDueKind!,
            dueLabel: CLOCK_LABEL[r.nextDueKind as ClockKind] ?? r.nextDueKind!,
            link: `/complaints/${r.id}`,
            permission: 'complaint.read',
            to:
              r.handlerId && !dispatchStep
                ? { userId: r.handlerId }
                : { unitId: r.handlingUnitId, permission: dispatchStep ? 'complaint.dispatch' : 'complaint.handle' },
          }
        })
    },
  }

  const supervision: WorkProvider = {
    key: 'supervision',
    title: '督办待回复',
    permission: 'complaint.handle',
    async load(ctx) {
      const rows = await db
        .selectFrom('complaintSupervision')
        .innerJoin('complaintItem', 'complaintItem.id', 'complaintSupervision.itemId')
        .select([
          'complaintSupervision.id as sid',
          'complaintSupervision.note',
          'complaintSupervision.dueOn',
          'complaintSupervision.issuedAt',
          'complaintSupervision.issuedByName',
          'complaintItem.id',
          'complaintItem.itemNo',
          'complaintItem.summary',
          'complaintItem.state',
          'complaintItem.handlerId',
          'complaintItem.handlingUnitId',
        ])
        .where('complaintSupervision.respondedAt', 'is', null)
        .where('complaintItem.state', 'not in', FINAL_STATES as State[])
        .where((eb) => assigned(eb as unknown as Eb, ctx) ?? sql<SqlBool>`1 = 0`)
        .orderBy('complaintSupervision.dueOn')
        .limit(200)
        .execute()
      const out: WorkEntry[] = []
      for (const r of rows) {
        out.push({
          id: r.sid,
          matterType: 'complaint_supervision',
          no: r.itemNo,
          title: `督办：${r.note}`,
          subtitle: `${r.summary}（${r.issuedByName} 督办）`,
          stateLabel: STATE_LABEL[r.state as State] ?? r.state,
          actionLabel: '回复督办',
          dueOn: r.dueOn,
          dueLabel: '督办回复期限',
          link: `/complaints/${r.id}`,
          assignee: r.handlerId && r.handlerId === ctx.actor.userId ? 'me' : 'unit',
          unitName: await unitName(r.handlingUnitId),
          at: r.issuedAt,
        })
      }
      return out
    },
    async dueClocks(exec, q) {
      const rows = await exec
        .selectFrom('complaintSupervision')
        .innerJoin('complaintItem', 'complaintItem.id', 'complaintSupervision.itemId')
        .select([
          'complaintSupervision.id as sid',
          'complaintSupervision.note',
          'complaintSupervision.dueOn',
          'complaintItem.id',
          'complaintItem.itemNo',
          'complaintItem.handlerId',
          'complaintItem.handlingUnitId',
        ])
        .where('complaintSupervision.respondedAt', 'is', null)
        .where('complaintSupervision.dueOn', '<=', q.until)
        .where('complaintItem.state', 'not in', FINAL_STATES as State[])
        .orderBy('complaintSupervision.dueOn', 'desc')
        .limit(2000)
        .execute()
      return rows.map((r) => ({
        matterType: 'complaint_supervision',
        matterId: r.sid,
        no: r.itemNo,
        title: `督办：${r.note}`,
        dueOn: r.dueOn,
        dueKind: 'supervision',
        dueLabel: '督办回复期限',
        link: `/complaints/${r.id}`,
        permission: 'complaint.read',
        to: r.handlerId ? { userId: r.handlerId } : { unitId: r.handlingUnitId, permission: 'complaint.handle' },
      }))
    },
  }

  const escalated: WorkProvider = {
    key: 'escalated',
    title: '超期升级待督办',
    permission: 'complaint.supervise',
    async load(ctx) {
      const scope = scopeFor(ctx.actor, 'complaint.supervise')!
      const rows = await db
        .selectFrom('complaintItem')
        .select([
          'id',
          'itemNo',
          'type',
          'state',
          'summary',
          'respondentName',
          'handlingUnitId',
          'escalationUnitId',
          'escalationLevel',
          'nextDueOn',
          'nextDueKind',
          'receivedAt',
        ])
        .where('escalationLevel', '>', 0)
        .where('state', 'not in', FINAL_STATES as State[])
        .where((eb) => inScope(eb, scope, ctx.actor, 'complaint_item.escalation_unit_id'))
        .where(sql<SqlBool>`not exists (select 1 from complaint_supervision cs where cs.item_id = complaint_item.id and cs.responded_at is null)`)
        .orderBy('nextDueOn')
        .limit(200)
        .execute()
      const out: WorkEntry[] = []
      for (const r of rows) {
        out.push({
          id: r.id,
          matterType: 'complaint_item',
          no: r.itemNo,
          title: `${ITEM_TYPE_LABEL[r.type as ItemType] ?? ''}：${r.summary}`,
          subtitle: r.respondentName || null,
          stateLabel: STATE_LABEL[r.state as State] ?? r.state,
          actionLabel: `超期升级（${r.escalationLevel === 2 ? '二级' : '一级'}），待督办`,
          dueOn: r.nextDueOn,
          dueLabel: r.nextDueKind ? (CLOCK_LABEL[r.nextDueKind as ClockKind] ?? null) : null,
          link: `/complaints/${r.id}`,
          assignee: 'unit',
          unitName: await unitName(r.handlingUnitId),
          at: r.receivedAt,
        })
      }
      return out
    },
  }

  return [items, supervision, escalated]
}

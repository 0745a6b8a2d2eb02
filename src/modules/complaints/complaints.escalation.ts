/**
 * Escalation of overdue items (超期升级): the scheduled job over the clock table moves an overdue
 * open item's supervision up the tree (所 → 局 → 市局).
 */
import { chinaDate } from '../../core/clock'
import { forUpdate } from '../../core/db/dialect'
import type { CoreDeps } from '../../core/deps'
import type { AuditService } from '../audit'
import { addWorkingDays } from '../calendar'
import type { ItemAccess } from './complaints.access'
import type { createComplaintClocks } from './complaints.clocks'
import { CLOCK_STATUS_LABEL, FINAL_STATES } from './complaints.domain'
import type { ComplaintsRepo } from './complaints.repo'
import type { ClockEnv } from './complaints.settings'

export function createEscalation({
  db,
  dialect,
  clock,
  audit,
  repo,
  itemClocks,
  unitRow,
  clockEnv,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & {
  audit: AuditService
  repo: ComplaintsRepo
  itemClocks: ReturnType<typeof createComplaintClocks>
  unitRow: ItemAccess['unitRow']
  clockEnv: () => Promise<ClockEnv>
}) {
  /**
   * Escalates overdue open items to the unit above (所 → 局 → 市局): level 1 when first overdue,
   * level 2 after 5 more working days. Idempotent: a run at the same time changes nothing twice.
   */
  async function escalateOverdue(now: Date = clock.now()) {
    const day = chinaDate(now)
    const env = await clockEnv()
    const cal = env.cal
    let escalated = 0
    let refreshed = 0
    // The overdue items are those with an open clock due before today (the clock table's open-clock
    // index, a range). Each item is then re-read under lock and its clocks recomputed.
    const overdue = await itemClocks.overdueItemIds(db, day)
    for (let i = 0; i < overdue.length; i += 200) {
      const rows = overdue.slice(i, i + 200).map((id) => ({ id }))
      for (const item of rows) {
        await db.transaction().execute(async (trx) => {
          const cur = await forUpdate(dialect, trx.selectFrom('complaintItem').selectAll().where('id', '=', item.id)).executeTakeFirst()
          if (!cur) return
          const cols = await itemClocks.store(trx, cur, await itemClocks.clocksOf(trx, cur, env), env)
          if ((FINAL_STATES as readonly string[]).includes(cur.state)) return
          refreshed++
          if (!cols.nextDueOn || cols.nextDueOn >= day) return
          const lateBy = addWorkingDays(cal, cols.nextDueOn, 5).date < day ? 2 : 1
          if (cur.escalationLevel >= lateBy) return
          let target: string | null = cur.escalationUnitId ?? cur.handlingUnitId
          for (let l = cur.escalationLevel; l < lateBy && target; l++) {
            const parent: string | null = (await unitRow(trx, target))?.parentId ?? null
            if (!parent) break
            target = parent
          }
          if (!target || target === (cur.escalationUnitId ?? cur.handlingUnitId)) return
          const ts = now.toISOString()
          await trx.updateTable('complaintItem').set({ escalationLevel: lateBy, escalationUnitId: target, updatedAt: ts }).where('id', '=', cur.id).execute()
          await repo.appendEvent(trx, {
            itemId: cur.id,
            at: ts,
            eventOn: day,
            kind: 'escalated',
            unitId: cur.handlingUnitId,
            toUnitId: target,
            actorId: null,
            actorName: '系统',
            public: 0,
            note: `${cols.nextDueKind ? CLOCK_STATUS_LABEL.overdue + '：' + cols.nextDueKind : '超期'}（期限 ${cols.nextDueOn}），升级至上级单位督办`,
            dataJson: JSON.stringify({ level: lateBy, dueKind: cols.nextDueKind, dueOn: cols.nextDueOn }),
          })
          await audit.record(
            trx,
            {
              actor: { kind: 'system', userId: null, username: 'system', displayName: '系统', primaryUnitId: null, scopes: new Map() },
              requestId: 'escalate',
              ip: null,
            },
            {
              action: 'complaint.escalate',
              targetType: 'complaint_item',
              targetId: cur.id,
              targetLabel: cur.itemNo,
              unitId: target,
              before: { escalationLevel: cur.escalationLevel, escalationUnitId: cur.escalationUnitId },
              after: { escalationLevel: lateBy, escalationUnitId: target },
            },
          )
          escalated++
        })
      }
    }
    return { escalated, refreshed, day }
  }

  return { escalateOverdue }
}

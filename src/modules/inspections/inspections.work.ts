import type { CoreDeps } from '../../core/deps'
import type { WorkProvider } from '../work'

/**
 * 我的待办 of an inspector: the inspection objects (检查对象) assigned to me in drawn tasks whose
 * results are still to be recorded, due on the task's last day. Only the assignment matters, as on
 * 我的检查 (an assigned inspector records whatever their grants' units).
 */
export function createInspectionsWork({ db }: Pick<CoreDeps, 'db'>): WorkProvider[] {
  const targets: WorkProvider = {
    key: 'inspections', title: '待录入检查结果', permission: 'inspection.result',
    async load(ctx) {
      const me = ctx.actor.userId ?? '-'
      const rows = await db.selectFrom('inspectionTarget').innerJoin('inspectionTask', 'inspectionTask.id', 'inspectionTarget.taskId')
        .select(['inspectionTarget.id', 'inspectionTarget.entityName', 'inspectionTask.taskNo', 'inspectionTask.name as taskName', 'inspectionTask.periodTo', 'inspectionTask.drawnAt'])
        .where('inspectionTarget.status', '=', 'pending').where('inspectionTask.status', '=', 'drawn')
        .where('inspectionTarget.entityId', 'in', (eb) => eb.selectFrom('inspectionDrawAssignment').select('inspectionDrawAssignment.entityId')
          .whereRef('inspectionDrawAssignment.drawId', '=', 'inspectionTarget.drawId').where('inspectionDrawAssignment.userId', '=', me))
        .orderBy('inspectionTask.periodTo').orderBy('inspectionTarget.ordinal').limit(200).execute()
      return rows.map((r) => ({
        id: r.id, matterType: 'inspection_target', no: r.taskNo, title: `检查对象：${r.entityName}`, subtitle: r.taskName, stateLabel: '待检查', actionLabel: '录入检查结果',
        dueOn: r.periodTo, dueLabel: '抽查任务截止日', link: `/inspection-mine?target=${r.id}`, assignee: 'me' as const, unitName: null, at: r.drawnAt,
      }))
    },
  }
  return [targets]
}

import { sql, type SqlBool } from 'kysely'
import { inScope, scopeFor } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { WorkProvider } from '../work'
import { TASK_STATUSES, type TaskStatus } from './inspections.domain'

/**
 * 我的待办 of an inspector: the inspection objects (检查对象) assigned to me in drawn tasks whose
 * results are still to be recorded, due on the task's last day. Only the assignment matters, as on
 * 我的检查 (an assigned inspector records whatever their grants' units).
 */
export function createInspectionsWork({ db }: Pick<CoreDeps, 'db'>): WorkProvider[] {
  const targets: WorkProvider = {
    key: 'inspections',
    title: '待录入检查结果',
    permission: 'inspection.result',
    async load(ctx) {
      const me = ctx.actor.userId ?? '-'
      const rows = await db
        .selectFrom('inspectionTarget')
        .innerJoin('inspectionTask', 'inspectionTask.id', 'inspectionTarget.taskId')
        .select([
          'inspectionTarget.id',
          'inspectionTarget.entityName',
          'inspectionTask.taskNo',
          'inspectionTask.name as taskName',
          'inspectionTask.periodTo',
          'inspectionTask.drawnAt',
        ])
        .where('inspectionTarget.status', '=', 'pending')
        .where('inspectionTask.status', '=', 'drawn')
        .where('inspectionTarget.entityId', 'in', (eb) =>
          eb
            .selectFrom('inspectionDrawAssignment')
            .select('inspectionDrawAssignment.entityId')
            .whereRef('inspectionDrawAssignment.drawId', '=', 'inspectionTarget.drawId')
            .where('inspectionDrawAssignment.userId', '=', me),
        )
        .orderBy('inspectionTask.periodTo')
        .orderBy('inspectionTarget.ordinal')
        .limit(200)
        .execute()
      return rows.map((r) => ({
        id: r.id,
        matterType: 'inspection_target',
        no: r.taskNo,
        title: `检查对象：${r.entityName}`,
        subtitle: r.taskName,
        stateLabel: '待检查',
        actionLabel: '录入检查结果',
        dueOn: r.periodTo,
        dueLabel: '抽查任务截止日',
        link: `/inspection-mine?target=${r.id}`,
        assignee: 'me' as const,
        unitName: null,
        at: r.drawnAt,
      }))
    },
  }
  // The double-random administrator's steps: announce a draft, draw an announced task, publish a
  // completed one — each by the permission that does it, within its scope. No statutory clock.
  const STEPS = [
    { status: 'draft', permission: 'inspection.plan', action: '待公告' },
    { status: 'announced', permission: 'inspection.draw', action: '待随机抽取' },
    { status: 'completed', permission: 'inspection.publish', action: '待公示检查结果' },
  ] as const
  const tasks: WorkProvider = {
    key: 'inspection_tasks',
    title: '抽查任务待办',
    permission: STEPS.map((s) => s.permission),
    async load(ctx) {
      const steps = STEPS.map((s) => ({ ...s, scope: scopeFor(ctx.actor, s.permission) })).filter((s) => s.scope)
      const rows = await db
        .selectFrom('inspectionTask')
        .leftJoin('orgUnit', 'orgUnit.id', 'inspectionTask.unitId')
        .select([
          'inspectionTask.id',
          'inspectionTask.taskNo',
          'inspectionTask.name',
          'inspectionTask.status',
          'inspectionTask.periodFrom',
          'inspectionTask.periodTo',
          'inspectionTask.createdAt',
          'orgUnit.name as unitName',
        ])
        .where((eb) =>
          steps.length
            ? eb.or(steps.map((s) => eb.and([eb('inspectionTask.status', '=', s.status), inScope(eb, s.scope!, ctx.actor, 'inspection_task.unit_id')])))
            : sql<SqlBool>`1 = 0`,
        )
        .orderBy('inspectionTask.periodFrom')
        .limit(200)
        .execute()
      return rows.map((r) => ({
        id: r.id,
        matterType: 'inspection_task',
        no: r.taskNo,
        title: r.name,
        subtitle: `检查期间 ${r.periodFrom} 至 ${r.periodTo}`,
        stateLabel: TASK_STATUSES[r.status as TaskStatus] ?? r.status,
        actionLabel: STEPS.find((s) => s.status === r.status)?.action ?? '待办理',
        dueOn: null,
        dueLabel: null,
        link: `/inspections/tasks/${r.id}`,
        assignee: 'unit' as const,
        unitName: r.unitName ?? null,
        at: r.createdAt,
      }))
    },
  }
  return [targets, tasks]
}

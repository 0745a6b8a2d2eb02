/**
 * What the credit module reads of the double-random inspections (through this module's index): an
 * entity's published results for the public credit page, and its findings for the risk classes.
 */
import type { Executor } from '../../core/db/database'
import { OUTCOME_LABEL } from '../../shared/inspections/vocabulary'

export function createInspectionCreditReads() {
  /** Results of published tasks (双随机、一公开: the results are public once the task is published), newest first. */
  async function publishedResultsOf(exec: Executor, entityId: string) {
    const rows = await exec
      .selectFrom('inspectionTarget as t')
      .innerJoin('inspectionTask as k', 'k.id', 't.taskId')
      .leftJoin('orgUnit as u', 'u.id', 'k.unitId')
      .select(['k.taskNo', 'k.name as taskName', 'u.name as unitName', 't.inspectedOn', 't.outcome', 'k.publishedAt'])
      .where('t.entityId', '=', entityId)
      .where('k.publishedAt', 'is not', null)
      .where('t.outcome', 'is not', null)
      .orderBy('t.inspectedOn', 'desc')
      .limit(50)
      .execute()
    return rows.map((r) => ({
      taskNo: r.taskNo,
      taskName: r.taskName,
      unitName: r.unitName,
      inspectedOn: r.inspectedOn,
      outcomeLabel: r.outcome ? (OUTCOME_LABEL[r.outcome] ?? r.outcome) : null,
    }))
  }
  return { publishedResultsOf }
}
export type InspectionCreditReads = ReturnType<typeof createInspectionCreditReads>

import type { ItemType } from './complaints.domain'

/**
 * Who becomes the handler (承办人) of an item: one rule, read by the offer (the detail tells the
 * web what it may show), the assign action and the implicit take on 受理/不予受理.
 *
 * - The assignee must be able to handle the item: hold 办理 (`complaint.handle`) over the handling
 *   unit (a grant covering it, or staff of that unit or below).
 * - The right to assign is 分送 (`complaint.dispatch`) or 督办 (`complaint.supervise`) over the
 *   handling unit: such a holder may assign any eligible person.
 * - A plain handler (`complaint.handle` only) may take an unassigned complaint or consultation
 *   for themselves (由我承办; accepting it does the same), nothing more.
 * - A report (举报) is always assigned by someone else with the right to assign: nobody assigns a
 *   report to themselves. Being the handler of a report never shows the reporter's identity (that
 *   needs `reporter.view`, Order 20 Art 33).
 */
export interface AssignmentFacts {
  type: ItemType
  final: boolean
  currentHandlerId: string | null
  actorId: string | null
  handlerId: string
  /** complaint.dispatch or complaint.supervise over the handling unit. */
  actorMayAssign: boolean
  /** complaint.handle over the handling unit. */
  actorMayHandle: boolean
  /** The assignee can handle the item (see above). */
  assigneeEligible: boolean
}

export type AssignmentDecision = { ok: true } | { ok: false; code: 'FORBIDDEN' | 'VALIDATION' | 'ILLEGAL_TRANSITION'; message: string }

export function decideAssignment(f: AssignmentFacts): AssignmentDecision {
  if (f.final) return { ok: false, code: 'ILLEGAL_TRANSITION', message: '已办结的诉求件不能再指定承办人' }
  const toSelf = !!f.actorId && f.handlerId === f.actorId
  if (f.type === 'report') {
    if (toSelf) return { ok: false, code: 'FORBIDDEN', message: '举报件的承办人须由有分派权限的其他人员指定，不能自行承办' }
    if (!f.actorMayAssign) return { ok: false, code: 'FORBIDDEN', message: '举报件的承办人须由有分派权限（分送或督办）的人员指定' }
  } else if (!f.actorMayAssign) {
    if (!f.actorMayHandle) return { ok: false, code: 'FORBIDDEN', message: '没有指定承办人的权限' }
    if (!toSelf) return { ok: false, code: 'FORBIDDEN', message: '指定他人承办须有分派权限（分送或督办）；办理人员只能由自己承办未指定承办人的件' }
    if (f.currentHandlerId && f.currentHandlerId !== f.actorId) return { ok: false, code: 'FORBIDDEN', message: '该件已有承办人；改派须由有分派权限的人员办理' }
  }
  if (!f.assigneeEligible) return { ok: false, code: 'VALIDATION', message: '承办人须为能办理该件的工作人员（承办单位或其下级单位，或办理权限覆盖承办单位）' }
  return { ok: true }
}

/** What the detail offers: "由我承办" and "指定承办人", by the same rule. */
export function assignmentOffer(f: Omit<AssignmentFacts, 'handlerId' | 'assigneeEligible'> & { actorEligible: boolean }) {
  const canTake = !f.currentHandlerId && !!f.actorId && decideAssignment({ ...f, handlerId: f.actorId, assigneeEligible: f.actorEligible }).ok
  const canAssign = !f.final && f.actorMayAssign
  return { canTake, canAssign }
}

/**
 * The handler of an item (承办人): who may handle it and who may assign it (one rule,
 * complaints.assignment.ts), what the detail offers (由我承办, 指定承办人), the candidates, who
 * becomes the handler on a decision, and the message that reaches the handler (消息中心).
 */
import type { Ctx } from '../../core/actor'
import type { Executor, Trx } from '../../core/db/database'
import type { CoreDeps } from '../../core/deps'
import { forbidden } from '../../core/errors'
import { ROLES } from '../access'
import type { MessagesService } from '../messages'
import type { ItemAccess } from './complaints.access'
import { assignmentOffer, decideAssignment } from './complaints.assignment'
import { FINAL_STATES, ITEM_TYPE_LABEL, type ItemType } from './complaints.domain'
import type { ComplaintsRepo, ItemRow } from './complaints.repo'

type Exec = Executor

const HANDLE_ROLES = Object.entries(ROLES)
  .filter(([, r]) => (r.permissions as readonly string[]).includes('complaint.handle'))
  .map(([code]) => code)

export function createHandlers({
  db,
  repo,
  access,
  messages,
}: Pick<CoreDeps, 'db'> & {
  repo: ComplaintsRepo
  access: Pick<ItemAccess, 'itemAllowed' | 'loadReadable'>
  /** 消息中心: assignment, dispatch and 督办 reach the handler (or the unit's handlers) in the same transaction. */
  messages?: Pick<MessagesService, 'notify'>
}) {
  /** Whether a user can handle the item: the assignee condition of the assignment rule. */
  async function mayHandle(exec: Exec, userId: string | null, item: ItemRow): Promise<boolean> {
    return !!userId && repo.mayHandleUnit(exec, userId, item.handlingUnitId, HANDLE_ROLES)
  }
  async function assignmentFacts(exec: Exec, ctx: Ctx, item: ItemRow) {
    return {
      type: item.type as ItemType,
      final: (FINAL_STATES as readonly string[]).includes(item.state),
      currentHandlerId: item.handlerId,
      actorId: ctx.actor.userId,
      actorMayAssign:
        (await access.itemAllowed(exec, ctx, item, 'complaint.dispatch', 'handling')) ||
        (await access.itemAllowed(exec, ctx, item, 'complaint.supervise', 'handling')),
      actorMayHandle: await access.itemAllowed(exec, ctx, item, 'complaint.handle', 'handling'),
    }
  }
  /** What the detail offers (由我承办, 指定承办人): the same rule as the action. */
  async function offerOf(exec: Exec, ctx: Ctx, item: ItemRow) {
    const f = await assignmentFacts(exec, ctx, item)
    return assignmentOffer({ ...f, actorEligible: !item.handlerId && (await mayHandle(exec, ctx.actor.userId, item)) })
  }
  /** Whom the actor may assign the item to (指定承办人): eligible staff; a report never to the actor. */
  async function handlerCandidates(ctx: Ctx, id: string) {
    const item = await access.loadReadable(db, ctx, id)
    const f = await assignmentFacts(db, ctx, item)
    if (!f.actorMayAssign) throw forbidden('指定承办人须有分派权限（分送或督办）')
    const rows = await repo.handlersOfUnit(db, item.handlingUnitId, HANDLE_ROLES)
    return { items: rows.filter((u) => decideAssignment({ ...f, handlerId: u.id, assigneeEligible: true }).ok && u.id !== item.handlerId) }
  }
  /** 受理/不予受理 by someone when nobody is the handler: they become it only if they could take it (由我承办). */
  async function handlerOnDecision(exec: Exec, ctx: Ctx, item: ItemRow): Promise<string | null> {
    if (item.handlerId) return item.handlerId
    return (await offerOf(exec, ctx, item)).canTake ? ctx.actor.userId : null
  }
  /** A message to the item's handler, or to the handlers of its unit while nobody is assigned (never to the actor). */
  async function notifyHandler(trx: Trx, ctx: Ctx, item: ItemRow, kind: 'assignment' | 'dispatch' | 'supervision', title: string, body?: string) {
    if (!messages) return
    await messages.notify(trx, {
      to: item.handlerId ? { userId: item.handlerId } : { unitId: item.handlingUnitId, permission: 'complaint.handle' },
      kind,
      title,
      body: body ?? `${ITEM_TYPE_LABEL[item.type as ItemType]}：${item.summary}`,
      link: `/complaints/${item.id}`,
      matterType: 'complaint_item',
      matterId: item.id,
      permission: 'complaint.read',
      exceptUserId: ctx.actor.userId,
    })
  }

  return { mayHandle, assignmentFacts, offerOf, handlerCandidates, handlerOnDecision, notifyHandler }
}
export type Handlers = ReturnType<typeof createHandlers>

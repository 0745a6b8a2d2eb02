/**
 * Handling use cases outside the workflow's transitions: assigning a handler (指定承办人), recording
 * feedback to the party (反馈), supervision notices (督办) and their responses. Each runs in one
 * transaction (lock, checks, update, timeline event, audit, message) and returns the new detail.
 */
import type { Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { CoreDeps } from '../../core/deps'
import { AppError, conflict, forbidden, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { AuditService } from '../audit'
import type { ItemAccess } from './complaints.access'
import { decideAssignment } from './complaints.assignment'
import { FINAL_STATES, PUBLIC_TEXT } from './complaints.domain'
import type { Handlers } from './complaints.handlers'
import type { ComplaintsRepo } from './complaints.repo'
import type { ItemDetail } from './complaints.schema'

export function createHandling({
  db,
  clock,
  audit,
  repo,
  access,
  handlers,
  detail,
  today,
}: Pick<CoreDeps, 'db' | 'clock'> & {
  audit: AuditService
  repo: ComplaintsRepo
  access: Pick<ItemAccess, 'itemAllowed' | 'loadReadable' | 'userNames'>
  handlers: Pick<Handlers, 'assignmentFacts' | 'mayHandle' | 'notifyHandler'>
  detail: (ctx: Ctx, id: string) => Promise<ItemDetail>
  today: () => string
}) {
  const { loadReadable, itemAllowed } = access

  /** 指定承办人 / 由我承办: the assignment rule decides; the new handler gets a message. */
  async function assign(ctx: Ctx, id: string, handlerId: string, expectedVersion: number) {
    await db.transaction().execute(async (trx) => {
      const item = await loadReadable(trx, ctx, id, true)
      const d = decideAssignment({
        ...(await handlers.assignmentFacts(trx, ctx, item)),
        handlerId,
        assigneeEligible: await handlers.mayHandle(trx, handlerId, item),
      })
      if (!d.ok) throw new AppError(d.code, d.message)
      const now = clock.now().toISOString()
      if (!(await repo.update(trx, id, expectedVersion, { handlerId }, now))) throw conflict('该诉求件已被他人更新，请刷新后重试')
      const names = await access.userNames(trx, [handlerId])
      await repo.appendEvent(trx, {
        itemId: id,
        at: now,
        eventOn: today(),
        kind: 'assign',
        unitId: item.handlingUnitId,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        public: 0,
        note: `承办人：${names.get(handlerId)}`,
      })
      await audit.record(trx, ctx, {
        action: 'complaint.assign',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: item.itemNo,
        unitId: item.handlingUnitId,
        before: { handlerId: item.handlerId },
        after: { handlerId },
      })
      await handlers.notifyHandler(trx, ctx, { ...item, handlerId }, 'assignment', `指派您承办：${item.itemNo}`)
    })
    return detail(ctx, id)
  }

  /** 反馈: the handling unit told the party how it stands (public on the portal, text internal). */
  async function recordFeedback(ctx: Ctx, id: string, input: { channel: string; text: string; at?: string }) {
    await db.transaction().execute(async (trx) => {
      const item = await loadReadable(trx, ctx, id, true)
      if (item.state === 'merged') throw new AppError('ILLEGAL_TRANSITION', '已合并的诉求件请在合并后的件中反馈')
      if (!(await itemAllowed(trx, ctx, item, 'complaint.handle', 'handling')) && !(await itemAllowed(trx, ctx, item, 'complaint.intake', 'handling')))
        throw forbidden()
      const at = input.at ? new Date(input.at) : clock.now()
      if (at.getTime() > clock.now().getTime() + 60_000) throw validation('反馈时间不能晚于现在')
      const now = clock.now().toISOString()
      await trx.updateTable('complaintItem').set({ feedbackAt: at.toISOString(), updatedAt: now }).where('id', '=', id).execute()
      await repo.appendEvent(trx, {
        itemId: id,
        at: now,
        eventOn: chinaDate(at),
        kind: 'feedback',
        unitId: item.handlingUnitId,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        public: 1,
        publicText: PUBLIC_TEXT.feedback,
        note: input.text,
        dataJson: JSON.stringify({ channel: input.channel, at: at.toISOString() }),
      })
      await audit.record(trx, ctx, {
        action: 'complaint.feedback',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: item.itemNo,
        unitId: item.handlingUnitId,
        after: { channel: input.channel, at: at.toISOString(), text: input.text },
      })
    })
    return detail(ctx, id)
  }

  /** 督办: a supervision notice with a reply date; the handler gets a message. */
  async function supervise(ctx: Ctx, id: string, input: { note: string; dueOn: string }) {
    await db.transaction().execute(async (trx) => {
      const item = await loadReadable(trx, ctx, id, true)
      if (!(await itemAllowed(trx, ctx, item, 'complaint.supervise'))) throw forbidden('没有督办权限')
      if ((FINAL_STATES as readonly string[]).includes(item.state)) throw new AppError('ILLEGAL_TRANSITION', '已办结的诉求件不需要督办')
      if (input.dueOn < today()) throw validation('督办期限不能早于今天')
      const now = clock.now().toISOString()
      const sid = newId()
      await trx
        .insertInto('complaintSupervision')
        .values({
          id: sid,
          itemId: id,
          issuedBy: ctx.actor.userId,
          issuedByName: ctx.actor.displayName,
          issuedUnitId: ctx.actor.primaryUnitId,
          note: input.note,
          dueOn: input.dueOn,
          issuedAt: now,
          respondedAt: null,
          response: null,
        })
        .execute()
      await repo.appendEvent(trx, {
        itemId: id,
        at: now,
        eventOn: today(),
        kind: 'supervise',
        unitId: item.handlingUnitId,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        public: 0,
        note: input.note,
        dataJson: JSON.stringify({ supervisionId: sid, dueOn: input.dueOn }),
      })
      await audit.record(trx, ctx, {
        action: 'complaint.supervise',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: item.itemNo,
        unitId: item.handlingUnitId,
        after: { note: input.note, dueOn: input.dueOn },
      })
      await handlers.notifyHandler(
        trx,
        ctx,
        item,
        'supervision',
        `督办：${item.itemNo}（${input.dueOn} 前回复）`,
        `${ctx.actor.displayName}督办：${input.note}`,
      )
    })
    return detail(ctx, id)
  }

  /** 督办回复: the handling unit answers a supervision notice, once. */
  async function respondSupervision(ctx: Ctx, id: string, supervisionId: string, response: string) {
    await db.transaction().execute(async (trx) => {
      const item = await loadReadable(trx, ctx, id, true)
      if (!(await itemAllowed(trx, ctx, item, 'complaint.handle', 'handling'))) throw forbidden()
      const s = await trx.selectFrom('complaintSupervision').selectAll().where('id', '=', supervisionId).where('itemId', '=', id).executeTakeFirst()
      if (!s) throw notFound('督办', supervisionId)
      if (s.respondedAt) throw conflict('该督办已回复')
      const now = clock.now().toISOString()
      await trx.updateTable('complaintSupervision').set({ respondedAt: now, response }).where('id', '=', supervisionId).execute()
      await repo.appendEvent(trx, {
        itemId: id,
        at: now,
        eventOn: today(),
        kind: 'supervision_response',
        unitId: item.handlingUnitId,
        actorId: ctx.actor.userId,
        actorName: ctx.actor.displayName,
        public: 0,
        note: response,
      })
      await audit.record(trx, ctx, {
        action: 'complaint.supervision.respond',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: item.itemNo,
        unitId: item.handlingUnitId,
        after: { supervisionId, response },
      })
    })
    return detail(ctx, id)
  }

  return { assign, recordFeedback, supervise, respondSupervision }
}

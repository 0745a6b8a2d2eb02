import { sql } from 'kysely'
import type { Ctx } from '../../core/actor'
import type { Executor } from '../../core/db/database'
import type { CoreDeps } from '../../core/deps'
import { notFound, unauthenticated } from '../../core/errors'
import { newId } from '../../core/ids'
import { offsetOf } from '../../core/pagination'
import { ROLES } from '../access'
import type { MessageTable } from './messages.tables'
import { MESSAGE_KIND_LABEL, type Message, type MessageKind, type MessageQuery, type NotifyInput, type Recipient } from './messages.schema'

/** Roles that carry a permission (the unit + permission address). */
function rolesWith(permission: string): string[] {
  return Object.entries(ROLES)
    .filter(([, r]) => (r.permissions as readonly string[]).includes(permission))
    .map(([code]) => code)
}

function present(r: MessageTable): Message {
  return {
    id: r.id,
    kind: r.kind as MessageKind,
    kindLabel: MESSAGE_KIND_LABEL[r.kind as MessageKind] ?? r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    matterType: r.matterType,
    matterId: r.matterId,
    createdAt: r.createdAt,
    readAt: r.readAt,
  }
}

/**
 * 消息中心: in-app messages for one user each. Modules send through `notify` inside their own
 * transaction (the message commits with the change that caused it); users read only their own.
 */
export function createMessagesService({ db, clock }: Pick<CoreDeps, 'db' | 'clock'>) {
  /**
   * The active users a unit + permission address reaches: a grant of a role carrying the
   * permission anchored at the unit or above it (本单位及下级), or at the unit itself (仅本单位), or
   * staff of the unit with such a role. City-wide ('all') grants are not "the unit's" staff and
   * are not messaged for every unit.
   */
  async function expand(exec: Executor, r: Recipient): Promise<string[]> {
    if ('userId' in r) return [r.userId]
    const roles = rolesWith(r.permission)
    if (roles.length === 0) return []
    const rows = await sql<{ id: string }>`
      select distinct u.id as id from app_user u
      join role_grant g on g.user_id = u.id and g.role in (${sql.join(roles)})
      join org_unit gu on gu.id = g.unit_id
      join org_unit h on h.id = ${r.unitId}
      where u.status = 'active' and (
        (g.scope = 'unit_tree' and h.path like gu.path || '%') or (g.scope = 'unit' and g.unit_id = h.id)
        or exists (select 1 from user_unit uu where uu.user_id = u.id and uu.unit_id = h.id))
      order by u.id limit 500`.execute(exec)
    return rows.rows.map((x) => x.id)
  }

  /** Sends a message; returns how many users it reached (a repeated `dedupeKey` reaches nobody again). */
  async function notify(exec: Executor, input: NotifyInput): Promise<number> {
    const to = Array.isArray(input.to) ? input.to : [input.to]
    const ids = new Set<string>()
    for (const r of to) for (const id of await expand(exec, r)) ids.add(id)
    if (input.exceptUserId) ids.delete(input.exceptUserId)
    if (ids.size === 0) return 0
    const now = clock.now().toISOString()
    let n = 0
    for (const recipientId of [...ids].sort()) {
      const row: MessageTable = {
        id: newId(),
        recipientId,
        kind: input.kind,
        title: input.title.slice(0, 200),
        body: input.body?.slice(0, 1000) ?? null,
        link: input.link ?? null,
        matterType: input.matterType ?? null,
        matterId: input.matterId ?? null,
        permission: input.permission ?? null,
        dedupeKey: input.dedupeKey ?? null,
        createdAt: now,
        readAt: null,
      }
      const res = await exec
        .insertInto('message')
        .values(row)
        .onConflict((oc) => oc.columns(['recipientId', 'dedupeKey']).doNothing())
        .executeTakeFirst()
      n += Number(res.numInsertedOrUpdatedRows ?? 0)
    }
    return n
  }

  function me(ctx: Ctx): string {
    if (!ctx.actor.userId) throw unauthenticated()
    return ctx.actor.userId
  }
  /** The actor's messages whose record they may still read. */
  function mine(ctx: Ctx) {
    const perms = ctx.actor.kind === 'system' ? null : [...ctx.actor.scopes.keys()]
    let q = db.selectFrom('message').where('recipientId', '=', me(ctx))
    if (perms) q = q.where((eb) => (perms.length ? eb.or([eb('permission', 'is', null), eb('permission', 'in', perms)]) : eb('permission', 'is', null)))
    return q
  }

  async function unreadCount(ctx: Ctx): Promise<{ unread: number }> {
    const r = await mine(ctx)
      .where('readAt', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return { unread: Number(r.n) }
  }

  async function list(ctx: Ctx, q: MessageQuery) {
    let b = mine(ctx)
    if (q.unread === '1') b = b.where('readAt', 'is', null)
    if (q.unread === '0') b = b.where('readAt', 'is not', null)
    const [rows, n, u] = await Promise.all([
      b.selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      unreadCount(ctx),
    ])
    return { items: rows.map(present), total: Number(n.n), page: q.page, pageSize: q.pageSize, unread: u.unread }
  }

  /** @throws NOT_FOUND for a message that is not the actor's. */
  async function markRead(ctx: Ctx, id: string): Promise<Message> {
    const r = await mine(ctx).selectAll().where('id', '=', id).executeTakeFirst()
    if (!r) throw notFound('消息', id)
    if (!r.readAt) {
      const now = clock.now().toISOString()
      await db.updateTable('message').set({ readAt: now }).where('id', '=', id).where('readAt', 'is', null).execute()
      r.readAt = now
    }
    return present(r)
  }

  async function readAll(ctx: Ctx): Promise<{ updated: number }> {
    const now = clock.now().toISOString()
    const r = await db.updateTable('message').set({ readAt: now }).where('recipientId', '=', me(ctx)).where('readAt', 'is', null).executeTakeFirst()
    return { updated: Number(r.numUpdatedRows) }
  }

  /**
   * A background job ended: its owner hears of it (the job runner calls this). `link` is where the
   * result is (the task centre by default).
   */
  async function notifyJobFinished(
    job: { id: string; kind?: string; title?: string | null; createdBy: string | null; status: string; link?: string | null; error?: string | null },
    exec: Executor = db,
  ): Promise<number> {
    if (!job.createdBy) return 0
    const ok = job.status === 'done' || job.status === 'succeeded' || job.status === 'completed'
    const what = job.title ?? job.kind ?? '后台任务'
    return notify(exec, {
      to: { userId: job.createdBy },
      kind: 'job_finished',
      title: `${what}${ok ? '已完成' : job.status === 'cancelled' ? '已取消' : '未完成'}`,
      body: ok ? null : (job.error ?? null),
      link: job.link ?? '/tasks',
      matterType: 'job',
      matterId: job.id,
      dedupeKey: `job:${job.id}:${job.status}`,
    })
  }

  return { notify, list, unreadCount, markRead, readAll, notifyJobFinished }
}
export type MessagesService = ReturnType<typeof createMessagesService>

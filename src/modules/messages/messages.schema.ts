import { z } from 'zod'
import { PageQuery, pageResponse } from '../../core/pagination'

export const MESSAGE_KINDS = ['assignment', 'dispatch', 'supervision', 'due_soon', 'overdue', 'job_finished'] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]
export const MESSAGE_KIND_LABEL: Record<MessageKind, string> = {
  assignment: '指派承办',
  dispatch: '分送',
  supervision: '督办',
  due_soon: '即将到期',
  overdue: '已超期',
  job_finished: '任务完成',
}

export const Message = z
  .object({
    id: z.string(),
    kind: z.enum(MESSAGE_KINDS),
    kindLabel: z.string(),
    title: z.string(),
    body: z.string().nullable(),
    link: z.string().nullable(),
    matterType: z.string().nullable(),
    matterId: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Message' })
export type Message = z.infer<typeof Message>
export const MessagePage = pageResponse(Message).extend({ unread: z.number().int() })

export const MessageQuery = PageQuery.extend({
  unread: z.enum(['1', '0']).optional().describe('1 = 只看未读'),
})
export type MessageQuery = z.infer<typeof MessageQuery>

/** A message's addressee: one user, or the users of a unit holding a permission there. */
export type Recipient = { userId: string } | { unitId: string; permission: string }

/** What a module sends. */
export interface NotifyInput {
  to: Recipient | Recipient[]
  kind: MessageKind
  title: string
  body?: string | null
  link?: string | null
  matterType?: string | null
  matterId?: string | null
  /** Permission needed to read the linked record (hidden from a recipient who no longer holds it). */
  permission?: string | null
  /** Delivered once per recipient and key (scheduled notices). */
  dedupeKey?: string | null
  /** Never sent to this user (the actor who caused it). */
  exceptUserId?: string | null
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { Message, MessagePage, MessageQuery } from './messages.schema'
import type { MessagesService } from './messages.service'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })

export function messagesRoutes(messages: MessagesService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['消息中心']
    app.get(
      '/my/messages',
      { schema: { operationId: 'myMessages', tags, summary: '我的消息（新的在前）', querystring: MessageQuery, response: { 200: MessagePage } } },
      (req) => messages.list(req.ctx, req.query),
    )
    app.get(
      '/my/messages/unread-count',
      { schema: { operationId: 'myUnreadCount', tags, summary: '未读消息数', response: { 200: z.object({ unread: z.number().int() }) } } },
      (req) => messages.unreadCount(req.ctx),
    )
    app.post(
      '/my/messages/:id/read',
      { schema: { operationId: 'readMessage', tags, summary: '标为已读', params: IdParams, response: { 200: Message } } },
      (req) => messages.markRead(req.ctx, req.params.id),
    )
    app.post(
      '/my/messages/read-all',
      { schema: { operationId: 'readAllMessages', tags, summary: '全部标为已读', response: { 200: z.object({ updated: z.number().int() }) } } },
      (req) => messages.readAll(req.ctx),
    )
  }
}

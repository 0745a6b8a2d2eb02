import { defineModule } from '../../core/module'
import { messagesWeb } from '../../shared/messages/menu'
import { messagesRoutes } from './messages.routes'
import type { MessagesService } from './messages.service'

/** 消息中心: in-app messages and the bell's unread count. */
export function messagesManifest(messages: MessagesService) {
  return defineModule({ name: 'messages', label: '消息中心', routes: [{ prefixes: ['/my/messages'], plugin: messagesRoutes(messages) }], web: messagesWeb })
}

import './messages.tables'
export { createMessagesService, type MessagesService } from './messages.service'
export { messagesRoutes } from './messages.routes'
export { MESSAGE_KINDS, MESSAGE_KIND_LABEL, type MessageKind, type NotifyInput, type Recipient } from './messages.schema'

import { defineWebModule } from '../kernel/menu'

/** 消息中心. */
export const messagesWeb = defineWebModule({
  module: 'messages',
  routes: [{ path: 'messages', page: 'Messages' }],
  menu: [{ key: 'messages.inbox', path: '/messages', label: '消息中心', icon: 'MessageOutlined', group: 'home', order: 20 }],
})

import { defineWebModule } from '../kernel/menu'

/** Users, grants and API tokens. */
export const accessWeb = defineWebModule({
  module: 'access',
  routes: [
    { path: 'users', page: 'Users', permission: 'user.read' },
    { path: 'tokens', page: 'Tokens', permission: 'token.manage' },
  ],
  menu: [
    { key: 'access.users', path: '/users', label: '用户管理', icon: 'TeamOutlined', permission: 'user.read', group: 'accounts', order: 20 },
    { key: 'access.tokens', path: '/tokens', label: '接口令牌', icon: 'KeyOutlined', permission: 'token.manage', group: 'accounts', order: 30 },
  ],
})

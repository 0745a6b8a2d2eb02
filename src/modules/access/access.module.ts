import type { Config } from '../../core/config'
import { defineModule } from '../../core/module'
import { accessWeb } from '../../shared/access/menu'
import { authRoutes, userRoutes } from './access.routes'
import type { AuthService } from './auth.service'
import type { UserService } from './user.service'

/** Sign-in, sessions, users, grants, roles and API tokens. */
export function accessManifest(deps: { auth: AuthService; users: UserService; config: Config }) {
  return defineModule({
    name: 'access',
    label: '账号与权限',
    permissions: ['user.read', 'user.manage', 'token.manage', 'personal_data.view'],
    routes: [
      { prefixes: ['/auth'], plugin: authRoutes(deps.auth, deps.users, deps.config) },
      { prefixes: ['/users', '/roles', '/tokens'], plugin: userRoutes(deps.users, deps.auth) },
    ],
    web: accessWeb,
  })
}

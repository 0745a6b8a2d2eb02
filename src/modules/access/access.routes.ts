import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../core/config'
import {
  ChangePasswordBody,
  CreatedUser,
  CreateTokenBody,
  CreateUserBody,
  LoginBody,
  Me,
  RoleOut,
  SetGrantsBody,
  TokenOut,
  UpdateUserBody,
  User,
  UserPage,
  UserQuery,
} from './access.schema'
import { SESSION_COOKIE, type AuthService } from './auth.service'
import type { UserService } from './user.service'

const IdParams = z.object({ id: z.string().uuid('用户 ID 无效') })
const Ok = z.object({ ok: z.literal(true) })

export function authRoutes(auth: AuthService, users: UserService, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['登录与会话']
    app.post(
      '/auth/login',
      {
        config: { public: true, rateLimit: { max: config.rateLimit.loginPerMinute, timeWindow: 60_000 } },
        schema: { operationId: 'login', tags, summary: '用户名密码登录，设置会话 Cookie', security: [], body: LoginBody, response: { 200: Me } },
      },
      async (req, reply) => {
        const r = await auth.login(req.body.username, req.body.password, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: req.id })
        reply.setCookie(SESSION_COOKIE, r.sessionToken, {
          // Secure whenever the login came over HTTPS (directly, or via a trusted proxy that says so).
          httpOnly: true,
          sameSite: 'strict',
          secure: config.session.cookieSecure || req.protocol === 'https',
          path: '/',
          expires: new Date(r.expiresAt),
        })
        const resolved = await auth.authenticate({}, r.sessionToken)
        const ctx = { actor: resolved!.actor, requestId: req.id, ip: req.ip }
        return { ...(await users.me(ctx)), csrfToken: r.csrfToken, via: 'session' as const }
      },
    )
    app.post('/auth/logout', { schema: { operationId: 'logout', tags, response: { 200: Ok } } }, async (req, reply) => {
      await auth.logout(req.ctx)
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return { ok: true as const }
    })
    app.get('/auth/me', { schema: { operationId: 'me', tags, summary: '当前用户、权限与 CSRF 令牌', response: { 200: Me } } }, async (req) => {
      const again = await auth.authenticate({ authorization: req.headers.authorization }, req.cookies[SESSION_COOKIE])
      return { ...(await users.me(req.ctx)), csrfToken: again?.csrfToken ?? null, via: again?.via ?? 'session' }
    })
    app.post('/auth/password', { schema: { operationId: 'changePassword', tags, body: ChangePasswordBody, response: { 200: Ok } } }, async (req) => {
      await auth.changePassword(req.ctx, req.body.oldPassword, req.body.newPassword)
      return { ok: true as const }
    })
  }
}

export function userRoutes(users: UserService, auth: AuthService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['用户与授权']
    app.get('/users', { schema: { operationId: 'listUsers', tags, querystring: UserQuery, response: { 200: UserPage } } }, (req) =>
      users.listUsers(req.ctx, req.query),
    )
    app.get(
      '/users/:id',
      {
        schema: {
          operationId: 'getUser',
          tags,
          params: IdParams,
          querystring: z.object({ reveal: z.enum(['0', '1']).optional().describe('1 = 查看联系方式明文（需权限，留痕）') }),
          response: { 200: User },
        },
      },
      (req) => users.getUser(req.ctx, req.params.id, req.query.reveal === '1'),
    )
    app.post('/users', { schema: { operationId: 'createUser', tags, body: CreateUserBody, response: { 201: CreatedUser } } }, async (req, reply) =>
      reply.code(201).send(await users.createUser(req.ctx, req.body)),
    )
    app.patch('/users/:id', { schema: { operationId: 'updateUser', tags, params: IdParams, body: UpdateUserBody, response: { 200: User } } }, (req) =>
      users.updateUser(req.ctx, req.params.id, req.body),
    )
    app.post('/users/:id/disable', { schema: { operationId: 'disableUser', tags, params: IdParams, response: { 200: User } } }, (req) =>
      users.setStatus(req.ctx, req.params.id, 'disabled'),
    )
    app.post('/users/:id/enable', { schema: { operationId: 'enableUser', tags, params: IdParams, response: { 200: User } } }, (req) =>
      users.setStatus(req.ctx, req.params.id, 'active'),
    )
    app.post('/users/:id/unlock', { schema: { operationId: 'unlockUser', tags, params: IdParams, response: { 200: User } } }, (req) =>
      users.unlock(req.ctx, req.params.id),
    )
    app.post('/users/:id/reset-password', { schema: { operationId: 'resetPassword', tags, params: IdParams, response: { 200: CreatedUser } } }, (req) =>
      users.resetPassword(req.ctx, req.params.id),
    )
    app.put('/users/:id/grants', { schema: { operationId: 'setGrants', tags, params: IdParams, body: SetGrantsBody, response: { 200: User } } }, (req) =>
      users.setGrants(req.ctx, req.params.id, req.body.grants),
    )
    app.get('/roles', { schema: { operationId: 'listRoles', tags, response: { 200: z.object({ items: z.array(RoleOut) }) } } }, async () => ({
      items: auth.rolesCatalogue(),
    }))
    app.get(
      '/tokens',
      { schema: { operationId: 'listTokens', tags: ['接口令牌'], response: { 200: z.object({ items: z.array(TokenOut) }) } } },
      async (req) => ({ items: await auth.listTokens(req.ctx) }),
    )
    app.post(
      '/tokens',
      {
        schema: {
          operationId: 'createToken',
          tags: ['接口令牌'],
          body: CreateTokenBody,
          response: { 201: z.object({ id: z.string(), token: z.string().describe('令牌明文，仅返回这一次') }) },
        },
      },
      async (req, reply) => reply.code(201).send(await auth.createToken(req.ctx, req.body)),
    )
    app.post(
      '/tokens/:id/revoke',
      { schema: { operationId: 'revokeToken', tags: ['接口令牌'], params: z.object({ id: z.string().uuid() }), response: { 200: Ok } } },
      async (req) => {
        await auth.revokeToken(req.ctx, req.params.id)
        return { ok: true as const }
      },
    )
  }
}

import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Actor, Ctx } from '../actor'
import type { Config } from '../config'
import { AppError, unauthenticated } from '../errors'
import { newId } from '../ids'
import { staticSecurityHeaders } from './security-headers'
import { registerErrorHandler } from './error-handler'

declare module 'fastify' {
  interface FastifyRequest {
    /** Actor + request facts; set for every authenticated request. */
    ctx: Ctx
  }
  interface FastifyContextConfig {
    /** Route needs no session (only /api/public/*, health, docs, login). */
    public?: boolean
  }
}

export type App = FastifyInstance

/** What authentication resolves from a request: the actor and, for cookie sessions, the CSRF token. */
export interface Authenticated {
  actor: Actor
  via: 'session' | 'token'
  csrfToken?: string
}

export interface HttpOptions {
  config: Config
  /** Resolves a session cookie or bearer token to an actor; null when absent or invalid. */
  authenticate(request: FastifyRequest): Promise<Authenticated | null>
  /** Registers the modules' routes under /api. */
  routes(app: FastifyInstance): Promise<void>
  logger?: boolean | object
}

// Validation messages reach users (STYLE §15): zod's built-in ones in zh-CN, not English.
z.config(z.locales.zhCN())

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/

/** Builds the Fastify app: never listens. The server, the CLI and the tests share it. */
const API_DESCRIPTION = [
  '市场监督管理综合平台接口。除 /api/public/* 外均需登录会话或接口令牌。',
  '',
  '认证方式（二选一）：',
  '1. 会话：调用 POST /api/auth/login（用户名、密码），服务器设置会话 Cookie（jg_session），响应中含 csrfToken。此后读操作自动携带 Cookie；写操作（POST、PUT、PATCH、DELETE）还须在请求头 X-CSRF-Token 中携带该 csrfToken（也可由 GET /api/auth/me 取得）。在本页面登录后，写操作会自动填入 X-CSRF-Token。',
  '2. 接口令牌：请求头 Authorization: Bearer <令牌>（点击 Authorize 填入 bearer），无需 Cookie 与 X-CSRF-Token。',
].join('\n')

/**
 * Runs in the docs page (Swagger UI serialises the function's source): a write sent with the
 * session cookie gets the session's CSRF token from /api/auth/me, unless the caller set the
 * header or uses a bearer token. Built with `new Function` so no build tool rewrites its source.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- deliberate, see above
export const DOCS_CSRF_INTERCEPTOR = new Function(
  'req',
  `
  var m = String(req.method || 'GET').toUpperCase();
  var h = req.headers || (req.headers = {});
  if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS' || h['X-CSRF-Token'] || h.Authorization || /\\/api\\/auth\\/login(\\?|$)/.test(req.url)) return req;
  return fetch('/api/auth/me', { credentials: 'same-origin' })
    .then(function (r) { return r.ok ? r.json() : null })
    .then(function (me) { if (me && me.csrfToken) h['X-CSRF-Token'] = me.csrfToken; return req })
    .catch(function () { return req });
`,
) as (req: { url: string; method?: string; headers?: Record<string, string> }) => unknown

export async function createHttp(opts: HttpOptions): Promise<FastifyInstance> {
  const { config } = opts
  const app = Fastify({
    logger: opts.logger ?? (config.log.level === 'silent' ? false : { level: config.log.level, redact: ['req.headers.cookie', 'req.headers.authorization'] }),
    trustProxy: config.http.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      // A caller's request id is only trusted from our own reverse proxy; otherwise anyone could
      // plant ids in the audit trail.
      const h = req.headers['x-request-id']
      return config.http.trustProxy && typeof h === 'string' && REQUEST_ID.test(h) ? h : newId()
    },
    routerOptions: { maxParamLength: 200 },
    // Router-level failures (a malformed URL, a bad content type) answer in the one error shape too.
    frameworkErrors: (_error, _req, reply) => {
      void (reply as unknown as { code(n: number): { send(b: unknown): unknown } })
        .code(400)
        .send({ error: { code: 'VALIDATION', message: '请求地址或格式无效' } })
    },
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  registerErrorHandler(app)

  await app.register(cookie)
  const securityHeaders = staticSecurityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects component styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.session.cookieSecure,
    crossOriginEmbedderPolicy: false,
  })
  // HSTS on every response to a request that came over HTTPS (request.protocol: the TLS socket, or
  // X-Forwarded-Proto from a proxy trusted through TRUST_PROXY), not only when COOKIE_SECURE is set.
  const HSTS = 'max-age=31536000; includeSubDomains'
  await app.register(rateLimit, { global: false })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '监管平台 Jianguan API', version: '0.1.0', description: API_DESCRIPTION },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'jg_session',
            description: '登录会话 Cookie：POST /api/auth/login 成功后由服务器设置（HttpOnly），浏览器随后自动携带。',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'X-CSRF-Token',
            description: '会话方式的写操作（POST、PUT、PATCH、DELETE）必须携带：取登录响应或 GET /api/auth/me 中的 csrfToken。本文档页面会自动填入。',
          },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: '接口令牌（在“接口令牌”页面创建）：Authorization: Bearer <令牌>，无需 Cookie 与 X-CSRF-Token。',
          },
        },
      },
      // Either the session cookie together with the CSRF header, or a bearer token.
      security: [{ session: [], csrf: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  })
  // No staticCSP of its own: swagger-ui's adds upgrade-insecure-requests and https: sources, which
  // break the page opened at a LAN address over plain HTTP. The app's CSP above serves it well
  // (its scripts and styles are files; no validator badge).
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', validatorUrl: null, requestInterceptor: DOCS_CSRF_INTERCEPTOR as never },
  })

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(securityHeaders)
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS)
    reply.header('x-request-id', request.id)
    reply.header('cache-control', 'no-store')
    // Decide by the matched route, never the raw URL: the router decodes percent-escapes, so
    // '/%61pi/users' reaches the '/api/users' route although its URL does not start with '/api/'.
    const route = request.routeOptions.url ?? ''
    if (request.is404 || !route.startsWith('/api/')) return
    const isPublic = request.routeOptions.config.public === true || route === '/api/docs' || route.startsWith('/api/docs/')
    if (isPublic) return
    const auth = await opts.authenticate(request)
    if (!auth) throw unauthenticated()
    if (auth.via === 'session' && UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token']
      if (typeof sent !== 'string' || sent !== auth.csrfToken) {
        throw new AppError('CSRF', '安全校验失败，请刷新页面后重试')
      }
    }
    request.ctx = { actor: auth.actor, requestId: request.id, ip: request.ip }
  })

  // A NUL character is never meaningful input, and PostgreSQL cannot store one in text (it fails
  // the statement: a 500 where SQLite would have stored it). Refused in every part of every request.
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['路径参数', request.params],
      ['查询参数', request.query],
      ['请求体', request.body],
    ] as const) {
      if (containsNul(value)) throw new AppError('VALIDATION', `${part}中含有空字符（\\0），请删除后重试`)
    }
  })

  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger())
      await opts.routes(api)
    },
    { prefix: '/api' },
  )

  const webRoot = resolve(config.webDist)
  const hasWeb = existsSync(resolve(webRoot, 'index.html'))
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] })
  }
  app.setNotFoundHandler((request, reply) => {
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      reply.header('cache-control', 'no-cache')
      return reply.sendFile('index.html')
    }
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` } })
  })
  return app
}

/** True when a string anywhere in a parsed JSON value (or a query/params object) holds U+0000. */
export function containsNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000')
  if (depth > 32 || v === null || typeof v !== 'object') return false
  if (Array.isArray(v)) return v.some((x) => containsNul(x, depth + 1))
  if (Buffer.isBuffer(v)) return false
  for (const [k, x] of Object.entries(v)) if (k.includes('\u0000') || containsNul(x, depth + 1)) return true
  return false
}

export type { ZodTypeProvider }

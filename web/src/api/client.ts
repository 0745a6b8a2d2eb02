/**
 * The one fetch wrapper of the web client.
 * - sends cookies (same origin) and, on unsafe methods, the X-CSRF-Token header;
 * - maps the server's `{ error: { code, message, details } }` body to an `ApiError` once;
 * - on 401 (session gone) calls the registered handler, which sends the user to the login page.
 */

export interface ErrorDetail {
  path: string
  message: string
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: ErrorDetail[]

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }
}

type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Do not redirect to the login page on 401 (login itself, the initial session probe). */
  noAuthRedirect?: boolean
  signal?: AbortSignal
}

let csrfToken: string | null = null
let onUnauthorized: (() => void) | null = null

export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue
    params.set(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

function toDetails(raw: unknown): ErrorDetail[] {
  if (!Array.isArray(raw)) return []
  return raw
    .filter((d): d is { path?: unknown; message?: unknown } => typeof d === 'object' && d !== null)
    .map((d) => ({ path: typeof d.path === 'string' ? d.path : '', message: typeof d.message === 'string' ? d.message : '' }))
    .filter((d) => d.message)
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    // not JSON (proxy error page, empty body)
  }
  const err = (body as { error?: unknown } | null)?.error
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; details?: unknown }
    return new ApiError(
      res.status,
      typeof e.code === 'string' ? e.code : 'ERROR',
      typeof e.message === 'string' && e.message ? e.message : fallbackMessage(res.status),
      toDetails(e.details),
    )
  }
  return new ApiError(res.status, 'HTTP_' + res.status, fallbackMessage(res.status))
}

function fallbackMessage(status: number): string {
  if (status === 401) return '登录已失效，请重新登录'
  if (status === 403) return '没有权限执行此操作'
  if (status === 404) return '请求的资源不存在'
  if (status === 413) return '提交的内容过大'
  if (status === 429) return '操作过于频繁，请稍后再试'
  if (status >= 500) return '服务器暂时无法处理请求，请稍后再试'
  return `请求失败（${status}）`
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试')
  }
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts)
  if (res.status === 403 && UNSAFE.has(method)) {
    // A stale CSRF token (the session was renewed in another tab): refresh it once and retry.
    const err = await toApiError(res.clone())
    if (err.code === 'CSRF') {
      const me = await fetch('/api/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      if (me.ok) {
        const body = (await me.json()) as { csrfToken?: string | null }
        csrfToken = body.csrfToken ?? null
        res = await send(method, path, opts)
      }
    }
  }
  if (!res.ok) {
    const err = await toApiError(res)
    if (res.status === 401 && !opts.noAuthRedirect) onUnauthorized?.()
    throw err
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query' | 'body'> = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('PUT', path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('PATCH', path, { ...opts, body: body ?? {} }),
  del: <T>(path: string, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('DELETE', path, opts),
}

/** The message to show for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error && e.message) return e.message
  return '操作失败，请稍后再试'
}

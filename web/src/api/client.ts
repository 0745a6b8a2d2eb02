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
  /** Extra request headers (e.g. the annual-report liaison's session header on the public pages). */
  headers?: Record<string, string>
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
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers }
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

/** Sends once; on a stale CSRF token (the session was renewed in another tab) refreshes it and sends again. */
async function withCsrfRetry(method: string, sendOnce: () => Promise<Response>): Promise<Response> {
  const res = await sendOnce()
  if (res.status === 403 && UNSAFE.has(method)) {
    const err = await toApiError(res.clone())
    if (err.code === 'CSRF') {
      const me = await fetch('/api/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      if (me.ok) {
        const body = (await me.json()) as { csrfToken?: string | null }
        csrfToken = body.csrfToken ?? null
        return sendOnce()
      }
    }
  }
  return res
}

async function finish<T>(res: Response, opts: { noAuthRedirect?: boolean }): Promise<T> {
  if (!res.ok) {
    const err = await toApiError(res)
    if (res.status === 401 && !opts.noAuthRedirect) onUnauthorized?.()
    throw err
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await withCsrfRetry(method, () => send(method, path, opts))
  return finish<T>(res, opts)
}

export interface UploadOptions {
  query?: Query
  /** Bytes sent so far and the total (0 when unknown). */
  onProgress?: (loaded: number, total: number) => void
  signal?: AbortSignal
}

/**
 * POSTs a multipart form (files) with the CSRF header. Uses XMLHttpRequest because fetch cannot
 * report upload progress; the browser sets the multipart content type and boundary itself.
 */
export async function upload<T>(path: string, form: FormData, opts: UploadOptions = {}): Promise<T> {
  const sendOnce = () =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open('POST', buildUrl(path, opts.query))
      xhr.setRequestHeader('Accept', 'application/json')
      if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
      xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded, e.lengthComputable ? e.total : 0)
      xhr.onload = () => {
        const nullBody = xhr.status === 204 || xhr.status === 205 || xhr.status === 304
        resolve(
          new Response(nullBody ? null : xhr.responseText, {
            status: xhr.status,
            headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? 'application/json' },
          }),
        )
      }
      xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试'))
      xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'))
      if (opts.signal?.aborted) {
        reject(new DOMException('上传已取消', 'AbortError'))
        return
      }
      opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true })
      xhr.send(form)
    })
  const res = await withCsrfRetry('POST', sendOnce)
  return finish<T>(res, {})
}

/** The file name of an attachment (RFC 6266 / 5987 `filename*` first). */
function attachmentName(header: string | null): string | null {
  if (!header) return null
  const star = /filename\*=(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/.exec(header)
  return plain?.[1] ?? null
}

/** Hands a blob to the browser as a file download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

export interface DownloadOptions {
  /** Bytes received so far (the server streams, so the total is unknown). */
  onProgress?: (received: number) => void
  signal?: AbortSignal
  /** Used when the response names no file. */
  fallbackName?: string
  /** Saves under this name whatever the response says. */
  fileName?: string
}

/**
 * Downloads a GET response (with the session cookie) and saves it as a file. Errors arrive as the
 * usual ApiError, not as a saved error page. Returns the saved name and size.
 */
export async function download(path: string, query?: Query, opts: DownloadOptions = {}): Promise<{ fileName: string; size: number }> {
  let res: Response
  try {
    res = await fetch(buildUrl(path, query), { credentials: 'same-origin', signal: opts.signal })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试')
  }
  if (!res.ok) return finish(res, {})
  const fileName = opts.fileName ?? attachmentName(res.headers.get('Content-Disposition')) ?? opts.fallbackName ?? 'download'
  const type = res.headers.get('Content-Type') ?? 'application/octet-stream'
  const chunks: BlobPart[] = []
  let received = 0
  const reader = res.body?.getReader()
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      received += value.byteLength
      opts.onProgress?.(received)
    }
  } else {
    const b = await res.blob()
    chunks.push(b)
    received = b.size
  }
  saveBlob(new Blob(chunks, { type }), fileName)
  return { fileName, size: received }
}

export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query' | 'body'> = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('PUT', path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('PATCH', path, { ...opts, body: body ?? {} }),
  del: <T>(path: string, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('DELETE', path, opts),
  upload,
  download,
}

/** The message to show for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error && e.message) return e.message
  return '操作失败，请稍后再试'
}

/** Stable error codes. The HTTP layer maps each to one body shape: { error: { code, message, details? } }. */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ILLEGAL_TRANSITION'
  | 'LOCKED'
  | 'CSRF'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'CALENDAR_YEAR_MISSING'
  | 'INTERNAL'

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  LOCKED: 423,
  CSRF: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  CALENDAR_YEAR_MISSING: 422,
  INTERNAL: 500,
}

/** The one application error. `message` is zh-CN and written for the user. */
export class AppError extends Error {
  readonly status: number
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    status?: number,
  ) {
    super(message)
    this.name = 'AppError'
    this.status = status ?? STATUS[code]
  }
}

export const validation = (message: string, details?: unknown) => new AppError('VALIDATION', message, details)
export const unauthenticated = (message = '请先登录') => new AppError('UNAUTHENTICATED', message)
export const forbidden = (message = '没有权限执行此操作') => new AppError('FORBIDDEN', message)
export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what}“${id}”不存在`)
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, details)

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}

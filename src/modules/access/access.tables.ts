export interface AppUserTable {
  id: string
  username: string
  displayName: string
  passwordHash: string | null
  status: string
  mustChangePassword: number
  failedLogins: number
  lockedUntil: string | null
  passwordChangedAt: string | null
  lastLoginAt: string | null
  phone: string | null
  email: string | null
  /** Administrative enforcement certificate number (执法证号), required for inspectors. */
  certNo: string | null
  isDemo: number
  version: number
  createdAt: string
  updatedAt: string
}
export interface UserUnitTable {
  userId: string
  unitId: string
  isPrimary: number
}
export interface RoleGrantTable {
  id: string
  userId: string
  role: string
  unitId: string
  scope: string
  createdAt: string
}
export interface SessionTable {
  idHash: string
  userId: string
  csrfToken: string
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  revokedAt: string | null
  ip: string | null
  userAgent: string | null
}
export interface ApiTokenTable {
  id: string
  name: string
  prefix: string
  tokenHash: string
  userId: string
  permissions: string
  expiresAt: string | null
  revokedAt: string | null
  lastUsedAt: string | null
  createdBy: string
  createdAt: string
}

/** Failed logins for usernames without an account (so the lockout answers alike for both). */
export interface LoginFailureTable {
  username: string
  failedLogins: number
  lockedUntil: string | null
  lastFailedAt: string
}

declare module '../../core/db/types' {
  interface Database {
    loginFailure: LoginFailureTable
    appUser: AppUserTable
    userUnit: UserUnitTable
    roleGrant: RoleGrantTable
    session: SessionTable
    apiToken: ApiTokenTable
  }
}

import { z } from 'zod'
import { PageQuery, pageResponse } from '../../core/pagination'
import { CertNo, DisplayName, UserEmail, Username, UserPhone } from '../../shared/access/schema'
import { PASSWORD_MAX, ROLE_CODES } from './access.domain'

export { Username }
const Password = z.string().min(1, '请输入密码').max(PASSWORD_MAX, `密码最多 ${PASSWORD_MAX} 位`)
const Phone = UserPhone
const Uuid = (what: string) => z.string().uuid(`${what} ID 无效`)

export const Grant = z
  .object({
    role: z.enum(ROLE_CODES),
    unitId: Uuid('机构'),
    scope: z.enum(['all', 'unit_tree', 'unit', 'self']),
  })
  .meta({ id: 'Grant' })
export type Grant = z.infer<typeof Grant>

export const GrantOut = Grant.extend({ id: z.string(), roleLabel: z.string(), unitName: z.string(), scopeLabel: z.string() }).meta({ id: 'GrantOut' })

export const User = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    status: z.enum(['active', 'disabled']),
    locked: z.boolean(),
    mustChangePassword: z.boolean(),
    phone: z.string().nullable().describe('默认脱敏；有权限者以 reveal=1 查看明文（留痕）'),
    email: z.string().nullable(),
    certNo: z.string().nullable(),
    isDemo: z.boolean(),
    units: z.array(z.object({ id: z.string(), name: z.string(), isPrimary: z.boolean() })),
    grants: z.array(GrantOut),
    lastLoginAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'User' })
export type User = z.infer<typeof User>

export const UserPage = pageResponse(User).meta({ id: 'UserPage' })

export const UserQuery = PageQuery.extend({
  q: z.string().trim().max(64).optional().describe('用户名或姓名片段'),
  unitId: Uuid('机构').optional(),
  status: z.enum(['active', 'disabled']).optional(),
  role: z.enum(ROLE_CODES).optional(),
})

export const CreateUserBody = z
  .object({
    username: Username,
    displayName: DisplayName,
    unitIds: z.array(Uuid('机构')).min(1, '至少选择一个所属机构').max(20),
    phone: Phone.nullable().optional(),
    email: UserEmail.nullable().optional(),
    certNo: CertNo.nullable().optional(),
    password: Password.optional().describe('不填则生成一次性初始密码'),
    grants: z.array(Grant).max(50).optional(),
  })
  .meta({ id: 'CreateUserBody' })
export type CreateUser = z.infer<typeof CreateUserBody>

export const UpdateUserBody = z
  .object({
    expectedVersion: z.number().int().min(1),
    displayName: DisplayName.optional(),
    unitIds: z.array(Uuid('机构')).min(1).max(20).optional(),
    phone: Phone.nullable().optional(),
    email: UserEmail.nullable().optional(),
    certNo: CertNo.nullable().optional(),
  })
  .meta({ id: 'UpdateUserBody' })
export type UpdateUser = z.infer<typeof UpdateUserBody>

export const SetGrantsBody = z.object({ grants: z.array(Grant).max(50) }).meta({ id: 'SetGrantsBody' })

export const CreatedUser = z.object({ user: User, initialPassword: z.string().nullable().describe('一次性初始密码，仅返回这一次') }).meta({ id: 'CreatedUser' })

export const LoginBody = z.object({ username: z.string().trim().toLowerCase().min(1, '请输入用户名').max(64), password: Password }).meta({ id: 'LoginBody' })

export const Me = z
  .object({
    user: z.object({
      id: z.string(),
      username: z.string(),
      displayName: z.string(),
      mustChangePassword: z.boolean(),
      isDemo: z.boolean(),
      primaryUnitId: z.string().nullable(),
      primaryUnitName: z.string().nullable(),
    }),
    permissions: z.array(z.string()),
    roles: z.array(z.object({ role: z.string(), label: z.string(), unitName: z.string(), scope: z.string() })),
    csrfToken: z.string().nullable(),
    via: z.enum(['session', 'token']),
  })
  .meta({ id: 'Me' })

export const ChangePasswordBody = z.object({ oldPassword: Password, newPassword: Password }).meta({ id: 'ChangePasswordBody' })

export const RoleOut = z
  .object({
    code: z.enum(ROLE_CODES),
    label: z.string(),
    permissions: z.array(z.object({ code: z.string(), label: z.string() })),
    requiresCertificate: z.boolean(),
  })
  .meta({ id: 'Role' })

export const CreateTokenBody = z
  .object({
    name: z.string().trim().min(2).max(64),
    userId: Uuid('用户'),
    permissions: z.array(z.string().max(64)).min(1).max(100),
    expiresInDays: z.number().int().min(1).max(3650).nullable().default(365),
  })
  .meta({ id: 'CreateTokenBody' })
export type CreateToken = z.infer<typeof CreateTokenBody>

export const TokenOut = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    userId: z.string(),
    username: z.string(),
    permissions: z.array(z.string()),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ApiToken' })

/** Input schemas of user accounts, shared by the server (access.schema.ts) and the web's user form. */
import { z } from 'zod'

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为 3–32 位小写字母、数字、下划线、点或连字符，以字母开头')
export const DisplayName = z.string().trim().min(2, '姓名至少 2 个字').max(32, '姓名最多 32 个字')
export const UserPhone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确')
export const UserEmail = z.string().trim().email('邮箱格式不正确').max(128, '邮箱最多 128 个字符')
/** 执法证号: required when an inspector role is granted (checked by the server). */
export const CertNo = z.string().trim().max(32, '执法证号最多 32 个字符')

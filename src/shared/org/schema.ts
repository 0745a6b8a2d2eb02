/** Input schemas of org units, shared by the server (org.schema.ts) and the web's unit form. */
import { z } from 'zod'
import { UNIT_KINDS } from './vocabulary'

export const DivisionCode = z
  .string()
  .trim()
  .regex(/^\d{6}(\d{3}){0,2}$/, '行政区划代码应为 6、9 或 12 位数字')

/** The editable fields of an org unit. */
export const UnitFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, '机构编码只能包含字母、数字、下划线和连字符，最长 32 位'),
  name: z.string().trim().min(2, '机构名称至少 2 个字').max(64, '机构名称最多 64 个字'),
  shortName: z.string().trim().max(32, '简称最多 32 个字').nullable().optional(),
  kind: z.enum(UNIT_KINDS),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  address: z.string().trim().max(200, '地址最多 200 个字').nullable().optional(),
  phone: z.string().trim().max(40, '联系电话最多 40 个字符').nullable().optional(),
  divisionCodes: z.array(DivisionCode).max(500).optional(),
}

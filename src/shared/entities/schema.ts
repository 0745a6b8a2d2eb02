/**
 * Input schemas of the market-entity register shared by the server (entities.schema.ts) and the
 * web's entity form: bounds, patterns and zh-CN messages live here once.
 */
import { z } from 'zod'
import { ENTITY_STATUSES, ENTITY_TAGS, RISK_CLASSES } from './vocabulary'

const STATUS = Object.keys(ENTITY_STATUSES) as [keyof typeof ENTITY_STATUSES, ...(keyof typeof ENTITY_STATUSES)[]]
const TAGS = Object.keys(ENTITY_TAGS) as [keyof typeof ENTITY_TAGS, ...(keyof typeof ENTITY_TAGS)[]]

export const EntityDivision = z
  .string()
  .trim()
  .regex(/^\d{6}(\d{3})?$/, '行政区划代码应为 6 位或 9 位数字')
export const EntityName = z
  .string()
  .trim()
  .min(2, '名称为 2–100 个字')
  .max(100, '名称为 2–100 个字')
  .refine((s) => !/[<>]/.test(s), '名称不能包含 < 或 >')
export const IndustryCode = z
  .string()
  .trim()
  .regex(/^[A-T](\d{2,4})?$/i, '行业代码为门类字母加 2–4 位数字，如 H6241')
export const RegNo = z
  .string()
  .trim()
  .regex(/^\d{15}$/, '注册号应为 15 位数字')

const optText = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`).nullable().optional()

/** The fields a register clerk may edit (the registration date is added by the server: its bounds are the server's). */
export const EntityFields = {
  name: EntityName.optional(),
  entityType: optText(50),
  legalRep: optText(50),
  domicile: optText(200),
  domicileDivision: EntityDivision.nullable().optional(),
  businessAddress: optText(200),
  businessDivision: EntityDivision.nullable().optional(),
  industryCode: IndustryCode.nullable().optional(),
  regAuthority: optText(100),
  status: z.enum(STATUS).optional(),
  riskClass: z.enum(RISK_CLASSES).nullable().optional(),
  tags: z.array(z.enum(TAGS)).max(20).optional(),
  platformName: optText(100),
}

/** Fields only a new entity has, and the reason of a change. */
export const EntityCreateFields = {
  uscc: z.string().trim().max(40, '最多 40 个字符').optional(),
  regNo: RegNo.optional(),
  checksumException: z.boolean().default(false).describe('早期试点代码不通过校验时，经确认后按例外登记（留痕）'),
  checksumExceptionReason: z.string().trim().min(5, '请说明例外理由（至少 5 个字）').max(500, '最多 500 个字').optional(),
}
export const ChangeReason = z.string().trim().max(500, '最多 500 个字').optional()

/**
 * Field builders of the case module's request bodies and workflow inputs (zod, zh-CN messages),
 * shared by case.workflow.ts, case.workflow.investigation.ts and the sub-record schemas. Pure.
 */
import { z } from 'zod'
import { CASE_LIMITS } from './vocabulary'

export const CASE_DAY_RE = /^\d{4}-\d{2}-\d{2}$/

export const labelled = <T extends z.ZodType>(schema: T, label: string): T => schema.describe(label)
export const text = (label: string, max: number = CASE_LIMITS.text) =>
  labelled(
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(1, `${label}不能为空`)
      .max(max, `${label}最多 ${max} 字`),
    label,
  )
export const optText = (label: string, max: number = CASE_LIMITS.text) => labelled(z.string().trim().max(max, `${label}最多 ${max} 字`).optional(), label)
/** A legal date (YYYY-MM-DD); the server checks it is not in the future nor before the case's earlier dates. */
export const caseDay = (label: string) =>
  labelled(
    z
      .string()
      .regex(CASE_DAY_RE, '日期格式应为 YYYY-MM-DD')
      .refine((s) => {
        const t = Date.parse(`${s}T00:00:00Z`)
        return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s
      }, '日期不存在')
      .optional(),
    `${label}（默认今天）`,
  )
/** An amount in fen: a non-negative integer below the typo guard. */
export const fen = (label: string) =>
  labelled(
    z
      .number({ error: `${label}应为数字（单位：分）` })
      .int(`${label}须为整数（单位：分）`)
      .min(0, `${label}不能为负数`)
      .max(CASE_LIMITS.amountMaxFen, `${label}超出合理范围，请核对`)
      .default(0),
    `${label}（分）`,
  )
export const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]

/**
 * Input fields of the case workflow's actions (shared by case.workflow.ts and the stage files that
 * spread their actions into it, e.g. case.workflow.decision.ts): labelled zod fields with zh-CN
 * messages, legal dates, amounts in fen and in yuan (元, two decimals, converted to fen here — the
 * one boundary where forms' yuan become storage's fen).
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
const realDay = (s: string) => {
  const t = Date.parse(`${s}T00:00:00Z`)
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s
}
/** A legal date (YYYY-MM-DD); the server checks it is not in the future nor before the case's earlier dates. */
export const caseDay = (label: string) =>
  labelled(z.string().regex(CASE_DAY_RE, '日期格式应为 YYYY-MM-DD').refine(realDay, '日期不存在').optional(), `${label}（默认今天）`)
/** A required date that may lie ahead (a hearing's date, an instalment's due date). */
export const plannedDay = (label: string) =>
  labelled(
    z
      .string({ error: `请填写${label}` })
      .regex(CASE_DAY_RE, `${label}格式应为 YYYY-MM-DD`)
      .refine(realDay, `${label}不存在`),
    label,
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

/**
 * Yuan → fen, exactly (no floating point): "1,234.5" / 1234.5 → 123450. Undefined for anything that
 * is not a non-negative amount with at most two decimals.
 */
export function yuanToFen(v: string | number): number | undefined {
  const s = (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v).trim().replace(/,/g, '')
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return undefined
  const n = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return Number.isSafeInteger(n) ? n : undefined
}
/**
 * An amount entered in yuan (for a route's own body, parsed once; a workflow action's input is parsed
 * twice — by the route and by the records kernel — so actions take fen and their forms convert with
 * `yuanToFen`): 元, at most two decimals; a number or text such as "1,500.00"),
 * converted to fen for the server. Negative, over-precise, absurd or non-numeric input is refused in zh-CN.
 */
export const yuanAmount = (label: string, opts: { positive?: boolean } = {}) =>
  labelled(
    z.union([z.number(), z.string()], { error: `${label}应为金额（元）` }).transform((v, ctx) => {
      const s = String(v).trim()
      if (s.startsWith('-')) {
        ctx.addIssue({ code: 'custom', message: `${label}不能为负数` })
        return z.NEVER
      }
      const f = yuanToFen(v)
      if (f === undefined) {
        ctx.addIssue({ code: 'custom', message: `${label}应为金额（元），最多两位小数` })
        return z.NEVER
      }
      if (f > CASE_LIMITS.amountMaxFen) {
        ctx.addIssue({ code: 'custom', message: `${label}超出合理范围，请核对` })
        return z.NEVER
      }
      if (opts.positive && f <= 0) {
        ctx.addIssue({ code: 'custom', message: `${label}须大于 0` })
        return z.NEVER
      }
      return f
    }),
    `${label}（元）`,
  )
export const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]

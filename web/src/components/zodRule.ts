import type { z } from 'zod'

/** An antd Form rule (a RuleObject with a validator; typed here without antd, so server tests can import this file). */
export interface ZodFormRule {
  validator: (rule: unknown, value: unknown) => Promise<void>
}

/**
 * An antd Form rule that validates a field with the server's own zod schema (src/shared) and shows
 * its zh-CN message, so a form refuses exactly what the API refuses, in the same words. An empty
 * field ('' or only spaces, undefined, null) passes: whether it must be filled is the form's
 * `required` rule, which often depends on other fields (a consultation needs no respondent).
 */
export function zodRule(schema: z.ZodType): ZodFormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return
      const r = schema.safeParse(value)
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '格式不正确')
    },
  }
}

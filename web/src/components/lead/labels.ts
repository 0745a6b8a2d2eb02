/** Case leads (案源线索): shapes of GET /api/leads and the words the client shows. */
import type { components } from '../../api/openapi.gen'

/** Mirrored from src/modules/enforcement/enforcement.schema.ts (held equal by its web-mirror test). */
export const LEAD_SOURCE_LABEL = { complaint: '投诉', report: '举报', inspection: '双随机抽查', other: '其他' } as const
export const LEAD_STATE_LABEL = { new: '待核查', filed: '已立案', not_filed: '不予立案', transferred: '已移送' } as const
export const LEAD_DECISION_OPTIONS = [
  { value: 'filed', label: '立案' },
  { value: 'not_filed', label: '不予立案' },
  { value: 'transferred', label: '移送' },
] as const
export const LEAD_REASON_MAX = 2000

export type LeadSource = keyof typeof LEAD_SOURCE_LABEL
export type LeadState = keyof typeof LEAD_STATE_LABEL
export type LeadDecision = (typeof LEAD_DECISION_OPTIONS)[number]['value']

/** The server's own shape (openapi.gen.ts, generated from its zod schema). */
export type Lead = components['schemas']['CaseLead']


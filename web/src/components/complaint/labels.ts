/**
 * Options and colours of the 12315 vocabulary for forms and filters. The words are the server's
 * (src/shared/complaints/vocabulary.ts, imported by both); the server also sends labels with every
 * item (typeLabel, stateLabel, …). States, actions, final states and who may act come from the
 * declarations in src/shared/complaints/workflow.ts.
 */
import { ACTION_DEFS, ACTIONS, STATE_LABEL } from '../../../../src/shared/complaints/workflow'
import {
  ATTACHMENT_KIND_LABEL,
  ATTACHMENT_KINDS,
  CATEGORIES as CATEGORY_LABEL,
  CHANNEL_LABEL,
  CHANNELS,
  CLOCK_STATUS_LABEL,
  ID_TYPE_LABEL,
  ID_TYPES,
  ITEM_TYPE_LABEL,
  ITEM_TYPES,
  MEDIATION_OUTCOMES,
  NOTIFY_CHANNEL_LABEL,
  NOTIFY_CHANNELS,
  OUTCOME_LABEL,
  PARTY_ROLE_LABEL,
  PAUSE_KINDS,
  PRODUCT_CODES as PRODUCT_LABEL,
  QUEUE_CLOCK_LABEL,
  RESPONDENT_KIND_LABEL,
  type RESPONDENT_KINDS,
  type ClockStatus,
  type ItemType,
  type QueueClock,
} from '../../../../src/shared/complaints/vocabulary'
import type { Action, State } from './types'

import { LIMITS as SHARED_LIMITS } from '../../../../src/shared/complaints/schema'

export { CHANNEL_LABEL }
/** Category and product names by code (looked up with codes read from the API). */
export const CATEGORIES: Record<string, string> = CATEGORY_LABEL
export const PRODUCT_CODES: Record<string, string> = PRODUCT_LABEL
/** Input bounds of the server's schemas. */
export const LIMITS: { readonly [K in keyof typeof SHARED_LIMITS]: number } = SHARED_LIMITS

export const TYPE_LABEL = ITEM_TYPE_LABEL
export const TYPE_COLOR: Record<ItemType, string> = { complaint: 'blue', report: 'purple', consultation: 'cyan' }
export const TYPE_OPTIONS = ITEM_TYPES.map((value) => ({ value, label: ITEM_TYPE_LABEL[value] }))

export const CHANNEL_OPTIONS = CHANNELS.map((value) => ({ value, label: CHANNEL_LABEL[value] }))
/** Channels a staff member registers (web items come from the public portal only). */
export const INTAKE_CHANNEL_OPTIONS = CHANNEL_OPTIONS.filter((o) => o.value !== 'web')

export const CATEGORY_OPTIONS = Object.entries(CATEGORIES).map(([value, label]) => ({ value, label }))

/** Product classification as a two-level tree for a TreeSelect (searchable by code or name). */
export const PRODUCT_TREE = Object.entries(PRODUCT_CODES)
  .filter(([code]) => code.length === 2)
  .map(([code, label]) => {
    const children = Object.entries(PRODUCT_CODES)
      .filter(([c]) => c.length === 4 && c.startsWith(code))
      .map(([c, l]) => ({ value: c, title: `${c} ${l}` }))
    return { value: code, title: `${code} ${label}`, children: children.length ? children : undefined }
  })
export const productLabel = (code: string | null | undefined) => (code ? `${PRODUCT_CODES[code] ?? code}` : '—')

/** State and action words, final states and who may act: from the 12315 declarations (server and web alike). */
export { ACTION_LABEL, FINAL_STATES, STATE_LABEL } from '../../../../src/shared/complaints/workflow'
export const STATE_COLOR: Partial<Record<State, string>> = {
  received: 'gold',
  returned: 'orange',
  disputed: 'magenta',
  pending_acceptance: 'blue',
  not_accepted: 'default',
  mediating: 'processing',
  mediation_paused: 'warning',
  mediated: 'cyan',
  terminated: 'volcano',
  verifying: 'processing',
  filed: 'purple',
  not_filed: 'default',
  answering: 'processing',
  follow_up: 'geekblue',
  closed: 'success',
  merged: 'default',
}
export const STATE_OPTIONS = (Object.keys(STATE_LABEL) as State[]).map((value) => ({ value, label: STATE_LABEL[value] }))

/** The main step of each state first (primary button), the rest after it. */
export const PRIMARY_ACTION: Partial<Record<State, Action>> = {
  received: 'dispatch',
  returned: 'dispatch',
  disputed: 'resolve_dispute',
  pending_acceptance: 'accept',
  not_accepted: 'close',
  mediating: 'conclude',
  mediation_paused: 'resume',
  mediated: 'follow_up',
  terminated: 'notify_termination',
  follow_up: 'close',
  verifying: 'file_case',
  filed: 'notify_reporter',
  not_filed: 'notify_reporter',
  answering: 'answer',
}
/** Actions that end or turn away an item (declared `danger`): shown as danger buttons. */
export const DANGER_ACTIONS: readonly Action[] = ACTIONS.filter((a) => ACTION_DEFS[a].danger)

export const CLOCK_META: Record<ClockStatus | QueueClock, { label: string; color: string; hex: string }> = {
  on_time: { label: CLOCK_STATUS_LABEL.on_time, color: 'green', hex: '#389e0d' },
  due_soon: { label: CLOCK_STATUS_LABEL.due_soon, color: 'orange', hex: '#d46b08' },
  overdue: { label: CLOCK_STATUS_LABEL.overdue, color: 'red', hex: '#cf1322' },
  done: { label: CLOCK_STATUS_LABEL.done, color: 'default', hex: '#595959' },
  done_late: { label: CLOCK_STATUS_LABEL.done_late, color: 'volcano', hex: '#d4380d' },
  none: { label: QUEUE_CLOCK_LABEL.none, color: 'default', hex: '#8c8c8c' },
}
export const CLOCK_FILTER_OPTIONS = (['overdue', 'due_soon', 'on_time'] as const).map((value) => ({ value, label: CLOCK_STATUS_LABEL[value] }))

/** Respondent kinds in the order of the intake's picker. */
export const RESPONDENT_KIND_OPTIONS = (
  ['offline', 'platform_seller', 'platform', 'own_site'] as const satisfies readonly (typeof RESPONDENT_KINDS)[number][]
).map((value) => ({ value, label: RESPONDENT_KIND_LABEL[value] }))
export const respondentKindLabel = (k: string) => (RESPONDENT_KIND_LABEL as Record<string, string>)[k] ?? k

export const MEDIATION_OUTCOME_OPTIONS = MEDIATION_OUTCOMES.map((value) => ({ value, label: OUTCOME_LABEL[value] }))
export const PAUSE_KIND_OPTIONS = Object.entries(PAUSE_KINDS).map(([value, label]) => ({ value, label }))
export const NOTIFY_CHANNEL_OPTIONS = NOTIFY_CHANNELS.map((value) => ({ value, label: NOTIFY_CHANNEL_LABEL[value] }))
export const notifyChannelLabel = (c: unknown) => (NOTIFY_CHANNEL_LABEL as Record<string, string>)[String(c)] ?? String(c ?? '')
export const ID_TYPE_OPTIONS = ID_TYPES.map((value) => ({ value, label: ID_TYPE_LABEL[value] }))
export const PERSON_ROLE_LABEL: Record<string, string> = PARTY_ROLE_LABEL
export const ATTACHMENT_KIND_OPTIONS = ATTACHMENT_KINDS.map((value) => ({ value, label: ATTACHMENT_KIND_LABEL[value] }))
export const attachmentKindLabel = (k: string) => (ATTACHMENT_KIND_LABEL as Record<string, string>)[k] ?? k

/** Fen shown as yuan: 12050 → "120.50". */
export function fenToYuan(fen: number | null | undefined): string {
  const f = Number(fen ?? 0)
  const sign = f < 0 ? '-' : ''
  const a = Math.abs(f)
  return `${sign}${Math.floor(a / 100).toLocaleString('zh-CN')}.${String(a % 100).padStart(2, '0')}`
}
/** Yuan typed by a person (up to 2 decimals) as integer fen, without float drift: 120.5 → 12050. */
export function yuanToFen(yuan: number | string | null | undefined): number {
  if (yuan === null || yuan === undefined || yuan === '') return 0
  const s = typeof yuan === 'number' ? yuan.toFixed(2) : yuan.trim()
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return Math.round(Number(s) * 100)
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

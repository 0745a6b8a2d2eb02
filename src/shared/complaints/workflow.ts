/**
 * The 12315 items' workflows (RULES.md §1): one declaration per item type — 投诉 (complaint), 举报
 * (report), 咨询 (consultation) — on the workflow kernel. States, actions, who may take them, each
 * action's input, the statutory clocks it starts and stops, the notices it issues, its public
 * wording and its audit name live here once; the server's transition endpoint and permission check,
 * the web's action buttons and forms, and the generated state × action tests read them.
 *
 * Data guards (non-acceptance reasons of the regime in force, 回访 under Order 121, the reporter's
 * notice…) look at the item's fields and stay in complaints.domain.ts; merge, dispatch routing and
 * the lead of 立案 stay in complaints.transitions.ts. Pure: zod and src/shared only.
 */
import { z } from 'zod'
import { ITEM_TYPES, MEDIATION_OUTCOMES, NOT_FILED_REASONS, NOTIFY_CHANNELS, PAUSE_KINDS, type ItemType } from './vocabulary'
import { defineWorkflow, type ActionDef, type ClockEffect, type StateDef, type Workflow } from '../kernel/workflow'

// ---- vocabulary -------------------------------------------------------------------------------

export { ITEM_TYPES, MEDIATION_OUTCOMES, NOT_FILED_REASONS, NOTIFY_CHANNELS, PAUSE_KINDS, type ItemType }
export type { MediationOutcome, NotFiledReason, PauseKind } from './vocabulary'

export const STATES = [
  'received',
  'returned',
  'disputed',
  'pending_acceptance',
  'not_accepted',
  'mediating',
  'mediation_paused',
  'mediated',
  'terminated',
  'verifying',
  'filed',
  'not_filed',
  'answering',
  'follow_up',
  'closed',
  'merged',
] as const
export type State = (typeof STATES)[number]
export const STATE_LABEL: Record<State, string> = {
  received: '待分送',
  returned: '已退回待重新分送',
  disputed: '管辖争议处理中',
  pending_acceptance: '待受理',
  not_accepted: '不予受理',
  mediating: '调解中',
  mediation_paused: '调解中止',
  mediated: '调解结束',
  terminated: '终止调解',
  verifying: '核查中',
  filed: '已移送案源',
  not_filed: '不予立案',
  answering: '答复中',
  follow_up: '待回访',
  closed: '已办结',
  merged: '已合并',
}
/** States in which nothing more happens to the item. */
export const FINAL_STATES: readonly State[] = ['closed', 'merged']

export const ACTIONS = [
  'dispatch',
  'return',
  'raise_dispute',
  'resolve_dispute',
  'merge',
  'accept',
  'reject',
  'pause',
  'resume',
  'conclude',
  'terminate',
  'notify_termination',
  'follow_up',
  'close',
  'extend_verification',
  'file_case',
  'not_file',
  'notify_reporter',
  'answer',
  'inform_no_jurisdiction',
] as const
export type Action = (typeof ACTIONS)[number]

/** Text bounds of the transition inputs (complaints.schema.ts LIMITS uses the same numbers). */
export const TRANSITION_LIMITS = { note: 2000, answer: 2000, approval: 500, leadSummary: 4000 } as const

// ---- action inputs ----------------------------------------------------------------------------

/** Form facts of an input field the web renders: its label (the server's messages use the same words). */
export const FIELD_META = z.registry<{ label: string }>()
const labelled = <T extends z.ZodType>(schema: T, label: string): T => {
  FIELD_META.add(schema, { label })
  return schema
}

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]
const text = (max: number, label: string) => labelled(z.string().trim().min(1, `${label}不能为空`).max(max, `${label}最多 ${max} 字`), label)
const optText = (max: number, label: string) => labelled(z.string().trim().max(max, `${label}最多 ${max} 字`).optional(), label)
const Id = (label: string) => labelled(z.string().uuid('ID 无效'), label)
/** A legal date written YYYY-MM-DD (the server narrows it to its accepted range and to the item's dates). */
export const DAY_RE = /^\d{4}-\d{2}-\d{2}$/
const day = (label: string) =>
  labelled(
    z
      .string()
      .regex(DAY_RE, '日期格式应为 YYYY-MM-DD')
      .refine((s) => {
        const t = Date.parse(`${s}T00:00:00Z`)
        return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s
      }, '日期不存在')
      .optional()
      .describe('默认今天；不能晚于今天'),
    label,
  )

/** Each action's own fields (without the common note and the optimistic-lock version). */
export const ACTION_FIELDS = {
  dispatch: { unitId: Id('承办单位'), handlerId: labelled(z.string().uuid('ID 无效').optional(), '承办人') },
  return: { reason: text(TRANSITION_LIMITS.note, '退回理由') },
  raise_dispute: { reason: text(TRANSITION_LIMITS.note, '争议理由') },
  resolve_dispute: { unitId: Id('承办单位'), basis: text(TRANSITION_LIMITS.note, '确定管辖的依据') },
  merge: { intoId: Id('合并到') },
  accept: { decidedOn: day('受理日期') },
  reject: { reasonCode: labelled(z.string().max(40), '不予受理情形'), decidedOn: day('决定日期') },
  pause: { kind: labelled(z.enum(keys(PAUSE_KINDS)), '中止原因'), reason: text(TRANSITION_LIMITS.note, '中止原因'), fromOn: day('中止开始日期') },
  resume: { toOn: labelled(day('中止期间最后一天').describe('中止期间最后一天，默认昨天或开始日'), '中止期间最后一天') },
  conclude: {
    outcome: labelled(z.enum(MEDIATION_OUTCOMES), '调解结果'),
    recoveredFen: labelled(z.number().int('金额须为整数（分）').min(0, '金额不能为负数').max(1e12).default(0), '挽回经济损失'),
    concludedOn: day('调解结束日期'),
  },
  terminate: { ground: labelled(z.string().max(40), '终止调解情形'), terminatedOn: day('终止调解日期') },
  notify_termination: { channel: labelled(z.enum(NOTIFY_CHANNELS), '告知方式'), notifiedOn: day('送达日期') },
  follow_up: {},
  close: { followUpResult: optText(TRANSITION_LIMITS.note, '回访情况') },
  extend_verification: { approval: text(TRANSITION_LIMITS.approval, '审批情况') },
  file_case: { summary: text(TRANSITION_LIMITS.leadSummary, '线索摘要'), decidedOn: day('立案决定日期') },
  not_file: { reasonCode: labelled(z.enum(keys(NOT_FILED_REASONS)), '不予立案理由'), decidedOn: day('决定日期') },
  notify_reporter: { channel: labelled(z.enum(NOTIFY_CHANNELS), '告知方式'), notifiedOn: day('告知日期') },
  answer: { answer: text(TRANSITION_LIMITS.answer, '答复内容') },
  inform_no_jurisdiction: { text: text(TRANSITION_LIMITS.note, '告知内容') },
} as const satisfies Record<Action, z.ZodRawShape>

/** The one date field of an action (its decision, notice or pause date), defaulting to today. */
export const DATE_FIELD: Partial<Record<Action, string>> = {
  accept: 'decidedOn',
  reject: 'decidedOn',
  pause: 'fromOn',
  resume: 'toOn',
  conclude: 'concludedOn',
  terminate: 'terminatedOn',
  notify_termination: 'notifiedOn',
  file_case: 'decidedOn',
  not_file: 'decidedOn',
  notify_reporter: 'notifiedOn',
}

/** The internal note every action takes. */
export const NOTE_FIELD = { note: optText(TRANSITION_LIMITS.note, '备注') }

/** The input of each action (what the web form validates): its fields and the note. */
export const ACTION_INPUT = withNote(ACTION_FIELDS)
function withNote<T extends Record<Action, z.ZodRawShape>>(fields: T) {
  return Object.fromEntries(ACTIONS.map((a) => [a, z.object({ ...fields[a], ...NOTE_FIELD })])) as { [A in Action]: z.ZodObject<T[A] & typeof NOTE_FIELD> }
}
export type ActionInputOf<A extends Action> = z.infer<(typeof ACTION_INPUT)[A]>

// ---- actions common to the three types -------------------------------------------------------

/** Where a permission is checked (12315 only): the unit handling the item, any unit it touches, or the intake unit. */
export type PermissionOn = 'handling' | 'any' | 'intake'

type Common = Omit<ActionDef<State>, 'from' | 'to'>
const act = (a: Action, label: string, permission: readonly string[], on: PermissionOn, rest: Partial<Common> = {}): Common => ({
  label,
  permission,
  input: ACTION_INPUT[a],
  audit: `complaint.${a}`,
  meta: { on },
  ...rest,
})

/** Labels, permissions, inputs, documents, public words and audit names; from-states and targets are per type. */
export const ACTION_DEFS: Record<Action, Common> = {
  dispatch: act('dispatch', '分送', ['complaint.dispatch'], 'handling', { publicText: '已分送承办单位办理' }),
  return: act('return', '退回（无管辖权）', ['complaint.handle', 'complaint.dispatch'], 'handling', { publicText: '承办单位调整中', danger: true }),
  raise_dispute: act('raise_dispute', '提出管辖争议', ['complaint.dispatch', 'complaint.handle'], 'handling', { publicText: '管辖单位确定中' }),
  resolve_dispute: act('resolve_dispute', '确定管辖', ['complaint.dispatch', 'complaint.supervise'], 'any', { publicText: '已确定承办单位' }),
  merge: act('merge', '合并', ['complaint.dispatch', 'complaint.handle'], 'handling', { publicText: '已与同一事项合并办理', danger: true }),
  accept: act('accept', '受理', ['complaint.handle'], 'handling', { publicText: '已受理', documents: ['acceptance'] }),
  reject: act('reject', '不予受理', ['complaint.handle'], 'handling', { publicText: '不予受理（已告知理由）', documents: ['non_acceptance'], danger: true }),
  pause: act('pause', '中止调解计时', ['complaint.handle'], 'handling', { publicText: '调解暂停（检测鉴定或回避决定期间）' }),
  resume: act('resume', '恢复调解', ['complaint.handle'], 'handling', { publicText: '调解恢复' }),
  conclude: act('conclude', '调解结束', ['complaint.handle'], 'handling', { publicText: '调解结束' }),
  terminate: act('terminate', '终止调解', ['complaint.handle'], 'handling', { publicText: '终止调解', documents: ['termination'], danger: true }),
  notify_termination: act('notify_termination', '送达终止调解告知', ['complaint.handle'], 'handling', { publicText: '已送达终止调解告知' }),
  follow_up: act('follow_up', '转入回访', ['complaint.handle'], 'handling', { publicText: '回访中' }),
  close: act('close', '办结', ['complaint.handle'], 'handling', { publicText: '已办结' }),
  extend_verification: act('extend_verification', '延长核查期限', ['complaint.handle'], 'handling', { publicText: '核查期限经批准延长' }),
  file_case: act('file_case', '移送案源（建议立案）', ['complaint.handle'], 'handling', { publicText: '已移交执法机构核查是否立案' }),
  not_file: act('not_file', '不予立案', ['complaint.handle'], 'handling', { publicText: '经核查决定不予立案', danger: true }),
  notify_reporter: act('notify_reporter', '告知举报人', ['complaint.handle'], 'handling', { publicText: '已告知处理结果' }),
  answer: act('answer', '答复', ['complaint.intake', 'complaint.handle'], 'handling', { publicText: '已答复' }),
  inform_no_jurisdiction: act('inform_no_jurisdiction', '告知向有权部门举报', ['complaint.dispatch', 'complaint.handle'], 'handling', {
    publicText: '已告知向有权处理的部门反映',
  }),
}
export const ACTION_LABEL = Object.fromEntries(ACTIONS.map((a) => [a, ACTION_DEFS[a].label])) as Record<Action, string>

/** The statutory clocks of 12315 items and their rules in the catalogue (the consultation target is a local setting). */
export const CLOCKS = {
  accept: { label: '受理决定期限', rule: 'complaint.accept' },
  mediation: { label: '调解期限', rule: 'complaint.mediation' },
  termination_notice: { label: '终止调解告知期限', rule: 'complaint.termination_notice' },
  verify: { label: '核查并决定是否立案期限', rule: 'report.verify' },
  reporter_notice: { label: '告知实名举报人期限', rule: 'report.notify_filing' },
  answer: { label: '咨询答复目标', rule: null },
  dispute: { label: '管辖争议协商期限', rule: 'jurisdiction.dispute' },
} as const
export type ClockKind = keyof typeof CLOCKS
const clocksOf = <K extends ClockKind>(...ks: K[]) => Object.fromEntries(ks.map((k) => [k, CLOCKS[k]])) as Record<K, (typeof CLOCKS)[K]>

const start = (clock: ClockKind): ClockEffect => ({ op: 'start', clock })
const stop = (clock: ClockKind): ClockEffect => ({ op: 'stop', clock })

type StateTable = Partial<Record<State, Partial<Record<Action, State | 'same'>>>>

/** Builds a declaration from the per-state table of a type: each action's from-states and its one target. */
function declare(
  type: ItemType,
  label: string,
  states: Partial<Record<State, StateDef>>,
  table: StateTable,
  clocks: Partial<Record<Action, readonly ClockEffect[]>>,
  extra: { onCreate: readonly ClockEffect[]; clockKinds: readonly ClockKind[] },
) {
  const actions: Partial<Record<Action, ActionDef<State>>> = {}
  for (const [from, acts] of Object.entries(table) as Array<[State, Partial<Record<Action, State | 'same'>>]>) {
    for (const [a, to] of Object.entries(acts) as Array<[Action, State | 'same']>) {
      const d = actions[a]
      if (d && d.to !== to) throw new Error(`${type} ${a}: one action, one target (${d.to} ≠ ${to})`)
      actions[a] = d ? { ...d, from: [...d.from, from] } : { ...ACTION_DEFS[a], from: [from], to, ...(clocks[a] ? { clocks: clocks[a] } : {}) }
    }
  }
  // Actions in the order of ACTIONS, states in the order of STATES (buttons and tests read them in this order).
  const ordered = Object.fromEntries(ACTIONS.filter((a) => actions[a]).map((a) => [a, actions[a]!])) as Record<Action, ActionDef<State>>
  const orderedStates = Object.fromEntries(STATES.filter((s) => states[s]).map((s) => [s, states[s]!])) as Record<State, StateDef>
  return defineWorkflow<State, Action>({
    type,
    label,
    initial: 'received',
    states: orderedStates,
    actions: ordered,
    clocks: clocksOf(...extra.clockKinds),
    onCreate: extra.onCreate,
  })
}

const st = (s: State, publicText: string): StateDef => ({ label: STATE_LABEL[s], publicText, ...(FINAL_STATES.includes(s) ? { final: true } : {}) })
const SHARED_STATES = {
  returned: st('returned', '正在确定负责办理的单位'),
  disputed: st('disputed', '正在确定负责办理的单位'),
  closed: st('closed', '已办结'),
  merged: st('merged', '已与同一事项合并办理'),
} satisfies Partial<Record<State, StateDef>>

/** 投诉: 受理 within 7 working days, then mediation (Order 20 / Order 121). */
export const complaintWorkflow = declare(
  'complaint',
  '投诉',
  {
    received: st('received', '已收到，正在转交承办单位'),
    ...SHARED_STATES,
    pending_acceptance: st('pending_acceptance', '承办单位正在审查，将决定是否受理'),
    not_accepted: st('not_accepted', '不予受理（已告知理由）'),
    mediating: st('mediating', '已受理，承办单位正在组织双方调解'),
    mediation_paused: st('mediation_paused', '调解暂停（检测、鉴定等期间，期限相应顺延）'),
    mediated: st('mediated', '调解已结束'),
    terminated: st('terminated', '调解已终止'),
    follow_up: st('follow_up', '已办理完毕，正在回访'),
  },
  {
    received: { dispatch: 'pending_acceptance', raise_dispute: 'disputed', merge: 'merged' },
    returned: { dispatch: 'pending_acceptance', raise_dispute: 'disputed', merge: 'merged' },
    disputed: { resolve_dispute: 'pending_acceptance' },
    pending_acceptance: { accept: 'mediating', reject: 'not_accepted', return: 'returned', raise_dispute: 'disputed', merge: 'merged' },
    not_accepted: { close: 'closed' },
    mediating: { pause: 'mediation_paused', conclude: 'mediated', terminate: 'terminated' },
    mediation_paused: { resume: 'mediating', terminate: 'terminated' },
    mediated: { follow_up: 'follow_up', close: 'closed' },
    terminated: { notify_termination: 'same', follow_up: 'follow_up', close: 'closed' },
    follow_up: { close: 'closed' },
  },
  {
    raise_dispute: [start('dispute')],
    resolve_dispute: [stop('dispute')],
    merge: [stop('accept')],
    accept: [stop('accept'), start('mediation')],
    reject: [stop('accept')],
    pause: [{ op: 'pause', clock: 'mediation', reason: 'testing' }],
    resume: [{ op: 'resume', clock: 'mediation' }],
    conclude: [stop('mediation')],
    terminate: [stop('mediation'), start('termination_notice')],
    notify_termination: [stop('termination_notice')],
  },
  { onCreate: [start('accept')], clockKinds: ['accept', 'mediation', 'termination_notice', 'dispute'] },
)

/** 举报: verify and decide on filing within 15 working days (once extendable), tell a real-name reporter. */
export const reportWorkflow = declare(
  'report',
  '举报',
  {
    received: st('received', '已收到，正在转交承办单位'),
    ...SHARED_STATES,
    verifying: st('verifying', '承办单位正在核查您反映的问题'),
    filed: st('filed', '已移交执法机构，是否立案将另行告知'),
    not_filed: st('not_filed', '经核查，决定不予立案'),
  },
  {
    received: { dispatch: 'verifying', raise_dispute: 'disputed', merge: 'merged', inform_no_jurisdiction: 'closed' },
    returned: { dispatch: 'verifying', raise_dispute: 'disputed', merge: 'merged', inform_no_jurisdiction: 'closed' },
    disputed: { resolve_dispute: 'verifying' },
    verifying: { extend_verification: 'same', file_case: 'filed', not_file: 'not_filed', return: 'returned', raise_dispute: 'disputed', merge: 'merged' },
    filed: { notify_reporter: 'same', close: 'closed' },
    not_filed: { notify_reporter: 'same', close: 'closed' },
  },
  {
    raise_dispute: [start('dispute')],
    resolve_dispute: [stop('dispute')],
    merge: [stop('verify')],
    inform_no_jurisdiction: [stop('verify')],
    extend_verification: [{ op: 'extend', clock: 'verify' }],
    // The reporter's notice runs for a real-name reporter only (the module skips it when anonymous).
    file_case: [stop('verify'), start('reporter_notice')],
    not_file: [stop('verify'), start('reporter_notice')],
    notify_reporter: [stop('reporter_notice')],
  },
  { onCreate: [start('verify')], clockKinds: ['verify', 'reporter_notice', 'dispute'] },
)

/** 咨询: answered within the centre's target (a setting, not a statutory limit). */
export const consultationWorkflow = declare(
  'consultation',
  '咨询',
  {
    received: st('received', '已收到您的咨询，正在安排答复'),
    returned: SHARED_STATES.returned,
    answering: st('answering', '承办单位正在答复'),
    closed: SHARED_STATES.closed,
    merged: SHARED_STATES.merged,
  },
  {
    received: { dispatch: 'answering', answer: 'closed', merge: 'merged' },
    returned: { dispatch: 'answering', answer: 'closed', merge: 'merged' },
    answering: { answer: 'closed', return: 'returned' },
  },
  {
    merge: [stop('answer')],
    answer: [stop('answer')],
  },
  { onCreate: [start('answer')], clockKinds: ['answer'] },
)

export const ITEM_WORKFLOWS: Record<ItemType, Workflow<State, Action>> = {
  complaint: complaintWorkflow,
  report: reportWorkflow,
  consultation: consultationWorkflow,
}

/** The declaration of an item type. */
export function itemWorkflow(type: ItemType): Workflow<State, Action> {
  return ITEM_WORKFLOWS[type]
}

/** Where the action's permission is checked (meta.on of the declaration). */
export function permissionOn(action: Action): PermissionOn {
  return ACTION_DEFS[action].meta!.on as PermissionOn
}

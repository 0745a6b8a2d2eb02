/**
 * The investigation stage of a case (调查取证, RULES.md §2.2 and §11.5): the words and request bodies
 * of evidence with files, investigation records (询问笔录, 现场笔录/勘验笔录), registered preservation
 * of evidence (先行登记保存), avoidance (回避), suspension (中止), termination (终止) and transfer
 * (移送). Shared by the server (src/modules/cases) and the web (案件详情). Pure data.
 */
import { z } from 'zod'
import { caseDay, keys, optText, text } from './case.inputs'
import { SeizedItemFields } from './schema'
import { CASE_LIMITS } from './vocabulary'

/** Investigation record kinds (RULES.md §11.5 Nos. 9 and 14). */
export const RECORD_KINDS = { inquiry: '询问笔录', site: '现场笔录', inspection: '勘验笔录' } as const
export type RecordKind = keyof typeof RECORD_KINDS

/** Decisions on registered preservation within 7 WD (Penalty Law Art 56). */
export const PRESERVATION_DECISIONS = {
  release: '解除先行登记保存',
  seize: '依法采取查封、扣押措施',
  transfer: '移送有关部门处理',
  confiscate: '拟依法没收（提出没收建议）',
} as const
export type PreservationDecision = keyof typeof PRESERVATION_DECISIONS
export const PRESERVATION_STATES = { pending: '待负责人批准', held: '保存中', decided: '已作出处理决定', refused: '未获批准' } as const

/** Who applies for avoidance (Penalty Law Art 43): the party, or the officer's own declaration. */
export const AVOIDANCE_APPLICANTS = { party: '当事人申请', officer: '办案人员自行回避' } as const
export const AVOIDANCE_STATES = { pending: '待负责人决定', granted: '决定回避', refused: '决定不予回避' } as const

export { GROUNDS_UNCONFIRMED, SUSPENSION_GROUNDS, TERMINATION_GROUNDS, TRANSFER_TARGETS, type TransferTarget } from './case.workflow.investigation'

export const TRANSFER_STATES = { sent: '已移送，待回执', received: '已收到回执', concluded: '已反馈处理结果' } as const

const version = z.number({ error: '缺少案件版本号（version），请刷新后重试' }).int('版本号应为整数').min(1, '版本号应为正整数')
const uuid = (label: string) => z.string({ error: `请选择${label}` }).uuid(`${label} ID 无效`)
/** A Beijing date-time as entered: YYYY-MM-DD HH:mm. */
const BJ_TIME_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/
const bjTime = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(BJ_TIME_RE, `${label}格式应为 YYYY-MM-DD HH:mm`)
    .refine((s) => {
      const t = Date.parse(`${s.replace(' ', 'T')}:00Z`)
      return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 16).replace('T', ' ') === s
    }, `${label}不存在`)
    .describe(`${label}（北京时间）`)

export const QaTurn = z.object({ q: text('问', 2000), a: text('答', 4000) })
export const RecordBody = z
  .object({
    version,
    kind: z.enum(keys(RECORD_KINDS), '请选择笔录种类'),
    startedAt: bjTime('开始时间'),
    endedAt: bjTime('结束时间'),
    place: text('地点', CASE_LIMITS.short),
    /** Officers of the case who question or inspect (≥ 2, Penalty Law Art 42). */
    officerIds: z
      .array(uuid('执法人员'), { error: '请选择执法人员' })
      .min(2, '执法人员不得少于 2 人（行政处罚法第四十二条）')
      .max(CASE_LIMITS.officersMax, `执法人员最多 ${CASE_LIMITS.officersMax} 人`)
      .refine((a) => new Set(a).size === a.length, '执法人员不能重复'),
    recorderId: uuid('记录人'),
    personName: optText('被询问人（当事人）姓名', 50),
    personIdNo: z
      .string()
      .trim()
      .regex(/^\d{17}[\dXx]$/, '身份证号码应为18位')
      .optional(),
    personRole: optText('被询问人身份（与案件关系）', 100),
    qa: z.array(QaTurn).max(200, '问答最多 200 轮').default([]),
    present: optText('在场人员', 500),
    findings: optText('现场情况', CASE_LIMITS.text),
  })
  .superRefine((b, ctx) => {
    if (b.endedAt < b.startedAt) ctx.addIssue({ code: 'custom', path: ['endedAt'], message: '结束时间不能早于开始时间' })
    if (b.kind === 'inquiry') {
      if (!b.personName) ctx.addIssue({ code: 'custom', path: ['personName'], message: '询问笔录须填写被询问人姓名' })
      if (b.qa.length === 0) ctx.addIssue({ code: 'custom', path: ['qa'], message: '询问笔录须至少有一问一答' })
    } else if (!b.findings) ctx.addIssue({ code: 'custom', path: ['findings'], message: '现场笔录、勘验笔录须填写现场情况' })
  })
export type RecordBody = z.infer<typeof RecordBody>

/** Items as in the seized-goods ledger (查封扣押物品台账). */
export const PreservedItem = SeizedItemFields
export const PreservationBody = z.object({
  version,
  reason: text('先行登记保存的理由', 1000),
  items: z.array(PreservedItem, { error: '请填写物品清单' }).min(1, '物品清单不能为空').max(200, '一次最多 200 项物品'),
  on: caseDay('保存日期'),
})
export type PreservationBody = z.infer<typeof PreservationBody>
export const PreservationDecisionBody = z.object({
  version,
  decision: z.enum(keys(PRESERVATION_DECISIONS), '请选择处理决定'),
  note: optText('处理说明', 1000),
  on: caseDay('决定日期'),
})
export type PreservationDecisionBody = z.infer<typeof PreservationDecisionBody>

export const AvoidanceBody = z.object({
  version,
  officerId: uuid('申请回避的办案人员'),
  applicant: z.enum(keys(AVOIDANCE_APPLICANTS), '请选择申请人'),
  reason: text('回避理由', 1000),
  /** The officer proposed to take over (must hold an enforcement certificate). */
  replacementId: uuid('替换的办案人员').optional(),
  on: caseDay('申请日期'),
})
export type AvoidanceBody = z.infer<typeof AvoidanceBody>

export const TransferReceiptBody = z.object({
  version,
  receivedOn: caseDay('回执日期'),
  receivingOrgan: text('接收机关', CASE_LIMITS.short),
  outcome: optText('处理结果', 1000),
})
export type TransferReceiptBody = z.infer<typeof TransferReceiptBody>

/** Investigation actions a handler may propose to the head (审批待办). */
export const INVESTIGATION_PROPOSALS = { suspend: '中止调查审批', terminate: '终止调查审批', transfer: '案件移送审批' } as const
export const InvestigationProposalBody = z.object({
  action: z.enum(keys(INVESTIGATION_PROPOSALS), '提请事项应为 中止/终止/移送'),
  input: z.record(z.string(), z.unknown(), { error: '缺少操作内容' }),
  reason: text('提请理由', 2000),
  version,
})
export type InvestigationProposalBody = z.infer<typeof InvestigationProposalBody>

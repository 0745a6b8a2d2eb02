/**
 * The serious-violation list (严重违法失信名单, SAMR Order 44; RULES.md §3.3, §11.4, §14): vocabulary
 * and workflow shared by the server (credit module) and the web.
 *
 * Two sources: a heavier penalty decision meeting Order 44's test (the case's unit proposes: "谁处罚、
 * 谁列入、谁移出"), and three years on the abnormal list (Publicity Regulation Art 17; a job proposes).
 * Advance notice (告知) with the right to state and defend (clock), the head's decision — for a
 * county or district bureau after the approval of the level above, where the installation keeps
 * that step (Order 44 as in force; the 2025 draft drops it) — the decision document, publication
 * (clock), the legal representative's restriction recorded, removal 3 years after listing (job) and
 * early removal on application after 1 year (clock). Every length is a rule of the catalogue.
 */
import { z } from 'zod'
import { defineWorkflow } from '../kernel/workflow'

/** Listable violation fields (Order 44 Arts 5–10, exact contents UNCONFIRMED; RULES.md §3.3). */
export const SERIOUS_FIELDS = {
  safety: '食品、药品、特种设备等领域严重危害人民群众身体健康和生命安全',
  fair_competition: '破坏公平竞争秩序和扰乱市场秩序',
  market_order: '严重扰乱市场秩序',
  product_quality: '产品质量领域严重违法',
  fraudulent_registration: '提交虚假材料、采取其他欺诈手段隐瞒重要事实取得市场主体登记',
  other: '其他严重违法失信行为',
  abnormal_three_years: '被列入经营异常名录届满3年仍未履行相关义务',
} as const
export type SeriousField = keyof typeof SERIOUS_FIELDS
/** The fields an officer may name for a case-born listing (the last one is the abnormal-list route's). */
export const CASE_FIELDS = (Object.keys(SERIOUS_FIELDS) as SeriousField[]).filter((f) => f !== 'abnormal_three_years')

export const SERIOUS_SOURCES = { case: '较重行政处罚', abnormal: '列入经营异常名录届满3年' } as const
export type SeriousSource = keyof typeof SERIOUS_SOURCES

/** How an entry left the list. */
export const SERIOUS_REMOVALS = { expired: '列入满3年自动移出', early: '信用修复提前移出', revoked: '列入决定被撤销' } as const
export type SeriousRemoval = keyof typeof SERIOUS_REMOVALS

export const SERIOUS_NOTE_MAX = 2000

const reason = (what: string) =>
  z
    .string({ error: `请写明${what}` })
    .trim()
    .min(1, `请写明${what}`)
    .max(SERIOUS_NOTE_MAX, `${what}最多 ${SERIOUS_NOTE_MAX} 字`)
    .describe(what)
const optionalNote = z.string().trim().max(SERIOUS_NOTE_MAX, `说明最多 ${SERIOUS_NOTE_MAX} 字`).describe('说明（可选）').optional()

export const seriousWorkflow = defineWorkflow({
  type: 'credit_serious',
  label: '严重违法失信名单事项',
  initial: 'proposed',
  clocks: {
    statement: { label: '陈述申辩期限', rule: 'credit.serious_statement' },
    publish: { label: '列入决定公示期限', rule: 'credit.serious_publish' },
    early_removal: { label: '提前移出决定期限', rule: 'credit.serious_early_decision' },
  },
  states: {
    proposed: { label: '拟列入（待告知）' },
    notified: { label: '已告知（陈述申辩期）' },
    reviewing: { label: '待负责人决定' },
    upper_review: { label: '报上一级批准中' },
    listed: { label: '已决定列入（待公示）' },
    published: { label: '已列入并公示', publicText: '列入严重违法失信名单' },
    early_applied: { label: '提前移出申请审查中', publicText: '列入严重违法失信名单（提前移出申请审查中）' },
    removed: { label: '已移出', final: true, publicText: '已移出严重违法失信名单' },
    dismissed: { label: '不予列入', final: true },
  },
  actions: {
    notify: {
      label: '送达列入告知书',
      from: ['proposed'],
      to: 'notified',
      permission: ['credit.manage'],
      input: z.object({ note: optionalNote }),
      clocks: [{ op: 'start', clock: 'statement' }],
      audit: 'credit.serious.notify',
    },
    record_statement: {
      label: '登记陈述申辩',
      from: ['notified'],
      to: 'same',
      permission: ['credit.manage'],
      input: z.object({ text: reason('陈述申辩内容') }),
      audit: 'credit.serious.statement',
    },
    submit: {
      label: '提请决定',
      from: ['notified'],
      to: 'reviewing',
      permission: ['credit.manage'],
      input: z.object({
        waived: z.boolean().describe('当事人明确放弃陈述申辩').optional(),
        note: optionalNote,
      }),
      clocks: [{ op: 'stop', clock: 'statement' }],
      audit: 'credit.serious.submit',
    },
    approve: {
      label: '决定列入',
      from: ['reviewing'],
      to: 'listed',
      permission: ['credit.approve'],
      input: z.object({ note: optionalNote }),
      clocks: [{ op: 'start', clock: 'publish' }],
      audit: 'credit.serious.approve',
      confirm: '决定后即出具列入严重违法失信名单决定书，确定吗？',
    },
    refer_upper: {
      label: '报上一级批准',
      from: ['reviewing'],
      to: 'upper_review',
      permission: ['credit.approve'],
      input: z.object({ note: optionalNote }),
      audit: 'credit.serious.refer',
    },
    upper_approve: {
      label: '上一级批准列入',
      from: ['upper_review'],
      to: 'listed',
      permission: ['credit.approve'],
      input: z.object({ note: optionalNote }),
      clocks: [{ op: 'start', clock: 'publish' }],
      audit: 'credit.serious.approve',
      confirm: '批准后即出具列入严重违法失信名单决定书，确定吗？',
    },
    upper_return: {
      label: '上一级不予批准（退回）',
      from: ['upper_review'],
      to: 'reviewing',
      permission: ['credit.approve'],
      input: z.object({ note: reason('退回理由') }),
      audit: 'credit.serious.refer',
      danger: true,
    },
    dismiss: {
      label: '不予列入',
      from: ['proposed', 'notified', 'reviewing', 'upper_review'],
      to: 'dismissed',
      permission: ['credit.manage'],
      input: z.object({ note: reason('不予列入的理由') }),
      clocks: [{ op: 'stop', clock: 'statement' }],
      audit: 'credit.serious.dismiss',
      danger: true,
    },
    publish: {
      label: '公示',
      from: ['listed'],
      to: 'published',
      permission: ['credit.manage'],
      input: z.object({ note: optionalNote }),
      clocks: [{ op: 'stop', clock: 'publish' }],
      audit: 'credit.serious.publish',
    },
    apply_early: {
      label: '登记提前移出申请',
      from: ['published'],
      to: 'early_applied',
      permission: ['credit.manage'],
      input: z.object({
        text: reason('申请事由'),
        harmRemoved: z.boolean({ error: '请确认是否已消除危害后果' }).describe('已消除危害后果'),
      }),
      clocks: [{ op: 'start', clock: 'early_removal' }],
      audit: 'credit.serious.apply_early',
    },
    remove_early: {
      label: '决定提前移出',
      from: ['early_applied'],
      to: 'removed',
      permission: ['credit.approve'],
      input: z.object({ note: optionalNote }),
      clocks: [{ op: 'stop', clock: 'early_removal' }],
      audit: 'credit.serious.remove',
    },
    refuse_early: {
      label: '不予提前移出',
      from: ['early_applied'],
      to: 'published',
      permission: ['credit.approve'],
      input: z.object({ note: reason('不予提前移出的理由') }),
      clocks: [{ op: 'stop', clock: 'early_removal' }],
      audit: 'credit.serious.remove',
      danger: true,
    },
    expire: {
      label: '届满移出',
      from: ['published'],
      to: 'removed',
      permission: ['credit.manage'],
      input: z.object({ note: optionalNote }),
      audit: 'credit.serious.remove',
    },
    revoke: {
      label: '撤销列入决定',
      from: ['listed', 'published', 'early_applied'],
      to: 'removed',
      permission: ['credit.approve'],
      input: z.object({ note: reason('撤销理由（如行政处罚决定被撤销）') }),
      clocks: [
        { op: 'stop', clock: 'publish' },
        { op: 'stop', clock: 'early_removal' },
      ],
      audit: 'credit.serious.remove',
      danger: true,
    },
  },
})
export type SeriousAction = (typeof seriousWorkflow.actionList)[number]
export type SeriousState = (typeof seriousWorkflow.stateList)[number]
export const SERIOUS_STATES = seriousWorkflow.stateList
/** States in which the entry is on the public list (in force). */
export const SERIOUS_IN_FORCE: readonly SeriousState[] = ['published', 'early_applied']

/** Proposal from a case decision (body of POST /api/credit/serious/from-case). */
export const SeriousFromCaseBody = z.object({
  caseId: z.string().uuid('案件 ID 无效'),
  field: z.enum(CASE_FIELDS as [SeriousField, ...SeriousField[]], { error: '请选择违法失信领域' }).describe('违法失信领域'),
  severeFine: z.boolean().describe('罚款数额处于裁量基准的较重区间').optional(),
  circumstances: reason('情节严重、社会危害较大的具体情形（主观恶意、次数、持续时间、涉案金额等）'),
})
export type SeriousFromCaseBody = z.infer<typeof SeriousFromCaseBody>

/**
 * The enforcement case file (行政处罚案件, RULES.md §2 and §11): vocabulary of its workflow, shared
 * by the server (src/modules/cases) and the web (案件详情). A case is opened from a lead decided
 * 立案 (src/modules/cases, POST /api/cases), investigated (testing pauses the 90-day clock, an
 * approved extension adds 30 days), notified (行政处罚告知书: 5 WD for statements, defence and the
 * hearing request; a hearing pauses the clock), reviewed by the legal unit when major, decided
 * (行政处罚决定书), served (送达: the 15-day payment clock starts) and closed with approval (结案).
 * The documents each step issues drive its clocks.
 */
import { z } from 'zod'
import { defineWorkflow } from '../kernel/workflow'
import { INVESTIGATION_STATES, investigationActions, type InvestigationAction } from './case.workflow.investigation'
import { caseDay, fen, keys, labelled, optText, text } from './case.inputs'
import { DECISION_CLOCKS, decisionActions } from './case.workflow.decision'
import { CASE_LIMITS, CLOSURE_REASONS, PENALTY_TYPES, SERVICE_METHODS, type ClosureReason, type PenaltyType, type ServiceMethod } from './vocabulary'

export { CASE_DAY_RE, caseDay, fen } from './case.inputs'

export const CASE_STATES = ['investigating', 'notified', 'review', 'decided', 'served', 'closed', 'suspended', 'terminated', 'transferred'] as const
export type CaseState = (typeof CASE_STATES)[number]

/** The clocks of a case: kind → rule in the catalogue (src/modules/rules/rules.seed.ts). */
export const CASE_CLOCKS = {
  decision: { label: '办案期限（90日）', rule: 'case.decision' },
  statement: { label: '陈述申辩、要求听证期限', rule: 'case.hearing_request' },
  legal_review: { label: '法制审核期限', rule: 'case.legal_review' },
  service: { label: '决定书送达期限', rule: 'case.service' },
  payment: { label: '罚没款缴纳期限', rule: 'case.fine_payment' },
  ...DECISION_CLOCKS,
} as const

export const caseWorkflow = defineWorkflow({
  type: 'case_file',
  label: '案件',
  initial: 'investigating',
  states: {
    investigating: { label: '调查取证' },
    notified: { label: '已告知（陈述申辩）' },
    review: { label: '法制审核' },
    decided: { label: '已决定（待送达）' },
    served: { label: '执行中' },
    closed: { label: '已结案', final: true },
    ...INVESTIGATION_STATES,
  },
  clocks: CASE_CLOCKS,
  onCreate: [{ op: 'start', clock: 'decision' }],
  actions: {
    ...investigationActions,
    extend: {
      label: '延长办案期限',
      from: ['investigating', 'notified', 'review'],
      to: 'same',
      permission: ['case.approve'],
      input: z.object({ reason: text('延期理由'), on: caseDay('批准日期') }),
      clocks: [{ op: 'extend', clock: 'decision' }],
      documents: ['case.extension'],
      audit: 'case.extend',
    },
    start_testing: {
      label: '委托检测鉴定（期间不计入）',
      from: ['investigating'],
      to: 'same',
      permission: ['case.handle'],
      input: z.object({ subject: text('检测、鉴定事项', CASE_LIMITS.short), institution: text('检测、鉴定机构', CASE_LIMITS.short), on: caseDay('委托日期') }),
      clocks: [{ op: 'pause', clock: 'decision', reason: '检测、检验、检疫、鉴定' }],
      documents: ['case.testing_period'],
      audit: 'case.testing_start',
    },
    end_testing: {
      label: '检测鉴定结果',
      from: ['investigating'],
      to: 'same',
      permission: ['case.handle'],
      input: z.object({ result: text('检测、鉴定结论'), on: caseDay('收到结果日期') }),
      clocks: [{ op: 'resume', clock: 'decision' }],
      documents: ['case.testing_result'],
      audit: 'case.testing_end',
    },
    notify: {
      label: '行政处罚告知',
      from: ['investigating'],
      to: 'notified',
      permission: ['case.handle'],
      input: z.object({
        facts: text('违法事实'),
        basis: text('拟处罚依据', 1000),
        intendedPenalty: text('拟作出的行政处罚', 1000),
        hearingRight: labelled(z.boolean({ error: '请选择是否告知听证权利' }).default(false), '告知听证权利'),
        major: labelled(z.boolean().default(false), '重大案件（须法制审核）'),
        on: caseDay('告知日期'),
      }),
      clocks: [{ op: 'start', clock: 'statement' }],
      documents: ['case.advance_notice'],
      audit: 'case.notify',
    },
    request_hearing: {
      label: '当事人要求听证（期间不计入）',
      from: ['notified'],
      to: 'same',
      permission: ['case.handle'],
      input: z.object({ on: caseDay('提出日期') }),
      clocks: [
        { op: 'stop', clock: 'statement' },
        { op: 'pause', clock: 'decision', reason: '听证' },
      ],
      audit: 'case.hearing_request',
    },
    end_hearing: {
      label: '听证结束',
      from: ['notified'],
      to: 'same',
      permission: ['case.handle'],
      input: z.object({ summary: text('听证情况'), on: caseDay('听证结束日期') }),
      clocks: [{ op: 'resume', clock: 'decision' }],
      audit: 'case.hearing_end',
    },
    submit_review: {
      label: '提交法制审核',
      from: ['notified'],
      to: 'review',
      permission: ['case.handle'],
      input: z.object({ on: caseDay('提交日期') }),
      clocks: [{ op: 'start', clock: 'legal_review' }],
      audit: 'case.review_submit',
    },
    complete_review: {
      label: '法制审核意见',
      from: ['review'],
      to: 'notified',
      permission: ['case.approve'],
      input: z.object({ opinion: text('审核意见'), on: caseDay('审核日期') }),
      clocks: [{ op: 'stop', clock: 'legal_review' }],
      documents: ['case.legal_review'],
      audit: 'case.review_complete',
    },
    decide: {
      label: '作出行政处罚决定',
      from: ['notified'],
      to: 'decided',
      permission: ['case.approve'],
      input: z.object({
        penaltyType: labelled(z.enum(keys(PENALTY_TYPES), '请选择处罚种类'), '处罚种类'),
        facts: text('违法事实和证据'),
        basis: text('处罚依据', 1000),
        fineFen: fen('罚款'),
        gainsFen: fen('没收违法所得'),
        goodsValueFen: fen('没收物品价值'),
        goods: optText('没收物品', 1000),
        on: caseDay('决定日期'),
      }),
      clocks: [
        { op: 'stop', clock: 'statement' },
        { op: 'stop', clock: 'decision' },
        { op: 'start', clock: 'service' },
      ],
      documents: ['case.decision'],
      audit: 'case.decide',
    },
    serve: {
      label: '送达决定书',
      from: ['decided'],
      to: 'served',
      permission: ['case.handle'],
      input: z.object({
        method: labelled(z.enum(keys(SERVICE_METHODS), '请选择送达方式'), '送达方式'),
        recipient: text('受送达人', CASE_LIMITS.short),
        on: caseDay('送达日期'),
      }),
      clocks: [
        { op: 'stop', clock: 'service' },
        { op: 'start', clock: 'payment' },
      ],
      audit: 'case.serve',
    },
    close: {
      label: '结案',
      from: ['investigating', 'served', 'transferred'],
      to: 'closed',
      permission: ['case.approve'],
      input: z.object({ reason: labelled(z.enum(keys(CLOSURE_REASONS), '请选择结案事由'), '结案事由'), note: optText('说明', 1000), on: caseDay('结案日期') }),
      clocks: [
        { op: 'stop', clock: 'decision' },
        { op: 'stop', clock: 'payment' },
      ],
      documents: ['case.closure'],
      audit: 'case.close',
      confirm: '结案后案件只读，不能再修改。确认结案？',
      danger: true,
    },
    ...decisionActions,
  },
})
/** Every action of the case workflow. */
export type AnyCaseAction = (typeof caseWorkflow.actionList)[number]
/** The actions outside the investigation stage's own (those are case.workflow.investigation.ts's, handled in cases.investigation.flow.ts). */
export type CaseAction = Exclude<AnyCaseAction, InvestigationAction>
export const CASE_STATE_LABEL = Object.fromEntries(CASE_STATES.map((s) => [s, caseWorkflow.states[s].label])) as Record<CaseState, string>

export type { ClosureReason, PenaltyType, ServiceMethod }

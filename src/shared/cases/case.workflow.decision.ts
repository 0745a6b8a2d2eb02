/**
 * The decision stage and the money of the case workflow (spread into caseWorkflow.actions with one
 * line): the hearing (听证通知书 at least 7 WD before the hearing, a hearing officer who is not an
 * investigator, the 听证笔录 and 听证报告), collective discussion of major cases (集体讨论, through
 * the approvals inbox), the decision not to penalise (不予行政处罚决定书, excludes the 决定书), and
 * the enforcement of the money (催告书, 强制执行申请书). RULES.md §2.3, §11.2, §11.5.
 */
import { z } from 'zod'
import { fen, keys, labelled, caseDay, optText, plannedDay, text } from './case.inputs'
import type { CaseState } from './case.workflow'
import { CASE_LIMITS, NO_PENALTY_GROUNDS } from './vocabulary'

/** Clocks of the decision stage and execution (rules in src/modules/rules/rules.seed.ts). */
export const DECISION_CLOCKS = {
  hearing_notice: { label: '听证通知（最早可举行听证之日）', rule: 'case.hearing_notice' },
  reminder: { label: '催告期限（期满可申请强制执行）', rule: 'case.enforcement_reminder' },
  court: { label: '申请法院强制执行期限', rule: 'case.court_enforcement' },
  onspot_filing: { label: '当场处罚备案期限', rule: 'case.onspot_filing' },
} as const

type Def = {
  label: string
  from: readonly CaseState[]
  to: CaseState | 'same'
  permission: readonly string[]
  input?: z.ZodType
  clocks?: readonly ({ op: 'start' | 'stop' | 'resume' | 'extend'; clock: string } | { op: 'pause'; clock: string; reason?: string })[]
  documents?: readonly string[]
  audit?: string
  confirm?: string
  danger?: boolean
}

export const decisionActions = {
  notify_hearing: {
    label: '听证通知',
    from: ['notified'],
    to: 'same',
    permission: ['case.handle'],
    input: z.object({
      hearingOn: plannedDay('听证日期'),
      place: text('听证地点', CASE_LIMITS.short),
      officerId: labelled(z.string({ error: '请选择听证主持人' }).uuid('听证主持人无效'), '听证主持人（非本案调查人员）'),
      on: caseDay('通知日期'),
    }),
    clocks: [{ op: 'start', clock: 'hearing_notice' }],
    documents: ['case.hearing_notice'],
    audit: 'case.hearing_notice',
  },
  hold_hearing: {
    label: '听证笔录和听证报告',
    from: ['notified'],
    to: 'same',
    permission: ['case.handle'],
    input: z.object({
      attendees: text('参加人员', 1000),
      record: text('听证笔录（调查人员意见、当事人陈述申辩、质证和辩论）'),
      report: text('听证报告（主持人意见和建议）'),
      on: caseDay('听证日期'),
    }),
    clocks: [
      { op: 'stop', clock: 'hearing_notice' },
      { op: 'resume', clock: 'decision' },
    ],
    documents: ['case.hearing_record', 'case.hearing_report'],
    audit: 'case.hearing_hold',
  },
  collective_discussion: {
    label: '集体讨论',
    from: ['notified'],
    to: 'same',
    permission: ['case.approve'],
    input: z.object({
      participants: text('参加人员', 1000),
      record: text('讨论记录'),
      conclusion: text('讨论结论'),
      on: caseDay('讨论日期'),
    }),
    documents: ['case.collective'],
    audit: 'case.collective',
  },
  decide_no_penalty: {
    label: '不予行政处罚决定',
    from: ['investigating', 'notified'],
    to: 'decided',
    permission: ['case.approve'],
    input: z.object({
      ground: labelled(z.enum(keys(NO_PENALTY_GROUNDS), '请选择不予处罚的理由'), '不予处罚的理由'),
      facts: text('违法事实和证据'),
      reasons: text('不予处罚的具体理由', 2000),
      on: caseDay('决定日期'),
    }),
    clocks: [
      { op: 'stop', clock: 'statement' },
      { op: 'stop', clock: 'decision' },
      { op: 'start', clock: 'service' },
    ],
    documents: ['case.no_penalty'],
    audit: 'case.decide_no_penalty',
  },
  file_onspot: {
    label: '当场处罚备案',
    from: ['served'],
    to: 'same',
    permission: ['case.approve'],
    input: z.object({ note: optText('备案意见', 1000), on: caseDay('备案日期') }),
    clocks: [{ op: 'stop', clock: 'onspot_filing' }],
    audit: 'case.onspot_file',
  },
  allow_instalments: {
    label: '批准延期（分期）缴纳罚款',
    from: ['served'],
    to: 'same',
    permission: ['case.approve'],
    input: z.object({
      mode: labelled(z.enum(['defer', 'instalments'], '请选择延期或分期'), '延期或分期'),
      appliedOn: plannedDay('当事人申请日期'),
      deferTo: plannedDay('延期至').optional(),
      schedule: labelled(
        z
          .array(z.object({ dueOn: plannedDay('分期缴纳日期'), amountFen: fen('分期金额') }), { error: '请填写分期计划' })
          .max(12, '分期最多 12 期')
          .optional(),
        '分期计划（日期、金额：分；表单按元填写后换算）',
      ),
      on: caseDay('批准日期'),
    }),
    clocks: [{ op: 'stop', clock: 'payment' }],
    documents: ['case.instalment'],
    audit: 'case.instalment',
  },
  remind: {
    label: '履行催告',
    from: ['served'],
    to: 'same',
    permission: ['case.handle'],
    input: z.object({ on: caseDay('催告书送达日期') }),
    clocks: [{ op: 'start', clock: 'reminder' }],
    documents: ['case.reminder'],
    audit: 'case.remind',
  },
  apply_court: {
    label: '申请人民法院强制执行',
    from: ['served'],
    to: 'same',
    permission: ['case.approve'],
    input: z.object({ court: text('受理法院', CASE_LIMITS.short), on: caseDay('申请日期') }),
    clocks: [
      { op: 'stop', clock: 'reminder' },
      { op: 'stop', clock: 'court' },
    ],
    documents: ['case.court_application'],
    audit: 'case.court_apply',
  },
} as const satisfies Record<string, Def>

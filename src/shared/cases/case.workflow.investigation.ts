/**
 * The investigation stage's workflow actions of the case (spread into caseWorkflow.actions):
 * 中止调查 pauses the 90-day clock with its ground (suspension is excluded from the 90 days, RULES.md
 * §2.4), 恢复调查 resumes it, 终止调查 ends the case (final) and 移送 hands it to the police or
 * another department/region (the decision clock stops: the case leaves this bureau's hands; the
 * receipt is recorded afterwards). Each is the head's (行政处罚案件有关事项审批表); a handler proposes
 * it in 审批待办. The documents each action issues are cases.investigation.templates.ts.
 */
import { z } from 'zod'
import type { ActionDef } from '../kernel/workflow'
import { caseDay, keys, labelled, optText, text } from './case.inputs'
import { CASE_LIMITS } from './vocabulary'

/**
 * Grounds of suspension (中止调查) and termination (终止调查). RULES.md §2.4 only says suspension is
 * excluded from the 90 days; the grounds below are our recollection of the SAMR Provisions (2021)
 * Arts 45–46 — UNCONFIRMED, an enumeration the bureau may edit (flagged in the README).
 */
export const SUSPENSION_GROUNDS = {
  pending_other: '行政处罚决定须以相关案件的裁判结果或者其他行政决定为依据，而相关案件尚未审结或者其他行政决定尚未作出',
  interpretation: '涉及法律适用等问题，需要送请有权机关作出解释或者确认',
  force_majeure: '因不可抗力致使案件暂时无法调查',
  missing: '因当事人下落不明致使案件暂时无法调查',
  other: '其他应当中止调查的情形',
} as const
export const TERMINATION_GROUNDS = {
  party_gone: '涉嫌违法的公民死亡或者法人、其他组织终止，并且无权利义务承受人等原因，致使案件调查无法继续进行',
  criminal: '移送司法机关追究刑事责任',
  other: '其他依法应当终止调查的情形',
} as const
export const GROUNDS_UNCONFIRMED = true

/** Transfer targets (移送): the public security organ (涉嫌犯罪, 行刑衔接), another department, another region. */
export const TRANSFER_TARGETS = { police: '公安机关（涉嫌犯罪）', department: '其他有关部门', region: '其他地区市场监管部门' } as const
export type TransferTarget = keyof typeof TRANSFER_TARGETS

export const INVESTIGATION_STATES = {
  suspended: { label: '中止调查' },
  terminated: { label: '终止调查', final: true },
  transferred: { label: '已移送' },
} as const

type S = 'investigating' | 'suspended' | 'terminated' | 'transferred'

export const investigationActions = {
  suspend: {
    label: '中止调查（期间不计入）',
    from: ['investigating'],
    to: 'suspended',
    permission: ['case.approve'],
    input: z.object({
      ground: labelled(z.enum(keys(SUSPENSION_GROUNDS), '请选择中止调查的情形'), '中止情形'),
      reason: text('中止理由', 1000),
      on: caseDay('中止日期'),
    }),
    clocks: [{ op: 'pause', clock: 'decision', reason: '中止调查' }],
    documents: ['case.suspension'],
    audit: 'case.suspend',
  },
  resume: {
    label: '恢复调查',
    from: ['suspended'],
    to: 'investigating',
    permission: ['case.approve'],
    input: z.object({ reason: text('恢复理由（中止原因已消除）', 1000), on: caseDay('恢复日期') }),
    clocks: [{ op: 'resume', clock: 'decision' }],
    documents: ['case.resumption'],
    audit: 'case.resume',
  },
  terminate: {
    label: '终止调查',
    from: ['investigating', 'suspended'],
    to: 'terminated',
    permission: ['case.approve'],
    input: z.object({
      ground: labelled(z.enum(keys(TERMINATION_GROUNDS), '请选择终止调查的情形'), '终止情形'),
      reason: text('终止理由', 1000),
      on: caseDay('终止日期'),
    }),
    clocks: [{ op: 'stop', clock: 'decision' }],
    documents: ['case.termination'],
    audit: 'case.terminate',
    confirm: '终止调查后案件结束，不能再办理。确认终止？',
    danger: true,
  },
  transfer: {
    label: '移送',
    from: ['investigating', 'suspended'],
    to: 'transferred',
    permission: ['case.approve'],
    input: z.object({
      target: labelled(z.enum(keys(TRANSFER_TARGETS), '请选择移送对象'), '移送对象'),
      organ: text('接收机关名称', CASE_LIMITS.short),
      reason: text('移送理由和依据', 1000),
      materials: optText('移送材料', 1000),
      on: caseDay('移送日期'),
    }),
    clocks: [{ op: 'stop', clock: 'decision' }],
    documents: ['case.transfer_crime', 'case.transfer_letter'],
    audit: 'case.transfer',
  },
} as const satisfies Record<string, ActionDef<S>>
export type InvestigationAction = keyof typeof investigationActions
export const isInvestigationAction = (a: string): a is InvestigationAction => Object.hasOwn(investigationActions, a)

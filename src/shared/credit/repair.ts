/**
 * Credit repair (信用修复, 国市监信规〔2021〕3号; RULES.md §3.5, §14): vocabulary and workflow shared by
 * the server (credit module) and the web. Three kinds — removal from the abnormal list, early removal
 * from the serious list, early stop of penalty publicity — one workflow: applied (accept within the
 * `credit.repair_accept` clock) → accepted (decide within `credit.repair_decide`) → repaired |
 * refused. The clocks' lengths are rules of the catalogue (UNCONFIRMED, set per province).
 */
import { z } from 'zod'
import { defineWorkflow } from '../kernel/workflow'

export const REPAIR_KINDS = {
  abnormal: '移出经营异常名录（恢复正常记载状态）',
  serious: '提前移出严重违法失信名单',
  publicity: '提前停止公示行政处罚信息',
} as const
export type RepairKind = keyof typeof REPAIR_KINDS
export const REPAIR_NOTE_MAX = 2000

const reason = (what: string) =>
  z
    .string({ error: `请写明${what}` })
    .trim()
    .min(1, `请写明${what}`)
    .max(REPAIR_NOTE_MAX, `${what}最多 ${REPAIR_NOTE_MAX} 字`)
    .describe(what)
const optionalNote = z.string().trim().max(REPAIR_NOTE_MAX, `说明最多 ${REPAIR_NOTE_MAX} 字`).describe('说明（可选）').optional()

export const repairWorkflow = defineWorkflow({
  type: 'credit_repair',
  label: '信用修复申请',
  initial: 'applied',
  clocks: {
    accept: { label: '受理期限', rule: 'credit.repair_accept' },
    decide: { label: '修复决定期限', rule: 'credit.repair_decide' },
  },
  onCreate: [{ op: 'start', clock: 'accept' }],
  states: {
    applied: { label: '待受理' },
    accepted: { label: '已受理（审查中）' },
    repaired: { label: '已修复', final: true },
    refused: { label: '不予修复', final: true },
    rejected: { label: '不予受理', final: true },
  },
  actions: {
    accept: {
      label: '受理',
      from: ['applied'],
      to: 'accepted',
      permission: ['credit.manage'],
      input: z.object({ note: optionalNote }),
      clocks: [
        { op: 'stop', clock: 'accept' },
        { op: 'start', clock: 'decide' },
      ],
      audit: 'credit.repair.apply',
    },
    reject: {
      label: '不予受理',
      from: ['applied'],
      to: 'rejected',
      permission: ['credit.manage'],
      input: z.object({ note: reason('不予受理的理由') }),
      clocks: [{ op: 'stop', clock: 'accept' }],
      audit: 'credit.repair.decide',
      danger: true,
    },
    repair: {
      label: '决定修复',
      from: ['accepted'],
      to: 'repaired',
      permission: ['credit.approve'],
      input: z.object({ note: optionalNote }),
      clocks: [{ op: 'stop', clock: 'decide' }],
      audit: 'credit.repair.decide',
      confirm: '决定后即更新公示信息，确定吗？',
    },
    refuse: {
      label: '不予修复',
      from: ['accepted'],
      to: 'refused',
      permission: ['credit.approve'],
      input: z.object({ note: reason('不予修复的理由') }),
      clocks: [{ op: 'stop', clock: 'decide' }],
      audit: 'credit.repair.decide',
      danger: true,
    },
  },
})
export type RepairAction = (typeof repairWorkflow.actionList)[number]
export type RepairState = (typeof repairWorkflow.stateList)[number]
export const REPAIR_STATES = repairWorkflow.stateList

/** A repair application as the credit officer registers it (the applicant's contact is personal data). */
export const RepairApplyBody = z.object({
  kind: z.enum(Object.keys(REPAIR_KINDS) as [RepairKind, ...RepairKind[]], { error: '请选择修复类型' }).describe('修复类型'),
  targetId: z.string().uuid('修复对象 ID 无效').describe('经营异常名录、严重违法失信名单或行政处罚公示记录的 ID'),
  applicant: z.string().trim().min(1, '请填写申请人').max(50, '申请人最多 50 字').describe('申请人'),
  applicantPhone: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '联系电话格式不正确')
    .optional()
    .describe('联系电话'),
  statement: reason('申请事由及承诺（已履行、已消除危害后果等）'),
  harmRemoved: z.boolean({ error: '请确认是否已消除危害后果' }).describe('已消除危害后果'),
})
export type RepairApplyBody = z.infer<typeof RepairApplyBody>

export interface RepairCondition {
  key: string
  label: string
  ok: boolean
  detail: string | null
}
export interface RepairCheck {
  eligible: boolean
  /** The earliest day the time condition holds (null when there is none). */
  earliestOn: string | null
  conditions: RepairCondition[]
}

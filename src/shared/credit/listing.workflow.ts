/**
 * The abnormal-operations list (经营异常名录, RULES.md §3.2): vocabulary and workflow shared by the
 * server (credit module) and the web. Two-step review: a credit officer reviews a proposal (审核),
 * the head approves it (批准) and the entity is listed — or, for an individual business, marked
 * 经营异常状态. Objection: accept or refuse within 5 WD, verify within 20 WD. Removal on application
 * once the ground is cured: decided within 5 WD. The clocks' lengths are rules of the catalogue.
 */
import { z } from 'zod'
import { defineWorkflow } from '../kernel/workflow'
import { ABNORMAL_REASONS } from './proposal.workflow'

export { ABNORMAL_REASONS, type AbnormalReason } from './proposal.workflow'
export const ABNORMAL_GROUNDS = Object.keys(ABNORMAL_REASONS) as (keyof typeof ABNORMAL_REASONS)[]

/** Removal grounds (provincial systems' wording, RULES.md §3.2), by listing ground. */
export const REMOVAL_GROUNDS = {
  reports_filed: '已补报未报年份的年度报告',
  info_publicised: '已履行即时信息公示义务',
  info_corrected: '已更正其公示的信息',
  address_changed: '已办理住所或者经营场所变更登记',
  reachable_again: '通过登记的住所或者经营场所可以重新取得联系',
  objection_founded: '异议成立，撤销列入决定',
  deregistered: '已注销或者被吊销营业执照',
} as const
export type RemovalGround = keyof typeof REMOVAL_GROUNDS
/** The removal grounds that cure each listing ground (Order 68 Arts 11–14, SECONDARY). */
export const CURES: Record<keyof typeof ABNORMAL_REASONS, RemovalGround[]> = {
  annual_report_not_filed: ['reports_filed', 'deregistered'],
  info_not_publicised: ['info_publicised', 'deregistered'],
  false_publicity: ['info_corrected', 'deregistered'],
  unreachable_at_registered_address: ['address_changed', 'reachable_again', 'deregistered'],
}

export const LISTING_MODES = { list: '列入经营异常名录', mark: '标记为经营异常状态' } as const
export type ListingMode = keyof typeof LISTING_MODES
export const LISTING_NOTE_MAX = 2000

const reason = (what: string) =>
  z
    .string({ error: `请写明${what}` })
    .trim()
    .min(1, `请写明${what}`)
    .max(LISTING_NOTE_MAX, `${what}最多 ${LISTING_NOTE_MAX} 字`)
    .describe(what)
const optionalNote = z.string().trim().max(LISTING_NOTE_MAX, `说明最多 ${LISTING_NOTE_MAX} 字`).describe('说明（可选）').optional()
const removalGround = z.enum(Object.keys(REMOVAL_GROUNDS) as [RemovalGround, ...RemovalGround[]], { error: '请选择移出事由' }).describe('移出事由')

export const listingWorkflow = defineWorkflow({
  type: 'credit_listing',
  label: '经营异常名录事项',
  initial: 'proposed',
  clocks: {
    listing: { label: '列入决定期限', rule: 'credit.abnormal_listing' },
    objection_accept: { label: '异议受理期限', rule: 'credit.abnormal_objection_accept' },
    objection_verify: { label: '异议核实期限', rule: 'credit.abnormal_objection_verify' },
    removal: { label: '移出决定期限', rule: 'credit.abnormal_removal' },
  },
  onCreate: [{ op: 'start', clock: 'listing' }],
  states: {
    proposed: { label: '待审核' },
    reviewed: { label: '待批准' },
    listed: { label: '已列入', publicText: '列入经营异常名录（个体工商户：标记为经营异常状态）' },
    objecting: { label: '异议待受理' },
    verifying: { label: '异议核实中' },
    removal_applied: { label: '移出申请审查中' },
    removed: { label: '已移出', final: true, publicText: '已移出经营异常名录' },
    dismissed: { label: '不予列入', final: true },
  },
  actions: {
    review: {
      label: '审核通过',
      from: ['proposed'],
      to: 'reviewed',
      permission: ['credit.manage'],
      input: z.object({ note: optionalNote }),
      audit: 'credit.listing.review',
    },
    approve: {
      label: '批准列入',
      from: ['reviewed'],
      to: 'listed',
      permission: ['credit.approve'],
      input: z.object({ note: optionalNote }),
      clocks: [{ op: 'stop', clock: 'listing' }],
      audit: 'credit.listing.approve',
      confirm: '批准后即作出列入决定并向社会公示，确定吗？',
    },
    send_back: {
      label: '退回',
      from: ['reviewed'],
      to: 'proposed',
      permission: ['credit.approve'],
      input: z.object({ note: reason('退回理由') }),
      audit: 'credit.listing.review',
    },
    dismiss: {
      label: '不予列入',
      from: ['proposed', 'reviewed'],
      to: 'dismissed',
      permission: ['credit.manage'],
      input: z.object({ note: reason('不予列入的理由') }),
      clocks: [{ op: 'stop', clock: 'listing' }],
      audit: 'credit.listing.dismiss',
      danger: true,
    },
    object: {
      label: '登记异议',
      from: ['listed'],
      to: 'objecting',
      permission: ['credit.manage'],
      input: z.object({ text: reason('异议内容') }),
      clocks: [{ op: 'start', clock: 'objection_accept' }],
      audit: 'credit.listing.object',
    },
    accept_objection: {
      label: '受理异议',
      from: ['objecting'],
      to: 'verifying',
      permission: ['credit.manage'],
      input: z.object({ note: optionalNote }),
      clocks: [
        { op: 'stop', clock: 'objection_accept' },
        { op: 'start', clock: 'objection_verify' },
      ],
      audit: 'credit.listing.objection',
    },
    refuse_objection: {
      label: '不予受理',
      from: ['objecting'],
      to: 'listed',
      permission: ['credit.manage'],
      input: z.object({ note: reason('不予受理的理由') }),
      clocks: [{ op: 'stop', clock: 'objection_accept' }],
      audit: 'credit.listing.objection',
      danger: true,
    },
    uphold: {
      label: '异议不成立',
      from: ['verifying'],
      to: 'listed',
      permission: ['credit.manage'],
      input: z.object({ note: reason('核实结论') }),
      clocks: [{ op: 'stop', clock: 'objection_verify' }],
      audit: 'credit.listing.objection',
    },
    revoke: {
      label: '异议成立并撤销',
      from: ['verifying'],
      to: 'removed',
      permission: ['credit.manage'],
      input: z.object({ note: reason('核实结论') }),
      clocks: [{ op: 'stop', clock: 'objection_verify' }],
      audit: 'credit.listing.remove',
    },
    apply_removal: {
      label: '登记移出申请',
      from: ['listed'],
      to: 'removal_applied',
      permission: ['credit.manage'],
      input: z.object({ ground: removalGround, note: optionalNote }),
      clocks: [{ op: 'start', clock: 'removal' }],
      audit: 'credit.listing.apply_removal',
    },
    remove: {
      label: '决定移出',
      from: ['removal_applied'],
      to: 'removed',
      permission: ['credit.manage'],
      input: z.object({ note: optionalNote }),
      clocks: [{ op: 'stop', clock: 'removal' }],
      audit: 'credit.listing.remove',
    },
    refuse_removal: {
      label: '不予移出',
      from: ['removal_applied'],
      to: 'listed',
      permission: ['credit.manage'],
      input: z.object({ note: reason('不予移出的理由') }),
      clocks: [{ op: 'stop', clock: 'removal' }],
      audit: 'credit.listing.remove',
      danger: true,
    },
  },
})
export type ListingAction = (typeof listingWorkflow.actionList)[number]
export type ListingState = (typeof listingWorkflow.stateList)[number]
export const LISTING_STATES = listingWorkflow.stateList

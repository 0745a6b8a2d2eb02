/**
 * Penalty publicity (行政处罚信息公示, Order 45 of 2021, RULES.md §2.8 / §11.4), typical cases
 * (典型案例) and case statistics: the words and request bodies shared by the server
 * (src/modules/cases/cases.publicity.ts, cases.stats.ts) and the web (公示管理, public penalty pages,
 * 案件统计).
 */
import { z } from 'zod'
import { caseDay } from './case.inputs'
import { CASE_LIMITS, CASE_TYPES } from './vocabulary'

/** pending (待公示) → published (公示中) → withdrawn (已撤回) | stopped (提前停止); display end is a date, not a state. */
export const PUBLICITY_STATES = { pending: '待公示', published: '公示中', withdrawn: '已撤回', stopped: '已提前停止公示' } as const
export type PublicityState = keyof typeof PUBLICITY_STATES

/** Display periods of Order 45 Art 13. */
export const DISPLAY_KINDS = {
  short: '3个月（通报批评或较低数额罚款）',
  long: '3年',
  restriction: '限制期限（长于3年的限制开展生产经营活动、限制从业）',
} as const
export type DisplayKind = keyof typeof DISPLAY_KINDS

export const PUBLICITY_LIMITS = { reason: 500, title: 100, writeUp: 8000, query: 50 } as const

const reason = (label: string, max: number = PUBLICITY_LIMITS.reason) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(2, `${label}至少 2 个字`)
    .max(max, `${label}最多 ${max} 字`)
    .describe(label)
const version = z.number({ error: '缺少版本号（version），请刷新后重试' }).int('版本号应为整数').min(1, '版本号应为正整数')

/** 公示: the publicity officer publishes the record (default today). */
export const PublishBody = z.object({ version, on: caseDay('公示日期') }).strict()
/** 撤回: the decision was changed, revoked, or confirmed illegal or void (Order 45 Art 11): within 3 WD of that day. */
export const WithdrawBody = z
  .object({
    version,
    changedOn: caseDay('决定被变更、撤销或确认违法、无效之日'),
    reason: reason('撤回理由'),
    on: caseDay('撤回日期'),
  })
  .strict()
/** 典型案例: a leader marks a decided case typical with a public write-up. */
export const TypicalBody = z
  .object({
    caseId: z.string({ error: '请选择案件' }).uuid('案件 ID 无效'),
    title: reason('标题', PUBLICITY_LIMITS.title),
    writeUp: reason('案例评析', PUBLICITY_LIMITS.writeUp),
  })
  .strict()
export type PublishBody = z.infer<typeof PublishBody>
export type WithdrawBody = z.infer<typeof WithdrawBody>
export type TypicalBody = z.infer<typeof TypicalBody>

/** Statistics periods: month, quarter, year, or a free range (≤ 5 years). */
export const STAT_PERIODS = { month: '月', quarter: '季度', year: '年', range: '自定义' } as const
export type StatPeriod = keyof typeof STAT_PERIODS

/** The figures of one statistics row (money in fen). */
export const STAT_MEASURES = {
  filed: '立案数',
  closed: '结案数',
  pending: '期末未结',
  fineFen: '罚款（元）',
  confiscatedFen: '罚没（没收违法所得、非法财物，元）',
  seizures: '查封扣押（次）',
  seizedQuantity: '查封扣押物品（数量）',
  transfers: '移送（件）',
  onSpot: '当场处罚（件）',
} as const
export type StatMeasure = keyof typeof STAT_MEASURES

export const caseTypeLabel = (t: string) => CASE_TYPES[t as keyof typeof CASE_TYPES] ?? t
export { CASE_LIMITS }

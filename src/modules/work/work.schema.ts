import { z } from 'zod'
import type { Ctx } from '../../core/actor'
import type { Executor } from '../../core/db/database'
import type { Recipient } from '../messages'

export const CLOCK_STATUSES = ['overdue', 'due_soon', 'on_time', 'none'] as const

/** One thing on someone's to-do list, as a provider returns it. */
export interface WorkEntry {
  /** The record's id (unique within the provider). */
  id: string
  /** Matter type of the record (complaint_item, complaint_supervision, inspection_target, case_lead, credit_proposal). */
  matterType: string
  /** Human-facing number (TS2026…, XS2026…, task number). */
  no: string
  title: string
  /** Secondary line: respondent, entity, task… */
  subtitle: string | null
  /** State in words. */
  stateLabel: string
  /** What is expected of me, in words (待受理, 回复督办, 录入检查结果…). */
  actionLabel: string
  /** The due date (YYYY-MM-DD, China time) and what it is, if the matter has a clock. */
  dueOn: string | null
  dueLabel: string | null
  /** In-app path of the record. */
  link: string
  /** 'me' = assigned to me; 'unit' = my unit's, nobody assigned yet. */
  assignee: 'me' | 'unit'
  unitName: string | null
  /** When the matter arrived (ISO instant or date), for the order among undated ones. */
  at: string | null
}

/** An open clock that may need a due-soon or overdue notice (system-wide, for the scheduler). */
export interface DueClock {
  matterType: string
  matterId: string
  no: string
  title: string
  dueOn: string
  dueKind: string
  dueLabel: string
  link: string
  permission: string
  to: Recipient
}

/** What a module contributes to 我的待办: its own query, scoped like its records. */
export interface WorkProvider {
  key: string
  title: string
  /** The actor needs one of these permissions for `load` to be called. */
  permission: string | readonly string[]
  load(ctx: Ctx, env: { today: string }): Promise<WorkEntry[]>
  /** Open clocks due on or before `until` (including overdue ones), for due notices. */
  dueClocks?(exec: Executor, q: { today: string; until: string }): Promise<DueClock[]>
}

export const WorkItem = z
  .object({
    key: z.string().describe('provider key + record id'),
    source: z.string(),
    sourceTitle: z.string(),
    id: z.string(),
    matterType: z.string(),
    no: z.string(),
    title: z.string(),
    subtitle: z.string().nullable(),
    stateLabel: z.string(),
    actionLabel: z.string(),
    dueOn: z.string().nullable(),
    dueLabel: z.string().nullable(),
    clockStatus: z.enum(CLOCK_STATUSES),
    clockLabel: z.string(),
    workingDaysLeft: z.number().int().nullable(),
    link: z.string(),
    assignee: z.enum(['me', 'unit']),
    unitName: z.string().nullable(),
  })
  .meta({ id: 'WorkItem' })
export type WorkItem = z.infer<typeof WorkItem>

export const MyWork = z
  .object({
    today: z.string(),
    dueSoonWd: z.number().int(),
    counts: z.object({
      total: z.number().int(),
      overdue: z.number().int(),
      dueSoon: z.number().int(),
      supervision: z.number().int(),
      inspections: z.number().int(),
    }),
    sources: z.array(z.object({ key: z.string(), title: z.string(), count: z.number().int() })),
    items: z.array(WorkItem),
  })
  .meta({ id: 'MyWork' })
export type MyWork = z.infer<typeof MyWork>

export const WorkSettings = z
  .object({
    dueSoonWd: z.coerce.number('应为数字').int('应为整数').min(0, '不能为负数').max(30, '最多 30 个工作日').describe('提前几个工作日提醒（即将到期）'),
  })
  .meta({ id: 'WorkSettings' })
export type WorkSettings = z.infer<typeof WorkSettings>

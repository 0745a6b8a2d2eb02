/** Shapes of the inspections API (双随机、一公开), see /api/openapi.json. */
import type { components } from '../../api/openapi.gen'
import { ENTITY_KIND_LABEL } from '../../../../src/shared/entities/vocabulary'
import {
  BUSINESS_LINES as SHARED_BUSINESS_LINES,
  CONFLICT_KINDS as SHARED_CONFLICT_KINDS,
  DEFAULT_RATIOS,
  RESULT_CODES,
  RESULT_OPTIONS,
  STRATA,
  STRATUM_LABEL,
} from '../../../../src/shared/inspections/vocabulary'
import type { Permission } from '../../api/types'

/** Response shapes are the server's own (openapi.gen.ts, generated from its zod schemas). */
type Schemas = components['schemas']

/** The inspection permissions (the shared Permission union may not list them yet). */
export const P = {
  read: 'inspection.read' as Permission,
  manage: 'inspection.manage' as Permission,
  plan: 'inspection.plan' as Permission,
  draw: 'inspection.draw' as Permission,
  result: 'inspection.result' as Permission,
  publish: 'inspection.publish' as Permission,
  export: 'inspection.export' as Permission,
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export type Item = Schemas['InspectionItem']
export type Inspector = Schemas['Inspector']
export type Conflict = Schemas['InspectorConflict']
export type Plan = Schemas['InspectionPlan']
export interface StratumRule {
  stratum: string
  ratio: number
  min?: number
  max?: number
}
export interface Publication {
  state: 'not_started' | 'pending' | 'overdue' | 'published'
  stateLabel: string
  completedOn: string | null
  dueOn: string | null
  ruleName: string | null
  provisional: boolean
  publishedAt: string | null
}
export type TaskSummary = Schemas['InspectionTaskSummary']
export type Task = Schemas['InspectionTask']
export type Preview = Schemas['InspectionDrawPreview']
export type DrawJob = Schemas['InspectionDrawJob']
export type Draw = Schemas['InspectionDraw']
export type Target = Schemas['InspectionTarget']
export type MyTarget = Schemas['InspectionMyTarget']
export type TargetDetail = Schemas['InspectionTargetDetail']
export type Verdict = Schemas['InspectionDrawVerdict']
export type PublicTask = Schemas['PublicInspectionTask']
export type PublicTarget = Schemas['PublicInspectionTarget']
export type Announcement = Schemas['PublicInspectionAnnouncement']

/** Business lines, results, kinds, strata and conflict kinds are the server's own (src/shared). */
export const BUSINESS_LINES: Record<string, string> = SHARED_BUSINESS_LINES
export const RESULT_LABELS: Record<string, string> = Object.fromEntries(RESULT_CODES.map((r) => [r, RESULT_OPTIONS[r].label]))
export const PROBLEM_RESULTS = new Set<string>(RESULT_CODES.filter((r) => RESULT_OPTIONS[r].problem))
export const KIND_LABELS: Record<string, string> = ENTITY_KIND_LABEL
export const STRATUM_LABELS: Record<string, string> = STRATUM_LABEL
export const CONFLICT_KINDS: Record<string, string> = SHARED_CONFLICT_KINDS
export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  announced: 'blue',
  drawn: 'processing',
  completed: 'orange',
  published: 'green',
  void: 'red',
}
export const DEFAULT_STRATA: StratumRule[] = STRATA.map((stratum) => ({ stratum, ratio: DEFAULT_RATIOS[stratum] }))
export const pct = (r: number) => `${Math.round(r * 10000) / 100}%`

/** Shapes of the inspections API (双随机、一公开), see /api/openapi.json. */
import type { components } from '../../api/openapi.gen'
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

export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

export type Item = Schemas['InspectionItem']
export type Inspector = Schemas['Inspector']
export type Conflict = Schemas['InspectorConflict']
export type Plan = Schemas['InspectionPlan']
export interface StratumRule { stratum: string; ratio: number; min?: number; max?: number }
export interface Publication { state: 'not_started' | 'pending' | 'overdue' | 'published'; stateLabel: string; completedOn: string | null; dueOn: string | null; ruleName: string | null; provisional: boolean; publishedAt: string | null }
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

export const BUSINESS_LINES: Record<string, string> = {
  registration: '登记注册与信息公示', food: '食品安全', product_quality: '产品质量', special_equipment: '特种设备', measurement: '计量', standards: '标准化与认证认可',
  price: '价格监督', advertising: '广告监管', competition: '反不正当竞争', drugs: '药品医疗器械', consumer: '消费者权益保护',
}
export const RESULT_LABELS: Record<string, string> = {
  no_problem: '未发现问题', no_activity: '未发现开展本次抽查涉及的经营活动', corrected: '发现问题已责令改正', pending_followup: '发现问题待后续处理',
  not_publicised: '未按规定公示应当公示的信息', false_publicity: '公示信息隐瞒真实情况、弄虚作假', unreachable: '通过登记的住所（经营场所）无法联系', refused: '不配合检查情节严重',
}
export const PROBLEM_RESULTS = new Set(['corrected', 'pending_followup', 'not_publicised', 'false_publicity', 'unreachable', 'refused'])
export const KIND_LABELS: Record<string, string> = { enterprise: '企业', individual: '个体工商户', cooperative: '农民专业合作社', other: '其他组织' }
export const STRATUM_LABELS: Record<string, string> = { A: 'A 类（低风险）', B: 'B 类（一般风险）', C: 'C 类（较高风险）', D: 'D 类（高风险）', N: '未分类' }
export const CONFLICT_KINDS: Record<string, string> = { relative: '近亲属关系', former_employer: '曾任职单位', recent_inspection: '近期检查过该主体', other: '其他利害关系' }
export const STATUS_COLORS: Record<string, string> = { draft: 'default', announced: 'blue', drawn: 'processing', completed: 'orange', published: 'green', void: 'red' }
export const DEFAULT_STRATA: StratumRule[] = [
  { stratum: 'A', ratio: 0.01 }, { stratum: 'B', ratio: 0.04 }, { stratum: 'C', ratio: 0.08 }, { stratum: 'D', ratio: 1 }, { stratum: 'N', ratio: 0.04 },
]
export const pct = (r: number) => `${Math.round(r * 10000) / 100}%`

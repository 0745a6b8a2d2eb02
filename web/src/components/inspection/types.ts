/** Shapes of the inspections API (双随机、一公开), see /api/openapi.json. */
import type { Permission } from '../../api/types'

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

export interface Option { code: string; label: string }
export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

export interface Item {
  id: string; code: string; name: string; legalBasis: string; unitId: string; unitName: string | null; entityKinds: string[]; isKey: boolean
  checkMethod: string; resultOptions: Option[]; businessLine: string; businessLineLabel: string; active: boolean; version: number; updatedAt: string
}
export interface Inspector {
  userId: string; username: string; displayName: string; certNo: string | null; unitId: string; unitName: string | null; lines: Option[]
  maxLoad: number | null; active: boolean; note: string | null; conflictCount: number; loginEnabled: boolean
}
export interface Conflict { id: string; entityId: string; entityName: string | null; uscc: string | null; kind: string; kindLabel: string; reason: string; validFrom: string; validTo: string | null }
export interface Plan { id: string; planNo: string; year: number; name: string; unitId: string; unitName: string | null; description: string | null; taskCount: number; version: number }
export interface StratumRule { stratum: string; ratio: number; min?: number; max?: number }
export interface TaskParams { strata: StratumRule[]; perTarget: number; maxLoad: number; excludeDailyStation: boolean; excludeRecent: boolean }
export interface TaskScope { kinds: string[]; industries: string[]; divisions: string[]; tags: string[]; riskClasses: string[]; statuses: string[]; specialListId: string | null }
export interface TaskItem { itemId: string; code: string; name: string; isKey: boolean; businessLine: string; businessLineLabel: string; unitId: string; unitName: string | null; resultOptions: Option[] }
export interface Publication { state: 'not_started' | 'pending' | 'overdue' | 'published'; stateLabel: string; completedOn: string | null; dueOn: string | null; ruleName: string | null; provisional: boolean; publishedAt: string | null }
export interface TaskSummary {
  id: string; taskNo: string; planId: string | null; planName: string | null; name: string; unitId: string; unitName: string | null; joint: boolean
  periodFrom: string; periodTo: string; status: string; statusLabel: string; commitmentHash: string | null; announcedAt: string | null
  currentDrawId: string | null; drawnAt: string | null; targetCount: number; doneCount: number; publication: Publication; version: number
}
export interface Task extends TaskSummary { scope: TaskScope; params: TaskParams; items: TaskItem[] }
export interface Preview {
  poolSize: number; excludedCount: number; expectedTotal: number
  strata: { stratum: string; label: string; size: number; ratio: number; expected: number }[]
  inspectors: { groupNo: number; unitName: string | null; line: string; lineLabel: string; available: number }[]
}
export interface DrawJob { id: string; taskId: string; status: string; statusLabel: string; phase: string | null; processed: number; poolSize: number | null; message: string | null; drawId: string | null; finishedAt: string | null }
export interface Draw {
  id: string; drawNo: string; taskNo: string; attempt: number; redrawOf: string | null; redrawReason: string | null; status: 'succeeded' | 'failed'; algorithm: string
  poolSize: number; poolHash: string; params: unknown; paramsHash: string; excludedCount: number; exclusionHash: string; commitmentHash: string; commitmentSecret: string
  drawTimeValue: string; drawTimeSource: string; seed: string; strata: { stratum: string; label: string; size: number; expected: number; drawn: number; ratio: number }[]
  drawnCount: number; rosterHash: string; failure: string[] | null; drawnByName: string; drawnAt: string
}
export interface ItemResult { itemId: string; itemName: string; result: string; resultLabel: string; note: string | null }
export interface Target {
  id: string; taskId: string; entityId: string; entityName: string; uscc: string | null; stratum: string; ordinal: number; stationName: string | null; status: string
  inspectedOn: string | null; outcome: string | null; outcomeLabel: string | null; inspectors: { userId: string; displayName: string; groupNo: number }[]
  leadNo: string | null; abnormalProposed: boolean; results: ItemResult[]; attachmentCount: number
}
export interface MyTarget extends Target { taskNo: string; taskName: string; periodTo: string }
export interface TargetDetail extends Target { task: TaskSummary; items: TaskItem[]; attachments: { id: string; fileName: string; mime: string; size: number; uploadedAt: string }[]; mayRecord: boolean }
export interface Verdict {
  drawNo: string; taskNo: string; taskName: string; status: string; algorithm: string; poolSize: number; poolHash: string; params: unknown; paramsHash: string
  excludedCount: number; exclusionHash: string; commitmentHash: string; commitmentSecret: string; drawTimeValue: string; seed: string; rosterHash: string
  drawnCount: number; drawnAt: string; redrawOf: string | null; redrawReason: string | null; ok: boolean; problems: string[]; checkedAt: string
}
export interface PublicTask { id: string; taskNo: string; name: string; unitName: string | null; periodFrom: string; periodTo: string; targetCount: number; problemCount: number; publishedAt: string; drawNo: string | null; items: string[] }
export interface PublicTarget { entityName: string; uscc: string | null; inspectedOn: string | null; outcome: string | null; outcomeLabel: string | null; results: { itemName: string; resultLabel: string }[] }
export interface Announcement { taskNo: string; name: string; unitName: string | null; periodFrom: string; periodTo: string; announcedAt: string; commitmentHash: string; drawNo: string | null }

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
export const STATUS_COLORS: Record<string, string> = { draft: 'default', announced: 'blue', drawn: 'processing', completed: 'orange', published: 'green' }
export const DEFAULT_STRATA: StratumRule[] = [
  { stratum: 'A', ratio: 0.01 }, { stratum: 'B', ratio: 0.04 }, { stratum: 'C', ratio: 0.08 }, { stratum: 'D', ratio: 1 }, { stratum: 'N', ratio: 0.04 },
]
export const pct = (r: number) => `${Math.round(r * 10000) / 100}%`

import { z } from 'zod'
import { dateParam, daySpan, periodRefine } from '../../core/dates'
import { PageQuery, pageResponse } from '../../core/pagination'
import { ENTITY_STATUSES, ENTITY_TAGS } from '../entities'
import { BUSINESS_LINE_CODES, CONFLICT_KINDS, ENTITY_KIND_CODES, RESULT_CODES, STRATA } from './inspections.domain'

const Uuid = (what: string) => z.string().uuid(`${what} ID 无效`)
const Day = dateParam()
/** A task's inspection period is within one plan year or so; longer is a typing error. */
const MAX_TASK_DAYS = 731
const Text = (max: number, label: string) => z.string().trim().max(max, `${label}最多 ${max} 字`)
const STATUS = Object.keys(ENTITY_STATUSES) as [string, ...string[]]
const TAGS = Object.keys(ENTITY_TAGS) as [string, ...string[]]
const CONFLICT = Object.keys(CONFLICT_KINDS) as [string, ...string[]]

// ---------------------------------------------------------------------------------------------
// Check items (抽查事项清单)
// ---------------------------------------------------------------------------------------------

export const ItemBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{2,40}$/, '事项编码应为 2–40 位字母、数字或连字符'),
    name: Text(200, '事项名称').min(2, '事项名称至少 2 个字'),
    legalBasis: Text(2000, '法律依据').min(2, '请填写法律依据'),
    unitId: Uuid('实施部门'),
    entityKinds: z.array(z.enum(ENTITY_KIND_CODES)).max(4).default([]).describe('适用主体类型；空 = 全部'),
    isKey: z.boolean().default(false).describe('重点检查事项（比例不设上限）；否则为一般检查事项'),
    checkMethod: Text(500, '检查方式').min(2, '请填写检查方式'),
    resultOptions: z.array(z.enum(RESULT_CODES)).min(1, '至少一个检查结果选项').max(RESULT_CODES.length),
    businessLine: z.enum(BUSINESS_LINE_CODES, '业务条线无效'),
    active: z.boolean().default(true),
  })
  .meta({ id: 'InspectionItemBody' })
export type ItemBody = z.infer<typeof ItemBody>
export const ItemPatch = ItemBody.partial()
  .extend({ expectedVersion: z.number().int().min(1) })
  .meta({ id: 'InspectionItemPatch' })
export type ItemPatch = z.infer<typeof ItemPatch>

export const Item = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    legalBasis: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    entityKinds: z.array(z.string()),
    isKey: z.boolean(),
    checkMethod: z.string(),
    resultOptions: z.array(z.object({ code: z.string(), label: z.string() })),
    businessLine: z.string(),
    businessLineLabel: z.string(),
    active: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'InspectionItem' })
export type Item = z.infer<typeof Item>
export const ItemQuery = PageQuery.extend({
  q: Text(50, '关键词').optional(),
  line: z.enum(BUSINESS_LINE_CODES).optional(),
  active: z.enum(['true', 'false']).optional(),
})
export type ItemQuery = z.infer<typeof ItemQuery>

export const ImportSummary = z
  .object({
    id: z.string(),
    kind: z.string(),
    fileName: z.string(),
    totalRows: z.number().int(),
    okRows: z.number().int(),
    errorRows: z.number().int(),
    errors: z
      .array(z.object({ rowNo: z.number().int(), columnName: z.string(), value: z.string().nullable(), reason: z.string() }))
      .describe('前 100 条错误；完整错误见错误报告'),
    listId: z.string().nullable(),
  })
  .meta({ id: 'InspectionImportSummary' })
export type ImportSummary = z.infer<typeof ImportSummary>

// ---------------------------------------------------------------------------------------------
// Inspector register (执法检查人员名录库)
// ---------------------------------------------------------------------------------------------

export const InspectorBody = z
  .object({
    unitId: Uuid('所属机构'),
    lines: z.array(z.enum(BUSINESS_LINE_CODES)).min(1, '至少一个业务条线').max(BUSINESS_LINE_CODES.length),
    maxLoad: z.number().int().min(1).max(10_000).nullable().default(null).describe('每次任务最多承担的检查对象数；空 = 按任务设置'),
    active: z.boolean().default(true),
    note: Text(500, '备注').nullable().default(null),
  })
  .meta({ id: 'InspectorBody' })
export type InspectorBody = z.infer<typeof InspectorBody>

export const Inspector = z
  .object({
    userId: z.string(),
    username: z.string(),
    displayName: z.string(),
    certNo: z.string().nullable(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    lines: z.array(z.object({ code: z.string(), label: z.string() })),
    maxLoad: z.number().int().nullable(),
    active: z.boolean(),
    note: z.string().nullable(),
    conflictCount: z.number().int(),
    loginEnabled: z.boolean(),
  })
  .meta({ id: 'Inspector' })
export type Inspector = z.infer<typeof Inspector>
export const InspectorQuery = PageQuery.extend({
  unitId: Uuid('机构').optional(),
  line: z.enum(BUSINESS_LINE_CODES).optional(),
  q: Text(50, '姓名').optional(),
})
export type InspectorQuery = z.infer<typeof InspectorQuery>
export const Candidate = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  certNo: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
})

export const ConflictBody = z
  .object({
    entityId: Uuid('经营主体'),
    kind: z.enum(CONFLICT, '利害关系类型无效'),
    reason: Text(500, '说明').min(2, '请说明利害关系'),
    validFrom: Day,
    validTo: Day.nullable().default(null),
  })
  .refine((b) => !b.validTo || b.validTo >= b.validFrom, { message: '结束日期不能早于开始日期', path: ['validTo'] })
  .meta({ id: 'ConflictBody' })
export type ConflictBody = z.infer<typeof ConflictBody>
export const Conflict = z
  .object({
    id: z.string(),
    userId: z.string(),
    entityId: z.string(),
    entityName: z.string().nullable(),
    uscc: z.string().nullable(),
    kind: z.string(),
    kindLabel: z.string(),
    reason: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'InspectorConflict' })

export const SpecialList = z
  .object({
    id: z.string(),
    name: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    note: z.string().nullable(),
    memberCount: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'SpecialList' })
export const SpecialListImportQuery = z.object({
  name: Text(100, '名录名称').min(2, '请填写名录名称'),
  unitId: Uuid('所属机构'),
  note: Text(500, '备注').optional(),
})

// ---------------------------------------------------------------------------------------------
// Plans and tasks
// ---------------------------------------------------------------------------------------------

export const StratumRule = z
  .object({
    stratum: z.enum(STRATA),
    ratio: z.number().min(0, '抽查比例不能为负').max(1, '抽查比例不能超过 100%').describe('抽查比例（0–1，如 0.04 = 4%）'),
    min: z.number().int().min(0).max(10_000_000).optional(),
    max: z.number().int().min(0).max(10_000_000).optional(),
  })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: '最少抽取数不能大于最多抽取数', path: ['max'] })

export const TaskParams = z
  .object({
    strata: z
      .array(StratumRule)
      .min(1, '至少设置一个风险分层')
      .max(STRATA.length)
      .refine((a) => new Set(a.map((r) => r.stratum)).size === a.length, '风险分层不能重复'),
    perTarget: z.number().int().min(2, '每个检查对象至少 2 名检查人员').max(10).default(2),
    maxLoad: z.number().int().min(1).max(10_000).default(30).describe('每名检查人员最多承担的检查对象数'),
    excludeDailyStation: z.boolean().default(true).describe('不派日常监管该对象的监管所人员'),
    excludeRecent: z.boolean().default(true).describe('一年内已因同一事项被抽中的对象不再抽取'),
  })
  .meta({ id: 'InspectionTaskParams' })
export type TaskParams = z.infer<typeof TaskParams>

export const TaskScope = z
  .object({
    kinds: z.array(z.enum(ENTITY_KIND_CODES)).max(4).default([]),
    industries: z
      .array(
        z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-T]\d{0,4}$/, '行业代码格式不正确'),
      )
      .max(20)
      .default([]),
    divisions: z
      .array(z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为 6 位或 9 位数字'))
      .max(20)
      .default([]),
    tags: z.array(z.enum(TAGS)).max(10).default([]),
    riskClasses: z.array(z.enum(STRATA)).max(STRATA.length).default([]).describe('N = 未分类'),
    statuses: z.array(z.enum(STATUS)).min(1).max(STATUS.length).default(['active']),
    specialListId: Uuid('特定对象名录').nullable().default(null),
  })
  .meta({ id: 'InspectionTaskScope' })
export type TaskScope = z.infer<typeof TaskScope>

export const PlanBody = z
  .object({
    year: z.number().int().min(2015).max(2100),
    name: Text(200, '计划名称').min(2, '请填写计划名称'),
    unitId: Uuid('制定机构'),
    description: Text(4000, '说明').nullable().default(null),
  })
  .meta({ id: 'InspectionPlanBody' })
export type PlanBody = z.infer<typeof PlanBody>
export const PlanPatch = PlanBody.partial().extend({ expectedVersion: z.number().int().min(1) })
export type PlanPatch = z.infer<typeof PlanPatch>
export const Plan = z
  .object({
    id: z.string(),
    planNo: z.string(),
    year: z.number().int(),
    name: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    description: z.string().nullable(),
    taskCount: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'InspectionPlan' })
export const PlanQuery = PageQuery.extend({ year: z.coerce.number().int().min(2015).max(2100).optional() })

export const TaskBody = z
  .object({
    planId: Uuid('计划').nullable().default(null),
    name: Text(200, '任务名称').min(2, '请填写任务名称'),
    unitId: Uuid('组织实施机构'),
    joint: z.boolean().default(false).describe('部门联合抽查'),
    periodFrom: Day,
    periodTo: Day,
    items: z
      .array(
        z.object({ itemId: Uuid('抽查事项'), unitId: Uuid('检查部门').nullable().default(null).describe('联合抽查时由哪个部门检查；空 = 事项的实施部门') }),
      )
      .min(1, '至少选择一个抽查事项')
      .max(50, '一个任务最多 50 个抽查事项')
      .refine((a) => new Set(a.map((i) => i.itemId)).size === a.length, '抽查事项不能重复'),
    scope: TaskScope,
    params: TaskParams,
  })
  .refine((b) => b.periodTo >= b.periodFrom, { message: '结束日期不能早于开始日期', path: ['periodTo'] })
  .refine((b) => b.periodTo < b.periodFrom || daySpan(b.periodFrom, b.periodTo) < MAX_TASK_DAYS, {
    message: `检查期限最长 ${MAX_TASK_DAYS} 天`,
    path: ['periodTo'],
  })
  .meta({ id: 'InspectionTaskBody' })
export type TaskBody = z.infer<typeof TaskBody>
export const TaskPatch = periodRefine(
  z.object({
    expectedVersion: z.number().int().min(1),
    name: Text(200, '任务名称').min(2).optional(),
    joint: z.boolean().optional(),
    periodFrom: Day.optional(),
    periodTo: Day.optional(),
    items: TaskBody.shape.items.optional(),
    scope: TaskScope.optional(),
    params: TaskParams.optional(),
  }),
  { from: 'periodFrom', to: 'periodTo', maxDays: MAX_TASK_DAYS, label: '检查期限' },
).meta({ id: 'InspectionTaskPatch' })
export type TaskPatch = z.infer<typeof TaskPatch>

export const TaskQuery = PageQuery.extend({
  planId: Uuid('计划').optional(),
  status: z.enum(['draft', 'announced', 'drawn', 'completed', 'published', 'void']).optional(),
  year: z.coerce.number().int().min(2015).max(2100).optional(),
  q: Text(50, '关键词').optional(),
})
export type TaskQuery = z.infer<typeof TaskQuery>

const TaskItemOut = z.object({
  itemId: z.string(),
  code: z.string(),
  name: z.string(),
  isKey: z.boolean(),
  businessLine: z.string(),
  businessLineLabel: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  resultOptions: z.array(z.object({ code: z.string(), label: z.string() })),
})

export const Publication = z.object({
  state: z.enum(['not_started', 'pending', 'overdue', 'published']),
  stateLabel: z.string(),
  completedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  ruleId: z.string(),
  ruleName: z.string().nullable(),
  provisional: z.boolean(),
  publishedAt: z.string().nullable(),
})

export const Task = z
  .object({
    id: z.string(),
    taskNo: z.string(),
    planId: z.string().nullable(),
    planName: z.string().nullable(),
    name: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    joint: z.boolean(),
    periodFrom: z.string(),
    periodTo: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    scope: TaskScope,
    params: TaskParams,
    items: z.array(TaskItemOut),
    commitmentHash: z.string().nullable(),
    announcedAt: z.string().nullable(),
    currentDrawId: z.string().nullable(),
    drawnAt: z.string().nullable(),
    targetCount: z.number().int(),
    doneCount: z.number().int(),
    publication: Publication,
    voidedAt: z.string().nullable(),
    voidReason: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'InspectionTask' })
export type Task = z.infer<typeof Task>
export const TaskSummary = Task.omit({ scope: true, params: true, items: true }).meta({ id: 'InspectionTaskSummary' })

export const Preview = z
  .object({
    poolSize: z.number().int(),
    excludedCount: z.number().int(),
    expectedTotal: z.number().int(),
    strata: z.array(z.object({ stratum: z.string(), label: z.string(), size: z.number().int(), ratio: z.number(), expected: z.number().int() })),
    inspectors: z.array(
      z.object({
        groupNo: z.number().int(),
        unitName: z.string().nullable(),
        line: z.string(),
        lineLabel: z.string(),
        available: z.number().int(),
        need: z.number().int().describe('所需人次：应抽户数 × 每户人数'),
        capacity: z.number().int().describe('可用人次：各检查人员负荷上限之和（每户至多一次）'),
      }),
    ),
    feasible: z.boolean().describe('按当前名录与检查人员能否完成抽取（公告前必须为 true）'),
    problems: z.array(z.string()).describe('不能抽取的原因（公告将被拒绝）'),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'InspectionDrawPreview' })

export const VoidBody = z.object({ reason: Text(500, '作废理由').min(4, '请说明作废的理由（至少 4 个字）') }).meta({ id: 'InspectionTaskVoidBody' })
export type VoidBody = z.infer<typeof VoidBody>

export const DrawBody = z
  .object({
    drawTimeValue: z
      .string()
      .trim()
      .min(4, '抽取时随机值至少 4 个字符')
      .max(200)
      .optional()
      .describe('抽取时才产生的公开随机值（如当日开奖号码）；省略则由服务器在抽取时生成并记录'),
    reason: Text(500, '重新抽取理由').min(4, '请说明重新抽取的理由').optional(),
  })
  .meta({ id: 'InspectionDrawBody' })
export type DrawBody = z.infer<typeof DrawBody>

export const DrawJob = z
  .object({
    id: z.string(),
    taskId: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    phase: z.string().nullable(),
    processed: z.number().int(),
    poolSize: z.number().int().nullable(),
    message: z.string().nullable(),
    drawId: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'InspectionDrawJob' })
export type DrawJob = z.infer<typeof DrawJob>

export const StratumCount = z.object({
  stratum: z.string(),
  label: z.string(),
  size: z.number().int(),
  expected: z.number().int(),
  drawn: z.number().int(),
  ratio: z.number(),
})
export const Draw = z
  .object({
    id: z.string(),
    drawNo: z.string(),
    taskId: z.string(),
    taskNo: z.string(),
    attempt: z.number().int(),
    redrawOf: z.string().nullable(),
    redrawReason: z.string().nullable(),
    status: z.enum(['succeeded', 'failed']),
    algorithm: z.string(),
    poolSize: z.number().int(),
    poolHash: z.string(),
    params: z.record(z.string(), z.unknown()),
    paramsHash: z.string(),
    excludedCount: z.number().int(),
    exclusionHash: z.string(),
    commitmentHash: z.string(),
    commitmentSecret: z.string(),
    drawTimeValue: z.string(),
    drawTimeSource: z.string(),
    seed: z.string(),
    strata: z.array(StratumCount),
    drawnCount: z.number().int(),
    rosterHash: z.string(),
    failure: z.array(z.string()).nullable(),
    drawnByName: z.string(),
    drawnAt: z.string(),
  })
  .meta({ id: 'InspectionDraw' })
export type Draw = z.infer<typeof Draw>

export const Verdict = z
  .object({
    drawNo: z.string(),
    taskNo: z.string(),
    taskName: z.string(),
    status: z.string(),
    algorithm: z.string(),
    poolSize: z.number().int(),
    poolHash: z.string(),
    params: z.record(z.string(), z.unknown()),
    paramsHash: z.string(),
    excludedCount: z.number().int(),
    exclusionHash: z.string(),
    commitmentHash: z.string(),
    commitmentSecret: z.string(),
    drawTimeValue: z.string(),
    seed: z.string(),
    rosterHash: z.string(),
    drawnCount: z.number().int(),
    drawnAt: z.string(),
    redrawOf: z.string().nullable(),
    redrawReason: z.string().nullable(),
    ok: z.boolean(),
    problems: z.array(z.string()),
    checkedAt: z.string(),
  })
  .meta({ id: 'InspectionDrawVerdict' })
export type Verdict = z.infer<typeof Verdict>

export const ItemResultOut = z.object({ itemId: z.string(), itemName: z.string(), result: z.string(), resultLabel: z.string(), note: z.string().nullable() })
export const Target = z
  .object({
    id: z.string(),
    taskId: z.string(),
    entityId: z.string(),
    entityName: z.string(),
    uscc: z.string().nullable(),
    stratum: z.string(),
    ordinal: z.number().int(),
    stationUnitId: z.string().nullable(),
    stationName: z.string().nullable(),
    status: z.string(),
    inspectedOn: z.string().nullable(),
    outcome: z.string().nullable(),
    outcomeLabel: z.string().nullable(),
    inspectors: z.array(z.object({ userId: z.string(), displayName: z.string(), groupNo: z.number().int() })),
    leadNo: z.string().nullable(),
    abnormalProposed: z.boolean(),
    results: z.array(ItemResultOut),
    attachmentCount: z.number().int(),
  })
  .meta({ id: 'InspectionTarget' })
export type Target = z.infer<typeof Target>
export const TargetQuery = PageQuery.extend({ status: z.enum(['pending', 'done']).optional(), q: Text(50, '名称').optional() })
export type TargetQuery = z.infer<typeof TargetQuery>

export const TargetDetail = Target.extend({
  task: TaskSummary,
  items: z.array(TaskItemOut),
  attachments: z.array(z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number().int(), uploadedAt: z.string() })),
  mayRecord: z.boolean(),
}).meta({ id: 'InspectionTargetDetail' })

export const ResultBody = z
  .object({
    inspectedOn: Day,
    results: z
      .array(z.object({ itemId: Uuid('抽查事项'), result: z.enum(RESULT_CODES, '检查结果无效'), note: Text(2000, '说明').nullable().default(null) }))
      .min(1)
      .max(50),
  })
  .meta({ id: 'InspectionResultBody' })
export type ResultBody = z.infer<typeof ResultBody>

export const MyTargetQuery = PageQuery.extend({ status: z.enum(['pending', 'done']).optional() })
export const MyTarget = Target.extend({ taskNo: z.string(), taskName: z.string(), periodTo: z.string() }).meta({ id: 'InspectionMyTarget' })

// ---------------------------------------------------------------------------------------------
// Public (no login): published tasks, drawn targets (name + USCC) and results only
// ---------------------------------------------------------------------------------------------

export const PublicTask = z
  .object({
    id: z.string(),
    taskNo: z.string(),
    name: z.string(),
    unitName: z.string().nullable(),
    periodFrom: z.string(),
    periodTo: z.string(),
    targetCount: z.number().int(),
    problemCount: z.number().int(),
    publishedAt: z.string(),
    drawNo: z.string().nullable(),
    items: z.array(z.string()),
  })
  .meta({ id: 'PublicInspectionTask' })
export const PublicTarget = z
  .object({
    entityName: z.string(),
    uscc: z.string().nullable(),
    inspectedOn: z.string().nullable(),
    outcome: z.string().nullable(),
    outcomeLabel: z.string().nullable(),
    results: z.array(z.object({ itemName: z.string(), resultLabel: z.string() })),
  })
  .meta({ id: 'PublicInspectionTarget' })
export const PublicAnnouncement = z
  .object({
    taskNo: z.string(),
    name: z.string(),
    unitName: z.string().nullable(),
    periodFrom: z.string(),
    periodTo: z.string(),
    announcedAt: z.string(),
    commitmentHash: z.string(),
    drawNo: z.string().nullable(),
    withdrawn: z.boolean().describe('已作废（撤回）：承诺值保留公开，不再抽取'),
    withdrawnAt: z.string().nullable(),
    withdrawReason: z.string().nullable(),
  })
  .meta({ id: 'PublicInspectionAnnouncement' })
export const PublicQuery = PageQuery.extend({ q: Text(50, '关键词').optional() })

export const pages = {
  items: pageResponse(Item),
  inspectors: pageResponse(Inspector),
  plans: pageResponse(Plan),
  tasks: pageResponse(TaskSummary),
  targets: pageResponse(Target),
  myTargets: pageResponse(MyTarget),
  publicTasks: pageResponse(PublicTask),
  publicTargets: pageResponse(PublicTarget),
  announcements: pageResponse(PublicAnnouncement),
}

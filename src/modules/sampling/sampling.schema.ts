import { z } from 'zod'
import { AvailableActions } from '../../core/matter/routes'
import { PageQuery, pageResponse } from '../../core/pagination'
import { CHECK_TYPES } from '../../shared/sampling/catalogue'
import { SAMPLE_STATES, SAMPLING_LIMITS, samplingDay } from '../../shared/sampling/sample.workflow'

export { ResultItemsInput, SamplingFormInput } from '../../shared/sampling/sample.workflow'

const name = (label: string, max: number = SAMPLING_LIMITS.text) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}最多 ${max} 字`)
const optName = (label: string, max: number = SAMPLING_LIMITS.text) => z.string().trim().max(max, `${label}最多 ${max} 字`).nullable().optional()
const uuid = (label: string) => z.string().uuid(`${label}无效`)
const year = z.coerce.number({ error: '年度应为数字' }).int('年度须为整数').min(2000, '年度不能早于 2000 年').max(2099, '年度超出范围')

export const LabInput = z
  .object({
    name: name('机构名称'),
    uscc: z
      .string()
      .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码应为 18 位')
      .nullable()
      .optional(),
    cmaNo: name('资质认定证书编号', SAMPLING_LIMITS.short),
    scopeText: name('资质认定能力范围', SAMPLING_LIMITS.note),
    checkTypes: z.array(z.enum(CHECK_TYPES, '承检类别应为 食品/产品')).min(1, '至少选择一个承检类别').max(2),
    qualifiedFrom: samplingDay('资质有效期起'),
    qualifiedTo: samplingDay('资质有效期止'),
    retestQualified: z.boolean().default(false),
    address: optName('地址'),
    phone: optName('电话', 40),
  })
  .refine((v) => v.qualifiedFrom <= v.qualifiedTo, { message: '资质有效期止不能早于起始日期', path: ['qualifiedTo'] })
export type LabInput = z.infer<typeof LabInput>

export const Lab = z
  .object({
    id: z.string(),
    name: z.string(),
    uscc: z.string().nullable(),
    cmaNo: z.string(),
    scopeText: z.string(),
    checkTypes: z.array(z.string()),
    qualifiedFrom: z.string(),
    qualifiedTo: z.string(),
    qualifiedNow: z.boolean(),
    retestQualified: z.boolean(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .meta({ id: 'SamplingLab' })
export type Lab = z.infer<typeof Lab>

export const LabUserInput = z.object({ userId: uuid('用户') })

export const PopulationInput = z.object({
  divisionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字'),
  year,
  population: z.number({ error: '常住人口应为数字' }).int('常住人口须为整数').min(1, '常住人口至少为 1').max(2_000_000_000, '常住人口超出范围'),
  sourceNote: optName('数据来源', SAMPLING_LIMITS.text),
})
export const Population = z.object({ divisionCode: z.string(), year: z.number(), population: z.number(), sourceNote: z.string().nullable() })

export const PlanLineInput = z.object({
  categoryCode: z.string().min(1).max(10),
  batches: z.number({ error: '批次数应为数字' }).int('批次数须为整数').min(1, '批次数至少为 1').max(1_000_000, '批次数超出范围'),
  riskWeight: z.number().int().min(1, '风险权重为 1–5').max(5, '风险权重为 1–5').default(1),
})
export const PlanInput = z.object({
  unitId: uuid('计划单位'),
  year,
  title: name('计划名称'),
  checkType: z.enum(CHECK_TYPES, '抽检类别应为 食品/产品'),
  targetPerThousand: z.number({ error: '目标应为数字' }).min(0, '目标不能为负数').max(100, '每千人批次目标超出范围').optional(),
  note: optName('说明', SAMPLING_LIMITS.note),
  lines: z.array(PlanLineInput).min(1, '至少列出一个抽检类别').max(200, '抽检类别最多 200 个'),
  labIds: z.array(uuid('承检机构')).min(1, '至少委托一家承检机构').max(50),
})
export type PlanInput = z.infer<typeof PlanInput>

export const PlanLine = z.object({
  categoryCode: z.string(),
  categoryName: z.string(),
  batches: z.number(),
  riskWeight: z.number(),
  tasks: z.number(),
  sampled: z.number(),
  tested: z.number(),
  nonConforming: z.number(),
})
export const Plan = z
  .object({
    id: z.string(),
    planNo: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    year: z.number(),
    title: z.string(),
    checkType: z.string(),
    checkTypeLabel: z.string(),
    targetPerThousand: z.number(),
    note: z.string().nullable(),
    planned: z.number(),
    sampled: z.number(),
    tested: z.number(),
    nonConforming: z.number(),
    population: z.number().nullable(),
    perThousand: z.number().nullable(),
    targetReachedPercent: z.number().nullable(),
    labs: z.array(z.object({ id: z.string(), name: z.string() })),
    lines: z.array(PlanLine),
    version: z.number(),
  })
  .meta({ id: 'SamplingPlan' })
export type Plan = z.infer<typeof Plan>
export const PlanQuery = z.object({ year: year.optional() })

export const TaskInput = z
  .object({
    categoryCode: z.string().min(1).max(10),
    mode: z.enum(['random', 'targeted'], '任务方式应为 双随机/定向'),
    entityIds: z.array(uuid('经营主体')).max(200, '一次最多 200 个经营主体').optional(),
    count: z.number().int('数量须为整数').min(1, '数量至少为 1').max(200, '一次最多抽取 200 个').optional(),
    assigneeId: uuid('抽样人员').nullable().optional(),
  })
  .refine((v) => (v.mode === 'targeted' ? (v.entityIds?.length ?? 0) > 0 : (v.count ?? 0) > 0), {
    message: '定向抽样须选择经营主体，双随机抽取须填写数量',
    path: ['mode'],
  })
export type TaskInput = z.infer<typeof TaskInput>

export const ResultItem = z.object({
  round: z.string(),
  seq: z.number(),
  item: z.string(),
  standard: z.string(),
  method: z.string(),
  limit: z.string(),
  result: z.string(),
  unit: z.string(),
  conclusion: z.string(),
  conclusionLabel: z.string(),
})

export const Sample = z
  .object({
    id: z.string(),
    sampleNo: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    planId: z.string(),
    planTitle: z.string().nullable(),
    year: z.number(),
    checkType: z.string(),
    categoryCode: z.string(),
    categoryName: z.string(),
    taskMode: z.string(),
    taskModeLabel: z.string(),
    assigneeId: z.string().nullable(),
    entityId: z.string().nullable(),
    entityName: z.string(),
    place: z.string().nullable(),
    producerName: z.string().nullable(),
    producerAddress: z.string().nullable(),
    producerDivision: z.string().nullable(),
    producerOutside: z.boolean(),
    productName: z.string().nullable(),
    brand: z.string().nullable(),
    spec: z.string().nullable(),
    batchNo: z.string().nullable(),
    productionDate: z.string().nullable(),
    shelfLifeDays: z.number().nullable(),
    quantity: z.number().nullable(),
    backupQuantity: z.number().nullable(),
    quantityUnit: z.string().nullable(),
    pricePaidFen: z.number().nullable(),
    samplers: z.array(z.string()),
    sampledOn: z.string().nullable(),
    signedBy: z.string().nullable(),
    labId: z.string().nullable(),
    labName: z.string().nullable(),
    receivedOn: z.string().nullable(),
    reportNo: z.string().nullable(),
    issuedOn: z.string().nullable(),
    conclusion: z.string().nullable(),
    backupKeepUntil: z.string().nullable(),
    servedOn: z.string().nullable(),
    retestAppliedOn: z.string().nullable(),
    retestLabId: z.string().nullable(),
    retestLabName: z.string().nullable(),
    retestConclusion: z.string().nullable(),
    leadId: z.string().nullable(),
    disposalDoneOn: z.string().nullable(),
    state: z.enum(SAMPLE_STATES),
    stateLabel: z.string(),
    createdAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'SamplingSample' })
export type Sample = z.infer<typeof Sample>

export const SampleClock = z.object({ kind: z.string(), label: z.string(), startOn: z.string(), dueOn: z.string().nullable(), doneOn: z.string().nullable() })
export const RetestDraw = z.object({
  algorithm: z.string(),
  commitment: z.string(),
  committedAt: z.string(),
  drawn: z.boolean(),
  secret: z.string().nullable(),
  drawTimeValue: z.string().nullable(),
  pool: z.array(z.object({ labId: z.string(), labName: z.string() })).nullable(),
  poolHash: z.string().nullable(),
  paramsHash: z.string().nullable(),
  seedHex: z.string().nullable(),
  drawnLabId: z.string().nullable(),
  drawnLabName: z.string().nullable(),
  drawnAt: z.string().nullable(),
})
export const SampleDetail = Sample.extend({
  results: z.array(ResultItem),
  clocks: z.array(SampleClock),
  disposals: z.array(z.object({ step: z.string(), stepLabel: z.string(), doneOn: z.string(), note: z.string().nullable() })),
  assists: z.array(z.object({ producerName: z.string(), toAuthority: z.string(), requestedOn: z.string(), state: z.string() })),
  retestDraw: RetestDraw.nullable(),
  actions: AvailableActions,
}).meta({ id: 'SamplingSampleDetail' })
export type SampleDetail = z.infer<typeof SampleDetail>

export const SamplePage = pageResponse(Sample)
export const SampleQuery = PageQuery.extend({
  state: z.enum(SAMPLE_STATES).optional(),
  planId: z.string().uuid('计划 ID 无效').optional(),
  year: year.optional(),
  mine: z.coerce.boolean().optional().describe('只看分配给我的抽样任务'),
  entityId: z.string().uuid('经营主体 ID 无效').optional(),
})
export type SampleQuery = z.infer<typeof SampleQuery>

export const StatsQuery = z.object({
  year,
  checkType: z.enum(CHECK_TYPES, '抽检类别应为 食品/产品').default('food'),
  by: z.enum(['category', 'unit'], '分组应为 category/unit').default('category'),
})
export type StatsQuery = z.infer<typeof StatsQuery>
export const StatsRow = z.object({
  key: z.string(),
  label: z.string(),
  planned: z.number(),
  sampled: z.number(),
  tested: z.number(),
  nonConforming: z.number(),
  passRate: z.number().nullable(),
  disposing: z.number(),
  disposed: z.number(),
  disposalCompletion: z.number().nullable(),
})
export const Stats = z.object({
  year: z.number(),
  checkType: z.string(),
  by: z.string(),
  rows: z.array(StatsRow),
  total: StatsRow,
  population: z.number().nullable(),
  perThousand: z.number().nullable(),
  target: z.number(),
})
export type Stats = z.infer<typeof Stats>

export const PublicResultsQuery = z.object({
  year,
  conclusion: z.enum(['pass', 'fail'], '结论应为 pass/fail').optional(),
  categoryCode: z.string().max(10).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
})
export const PublicResult = z.object({
  sampleNo: z.string(),
  productName: z.string().nullable(),
  brand: z.string().nullable(),
  spec: z.string().nullable(),
  batchNo: z.string().nullable(),
  producerName: z.string().nullable(),
  entityName: z.string(),
  categoryName: z.string(),
  conclusion: z.string(),
  conclusionLabel: z.string(),
  failedItems: z.array(z.string()),
  issuedOn: z.string().nullable(),
  labName: z.string().nullable(),
})
export const PublicResultPage = pageResponse(PublicResult)
export const PublicDrawVerification = RetestDraw.extend({ sampleNo: z.string(), ok: z.boolean().nullable(), problems: z.array(z.string()) })

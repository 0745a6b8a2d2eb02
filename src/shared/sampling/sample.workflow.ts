/**
 * The sample (样品 / 抽样批次) of a sampling plan: vocabulary, form schemas and workflow, shared by
 * the server (sampling module) and the web. One row from the task (待抽样) through the sampling form
 * (抽样单), the laboratory (收样, 检验, 报告), and for a non-conforming result the service of the
 * conclusion, the re-test (复检) with its randomly drawn laboratory, and the disposal (核查处置).
 * Clocks are rules of the catalogue (RULES.md §12, §19): delivery 5 WD, report 20 WD, service 5 WD,
 * re-test request 7 WD, disposal 90 days.
 */
import { z } from 'zod'
import { defineWorkflow } from '../kernel/workflow'

export const SAMPLING_LIMITS = {
  text: 200,
  note: 2000,
  name: 100,
  short: 60,
  /** Largest number of units in one sample (a typo guard). */
  quantityMax: 100_000,
  /** Largest price paid for one sample, in fen (CNY 1,000,000). */
  priceMaxFen: 100_000_000,
  shelfLifeMaxDays: 3650,
  itemsMax: 500,
  samplersMin: 2,
  samplersMax: 6,
} as const

export const SAMPLING_DAY_RE = /^\d{4}-\d{2}-\d{2}$/
/** A real calendar date (YYYY-MM-DD) between 2000-01-01 and 2099-12-31; the server checks its order against the sample's dates. */
export const samplingDay = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(SAMPLING_DAY_RE, `${label}格式应为 YYYY-MM-DD`)
    .refine((s) => {
      const t = Date.parse(`${s}T00:00:00Z`)
      return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s
    }, `${label}不存在`)
    .refine((s) => s >= '2000-01-01' && s <= '2099-12-31', `${label}超出可接受的范围`)
    .describe(label)
const text = (label: string, max: number = SAMPLING_LIMITS.text) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}最多 ${max} 字`)
    .describe(label)
const optText = (label: string, max: number = SAMPLING_LIMITS.text) =>
  z.string().trim().max(max, `${label}最多 ${max} 字`).nullable().optional().describe(`${label}（可选）`)
const count = (label: string, min: number) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}须为整数`)
    .min(min, min > 0 ? `${label}至少为 ${min}` : `${label}不能为负数`)
    .max(SAMPLING_LIMITS.quantityMax, `${label}超出合理范围，请核对`)
    .describe(label)

export const SAMPLE_STATES = [
  'assigned',
  'cancelled',
  'sampled',
  'testing',
  'conforming',
  'non_conforming',
  'served',
  'retest_requested',
  'retesting',
  'disposing',
  'closed',
] as const
export type SampleState = (typeof SAMPLE_STATES)[number]

export const TASK_MODES = { random: '双随机抽取', targeted: '定向抽样（风险、投诉、专项）' } as const
export type TaskMode = keyof typeof TASK_MODES

export const CONCLUSIONS = { pass: '合格', fail: '不合格' } as const
export type Conclusion = keyof typeof CONCLUSIONS

/** Disposal steps (后处理) after a non-conforming result (RULES.md §12.3; Order 18 Arts 45–47 for products). */
export const DISPOSAL_STEPS = {
  stop_sale: '责令停止销售（封存）',
  recall: '召回',
  rectification: '整改',
  verification: '核查处置完成核验',
} as const
export type DisposalStep = keyof typeof DISPOSAL_STEPS

export const SAMPLE_CLOCKS = {
  delivery: { label: '送样期限（5个工作日）', rule: 'sampling.delivery' },
  report: { label: '检验报告期限（20个工作日）', rule: 'sampling.report' },
  service: { label: '不合格结论送达期限（5个工作日）', rule: 'sampling.service' },
  retest_request: { label: '复检申请期限（7个工作日）', rule: 'sampling.retest_request' },
  disposal: { label: '核查处置期限（90日）', rule: 'sampling.disposal' },
} as const

/** The sampling form (抽样单): what the sampler records in the shop. */
export const SamplingFormInput = z
  .object({
    sampledOn: samplingDay('抽样日期'),
    place: text('抽样地点'),
    productName: text('样品名称', SAMPLING_LIMITS.name),
    brand: optText('商标', SAMPLING_LIMITS.short),
    spec: optText('规格型号', SAMPLING_LIMITS.short),
    batchNo: optText('生产日期/批号', SAMPLING_LIMITS.short),
    productionDate: samplingDay('生产日期').nullable().optional(),
    shelfLifeDays: z
      .number({ error: '保质期应为天数' })
      .int('保质期须为整数天')
      .min(1, '保质期至少为 1 天')
      .max(SAMPLING_LIMITS.shelfLifeMaxDays, '保质期超出合理范围，请核对')
      .nullable()
      .optional()
      .describe('保质期（天，可选）'),
    producerName: text('标称生产者名称'),
    producerAddress: optText('标称生产者地址'),
    producerDivision: z
      .string()
      .regex(/^\d{6}$/, '标称生产者所在地应为 6 位行政区划代码')
      .nullable()
      .optional()
      .describe('标称生产者所在地（行政区划代码，可选）'),
    quantity: count('检验样品数量', 1),
    backupQuantity: count('复检备份样品数量', 0),
    quantityUnit: text('数量单位', 10),
    pricePaidFen: z
      .number({ error: '购样费用应为数字（单位：分）' })
      .int('购样费用须为整数（单位：分）')
      .min(0, '购样费用不能为负数')
      .max(SAMPLING_LIMITS.priceMaxFen, '购样费用超出合理范围，请核对')
      .describe('购样费用（分）'),
    samplers: z
      .array(text('抽样人员', 40))
      .min(SAMPLING_LIMITS.samplersMin, `抽样人员不得少于 ${SAMPLING_LIMITS.samplersMin} 人`)
      .max(SAMPLING_LIMITS.samplersMax, `抽样人员最多 ${SAMPLING_LIMITS.samplersMax} 人`)
      .describe('抽样人员'),
    signedBy: text('被抽样单位签字人', 40),
    labId: z.string().uuid('承检机构无效').describe('承检机构'),
  })
  .refine((v) => !v.productionDate || v.productionDate <= v.sampledOn, { message: '生产日期不能晚于抽样日期', path: ['productionDate'] })
export type SamplingFormInput = z.infer<typeof SamplingFormInput>

/** One test item of a result (检验项目). */
export const ResultItemInput = z.object({
  item: text('检验项目', SAMPLING_LIMITS.name),
  standard: text('判定依据', SAMPLING_LIMITS.text),
  method: text('检验方法', SAMPLING_LIMITS.text),
  limit: text('标准指标', SAMPLING_LIMITS.short),
  result: text('实测值', SAMPLING_LIMITS.short),
  unit: text('计量单位', 20),
  conclusion: z.enum(['pass', 'fail'], '单项结论应为 合格/不合格').describe('单项结论'),
})
export type ResultItemInput = z.infer<typeof ResultItemInput>
export const ResultItemsInput = z.object({
  items: z.array(ResultItemInput).min(1, '至少录入一个检验项目').max(SAMPLING_LIMITS.itemsMax, `检验项目最多 ${SAMPLING_LIMITS.itemsMax} 个`),
})

const reportNo = text('检验报告编号', SAMPLING_LIMITS.short)

export const sampleWorkflow = defineWorkflow({
  type: 'sampling_sample',
  label: '抽检样品',
  initial: 'assigned',
  clocks: SAMPLE_CLOCKS,
  states: {
    assigned: { label: '待抽样' },
    cancelled: { label: '抽样未果', final: true },
    sampled: { label: '已抽样（待收样）' },
    testing: { label: '检验中' },
    conforming: { label: '合格', final: true },
    non_conforming: { label: '不合格（待送达）' },
    served: { label: '已送达（复检申请期）' },
    retest_requested: { label: '已申请复检（待确定复检机构）' },
    retesting: { label: '复检中' },
    disposing: { label: '核查处置中' },
    closed: { label: '处置完毕', final: true },
  },
  actions: {
    record_sampling: {
      label: '填写抽样单',
      from: ['assigned'],
      to: 'sampled',
      permission: ['sampling.sample'],
      input: SamplingFormInput,
      clocks: [{ op: 'start', clock: 'delivery' }],
      audit: 'sampling.sample',
    },
    cancel_task: {
      label: '抽样未果',
      from: ['assigned'],
      to: 'cancelled',
      permission: ['sampling.sample', 'sampling.manage'],
      input: z.object({ reason: text('抽样未果的原因', SAMPLING_LIMITS.note) }),
      audit: 'sampling.cancel',
      danger: true,
    },
    receive: {
      label: '确认收样',
      from: ['sampled'],
      to: 'testing',
      permission: ['sampling.lab'],
      input: z.object({ receivedOn: samplingDay('收样日期') }),
      clocks: [
        { op: 'stop', clock: 'delivery' },
        { op: 'start', clock: 'report' },
      ],
      audit: 'sampling.receive',
    },
    issue_conforming: {
      label: '出具检验报告（合格）',
      from: ['testing'],
      to: 'conforming',
      permission: ['sampling.lab'],
      input: z.object({ reportNo, issuedOn: samplingDay('报告日期') }),
      clocks: [{ op: 'stop', clock: 'report' }],
      audit: 'sampling.report',
      confirm: '报告出具后检验结果不可再修改。',
    },
    issue_non_conforming: {
      label: '出具检验报告（不合格）',
      from: ['testing'],
      to: 'non_conforming',
      permission: ['sampling.lab'],
      input: z.object({ reportNo, issuedOn: samplingDay('报告日期') }),
      clocks: [
        { op: 'stop', clock: 'report' },
        { op: 'start', clock: 'service' },
      ],
      audit: 'sampling.report',
      confirm: '报告出具后检验结果不可再修改。',
      danger: true,
    },
    serve: {
      label: '送达检验结论',
      from: ['non_conforming'],
      to: 'served',
      permission: ['sampling.manage'],
      input: z.object({ servedOn: samplingDay('送达日期') }),
      clocks: [
        { op: 'stop', clock: 'service' },
        { op: 'start', clock: 'retest_request' },
        { op: 'start', clock: 'disposal' },
      ],
      audit: 'sampling.serve',
    },
    request_retest: {
      label: '登记复检申请',
      from: ['served'],
      to: 'retest_requested',
      permission: ['sampling.manage'],
      input: z.object({ appliedOn: samplingDay('复检申请日期'), applicant: text('申请人', SAMPLING_LIMITS.name) }),
      clocks: [{ op: 'stop', clock: 'retest_request' }],
      audit: 'sampling.retest_request',
    },
    draw_retest_lab: {
      label: '随机确定复检机构',
      from: ['retest_requested'],
      to: 'retesting',
      permission: ['sampling.manage'],
      input: z.object({ drawTimeValue: text('抽取时刻值（如当日公开开奖号码）', 64).regex(/^[^\r\n]+$/, '抽取时刻值不能含有换行') }),
      audit: 'sampling.retest_draw',
    },
    retest_conforming: {
      label: '复检结论：合格',
      from: ['retesting'],
      to: 'conforming',
      permission: ['sampling.lab'],
      input: z.object({ reportNo, issuedOn: samplingDay('复检报告日期') }),
      clocks: [{ op: 'stop', clock: 'disposal' }],
      audit: 'sampling.report',
    },
    retest_non_conforming: {
      label: '复检结论：不合格',
      from: ['retesting'],
      to: 'disposing',
      permission: ['sampling.lab'],
      input: z.object({ reportNo, issuedOn: samplingDay('复检报告日期') }),
      audit: 'sampling.report',
      danger: true,
    },
    start_disposal: {
      label: '开始核查处置（未申请复检）',
      from: ['served'],
      to: 'disposing',
      permission: ['sampling.manage'],
      clocks: [{ op: 'stop', clock: 'retest_request' }],
      audit: 'sampling.dispose',
    },
    record_disposal: {
      label: '登记处置措施',
      from: ['disposing'],
      to: 'same',
      permission: ['sampling.manage'],
      input: z.object({
        step: z.enum(['stop_sale', 'recall', 'rectification'], '处置措施应为 停止销售/召回/整改').describe('处置措施'),
        doneOn: samplingDay('处置日期'),
        note: optText('说明', SAMPLING_LIMITS.note),
      }),
      audit: 'sampling.dispose',
    },
    verify_disposal: {
      label: '核验处置完成',
      from: ['disposing'],
      to: 'closed',
      permission: ['sampling.manage'],
      input: z.object({ doneOn: samplingDay('核验日期'), note: optText('核验意见', SAMPLING_LIMITS.note) }),
      clocks: [{ op: 'stop', clock: 'disposal' }],
      audit: 'sampling.dispose',
    },
  },
})
export type SampleAction = (typeof sampleWorkflow.actionList)[number]
export const SAMPLE_STATE_LABEL = Object.fromEntries(SAMPLE_STATES.map((s) => [s, sampleWorkflow.states[s].label])) as Record<SampleState, string>
/** Actions a laboratory account takes (through the laboratory's routes). */
export const LAB_ACTIONS = [
  'receive',
  'issue_conforming',
  'issue_non_conforming',
  'retest_conforming',
  'retest_non_conforming',
] as const satisfies readonly SampleAction[]

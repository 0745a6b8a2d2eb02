import { z } from 'zod'
import { COLLECTION_CLASSES, COLLECTION_KINDS, COLLECTION_LIMITS as L, type CollectionClass, type CollectionKind } from './vocabulary'

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]
const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}最多 ${max} 字`)
const DAY = /^\d{4}-\d{2}-\d{2}$/
/** A real calendar date (YYYY-MM-DD). */
export const collectionDay = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(DAY, `${label}格式应为 YYYY-MM-DD`)
    .refine((s) => {
      const t = Date.parse(`${s}T00:00:00Z`)
      return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s
    }, `${label}不是有效日期`)
/** A month (YYYY-MM). */
export const collectionMonth = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label}格式应为 YYYY-MM`)
    .refine((s) => Number(s.slice(0, 4)) >= 2000 && Number(s.slice(0, 4)) <= 2100, `${label}超出范围`)

export const DepartmentBody = z
  .object({
    code: z
      .string({ error: '请填写部门编码' })
      .trim()
      .regex(/^[A-Za-z0-9-]{2,40}$/, '部门编码应为 2–40 位字母、数字或连字符'),
    name: text('部门名称', L.name),
    unitId: z.string({ error: '请选择归集单位' }).min(1, '请选择归集单位').max(64),
    /** The service account whose API token may push for this department. */
    pushUserId: z.string().max(64).nullable().optional(),
    active: z.boolean().default(true),
  })
  .meta({ id: 'CollectionDepartmentBody' })
export type DepartmentBody = z.infer<typeof DepartmentBody>

/** One record as a department sends it (push, manual entry, one row of an imported file). */
export const RecordInput = z
  .object({
    kind: z.enum(keys(COLLECTION_KINDS), '信息类别应为：行政许可、行政处罚、抽查检查结果、其他涉企信息'),
    infoClass: z.enum(keys(COLLECTION_CLASSES), '公开属性应为：公开类、非公开类'),
    uscc: z
      .string({ error: '请填写统一社会信用代码' })
      .trim()
      .toUpperCase()
      .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码应为 18 位（数字和大写字母，不含 I、O、Z、S、V）'),
    entityName: text('主体名称', L.name),
    docNo: text('文书编号', L.docNo),
    title: text('信息名称', L.title),
    decidedOn: collectionDay('作出日期'),
    validUntil: collectionDay('有效期至').nullable().optional(),
    content: z.string().trim().max(L.content, `内容最多 ${L.content} 字`).nullable().optional(),
  })
  .meta({ id: 'CollectionRecordInput' })
export type RecordInput = z.infer<typeof RecordInput>

export const ManualRecordBody = RecordInput.extend({ departmentId: z.string({ error: '请选择来源部门' }).min(1, '请选择来源部门').max(64) }).meta({
  id: 'CollectionManualRecordBody',
})
export type ManualRecordBody = z.infer<typeof ManualRecordBody>

export const PushBody = z
  .object({
    department: z.string({ error: '请填写部门编码' }).trim().min(1).max(L.code),
    records: z.array(z.unknown(), { error: 'records 应为数组' }).min(1, '至少推送一条信息').max(L.pushBatch, `每次最多推送 ${L.pushBatch} 条`),
  })
  .meta({ id: 'CollectionPushBody' })

export const QuotaBody = z
  .object({
    departmentId: z.string().min(1).max(64),
    month: collectionMonth('月份'),
    infoClass: z.enum(keys(COLLECTION_CLASSES)),
    expected: z.number({ error: '应归集数应为数字' }).int('应归集数须为整数').min(0, '应归集数不能为负数').max(L.expectedMax, '应归集数超出合理范围'),
  })
  .meta({ id: 'CollectionQuotaBody' })
export type QuotaBody = z.infer<typeof QuotaBody>

export const RateQuery = z
  .object({ from: collectionMonth('起始月份'), to: collectionMonth('截止月份') })
  .refine((q) => q.from <= q.to, { message: '起始月份不能晚于截止月份', path: ['to'] })
export type RateQuery = z.infer<typeof RateQuery>

export type { CollectionClass, CollectionKind }

// --- responses ------------------------------------------------------------------------------------

export const Department = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    pushUserId: z.string().nullable(),
    pushUsername: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'CollectionDepartment' })
export type Department = z.infer<typeof Department>

export const CollectedRecord = z
  .object({
    id: z.string(),
    departmentId: z.string(),
    departmentName: z.string(),
    kind: z.string(),
    kindLabel: z.string(),
    infoClass: z.string(),
    infoClassLabel: z.string(),
    uscc: z.string(),
    entityId: z.string().nullable(),
    entityName: z.string(),
    docNo: z.string(),
    title: z.string(),
    decidedOn: z.string(),
    validUntil: z.string().nullable(),
    content: z.string().nullable(),
    source: z.string(),
    sourceLabel: z.string(),
    receivedAt: z.string(),
    dueOn: z.string(),
    dueProvisional: z.boolean(),
    onTime: z.boolean(),
    revision: z.number().int(),
  })
  .meta({ id: 'CollectedRecord' })
export type CollectedRecord = z.infer<typeof CollectedRecord>

export const RecordQuery = z.object({
  departmentId: z.string().max(64).optional(),
  kind: z.enum(keys(COLLECTION_KINDS)).optional(),
  infoClass: z.enum(keys(COLLECTION_CLASSES)).optional(),
  /** USCC, entity name or document number (substring). */
  q: z.string().trim().max(100, '关键词最多 100 字').optional(),
  matched: z.enum(['1', '0']).optional().describe('1: 已关联本局名录的主体；0: 未关联'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
})
export type RecordQuery = z.infer<typeof RecordQuery>

export const PushResult = z
  .object({
    received: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.array(z.object({ index: z.number().int(), docNo: z.string().nullable(), errors: z.array(z.string()) })),
  })
  .meta({ id: 'CollectionPushResult' })
export type PushResult = z.infer<typeof PushResult>

const RateCellOut = z.object({
  collected: z.number().int(),
  onTime: z.number().int(),
  expected: z.number().int(),
  rate: z.number().nullable(),
  timelyRate: z.number().nullable(),
})
export const RateTable = z
  .object({
    from: z.string(),
    to: z.string(),
    rows: z.array(z.object({ departmentId: z.string(), code: z.string(), name: z.string(), public: RateCellOut, non_public: RateCellOut })),
    total: z.object({ public: RateCellOut, non_public: RateCellOut }),
  })
  .meta({ id: 'CollectionRateTable' })
export type RateTable = z.infer<typeof RateTable>

export const Quota = z
  .object({ departmentId: z.string(), month: z.string(), infoClass: z.string(), expected: z.number().int() })
  .meta({ id: 'CollectionQuota' })
export type Quota = z.infer<typeof Quota>

import { z } from 'zod'
import { dateParam } from '../../core/dates'
import { PageQuery } from '../../core/pagination'
import { ChangeReason, EntityCreateFields, EntityDivision, EntityFields, EntityName } from '../../shared/entities/schema'
import { ENTITY_STATUSES, ENTITY_TAGS, RISK_CLASSES } from './entities.domain'

const STATUS = Object.keys(ENTITY_STATUSES) as [string, ...string[]]
const TAGS = Object.keys(ENTITY_TAGS) as [string, ...string[]]
/** Registers hold entities founded long before the platform's own dates begin. */
const REGISTERED_MIN = '1900-01-01'
const Division = EntityDivision

export const Entity = z
  .object({
    id: z.string(),
    uscc: z.string().nullable(),
    regNo: z.string().nullable(),
    orgCode: z.string().nullable(),
    name: z.string(),
    entityKind: z.string(),
    entityKindLabel: z.string(),
    entityType: z.string().nullable(),
    legalRep: z.string().nullable(),
    domicile: z.string().nullable(),
    domicileDivision: z.string().nullable(),
    businessAddress: z.string().nullable(),
    businessDivision: z.string().nullable(),
    businessDivisionName: z.string().nullable(),
    industryCode: z.string().nullable(),
    industryName: z.string().nullable(),
    registeredOn: z.string().nullable(),
    regAuthority: z.string().nullable(),
    status: z.string(),
    statusLabel: z.string(),
    riskClass: z.string().nullable(),
    stationUnitId: z.string().nullable(),
    stationName: z.string().nullable(),
    tags: z.array(z.object({ code: z.string(), label: z.string() })),
    platformName: z.string().nullable(),
    checksumException: z.boolean(),
    checksumExceptionReason: z.string().nullable(),
    source: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'MarketEntity' })
export type Entity = z.infer<typeof Entity>

export const EntityQuery = PageQuery.extend({
  uscc: z.string().trim().max(40).optional().describe('统一社会信用代码或注册号（精确）'),
  name: z.string().trim().max(50).optional().describe('名称片段（子串匹配）'),
  nameMode: z.enum(['contains', 'prefix']).default('contains'),
  legalRep: z.string().trim().max(50).optional().describe('法定代表人/经营者（精确或前缀）'),
  division: Division.optional().describe('经营场所行政区划（含下级）'),
  stationId: z.string().uuid().optional().describe('管辖机构（含下级）'),
  kind: z.enum(['enterprise', 'individual', 'cooperative', 'other']).optional(),
  tag: z.enum(TAGS).optional(),
  riskClass: z.enum(RISK_CLASSES).optional(),
  status: z.enum(STATUS).optional(),
  industry: z
    .string()
    .trim()
    .regex(/^[A-T]\d{0,4}$/i, '行业代码格式不正确')
    .optional(),
  ids: z
    .string()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(,[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}){0,199}$/i,
      '所选经营主体 ID 无效（以逗号分隔，最多 200 个）',
    )
    .optional()
    .describe('只取这些经营主体（勾选导出；以逗号分隔，最多 200 个）'),
  after: z
    .string()
    .trim()
    .max(400)
    .regex(/^[A-Za-z0-9_-]+$/, '翻页游标格式不正确')
    .optional()
    .describe('翻页游标（上一页返回的 nextCursor）：按游标接着上一页往下读，不受页数限制；给出时忽略 page 的偏移'),
})
export type EntityQuery = z.infer<typeof EntityQuery>

export const EntityPage = z
  .object({
    items: z.array(Entity),
    total: z.number().int().describe('符合条件的户数：名录总数与各项条件均为精确数；名称片段检索最多计到 10000'),
    totalCapped: z.boolean().describe('名称片段检索的匹配超过 10000 户，只计到 10000（翻页仍可看完全部匹配）'),
    page: z.number().int(),
    pageSize: z.number().int(),
    nextCursor: z.string().nullable().describe('下一页的游标（after 参数）；没有下一页时为 null'),
  })
  .meta({ id: 'EntityPage' })

const editable = {
  ...EntityFields,
  registeredOn: dateParam({ min: REGISTERED_MIN }).nullable().optional().describe(`成立日期（${REGISTERED_MIN} 起）`),
}

export const UpdateEntityBody = z.object({ expectedVersion: z.number().int().min(1), reason: ChangeReason, ...editable }).meta({ id: 'UpdateEntityBody' })
export type UpdateEntity = z.infer<typeof UpdateEntityBody>

export const CreateEntityBody = z
  .object({
    ...EntityCreateFields,
    ...editable,
    name: EntityName,
  })
  .meta({ id: 'CreateEntityBody' })
export type CreateEntity = z.infer<typeof CreateEntityBody>

export const ImportJobOut = z
  .object({
    id: z.string(),
    fileName: z.string(),
    fileSize: z.number(),
    format: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    phase: z.string().nullable(),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    errorRows: z.number().int(),
    warningRows: z.number().int().describe('有警告（照常导入）的行数'),
    processedRows: z.number().int(),
    insertedRows: z.number().int(),
    updatedRows: z.number().int(),
    message: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ImportJob' })

export const UsccCheckOut = z
  .object({
    code: z.string(),
    valid: z.boolean(),
    reason: z.string().nullable(),
    expected: z.string().nullable(),
    kind: z.string().nullable(),
    divisionStatus: z
      .enum(['current', 'retired', 'unknown', 'unchecked'])
      .nullable()
      .describe('第 3–8 位行政区划码：现行 / 已撤销（历史代码）/ 未知；无效代码为 null'),
    divisionName: z.string().nullable(),
    warnings: z.array(z.string()).describe('不影响有效性的提示（如历史行政区划码）'),
  })
  .meta({ id: 'UsccCheck' })

/**
 * One tab of the entity file (一户一档) contributed by a module: readable Chinese columns, each with
 * how the web shows it — a date (YYYY-MM-DD, China time) or instant in Beijing format, a tag (a state
 * in words), a link to the record, money in fen shown as yuan, or plain text. Never raw keys, ids
 * or JSON: a link cell carries its id only inside `href`.
 */
export const PROFILE_COLUMN_KINDS = ['text', 'date', 'datetime', 'tag', 'link', 'money'] as const
export const ProfileColumn = z.object({ key: z.string(), title: z.string(), kind: z.enum(PROFILE_COLUMN_KINDS) }).meta({ id: 'ProfileColumn' })
export type ProfileColumn = z.infer<typeof ProfileColumn>
export const ProfileCell = z
  .union([z.string(), z.number(), z.null(), z.object({ text: z.string(), href: z.string().nullable().optional(), color: z.string().nullable().optional() })])
  .meta({ id: 'ProfileCell' })
export type ProfileCell = z.infer<typeof ProfileCell>
export const ProfileSectionOut = z
  .object({
    key: z.string(),
    title: z.string(),
    count: z.number().int(),
    columns: z.array(ProfileColumn),
    rows: z.array(z.record(z.string(), ProfileCell)),
    /** A link to the module's own list filtered to this entity, when it has one. */
    moreHref: z.string().nullable().optional(),
  })
  .meta({ id: 'ProfileSection' })
export type ProfileSectionOut = z.infer<typeof ProfileSectionOut>

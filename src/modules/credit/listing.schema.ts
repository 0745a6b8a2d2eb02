import { z } from 'zod'
import { AvailableActions } from '../../core/matter/routes'
import { PageQuery, pageResponse } from '../../core/pagination'
import { REPORT_FORMS } from '../../shared/credit/annual-report'
import { PublicCreditExtras } from './serious.schema'
import { ABNORMAL_GROUNDS, LISTING_STATES, type AbnormalReason, type ListingState } from '../../shared/credit/listing.workflow'

const Json = z.record(z.string(), z.unknown())

export const ListingQuery = PageQuery.extend({
  state: z.enum(LISTING_STATES as unknown as [ListingState, ...ListingState[]], '状态无效').optional(),
  ground: z.enum(ABNORMAL_GROUNDS as [AbnormalReason, ...AbnormalReason[]], '列入事由无效').optional(),
  entityId: z.string().max(80).optional(),
  reportYear: z.coerce.number().int('年度应为整数').min(2013, '年度过早').max(2100, '年度无效').optional(),
})
export const Listing = z.object({
  id: z.string(),
  listingNo: z.string().nullable(),
  entityId: z.string(),
  entityName: z.string().nullable(),
  uscc: z.string().nullable(),
  entityKind: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  mode: z.string(),
  modeLabel: z.string(),
  ground: z.string(),
  groundLabel: z.string(),
  reportYear: z.number().nullable(),
  triggerOn: z.string(),
  sourceType: z.string(),
  note: z.string().nullable(),
  reviewNote: z.string().nullable(),
  listedOn: z.string().nullable(),
  objectionText: z.string().nullable(),
  objectionOn: z.string().nullable(),
  removalGround: z.string().nullable(),
  removalGroundLabel: z.string().nullable(),
  removalAppliedOn: z.string().nullable(),
  removedOn: z.string().nullable(),
  decisionNote: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  state: z.enum(LISTING_STATES as unknown as [ListingState, ...ListingState[]]),
  stateLabel: z.string(),
  version: z.number(),
  createdAt: z.string(),
})
export const ListingPage = pageResponse(Listing)
export const ListingDetail = Listing.extend({
  actions: AvailableActions,
  clocks: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      startOn: z.string(),
      dueOn: z.string().nullable(),
      doneOn: z.string().nullable(),
      ruleId: z.string().nullable(),
    }),
  ),
})
export const BulkBody = z.object({
  action: z.enum(['review', 'approve', 'dismiss'], '批量操作应为审核通过、批准列入或不予列入'),
  ids: z.array(z.string().uuid('ID 无效')).min(1, '请选择至少一条').max(500, '一次最多处理 500 条'),
  note: z.string().trim().max(2000, '说明最多 2000 字').optional(),
})
export const BulkOut = z.object({
  done: z.number(),
  failed: z.number(),
  results: z.array(z.object({ id: z.string(), ok: z.boolean(), message: z.string().nullable() })),
})
export const BatchBody = z.object({ reportYear: z.number({ error: '请选择报告年度' }).int('年度应为整数').min(2013, '年度过早').max(2100, '年度无效') })
export const BatchOut = z.object({ jobId: z.string(), created: z.boolean() })

export const ReportView = z.object({
  id: z.string(),
  entityId: z.string(),
  reportYear: z.number(),
  form: z.enum(REPORT_FORMS),
  formLabel: z.string(),
  public: Json,
  optional: Json.nullable(),
  publishOptional: z.boolean(),
  filedOn: z.string(),
  late: z.boolean(),
  source: z.string(),
  sourceLabel: z.string(),
  revision: z.number(),
  version: z.number(),
  history: z.array(z.object({ revision: z.number(), filedOn: z.string(), public: Json, optional: Json.nullable(), replacedAt: z.string() })),
})
export const FileOut = z.object({ created: z.boolean(), report: ReportView })
export const LiaisonHome = z.object({
  entity: z.object({ id: z.string(), name: z.string(), uscc: z.string().nullable(), form: z.enum(REPORT_FORMS), formLabel: z.string() }),
  season: z.object({ reportYear: z.number(), opens: z.string(), closes: z.string(), open: z.boolean(), daysLeft: z.number().nullable(), today: z.string() }),
  yearsOwed: z.array(z.number()),
  reports: z.array(ReportView),
})
export const RegisterOut = z.object({
  id: z.string(),
  entityName: z.string(),
  message: z.string(),
  demoCode: z.string().nullable(),
  codeExpiresAt: z.string().nullable(),
})
export const ActivateOut = z.object({ token: z.string(), expiresAt: z.string(), entityName: z.string() })
export const LiaisonQuery = PageQuery.extend({
  uscc: z.string().trim().max(18, '统一社会信用代码最多 18 位').optional(),
  state: z.enum(['pending', 'active', 'replaced'], '状态无效').optional(),
})
export const LiaisonPage = pageResponse(
  z.object({
    id: z.string(),
    entityId: z.string(),
    entityName: z.string(),
    uscc: z.string().nullable(),
    name: z.string(),
    phone: z.string(),
    state: z.string(),
    stateLabel: z.string(),
    codeExpiresAt: z.string().nullable(),
    activatedAt: z.string().nullable(),
    createdAt: z.string(),
  }),
)
export const IssueOut = z.object({ id: z.string(), code: z.string(), expiresAt: z.string() })
export const RatesQuery = z.object({ reportYear: z.coerce.number().int('年度应为整数').min(2013, '年度过早').max(2100, '年度无效') })
const RateCounts = { due: z.number(), filed: z.number(), late: z.number(), rate: z.number().nullable().describe('年报率（%，两位小数）') }
export const RatesOut = z.object({
  reportYear: z.number(),
  items: z.array(z.object({ kind: z.string(), kindLabel: z.string(), ...RateCounts })),
  units: z.array(z.object({ unitId: z.string().nullable(), unitName: z.string(), ...RateCounts })),
  total: z.object(RateCounts),
})

export const PublicSearchQuery = z.object({
  q: z.string({ error: '请输入统一社会信用代码或名称' }).trim().min(1, '请输入统一社会信用代码或名称').max(60, '查询内容最多 60 字'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})
export const PublicSearchOut = z.object({
  items: z.array(z.object({ uscc: z.string(), name: z.string(), kindLabel: z.string(), statusLabel: z.string(), registeredOn: z.string().nullable() })),
})
export const PublicAbnormal = z.object({
  listingNo: z.string().nullable(),
  mode: z.string(),
  modeLabel: z.string(),
  ground: z.string(),
  groundLabel: z.string(),
  reportYear: z.number().nullable(),
  listedOn: z.string().nullable(),
  decidedBy: z.string().nullable(),
  inForce: z.boolean(),
  removalGroundLabel: z.string().nullable(),
  removedOn: z.string().nullable(),
  removedBy: z.string().nullable(),
  earliestRemoval: z.string().nullable().describe('最早可申请移出的条件或日期'),
  howToApply: z.string().nullable().describe('如何申请移出（信用修复）'),
  seriousOn: z.string().nullable().describe('届时仍未移出的，列入严重违法失信名单之日'),
})
export const PublicEntity = z.object({
  uscc: z.string(),
  name: z.string(),
  kindLabel: z.string(),
  entityType: z.string().nullable(),
  legalRep: z.string().nullable().describe('法定代表人或经营者（脱敏）'),
  legalRepTitle: z.string(),
  domicile: z.string().nullable(),
  registeredOn: z.string().nullable(),
  regAuthority: z.string().nullable(),
  statusLabel: z.string(),
  abnormalInForce: z.boolean(),
  abnormal: z.array(PublicAbnormal),
  annualReports: z.array(
    z.object({
      reportYear: z.number(),
      formLabel: z.string(),
      filedOn: z.string(),
      late: z.boolean(),
      operatingStatus: z.string().nullable(),
      public: Json,
      optional: Json.nullable(),
      corrections: z.array(z.object({ revision: z.number(), filedOn: z.string(), replacedAt: z.string(), public: Json })),
    }),
  ),
  ...PublicCreditExtras,
  asOf: z.string(),
})
export const UsccParams = z.object({ uscc: z.string().trim().max(18, '统一社会信用代码应为 18 位') })
export const CodeParams = z.object({ code: z.string().trim().max(12, '验证码应为 12 位') })
export const IssuedReport = z.object({ code: z.string(), issuedAt: z.string(), sha256: z.string(), content: PublicEntity })
export const VerifiedReport = IssuedReport.extend({ intact: z.boolean() })

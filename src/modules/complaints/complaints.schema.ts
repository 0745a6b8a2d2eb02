import { z } from 'zod'
import { dateParam, instantParam, periodRefine } from '../../core/dates'
import { PageQuery, pageResponse } from '../../core/pagination'
import {
  Id,
  IntakeFields,
  intakeProblems,
  ItemNo,
  keys,
  LIMITS,
  optText,
  Phone,
  PortalFields,
  QueryCode,
  Respondent,
  SupervisionNote,
  text,
} from '../../shared/complaints/schema'
import { ACTIONS, ATTACHMENT_KINDS, CATEGORIES, CHANNELS, CLOCK_KINDS, ITEM_TYPES, NOTIFY_CHANNELS, RESPONDENT_KINDS, STATES } from './complaints.domain'
import { ACTION_FIELDS, type ACTION_INPUT, DATE_FIELD, type Action } from '../../shared/complaints/workflow'

/** Input bounds and the intake's and portal's fields live in src/shared (the web's forms use them). */
export { Agent, LIMITS, Person, PORTAL_ATTACHMENT_MIMES, Respondent } from '../../shared/complaints/schema'

export const Day = dateParam()

const { types, channel, ...intakeRest } = IntakeFields
export const IntakeBody = z
  .object({
    types,
    channel,
    receivedAt: instantParam('接收时间格式应为 ISO-8601').optional().describe('默认现在；不能晚于现在'),
    ...intakeRest,
  })
  .superRefine(intakeProblems)
  .meta({ id: 'ComplaintIntakeBody' })
export type IntakeInput = z.infer<typeof IntakeBody>

export const PreviewBody = z
  .object({
    type: z.enum(ITEM_TYPES),
    receivedOn: Day.optional(),
    respondent: Respondent.partial({ name: true }).optional(),
  })
  .meta({ id: 'ComplaintPreviewBody' })
export type PreviewInput = z.infer<typeof PreviewBody>

export const ClockOut = z
  .object({
    kind: z.enum(CLOCK_KINDS),
    label: z.string(),
    ruleId: z.string().nullable(),
    ruleName: z.string().nullable(),
    legalBasis: z.string().nullable(),
    needsLegalReview: z.boolean(),
    startOn: z.string(),
    dueOn: z.string(),
    doneOn: z.string().nullable(),
    workingDaysLeft: z.number().nullable(),
    status: z.enum(['on_time', 'due_soon', 'overdue', 'done', 'done_late']),
    statusLabel: z.string(),
    provisional: z.boolean(),
    missingYears: z.array(z.number()),
    pausedDays: z.number(),
    pauseOpen: z.boolean(),
  })
  .meta({ id: 'ComplaintClock' })

const UnitRef = z.object({ id: z.string(), name: z.string() }).nullable()

export const PreviewOut = z
  .object({
    regime: z.string(),
    regimeLabel: z.string(),
    competentUnit: UnitRef,
    suggestedUnit: UnitRef.describe('建议分送的监管所（按经营地）'),
    candidates: z.array(z.object({ division: z.string(), divisionName: z.string().nullable(), basis: z.string(), bureau: UnitRef })),
    clocks: z.array(ClockOut),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'ComplaintPreview' })

export const ItemSummary = z
  .object({
    id: z.string(),
    itemNo: z.string(),
    type: z.enum(ITEM_TYPES),
    typeLabel: z.string(),
    channel: z.enum(CHANNELS),
    channelLabel: z.string(),
    regime: z.string(),
    receivedAt: z.string(),
    receivedOn: z.string(),
    state: z.enum(STATES),
    stateLabel: z.string(),
    outcome: z.string().nullable(),
    outcomeLabel: z.string().nullable(),
    category: z.string(),
    categoryLabel: z.string(),
    productCode: z.string().nullable(),
    summary: z.string(),
    respondentName: z.string(),
    respondentUscc: z.string().nullable(),
    partyName: z.string().nullable().describe('已脱敏'),
    partyPhone: z.string().nullable().describe('已脱敏'),
    anonymous: z.boolean(),
    intakeUnit: UnitRef,
    handlingUnit: UnitRef,
    escalationUnit: UnitRef,
    escalationLevel: z.number(),
    handlerName: z.string().nullable(),
    nextDueOn: z.string().nullable(),
    nextDueKind: z.string().nullable(),
    clockStatus: z.enum(['on_time', 'due_soon', 'overdue', 'none']),
    workingDaysLeft: z.number().nullable(),
    clockProvisional: z.boolean(),
    recoveredFen: z.number(),
    satisfaction: z.number().nullable(),
    closedOn: z.string().nullable(),
    mergedIntoId: z.string().nullable(),
    submissionId: z.string(),
    version: z.number(),
    duplicateCount: z.number().int().describe('登记时发现的疑似重复件数（列表“疑似重复”标记）'),
    duplicateOfId: z.string().nullable().describe('关联的原件（重复诉求，原件已办结时关联而不合并）'),
  })
  .meta({ id: 'ComplaintSummary' })
export type ItemSummary = z.infer<typeof ItemSummary>

export const TimelineEvent = z
  .object({
    seq: z.number(),
    at: z.string(),
    eventOn: z.string(),
    kind: z.string(),
    kindLabel: z.string(),
    fromState: z.string().nullable(),
    toState: z.string().nullable(),
    unitName: z.string().nullable(),
    toUnitName: z.string().nullable(),
    actorName: z.string().nullable(),
    public: z.boolean(),
    publicText: z.string().nullable(),
    note: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'ComplaintEvent' })

export const ItemDetail = ItemSummary.extend({
  requestText: z.string(),
  factsText: z.string(),
  respondentEntityId: z.string().nullable(),
  respondentAddress: z.string().nullable(),
  respondentDivision: z.string().nullable(),
  respondentKind: z.string(),
  platformName: z.string().nullable(),
  competentUnit: UnitRef,
  externalNo: z.string().nullable(),
  complainantCount: z.number(),
  hasAgent: z.boolean(),
  persons: z
    .array(z.object({ role: z.string(), name: z.string(), phone: z.string().nullable(), isRepresentative: z.boolean() }))
    .describe('已脱敏；明文见 reveal 接口'),
  amountClaimedFen: z.number().nullable(),
  purchasedOn: z.string().nullable().describe('购买日期（网上提交时填写）'),
  accepted: z.boolean().nullable(),
  nonAcceptReason: z.string().nullable(),
  nonAcceptReasonText: z.string().nullable(),
  terminationGround: z.string().nullable(),
  mediationDoc: z.boolean().nullable(),
  notFiledReason: z.string().nullable(),
  leadId: z.string().nullable(),
  leadNo: z.string().nullable(),
  verifyExtensions: z.number(),
  feedbackAt: z.string().nullable(),
  followUpOn: z.string().nullable(),
  satisfactionComment: z.string().nullable(),
  splitFromId: z.string().nullable(),
  linked: z.array(z.object({ id: z.string(), itemNo: z.string(), type: z.string(), state: z.string(), relation: z.string() })),
  clocks: z.array(ClockOut),
  allowedActions: z.array(z.enum(ACTIONS)),
  timeline: z.array(TimelineEvent),
  supervisions: z.array(
    z.object({
      id: z.string(),
      issuedByName: z.string(),
      note: z.string(),
      dueOn: z.string(),
      issuedAt: z.string(),
      respondedAt: z.string().nullable(),
      response: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      confidential: z.boolean().describe('可能识别举报人的附件：仅举报人信息查阅人员可下载，其他人看不到文件名'),
      fileName: z.string(),
      mime: z.string(),
      sizeBytes: z.number(),
      uploadedAt: z.string(),
    }),
  ),
  pauses: z.array(z.object({ id: z.string(), clock: z.string(), kind: z.string(), fromOn: z.string(), toOn: z.string().nullable(), reason: z.string() })),
  canRevealParties: z.boolean(),
  assignment: z.object({
    canTake: z.boolean().describe('可“由我承办”（与指定承办人动作同一规则）'),
    canAssign: z.boolean().describe('可指定承办人（分送或督办权限）'),
  }),
}).meta({ id: 'ComplaintDetail' })
export type ItemDetail = z.infer<typeof ItemDetail>

export const IntakeOut = z
  .object({
    items: z.array(ItemSummary),
    duplicates: z.array(
      z.object({
        id: z.string(),
        itemNo: z.string(),
        state: z.string(),
        summary: z.string(),
        similarity: z.number(),
        samePerson: z.boolean(),
        sameRespondent: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'ComplaintIntakeResult' })

const ListFields = PageQuery.extend({
  type: z.enum(ITEM_TYPES).optional(),
  state: z.enum(STATES).optional(),
  open: z.enum(['0', '1']).optional().describe('1 = 未办结'),
  category: z.enum(keys(CATEGORIES)).optional(),
  channel: z.enum(CHANNELS).optional(),
  unitId: Id.optional().describe('承办单位（含下级）'),
  clock: z.enum(['on_time', 'due_soon', 'overdue']).optional(),
  escalated: z.enum(['0', '1']).optional(),
  supervised: z.enum(['0', '1']).optional().describe('1 = 有未回复的督办'),
  mine: z.enum(['0', '1']).optional().describe('1 = 我承办的'),
  q: z.string().trim().max(50).optional().describe('编号、被投诉人或摘要'),
  respondentEntityId: Id.optional(),
  receivedFrom: Day.optional(),
  receivedTo: Day.optional(),
  ids: z
    .string()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(,[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}){0,199}$/i,
      '所选诉求件 ID 无效（以逗号分隔，最多 200 个）',
    )
    .optional()
    .describe('只取这些诉求件（逗号分隔的 ID，最多 200 个）：批量导出所选'),
  // Whitelisted sort orders only (a column header sorts by one of them); `due` = due date ascending.
  sort: z.enum(['due', 'due_asc', 'due_desc', 'received_asc', 'received_desc'], '排序方式无效').default('due'),
})
const receivedPeriod = { from: 'receivedFrom', to: 'receivedTo' }
export const ListQuery = periodRefine(ListFields, receivedPeriod)
/** The list's filters without paging and sorting (the Excel export). */
export const ListFilterQuery = periodRefine(ListFields.omit({ page: true, pageSize: true, clock: true, sort: true }), receivedPeriod)
export type ListQuery = z.infer<typeof ListQuery>
export const ItemPage = pageResponse(ItemSummary).meta({ id: 'ComplaintPage' })

const base = { expectedVersion: z.number().int().min(1).describe('乐观锁：详情中的 version'), note: optText(LIMITS.note, '备注') }
const dateOpt = Day.optional().describe('默认今天；不能晚于今天')
/** One action's request: the declaration's fields (src/shared/complaints/workflow.ts), its date checked as every API date. */
const transitionOf = <A extends Action>(action: A) => {
  const df = DATE_FIELD[action]
  const dateField = df ? { [df]: action === 'resume' ? dateOpt.describe('中止期间最后一天，默认昨天或开始日') : dateOpt } : {}
  return z.object({ action: z.literal(action), ...ACTION_FIELDS[action], ...dateField, ...base })
}
type TransitionOf<A extends Action> = { action: A; expectedVersion: number; note?: string } & z.infer<(typeof ACTION_INPUT)[A]>
/** The request of POST /api/complaints/:id/transitions: one object per action, told apart by `action`. */
export type TransitionInput = { [A in Action]: TransitionOf<A> }[Action]
export const TransitionBody = (
  z.discriminatedUnion('action', ACTIONS.map(transitionOf) as unknown as [ReturnType<typeof transitionOf<'dispatch'>>]) as unknown as z.ZodType<TransitionInput>
).meta({ id: 'ComplaintTransitionBody' })

export const FeedbackBody = z
  .object({
    channel: z.enum(NOTIFY_CHANNELS),
    text: text(LIMITS.note, '反馈内容'),
    at: instantParam().optional(),
  })
  .meta({ id: 'ComplaintFeedbackBody' })

export const SupervisionBody = z.object({ note: SupervisionNote, dueOn: Day }).meta({ id: 'ComplaintSupervisionBody' })
export const SupervisionResponseBody = z.object({ response: text(LIMITS.note, '办理情况') })
export const AssignBody = z.object({ handlerId: Id, expectedVersion: z.number().int().min(1) })
export const LinkBody = z.object({
  originalId: Id,
  expectedVersion: z.number().int().min(1),
  note: z.string().trim().max(500, '说明不能超过 500 字').optional(),
})
export const RespondentLinkBody = z.object({
  entityId: Id,
  expectedVersion: z.number().int().min(1),
  note: z.string().trim().max(500, '说明不能超过 500 字').optional(),
})

export const AttachmentBody = z
  .object({
    kind: z.enum(ATTACHMENT_KINDS).default('evidence'),
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .refine((s) => !/[\\/\0]/.test(s), '文件名不能包含路径'),
    contentBase64: z
      .string()
      .min(4)
      .max(Math.ceil((LIMITS.attachmentBytes * 4) / 3) + 4, `附件不能超过 ${LIMITS.attachmentBytes / 1024 / 1024} MB`)
      .regex(/^[A-Za-z0-9+/=\s]+$/, '附件内容应为 Base64'),
  })
  .meta({ id: 'ComplaintAttachmentBody' })

export const PartiesOut = z
  .object({
    persons: z.array(
      z.object({
        role: z.string(),
        seq: z.number(),
        name: z.string(),
        phone: z.string().nullable(),
        idType: z.string().nullable(),
        idNo: z.string().nullable(),
        address: z.string().nullable(),
        email: z.string().nullable(),
        isRepresentative: z.boolean(),
        authorization: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ComplaintParties' })

export const SettingsBody = z
  .object({
    consultationAnswerWd: z.number().int().min(1).max(60),
    dueSoonWd: z.number().int().min(0).max(15),
    duplicateWindowDays: z.number().int().min(1).max(365),
    duplicateThreshold: z.number().min(0.1).max(1),
  })
  .meta({ id: 'ComplaintSettings' })
export type Settings = z.infer<typeof SettingsBody>

export const SuggestQuery = z.object({ q: z.string().trim().min(2, '至少输入 2 个字').max(50) })
export const SuggestOut = z
  .object({
    items: z.array(
      z.object({
        entityId: z.string(),
        name: z.string(),
        uscc: z.string().nullable(),
        address: z.string().nullable(),
        division: z.string().nullable(),
        domicileDivision: z.string().nullable(),
        kind: z.enum(RESPONDENT_KINDS),
        platformName: z.string().nullable(),
        stationName: z.string().nullable(),
        openItems: z.number(),
      }),
    ),
  })
  .meta({ id: 'RespondentSuggestions' })

// ---- Public portal ----------------------------------------------------------------------------

export const PublicSuggestOut = z
  .object({
    items: z.array(z.object({ entityId: z.string(), name: z.string(), uscc: z.string().nullable(), address: z.string().nullable() })),
  })
  .meta({ id: 'PublicRespondentSuggestions' })

export const ChallengeOut = z.object({ token: z.string(), difficulty: z.number(), expiresAt: z.string() }).meta({ id: 'PortalChallenge' })
const { amountFen, attachments, privacyAccepted, ...portalHead } = PortalFields
export const PortalSubmitBody = z
  .object({
    ...portalHead,
    purchasedOn: Day.optional().describe('购买（消费）日期，北京时间'),
    amountFen,
    attachments,
    privacyAccepted,
  })
  .meta({ id: 'PortalSubmitBody' })
export type PortalSubmit = z.infer<typeof PortalSubmitBody>
export const PortalSubmitOut = z
  .object({ itemNo: z.string(), queryCode: z.string().describe('查询码只显示这一次，请妥善保存') })
  .meta({ id: 'PortalSubmitResult' })
export const TrackBody = z.object({ itemNo: z.string().trim().max(30, '诉求编号最多 30 个字符'), queryCode: QueryCode }).meta({ id: 'PortalTrackBody' })
export const TrackOut = z
  .object({
    itemNo: z.string(),
    typeLabel: z.string(),
    receivedOn: z.string(),
    stateLabel: z.string().describe('办理进度（面向公众的表述）'),
    nextStep: z.object({ dueOn: z.string(), text: z.string() }).nullable().describe('下一步及期限'),
    outcomeText: z.string().nullable().describe('调解结果等（文字说明）'),
    answerText: z.string().nullable().describe('咨询的答复内容'),
    documents: z.array(z.object({ kind: z.enum(['acceptance', 'non_acceptance', 'termination']), title: z.string() })).describe('已送达、可下载的告知书'),
    unitName: z.string().nullable(),
    closed: z.boolean(),
    outcomeLabel: z.string().nullable(),
    recoveredFen: z.number().nullable(),
    canRate: z.boolean(),
    satisfaction: z.number().nullable(),
    timeline: z.array(z.object({ at: z.string(), text: z.string() })),
  })
  .meta({ id: 'PortalTrack' })
export const SiteOut = z
  .object({
    bureauName: z.string().nullable(),
    centreName: z.string().nullable(),
    hotline: z.string(),
    icp: z.string().nullable().describe('ICP 备案号'),
    govId: z.string().nullable().describe('政府网站标识码'),
  })
  .meta({ id: 'PublicSite' })
export const PortalDocumentBody = TrackBody.extend({ kind: z.enum(['acceptance', 'non_acceptance', 'termination']) }).meta({ id: 'PortalDocumentBody' })
export const RecoverBody = z
  .object({
    itemNo: ItemNo,
    phone: Phone,
  })
  .meta({ id: 'PortalRecoverBody' })
export const RecoverOut = z
  .object({
    itemNo: z.string(),
    queryCode: z.string().describe('编号与电话一致时为新的查询码（原查询码作废）；不一致时此码无效'),
  })
  .meta({ id: 'PortalRecoverResult' })
export const RateBody = TrackBody.extend({ satisfaction: z.number().int().min(1, '评价为 1–5').max(5, '评价为 1–5'), comment: optText(500, '评价意见') }).meta({
  id: 'PortalRateBody',
})

/**
 * The web client's response types, checked against the server's.
 *
 * The server's zod schemas → openapi.json (test/openapi.test.ts keeps it fresh) → openapi.gen.ts
 * (openapi-typescript, kept fresh by the same test). Where the server names a schema (`.meta({ id })`)
 * the client's type *is* it (`type Unit = Schemas['OrgUnit']` in types.ts and the components' types
 * files). The rest are still written by hand (pages, inline shapes, the calendar and the rules).
 * Here, for every endpoint the client reads, the server's declared 2xx JSON body must be assignable
 * to the type the client reads it as: for the hand-written types that catches a field the server
 * renames, drops, makes nullable or retypes; for the generated ones, a call that reads an endpoint
 * as the wrong schema. Either fails `npm run typecheck` on the line of that endpoint, with
 * TypeScript naming the property.
 *
 * Type-only: nothing here is bundled. When a page starts calling a new endpoint with a response
 * type, add its line: src/core/http/web-contract.unit.test.ts fails until every typed call
 * (`api.get<T>('/api/…')`, post, put, patch, del, upload) in web/src has one.
 */
import type { ServerJson } from './server'
import type {
  ApiToken,
  AuditRecord,
  ImportHistoryItem,
  AuditVerify,
  CalendarMonth,
  CalendarYear,
  CompetentUnit,
  ComputeResult,
  Division,
  Health,
  EntityPage,
  EntityProfile,
  ImportErrorRow,
  ImportJob,
  ImportTemplateField,
  MarketEntity,
  Me,
  Page,
  Role,
  Rule,
  Unit,
  User,
  UserWithPassword,
  UsccCheck,
} from './types'
import type {
  Answer,
  Challenge,
  Codes,
  Duplicate,
  Recovered,
  ImportBatch,
  ImportError,
  IntakeResult,
  ItemDetail,
  ItemSummary,
  PortalSubmitResult,
  Preview as IntakePreview,
  RevealedPerson,
  Suggestion as RespondentSuggestion,
  Track,
} from '../components/complaint/types'
import type { PublicSite } from '../components/PublicFooter'
import type { Job } from '../pages/Tasks'
import type { Home as LiaisonHome, LiaisonReminder } from '../pages/AnnualReportFiling'
import type { Listing } from '../pages/CreditListings'
import type { Rates, ReminderPage, ReportImportIssue, ReportImportRun, SeasonBoard } from '../pages/CreditSeason'
import type { RepairRow as CreditRepairRow, SeriousRow as CreditSeriousRow } from '../pages/CreditSerious'
import type { Hit as CreditHit, Issued as CreditReportIssued, PublicEntity as CreditPublicEntity } from '../pages/CreditPublic'
import type { AlertItem, AlertRule, DailyReport, Dashboard, HotTopics, StatsTable } from '../components/analytics/types'
import type { PublicSuggestion } from '../components/complaint/PublicRespondentLookup'
import type {
  Announcement,
  Conflict,
  Draw,
  DrawJob,
  Inspector,
  Item,
  MyTarget,
  Plan,
  Preview as DrawPreview,
  PublicTarget,
  PublicTask,
  Target,
  TargetDetail,
  Task,
  TaskSummary,
  Verdict,
} from '../components/inspection/types'
import type { Lead } from '../components/lead/labels'
import type { CaseDetail, CaseSummary } from '../components/cases/labels'
import type { CaseInvestigation } from '../components/cases/investigation'
import type { Approval } from '../components/approvals/labels'
import type {
  CaseStatsTable,
  MorePage,
  Publicity,
  PublicityDetail,
  PublicPenalty,
  PublicPenaltyDetail,
  PublicTypical,
  StatsMonthly,
  TypicalCase,
} from '../components/cases/publicity'
import type { Proposal } from '../components/credit/labels'
import type { DocumentMeta } from '../components/documents/types'
import type { Message, MessagePage, MyWork } from '../components/work/types'
import type {
  DrawVerification,
  PublicResult,
  SamplingLab,
  SamplingPlan,
  SamplingResultImportRun,
  SamplingSample,
  SamplingSampleDetail,
  SamplingStats,
} from '../components/sampling/types'

/**
 * Compiles only when the server's body `S` fits the client's type `C`; otherwise TypeScript reports,
 * on that line, which property does not.
 */
type CollectionSchemas = import('./openapi.gen').components['schemas']
type Fits<S extends C, C> = [S, C]

export type WebContract = [
  // Platform: session, org units, users, tokens
  Fits<ServerJson<'/api/auth/me', 'get'>, Me>,
  Fits<ServerJson<'/api/auth/login', 'post'>, Me>,
  Fits<ServerJson<'/api/health', 'get'>, Health>,
  Fits<ServerJson<'/api/org/competent-unit', 'get'>, CompetentUnit>,
  Fits<ServerJson<'/api/org/units', 'get'>, { items: Unit[] }>,
  Fits<ServerJson<'/api/org/units', 'post'>, Unit>,
  Fits<ServerJson<'/api/org/units/{id}', 'patch'>, Unit>,
  Fits<ServerJson<'/api/divisions', 'get'>, { items: Division[] }>,
  Fits<ServerJson<'/api/divisions/{code}', 'get'>, Division>,
  Fits<ServerJson<'/api/users', 'get'>, Page<User>>,
  Fits<ServerJson<'/api/users', 'post'>, UserWithPassword>,
  Fits<ServerJson<'/api/users/{id}', 'get'>, User>,
  Fits<ServerJson<'/api/users/{id}', 'patch'>, User>,
  Fits<ServerJson<'/api/users/{id}/grants', 'put'>, User>,
  Fits<ServerJson<'/api/users/{id}/disable', 'post'>, User>,
  Fits<ServerJson<'/api/users/{id}/enable', 'post'>, User>,
  Fits<ServerJson<'/api/users/{id}/unlock', 'post'>, User>,
  Fits<ServerJson<'/api/users/{id}/reset-password', 'post'>, UserWithPassword>,
  Fits<ServerJson<'/api/roles', 'get'>, { items: Role[] }>,
  Fits<ServerJson<'/api/tokens', 'get'>, { items: ApiToken[] }>,
  Fits<ServerJson<'/api/tokens', 'post'>, { id: string; token: string }>,
  Fits<ServerJson<'/api/audit', 'get'>, Page<AuditRecord>>,
  Fits<ServerJson<'/api/audit/verify', 'get'>, AuditVerify>,
  // Working-day calendar and deadline rules
  Fits<ServerJson<'/api/calendar/years', 'get'>, { items: CalendarYear[]; missingYears: number[] }>,
  Fits<ServerJson<'/api/calendar/month', 'get'>, CalendarMonth>,
  Fits<ServerJson<'/api/calendar/compute', 'get'>, ComputeResult>,
  Fits<ServerJson<'/api/calendar/import', 'post'>, { year: number; days: number }>,
  Fits<ServerJson<'/api/rules', 'get'>, { items: Rule[]; at: string }>,
  Fits<ServerJson<'/api/rules/{id}', 'patch'>, Rule>,
  Fits<ServerJson<'/api/rules/{id}/versions', 'post'>, Rule>,
  // Market-entity register and its import
  Fits<ServerJson<'/api/entities', 'get'>, EntityPage>,
  Fits<ServerJson<'/api/entities', 'get'>, { items: { id: string; name: string; uscc: string | null }[] }>,
  Fits<ServerJson<'/api/entities', 'post'>, MarketEntity>,
  Fits<ServerJson<'/api/entities/{id}', 'patch'>, MarketEntity>,
  Fits<ServerJson<'/api/entities/{id}/profile', 'get'>, EntityProfile>,
  Fits<ServerJson<'/api/uscc/validate', 'post'>, { items: UsccCheck[] }>,
  Fits<ServerJson<'/api/entities-import/template', 'get'>, { fields: ImportTemplateField[] }>,
  Fits<ServerJson<'/api/imports', 'get'>, Page<ImportHistoryItem>>,
  Fits<ServerJson<'/api/entities-import/jobs', 'get'>, Page<ImportJob>>,
  Fits<ServerJson<'/api/entities-import/jobs', 'post'>, ImportJob>,
  Fits<ServerJson<'/api/entities-import/jobs/{id}', 'get'>, ImportJob>,
  Fits<ServerJson<'/api/entities-import/jobs/{id}/commit', 'post'>, ImportJob>,
  Fits<ServerJson<'/api/entities-import/jobs/{id}/cancel', 'post'>, ImportJob>,
  Fits<ServerJson<'/api/entities-import/jobs/{id}/errors', 'get'>, Page<ImportErrorRow>>,
  // 12315: intake, work items, public portal, imports
  Fits<ServerJson<'/api/complaints', 'get'>, Page<ItemSummary>>,
  Fits<ServerJson<'/api/complaints', 'post'>, IntakeResult>,
  Fits<ServerJson<'/api/complaints/codes', 'get'>, Codes>,
  Fits<ServerJson<'/api/complaints/respondents', 'get'>, { items: RespondentSuggestion[] }>,
  Fits<ServerJson<'/api/complaints/preview', 'post'>, IntakePreview>,
  Fits<ServerJson<'/api/complaints/{id}', 'get'>, ItemDetail>,
  Fits<ServerJson<'/api/complaints/{id}/transitions', 'post'>, ItemDetail>,
  Fits<ServerJson<'/api/complaints/{id}/assign', 'post'>, ItemDetail>,
  Fits<ServerJson<'/api/complaints/{id}/link', 'post'>, ItemDetail>,
  Fits<ServerJson<'/api/complaints/{id}/handler-candidates', 'get'>, { items: Array<{ id: string; displayName: string; unitName: string | null }> }>,
  Fits<ServerJson<'/api/complaints/{id}/respondent', 'post'>, ItemDetail>,
  Fits<ServerJson<'/api/public/complaints/respondents', 'get'>, { items: PublicSuggestion[] }>,
  Fits<ServerJson<'/api/complaints/{id}/attachments', 'post'>, ItemDetail>,
  Fits<ServerJson<'/api/complaints/{id}/feedback', 'post'>, ItemDetail>,
  Fits<ServerJson<'/api/complaints/{id}/supervisions', 'post'>, ItemDetail>,
  Fits<ServerJson<'/api/complaints/{id}/supervisions/{sid}/response', 'post'>, ItemDetail>,
  Fits<ServerJson<'/api/complaints/{id}/duplicates', 'get'>, { items: Duplicate[] }>,
  Fits<ServerJson<'/api/complaints/{id}/parties', 'get'>, { persons: RevealedPerson[] }>,
  Fits<ServerJson<'/api/complaints/imports', 'post'>, ImportBatch>,
  Fits<ServerJson<'/api/complaints/imports/{id}', 'get'>, ImportBatch>,
  Fits<ServerJson<'/api/complaints/imports/{id}/commit', 'post'>, ImportBatch>,
  Fits<ServerJson<'/api/complaints/imports/{id}/cancel', 'post'>, ImportBatch>,
  Fits<ServerJson<'/api/complaints/imports/{id}/errors', 'get'>, Page<ImportError>>,
  Fits<ServerJson<'/api/public/complaints', 'post'>, PortalSubmitResult>,
  Fits<ServerJson<'/api/public/complaints/challenge', 'get'>, Challenge>,
  Fits<ServerJson<'/api/public/complaints/track', 'post'>, Track>,
  Fits<ServerJson<'/api/public/complaints/rate', 'post'>, Track>,
  Fits<ServerJson<'/api/public/complaints/recover', 'post'>, Recovered>,
  Fits<ServerJson<'/api/public/site', 'get'>, PublicSite>,
  Fits<ServerJson<'/api/complaints/answers', 'get'>, { items: Answer[] }>,
  Fits<ServerJson<'/api/complaints/answers', 'post'>, Answer>,
  Fits<ServerJson<'/api/complaints/answers/{id}', 'put'>, Answer>,
  // 12315 statistics and alerts
  Fits<ServerJson<'/api/complaint-stats', 'get'>, StatsTable>,
  Fits<ServerJson<'/api/complaint-stats/dashboard', 'get'>, Dashboard>,
  Fits<ServerJson<'/api/complaint-stats/hot-topics', 'get'>, HotTopics>,
  Fits<ServerJson<'/api/complaint-reports/daily', 'get'>, DailyReport>,
  Fits<ServerJson<'/api/complaint-alerts', 'get'>, Page<AlertItem>>,
  Fits<ServerJson<'/api/complaint-alerts/{id}/acknowledge', 'post'>, AlertItem>,
  Fits<ServerJson<'/api/complaint-alerts/acknowledge', 'post'>, { acknowledged: number; skipped: number }>,
  Fits<ServerJson<'/api/complaint-alerts/evaluate', 'post'>, { day: string; evaluated: number; fired: number; created: number }>,
  Fits<ServerJson<'/api/complaint-alert-rules', 'get'>, { items: AlertRule[] }>,
  // Leads and credit proposals
  // Documents (文书)
  Fits<ServerJson<'/api/complaints/{id}/documents', 'get'>, { items: DocumentMeta[] }>,
  Fits<ServerJson<'/api/complaints/{id}/documents/{kind}', 'post'>, DocumentMeta>,
  Fits<ServerJson<'/api/documents/{id}', 'get'>, DocumentMeta>,
  Fits<ServerJson<'/api/leads', 'get'>, Page<Lead>>,
  Fits<ServerJson<'/api/leads/{id}/decision', 'post'>, Lead>,
  Fits<ServerJson<'/api/leads/{id}/actions/file', 'post'>, Lead>,
  // Case files (行政处罚案件)
  Fits<ServerJson<'/api/cases', 'get'>, Page<CaseSummary>>,
  Fits<ServerJson<'/api/cases', 'post'>, CaseDetail>,
  Fits<ServerJson<'/api/cases/on-spot', 'post'>, CaseDetail>,
  Fits<ServerJson<'/api/cases/filing-proposals', 'post'>, Approval>,
  Fits<ServerJson<'/api/cases/{id}/proposals', 'post'>, Approval>,
  // Approvals (审批待办)
  Fits<ServerJson<'/api/approvals', 'get'>, Page<Approval>>,
  Fits<ServerJson<'/api/approvals/{id}/decision', 'post'>, Approval>,
  Fits<ServerJson<'/api/leads', 'post'>, Lead>,
  Fits<ServerJson<'/api/leads/{id}/proposals', 'post'>, Lead>,
  Fits<ServerJson<'/api/cases/{id}', 'get'>, CaseDetail>,
  Fits<ServerJson<'/api/cases/{id}/actions/decide', 'post'>, CaseDetail>,
  Fits<ServerJson<'/api/cases/{id}/investigation', 'get'>, CaseInvestigation>,
  Fits<ServerJson<'/api/cases/{id}/evidence/{eid}/files', 'post'>, CaseInvestigation>,
  Fits<ServerJson<'/api/case-publicity', 'get'>, Page<Publicity>>,
  Fits<ServerJson<'/api/case-publicity/{id}', 'get'>, PublicityDetail>,
  Fits<ServerJson<'/api/case-typical', 'get'>, Page<TypicalCase>>,
  Fits<ServerJson<'/api/case-stats', 'get'>, CaseStatsTable>,
  Fits<ServerJson<'/api/case-stats/monthly', 'get'>, StatsMonthly>,
  Fits<ServerJson<'/api/public/penalties', 'get'>, MorePage<PublicPenalty>>,
  Fits<ServerJson<'/api/public/penalties/{id}', 'get'>, PublicPenaltyDetail>,
  Fits<ServerJson<'/api/public/penalties/typical', 'get'>, MorePage<PublicTypical>>,
  Fits<ServerJson<'/api/cases/officers', 'get'>, { items: Array<{ userId: string; name: string; certNo: string; unitName: string | null }> }>,
  Fits<ServerJson<'/api/credit/proposals', 'get'>, Page<Proposal>>,
  Fits<ServerJson<'/api/credit/proposals/{id}/decision', 'post'>, Proposal>,
  // My work and messages
  Fits<ServerJson<'/api/my/work', 'get'>, MyWork>,
  Fits<ServerJson<'/api/my/messages', 'get'>, MessagePage>,
  Fits<ServerJson<'/api/my/messages/unread-count', 'get'>, { unread: number }>,
  Fits<ServerJson<'/api/my/messages/{id}/read', 'post'>, Message>,
  Fits<ServerJson<'/api/my/messages/read-all', 'post'>, { updated: number }>,
  Fits<ServerJson<'/api/credit/proposals/{id}/actions/accept', 'post'>, Proposal>,
  // Double random, one public
  Fits<ServerJson<'/api/inspection-plans', 'get'>, Page<Plan>>,
  Fits<ServerJson<'/api/inspection-items', 'get'>, Page<Item>>,
  Fits<
    ServerJson<'/api/inspection-items/import', 'post'>,
    { id: string; totalRows: number; okRows: number; errorRows: number; errors: { rowNo: number; columnName: string; value: string | null; reason: string }[] }
  >,
  Fits<ServerJson<'/api/inspection-lists', 'get'>, { items: { id: string; name: string; memberCount: number }[] }>,
  Fits<ServerJson<'/api/inspection-tasks', 'get'>, Page<TaskSummary>>,
  Fits<ServerJson<'/api/inspection-tasks', 'post'>, Task>,
  Fits<ServerJson<'/api/inspection-tasks/{id}', 'get'>, Task>,
  Fits<ServerJson<'/api/inspection-tasks/{id}/preview', 'get'>, DrawPreview>,
  Fits<ServerJson<'/api/inspection-tasks/{id}/draws', 'get'>, { items: Draw[] }>,
  Fits<ServerJson<'/api/inspection-tasks/{id}/draws', 'post'>, DrawJob>,
  Fits<ServerJson<'/api/inspection-tasks/{id}/targets', 'get'>, Page<Target>>,
  Fits<ServerJson<'/api/inspection-draw-jobs/{id}', 'get'>, DrawJob>,
  Fits<ServerJson<'/api/inspection-draws', 'get'>, { items: { id: string; drawNo: string; status: string; drawnAt: string; taskNo: string; name: string }[] }>,
  Fits<ServerJson<'/api/inspection-draws/{ref}/verify', 'get'>, Verdict>,
  Fits<ServerJson<'/api/inspection-targets/{id}', 'get'>, TargetDetail>,
  Fits<ServerJson<'/api/inspection-my-targets', 'get'>, Page<MyTarget>>,
  Fits<ServerJson<'/api/inspection-inspectors', 'get'>, Page<Inspector>>,
  Fits<
    ServerJson<'/api/inspection-inspectors/candidates', 'get'>,
    { items: { userId: string; displayName: string; certNo: string | null; unitId: string | null; unitName: string | null }[] }
  >,
  Fits<ServerJson<'/api/inspection-inspectors/{userId}/conflicts', 'get'>, { items: Conflict[] }>,
  Fits<ServerJson<'/api/public/inspections/announcements', 'get'>, Page<Announcement>>,
  Fits<ServerJson<'/api/public/inspections/tasks', 'get'>, Page<PublicTask>>,
  Fits<ServerJson<'/api/public/inspections/tasks/{ref}/targets', 'get'>, Page<PublicTarget>>,
  Fits<ServerJson<'/api/public/inspections/draws/{drawNo}/verify', 'get'>, Verdict>,
  // 涉企信息归集 (the page reads the generated schemas)
  Fits<ServerJson<'/api/collection/departments', 'get'>, CollectionSchemas['CollectionDepartment'][]>,
  Fits<ServerJson<'/api/collection/departments', 'post'>, CollectionSchemas['CollectionDepartment']>,
  Fits<ServerJson<'/api/collection/departments/{id}', 'put'>, CollectionSchemas['CollectionDepartment']>,
  Fits<ServerJson<'/api/collection/rates', 'get'>, CollectionSchemas['CollectionRateTable']>,
  Fits<ServerJson<'/api/collection/records', 'get'>, Page<CollectionSchemas['CollectedRecord']>>,
  Fits<ServerJson<'/api/collection/records', 'post'>, CollectionSchemas['CollectedRecord']>,
  Fits<ServerJson<'/api/collection/imports', 'post'>, CollectionSchemas['CollectionImportSummary']>,
  // Sampling inspection (抽检)
  Fits<ServerJson<'/api/sampling/plans', 'get'>, SamplingPlan[]>,
  Fits<ServerJson<'/api/sampling/plans', 'post'>, SamplingPlan>,
  Fits<ServerJson<'/api/sampling/plans/{id}', 'get'>, SamplingPlan>,
  Fits<ServerJson<'/api/sampling/plans/{id}/tasks', 'post'>, { created: number; sampleIds: string[] }>,
  Fits<ServerJson<'/api/sampling/labs', 'get'>, SamplingLab[]>,
  Fits<ServerJson<'/api/sampling/samples', 'get'>, Page<SamplingSample>>,
  Fits<ServerJson<'/api/sampling/samples/{id}', 'get'>, SamplingSampleDetail>,
  Fits<ServerJson<'/api/sampling/samples/{id}/actions/record_sampling', 'post'>, SamplingSampleDetail>,
  Fits<ServerJson<'/api/sampling/lab/samples', 'get'>, Page<SamplingSample>>,
  Fits<ServerJson<'/api/sampling/lab/result-imports', 'post'>, SamplingResultImportRun>,
  Fits<ServerJson<'/api/sampling/lab/samples/{id}', 'get'>, SamplingSampleDetail>,
  Fits<ServerJson<'/api/sampling/lab/samples/{id}/results', 'put'>, SamplingSampleDetail>,
  Fits<ServerJson<'/api/sampling/lab/samples/{id}/actions/receive', 'post'>, SamplingSampleDetail>,
  Fits<ServerJson<'/api/sampling/stats', 'get'>, SamplingStats>,
  Fits<ServerJson<'/api/public/sampling/results', 'get'>, Page<PublicResult>>,
  Fits<ServerJson<'/api/public/sampling/retest-draws/{sampleNo}', 'get'>, DrawVerification>,
  // 任务中心 (web/src/pages/Tasks.tsx, components/startJob.tsx)
  Fits<ServerJson<'/api/jobs', 'get'>, Page<Job>>,
  Fits<ServerJson<'/api/jobs', 'post'>, Job>,
  Fits<ServerJson<'/api/jobs/{id}/cancel', 'post'>, Job>,
  // 信用监管: annual reports, the abnormal list, the public credit query (web/src/pages/AnnualReportFiling.tsx, CreditListings.tsx, CreditPublic.tsx)
  Fits<ServerJson<'/api/public/credit/liaison/me', 'get'>, LiaisonHome>,
  Fits<ServerJson<'/api/public/credit/liaison/register', 'post'>, { message: string; demoCode: string | null }>,
  Fits<ServerJson<'/api/public/credit/liaison/activate', 'post'>, { token: string }>,
  Fits<ServerJson<'/api/public/credit/annual-reports', 'post'>, { created: boolean; report: { reportYear: number; revision: number } }>,
  Fits<ServerJson<'/api/credit/listings', 'get'>, Page<Listing>>,
  Fits<ServerJson<'/api/credit/listings/bulk', 'post'>, { done: number; failed: number; results: Array<{ ok: boolean; message: string | null }> }>,
  Fits<ServerJson<'/api/public/credit/search', 'get'>, { items: CreditHit[] }>,
  Fits<ServerJson<'/api/public/credit/entities/{uscc}', 'get'>, CreditPublicEntity>,
  Fits<ServerJson<'/api/public/credit/reports/{code}', 'get'>, CreditReportIssued>,
  Fits<ServerJson<'/api/public/credit/entities/{uscc}/report', 'post'>, CreditReportIssued>,
  // 年度报告 (web/src/pages/CreditSeason.tsx): the national-system import and the rates
  Fits<ServerJson<'/api/credit/annual-report-imports', 'post'>, ReportImportRun>,
  Fits<ServerJson<'/api/credit/annual-report-imports/{id}/commit', 'post'>, ReportImportRun>,
  Fits<ServerJson<'/api/credit/annual-report-imports/{id}/cancel', 'post'>, ReportImportRun>,
  Fits<ServerJson<'/api/credit/annual-report-imports/{id}/errors', 'get'>, Page<ReportImportIssue>>,
  Fits<ServerJson<'/api/credit/annual-reports/rates', 'get'>, Rates>,
  Fits<ServerJson<'/api/credit/reminders', 'get'>, ReminderPage>,
  Fits<ServerJson<'/api/credit/season', 'get'>, SeasonBoard>,
  Fits<ServerJson<'/api/public/credit/liaison/reminder', 'get'>, LiaisonReminder>,
  // 严重违法失信名单与信用修复 (web/src/pages/CreditSerious.tsx)
  Fits<ServerJson<'/api/credit/serious', 'get'>, Page<CreditSeriousRow>>,
  Fits<ServerJson<'/api/credit/serious/{id}/actions/notify', 'post'>, CreditSeriousRow>,
  Fits<ServerJson<'/api/credit/repairs', 'get'>, Page<CreditRepairRow>>,
  Fits<ServerJson<'/api/credit/repairs/{id}/actions/accept', 'post'>, CreditRepairRow>,
]

import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { assertCan } from '../../core/actor'
import type { Config } from '../../core/config'
import { validation } from '../../core/errors'
import { PageQuery, pageResponse } from '../../core/pagination'
import { DocumentList, DocumentMeta } from '../documents'
import { DOCUMENT_KINDS, type DocumentsService } from './complaints.documents'
import type { ComplaintImportService } from './complaints.import'
import type { LinkService } from './complaints.links'
import type { PortalService } from './complaints.portal'
import { answersRoutes } from './answers.routes'
import type { AnswersService } from './answers.service'
import {
  AssignBody,
  AttachmentBody,
  LinkBody,
  PublicSuggestOut,
  RespondentLinkBody,
  ChallengeOut,
  FeedbackBody,
  IntakeBody,
  IntakeOut,
  ItemDetail,
  ItemPage,
  LIMITS,
  ListFilterQuery,
  ListQuery,
  PartiesOut,
  PortalSubmitBody,
  PortalSubmitOut,
  PortalDocumentBody,
  PreviewBody,
  PreviewOut,
  RateBody,
  RecoverBody,
  RecoverOut,
  SiteOut,
  SettingsBody,
  SuggestOut,
  SuggestQuery,
  SupervisionBody,
  SupervisionResponseBody,
  TrackBody,
  TrackOut,
  TransitionBody,
} from './complaints.schema'
import type { ComplaintsService } from './complaints.service'
import { attachment, streamDownload } from '../../core/http/download'
import { uploadedBytes, uploadedFile } from '../../core/http/upload'

const Reason = z.object({ code: z.string(), item: z.number(), text: z.string(), legalBasis: z.string(), source: z.string(), needsLegalReview: z.boolean() })
const IdParams = z.object({ id: z.string().uuid('ID 无效') })
const ImportOut = z
  .object({
    id: z.string(),
    fileName: z.string(),
    format: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    totalRows: z.number(),
    validRows: z.number(),
    errorRows: z.number(),
    createdItems: z.number(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ComplaintImport' })

export interface ComplaintsRouteDeps {
  complaints: ComplaintsService
  documents: DocumentsService
  imports: ComplaintImportService
  portal: PortalService
  links: LinkService
  answers: AnswersService
}

/** 12315 routes: staff under /api/complaints, the public portal under /api/public/complaints. */
export function complaintsRoutes({ complaints, documents, imports, portal, links, answers }: ComplaintsRouteDeps, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(answersRoutes(answers))
    const tags = ['12315 投诉举报']
    await app.register(async (scoped) => {
      await scoped.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 2, fieldSize: 1024 } })
      scoped.post(
        '/complaints/imports',
        {
          bodyLimit: 11 * 1024 * 1024,
          schema: {
            operationId: 'uploadComplaintImport',
            tags,
            summary: '上传全国12315平台转办件（xlsx / csv / json，multipart 字段 file）并校验',
            consumes: ['multipart/form-data'],
            response: { 201: ImportOut },
          },
        },
        async (req, reply) => {
          const file = await uploadedFile(req)
          if (!/\.(csv|xlsx|json)$/i.test(file.filename)) throw validation('只支持 .xlsx、.csv 或 .json 文件')
          const bytes = await uploadedBytes(file, '文件不能超过 10 MB')
          return reply.code(201).send(await imports.upload(req.ctx, file.filename, bytes))
        },
      )
    })

    app.get(
      '/complaints/codes',
      {
        schema: {
          operationId: 'complaintCodes',
          tags,
          summary: '分类、商品服务分类、不予受理情形等代码表',
          response: {
            200: z.object({
              categories: z.array(z.object({ code: z.string(), label: z.string() })),
              nonAcceptanceReasons: z.record(z.string(), z.array(Reason)),
              terminationGrounds: z.array(Reason),
              notFiledReasons: z.array(z.object({ code: z.string(), label: z.string() })),
            }),
          },
        },
      },
      () => complaints.codes(),
    )
    app.get(
      '/complaints',
      { schema: { operationId: 'listComplaints', tags, summary: '诉求件列表（工作台，按期限排序）', querystring: ListQuery, response: { 200: ItemPage } } },
      (req) => complaints.list(req.ctx, req.query),
    )
    app.post(
      '/complaints',
      {
        bodyLimit: 256 * 1024,
        schema: { operationId: 'intakeComplaint', tags, summary: '登记投诉、举报、咨询（混合诉求拆分为两件）', body: IntakeBody, response: { 201: IntakeOut } },
      },
      async (req, reply) => reply.code(201).send(await complaints.intake(req.ctx, req.body)),
    )
    app.post(
      '/complaints/preview',
      { schema: { operationId: 'previewComplaint', tags, summary: '实时预览管辖单位与各项期限', body: PreviewBody, response: { 200: PreviewOut } } },
      (req) => complaints.preview(req.ctx, req.body),
    )
    app.get(
      '/complaints/respondents',
      {
        schema: {
          operationId: 'suggestRespondents',
          tags,
          summary: '被投诉人联想（名称或统一社会信用代码）',
          querystring: SuggestQuery,
          response: { 200: SuggestOut },
        },
      },
      (req) => complaints.suggestRespondents(req.ctx, req.query.q),
    )
    app.get('/complaints/settings', { schema: { operationId: 'complaintSettings', tags, response: { 200: SettingsBody } } }, (req) =>
      complaints.viewSettings(req.ctx),
    )
    app.put('/complaints/settings', { schema: { operationId: 'updateComplaintSettings', tags, body: SettingsBody, response: { 200: SettingsBody } } }, (req) =>
      complaints.updateSettings(req.ctx, req.body),
    )
    app.get(
      '/complaints/export',
      { schema: { operationId: 'exportComplaints', tags, summary: '导出诉求件（Excel，个人信息脱敏）', querystring: ListFilterQuery } },
      async (req, reply) => {
        assertCan(req.ctx.actor, 'complaint.export')
        await streamDownload(req, reply, { name: documents.exportFileName(), fallback: 'complaints.xlsx' }, (out) =>
          documents.exportXlsx(req.ctx, req.query, out),
        )
      },
    )
    app.get('/complaints/:id', { schema: { operationId: 'getComplaint', tags, params: IdParams, response: { 200: ItemDetail } } }, (req) =>
      complaints.detail(req.ctx, req.params.id),
    )
    app.post(
      '/complaints/:id/transitions',
      {
        schema: {
          operationId: 'transitionComplaint',
          tags,
          summary: '办理动作（分送、退回、受理、调解、立案、办结……）',
          params: IdParams,
          body: TransitionBody,
          response: { 200: ItemDetail },
        },
      },
      (req) => complaints.transition(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/complaints/:id/assign',
      { schema: { operationId: 'assignComplaint', tags, params: IdParams, body: AssignBody, response: { 200: ItemDetail } } },
      (req) => complaints.assign(req.ctx, req.params.id, req.body.handlerId, req.body.expectedVersion),
    )
    app.get(
      '/complaints/:id/handler-candidates',
      {
        schema: {
          operationId: 'complaintHandlerCandidates',
          tags,
          summary: '可指定的承办人（分派权限；举报件不含本人）',
          params: IdParams,
          response: { 200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), unitName: z.string().nullable() })) }) },
        },
      },
      (req) => complaints.handlerCandidates(req.ctx, req.params.id),
    )
    app.post(
      '/complaints/:id/link',
      {
        schema: {
          operationId: 'linkComplaintOriginal',
          tags,
          summary: '关联原件（重复诉求的原件已办结时，关联而不合并）',
          params: IdParams,
          body: LinkBody,
          response: { 200: ItemDetail },
        },
      },
      (req) => links.linkOriginal(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/complaints/:id/respondent',
      {
        schema: {
          operationId: 'linkComplaintRespondent',
          tags,
          summary: '关联或更正被投诉（举报）人为名录主体，重新确定管辖单位',
          params: IdParams,
          body: RespondentLinkBody,
          response: { 200: ItemDetail },
        },
      },
      (req) => links.setRespondent(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/complaints/:id/feedback',
      {
        schema: {
          operationId: 'complaintFeedback',
          tags,
          summary: '登记向投诉人/举报人的反馈',
          params: IdParams,
          body: FeedbackBody,
          response: { 200: ItemDetail },
        },
      },
      (req) => complaints.recordFeedback(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/complaints/:id/supervisions',
      { schema: { operationId: 'superviseComplaint', tags, summary: '督办', params: IdParams, body: SupervisionBody, response: { 200: ItemDetail } } },
      (req) => complaints.supervise(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/complaints/:id/supervisions/:sid/response',
      {
        schema: {
          operationId: 'respondSupervision',
          tags,
          params: IdParams.extend({ sid: z.string().uuid('ID 无效') }),
          body: SupervisionResponseBody,
          response: { 200: ItemDetail },
        },
      },
      (req) => complaints.respondSupervision(req.ctx, req.params.id, req.params.sid, req.body.response),
    )
    app.get(
      '/complaints/:id/duplicates',
      {
        schema: {
          operationId: 'complaintDuplicates',
          tags,
          summary: '疑似重复件（建议合并）',
          params: IdParams,
          response: { 200: z.object({ items: IntakeOut.shape.duplicates }) },
        },
      },
      (req) => complaints.duplicatesOf(req.ctx, req.params.id),
    )
    app.get(
      '/complaints/:id/parties',
      {
        schema: {
          operationId: 'revealComplaintParties',
          tags,
          summary: '查看投诉人/举报人身份信息明文（留痕）',
          params: IdParams,
          response: { 200: PartiesOut },
        },
      },
      (req) => complaints.revealParties(req.ctx, req.params.id),
    )
    app.post(
      '/complaints/:id/attachments',
      {
        bodyLimit: Math.ceil(LIMITS.attachmentBytes * 1.4) + 4096,
        schema: { operationId: 'addComplaintAttachment', tags, params: IdParams, body: AttachmentBody, response: { 200: ItemDetail } },
      },
      (req) => documents.addAttachment(req.ctx, req.params.id, req.body),
    )
    app.get(
      '/complaints/:id/attachments/:aid',
      { schema: { operationId: 'getComplaintAttachment', tags, params: IdParams.extend({ aid: z.string().uuid('ID 无效') }) } },
      async (req, reply) => {
        const a = await documents.attachment(req.ctx, req.params.id, req.params.aid)
        reply.header('content-type', a.mime)
        reply.header('x-content-type-options', 'nosniff')
        reply.header('content-disposition', attachment(a.fileName, 'attachment'))
        return reply.send(a.content)
      },
    )
    const DocParams = IdParams.extend({ kind: z.enum(Object.keys(DOCUMENT_KINDS) as [keyof typeof DOCUMENT_KINDS]) })
    app.get(
      '/complaints/:id/documents/:kind',
      {
        schema: {
          operationId: 'complaintDocument',
          tags,
          summary: '打印已出具的文书（存档副本，HTML）；尚未出具的返回 404，出具请用 POST',
          params: DocParams,
        },
      },
      async (req, reply) => {
        const { html, meta } = await documents.document(req.ctx, req.params.id, req.params.kind)
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .header('cache-control', 'no-store')
          .header('x-document-sha256', meta.sha256)
          .send(html)
      },
    )
    app.post(
      '/complaints/:id/documents/:kind',
      {
        schema: {
          operationId: 'issueComplaintDocument',
          tags,
          summary: '出具文书（编号、存档、审计）；已出具的返回原存档',
          params: DocParams,
          response: { 200: DocumentMeta },
        },
      },
      async (req) => (await documents.issue(req.ctx, req.params.id, req.params.kind)).meta,
    )
    app.get(
      '/complaints/:id/documents',
      { schema: { operationId: 'listComplaintDocuments', tags, summary: '本件已出具的文书', params: IdParams, response: { 200: DocumentList } } },
      (req) => documents.listIssued(req.ctx, req.params.id),
    )

    app.get('/complaints/imports/:id', { schema: { operationId: 'getComplaintImport', tags, params: IdParams, response: { 200: ImportOut } } }, (req) =>
      imports.get(req.ctx, req.params.id),
    )
    app.get(
      '/complaints/imports/:id/errors',
      {
        schema: {
          operationId: 'complaintImportErrors',
          tags,
          params: IdParams,
          querystring: PageQuery,
          response: { 200: pageResponse(z.object({ rowNo: z.number(), column: z.string(), value: z.string().nullable(), reason: z.string() })) },
        },
      },
      (req) => imports.errors(req.ctx, req.params.id, req.query),
    )
    app.get(
      '/complaints/imports/:id/error-report',
      { schema: { operationId: 'complaintImportErrorReport', tags, summary: '下载错误报告（Excel）', params: IdParams } },
      async (req, reply) => {
        await imports.get(req.ctx, req.params.id)
        await streamDownload(req, reply, { name: '导入错误报告.xlsx', fallback: 'errors.xlsx' }, (out) => imports.writeErrorReport(req.ctx, req.params.id, out))
      },
    )
    app.post(
      '/complaints/imports/:id/commit',
      {
        schema: {
          operationId: 'commitComplaintImport',
          tags,
          summary: '确认导入（仅正确的行 / 全部）',
          params: IdParams,
          body: z.object({ mode: z.enum(['valid_only', 'all']) }),
          response: { 200: ImportOut },
        },
      },
      (req) => imports.commit(req.ctx, req.params.id, req.body.mode),
    )
    app.post(
      '/complaints/imports/:id/cancel',
      { schema: { operationId: 'cancelComplaintImport', tags, summary: '全部不导入', params: IdParams, response: { 200: ImportOut } } },
      (req) => imports.cancel(req.ctx, req.params.id),
    )

    // ---- public portal (no account) -------------------------------------------------------------
    const ptags = ['12315 公众门户']
    const publicLimit = { max: config.rateLimit.publicPerMinute, timeWindow: 60_000 }
    // Submissions are far rarer than page views: a tenth of the public limit per IP, at least 3.
    const submitLimit = { max: Math.max(3, Math.floor(config.rateLimit.publicPerMinute / 10)), timeWindow: 60_000 }
    app.get(
      '/public/complaints/challenge',
      {
        config: { public: true, rateLimit: publicLimit },
        schema: { operationId: 'portalChallenge', tags: ptags, summary: '取得提交校验（工作量证明）', security: [], response: { 200: ChallengeOut } },
      },
      () => portal.challenge(),
    )
    app.get(
      '/public/complaints/respondents',
      {
        config: { public: true, rateLimit: publicLimit },
        schema: {
          operationId: 'portalSuggestRespondents',
          tags: ptags,
          summary: '被投诉（举报）人联想（名称或统一社会信用代码，仅公示信息）',
          security: [],
          querystring: SuggestQuery,
          response: { 200: PublicSuggestOut },
        },
      },
      (req) => links.publicRespondents(req.query.q),
    )
    // Room for the attachments (base64 is 4/3 of the bytes) and the text fields.
    app.post(
      '/public/complaints',
      {
        bodyLimit: Math.ceil(LIMITS.portalAttachments * LIMITS.portalAttachmentBytes * 1.37) + 64 * 1024,
        config: { public: true, rateLimit: submitLimit },
        schema: {
          operationId: 'portalSubmit',
          tags: ptags,
          summary: '网上提交投诉或举报',
          security: [],
          body: PortalSubmitBody,
          response: { 201: PortalSubmitOut },
        },
      },
      async (req, reply) => reply.code(201).send(await portal.submit(req.body, req.ip)),
    )
    app.post(
      '/public/complaints/track',
      {
        bodyLimit: 4096,
        config: { public: true, rateLimit: publicLimit },
        schema: { operationId: 'portalTrack', tags: ptags, summary: '凭编号和查询码查询办理进度', security: [], body: TrackBody, response: { 200: TrackOut } },
      },
      (req) => portal.track(req.body.itemNo, req.body.queryCode),
    )
    app.get(
      '/public/site',
      {
        config: { public: true, rateLimit: publicLimit },
        schema: { operationId: 'publicSite', tags: ptags, summary: '公众页面的主办单位与网站标识', security: [], response: { 200: SiteOut } },
      },
      () => portal.site(config.site),
    )
    // Query-code recovery: a strict per-process limit here, and durable per-item and per-address counts in the service.
    const recoverLimit = { max: Math.max(3, Math.floor(config.rateLimit.publicPerMinute / 20)), timeWindow: 60_000 }
    app.post(
      '/public/complaints/recover',
      {
        bodyLimit: 4096,
        config: { public: true, rateLimit: recoverLimit },
        schema: {
          operationId: 'portalRecover',
          tags: ptags,
          summary: '找回查询码（诉求编号 + 提交时填写的电话）',
          security: [],
          body: RecoverBody,
          response: { 200: RecoverOut },
        },
      },
      (req) => portal.recover(req.body.itemNo, req.body.phone, req.ip),
    )
    app.post(
      '/public/complaints/documents',
      {
        bodyLimit: 4096,
        config: { public: true, rateLimit: publicLimit },
        schema: { operationId: 'portalDocument', tags: ptags, summary: '下载已送达的告知书（凭编号和查询码，HTML）', security: [], body: PortalDocumentBody },
      },
      async (req, reply) => {
        const d = await portal.document(req.body.itemNo, req.body.queryCode, req.body.kind, req.ip)
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .header('cache-control', 'no-store')
          .header('content-disposition', attachment(`${d.itemNo}-${d.title}.html`, 'notice.html'))
          .send(d.html)
      },
    )
    app.post(
      '/public/complaints/rate',
      {
        bodyLimit: 8192,
        config: { public: true, rateLimit: submitLimit },
        schema: { operationId: 'portalRate', tags: ptags, summary: '办结后评价满意度', security: [], body: RateBody, response: { 200: TrackOut } },
      },
      (req) => portal.rate(req.body.itemNo, req.body.queryCode, req.body.satisfaction, req.body.comment, req.ip),
    )
  }
}

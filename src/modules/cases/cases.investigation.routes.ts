import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { attachment } from '../../core/http/download'
import { uploadedBytes, uploadedFile } from '../../core/http/upload'
import {
  AvoidanceBody,
  InvestigationProposalBody,
  PreservationBody,
  PreservationDecisionBody,
  RecordBody,
  TransferReceiptBody,
} from '../../shared/cases/investigation'
import { ApprovalView } from '../approvals'
import { InvestigationView } from './cases.investigation.schema'
import { EVIDENCE_FILES } from './cases.records'
import type { CasesService } from './cases.service'

const IdParams = z.object({ id: z.string().uuid('ID 无效') })
const uuid = z.string().uuid('ID 无效')
const EvidenceParams = z.object({ id: uuid, eid: uuid })
const PreservationParams = z.object({ id: uuid, pid: uuid })
const TransferParams = z.object({ id: uuid, tid: uuid })
const Version = z.object({ version: z.number({ error: '缺少案件版本号（version），请刷新后重试' }).int().min(1) })

/** The investigation stage of a case (调查取证): evidence files, records, 先行登记保存, 回避, proposals, transfer receipts. Thin. */
export function caseInvestigationRoutes(cases: CasesService): FastifyPluginAsyncZod {
  const inv = cases.investigation
  return async (app) => {
    const tags = ['行政处罚案件']
    const response = { 200: InvestigationView }
    await app.register(multipart, { limits: { fileSize: EVIDENCE_FILES.maxBytes, files: 1, fields: 5, fieldSize: 4096 } })

    app.get(
      '/cases/:id/investigation',
      {
        schema: { operationId: 'getCaseInvestigation', tags, summary: '调查取证：证据（含文件）、笔录、先行登记保存、回避、移送', params: IdParams, response },
      },
      (req) => inv.view(req.ctx, req.params.id),
    )
    app.post(
      '/cases/:id/evidence/:eid/files',
      {
        bodyLimit: EVIDENCE_FILES.maxBytes + 64 * 1024,
        schema: {
          operationId: 'addCaseEvidenceFile',
          tags,
          summary: '上传证据文件（PDF/JPG/PNG/DOCX，≤ 20 MB；multipart，字段 file）',
          consumes: ['multipart/form-data'],
          params: EvidenceParams,
          response,
        },
      },
      async (req) => {
        const file = await uploadedFile(req, { limits: { fileSize: EVIDENCE_FILES.maxBytes } })
        const content = await uploadedBytes(file, `证据文件不能超过 ${EVIDENCE_FILES.maxBytes / 1024 / 1024} MB`)
        return inv.addEvidenceFile(req.ctx, req.params.id, req.params.eid, { fileName: file.filename, content })
      },
    )
    app.get(
      '/case-evidence-files/:id',
      { schema: { operationId: 'getCaseEvidenceFile', tags, summary: '下载证据文件（留痕）', params: IdParams } },
      async (req, reply) => {
        const f = await inv.evidenceFile(req.ctx, req.params.id)
        reply.header('content-type', f.mime)
        reply.header('content-disposition', attachment(f.fileName, 'evidence'))
        reply.header('x-content-type-options', 'nosniff')
        return reply.send(f.content)
      },
    )
    app.post(
      '/cases/:id/evidence-list',
      { schema: { operationId: 'issueCaseEvidenceList', tags, summary: '制作证据清单（文书）', params: IdParams, body: Version, response } },
      (req) => inv.evidenceList(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/cases/:id/records',
      {
        schema: {
          operationId: 'addCaseRecord',
          tags,
          summary: '制作询问笔录、现场笔录或勘验笔录（文书，列入证据）',
          params: IdParams,
          body: RecordBody,
          response,
        },
      },
      (req) => inv.addRecord(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/cases/:id/preservations',
      {
        schema: {
          operationId: 'requestCasePreservation',
          tags,
          summary: '提请先行登记保存证据（负责人在审批待办中批准）',
          params: IdParams,
          body: PreservationBody,
          response,
        },
      },
      (req) => inv.requestPreservation(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/cases/:id/preservations/:pid/decision',
      {
        schema: {
          operationId: 'decideCasePreservation',
          tags,
          summary: '先行登记保存处理决定（七个工作日内）',
          params: PreservationParams,
          body: PreservationDecisionBody,
          response,
        },
      },
      (req) => inv.decidePreservation(req.ctx, req.params.id, req.params.pid, req.body),
    )
    app.post(
      '/cases/:id/avoidances',
      { schema: { operationId: 'applyCaseAvoidance', tags, summary: '回避申请或自行回避（负责人决定）', params: IdParams, body: AvoidanceBody, response } },
      (req) => inv.applyAvoidance(req.ctx, req.params.id, req.body),
    )
    app.post(
      '/cases/:id/investigation-proposals',
      {
        schema: {
          operationId: 'proposeCaseInvestigationAction',
          tags,
          summary: '提请负责人审批中止调查、终止调查或移送（审批待办）',
          params: IdParams,
          body: InvestigationProposalBody,
          response: { 201: ApprovalView },
        },
      },
      async (req, reply) => reply.code(201).send(await inv.propose(req.ctx, req.params.id, req.body)),
    )
    app.post(
      '/cases/:id/transfers/:tid/receipt',
      {
        schema: {
          operationId: 'recordCaseTransferReceipt',
          tags,
          summary: '登记移送回执及处理结果',
          params: TransferParams,
          body: TransferReceiptBody,
          response,
        },
      },
      (req) => inv.transferReceipt(req.ctx, req.params.id, req.params.tid, req.body),
    )
  }
}

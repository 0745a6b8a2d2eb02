/**
 * Evidence files and investigation records of a case (调查取证): files on evidence rows through the
 * kernel attachment store (every download audited), the printable 证据清单, and the structured
 * records — 询问笔录 (time span, place, officers with certificate numbers, recorder, the person
 * questioned with a masked identity number, Q&A turns) and 现场笔录/勘验笔录 (time, place, persons
 * present, findings) — each issued from the document engine with signature lines and listed as an
 * evidence row. `view` is the investigation section of the case detail.
 */
import { type Ctx } from '../../core/actor'
import { attachmentStoreFor, defineAttachmentKind, type AttachmentMeta } from '../../core/attachments'
import type { CoreDeps } from '../../core/deps'
import { docDate } from '../../core/documents'
import { AppError, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import { maskIdNumber } from '../../core/mask'
import { caseWorkflow, type CaseState } from '../../shared/cases/case.workflow'
import type { RecordBody } from '../../shared/cases/investigation'
import {
  AVOIDANCE_APPLICANTS,
  AVOIDANCE_STATES,
  PRESERVATION_DECISIONS,
  PRESERVATION_STATES,
  RECORD_KINDS,
  TRANSFER_STATES,
  TRANSFER_TARGETS,
  type PreservationDecision,
  type RecordKind,
  type TransferTarget,
} from '../../shared/cases/investigation'
import { EVIDENCE_KINDS, type EvidenceKind } from '../../shared/cases/vocabulary'
import type { AuditService } from '../audit'
import { recordEvidenceKind } from './cases.investigation.domain'
import { CASE_MATTER, itemsText, type CaseKit } from './cases.kit'
import type { InvestigationView } from './cases.investigation.schema'
import './cases.investigation.tables'

/** Evidence files: scans, photos, documents (PDF, JPEG, PNG, DOCX up to 20 MB, 30 per evidence item). */
export const EVIDENCE_FILES = defineAttachmentKind({
  ownerType: 'case_evidence',
  maxBytes: 20 * 1024 * 1024,
  ownerLabel: '项证据',
  maxPerOwner: 30,
  types: ['pdf', 'jpeg', 'png', 'docx'],
})

const RECORD_DOC = { inquiry: 'case.inquiry', site: 'case.site', inspection: 'case.site_inspection' } as const
export function createCaseRecords({ db, clock, config, kit, audit }: Pick<CoreDeps, 'db' | 'clock' | 'config'> & { kit: CaseKit; audit: AuditService }) {
  const { records, legalDate, event, issue, forChange, officersOf } = kit
  const attachments = attachmentStoreFor({ db, clock, config })

  async function evidenceRow(caseId: string, evidenceId: string) {
    const e = await db.selectFrom('caseEvidence').selectAll().where('id', '=', evidenceId).where('caseId', '=', caseId).executeTakeFirst()
    if (!e) throw notFound('证据', evidenceId)
    return e
  }

  /** Adds a file to an evidence item (multipart upload): checked, scanned, stored, audited. */
  async function addEvidenceFile(ctx: Ctx, caseId: string, evidenceId: string, file: { fileName: string; content: Buffer }) {
    // Scope first: another district's case is a 404 before the file is looked at.
    await records.load(db, ctx, caseId, { permission: 'case.handle' })
    await evidenceRow(caseId, evidenceId)
    const f = await attachments.accept(EVIDENCE_FILES, file.fileName, file.content)
    await db.transaction().execute(async (trx) => {
      const r = await records.load(trx, ctx, caseId, { permission: 'case.handle', lock: true })
      if (caseWorkflow.isFinal(r.state as CaseState)) throw new AppError('ILLEGAL_TRANSITION', '案件已办结，案卷只读；更正须另行制作文书')
      await attachments.assertRoom(trx, EVIDENCE_FILES, evidenceId)
      const aid = await attachments.record(trx, f, { id: evidenceId, uploadedBy: ctx.actor.userId })
      await audit.record(trx, ctx, {
        action: 'case.evidence_file_add',
        targetType: 'case_file',
        targetId: caseId,
        targetLabel: r.caseNo,
        unitId: r.unitId,
        after: { id: aid, evidenceId, fileName: f.fileName, size: f.sizeBytes, sha256: f.sha256 },
      })
      await event(trx, ctx, caseId, 'evidence_file', '上传证据文件', kit.today(), f.fileName)
    })
    return view(ctx, caseId)
  }

  /** One evidence file's bytes to whoever may read the case; every view is audited. */
  async function evidenceFile(ctx: Ctx, fileId: string) {
    const a = await attachments.meta(EVIDENCE_FILES.ownerType, fileId)
    if (!a) throw notFound('证据文件', fileId)
    const e = await db.selectFrom('caseEvidence').select(['caseId']).where('id', '=', a.ownerId).executeTakeFirst()
    if (!e) throw notFound('证据文件', fileId)
    const r = await records.load(db, ctx, e.caseId).catch(() => {
      throw notFound('证据文件', fileId)
    })
    const f = (await attachments.open(EVIDENCE_FILES.ownerType, a.ownerId, fileId))!
    await db.transaction().execute((trx) =>
      audit.record(trx, ctx, {
        action: 'case.evidence_file_view',
        targetType: 'case_file',
        targetId: r.id,
        targetLabel: r.caseNo,
        unitId: r.unitId,
        after: { id: fileId, fileName: f.fileName, sha256: f.sha256 },
      }),
    )
    return { fileName: f.fileName, mime: f.contentType, content: f.content }
  }

  /** Issues the printable 证据清单 of the case as it stands (every row, its kind, source, collector, files). */
  async function evidenceList(ctx: Ctx, caseId: string, body: { version: number }) {
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, caseId, body.version)
      const rows = await trx.selectFrom('caseEvidence').selectAll().where('caseId', '=', caseId).orderBy('seq').execute()
      if (!rows.length) throw validation('尚未登记证据，不能制作证据清单')
      const counts = await attachments.counts(
        trx,
        EVIDENCE_FILES.ownerType,
        rows.map((e) => e.id),
      )
      const on = kit.today()
      const list = rows
        .map(
          (e) =>
            `${e.seq}. ${EVIDENCE_KINDS[e.kind as EvidenceKind] ?? e.kind}：${e.title}；来源：${e.source ?? '—'}；取证：${docDate(e.collectedOn)}，${e.collectedBy ?? '—'}；` +
            `证明事项：${e.description ?? '—'}；附件 ${counts.get(e.id) ?? 0} 个。`,
        )
        .join('\n')
      await issue(trx, ctx, r, 'case.evidence_list', on, null, { count: rows.length, list, on: docDate(on) })
      await records.update(trx, ctx, r, {}, { audit: 'case.evidence_list' })
      await event(trx, ctx, caseId, 'evidence_list', '制作证据清单', on, `${rows.length} 项证据`)
    })
    return view(ctx, caseId)
  }

  /** Records a 询问笔录 / 现场笔录 / 勘验笔录: issues it with signature lines and lists it as evidence. */
  async function addRecord(ctx: Ctx, caseId: string, body: RecordBody) {
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, caseId, body.version)
      // startedAt / endedAt are Beijing wall times as entered (YYYY-MM-DD HH:mm, schema bjTime): their date part is the Beijing date.
      const day = body.startedAt.slice(0, 10)
      legalDate(day, '笔录日期')
      if (body.endedAt.slice(0, 10) > kit.today()) throw validation('笔录结束时间不能晚于今天')
      const officers = await officersOf(trx, caseId)
      const byId = new Map(officers.map((o) => [o.userId, o]))
      const chosen = body.officerIds.map((id) => {
        const o = byId.get(id)
        if (!o) throw validation('询问、检查的执法人员须为本案办案人员')
        return o
      })
      const recorder = byId.get(body.recorderId)
      if (!recorder) throw validation('记录人须为本案办案人员')
      const n = await trx
        .selectFrom('caseRecord')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('caseId', '=', caseId)
        .executeTakeFirstOrThrow()
      const seq = Number(n.n) + 1
      const qa = body.kind === 'inquiry' ? body.qa : []
      const doc = await issue(trx, ctx, r, RECORD_DOC[body.kind], day, null, {
        startedAt: body.startedAt,
        endedAt: body.endedAt,
        place: body.place,
        recordOfficers: chosen.map((o) => `${o.name}（执法证号 ${o.certNo}）`).join('、'),
        recorder: recorder.name,
        personName: body.personName ?? '—',
        personId: maskIdNumber(body.personIdNo ?? null) ?? '—',
        personRole: body.personRole ?? '—',
        qa: qa.map((t) => `问：${t.q}\n答：${t.a}`).join('\n'),
        present: body.present ?? '—',
        findings: body.findings ?? '',
      })
      const id = newId()
      await trx
        .insertInto('caseRecord')
        .values({
          id,
          caseId,
          seq,
          kind: body.kind,
          startedAt: body.startedAt,
          endedAt: body.endedAt,
          place: body.place,
          officersJson: JSON.stringify(chosen.map((o) => ({ name: o.name, certNo: o.certNo }))),
          recorder: recorder.name,
          personName: body.personName ?? null,
          personIdNo: body.personIdNo ? body.personIdNo.toUpperCase() : null,
          personRole: body.personRole ?? null,
          qaJson: JSON.stringify(qa),
          present: body.present ?? null,
          findings: body.findings ?? null,
          docNo: doc.docNo,
          createdAt: clock.now().toISOString(),
          createdBy: ctx.actor.userId,
        })
        .execute()
      const ne = await trx
        .selectFrom('caseEvidence')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('caseId', '=', caseId)
        .executeTakeFirstOrThrow()
      const title = body.kind === 'inquiry' ? `${RECORD_KINDS.inquiry}（${body.personName}）` : `${RECORD_KINDS[body.kind]}（${body.place}）`
      await trx
        .insertInto('caseEvidence')
        .values({
          id: newId(),
          caseId,
          seq: Number(ne.n) + 1,
          kind: recordEvidenceKind(body.kind, body.personRole),
          title,
          description: doc.docNo ? `见${doc.docNo}` : null,
          source: body.place,
          collectedBy: chosen.map((o) => o.name).join('、'),
          collectedOn: day,
          recordId: id,
          createdAt: clock.now().toISOString(),
          createdBy: ctx.actor.userId,
        })
        .execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.record_add' })
      await event(trx, ctx, caseId, 'record', `制作${RECORD_KINDS[body.kind]}`, day, `${doc.docNo ?? ''} ${title}`)
    })
    return view(ctx, caseId)
  }

  const fileOut = (a: AttachmentMeta) => ({
    id: a.id,
    fileName: a.fileName,
    mime: a.contentType,
    size: a.sizeBytes,
    sha256: a.sha256,
    uploadedAt: a.uploadedAt,
  })
  const parse = <T>(s: string): T => JSON.parse(s) as T

  /** The investigation section of the case: evidence with files, records, preservations, avoidances, transfers. */
  async function view(ctx: Ctx, caseId: string): Promise<InvestigationView> {
    const r = await records.load(db, ctx, caseId)
    const [evidence, recs, pres, avoid, transfers, docs] = await Promise.all([
      db.selectFrom('caseEvidence').selectAll().where('caseId', '=', caseId).orderBy('seq').execute(),
      db.selectFrom('caseRecord').selectAll().where('caseId', '=', caseId).orderBy('seq').execute(),
      db.selectFrom('casePreservation').selectAll().where('caseId', '=', caseId).orderBy('createdAt').execute(),
      db.selectFrom('caseAvoidance').selectAll().where('caseId', '=', caseId).orderBy('createdAt').execute(),
      db.selectFrom('caseTransfer').selectAll().where('caseId', '=', caseId).orderBy('createdAt').execute(),
      db.selectFrom('document').select(['id', 'docNo', 'kind']).where('matterType', '=', CASE_MATTER).where('matterId', '=', caseId).execute(),
    ])
    const files = await attachments.list(
      db,
      EVIDENCE_FILES.ownerType,
      evidence.map((e) => e.id),
    )
    const docByNo = new Map(docs.filter((d) => d.docNo).map((d) => [d.docNo!, d.id]))
    const preservationDue = new Map<string, string | null>()
    for (const p of pres) if (p.state === 'held') preservationDue.set(p.id, await kit.dueOf(db, PRESERVATION_MATTER, p.id, 'decision'))
    return {
      caseId,
      version: r.version,
      evidence: evidence.map((e) => ({
        id: e.id,
        seq: e.seq,
        kind: e.kind,
        kindLabel: EVIDENCE_KINDS[e.kind as EvidenceKind] ?? e.kind,
        title: e.title,
        description: e.description,
        source: e.source,
        collectedBy: e.collectedBy,
        collectedOn: e.collectedOn,
        recordId: e.recordId,
        files: files.filter((f) => f.ownerId === e.id).map(fileOut),
      })),
      records: recs.map((x) => ({
        id: x.id,
        seq: x.seq,
        kind: x.kind,
        kindLabel: RECORD_KINDS[x.kind as RecordKind] ?? x.kind,
        startedAt: x.startedAt,
        endedAt: x.endedAt,
        place: x.place,
        officers: parse<Array<{ name: string; certNo: string }>>(x.officersJson),
        recorder: x.recorder,
        personName: x.personName,
        personIdMasked: maskIdNumber(x.personIdNo),
        personRole: x.personRole,
        qa: parse<Array<{ q: string; a: string }>>(x.qaJson),
        present: x.present,
        findings: x.findings,
        docNo: x.docNo,
        documentId: x.docNo ? (docByNo.get(x.docNo) ?? null) : null,
      })),
      preservations: pres.map((p) => ({
        id: p.id,
        reason: p.reason,
        items: parse<Array<{ name: string; quantity: number; unit: string; location: string }>>(p.itemsJson),
        itemsText: itemsText(parse(p.itemsJson)),
        state: p.state,
        stateLabel: PRESERVATION_STATES[p.state as keyof typeof PRESERVATION_STATES] ?? p.state,
        requestedOn: p.requestedOn,
        approvedOn: p.approvedOn,
        dueOn: preservationDue.get(p.id) ?? null,
        noticeNo: p.noticeNo,
        decision: p.decision,
        decisionLabel: p.decision ? (PRESERVATION_DECISIONS[p.decision as PreservationDecision] ?? p.decision) : null,
        decidedOn: p.decidedOn,
        decisionNo: p.decisionNo,
        decisionNote: p.decisionNote,
      })),
      avoidances: avoid.map((a) => ({
        id: a.id,
        officerName: a.officerName,
        applicant: a.applicant,
        applicantLabel: AVOIDANCE_APPLICANTS[a.applicant as keyof typeof AVOIDANCE_APPLICANTS] ?? a.applicant,
        reason: a.reason,
        appliedOn: a.appliedOn,
        replacementName: a.replacementName,
        state: a.state,
        stateLabel: AVOIDANCE_STATES[a.state as keyof typeof AVOIDANCE_STATES] ?? a.state,
        decidedOn: a.decidedOn,
        decisionNote: a.decisionNote,
        docNo: a.docNo,
      })),
      transfers: transfers.map((x) => ({
        id: x.id,
        target: x.target,
        targetLabel: TRANSFER_TARGETS[x.target as TransferTarget] ?? x.target,
        organ: x.organ,
        reason: x.reason,
        materials: x.materials,
        transferredOn: x.transferredOn,
        docNo: x.docNo,
        state: x.state,
        stateLabel: TRANSFER_STATES[x.state as keyof typeof TRANSFER_STATES] ?? x.state,
        receivedOn: x.receivedOn,
        receivingOrgan: x.receivingOrgan,
        outcome: x.outcome,
      })),
    }
  }

  return { addEvidenceFile, evidenceFile, evidenceList, addRecord, view }
}
export type CaseRecords = ReturnType<typeof createCaseRecords>

export const PRESERVATION_MATTER = 'case_preservation'

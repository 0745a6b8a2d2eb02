import type { Writable } from 'node:stream'
import { assertCan, systemCtx, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { AppError, forbidden, notFound, validation } from '../../core/errors'
import { attachmentStoreFor, defineAttachmentKind, type AcceptedFile, type AttachmentKind } from '../../core/attachments'
import type { Executor, Trx } from '../../core/db/database'
import { maskName } from '../../core/mask'
import { keysetPages, writeXlsx, type XlsxColumn } from '../../core/export'
import type { AuditService } from '../audit'
import type { DocumentMeta, DocumentsEngine, IssueInput } from '../documents'
import type { RulesService } from '../rules'
import {
  CATEGORIES,
  FINAL_STATES,
  CONFIDENTIAL_FILE_NAME,
  CONFIDENTIAL_REFUSAL,
  confidentialAttachment,
  ITEM_TYPE_LABEL,
  NOT_FILED_REASONS,
  OUTCOME_LABEL,
  STATE_LABEL,
  fenToYuan,
  nonAcceptanceReasons,
  reporterDisplay,
  terminationGrounds,
  type NotFiledReason,
  type Regime,
  type State,
} from './complaints.domain'
import { createComplaintsRepo, type ItemRow } from './complaints.repo'
import { LIMITS, type ListQuery } from './complaints.schema'
import type { ComplaintsService } from './complaints.service'
import { beijingDate, fmtDateCn } from '../../shared/time'
import { printableLegalBasis } from '../../shared/legal'
import {
  COMPLAINT_DOCUMENT_KINDS as DOCUMENT_KINDS,
  COMPLAINT_TEMPLATES,
  EARLIEST_REGIME_DATE,
  EXTRA_ARTICLE,
  type ComplaintDocumentKind as DocumentKind,
} from './complaints.templates'

export { COMPLAINT_DOCUMENT_KINDS as DOCUMENT_KINDS, type ComplaintDocumentKind as DocumentKind } from './complaints.templates'

/** The matter type of 12315 documents in the document archive. */
export const MATTER = 'complaint_item'

/** Attachments of a 12315 item (limits as data; the type is recognised from the bytes, the name must agree). */
export const ITEM_ATTACHMENTS = defineAttachmentKind({
  ownerType: MATTER,
  ownerLabel: '件',
  maxBytes: LIMITS.attachmentBytes,
  maxPerOwner: LIMITS.attachmentsPerItem,
  types: ['jpeg', 'png', 'pdf', 'docx'],
})
/** Photos and receipts sent with the public form. */
export const PORTAL_ATTACHMENTS = defineAttachmentKind({
  ...ITEM_ATTACHMENTS,
  maxBytes: LIMITS.portalAttachmentBytes,
  maxPerOwner: LIMITS.portalAttachments,
  types: ['jpeg', 'png', 'pdf'],
})

/** Printable notices (through the document engine), attachments and the masked Excel export of items. */
export function createDocumentsService({
  db,
  clock,
  config,
  audit,
  complaints,
  rules,
  engine,
}: Pick<CoreDeps, 'db' | 'clock' | 'config'> & {
  audit: AuditService
  complaints: ComplaintsService
  rules: Pick<RulesService, 'resolve'>
  engine: DocumentsEngine
}) {
  const repo = createComplaintsRepo()
  const attachments = attachmentStoreFor({ db, clock, config })

  // The archive applies the 12315 scope (404) and personal-data rule (403 on the content): a
  // reporter notice is readable only with reporter.view, a complainant's notice by the handler or
  // with personal_data.view — the copy carries the names as served.
  engine.registerMatter(MATTER, {
    async authorize(ctx, matterId) {
      const item = await complaints.loadReadable(db, ctx, matterId)
      return { mayReadContent: await complaints.canRevealParties(db, ctx, item), unitId: item.handlingUnitId }
    },
  })

  const complainantOnly: readonly DocumentKind[] = ['acceptance', 'non_acceptance', 'termination', 'mediation']
  const reporterKinds: readonly DocumentKind[] = ['report_filed', 'report_not_filed']

  /** Why `kind` cannot be issued for the item now, or null; with the decision's date when it can. */
  function readiness(item: ItemRow, kind: DocumentKind): { error: AppError } | { issueDate: string } {
    const title = DOCUMENT_KINDS[kind]
    if (complainantOnly.includes(kind) && item.type !== 'complaint') return { error: validation(`${title}只适用于投诉件`) }
    if (reporterKinds.includes(kind) && item.type !== 'report') return { error: validation(`${title}只适用于举报件`) }
    if (kind === 'closure' && item.type === 'consultation') return { error: validation('咨询件不出具办结告知书') }
    // Art 31 speaks of real-name reporters only: an anonymous reporter has no addressee and no notice.
    if (item.type === 'report' && item.anonymous === 1) return { error: validation(`匿名举报不出具${title}`) }
    const not = (what: string) => ({ error: new AppError('ILLEGAL_TRANSITION', `该件尚未${what}，不能出具${title}`) })
    switch (kind) {
      case 'acceptance':
        return item.accepted === 1 && item.acceptDecidedOn ? { issueDate: item.acceptDecidedOn } : not('受理')
      case 'non_acceptance':
        return item.accepted === 0 && item.acceptDecidedOn ? { issueDate: item.acceptDecidedOn } : not('作出不予受理决定')
      case 'termination':
        return item.terminatedOn ? { issueDate: item.terminatedOn } : not('终止调解')
      case 'mediation':
        return item.outcome === 'agreement_with_doc' && item.concludedOn ? { issueDate: item.concludedOn } : not('达成需制作调解书的调解协议')
      case 'report_filed':
        return item.outcome === 'filed' && item.filingDecidedOn ? { issueDate: item.filingDecidedOn } : not('作出立案决定')
      case 'report_not_filed':
        return item.outcome === 'not_filed' && item.filingDecidedOn ? { issueDate: item.filingDecidedOn } : not('作出不予立案决定')
      case 'closure':
        return item.state === 'closed' && item.closedOn ? { issueDate: item.closedOn } : not('办结')
    }
  }

  /** The date that fixes the item's regime: its receipt date (items before Order 20 count as Order 20). */
  const regimeDateOf = (item: ItemRow) => (item.receivedOn < EARLIEST_REGIME_DATE ? EARLIEST_REGIME_DATE : item.receivedOn)

  /** Printable legal basis from the rule version in force on the receipt date. */
  async function basisOf(item: ItemRow, kind: DocumentKind): Promise<string> {
    const regime = item.regime as Regime
    const rule = async (id: string) => printableLegalBasis((await rules.resolve(id, regimeDateOf(item))).legalBasis)
    const instrument = (basis: string) => /^《[^》]+》(（[^）]+）)?/.exec(basis)?.[0] ?? basis
    switch (kind) {
      case 'acceptance':
        return rule('complaint.accept')
      case 'non_acceptance': {
        const reason = nonAcceptanceReasons(regime).find((r) => r.code === item.nonAcceptReason)
        return reason ? printableLegalBasis(reason.legalBasis) : instrument(await rule('complaint.accept'))
      }
      case 'termination': {
        // The ground list cites Order 20 Art 21; Order 121 items cite the rule in force instead.
        const g = terminationGrounds().find((x) => x.code === item.terminationGround)
        return regime === 'order20' && g ? printableLegalBasis(g.legalBasis) : rule('complaint.termination_notice')
      }
      case 'mediation':
        return `${instrument(await rule('complaint.mediation'))}${EXTRA_ARTICLE.mediation?.[regime] ?? ''}`
      case 'report_filed':
      case 'report_not_filed':
        return rule('report.notify_filing')
      case 'closure':
        return instrument(await rule(item.type === 'report' ? 'report.notify_filing' : 'complaint.accept'))
    }
  }

  /** Placeholder values of the item; `names` decides how parties are printed (full or masked). */
  async function valuesOf(exec: Executor, item: ItemRow, kind: DocumentKind, masked: boolean): Promise<{ values: Record<string, string>; serviceTo: string }> {
    const parties = await repo.partiesOf(exec, item.id)
    const show = (n: string) => (masked ? (maskName(n) ?? '') : n)
    const complainants =
      parties
        .filter((p) => p.role === 'complainant')
        .map((p) => show(p.name))
        .join('、') || '投诉人'
    const reporter =
      parties
        .filter((p) => p.role === 'reporter')
        .map((p) => show(p.name))
        .join('、') || '举报人'
    const g = terminationGrounds().find((x) => x.code === item.terminationGround)
    const reason =
      kind === 'report_not_filed'
        ? (NOT_FILED_REASONS[item.notFiledReason as NotFiledReason] ?? NOT_FILED_REASONS.OTHER)
        : (nonAcceptanceReasons(item.regime as Regime).find((r) => r.code === item.nonAcceptReason)?.text ?? '')
    let agreement = ''
    if (kind === 'mediation') {
      const ev = await exec
        .selectFrom('complaintEvent')
        .select('note')
        .where('itemId', '=', item.id)
        .where('kind', '=', 'conclude')
        .orderBy('at', 'desc')
        .executeTakeFirst()
      const recovered = Number(item.recoveredFen)
      agreement =
        ev?.note?.trim() ||
        (recovered > 0 ? `被投诉人向投诉人退赔人民币${fenToYuan(recovered)}元，双方就本次消费争议再无其他争议。` : '双方就本次消费争议达成一致，再无其他争议。')
    }
    const addressee = item.type === 'report' ? reporter : complainants
    const values = {
      itemNo: item.itemNo,
      receivedOn: fmtDateCn(item.receivedOn),
      respondent: item.respondentName,
      complainants,
      reporter,
      addressee,
      acceptedOn: item.acceptDecidedOn ? fmtDateCn(item.acceptDecidedOn) : '',
      decidedOn: '',
      reason,
      ground: (g?.text ?? '').replace(/的$/, ''),
      facts: item.factsText,
      request: item.requestText,
      agreement,
      typeLabel: ITEM_TYPE_LABEL[item.type as keyof typeof ITEM_TYPE_LABEL] ?? '',
      outcome: item.outcome ? (OUTCOME_LABEL[item.outcome as keyof typeof OUTCOME_LABEL] ?? item.outcome) : '已办结',
    }
    const serviceTo = kind === 'termination' || kind === 'mediation' ? `${complainants}、${item.respondentName}` : addressee
    return { values, serviceTo }
  }

  async function handlerOf(exec: Executor, item: ItemRow) {
    const unit = await exec.selectFrom('orgUnit').select(['phone']).where('id', '=', item.handlingUnitId).executeTakeFirst()
    const user = item.handlerId
      ? await exec.selectFrom('appUser').select(['displayName', 'phone']).where('id', '=', item.handlerId).executeTakeFirst()
      : undefined
    return user ? { name: user.displayName, phone: unit?.phone ?? user.phone } : null
  }

  /** The input the engine needs to issue (or render a public copy of) `kind` for the item. */
  async function issueInput(exec: Executor, item: ItemRow, kind: DocumentKind, issueDate: string, masked: boolean): Promise<IssueInput> {
    const bureau = await complaints.bureauOf(exec, item.handlingUnitId)
    const { values, serviceTo } = await valuesOf(exec, item, kind, masked)
    values.decidedOn = fmtDateCn(issueDate)
    return {
      matterType: MATTER,
      matterId: item.id,
      templates: COMPLAINT_TEMPLATES,
      kind: `complaint.${kind}`,
      regimeDate: regimeDateOf(item),
      issueDate,
      // Stations issue in the county bureau's name (Order 20 Art 26).
      issuingUnitId: bureau?.id ?? item.handlingUnitId,
      values,
      legalBasis: await basisOf(item, kind),
      handler: await handlerOf(exec, item),
      reference: `${ITEM_TYPE_LABEL[item.type as keyof typeof ITEM_TYPE_LABEL] ?? ''}编号：${item.itemNo}`,
      serviceTo,
      audit: { action: 'complaint.document', unitId: item.handlingUnitId },
    }
  }

  /**
   * Issues `kind` for the item (number, archive, hash in the audit trail), or returns the copy
   * already issued. Issuing needs the handling permission on the item's unit.
   * @throws VALIDATION (wrong item type, anonymous report), ILLEGAL_TRANSITION (no decision yet), FORBIDDEN
   */
  async function issue(ctx: Ctx, id: string, kind: DocumentKind): Promise<{ meta: DocumentMeta; issued: boolean }> {
    const item = await complaints.loadReadable(db, ctx, id)
    const r = readiness(item, kind)
    if ('error' in r) throw r.error
    const existing = await engine.findIssued(db, MATTER, id, `complaint.${kind}`)
    if (existing) return { meta: existing, issued: false }
    if (!(await complaints.itemAllowed(db, ctx, item, 'complaint.handle', 'handling'))) throw forbidden('只有承办单位的办理人员可以出具文书')
    return db.transaction().execute(async (trx) => {
      const locked = await complaints.loadReadable(trx, ctx, id, true)
      const again = await engine.findIssued(trx, MATTER, id, `complaint.${kind}`)
      if (again) return { meta: again, issued: false }
      return { meta: await engine.issue(trx, ctx, await issueInput(trx, locked, kind, r.issueDate, false)), issued: true }
    })
  }

  /**
   * The printable notice (GET /complaints/:id/documents/:kind): the archived copy of the document
   * issued for the item, byte for byte, audited as a print. Reading never issues: that is
   * {@link issue} (POST).
   * @throws VALIDATION / ILLEGAL_TRANSITION as {@link issue}; NOT_FOUND when not issued yet
   */
  async function document(ctx: Ctx, id: string, kind: DocumentKind): Promise<{ html: string; meta: DocumentMeta }> {
    const item = await complaints.loadReadable(db, ctx, id)
    const r = readiness(item, kind)
    if ('error' in r) throw r.error
    const meta = await engine.findIssued(db, MATTER, id, `complaint.${kind}`)
    if (!meta) throw new AppError('NOT_FOUND', `本件尚未出具${DOCUMENT_KINDS[kind]}，请先在“文书”中出具`)
    return engine.content(ctx, meta.id, { audited: true })
  }

  /** The item's issued documents (metadata, never an addressee's name). */
  function listIssued(ctx: Ctx, id: string) {
    return engine.list(ctx, MATTER, id)
  }

  /** Notices already served on the complainant (what the public tracking page offers for download). */
  function servedKinds(item: Pick<ItemRow, 'type' | 'accepted' | 'terminationNotifiedOn'>): Array<'acceptance' | 'non_acceptance' | 'termination'> {
    if (item.type !== 'complaint') return []
    const out: Array<'acceptance' | 'non_acceptance' | 'termination'> = []
    if (item.accepted === 1) out.push('acceptance')
    if (item.accepted === 0) out.push('non_acceptance')
    if (item.terminationNotifiedOn) out.push('termination')
    return out
  }

  /**
   * A served notice for the complainant through the public tracking page (number + query code
   * checked by the caller): a public copy of the issued document — same number, date and text, but
   * names masked whatever happens (a joint complaint's notice would otherwise show one complainant
   * the others' full names). A notice not yet issued is issued first, in the handling unit's name.
   * Audited as a public view.
   */
  async function publicDocument(item: ItemRow, kind: DocumentKind, ip: string | null): Promise<string> {
    if (!(servedKinds(item) as string[]).includes(kind)) throw notFound('文书', DOCUMENT_KINDS[kind])
    const r = readiness(item, kind)
    if ('error' in r) throw notFound('文书', DOCUMENT_KINDS[kind])
    const ctx = { ...systemCtx('portal'), ip }
    let meta = await engine.findIssued(db, MATTER, item.id, `complaint.${kind}`)
    if (!meta) {
      meta = await db.transaction().execute(async (trx) => {
        const again = await engine.findIssued(trx, MATTER, item.id, `complaint.${kind}`)
        return again ?? engine.issue(trx, ctx, await issueInput(trx, item, kind, r.issueDate, false))
      })
    }
    const html = engine.renderCopy(await issueInput(db, item, kind, meta.issueDate, true), meta, '公众查询副本')
    await db.transaction().execute((trx) =>
      audit.record(trx, ctx, {
        action: 'complaint.portal.document',
        targetType: 'complaint_item',
        targetId: item.id,
        targetLabel: `${item.itemNo} ${DOCUMENT_KINDS[kind]}`,
        unitId: item.handlingUnitId,
        after: { kind, documentId: meta.id, docNo: meta.docNo },
      }),
    )
    return html
  }

  /**
   * Checks an uploaded file (type from the bytes, the extension must agree, size bounded by its kind),
   * scans it and puts it in the file store (outside the database). Returns what the row needs.
   */
  async function storeFile(fileName: string, contentBase64: string, kind: AttachmentKind = ITEM_ATTACHMENTS): Promise<AcceptedFile> {
    return attachments.accept(kind, fileName, Buffer.from(contentBase64.replace(/\s/g, ''), 'base64'))
  }

  /**
   * The attachment row (bytes already in the store), its timeline event and its audit record. A file
   * of a report that comes from the reporter's side (`confidentialAttachment`) is confidential: its
   * name stays out of the timeline and the audit record.
   */
  async function recordAttachment(
    trx: Trx,
    ctx: Ctx,
    item: { id: string; itemNo: string; handlingUnitId: string; type: string },
    kind: string,
    f: AcceptedFile,
  ) {
    const confidential = confidentialAttachment(item.type, kind)
    const aid = await attachments.record(trx, f, { id: item.id, kind, confidential, uploadedBy: ctx.actor.userId })
    const now = clock.now().toISOString()
    await repo.appendEvent(trx, {
      itemId: item.id,
      at: now,
      eventOn: complaints.today(),
      kind: 'attachment',
      unitId: item.handlingUnitId,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      public: 0,
      note: confidential ? CONFIDENTIAL_FILE_NAME : f.fileName,
      dataJson: JSON.stringify({ attachmentId: aid, kind, sizeBytes: f.sizeBytes, confidential }),
    })
    await audit.record(trx, ctx, {
      action: 'complaint.attachment.add',
      targetType: 'complaint_item',
      targetId: item.id,
      targetLabel: item.itemNo,
      unitId: item.handlingUnitId,
      after: { attachmentId: aid, ...(confidential ? { confidential } : { fileName: f.fileName }), mime: f.mime, sizeBytes: f.sizeBytes, sha256: f.sha256 },
    })
    return aid
  }

  async function addAttachment(ctx: Ctx, id: string, input: { kind: string; fileName: string; contentBase64: string }) {
    const f = await storeFile(input.fileName, input.contentBase64)
    await db.transaction().execute(async (trx) => {
      const item = await complaints.loadReadable(trx, ctx, id, true)
      const ok =
        (await complaints.itemAllowed(trx, ctx, item, 'complaint.handle', 'handling')) ||
        (await complaints.itemAllowed(trx, ctx, item, 'complaint.intake', 'handling'))
      if (!ok) throw forbidden()
      if ((FINAL_STATES as readonly string[]).includes(item.state)) throw new AppError('ILLEGAL_TRANSITION', '已办结的诉求件不能再上传附件')
      await attachments.assertRoom(trx, ITEM_ATTACHMENTS, id)
      await recordAttachment(trx, ctx, item, input.kind, f)
    })
    return complaints.detail(ctx, id)
  }

  /**
   * One attachment's bytes, to a reader of the item; a confidential one only to those who may see
   * the reporter's identity (reporter.view in scope). Every view is audited.
   */
  async function attachment(ctx: Ctx, id: string, attachmentId: string) {
    const item = await complaints.loadReadable(db, ctx, id)
    const meta = await attachments.meta(MATTER, attachmentId)
    if (!meta || meta.ownerId !== id) throw notFound('附件', attachmentId)
    const confidential = meta.confidential === 1
    if (confidential && !(await complaints.canRevealParties(db, ctx, item))) throw forbidden(CONFIDENTIAL_REFUSAL)
    const a = await attachments.open(MATTER, id, attachmentId)
    if (!a) throw notFound('附件', attachmentId)
    await db.transaction().execute((trx) =>
      audit.record(trx, ctx, {
        action: 'complaint.attachment.view',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: item.itemNo,
        unitId: item.handlingUnitId,
        after: { attachmentId, ...(confidential ? { confidential } : { fileName: a.fileName }), sha256: a.sha256 },
      }),
    )
    return { fileName: a.fileName, mime: a.contentType, content: a.content }
  }

  /** Streams matching items as .xlsx: masked parties only, never the protected compartment. */
  async function exportXlsx(ctx: Ctx, q: Partial<ListQuery>, out: Writable, onRow?: (n: number) => void): Promise<number> {
    const scope = assertCan(ctx.actor, 'complaint.export')
    assertCan(ctx.actor, 'complaint.read')
    const s = await complaints.getSettings()
    type Row = Awaited<ReturnType<typeof page>>[number]
    // The clock filter is not offered on exports, so no calendar is needed here.
    const page = (after: string | undefined, limit: number) =>
      complaints
        .listQuery(ctx, { ...q, clock: undefined }, scope, { years: new Set(), offDays: new Map(), workDays: new Map() }, s)
        .selectAll()
        .where('id', '>', after ?? '')
        .orderBy('id')
        .limit(limit)
        .execute()
    const columns: Array<XlsxColumn<Row>> = [
      { header: '编号', width: 18, value: (r) => r.itemNo },
      { header: '类型', width: 8, value: (r) => ITEM_TYPE_LABEL[r.type as keyof typeof ITEM_TYPE_LABEL] },
      { header: '接收日期', width: 12, value: (r) => r.receivedOn, format: 'date' },
      { header: '分类', width: 12, value: (r) => CATEGORIES[r.category as keyof typeof CATEGORIES] ?? r.category },
      { header: '摘要', width: 40, value: (r) => r.summary },
      { header: '被投诉（举报）人', width: 30, value: (r) => r.respondentName },
      // Reporters are not even shown masked in exports (Art 33): only 实名/匿名.
      { header: '投诉（举报）人', width: 12, value: (r) => (r.type === 'report' ? reporterDisplay(r.anonymous === 1) : (r.partyMaskedName ?? '')) },
      { header: '联系电话', width: 14, value: (r) => (r.type === 'report' ? '' : r.partyMaskedPhone), format: 'maskedPhone' },
      { header: '状态', width: 14, value: (r) => STATE_LABEL[r.state as State] ?? r.state },
      { header: '结果', width: 22, value: (r) => (r.outcome ? (OUTCOME_LABEL[r.outcome as keyof typeof OUTCOME_LABEL] ?? r.outcome) : '') },
      { header: '挽回经济损失（元）', width: 16, value: (r) => fenToYuan(Number(r.recoveredFen)) },
      { header: '下一期限', width: 12, value: (r) => r.nextDueOn, format: 'date' },
      { header: '办结日期', width: 12, value: (r) => r.closedOn, format: 'date' },
    ]
    const n = await writeXlsx(out, { name: '诉求件', columns, rows: keysetPages(page, (r) => r.id, 2000), maxRows: 1_000_000, onRows: onRow })
    await db
      .transaction()
      .execute((trx) =>
        audit.record(trx, ctx, { action: 'complaint.export', targetType: 'complaint_item', targetLabel: `导出 ${n} 件`, after: { filter: q, rows: n } }),
      )
    return n
  }

  /** The export's file name, dated in Beijing time. */
  const exportFileName = () => `诉求件-${beijingDate(clock.now())}.xlsx`
  return { document, issue, listIssued, servedKinds, publicDocument, storeFile, recordAttachment, addAttachment, attachment, exportXlsx, exportFileName }
}
export type DocumentsService = ReturnType<typeof createDocumentsService>

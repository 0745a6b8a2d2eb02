import { assertCan, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Executor, Trx } from '../../core/db/database'
import { nextNumber } from '../../core/db/sequence'
import {
  docDate,
  docNoSequence,
  fallbackAbbreviation,
  formatDocNo,
  renderDocument,
  selectTemplate,
  sha256Hex,
  type DocumentFacts,
  type DocumentTemplate,
} from '../../core/documents'
import { AppError, forbidden, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { AuditService } from '../audit'
import { createDocumentsRepo, type DocumentMetaRow } from './documents.repo'
import type { DocumentMeta } from './documents.schema'
import type { AuditAction, AuditTargetType } from '../../shared/audit/vocabulary'

/**
 * How the owning module guards its documents. `authorize` throws NOT_FOUND when the actor may not
 * read the matter (out of scope); `mayReadContent` is false when the archived copy carries personal
 * data the actor may not see (the list and the metadata stay visible, the content does not).
 */
export interface MatterAccess {
  authorize(ctx: Ctx, matterId: string, doc: DocumentMetaRow | null): Promise<{ mayReadContent: boolean; unitId: string | null }>
}

/** What a module passes to issue one document. */
export interface IssueInput {
  matterType: string
  matterId: string
  /** The module's template data; the engine selects the version in force on `regimeDate`. */
  templates: readonly DocumentTemplate[]
  kind: string
  /** The date that fixes the matter's regime (e.g. receipt date), YYYY-MM-DD. */
  regimeDate: string
  /** The decision's date (成文日期), YYYY-MM-DD. */
  issueDate: string
  issuingUnitId: string
  /** Placeholder values; `basis` is added from `legalBasis`. */
  values: DocumentFacts['values']
  /** Printable legal basis from the rule version in force on `regimeDate`. */
  legalBasis: string | null
  handler?: DocumentFacts['handler']
  reference?: string | null
  serviceTo?: string | null
  /** Audit action of the issue (default `document.issue`) and the matter's unit for the audit scope. */
  audit?: { action?: string; unitId?: string | null }
}

/** The document engine's archive: issue (number, render, hash, archive, audit), list, reprint. */
export function createDocumentsService({ db, clock, audit }: Pick<CoreDeps, 'db' | 'clock'> & { audit: AuditService }) {
  const repo = createDocumentsRepo()
  const matters = new Map<string, MatterAccess>()

  function registerMatter(matterType: string, access: MatterAccess) {
    matters.set(matterType, access)
  }

  function present(r: DocumentMetaRow): DocumentMeta {
    return {
      id: r.id,
      matterType: r.matterType,
      matterId: r.matterId,
      kind: r.kind,
      title: r.title,
      docNo: r.docNo,
      issuingUnit: { id: r.issuingUnitId, name: r.issuingUnitName },
      year: Number(r.year),
      issueDate: r.issueDate,
      issueDateText: docDate(r.issueDate),
      regime: r.regime,
      templateVersion: Number(r.templateVersion),
      legalBasis: r.legalBasis,
      sha256: r.sha256,
      issuedByName: r.issuedByName,
      issuedAt: r.issuedAt,
      voided: r.voidedAt !== null,
      voidedAt: r.voidedAt,
      voidReason: r.voidReason,
    }
  }

  /**
   * Issues a document inside the caller's transaction: selects the template for the regime date,
   * takes the next gap-free number of the issuing unit, year and kind, renders, hashes, archives
   * the exact bytes and records the hash in the audit trail. Call with the matter row locked.
   */
  async function issue(trx: Trx, ctx: Ctx, input: IssueInput): Promise<DocumentMeta> {
    const template = selectTemplate(input.templates, input.kind, input.regimeDate)
    const unit = await repo.unit(trx, input.issuingUnitId)
    if (!unit) throw notFound('发文单位', input.issuingUnitId)
    const year = Number(input.issueDate.slice(0, 4))
    const serial = await nextNumber(trx, docNoSequence(unit.id, year, input.kind))
    const abbreviation = unit.docAbbreviation?.trim() || fallbackAbbreviation(unit.name)
    const docNo = formatDocNo(abbreviation, template.numberCode, year, serial)
    const html = renderWith(input, template, { id: unit.id, name: unit.name, abbreviation }, docNo, input.reference ?? null)
    const sha256 = sha256Hex(html)
    const id = newId()
    const issuedAt = clock.now().toISOString()
    await repo.insert(trx, {
      id,
      matterType: input.matterType,
      matterId: input.matterId,
      kind: input.kind,
      title: template.title,
      docNo,
      issuingUnitId: unit.id,
      issuingUnitName: unit.name,
      year,
      serial,
      issueDate: input.issueDate,
      regime: template.regime,
      templateVersion: template.version,
      legalBasis: input.legalBasis,
      html,
      sha256,
      issuedBy: ctx.actor.userId,
      issuedByName: ctx.actor.displayName,
      issuedAt,
      voidedAt: null,
      voidedBy: null,
      voidReason: null,
    })
    await audit.record(trx, ctx, {
      action: (input.audit?.action ?? 'document.issue') as AuditAction,
      targetType: input.matterType as AuditTargetType,
      targetId: input.matterId,
      targetLabel: `${docNo} ${template.title}`,
      unitId: input.audit?.unitId ?? unit.id,
      after: { documentId: id, kind: input.kind, docNo, issueDate: input.issueDate, regime: template.regime, templateVersion: template.version, sha256 },
    })
    const row = await repo.findMeta(trx, id)
    return present(row!)
  }

  function renderWith(input: IssueInput, template: DocumentTemplate, unit: DocumentFacts['unit'], docNo: string | null, reference: string | null): string {
    try {
      return renderDocument({
        template,
        unit,
        docNo,
        issueDate: input.issueDate,
        values: { ...input.values, basis: input.legalBasis, docNo, issueDate: docDate(input.issueDate), unitName: unit.name },
        handler: input.handler,
        reference,
        serviceTo: input.serviceTo,
      })
    } catch (e) {
      // A hole or a forbidden citation in a template is a data defect: say so, never print it.
      throw new AppError('INTERNAL', `文书模板 ${input.kind} 无法生成：${e instanceof Error ? e.message : String(e)}`)
    }
  }

  /**
   * A copy of an issued document rendered for another audience (e.g. the public tracking page with
   * names masked): same template version, number and date as the archive, marked with `label`.
   * Not archived; the archive stays the one official copy.
   */
  function renderCopy(input: IssueInput, issued: DocumentMeta, label: string): string {
    const template =
      input.templates.find((t) => t.kind === input.kind && t.version === issued.templateVersion) ??
      selectTemplate(input.templates, input.kind, input.regimeDate)
    const unit = { id: issued.issuingUnit.id, name: issued.issuingUnit.name, abbreviation: '' }
    return renderWith(
      { ...input, issueDate: issued.issueDate, legalBasis: issued.legalBasis },
      template,
      unit,
      issued.docNo,
      `${input.reference ? `${input.reference}　` : ''}${label}`,
    )
  }

  /** The valid copy of a kind for a matter, or null (no access check: the caller holds the matter). */
  async function findIssued(exec: Executor, matterType: string, matterId: string, kind: string): Promise<DocumentMeta | null> {
    const r = await repo.findIssued(exec, matterType, matterId, kind)
    return r ? present(r) : null
  }

  /** A matter's documents in `exec` (no access check: the caller holds the matter), oldest first — e.g. for its archive index. */
  async function listIn(exec: Executor, matterType: string, matterId: string): Promise<DocumentMeta[]> {
    return (await repo.listByMatter(exec, matterType, matterId)).map(present)
  }

  function accessOf(matterType: string): MatterAccess {
    const a = matters.get(matterType)
    if (!a) throw validation(`未知的文书归属类型：${matterType}`)
    return a
  }

  /** The documents issued for a matter (metadata only), oldest first. */
  async function list(ctx: Ctx, matterType: string, matterId: string): Promise<{ items: DocumentMeta[] }> {
    await accessOf(matterType).authorize(ctx, matterId, null)
    return { items: (await repo.listByMatter(db, matterType, matterId)).map(present) }
  }

  async function readable(ctx: Ctx, id: string) {
    const r = await repo.findMeta(db, id)
    if (!r) throw notFound('文书', id)
    const access = matters.get(r.matterType)
    if (!access) throw notFound('文书', id)
    return { row: r, ...(await access.authorize(ctx, r.matterId, r)) }
  }

  async function get(ctx: Ctx, id: string): Promise<DocumentMeta> {
    return present((await readable(ctx, id)).row)
  }

  /**
   * The archived copy, byte for byte as issued (a reprint is never re-rendered). Audited as a print.
   * @throws FORBIDDEN when the copy carries personal data the actor may not see
   */
  async function content(ctx: Ctx, id: string, opts: { audited?: boolean } = {}): Promise<{ html: string; meta: DocumentMeta }> {
    const { row, mayReadContent, unitId } = await readable(ctx, id)
    if (!mayReadContent) throw forbidden('该文书载有当事人个人信息，仅承办人或经授权人员可查看、打印')
    const full = await repo.findById(db, id)
    if (opts.audited !== false)
      await db.transaction().execute((trx) =>
        audit.record(trx, ctx, {
          action: 'document.print',
          targetType: row.matterType as AuditTargetType,
          targetId: row.matterId,
          targetLabel: `${row.docNo ?? ''} ${row.title}`.trim(),
          unitId: unitId ?? row.issuingUnitId,
          after: { documentId: id, sha256: row.sha256 },
        }),
      )
    return { html: full!.html, meta: present(row) }
  }

  /** Marks an issued copy void (作废) with a reason; the copy itself stays archived unchanged. */
  async function voidDocument(trx: Trx, ctx: Ctx, id: string, reason: string): Promise<void> {
    const r = await repo.findMeta(trx, id)
    if (!r) throw notFound('文书', id)
    if (r.voidedAt) throw new AppError('CONFLICT', `文书 ${r.docNo ?? r.title} 已作废`)
    await repo.markVoid(trx, id, ctx.actor.userId, clock.now().toISOString(), reason)
    await audit.record(trx, ctx, {
      action: 'document.void',
      targetType: r.matterType as AuditTargetType,
      targetId: r.matterId,
      targetLabel: `${r.docNo ?? ''} ${r.title}`.trim(),
      unitId: r.issuingUnitId,
      after: { documentId: id, reason },
    })
  }

  /** Sets a unit's 发文机关代字 (null: derived from the unit's name). */
  async function setAbbreviation(ctx: Ctx, unitId: string, abbreviation: string | null) {
    assertCan(ctx.actor, 'org.manage')
    const u = await repo.unit(db, unitId)
    if (!u) throw notFound('机构', unitId)
    await db.transaction().execute(async (trx) => {
      await repo.setAbbreviation(trx, unitId, abbreviation)
      await audit.record(trx, ctx, {
        action: 'org.doc_abbreviation',
        targetType: 'org_unit',
        targetId: unitId,
        targetLabel: u.name,
        unitId,
        before: { abbreviation: u.docAbbreviation },
        after: { abbreviation },
      })
    })
    return { unitId, name: u.name, abbreviation, effective: abbreviation ?? fallbackAbbreviation(u.name) }
  }

  return { registerMatter, issue, renderCopy, findIssued, listIn, list, get, content, voidDocument, setAbbreviation }
}
export type DocumentsEngine = ReturnType<typeof createDocumentsService>

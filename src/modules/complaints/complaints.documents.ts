import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { assertCan, systemCtx, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { AppError, forbidden, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import { createFileStore } from '../../core/files'
import type { Trx } from '../../core/db/database'
import { maskName } from '../../core/mask'
import { XLSX_ROWS_PER_TURN, xlsxCaughtUp } from '../../core/xlsx-stream'
import type { AuditService } from '../audit'
import { CATEGORIES, FINAL_STATES, ITEM_TYPE_LABEL, OUTCOME_LABEL, STATE_LABEL, fenToYuan, nonAcceptanceReasons, reporterDisplay, terminationGrounds, type Regime, type State } from './complaints.domain'
import { createComplaintsRepo, type ItemRow } from './complaints.repo'
import { LIMITS, type ListQuery } from './complaints.schema'
import type { ComplaintsService } from './complaints.service'
import { beijingDate, fmtDateCn } from '../../shared/time'
import { printableLegalBasis } from '../rules/rules.domain'

export const DOCUMENT_KINDS = { acceptance: '受理告知书', non_acceptance: '不予受理告知书', termination: '终止调解告知书' } as const
export type DocumentKind = keyof typeof DOCUMENT_KINDS

const esc = (s: string | null | undefined) => (s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
const cnDate = (d: string | null) => (d ? fmtDateCn(d) : '　　年　　月　　日')

/** Allowed attachment types, recognised by their magic bytes (the declared name must agree). */
const SIGNATURES: Array<{ mime: string; ext: string[]; test: (b: Buffer) => boolean }> = [
  { mime: 'image/jpeg', ext: ['jpg', 'jpeg'], test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', ext: ['png'], test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'application/pdf', ext: ['pdf'], test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: ['docx'], test: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04 },
]

/** Printable notices, attachments and the masked Excel export of items. */
export function createDocumentsService({ db, clock, config, audit, complaints }: Pick<CoreDeps, 'db' | 'clock' | 'config'> & { audit: AuditService; complaints: ComplaintsService }) {
  const repo = createComplaintsRepo()
  const files = createFileStore(config.files.dir)

  function page(title: string, unitName: string, body: string, docNo: string): string {
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
@page{size:A4;margin:25mm 20mm}body{font-family:"FangSong","仿宋","STFangsong",serif;font-size:16pt;line-height:1.8;color:#000;max-width:170mm;margin:0 auto}
h1{font-family:"SimHei","黑体",sans-serif;text-align:center;font-size:22pt;letter-spacing:.2em;margin:0 0 4mm}.no{text-align:center;margin-bottom:8mm}
p{text-indent:2em;margin:0}.sign{margin-top:20mm;text-align:right}.basis{font-size:12pt;color:#333;margin-top:10mm}@media screen{body{padding:10mm}}
</style></head><body><h1>${esc(unitName)}<br>${esc(title)}</h1><div class="no">${esc(docNo)}</div>${body}
<div class="sign">${esc(unitName)}<br>${fmtDateCn(clock.now())}</div></body></html>`
  }

  /**
   * A printable notice generated from a complaint. The complainant's name is shown in full only to
   * users who may reveal personal data (audited); reports never get these documents, so a reporter's
   * identity cannot reach one.
   */
  async function document(ctx: Ctx, id: string, kind: DocumentKind): Promise<string> {
    const item = await complaints.loadReadable(db, ctx, id)
    if (item.type !== 'complaint') throw validation(`${DOCUMENT_KINDS[kind]}只适用于投诉件`)
    const ready = kind === 'acceptance' ? item.accepted === 1 : kind === 'non_acceptance' ? item.accepted === 0 : !!item.terminatedOn
    if (!ready) throw new AppError('ILLEGAL_TRANSITION', `该投诉尚未${kind === 'acceptance' ? '受理' : kind === 'non_acceptance' ? '作出不予受理决定' : '终止调解'}，不能生成${DOCUMENT_KINDS[kind]}`)
    const reveal = await complaints.canRevealParties(db, ctx, item)
    const parties = (await repo.partiesOf(db, id)).filter((p) => p.role === 'complainant')
    const names = parties.map((p) => (reveal ? p.name : maskName(p.name) ?? '')).join('、') || '投诉人'
    const html = await render(item, kind, names)
    await db.transaction().execute((trx) => audit.record(trx, ctx, {
      action: 'complaint.document', targetType: 'complaint_item', targetId: id, targetLabel: `${item.itemNo} ${DOCUMENT_KINDS[kind]}`, unitId: item.handlingUnitId,
      after: { kind, fullNames: reveal },
    }))
    return html
  }

  /** Notices already served on the complainant (what the public tracking page offers for download). */
  function servedKinds(item: Pick<ItemRow, 'type' | 'accepted' | 'terminationNotifiedOn'>): DocumentKind[] {
    if (item.type !== 'complaint') return []
    const out: DocumentKind[] = []
    if (item.accepted === 1) out.push('acceptance')
    if (item.accepted === 0) out.push('non_acceptance')
    if (item.terminationNotifiedOn) out.push('termination')
    return out
  }

  /**
   * A served notice for the complainant through the public tracking page (number + query code
   * checked by the caller). Names are masked whatever happens: a joint complaint's notice would
   * otherwise show one complainant the others' full names. Audited as a public view.
   */
  async function publicDocument(item: ItemRow, kind: DocumentKind, ip: string | null): Promise<string> {
    if (!servedKinds(item).includes(kind)) throw notFound('文书', DOCUMENT_KINDS[kind])
    const parties = (await repo.partiesOf(db, item.id)).filter((p) => p.role === 'complainant')
    const names = parties.map((p) => maskName(p.name) ?? '').join('、') || '投诉人'
    const html = await render(item, kind, names)
    await db.transaction().execute((trx) => audit.record(trx, { ...systemCtx('portal'), ip }, {
      action: 'complaint.portal.document', targetType: 'complaint_item', targetId: item.id, targetLabel: `${item.itemNo} ${DOCUMENT_KINDS[kind]}`, unitId: item.handlingUnitId,
      after: { kind },
    }))
    return html
  }

  async function render(item: ItemRow, kind: DocumentKind, names: string): Promise<string> {
    const unit = await db.selectFrom('orgUnit').select('name').where('id', '=', (await complaints.bureauOf(db, item.handlingUnitId))?.id ?? item.handlingUnitId).executeTakeFirst()
    const unitName = unit?.name ?? ''
    const basis = item.regime === 'order121' ? '《市场监督管理投诉举报处理办法》' : '《市场监督管理投诉举报处理暂行办法》'
    let body = ''
    if (kind === 'acceptance') {
      body = `<p>${esc(names)}：</p><p>你（们）于${cnDate(item.receivedOn)}对${esc(item.respondentName)}的投诉（编号：${esc(item.itemNo)}），经审查，符合受理条件，本部门决定于${cnDate(item.acceptDecidedOn)}予以受理，并将依法组织调解。调解须经投诉人和被投诉人双方同意，调解中请如实陈述事实、提供证据。</p><div class="basis">依据：${basis}第十四条</div>`
    } else if (kind === 'non_acceptance') {
      const reason = nonAcceptanceReasons(item.regime as Regime).find((r) => r.code === item.nonAcceptReason)
      body = `<p>${esc(names)}：</p><p>你（们）于${cnDate(item.receivedOn)}对${esc(item.respondentName)}的投诉（编号：${esc(item.itemNo)}），经审查，属于下列情形：${esc(reason?.text ?? '')}。根据${esc(printableLegalBasis(reason?.legalBasis ?? basis))}的规定，本部门决定不予受理。</p><div class="basis">依据：${esc(printableLegalBasis(reason?.legalBasis ?? basis))}</div>`
    } else {
      const g = terminationGrounds().find((x) => x.code === item.terminationGround)
      // Sent to both parties (Art 21): nothing here beyond what mediation itself disclosed.
      body = `<p>${esc(names)}、${esc(item.respondentName)}：</p><p>关于编号为${esc(item.itemNo)}的投诉，本部门于${cnDate(item.acceptDecidedOn)}受理并组织调解。因${esc(g?.text ?? '')}，根据${esc(printableLegalBasis(g?.legalBasis ?? basis))}的规定，本部门决定于${cnDate(item.terminatedOn)}终止调解。</p><p>当事人可以依法通过其他途径解决争议。</p><div class="basis">依据：${esc(printableLegalBasis(g?.legalBasis ?? basis))}</div>`
    }
    return page(DOCUMENT_KINDS[kind], unitName, body, `（${item.itemNo}）`)
  }

  /**
   * Checks an uploaded file and puts it in the file store (outside the database): the type is
   * recognised from the bytes, and the extension must agree. Returns what the row needs.
   */
  async function storeFile(fileName: string, contentBase64: string, opts: { maxBytes: number; mimes?: readonly string[] } = { maxBytes: LIMITS.attachmentBytes }) {
    const bytes = Buffer.from(contentBase64.replace(/\s/g, ''), 'base64')
    if (bytes.length === 0) throw validation(`附件“${fileName}”内容为空`)
    if (bytes.length > opts.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `附件“${fileName}”超过 ${opts.maxBytes / 1024 / 1024} MB`)
    const ext = (fileName.split('.').pop() ?? '').toLowerCase()
    const sig = SIGNATURES.find((s) => s.test(bytes) && (!opts.mimes || opts.mimes.includes(s.mime)))
    const names = (opts.mimes ?? SIGNATURES.map((s) => s.mime)).map((m) => SIGNATURES.find((s) => s.mime === m)!.ext[0]!.toUpperCase()).join('、')
    if (!sig) throw validation(`附件“${fileName}”类型不支持：只接受 ${names} 文件`)
    if (!sig.ext.includes(ext)) throw validation(`文件内容是 ${sig.ext[0]!.toUpperCase()}，与扩展名“.${ext}”不符`)
    const sha256 = await files.put(bytes)
    return { fileName, mime: sig.mime, sizeBytes: bytes.length, sha256 }
  }

  /** The attachment row (bytes already in the store), its timeline event and its audit record. */
  async function recordAttachment(trx: Trx, ctx: Ctx, item: { id: string; itemNo: string; handlingUnitId: string }, kind: string, f: Awaited<ReturnType<typeof storeFile>>) {
    const aid = newId()
    const now = clock.now().toISOString()
    await trx.insertInto('complaintAttachment').values({ id: aid, itemId: item.id, kind, fileName: f.fileName, mime: f.mime, sizeBytes: f.sizeBytes, sha256: f.sha256, content: null, stored: 'file', uploadedBy: ctx.actor.userId, uploadedAt: now }).execute()
    await repo.appendEvent(trx, { itemId: item.id, at: now, eventOn: complaints.today(), kind: 'attachment', unitId: item.handlingUnitId, actorId: ctx.actor.userId, actorName: ctx.actor.displayName, public: 0, note: f.fileName, dataJson: JSON.stringify({ attachmentId: aid, kind, sizeBytes: f.sizeBytes }) })
    await audit.record(trx, ctx, { action: 'complaint.attachment.add', targetType: 'complaint_item', targetId: item.id, targetLabel: item.itemNo, unitId: item.handlingUnitId, after: { attachmentId: aid, fileName: f.fileName, mime: f.mime, sizeBytes: f.sizeBytes, sha256: f.sha256 } })
    return aid
  }

  async function addAttachment(ctx: Ctx, id: string, input: { kind: string; fileName: string; contentBase64: string }) {
    const f = await storeFile(input.fileName, input.contentBase64)
    await db.transaction().execute(async (trx) => {
      const item = await complaints.loadReadable(trx, ctx, id, true)
      const ok = (await complaints.itemAllowed(trx, ctx, item, 'complaint.handle', 'handling')) || (await complaints.itemAllowed(trx, ctx, item, 'complaint.intake', 'handling'))
      if (!ok) throw forbidden()
      if ((FINAL_STATES as readonly string[]).includes(item.state)) throw new AppError('ILLEGAL_TRANSITION', '已办结的诉求件不能再上传附件')
      const n = await trx.selectFrom('complaintAttachment').select((eb) => eb.fn.countAll<number>().as('n')).where('itemId', '=', id).executeTakeFirstOrThrow()
      if (Number(n.n) >= LIMITS.attachmentsPerItem) throw validation(`每件最多 ${LIMITS.attachmentsPerItem} 个附件`)
      await recordAttachment(trx, ctx, item, input.kind, f)
    })
    return complaints.detail(ctx, id)
  }

  async function attachment(ctx: Ctx, id: string, attachmentId: string) {
    await complaints.loadReadable(db, ctx, id)
    const a = await db.selectFrom('complaintAttachment').selectAll().where('id', '=', attachmentId).where('itemId', '=', id).executeTakeFirst()
    if (!a) throw notFound('附件', attachmentId)
    // Rows from before the file store keep their bytes in the database.
    const content = a.stored === 'file' || !a.content ? await files.get(a.sha256) : Buffer.from(a.content)
    return { fileName: a.fileName, mime: a.mime, content }
  }

  /** Streams matching items as .xlsx: masked parties only, never the protected compartment. */
  async function exportXlsx(ctx: Ctx, q: Partial<ListQuery>, out: Writable, onRow?: (n: number) => void): Promise<number> {
    const scope = assertCan(ctx.actor, 'complaint.export')
    assertCan(ctx.actor, 'complaint.read')
    const s = await complaints.getSettings()
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
    const ws = wb.addWorksheet('诉求件')
    ws.columns = [
      { header: '编号', key: 'itemNo', width: 18 }, { header: '类型', key: 'type', width: 8 }, { header: '接收日期', key: 'receivedOn', width: 12 },
      { header: '分类', key: 'category', width: 12 }, { header: '摘要', key: 'summary', width: 40 }, { header: '被投诉（举报）人', key: 'respondent', width: 30 },
      { header: '投诉（举报）人', key: 'party', width: 12 }, { header: '联系电话', key: 'phone', width: 14 }, { header: '状态', key: 'state', width: 14 },
      { header: '结果', key: 'outcome', width: 22 }, { header: '挽回经济损失（元）', key: 'recovered', width: 16 }, { header: '下一期限', key: 'due', width: 12 }, { header: '办结日期', key: 'closedOn', width: 12 },
    ]
    ws.getRow(1).font = { bold: true }
    ws.getRow(1).commit()
    let n = 0
    let after = ''
    for (;;) {
      // The clock filter is not offered on exports, so no calendar is needed here.
      const base = complaints.listQuery(ctx, { ...q, clock: undefined }, scope, { years: new Set(), offDays: new Map(), workDays: new Map() }, s)
      const rows = await base.selectAll().where('id', '>', after).orderBy('id').limit(2000).execute()
      if (rows.length === 0) break
      for (const r of rows) {
        ws.addRow({
          itemNo: r.itemNo, type: ITEM_TYPE_LABEL[r.type as keyof typeof ITEM_TYPE_LABEL], receivedOn: r.receivedOn, category: CATEGORIES[r.category as keyof typeof CATEGORIES] ?? r.category,
          summary: r.summary, respondent: r.respondentName,
          // Reporters are not even shown masked in exports (Art 33): only 实名/匿名.
          party: r.type === 'report' ? reporterDisplay(r.anonymous === 1) : r.partyMaskedName ?? '', phone: r.type === 'report' ? '' : r.partyMaskedPhone ?? '',
          state: STATE_LABEL[r.state as State] ?? r.state, outcome: r.outcome ? OUTCOME_LABEL[r.outcome as keyof typeof OUTCOME_LABEL] ?? r.outcome : '',
          recovered: fenToYuan(Number(r.recoveredFen)), due: r.nextDueOn ?? '', closedOn: r.closedOn ?? '',
        }).commit()
        n++
        if (n % XLSX_ROWS_PER_TURN === 0) await xlsxCaughtUp(ws, out)
      }
      onRow?.(n)
      await xlsxCaughtUp(ws, out)
      after = rows[rows.length - 1]!.id
      if (rows.length < 2000 || n >= 1_000_000) break
    }
    ws.commit()
    await wb.commit()
    await db.transaction().execute((trx) => audit.record(trx, ctx, { action: 'complaint.export', targetType: 'complaint_item', targetLabel: `导出 ${n} 件`, after: { filter: q, rows: n } }))
    return n
  }

  /** The export's file name, dated in Beijing time. */
  const exportFileName = () => `诉求件-${beijingDate(clock.now())}.xlsx`
  return { document, servedKinds, publicDocument, storeFile, recordAttachment, addAttachment, attachment, exportXlsx, exportFileName }
}
export type DocumentsService = ReturnType<typeof createDocumentsService>

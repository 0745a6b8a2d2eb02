/**
 * The case archive after 结案: the file is read-only (the kit's `forChange`), and a mistake in an
 * issued document is corrected by a new document (文书更正通知书) that names the original, its error
 * and the correction — audited, on the timeline and in the archive; the original stays as issued.
 */
import type { Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { docDate } from '../../core/documents'
import { notFound, validation } from '../../core/errors'
import type { CorrectionBody } from '../../shared/cases/schema'
import type { DocumentsEngine } from '../documents'
import { CASE_MATTER, type CaseKit } from './cases.kit'
import type { CaseDetail } from './cases.schema'

export function createCaseArchive({
  db,
  kit,
  documents,
  get,
}: Pick<CoreDeps, 'db'> & { kit: CaseKit; documents: Pick<DocumentsEngine, 'listIn'>; get: (ctx: Ctx, id: string) => Promise<CaseDetail> }) {
  const { records, issue, event, today } = kit

  /** POST /cases/:id/corrections (the head's; also on a closed case). */
  async function correct(ctx: Ctx, id: string, body: CorrectionBody): Promise<CaseDetail> {
    await db.transaction().execute(async (trx) => {
      const r = await records.load(trx, ctx, id, { permission: 'case.approve', lock: true })
      records.assertVersion(r, body.version)
      const original = (await documents.listIn(trx, CASE_MATTER, id)).find((d) => d.id === body.documentId)
      if (!original) throw notFound('文书', body.documentId)
      if (original.kind === 'case.correction') throw validation('更正通知书本身不能再更正，请对原文书另行更正')
      const on = today()
      const doc = await issue(trx, ctx, r, 'case.correction', on, null, {
        originalDate: docDate(original.issueDate),
        originalTitle: original.title,
        originalNo: original.docNo ?? '无文号',
        error: body.error,
        correction: body.correction,
        reason: body.reason.replace(/[。．.]+$/, ''),
      })
      await records.update(trx, ctx, r, {}, { audit: 'case.correct' })
      await event(trx, ctx, id, 'correct', '文书更正', on, `${doc.docNo ?? ''} 更正 ${original.docNo ?? original.title}：${body.correction}`)
    })
    return get(ctx, id)
  }

  return { correct }
}

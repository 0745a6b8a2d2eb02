/**
 * 结案: the law's conditions for closing (RULES.md §11.3 — “performed” only with nothing
 * outstanding, no seizure still held, a note for termination or other reasons) and the 结案审批表.
 * A closed case is read-only (the kit's `forChange` refuses every change).
 */
import type { Ctx } from '../../core/actor'
import type { Trx } from '../../core/db/database'
import { docDate } from '../../core/documents'
import { validation } from '../../core/errors'
import { CLOSURE_REASONS, yuan, type ClosureReason } from '../../shared/cases/vocabulary'
import { CASE_MATTER, type CaseKit, type CaseRow } from './cases.kit'
import type { DocumentsEngine } from '../documents'

export function createCaseClosure({ kit, documents }: { kit: CaseKit; documents: Pick<DocumentsEngine, 'listIn'> }) {
  const { balance, issue, penaltyText } = kit

  /** The data guards and columns of 结案 (inside the transition); `at` checks the closing date. */
  async function closeEffect(
    trx: Trx,
    row: CaseRow,
    input: Record<string, unknown>,
    on: string,
    at: (label: string, notBefore?: string | null) => string,
  ): Promise<Partial<CaseRow>> {
    at('结案日期', row.servedOn ?? row.decidedOn)
    const reason = input.reason as ClosureReason
    if (row.state === 'investigating' && reason === 'performed') throw validation('尚未作出行政处罚决定，不能以“已履行”结案')
    if (reason === 'performed') {
      const bal = await balance(trx, row, on)
      if (bal.outstandingFen > 0) throw validation(`尚有罚没款及加处罚款 ${yuan(bal.outstandingFen)} 元未缴清，不能以“已履行”结案`)
    }
    if ((reason === 'other' || reason === 'terminated') && !input.note) throw validation('以终止调查或其他事由结案的，须写明说明')
    if ((row as CaseRow & { procedure?: string }).procedure === 'simplified' && !row.onspotFiledOn)
      throw validation('当场处罚决定尚未报所属单位备案，请先备案再结案')
    const held = await trx.selectFrom('caseSeizure').select('id').where('caseId', '=', row.id).where('releasedOn', 'is', null).executeTakeFirst()
    if (held) throw validation('尚有未解除的查封、扣押措施，请先解除并处理涉案物品')
    // The officers' "open" flag (我的案件's index): 结案 is final and the only way to 'closed' (终止 clears it too).
    await trx.updateTable('caseOfficer').set({ caseOpen: 0 }).where('caseId', '=', row.id).execute()
    return { closedOn: on, closureReason: reason, closureNote: (input.note as string | undefined) || null }
  }

  /** Issues the 结案审批表 after the transition; returns the timeline note. */
  async function afterClose(trx: Trx, ctx: Ctx, r: CaseRow, on: string): Promise<string | null> {
    const bal = await balance(trx, r, on)
    await issue(trx, ctx, r, 'case.closure', on, null, {
      result: r.decidedOn ? `${r.decisionNo ?? ''} ${penaltyText(r)}` : '未作出行政处罚决定',
      execution: r.decidedOn
        ? `应缴罚没款 ${yuan(bal.decidedFen)} 元，加处罚款 ${yuan(bal.surchargeFen)} 元，已缴 ${yuan(bal.paidFen)} 元，未缴 ${yuan(bal.outstandingFen)} 元`
        : '—',
      reason: CLOSURE_REASONS[r.closureReason as ClosureReason] ?? '',
      note: r.closureNote ? `说明：${r.closureNote}` : '',
      on: docDate(on),
    })
    await issueArchiveIndex(trx, ctx, r, on)
    return CLOSURE_REASONS[r.closureReason as ClosureReason] ?? null
  }

  /**
   * 卷内文件目录 (catalogue No. 55): every document of the case in the order issued, with its number,
   * date and the SHA-256 of its archived copy, then the evidence list — printable, issued at 结案.
   */
  async function issueArchiveIndex(trx: Trx, ctx: Ctx, r: CaseRow, on: string) {
    const docs = (await documents.listIn(trx, CASE_MATTER, r.id)).filter((d) => !d.voided)
    const evidence = await trx.selectFrom('caseEvidence').select(['seq', 'title', 'collectedOn']).where('caseId', '=', r.id).orderBy('seq').execute()
    const lines = [
      ...docs.map((d, i) => `${i + 1}. ${d.title}${d.docNo ? `（${d.docNo}）` : ''}，${d.issueDateText}，SHA-256 ${d.sha256}`),
      ...evidence.map((e, i) => `${docs.length + i + 1}. 证据：${e.title}，${docDate(e.collectedOn)}`),
    ]
    await issue(trx, ctx, r, 'case.archive_index', on, null, {
      closedOn: docDate(on),
      count: lines.length,
      items: lines.join('；'),
    })
  }

  return { closeEffect, afterClose }
}
export type CaseClosure = ReturnType<typeof createCaseClosure>

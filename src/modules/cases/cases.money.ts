/**
 * Money (罚没款): payment records against the decided fine and confiscations, the late surcharge
 * through `balance`, and the payment clock stopped when nothing is outstanding.
 */
import { type CaseKit, CASE_MATTER } from './cases.kit'
import { type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { AppError, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { ClockKernel } from '../../core/matter/clocks'
import type { PaymentBody } from '../../shared/cases/schema'
import { PAYMENT_KINDS, yuan } from '../../shared/cases/vocabulary'
import type { CaseDetail } from './cases.schema'

export function createCaseMoney({
  db,
  clock,
  kit,
  clocks,
  get,
}: Pick<CoreDeps, 'db' | 'clock'> & {
  kit: CaseKit
  clocks: ClockKernel
  get: (ctx: Ctx, id: string) => Promise<CaseDetail>
}) {
  const { records, legalDate, event, project, forChange, balance } = kit
  async function pay(ctx: Ctx, id: string, body: PaymentBody): Promise<CaseDetail> {
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, id, body.version)
      if (r.state !== 'served' && r.state !== 'decided') throw new AppError('ILLEGAL_TRANSITION', '案件尚未作出行政处罚决定，不能登记缴款')
      const on = legalDate(body.paidOn, '缴款日期', r.decidedOn)
      const bal = await balance(trx, r, on)
      if (body.amountFen > bal.outstandingFen) throw validation(`缴款金额超过未缴金额（${yuan(bal.outstandingFen)} 元）`)
      await trx
        .insertInto('casePayment')
        .values({
          id: newId(),
          caseId: id,
          kind: body.kind,
          amountFen: body.amountFen,
          paidOn: on,
          receiptNo: body.receiptNo,
          createdAt: clock.now().toISOString(),
          createdBy: ctx.actor.userId,
        })
        .execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.payment' })
      await event(trx, ctx, id, 'payment', '登记缴款', on, `${PAYMENT_KINDS[body.kind]} ${yuan(body.amountFen)} 元（凭证 ${body.receiptNo}）`)
      const after = await balance(trx, r, on)
      if (after.outstandingFen === 0 && after.decidedFen > 0) {
        await clocks.apply(trx, { type: CASE_MATTER, id, unitId: r.unitId, referenceDate: r.filedOn }, [{ op: 'stop', clock: 'payment' }], on)
        await project(trx, id)
      }
    })
    return get(ctx, id)
  }

  return { pay }
}
export type CaseMoney = ReturnType<typeof createCaseMoney>

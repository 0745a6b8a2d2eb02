/**
 * Pure rules of the case file: the late-payment surcharge (加处罚款, Penalty Law Art 72: 3 % of
 * the fine a day from the day after the due date, never more than the fine; 0.2 % a day for a price
 * case's confiscated gains) and the money balance of a decision. No IO; integer fen throughout.
 */
import { CASE_LIMITS } from '../../shared/cases/vocabulary'

const DAY_MS = 86_400_000
/** Calendar days from `from` to `to` (YYYY-MM-DD), positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

export interface SurchargeRate {
  /** Per day, in basis points of the amount (300 = 3 %). */
  ratePerDayBasisPoints: number
  /** Cap, in basis points of the amount (10 000 = the amount itself). */
  capBasisPointsOfFine: number
}

/**
 * The surcharge on `amountFen` unpaid after `dueOn` (the last day to pay, already moved past rest
 * days by the payment clock), counted to `asOf` (the payment date, or today): one rate per
 * calendar day late, rounded down to the fen, capped. Nothing on or before the due date.
 * @throws RangeError for a negative or non-integer amount
 */
export function lateSurcharge(
  amountFen: number,
  dueOn: string,
  asOf: string,
  rate: SurchargeRate,
): { daysLate: number; surchargeFen: number; capped: boolean } {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError('金额须为非负整数（分）')
  const daysLate = Math.max(0, daysBetween(dueOn, asOf))
  const cap = (BigInt(amountFen) * BigInt(rate.capBasisPointsOfFine)) / 10_000n
  const raw = (BigInt(amountFen) * BigInt(rate.ratePerDayBasisPoints) * BigInt(daysLate)) / 10_000n
  const capped = raw >= cap && daysLate > 0 && amountFen > 0
  return { daysLate, surchargeFen: Number(capped ? cap : raw), capped }
}

export interface Balance {
  /** Fine + confiscated gains decided. */
  decidedFen: number
  surchargeFen: number
  paidFen: number
  outstandingFen: number
  daysLate: number
  capped: boolean
}

/**
 * What the party owes on `asOf`: the fine and the confiscated gains decided, the surcharge on the
 * fine while it stays unpaid after the due date (counted to the day it was paid in full), minus the
 * payments. `priceGains` adds the price-case surcharge on unpaid confiscated gains.
 */
export function balanceOf(
  c: { fineFen: number; gainsFen: number; paymentDueOn: string | null },
  payments: ReadonlyArray<{ kind: string; amountFen: number; paidOn: string }>,
  asOf: string,
  rates: { fine: SurchargeRate; priceGains?: SurchargeRate },
): Balance {
  const paidOf = (kind: string) => payments.filter((p) => p.kind === kind)
  const settledOn = (kind: string, amount: number): string => {
    let sum = 0
    for (const p of [...paidOf(kind)].sort((a, b) => (a.paidOn < b.paidOn ? -1 : 1))) {
      sum += p.amountFen
      if (sum >= amount) return p.paidOn
    }
    return asOf
  }
  let surchargeFen = 0
  let daysLate = 0
  let capped = false
  if (c.paymentDueOn) {
    if (c.fineFen > 0) {
      const s = lateSurcharge(c.fineFen, c.paymentDueOn, settledOn('fine', c.fineFen), rates.fine)
      surchargeFen += s.surchargeFen
      daysLate = s.daysLate
      capped = s.capped
    }
    if (rates.priceGains && c.gainsFen > 0)
      surchargeFen += lateSurcharge(c.gainsFen, c.paymentDueOn, settledOn('gains', c.gainsFen), rates.priceGains).surchargeFen
  }
  const decidedFen = c.fineFen + c.gainsFen
  const paidFen = payments.reduce((a, p) => a + p.amountFen, 0)
  return { decidedFen, surchargeFen, paidFen, outstandingFen: Math.max(0, decidedFen + surchargeFen - paidFen), daysLate, capped }
}

/** An amount is a plausible fen value (integer, ≥ 0, under the typo guard). */
export const plausibleFen = (n: number) => Number.isSafeInteger(n) && n >= 0 && n <= CASE_LIMITS.amountMaxFen

/**
 * The last day to challenge a decision (the longer of 60 days for reconsideration and six months
 * for a lawsuit, from service): the court-enforcement period of Compulsion Law Art 53 starts the
 * day after. Civil Code month arithmetic (corresponding day, else the month's last day).
 */
export function challengeEndsOn(servedOn: string, addMonths: (start: string, n: number) => string): string {
  return addMonths(servedOn, 6)
}

/** One instalment of an approved schedule (分期缴纳), fen. */
export interface Instalment {
  dueOn: string
  amountFen: number
}
/**
 * Problems of an instalment schedule (zh-CN, empty when sound): dates strictly increasing and after
 * the approval, every amount positive, the sum exactly what is still owed on the decision.
 */
export function scheduleProblems(schedule: readonly Instalment[], owedFen: number, approvedOn: string): string[] {
  const out: string[] = []
  if (schedule.length < 2) out.push('分期缴纳至少分 2 期')
  schedule.forEach((s, i) => {
    if (s.dueOn <= approvedOn) out.push(`第 ${i + 1} 期缴纳日期应晚于批准日期 ${approvedOn}`)
    if (i > 0 && s.dueOn <= schedule[i - 1]!.dueOn) out.push(`第 ${i + 1} 期缴纳日期应晚于第 ${i} 期`)
    if (!Number.isSafeInteger(s.amountFen) || s.amountFen <= 0) out.push(`第 ${i + 1} 期金额须大于 0`)
  })
  const sum = schedule.reduce((a, s) => a + s.amountFen, 0)
  if (sum !== owedFen) out.push(`分期金额合计 ${sum / 100} 元，应等于尚未缴纳的罚没款 ${owedFen / 100} 元`)
  return out
}

/**
 * The reconciliation of a decision's money (罚没款对账): what was decided plus the surcharge equals
 * what was paid, what is outstanding and what was written off (a case closed with money unpaid —
 * court terminated enforcement, other grounds). `closed`: the case is closed (its outstanding is waived).
 */
export function reconcile(b: Pick<Balance, 'decidedFen' | 'surchargeFen' | 'paidFen' | 'outstandingFen'>, closed: boolean) {
  const outstandingFen = closed ? 0 : b.outstandingFen
  const waivedFen = closed ? b.outstandingFen : 0
  return {
    decidedFen: b.decidedFen,
    surchargeFen: b.surchargeFen,
    paidFen: b.paidFen,
    outstandingFen,
    waivedFen,
    balanced: b.decidedFen + b.surchargeFen === b.paidFen + outstandingFen + waivedFen,
  }
}

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

/**
 * 罚没款对账: per case and per unit, decided + surcharge = paid + outstanding + waived (a closed case's
 * unpaid rest is written off). Decisions dated in the period, in the actor's scope; each case's
 * balance is the kit's (surcharge counted to today or to the closure).
 */
import { assertCan, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { validation } from '../../core/errors'
import { reconcile } from './cases.domain'
import type { CaseKit } from './cases.kit'

export interface ReconciliationRow {
  unitId: string
  unitName: string | null
  cases: number
  decidedFen: number
  surchargeFen: number
  paidFen: number
  outstandingFen: number
  waivedFen: number
  balanced: boolean
}

export function createCaseReconcile({ db, kit }: Pick<CoreDeps, 'db'> & { kit: CaseKit }) {
  const { records, balance, today } = kit

  async function byUnit(ctx: Ctx, q: { from: string; to: string }) {
    assertCan(ctx.actor, 'case.read')
    if (q.from > q.to) throw validation('开始日期不能晚于结束日期')
    const rows = await records
      .scoped(db, ctx)
      .leftJoin('orgUnit', 'orgUnit.id', 'caseFile.unitId')
      .selectAll('caseFile')
      .select('orgUnit.name as unitName')
      .where('caseFile.decidedOn', '>=', q.from)
      .where('caseFile.decidedOn', '<=', q.to)
      .orderBy('caseFile.unitId')
      .limit(20_000)
      .execute()
    const units = new Map<string, ReconciliationRow>()
    for (const r of rows) {
      const rec = reconcile(await balance(db, r, r.closedOn ?? today()), r.state === 'closed')
      const u = units.get(r.unitId) ?? {
        unitId: r.unitId,
        unitName: r.unitName ?? null,
        cases: 0,
        decidedFen: 0,
        surchargeFen: 0,
        paidFen: 0,
        outstandingFen: 0,
        waivedFen: 0,
        balanced: true,
      }
      u.cases += 1
      u.decidedFen += rec.decidedFen
      u.surchargeFen += rec.surchargeFen
      u.paidFen += rec.paidFen
      u.outstandingFen += rec.outstandingFen
      u.waivedFen += rec.waivedFen
      u.balanced = u.decidedFen + u.surchargeFen === u.paidFen + u.outstandingFen + u.waivedFen
      units.set(r.unitId, u)
    }
    const items = [...units.values()]
    const sum = (k: 'decidedFen' | 'surchargeFen' | 'paidFen' | 'outstandingFen' | 'waivedFen' | 'cases') => items.reduce((a, u) => a + u[k], 0)
    const total = {
      cases: sum('cases'),
      decidedFen: sum('decidedFen'),
      surchargeFen: sum('surchargeFen'),
      paidFen: sum('paidFen'),
      outstandingFen: sum('outstandingFen'),
      waivedFen: sum('waivedFen'),
    }
    return { items, total: { ...total, balanced: total.decidedFen + total.surchargeFen === total.paidFen + total.outstandingFen + total.waivedFen } }
  }

  return { byUnit }
}
export type CaseReconcile = ReturnType<typeof createCaseReconcile>

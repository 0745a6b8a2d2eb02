/**
 * The public credit page's serious-list, penalty and inspection sections (信用信息公示): why listed,
 * since when, until when, and when and how to repair — from the serious list, the cases' penalty
 * publicity (read through the cases module's index) and the published double-random results (the
 * inspections module's index). Nothing personal: no legal representative, no natural person.
 */
import type { Clock } from '../../core/clock'
import { chinaDate } from '../../core/clock'
import type { Db, Executor } from '../../core/db/database'
import { CASE_TYPES, PENALTY_TYPES, type CaseType, type PenaltyType } from '../../shared/cases/vocabulary'
import {
  SERIOUS_FIELDS,
  SERIOUS_IN_FORCE,
  SERIOUS_REMOVALS,
  seriousWorkflow,
  type SeriousField,
  type SeriousRemoval,
} from '../../shared/credit/serious.workflow'
import { LONG_REPAIR_CASE_TYPES, NO_EARLY_STOP } from './repair.domain'
import { periodEnd } from './serious.domain'
import type { SeriousRulesPort, SeriousService } from './serious.service'

export interface PublicExtrasDeps {
  serious: Pick<SeriousService, 'publicOf'>
  rules: SeriousRulesPort
  penalties: {
    publicityOf(
      exec: Executor,
      entityId: string,
    ): Promise<
      Array<{
        decisionNo: string
        caseType: string
        penaltyType: string
        penaltyContent: string
        displayKind: string
        authority: string
        decidedOn: string
        state: string
        publishedOn: string | null
        displayEndOn: string | null
      }>
    >
  }
  inspections: {
    publishedResultsOf(
      exec: Executor,
      entityId: string,
    ): Promise<Array<{ taskNo: string; taskName: string; unitName: string | null; inspectedOn: string | null; outcomeLabel: string | null }>>
  }
}

export function createPublicExtras({ db, clock, serious, rules, penalties, inspections }: { db: Db; clock: Clock } & PublicExtrasDeps) {
  async function of(entityId: string) {
    const today = chinaDate(clock.now())
    const [entries, pubs, results] = await Promise.all([
      serious.publicOf(db, entityId),
      penalties.publicityOf(db, entityId),
      inspections.publishedResultsOf(db, entityId),
    ])
    const earlyRule = await rules.resolve('credit.serious_early_decision', today).catch(() => null)
    const seriousRows = entries.map((r) => {
      const inForce = (SERIOUS_IN_FORCE as readonly string[]).includes(r.state)
      return {
        seriousNo: r.seriousNo,
        fieldLabel: SERIOUS_FIELDS[r.field as SeriousField] ?? r.field,
        ground: r.ground,
        basis: r.basis,
        listedOn: r.listedOn,
        decidedBy: r.unitName,
        inForce,
        stateLabel: seriousWorkflow.states[r.state as keyof typeof seriousWorkflow.states]?.publicText ?? r.state,
        /** Removed on this day unless removed earlier (3 years, credit.serious_auto_removal). */
        autoRemovalOn: r.autoRemovalOn,
        /** The earliest day early removal may be applied for (1 year, credit.serious_early_removal). */
        earliestRepairOn: inForce ? r.earlyFromOn : null,
        howToApply: inForce
          ? `列入满1年（${r.earlyFromOn ?? '—'} 起），已履行行政处罚决定、消除危害后果且未再受到较重行政处罚的，可以向${r.unitName ?? '作出列入决定的市场监督管理部门'}申请提前移出（信用修复）` +
            (earlyRule ? `，该部门自收到申请之日起 ${earlyRule.length} 个工作日内作出决定。` : '。')
          : null,
        /** The legal representative's restriction (name not shown): until this day. */
        restrictionEndOn: inForce ? r.restrictionEndOn : null,
        removedOn: r.removedOn,
        removalLabel: r.removalKind ? (SERIOUS_REMOVALS[r.removalKind as SeriousRemoval] ?? r.removalKind) : null,
      }
    })
    const [shortRule, longRule] = await Promise.all([
      rules.resolve('credit.repair_penalty', today).catch(() => null),
      rules.resolve('credit.repair_penalty_food_drug', today).catch(() => null),
    ])
    const penaltyRows = pubs
      .filter((p) => p.state === 'published' && (!p.displayEndOn || p.displayEndOn >= today))
      .map((p) => {
        const excluded = NO_EARLY_STOP.has(p.penaltyType) || p.displayKind === 'short'
        const rule = LONG_REPAIR_CASE_TYPES.has(p.caseType) ? longRule : shortRule
        const earliest = !excluded && p.publishedOn && rule ? periodEnd(p.publishedOn, rule) : null
        return {
          decisionNo: p.decisionNo,
          caseTypeLabel: CASE_TYPES[p.caseType as CaseType] ?? p.caseType,
          penaltyLabel: PENALTY_TYPES[p.penaltyType as PenaltyType] ?? p.penaltyType,
          penaltyContent: p.penaltyContent,
          authority: p.authority,
          decidedOn: p.decidedOn,
          publishedOn: p.publishedOn,
          displayEndOn: p.displayEndOn,
          earliestRepairOn: earliest,
          howToApply: excluded
            ? p.displayKind === 'short'
              ? '公示期满自动停止公示'
              : '该类行政处罚信息不得提前停止公示（总局令第45号第十四条）'
            : `公示满${LONG_REPAIR_CASE_TYPES.has(p.caseType) ? '1年' : '6个月'}（${earliest ?? '—'} 起），已履行行政处罚、消除危害后果、未再受到同类处罚且未被列入经营异常名录和严重违法失信名单的，可以向${p.authority}申请提前停止公示（信用修复）。`,
        }
      })
    return { serious: seriousRows, seriousInForce: seriousRows.some((r) => r.inForce), penalties: penaltyRows, inspections: results }
  }
  return { of }
}

/**
 * Credit repair's automatic condition check (信用修复, RULES.md §3.5, §2.8; Order 45 Art 14): pure,
 * from the records the service reads. Periods come from the rule catalogue
 * (credit.repair_penalty 6 months, credit.repair_penalty_food_drug 1 year, credit.serious_early_removal).
 */
import type { RepairCheck, RepairCondition, RepairKind } from '../../shared/credit/repair'
import { earlyRemovalProblems, periodEnd } from './serious.domain'

/** Penalties whose publicity may never stop early (Order 45 Art 14(3)). */
export const NO_EARLY_STOP = new Set([
  'suspend_licence',
  'lower_grade',
  'revoke_licence',
  'restrict_business',
  'suspend_business',
  'close',
  'restrict_employment',
])
/** Case types whose publicity must run 1 year before repair (food, drugs, special equipment). */
export const LONG_REPAIR_CASE_TYPES = new Set(['food', 'drug_device', 'special_equipment'])

export interface PenaltyFact {
  caseId: string
  caseType?: string
  decidedOn: string
  penaltyType: string | null
  fineFen: number
  performed: boolean
}

export interface RepairFacts {
  kind: RepairKind
  today: string
  harmRemoved: boolean
  /** The entity's decided penalties, newest first. */
  penalties: readonly PenaltyFact[]
  /** An abnormal listing in force / a serious entry in force, other than the target. */
  onAbnormal: boolean
  onSerious: boolean
  listing?: { state: string; cured: boolean; cureText: string }
  serious?: { state: string; earlyFromOn: string | null; listedOn: string | null; sourceCaseId: string | null }
  publicity?: {
    state: string
    caseId: string
    caseType: string
    penaltyType: string
    displayKind: string
    publishedOn: string | null
    displayEndOn: string | null
  }
  periods?: { penalty: { length: number; unit: string }; penaltyLong: { length: number; unit: string } }
}

const c = (key: string, label: string, ok: boolean, detail: string | null = null): RepairCondition => ({ key, label, ok, detail })

/** Every condition of the repair kind, each with whether it holds now. */
export function repairCheck(f: RepairFacts): RepairCheck {
  const out: RepairCondition[] = []
  let earliestOn: string | null = null
  if (f.kind === 'abnormal') {
    const l = f.listing
    out.push(c('in_force', '处于经营异常名录（经营异常状态）中', !!l && ['listed'].includes(l.state), l ? null : '未找到列入记录'))
    out.push(c('cured', '列入事由已消除', !!l?.cured, l?.cureText ?? null))
  } else if (f.kind === 'serious') {
    const s = f.serious
    out.push(c('in_force', '处于严重违法失信名单公示中', s?.state === 'published'))
    earliestOn = s?.earlyFromOn ?? null
    const problems = s
      ? earlyRemovalProblems({
          today: f.today,
          earlyFromOn: s.earlyFromOn,
          listedOn: s.listedOn,
          penalties: f.penalties,
          sourceCaseId: s.sourceCaseId,
          harmRemoved: f.harmRemoved,
        })
      : ['未找到列入记录']
    out.push(c('time_served', '列入满1年', !!s?.earlyFromOn && f.today >= s.earlyFromOn, s?.earlyFromOn ? `${s.earlyFromOn} 起可申请` : null))
    out.push(c('performed', '已履行行政处罚决定', !problems.some((p) => p.includes('尚未履行'))))
    out.push(c('harm_removed', '已消除危害后果', f.harmRemoved))
    out.push(c('no_heavier', '列入后未再受到较重行政处罚', !problems.some((p) => p.includes('又受到较重'))))
  } else {
    const p = f.publicity
    const onDisplay = !!p && p.state === 'published' && (!p.displayEndOn || p.displayEndOn >= f.today)
    out.push(c('on_display', '行政处罚信息正在公示期内', onDisplay))
    out.push(
      c(
        'repairable',
        '不属于不得提前停止公示的较重行政处罚，且非公示期3个月的信息',
        !!p && !NO_EARLY_STOP.has(p.penaltyType) && p.displayKind !== 'short',
        p && p.displayKind === 'short'
          ? '公示期3个月的信息期满自动停止公示'
          : p && NO_EARLY_STOP.has(p.penaltyType)
            ? '总局令第45号第十四条：不得提前停止公示'
            : null,
      ),
    )
    const long = !!p && LONG_REPAIR_CASE_TYPES.has(p.caseType)
    const period = long ? f.periods?.penaltyLong : f.periods?.penalty
    earliestOn = p?.publishedOn && period ? periodEnd(p.publishedOn, period) : null
    out.push(
      c(
        'time_served',
        long ? '公示满1年（食品、药品、特种设备领域）' : '公示满6个月',
        !!earliestOn && f.today >= earliestOn,
        earliestOn ? `${earliestOn} 起可申请` : null,
      ),
    )
    const own = p ? f.penalties.find((x) => x.caseId === p.caseId) : undefined
    out.push(c('performed', '已履行行政处罚决定', !!own?.performed))
    out.push(c('harm_removed', '已消除危害后果', f.harmRemoved))
    const decidedOn = own?.decidedOn ?? null
    const repeats = p && decidedOn ? f.penalties.filter((x) => x.caseId !== p.caseId && x.decidedOn > decidedOn && x.caseType === p.caseType) : []
    out.push(c('no_repeat', '未再受到同类行政处罚', repeats.length === 0, repeats.length ? `其后又受到同类行政处罚 ${repeats.length} 件` : null))
    // Order 45 Art 14: only the penalty's publicity asks that the party be on neither list.
    out.push(c('no_abnormal', '未被列入经营异常名录', !f.onAbnormal))
    out.push(c('no_serious', '未被列入严重违法失信名单', !f.onSerious))
  }
  return { eligible: out.every((x) => x.ok), earliestOn, conditions: out }
}

/**
 * Pure rules of sampling inspection (抽检): backup-sample retention, batches per 1,000 residents,
 * the conclusion a set of test items supports, the re-test deadline check, the producer-outside-the-
 * region test and the re-test laboratory draw's pool and parameters (the double-random engine's
 * `jg-draw/1`, src/modules/inspections/draw.domain.ts, run over laboratories instead of entities).
 * No IO.
 */
import { validation } from '../../core/errors'
import {
  canonicalPool,
  commitmentOf,
  deriveSeed,
  drawTargets,
  paramsHash,
  poolHash,
  verifyDraw,
  DRAW_ALGORITHM,
  type DrawParams,
  type PoolMember,
} from '../inspections'
import type { Conclusion } from '../../shared/sampling/sample.workflow'
import { addDays } from '../../shared/time'

/** Adds `months` calendar months to a YYYY-MM-DD date; the 31st of a shorter month becomes its last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + months
  const ny = Math.floor(total / 12)
  const nm = (total % 12) + 1
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate()
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

export { addDays }

/** Months the re-test backup sample is kept after the conclusion (Order 15 Art 25, RULES.md §12.3, SECONDARY). */
export const BACKUP_RETENTION_MONTHS: Record<Conclusion, number> = { pass: 3, fail: 6 }

/**
 * Until when the re-test backup sample is kept: 3 months after a conforming conclusion, 6 after a
 * non-conforming one, or to the end of the shelf life when that comes first.
 */
export function backupKeepUntil(conclusionOn: string, conclusion: Conclusion, shelfLife?: { productionDate: string | null; days: number | null }): string {
  const byRule = addMonths(conclusionOn, BACKUP_RETENTION_MONTHS[conclusion])
  if (!shelfLife?.productionDate || !shelfLife.days) return byRule
  // The last day of the shelf life: production date + days − 1.
  const expires = addDays(shelfLife.productionDate, shelfLife.days - 1)
  return expires < byRule ? (expires < conclusionOn ? conclusionOn : expires) : byRule
}

/** Batches per 1,000 residents, two decimals (RULES.md §12.4); null without a population. */
export function batchesPerThousand(batches: number, population: number | null | undefined): number | null {
  if (!population || population <= 0) return null
  return Math.round((batches * 1000 * 100) / population) / 100
}

/** Pass rate in percent with two decimals; null when nothing was tested. */
export function passRate(tested: number, nonConforming: number): number | null {
  if (tested <= 0) return null
  return Math.round(((tested - nonConforming) * 10000) / tested) / 100
}

/**
 * The conclusion a set of test items supports: any non-conforming item makes the sample
 * non-conforming; no items, no conclusion.
 */
export function conclusionOf(items: ReadonlyArray<{ conclusion: string }>): Conclusion | null {
  if (items.length === 0) return null
  return items.some((i) => i.conclusion === 'fail') ? 'fail' : 'pass'
}

/**
 * Checks that an action's conclusion matches the items entered.
 * @throws VALIDATION (zh-CN) when nothing is entered or the report's conclusion contradicts the items.
 */
export function assertConclusion(items: ReadonlyArray<{ conclusion: string }>, declared: Conclusion, what = '检验'): void {
  const c = conclusionOf(items)
  if (!c) throw validation(`尚未录入${what}结果，不能出具报告`)
  if (c !== declared) throw validation(c === 'fail' ? `${what}结果中有不合格项目，只能出具不合格报告` : `${what}结果各项均合格，只能出具合格报告`)
}

/**
 * The re-test application is in time when made on or before the clock's due date (7 WD from
 * receiving the conclusion, FSL Art 88).
 * @throws VALIDATION (zh-CN) after the deadline.
 */
export function assertRetestInTime(appliedOn: string, dueOn: string | null): void {
  if (dueOn && appliedOn > dueOn) throw validation(`复检申请已超过法定期限（收到检验结论之日起7个工作日，截止 ${dueOn}），不予受理`)
}

/** Whether a producer sits outside the bureau's region: its 6-digit division does not start with the region's prefix. */
export function producerOutside(producerDivision: string | null | undefined, regionPrefix: string): boolean {
  if (!producerDivision || !regionPrefix) return false
  return !producerDivision.startsWith(regionPrefix)
}

/** A laboratory that may be drawn for a re-test. */
export interface RetestCandidate {
  id: string
  name: string
}

/** The stratum every laboratory of a re-test pool belongs to. */
export const RETEST_STRATUM = 'retest_lab'
/** One laboratory out of the pool. */
export const RETEST_PARAMS: DrawParams = { strata: [{ stratum: RETEST_STRATUM, ratio: 0, min: 1, max: 1 }] }

/** The canonical pool of a re-test draw: the qualified laboratories other than the first. @throws VALIDATION when none is left. */
export function retestPool(labs: readonly RetestCandidate[], firstLabId: string | null): PoolMember[] {
  const members = labs.filter((l) => l.id !== firstLabId).map((l) => ({ entityId: l.id, stratum: RETEST_STRATUM, stationUnitId: null }))
  if (members.length === 0) throw validation('没有初检机构以外的有效复检机构，无法随机确定复检机构')
  return canonicalPool(members)
}

/** The commitment published when the re-test application is registered. */
export const retestCommitment = (secret: string): string => commitmentOf(secret)

/** What a re-test draw records (and the public page shows). */
export interface RetestDrawRecord {
  algorithm: string
  sampleId: string
  commitment: string
  secret: string
  drawTimeValue: string
  pool: PoolMember[]
  poolHash: string
  paramsHash: string
  seedHex: string
  drawnLabId: string
}

/**
 * Draws the re-test laboratory: the seed from the committed secret, the draw-time value, the pool
 * and the parameters (`deriveSeed`, task id = the sample's id), then one laboratory (`drawTargets`).
 */
export function drawRetestLab(input: { sampleId: string; secret: string; commitment: string; drawTimeValue: string; pool: PoolMember[] }): RetestDrawRecord {
  if (commitmentOf(input.secret) !== input.commitment) throw validation('承诺密钥与公布的承诺值不符')
  const ph = poolHash(input.pool)
  const params = paramsHash(RETEST_PARAMS)
  const seedHex = deriveSeed({ commitmentSecret: input.secret, drawTimeValue: input.drawTimeValue, poolHash: ph, paramsHash: params, taskId: input.sampleId })
  const { drawn } = drawTargets(input.pool, RETEST_PARAMS, seedHex)
  const lab = drawn[0]
  if (!lab) throw validation('复检机构名录为空，无法抽取')
  return {
    algorithm: DRAW_ALGORITHM,
    sampleId: input.sampleId,
    commitment: input.commitment,
    secret: input.secret,
    drawTimeValue: input.drawTimeValue,
    pool: input.pool,
    poolHash: ph,
    paramsHash: params,
    seedHex,
    drawnLabId: lab.entityId,
  }
}

/** Re-runs a recorded re-test draw from its published values: ok, or the zh-CN problems found. */
export function verifyRetestDraw(r: Omit<RetestDrawRecord, 'paramsHash'> & { paramsHash?: string }) {
  return verifyDraw(
    {
      algorithm: r.algorithm,
      poolHash: r.poolHash,
      params: RETEST_PARAMS,
      paramsHash: r.paramsHash,
      seedHex: r.seedHex,
      drawnEntityIds: [r.drawnLabId],
      seedInput: { commitmentSecret: r.secret, drawTimeValue: r.drawTimeValue, taskId: r.sampleId, commitment: r.commitment },
    },
    r.pool,
  )
}

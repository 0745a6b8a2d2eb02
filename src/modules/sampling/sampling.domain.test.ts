import { describe, expect, it } from 'vitest'
import data from 'chinese-days/dist/chinese-days.json'
import { buildCalendar, computeDeadline, loadBuiltinCalendarEntries } from '../calendar'
import { BUILTIN_RULES } from '../rules/rules.seed'
import { selectRuleInForce, versionsFromSeed } from '../rules/rules.domain'
import { PERMISSIONS } from '../../shared/access/vocabulary'
import { FOOD_CATEGORIES, categoryLabel, isCategoryOf, topCategory } from '../../shared/sampling/catalogue'
import { SAMPLE_CLOCKS, SamplingFormInput, sampleWorkflow } from '../../shared/sampling/sample.workflow'
import {
  addMonths,
  assertConclusion,
  assertRetestInTime,
  backupKeepUntil,
  batchesPerThousand,
  conclusionOf,
  drawRetestLab,
  passRate,
  producerOutside,
  retestCommitment,
  retestPool,
  verifyRetestDraw,
} from './sampling.domain'

// Expected dates were counted by hand on the State Council schedules (chinese-days data):
// 2020 Spring Festival 01-24..02-02 off (extended for COVID-19), Sun 01-19 worked;
// 2026 Labour Day 05-01..05 off, Sat 05-09 worked; Mid-Autumn 09-25..27 off, Sun 09-20 worked;
// National Day 10-01..07 off, Sat 10-10 worked. The day of the event is not counted.
const builtin = loadBuiltinCalendarEntries(data)
const cal = buildCalendar(
  builtin.entries,
  builtin.years.filter((y) => y <= 2026),
)
const versions = versionsFromSeed(BUILTIN_RULES)
function due(clock: keyof typeof SAMPLE_CLOCKS, start: string): string {
  const rule = selectRuleInForce(versions, SAMPLE_CLOCKS[clock].rule, start)
  if (!rule) throw new Error(`no rule ${clock}`)
  return computeDeadline(cal, { start, length: rule.length, unit: rule.unit }).date
}

describe('sampling clocks on the legal calendar', () => {
  it('7-WD re-test request runs over National Day and the Saturday worked after it', () => {
    expect(due('retest_request', '2026-09-28')).toBe('2026-10-13')
    // Served on the eve of Mid-Autumn (09-25..27 off): 09-28 is day 1, Sat 10-10 day 6.
    expect(due('retest_request', '2026-09-24')).toBe('2026-10-12')
  })
  it('20-WD report counts the Sunday worked before Mid-Autumn and skips both holidays', () => {
    expect(due('report', '2026-09-18')).toBe('2026-10-22')
  })
  it('20-WD report across the 2020 Spring Festival extension (to 02-02)', () => {
    expect(due('report', '2020-01-20')).toBe('2020-02-25')
    // Received on the Sunday worked (01-19): 01-20 is day 1.
    expect(due('report', '2020-01-19')).toBe('2020-02-24')
  })
  it('5-WD service and delivery over Labour Day 2026 count Saturday 05-09', () => {
    expect(due('service', '2026-04-30')).toBe('2026-05-11')
    expect(due('delivery', '2026-04-30')).toBe('2026-05-11')
  })
  it('disposal is 90 calendar days; a last day in a holiday moves to the next working day', () => {
    expect(due('disposal', '2026-01-02')).toBe('2026-04-02')
    // 90 days from 01-05 is Sun 04-05, inside Qingming (04-04..06 off): due Tue 04-07.
    expect(due('disposal', '2026-01-05')).toBe('2026-04-07')
  })
  it('refuses a re-test request after the due date, accepts one on it (zh-CN)', () => {
    expect(() => assertRetestInTime('2026-10-13', '2026-10-13')).not.toThrow()
    expect(() => assertRetestInTime('2026-10-14', '2026-10-13')).toThrow(/复检申请已超过法定期限.*2026-10-13/)
    expect(() => assertRetestInTime('2026-10-14', null)).not.toThrow()
  })
  it('every clock names a rule of the catalogue', () => {
    for (const c of Object.values(SAMPLE_CLOCKS))
      expect(
        BUILTIN_RULES.some((r) => r.ruleId === c.rule),
        c.rule,
      ).toBe(true)
  })
})

describe('sampling rules', () => {
  it('keeps the backup sample 3 months (pass) or 6 months (fail), capped at the shelf life', () => {
    expect(backupKeepUntil('2026-03-10', 'pass')).toBe('2026-06-10')
    expect(backupKeepUntil('2026-03-10', 'fail')).toBe('2026-09-10')
    expect(backupKeepUntil('2026-08-31', 'fail')).toBe('2027-02-28')
    // Shelf life ends 2026-04-30 (production 04-01, 30 days): earlier than 3 months.
    expect(backupKeepUntil('2026-04-10', 'pass', { productionDate: '2026-04-01', days: 30 })).toBe('2026-04-30')
    // Already expired at the conclusion: kept to the conclusion day.
    expect(backupKeepUntil('2026-06-10', 'pass', { productionDate: '2026-04-01', days: 30 })).toBe('2026-06-10')
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28')
  })
  it('computes batches per 1,000 residents and the pass rate', () => {
    // Shanwei 2020: 18,013 batches, 5.96 per 1,000 → population ≈ 3.02 M.
    expect(batchesPerThousand(18_013, 3_022_000)).toBe(5.96)
    expect(batchesPerThousand(10, 0)).toBeNull()
    expect(batchesPerThousand(10, null)).toBeNull()
    expect(passRate(18_013, 275)).toBe(98.47)
    expect(passRate(0, 0)).toBeNull()
  })
  it('derives the conclusion from the items and refuses a contradicting report', () => {
    expect(conclusionOf([])).toBeNull()
    expect(conclusionOf([{ conclusion: 'pass' }, { conclusion: 'fail' }])).toBe('fail')
    expect(conclusionOf([{ conclusion: 'pass' }])).toBe('pass')
    expect(() => assertConclusion([], 'pass')).toThrow(/尚未录入检验结果/)
    expect(() => assertConclusion([{ conclusion: 'fail' }], 'pass')).toThrow(/只能出具不合格报告/)
    expect(() => assertConclusion([{ conclusion: 'pass' }], 'fail')).toThrow(/只能出具合格报告/)
    expect(() => assertConclusion([{ conclusion: 'fail' }], 'fail')).not.toThrow()
  })
  it('tells a producer outside the region', () => {
    expect(producerOutside('410100', '4108')).toBe(true)
    expect(producerOutside('410802', '4108')).toBe(false)
    expect(producerOutside(null, '4108')).toBe(false)
  })
  it('has a sourced category catalogue with unique codes', () => {
    const codes = FOOD_CATEGORIES.map((c) => c.code)
    expect(new Set(codes).size).toBe(codes.length)
    expect(FOOD_CATEGORIES.filter((c) => !c.parent)).toHaveLength(34)
    expect(categoryLabel('3301')).toBe('食用农产品 / 畜禽肉及副产品')
    expect(topCategory('3301')).toBe('33')
    expect(isCategoryOf('food', 'P01')).toBe(false)
    expect(isCategoryOf('product', 'P01')).toBe(true)
  })
  it('validates the sampling form with zh-CN messages', () => {
    const ok = {
      sampledOn: '2026-03-02',
      place: '某超市',
      productName: '小麦粉',
      producerName: '某面粉厂',
      quantity: 3,
      backupQuantity: 2,
      quantityUnit: '袋',
      pricePaidFen: 1200,
      samplers: ['张伟', '李娜'],
      signedBy: '王店长',
      labId: '6f1c2b8e-1d7a-4c1e-9a51-6a0b9b1d2e3f',
    }
    expect(SamplingFormInput.safeParse(ok).success).toBe(true)
    const msg = (v: object) => SamplingFormInput.safeParse({ ...ok, ...v }).error?.issues[0]?.message
    expect(msg({ sampledOn: '2026-02-30' })).toBe('抽样日期不存在')
    expect(msg({ quantity: -1 })).toBe('检验样品数量至少为 1')
    expect(msg({ backupQuantity: -2 })).toBe('复检备份样品数量不能为负数')
    expect(msg({ pricePaidFen: -5 })).toBe('购样费用不能为负数')
    expect(msg({ samplers: ['张伟'] })).toBe('抽样人员不得少于 2 人')
    expect(msg({ productionDate: '2026-03-05' })).toBe('生产日期不能晚于抽样日期')
  })
})

describe('the sample workflow declaration', () => {
  it('is sound and names only catalogued permissions', () => {
    expect(sampleWorkflow.problems()).toEqual([])
    const named = sampleWorkflow.actionList.flatMap((a) => sampleWorkflow.actions[a].permission)
    expect(named.filter((p) => !(p in PERMISSIONS))).toEqual([])
  })
})

describe('the re-test laboratory draw', () => {
  const labs = [
    { id: 'lab-a', name: 'A' },
    { id: 'lab-b', name: 'B' },
    { id: 'lab-c', name: 'C' },
    { id: 'lab-d', name: 'D' },
  ]
  const secret = 'f'.repeat(64)
  it('never draws the first laboratory and is reproducible from the published values', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 40; i++) {
      const pool = retestPool(labs, 'lab-b')
      const r = drawRetestLab({ sampleId: 's1', secret, commitment: retestCommitment(secret), drawTimeValue: `v${i}`, pool })
      expect(r.drawnLabId).not.toBe('lab-b')
      seen.add(r.drawnLabId)
      // Anyone re-running it from the record gets the same laboratory.
      expect(
        drawRetestLab({ sampleId: 's1', secret, commitment: r.commitment, drawTimeValue: `v${i}`, pool: retestPool([...labs].reverse(), 'lab-b') }),
      ).toEqual(r)
      expect(verifyRetestDraw(r)).toEqual({ ok: true, problems: [] })
    }
    // Every other laboratory comes up.
    expect([...seen].sort()).toEqual(['lab-a', 'lab-c', 'lab-d'])
  })
  it('detects a changed result, pool, secret or draw-time value', () => {
    const pool = retestPool(labs, 'lab-a')
    const r = drawRetestLab({ sampleId: 's2', secret, commitment: retestCommitment(secret), drawTimeValue: '2026-10-15 福彩3D 123', pool })
    const other = pool.find((m) => m.entityId !== r.drawnLabId)!.entityId
    expect(verifyRetestDraw({ ...r, drawnLabId: other }).ok).toBe(false)
    expect(verifyRetestDraw({ ...r, secret: 'e'.repeat(64) }).problems.join()).toMatch(/承诺/)
    expect(verifyRetestDraw({ ...r, drawTimeValue: 'x' }).ok).toBe(false)
    expect(verifyRetestDraw({ ...r, pool: retestPool(labs, 'lab-b') }).ok).toBe(false)
  })
  it('refuses a draw without another qualified laboratory, or with a secret not matching the commitment', () => {
    expect(() => retestPool([{ id: 'lab-a', name: 'A' }], 'lab-a')).toThrow(/没有初检机构以外的有效复检机构/)
    expect(() => drawRetestLab({ sampleId: 's', secret, commitment: retestCommitment('other'), drawTimeValue: 'v', pool: retestPool(labs, null) })).toThrow(
      /承诺/,
    )
  })
})

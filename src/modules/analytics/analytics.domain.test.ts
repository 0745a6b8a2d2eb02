import { describe, expect, it } from 'vitest'
import {
  addCounters,
  addDays,
  daysBetween,
  daysOf,
  groupCells,
  measuresOf,
  monthEnd,
  previousPeriod,
  rowUnitFor,
  splitByMonths,
  trendSeries,
  zeroCounters,
  type Cell,
  type UnitNode,
} from './analytics.domain'

const unit = (id: string, parent: string | null, path: string, sortOrder = 0, name = id): UnitNode => ({
  id,
  parentId: parent,
  name,
  shortName: null,
  path,
  depth: path.split('/').filter(Boolean).length - 1,
  sortOrder,
})
const units = [
  unit('city', null, '/city/'),
  unit('d1', 'city', '/city/d1/', 2),
  unit('s1', 'd1', '/city/d1/s1/'),
  unit('d2', 'city', '/city/d2/', 1),
  unit('dept', 'city', '/city/dept/', 0),
  unit('other', null, '/other/'),
]
const cell = (unitId: string, itemType: string, category: string, c: Partial<ReturnType<typeof zeroCounters>>): Cell => ({
  unitId,
  itemType,
  category,
  counters: addCounters(zeroCounters(), c),
})

describe('measures', () => {
  it('derives rates with their denominators, overdue as late plus open overdue', () => {
    const m = measuresOf(
      addCounters(zeroCounters(), {
        received: 100,
        accepted: 40,
        notAccepted: 2,
        mediationEnded: 38,
        mediatedOk: 36,
        recoveredFen: 123456,
        acceptDecided: 42,
        acceptOnTime: 40,
        acceptOpenOverdue: 1,
        verifyDone: 9,
        verifyOnTime: 8,
        verifyOpenOverdue: 1,
        closed: 80,
        handlingDays: 400,
        lateDone: 3,
        openOverdue: 2,
      }),
    )
    expect(m).toMatchObject({
      mediationSuccessRate: 0.9474,
      acceptDue: 43,
      onTimeAcceptanceRate: 0.9302,
      verifyDue: 10,
      onTimeVerificationRate: 0.8,
      avgHandlingDays: 5,
      overdue: 5,
      recoveredYuan: '1,234.56',
    })
  })
  it('gives null rates for empty denominators', () => {
    expect(measuresOf(zeroCounters())).toMatchObject({
      mediationSuccessRate: null,
      onTimeAcceptanceRate: null,
      onTimeVerificationRate: null,
      avgHandlingDays: null,
      overdue: 0,
    })
  })
  it('reproduces the seed: 9,681 of 9,994 is 96.87 %', () => {
    expect(measuresOf(addCounters(zeroCounters(), { mediatedOk: 9681, mediationEnded: 9994 })).mediationSuccessRate).toBe(0.9687)
  })
})

describe('roll-up through the tree', () => {
  it('maps a unit to the child of the root on its path, or the root itself', () => {
    expect(rowUnitFor('/city/d1/s1/', 'city')).toBe('d1')
    expect(rowUnitFor('/city/', 'city')).toBe('city')
    expect(rowUnitFor('/city/d1/s1/', 'd1')).toBe('s1')
    expect(rowUnitFor('/other/', 'city')).toBeNull()
  })
  it('sums stations into their district, keeps the root own items apart and drops units outside', () => {
    const cells = [
      cell('s1', 'complaint', 'price', { received: 3 }),
      cell('d1', 'report', 'price', { received: 2 }),
      cell('d2', 'complaint', 'quality', { received: 5 }),
      cell('city', 'complaint', 'price', { received: 1 }),
      cell('other', 'complaint', 'price', { received: 100 }),
    ]
    const { rows, total } = groupCells(cells, units, 'city', ['unit'])
    expect(rows.map((r) => [r.unitId, r.counters.received, r.ownItems])).toEqual([
      ['city', 1, true],
      ['dept', 0, false],
      ['d2', 5, false],
      ['d1', 5, false],
    ])
    expect(rows[0]!.unitName).toBe('city（本级）')
    expect(total.received).toBe(11)
  })
  it('lists every direct subordinate unit by unit, also those with nothing registered', () => {
    const { rows, total } = groupCells([cell('s1', 'complaint', 'price', { received: 3 })], units, 'city', ['unit'])
    const direct = units.filter((u) => u.parentId === 'city').map((u) => u.id)
    expect(direct.length).toBeGreaterThan(1)
    for (const id of direct)
      expect(
        rows.some((r) => r.unitId === id),
        id,
      ).toBe(true)
    expect(rows.find((r) => r.unitId === 'd1')!.counters.received).toBe(3)
    expect(rows.find((r) => r.unitId === 'd2')!.counters.received).toBe(0)
    expect(total.received).toBe(3)
    // With another dimension, rows stay those with data.
    expect(groupCells([cell('s1', 'complaint', 'price', { received: 3 })], units, 'city', ['unit', 'type']).rows).toHaveLength(1)
  })
  it('groups by two dimensions in a stable order', () => {
    const cells = [
      cell('s1', 'report', 'quality', { received: 1 }),
      cell('s1', 'complaint', 'quality', { received: 2 }),
      cell('d2', 'complaint', 'price', { received: 4 }),
    ]
    const { rows } = groupCells(cells, units, 'city', ['type', 'category'])
    expect(rows.map((r) => r.key)).toEqual(['t:complaint|c:price', 't:complaint|c:quality', 't:report|c:quality'])
    expect(rows[0]!.categoryLabel).toBe('价格')
    expect(groupCells(cells, units, 'city', []).rows.map((r) => r.key)).toEqual(['total'])
  })
})

describe('dates and charts', () => {
  it('computes periods across month and year ends', () => {
    expect(addDays('2020-02-28', 2)).toBe('2020-03-01')
    expect(daysBetween('2019-12-31', '2020-03-01')).toBe(61)
    expect(daysOf('2020-12-30', '2021-01-02')).toEqual(['2020-12-30', '2020-12-31', '2021-01-01', '2021-01-02'])
    expect(previousPeriod('2020-02-01', '2020-02-29')).toEqual({ from: '2020-01-03', to: '2020-01-31' })
  })
  it('builds a zero-filled stacked trend with a total line', () => {
    const t = trendSeries(
      [
        { day: '2020-01-02', itemType: 'complaint', received: 3 },
        { day: '2020-01-02', itemType: 'report', received: 1 },
        { day: '2020-01-05', itemType: 'complaint', received: 9 },
      ],
      '2020-01-01',
      '2020-01-03',
    )
    expect(t.xAxis).toEqual(['2020-01-01', '2020-01-02', '2020-01-03'])
    expect(t.series.find((s) => s.name === '投诉')!.data).toEqual([0, 3, 0])
    expect(t.series.find((s) => s.name === '合计')!.data).toEqual([0, 4, 0])
  })
})

describe('export helpers', async () => {
  const { maskFreeText, exportPartyColumns } = await import('./analytics.export')
  it('masks mobile and ID-card numbers inside free text, nothing else', () => {
    expect(maskFreeText('联系13912345678或410802199001011234，订单号20200101123')).toBe('联系139****5678或4108**********1234，订单号20200101123')
    expect(maskFreeText('口罩每只8元')).toBe('口罩每只8元')
  })
  it('never writes a reporter, masks complainants', () => {
    expect(exportPartyColumns({ type: 'report', anonymous: 0, partyMaskedName: '张*', partyMaskedPhone: '138****1234' })).toEqual(['实名（保密）', ''])
    expect(exportPartyColumns({ type: 'complaint', anonymous: 0, partyMaskedName: '张三丰', partyMaskedPhone: '13812341234' })).toEqual([
      '张*丰',
      '138****1234',
    ])
    expect(exportPartyColumns({ type: 'complaint', anonymous: 1, partyMaskedName: null, partyMaskedPhone: null })).toEqual(['（匿名）', ''])
  })
})

describe('splitByMonths (whole months from the monthly roll-up, edges from the daily aggregate)', () => {
  it('knows the last day of every month, leap years included', () => {
    expect(['2026-01-15', '2026-02-01', '2024-02-10', '2100-02-03', '2000-02-29', '2026-04-30', '2026-12-31'].map(monthEnd)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2024-02-29',
      '2100-02-28',
      '2000-02-29',
      '2026-04-30',
      '2026-12-31',
    ])
  })
  it('splits awkward periods into edge days and whole months', () => {
    expect(splitByMonths('2025-12-15', '2026-02-10')).toEqual({
      months: { from: '2026-01', to: '2026-01' },
      dayRanges: [
        { from: '2025-12-15', to: '2025-12-31' },
        { from: '2026-02-01', to: '2026-02-10' },
      ],
    })
    expect(splitByMonths('2025-12-01', '2026-01-31')).toEqual({ months: { from: '2025-12', to: '2026-01' }, dayRanges: [] })
    expect(splitByMonths('2025-12-31', '2026-01-01')).toEqual({ months: null, dayRanges: [{ from: '2025-12-31', to: '2026-01-01' }] })
    expect(splitByMonths('2026-03-17', '2026-03-17')).toEqual({ months: null, dayRanges: [{ from: '2026-03-17', to: '2026-03-17' }] })
    expect(splitByMonths('2026-02-01', '2026-02-28')).toEqual({ months: { from: '2026-02', to: '2026-02' }, dayRanges: [] })
    expect(splitByMonths('2024-02-01', '2024-02-28')).toEqual({ months: null, dayRanges: [{ from: '2024-02-01', to: '2024-02-28' }] })
    expect(splitByMonths('2026-01-31', '2026-03-01')).toEqual({
      months: { from: '2026-02', to: '2026-02' },
      dayRanges: [
        { from: '2026-01-31', to: '2026-01-31' },
        { from: '2026-03-01', to: '2026-03-01' },
      ],
    })
    expect(splitByMonths('2026-04-02', '2026-04-29')).toEqual({ months: null, dayRanges: [{ from: '2026-04-02', to: '2026-04-29' }] })
    expect(splitByMonths('2026-04-02', '2026-05-29')).toEqual({ months: null, dayRanges: [{ from: '2026-04-02', to: '2026-05-29' }] })
  })
  it('covers every day of the period exactly once', () => {
    for (const [from, to] of [
      ['2025-04-01', '2026-09-30'],
      ['2025-04-15', '2026-09-20'],
      ['2019-12-31', '2020-03-01'],
      ['2026-06-30', '2026-07-01'],
    ] as const) {
      const s = splitByMonths(from, to)
      const covered = [
        ...s.dayRanges.flatMap((r) => daysOf(r.from, r.to)),
        ...(s.months ? daysOf(`${s.months.from}-01`, monthEnd(`${s.months.to}-01`)) : []),
      ].sort()
      expect(covered).toEqual(daysOf(from, to))
    }
  })
})

describe('daysOf', () => {
  it('ends at the last day of year 9999 and refuses runs no valid period has (no endless loop)', () => {
    const days = daysOf('9999-12-02', '9999-12-31')
    expect(days).toHaveLength(30)
    expect(days.at(-1)).toBe('9999-12-31')
    expect(() => daysOf('2000-01-01', '9999-12-31')).toThrow(RangeError)
    expect(daysOf('2026-03-01', '2026-02-01')).toEqual([])
  })
})

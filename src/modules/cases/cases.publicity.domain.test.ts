import { describe, expect, it } from 'vitest'
import {
  addCalendarMonths,
  displayEndOn,
  displayKindOf,
  isOtherProvince,
  monthsOf,
  publicityApplies,
  usccDivision,
  type DecidedPenalty,
} from './cases.publicity.domain'

const p = (o: Partial<DecidedPenalty>): DecidedPenalty => ({ procedure: 'ordinary', penaltyType: 'fine', fineFen: 0, gainsFen: 0, goodsValueFen: 0, ...o })
const PERIODS = { short: 3, long: 36 }

describe('publicityApplies (Order 45 Art 2)', () => {
  it('publishes every ordinary-procedure penalty except a bare warning', () => {
    expect(publicityApplies(p({ fineFen: 100 }))).toBe(true)
    expect(publicityApplies(p({ penaltyType: 'warning' }))).toBe(false)
    expect(publicityApplies(p({ penaltyType: 'warning', fineFen: 1 }))).toBe(true)
    expect(publicityApplies(p({ penaltyType: 'warning', gainsFen: 1 }))).toBe(true)
    expect(publicityApplies(p({ penaltyType: 'criticism' }))).toBe(true)
    expect(publicityApplies(p({ penaltyType: 'revoke_licence' }))).toBe(true)
    expect(publicityApplies(p({ penaltyType: null }))).toBe(false)
  })
  it('never a simplified (当场) decision', () => {
    expect(publicityApplies(p({ procedure: 'simplified', fineFen: 20_000 }))).toBe(false)
  })
})

describe('displayKindOf (Order 45 Art 13)', () => {
  it('3 months for public criticism and a fine up to the province threshold; 3 years otherwise', () => {
    expect(displayKindOf(p({ penaltyType: 'criticism' }), 0)).toBe('short')
    expect(displayKindOf(p({ fineFen: 500_000 }), 1_000_000)).toBe('short')
    expect(displayKindOf(p({ fineFen: 1_000_000 }), 1_000_000)).toBe('short')
    expect(displayKindOf(p({ fineFen: 1_000_001 }), 1_000_000)).toBe('long')
    expect(displayKindOf(p({ penaltyType: 'warning', fineFen: 100 }), 1_000_000)).toBe('short')
  })
  it('threshold not set (0): every fine 3 years', () => {
    expect(displayKindOf(p({ fineFen: 100 }), 0)).toBe('long')
  })
  it('a confiscation or a heavier penalty is 3 years whatever the fine', () => {
    expect(displayKindOf(p({ fineFen: 100, gainsFen: 1 }), 1_000_000)).toBe('long')
    expect(displayKindOf(p({ penaltyType: 'confiscate_goods', goodsValueFen: 1 }), 1_000_000)).toBe('long')
    expect(displayKindOf(p({ penaltyType: 'revoke_licence' }), 1_000_000)).toBe('long')
  })
  it('a restriction ending after the 3 years sets the display', () => {
    expect(displayKindOf(p({ penaltyType: 'restrict_employment' }), 0, '2031-01-01', '2029-11-30')).toBe('restriction')
    expect(displayKindOf(p({ penaltyType: 'restrict_employment' }), 0, '2029-11-30', '2029-11-30')).toBe('long')
    expect(displayKindOf(p({ penaltyType: 'fine', fineFen: 1 }), 0, '2031-01-01', '2029-11-30')).toBe('long')
  })
})

describe('display end dates (publication + period, Civil Code month arithmetic, no roll to a working day)', () => {
  it('3 years and 3 months from the publication day', () => {
    expect(displayEndOn('2026-11-30', 'long', PERIODS)).toBe('2029-11-30')
    expect(displayEndOn('2026-11-30', 'short', PERIODS)).toBe('2027-02-28') // no 02-30: the month's last day
    expect(displayEndOn('2027-11-30', 'short', PERIODS)).toBe('2028-02-29') // leap year
    expect(displayEndOn('2024-02-29', 'long', PERIODS)).toBe('2027-02-28')
    expect(displayEndOn('2026-10-01', 'short', PERIODS)).toBe('2027-01-01') // a holiday is not skipped
    expect(displayEndOn('2020-01-23', 'long', PERIODS)).toBe('2023-01-23')
  })
  it('the restriction period when later than 3 years, never earlier', () => {
    expect(displayEndOn('2026-11-30', 'restriction', PERIODS, '2031-06-30')).toBe('2031-06-30')
    expect(displayEndOn('2026-11-30', 'restriction', PERIODS, '2028-01-01')).toBe('2029-11-30')
  })
  it('month arithmetic crosses years and clamps', () => {
    expect(addCalendarMonths('2026-12-31', 2)).toBe('2027-02-28')
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addCalendarMonths('2026-03-15', 12)).toBe('2027-03-15')
    expect(monthsOf({ unit: 'M', length: 3 })).toBe(3)
    expect(monthsOf({ unit: 'Y', length: 3 })).toBe(36)
    expect(() => monthsOf({ unit: 'WD', length: 3 })).toThrow(/月或年/)
  })
})

describe('the party registered in another province (Order 45 Art 10)', () => {
  it('compares the province digits of GB/T 2260 codes; unknown = same province', () => {
    expect(isOtherProvince('410800', '410802')).toBe(false)
    expect(isOtherProvince('410800', '110105')).toBe(true)
    expect(isOtherProvince('410800', null)).toBe(false)
    expect(isOtherProvince(null, '110105')).toBe(false)
    expect(usccDivision('91110105MA77CC33XX')).toBe('110105')
    expect(usccDivision('short')).toBeNull()
  })
})

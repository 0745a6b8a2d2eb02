import { describe, expect, it } from 'vitest'
import { repairCheck, type RepairFacts } from './repair.domain'

const periods = { penalty: { length: 6, unit: 'M' }, penaltyLong: { length: 1, unit: 'Y' } }
const fine = { caseId: 'c1', caseType: 'price', decidedOn: '2026-01-10', penaltyType: 'fine', fineFen: 500_000, performed: true }
const pub: RepairFacts = {
  kind: 'publicity',
  today: '2026-09-01',
  harmRemoved: true,
  penalties: [fine],
  onAbnormal: false,
  onSerious: false,
  periods,
  publicity: {
    state: 'published',
    caseId: 'c1',
    caseType: 'price',
    penaltyType: 'fine',
    displayKind: 'long',
    publishedOn: '2026-01-20',
    displayEndOn: '2029-01-20',
  },
}
const failed = (f: RepairFacts) =>
  repairCheck(f)
    .conditions.filter((c) => !c.ok)
    .map((c) => c.key)

describe('penalty publicity early stop', () => {
  it('is eligible after 6 months with everything met', () => {
    expect(repairCheck(pub)).toMatchObject({ eligible: true, earliestOn: '2026-07-20' })
  })
  it('counts 6 months, or 1 year for food, drugs and special equipment, to the day', () => {
    expect(failed({ ...pub, today: '2026-07-19' })).toEqual(['time_served'])
    expect(failed({ ...pub, today: '2026-07-20' })).toEqual([])
    for (const caseType of ['food', 'drug_device', 'special_equipment']) {
      const f = { ...pub, publicity: { ...pub.publicity!, caseType }, penalties: [{ ...fine, caseType }] }
      expect(repairCheck(f)).toMatchObject({ eligible: false, earliestOn: '2027-01-20' })
      expect(repairCheck({ ...f, today: '2027-01-20' }).eligible).toBe(true)
    }
    // 31 August + 6 months: no 31 February, the month's last day.
    expect(repairCheck({ ...pub, publicity: { ...pub.publicity!, publishedOn: '2025-08-31' } }).earliestOn).toBe('2026-02-28')
  })
  it('refuses the heavy penalties of Art 14(3) and the 3-month displays', () => {
    for (const t of ['suspend_licence', 'lower_grade', 'revoke_licence', 'restrict_business', 'suspend_business', 'close', 'restrict_employment'])
      expect(failed({ ...pub, publicity: { ...pub.publicity!, penaltyType: t } })).toEqual(['repairable'])
    expect(failed({ ...pub, publicity: { ...pub.publicity!, displayKind: 'short' } })).toEqual(['repairable'])
  })
  it('needs the penalty performed, the harm removed, no repeat and neither list', () => {
    expect(failed({ ...pub, penalties: [{ ...fine, performed: false }] })).toEqual(['performed'])
    expect(failed({ ...pub, harmRemoved: false })).toEqual(['harm_removed'])
    const again = { ...fine, caseId: 'c2', decidedOn: '2026-05-01' }
    expect(failed({ ...pub, penalties: [again, fine] })).toEqual(['no_repeat'])
    // A later penalty of another kind, or an earlier one of the same kind, is no repeat.
    expect(failed({ ...pub, penalties: [{ ...again, caseType: 'food' }, fine] })).toEqual([])
    expect(failed({ ...pub, penalties: [fine, { ...again, decidedOn: '2025-05-01' }] })).toEqual([])
    expect(failed({ ...pub, onAbnormal: true })).toEqual(['no_abnormal'])
    expect(failed({ ...pub, onSerious: true })).toEqual(['no_serious'])
  })
  it('refuses a record no longer on display', () => {
    expect(failed({ ...pub, publicity: { ...pub.publicity!, state: 'stopped' } })).toEqual(['on_display'])
    expect(failed({ ...pub, publicity: { ...pub.publicity!, displayEndOn: '2026-08-31' } })).toEqual(['on_display'])
    expect(repairCheck({ ...pub, publicity: undefined }).eligible).toBe(false)
  })
})

describe('serious-list early removal', () => {
  const s: RepairFacts = {
    kind: 'serious',
    today: '2027-04-01',
    harmRemoved: true,
    penalties: [{ ...fine, penaltyType: 'revoke_licence', decidedOn: '2026-02-01' }],
    onAbnormal: true,
    onSerious: true,
    serious: { state: 'published', earlyFromOn: '2027-03-01', listedOn: '2026-03-01', sourceCaseId: 'c1' },
  }
  it('is eligible a year after listing with the penalty performed (the lists are not its conditions)', () => {
    expect(repairCheck(s)).toMatchObject({ eligible: true, earliestOn: '2027-03-01' })
  })
  it('lists each unmet condition', () => {
    expect(failed({ ...s, today: '2027-02-28' })).toEqual(['time_served'])
    expect(failed({ ...s, penalties: [{ ...s.penalties[0]!, performed: false }] })).toEqual(['performed'])
    expect(failed({ ...s, harmRemoved: false })).toEqual(['harm_removed'])
    expect(failed({ ...s, penalties: [{ ...fine, caseId: 'c9', penaltyType: 'close', decidedOn: '2026-06-01' }, ...s.penalties] })).toEqual(['no_heavier'])
    expect(failed({ ...s, serious: { ...s.serious!, state: 'early_applied' } })).toEqual(['in_force'])
  })
})

describe('abnormal-list removal', () => {
  const a: RepairFacts = {
    kind: 'abnormal',
    today: '2026-09-01',
    harmRemoved: false,
    penalties: [],
    onAbnormal: true,
    onSerious: true,
    listing: { state: 'listed', cured: true, cureText: '已补报2025年度报告' },
  }
  it('needs only the listing in force and its ground cured', () => {
    expect(repairCheck(a)).toMatchObject({ eligible: true, earliestOn: null })
    expect(failed({ ...a, listing: { ...a.listing!, cured: false } })).toEqual(['cured'])
    expect(failed({ ...a, listing: { ...a.listing!, state: 'removed' } })).toEqual(['in_force'])
    expect(failed({ ...a, listing: undefined })).toEqual(['in_force', 'cured'])
  })
})

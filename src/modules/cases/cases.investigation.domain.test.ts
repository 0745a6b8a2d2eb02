import { describe, expect, it } from 'vitest'
import { officersAfterAvoidance, preservationDecisionProblem, recordEvidenceKind } from './cases.investigation.domain'

describe('recordEvidenceKind', () => {
  it('lists an inquiry of a witness as 证人证言, of anyone else as 当事人的陈述, site and inspection records as 勘验笔录、现场笔录', () => {
    expect(recordEvidenceKind('inquiry', '证人')).toBe('witness')
    expect(recordEvidenceKind('inquiry', '现场目击证人')).toBe('witness')
    expect(recordEvidenceKind('inquiry', '当事人')).toBe('statement')
    expect(recordEvidenceKind('inquiry', null)).toBe('statement')
    expect(recordEvidenceKind('inquiry', undefined)).toBe('statement')
    expect(recordEvidenceKind('site', '证人')).toBe('record')
    expect(recordEvidenceKind('inspection', null)).toBe('record')
  })
})

describe('officersAfterAvoidance', () => {
  const a = { userId: 'a', name: '甲', certNo: 'C1', seq: 1 }
  const b = { userId: 'b', name: '乙', certNo: 'C2', seq: 2 }
  const c = { userId: 'c', name: '丙', certNo: 'C3', seq: 3 }
  const d = { userId: 'd', name: '丁', certNo: 'C4' }

  it('replaces the officer in the same place', () => {
    expect(officersAfterAvoidance([a, b], 'a', d)).toEqual({ ok: true, officers: [{ ...d, seq: 1 }, b] })
    expect(officersAfterAvoidance([a, b, c], 'b', d)).toEqual({ ok: true, officers: [a, { ...d, seq: 2 }, c] })
  })
  it('may drop the officer without a replacement when two certified officers remain', () => {
    expect(officersAfterAvoidance([a, b, c], 'c', null)).toEqual({ ok: true, officers: [a, b] })
  })
  it('refuses to leave fewer than two certified officers (Penalty Law Art 42)', () => {
    const r = officersAfterAvoidance([a, b], 'b', null)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.message).toMatch(/不足 2 人/)
  })
  it('refuses an officer not on the case, a replacement already on it, a replacement without a certificate', () => {
    expect(officersAfterAvoidance([a, b], 'x', d)).toMatchObject({ ok: false, message: expect.stringMatching(/不是本案办案人员/) })
    expect(officersAfterAvoidance([a, b, c], 'a', c)).toMatchObject({ ok: false, message: expect.stringMatching(/已是本案办案人员/) })
    expect(officersAfterAvoidance([a, b], 'a', { ...d, certNo: '' })).toMatchObject({ ok: false, message: expect.stringMatching(/没有执法证号/) })
  })
})

describe('preservationDecisionProblem', () => {
  it('allows every decision up to and on the due day; after it, only a release (the measure lapsed)', () => {
    for (const d of ['release', 'seize', 'transfer', 'confiscate'] as const) {
      expect(preservationDecisionProblem(d, '2026-10-13', '2026-10-14')).toBeNull()
      expect(preservationDecisionProblem(d, '2026-10-14', '2026-10-14')).toBeNull()
    }
    expect(preservationDecisionProblem('release', '2026-10-15', '2026-10-14')).toBeNull()
    for (const d of ['seize', 'transfer', 'confiscate'] as const) expect(preservationDecisionProblem(d, '2026-10-15', '2026-10-14')).toMatch(/2026-10-14 届满/)
  })
  it('has nothing to check without a clock', () => {
    expect(preservationDecisionProblem('seize', '2027-01-01', null)).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import { composeUscc, entityKindOf, orgCodeCheckDigit, usccCheckChar, validateOrgCode, validateRegNo, validateUscc } from './uscc.domain'

// Published vectors (RULES.md §5.2): python-stdnum, util-helpers, uscc-utils.
const VECTORS = ['91110000600037341L', '91350100M000100Y43', '91110108551385082Q']

describe('USCC validation (GB 32100-2015)', () => {
  it.each(VECTORS)('accepts the published vector %s', (code) => {
    const r = validateUscc(code)
    expect(r.valid).toBe(true)
  })

  it('decodes authority, category, division and org code', () => {
    const r = validateUscc('91350100M000100Y43')
    expect(r).toMatchObject({ valid: true, authority: '9', category: '1', categoryName: '企业', divisionCode: '350100', orgCode: 'M000100Y4' })
  })

  it('accepts lower case and surrounding spaces, normalising to upper case', () => {
    const r = validateUscc('  91110108551385082q ')
    expect(r).toMatchObject({ valid: true, code: '91110108551385082Q' })
  })

  it('computes check characters that match the vectors', () => {
    for (const v of VECTORS) expect(usccCheckChar(v.slice(0, 17))).toBe(v[17])
    // Org-code digits of the vectors: 60003734-1, M000100Y-4, 55138508-2.
    expect(orgCodeCheckDigit('60003734')).toBe('1')
    expect(orgCodeCheckDigit('M000100Y')).toBe('4')
    expect(orgCodeCheckDigit('55138508')).toBe('2')
  })

  it('rejects an empty code', () => {
    expect(validateUscc('   ')).toMatchObject({ valid: false, failure: 'empty' })
  })

  it('rejects a wrong length and recognises a legacy registration number', () => {
    const r = validateUscc('410800000012345')
    expect(r).toMatchObject({ valid: false, failure: 'length' })
    if (!r.valid) expect(r.reason).toContain('15 位注册号')
    expect(validateUscc('91110000600037341')).toMatchObject({ valid: false, failure: 'length' })
    expect(validateUscc('91110000600037341LL')).toMatchObject({ valid: false, failure: 'length' })
  })

  it('rejects characters outside the 31-symbol set, naming I O Z S V', () => {
    for (const bad of ['I', 'O', 'Z', 'S', 'V']) {
      const r = validateUscc(`91110000600037341${bad}`)
      expect(r).toMatchObject({ valid: false, failure: 'charset' })
      if (!r.valid) expect(r.reason).toContain('第 18 位')
    }
    expect(validateUscc('9111000060003734-L')).toMatchObject({ valid: false, failure: 'charset' })
    expect(validateUscc('91110000六00037341L')).toMatchObject({ valid: false, failure: 'charset' })
  })

  it('rejects an unknown authority and a category the authority does not have', () => {
    expect(validateUscc('B1110000600037341L')).toMatchObject({ valid: false, failure: 'authority' })
    const cat = validateUscc('94110000600037341L')
    expect(cat).toMatchObject({ valid: false, failure: 'category' })
    if (!cat.valid) expect(cat.reason).toContain('市场监督管理')
  })

  it('rejects a non-numeric division code, and an unknown one when a dataset is given', () => {
    expect(validateUscc('911A0000600037341L')).toMatchObject({ valid: false, failure: 'division' })
    expect(validateUscc('91110000600037341L', (d) => d !== '110000')).toMatchObject({ valid: false, failure: 'division' })
  })

  it('reports a wrong org-code check digit with the expected digit', () => {
    // Position 17 of the first vector is 1; make it 2.
    const r = validateUscc('91110000600037342L')
    expect(r).toMatchObject({ valid: false, failure: 'org_code', expected: '1' })
  })

  it('reports a wrong check character with the expected one', () => {
    const r = validateUscc('91110108551385082R')
    expect(r).toMatchObject({ valid: false, failure: 'check', expected: 'Q' })
    if (!r.valid) expect(r.reason).toBe('第 18 位校验码错误：应为 Q，实为 R')
  })

  it('accepts authorities A, N and Y that digit-only validators wrongly reject', () => {
    const n = composeUscc('N2', '410802', 'MA000001')
    expect(validateUscc(n)).toMatchObject({ valid: true, authority: 'N' })
  })

  it('composes codes that validate, and any single-character change breaks them', () => {
    const code = composeUscc('92', '410802', 'L1234567')
    expect(validateUscc(code).valid).toBe(true)
    for (let i = 8; i < 18; i++) {
      const c = code[i] === '0' ? '1' : '0'
      const mutated = code.slice(0, i) + c + code.slice(i + 1)
      expect(validateUscc(mutated).valid).toBe(false)
    }
  })

  it('derives the entity kind from the prefix', () => {
    expect(entityKindOf('91110000600037341L')).toBe('enterprise')
    expect(entityKindOf('92410802MA000001XX')).toBe('individual')
    expect(entityKindOf('93410802MA000001XX')).toBe('cooperative')
    expect(entityKindOf('12410802MA000001XX')).toBe('other')
  })
})

describe('legacy identifiers', () => {
  it('validates 9-character organisation codes with or without hyphen', () => {
    expect(validateOrgCode('60003734-1').valid).toBe(true)
    expect(validateOrgCode('M000100Y4').valid).toBe(true)
    expect(validateOrgCode('600037342')).toMatchObject({ valid: false })
    expect(validateOrgCode('6000373')).toMatchObject({ valid: false })
  })
  it('checks that an org code whose check value is 10 uses X', () => {
    // Find a body whose weighted sum mod 11 is 1 → 11 - 1 = 10 → 'X': 00000004 (4*2=8 → 3)… search.
    let body = ''
    for (let n = 0; n < 1000 && !body; n++) {
      const b = String(n).padStart(8, '0')
      let sum = 0
      const w = [3, 7, 9, 10, 5, 8, 4, 2]
      for (let i = 0; i < 8; i++) sum += Number(b[i]) * w[i]!
      if (sum % 11 === 1) body = b
    }
    expect(orgCodeCheckDigit(body)).toBe('X')
    expect(validateOrgCode(`${body}X`).valid).toBe(true)
  })
  it('validates 15-digit registration numbers by shape', () => {
    expect(validateRegNo('410800000012345').valid).toBe(true)
    expect(validateRegNo('41080000001234').valid).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { checkUscc } from './uscc'
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

  it('rejects a non-numeric division code; a division code outside the dataset is a warning, never a failure', () => {
    expect(validateUscc('911A0000600037341L')).toMatchObject({ valid: false, failure: 'division' })
    const unknown = validateUscc('91110000600037341L', () => ({ status: 'unknown' }))
    expect(unknown).toMatchObject({ valid: true, divisionStatus: 'unknown', divisionName: null })
    if (unknown.valid) expect(unknown.warnings).toEqual(['第 3–8 位行政区划码“110000”不在现行或历史行政区划代码表中，请核实（不影响代码有效性）'])
    expect(validateUscc('91110000600037341L')).toMatchObject({ valid: true, divisionStatus: 'unchecked', warnings: [] })
  })

  it('checkUscc: a code issued under a retired county code (411222 陕县, now 陕州区 411203) is valid, with a warning naming it', () => {
    const code = composeUscc('91', '411222', 'MA3X5B7Q')
    const r = checkUscc(code)
    expect(r).toMatchObject({ valid: true, divisionCode: '411222', divisionStatus: 'retired', divisionName: '陕县' })
    if (r.valid)
      expect(r.warnings).toEqual([
        '第 3–8 位行政区划码“411222”（陕县）已不在现行行政区划代码表中（最后见于 2015 年 9 月版 GB/T 2260），按历史代码识别，代码有效',
      ])
    // 吴江市 (320584, a district since 2012) and 崇文区 (110103, merged into 东城区 in 2010) too.
    expect(checkUscc(composeUscc('91', '320584', '13832421'))).toMatchObject({ valid: true, divisionStatus: 'retired', divisionName: '吴江市' })
    expect(checkUscc(composeUscc('91', '110103', '10110375'))).toMatchObject({ valid: true, divisionStatus: 'retired', divisionName: '崇文区' })
    // The check character still decides: the same code with a wrong last character fails.
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0')
    expect(checkUscc(wrong)).toMatchObject({ valid: false, failure: 'check' })
    // Today's codes: current, no warning; a code in neither table: valid, with a warning.
    expect(checkUscc(composeUscc('91', '411203', 'MA3X5B7Q'))).toMatchObject({
      valid: true,
      divisionStatus: 'current',
      divisionName: '河南省三门峡市陕州区',
      warnings: [],
    })
    expect(checkUscc(composeUscc('91', '419999', 'MA3X5B7Q'))).toMatchObject({ valid: true, divisionStatus: 'unknown' })
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

/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015) and the embedded organisation code
 * (组织机构代码, GB 11714-1997). Pure functions; zh-CN reasons. RULES.md §5.
 */

/** The 31 symbols of GB 32100: digits and upper-case letters except I, O, Z, S, V. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
/** 3^(i-1) mod 31 for positions 1–17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
/** 2^(9-i) mod 11 for the eight org-code body characters. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/** Registration authorities and their entity categories (position 1 and 2). */
export const AUTHORITIES: Record<string, { name: string; categories: Record<string, string> }> = {
  '1': { name: '机构编制', categories: { '1': '机关', '2': '事业单位', '3': '群众团体', '9': '其他' } },
  '2': { name: '外交', categories: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': { name: '司法行政', categories: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' } },
  '4': { name: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', categories: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地代表机构', '9': '其他' } },
  '7': { name: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', categories: { '1': '基层工会', '9': '其他' } },
  '9': { name: '市场监督管理（工商）', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', categories: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', categories: { '1': '其他' } },
}

export type UsccFailure = 'empty' | 'length' | 'charset' | 'authority' | 'category' | 'division' | 'org_code' | 'check'

/**
 * What positions 3–8 are, as the division dataset knows them (org's divisionCodeStatus): a code of
 * today's GB/T 2260 table, a retired one (codes issued under it stay valid), or neither.
 */
export type DivisionLookup = (
  code: string,
) => { status: 'current'; name: string } | { status: 'retired'; name: string; lastListed: string } | { status: 'unknown' }

export type UsccResult =
  | {
      valid: true
      code: string
      authority: string
      authorityName: string
      category: string
      categoryName: string
      divisionCode: string
      /** current / retired / unknown when a lookup was given; unchecked otherwise. */
      divisionStatus: 'current' | 'retired' | 'unknown' | 'unchecked'
      /** Division name when known (the historical name for a retired code). */
      divisionName: string | null
      /** Notes that do not affect validity (a retired or unknown division code), zh-CN. */
      warnings: string[]
      orgCode: string
    }
  | { valid: false; code: string; failure: UsccFailure; reason: string; expected?: string }

/** GB 11714 check digit for an 8-character org-code body ('0'–'9' or 'X'), or null if the body is not alphanumeric. */
export function orgCodeCheckDigit(body: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body)) return null
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const c = body.charCodeAt(i)
    const v = c <= 57 ? c - 48 : c - 55 // A–Z → 10–35 (full Latin alphabet, not the USCC table)
    sum += v * ORG_WEIGHTS[i]!
  }
  const r = 11 - (sum % 11)
  return r === 10 ? 'X' : r === 11 ? '0' : String(r)
}

/** Validates a 9-character organisation code (legacy 组织机构代码, hyphen optional). */
export function validateOrgCode(raw: string): { valid: boolean; code: string; reason?: string } {
  const code = raw.trim().toUpperCase().replace('-', '')
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code)) return { valid: false, code, reason: '组织机构代码应为 8 位数字或大写字母加 1 位校验码（0–9 或 X）' }
  const expected = orgCodeCheckDigit(code.slice(0, 8))
  if (expected !== code[8]) return { valid: false, code, reason: `组织机构代码校验位错误：应为 ${expected}，实为 ${code[8]}` }
  return { valid: true, code }
}

/** The USCC check character (position 18) for 17 characters from the USCC alphabet, or null. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]!)
    if (v < 0) return null
    sum += v * USCC_WEIGHTS[i]!
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!
}

const fail = (code: string, failure: UsccFailure, reason: string, expected?: string): UsccResult => ({
  valid: false,
  code,
  failure,
  reason,
  ...(expected ? { expected } : {}),
})

/**
 * Validates a USCC: length, character set, authority and category codes, the division code
 * (positions 3–8: six digits), the embedded GB 11714 check digit (position 17) and the check
 * character (position 18). Input is trimmed and upper-cased; nothing else is "corrected".
 *
 * The check characters decide validity (GB 32100). A code keeps the division code of the authority
 * that issued it, and divisions are retired (a county becomes a district, districts merge) while the
 * codes issued under them stay in use: so `lookupDivision` (optional) only adds a warning when
 * positions 3–8 are a retired code (named from the historical GB/T 2260 revisions) or a code found
 * in neither table. It never makes a code invalid.
 */
export function validateUscc(raw: string, lookupDivision?: DivisionLookup): UsccResult {
  const code = raw.trim().toUpperCase()
  if (code.length === 0) return fail(code, 'empty', '统一社会信用代码为空')
  const chars = Array.from(code)
  if (chars.length !== 18) {
    const hint = /^\d{15}$/.test(code)
      ? '（这是 15 位注册号，请填入“注册号”字段）'
      : /^[0-9A-Z]{8}-?[0-9X]$/.test(code)
        ? '（这是组织机构代码，请填入“组织机构代码”字段）'
        : ''
    return fail(code, 'length', `统一社会信用代码应为 18 位，实为 ${chars.length} 位${hint}`)
  }
  for (let i = 0; i < 18; i++) {
    const c = chars[i]!
    if (!USCC_ALPHABET.includes(c)) {
      const why = /[IOZSV]/.test(c) ? `（统一社会信用代码不使用字母 I、O、Z、S、V）` : ''
      return fail(code, 'charset', `第 ${i + 1} 位“${c}”不是合法字符${why}`)
    }
  }
  const authority = AUTHORITIES[chars[0]!]
  if (!authority) return fail(code, 'authority', `第 1 位登记管理部门代码“${chars[0]}”不存在`)
  const categoryName = authority.categories[chars[1]!]
  if (!categoryName) return fail(code, 'category', `第 2 位机构类别代码“${chars[1]}”不属于登记管理部门“${authority.name}”`)
  const division = code.slice(2, 8)
  if (!/^\d{6}$/.test(division)) return fail(code, 'division', `第 3–8 位行政区划码“${division}”应为 6 位数字`)
  const org = code.slice(8, 17)
  const orgExpected = orgCodeCheckDigit(org.slice(0, 8))
  if (orgExpected !== org[8])
    return fail(code, 'org_code', `第 17 位组织机构代码校验位错误：应为 ${orgExpected ?? '?'}，实为 ${org[8]}`, orgExpected ?? undefined)
  const expected = usccCheckChar(code.slice(0, 17))!
  if (expected !== chars[17]) return fail(code, 'check', `第 18 位校验码错误：应为 ${expected}，实为 ${chars[17]}`, expected)
  const d = lookupDivision?.(division)
  const warnings: string[] = []
  if (d?.status === 'retired') {
    const [y, m] = d.lastListed.split('-')
    warnings.push(
      `第 3–8 位行政区划码“${division}”（${d.name}）已不在现行行政区划代码表中（最后见于 ${y} 年 ${Number(m)} 月版 GB/T 2260），按历史代码识别，代码有效`,
    )
  }
  if (d?.status === 'unknown') warnings.push(`第 3–8 位行政区划码“${division}”不在现行或历史行政区划代码表中，请核实（不影响代码有效性）`)
  return {
    valid: true,
    code,
    authority: chars[0]!,
    authorityName: authority.name,
    category: chars[1]!,
    categoryName,
    divisionCode: division,
    divisionStatus: d?.status ?? 'unchecked',
    divisionName: d && d.status !== 'unknown' ? d.name : null,
    warnings,
    orgCode: org,
  }
}

/** Market-entity kind from the USCC prefix (positions 1–2), for the register's `entity_type`. */
export function entityKindOf(code: string): 'enterprise' | 'individual' | 'cooperative' | 'other' {
  const p = code.slice(0, 2)
  return p === '91' ? 'enterprise' : p === '92' ? 'individual' : p === '93' ? 'cooperative' : 'other'
}

/** Validates a legacy 15-digit registration number (注册号): shape only; its check is not reliable. */
export function validateRegNo(raw: string): { valid: boolean; code: string; reason?: string } {
  const code = raw.trim()
  if (!/^\d{15}$/.test(code)) return { valid: false, code, reason: '注册号应为 15 位数字' }
  return { valid: true, code }
}

/**
 * Builds a valid USCC from its parts (demo data and tests): authority+category, a division code
 * and an 8-character org-code body. Computes both check characters.
 */
export function composeUscc(prefix: string, division: string, orgBody: string): string {
  const org = `${orgBody}${orgCodeCheckDigit(orgBody)}`
  const first17 = `${prefix}${division}${org}`
  const check = usccCheckChar(first17)
  if (check === null) throw new Error(`cannot compose a USCC from ${first17}`)
  return `${first17}${check}`
}

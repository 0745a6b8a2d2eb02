import { systemCtx } from '../core/actor'
import type { Services } from '../app'
import { childDivisions, type UnitKind } from '../modules/org'
import type { RoleCode } from '../modules/access'
import type { DataScope } from '../core/actor'
import { loadDemoSamplingBase } from './sampling'

/** Demo-only password, printed at start and clearly marked. Never used outside demo mode. */
export const DEMO_PASSWORD = 'Jianguan#Demo2026'

const CITY_DIVISION = '410800'

/** District/county bureau names as the bureaus style themselves. */
function bureauName(countyName: string, code: string): string {
  // Districts of a prefecture city carry the city name; counties and county-level cities do not.
  if (countyName.endsWith('区') && code !== '410871') return `焦作市${countyName}市场监督管理局`
  return `${countyName}市场监督管理局`
}

const CITY_DEPARTMENTS = [
  { code: 'JZ-12315', name: '焦作市12315投诉举报中心', short: '12315中心' },
  { code: 'JZ-ZF', name: '执法稽查支队', short: '执法支队' },
  { code: 'JZ-XY', name: '信用监督管理科', short: '信用科' },
  { code: 'JZ-JG', name: '价格监督检查和反不正当竞争科', short: '价监竞争科' },
  { code: 'JZ-FG', name: '法规科', short: '法规科' },
  { code: 'JZ-BGS', name: '办公室', short: '办公室' },
]

export interface DemoUser {
  username: string
  displayName: string
  role: RoleCode
  label: string
  unit: string
}

/**
 * Loads the demo city deterministically: 焦作市市场监督管理局 with its real districts and counties
 * (GB/T 2260 410800 and children, from the division dataset), one station per two or three
 * townships, the city's departments, and one demo user per role. Returns the demo accounts.
 * Later modules add their demo data here.
 */
export async function loadDemoCity(s: Services, log: (line: string) => void = () => {}): Promise<DemoUser[]> {
  const ctx = systemCtx('demo')
  const { db } = s.deps
  const units = new Map<string, string>()
  const mk = async (parentId: string | null, code: string, name: string, kind: UnitKind, divisionCodes: string[], shortName?: string, sortOrder = 0) => {
    const u = await s.org.createUnit(ctx, { parentId, code, name, kind, divisionCodes, shortName: shortName ?? null, sortOrder })
    units.set(code, u.id)
    return u.id
  }
  const cityId = await mk(null, 'JZ', '焦作市市场监督管理局', 'city_bureau', [CITY_DIVISION], '焦作市局')
  for (const [i, d] of CITY_DEPARTMENTS.entries()) await mk(cityId, d.code, d.name, 'department', [], d.short, i)
  const counties = childDivisions(CITY_DIVISION)
  for (const [i, c] of counties.entries()) {
    const code = `JZ-${c.code}`
    const districtId = await mk(cityId, code, bureauName(c.name, c.code), 'district_bureau', [c.code], c.name, 100 + i)
    await mk(districtId, `${code}-XB`, '消费者权益保护股', 'department', [], undefined, 0)
    await mk(districtId, `${code}-ZF`, '综合行政执法大队', 'department', [], undefined, 1)
    const towns = childDivisions(c.code)
    const groups: (typeof towns)[] = []
    for (let j = 0; j < towns.length; j += 3) groups.push(towns.slice(j, j + 3))
    // A trailing single township joins the previous station rather than getting a station alone.
    if (groups.length > 1 && groups[groups.length - 1]!.length === 1) groups[groups.length - 2]!.push(...groups.pop()!)
    for (const [n, group] of groups.entries()) {
      const first = group[0]!.name.replace(/(街道办事处|街道|镇|乡)$/, '')
      await mk(
        districtId,
        `${code}-S${String(n + 1).padStart(2, '0')}`,
        `${first}市场监管所`,
        'station',
        group.map((t) => t.code),
        undefined,
        10 + n,
      )
    }
  }
  // 发文机关代字 for document numbers (焦市监投受告〔2026〕1号); other units fall back to their name.
  const abbreviations: Record<string, string> = {
    JZ: '焦市监',
    'JZ-410802': '焦解市监',
    'JZ-410803': '焦中市监',
    'JZ-410804': '焦马市监',
    'JZ-410811': '焦山市监',
    'JZ-410821': '修市监',
    'JZ-410822': '博市监',
    'JZ-410823': '武市监',
    'JZ-410825': '温市监',
    'JZ-410882': '沁市监',
    'JZ-410883': '孟市监',
  }
  for (const [code, abbreviation] of Object.entries(abbreviations)) {
    const id = units.get(code)
    if (id) await db.updateTable('orgUnit').set({ docAbbreviation: abbreviation }).where('id', '=', id).execute()
  }
  log(`已建立演示机构 ${units.size} 个（焦作市局、${counties.length} 个区县局及所属监管所、科室）`)

  const jfId = units.get('JZ-410802')!
  const jfStation = units.get('JZ-410802-S01')!
  const users: Array<DemoUser & { unitId: string; scope: DataScope; certNo?: string; phone: string }> = [
    { username: 'admin', displayName: '王建国', role: 'sys_admin', label: '系统管理员', unit: '焦作市局', unitId: cityId, scope: 'all', phone: '13903910001' },
    { username: 'leader', displayName: '李卫东', role: 'bureau_leader', label: '局领导', unit: '焦作市局', unitId: cityId, scope: 'all', phone: '13903910002' },
    {
      username: 'operator',
      displayName: '张晓燕',
      role: 'operator_12315',
      label: '12315 接线员',
      unit: '12315中心',
      unitId: units.get('JZ-12315')!,
      scope: 'all',
      phone: '13903910003',
    },
    {
      username: 'handler',
      displayName: '赵志强',
      role: 'case_handler',
      label: '办案人员',
      unit: '解放区局',
      unitId: jfId,
      scope: 'unit_tree',
      phone: '13903910004',
    },
    {
      username: 'inspector',
      displayName: '刘文博',
      role: 'inspector',
      label: '执法检查人员',
      unit: '解放区首所',
      unitId: jfStation,
      scope: 'unit',
      certNo: '豫A0820001',
      phone: '13903910005',
    },
    {
      username: 'credit',
      displayName: '陈静',
      role: 'credit_officer',
      label: '信用监管人员',
      unit: '信用科',
      unitId: units.get('JZ-XY')!,
      scope: 'all',
      phone: '13903910006',
    },
    { username: 'auditor', displayName: '孙丽', role: 'auditor', label: '安全审计员', unit: '焦作市局', unitId: cityId, scope: 'all', phone: '13903910007' },
    // The one role that sees a real-name reporter (Order 20 Art 33): handling a report never does.
    {
      username: 'custodian',
      displayName: '郑敏',
      role: 'reporter_custodian',
      label: '举报人信息查阅',
      unit: '12315中心',
      unitId: units.get('JZ-12315')!,
      scope: 'all',
      phone: '13903910010',
    },
    {
      username: 'random',
      displayName: '吴振华',
      role: 'random_check_admin',
      label: '双随机抽查管理员',
      unit: '焦作市局',
      unitId: cityId,
      scope: 'all',
      phone: '13903910009',
    },
    {
      username: 'sampling',
      displayName: '马丽华',
      role: 'sampling_officer',
      label: '抽检监管人员',
      unit: '焦作市局',
      unitId: cityId,
      scope: 'all',
      phone: '13903910011',
    },
    {
      username: 'jfsampling',
      displayName: '何志强',
      role: 'sampling_officer',
      label: '抽检监管人员（解放区）',
      unit: '解放区局',
      unitId: jfId,
      scope: 'unit_tree',
      phone: '13903910012',
    },
    // A testing institution's account: linked to its laboratory (loadDemoSamplingBase); sees that laboratory's samples only.
    {
      username: 'lab',
      displayName: '冯晓燕',
      role: 'sampling_lab',
      label: '承检机构检验人员',
      unit: '焦作市局',
      unitId: cityId,
      scope: 'unit',
      phone: '13903910013',
    },
    {
      username: 'jfadmin',
      displayName: '周海涛',
      role: 'sys_admin',
      label: '区县局系统管理员',
      unit: '解放区局',
      unitId: jfId,
      scope: 'unit_tree',
      phone: '13903910008',
    },
  ]
  await db.transaction().execute(async (trx) => {
    for (const u of users) {
      const id = await s.users.createUserAsSystem(trx, {
        username: u.username,
        displayName: u.displayName,
        password: DEMO_PASSWORD,
        unitId: u.unitId,
        certNo: u.certNo ?? null,
        phone: u.phone,
        grants: [{ role: u.role, unitId: u.unitId, scope: u.scope }],
        isDemo: true,
        mustChangePassword: false,
      })
      await s.audit.record(trx, ctx, {
        action: 'user.create',
        targetType: 'user',
        targetId: id,
        targetLabel: `${u.displayName}（${u.username}）`,
        unitId: u.unitId,
        after: { username: u.username, role: u.role, demo: true },
      })
    }
  })
  await loadDemoSamplingBase(s)
  return users.map(({ username, displayName, role, label, unit }) => ({ username, displayName, role, label, unit }))
}

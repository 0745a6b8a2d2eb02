/**
 * Demo 涉企信息归集: five other departments of the demo city, this year's months of their licences,
 * penalties and check results on the register's entities, each month's expected counts, so the
 * rates show the seeds' shape (公开类 about 60 %, against a 50 % goal; 非公开类 about 100 %) with
 * most records in time and some late. Deterministic (a hash decides counts, days and entities).
 */
import { createHash } from 'node:crypto'
import { newId } from '../core/ids'
import { addDays, beijingDate } from '../shared/time'
import type { Services } from '../app'
import { dedupeKeyOf } from '../modules/collection'

const unitFloat = (key: string) => createHash('sha256').update(key).digest().readUInt32BE(0) / 0x1_0000_0000

const DEPARTMENTS = [
  {
    code: 'JZ-WJW',
    name: '焦作市卫生健康委员会',
    unit: 'JZ',
    public: 14,
    nonPublic: 4,
    kinds: [
      ['licence', '公共场所卫生许可'],
      ['penalty', '公共场所卫生违法行政处罚'],
    ],
  },
  {
    code: 'JZ-ZJJ',
    name: '焦作市住房和城乡建设局',
    unit: 'JZ',
    public: 10,
    nonPublic: 2,
    kinds: [
      ['licence', '建筑工程施工许可'],
      ['penalty', '违规施工行政处罚'],
    ],
  },
  {
    code: 'JZ-STJ',
    name: '焦作市生态环境局',
    unit: 'JZ',
    public: 8,
    nonPublic: 3,
    kinds: [
      ['penalty', '超标排放行政处罚'],
      ['licence', '排污许可'],
    ],
  },
  {
    code: 'JZ-XFJ',
    name: '焦作市消防救援支队',
    unit: 'JZ',
    public: 6,
    nonPublic: 8,
    kinds: [
      ['check', '消防监督抽查'],
      ['penalty', '消防安全违法行政处罚'],
    ],
  },
  {
    code: 'JF-ZJJ',
    name: '解放区住房和城乡建设局',
    unit: 'JZ-410802',
    public: 5,
    nonPublic: 1,
    kinds: [
      ['licence', '城镇排水许可'],
      ['penalty', '建筑垃圾违规处置行政处罚'],
    ],
  },
] as const

export async function loadDemoCollection(s: Services, log: (line: string) => void = () => {}): Promise<{ records: number }> {
  const { db, clock } = s.deps
  const today = beijingDate(clock.now())
  const year = today.slice(0, 4)
  const months = Array.from({ length: Number(today.slice(5, 7)) }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
  const entities = await db
    .selectFrom('marketEntity')
    .select(['id', 'uscc', 'name', 'stationUnitId'])
    .where('uscc', 'is not', null)
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(3000)
    .execute()
  if (entities.length === 0) return { records: 0 }
  const units = new Map((await db.selectFrom('orgUnit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]))
  const due = new Map<string, { dueOn: string; provisional: boolean; version: number }>()
  const dueOf = async (d: string) => {
    let v = due.get(d)
    if (!v) {
      const r = await s.rules.deadlineFor('collection.publicity', d)
      v = { dueOn: r.deadline.date, provisional: r.deadline.provisional, version: r.rule.version }
      due.set(d, v)
    }
    return v
  }
  const now = clock.now().toISOString()
  let records = 0
  for (const d of DEPARTMENTS) {
    const deptId = newId()
    const unitId = units.get(d.unit)!
    await db
      .insertInto('collectionDepartment')
      .values({ id: deptId, code: d.code, name: d.name, unitId, pushUserId: null, active: 1, createdAt: now, updatedAt: now, version: 1 })
      .execute()
    const rows = []
    const quotas = []
    for (const m of months) {
      for (const [cls, base, share] of [
        ['public', d.public, 0.45 + unitFloat(`${d.code}${m}p`) * 0.3],
        ['non_public', d.nonPublic, 0.97 + unitFloat(`${d.code}${m}n`) * 0.06],
      ] as const) {
        const expected = Math.max(0, Math.round(base * (0.8 + unitFloat(`${d.code}${m}${cls}e`) * 0.4)))
        quotas.push({ departmentId: deptId, month: m, infoClass: cls, expected, updatedBy: null, updatedAt: now })
        const n = Math.round(expected * share)
        for (let i = 0; i < n; i++) {
          const key = `${d.code}${m}${cls}${i}`
          const day = 1 + Math.floor(unitFloat(`${key}d`) * 28)
          const decidedOn = `${m}-${String(day).padStart(2, '0')}`
          if (decidedOn > today) continue
          const e = entities[Math.floor(unitFloat(`${key}e`) * entities.length)]!
          const [kind, title] = d.kinds[unitFloat(`${key}k`) < 0.7 ? 0 : 1]
          const docNo = `${d.code}-${m.replace('-', '')}-${cls === 'public' ? 'G' : 'F'}${String(i + 1).padStart(3, '0')}`
          // Most arrive within a few weeks; about one in eight after its 20 working days.
          const lag = unitFloat(`${key}l`) < 0.12 ? 30 + Math.floor(unitFloat(`${key}x`) * 30) : 1 + Math.floor(unitFloat(`${key}x`) * 20)
          const receivedOn = addDays(decidedOn, lag) > today ? today : addDays(decidedOn, lag)
          const dd = await dueOf(decidedOn)
          rows.push({
            id: newId(),
            departmentId: deptId,
            kind,
            infoClass: cls,
            uscc: e.uscc!,
            entityId: e.id,
            entityName: e.name,
            docNo,
            title,
            decidedOn,
            validUntil: kind === 'licence' ? addDays(decidedOn, 5 * 365) : null,
            content: null,
            source: unitFloat(`${key}s`) < 0.6 ? 'api' : 'import',
            importRunId: null,
            receivedAt: `${receivedOn}T02:00:00.000Z`,
            receivedOn,
            dueOn: dd.dueOn,
            dueProvisional: dd.provisional ? 1 : 0,
            ruleVersion: dd.version,
            onTime: receivedOn <= dd.dueOn ? 1 : 0,
            unitId: e.stationUnitId ?? unitId,
            dedupeKey: dedupeKeyOf(deptId, kind, docNo),
            revision: 1,
            createdBy: null,
            createdAt: now,
            updatedAt: now,
          })
        }
      }
    }
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('collectionRecord')
        .values(rows.slice(i, i + 200))
        .execute()
    if (quotas.length) await db.insertInto('collectionQuota').values(quotas).execute()
    records += rows.length
  }
  log(`涉企信息归集：${DEPARTMENTS.length} 个部门，${records} 条信息（${months[0]} 至 ${months[months.length - 1]}）`)
  return { records }
}

/**
 * The synthetic target pool of `bench/draw.ts`: a SQLite file with a table shaped like the
 * register's `market_entity` (id text primary key, risk_class, station_unit_id, status), generated
 * once per size and cached in the OS temporary directory (reruns skip generation).
 *
 * Ids are UUIDv7-shaped and inserted in ascending order, as the register's import assigns them
 * (time-ordered ids at insert), so rowid order follows id order. The mix: 95 % active; risk classes
 * A 40 %, B 45 %, C 13 %, D 2 %; 200 stations. Deterministic (a fixed AES-CTR stream).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createRandomStream } from '../src/modules/inspections/draw.domain'

export const POOL_VERSION = 1
export const STATIONS = 200
const CACHE_DIR = join(os.tmpdir(), 'jianguan-bench-draw')

/** Cached pool file for `size` rows: generated if missing. Returns its path and whether it was generated now. */
export function ensurePool(size: number, say: (s: string) => void): { file: string; generatedSeconds: number | null } {
  mkdirSync(CACHE_DIR, { recursive: true })
  const file = join(CACHE_DIR, `pool-v${POOL_VERSION}-${size}.sqlite`)
  if (existsSync(file)) return { file, generatedSeconds: null }
  const tmp = `${file}.tmp`
  rmSync(tmp, { force: true })
  say(`generating a pool of ${size.toLocaleString('en')} rows in ${file} (cached for later runs)…`)
  const t0 = performance.now()
  const db = new Database(tmp)
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  db.exec(`create table market_entity (
    id text primary key, risk_class text, station_unit_id text, status text not null)`)
  const insert = db.prepare('insert into market_entity (id, risk_class, station_unit_id, status) values (?, ?, ?, ?)')
  const rng = createRandomStream(Buffer.alloc(32, 0x5a))
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0')
  const stations = Array.from({ length: STATIONS }, (_, i) => `JZ-ST-${String(i).padStart(3, '0')}`)
  const baseMs = Date.UTC(2015, 0, 1)
  db.transaction(() => {
    for (let i = 0; i < size; i++) {
      // UUIDv7 layout: 48-bit ms timestamp (strictly increasing here), version 7, random rest.
      const ms = baseMs + i * 7
      const tsHex = hex(ms, 12)
      const r1 = rng.next53()
      const r2 = rng.next53()
      const id = `${tsHex.slice(0, 8)}-${tsHex.slice(8, 12)}-7${hex(r1 % 0x1000, 3)}-${hex(0x8000 + (Math.floor(r1 / 0x1000) % 0x4000), 4)}-${hex(r2 % 2 ** 48, 12)}`
      const u = rng.below(100)
      const risk = u < 40 ? 'A' : u < 85 ? 'B' : u < 98 ? 'C' : 'D'
      const status = rng.below(100) < 95 ? 'active' : 'deregistered'
      insert.run(id, risk, stations[rng.below(STATIONS)]!, status)
    }
  })()
  db.close()
  renameSync(tmp, file)
  const generatedSeconds = (performance.now() - t0) / 1000
  say(`  generated in ${generatedSeconds.toFixed(1)} s`)
  return { file, generatedSeconds }
}

// ---------------------------------------------------------------------------------------------
// A register-shaped database for the service draw (`bench/draw.ts --mode service`)
// ---------------------------------------------------------------------------------------------

export const REGISTER_VERSION = 3
/** Risk mix of the register-shaped database: most entities low risk, D ≈ 0.5 % (see BENCHMARKS.md). */
export const REGISTER_RISK_MIX = { A: 90, B: 7, C: 2.5, D: 0.5 } as const
export const REGISTER_INSPECTORS = 2000
/** The business lines of the bench inspectors: everyone does registration checks, plus one or two others. */
const OTHER_LINES = ['food', 'product_quality', 'price', 'advertising', 'special_equipment']

/**
 * The platform's real SQLite schema (all migrations), the demo city's org units and users, then
 * `size` market_entity rows inserted directly (prepared statement in transactions of 100,000; the
 * secondary indexes dropped during the load and rebuilt afterwards, so the file ends up with the
 * exact schema), and 2,000 certified inspectors in the stations and district departments, each on
 * the registration line (plus 1–2 others) with 3 declared conflicts. Rows are register-wide
 * (≈ 430 bytes: name, addresses, type, authority…); ids are UUIDv7 in insertion order as the
 * register's import assigns them. 95 % active, risk A 90 % / B 7 % / C 2.5 % / D 0.5 %, each row's
 * station the one of its township. The n-gram name index (market_entity_fts) is not filled: the
 * draw never reads it. Cached in the OS temporary directory.
 */
export async function ensureRegister(size: number, say: (s: string) => void): Promise<{ file: string; generatedSeconds: number | null }> {
  mkdirSync(CACHE_DIR, { recursive: true })
  const file = join(CACHE_DIR, `register-v${REGISTER_VERSION}-${size}.sqlite`)
  if (existsSync(file)) return { file, generatedSeconds: null }
  const tmp = `${file}.tmp`
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true })
  say(`generating a register of ${size.toLocaleString('en')} entities in ${file} (cached for later runs)…`)
  const t0 = performance.now()
  const { openPlatform } = await import('../src/app')
  const { configFrom } = await import('../src/core/config')
  const { loadDemoCity } = await import('../src/demo/demo')
  const { composeUscc } = await import('../src/modules/entities')
  const s = await openPlatform(configFrom({ SQLITE_PATH: tmp, IMPORT_DIR: join(CACHE_DIR, 'imports'), WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent' }), {
    migrate: true,
  })
  try {
    await loadDemoCity(s)
    const db = s.handle.sqlite!
    db.pragma('synchronous = OFF')
    db.pragma('cache_size = -524288')
    const stations = db
      .prepare(
        "select ou.id, ou.code, ou.name, group_concat(d.division_code) as division_codes from org_unit ou left join org_unit_division d on d.unit_id = ou.id where ou.kind = 'station' group by ou.id order by ou.code",
      )
      .all() as Array<{ id: string; code: string; name: string; division_codes: string | null }>
    const bureaus = db.prepare("select id, code, name from org_unit where kind = 'district_bureau' order by code").all() as Array<{
      id: string
      code: string
      name: string
    }>
    const towns = stations.map((st) => ({
      id: st.id,
      towns: unpackDivisions(st.division_codes),
      bureau: bureaus.find((b) => st.code.startsWith(`${b.code}-`)),
    }))
    const indexes = db.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'market_entity' and sql is not null").all() as Array<{
      name: string
      sql: string
    }>
    for (const ix of indexes) db.exec(`drop index ${ix.name}`)
    const cols = [
      'id',
      'record_key',
      'uscc',
      'reg_no',
      'org_code',
      'name',
      'entity_kind',
      'entity_type',
      'legal_rep',
      'domicile',
      'domicile_division',
      'business_address',
      'business_division',
      'industry_code',
      'registered_on',
      'reg_authority',
      'status',
      'risk_class',
      'station_unit_id',
      'tags',
      'platform_name',
      'checksum_exception',
      'checksum_exception_reason',
      'source',
      'version',
      'created_at',
      'updated_at',
      'updated_by',
    ]
    const insert = db.prepare(`insert into market_entity (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`)
    const rng = createRandomStream(Buffer.alloc(32, 0x7e))
    const hex = (n: number, w: number) => n.toString(16).padStart(w, '0')
    const pick = <T>(a: readonly T[]): T => a[rng.below(a.length)]!
    const SURNAMES =
      '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
    const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰鹏飞宇浩然子轩梓涵一诺欣怡'
    const WORDS = [
      '鑫源',
      '恒达',
      '瑞丰',
      '宏盛',
      '金诚',
      '永安',
      '华泰',
      '新世纪',
      '万通',
      '联创',
      '佳禾',
      '德顺',
      '盛世',
      '汇丰',
      '天诚',
      '嘉和',
      '博远',
      '兴隆',
      '中原',
      '太行',
      '怀川',
      '山阳',
      '云台',
      '丰泽',
    ]
    const TRADES = [
      ['商贸', 'F5211'],
      ['餐饮管理', 'H6210'],
      ['食品', 'F5221'],
      ['建材', 'F5165'],
      ['机械设备', 'C3411'],
      ['电子科技', 'I6510'],
      ['物流', 'G5810'],
      ['农业科技', 'A0141'],
      ['装饰工程', 'E5010'],
      ['医药', 'F5251'],
      ['汽车销售', 'F5261'],
      ['便利店', 'F5212'],
    ]
    const ROADS = ['民主南路', '解放中路', '人民路', '建设东路', '塔南路', '丰收路', '焦东路', '山阳路', '迎宾路', '中原路', '太行路', '工业路']
    const TYPES = [
      ['enterprise', '有限责任公司（自然人投资或控股）'],
      ['enterprise', '有限责任公司（自然人独资）'],
      ['individual', '个体工商户'],
      ['individual', '个体工商户'],
      ['individual', '个体工商户'],
      ['cooperative', '农民专业合作社'],
    ] as const
    // Some 17-character prefixes have no valid check character: the next leading letter is tried.
    const usccFor = (prefix: string, county: string, i: number): string => {
      for (const head of ['J', 'K', 'L', 'M', 'N', 'P']) {
        try {
          return composeUscc(prefix, county, `${head}${String(i).padStart(7, '0')}`)
        } catch {
          /* next */
        }
      }
      throw new Error(`no USCC for row ${i}`)
    }
    const now = '2026-11-01T08:00:00.000Z'
    const baseMs = Date.UTC(2016, 0, 1)
    const BATCH = 100_000
    let done = 0
    while (done < size) {
      const end = Math.min(size, done + BATCH)
      db.transaction(() => {
        for (let i = done; i < end; i++) {
          const ms = baseMs + i * 25
          const tsHex = hex(ms, 12)
          const r1 = rng.next53()
          const r2 = rng.next53()
          const id = `${tsHex.slice(0, 8)}-${tsHex.slice(8, 12)}-7${hex(r1 % 0x1000, 3)}-${hex(0x8000 + (Math.floor(r1 / 0x1000) % 0x4000), 4)}-${hex(r2 % 2 ** 48, 12)}`
          const st = towns[rng.below(towns.length)]!
          const town = pick(st.towns)
          const [kind, type] = pick(TYPES)
          const [trade, industry] = pick(TRADES)
          const county = town.slice(0, 6)
          const uscc = usccFor(kind === 'individual' ? '92' : kind === 'cooperative' ? '93' : '91', county, i)
          const legalRep = pick([...SURNAMES]) + pick([...GIVEN]) + (rng.below(2) ? pick([...GIVEN]) : '')
          const name =
            kind === 'individual'
              ? `${st.bureau?.name.replace(/市场监督管理局$/, '').replace(/^焦作市/, '') ?? ''}${legalRep}${trade}${pick(['店', '部', '行', '馆'])}`
              : `焦作市${pick(WORDS)}${pick(WORDS)}${trade}${kind === 'cooperative' ? '专业合作社' : '有限公司'}`
          const address = `河南省焦作市${pick(ROADS)}${1 + rng.below(999)}号${rng.below(3) ? '' : `${1 + rng.below(30)}号楼${1 + rng.below(6)}单元`}`
          const u = rng.below(1000)
          const risk =
            u < REGISTER_RISK_MIX.A * 10
              ? 'A'
              : u < (REGISTER_RISK_MIX.A + REGISTER_RISK_MIX.B) * 10
                ? 'B'
                : u < (REGISTER_RISK_MIX.A + REGISTER_RISK_MIX.B + REGISTER_RISK_MIX.C) * 10
                  ? 'C'
                  : 'D'
          const sv = rng.below(100)
          const status = sv < 95 ? 'active' : sv < 97 ? 'cancelled' : sv < 99 ? 'revoked' : 'suspended'
          const regOn = new Date(Date.UTC(1995, 0, 1) + rng.below(30 * 365) * 86_400_000).toISOString().slice(0, 10)
          insert.run(
            id,
            uscc,
            uscc,
            null,
            null,
            name,
            kind,
            type,
            legalRep,
            address,
            town,
            address,
            town,
            industry,
            regOn,
            st.bureau?.name ?? '焦作市市场监督管理局',
            status,
            risk,
            st.id,
            '',
            null,
            0,
            null,
            'import',
            1,
            now,
            now,
            null,
          )
        }
      })()
      done = end
      if (done % 1_000_000 === 0 || done === size) say(`  ${done.toLocaleString('en')} rows (${((performance.now() - t0) / 1000).toFixed(0)} s)`)
    }
    for (const ix of indexes) db.exec(ix.sql)
    say(`  indexes rebuilt (${((performance.now() - t0) / 1000).toFixed(0)} s)`)

    // 2,000 certified inspectors in the stations and the district departments.
    const depts = db
      .prepare("select id from org_unit where kind = 'department' and parent_id in (select id from org_unit where kind = 'district_bureau') order by code")
      .all() as Array<{ id: string }>
    const units = [...stations.map((x) => x.id), ...depts.map((x) => x.id)]
    const maxRowid = (db.prepare('select max(rowid) as m from market_entity').get() as { m: number }).m
    const entityAt = db.prepare('select id from market_entity where rowid = ?').pluck()
    const { newId } = await import('../src/core/ids')
    const insUser = db.prepare(
      "insert into app_user (id, username, display_name, password_hash, status, cert_no, created_at, updated_at) values (?, ?, ?, null, 'active', ?, ?, ?)",
    )
    const insUnit = db.prepare('insert into user_unit (user_id, unit_id, is_primary) values (?, ?, 1)')
    const insInspector = db.prepare(
      'insert into inspection_inspector (user_id, unit_id, lines, max_load, active, note, version, created_at, updated_at) values (?, ?, ?, null, 1, null, 1, ?, ?)',
    )
    const insConflict = db.prepare(
      "insert into inspection_conflict (id, user_id, entity_id, kind, reason, valid_from, valid_to, created_at, created_by) values (?, ?, ?, 'relative', '近亲属任职', '2026-01-01', null, ?, null)",
    )
    db.transaction(() => {
      for (let k = 0; k < REGISTER_INSPECTORS; k++) {
        const id = newId()
        const unit = units[rng.below(units.length)]!
        const lines = ['registration', OTHER_LINES[k % OTHER_LINES.length]!]
        if (rng.below(3) === 0) lines.push(OTHER_LINES[(k + 1 + rng.below(OTHER_LINES.length - 1)) % OTHER_LINES.length]!)
        insUser.run(id, `bench${String(k).padStart(5, '0')}`, `检查员${k}`, `豫A${String(900000 + k)}`, now, now)
        insUnit.run(id, unit)
        insInspector.run(id, unit, `|${[...new Set(lines)].join('|')}|`, now, now)
        for (let c = 0; c < 3; c++) insConflict.run(newId(), id, entityAt.get(1 + rng.below(maxRowid)), now)
      }
    })()
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    await s.handle.close()
  }
  renameSync(tmp, file)
  rmSync(`${tmp}-wal`, { force: true })
  rmSync(`${tmp}-shm`, { force: true })
  const generatedSeconds = (performance.now() - t0) / 1000
  say(`  generated in ${generatedSeconds.toFixed(1)} s`)
  return { file, generatedSeconds }
}

function unpackDivisions(s: string | null): string[] {
  const out = (s ?? '').split(/[|,\s]+/).filter((x) => /^\d{9}$/.test(x))
  return out.length ? out : ['410802001']
}

/**
 * Bulk generation of 12315 items for the benchmarks: N items straight into complaint_item of a
 * migrated SQLite database holding the demo city, with one prepared statement inside transactions
 * of 100,000 rows. Items only (no timeline events or people: the statistics and the export read
 * complaint_item alone); clock dates are plausible calendar-day offsets, not working-day
 * computations. The database file is cached under os.tmpdir() across runs, keyed by size and a
 * format version, with a sidecar `.json` holding how it was made.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { openPlatform, type Services } from '../src/app'
import { configFrom } from '../src/core/config'
import { loadDemoCity } from '../src/demo/demo'
import { newId } from '../src/core/ids'
import { applyRuleVersions, legacyClockRows } from '../src/modules/complaints/complaints.clocks'
import type { RuleVersion } from '../src/modules/rules'

const FORMAT = 'v4'
export const BENCH_FROM = '2025-04-01'
export const BENCH_DAYS = 548 // 2025-04-01 … 2026-09-30: every clock date lies before the run

export interface GeneratedDb {
  path: string
  items: number
  generateSeconds: number
  rebuildSeconds: number
  rowsPerSecond: number
  cached: boolean
}

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const CATS = [
  'price',
  'quality',
  'contract',
  'food_safety',
  'drug_device',
  'cosmetics',
  'advertising',
  'measurement',
  'special_equipment',
  'ip',
  'online_shopping',
  'unfair_competition',
  'unlicensed',
  'other',
]
const CAT_W = [12, 20, 18, 9, 3, 2, 3, 3, 1, 1, 14, 2, 3, 9]
const SUMMARY: Record<string, string> = {
  price: '商品价格明显高于周边商户，涉嫌价格欺诈',
  quality: '购买的商品存在质量问题，商家拒绝退换',
  contract: '预付卡消费商家停业，要求退还余款',
  food_safety: '超市销售过期食品',
  online_shopping: '网购商品与描述不符，申请退货被拒',
  other: '其他消费纠纷',
}

function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Opens (migrating) a SQLite file with the platform, logging off. */
export function openSqlite(path: string): Promise<Services> {
  return openPlatform(configFrom({ SQLITE_PATH: path, WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent' }), { migrate: true })
}

/** The cached database with `n` items, generated (and its aggregates rebuilt) when missing. */
export async function complaintsDb(n: number, say: (s: string) => void): Promise<GeneratedDb> {
  const path = join(os.tmpdir(), `jg-bench-complaints-${FORMAT}-${n}.db`)
  const meta = `${path}.json`
  if (existsSync(path) && existsSync(meta)) return { ...(JSON.parse(readFileSync(meta, 'utf8')) as GeneratedDb), cached: true }
  for (const f of [path, `${path}-wal`, `${path}-shm`, meta]) rmSync(f, { force: true })
  say(`generating ${n.toLocaleString()} items into ${path} …`)
  const s = await openSqlite(path)
  await loadDemoCity(s)
  const units = await s.org.listAll()
  const stations = units.filter((u) => u.kind === 'station')
  const bureauOf = new Map(units.map((u) => [u.id, u.parentId]))
  const centre = units.find((u) => u.code === 'JZ-12315')!.id
  const sqlite = s.handle.sqlite!
  const cols = [
    'id',
    'item_no',
    'type',
    'channel',
    'regime',
    'received_at',
    'received_on',
    'submission_id',
    'intake_unit_id',
    'competent_unit_id',
    'handling_unit_id',
    'state',
    'outcome',
    'category',
    'product_code',
    'summary',
    'request_text',
    'facts_text',
    'respondent_name',
    'respondent_kind',
    'party_masked_name',
    'party_masked_phone',
    'anonymous',
    'recovered_fen',
    'accepted',
    'accept_decided_on',
    'concluded_on',
    'filing_decided_on',
    'answered_on',
    'next_due_on',
    'next_due_kind',
    'closed_on',
    'closed_at',
    'created_at',
    'updated_at',
  ]
  const ins = sqlite.prepare(`insert into complaint_item (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`)
  // The clocks of each item: matter_clock rows derived from its due dates, as the history loader writes them.
  const clockCols = [
    'matterType',
    'matterId',
    'kind',
    'ruleId',
    'ruleVersionId',
    'ruleValidFrom',
    'referenceOn',
    'unit',
    'length',
    'startOn',
    'dueOn',
    'doneOn',
    'pausedJson',
    'extensions',
    'provisional',
    'missingYearsJson',
    'unitId',
    'createdAt',
    'updatedAt',
  ] as const
  const insClock = sqlite.prepare(
    `insert into matter_clock (${clockCols.map((c) => c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)).join(', ')}) values (${clockCols.map(() => '?').join(', ')})`,
  )
  const ruleVersions = (await s.deps.db.selectFrom('deadlineRule').selectAll().execute()) as unknown as RuleVersion[]
  const camel = (row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]))
  let clockBatch: unknown[][] = []
  const r = rng(n)
  const catTotal = CAT_W.reduce((a, b) => a + b, 0)
  const pickCat = () => {
    let x = r() * catTotal
    for (let i = 0; i < CATS.length; i++) if ((x -= CAT_W[i]!) < 0) return CATS[i]!
    return 'other'
  }
  const perDay = n / BENCH_DAYS
  const t0 = performance.now()
  // Secondary indexes are dropped for the load and rebuilt afterwards (a sort per index instead of
  // a random B-tree insert per row and index); the schema ends up exactly as migrated.
  const indexes = sqlite
    .prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'complaint_item' and sql is not null")
    .all() as Array<{ name: string; sql: string }>
  for (const i of indexes) sqlite.exec(`drop index ${i.name}`)
  let written = 0
  let batch: unknown[][] = []
  const flush = () => {
    const rows = batch
    batch = []
    const clocks = clockBatch
    clockBatch = []
    sqlite.transaction(() => {
      for (const row of rows) ins.run(...row)
      for (const row of clocks) insClock.run(...row)
    })()
  }
  for (let d = 0; d < BENCH_DAYS && written < n; d++) {
    const day = addDays(BENCH_FROM, d)
    const today = d === BENCH_DAYS - 1 ? n - written : Math.round(perDay * (d + 1)) - Math.round(perDay * d)
    const recent = d > BENCH_DAYS - 20
    for (let k = 0; k < today; k++) {
      const id = newId()
      const x = r()
      const type = x < 0.42 ? 'complaint' : x < 0.55 ? 'report' : 'consultation'
      const station = stations[Math.floor(r() * stations.length)]!
      const cat = pickCat()
      const open = recent && r() < 0.15
      const late = r() < 0.03
      const at = `${day}T0${1 + Math.floor(r() * 8)}:00:00.000Z`
      const plus = (k2: number) => addDays(day, k2)
      let v: Record<string, unknown> = {}
      if (type === 'complaint') {
        const dec = plus(late ? 11 : 2 + Math.floor(r() * 5))
        const y = r()
        const outcome = y < 0.96 ? 'agreement_no_doc' : y < 0.98 ? 'withdrawn' : 'terminated'
        v = open
          ? {
              state: 'mediating',
              accepted: 1,
              accept_due_on: plus(9),
              accept_decided_on: dec,
              mediation_due_on: addDays(dec, 63),
              next_due_on: addDays(dec, 63),
              next_due_kind: 'mediation',
            }
          : {
              state: 'closed',
              outcome,
              accepted: 1,
              accept_due_on: plus(9),
              accept_decided_on: dec,
              mediation_due_on: addDays(dec, 63),
              concluded_on: addDays(dec, 10),
              recovered_fen: outcome === 'agreement_no_doc' ? Math.floor(r() * 100_000) : 0,
              closed_on: addDays(dec, 11),
            }
      } else if (type === 'report') {
        const dec = plus(late ? 24 : 5 + Math.floor(r() * 14))
        v = open
          ? { state: 'verifying', verify_due_on: plus(21), next_due_on: plus(21), next_due_kind: 'verify' }
          : { state: 'closed', outcome: r() < 0.3 ? 'filed' : 'not_filed', verify_due_on: plus(21), filing_decided_on: dec, closed_on: addDays(dec, 1) }
      } else {
        const on = plus(late ? 6 : Math.floor(r() * 2))
        v = open
          ? { state: 'answering', answer_due_on: plus(4), next_due_on: plus(4), next_due_kind: 'answer' }
          : { state: 'closed', outcome: 'answered', answer_due_on: plus(4), answered_on: on, closed_on: on }
      }
      const closedOn = v.closed_on as string | undefined
      const row: Record<string, unknown> = {
        id,
        item_no: `B${String(written + 1).padStart(10, '0')}`,
        type,
        channel: r() < 0.6 ? 'hotline' : 'national_platform',
        regime: day < '2026-04-15' ? 'order20' : 'order121',
        received_at: at,
        received_on: day,
        submission_id: id,
        intake_unit_id: centre,
        competent_unit_id: bureauOf.get(station.id) ?? null,
        handling_unit_id: type === 'consultation' ? centre : station.id,
        category: cat,
        product_code: cat === 'price' ? '0102' : null,
        summary: SUMMARY[cat] ?? SUMMARY.other,
        request_text: '请依法处理',
        facts_text: SUMMARY[cat] ?? SUMMARY.other,
        respondent_name: `焦作市某商户${written % 50_000}`,
        respondent_kind: 'offline',
        party_masked_name: type === 'report' ? null : '王*',
        party_masked_phone: type === 'report' ? null : '139****0000',
        anonymous: 0,
        recovered_fen: 0,
        created_at: at,
        updated_at: closedOn ? `${closedOn}T09:00:00.000Z` : at,
        closed_at: closedOn ? `${closedOn}T09:00:00.000Z` : null,
        ...v,
      }
      // The due dates are not columns (dropped in 20261208040000): they become matter_clock rows.
      batch.push(cols.map((c) => row[c] ?? null))
      const clockRows = legacyClockRows(camel(row), at)
      applyRuleVersions(clockRows, ruleVersions)
      for (const c of clockRows) clockBatch.push(clockCols.map((k) => (c as Record<string, unknown>)[k] ?? null))
      written++
      if (batch.length >= 100_000) {
        flush()
        if (written % 1_000_000 === 0)
          say(`  ${written.toLocaleString()} items (${Math.round(written / ((performance.now() - t0) / 1000)).toLocaleString()}/s)`)
      }
    }
  }
  flush()
  say(`  rebuilding ${indexes.length} indexes …`)
  for (const i of indexes) sqlite.exec(i.sql)
  const generateSeconds = (performance.now() - t0) / 1000
  sqlite.pragma('analysis_limit = 1000')
  sqlite.exec('analyze')
  say(`  generated in ${generateSeconds.toFixed(1)} s; rebuilding the aggregates …`)
  const t1 = performance.now()
  await s.analytics.analytics.rebuildAggregates({ terms: false })
  const rebuildSeconds = (performance.now() - t1) / 1000
  sqlite.exec('analyze')
  await s.handle.close()
  const out: GeneratedDb = {
    path,
    items: written,
    generateSeconds: Math.round(generateSeconds * 10) / 10,
    rebuildSeconds: Math.round(rebuildSeconds * 10) / 10,
    rowsPerSecond: Math.round(written / generateSeconds),
    cached: false,
  }
  writeFileSync(meta, JSON.stringify(out))
  return out
}

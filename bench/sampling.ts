/**
 * `npm run bench:sampling`: sampling inspection at scale, on SQLite and PostgreSQL, each figure
 * beside a reference measured in the same run (bench/README.md explains the harness).
 *
 *   import   a 100,000-row laboratory result file (CSV, one row per test item, 10,000 samples ×
 *            10 items) through the result import (import kit, resumable job: read, map, check each
 *            row against its sample, write in batches with the run's checkpoint and audit) against
 *            a raw insert of the same 100,000 rows into the same table (multi-row INSERTs of 80
 *            rows, 2,000 rows a transaction — the import's own write shape, without reading or
 *            checking). Target: import rate ≥ 40 % of the raw rate.
 *   stats    GET-equivalent sampling statistics (service call) for one year × all units (the city
 *            officer's scope), by unit and by category, over 1,000,000 batches of that year:
 *            1 cold + 7 warm calls each, median and max. Target: under 1 s.
 *
 * The platform runs in this process on a fresh database with the demo city (loadDemoCity); the
 * 1,000,000 batches and the import's samples are a bench fixture written with INSERT … SELECT.
 *
 *   npm run bench:sampling                         both engines
 *   npm run bench:sampling -- --engine=sqlite      one engine
 *   npm run bench:sampling -- --batches=100000     fewer batches
 */
import { writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { sql } from 'kysely'
import {
  cleanupAll,
  createPgDatabase,
  DEFAULT_PG_ADMIN_URL,
  fileStamp,
  installSignalHandlers,
  machineInfo,
  pgUnavailable,
  RESULTS_DIR,
  round,
  tempDir,
  writeJson,
} from './lib'

type Engine = 'sqlite' | 'postgres'
const argv = process.argv.slice(2)
const arg = (k: string) => argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3)
const BATCHES = Number(arg('batches') ?? 1_000_000)
const IMPORT_SAMPLES = Number(arg('import-samples') ?? 10_000)
const ITEMS = 10
const engines = (arg('engine')?.split(',') ?? ['sqlite', 'postgres']) as Engine[]
const pgAdmin = arg('pg-url') ?? DEFAULT_PG_ADMIN_URL
const TARGET = { importVsRaw: 0.4, statsMs: 1000 }
const say = (s: string) => process.stdout.write(`${s}\n`)
const ITEM_NAMES = ['铅', '镉', '总汞', '总砷', '铬', '苯并[a]芘', '亚硝酸盐', '山梨酸', '苯甲酸', '菌落总数']

async function runEngine(engine: Engine) {
  say(`\n== ${engine} ==`)
  const { openPlatform } = await import('../src/app')
  const { configFrom } = await import('../src/core/config')
  const { loadDemoCity } = await import('../src/demo/demo')
  const { newId } = await import('../src/core/ids')
  const { FOOD_CATEGORIES } = await import('../src/shared/sampling/catalogue')
  const dir = tempDir('jg-bench-sampling-')
  const pgDb = engine === 'postgres' ? await createPgDatabase(pgAdmin, 'smp') : null
  const s = await openPlatform(
    configFrom({
      ...(pgDb ? { DATABASE_URL: pgDb.url } : { SQLITE_PATH: join(dir.path, 'sampling.db') }),
      WEB_DIST: '/nonexistent',
      LOG_LEVEL: 'silent',
      IMPORT_DIR: join(dir.path, 'imports'),
      AUDIT_ANCHOR_FILE: join(dir.path, 'anchor.json'),
      AUDIT_ANCHOR_KEY_FILE: join(dir.path, 'anchor.key'),
    }),
    { migrate: true },
  )
  const out: Record<string, unknown> = { engine }
  try {
    await loadDemoCity(s)
    const db = s.deps.db
    const user = async (username: string) => {
      const u = await db.selectFrom('appUser').select(['id', 'username', 'displayName']).where('username', '=', username).executeTakeFirstOrThrow()
      return { actor: await s.auth.actorFor(u.id, u.username, u.displayName), requestId: `bench-${username}`, ip: null }
    }
    const labCtx = await user('lab')
    const cityCtx = await user('sampling')
    const labId = await s.sampling.service.labOf(labCtx)
    const city = await db.selectFrom('orgUnit').select('id').where('code', '=', 'JZ').executeTakeFirstOrThrow()
    const plan = { id: newId() }
    const now = new Date().toISOString()
    await db
      .insertInto('samplingPlan')
      .values({
        id: plan.id,
        planNo: 'CJJH2026BENCH',
        unitId: city.id,
        year: 2026,
        title: '基准测试计划',
        checkType: 'food',
        targetPerThousandCenti: 400,
        note: null,
        createdAt: now,
        createdBy: null,
        updatedAt: now,
        version: 1,
      })
      .execute()
    const units = (await db.selectFrom('orgUnit').select(['id', 'path']).execute())
      .filter((u) => u.path.split('/').filter(Boolean).length >= 1)
      .map((u) => u.id)
    const cats = FOOD_CATEGORIES.filter((c) => c.parent !== null).map((c) => c.code)
    // A key table the fixture's INSERT … SELECT picks units and categories from (i % 1000).
    await db.schema
      .createTable('bench_key')
      .addColumn('k', 'integer', (c) => c.primaryKey())
      .addColumn('unit_id', 'text')
      .addColumn('category_code', 'text')
      .execute()
    await db
      .insertInto('bench_key' as never)
      .values(Array.from({ length: 1000 }, (_, k) => ({ k, unit_id: units[k % units.length], category_code: cats[(k * 7) % cats.length] })))
      .execute()
    const series = (n: number, from = 0) =>
      engine === 'postgres'
        ? sql`select i from generate_series(${from}::int, ${from + n - 1}::int) as g(i)`
        : sql`with recursive g(i) as (select ${from} union all select i + 1 from g where i < ${from + n - 1}) select i from g`
    const pad = (e: string) => (engine === 'postgres' ? `lpad((${e})::text, 10, '0')` : `printf('%010d', ${e})`)
    const insertSamples = async (prefix: string, n: number, stateSql: string, conclusionSql: string, lab: string | null, year: number) => {
      const t0 = Date.now()
      const CH = 100_000
      for (let from = 0; from < n; from += CH) {
        const m = Math.min(CH, n - from)
        await sql`
          insert into sampling_sample (id, sample_no, unit_id, plan_id, year, check_type, category_code, task_mode, entity_name, producer_outside,
            lab_id, received_on, sampled_on, conclusion, state, version, created_at, updated_at)
          select ${sql.lit(prefix)} || ${sql.raw(pad('s.i'))}, ${sql.lit(prefix)} || ${sql.raw(pad('s.i'))}, k.unit_id, ${plan.id}, ${year}, 'food',
            k.category_code, 'targeted', '基准测试经营主体', 0, ${lab}, '2026-10-01', '2026-09-28', ${sql.raw(conclusionSql)}, ${sql.raw(stateSql)}, 1,
            '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z'
          from (${series(m, from)}) s join bench_key k on k.k = s.i % 1000`.execute(db)
      }
      return (Date.now() - t0) / 1000
    }

    // ---- import vs raw insert -------------------------------------------------------------------
    const fixImport = await insertSamples('BI', IMPORT_SAMPLES, `'testing'`, 'null', labId, 2026)
    await insertSamples('BR', IMPORT_SAMPLES, `'testing'`, 'null', labId, 2026)
    say(`  import fixture: ${IMPORT_SAMPLES * 2} samples in ${round(fixImport * 2, 1)} s`)
    const rowsOf = (prefix: string) => {
      const rows: string[][] = []
      for (let i = 0; i < IMPORT_SAMPLES; i++)
        for (let j = 0; j < ITEMS; j++)
          rows.push([
            `${prefix}${String(i).padStart(10, '0')}`,
            ITEM_NAMES[j]!,
            'GB 2762-2022',
            'GB 5009.12-2017',
            '≤0.2',
            'mg/kg',
            (0.01 * ((i + j) % 20)).toFixed(2),
            '合格',
          ])
      return rows
    }
    // Raw: the same rows straight into sampling_result (the ids resolved up front, as the import does).
    const rawRows = rowsOf('BR')
    const ids = new Map(
      (await db.selectFrom('samplingSample').select(['id', 'sampleNo']).where('sampleNo', 'like', 'BR%').execute()).map((r) => [r.sampleNo, r.id]),
    )
    const t1 = process.hrtime.bigint()
    for (let i = 0; i < rawRows.length; i += 2000) {
      await db.transaction().execute(async (trx) => {
        const part = rawRows.slice(i, i + 2000).map((r, k) => ({
          id: newId(),
          sampleId: ids.get(r[0]!)!,
          round: 'first',
          seq: ((i + k) % ITEMS) + 1,
          item: r[1]!,
          standard: r[2]!,
          method: r[3]!,
          limitText: r[4]!,
          result: r[6]!,
          resultUnit: r[5]!,
          conclusion: 'pass',
        }))
        for (let j = 0; j < part.length; j += 80)
          await trx
            .insertInto('samplingResult')
            .values(part.slice(j, j + 80))
            .execute()
      })
    }
    const rawSec = Number(process.hrtime.bigint() - t1) / 1e9
    const csvRows = rowsOf('BI')
    await mkdir(join(dir.path, 'imports'), { recursive: true })
    const file = join(dir.path, 'imports', 'results.csv')
    writeFileSync(file, `\uFEFF样品编号,检验项目,判定依据,检验方法,标准指标,计量单位,实测值,单项结论\r\n${csvRows.map((r) => r.join(',')).join('\r\n')}\r\n`)
    const t2 = process.hrtime.bigint()
    const run = await s.samplingResultImport.start(labCtx, { fileName: 'results.csv', filePath: file }, { wait: true })
    const importSec = Number(process.hrtime.bigint() - t2) / 1e9
    if (run.status !== 'done' || Number(run.importedRows) !== csvRows.length)
      throw new Error(`import ended ${run.status}: ${run.importedRows} rows, ${run.message ?? ''}`)
    const rawRate = rawRows.length / rawSec
    const importRate = csvRows.length / importSec
    out.import = {
      rows: csvRows.length,
      samples: IMPORT_SAMPLES,
      rawSec: round(rawSec, 2),
      rawRowsPerSec: Math.round(rawRate),
      importSec: round(importSec, 2),
      importRowsPerSec: Math.round(importRate),
      ratio: round(importRate / rawRate, 3),
      target: TARGET.importVsRaw,
      pass: importRate / rawRate >= TARGET.importVsRaw,
    }
    say(
      `  import: ${csvRows.length} rows in ${round(importSec, 2)} s (${Math.round(importRate)}/s) vs raw ${round(rawSec, 2)} s (${Math.round(rawRate)}/s) → ${round((importRate / rawRate) * 100, 1)} %`,
    )

    // ---- statistics at 1,000,000 batches ------------------------------------------------------------
    const fixSec = await insertSamples(
      'BS',
      BATCHES,
      `case when s.i % 1000 < 15 then 'closed' when s.i % 1000 < 30 then 'testing' else 'conforming' end`,
      `case when s.i % 1000 < 15 then 'fail' when s.i % 1000 < 30 then null else 'pass' end`,
      labId,
      2026,
    )
    if (engine === 'postgres') await sql`analyze sampling_sample`.execute(db)
    else await sql`analyze`.execute(db)
    say(`  stats fixture: ${BATCHES} batches in ${round(fixSec, 1)} s`)
    const timed = async (by: 'unit' | 'category') => {
      const ms: number[] = []
      let rows = 0
      for (let k = 0; k < 8; k++) {
        const t = process.hrtime.bigint()
        const r = await s.sampling.stats.stats(cityCtx, { year: 2026, checkType: 'food', by })
        ms.push(Number(process.hrtime.bigint() - t) / 1e6)
        rows = r.rows.length
        if (r.total.sampled < BATCHES) throw new Error(`stats saw ${r.total.sampled} batches`)
      }
      const warm = ms.slice(1).sort((a, b) => a - b)
      return {
        coldMs: round(ms[0]!, 1),
        warmMedianMs: round(warm[3]!, 1),
        warmMaxMs: round(warm[6]!, 1),
        rows,
        pass: Math.max(ms[0]!, warm[6]!) < TARGET.statsMs,
      }
    }
    out.stats = { batches: BATCHES, byUnit: await timed('unit'), byCategory: await timed('category'), targetMs: TARGET.statsMs }
    say(`  stats: ${JSON.stringify(out.stats)}`)
  } finally {
    await s.samplingResultImport.stop().catch(() => undefined)
    await s.handle.close()
    await pgDb?.drop()
    await dir.remove()
  }
  return out
}

async function main() {
  installSignalHandlers()
  const results: Record<string, unknown>[] = []
  for (const e of engines) {
    if (e === 'postgres') {
      const why = await pgUnavailable(pgAdmin)
      if (why) {
        say(`PostgreSQL skipped: ${why}`)
        continue
      }
    }
    results.push(await runEngine(e))
  }
  const file = writeJson(join(RESULTS_DIR, `${fileStamp(new Date())}-sampling.json`), {
    at: new Date().toISOString(),
    machine: machineInfo(),
    targets: TARGET,
    results,
  })
  say(`\nwritten ${file}`)
}

main()
  .catch((e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exitCode = 1
  })
  .finally(() => cleanupAll())

/**
 * `npm run bench:entities`: the market-entity register at scale, each figure beside a ceiling
 * measured in the same run.
 *
 *   import   raw insert of the same rows into the same schema (table, indexes, name index) with a
 *            prepared statement (SQLite) / multi-row INSERT (PostgreSQL), vs the register's import
 *            of the CSV (parse, validate every row, derive the station, upsert, version, index);
 *            also the raw rate into a bare table without indexes, for context.
 *   lookup   GET /api/entities?uscc=… (random codes) vs the authenticated no-op GET /api/ping, 50
 *            connections, over HTTP against a separate server process.
 *   search   name search latency (2-, 3-, 4-character substrings, prefix, legal representative)
 *            through the service and over HTTP.
 *   export   the whole register to .xlsx in a child process (bench/entities-export.ts): time, file
 *            size and the child's peak RSS, vs a raw primary-key read of the same rows in that child.
 *
 *   npm run bench:entities                       1,000,000 rows on SQLite and PostgreSQL
 *   npm run bench:entities -- --rows=100000      fewer rows
 *   npm run bench:entities -- --engine=sqlite    one engine
 *   npm run bench:entities -- --quick            100,000 rows, 3 s HTTP figures
 *   npm run bench:entities -- --only=export      import, then the export only
 *   npm run bench:entities -- --only=search      import, then the search figures (service and HTTP) only
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { sql } from 'kysely'
import { openPlatform, type Services } from '../src/app'
import { systemCtx } from '../src/core/actor'
import { configFrom } from '../src/core/config'
import { DEMO_PASSWORD, loadDemoCity } from '../src/demo/demo'
import { writeDemoEntitiesCsv } from '../src/demo/entities'
import { ENTITY_COLUMNS } from '../src/modules/entities/entities.repo'
import { gramsOf } from '../src/core/db/text-search'
import {
  cleanupAll,
  createPgDatabase,
  DEFAULT_PG_ADMIN_URL,
  defer,
  fileStamp,
  httpRequest,
  installSignalHandlers,
  load,
  machineInfo,
  RESULTS_DIR,
  round,
  startChild,
  summarise,
  table,
  tempDir,
  writeJson,
  type LoadResult,
} from './lib'

type Engine = 'sqlite' | 'postgres'
const argv = process.argv.slice(2)
const quick = argv.includes('--quick')
const rows = Number(argv.find((a) => a.startsWith('--rows='))?.slice(7) ?? (quick ? 100_000 : 1_000_000))
const engines: Engine[] = (argv
  .find((a) => a.startsWith('--engine='))
  ?.slice(9)
  .split(',') as Engine[]) ?? ['sqlite', 'postgres']
const pgAdmin = argv.find((a) => a.startsWith('--pg-url='))?.slice(9) ?? DEFAULT_PG_ADMIN_URL
const httpSec = quick ? 3 : 10
const onlyExport = argv.includes('--only=export')
const onlySearch = argv.includes('--only=search')
const warmSec = quick ? 1 : 2
const say = (s: string) => process.stdout.write(`${s}\n`)

function env(engine: Engine, target: string): Record<string, string> {
  return engine === 'postgres' ? { DATABASE_URL: target, PG_POOL_MAX: '10' } : { SQLITE_PATH: target }
}

async function open(engine: Engine, target: string, importDir: string): Promise<Services> {
  return openPlatform(configFrom({ ...env(engine, target), IMPORT_DIR: importDir, WEB_DIST: '/nonexistent' }), { migrate: true })
}

/**
 * The ceiling: the rows the import produced, read back in pages (untimed) and inserted into a fresh
 * database of the same schema (timed), with the engine's fastest plain path.
 */
async function rawInsert(engine: Engine, source: Services, target: Services, bare: boolean): Promise<{ rows: number; seconds: number; perSecond: number }> {
  const cols = ENTITY_COLUMNS
  const table = bare ? 'raw_bare' : 'market_entity'
  if (bare) await sql.raw(`create table raw_bare as select ${cols.join(', ')} from market_entity where 1 = 0`).execute(target.deps.db)
  else {
    // The same org units (same ids), so the station foreign key is checked exactly as in the register.
    const units = await source.deps.db.selectFrom('orgUnit').selectAll().orderBy('depth').execute()
    for (const u of units) await target.deps.db.insertInto('orgUnit').values(u).execute()
  }
  let timed = 0
  let n = 0
  let after = ''
  const page = 50_000
  for (;;) {
    const rowsPage = (
      await sql<
        Record<string, unknown>
      >`select ${sql.raw(cols.join(', '))} from market_entity where record_key > ${after} order by record_key limit ${page}`.execute(source.deps.db)
    ).rows
    if (rowsPage.length === 0) break
    after = String(rowsPage[rowsPage.length - 1]!.recordKey)
    // Result keys come back camelCased by the CamelCasePlugin.
    const keys = cols.map((c) => c.replace(/_([a-z])/g, (_m, x: string) => x.toUpperCase()))
    const values = rowsPage.map((r) => keys.map((k) => r[k]))
    const names = rowsPage.map((r) => String(r.name))
    const t0 = performance.now()
    if (engine === 'sqlite') {
      const db = target.handle.sqlite!
      const ins = db.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})${bare ? '' : ' returning rowid'}`)
      const fts = bare ? null : db.prepare('insert into market_entity_fts(rowid, grams) values (?, ?)')
      for (let i = 0; i < values.length; i += 5000) {
        db.transaction(() => {
          for (let j = i; j < Math.min(i + 5000, values.length); j++) {
            if (bare) ins.run(...values[j]!)
            else {
              const { rowid } = ins.get(...values[j]!) as { rowid: number }
              fts!.run(rowid, gramsOf(names[j]!).join(' '))
            }
          }
        })()
      }
    } else {
      const allCols = bare ? cols : [...cols, 'grams']
      const per = Math.floor(60_000 / allCols.length)
      await target.deps.db.transaction().execute(async (trx) => {
        for (let i = 0; i < values.length; i += per) {
          const chunk = values.slice(i, i + per).map((v, k) => (bare ? v : [...v, gramsOf(names[i + k]!)]))
          await sql`insert into ${sql.raw(table)} (${sql.raw(allCols.join(', '))}) values ${sql.join(chunk.map((v) => sql`(${sql.join(v.map((x) => sql.val(x)))})`))}`.execute(
            trx,
          )
        }
      })
    }
    timed += performance.now() - t0
    n += values.length
  }
  if (!bare) {
    // The register's side tables too: tags and licences, same rows, same engine path.
    const tags = (await source.deps.db.selectFrom('entityTag').select(['tag', 'entityId']).execute()).map((r) => [r.tag, r.entityId])
    const lic = (
      await source.deps.db
        .selectFrom('entityLicence')
        .select(['id', 'entityId', 'kind', 'number', 'scope', 'issuer', 'validFrom', 'validTo', 'createdAt'])
        .execute()
    ).map((r) => Object.values(r))
    const t0 = performance.now()
    if (engine === 'sqlite') {
      const db = target.handle.sqlite!
      const it = db.prepare('insert into entity_tag (tag, entity_id) values (?, ?)')
      const il = db.prepare(
        'insert into entity_licence (id, entity_id, kind, number, scope, issuer, valid_from, valid_to, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      for (let i = 0; i < tags.length; i += 5000)
        db.transaction(() => {
          for (const r of tags.slice(i, i + 5000)) it.run(...r)
        })()
      for (let i = 0; i < lic.length; i += 5000)
        db.transaction(() => {
          for (const r of lic.slice(i, i + 5000)) il.run(...r)
        })()
    } else {
      for (const [tableName, cols2, data] of [
        ['entity_tag', ['tag', 'entity_id'], tags],
        ['entity_licence', ['id', 'entity_id', 'kind', 'number', 'scope', 'issuer', 'valid_from', 'valid_to', 'created_at'], lic],
      ] as const) {
        const per = Math.floor(60_000 / cols2.length)
        for (let i = 0; i < data.length; i += per) {
          await sql`insert into ${sql.raw(tableName)} (${sql.raw(cols2.join(', '))}) values ${sql.join(data.slice(i, i + per).map((v) => sql`(${sql.join(v.map((x) => sql.val(x)))})`))}`.execute(
            target.deps.db,
          )
        }
      }
    }
    timed += performance.now() - t0
  }
  return { rows: n, seconds: round(timed / 1000, 2), perSecond: round(n / (timed / 1000), 0) }
}

async function login(base: string) {
  const r = await httpRequest(`${base}/api/auth/login`, { method: 'POST', body: { username: 'admin', password: DEMO_PASSWORD } })
  if (r.status !== 200) throw new Error(`login failed: ${r.status}`)
  const cookie = String(r.headers['set-cookie'] ?? '').split(';')[0]!
  return { cookie }
}

async function loadRotating(url: string, paths: string[], headers: Record<string, string>): Promise<LoadResult> {
  const base = { url, headers, connections: 50, pipelining: 1, timeout: 10 }
  let i = 0
  const requests = [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[i++ % paths.length] }) }]
  await autocannon({ ...base, duration: warmSec, requests } as unknown as autocannon.Options)
  const r = await autocannon({ ...base, duration: httpSec, requests } as unknown as autocannon.Options)
  return {
    rps: round(r.requests.average, 1),
    rpsStddev: round(r.requests.stddev, 1),
    requests: r.requests.total,
    durationSec: r.duration,
    latencyMs: { mean: round(r.latency.mean, 2), p50: round(r.latency.p50, 2), p99: round(r.latency.p99, 2), max: round(r.latency.max, 2) },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes: {},
  }
}

/** The whole register to .xlsx in its own process, so its peak memory is measured alone. */
async function exportPhase(engine: Engine, target: string, dir: string) {
  const file = join(dir, 'export.xlsx')
  const child = await startChild(
    `entities-export-${engine}`,
    'bench/entities-export.ts',
    {
      ...(engine === 'postgres' ? { BENCH_DATABASE_URL: target } : { BENCH_SQLITE_PATH: target }),
      BENCH_EXPORT_FILE: file,
    },
    1_800_000,
  )
  await child.stop()
  rmSync(file, { force: true })
  const info = child.info as {
    rows: number
    seconds: number
    rowsPerSecond: number
    fileMiB: number
    peakRssMiB: number
    rssBeforeMiB: number
    rawRead: { rows: number; seconds: number; rowsPerSecond: number }
  }
  if (info.rows !== rows) throw new Error(`export wrote ${info.rows} of ${rows} rows`)
  const r = { ...info, vsRawRead: round(info.rowsPerSecond / info.rawRead.rowsPerSecond, 3) }
  say(
    `export: ${r.rows} rows, ${r.fileMiB} MiB in ${r.seconds}s (${r.rowsPerSecond}/s; raw read ${r.rawRead.rowsPerSecond}/s, ratio ${r.vsRawRead}); peak RSS ${r.peakRssMiB} MiB (${r.rssBeforeMiB} before)`,
  )
  return r
}

async function benchEngine(engine: Engine, csv: string) {
  say(`\n== ${engine}: ${rows.toLocaleString()} rows`)
  const dir = tempDir(`jg-bench-ent-${engine}-`)
  defer(`remove ${dir.path}`, dir.remove)
  let main: string
  let rawTarget: string
  let dropMain = async () => {}
  let dropRaw = async () => {}
  if (engine === 'postgres') {
    const a = await createPgDatabase(pgAdmin, 'ent')
    const b = await createPgDatabase(pgAdmin, 'entraw')
    main = a.url
    rawTarget = b.url
    dropMain = a.drop
    dropRaw = b.drop
  } else {
    main = join(dir.path, 'register.db')
    rawTarget = join(dir.path, 'raw.db')
  }
  const s = await open(engine, main, join(dir.path, 'imports'))
  await loadDemoCity(s)
  const ctx = systemCtx('bench')

  // The register's import: the file through the real job pipeline.
  const t0 = performance.now()
  const job = await s.imports.createJob(ctx, { fileName: 'bench.csv', filePath: csv })
  const v = await s.imports.validate(job.id)
  const t1 = performance.now()
  const done = await s.imports.commit(ctx, v.id, 'all', { wait: true })
  const t2 = performance.now()
  if (done.insertedRows !== rows) throw new Error(`import inserted ${done.insertedRows} of ${rows}`)
  const imp = {
    rows,
    validateSeconds: round((t1 - t0) / 1000, 2),
    importSeconds: round((t2 - t1) / 1000, 2),
    totalSeconds: round((t2 - t0) / 1000, 2),
    importPhasePerSecond: round(rows / ((t2 - t1) / 1000), 0),
    endToEndPerSecond: round(rows / ((t2 - t0) / 1000), 0),
  }
  say(`import: validate ${imp.validateSeconds}s + import ${imp.importSeconds}s = ${imp.totalSeconds}s (${imp.endToEndPerSecond}/s end to end)`)
  if (onlyExport) {
    await s.handle.close()
    const exp = await exportPhase(engine, main, dir.path)
    await dropMain()
    return { engine, rows, import: imp, export: exp }
  }

  // Ceilings: the same rows, plain inserts, same schema; and a bare table.
  let raw = { rows: 0, seconds: 0, perSecond: 0 }
  let bare = raw
  if (!onlySearch) {
    const rawDb = await open(engine, rawTarget, join(dir.path, 'imports-raw'))
    raw = await rawInsert(engine, s, rawDb, false)
    bare = await rawInsert(engine, s, rawDb, true)
    await rawDb.handle.close()
    say(`raw insert (same schema): ${raw.perSecond}/s; bare table: ${bare.perSecond}/s`)
  }
  await dropRaw()
  if (engine === 'sqlite') rmSync(rawTarget, { force: true })

  // Search through the service (in process).
  const admin = await s.deps.db.selectFrom('appUser').select(['id', 'username', 'displayName']).where('username', '=', 'admin').executeTakeFirstOrThrow()
  const actx = { actor: await s.auth.actorFor(admin.id, admin.username, admin.displayName), requestId: null, ip: null }
  const sample = await s.deps.db
    .selectFrom('marketEntity')
    .select(['recordKey', 'name', 'legalRep'])
    .where('recordKey', '>=', '91410')
    .orderBy('recordKey')
    .limit(200)
    .execute()
  const queries: Record<string, Array<Record<string, string>>> = {
    'name 2 chars, common (超市)': [{ name: '超市' }],
    'name 2 chars, rare (锅炉)': [{ name: '锅炉' }],
    'name 3 chars (烩面馆)': [{ name: '烩面馆' }],
    'name 4+ chars, one entity': sample.slice(0, 30).map((r) => ({ name: r.name.slice(3, 9) })),
    'name prefix (焦作市华瑞)': [{ name: '焦作市华瑞', nameMode: 'prefix' }],
    'legal representative prefix': sample.slice(0, 30).map((r) => ({ legalRep: r.legalRep ?? '王' })),
    'USCC exact': sample.slice(0, 30).map((r) => ({ uscc: r.recordKey })),
    'division + tag (县 + 冷链)': [{ division: '410823', tag: 'cold_chain' }],
  }
  const search: Record<string, { p50: number; p99: number; max: number; total: number }> = {}
  for (const [label, qs] of Object.entries(queries)) {
    const ms: number[] = []
    let total = 0
    for (let i = 0; i < (quick ? 15 : 40); i++) {
      const q = qs[i % qs.length]!
      const a = performance.now()
      const r = await s.entities.search(actx, { page: 1, pageSize: 20, nameMode: 'contains', ...q } as never)
      ms.push(performance.now() - a)
      total = r.total
    }
    const sm = summarise(ms)
    search[label] = { p50: sm.p50, p99: sm.p99, max: sm.max, total }
  }
  await s.handle.close()
  const exp = onlySearch ? null : await exportPhase(engine, main, dir.path)

  // HTTP: lookup by USCC vs the authenticated no-op, against a separate server process.
  const server = await startChild(
    `entity-server-${engine}`,
    'bench/entity-server.ts',
    engine === 'postgres' ? { BENCH_DATABASE_URL: main } : { BENCH_SQLITE_PATH: main },
  )
  const base = `http://127.0.0.1:${server.port}`
  const { cookie } = await login(base)
  const headers = { cookie }
  const noop = await load({ url: `${base}/api/ping`, headers, connections: 50, durationSec: httpSec, warmupSec: warmSec })
  const codes = sample.map((r) => `/api/entities?uscc=${r.recordKey}`)
  const lookup = await loadRotating(base, codes, headers)
  const nameHttp = await loadRotating(
    base,
    sample.slice(0, 50).map((r) => `/api/entities?name=${encodeURIComponent(r.name.slice(3, 8))}`),
    headers,
  )
  await server.stop()
  await dropMain()
  const result = {
    engine,
    rows,
    import: imp,
    raw,
    bare,
    importVsRaw: round(imp.importPhasePerSecond / raw.perSecond, 3),
    endToEndVsRaw: round(imp.endToEndPerSecond / raw.perSecond, 3),
    search,
    export: exp,
    http: { noop, lookup, nameSearch: nameHttp, lookupVsNoop: round(lookup.rps / noop.rps, 3) },
  }
  say(
    table(
      ['figure', 'value'],
      [
        ['import phase rows/s (ratio to raw)', `${imp.importPhasePerSecond} (${result.importVsRaw})`],
        ['end-to-end rows/s (ratio to raw)', `${imp.endToEndPerSecond} (${result.endToEndVsRaw})`],
        ['raw same-schema rows/s', raw.perSecond],
        ['raw bare-table rows/s', bare.perSecond],
        ['no-op req/s, p99 ms', `${noop.rps}, ${noop.latencyMs.p99}`],
        ['USCC lookup req/s, p99 ms (ratio)', `${lookup.rps}, ${lookup.latencyMs.p99} (${result.http.lookupVsNoop})`],
        ['name search req/s, p99 ms', `${nameHttp.rps}, ${nameHttp.latencyMs.p99}`],
        ['export rows/s (ratio to raw read), peak RSS MiB', exp ? `${exp.rowsPerSecond} (${exp.vsRawRead}), ${exp.peakRssMiB}` : 'not run'],
        ...Object.entries(search).map(([k, v]) => [`search: ${k} p50/p99 ms`, `${v.p50} / ${v.p99} (${v.total}${v.total >= 10000 ? '+' : ''} hits)`]),
      ],
    ),
  )
  return result
}

installSignalHandlers()
try {
  const dir = tempDir('jg-bench-ent-csv-')
  defer(`remove ${dir.path}`, dir.remove)
  const csv = join(dir.path, `entities-${rows}.csv`)
  say(`generating ${rows.toLocaleString()} rows…`)
  await writeDemoEntitiesCsv(csv, rows)
  const results = []
  for (const e of engines) results.push(await benchEngine(e, csv))
  const stamp = fileStamp(new Date())
  const out = { suite: 'entities', at: new Date().toISOString(), machine: machineInfo(), rows, quick, results }
  writeJson(join(RESULTS_DIR, `${stamp}-entities.json`), out)
  writeJson(join(RESULTS_DIR, 'latest-entities.json'), out)
  say(`results: bench/results/${stamp}-entities.json`)
} finally {
  await cleanupAll()
}

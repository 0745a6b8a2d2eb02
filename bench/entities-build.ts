/**
 * Builds a register database of N generated entities through the real import job and leaves it in
 * place, so search work can be measured again and again without re-importing (`bench:entities`
 * imports every time). Not part of `npm run bench`.
 *
 *   npx tsx bench/entities-build.ts --sqlite=/path/register.db [--rows=1000000]
 *   npx tsx bench/entities-build.ts --pg-db=bench_jg_keep_ent [--pg-url=postgres://…/postgres]
 *
 * Then: BENCH_SQLITE_PATH=… / BENCH_DATABASE_URL=… npx tsx bench/entity-server.ts, or
 * `npx tsx bench/search-load.ts` against it.
 */
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { tmpdir } from 'node:os'
import { openPlatform } from '../src/app'
import { systemCtx } from '../src/core/actor'
import { configFrom } from '../src/core/config'
import { loadDemoCity } from '../src/demo/demo'
import { writeDemoEntitiesCsv } from '../src/demo/entities'
import { DEFAULT_PG_ADMIN_URL, pgQuery, pgUrlFor } from './lib'

const argv = process.argv.slice(2)
const arg = (k: string) => argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3)
const rows = Number(arg('rows') ?? 1_000_000)
const sqlitePath = arg('sqlite')
const pgDb = arg('pg-db')
const pgAdmin = arg('pg-url') ?? DEFAULT_PG_ADMIN_URL
if (!sqlitePath && !pgDb) throw new Error('--sqlite=PATH or --pg-db=NAME')

const work = join(tmpdir(), `jg-ent-build-${process.pid}`)
mkdirSync(work, { recursive: true })
const csv = join(work, `entities-${rows}.csv`)
await writeDemoEntitiesCsv(csv, rows)
let env: Record<string, string>
if (pgDb) {
  await pgQuery(pgAdmin, `drop database if exists ${pgDb} with (force)`)
  await pgQuery(pgAdmin, `create database ${pgDb}`)
  env = { DATABASE_URL: pgUrlFor(pgAdmin, pgDb), PG_POOL_MAX: '10' }
} else {
  mkdirSync(dirname(sqlitePath!), { recursive: true })
  env = { SQLITE_PATH: sqlitePath! }
}
const s = await openPlatform(configFrom({ ...env, IMPORT_DIR: join(work, 'imports'), WEB_DIST: '/nonexistent' }), { migrate: true })
await loadDemoCity(s)
const ctx = systemCtx('bench')
const t0 = performance.now()
const job = await s.imports.createJob(ctx, { fileName: 'bench.csv', filePath: csv })
const v = await s.imports.validate(job.id)
const done = await s.imports.commit(ctx, v.id, 'all', { wait: true })
process.stdout.write(`imported ${done.insertedRows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`)
await s.handle.close()

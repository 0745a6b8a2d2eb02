/**
 * Child process of `npm run bench:entities`: exports the whole register of an already populated
 * database (BENCH_SQLITE_PATH or BENCH_DATABASE_URL) to an .xlsx file through the entities service
 * (the code of GET /api/entities/export) as the demo city's administrator, and prints
 * `BENCH_READY {json}` (the harness's ready line, port 0) with the time, rows, file size and this
 * process's peak RSS. Its own process, so the peak memory is the export's and the platform's only.
 *
 * Beside it, the ceiling of the same run: the same rows read back in primary-key pages of 5,000
 * through the same Kysely connection, every column, with no filter, no order by name and no sheet.
 *
 *   BENCH_SQLITE_PATH=… BENCH_EXPORT_FILE=… node --import tsx bench/entities-export.ts
 */
import { createWriteStream, statSync } from 'node:fs'
import { finished } from 'node:stream/promises'
import { peakRssKiB } from './peak-rss'
import { openPlatform } from '../src/app'
import { configFrom } from '../src/core/config'

const sqlitePath = process.env.BENCH_SQLITE_PATH
const databaseUrl = process.env.BENCH_DATABASE_URL
const file = process.env.BENCH_EXPORT_FILE
if ((!sqlitePath && !databaseUrl) || !file) throw new Error('set BENCH_SQLITE_PATH or BENCH_DATABASE_URL, and BENCH_EXPORT_FILE')
const s = await openPlatform(
  configFrom({
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, PG_POOL_MAX: '4' } : { SQLITE_PATH: sqlitePath }),
    WEB_DIST: '/nonexistent',
    LOG_LEVEL: 'silent',
  }),
  { migrate: false },
)
const admin = await s.deps.db.selectFrom('appUser').select(['id', 'username', 'displayName']).where('username', '=', 'admin').executeTakeFirstOrThrow()
const ctx = { actor: await s.auth.actorFor(admin.id, admin.username, admin.displayName), requestId: null, ip: null }

const rssBefore = process.memoryUsage().rss
const out = createWriteStream(file)
const t0 = performance.now()
const rows = await s.entities.exportXlsx(ctx, {}, out)
out.end()
await finished(out)
const seconds = (performance.now() - t0) / 1000
const peakMiB = peakRssKiB() / 1024

// Ceiling: every row, every column, read in primary-key pages (untouched by the export's order).
const r0 = performance.now()
let rawRows = 0
let after = ''
for (;;) {
  const page = await s.deps.db.selectFrom('marketEntity').selectAll().where('id', '>', after).orderBy('id').limit(5000).execute()
  rawRows += page.length
  if (page.length < 5000) break
  after = page[page.length - 1]!.id
}
const rawSeconds = (performance.now() - r0) / 1000
await s.handle.close()
const r1 = (x: number) => Math.round(x * 10) / 10
process.stdout.write(
  `BENCH_READY ${JSON.stringify({
    port: 0,
    rows,
    seconds: r1(seconds),
    rowsPerSecond: Math.round(rows / seconds),
    fileMiB: Math.round(statSync(file).size / 1048576),
    peakRssMiB: Math.round(peakMiB),
    rssBeforeMiB: Math.round(rssBefore / 1048576),
    rawRead: { rows: rawRows, seconds: r1(rawSeconds), rowsPerSecond: Math.round(rawRows / rawSeconds) },
  })}\n`,
)
process.exit(0)

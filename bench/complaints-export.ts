/**
 * Child process of `npm run bench:complaints`: exports every item of a generated database to an
 * .xlsx file through the analytics service (the same code as GET /api/complaint-stats/items/export)
 * and prints `BENCH_READY {json}` (the harness's ready line, port 0) with the time, rows, file size and this process's peak RSS.
 * Its own process, so the peak memory is the export's and nothing else's.
 *
 *   BENCH_SQLITE_PATH=… BENCH_EXPORT_FILE=… node --import tsx bench/complaints-export.ts
 */
import { createWriteStream, statSync } from 'node:fs'
import { finished } from 'node:stream/promises'
import { peakRssKiB } from './peak-rss'
import { systemCtx } from '../src/core/actor'
import { BENCH_DAYS, BENCH_FROM, openSqlite } from './complaints-data'

const path = process.env.BENCH_SQLITE_PATH
const file = process.env.BENCH_EXPORT_FILE
if (!path || !file) throw new Error('set BENCH_SQLITE_PATH and BENCH_EXPORT_FILE')
const s = await openSqlite(path)
const rssBefore = process.memoryUsage().rss
let peakSampled = rssBefore
const sampler = setInterval(() => {
  peakSampled = Math.max(peakSampled, process.memoryUsage().rss)
}, 50)
const out = createWriteStream(file)
const t0 = performance.now()
const rows = await s.analytics.analytics.exportItems(
  systemCtx('bench'),
  { from: BENCH_FROM, to: new Date(Date.parse(`${BENCH_FROM}T00:00:00Z`) + (BENCH_DAYS - 1) * 86_400_000).toISOString().slice(0, 10) },
  out,
)
out.end()
await finished(out)
const seconds = (performance.now() - t0) / 1000
clearInterval(sampler)
await s.handle.close()
const maxRssMiB = peakRssKiB() / 1024
process.stdout.write(
  `BENCH_READY ${JSON.stringify({ port: 0, rows, seconds: Math.round(seconds * 10) / 10, rowsPerSecond: Math.round(rows / seconds), fileMiB: Math.round(statSync(file).size / 1048576), peakRssMiB: Math.round(maxRssMiB), rssBeforeMiB: Math.round(rssBefore / 1048576), peakSampledMiB: Math.round(peakSampled / 1048576) })}\n`,
)
process.exit(0)

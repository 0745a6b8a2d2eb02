import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { buildTestApp, type TestApp } from './helpers'

/**
 * Fuzz suite (issue 12 point 33): malformed input for every operation of the OpenAPI document —
 * wrong types, huge strings, impossible dates and numbers, path parameters that are not ids,
 * missing CSRF tokens, wrong content types — sent through the real HTTP app as a powerful demo
 * user (the bureau leader, and the system administrator) and anonymously. Any 5xx, or a stack
 * trace / internal error text in a body, fails the run.
 *
 * Bounded in time: FUZZ_MS (default 40 s) is shared across the operations. Reproduce a failure
 * with the seed printed at the start (FUZZ_SEED=…); each operation's sequence is derived from it.
 */
const BUDGET_MS = Number(process.env.FUZZ_MS ?? 40_000)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647)

/** Operations a logged-in client must not fuzz: they end its own session. */
const SESSION_ENDING = new Set(['logout'])

interface Req {
  op: string
  method: string
  url: string
  who: string
  contentType?: string
  payload?: string | Buffer
}
type Schema = Record<string, any>
const doc = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Schema>>
  components: { schemas: Record<string, Schema> }
}

function deref(s: Schema | undefined, depth = 0): Schema {
  if (!s) return {}
  if (s.$ref && depth < 8) return deref(doc.components.schemas[String(s.$ref).split('/').pop()!], depth + 1)
  return s
}

const HUGE = 'x'.repeat(70_000)
const BAD_DATES = ['2026-13-01', '2026-02-30', '2026-00-10', '0000-00-00', '2026-1-1', '20260101', '2026/01/01', '2026-12-32', '昨天', '2026-01-01T25:00:00Z']
const FAR_DATES = ['9999-12-31', '0001-01-01', '1900-01-01', '2999-12-31']
const NOT_IDS = [
  'abc',
  '-1',
  '0',
  '1e309',
  'null',
  'undefined',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '%E6%B5%8B%E8%AF%95',
  "1' or '1'='1",
  'x'.repeat(5000),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-7fff-bfff-ffffffffffff',
  '%7B%7D',
  '9'.repeat(40),
]

/** Values of the wrong kind for anything. */
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1.7976931348623157e308,
    -2147483649,
    // eslint-disable-next-line no-loss-of-precision -- deliberately past Number.MAX_SAFE_INTEGER
    9007199254740993,
    0.5,
    '',
    ' ',
    'NaN',
    '-0',
    '1e400',
    '[]',
    '{}',
    '<script>alert(1)</script>',
    '\u0000',
    '\uD800',
    '𠀀'.repeat(3),
    HUGE,
    [],
    {},
    [null],
    { $ne: 1 },
  ),
  fc.constantFrom<unknown>(...BAD_DATES),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
)

/** A plausible value for a schema (so validation passes and the request reaches deeper code). */
function plausible(s0: Schema | undefined, op: string, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(s0)
  if (depth > 4) return fc.constant(null)
  const alts = s.anyOf ?? s.oneOf
  if (Array.isArray(alts) && alts.length) return fc.oneof(...alts.map((a: Schema) => plausible(a, op, depth + 1)))
  if (Array.isArray(s.allOf) && s.allOf.length) return plausible(s.allOf[0], op, depth + 1)
  if (s.const !== undefined) return fc.constant(s.const)
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]))
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type
  switch (type) {
    case 'string': {
      if (s.format === 'uuid' || /uuid|[0-9a-f]\{8\}/i.test(String(s.pattern ?? ''))) return fc.uuid()
      if (s.format === 'date' || String(s.pattern ?? '').includes('\\d{4}-\\d{2}-\\d{2}')) {
        const dates = [...BAD_DATES, ...FAR_DATES]
        return fc.oneof(
          fc.constantFrom(...dates),
          fc.date({ min: new Date('2019-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        )
      }
      if (s.format === 'date-time')
        return fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constantFrom('2026-13-01T00:00:00Z', 'not a time'),
        )
      return fc.oneof(
        fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) }),
        fc.constant('a'.repeat(Math.min((s.maxLength ?? 200) + 1, 100_000))),
      )
    }
    case 'integer':
      return fc.oneof(
        fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 }),
        fc.constantFrom(s.maximum !== undefined ? s.maximum + 1 : 2 ** 53, s.minimum !== undefined ? s.minimum - 1 : -(2 ** 53)),
      )
    case 'number':
      return fc.oneof(fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true }), fc.constantFrom(1e308, -1e308))
    case 'boolean':
      return fc.boolean()
    case 'array':
      return fc.array(value(s.items, op, depth + 1), { maxLength: Math.min(s.maxItems ?? 4, 4) })
    case 'object':
    default: {
      const props = (s.properties ?? {}) as Record<string, Schema>
      if (!Object.keys(props).length) return fc.dictionary(fc.string({ maxLength: 8 }), junkValue, { maxKeys: 3 })
      const required = new Set<string>(s.required ?? [])
      const rec: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [k, v] of Object.entries(props)) rec[k] = value(v, op, depth + 1)
      // Required keys mostly present (so requests get past validation), sometimes missing; optional ones either way.
      return fc
        .tuple(fc.record(rec), fc.subarray(Object.keys(props)), fc.boolean())
        .map(([o, keep, dropRequired]) =>
          Object.fromEntries(Object.entries(o).filter(([k]) => (required.has(k) && !(dropRequired && keep[0] === k)) || keep.includes(k))),
        )
    }
  }
}

/** Mostly plausible, often wrong. */
function value(s: Schema | undefined, op: string, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: plausible(s, op, depth) }, { weight: 2, arbitrary: junkValue })
}

/** encodeURIComponent, keeping a lone surrogate as the raw bytes a client could still send. */
const enc = (v: string): string => {
  try {
    return encodeURIComponent(v)
  } catch {
    return encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, '')) + '%ED%A0%80'
  }
}
const asQueryValue = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' && !Number.isFinite(v) ? String(v) : (JSON.stringify(v) ?? ''))

const CONTENT_TYPES = [
  'application/json',
  'text/plain',
  'application/xml',
  'multipart/form-data',
  'multipart/form-data; boundary=zz',
  'application/x-www-form-urlencoded',
  'application/json; charset=gbk',
  'application/octet-stream',
]

interface Operation {
  op: string
  method: string
  path: string
  pathParams: Schema[]
  query: Schema[]
  body: Schema | null
}
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
    .map(([method, o]) => ({
      op: String(o.operationId ?? `${method} ${path}`),
      method: method.toUpperCase(),
      path,
      pathParams: ((o.parameters ?? []) as Schema[]).filter((p) => p.in === 'path'),
      query: ((o.parameters ?? []) as Schema[]).filter((p) => p.in === 'query'),
      body: o.requestBody?.content?.['application/json']?.schema ?? (o.requestBody ? {} : null),
    })),
)

/**
 * Who sends: demo users whose roles together reach every operation (the bureau leader, the system
 * administrator, the auditor — 三员分立 keeps the trail from the others —, the 12315 operator and the
 * double-random administrator, who own the imports), anonymous, and the leader without a CSRF token.
 */
const USERS = ['leader', 'admin', 'auditor', 'operator', 'random'] as const
type Who = (typeof USERS)[number] | 'anon' | 'no-csrf'

function requestFor(o: Operation): fc.Arbitrary<Omit<Req, 'who'> & { who: Who }> {
  const params = fc.tuple(...o.pathParams.map(() => fc.oneof(fc.constantFrom(...NOT_IDS), fc.uuid(), fc.string({ minLength: 1, maxLength: 20 }).map(enc))))
  const query = fc.tuple(
    ...o.query.map((q) =>
      fc.option(fc.oneof(value(q.schema, o.op).map(asQueryValue), fc.constantFrom(HUGE.slice(0, 10_000), '%', '&&', '[]')), { nil: undefined, freq: 3 }),
    ),
  )
  const extraQuery = fc.option(
    fc.constantFrom('page=0', 'pageSize=100000', 'page=-1&pageSize=abc', 'page=1e309', `x=${HUGE.slice(0, 4000)}`, 'pageSize=1&pageSize=2'),
    { nil: undefined, freq: 3 },
  )
  const body: fc.Arbitrary<{ contentType?: string; payload?: string | Buffer }> = o.body
    ? fc.oneof(
        { weight: 5, arbitrary: value(o.body, o.op).map((b) => ({ contentType: 'application/json', payload: JSON.stringify(b) ?? 'null' })) },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom('{', '{"a":', 'null', '[]', '"x"', '1e999', '{"__proto__":{"admin":true}}', HUGE)
            .map((p) => ({ contentType: 'application/json', payload: p })),
        },
        {
          weight: 2,
          arbitrary: fc
            .tuple(
              fc.constantFrom(...CONTENT_TYPES),
              fc.constantFrom('a=1&b=2', '<x/>', '{}', '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nx\r\n--zz--\r\n', ''),
            )
            .map(([contentType, payload]) => ({ contentType, payload })),
        },
      )
    : fc.oneof(
        fc.constant({}),
        fc.tuple(fc.constantFrom(...CONTENT_TYPES), fc.constantFrom('{}', 'junk', '')).map(([contentType, payload]) => ({ contentType, payload })),
      )
  const who = fc.constantFrom<Who>(...USERS, 'anon', 'no-csrf')
  return fc.tuple(params, query, extraQuery, body, who).map(([ps, qs, extra, b, w]) => {
    let path = o.path
    o.pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, ps[i]!)))
    const pairs = o.query.flatMap((q, i) => (qs[i] === undefined ? [] : [`${enc(q.name)}=${enc(qs[i])}`]))
    if (extra) pairs.push(extra)
    return {
      op: o.op,
      method: o.method,
      url: pairs.length ? `${path}?${pairs.join('&')}` : path,
      who: SESSION_ENDING.has(o.op) && w !== 'anon' ? 'anon' : w,
      ...b,
    }
  })
}

/** What must never reach a client: stack frames, driver and runtime error text. */
const LEAK =
  /\n\s+at [\w.<>]+ \(|node_modules|\.ts:\d+:\d+|SQLITE_|SqliteError|syntax error at or near|violates (?:not-null|foreign key|unique|check) constraint|TypeError|ReferenceError|RangeError|Cannot read properties|is not a function|Invalid time value|ECONNREFUSED|duplicate key value/

describe('fuzz: malformed input for every OpenAPI operation', () => {
  let t: TestApp
  const headers: Record<string, Record<string, string>> = {}
  beforeAll(async () => {
    t = await buildTestApp({ demo: true, env: { RATE_LIMIT_PUBLIC_PER_MINUTE: '100000', IMPORT_MAX_MB: '1' } })
    for (const u of USERS) {
      const c = await t.login(u)
      headers[u] = { cookie: c.cookie!, 'x-csrf-token': c.csrf! }
      headers[`${u}-nocsrf`] = { cookie: c.cookie! }
    }
    headers.anon = {}
    headers['no-csrf'] = headers['leader-nocsrf']!
  })
  afterAll(async () => t?.close())

  it('found by the fuzz: a NUL character anywhere in a request is a 400 in zh-CN (PostgreSQL cannot store one: it was a 500 there)', async () => {
    const leader = { ...headers.leader! }
    const cases = [
      {
        method: 'POST',
        url: '/api/public/complaints/track',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ itemNo: '\u0000', queryCode: 'P' }),
        part: '请求体',
      },
      { method: 'GET', url: '/api/entities?q=%E7%84%A6%00', headers: leader, part: '查询参数' },
      { method: 'GET', url: '/api/complaints?q=a%00b', headers: leader, part: '查询参数' },
      { method: 'GET', url: '/api/entities/%00', headers: leader, part: '路径参数' },
      {
        method: 'POST',
        url: '/api/entities',
        headers: { ...leader, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'x', nested: [{ 'k\u0000': 1 }] }),
        part: '请求体',
      },
    ]
    for (const c of cases) {
      const res = await t.app.inject({ method: c.method as 'GET', url: c.url, headers: c.headers, ...(c.payload ? { payload: c.payload } : {}) })
      expect(res.statusCode, c.url).toBe(400)
      expect(JSON.parse(res.body).error, c.url).toEqual({ code: 'VALIDATION', message: `${c.part}中含有空字符（\\0），请删除后重试` })
    }
  })

  it(`no 5xx and no internal error text, within ${BUDGET_MS / 1000} s (seed ${SEED})`, { timeout: BUDGET_MS + 120_000 }, async () => {
    process.stdout.write(`fuzz: seed ${SEED} (reproduce with FUZZ_SEED=${SEED}), ${operations.length} operations, ${BUDGET_MS} ms\n`)
    const failures: string[] = []
    const seen = new Set<string>()
    let requests = 0
    const statuses = new Map<number, number>()
    const started = Date.now()
    for (const [i, o] of operations.entries()) {
      const left = BUDGET_MS - (Date.now() - started)
      if (left <= 0) break
      const slice = Math.max(50, Math.floor(left / (operations.length - i)))
      const arb = requestFor(o)
      const until = Date.now() + slice
      // Small deterministic batches (seed, operation, batch number) until this operation's time is up.
      for (let batch = 0; batch === 0 || Date.now() < until; batch++) {
        for (const r of fc.sample(arb, { seed: SEED + i * 100_003 + batch, numRuns: 8 })) {
          requests++
          const h: Record<string, string> = { ...(headers[r.who] ?? {}) }
          if (r.contentType) h['content-type'] = r.contentType
          const res = await t.app.inject({
            method: r.method as 'GET',
            url: r.url,
            headers: h,
            ...(r.payload !== undefined && r.method !== 'GET' ? { payload: r.payload } : {}),
          })
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
          const spreadsheet = String(res.headers['content-type'] ?? '').includes('spreadsheet')
          const problem =
            res.statusCode >= 500 ? `HTTP ${res.statusCode}` : !spreadsheet && LEAK.test(res.body) ? `internal text “${LEAK.exec(res.body)![0]}”` : null
          if (!problem) continue
          const key = `${o.op} ${problem}`
          if (seen.has(key)) continue
          seen.add(key)
          failures.push(
            `${key}: ${r.who} ${r.method} ${r.url.slice(0, 300)}${r.contentType ? ` [${r.contentType}]` : ''}${r.payload !== undefined ? ` body=${String(r.payload).slice(0, 300)}` : ''} → ${res.body.slice(0, 300)}`,
          )
        }
      }
    }
    process.stdout.write(
      `fuzz: ${requests} requests over ${operations.length} operations in ${Date.now() - started} ms, seed ${SEED}; by status ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}\n`,
    )
    expect(failures, `seed ${SEED}:\n${failures.join('\n')}`).toEqual([])
    expect(requests).toBeGreaterThan(operations.length)
  })
})

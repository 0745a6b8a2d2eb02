import { createCipheriv, createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  applyExclusions,
  canonicalPool,
  canonicalParamsJson,
  commitmentOf,
  createPoolHasher,
  createRandomStream,
  deriveSeed,
  DRAW_ALGORITHM,
  drawTargets,
  drawTargetsColumnar,
  exclusionHash,
  expectedCounts,
  paramsHash,
  poolHash,
  roundHalfUpCount,
  samplePositions,
  stratumKey,
  toColumnar,
  verifyDraw,
  verifyDrawColumnar,
  type DrawParams,
  type DrawRecord,
  type PoolMember,
} from './draw.domain'

// ---------------------------------------------------------------------------------------------
// Helpers: fixtures, an independent reference implementation of the spec, chi-square
// ---------------------------------------------------------------------------------------------

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')
const seedOf = (label: string | number) => sha(`test-seed:${label}`)

function member(i: number, stratum: string, station: string | null = null): PoolMember {
  return { entityId: `E${String(i).padStart(7, '0')}`, stratum, stationUnitId: station }
}

/** A pool of `sizes[s]` members per stratum, interleaved so strata are mixed in id order. */
function makePool(sizes: Record<string, number>): PoolMember[] {
  const out: PoolMember[] = []
  let i = 0
  const left = { ...sizes }
  while (Object.values(left).some((n) => n > 0)) {
    for (const s of Object.keys(left)) {
      if (left[s]! > 0) {
        out.push(member(i++, s, `S${i % 7}`))
        left[s]!--
      }
    }
  }
  return out
}

/**
 * The draw written again from the module's header, step by step and differently (a plain array
 * Fisher–Yates, BigInt arithmetic for the words and the rejection bound), to catch any drift
 * between the documented algorithm and the code.
 */
function referenceDraw(pool: PoolMember[], params: DrawParams, seedHex: string): string[] {
  const strata = [...new Set([...pool.map((m) => m.stratum), ...params.strata.map((r) => r.stratum)])].sort()
  const out: string[] = []
  for (const s of strata) {
    const members = pool.filter((m) => m.stratum === s).map((m) => m.entityId)
    const rule = params.strata.find((r) => r.stratum === s)
    const n = members.length
    let k = rule ? roundHalfUpRef(rule.ratio, n) : 0
    if (rule?.min !== undefined) k = Math.max(k, rule.min)
    if (rule?.max !== undefined) k = Math.min(k, rule.max)
    k = Math.min(k, n)
    if (k === 0) continue
    const key = createHmac('sha256', Buffer.from(seedHex, 'hex')).update(`jg-draw/1|stratum|${s}`).digest()
    const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16))
    let stream = Buffer.alloc(0)
    let off = 0
    const word = (): bigint => {
      if (off + 8 > stream.length) {
        stream = Buffer.concat([stream.subarray(off), cipher.update(Buffer.alloc(4096))])
        off = 0
      }
      const w = stream.readBigUInt64BE(off)
      off += 8
      return w >> 11n
    }
    const a = [...members]
    for (let i = 0; i < k; i++) {
      const m = BigInt(n - i)
      const limit = 2n ** 53n - (2n ** 53n % m)
      let x = word()
      while (x >= limit) x = word()
      const j = i + Number(x % m)
      ;[a[i], a[j]] = [a[j]!, a[i]!]
      out.push(a[i]!)
    }
  }
  return out
}

/** round-half-up of ratio × n for ratios given with at most 9 decimals, in integers. */
function roundHalfUpRef(ratio: number, n: number): number {
  const scaled = BigInt(Math.round(ratio * 1e9)) // exact for the test's ratios (≤ 9 decimals)
  return Number((scaled * BigInt(n) * 2n + 1_000_000_000n) / 2_000_000_000n)
}

/** ln Γ(x), Lanczos (g = 7, n = 9). */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x)
  x -= 1
  let a = c[0]!
  const t = x + 7.5
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}

/** Regularised upper incomplete gamma Q(a, x) (series / continued fraction, Numerical Recipes §6.2). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1
  if (x < a + 1) {
    let sum = 1 / a
    let del = sum
    for (let n = 1; n < 1000; n++) {
      del *= x / (a + n)
      sum += del
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - lnGamma(a))
  }
  let b = x + 1 - a
  let c = 1 / 1e-300
  let d = 1 / b
  let h = d
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < 1e-300) d = 1e-300
    c = b + an / c
    if (Math.abs(c) < 1e-300) c = 1e-300
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < 1e-15) break
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h
}

/** The chi-square value exceeded with probability p under H0 (bisection on the survival function). */
function chiSquareCritical(df: number, p: number): number {
  let lo = 0
  let hi = df + 100 * Math.sqrt(2 * df) + 100
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2
    if (gammaQ(df / 2, mid / 2) > p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

function chiSquare(observed: number[], expected: number[]): number {
  return observed.reduce((s, o, i) => s + (o - expected[i]!) ** 2 / expected[i]!, 0)
}

const P = 0.001

// ---------------------------------------------------------------------------------------------

describe('chi-square critical values (the test oracle itself)', () => {
  it('matches published tables at p = 0.001', () => {
    // Table values (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.4): df 1 → 10.828, 2 → 13.816, 10 → 29.588, 49 → 85.351.
    expect(chiSquareCritical(1, P)).toBeCloseTo(10.828, 2)
    expect(chiSquareCritical(2, P)).toBeCloseTo(13.816, 2)
    expect(chiSquareCritical(10, P)).toBeCloseTo(29.588, 2)
    expect(chiSquareCritical(49, P)).toBeCloseTo(85.351, 1)
  })
})

describe('counts per stratum', () => {
  it('rounds half up exactly on the decimal ratio', () => {
    expect(0.145 * 100).toBeLessThan(14.5) // the floating-point trap the rule avoids
    expect(roundHalfUpCount(0.145, 100)).toBe(15)
    expect(roundHalfUpCount(0.025, 20)).toBe(1) // 0.5 → 1
    expect(roundHalfUpCount(0.01, 250)).toBe(3) // 2.5 → 3
    expect(roundHalfUpCount(0.01, 249)).toBe(2) // 2.49 → 2
    expect(roundHalfUpCount(0.04, 12)).toBe(0) // 0.48 → 0
    expect(roundHalfUpCount(0.04, 13)).toBe(1) // 0.52 → 1
    expect(roundHalfUpCount(1e-7, 4_999_999)).toBe(0)
    expect(roundHalfUpCount(1e-7, 5_000_000)).toBe(1)
    expect(roundHalfUpCount(0.08, 10_000_000)).toBe(800_000)
    expect(roundHalfUpCount(1, 9_999_999)).toBe(9_999_999)
    expect(roundHalfUpCount(0, 1000)).toBe(0)
    expect(roundHalfUpCount(0.5, 0)).toBe(0)
  })

  it('clamps to min and max, then to the size; unlisted strata and ratio 0 draw nothing; empty strata are reported', () => {
    const sizes = new Map([
      ['A', 1000],
      ['B', 40],
      ['C', 3],
      ['D', 17],
      ['X', 50],
      ['Z', 10],
    ])
    const params: DrawParams = {
      strata: [
        { stratum: 'A', ratio: 0.01, max: 7 }, // 10 → max 7
        { stratum: 'B', ratio: 0.04, min: 5 }, // 1.6 → 2 → min 5
        { stratum: 'C', ratio: 0.1, min: 10 }, // 0.3 → 0 → min 10 → size 3
        { stratum: 'D', ratio: 1 }, // all
        { stratum: 'E', ratio: 0.5, min: 4 }, // empty stratum
        { stratum: 'Z', ratio: 0, min: 0 },
      ],
    }
    const e = expectedCounts(sizes, params)
    expect([...e.keys()]).toEqual(['A', 'B', 'C', 'D', 'E', 'X', 'Z'])
    expect(e.get('A')).toEqual({ size: 1000, expected: 7, ratio: 0.01 })
    expect(e.get('B')).toEqual({ size: 40, expected: 5, ratio: 0.04 })
    expect(e.get('C')).toEqual({ size: 3, expected: 3, ratio: 0.1 })
    expect(e.get('D')).toEqual({ size: 17, expected: 17, ratio: 1 })
    expect(e.get('E')).toEqual({ size: 0, expected: 0, ratio: 0.5 })
    expect(e.get('X')).toEqual({ size: 50, expected: 0, ratio: 0 })
    expect(e.get('Z')).toEqual({ size: 10, expected: 0, ratio: 0 })
  })

  it('draws exactly the expected count per stratum, each from its own stratum, no duplicates, all from the pool', () => {
    const pool = canonicalPool(makePool({ A: 601, B: 250, C: 77, D: 12, E: 5 }))
    const params: DrawParams = {
      strata: [
        { stratum: 'A', ratio: 0.01 },
        { stratum: 'B', ratio: 0.04, min: 12 },
        { stratum: 'C', ratio: 0.08, max: 3 },
        { stratum: 'D', ratio: 1 },
        { stratum: 'E', ratio: 1, max: 5 },
        { stratum: 'F', ratio: 0.5 },
      ],
    }
    for (let r = 0; r < 20; r++) {
      const { byStratum, drawn } = drawTargets(pool, params, seedOf(r))
      expect(Object.fromEntries(byStratum)).toEqual({
        A: { size: 601, drawn: 6 },
        B: { size: 250, drawn: 12 },
        C: { size: 77, drawn: 3 },
        D: { size: 12, drawn: 12 },
        E: { size: 5, drawn: 5 },
        F: { size: 0, drawn: 0 },
      })
      expect(drawn).toHaveLength(38)
      expect(new Set(drawn.map((m) => m.entityId)).size).toBe(38)
      const inPool = new Set(pool)
      expect(drawn.every((m) => inPool.has(m))).toBe(true)
      // strata in name order, each block from its own stratum
      expect(drawn.map((m) => m.stratum).join('')).toBe('A'.repeat(6) + 'B'.repeat(12) + 'C'.repeat(3) + 'D'.repeat(12) + 'E'.repeat(5))
    }
  })

  it('k = n takes every member exactly once, in a seeded order', () => {
    const pool = canonicalPool(makePool({ D: 200 }))
    const a = drawTargets(pool, { strata: [{ stratum: 'D', ratio: 1 }] }, seedOf('kn1')).drawn.map((m) => m.entityId)
    const b = drawTargets(pool, { strata: [{ stratum: 'D', ratio: 1 }] }, seedOf('kn2')).drawn.map((m) => m.entityId)
    expect([...a].sort()).toEqual(pool.map((m) => m.entityId))
    expect([...b].sort()).toEqual(pool.map((m) => m.entityId))
    expect(a).not.toEqual(b)
  })

  it('an empty pool draws nothing', () => {
    const r = drawTargets([], { strata: [{ stratum: 'A', ratio: 1, min: 3 }] }, seedOf(0))
    expect(r.drawn).toEqual([])
    expect(r.byStratum.get('A')).toEqual({ size: 0, drawn: 0 })
  })

  it('rejects invalid parameters in zh-CN', () => {
    expect(() => paramsHash({ strata: [{ stratum: 'A', ratio: 1.5 }] })).toThrow('分层“A”的抽查比例应在 0 到 1 之间')
    expect(() => paramsHash({ strata: [{ stratum: 'A', ratio: Number.NaN }] })).toThrow('抽查比例')
    expect(() =>
      paramsHash({
        strata: [
          { stratum: 'A', ratio: 0.1 },
          { stratum: 'A', ratio: 0.2 },
        ],
      }),
    ).toThrow('分层“A”重复')
    expect(() => paramsHash({ strata: [{ stratum: 'A', ratio: 0.1, min: 5, max: 2 }] })).toThrow('最少数量大于最多数量')
    expect(() => paramsHash({ strata: [{ stratum: 'A', ratio: 0.1, min: 1.5 }] })).toThrow('最少数量应为非负整数')
    expect(() => paramsHash({ strata: [{ stratum: 'A|B', ratio: 0.1 }] })).toThrow('不允许的字符')
    expect(() => drawTargets([], { strata: [] }, 'xyz')).toThrow('种子格式无效')
  })
})

describe('snapshot, parameters and seed', () => {
  it('hashes the pool as documented: sha256 of "entityId|stratum\\n" lines in id order', () => {
    const pool = canonicalPool([member(3, 'B'), member(1, 'A'), member(2, 'D')])
    expect(pool.map((m) => m.entityId)).toEqual(['E0000001', 'E0000002', 'E0000003'])
    expect(poolHash(pool)).toBe(sha('E0000001|A\nE0000002|D\nE0000003|B\n'))
    expect(poolHash([])).toBe(sha(''))
  })

  it('addLines (one pass, no regular expression per id) accepts and refuses exactly what add does', () => {
    const rng = createRandomStream(Buffer.alloc(32, 9))
    const alphabet = ['a', 'b', 'c', '0', '1', '-', '|', '\r', 'A', 'B', '甲']
    const outcome = (f: () => string) => {
      try {
        return f()
      } catch (e) {
        return `error: ${e instanceof Error ? e.message : String(e)}`
      }
    }
    let errors = 0
    for (let round = 0; round < 2000; round++) {
      const lines: string[] = []
      const n = 1 + rng.below(6)
      for (let i = 0; i < n; i++) {
        const word = (len: number) => Array.from({ length: len }, () => alphabet[rng.below(alphabet.length)]!).join('')
        lines.push(`${String(i).padStart(3, '0')}${word(rng.below(3))}|${word(rng.below(3))}`)
      }
      if (rng.below(4) === 0) lines.reverse()
      const text = lines.join('\n')
      const viaLines = outcome(() => {
        const h = createPoolHasher()
        h.addLines(text)
        return h.digest()
      })
      const viaAdd = outcome(() => {
        const h = createPoolHasher()
        for (const l of lines) {
          const bar = l.indexOf('|')
          if (bar < 0) throw new Error('no bar')
          h.add(l.slice(0, bar), l.slice(bar + 1))
        }
        return h.digest()
      })
      expect(viaLines).toBe(viaAdd)
      if (viaLines.startsWith('error')) errors++
    }
    expect(errors).toBeGreaterThan(100) // both branches exercised
    expect(errors).toBeLessThan(1900)
  })

  it('the streaming hasher equals poolHash and rejects disorder and duplicates', () => {
    const pool = canonicalPool(makePool({ A: 3000, B: 2000, C: 100 })) // > 64 KiB of lines: several chunks
    const h = createPoolHasher()
    for (const m of pool) h.add(m.entityId, m.stratum)
    expect(h.count).toBe(5100)
    expect(h.digest()).toBe(poolHash(pool))
    // the same members fed as text chunks, mixed with single adds
    const mixed = createPoolHasher()
    mixed.add(pool[0]!.entityId, pool[0]!.stratum)
    mixed.addLines(
      pool
        .slice(1, 2000)
        .map((m) => `${m.entityId}|${m.stratum}`)
        .join('\n'),
    )
    mixed.addLines('')
    mixed.addLines(
      pool
        .slice(2000)
        .map((m) => `${m.entityId}|${m.stratum}`)
        .join('\n'),
    )
    expect(mixed.count).toBe(5100)
    expect(mixed.digest()).toBe(poolHash(pool))
    // The per-line callback sees every line's offset and stratum, in order.
    const seen: Array<[number, string]> = []
    const text = pool
      .slice(0, 50)
      .map((m) => `${m.entityId}|${m.stratum}`)
      .join('\n')
    const withCallback = createPoolHasher()
    withCallback.addLines(text, (start, stratum) => seen.push([start, stratum]))
    expect(seen).toEqual(pool.slice(0, 50).map((m, i) => [pool.slice(0, i).reduce((n, x) => n + x.entityId.length + x.stratum.length + 2, 0), m.stratum]))
    expect(withCallback.digest()).toBe(poolHash(pool.slice(0, 50)))
    expect(() => createPoolHasher().addLines('E2|A\nE1|A')).toThrow('未按标识排序')
    expect(() => createPoolHasher().addLines('E1|A\nE1|A')).toThrow('重复')
    expect(() => createPoolHasher().addLines('|A')).toThrow('检查对象标识不能为空')
    expect(() => createPoolHasher().addLines('E1|A\nE2\r|A')).toThrow('不允许的字符')
    expect(() => createPoolHasher().addLines('E1|A\nE2|')).toThrow('分层不能为空')
    expect(() => createPoolHasher().addLines('E1|A\nE2')).toThrow('第 2 行格式无效')
    expect(() => createPoolHasher().addLines('E1|A|B')).toThrow('不允许的字符')
    const bad = createPoolHasher()
    bad.add('E2', 'A')
    expect(() => bad.add('E1', 'A')).toThrow('未按标识排序')
    expect(() => bad.add('E2', 'A')).toThrow('重复')
    expect(() => bad.add('E3|x', 'A')).toThrow('不允许的字符')
    expect(() => poolHash([member(2, 'A'), member(1, 'A')])).toThrow('未按标识排序')
  })

  it('canonicalPool sorts by id and rejects duplicates and separators', () => {
    expect(canonicalPool([member(2, 'A'), member(10, 'A'), member(1, 'B')]).map((m) => m.entityId)).toEqual(['E0000001', 'E0000002', 'E0000010'])
    expect(() => canonicalPool([member(1, 'A'), member(1, 'B')])).toThrow('“E0000001”重复')
    expect(() => canonicalPool([{ entityId: 'a\nb', stratum: 'A', stationUnitId: null }])).toThrow('不允许的字符')
    expect(() => canonicalPool([{ entityId: 'a', stratum: '', stationUnitId: null }])).toThrow('分层不能为空')
  })

  it('hashes parameters canonically (order of strata irrelevant, absent min/max as null)', () => {
    const p1: DrawParams = {
      strata: [
        { stratum: 'B', ratio: 0.04, min: 2 },
        { stratum: 'A', ratio: 0.01 },
      ],
    }
    const p2: DrawParams = {
      strata: [
        { stratum: 'A', ratio: 0.01 },
        { stratum: 'B', min: 2, ratio: 0.04 },
      ],
    }
    expect(canonicalParamsJson(p1)).toBe('{"strata":[{"stratum":"A","ratio":0.01,"min":null,"max":null},{"stratum":"B","ratio":0.04,"min":2,"max":null}]}')
    expect(paramsHash(p1)).toBe(paramsHash(p2))
    expect(paramsHash(p1)).toBe(sha(canonicalParamsJson(p1)))
    expect(
      paramsHash({
        strata: [
          { stratum: 'A', ratio: 0.01 },
          { stratum: 'B', ratio: 0.04, min: 3 },
        ],
      }),
    ).not.toBe(paramsHash(p1))
  })

  it('commits with sha256 and derives the seed with HMAC-SHA256 over the documented lines', () => {
    expect(commitmentOf('秘密-2026')).toBe(sha('秘密-2026'))
    const input = { commitmentSecret: 'k3y', drawTimeValue: '2026-11-22 体彩 07 12 25', poolHash: sha('p'), paramsHash: sha('q'), taskId: 'T-1' }
    const expected = createHmac('sha256', 'k3y')
      .update(`jg-draw/1\ntask:T-1\ndraw-time:2026-11-22 体彩 07 12 25\npool:${sha('p')}\nparams:${sha('q')}`)
      .digest('hex')
    expect(deriveSeed(input)).toBe(expected)
    // every input matters
    for (const change of [{ commitmentSecret: 'k3z' }, { drawTimeValue: 'x' }, { poolHash: sha('p2') }, { paramsHash: sha('q2') }, { taskId: 'T-2' }]) {
      expect(deriveSeed({ ...input, ...change })).not.toBe(expected)
    }
    expect(() => deriveSeed({ ...input, taskId: 'T\n1' })).toThrow('任务标识不能含有换行')
    expect(() => deriveSeed({ ...input, poolHash: 'abc' })).toThrow('名录快照哈希格式无效')
    expect(() => deriveSeed({ ...input, commitmentSecret: '' })).toThrow('承诺密钥不能为空')
  })

  it('applies exclusions before the snapshot and hashes the exclusion list order-independently', () => {
    const pool = makePool({ A: 10 })
    const ex = ['E0000003', 'E0000001', 'E0000003', 'NOT-IN-POOL']
    const r = applyExclusions(pool, ex)
    expect(r.eligible.map((m) => m.entityId)).not.toContain('E0000001')
    expect(r.eligible.map((m) => m.entityId)).not.toContain('E0000003')
    expect(r.eligible).toHaveLength(8)
    expect(r.excludedCount).toBe(2)
    expect(r.exclusionHash).toBe(sha('E0000001\nE0000003\nNOT-IN-POOL\n'))
    expect(exclusionHash([...ex].reverse())).toBe(r.exclusionHash)
    expect(exclusionHash([])).toBe(sha(''))
    // the frozen pool is the eligible set: its hash differs from the unfiltered pool's
    expect(poolHash(canonicalPool(r.eligible))).not.toBe(poolHash(canonicalPool(pool)))
  })
})

describe('the draw follows its specification', () => {
  it('equals an independent re-implementation of the documented algorithm', () => {
    const pool = canonicalPool(makePool({ A: 523, B: 211, C: 64, D: 9, 'B+': 30 }))
    const params: DrawParams = {
      strata: [
        { stratum: 'A', ratio: 0.05 },
        { stratum: 'B', ratio: 0.25, min: 60 },
        { stratum: 'C', ratio: 0.5, max: 20 },
        { stratum: 'D', ratio: 1 },
        { stratum: 'B+', ratio: 0.1 },
      ],
    }
    for (let r = 0; r < 10; r++) {
      const seed = seedOf(`ref${r}`)
      expect(drawTargets(pool, params, seed).drawn.map((m) => m.entityId)).toEqual(referenceDraw(pool, params, seed))
    }
  })

  it('is reproducible and independent of the order the members came in', () => {
    const members = makePool({ A: 300, B: 100 })
    const params: DrawParams = {
      strata: [
        { stratum: 'A', ratio: 0.1 },
        { stratum: 'B', ratio: 0.2 },
      ],
    }
    const a = drawTargets(canonicalPool(members), params, seedOf('r'))
    const b = drawTargets(canonicalPool([...members].reverse()), params, seedOf('r'))
    expect(b.drawn.map((m) => m.entityId)).toEqual(a.drawn.map((m) => m.entityId))
    expect(drawTargets(canonicalPool(members), params, seedOf('r2')).drawn.map((m) => m.entityId)).not.toEqual(a.drawn.map((m) => m.entityId))
    // upper-case seeds are the same seed
    expect(drawTargets(canonicalPool(members), params, seedOf('r').toUpperCase()).drawn).toEqual(a.drawn)
  })

  it("changing one stratum's rule leaves the other strata's selection unchanged; a larger count extends the list", () => {
    const pool = canonicalPool(makePool({ A: 400, B: 400, C: 50 }))
    const seed = seedOf('indep')
    const ids = (p: DrawParams, s: string) =>
      drawTargets(pool, p, seed)
        .drawn.filter((m) => m.stratum === s)
        .map((m) => m.entityId)
    const base: DrawParams = {
      strata: [
        { stratum: 'A', ratio: 0.05 },
        { stratum: 'B', ratio: 0.05 },
        { stratum: 'C', ratio: 0.2 },
      ],
    }
    const moreB: DrawParams = {
      strata: [
        { stratum: 'A', ratio: 0.05 },
        { stratum: 'B', ratio: 0.5 },
        { stratum: 'C', ratio: 0.2 },
      ],
    }
    const noC: DrawParams = {
      strata: [
        { stratum: 'A', ratio: 0.05 },
        { stratum: 'B', ratio: 0.05 },
      ],
    }
    expect(ids(moreB, 'A')).toEqual(ids(base, 'A'))
    expect(ids(moreB, 'C')).toEqual(ids(base, 'C'))
    expect(ids(noC, 'A')).toEqual(ids(base, 'A'))
    expect(ids(moreB, 'B').slice(0, 20)).toEqual(ids(base, 'B'))
    expect(ids(moreB, 'B')).toHaveLength(200)
  })

  it('sparse and dense sampling give identical positions', () => {
    for (const [n, k] of [
      [1, 1],
      [10, 0],
      [10, 10],
      [1000, 3],
      [1000, 62],
      [1000, 63],
      [1000, 999],
      [70_000, 5000],
    ] as const) {
      const key = stratumKey(seedOf(`sp${n}-${k}`), 'A')
      const sparse = samplePositions(n, k, createRandomStream(key), 'sparse')
      const dense = samplePositions(n, k, createRandomStream(key), 'dense')
      expect(Array.from(sparse)).toEqual(Array.from(dense))
      expect(new Set(sparse).size).toBe(k)
      expect(Array.from(sparse).every((x) => x < n)).toBe(true)
    }
  })

  it('the columnar draw equals the object draw', () => {
    const pool = canonicalPool(makePool({ C: 700, A: 2500, D: 40, B: 900 }))
    const params: DrawParams = {
      strata: [
        { stratum: 'A', ratio: 0.01 },
        { stratum: 'B', ratio: 0.04 },
        { stratum: 'C', ratio: 0.08 },
        { stratum: 'D', ratio: 1 },
      ],
    }
    // stratum codes in a different order from toColumnar's (names need not be sorted)
    const names = ['D', 'C', 'B', 'A']
    const codes = Uint8Array.from(pool, (m) => names.indexOf(m.stratum))
    for (let r = 0; r < 5; r++) {
      const seed = seedOf(`col${r}`)
      const obj = drawTargets(pool, params, seed)
      const col = drawTargetsColumnar({ size: pool.length, strataCodes: codes, strataNames: names }, params, seed)
      expect(Array.from(col.drawnIndices, (i) => pool[i]!.entityId)).toEqual(obj.drawn.map((m) => m.entityId))
      expect([...col.byStratum]).toEqual([...obj.byStratum])
      expect(Array.from(drawTargetsColumnar(toColumnar(pool), params, seed).drawnIndices)).toEqual(Array.from(col.drawnIndices))
    }
  })
})

describe('verification', () => {
  const pool = canonicalPool(makePool({ A: 500, B: 200, C: 60, D: 8 }))
  const params: DrawParams = {
    strata: [
      { stratum: 'A', ratio: 0.02 },
      { stratum: 'B', ratio: 0.05 },
      { stratum: 'C', ratio: 0.1 },
      { stratum: 'D', ratio: 1 },
    ],
  }
  const seedInput = { commitmentSecret: '公布前的密钥', drawTimeValue: '20261122-福彩3D-815', taskId: 'TASK-9', commitment: commitmentOf('公布前的密钥') }
  const seedHex = deriveSeed({ ...seedInput, poolHash: poolHash(pool), paramsHash: paramsHash(params) })
  const drawn = drawTargets(pool, params, seedHex).drawn.map((m) => m.entityId)
  const record: DrawRecord = {
    algorithm: DRAW_ALGORITHM,
    poolHash: poolHash(pool),
    params,
    paramsHash: paramsHash(params),
    seedHex,
    drawnEntityIds: drawn,
    seedInput,
  }

  it('accepts the untouched record', () => {
    expect(verifyDraw(record, pool)).toEqual({ ok: true, problems: [] })
    expect(drawn.length).toBe(10 + 10 + 6 + 8)
  })

  it('detects a changed pool: a member removed, added, or moved to another stratum', () => {
    const removed = pool.filter((m) => m.entityId !== drawn[0])
    const added = canonicalPool([...pool, member(9_999_999, 'A')])
    const moved = pool.map((m) => (m.entityId === drawn[0] ? { ...m, stratum: 'B' } : m))
    for (const p of [removed, added, moved]) {
      const v = verifyDraw(record, p)
      expect(v.ok).toBe(false)
      expect(v.problems[0]).toMatch(/^名录快照哈希不一致/)
    }
    // removing a drawn member also changes the result
    expect(verifyDraw(record, removed).problems.some((p) => p.startsWith('抽取结果不一致'))).toBe(true)
  })

  it('detects changed parameters, by their hash and by the result', () => {
    const p2: DrawParams = { strata: params.strata.map((r) => (r.stratum === 'B' ? { ...r, ratio: 0.06 } : r)) }
    const v = verifyDraw({ ...record, params: p2 }, pool)
    expect(v.ok).toBe(false)
    expect(v.problems).toContain(v.problems.find((p) => p.startsWith('参数哈希不一致')))
    expect(v.problems.some((p) => p.startsWith('种子与承诺密钥'))).toBe(true) // the seed bound the old parameters
    expect(v.problems.some((p) => p.startsWith('抽取结果数量不一致（记录 34 个，重算 36 个）'))).toBe(true)
    // without a recorded params hash or seed inputs, the re-run result still gives it away
    const bare = verifyDraw({ algorithm: DRAW_ALGORITHM, poolHash: record.poolHash, params: p2, seedHex, drawnEntityIds: drawn }, pool)
    expect(bare.ok).toBe(false)
    expect(bare.problems[0]).toBe('抽取结果数量不一致（记录 34 个，重算 36 个）')
    const bad = verifyDraw({ ...record, params: { strata: [{ stratum: 'A', ratio: 2 }] } }, pool)
    expect(bad.problems[0]).toMatch(/^参数无效：/)
  })

  it('detects a changed seed and a seed not derived from the commitment', () => {
    const v = verifyDraw({ ...record, seedHex: seedOf('other'), seedInput: undefined }, pool)
    expect(v.ok).toBe(false)
    expect(v.problems[0]).toMatch(/^抽取结果不一致（第 1 个：/)
    const w = verifyDraw({ ...record, seedInput: { ...seedInput, drawTimeValue: '20261122-福彩3D-816' } }, pool)
    expect(w.problems).toEqual(['种子与承诺密钥、抽取时刻值、名录快照和参数推导的结果不符'])
    const c = verifyDraw({ ...record, seedInput: { ...seedInput, commitment: commitmentOf('另一个') } }, pool)
    expect(c.problems).toEqual(['承诺密钥与公布的承诺值不符'])
    expect(verifyDraw({ ...record, seedHex: 'nothex' }, pool).problems).toContain('种子格式无效：应为 64 位十六进制')
  })

  it('detects a tampered result and names the position', () => {
    const swapped = [...drawn]
    ;[swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!]
    expect(verifyDraw({ ...record, drawnEntityIds: swapped }, pool).problems).toEqual([
      `抽取结果不一致（第 4 个：记录为“${drawn[4]}”，重算为“${drawn[3]}”）`,
      `抽取结果不一致（第 5 个：记录为“${drawn[3]}”，重算为“${drawn[4]}”）`,
    ])
    const replaced = [...drawn]
    replaced[10] = pool.find((m) => !drawn.includes(m.entityId))!.entityId
    expect(verifyDraw({ ...record, drawnEntityIds: replaced }, pool).problems).toEqual([
      `抽取结果不一致（第 11 个：记录为“${replaced[10]}”，重算为“${drawn[10]}”）`,
    ])
    const short = verifyDraw({ ...record, drawnEntityIds: drawn.slice(0, -1) }, pool)
    expect(short.problems[0]).toBe('抽取结果数量不一致（记录 33 个，重算 34 个）')
    const reversed = verifyDraw({ ...record, drawnEntityIds: [...drawn].reverse() }, pool)
    expect(reversed.problems.at(-1)).toMatch(/^抽取结果另有 \d+ 处不一致$/)
  })

  it('refuses an unknown algorithm version and an invalid snapshot', () => {
    expect(verifyDraw({ ...record, algorithm: 'jg-draw/0' }, pool).problems).toEqual(['算法版本“jg-draw/0”不受支持（本程序支持：jg-draw/1）'])
    expect(verifyDraw(record, [...pool].reverse()).problems[0]).toMatch(/^名录快照无效：/)
  })

  it('the columnar verification agrees', () => {
    const col = { ...toColumnar(pool), computedPoolHash: poolHash(pool), idAt: (i: number) => pool[i]!.entityId }
    expect(verifyDrawColumnar(record, col)).toEqual({ ok: true, problems: [] })
    expect(verifyDrawColumnar({ ...record, drawnEntityIds: drawn.slice(1) }, col).ok).toBe(false)
    expect(verifyDrawColumnar(record, { ...col, computedPoolHash: sha('x') }).problems[0]).toMatch(/^名录快照哈希不一致/)
  })
})

describe('statistics (seeded, hence deterministic; bounds at p = 0.001)', () => {
  it('every member of a stratum is drawn equally often (2,000 draws of 5 out of 50)', () => {
    const n = 50
    const k = 5
    const runs = 2000
    const pool = canonicalPool(makePool({ A: n, B: 30 }))
    const params: DrawParams = {
      strata: [
        { stratum: 'A', ratio: 0.1 },
        { stratum: 'B', ratio: 0.1 },
      ],
    }
    const counts = new Map(pool.filter((m) => m.stratum === 'A').map((m) => [m.entityId, 0]))
    const firstCounts = new Map([...counts.keys()].map((id) => [id, 0]))
    for (let r = 0; r < runs; r++) {
      const a = drawTargets(pool, params, seedOf(`uni${r}`)).drawn.filter((m) => m.stratum === 'A')
      expect(a).toHaveLength(k)
      for (const m of a) counts.set(m.entityId, counts.get(m.entityId)! + 1)
      firstCounts.set(a[0]!.entityId, firstCounts.get(a[0]!.entityId)! + 1)
    }
    const critical = chiSquareCritical(n - 1, P) // ≈ 85.35
    expect(chiSquare([...counts.values()], Array(n).fill((runs * k) / n))).toBeLessThan(critical)
    // the draw order is uniform too: who comes first
    expect(chiSquare([...firstCounts.values()], Array(n).fill(runs / n))).toBeLessThan(critical)
  })

  it('the bounded integer is unbiased where plain modulo would not be', () => {
    // m = 3·2^51: x mod m over 53-bit x hits [0, 2^51) twice as often (x and x + m): buckets of
    // width 2^51 would come out 2 : 1 : 1 without rejection.
    const m = 3 * 2 ** 51
    const samples = 30_000
    const rng = createRandomStream(stratumKey(seedOf('bias'), 'A'))
    const buckets = [0, 0, 0]
    const naive = [0, 0, 0]
    const raw = createRandomStream(stratumKey(seedOf('bias'), 'A'))
    for (let i = 0; i < samples; i++) {
      buckets[Math.floor(rng.below(m) / 2 ** 51)]!++
      naive[Math.floor((raw.next53() % m) / 2 ** 51)]!++
    }
    const critical = chiSquareCritical(2, P)
    expect(chiSquare(buckets, [samples / 3, samples / 3, samples / 3])).toBeLessThan(critical)
    // the test has the power to see the bias it guards against
    expect(chiSquare(naive, [samples / 3, samples / 3, samples / 3])).toBeGreaterThan(critical)

    const small = Array(7).fill(0)
    for (let i = 0; i < 70_000; i++) small[rng.below(7)]++
    expect(chiSquare(small, Array(7).fill(10_000))).toBeLessThan(chiSquareCritical(6, P))
  })

  it('strata are independent: the joint distribution of their first draws factorises', () => {
    const pool = canonicalPool(makePool({ A: 5, B: 5 }))
    const params: DrawParams = {
      strata: [
        { stratum: 'A', ratio: 0.2 },
        { stratum: 'B', ratio: 0.2 },
      ],
    }
    const idxA = new Map(pool.filter((m) => m.stratum === 'A').map((m, i) => [m.entityId, i]))
    const idxB = new Map(pool.filter((m) => m.stratum === 'B').map((m, i) => [m.entityId, i]))
    const runs = 2500
    const table = Array.from({ length: 5 }, () => Array(5).fill(0) as number[])
    for (let r = 0; r < runs; r++) {
      const d = drawTargets(pool, params, seedOf(`ind${r}`)).drawn
      table[idxA.get(d[0]!.entityId)!]![idxB.get(d[1]!.entityId)!]!++
    }
    const rows = table.map((row) => row.reduce((s, x) => s + x, 0))
    const cols = [0, 1, 2, 3, 4].map((j) => table.reduce((s, row) => s + row[j]!, 0))
    let stat = 0
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) {
        const e = (rows[i]! * cols[j]!) / runs
        stat += (table[i]![j]! - e) ** 2 / e
      }
    expect(stat).toBeLessThan(chiSquareCritical(16, P)) // (5 − 1)(5 − 1) degrees of freedom
  })
})

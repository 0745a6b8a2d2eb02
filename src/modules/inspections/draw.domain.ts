/**
 * The provably fair target draw of 双随机、一公开 (double random, one public): stratified sampling
 * without replacement from a frozen, hashed snapshot of the target pool, with a seed derived from a
 * value committed before the draw. Pure: no database, no clock, no I/O; everything below is
 * deterministic, so anyone holding the record and the pool snapshot can re-run a draw and get the
 * same list (`verifyDraw`, `jianguan draw verify`).
 *
 * ## Algorithm `jg-draw/1` (the specification a third party needs to re-implement it)
 *
 * 1. **Pool snapshot.** The pool is the set of eligible members *after* exclusions (e.g. "not drawn
 *    twice for the same item within a year": {@link applyExclusions}); the excluded ids are hashed
 *    separately ({@link exclusionHash}) and recorded next to the pool hash. Members are sorted by
 *    `entityId` in JavaScript string order (UTF-16 code units; for ASCII ids such as UUIDs this is
 *    byte order, i.e. SQLite's BINARY collation and PostgreSQL's `COLLATE "C"`); duplicate ids are
 *    rejected. `entityId` and `stratum` may not contain `|`, CR or LF.
 * 2. **Pool hash** = lowercase hex SHA-256 of the UTF-8 text made of one line `entityId|stratum\n`
 *    per member in that order (every line, the last one included, ends with LF). The same digest
 *    comes out of e.g. `sqlite3 db "select id||'|'||risk_class from … order by id" | sha256sum`.
 * 3. **Parameters hash** = hex SHA-256 of the canonical JSON `{"strata":[{"stratum":…,"ratio":…,
 *    "min":…,"max":…},…]}`: strata sorted by name, keys in exactly that order, an absent min/max
 *    written as `null`, numbers in JavaScript's shortest round-trip form (`JSON.stringify`).
 * 4. **Commitment.** When the task is announced, `commitment = hex SHA-256(UTF-8 secret)` is
 *    published ({@link commitmentOf}); the secret is revealed with the result.
 * 5. **Seed** = hex HMAC-SHA256(key = UTF-8 secret, message = UTF-8 of the five LF-separated lines
 *    `jg-draw/1`, `task:<taskId>`, `draw-time:<drawTimeValue>`, `pool:<poolHash>`,
 *    `params:<paramsHash>`, no trailing LF) ({@link deriveSeed}). `drawTimeValue` is a value nobody
 *    knows when the commitment is published (e.g. a lottery result or a block hash announced in
 *    advance), so neither the bureau nor anyone else can steer the seed.
 * 6. **Count per stratum** = round-half-up(ratio × size), then clamped to [min, max], then to size
 *    (so a min above the size takes the whole stratum). The ratio is read as the exact decimal of
 *    its shortest round-trip form ("0.145" × 100 = 14.5 → 15, never 14.499999… → 14). Strata not
 *    listed in the parameters have ratio 0 (nothing drawn, the size is still reported). A ratio of
 *    1 takes the whole stratum.
 * 7. **Stratum stream.** Each stratum has its own key
 *    `K_s = HMAC-SHA256(key = the 32 seed bytes, message = UTF-8 "jg-draw/1|stratum|" + name)`,
 *    so one stratum's selection depends only on the seed, its name, its size and its count. The
 *    stream is the AES-256-CTR keystream under `K_s` with a zero 128-bit initial counter block
 *    (big-endian increment), i.e. the encryption of zero bytes — reproducible with
 *    `openssl enc -aes-256-ctr -K <K_s hex> -iv 00000000000000000000000000000000 < /dev/zero`.
 *    It is read as consecutive 8-byte big-endian words; each word gives the 53-bit integer
 *    `x = word >> 11`. (AES-CTR rather than SHA-256 in counter mode: the same construction as a
 *    CTR_DRBG, and about 5× faster in Node, which matters for k up to 10⁷.)
 * 8. **Unbiased bounded integer** in [0, m): take the next x; reject it while
 *    `x ≥ 2^53 − (2^53 mod m)`; return `x mod m`.
 * 9. **Sampling** (k of n without replacement, in draw order): partial Fisher–Yates over the
 *    positions 0…n−1 of the stratum's members (in pool order): for i = 0…k−1, j = i + uniform(n − i),
 *    swap positions i and j, output the member now at position i. Stored sparsely (a map of the
 *    swapped positions, O(k) memory) or densely (an array of n), with the same result. A larger k
 *    with the same seed extends the list: the first k drawn stay the first k.
 * 10. **Result order**: strata in name order (JavaScript string order), each in draw order.
 *
 * Changing the algorithm means a new {@link DRAW_ALGORITHM} value; {@link verifyDraw} dispatches
 * on the record's version, so old records keep verifying with their own rules.
 */
import { createCipheriv, createHash, createHmac } from 'node:crypto'
import { validation } from '../../core/errors'

/** The version of the draw algorithm written into every draw record. */
export const DRAW_ALGORITHM = 'jg-draw/1'
/** The versions {@link verifyDraw} can re-run. */
export const SUPPORTED_DRAW_ALGORITHMS: readonly string[] = [DRAW_ALGORITHM]

/** One member of the target pool (检查对象名录). */
export interface PoolMember {
  entityId: string
  /** Risk class 'A'|'B'|'C'|'D' or any other stratum key. */
  stratum: string
  /** The station (所) that supervises the entity day to day; used by the inspector assignment. */
  stationUnitId: string | null
}

/** The sampling rule of one stratum. */
export interface StratumRule {
  stratum: string
  /** Share to draw, 0…1 (e.g. A 0.01, B 0.04, C 0.08, D 1). */
  ratio: number
  /** Minimum count (integer ≥ 0), applied after rounding; capped at the stratum size. */
  min?: number
  /** Maximum count (integer ≥ 0), applied after rounding and after min. */
  max?: number
}

/** Draw parameters. Strata not listed have ratio 0. */
export interface DrawParams {
  strata: StratumRule[]
}

/** Per-stratum summary of a draw. */
export interface StratumOutcome {
  size: number
  drawn: number
}

const HEX64 = /^[0-9a-f]{64}$/
const FORBIDDEN_IN_KEY = /[|\r\n]/
const MAX_STRATA = 255
const TWO53 = 2 ** 53

// ---------------------------------------------------------------------------------------------
// Pool snapshot
// ---------------------------------------------------------------------------------------------

function checkKey(value: string, what: string): void {
  if (typeof value !== 'string' || value.length === 0) throw validation(`${what}不能为空`)
  if (FORBIDDEN_IN_KEY.test(value)) throw validation(`${what}“${value.slice(0, 64)}”含有不允许的字符（| 或换行）`)
}

/**
 * The canonical pool: the members sorted by `entityId` (JavaScript string order).
 * @throws VALIDATION on a duplicate id, an empty id or stratum, or `|`/CR/LF inside one.
 */
export function canonicalPool(members: Iterable<PoolMember>): PoolMember[] {
  const out = Array.from(members)
  let sorted = true
  for (let i = 1; i < out.length; i++) {
    if (!(out[i - 1]!.entityId < out[i]!.entityId)) {
      sorted = false
      break
    }
  }
  if (!sorted) out.sort((a, b) => (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0))
  const seenStrata = new Set<string>()
  for (let i = 0; i < out.length; i++) {
    const m = out[i]!
    checkKey(m.entityId, '检查对象标识')
    if (!seenStrata.has(m.stratum)) {
      checkKey(m.stratum, '分层')
      seenStrata.add(m.stratum)
    }
    if (i > 0 && out[i - 1]!.entityId === m.entityId) throw validation(`检查对象名录中“${m.entityId}”重复`)
  }
  return out
}

/** An incremental {@link poolHash}: feed members in canonical order, one at a time. */
export interface PoolHasher {
  /** @throws VALIDATION when the id is not strictly after the previous one, or is malformed. */
  add(entityId: string, stratum: string): void
  /**
   * Adds many members at once from their canonical text: lines `entityId|stratum` joined by LF,
   * without a trailing LF (e.g. one SQL `group_concat` chunk). Same checks and digest as
   * {@link add} line by line. `onLine`, if given, is called for each line after its checks with
   * the line's start offset in `text` and its stratum (to build a columnar pool in the same pass).
   * @throws VALIDATION as add does.
   */
  addLines(text: string, onLine?: (start: number, stratum: string) => void): void
  /** Members added so far. */
  readonly count: number
  /** The pool hash; the hasher cannot be used afterwards. */
  digest(): string
}

/**
 * A streaming pool hasher, for pools too large to hold as objects (10⁷ rows read from the
 * database): checks the order and the characters as it goes and gives the same digest as
 * {@link poolHash} over the same members.
 */
export function createPoolHasher(): PoolHasher {
  const hash = createHash('sha256')
  let buf = ''
  let prev: string | null = null
  let count = 0
  let done = false
  const strata = new Set<string>()
  function check(entityId: string, stratum: string): void {
    if (done) throw new Error('pool hasher already finished')
    if (prev !== null && !(prev < entityId)) {
      throw validation(prev === entityId ? `检查对象名录中“${entityId}”重复` : `检查对象名录未按标识排序（“${entityId}”在“${prev}”之后）`)
    }
    if (entityId.length === 0 || FORBIDDEN_IN_KEY.test(entityId)) checkKey(entityId, '检查对象标识')
    if (!strata.has(stratum)) {
      checkKey(stratum, '分层')
      strata.add(stratum)
    }
    prev = entityId
    count++
  }
  return {
    add(entityId, stratum) {
      check(entityId, stratum)
      buf += entityId + '|' + stratum + '\n'
      if (buf.length >= 1 << 16) {
        hash.update(buf, 'utf8')
        buf = ''
      }
    },
    addLines(text, onLine) {
      if (text.length === 0) return
      if (done) throw new Error('pool hasher already finished')
      // The same checks as check(), in one pass without a regular expression per id: an id cut
      // at the first `|` of a line can hold neither `|` nor LF, so only CR needs looking for, and
      // only if the text has one at all.
      const mayHaveCr = text.indexOf('\r') >= 0
      let start = 0
      for (;;) {
        const nl = text.indexOf('\n', start)
        const end = nl < 0 ? text.length : nl
        const bar = text.indexOf('|', start)
        if (bar < 0 || bar > end) throw validation(`检查对象名录第 ${count + 1} 行格式无效（应为“标识|分层”）`)
        const entityId = text.slice(start, bar)
        const stratum = text.slice(bar + 1, end)
        if (prev !== null && !(prev < entityId)) {
          throw validation(prev === entityId ? `检查对象名录中“${entityId}”重复` : `检查对象名录未按标识排序（“${entityId}”在“${prev}”之后）`)
        }
        if (bar === start || (mayHaveCr && entityId.indexOf('\r') >= 0)) checkKey(entityId, '检查对象标识')
        if (!strata.has(stratum)) {
          checkKey(stratum, '分层')
          strata.add(stratum)
        }
        prev = entityId
        count++
        if (onLine) onLine(start, stratum)
        if (nl < 0) break
        start = nl + 1
      }
      if (buf.length > 0) {
        hash.update(buf, 'utf8')
        buf = ''
      }
      hash.update(text, 'utf8')
      hash.update('\n', 'utf8')
    },
    get count() {
      return count
    },
    digest() {
      done = true
      if (buf.length > 0) hash.update(buf, 'utf8')
      buf = ''
      return hash.digest('hex')
    },
  }
}

/**
 * The snapshot hash of a canonical pool (see the module header, step 2).
 * @throws VALIDATION when the members are not in canonical order or are malformed.
 */
export function poolHash(sortedMembers: PoolMember[]): string {
  const h = createPoolHasher()
  for (const m of sortedMembers) h.add(m.entityId, m.stratum)
  return h.digest()
}

/**
 * The hash of an exclusion list: hex SHA-256 of the distinct ids sorted in JavaScript string
 * order, each followed by LF (the empty list hashes the empty string).
 */
export function exclusionHash(ids: Iterable<string>): string {
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const h = createHash('sha256')
  let buf = ''
  for (const id of sorted) {
    buf += id + '\n'
    if (buf.length >= 1 << 16) {
      h.update(buf, 'utf8')
      buf = ''
    }
  }
  h.update(buf, 'utf8')
  return h.digest('hex')
}

/**
 * Removes excluded members (e.g. entities already drawn for the same item within the year, 同一
 * 事项一年内不重复抽查) BEFORE the snapshot: the frozen pool, and so its hash, holds only the
 * eligible members, and the exclusion list is recorded by its own hash.
 */
export function applyExclusions(
  members: Iterable<PoolMember>,
  excludedIds: Iterable<string>,
): { eligible: PoolMember[]; excludedCount: number; exclusionHash: string } {
  const excluded = new Set(excludedIds)
  const eligible: PoolMember[] = []
  let excludedCount = 0
  for (const m of members) {
    if (excluded.has(m.entityId)) excludedCount++
    else eligible.push(m)
  }
  return { eligible, excludedCount, exclusionHash: exclusionHash(excluded) }
}

// ---------------------------------------------------------------------------------------------
// Parameters, commitment, seed
// ---------------------------------------------------------------------------------------------

function checkCount(v: number | undefined, what: string): void {
  if (v === undefined) return
  if (!Number.isSafeInteger(v) || v < 0) throw validation(`抽查参数无效：${what}应为非负整数`)
}

/**
 * Checks draw parameters.
 * @throws VALIDATION (zh-CN, naming the stratum) on a bad ratio, min/max, or a repeated stratum.
 */
export function validateParams(params: DrawParams): void {
  if (!params || !Array.isArray(params.strata)) throw validation('抽查参数无效：缺少分层比例')
  if (params.strata.length > MAX_STRATA) throw validation(`抽查参数无效：分层不能超过 ${MAX_STRATA} 个`)
  const seen = new Set<string>()
  for (const r of params.strata) {
    checkKey(r.stratum, '分层')
    if (seen.has(r.stratum)) throw validation(`抽查参数无效：分层“${r.stratum}”重复`)
    seen.add(r.stratum)
    if (typeof r.ratio !== 'number' || !Number.isFinite(r.ratio) || r.ratio < 0 || r.ratio > 1) {
      throw validation(`抽查参数无效：分层“${r.stratum}”的抽查比例应在 0 到 1 之间`)
    }
    checkCount(r.min, `分层“${r.stratum}”的最少数量`)
    checkCount(r.max, `分层“${r.stratum}”的最多数量`)
    if (r.min !== undefined && r.max !== undefined && r.min > r.max) throw validation(`抽查参数无效：分层“${r.stratum}”的最少数量大于最多数量`)
  }
}

/** The canonical JSON of the parameters (module header, step 3). @throws VALIDATION */
export function canonicalParamsJson(params: DrawParams): string {
  validateParams(params)
  const strata = [...params.strata]
    .sort((a, b) => (a.stratum < b.stratum ? -1 : a.stratum > b.stratum ? 1 : 0))
    .map((r) => ({ stratum: r.stratum, ratio: r.ratio, min: r.min ?? null, max: r.max ?? null }))
  return JSON.stringify({ strata })
}

/** hex SHA-256 of {@link canonicalParamsJson}. @throws VALIDATION */
export function paramsHash(params: DrawParams): string {
  return createHash('sha256').update(canonicalParamsJson(params), 'utf8').digest('hex')
}

/** The public commitment to a secret: hex SHA-256 of its UTF-8 bytes. */
export function commitmentOf(secret: string): string {
  if (typeof secret !== 'string' || secret.length === 0) throw validation('承诺密钥不能为空')
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** What the seed is derived from (module header, step 5). */
export interface SeedInput {
  /** The secret whose {@link commitmentOf} was published when the task was announced. */
  commitmentSecret: string
  /** The value only known at draw time. */
  drawTimeValue: string
  poolHash: string
  paramsHash: string
  taskId: string
}

/**
 * The draw seed: hex HMAC-SHA256 keyed by the committed secret over the canonical lines
 * (module header, step 5).
 * @throws VALIDATION on an empty secret, a line break in the task id or draw-time value, or a
 * malformed hash.
 */
export function deriveSeed(input: SeedInput): string {
  if (typeof input.commitmentSecret !== 'string' || input.commitmentSecret.length === 0) throw validation('承诺密钥不能为空')
  for (const [v, what] of [
    [input.taskId, '任务标识'],
    [input.drawTimeValue, '抽取时刻值'],
  ] as const) {
    if (typeof v !== 'string' || v.length === 0) throw validation(`${what}不能为空`)
    if (/[\r\n]/.test(v)) throw validation(`${what}不能含有换行`)
  }
  if (!HEX64.test(input.poolHash)) throw validation('名录快照哈希格式无效')
  if (!HEX64.test(input.paramsHash)) throw validation('参数哈希格式无效')
  const message = [DRAW_ALGORITHM, `task:${input.taskId}`, `draw-time:${input.drawTimeValue}`, `pool:${input.poolHash}`, `params:${input.paramsHash}`].join(
    '\n',
  )
  return createHmac('sha256', Buffer.from(input.commitmentSecret, 'utf8')).update(message, 'utf8').digest('hex')
}

function seedBytes(seedHex: string): Buffer {
  if (typeof seedHex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(seedHex)) throw validation('种子格式无效：应为 64 位十六进制')
  return Buffer.from(seedHex.toLowerCase(), 'hex')
}

// ---------------------------------------------------------------------------------------------
// Seeded random stream (module header, steps 7–8)
// ---------------------------------------------------------------------------------------------

/** A deterministic stream of unbiased random integers (AES-256-CTR keystream, 53-bit words). */
export interface RandomStream {
  /** The next 53-bit integer, uniform in [0, 2^53). */
  next53(): number
  /** Uniform integer in [0, m), 1 ≤ m ≤ 2^53, by rejection sampling (no modulo bias). */
  below(m: number): number
}

const CHUNK = 1 << 15

/** The random stream keyed by a 32-byte key (e.g. a stratum key K_s). */
export function createRandomStream(key: Buffer): RandomStream {
  if (key.length !== 32) throw new Error('random stream key must be 32 bytes')
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16))
  const zeros = Buffer.alloc(CHUNK)
  let block: Buffer = Buffer.alloc(0)
  let off = 0
  function next53(): number {
    if (off >= block.length) {
      block = cipher.update(zeros)
      off = 0
    }
    const hi = block.readUInt32BE(off)
    const lo = block.readUInt32BE(off + 4)
    off += 8
    return hi * 2097152 + (lo >>> 11) // (hi·2^32 + lo) >> 11, exact in a double
  }
  function below(m: number): number {
    if (!Number.isSafeInteger(m) && m !== TWO53) throw new Error(`bound out of range: ${m}`)
    if (m < 1 || m > TWO53) throw new Error(`bound out of range: ${m}`)
    const limit = TWO53 - (TWO53 % m)
    for (;;) {
      const x = next53()
      if (x < limit) return x % m
    }
  }
  return { next53, below }
}

/** K_s: the key of one stratum's stream (module header, step 7). */
export function stratumKey(seedHex: string, stratum: string): Buffer {
  return createHmac('sha256', seedBytes(seedHex)).update(`${DRAW_ALGORITHM}|stratum|${stratum}`, 'utf8').digest()
}

/** A keyed sub-stream for other uses of the same seed (e.g. the inspector assignment). */
export function subStream(seedHex: string, label: string): RandomStream {
  return createRandomStream(createHmac('sha256', seedBytes(seedHex)).update(label, 'utf8').digest())
}

/**
 * k distinct positions out of 0…n−1, in draw order: partial Fisher–Yates (module header, step 9).
 * `storage` only chooses the memory layout (the result is the same): 'sparse' keeps the swapped
 * positions in a Map (O(k)), 'dense' an array of n; 'auto' picks dense when k ≥ n/16.
 */
export function samplePositions(n: number, k: number, stream: RandomStream, storage: 'auto' | 'dense' | 'sparse' = 'auto'): Uint32Array {
  if (!Number.isSafeInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`bad population size ${n}`)
  if (!Number.isSafeInteger(k) || k < 0 || k > n) throw new Error(`bad sample size ${k} of ${n}`)
  const out = new Uint32Array(k)
  const dense = storage === 'dense' || (storage === 'auto' && k * 16 >= n)
  if (dense) {
    const a = new Uint32Array(n)
    for (let i = 0; i < n; i++) a[i] = i
    for (let i = 0; i < k; i++) {
      const j = i + stream.below(n - i)
      const vj = a[j]!
      a[j] = a[i]!
      a[i] = vj
      out[i] = vj
    }
  } else {
    const swapped = new Map<number, number>()
    for (let i = 0; i < k; i++) {
      const j = i + stream.below(n - i)
      const vj = swapped.get(j) ?? j
      if (j !== i) swapped.set(j, swapped.get(i) ?? i)
      swapped.delete(i) // position i is final; it is never looked at again
      out[i] = vj
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Counts
// ---------------------------------------------------------------------------------------------

/**
 * round-half-up(ratio × size), exact: the ratio is taken as the decimal of its shortest
 * round-trip form (so 0.145 × 100 = 15, not 14 as in floating point).
 */
export function roundHalfUpCount(ratio: number, size: number): number {
  if (ratio === 0 || size === 0) return 0
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(ratio))
  if (!m) throw new Error(`unexpected ratio ${ratio}`)
  const frac = m[2] ?? ''
  const digits = BigInt(m[1]! + frac)
  const exp10 = Number(m[3] ?? 0) - frac.length
  const product = digits * BigInt(size)
  if (exp10 >= 0) return Number(product * 10n ** BigInt(exp10))
  const denom = 10n ** BigInt(-exp10)
  return Number((2n * product + denom) / (2n * denom))
}

function countFor(rule: StratumRule | undefined, size: number): number {
  if (!rule) return 0
  let k = roundHalfUpCount(rule.ratio, size)
  if (rule.min !== undefined && k < rule.min) k = rule.min
  if (rule.max !== undefined && k > rule.max) k = rule.max
  return Math.min(k, size)
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Expected count per stratum (module header, step 6), for every stratum of the pool and of the
 * parameters, in stratum-name order. `ratio` is the rule's ratio (0 for unlisted strata).
 * @throws VALIDATION on invalid parameters.
 */
export function expectedCounts(strataSizes: Map<string, number>, params: DrawParams): Map<string, { size: number; expected: number; ratio: number }> {
  validateParams(params)
  const rules = new Map(params.strata.map((r) => [r.stratum, r]))
  const names = [...new Set([...strataSizes.keys(), ...rules.keys()])].sort(byName)
  const out = new Map<string, { size: number; expected: number; ratio: number }>()
  for (const s of names) {
    const size = strataSizes.get(s) ?? 0
    if (!Number.isSafeInteger(size) || size < 0) throw validation(`分层“${s}”的对象数无效`)
    const rule = rules.get(s)
    out.set(s, { size, expected: countFor(rule, size), ratio: rule?.ratio ?? 0 })
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// The draw
// ---------------------------------------------------------------------------------------------

/**
 * The pool in columnar form, for pools too large to hold as objects: member i (in canonical
 * order) belongs to stratum `strataNames[strataCodes[i]]`. Ids are not needed to draw.
 */
export interface ColumnarPool {
  size: number
  strataCodes: Uint8Array | Uint16Array | Uint32Array
  /** Distinct stratum names; the code of a name is its index. */
  strataNames: readonly string[]
}

/** A columnar draw: the positions (in canonical pool order) of the drawn members, in draw order. */
export interface ColumnarDraw {
  byStratum: Map<string, StratumOutcome>
  drawnIndices: Uint32Array
}

/**
 * The draw over a columnar pool; identical to {@link drawTargets} on the same pool (a test
 * checks it). @throws VALIDATION on invalid parameters or seed.
 */
export function drawTargetsColumnar(pool: ColumnarPool, params: DrawParams, seedHex: string): ColumnarDraw {
  validateParams(params)
  seedBytes(seedHex)
  const { size, strataCodes, strataNames } = pool
  if (strataCodes.length < size) throw new Error('strataCodes shorter than the pool')
  if (new Set(strataNames).size !== strataNames.length) throw new Error('strataNames must be distinct')
  // Counting sort of positions by stratum: members[start[c] … start[c+1]) are stratum c's
  // positions in pool order.
  const nCodes = strataNames.length
  const sizes = new Uint32Array(nCodes)
  for (let i = 0; i < size; i++) {
    const c = strataCodes[i]!
    if (c >= nCodes) throw new Error(`stratum code ${c} has no name`)
    sizes[c]!++
  }
  const start = new Float64Array(nCodes + 1)
  for (let c = 0; c < nCodes; c++) start[c + 1] = start[c]! + sizes[c]!
  const fill = Float64Array.from(start.subarray(0, nCodes))
  const members = new Uint32Array(size)
  for (let i = 0; i < size; i++) members[fill[strataCodes[i]!]!++] = i

  const strataSizes = new Map<string, number>()
  strataNames.forEach((s, c) => strataSizes.set(s, sizes[c]!))
  const expected = expectedCounts(strataSizes, params)
  const codeOf = new Map(strataNames.map((s, c) => [s, c]))
  let total = 0
  for (const e of expected.values()) total += e.expected
  const drawnIndices = new Uint32Array(total)
  const byStratum = new Map<string, StratumOutcome>()
  let o = 0
  for (const [s, e] of expected) {
    byStratum.set(s, { size: e.size, drawn: e.expected })
    if (e.expected === 0) continue
    const c = codeOf.get(s)!
    const base = start[c]!
    const picks = samplePositions(e.size, e.expected, createRandomStream(stratumKey(seedHex, s)))
    for (let i = 0; i < picks.length; i++) drawnIndices[o++] = members[base + picks[i]!]!
  }
  return { byStratum, drawnIndices }
}

function assertCanonical(sortedPool: PoolMember[]): void {
  for (let i = 1; i < sortedPool.length; i++) {
    const a = sortedPool[i - 1]!.entityId
    const b = sortedPool[i]!.entityId
    if (!(a < b)) throw validation(a === b ? `检查对象名录中“${b}”重复` : '检查对象名录未按标识排序，请先调用 canonicalPool')
  }
}

/** Columnar form of an object pool (stratum codes in first-appearance order). */
export function toColumnar(sortedPool: PoolMember[]): ColumnarPool {
  const names: string[] = []
  const codeOf = new Map<string, number>()
  const codes = new Uint16Array(sortedPool.length)
  for (let i = 0; i < sortedPool.length; i++) {
    const s = sortedPool[i]!.stratum
    let c = codeOf.get(s)
    if (c === undefined) {
      c = names.length
      names.push(s)
      codeOf.set(s, c)
    }
    codes[i] = c
  }
  return { size: sortedPool.length, strataCodes: codes, strataNames: names }
}

/**
 * Draws the targets: per stratum, the count of {@link expectedCounts}, sampled without
 * replacement with the stratum's own stream. `sortedPool` must be canonical ({@link canonicalPool}).
 * @throws VALIDATION on an unsorted pool, invalid parameters or seed.
 */
export function drawTargets(sortedPool: PoolMember[], params: DrawParams, seedHex: string): { byStratum: Map<string, StratumOutcome>; drawn: PoolMember[] } {
  assertCanonical(sortedPool)
  const { byStratum, drawnIndices } = drawTargetsColumnar(toColumnar(sortedPool), params, seedHex)
  return { byStratum, drawn: Array.from(drawnIndices, (i) => sortedPool[i]!) }
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

/** What a draw record holds (the fields verification needs). */
export interface DrawRecord {
  algorithm: string
  poolHash: string
  params: DrawParams
  seedHex: string
  /** The drawn entity ids in draw order. */
  drawnEntityIds: string[]
  /** If recorded: checked against {@link paramsHash}(params). */
  paramsHash?: string
  /** If given: the seed is re-derived ({@link deriveSeed}) and the commitment checked. */
  seedInput?: { commitmentSecret: string; drawTimeValue: string; taskId: string; commitment?: string }
}

/** The outcome of a verification: ok, or the zh-CN problems found. */
export interface DrawVerification {
  ok: boolean
  problems: string[]
}

const MAX_LISTED_DIFFERENCES = 5

function short(h: string): string {
  return h.length > 16 ? `${h.slice(0, 16)}…` : h
}

/** Compares a recomputed draw with the recorded ids; zh-CN problems (at most a few listed). */
function compareDrawn(recorded: string[], recomputed: string[]): string[] {
  const problems: string[] = []
  if (recorded.length !== recomputed.length) problems.push(`抽取结果数量不一致（记录 ${recorded.length} 个，重算 ${recomputed.length} 个）`)
  let listed = 0
  let more = 0
  const n = Math.max(recorded.length, recomputed.length)
  for (let i = 0; i < n; i++) {
    if (recorded[i] === recomputed[i]) continue
    if (listed < MAX_LISTED_DIFFERENCES) {
      problems.push(`抽取结果不一致（第 ${i + 1} 个：记录为“${recorded[i] ?? '（无）'}”，重算为“${recomputed[i] ?? '（无）'}”）`)
      listed++
    } else more++
  }
  if (more > 0) problems.push(`抽取结果另有 ${more} 处不一致`)
  return problems
}

function verifyCommon(record: DrawRecord, computedPoolHash: string): { problems: string[]; runnable: boolean } {
  const problems: string[] = []
  if (!SUPPORTED_DRAW_ALGORITHMS.includes(record.algorithm)) {
    problems.push(`算法版本“${record.algorithm}”不受支持（本程序支持：${SUPPORTED_DRAW_ALGORITHMS.join('、')}）`)
    return { problems, runnable: false }
  }
  let runnable = true
  if (record.poolHash !== computedPoolHash) problems.push(`名录快照哈希不一致（记录 ${short(record.poolHash)}，按名录重算 ${short(computedPoolHash)}）`)
  let ph: string | null = null
  try {
    ph = paramsHash(record.params)
  } catch (e) {
    problems.push(`参数无效：${e instanceof Error ? e.message : String(e)}`)
    runnable = false
  }
  if (ph !== null && record.paramsHash !== undefined && record.paramsHash !== ph)
    problems.push(`参数哈希不一致（记录 ${short(record.paramsHash)}，按参数重算 ${short(ph)}）`)
  if (!/^[0-9a-fA-F]{64}$/.test(record.seedHex ?? '')) {
    problems.push('种子格式无效：应为 64 位十六进制')
    runnable = false
  }
  if (record.seedInput && ph !== null && runnable) {
    const si = record.seedInput
    if (si.commitment !== undefined && commitmentOf(si.commitmentSecret) !== si.commitment) problems.push('承诺密钥与公布的承诺值不符')
    try {
      const seed = deriveSeed({
        commitmentSecret: si.commitmentSecret,
        drawTimeValue: si.drawTimeValue,
        taskId: si.taskId,
        poolHash: record.poolHash,
        paramsHash: ph,
      })
      if (seed !== record.seedHex.toLowerCase()) problems.push('种子与承诺密钥、抽取时刻值、名录快照和参数推导的结果不符')
    } catch (e) {
      problems.push(`种子推导失败：${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return { problems, runnable }
}

/**
 * Re-runs a recorded draw on a pool snapshot and compares: the algorithm version, the pool hash,
 * the parameters (and their hash, if recorded), the seed derivation (if its inputs are given) and
 * the drawn list, position by position. Problems are zh-CN, e.g. 名录快照哈希不一致…,
 * 抽取结果不一致（第 n 个…）, 参数无效…. Never throws on a bad record.
 */
export function verifyDraw(record: DrawRecord, sortedPool: PoolMember[]): DrawVerification {
  let computed: string
  try {
    assertCanonical(sortedPool)
    computed = poolHash(sortedPool)
  } catch (e) {
    return { ok: false, problems: [`名录快照无效：${e instanceof Error ? e.message : String(e)}`] }
  }
  const { problems, runnable } = verifyCommon(record, computed)
  if (runnable) {
    const { drawn } = drawTargets(sortedPool, record.params, record.seedHex)
    problems.push(
      ...compareDrawn(
        record.drawnEntityIds,
        drawn.map((m) => m.entityId),
      ),
    )
  }
  return { ok: problems.length === 0, problems }
}

/**
 * {@link verifyDraw} for a columnar pool: `computedPoolHash` is the hash the caller computed
 * while reading the snapshot ({@link createPoolHasher}); `idAt(i)` gives the id at position i.
 */
export function verifyDrawColumnar(record: DrawRecord, pool: ColumnarPool & { computedPoolHash: string; idAt(i: number): string }): DrawVerification {
  const { problems, runnable } = verifyCommon(record, pool.computedPoolHash)
  if (runnable) {
    const { drawnIndices } = drawTargetsColumnar(pool, record.params, record.seedHex)
    problems.push(
      ...compareDrawn(
        record.drawnEntityIds,
        Array.from(drawnIndices, (i) => pool.idAt(i)),
      ),
    )
  }
  return { ok: problems.length === 0, problems }
}

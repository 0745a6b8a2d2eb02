import { createHash } from 'node:crypto'
import { brotliCompress, brotliDecompress, brotliDecompressSync, constants, gunzip, gunzipSync, gzipSync } from 'node:zlib'
import { createPoolHasher, type ColumnarPool, type PoolHasher } from './draw.domain'

/**
 * Compact storage of a draw's frozen lists, append-only like the draw record itself.
 *
 * - The **pool** (kind `pool`): the canonical text the pool hash is taken over, `entityId|stratum`
 *   lines each ending in LF, cut into chunks of the order of 50,000 members (one per read page),
 *   each compressed on its own with Brotli at quality 1 (RFC 7932, `encoding = 'br'`: about 0.40 of
 *   the text for UUID lines, several times faster than gzip at a better ratio). Decompressed and
 *   concatenated in `chunk_no` order, the chunks are exactly the bytes of `jg-draw/1` step 2:
 *   `sha256sum` of that text is the pool hash. A 10-million pool is ~190 chunks, ~160 MB.
 * - The excluded ids and the inspector roster (kinds `excluded`, `roster`): small, tab-separated
 *   lines, gzip ({@link encodeChunks}).
 *
 * The stations of the drawn targets (the only ones the assignment needs) are stored with the
 * drawn list and hashed into the assignment record, not in the pool snapshot.
 */
export const CHUNK_MEMBERS = 50_000

export type ChunkEncoding = 'gzip' | 'br'
export interface Chunk {
  chunkNo: number
  memberCount: number
  encoding: ChunkEncoding
  data: Buffer
}

/** Splits rows (arrays of cells without tabs or line breaks) into gzip'd chunks. */
export function encodeChunks(rows: Iterable<readonly string[]>, size = CHUNK_MEMBERS): Chunk[] {
  const out: Chunk[] = []
  let lines: string[] = []
  const flush = () => {
    if (lines.length === 0) return
    out.push({ chunkNo: out.length, memberCount: lines.length, encoding: 'gzip', data: gzipSync(Buffer.from(lines.join('\n') + '\n', 'utf8'), { level: 6 }) })
    lines = []
  }
  for (const r of rows) {
    lines.push(r.join('\t'))
    if (lines.length >= size) flush()
  }
  flush()
  return out
}

/** The text of one stored chunk. @throws on corrupt data or an unknown encoding */
export function chunkText(c: { encoding: string; data: Buffer | Uint8Array }): string {
  const buf = Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength)
  if (c.encoding === 'gzip') return gunzipSync(buf).toString('utf8')
  if (c.encoding === 'br') return brotliDecompressSync(buf).toString('utf8')
  throw new Error(`未知的压缩格式“${c.encoding}”`)
}

/** {@link chunkText} in the thread pool. @throws (rejects) as chunkText does */
export function chunkTextAsync(c: { encoding: string; data: Buffer | Uint8Array }): Promise<string> {
  const buf = Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength)
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, out: Buffer) => (err ? reject(err) : resolve(out.toString('utf8')))
    if (c.encoding === 'gzip') gunzip(buf, done)
    else if (c.encoding === 'br') brotliDecompress(buf, done)
    else reject(new Error(`未知的压缩格式“${c.encoding}”`))
  })
}

/** Decodes chunks (in chunk order) back into rows of cells. */
export function decodeChunks(chunks: Iterable<{ encoding: string; data: Buffer | Uint8Array }>): string[][] {
  const out: string[][] = []
  for (const c of chunks) {
    for (const line of chunkText(c).split('\n')) if (line.length > 0) out.push(line.split('\t'))
  }
  return out
}

/** The Brotli parameters of the pool snapshot's chunks (also used by the draw's reader thread). */
export const SNAPSHOT_BROTLI_PARAMS: Readonly<Record<number, number>> = { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_LGWIN]: 16 }

/**
 * Brotli (quality 1, 64 KiB window) in the thread pool, off the caller's thread. On the pool's
 * UUID lines the small window is both faster and tighter than the default 4 MiB one (~0.40 of the
 * text instead of ~0.42, ~20 % less CPU); any Brotli decoder reads it.
 */
export function compressText(text: string): Promise<Buffer> {
  const input = Buffer.from(text, 'utf8')
  return new Promise((resolve, reject) => {
    brotliCompress(input, { params: { ...SNAPSHOT_BROTLI_PARAMS, [constants.BROTLI_PARAM_SIZE_HINT]: input.length } }, (err, out) =>
      err ? reject(err) : resolve(out),
    )
  })
}

/**
 * Cuts the lines of given ids out of canonical pages (`id|stratum` lines joined by LF, no trailing
 * LF) that arrive in canonical order: the draw's exclusion list applied to the pool as it is read.
 * `ids` sorted in JavaScript string order, the order the pool hasher checks. Each page costs one
 * forward scan per id that falls within it; pages without such ids come back as they are.
 * `missing()` counts the ids not found on any page so far (all of them are expected to be).
 */
export function createLineCutter(ids: readonly string[]): { page(text: string): string; missing(): number } {
  let next = 0
  let found = 0
  return {
    page(text) {
      if (next >= ids.length || text.length === 0) return text
      const first = text.slice(0, text.indexOf('|'))
      const lastStart = text.lastIndexOf('\n') + 1
      const last = text.slice(lastStart, text.indexOf('|', lastStart))
      // Ids before this page's first line were on no page: they stay missing.
      while (next < ids.length && ids[next]! < first) next++
      const parts: string[] = []
      let from = 0
      while (next < ids.length && ids[next]! <= last) {
        const needle = `${ids[next++]!}|`
        let at = text.indexOf(needle, from)
        // Only at the start of a line (an id may end another one).
        while (at > 0 && text.charCodeAt(at - 1) !== 10) at = text.indexOf(needle, at + 1)
        if (at < 0) continue
        const nl = text.indexOf('\n', at)
        parts.push(text.slice(from, at))
        from = nl < 0 ? text.length : nl + 1
        found++
      }
      if (parts.length === 0) return text
      parts.push(text.slice(from))
      const out = parts.join('')
      // The page's last line was cut: drop the LF it leaves behind.
      return out.endsWith('\n') ? out.slice(0, -1) : out
    },
    missing: () => ids.length - found,
  }
}

/** hex SHA-256 over `a|b\n` lines: used for the inspector roster. */
export function linesHash(rows: Iterable<readonly string[]>): string {
  const h = createHash('sha256')
  for (const r of rows) h.update(`${r.join('|')}\n`, 'utf8')
  return h.digest('hex')
}

// ---------------------------------------------------------------------------------------------
// The pool held column by column
// ---------------------------------------------------------------------------------------------

/**
 * A pool of up to 10⁷ members without one object per member: the canonical text chunks as read
 * (ids are cut out only for the members drawn), one offset and one stratum code per member. Built
 * chunk by chunk ({@link PoolBuilder}) from the database at draw time and from the stored snapshot
 * at verification, with the same checks and hash.
 */
export interface PoolColumns extends ColumnarPool {
  /** The pool hash, computed while reading (`createPoolHasher`). */
  computedPoolHash: string
  /** The text chunks (`entityId|stratum` lines joined by LF, no trailing LF). */
  chunks: string[]
  /** Members per chunk. */
  chunkSizes: number[]
  idAt(i: number): string
  stratumAt(i: number): string
  /** The position of an id in the pool (binary search), or -1. */
  indexOf(entityId: string): number
}

/** Builds {@link PoolColumns} from canonical chunks, checking order and format as it goes. */
export class PoolBuilder {
  private hasher: PoolHasher = createPoolHasher()
  private size = 0
  private offsets = new Uint32Array(1 << 16)
  private codes = new Uint8Array(1 << 16)
  private chunkFirst: number[] = []
  private chunks: string[] = []
  private chunkSizes: number[] = []
  private strataNames: string[] = []
  private strataCode = new Map<string, number>()
  private readonly onLine = (start: number, stratum: string): void => {
    const i = this.size++
    if (i >= this.offsets.length) {
      const o = new Uint32Array(this.offsets.length * 2)
      o.set(this.offsets)
      this.offsets = o
      const c = new Uint8Array(this.codes.length * 2)
      c.set(this.codes)
      this.codes = c
    }
    this.offsets[i] = start
    let code = this.strataCode.get(stratum)
    if (code === undefined) {
      code = this.strataNames.length
      if (code > 255) throw new Error('too many strata')
      this.strataNames.push(stratum)
      this.strataCode.set(stratum, code)
    }
    this.codes[i] = code
  }

  get count(): number {
    return this.size
  }

  /**
   * Adds one chunk: `entityId|stratum` lines joined by LF (no trailing LF), in canonical order
   * after the previous chunk. Checks, hashes and indexes it in one pass.
   * @throws VALIDATION (order, format)
   */
  add(lines: string): void {
    if (lines.length === 0) return
    const first = this.size
    this.hasher.addLines(lines, this.onLine)
    this.chunkFirst.push(first)
    this.chunks.push(lines)
    this.chunkSizes.push(this.size - first)
  }

  finish(): PoolColumns {
    const size = this.size
    const { chunks, chunkFirst, offsets, codes, strataNames } = this
    const chunkOf = (i: number): number => {
      let lo = 0
      let hi = chunkFirst.length - 1
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1
        if (chunkFirst[mid]! <= i) lo = mid
        else hi = mid - 1
      }
      return lo
    }
    const idAt = (i: number): string => {
      if (i < 0 || i >= size) throw new Error(`pool position ${i} out of range`)
      const text = chunks[chunkOf(i)]!
      const st = offsets[i]!
      return text.slice(st, text.indexOf('|', st))
    }
    return {
      size,
      strataCodes: codes.subarray(0, size),
      strataNames,
      computedPoolHash: this.hasher.digest(),
      chunks,
      chunkSizes: this.chunkSizes,
      idAt,
      stratumAt: (i) => strataNames[codes[i]!]!,
      indexOf(entityId) {
        let lo = 0
        let hi = size - 1
        while (lo <= hi) {
          const mid = (lo + hi) >> 1
          const id = idAt(mid)
          if (id === entityId) return mid
          if (id < entityId) lo = mid + 1
          else hi = mid - 1
        }
        return -1
      },
    }
  }
}

/**
 * The portal's proof of work (complaints.portal.ts): find a nonce such that
 * sha256(`${token}:${nonce}`) starts with `difficulty` zero bits. A small synchronous SHA-256
 * (crypto.subtle is missing on plain-HTTP intranet addresses and is slow per tiny hash); the
 * constant prefix is hashed once and only the last block(s) per nonce.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]

const W = new Uint32Array(64)

function compress(h: Uint32Array, b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const j = off + i * 4
    W[i] = ((b[j]! << 24) | (b[j + 1]! << 16) | (b[j + 2]! << 8) | b[j + 3]!) >>> 0
  }
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!
    const y = W[i - 2]!
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) >>> 0
  }
  let a = h[0]!,
    bb = h[1]!,
    c = h[2]!,
    d = h[3]!,
    e = h[4]!,
    f = h[5]!,
    g = h[6]!,
    hh = h[7]!
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
    const ch = (e & f) ^ (~e & g)
    const t1 = (hh + S1 + ch + K[i]! + W[i]!) >>> 0
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
    const maj = (a & bb) ^ (a & c) ^ (bb & c)
    const t2 = (S0 + maj) >>> 0
    hh = g
    g = f
    f = e
    e = (d + t1) >>> 0
    d = c
    c = bb
    bb = a
    a = (t1 + t2) >>> 0
  }
  h[0] = (h[0]! + a) >>> 0
  h[1] = (h[1]! + bb) >>> 0
  h[2] = (h[2]! + c) >>> 0
  h[3] = (h[3]! + d) >>> 0
  h[4] = (h[4]! + e) >>> 0
  h[5] = (h[5]! + f) >>> 0
  h[6] = (h[6]! + g) >>> 0
  h[7] = (h[7]! + hh) >>> 0
}

/** Leading zero bits of a digest given as eight big-endian words. */
export function zeroBits(h: Uint32Array): number {
  let bits = 0
  for (let i = 0; i < 8; i++) {
    const w = h[i]!
    if (w === 0) {
      bits += 32
      continue
    }
    return bits + Math.clz32(w)
  }
  return bits
}

/** A hasher of `${prefix}${suffix}` for many short ASCII suffixes (the prefix's full blocks hashed once). */
export function prefixHasher(prefix: string) {
  const p = new TextEncoder().encode(prefix)
  const full = p.length - (p.length % 64)
  const mid = new Uint32Array(H0)
  for (let o = 0; o < full; o += 64) compress(mid, p, o)
  const rest = p.subarray(full)
  const buf = new Uint8Array(192)
  const h = new Uint32Array(8)
  return (suffix: string): Uint32Array => {
    buf.fill(0)
    buf.set(rest, 0)
    let n = rest.length
    for (let i = 0; i < suffix.length; i++) buf[n++] = suffix.charCodeAt(i) & 0xff
    buf[n] = 0x80
    const blocks = n + 9 <= 64 ? 1 : n + 9 <= 128 ? 2 : 3
    const bitLen = (p.length + suffix.length) * 8
    const end = blocks * 64
    buf[end - 4] = (bitLen >>> 24) & 0xff
    buf[end - 3] = (bitLen >>> 16) & 0xff
    buf[end - 2] = (bitLen >>> 8) & 0xff
    buf[end - 1] = bitLen & 0xff
    h.set(mid)
    for (let b = 0; b < blocks; b++) compress(h, buf, b * 64)
    return h
  }
}

/** Hex SHA-256 of a string whose last 50 characters are ASCII (for checks). */
export function sha256Hex(s: string): string {
  const cut = Math.max(0, s.length - 50)
  return Array.from(prefixHasher(s.slice(0, cut))(s.slice(cut)), (w) => w.toString(16).padStart(8, '0')).join('')
}

/** Tries nonces from..from+count-1; returns the first that meets the difficulty, or null. */
export function searchNonce(token: string, difficulty: number, from: number, count: number): string | null {
  const hash = prefixHasher(`${token}:`)
  for (let n = from; n < from + count; n++) {
    const s = String(n)
    if (zeroBits(hash(s)) >= difficulty) return s
  }
  return null
}

const CHUNK = 20_000

/**
 * Solves the challenge off the main thread (a module worker), or in chunks between frames when
 * workers are unavailable; `onProgress` gets the number of hashes tried so far.
 */
export function solvePow(token: string, difficulty: number, onProgress?: (tried: number) => void, signal?: AbortSignal): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let worker: Worker | null = null
    const abort = () => {
      worker?.terminate()
      reject(new DOMException('已取消', 'AbortError'))
    }
    if (signal?.aborted) return abort()
    signal?.addEventListener('abort', abort, { once: true })
    const inPage = () => {
      let n = 0
      const step = () => {
        if (signal?.aborted) return
        const found = searchNonce(token, difficulty, n, CHUNK)
        n += CHUNK
        onProgress?.(n)
        if (found !== null) resolve(found)
        else setTimeout(step, 0)
      }
      setTimeout(step, 0)
    }
    try {
      worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' })
    } catch {
      inPage()
      return
    }
    worker.onmessage = (e: MessageEvent<{ tried?: number; nonce?: string }>) => {
      if (e.data.nonce !== undefined) {
        worker?.terminate()
        resolve(e.data.nonce)
      } else if (e.data.tried !== undefined) onProgress?.(e.data.tried)
    }
    worker.onerror = (e) => {
      e.preventDefault()
      worker?.terminate()
      worker = null
      inPage()
    }
    worker.postMessage({ token, difficulty, chunk: CHUNK })
  })
}

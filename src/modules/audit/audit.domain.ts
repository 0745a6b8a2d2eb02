import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { AuditLogTable } from './audit.tables'

/** The hashed content of one audit record (everything except the hash itself). */
export type AuditRecordContent = Omit<AuditLogTable, 'hash'>

export const GENESIS_HASH = '0'.repeat(64)

/**
 * Hash chain link: sha256 over the previous hash and a canonical array encoding of the record.
 * An array (not an object) keeps the field order fixed forever; changing it breaks verification of
 * every stored record, so it is frozen.
 */
export function auditHash(r: AuditRecordContent): string {
  const canonical = JSON.stringify([
    r.seq,
    r.id,
    r.at,
    r.actorId,
    r.actorName,
    r.unitId,
    r.action,
    r.targetType,
    r.targetId,
    r.targetLabel,
    r.beforeJson,
    r.afterJson,
    r.requestId,
    r.ip,
  ])
  return createHash('sha256').update(r.prevHash).update('\n').update(canonical).digest('hex')
}

export type ChainProblem =
  | { kind: 'gap'; seq: number; expectedSeq: number }
  | { kind: 'prev_hash'; seq: number; expected: string; actual: string }
  | { kind: 'hash'; seq: number; expected: string; actual: string }
  | { kind: 'head'; seq: number; expected: string; actual: string }
  | { kind: 'anchor'; seq: number; at: string; expected: string; actual: string }
  | { kind: 'tail'; seq: number; checkpointSeq: number; at: string }
  | { kind: 'checkpoint'; line: number; reason: string }

/** zh-CN description of a chain problem. */
export function describeProblem(p: ChainProblem): string {
  switch (p.kind) {
    case 'gap':
      return `第 ${p.expectedSeq} 条审计记录缺失（下一条为第 ${p.seq} 条）：记录被删除或插入`
    case 'prev_hash':
      return `第 ${p.seq} 条审计记录的前序哈希与第 ${p.seq - 1} 条不符：链条被改动`
    case 'hash':
      return `第 ${p.seq} 条审计记录的内容与其哈希不符：记录被篡改`
    case 'head':
      return `审计链头（最后一条为第 ${p.seq} 条）与记录不符：末尾记录被删除或链头被改动`
    case 'anchor':
      return `第 ${p.seq} 条审计记录的哈希与 ${p.at} 签名的检查点不符：该条或其之前的记录被改动后整链重算（审计链被重建）`
    case 'tail':
      return `审计链只到第 ${p.seq} 条，而 ${p.at} 签名的检查点已记到第 ${p.checkpointSeq} 条：末尾记录被截去`
    case 'checkpoint':
      return `检查点文件第 ${p.line} 行无效（${p.reason}）：检查点文件被改动或密钥不符`
  }
}

/**
 * Incremental verifier: feed records in seq order, then `finish` with the stored head.
 * Returns the first problem only — everything after it is untrusted anyway. `anchors` are the
 * signed checkpoints by seq: a record whose hash differs from its checkpoint's means the chain was
 * rebuilt, a head below the last checkpoint means its tail was cut. `start` begins the walk after
 * a trusted record instead of at the genesis.
 */
export function createChainVerifier(
  anchors: ReadonlyMap<number, Checkpoint> = new Map(),
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
) {
  let lastAnchor: Checkpoint | undefined
  for (const c of anchors.values()) if (!lastAnchor || c.seq > lastAnchor.seq) lastAnchor = c
  let expectedSeq = start.seq + 1
  let prevHash = start.hash
  let checked = 0
  let problem: ChainProblem | undefined
  return {
    push(r: AuditRecordContent & { hash: string }): ChainProblem | undefined {
      if (problem) return problem
      if (r.seq !== expectedSeq) return (problem = { kind: 'gap', seq: r.seq, expectedSeq })
      if (r.prevHash !== prevHash) return (problem = { kind: 'prev_hash', seq: r.seq, expected: prevHash, actual: r.prevHash })
      const h = auditHash(r)
      if (h !== r.hash) return (problem = { kind: 'hash', seq: r.seq, expected: h, actual: r.hash })
      const anchor = anchors.get(r.seq)
      if (anchor && anchor.hash !== r.hash) return (problem = { kind: 'anchor', seq: r.seq, at: anchor.at, expected: anchor.hash, actual: r.hash })
      prevHash = r.hash
      expectedSeq++
      checked++
      return undefined
    },
    finish(head: { lastSeq: number; lastHash: string }): { ok: boolean; checked: number; lastHash: string; problem?: ChainProblem } {
      if (!problem && (head.lastSeq !== expectedSeq - 1 || head.lastHash !== prevHash)) {
        problem = { kind: 'head', seq: head.lastSeq, expected: prevHash, actual: head.lastHash }
      }
      if (!problem && lastAnchor && lastAnchor.seq > head.lastSeq) {
        problem = { kind: 'tail', seq: head.lastSeq, checkpointSeq: lastAnchor.seq, at: lastAnchor.at }
      }
      return problem ? { ok: false, checked, lastHash: prevHash, problem } : { ok: true, checked, lastHash: prevHash }
    },
  }
}

/**
 * A signed checkpoint of the chain: "at `at`, record `seq` had hash `hash`". Kept outside the
 * database (audit.anchor.ts), signed with a key the database never sees, so whoever can rewrite the
 * database cannot rebuild the chain or cut its tail without contradicting one (ADR 0005).
 */
export interface Checkpoint {
  seq: number
  hash: string
  /** UTC instant the checkpoint was taken (ISO 8601). */
  at: string
  /** Host and process that wrote it, for the reader of the file. */
  node: string
}
const CHECKPOINT_DOMAIN = 'jianguan-audit-checkpoint-v1'

/** HMAC-SHA256 over a fixed encoding of the checkpoint; the encoding is frozen like `auditHash`. */
export function checkpointMac(key: string, c: Checkpoint): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([CHECKPOINT_DOMAIN, c.seq, c.hash, c.at, c.node]))
    .digest('hex')
}

/** One line of the checkpoint file. */
export function formatCheckpoint(key: string, c: Checkpoint): string {
  return JSON.stringify({ v: 1, ...c, mac: checkpointMac(key, c) })
}

/** Parses and authenticates one line; a reason (zh-CN) when it is malformed or its signature is wrong. */
export function parseCheckpoint(key: string, line: string): Checkpoint | { reason: string } {
  let o: unknown
  try {
    o = JSON.parse(line)
  } catch {
    return { reason: '不是 JSON' }
  }
  const r = o as Record<string, unknown>
  if (
    typeof r !== 'object' ||
    r === null ||
    r.v !== 1 ||
    !Number.isSafeInteger(r.seq) ||
    (r.seq as number) < 0 ||
    typeof r.hash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(r.hash) ||
    typeof r.at !== 'string' ||
    typeof r.node !== 'string' ||
    typeof r.mac !== 'string'
  ) {
    return { reason: '格式不符' }
  }
  const c: Checkpoint = { seq: r.seq as number, hash: r.hash, at: r.at, node: r.node }
  const expected = Buffer.from(checkpointMac(key, c), 'hex')
  const actual = Buffer.from(/^[0-9a-f]{64}$/.test(r.mac) ? r.mac : '', 'hex')
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { reason: '签名不符' }
  return c
}

const SENSITIVE_KEYS = new Set(['passwordHash', 'password', 'tokenHash', 'token', 'csrfToken', 'idHash'])
const SENSITIVE_MARKERS = [...SENSITIVE_KEYS].map((k) => `"${k}":`)

/** Serialises a before/after snapshot for the trail, dropping secrets. */
export function snapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null
  // A replacer function makes JSON.stringify call back for every key (several times slower on a
  // wide row). Most snapshots hold no secret: serialise plainly, and only when a secret key occurs
  // as a key ("key": — inside a string value its quotes would be escaped) redo it with the replacer.
  const plain = JSON.stringify(value)
  if (plain === undefined || !SENSITIVE_MARKERS.some((m) => plain.includes(m))) return plain ?? null
  return JSON.stringify(value, (k, v: unknown) => (SENSITIVE_KEYS.has(k) ? '[已隐去]' : v))
}

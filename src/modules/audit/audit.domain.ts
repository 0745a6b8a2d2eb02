import { createHash } from 'node:crypto'
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
    r.seq, r.id, r.at, r.actorId, r.actorName, r.unitId, r.action, r.targetType, r.targetId,
    r.targetLabel, r.beforeJson, r.afterJson, r.requestId, r.ip,
  ])
  return createHash('sha256').update(r.prevHash).update('\n').update(canonical).digest('hex')
}

export type ChainProblem =
  | { kind: 'gap'; seq: number; expectedSeq: number }
  | { kind: 'prev_hash'; seq: number; expected: string; actual: string }
  | { kind: 'hash'; seq: number; expected: string; actual: string }
  | { kind: 'head'; seq: number; expected: string; actual: string }

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
  }
}

/**
 * Incremental verifier: feed records in seq order, then `finish` with the stored head.
 * Returns the first problem only — everything after it is untrusted anyway.
 */
export function createChainVerifier() {
  let expectedSeq = 1
  let prevHash = GENESIS_HASH
  let checked = 0
  let problem: ChainProblem | undefined
  return {
    push(r: AuditRecordContent & { hash: string }): ChainProblem | undefined {
      if (problem) return problem
      if (r.seq !== expectedSeq) return (problem = { kind: 'gap', seq: r.seq, expectedSeq })
      if (r.prevHash !== prevHash) return (problem = { kind: 'prev_hash', seq: r.seq, expected: prevHash, actual: r.prevHash })
      const h = auditHash(r)
      if (h !== r.hash) return (problem = { kind: 'hash', seq: r.seq, expected: h, actual: r.hash })
      prevHash = r.hash
      expectedSeq++
      checked++
      return undefined
    },
    finish(head: { lastSeq: number; lastHash: string }): { ok: boolean; checked: number; lastHash: string; problem?: ChainProblem } {
      if (!problem && (head.lastSeq !== expectedSeq - 1 || head.lastHash !== prevHash)) {
        problem = { kind: 'head', seq: head.lastSeq, expected: prevHash, actual: head.lastHash }
      }
      return problem ? { ok: false, checked, lastHash: prevHash, problem } : { ok: true, checked, lastHash: prevHash }
    },
  }
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

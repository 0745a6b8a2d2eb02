import { assertCan, inScope, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Executor, Trx } from '../../core/db/database'
import { batchCollector, type BatchCollector } from '../../core/db/group-commit'
import { escapeLike, likeEscaped } from '../../core/db/dialect'
import { newId } from '../../core/ids'
import { offsetOf, type PageQuery } from '../../core/pagination'
import { AppError } from '../../core/errors'
import type { AuditAction, AuditTargetType } from '../../shared/audit/vocabulary'
import { createAuditAnchor } from './audit.anchor'
import { auditHash, createChainVerifier, describeProblem, GENESIS_HASH, snapshot, type ChainProblem, type Checkpoint } from './audit.domain'
import { createAuditRepo, type AuditRow, type AuditSearch } from './audit.repo'

export interface AuditEntry {
  /** Dotted verb, e.g. 'user.create', 'rule.amend', 'user.personal_data.view'; each has a Chinese name in src/shared/audit. */
  action: AuditAction
  targetType: AuditTargetType
  targetId?: string | null
  /** Human label of the target at the time (name, number), so the trail reads without joins. */
  targetLabel?: string | null
  /** Org unit the change belongs to; drives who may read the record. */
  unitId?: string | null
  before?: unknown
  after?: unknown
}

/** Key of the audit records a group commit's batch holds until its flush. */
const BATCH_KEY = Symbol('audit.pendingRecords')

/** Converts a China calendar date to the UTC instant of its start (China is UTC+8, no DST). */
function chinaDayStartUtc(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString()
}
function chinaDayEndUtc(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString()
}

/**
 * The tamper-evident audit trail. `record` must be called with the transaction of the change it
 * describes, so the change and its record commit or fail together. There is no update or delete
 * path (and the database refuses both).
 */
export function createAuditService({ db, dialect, clock, config }: Pick<CoreDeps, 'db' | 'dialect' | 'clock' | 'config'>) {
  const repo = createAuditRepo(dialect)
  const anchor = createAuditAnchor(config.auditAnchor)

  /** A group commit's batch: its records, chained and written once, just before its commit. */
  class PendingRecords implements BatchCollector {
    readonly entries: Array<Omit<AuditRow, 'seq' | 'prevHash' | 'hash'>> = []
    mark() {
      return this.entries.length
    }
    truncate(mark: number) {
      this.entries.length = mark
    }
    async flush(trx: Trx) {
      if (this.entries.length === 0) return
      const head = await repo.lockHead(trx)
      let seq = head.lastSeq
      let prevHash = head.lastHash
      const rows = this.entries.map((c) => {
        const content = { seq: ++seq, ...c, prevHash }
        const row: AuditRow = { ...content, hash: auditHash(content) }
        prevHash = row.hash
        return row
      })
      await repo.insertMany(trx, rows)
    }
  }

  /**
   * Appends the record to the chain in the transaction `trx`. Inside a group commit's batch
   * (core/db/group-commit.ts) the record is kept and chained with the batch's others just before
   * the commit; the content (time, actor, snapshots) is fixed now either way.
   */
  async function record(trx: Executor, ctx: Ctx, e: AuditEntry): Promise<void> {
    const entry = {
      id: newId(),
      at: clock.now().toISOString(),
      actorId: ctx.actor.userId,
      actorName: ctx.actor.kind === 'token' ? `${ctx.actor.displayName}（接口令牌）` : ctx.actor.displayName,
      unitId: e.unitId ?? ctx.actor.primaryUnitId ?? null,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId ?? null,
      targetLabel: e.targetLabel ?? null,
      beforeJson: snapshot(e.before),
      afterJson: snapshot(e.after),
      requestId: ctx.requestId,
      ip: ctx.ip,
    }
    const pending = batchCollector(trx, BATCH_KEY, () => new PendingRecords())
    if (pending) {
      pending.entries.push(entry)
      return
    }
    const head = await repo.lockHead(trx)
    const content = { seq: head.lastSeq + 1, ...entry, prevHash: head.lastHash }
    await repo.insert(trx, { ...content, hash: auditHash(content) })
  }

  /** Records a view of protected personal data in its own transaction. */
  async function recordView(ctx: Ctx, e: Omit<AuditEntry, 'before' | 'after'> & { fields: string[] }): Promise<void> {
    await db.transaction().execute((trx) => record(trx, ctx, { ...e, after: { fields: e.fields } }))
  }

  async function search(ctx: Ctx, q: AuditSearch & PageQuery) {
    const scope = assertCan(ctx.actor, 'audit.read')
    let base = db.selectFrom('auditLog').where((eb) => inScope(eb, scope, ctx.actor, 'audit_log.unit_id'))
    if (q.actor) {
      const p = `%${escapeLike(q.actor)}%`
      base = base.where((eb) => eb.or([eb('actorId', '=', q.actor!), likeEscaped(dialect, 'audit_log.actor_name', p)]))
    }
    if (q.action) base = base.where(likeEscaped(dialect, 'audit_log.action', `${escapeLike(q.action)}%`))
    if (q.targetType) base = base.where('targetType', '=', q.targetType)
    if (q.targetId) base = base.where('targetId', '=', q.targetId)
    if (q.text) base = base.where(likeEscaped(dialect, 'audit_log.target_label', `%${escapeLike(q.text)}%`))
    if (q.from) base = base.where('at', '>=', chinaDayStartUtc(q.from))
    if (q.to) base = base.where('at', '<', chinaDayEndUtc(q.to))
    const [items, count] = await Promise.all([
      base.selectAll().orderBy('seq', 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items, total: Number(count.n), page: q.page, pageSize: q.pageSize }
  }

  /** Feeds the records after `afterSeq` up to `toSeq` to the verifier, in batches (flat memory). */
  async function walk(
    v: ReturnType<typeof createChainVerifier>,
    afterSeq: number,
    toSeq: number,
    total: number,
    onProgress?: (checked: number, total: number) => void,
  ) {
    let after = afterSeq
    for (;;) {
      const rows = await repo.batch(db, after, 5000)
      let stop = rows.length < 5000
      for (const r of rows) {
        if (r.seq > toSeq || v.push(r)) {
          stop = true
          break
        }
      }
      if (rows.length === 0) return
      after = rows[rows.length - 1]!.seq
      onProgress?.(after, total)
      if (stop) return
    }
  }

  /** The checkpoints of the anchor file by seq (the earliest for a seq wins: a later one cannot re-bless a rebuilt chain). */
  function anchorsBySeq(checkpoints: Checkpoint[]) {
    const bySeq = new Map<number, Checkpoint>()
    for (const c of checkpoints) if (!bySeq.has(c.seq)) bySeq.set(c.seq, c)
    return bySeq
  }

  /**
   * Walks the whole chain in seq order and reports the first record that does not check out,
   * against the chain's own hashes and head and against the signed checkpoints outside the
   * database (a rebuilt chain, a cut tail). Reads in batches, so memory stays flat however long
   * the trail is.
   */
  async function verify(onProgress?: (checked: number, total: number) => void) {
    const head = await repo.readHead(db)
    const file = anchor.read()
    const anchors = anchorsBySeq(file.checkpoints)
    const v = createChainVerifier(anchors)
    await walk(v, 0, Number.MAX_SAFE_INTEGER, head.lastSeq, onProgress)
    const result = v.finish(head)
    const problem: ChainProblem | undefined = result.problem ?? (file.bad ? { kind: 'checkpoint', ...file.bad } : undefined)
    const last = file.checkpoints.reduce<Checkpoint | null>((m, c) => (!m || c.seq > m.seq ? c : m), null)
    return {
      ok: !problem,
      checked: result.checked,
      total: head.lastSeq,
      lastHash: result.ok ? result.lastHash : head.lastHash,
      firstBadSeq: problem ? firstBad(problem) : null,
      problem: problem ? describeProblem(problem) : null,
      checkpoints: file.checkpoints.length,
      lastCheckpoint: last ? { seq: last.seq, at: last.at } : null,
    }
  }

  function firstBad(p: ChainProblem): number | null {
    switch (p.kind) {
      case 'gap':
        // The first bad record is the missing one, not the intact record after it.
        return p.expectedSeq
      case 'tail':
        return p.seq + 1
      case 'checkpoint':
        return null
      default:
        return p.seq
    }
  }

  /**
   * Writes a signed checkpoint of the current head to the anchor file (the server does so on a
   * schedule, `jianguan audit checkpoint` on demand). It first checks the records since the last
   * checkpoint, so a chain broken since then is reported, never signed. Nothing is written when
   * the head has not moved.
   */
  async function checkpoint(): Promise<{ written: boolean; seq: number; hash: string; at: string }> {
    const head = await repo.readHead(db)
    const file = anchor.read()
    if (file.bad) throw new AppError('CONFLICT', describeProblem({ kind: 'checkpoint', ...file.bad }))
    const last = file.checkpoints.reduce<Checkpoint | null>((m, c) => (!m || c.seq > m.seq ? c : m), null)
    if (last && last.seq === head.lastSeq && last.hash === head.lastHash) return { written: false, seq: last.seq, hash: last.hash, at: last.at }
    let start = { seq: 0, hash: GENESIS_HASH }
    if (last && last.seq > 0) {
      const r = await repo.findBySeq(db, last.seq)
      if (!r || r.hash !== last.hash) {
        const p: ChainProblem = r
          ? { kind: 'anchor', seq: last.seq, at: last.at, expected: last.hash, actual: r.hash }
          : { kind: 'tail', seq: head.lastSeq, checkpointSeq: last.seq, at: last.at }
        throw new AppError('CONFLICT', `审计链与检查点不符，未写入新检查点：${describeProblem(p)}`)
      }
      start = { seq: last.seq, hash: last.hash }
    }
    const v = createChainVerifier(anchorsBySeq(file.checkpoints), start)
    await walk(v, start.seq, head.lastSeq, head.lastSeq)
    const result = v.finish(head)
    if (result.problem) throw new AppError('CONFLICT', `审计链校验失败，未写入新检查点：${describeProblem(result.problem)}`)
    const c = anchor.append({ seq: head.lastSeq, hash: head.lastHash, at: clock.now().toISOString() })
    return { written: true, seq: c.seq, hash: c.hash, at: c.at }
  }

  return { record, recordView, search, verify, checkpoint, anchorFile: anchor.file, genesis: GENESIS_HASH }
}
export type AuditService = ReturnType<typeof createAuditService>

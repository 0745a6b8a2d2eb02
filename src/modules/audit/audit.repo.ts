import type { Selectable } from 'kysely'
import type { Executor } from '../../core/db/database'
import { forUpdate } from '../../core/db/dialect'
import { compiledInsert, preparedStatement } from '../../core/db/prepared'
import type { Database } from '../../core/db/types'
import type { Dialect } from '../../core/db/database'
import type { AuditLogTable } from './audit.tables'

export type AuditRow = Selectable<AuditLogTable>

export interface AuditSearch {
  actor?: string
  action?: string
  targetType?: string
  targetId?: string
  from?: string
  to?: string
  text?: string
}

export function createAuditRepo(dialect: Dialect) {
  // Every audited write runs these three statements: compiled once (see core/db/prepared.ts).
  const headForUpdate = preparedStatement(1, (d: Executor, id: number) =>
    forUpdate(dialect, d.selectFrom('auditHead').select(['lastSeq', 'lastHash']).where('id', '=', id)),
  )
  const insertRow = compiledInsert<Database>('auditLog')
  const moveHead = preparedStatement(3, (d: Executor, seq: number, hash: string, id: number) =>
    d.updateTable('auditHead').set({ lastSeq: seq, lastHash: hash }).where('id', '=', id),
  )
  return {
    /** Reads and locks the chain head for the rest of the transaction. */
    async lockHead(trx: Executor) {
      const [head] = await headForUpdate(trx, 1)
      if (!head) throw new Error('audit_head row missing')
      return head
    },
    readHead(db: Executor) {
      return db.selectFrom('auditHead').select(['lastSeq', 'lastHash']).where('id', '=', 1).executeTakeFirstOrThrow()
    },
    async insert(trx: Executor, row: AuditRow) {
      await insertRow(trx, row)
      await moveHead(trx, row.seq, row.hash, 1)
    },
    /** Consecutive records (seq order) and the head moved once to the last. */
    async insertMany(trx: Executor, rows: AuditRow[]) {
      if (rows.length === 0) return
      // PostgreSQL: one statement, one round trip (rows ≤ a batch, 16 columns each); SQLite has no
      // round trip to save, and the compiled single-row insert is cheaper than building one.
      // On PostgreSQL the head moves in the same statement (the rows as a data-modifying CTE).
      const last = rows[rows.length - 1]!
      if (dialect === 'postgres') {
        await trx
          .with('jg_audit_rows', (d) => d.insertInto('auditLog').values(rows))
          .updateTable('auditHead')
          .set({ lastSeq: last.seq, lastHash: last.hash })
          .where('id', '=', 1)
          .execute()
        return
      }
      for (const row of rows) await insertRow(trx, row)
      await moveHead(trx, last.seq, last.hash, 1)
    },
    /** Records after `afterSeq`, in order, for verification in batches. */
    batch(db: Executor, afterSeq: number, limit: number) {
      return db.selectFrom('auditLog').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute()
    },
    findBySeq(db: Executor, seq: number) {
      return db.selectFrom('auditLog').selectAll().where('seq', '=', seq).executeTakeFirst()
    },
  }
}
export type AuditRepo = ReturnType<typeof createAuditRepo>

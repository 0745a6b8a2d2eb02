import type { Selectable } from 'kysely'
import type { Executor } from '../../core/db/database'
import { forUpdate } from '../../core/db/dialect'
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
  return {
    /** Reads and locks the chain head for the rest of the transaction. */
    lockHead(trx: Executor) {
      return forUpdate(dialect, trx.selectFrom('auditHead').select(['lastSeq', 'lastHash']).where('id', '=', 1)).executeTakeFirstOrThrow()
    },
    readHead(db: Executor) {
      return db.selectFrom('auditHead').select(['lastSeq', 'lastHash']).where('id', '=', 1).executeTakeFirstOrThrow()
    },
    async insert(trx: Executor, row: AuditRow) {
      await trx.insertInto('auditLog').values(row).execute()
      await trx.updateTable('auditHead').set({ lastSeq: row.seq, lastHash: row.hash }).where('id', '=', 1).execute()
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

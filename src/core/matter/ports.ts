import type { Ctx } from '../actor'
import type { Executor } from '../db/database'
import type { ClockEffect } from '../../shared/kernel/workflow'

/**
 * What the matter kernel needs from outside core, as narrow ports: core imports no module, so the
 * audit trail and the clock table are handed in by the module that owns the matter.
 */

/** One audit record (the audit module's `AuditEntry`, structurally). */
export interface AuditRecord {
  action: string
  targetType: string
  targetId?: string | null
  targetLabel?: string | null
  unitId?: string | null
  before?: unknown
  after?: unknown
}

/** The audit trail: `record` runs in the transaction of the change it describes. */
export interface AuditPort {
  record(trx: Executor, ctx: Ctx, e: AuditRecord): Promise<void>
}

/** The matter a clock belongs to. */
export interface MatterRef {
  type: string
  id: string
  unitId: string
}

/** The statutory clock table (core/matter/clocks*.ts): applies an action's clock effects in the action's transaction. */
export interface ClockPort {
  apply(trx: Executor, matter: MatterRef, effects: readonly ClockEffect[], eventDate: string): Promise<void>
}

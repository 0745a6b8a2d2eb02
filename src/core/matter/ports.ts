import type { Ctx } from '../actor'
import type { Executor, Trx } from '../db/database'
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

/** The matter a kernel call is about. */
export interface MatterRef {
  /** Matter type, e.g. 'complaint', 'case_lead' (the workflow's `type`). */
  type: string
  id: string
  /** The matter's unit (data scope of its clocks). */
  unitId: string | null
  /** The date the rule versions are chosen by (12315: the receipt date); defaults to the event date. */
  referenceDate?: string
}

/** Applies a workflow action's clock effects (start / stop / pause / resume / extend) on its event date. */
export interface ClockPort {
  apply(trx: Trx, matter: MatterRef, effects: readonly ClockEffect[], eventDate: string): Promise<void>
}

/**
 * Ports between the matter kernel's parts (records, clocks, documents…): each a narrow interface,
 * so a helper depends on what it calls, not on how it is built.
 */
import type { Trx } from '../db/database'
import type { ClockEffect } from '../../shared/kernel/workflow'

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

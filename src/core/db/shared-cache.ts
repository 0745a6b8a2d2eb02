import type { Clock } from '../clock'
import type { Db, Executor } from './database'

/**
 * A value loaded from the database and cached per process, shared correctly by several app
 * processes: writers bump a version row (`app_setting`) in their transaction; readers re-check that
 * version at most every `recheckMs` and reload when it moved. Used for reference data that is read on
 * every deadline computation and changed rarely (the holiday calendar, the rule catalogue).
 */
export function createSharedCache<T>(opts: { db: Db; clock: Clock; key: string; load: () => Promise<T>; recheckMs?: number }) {
  const recheckMs = opts.recheckMs ?? 5_000
  let cached: { value: T; version: string; checkedAt: number } | undefined

  async function readVersion(): Promise<string> {
    const r = await opts.db.selectFrom('appSetting').select('value').where('key', '=', opts.key).executeTakeFirst()
    return r?.value ?? '0'
  }

  return {
    /** The current value; at most `recheckMs` stale with respect to other processes' writes. */
    async get(): Promise<T> {
      const now = Date.now()
      if (cached && now - cached.checkedAt < recheckMs) return cached.value
      const version = await readVersion()
      if (cached && cached.version === version) {
        cached.checkedAt = now
        return cached.value
      }
      const value = await opts.load()
      cached = { value, version, checkedAt: now }
      return value
    },
    /** Call inside the writing transaction: other processes reload on their next check. */
    async bump(trx: Executor): Promise<void> {
      const now = opts.clock.now().toISOString()
      const v = `${Date.now()}${Math.random().toString(36).slice(2, 6)}`
      const r = await trx.updateTable('appSetting').set({ value: v, updatedAt: now }).where('key', '=', opts.key).executeTakeFirst()
      if (Number(r.numUpdatedRows) === 0) await trx.insertInto('appSetting').values({ key: opts.key, value: v, updatedAt: now }).execute()
    },
    /** This process reloads on its next read (after its own commit). */
    invalidate(): void {
      cached = undefined
    },
  }
}

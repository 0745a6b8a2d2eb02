/**
 * Register counts (the list's exact total): an exact count over a million rows costs a scan of an
 * index (~30 ms on SQLite, more on PostgreSQL), and fifty users opening the register at once would
 * run fifty of them. So a count is computed once per (scope, filters) at a time — concurrent
 * requests share it — and reused for TTL_MS; every write of the register in this process (manual
 * create/edit, import batches) drops the cache, so a process's own changes show at once. Changes
 * written by another process show within TTL_MS.
 */
export const COUNT_TTL_MS = 5_000

export interface CountCache {
  get(key: string, compute: () => Promise<number>): Promise<number>
  clear(): void
}

export function createCountCache(ttlMs = COUNT_TTL_MS, now: () => number = () => Date.now()): CountCache {
  const entries = new Map<string, { at: number; value: Promise<number> }>()
  let generation = 0
  return {
    get(key, compute) {
      const hit = entries.get(key)
      if (hit && now() - hit.at < ttlMs) return hit.value
      const gen = generation
      const value = compute()
      const entry = { at: now(), value }
      entries.set(key, entry)
      // A failed count is not kept; nor is one that started before a write.
      value.then(
        () => {
          if (gen !== generation && entries.get(key) === entry) entries.delete(key)
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key)
        },
      )
      if (entries.size > 1000) entries.delete(entries.keys().next().value!)
      return value
    },
    clear() {
      generation++
      entries.clear()
    },
  }
}

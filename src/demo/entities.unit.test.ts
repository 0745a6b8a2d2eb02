import { describe, expect, it } from 'vitest'
import { demoEntityRows } from './entities'

describe('demo register names', () => {
  it('repeat rarely, as in a real register (no name on more than 2 of 20,000 rows), but a few true repeats remain', () => {
    const count = new Map<string, number>()
    for (const r of demoEntityRows(20_000)) count.set(r[1]!, (count.get(r[1]!) ?? 0) + 1)
    const repeated = [...count.values()].filter((n) => n > 1)
    expect(Math.max(...repeated)).toBeLessThanOrEqual(2)
    expect(repeated.length).toBeGreaterThan(0)
    expect(repeated.length).toBeLessThan(100)
    expect(count.size).toBeGreaterThan(19_800)
  })
})

import { describe, expect, it } from 'vitest'
import { createCountCache } from './count-cache'

describe('register count cache', () => {
  it('shares one computation between concurrent requests, reuses it within the TTL, recomputes after it and after clear()', async () => {
    let t = 0
    let runs = 0
    const cache = createCountCache(5_000, () => t)
    const compute = async () => ++runs * 10
    const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)])
    expect([a, b, runs]).toEqual([10, 10, 1])
    t = 4_999
    expect(await cache.get('k', compute)).toBe(10)
    t = 5_000
    expect(await cache.get('k', compute)).toBe(20)
    cache.clear()
    expect(await cache.get('k', compute)).toBe(30)
    expect(await cache.get('other', compute)).toBe(40)
  })

  it('does not keep a failed count', async () => {
    const cache = createCountCache(5_000, () => 0)
    await expect(cache.get('k', () => Promise.reject(new Error('x')))).rejects.toThrow('x')
    expect(await cache.get('k', async () => 7)).toBe(7)
  })
})

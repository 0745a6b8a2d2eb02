import { describe, expect, it } from 'vitest'
import { createRandomStream } from './draw.domain'
import { createLineCutter } from './inspections.snapshot'

/**
 * The exclusion list cut out of the pool's pages as they are read: the result must be exactly the
 * pages without those lines (never a line more or less), whatever page the ids fall on.
 */
describe('createLineCutter', () => {
  const cutAll = (pages: string[], ids: string[]) => {
    const cut = createLineCutter([...ids].sort())
    return { pages: pages.map((p) => cut.page(p)), missing: cut.missing() }
  }

  it('cuts first, middle and last lines, whole pages, and leaves other pages as they are', () => {
    const pages = ['a|A\nb|B\nc|C', 'd|A\ne|N', 'f|D\ng|A']
    expect(cutAll(pages, ['a', 'c', 'd', 'e', 'g'])).toEqual({ pages: ['b|B', '', 'f|D'], missing: 0 })
    expect(cutAll(pages, [])).toEqual({ pages, missing: 0 })
    expect(cutAll(pages, ['b']).pages).toEqual(['a|A\nc|C', pages[1], pages[2]])
  })

  it('matches whole ids only (an id may end or begin another one) and counts ids on no page', () => {
    const pages = ['ab|A\nb|B\nbc|C\nxb|A']
    expect(cutAll(pages, ['b'])).toEqual({ pages: ['ab|A\nbc|C\nxb|A'], missing: 0 })
    expect(cutAll(pages, ['a', 'bb', 'c', 'zz'])).toEqual({ pages, missing: 4 })
  })

  it('agrees with filtering line by line on random pools and exclusion lists', () => {
    const rng = createRandomStream(Buffer.alloc(32, 0x42))
    for (let round = 0; round < 200; round++) {
      const n = 1 + rng.below(300)
      const ids = [...new Set(Array.from({ length: n }, () => rng.below(5000).toString(36)))].sort()
      const lines = ids.map((id) => `${id}|${'ABCDN'[rng.below(5)]}`)
      const pages: string[] = []
      for (let i = 0; i < lines.length;) {
        const k = 1 + rng.below(40)
        pages.push(lines.slice(i, i + k).join('\n'))
        i += k
      }
      const excluded = ids.filter(() => rng.below(4) === 0)
      const gone = new Set(excluded)
      const expected = pages.map((p) =>
        p
          .split('\n')
          .filter((l) => !gone.has(l.slice(0, l.indexOf('|'))))
          .join('\n'),
      )
      expect(cutAll(pages, excluded)).toEqual({ pages: expected, missing: 0 })
    }
  })
})

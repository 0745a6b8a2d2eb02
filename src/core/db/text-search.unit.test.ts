import { describe, expect, it } from 'vitest'
import { gramsOf, normaliseSearchText, queryGrams, selectGrams } from './text-search'

describe('gram selection (pure)', () => {
  it('normalises full-width, case and spaces, and cuts letters and digits into bigrams', () => {
    expect(normaliseSearchText('ＡＢ ｃ１')).toBe('abc1')
    expect(gramsOf('恒达 超市')).toEqual(['恒达', '达超', '超市'])
    expect(gramsOf('A-B商行')).toEqual(['ab', 'b商', '商行'])
    expect(queryGrams('超')).toEqual([])
    expect(queryGrams('超超超')).toEqual(['超超'])
  })

  it('takes the two rarest grams, in query order on ties, and all of a short query', () => {
    expect(selectGrams(['丰顺', '顺百', '百货', '货有'], [2000, 12, 2000, 2000])).toEqual(['顺百', '丰顺'])
    expect(selectGrams(['a', 'b', 'c'], [5, 0, 7])).toEqual(['b', 'a'])
    expect(selectGrams(['a', 'b', 'c'], [0, 0, 0])).toEqual(['a', 'b'])
    expect(selectGrams(['a'], [3])).toEqual(['a'])
    // A missing figure counts as most common.
    expect(selectGrams(['a', 'b', 'c'], [9])).toEqual(['a', 'b'])
  })
})

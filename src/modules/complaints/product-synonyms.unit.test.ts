import { describe, expect, it } from 'vitest'
import { PRODUCT_TREE } from '../../../web/src/components/complaint/labels'
import { PRODUCT_SYNONYMS, productMatches } from '../../../web/src/components/complaint/productSynonyms'
import { PRODUCT_CODES } from './complaints.domain'

/** The intake's 商品/服务分类 search (issue 12, point 9): everyday words find the class. */
const found = (q: string) =>
  PRODUCT_TREE.flatMap((n) => [n, ...(n.children ?? [])])
    .filter((n) => productMatches(q, n.value, n.title))
    .map((n) => n.value)

describe('product classification synonyms', () => {
  it('finds 乳制品 for 酸奶, 预付卡消费 for 健身卡, 家用电器 for 电热水壶', () => {
    expect(found('酸奶')).toEqual(['0103'])
    expect(found('健身卡')).toContain('0605')
    expect(found('电热水壶')).toEqual(['0303'])
  })
  it('still finds classes by name and by code, and nothing for an unrelated word', () => {
    expect(found('乳制品')).toEqual(['0103'])
    expect(found('0603')).toEqual(['0603'])
    expect(found('量子计算机')).toEqual([])
  })
  it('every synonym belongs to a class that exists', () => {
    for (const code of Object.keys(PRODUCT_SYNONYMS)) expect(PRODUCT_CODES).toHaveProperty(code)
  })
})

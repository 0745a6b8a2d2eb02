import { describe, expect, it } from 'vitest'
import { rankTerms, risingTerms, selectTerms, STOP_WORDS, type TaggedWord } from './hot-topics.domain'
import { createTermExtractor } from './hot-topics'

const w = (word: string, tag = 'n'): TaggedWord => ({ word, tag })

describe('selectTerms', () => {
  it('keeps nouns and domain words, drops stop words, names, places, numbers and duplicates', () => {
    const words = [
      w('口罩'),
      w('价格'),
      w('口罩'),
      w('投诉'),
      w('张三', 'nr'),
      w('解放区', 'ns'),
      w('13912345678', 'm'),
      w('2020', 'm'),
      w('哄抬', 'v'),
      w('哄抬价格', 'nz'),
      w('的', 'uj'),
      w('贵', 'a'),
      w('，', 'x'),
      w('N95', 'eng'),
      w('药', 'n'),
    ]
    expect(selectTerms(words, new Set(['哄抬价格']))).toEqual(['口罩', '价格', '哄抬价格', 'N95'])
  })
  it('lets domain vocabulary through whatever its tag', () => {
    expect(selectTerms([w('跑路', 'v'), w('退卡', 'v')], new Set(['跑路']))).toEqual(['跑路'])
  })
  it('caps the number of terms and rejects digit runs inside words', () => {
    const many = Array.from({ length: 30 }, (_, i) => w(`词${String.fromCharCode(0x4e00 + i)}`))
    expect(selectTerms(many, new Set(), 5)).toHaveLength(5)
    expect(selectTerms([w('订单123456'), w('电话号码')], new Set())).toEqual(['电话号码'])
  })
  it('treats every stop word as a stop word', () => {
    expect(
      selectTerms(
        [...STOP_WORDS].map((s) => w(s)),
        new Set(),
      ),
    ).toEqual([])
  })
})

describe('ranking', () => {
  const cur = [
    { term: '口罩', items: 40 },
    { term: '消毒液', items: 20 },
    { term: '退款', items: 10 },
    { term: '新词', items: 2 },
    { term: '甲', items: 10 },
  ]
  const prev = [
    { term: '口罩', items: 2 },
    { term: '退款', items: 30 },
    { term: '甲', items: 10 },
  ]
  it('orders top terms by items, ties by term, with shares of both periods', () => {
    const r = rankTerms(cur, prev, 100, 100, 4)
    expect(r.map((x) => x.term)).toEqual(['口罩', '消毒液', '甲', '退款'])
    expect(r[0]).toEqual({ term: '口罩', items: 40, share: 0.4, prevItems: 2, prevShare: 0.02, growth: 20 })
    expect(r[1]!.growth).toBeNull()
  })
  it('rising terms gain share, need minimum support and are ordered by the gain in share', () => {
    const r = risingTerms(cur, prev, 100, 200, 10, 3)
    // 口罩 0.02→... prev share 2/200 = 0.01, now 0.4; 消毒液 0 → 0.2; 甲 0.05 → 0.1; 退款 0.15 → 0.1 (falls); 新词 below minItems.
    expect(r.map((x) => x.term)).toEqual(['口罩', '消毒液', '甲'])
  })
  it('handles empty periods', () => {
    expect(rankTerms([], [], 0, 0, 10)).toEqual([])
    expect(risingTerms([{ term: 'a', items: 5 }], [], 0, 0, 10)[0]).toBeUndefined()
  })
})

describe('jieba extraction (the real segmenter)', () => {
  const x = createTermExtractor()
  it('never makes a hot topic of legal-form suffixes, registration papers or test entries', () => {
    const terms = x.extract('焦作市鑫源商贸有限公司营业执照上的统一社会信用代码与实际不符，该有限责任公司销售过期食品。测试 test 测试数据')
    expect(terms).toContain('过期食品')
    for (const stop of ['有限公司', '有限责任公司', '营业执照', '统一社会信用代码', '测试', 'test', '测试数据']) expect(terms).not.toContain(stop)
    expect(selectTerms([w('TEST', 'eng'), w('Demo', 'eng'), w('营业执照'), w('口罩')], new Set())).toEqual(['口罩'])
  })

  it('extracts the topic of a price complaint and keeps personal data out', () => {
    const terms = x.extract('本人张伟于2020年1月28日在解放区某大药房购买一次性医用口罩，每只售价8元，商家涉嫌哄抬价格，联系电话13912345678。')
    expect(terms).toEqual(expect.arrayContaining(['口罩', '哄抬价格', '药房']))
    expect(terms.some((t) => /\d/.test(t))).toBe(false)
    expect(terms).not.toContain('张伟')
  })
  it('finds the same product word in different phrasings', () => {
    expect(x.extract('药店口罩价格过高')).toContain('口罩')
    expect(x.extract('N95口罩高价销售')).toContain('口罩')
    expect(x.extract('84消毒液价格翻倍')).toContain('消毒液')
  })
  it('returns nothing for empty text', () => {
    expect(x.extract('   ')).toEqual([])
  })
})

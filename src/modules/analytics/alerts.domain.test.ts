import { describe, expect, it } from 'vitest'
import { evaluateMonitoredProduct, evaluateShare, evaluateVolumeSpike } from './alerts.domain'

describe('volume spike', () => {
  const flat = Array.from({ length: 28 }, () => 10)
  it('fires at k × the trailing average, not below', () => {
    expect(evaluateVolumeSpike({ multiplier: 3, minItems: 20 }, 30, flat)).toMatchObject({ fired: true, value: 30, threshold: 30 })
    expect(evaluateVolumeSpike({ multiplier: 3, minItems: 20 }, 29, flat).fired).toBe(false)
  })
  it('needs a minimum volume, so small numbers do not alarm', () => {
    const quiet = Array.from({ length: 28 }, () => 1)
    expect(evaluateVolumeSpike({ multiplier: 3, minItems: 20 }, 10, quiet).fired).toBe(false)
    expect(evaluateVolumeSpike({ multiplier: 3, minItems: 5 }, 10, quiet).fired).toBe(true)
  })
  it('counts days without items in the average', () => {
    const sparse = [...Array.from({ length: 14 }, () => 0), ...Array.from({ length: 14 }, () => 20)]
    const v = evaluateVolumeSpike({ multiplier: 3, minItems: 1 }, 30, sparse)
    expect(v.detail.trailingAverage).toBe(10)
    expect(v.fired).toBe(true)
  })
  it('fires on the first busy day after an empty window', () => {
    expect(
      evaluateVolumeSpike(
        { multiplier: 3, minItems: 20 },
        25,
        Array.from({ length: 28 }, () => 0),
      ),
    ).toMatchObject({ fired: true, threshold: 0 })
  })
  it('explains itself in Chinese', () => {
    expect(evaluateVolumeSpike({ multiplier: 3, minItems: 20 }, 30, flat).message).toMatch(/当日登记 30 件，为前 28 日日均 10 件的 3 倍/)
  })
})

describe('share rules', () => {
  const counts = [
    { key: 'price', label: '价格', items: 55 },
    { key: 'quality', label: '质量', items: 30 },
    { key: 'other', label: '其他', items: 15 },
  ]
  it('fires when the largest key is strictly above the share', () => {
    expect(evaluateShare({ sharePct: 50, minItems: 10, only: null }, 100, counts, '分类')).toMatchObject({
      fired: true,
      value: 55,
      title: '单一分类占比过高：价格',
    })
    expect(evaluateShare({ sharePct: 55, minItems: 10, only: null }, 100, counts, '分类').fired).toBe(false)
  })
  it('watches only the named key when one is set', () => {
    expect(evaluateShare({ sharePct: 25, minItems: 10, only: 'quality' }, 100, counts, '分类')).toMatchObject({ fired: true, value: 30 })
    expect(evaluateShare({ sharePct: 25, minItems: 10, only: 'ip' }, 100, counts, '分类')).toMatchObject({ fired: false, value: 0 })
  })
  it('needs the day to have enough items', () => {
    expect(evaluateShare({ sharePct: 50, minItems: 200, only: null }, 100, counts, '分类').fired).toBe(false)
    expect(evaluateShare({ sharePct: 50, minItems: 1, only: null }, 0, [], '热词').fired).toBe(false)
  })
  it('breaks ties by key', () => {
    const tie = [
      { key: 'b', label: 'B', items: 6 },
      { key: 'a', label: 'A', items: 6 },
    ]
    expect(evaluateShare({ sharePct: 40, minItems: 1, only: null }, 10, tie, '热词').detail.key).toBe('a')
  })
})

describe('monitored product', () => {
  it('fires from the minimum count on', () => {
    const p = { minItems: 5, productCodes: ['0203'], keywords: ['口罩'] }
    expect(evaluateMonitoredProduct(p, 5, '口罩').fired).toBe(true)
    expect(evaluateMonitoredProduct(p, 4, '口罩').fired).toBe(false)
    expect(evaluateMonitoredProduct(p, 5, '口罩').title).toBe('重点监测商品价格投诉：口罩')
  })
})

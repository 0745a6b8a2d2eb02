import { describe, expect, it } from 'vitest'
import { capacityOf, type CapacityInput } from './inspections.domain'

const base = (over: Partial<CapacityInput> = {}): CapacityInput => ({
  strata: [{ label: 'D 类（高风险）', size: 8, ratio: 1, expected: 8 }],
  poolSize: 8,
  excludedCount: 0,
  perTarget: 2,
  groups: [{ label: '解放区局·登记注册与信息公示', caps: [1, 2, 3, 4, 5].map((n) => ({ userId: `u${n}`, cap: 4 })) }],
  ...over,
})

describe('capacityOf (can the task be drawn before it is announced)', () => {
  it('accepts enough inspectors whose load limits cover targets × inspectors per target', () => {
    expect(capacityOf(base())).toMatchObject({ feasible: true, problems: [], groups: [{ inspectors: 5, need: 16, capacity: 20 }] })
  })

  it('refuses when nothing would be drawn, naming the pool', () => {
    const c = capacityOf(base({ strata: [{ label: 'D 类（高风险）', size: 0, ratio: 1, expected: 0 }], poolSize: 0, excludedCount: 3 }))
    expect(c.feasible).toBe(false)
    expect(c.problems).toEqual(['按任务的范围和比例抽不到任何检查对象（当前符合条件的对象共 0 户，另有 3 户因一年内已抽查而排除）；请调整对象范围或抽查比例'])
    expect(c.warnings).toEqual(['D 类（高风险）当前没有符合条件的对象，该分层将不抽取'])
  })

  it('refuses fewer inspectors than each target needs, and load limits that do not add up', () => {
    expect(capacityOf(base({ groups: [{ label: 'g', caps: [{ userId: 'a', cap: 30 }] }] })).problems).toEqual(['【g】可派检查人员 1 名，少于每户所需的 2 名'])
    // Zero-load inspectors do not count.
    expect(
      capacityOf(
        base({
          groups: [
            {
              label: 'g',
              caps: [
                { userId: 'a', cap: 30 },
                { userId: 'b', cap: 0 },
              ],
            },
          ],
        }),
      ).feasible,
    ).toBe(false)
    const low = capacityOf(base({ groups: [{ label: 'g', caps: [1, 2, 3, 4, 5].map((n) => ({ userId: `u${n}`, cap: 3 })) }] }))
    expect(low.feasible).toBe(false)
    expect(low.problems[0]).toMatch(/^【g】负荷上限合计不足：8 户 × 每户 2 人需要 16 人次，5 名检查人员最多承担 15 人次/)
  })

  it('counts an inspector at most once per target, however high the limit', () => {
    // Two inspectors with limit 100 cover 8 targets × 2 exactly; three targets per inspector would not.
    expect(
      capacityOf(
        base({
          groups: [
            {
              label: 'g',
              caps: [
                { userId: 'a', cap: 100 },
                { userId: 'b', cap: 100 },
              ],
            },
          ],
        }),
      ).groups[0],
    ).toMatchObject({ need: 16, capacity: 16 })
    expect(
      capacityOf(
        base({
          perTarget: 3,
          groups: [
            {
              label: 'g',
              caps: [
                { userId: 'a', cap: 100 },
                { userId: 'b', cap: 100 },
                { userId: 'c', cap: 2 },
              ],
            },
          ],
        }),
      ).feasible,
    ).toBe(false)
  })

  it('shares one load limit among the groups an inspector serves', () => {
    const caps = [
      { userId: 'a', cap: 8 },
      { userId: 'b', cap: 8 },
    ]
    const c = capacityOf(
      base({
        groups: [
          { label: 'g1', caps },
          { label: 'g2', caps },
        ],
      }),
    )
    expect(c.feasible).toBe(false)
    expect(c.problems[0]).toMatch(/各分组共用检查人员，负荷上限合计不足：共需 32 人次，最多承担 16 人次/)
  })

  it('warns (does not refuse) when a stratum minimum exceeds its size', () => {
    const c = capacityOf(
      base({
        strata: [
          { label: 'A 类（低风险）', size: 2, ratio: 0.5, min: 5, expected: 2 },
          { label: 'D 类（高风险）', size: 8, ratio: 1, expected: 8 },
        ],
      }),
    )
    expect(c.feasible).toBe(true)
    expect(c.warnings).toEqual(['A 类（低风险）仅有 2 户，少于最少抽取数 5，将全部抽取'])
  })
})

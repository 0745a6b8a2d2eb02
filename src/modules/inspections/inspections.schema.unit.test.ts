import { describe, expect, it } from 'vitest'
import { TaskScope } from './inspections.schema'

describe('TaskScope industries', () => {
  it('accepts GB/T 4754 codes in either case and keeps them upper-case', () => {
    expect(TaskScope.parse({ industries: [' f52 ', 'H6241', 'c'] }).industries).toEqual(['F52', 'H6241', 'C'])
  })

  it('refuses anything else with a zh-CN reason', () => {
    const r = TaskScope.safeParse({ industries: ['zz'] })
    expect(r.success).toBe(false)
    expect(r.error!.issues[0]!.message).toBe('行业代码格式不正确')
    expect(TaskScope.safeParse({ industries: ['F123456'] }).success).toBe(false)
  })
})

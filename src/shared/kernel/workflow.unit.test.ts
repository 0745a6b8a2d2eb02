import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineWorkflow } from './workflow'

const wf = defineWorkflow({
  type: 'demo',
  label: '示例事项',
  initial: 'new',
  states: { new: { label: '待处理' }, open: { label: '办理中' }, done: { label: '已办结', final: true } },
  clocks: { handle: { label: '办理期限', rule: 'demo.handle' } },
  actions: {
    open: { label: '受理', from: ['new'], to: 'open', permission: ['demo.handle'], audit: 'lead.create', clocks: [{ op: 'start', clock: 'handle' }] },
    note: {
      label: '记录',
      from: ['new', 'open'],
      to: 'same',
      permission: ['demo.handle', 'demo.note'],
      audit: 'lead.decide',
      input: z.object({ text: z.string().min(1, '请填写内容').max(10) }),
    },
    close: { label: '办结', from: ['open'], to: 'done', permission: ['demo.close'], audit: 'credit.decide', clocks: [{ op: 'stop', clock: 'handle' }] },
  },
})

describe('defineWorkflow', () => {
  it('derives targets, allowed and available actions', () => {
    expect(wf.target('new', 'open')).toBe('open')
    expect(wf.target('open', 'note')).toBe('open')
    expect(wf.target('done', 'note')).toBeNull()
    expect(wf.allowed('open')).toEqual(['note', 'close'])
    expect(wf.available('open', ['demo.note'])).toEqual(['note'])
    expect(wf.finalStates).toEqual(['done'])
  })
  it('decides: state first, then permission, then input', () => {
    expect(wf.decide('done', 'close', { permissions: [] })).toMatchObject({
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      message: '示例事项处于“已办结”状态，不能执行“办结”',
    })
    expect(wf.decide('open', 'close', { permissions: ['demo.handle'] })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(wf.decide('open', 'note', { permissions: ['demo.note'], body: { text: '' } })).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      message: 'text：请填写内容',
    })
    expect(wf.decide('open', 'note', { permissions: ['demo.note'], body: { text: '好' } })).toEqual({ ok: true, from: 'open', to: 'open' })
    expect(wf.decide('new', 'open', { body: { extra: 1 } })).toMatchObject({ ok: false, code: 'VALIDATION' })
  })
  it('gives the full matrix', () => {
    const m = wf.matrix()
    expect(m).toHaveLength(9)
    expect(m.filter((c) => c.allowed).map((c) => `${c.state}.${c.action}`)).toEqual(['new.open', 'new.note', 'open.note', 'open.close'])
  })
  it('finds declaration problems', () => {
    expect(wf.problems()).toEqual([])
    const bad = defineWorkflow<'a' | 'b' | 'z' | 'orphan', 'go' | 'back'>({
      type: 'bad',
      label: '坏',
      initial: 'a',
      states: { a: { label: 'A' }, b: { label: 'B' }, z: { label: 'Z', final: true }, orphan: { label: 'O' } },
      actions: {
        go: { label: '去', from: ['a'], to: 'b', permission: ['x'], audit: 'lead.decide', clocks: [{ op: 'start', clock: 'nope' }] },
        back: { label: '回', from: ['z'], to: 'a', permission: [], audit: 'lead.decide' },
      },
    })
    expect(bad.problems()).toEqual([
      'action go: clock nope is not declared',
      'action back: leaves the final state z',
      'action back: needs a permission',
      'state b is not final but has no way out',
      'state z is unreachable from a',
      'state orphan is unreachable from a',
      'state orphan is not final but has no way out',
    ])
  })
  it('checks the clocks started on creation', () => {
    const spec = {
      type: 'c',
      label: '创',
      initial: 'a',
      states: { a: { label: 'A' }, z: { label: 'Z', final: true } },
      actions: { end: { label: '结', from: ['a'], to: 'z', permission: ['p'], audit: 'lead.decide' } },
    } as const
    expect(defineWorkflow({ ...spec, clocks: { k: { label: 'K', rule: null } }, onCreate: [{ op: 'start', clock: 'k' }] }).problems()).toEqual([])
    expect(defineWorkflow({ ...spec, onCreate: [{ op: 'start', clock: 'k' }] }).problems()).toEqual(['on create: clock k is not declared'])
  })
})

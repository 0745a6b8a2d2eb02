import { describe, expect, it } from 'vitest'
import { menuFor, type WebModule } from '../shared/kernel/menu'
import { z } from 'zod'
import { defineExport, defineModule, wireModules } from './module'

describe('wireModules', () => {
  it('delivers each contribution to the module accepting it, in module order', () => {
    const got: string[] = []
    const owner = defineModule({ name: 'entities', label: '经营主体', accepts: { profileSections: (s) => got.push(s.key) } })
    const section = (key: string) => ({ key, title: key, permission: 'lead.read', load: () => Promise.resolve({ count: 0, columns: [], rows: [] }) })
    wireModules([
      defineModule({ name: 'a', label: 'A', contributes: { profileSections: [section('a1'), section('a2')] } }),
      owner,
      defineModule({ name: 'b', label: 'B', contributes: { profileSections: [section('b1')] } }),
    ])
    expect(got).toEqual(['a1', 'a2', 'b1'])
  })

  it('refuses a contribution nobody accepts, and a module, permission or scheduled kind declared twice', () => {
    const provider = { key: 'x', title: 'x', permission: 'lead.read', load: () => Promise.resolve([]) }
    expect(() => wireModules([defineModule({ name: 'a', label: 'A', contributes: { workProviders: [provider] } })])).toThrow('没有模块接收')
    expect(() => wireModules([defineModule({ name: 'a', label: 'A' }), defineModule({ name: 'a', label: 'A' })])).toThrow('模块「a」重复')
    expect(() =>
      wireModules([defineModule({ name: 'a', label: 'A', permissions: ['lead.read'] }), defineModule({ name: 'b', label: 'B', permissions: ['lead.read'] })]),
    ).toThrow('权限「lead.read」重复')
    const job = { kind: 'a.tick', label: '定时', everyMs: 1000, run: () => Promise.resolve() }
    expect(() => wireModules([defineModule({ name: 'a', label: 'A', scheduled: [job] }), defineModule({ name: 'b', label: 'B', scheduled: [job] })])).toThrow(
      '任务类型「a.tick」重复',
    )
    // An export job's kind shares the one job-kind namespace with the scheduled ones.
    const exp = defineExport({
      kind: 'a.tick',
      label: '导出',
      permission: 'lead.read',
      payload: z.object({}),
      unit: '条',
      fileName: () => 'a.xlsx',
      count: () => Promise.resolve(0),
      write: () => Promise.resolve(0),
    })
    expect(() => wireModules([defineModule({ name: 'a', label: 'A', scheduled: [job], exports: [exp] })])).toThrow('任务类型「a.tick」重复')
  })
})

describe('menuFor', () => {
  const web: WebModule[] = [
    {
      module: 'b',
      routes: [],
      menu: [
        { key: 'b.2', path: '/b2', label: '乙二', icon: 'HomeOutlined', group: 'data', order: 20, permission: 'lead.read' },
        { key: 'b.1', path: '/b1', label: '乙一', icon: 'HomeOutlined', group: 'home', order: 20 },
      ],
    },
    {
      module: 'a',
      routes: [],
      menu: [
        { key: 'a.1', path: '/a1', label: '甲一', icon: 'HomeOutlined', group: 'home', order: 10 },
        { key: 'a.2', path: '/a2', label: '甲二', icon: 'HomeOutlined', group: 'security', order: 10, permission: 'audit.read' },
      ],
    },
  ]

  it('orders groups and entries across modules, and keeps only what the user may open', () => {
    const all = menuFor(web, () => true)
    expect(all.map((g) => [g.label, g.items.map((i) => i.key)])).toEqual([
      [null, ['a.1', 'b.1']],
      ['业务数据', ['b.2']],
      ['安全审计', ['a.2']],
    ])
    expect(menuFor(web, (p) => p === 'lead.read').map((g) => g.group)).toEqual(['home', 'data'])
  })
})

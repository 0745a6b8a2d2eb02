import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  ASSIGN_ALGORITHM,
  assignInspectors,
  checkAssignment,
  verifyAssignment,
  type AssignParams,
  type AssignTarget,
  type Assignment,
  type Inspector,
} from './assign.domain'
import { createRandomStream } from './draw.domain'

const seedOf = (label: string | number) => createHash('sha256').update(`assign-seed:${label}`).digest('hex')
const LINES = ['食品', '特种设备', '价格', '综合']

function ins(userId: string, lines: string[], maxLoad: number | null, opts: { unitId?: string; conflicts?: string[] } = {}): Inspector {
  return { userId, unitId: opts.unitId ?? 'BUREAU', lines, maxLoad, conflicts: opts.conflicts ?? [] }
}
function tgt(entityId: string, line: string, stationUnitId: string | null = null): AssignTarget {
  return { entityId, line, stationUnitId }
}

/** The constraints, checked here independently of the module's own checkAssignment. */
function violations(assignments: Assignment[], targets: AssignTarget[], inspectors: Inspector[], params: AssignParams, requireFull = true): string[] {
  const out: string[] = []
  const byId = new Map(inspectors.map((i) => [i.userId, i]))
  const load = new Map<string, number>()
  const seen = new Set<string>()
  for (const a of assignments) {
    const t = targets.find((x) => x.entityId === a.entityId)
    if (!t) {
      out.push(`unknown target ${a.entityId}`)
      continue
    }
    if (seen.has(t.entityId)) out.push(`target twice ${t.entityId}`)
    seen.add(t.entityId)
    if (new Set(a.inspectorIds).size !== a.inspectorIds.length) out.push(`duplicate inspector on ${t.entityId}`)
    if (requireFull && a.inspectorIds.length < params.perTarget) out.push(`short ${t.entityId}`)
    for (const u of a.inspectorIds) {
      const i = byId.get(u)!
      load.set(u, (load.get(u) ?? 0) + 1)
      if (!i.lines.includes(t.line)) out.push(`line ${u} ${t.entityId}`)
      if (i.conflicts.includes(t.entityId)) out.push(`conflict ${u} ${t.entityId}`)
      if (params.excludeDailyStation && t.stationUnitId !== null && i.unitId === t.stationUnitId) out.push(`station ${u} ${t.entityId}`)
    }
  }
  if (requireFull) for (const t of targets) if (!seen.has(t.entityId)) out.push(`missing ${t.entityId}`)
  for (const [u, n] of load) {
    const cap = byId.get(u)!.maxLoad ?? params.maxLoadDefault ?? Infinity
    if (n > cap) out.push(`load ${u} ${n} > ${cap}`)
  }
  return out
}

/** A random roster and target list with lines, stations and declared conflicts. */
function randomInstance(label: string, nTargets: number, nInspectors: number, maxLoad: number) {
  const rng = createRandomStream(Buffer.from(seedOf(`inst-${label}`), 'hex'))
  const targets: AssignTarget[] = Array.from({ length: nTargets }, (_, i) => tgt(`E${String(i).padStart(5, '0')}`, LINES[rng.below(4)]!, `S${rng.below(12)}`))
  const inspectors: Inspector[] = Array.from({ length: nInspectors }, (_, i) => {
    const lines = [LINES[i % 4]!]
    if (rng.below(3) === 0) lines.push(LINES[(i + 1 + rng.below(3)) % 4]!)
    const conflicts = Array.from({ length: rng.below(4) }, () => targets[rng.below(nTargets)]!.entityId)
    return ins(`U${String(i).padStart(4, '0')}`, lines, maxLoad, { unitId: `S${rng.below(12)}`, conflicts })
  })
  return { targets, inspectors }
}

function loads(assignments: Assignment[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const a of assignments) for (const u of a.inspectorIds) m.set(u, (m.get(u) ?? 0) + 1)
  return m
}

const P2: AssignParams = { perTarget: 2, excludeDailyStation: true }

describe('assignInspectors: constraints', () => {
  it('staffs every target with distinct inspectors of its line, no conflict, no daily station, within loads', () => {
    for (const r of ['a', 'b', 'c']) {
      const { targets, inspectors } = randomInstance(r, 400, 80, 14)
      const res = assignInspectors(targets, inspectors, P2, seedOf(r))
      expect(res.ok).toBe(true)
      if (!res.ok) return
      expect(violations(res.assignments, targets, inspectors, P2)).toEqual([])
      expect(checkAssignment(res.assignments, targets, inspectors, P2)).toEqual([])
      expect(res.assignments.map((a) => a.entityId)).toEqual(targets.map((t) => t.entityId).sort())
      expect(Math.max(...loads(res.assignments).values())).toBe(res.maxAssignedLoad)
    }
  })

  it('honours perTarget above 2 and maxLoadDefault for inspectors without their own limit', () => {
    const targets = Array.from({ length: 6 }, (_, i) => tgt(`E${i}`, '食品'))
    const inspectors = [ins('A', ['食品'], null), ins('B', ['食品'], null), ins('C', ['食品'], null), ins('D', ['食品'], 6)]
    const params: AssignParams = { perTarget: 3, excludeDailyStation: false, maxLoadDefault: 4 }
    const res = assignInspectors(targets, inspectors, params, seedOf('p3'))
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(violations(res.assignments, targets, inspectors, params)).toEqual([])
    expect(res.assignments.every((a) => a.inspectorIds.length === 3)).toBe(true)
    // 18 places; A, B, C (default limit 4) give at most 12, so D must take all 6 targets
    expect(res.maxAssignedLoad).toBe(6)
    expect(loads(res.assignments)).toEqual(
      new Map([
        ['A', 4],
        ['B', 4],
        ['C', 4],
        ['D', 6],
      ]),
    )
    const tooLow = assignInspectors(targets, inspectors, { ...params, maxLoadDefault: 3 }, seedOf('p3'))
    expect(tooLow.ok).toBe(false) // 3 + 3 + 3 + 6 = 15 < 18
  })

  it('the daily station is only excluded when the task says so', () => {
    const targets = [tgt('E1', '价格', 'S1')]
    const inspectors = [ins('A', ['价格'], 5, { unitId: 'S1' }), ins('B', ['价格'], 5, { unitId: 'S1' }), ins('C', ['价格'], 5, { unitId: 'S2' })]
    expect(assignInspectors(targets, inspectors, { perTarget: 2, excludeDailyStation: false }, seedOf(1)).ok).toBe(true)
    const res = assignInspectors(targets, inspectors, P2, seedOf(1))
    expect(res.ok).toBe(false)
  })

  it('is reproducible, independent of input order, and changes with the seed', () => {
    const { targets, inspectors } = randomInstance('rep', 200, 40, 20)
    const a = assignInspectors(targets, inspectors, P2, seedOf('x'))
    const b = assignInspectors([...targets].reverse(), [...inspectors].reverse(), P2, seedOf('x'))
    const c = assignInspectors(targets, inspectors, P2, seedOf('y'))
    expect(a.ok && b.ok && c.ok).toBe(true)
    if (!a.ok || !b.ok || !c.ok) return
    expect(b.assignments).toEqual(a.assignments)
    expect(c.assignments).not.toEqual(a.assignments)
  })

  it('spreads the load: the maximum load is the smallest possible, and who gets what varies with the seed', () => {
    const targets = Array.from({ length: 50 }, (_, i) => tgt(`E${i}`, '综合'))
    const inspectors = Array.from({ length: 10 }, (_, i) => ins(`U${i}`, ['综合'], 50))
    const seen = new Set<string>()
    for (let r = 0; r < 10; r++) {
      const res = assignInspectors(targets, inspectors, P2, seedOf(`fair${r}`))
      expect(res.ok).toBe(true)
      if (!res.ok) return
      expect(res.maxAssignedLoad).toBe(10) // 100 places / 10 people
      expect([...loads(res.assignments).values()]).toEqual(Array(10).fill(10))
      seen.add(res.assignments[0]!.inspectorIds.join())
    }
    expect(seen.size).toBeGreaterThan(5)
  })

  it('every inspector of a line is picked about equally often over many seeds', () => {
    // 1 target, 2 of 8 inspectors, 1,600 seeds: each inspector expected 400 times. χ² bound at
    // p = 0.001 for 7 degrees of freedom is 24.322 (table value; the draw tests compute such
    // bounds and check them against the tables).
    const inspectors = Array.from({ length: 8 }, (_, i) => ins(`U${i}`, ['食品'], 1))
    const counts = new Map(inspectors.map((i) => [i.userId, 0]))
    for (let r = 0; r < 1600; r++) {
      const res = assignInspectors([tgt('E1', '食品')], inspectors, P2, seedOf(`u${r}`))
      if (!res.ok) throw new Error('unexpected')
      for (const u of res.assignments[0]!.inspectorIds) counts.set(u, counts.get(u)! + 1)
    }
    const stat = [...counts.values()].reduce((s, o) => s + (o - 400) ** 2 / 400, 0)
    expect(stat).toBeLessThan(24.322)
  })
})

describe('assignInspectors: solves what a greedy would not', () => {
  it('keeps the only two 价格 inspectors for the 价格 target even when the 食品 target comes first', () => {
    // A greedy taking the first eligible people gives 食品 target E1 {A, B}; then E2 (价格) has
    // only D left. The flow gives E1 {B, C} and E2 {A, D}.
    const targets = [tgt('E1', '食品'), tgt('E2', '价格')]
    const inspectors = [ins('A', ['食品', '价格'], 1), ins('B', ['食品'], 1), ins('C', ['食品'], 1), ins('D', ['价格'], 1)]
    for (let r = 0; r < 30; r++) {
      const res = assignInspectors(targets, inspectors, P2, seedOf(`g${r}`))
      expect(res.ok).toBe(true)
      if (!res.ok) return
      expect(res.assignments.find((a) => a.entityId === 'E2')!.inspectorIds.sort()).toEqual(['A', 'D'])
      expect(res.assignments.find((a) => a.entityId === 'E1')!.inspectorIds.sort()).toEqual(['B', 'C'])
    }
  })

  it('finds the unique feasible assignment of a chain of conflicts, stations and loads', () => {
    // Targets T0…T5 on one line; inspector Ii may serve only Ti and Ti+1 (conflicts with all
    // others), load 2; plus I6 serving T0 and T5. Every target needs 2: a perfect cycle.
    const n = 6
    const targets = Array.from({ length: n }, (_, i) => tgt(`T${i}`, '特种设备'))
    const inspectors = Array.from({ length: n }, (_, i) =>
      ins(`I${i}`, ['特种设备'], 2, {
        conflicts: targets.filter((_, j) => j !== i && j !== (i + 1) % n).map((t) => t.entityId),
      }),
    )
    for (let r = 0; r < 20; r++) {
      const res = assignInspectors(targets, inspectors, P2, seedOf(`c${r}`))
      expect(res.ok).toBe(true)
      if (!res.ok) return
      expect(violations(res.assignments, targets, inspectors, P2)).toEqual([])
    }
  })

  it('falls back to the full graph when the sparse one cannot staff a target (only 2 of 40 fit)', () => {
    // F1…F19 (station SX) need 38 places from I02…I39 (load 1 each; I00, I01 belong to SX). The
    // single target T1 can take anyone, but only I00 and I01 are left for it. Its sparse edges
    // keep 32 of the 40 in a seeded order, which often misses one of the two.
    const inspectors = Array.from({ length: 40 }, (_, i) => ins(`I${String(i).padStart(2, '0')}`, ['食品'], 1, { unitId: i < 2 ? 'SX' : 'BUREAU' }))
    const targets = [tgt('T1', '食品'), ...Array.from({ length: 19 }, (_, i) => tgt(`F${String(i).padStart(2, '0')}`, '食品', 'SX'))]
    for (let r = 0; r < 20; r++) {
      const res = assignInspectors(targets, inspectors, P2, seedOf(`fb${r}`))
      expect(res.ok).toBe(true)
      if (!res.ok) return
      expect(violations(res.assignments, targets, inspectors, P2)).toEqual([])
      expect(res.assignments.find((a) => a.entityId === 'T1')!.inspectorIds.sort()).toEqual(['I00', 'I01'])
    }
  })

  it('finds an assignment exactly when one exists (brute force on small random instances)', () => {
    const rng = createRandomStream(Buffer.from(seedOf('brute'), 'hex'))
    let feasibleSeen = 0
    let infeasibleSeen = 0
    for (let inst = 0; inst < 250; inst++) {
      const nT = 1 + rng.below(4)
      const nI = 2 + rng.below(4)
      const targets = Array.from({ length: nT }, (_, i) => tgt(`T${i}`, ['甲', '乙'][rng.below(2)]!, `S${rng.below(2)}`))
      const inspectors = Array.from({ length: nI }, (_, i) =>
        ins(`I${i}`, rng.below(3) === 0 ? ['甲', '乙'] : [['甲', '乙'][rng.below(2)]!], rng.below(4), {
          unitId: `S${rng.below(3)}`,
          conflicts: targets.filter(() => rng.below(5) === 0).map((t) => t.entityId),
        }),
      )
      const params: AssignParams = { perTarget: 2, excludeDailyStation: rng.below(2) === 0 }
      const exists = bruteForceFeasible(targets, inspectors, params)
      const res = assignInspectors(targets, inspectors, params, seedOf(`b${inst}`))
      expect(res.ok).toBe(exists)
      if (res.ok) {
        feasibleSeen++
        expect(violations(res.assignments, targets, inspectors, params)).toEqual([])
      } else {
        infeasibleSeen++
        expect(violations(res.partial.assignments, targets, inspectors, params, false)).toEqual([])
        expect(res.explanation.length).toBeGreaterThan(1)
      }
    }
    expect(feasibleSeen).toBeGreaterThan(20)
    expect(infeasibleSeen).toBeGreaterThan(20)
  })
})

function bruteForceFeasible(targets: AssignTarget[], inspectors: Inspector[], params: AssignParams): boolean {
  const options = targets.map((t) => {
    const ok = inspectors.filter(
      (i) => i.lines.includes(t.line) && !i.conflicts.includes(t.entityId) && !(params.excludeDailyStation && i.unitId === t.stationUnitId),
    )
    const pairs: string[][] = []
    for (let a = 0; a < ok.length; a++) for (let b = a + 1; b < ok.length; b++) pairs.push([ok[a]!.userId, ok[b]!.userId])
    return pairs
  })
  const cap = new Map(inspectors.map((i) => [i.userId, i.maxLoad ?? Infinity]))
  const load = new Map<string, number>()
  const go = (t: number): boolean => {
    if (t === targets.length) return true
    for (const pair of options[t]!) {
      if (pair.some((u) => (load.get(u) ?? 0) + 1 > cap.get(u)!)) continue
      for (const u of pair) load.set(u, (load.get(u) ?? 0) + 1)
      const found = go(t + 1)
      for (const u of pair) load.set(u, load.get(u)! - 1)
      if (found) return true
    }
    return false
  }
  return go(0)
}

describe('assignInspectors: infeasible inputs are explained', () => {
  const expectInfeasible = (targets: AssignTarget[], inspectors: Inspector[], params: AssignParams = P2) => {
    const res = assignInspectors(targets, inspectors, params, seedOf('inf'))
    expect(res.ok).toBe(false)
    if (res.ok) throw new Error('feasible')
    expect(violations(res.partial.assignments, targets, inspectors, params, false)).toEqual([])
    return res
  }

  it('a line without inspectors', () => {
    const res = expectInfeasible([tgt('E1', '药品'), tgt('E2', '食品'), tgt('E3', '药品')], [ins('A', ['食品'], 5), ins('B', ['食品'], 5)])
    expect(res.explanation).toEqual([
      '无法为全部 3 个检查对象各安排 2 名检查人员：共需 6 人次，最多只能安排 2 人次，2 个对象人员不足',
      '业务条线「药品」无可用人员：名录中没有该条线的检查人员，对象 E1、E3（2 个对象）无法安排',
    ])
    expect(res.partial.shortfalls).toEqual([
      { entityId: 'E1', needed: 2, assigned: 0 },
      { entityId: 'E3', needed: 2, assigned: 0 },
    ])
    expect(res.partial.assignments.find((a) => a.entityId === 'E2')!.inspectorIds.sort()).toEqual(['A', 'B'])
  })

  it('everyone in the line belongs to the daily station', () => {
    const res = expectInfeasible([tgt('E1', '食品', 'S1')], [ins('A', ['食品'], 5, { unitId: 'S1' }), ins('B', ['食品'], 5, { unitId: 'S1' })])
    expect(res.explanation[1]).toBe('条线「食品」的 2 名检查人员均属日常监管所（S1），按回避要求不能检查 对象 E1（1 个对象）')
  })

  it('everyone in the line declared a conflict with the target', () => {
    const res = expectInfeasible([tgt('E1', '价格')], [ins('A', ['价格'], 5, { conflicts: ['E1'] }), ins('B', ['价格'], 5, { conflicts: ['E1', 'E9'] })])
    expect(res.explanation[1]).toBe('条线「价格」的 2 名检查人员均与对象存在利害关系：对象 E1（1 个对象）无法安排')
  })

  it('a mix of reasons leaves fewer than needed', () => {
    const res = expectInfeasible(
      [tgt('E1', '食品', 'S1')],
      [ins('A', ['食品'], 5, { unitId: 'S1' }), ins('B', ['食品'], 5, { conflicts: ['E1'] }), ins('C', ['食品'], 5), ins('D', ['食品'], 0)],
    )
    expect(res.explanation[1]).toBe(
      '对象 E1（1 个对象）每个需要 2 名检查人员，但条线「食品」共 4 人，其中1 人负荷上限为 0、1 人属日常监管所（S1）、1 人与对象存在利害关系，仅剩 1 人可用',
    )
    expect(res.partial.assignments[0]!.inspectorIds).toEqual(['C'])
  })

  it('load limits all zero', () => {
    const res = expectInfeasible([tgt('E1', '综合')], [ins('A', ['综合'], 0), ins('B', ['综合'], 0)])
    expect(res.explanation[1]).toBe('业务条线「综合」无可用人员：该条线的 2 名检查人员负荷上限均为 0，对象 E1（1 个对象）无法安排')
  })

  it('load limits too low for one line: names the line, the need and the capacity (and not the lines that are fine)', () => {
    const targets = [...Array.from({ length: 10 }, (_, i) => tgt(`F${i}`, '食品')), ...Array.from({ length: 5 }, (_, i) => tgt(`P${i}`, '价格'))]
    const inspectors = [ins('A', ['食品'], 5), ins('B', ['食品'], 5), ins('C', ['食品'], 5), ins('D', ['价格'], 10), ins('E', ['价格'], 10)]
    const res = expectInfeasible(targets, inspectors)
    expect(res.explanation).toEqual([
      '无法为全部 15 个检查对象各安排 2 名检查人员：共需 30 人次，最多只能安排 25 人次，5 个对象人员不足',
      '负荷上限合计不足（需要 20 人次，可用 15 人次）：条线「食品」10 个对象（共 10 个）只能由 3 名检查人员承担，其负荷上限合计 15 人次；请提高负荷上限或增加该条线的检查人员',
    ])
    expect(res.partial.shortfalls.every((s) => s.entityId.startsWith('F'))).toBe(true)
  })

  it('a Hall-type shortage across lines through shared inspectors', () => {
    // 食品 and 价格 targets can only be served by A, B (both lines, load 3) and C (食品, load 1):
    // 4 targets need 8, the three can give 7 — although each line alone looks fine.
    const targets = [tgt('F1', '食品'), tgt('F2', '食品'), tgt('P1', '价格'), tgt('P2', '价格'), tgt('Z1', '综合')]
    const inspectors = [ins('A', ['食品', '价格'], 3), ins('B', ['食品', '价格'], 3), ins('C', ['食品'], 1), ins('X', ['综合'], 9), ins('Y', ['综合'], 9)]
    const res = expectInfeasible(targets, inspectors)
    expect(res.explanation[1]).toBe(
      '负荷上限合计不足（需要 8 人次，可用 7 人次）：条线「价格」2 个、条线「食品」2 个对象（共 4 个）只能由 3 名检查人员承担，其负荷上限合计 7 人次；请提高负荷上限或增加该条线的检查人员',
    )
  })

  it('both kinds at once', () => {
    const targets = [tgt('E1', '药品'), ...Array.from({ length: 4 }, (_, i) => tgt(`F${i}`, '食品'))]
    const inspectors = [ins('A', ['食品'], 2), ins('B', ['食品'], 2), ins('C', ['食品'], 2)]
    const res = expectInfeasible(targets, inspectors)
    expect(res.explanation[1]).toMatch(/^业务条线「药品」无可用人员/)
    expect(res.explanation[2]).toMatch(/^负荷上限合计不足（需要 8 人次，可用 6 人次）：条线「食品」4 个对象/)
  })

  it('rejects malformed input', () => {
    expect(() => assignInspectors([tgt('E1', '食品')], [], { perTarget: 1, excludeDailyStation: false }, seedOf(0))).toThrow(
      '每个检查对象的检查人员数应为 2 到 20 之间的整数',
    )
    expect(() => assignInspectors([tgt('E1', '食品'), tgt('E1', '食品')], [], P2, seedOf(0))).toThrow('检查对象“E1”重复')
    expect(() => assignInspectors([], [ins('A', ['食品'], 1), ins('A', ['食品'], 1)], P2, seedOf(0))).toThrow('检查人员“A”重复')
    expect(() => assignInspectors([], [ins('A', ['食品'], -1)], P2, seedOf(0))).toThrow('负荷上限应为非负整数')
    expect(() => assignInspectors([], [], P2, 'bad')).toThrow('种子格式无效')
  })

  it('no targets: nothing to do', () => {
    expect(assignInspectors([], [ins('A', ['食品'], 1)], P2, seedOf(0))).toEqual({ ok: true, algorithm: ASSIGN_ALGORITHM, assignments: [], maxAssignedLoad: 0 })
  })
})

describe('verifyAssignment', () => {
  const { targets, inspectors } = randomInstance('ver', 120, 30, 12)
  const seed = seedOf('ver')
  const res = assignInspectors(targets, inspectors, P2, seed)
  if (!res.ok) throw new Error('fixture should be feasible')
  const record = { algorithm: ASSIGN_ALGORITHM, assignments: res.assignments }

  it('accepts the recorded assignment', () => {
    expect(verifyAssignment(record, targets, inspectors, P2, seed)).toEqual({ ok: true, problems: [] })
  })

  it('detects a replaced inspector, with the constraint it breaks', () => {
    const a0 = res.assignments[0]!
    const t0 = targets.find((t) => t.entityId === a0.entityId)!
    const intruder = inspectors.find((i) => !a0.inspectorIds.includes(i.userId) && !i.lines.includes(t0.line))!
    const tampered = res.assignments.map((a, i) => (i === 0 ? { ...a, inspectorIds: [a.inspectorIds[0]!, intruder.userId] } : a))
    const v = verifyAssignment({ ...record, assignments: tampered }, targets, inspectors, P2, seed)
    expect(v.ok).toBe(false)
    expect(v.problems).toContain(`检查人员“${intruder.userId}”不属于对象“${a0.entityId}”的业务条线「${t0.line}」`)
    expect(v.problems.some((p) => p.startsWith(`人员分派不一致（对象“${a0.entityId}”`))).toBe(true)
  })

  it('detects a different seed, a dropped target and an unknown algorithm', () => {
    expect(verifyAssignment(record, targets, inspectors, P2, seedOf('other')).problems.some((p) => p.startsWith('人员分派不一致'))).toBe(true)
    const dropped = verifyAssignment({ ...record, assignments: res.assignments.slice(1) }, targets, inspectors, P2, seed)
    expect(dropped.problems).toContain(`对象“${res.assignments[0]!.entityId}”没有安排检查人员`)
    expect(verifyAssignment({ ...record, algorithm: 'jg-assign/0' }, targets, inspectors, P2, seed).problems).toEqual([
      '人员分派算法版本“jg-assign/0”不受支持（本程序支持：jg-assign/1）',
    ])
  })

  it('detects a conflict put into the roster after the fact (re-run differs or the constraint fails)', () => {
    const a0 = res.assignments[0]!
    const roster = inspectors.map((i) => (i.userId === a0.inspectorIds[0] ? { ...i, conflicts: [...i.conflicts, a0.entityId] } : i))
    const v = verifyAssignment(record, targets, roster, P2, seed)
    expect(v.problems).toContain(`检查人员“${a0.inspectorIds[0]}”与对象“${a0.entityId}”存在利害关系`)
  })
})

/**
 * Random assignment of inspectors to drawn targets (the second "random" of 双随机), with
 * avoidance (回避): every target gets at least `perTarget` (≥ 2, 行政处罚法 Art. 42) distinct
 * inspectors of its business line, none with a declared conflict of interest (利害关系, Art. 43),
 * none from the station that supervises it day to day when the task says so, and no inspector
 * above their load limit. Pure and deterministic: the same inputs and seed give the same result,
 * so {@link verifyAssignment} re-runs it.
 *
 * ## Algorithm `jg-assign/1`
 *
 * 1. **Canonical input.** Targets sorted by `entityId`, inspectors by `userId` (JavaScript string
 *    order); duplicates rejected; the caller's order does not matter.
 * 2. **Groups.** Targets with the same line, the same excluded station (only when
 *    `excludeDailyStation`) and the same set of conflicted inspectors are interchangeable; they form
 *    one group (ordered by their first target). This keeps the flow graph small: 10⁵ targets with a
 *    few hundred stations make a few thousand groups.
 * 3. **Eligibility.** An inspector is eligible for a group when they have the line, a load limit
 *    above 0, are not of the excluded station and did not declare a conflict with the group's
 *    targets. Load limit = `maxLoad`, or `maxLoadDefault` when `maxLoad` is null, else unlimited.
 * 4. **Randomness.** One stream `subStream(seed, "jg-assign/1|groups")` (see draw.domain.ts:
 *    AES-256-CTR, unbiased bounded integers) shuffles, group by group in order, the group's
 *    eligible inspectors (Fisher–Yates, i = len−1…1, j = uniform(i+1)) and then its targets.
 * 5. **Max-flow.** Source → group (capacity perTarget × targets), group → eligible inspector
 *    (capacity = the group's target count: one place per target), inspector → sink (capacity =
 *    min(load limit, L)); Dinic's algorithm, edges visited in the shuffled order. A feasible
 *    assignment exists iff the max-flow with L = ∞ saturates the source. The smallest level L that
 *    saturates it is searched (galloping up from ceil(needed / inspectors), then bisection, each
 *    step continuing from the flow of the last infeasible level), which spreads the load fairly:
 *    nobody carries more than anybody must. To keep the graph small, the search first runs on a
 *    sparse graph where a small group (typically one target with a declared conflict) keeps only
 *    the first max(32, 4 × perTarget × targets) inspectors of its shuffled list; only when that
 *    graph cannot staff everyone is the full graph searched, so feasibility stays exact (the
 *    minimal maximum load is then that of the sparse graph, which in practice is the same).
 * 6. **Decomposition.** In each group, the inspectors' flows are laid out one after another (in
 *    the shuffled order) on `perTarget × m` places; target j (in the shuffled order) takes places
 *    j, j+m, j+2m, …. As no inspector has more than m places in the group, a target never gets the
 *    same inspector twice.
 * 7. **Infeasible** inputs give no silent shortfall but an explanation: targets whose line has too
 *    few eligible people (with the reason: no one in the line / all of the daily station / all
 *    conflicted / load 0), and otherwise the Hall-type bottleneck read off the minimum cut: the set
 *    of targets whose demand exceeds what the only inspectors able to serve them can carry
 *    (负荷上限合计不足（需要 N 人次，可用 M 人次）). A partial assignment is returned alongside.
 */
import { validation } from '../../core/errors'
import { subStream, type RandomStream } from './draw.domain'

/** The version of the assignment algorithm written into the record. */
export const ASSIGN_ALGORITHM = 'jg-assign/1'

/** An inspector of the inspector register (执法检查人员名录库). */
export interface Inspector {
  userId: string
  unitId: string
  /** Business lines, e.g. '食品', '特种设备', '价格', '综合'. */
  lines: string[]
  /** Load limit for this task (integer ≥ 0); null = `maxLoadDefault`, or unlimited. */
  maxLoad: number | null
  /** Entity ids the inspector declared a conflict of interest with. */
  conflicts: string[]
}

/** A drawn target to staff. */
export interface AssignTarget {
  entityId: string
  /** The station that supervises the target day to day. */
  stationUnitId: string | null
  /** The business line of the check. */
  line: string
}

/** Assignment parameters of the task. */
export interface AssignParams {
  /** Inspectors per target (integer, 2…20). */
  perTarget: number
  /** Exclude inspectors whose unit is the target's daily supervising station. */
  excludeDailyStation: boolean
  /** Load limit of inspectors whose own `maxLoad` is null. */
  maxLoadDefault?: number
}

export interface Assignment {
  entityId: string
  inspectorIds: string[]
}

/** A target that could not be fully staffed. */
export interface Shortfall {
  entityId: string
  needed: number
  assigned: number
}

export type AssignResult =
  | { ok: true; algorithm: string; assignments: Assignment[]; /** The largest load of any inspector. */ maxAssignedLoad: number }
  | {
      ok: false
      algorithm: string
      /** zh-CN, concrete: which targets cannot be staffed and why. */
      explanation: string[]
      /** The best that can be done: a maximum assignment, and the targets left short. */
      partial: { assignments: Assignment[]; shortfalls: Shortfall[] }
    }

const MAX_PER_TARGET = 20
const LISTED_IDS = 5
const STREAM_LABEL = `${ASSIGN_ALGORITHM}|groups`

const byStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

// ---------------------------------------------------------------------------------------------
// Max-flow (Dinic), arrays only
// ---------------------------------------------------------------------------------------------

class FlowGraph {
  readonly head: Int32Array
  readonly next: Int32Array
  readonly to: Int32Array
  /** Residual capacities; edge e and its reverse e ^ 1. */
  res: Int32Array
  private m = 0
  private readonly level: Int32Array
  private readonly it: Int32Array
  private readonly queue: Int32Array
  private readonly path: Int32Array

  constructor(
    readonly n: number,
    maxEdges: number,
  ) {
    this.head = new Int32Array(n).fill(-1)
    this.next = new Int32Array(maxEdges * 2)
    this.to = new Int32Array(maxEdges * 2)
    this.res = new Int32Array(maxEdges * 2)
    this.level = new Int32Array(n)
    this.it = new Int32Array(n)
    this.queue = new Int32Array(n)
    this.path = new Int32Array(n)
  }

  /** Adds u → v; adjacency lists are visited newest first. Returns the forward edge's index. */
  addEdge(u: number, v: number, cap: number): number {
    const e = this.m
    this.to[e] = v
    this.res[e] = cap
    this.next[e] = this.head[u]!
    this.head[u] = e
    this.to[e + 1] = u
    this.res[e + 1] = 0
    this.next[e + 1] = this.head[v]!
    this.head[v] = e + 1
    this.m += 2
    return e
  }

  private bfs(s: number, t: number): boolean {
    const { level, queue, head, next, to, res } = this
    level.fill(-1)
    level[s] = 0
    let qh = 0
    let qt = 0
    queue[qt++] = s
    while (qh < qt) {
      const u = queue[qh++]!
      for (let e = head[u]!; e !== -1; e = next[e]!) {
        const v = to[e]!
        if (res[e]! > 0 && level[v]! < 0) {
          level[v] = level[u]! + 1
          queue[qt++] = v
        }
      }
    }
    return level[t]! >= 0
  }

  /** Augments from the current flow until maximal; returns the flow added. */
  maxflow(s: number, t: number): number {
    const { level, it, head, next, to, path } = this
    let total = 0
    while (this.bfs(s, t)) {
      it.set(head)
      const res = this.res
      let depth = 0
      let u = s
      for (;;) {
        if (u === t) {
          let f = Infinity
          for (let d = 0; d < depth; d++) {
            const c = res[path[d]!]!
            if (c < f) f = c
          }
          let cut = -1
          for (let d = 0; d < depth; d++) {
            const e = path[d]!
            res[e] = res[e]! - f
            res[e ^ 1] = res[e ^ 1]! + f
            if (cut < 0 && res[e] === 0) cut = d
          }
          total += f
          depth = cut
          u = cut === 0 ? s : to[path[cut - 1]!]!
          continue
        }
        let e = it[u]!
        while (e !== -1 && !(res[e]! > 0 && level[to[e]!] === level[u]! + 1)) e = next[e]!
        it[u] = e
        if (e !== -1) {
          path[depth++] = e
          u = to[e]!
          continue
        }
        if (u === s) break
        level[u] = -1 // dead end for the rest of this phase
        depth--
        u = to[path[depth]! ^ 1]!
        it[u] = next[it[u]!]!
      }
    }
    return total
  }

  /** Nodes reachable from s in the residual graph (the source side of a minimum cut). */
  reachable(s: number): Uint8Array {
    const seen = new Uint8Array(this.n)
    const { queue, head, next, to, res } = this
    let qh = 0
    let qt = 0
    queue[qt++] = s
    seen[s] = 1
    while (qh < qt) {
      const u = queue[qh++]!
      for (let e = head[u]!; e !== -1; e = next[e]!) {
        const v = to[e]!
        if (res[e]! > 0 && !seen[v]) {
          seen[v] = 1
          queue[qt++] = v
        }
      }
    }
    return seen
  }
}

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

interface Group {
  line: string
  station: string | null
  /** Inspector indices (canonical) with a declared conflict with these targets. */
  conflicted: number[]
  /** Target indices (canonical order, later shuffled). */
  targets: number[]
  /** Eligible inspector indices (later shuffled). */
  eligible: number[]
  lineTotal: number
  zeroLoad: number
  sameStation: number
  conflict: number
}

interface Model {
  targets: AssignTarget[]
  inspectors: Inspector[]
  caps: number[]
  groups: Group[]
  p: number
}

function checkInputs(targets: AssignTarget[], inspectors: Inspector[], params: AssignParams): void {
  if (!Number.isInteger(params.perTarget) || params.perTarget < 2 || params.perTarget > MAX_PER_TARGET) {
    throw validation(`每个检查对象的检查人员数应为 2 到 ${MAX_PER_TARGET} 之间的整数`)
  }
  if (params.maxLoadDefault !== undefined && (!Number.isSafeInteger(params.maxLoadDefault) || params.maxLoadDefault < 0)) {
    throw validation('默认负荷上限应为非负整数')
  }
  const ids = new Set<string>()
  for (const t of targets) {
    if (!t.entityId) throw validation('检查对象标识不能为空')
    if (ids.has(t.entityId)) throw validation(`检查对象“${t.entityId}”重复`)
    ids.add(t.entityId)
    if (!t.line) throw validation(`检查对象“${t.entityId}”缺少业务条线`)
  }
  const users = new Set<string>()
  for (const i of inspectors) {
    if (!i.userId) throw validation('检查人员标识不能为空')
    if (users.has(i.userId)) throw validation(`检查人员“${i.userId}”重复`)
    users.add(i.userId)
    if (i.maxLoad !== null && (!Number.isSafeInteger(i.maxLoad) || i.maxLoad < 0)) throw validation(`检查人员“${i.userId}”的负荷上限应为非负整数`)
  }
}

function shuffle(a: number[], rng: RandomStream): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.below(i + 1)
    const t = a[i]!
    a[i] = a[j]!
    a[j] = t
  }
}

function buildModel(targetsIn: AssignTarget[], inspectorsIn: Inspector[], params: AssignParams, seedHex: string): Model {
  checkInputs(targetsIn, inspectorsIn, params)
  const rng = subStream(seedHex, STREAM_LABEL)
  const targets = [...targetsIn].sort((a, b) => byStr(a.entityId, b.entityId))
  const inspectors = [...inspectorsIn].sort((a, b) => byStr(a.userId, b.userId))
  const unlimited = Math.max(1, targets.length)
  const caps = inspectors.map((i) => Math.min(i.maxLoad ?? params.maxLoadDefault ?? unlimited, unlimited))
  const p = params.perTarget

  const targetIds = new Set(targets.map((t) => t.entityId))
  const conflictsOf = new Map<string, number[]>()
  inspectors.forEach((ins, k) => {
    for (const id of new Set(ins.conflicts)) {
      if (!targetIds.has(id)) continue
      let l = conflictsOf.get(id)
      if (!l) conflictsOf.set(id, (l = []))
      l.push(k)
    }
  })
  const byLine = new Map<string, number[]>()
  inspectors.forEach((ins, k) => {
    for (const line of new Set(ins.lines)) {
      let l = byLine.get(line)
      if (!l) byLine.set(line, (l = []))
      l.push(k)
    }
  })

  const groups: Group[] = []
  const groupOf = new Map<string, Group>()
  targets.forEach((t, ti) => {
    const station = params.excludeDailyStation ? t.stationUnitId : null
    const conflicted = conflictsOf.get(t.entityId) ?? []
    const key = `${t.line}\u0000${station ?? ''}\u0000${conflicted.join(',')}`
    let g = groupOf.get(key)
    if (!g) {
      const inLine = byLine.get(t.line) ?? []
      const cset = new Set(conflicted)
      const eligible: number[] = []
      let zeroLoad = 0
      let sameStation = 0
      let conflict = 0
      for (const k of inLine) {
        if (caps[k]! <= 0) zeroLoad++
        else if (station !== null && inspectors[k]!.unitId === station) sameStation++
        else if (cset.has(k)) conflict++
        else eligible.push(k)
      }
      g = { line: t.line, station, conflicted, targets: [], eligible, lineTotal: inLine.length, zeroLoad, sameStation, conflict }
      groupOf.set(key, g)
      groups.push(g)
    }
    g.targets.push(ti)
  })
  for (const g of groups) {
    shuffle(g.eligible, rng)
    shuffle(g.targets, rng)
  }
  return { targets, inspectors, caps, groups, p }
}

interface Network {
  graph: FlowGraph
  /** Forward edge of source → group g. */
  srcEdge: number[]
  /** Forward edges of group g → its connected inspectors, in g.eligible order (a prefix of it on the sparse graph). */
  groupEdges: number[][]
  /** Inspector k → sink forward edge (-1 when k has no eligible group). */
  sinkEdge: Int32Array
  used: number[]
}

const S = 0
const T = 1

/** Edges kept per small group on the sparse graph: max(SPARSE_MIN, SPARSE_FACTOR × perTarget × targets). */
const SPARSE_MIN = 32
const SPARSE_FACTOR = 4

/** The inspectors a group is connected to: all eligible, or on the sparse graph a prefix of the shuffled list. */
function edgesOf(model: Model, g: Group, sparse: boolean): number[] {
  if (!sparse) return g.eligible
  const keep = Math.max(SPARSE_MIN, SPARSE_FACTOR * model.p * g.targets.length)
  return g.eligible.length <= keep ? g.eligible : g.eligible.slice(0, keep)
}

function buildNetwork(model: Model, demand: (g: Group) => number, level: number, sparse: boolean): Network {
  const { groups, inspectors, caps } = model
  const nodeOf = new Int32Array(inspectors.length).fill(-1)
  const used: number[] = []
  const lists = groups.map((g) => edgesOf(model, g, sparse))
  let edges = groups.length
  for (const l of lists) {
    edges += l.length
    for (const k of l)
      if (nodeOf[k]! < 0) {
        nodeOf[k] = 1
        used.push(k)
      }
  }
  used.sort((a, b) => a - b)
  edges += used.length
  const graph = new FlowGraph(2 + groups.length + used.length, edges)
  used.forEach((k, x) => {
    nodeOf[k] = 2 + groups.length + x
  })
  const sinkEdge = new Int32Array(inspectors.length).fill(-1)
  for (let x = used.length - 1; x >= 0; x--) {
    const k = used[x]!
    sinkEdge[k] = graph.addEdge(nodeOf[k]!, T, Math.min(caps[k]!, level))
  }
  const groupEdges: number[][] = []
  groups.forEach((g, gi) => {
    const l = lists[gi]!
    const es = new Array<number>(l.length)
    // Added in reverse so that Dinic visits them in the shuffled order.
    for (let x = l.length - 1; x >= 0; x--) es[x] = graph.addEdge(2 + gi, nodeOf[l[x]!]!, g.targets.length)
    groupEdges.push(es)
  })
  const srcEdge = new Array<number>(groups.length)
  for (let gi = groups.length - 1; gi >= 0; gi--) srcEdge[gi] = graph.addEdge(S, 2 + gi, demand(groups[gi]!))
  return { graph, srcEdge, groupEdges, sinkEdge, used }
}

/** Raises every inspector's sink capacity from level `from` to level `to` (to > from). */
function raiseLevel(model: Model, net: Network, from: number, to: number): void {
  const res = net.graph.res
  for (const k of net.used) {
    const c = model.caps[k]!
    const add = Math.min(c, to) - Math.min(c, from)
    if (add > 0) res[net.sinkEdge[k]!] = res[net.sinkEdge[k]!]! + add
  }
}

/** Per-target inspector lists from the group → inspector flows (algorithm step 6). */
function decompose(model: Model, net: Network): string[][] {
  const out: string[][] = model.targets.map(() => [])
  const res = net.graph.res
  model.groups.forEach((g, gi) => {
    const m = g.targets.length
    const places: number[] = []
    const es = net.groupEdges[gi]!
    for (let x = 0; x < es.length; x++) {
      const f = res[es[x]! ^ 1]!
      for (let r = 0; r < f; r++) places.push(g.eligible[x]!)
    }
    for (let pl = 0; pl < places.length; pl++) out[g.targets[pl % m]!]!.push(model.inspectors[places[pl]!]!.userId)
  })
  return out
}

// ---------------------------------------------------------------------------------------------
// Explanations
// ---------------------------------------------------------------------------------------------

function listIds(model: Model, g: Group): string {
  const ids = g.targets.map((t) => model.targets[t]!.entityId).sort(byStr)
  const shown = ids.slice(0, LISTED_IDS).join('、')
  return ids.length > LISTED_IDS ? `${shown} 等 ${ids.length} 个对象` : `${shown}（${ids.length} 个对象）`
}

/** Why a group has fewer eligible inspectors than needed (zh-CN). */
function explainGroup(model: Model, g: Group): string {
  const p = model.p
  const who = `对象 ${listIds(model, g)}`
  if (g.lineTotal === 0) return `业务条线「${g.line}」无可用人员：名录中没有该条线的检查人员，${who}无法安排`
  const stationText = g.station ? `日常监管所（${g.station}）` : '日常监管所'
  if (g.eligible.length === 0) {
    if (g.zeroLoad === g.lineTotal) return `业务条线「${g.line}」无可用人员：该条线的 ${g.lineTotal} 名检查人员负荷上限均为 0，${who}无法安排`
    if (g.sameStation === g.lineTotal) return `条线「${g.line}」的 ${g.lineTotal} 名检查人员均属${stationText}，按回避要求不能检查 ${who}`
    if (g.conflict === g.lineTotal) return `条线「${g.line}」的 ${g.lineTotal} 名检查人员均与对象存在利害关系：${who}无法安排`
  }
  const parts: string[] = []
  if (g.zeroLoad > 0) parts.push(`${g.zeroLoad} 人负荷上限为 0`)
  if (g.sameStation > 0) parts.push(`${g.sameStation} 人属${stationText}`)
  if (g.conflict > 0) parts.push(`${g.conflict} 人与对象存在利害关系`)
  const why = parts.length > 0 ? `，其中${parts.join('、')}` : ''
  return `${who}每个需要 ${p} 名检查人员，但条线「${g.line}」共 ${g.lineTotal} 人${why}，仅剩 ${g.eligible.length} 人可用`
}

/** The Hall-type bottleneck of a max-flow that does not saturate the source (zh-CN). */
function explainCut(model: Model, net: Network, demand: (g: Group) => number, flow: number): string {
  const seen = net.graph.reachable(S)
  const { groups } = model
  let need = 0
  let outside = 0
  let targetsIn = 0
  const perLine = new Map<string, number>()
  groups.forEach((g, gi) => {
    if (seen[2 + gi]) {
      need += demand(g)
      targetsIn += g.targets.length
      perLine.set(g.line, (perLine.get(g.line) ?? 0) + g.targets.length)
    } else outside += demand(g)
  })
  const avail = flow - outside
  const base = 2 + groups.length
  let people = 0
  let capSum = 0
  net.used.forEach((k, x) => {
    if (seen[base + x]) {
      people++
      capSum += model.caps[k]!
    }
  })
  const lines = [...perLine]
    .sort((a, b) => byStr(a[0], b[0]))
    .map(([l, n]) => `条线「${l}」${n} 个`)
    .join('、')
  const others = avail - capSum
  const extra = others > 0 ? `，另有 ${others} 人次来自已为其中部分对象全员派出的其他人员` : ''
  return `负荷上限合计不足（需要 ${need} 人次，可用 ${avail} 人次）：${lines}对象（共 ${targetsIn} 个）只能由 ${people} 名检查人员承担，其负荷上限合计 ${capSum} 人次${extra}；请提高负荷上限或增加该条线的检查人员`
}

function explain(model: Model, fullFlow: number, needed: number, shortTargets: number): string[] {
  const { groups, p } = model
  const out = [
    `无法为全部 ${model.targets.length} 个检查对象各安排 ${p} 名检查人员：共需 ${needed} 人次，最多只能安排 ${fullFlow} 人次，${shortTargets} 个对象人员不足`,
  ]
  const short = groups.filter((g) => g.eligible.length < p)
  for (const g of short) out.push(explainGroup(model, g))
  // With the demand of those groups cut to what their eligible inspectors can give, is there
  // still a shortfall? Then it is the load limits: explain it by the minimum cut.
  const reduced = (g: Group) => Math.min(p, g.eligible.length) * g.targets.length
  let reducedNeed = 0
  for (const g of groups) reducedNeed += reduced(g)
  const net = buildNetwork(model, reduced, Number.MAX_SAFE_INTEGER, false)
  const f = net.graph.maxflow(S, T)
  if (f < reducedNeed) out.push(explainCut(model, net, reduced, f))
  return out
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * Assigns inspectors to targets (module header). Finds an assignment whenever one exists, with
 * the smallest possible maximum load; otherwise explains, in zh-CN, which targets cannot be
 * staffed and why, with a maximum partial assignment.
 * @throws VALIDATION on malformed input (perTarget out of 2…20, duplicates, bad load limits, seed).
 */
export function assignInspectors(targets: AssignTarget[], inspectors: Inspector[], params: AssignParams, seedHex: string): AssignResult {
  const model = buildModel(targets, inspectors, params, seedHex)
  const { groups, caps, p } = model
  const demand = (g: Group) => p * g.targets.length
  let needed = 0
  for (const g of groups) needed += demand(g)
  let maxCap = 0
  for (const c of caps) if (c > maxCap) maxCap = c
  const present = (net: Network) => {
    const lists = decompose(model, net)
    return model.targets.map((t, i) => ({ entityId: t.entityId, inspectorIds: lists[i]! }))
  }
  if (needed === 0) return { ok: true, algorithm: ASSIGN_ALGORITHM, assignments: present(buildNetwork(model, demand, 0, false)), maxAssignedLoad: 0 }

  // First on the sparse graph (small groups keep a seeded prefix of their eligible inspectors);
  // only if that fails, on the full graph, which is exact.
  for (const sparse of [true, false]) {
    const found = searchLevel(model, demand, needed, maxCap, sparse)
    if (found.ok) return { ok: true, algorithm: ASSIGN_ALGORITHM, assignments: present(found.net), maxAssignedLoad: found.level }
    if (!sparse) {
      const assignments = present(found.net)
      const shortfalls = assignments.filter((a) => a.inspectorIds.length < p).map((a) => ({ entityId: a.entityId, needed: p, assigned: a.inspectorIds.length }))
      return {
        ok: false,
        algorithm: ASSIGN_ALGORITHM,
        explanation: explain(model, found.flow, needed, shortfalls.length),
        partial: { assignments, shortfalls },
      }
    }
  }
  throw new Error('unreachable')
}

/**
 * The smallest level L ≤ maxCap at which the flow staffs every target (algorithm step 5), or the
 * maximum flow at L = maxCap when there is none. Gallops up from the lower bound
 * ceil(needed / inspectors) − 1, then bisects; every trial continues from the flow of the last
 * infeasible level, and the flow of the best feasible level is kept.
 */
function searchLevel(
  model: Model,
  demand: (g: Group) => number,
  needed: number,
  maxCap: number,
  sparse: boolean,
): { ok: true; net: Network; level: number } | { ok: false; net: Network; flow: number } {
  const connected = new Set<number>()
  for (const g of model.groups) for (const k of edgesOf(model, g, sparse)) connected.add(k)
  const lower = Math.max(1, Math.ceil(needed / Math.max(1, connected.size)))
  let lo = Math.max(0, Math.min(lower, maxCap) - 1) // infeasible: the inspectors together carry at most lo × count < needed
  const net = buildNetwork(model, demand, lo, sparse)
  let snapFlow = net.graph.maxflow(S, T)
  let snapshot = net.graph.res.slice()
  let hi = -1
  let best: Int32Array | null = null
  const tryLevel = (level: number): boolean => {
    raiseLevel(model, net, lo, level)
    const flow = snapFlow + net.graph.maxflow(S, T)
    if (flow === needed) {
      hi = level
      best = net.graph.res.slice()
      net.graph.res.set(snapshot)
      return true
    }
    lo = level
    snapshot = net.graph.res.slice()
    snapFlow = flow
    return false
  }
  let step = 1
  for (;;) {
    const level = Math.min(lo + step, maxCap)
    if (tryLevel(level)) break
    if (level === maxCap) return { ok: false, net, flow: snapFlow }
    step *= 2
  }
  while (hi - lo > 1) tryLevel(lo + Math.floor((hi - lo) / 2))
  net.graph.res.set(best!)
  return { ok: true, net, level: hi }
}

/**
 * Checks an assignment against the constraints on its own (no re-run): every target present once
 * with at least `perTarget` distinct known inspectors of its line, no conflict, no daily station
 * when excluded, loads within limits. zh-CN problems; empty when all hold.
 */
export function checkAssignment(assignments: Assignment[], targets: AssignTarget[], inspectors: Inspector[], params: AssignParams): string[] {
  const problems: string[] = []
  const byUser = new Map(inspectors.map((i) => [i.userId, i]))
  const byEntity = new Map(targets.map((t) => [t.entityId, t]))
  const loads = new Map<string, number>()
  const seen = new Set<string>()
  for (const a of assignments) {
    const t = byEntity.get(a.entityId)
    if (!t) {
      problems.push(`对象“${a.entityId}”不在检查对象名单中`)
      continue
    }
    if (seen.has(a.entityId)) problems.push(`对象“${a.entityId}”重复出现`)
    seen.add(a.entityId)
    if (new Set(a.inspectorIds).size !== a.inspectorIds.length) problems.push(`对象“${a.entityId}”的检查人员重复`)
    if (a.inspectorIds.length < params.perTarget) problems.push(`对象“${a.entityId}”只有 ${a.inspectorIds.length} 名检查人员，少于 ${params.perTarget} 名`)
    for (const u of a.inspectorIds) {
      const ins = byUser.get(u)
      if (!ins) {
        problems.push(`对象“${a.entityId}”的检查人员“${u}”不在名录中`)
        continue
      }
      loads.set(u, (loads.get(u) ?? 0) + 1)
      if (!ins.lines.includes(t.line)) problems.push(`检查人员“${u}”不属于对象“${a.entityId}”的业务条线「${t.line}」`)
      if (ins.conflicts.includes(t.entityId)) problems.push(`检查人员“${u}”与对象“${a.entityId}”存在利害关系`)
      if (params.excludeDailyStation && t.stationUnitId !== null && ins.unitId === t.stationUnitId)
        problems.push(`检查人员“${u}”属于对象“${a.entityId}”的日常监管所`)
    }
  }
  for (const t of targets) if (!seen.has(t.entityId)) problems.push(`对象“${t.entityId}”没有安排检查人员`)
  for (const [u, n] of loads) {
    const ins = byUser.get(u)!
    const cap = ins.maxLoad ?? params.maxLoadDefault ?? Infinity
    if (n > cap) problems.push(`检查人员“${u}”安排了 ${n} 个对象，超过负荷上限 ${cap}`)
  }
  return problems
}

/**
 * Verifies a recorded assignment: re-runs {@link assignInspectors} with the same inputs and seed
 * and compares target by target (the inspector order included), and checks the constraints on
 * their own ({@link checkAssignment}). zh-CN problems. Never throws on a bad record.
 */
export function verifyAssignment(
  record: { algorithm: string; assignments: Assignment[] },
  targets: AssignTarget[],
  inspectors: Inspector[],
  params: AssignParams,
  seedHex: string,
): { ok: boolean; problems: string[] } {
  if (record.algorithm !== ASSIGN_ALGORITHM)
    return { ok: false, problems: [`人员分派算法版本“${record.algorithm}”不受支持（本程序支持：${ASSIGN_ALGORITHM}）`] }
  let result: AssignResult
  try {
    result = assignInspectors(targets, inspectors, params, seedHex)
  } catch (e) {
    return { ok: false, problems: [`无法重算人员分派：${e instanceof Error ? e.message : String(e)}`] }
  }
  const problems = checkAssignment(record.assignments, targets, inspectors, params)
  const recomputed = result.ok ? result.assignments : result.partial.assignments
  const rec = new Map(record.assignments.map((a) => [a.entityId, a.inspectorIds]))
  let listed = 0
  let more = 0
  for (const a of recomputed) {
    const r = rec.get(a.entityId)
    if (r && r.length === a.inspectorIds.length && r.every((u, i) => u === a.inspectorIds[i])) continue
    if (listed < 5) {
      problems.push(`人员分派不一致（对象“${a.entityId}”：记录为 ${r ? r.join('、') || '（无）' : '（无）'}，重算为 ${a.inspectorIds.join('、') || '（无）'}）`)
      listed++
    } else more++
  }
  if (more > 0) problems.push(`人员分派另有 ${more} 处不一致`)
  return { ok: problems.length === 0, problems }
}

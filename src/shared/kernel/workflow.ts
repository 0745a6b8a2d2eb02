/**
 * Workflow declarations for supervised matters (监管事项): one pure definition per matter type —
 * states, final states, actions with their from-states, target, permission, zod input, clock
 * effects, public text, documents and audit name. The server derives its transition checks and
 * endpoint from it, the web derives its action buttons and forms from it, and the tests derive the
 * state × action matrix from it. Imported by server and web alike: no IO, no Node APIs.
 *
 * What does not fit a declaration (merge, dispatch routing, reporter confidentiality, data guards
 * that look at the matter's fields) stays plain code in the module, called around `decide`.
 */
import { z } from 'zod'
import type { AuditAction } from '../audit/vocabulary'

/** What an action does to a statutory clock of the matter (see the clock kernel). */
export type ClockEffect =
  /** Start clock `clock` on the action's event date (idempotent: a started clock is left as is). */
  | { op: 'start'; clock: string }
  /** The clock's duty is done on the event date. */
  | { op: 'stop'; clock: string }
  /** Time stops counting from the event date (testing, avoidance…); `reason` names why. */
  | { op: 'pause'; clock: string; reason?: string }
  /** Time counts again from the event date. */
  | { op: 'resume'; clock: string }
  /** One approved extension of the clock's rule (rule.extension). */
  | { op: 'extend'; clock: string }

export interface StateDef {
  /** zh-CN label shown to staff. */
  label: string
  /** Nothing more happens to the matter. */
  final?: boolean
  /** Plain words for the public tracking page, when the matter is shown to the public. */
  publicText?: string
}

export interface ActionDef<S extends string = string> {
  /** zh-CN label of the button. */
  label: string
  /** States the action may be taken from. */
  from: readonly S[]
  /** Target state; 'same' keeps the current state (a notice, an extension). */
  to: S | 'same'
  /** Permission codes, any one of which allows the action (the data scope is checked by the server). */
  permission: readonly string[]
  /** The action's input (request body without the version). Defaults to an empty object. */
  input?: z.ZodType
  /** Clock effects, applied in order on the event date. */
  clocks?: readonly ClockEffect[]
  /** Documents (文书) the action issues, by document kind. */
  documents?: readonly string[]
  /** Plain words for the public page once the action is taken. */
  publicText?: string
  /** Audit action name, e.g. 'lead.decide' — one with a Chinese name in the audit vocabulary (checked by the type). */
  audit: AuditAction
  /** Shown in a confirmation before the action is taken (irreversible actions). */
  confirm?: string
  /** Rendered as a danger button. */
  danger?: boolean
  /** Free per-module facts (e.g. 12315's `on: 'handling' | 'any'`). */
  meta?: Readonly<Record<string, string | number | boolean>>
}

export interface WorkflowSpec<S extends string, A extends string> {
  /** Matter type, e.g. 'case_lead', 'credit_proposal', 'complaint', 'inspection_task'. */
  type: string
  /** zh-CN name of the matter, used in messages: “线索已处理（立案），不能执行…”. */
  label: string
  states: Record<S, StateDef>
  initial: S
  actions: Record<A, ActionDef<S>>
  /** The statutory clocks the matter keeps: kind → label and rule id in the catalogue (null: a local setting). */
  clocks?: Readonly<Record<string, { label: string; rule: string | null }>>
  /** Clock effects on the matter's creation (receipt), applied on the creation date. */
  onCreate?: readonly ClockEffect[]
}

export type Decision<S extends string> = { ok: true; from: S; to: S } | { ok: false; code: 'ILLEGAL_TRANSITION' | 'FORBIDDEN' | 'VALIDATION'; message: string }

export interface MatrixCell<S extends string, A extends string> {
  state: S
  action: A
  allowed: boolean
  to: S | null
}

export interface Workflow<S extends string, A extends string> extends WorkflowSpec<S, A> {
  stateList: readonly S[]
  actionList: readonly A[]
  finalStates: readonly S[]
  isFinal(state: S): boolean
  stateLabel(state: string): string
  actionLabel(action: string): string
  /** The target of `action` from `state`, or null when the declaration refuses it. */
  target(state: S, action: A): S | null
  /** Actions the declaration allows from `state`. */
  allowed(state: S): A[]
  /** Whether any of `permissions` allows `action` (scope is the caller's business). */
  permits(permissions: Iterable<string>, action: A): boolean
  /** Actions allowed from `state` for a holder of `permissions`. */
  available(state: S, permissions: Iterable<string>): A[]
  /** Parses the action's input with its schema; a zh-CN message on failure. */
  parseInput(action: A, body: unknown): { ok: true; value: unknown } | { ok: false; message: string }
  /** State check, permission check and input validation in that order. */
  decide(state: S, action: A, opts?: { permissions?: Iterable<string>; body?: unknown }): Decision<S>
  /** Every state × action with the declaration's answer: the source of generated tests. */
  matrix(): MatrixCell<S, A>[]
  /** Declaration problems (unreachable states, dead ends, actions out of final states…): empty when sound. */
  problems(): string[]
}

const EMPTY = z.object({}).strict()

function zodMessage(e: z.ZodError): string {
  const i = e.issues[0]
  if (!i) return '输入不符合要求'
  const path = i.path.length ? `${i.path.join('.')}：` : ''
  return `${path}${i.message}`
}

/** Declares a workflow; returns the declaration with its derived helpers (its `problems()` are asserted by the module's tests). */
export function defineWorkflow<const S extends string, const A extends string>(spec: WorkflowSpec<S, A>): Workflow<S, A> {
  const stateList = Object.keys(spec.states) as S[]
  const actionList = Object.keys(spec.actions) as A[]
  const finalStates = stateList.filter((s) => spec.states[s].final)
  const isFinal = (s: S) => !!spec.states[s]?.final
  const target = (state: S, action: A): S | null => {
    const a = spec.actions[action]
    if (!a || !a.from.includes(state)) return null
    return a.to === 'same' ? state : a.to
  }
  const allowed = (state: S) => actionList.filter((a) => target(state, a) !== null)
  const permits = (permissions: Iterable<string>, action: A) => {
    const held = permissions instanceof Set ? (permissions as Set<string>) : new Set(permissions)
    return spec.actions[action].permission.some((p) => held.has(p))
  }
  const parseInput = (action: A, body: unknown) => {
    const schema = spec.actions[action].input ?? EMPTY
    const r = schema.safeParse(body ?? {})
    return r.success ? ({ ok: true, value: r.data } as const) : ({ ok: false, message: zodMessage(r.error) } as const)
  }
  const stateLabel = (s: string) => spec.states[s as S]?.label ?? s
  const actionLabel = (a: string) => spec.actions[a as A]?.label ?? a

  const wf: Workflow<S, A> = {
    ...spec,
    stateList,
    actionList,
    finalStates,
    isFinal,
    stateLabel,
    actionLabel,
    target,
    allowed,
    permits,
    available: (state, permissions) => {
      const held = new Set(permissions)
      return allowed(state).filter((a) => permits(held, a))
    },
    parseInput,
    decide(state, action, opts = {}) {
      if (!spec.actions[action]) return { ok: false, code: 'VALIDATION', message: `未知的操作：${String(action)}` }
      const to = target(state, action)
      if (to === null) {
        return { ok: false, code: 'ILLEGAL_TRANSITION', message: `${spec.label}处于“${stateLabel(state)}”状态，不能执行“${actionLabel(action)}”` }
      }
      if (opts.permissions && !permits(opts.permissions, action)) {
        return { ok: false, code: 'FORBIDDEN', message: `您没有“${actionLabel(action)}”的权限` }
      }
      if (opts.body !== undefined) {
        const p = parseInput(action, opts.body)
        if (!p.ok) return { ok: false, code: 'VALIDATION', message: p.message }
      }
      return { ok: true, from: state, to }
    },
    matrix: () =>
      stateList.flatMap((state) =>
        actionList.map((action) => {
          const to = target(state, action)
          return { state, action, allowed: to !== null, to }
        }),
      ),
    problems: () => {
      const out: string[] = []
      if (!spec.states[spec.initial]) out.push(`initial state ${spec.initial} is not declared`)
      for (const a of actionList) {
        const d = spec.actions[a]
        if (d.to !== 'same' && !spec.states[d.to]) out.push(`action ${a}: target ${d.to} is not declared`)
        for (const f of d.from) {
          if (!spec.states[f]) out.push(`action ${a}: from-state ${f} is not declared`)
          else if (isFinal(f)) out.push(`action ${a}: leaves the final state ${f}`)
        }
        if (d.from.length === 0) out.push(`action ${a}: has no from-state`)
        if (d.permission.length === 0) out.push(`action ${a}: needs a permission`)
        for (const c of d.clocks ?? []) if (!spec.clocks?.[c.clock]) out.push(`action ${a}: clock ${c.clock} is not declared`)
      }
      for (const c of spec.onCreate ?? []) if (!spec.clocks?.[c.clock]) out.push(`on create: clock ${c.clock} is not declared`)
      // Every state reachable from the initial one, and every non-final state has a way out.
      const seen = new Set<S>([spec.initial])
      const queue: S[] = [spec.initial]
      while (queue.length) {
        const s = queue.shift()!
        for (const a of allowed(s)) {
          const t = target(s, a)!
          if (!seen.has(t)) {
            seen.add(t)
            queue.push(t)
          }
        }
      }
      for (const s of stateList) {
        if (!seen.has(s)) out.push(`state ${s} is unreachable from ${spec.initial}`)
        if (!isFinal(s) && allowed(s).every((a) => target(s, a) === s)) out.push(`state ${s} is not final but has no way out`)
      }
      return out
    },
  }
  return wf
}

/** A workflow of any states and actions, for code that handles all of them alike. */
export type AnyWorkflow = Workflow<string, string>

/**
 * Pure rules of the 12315 centre (RULES.md §1): the state machine of complaints (投诉), reports
 * (举报) and consultations (咨询), jurisdiction (属地管辖, §1.2), the statutory clocks (§9.3) and
 * text similarity for duplicate detection. No IO: dates, rules and the calendar come in as
 * arguments.
 */
import { addWorkingDays, computeDeadline, missingYearsBetween, workingDaysLeft, type CalendarData, type Pause } from '../calendar'
import { MEDIATION_TERMINATION_GROUNDS, NON_ACCEPTANCE_REASONS, selectRuleInForce, type RuleVersion } from '../rules'
import {
  ACTION_DEFS,
  ACTION_LABEL,
  ACTIONS,
  STATE_LABEL,
  itemWorkflow,
  permissionOn,
  type Action,
  type PermissionOn,
  type State,
} from '../../shared/complaints/workflow'
import {
  ITEM_TYPE_LABEL,
  REGIME_LABEL,
  ITEM_TYPES,
  MEDIATION_OUTCOMES,
  NOT_FILED_REASONS,
  CLOCK_LABEL,
  type ItemType,
  type Regime,
  type RespondentKind,
  type ClockKind,
  type ClockStatus,
} from '../../shared/complaints/vocabulary'

// ---------------------------------------------------------------------------------------------
// Vocabulary (src/shared/complaints/vocabulary.ts: the web reads it too)
// ---------------------------------------------------------------------------------------------

export {
  ITEM_TYPES,
  ITEM_TYPE_LABEL,
  ITEM_NO_PREFIX,
  CHANNELS,
  CHANNEL_LABEL,
  REGIME_LABEL,
  CATEGORIES,
  PRODUCT_CODES,
  RESPONDENT_KINDS,
  RESPONDENT_KIND_LABEL,
  NOTIFY_CHANNELS,
  ID_TYPES,
  ATTACHMENT_KINDS,
  PARTY_ROLES,
  MEDIATION_OUTCOMES,
  OUTCOME_LABEL,
  SUCCESSFUL_MEDIATION,
  PAUSE_KINDS,
  NOT_FILED_REASONS,
  CLOCK_KINDS,
  CLOCK_LABEL,
  CLOCK_STATUS_LABEL,
  type ItemType,
  type Channel,
  type Regime,
  type Category,
  type ProductCode,
  type RespondentKind,
  type PartyRole,
  type MediationOutcome,
  type Outcome,
  type PauseKind,
  type NotFiledReason,
  type ClockKind,
  type ClockStatus,
} from '../../shared/complaints/vocabulary'

// ---------------------------------------------------------------------------------------------
// State machine
// ---------------------------------------------------------------------------------------------

// The declarations live in src/shared/complaints/workflow.ts (server and web read them); what
// follows are the views of them the module's code has always used.
export {
  ACTION_LABEL,
  ACTIONS,
  FINAL_STATES,
  ITEM_WORKFLOWS,
  itemWorkflow,
  permissionOn,
  STATE_LABEL,
  STATES,
  type Action,
  type PermissionOn,
  type State,
} from '../../shared/complaints/workflow'

/** Public wording of the portal's timeline for what is not a transition (a transition's is in its declaration): no names, no internal notes. */
export const PUBLIC_TEXT = {
  received: '您的诉求已登记',
  feedback: '承办单位已反馈',
  rated: '您已评价',
} as const

type Table = Record<ItemType, Partial<Record<State, Partial<Record<Action, State>>>>>

/**
 * Every allowed transition, per item type: TRANSITIONS[type][from][action] = to, derived from the
 * declarations. Anything not listed is refused. Guards on the item's data (see {@link guard}) come on top.
 */
export const TRANSITIONS: Table = Object.fromEntries(
  ITEM_TYPES.map((type) => {
    const wf = itemWorkflow(type)
    const byState: Partial<Record<State, Partial<Record<Action, State>>>> = {}
    for (const c of wf.matrix()) if (c.allowed) (byState[c.state] ??= {})[c.action] = c.to!
    return [type, byState]
  }),
) as Table

/** The facts of an item that guards look at. */
export interface ItemFacts {
  type: ItemType
  state: State
  regime: Regime
  anonymous: boolean
  verifyExtensions: number
  terminationNotifiedOn: string | null
  reporterNotifiedOn: string | null
}

/** Extra input of an action that guards check. */
export interface ActionInput {
  reasonCode?: string
  ground?: string
  outcome?: string
  recoveredFen?: number
}

/**
 * Who may take each action: any one of the permissions, on the unit the item is with (`handling`)
 * or on any unit the item touches (`any`). From the declarations (the web shows the buttons by them).
 */
export const ACTION_PERMISSION = Object.fromEntries(ACTIONS.map((a) => [a, { perms: ACTION_DEFS[a].permission, on: permissionOn(a) }])) as Record<
  Action,
  { perms: readonly string[]; on: PermissionOn }
>

/** Non-acceptance reason codes of the regime in force (Order 20 Art 15 / Order 121 Art 16). */
export function nonAcceptanceReasons(regime: Regime) {
  return NON_ACCEPTANCE_REASONS[regime]
}
export function terminationGrounds() {
  return MEDIATION_TERMINATION_GROUNDS
}

export type Decision = { ok: true; to: State } | { ok: false; code: 'ILLEGAL_TRANSITION' | 'VALIDATION'; message: string }

/** The target state of `action` from the declaration alone, or undefined when it refuses it. */
export function tableTarget(type: ItemType, from: State, action: Action): State | undefined {
  return itemWorkflow(type).target(from, action) ?? undefined
}

/** The actions the declaration allows an item of `type` in `state`. */
export function allowedActions(type: ItemType, state: State): Action[] {
  return itemWorkflow(type).allowed(state)
}

/** Data guards of an action that the table allows: returns a zh-CN problem, or null. */
export function guard(item: ItemFacts, action: Action, input: ActionInput = {}): string | null {
  switch (action) {
    case 'reject': {
      const codes = nonAcceptanceReasons(item.regime).map((r) => r.code)
      if (!input.reasonCode || !codes.includes(input.reasonCode)) return `不予受理须选择${REGIME_LABEL[item.regime]}规定的情形：${codes.join('、')}`
      return null
    }
    case 'terminate': {
      const codes = MEDIATION_TERMINATION_GROUNDS.map((g) => g.code)
      if (!input.ground || !codes.includes(input.ground)) return `终止调解须选择法定情形：${codes.join('、')}`
      return null
    }
    case 'conclude': {
      if (!input.outcome || !(MEDIATION_OUTCOMES as readonly string[]).includes(input.outcome)) return `调解结果须为：${MEDIATION_OUTCOMES.join('、')}`
      if (input.recoveredFen !== undefined && (!Number.isSafeInteger(input.recoveredFen) || input.recoveredFen < 0))
        return '挽回经济损失须为不小于 0 的整数（分）'
      if (input.outcome === 'withdrawn' && (input.recoveredFen ?? 0) > 0) return '撤回投诉的，不应登记挽回经济损失'
      return null
    }
    case 'extend_verification':
      return item.verifyExtensions >= 1 ? '核查期限只能延长一次（15个工作日）' : null
    case 'not_file': {
      if (!input.reasonCode || !(input.reasonCode in NOT_FILED_REASONS)) return `不予立案须选择理由：${Object.keys(NOT_FILED_REASONS).join('、')}`
      return null
    }
    case 'notify_reporter':
      if (item.anonymous) return '匿名举报无需告知举报人'
      return item.reporterNotifiedOn ? '已告知举报人，不能重复登记' : null
    case 'notify_termination':
      return item.terminationNotifiedOn ? '已送达终止调解告知，不能重复登记' : null
    case 'follow_up':
      // 回访 is an Order 121 step (RULES.md §1.4); Order 20 items close directly.
      return item.regime === 'order121'
        ? item.state === 'terminated' && !item.terminationNotifiedOn
          ? '须先送达终止调解告知书'
          : null
        : '回访仅适用于总局令第121号施行后受理的投诉'
    case 'close':
      if (item.type === 'complaint' && (item.state === 'mediated' || item.state === 'terminated') && item.regime === 'order121')
        return '总局令第121号要求办结前回访投诉人，请先转入回访'
      if (item.type === 'complaint' && item.state === 'terminated' && !item.terminationNotifiedOn) return '须先在7个工作日内送达终止调解告知书'
      if (item.type === 'report' && !item.anonymous && !item.reporterNotifiedOn) return '实名举报须先告知举报人是否立案'
      return null
    default:
      return null
  }
}

/** Decides an action: the table, then the guards. */
export function decide(item: ItemFacts, action: Action, input: ActionInput = {}): Decision {
  const to = tableTarget(item.type, item.state, action)
  if (!to) {
    return {
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      message: `${ITEM_TYPE_LABEL[item.type]}处于“${STATE_LABEL[item.state]}”状态，不能执行“${ACTION_LABEL[action]}”`,
    }
  }
  const problem = guard(item, action, input)
  if (problem) return { ok: false, code: 'VALIDATION', message: problem }
  return { ok: true, to }
}

/** States in which the item is still in the intake unit's hands. */
export const AT_INTAKE: readonly State[] = ['received', 'returned']

// ---------------------------------------------------------------------------------------------
// Jurisdiction (属地管辖, RULES.md §1.2)
// ---------------------------------------------------------------------------------------------

export interface JurisdictionInput {
  type: ItemType
  regime: Regime
  respondentKind: RespondentKind
  /** Respondent's actual place of business (实际经营地). */
  businessDivision: string | null
  /** Respondent's domicile (住所地). */
  domicileDivision: string | null
  /** Where the reported conduct happened (reports); defaults to the place of business. */
  conductDivision?: string | null
  /** The platform's domicile, for platform sellers. */
  platformDomicileDivision?: string | null
  /** Order 121: the seller has not published its address on the platform, or cannot be reached there. */
  sellerAddressUnavailable?: boolean
}

export interface JurisdictionCandidate {
  division: string
  /** zh-CN basis shown to the operator. */
  basis: string
}

/**
 * Divisions whose county-level bureau may handle the item, in order of preference, each with its
 * basis. Several candidates mean several competent bureaus: the first receiving one handles it
 * (Order 20 Art 13; {@link pickCompetent}).
 */
export function jurisdictionCandidates(i: JurisdictionInput): JurisdictionCandidate[] {
  const out: JurisdictionCandidate[] = []
  const add = (division: string | null | undefined, basis: string) => {
    if (division && !out.some((c) => c.division === division)) out.push({ division, basis })
  }
  const report = i.type === 'report'
  if (i.respondentKind === 'platform' || i.respondentKind === 'own_site') {
    add(i.domicileDivision, report ? '被举报的平台经营者或自建网站经营者住所地（第二十七条）' : '电子商务平台经营者或自建网站经营者住所地（第十二条）')
    return out
  }
  if (i.respondentKind === 'platform_seller') {
    if (i.regime === 'order121' && i.sellerAddressUnavailable && !report) {
      add(i.platformDomicileDivision, '平台内经营者未公示地址或者无法联系，由平台住所地部门处理（总局令第121号）')
      return out
    }
    add(i.businessDivision, report ? '平台内经营者实际经营地（第二十七条）' : '平台内经营者实际经营地（第十二条）')
    add(i.platformDomicileDivision, report ? '平台住所地部门先行收到举报的，可以处理（第二十七条）' : '平台经营者住所地（第十二条）')
    return out
  }
  if (report) {
    add(i.conductDivision ?? i.businessDivision, '违法行为发生地（第二十五条）')
    add(i.businessDivision, '被举报人实际经营地')
    add(i.domicileDivision, '被举报人住所地')
    return out
  }
  add(i.businessDivision, '被投诉人实际经营地（第十二条）')
  add(i.domicileDivision, '被投诉人住所地（第十二条）')
  return out
}

/**
 * The competent bureau among candidates resolved to bureaus (null = no bureau of ours). When the
 * receiving bureau is one of them, it handles the item (first receipt, Order 20 Art 13 / Art 27);
 * otherwise the first candidate with a bureau.
 */
export function pickCompetent<T extends { bureauId: string | null }>(candidates: T[], receivingBureauId: string | null): T | null {
  if (receivingBureauId) {
    const own = candidates.find((c) => c.bureauId === receivingBureauId)
    if (own) return own
  }
  return candidates.find((c) => c.bureauId !== null) ?? null
}

// ---------------------------------------------------------------------------------------------
// Clocks (RULES.md §9.3)
// ---------------------------------------------------------------------------------------------

const CLOCK_RULE: Record<Exclude<ClockKind, 'answer'>, string> = {
  accept: 'complaint.accept',
  mediation: 'complaint.mediation',
  termination_notice: 'complaint.termination_notice',
  verify: 'report.verify',
  reporter_notice: 'report.notify_filing',
  dispute: 'jurisdiction.dispute',
}

export interface ClockFacts {
  type: ItemType
  state: State
  anonymous: boolean
  receivedOn: string
  acceptDecidedOn: string | null
  concludedOn: string | null
  terminatedOn: string | null
  terminationNotifiedOn: string | null
  verifyExtensions: number
  filingDecidedOn: string | null
  reporterNotifiedOn: string | null
  answeredOn: string | null
  disputeOpenedOn: string | null
  disputeResolvedOn: string | null
  closedOn: string | null
  pauses: Array<{ clock: string; fromOn: string; toOn: string | null; reason: string }>
}

export interface ClockSettings {
  /** Consultation answer target in working days (a setting, not a statutory limit). */
  consultationAnswerWd: number
  /** "Due soon" when this many working days or fewer are left. */
  dueSoonWd: number
}
export const DEFAULT_CLOCK_SETTINGS: ClockSettings = { consultationAnswerWd: 3, dueSoonWd: 2 }

export interface Clock {
  kind: ClockKind
  label: string
  ruleId: string | null
  ruleName: string | null
  legalBasis: string | null
  needsLegalReview: boolean
  startOn: string
  dueOn: string
  doneOn: string | null
  /** Working days left (negative when overdue); null once done. */
  workingDaysLeft: number | null
  status: ClockStatus
  /** The due date touches a year without a published holiday schedule (weekends only assumed). */
  provisional: boolean
  missingYears: number[]
  pausedDays: number
  pauseOpen: boolean
}

function clockStatus(cal: CalendarData, today: string, dueOn: string, doneOn: string | null, dueSoonWd: number) {
  if (doneOn) return { status: (doneOn > dueOn ? 'done_late' : 'done') as ClockStatus, left: null }
  const left = workingDaysLeft(cal, today, dueOn)
  if (left.overdue) return { status: 'overdue' as ClockStatus, left: left.count }
  return { status: (left.count <= dueSoonWd ? 'due_soon' : 'on_time') as ClockStatus, left: left.count }
}

/**
 * Every clock that has started for the item, with due date, working days left and status as seen
 * on `today`. The rule version is chosen by the item's receipt date (Order 20 before 2026-04-15,
 * Order 121 from then), whatever the date of the later event the clock starts from. A rule missing
 * for that date leaves the clock out (never guessed).
 */
export function computeClocks(
  f: ClockFacts,
  rules: readonly RuleVersion[],
  cal: CalendarData,
  today: string,
  settings: ClockSettings = DEFAULT_CLOCK_SETTINGS,
): Clock[] {
  const out: Clock[] = []
  const ruled = (kind: Exclude<ClockKind, 'answer'>, startOn: string, doneOn: string | null, opts: { extensions?: number; pauses?: Pause[] } = {}) => {
    const rule = selectRuleInForce(rules, CLOCK_RULE[kind], f.receivedOn)
    if (!rule) return
    const ext =
      rule.extension && (opts.extensions ?? 0) > 0
        ? Array.from({ length: opts.extensions! }, () => ({ length: rule.extension!.length, unit: rule.extension!.unit as 'WD' | 'CD' }))
        : []
    const asOf = doneOn ?? (today > startOn ? today : startOn)
    const d = computeDeadline(cal, { start: startOn, length: rule.length, unit: rule.unit, extensions: ext, pauses: opts.pauses, asOf })
    const st = clockStatus(cal, today, d.date, doneOn, settings.dueSoonWd)
    const missing = [
      ...new Set([...d.missingYears, ...(doneOn ? [] : missingYearsBetween(cal, today < d.date ? today : d.date, today < d.date ? d.date : today))]),
    ].sort()
    out.push({
      kind,
      label: CLOCK_LABEL[kind],
      ruleId: rule.ruleId,
      ruleName: rule.name,
      legalBasis: rule.legalBasis,
      needsLegalReview: rule.needsLegalReview,
      startOn,
      dueOn: d.date,
      doneOn,
      workingDaysLeft: st.left,
      status: st.status,
      provisional: d.provisional || missing.length > 0,
      missingYears: missing,
      pausedDays: d.pausedDays,
      pauseOpen: d.pauseOpen,
    })
  }
  const mediationPauses: Pause[] = f.pauses.filter((p) => p.clock === 'mediation').map((p) => ({ from: p.fromOn, to: p.toOn, reason: p.reason }))

  if (f.type === 'complaint') {
    ruled('accept', f.receivedOn, f.acceptDecidedOn ?? (f.state === 'merged' ? f.closedOn : null))
    if (f.acceptDecidedOn && (f.state === 'mediating' || f.state === 'mediation_paused' || f.concludedOn || f.terminatedOn)) {
      ruled('mediation', f.acceptDecidedOn, f.concludedOn ?? f.terminatedOn, { pauses: mediationPauses })
    }
    if (f.terminatedOn) ruled('termination_notice', f.terminatedOn, f.terminationNotifiedOn)
  }
  if (f.type === 'report') {
    const done = f.filingDecidedOn ?? (f.state === 'closed' || f.state === 'merged' ? f.closedOn : null)
    ruled('verify', f.receivedOn, done, { extensions: f.verifyExtensions })
    if (f.filingDecidedOn && !f.anonymous) ruled('reporter_notice', f.filingDecidedOn, f.reporterNotifiedOn)
  }
  if (f.type === 'consultation') {
    const r = addWorkingDays(cal, f.receivedOn, settings.consultationAnswerWd)
    const doneOn = f.answeredOn ?? (f.state === 'merged' ? f.closedOn : null)
    const st = clockStatus(cal, today, r.date, doneOn, settings.dueSoonWd)
    out.push({
      kind: 'answer',
      label: CLOCK_LABEL.answer,
      ruleId: null,
      ruleName: '咨询答复目标（本局设置）',
      legalBasis: null,
      needsLegalReview: false,
      startOn: f.receivedOn,
      dueOn: r.date,
      doneOn,
      workingDaysLeft: st.left,
      status: st.status,
      provisional: r.provisional,
      missingYears: r.missingYears,
      pausedDays: 0,
      pauseOpen: false,
    })
  }
  if (f.disputeOpenedOn) ruled('dispute', f.disputeOpenedOn, f.state === 'disputed' ? null : (f.disputeResolvedOn ?? f.closedOn ?? f.disputeOpenedOn))
  return out
}

/** The earliest open clock: drives the work queue order and escalation. */
export function nextDue(clocks: readonly Clock[]): Clock | null {
  let best: Clock | null = null
  for (const c of clocks) if (!c.doneOn && (!best || c.dueOn < best.dueOn)) best = c
  return best
}

// ---------------------------------------------------------------------------------------------
// Duplicates (重复件)
// ---------------------------------------------------------------------------------------------

/** Character bigrams of Chinese/alphanumeric text, punctuation and spaces dropped. */
export function bigrams(text: string): Set<string> {
  const chars = Array.from(text.normalize('NFKC').toLowerCase()).filter((c) => /[\p{L}\p{N}]/u.test(c))
  const out = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!)
  if (chars.length === 1) out.add(chars[0]!)
  return out
}

/** Jaccard similarity of two texts' bigram sets, 0–1 (1 = same bigrams). */
export function textSimilarity(a: string, b: string): number {
  const x = bigrams(a)
  const y = bigrams(b)
  if (x.size === 0 && y.size === 0) return 0
  let inter = 0
  for (const g of x) if (y.has(g)) inter++
  return inter / (x.size + y.size - inter)
}

export interface DuplicateCandidate {
  id: string
  samePerson: boolean
  sameRespondent: boolean
  similarity: number
}

/**
 * Whether a candidate looks like the same matter: the same respondent and either the same person
 * or similar text (≥ threshold), or the same person with very similar text.
 */
export function isLikelyDuplicate(c: DuplicateCandidate, threshold = 0.5): boolean {
  if (c.sameRespondent && (c.samePerson || c.similarity >= threshold)) return true
  return c.samePerson && c.similarity >= Math.min(1, threshold + 0.2)
}

/** A phone number reduced to its digits (mainland mobiles without +86), for matching. */
export function normalisePhone(phone: string): string {
  const d = phone.replace(/\D/g, '')
  return d.length === 13 && d.startsWith('86') ? d.slice(2) : d
}

/** Amount in fen shown as yuan (¥1,234.50). */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const a = Math.abs(fen)
  return `${sign}${Math.floor(a / 100).toLocaleString('en-US')}.${String(a % 100).padStart(2, '0')}`
}

/**
 * How a report's reporter appears on every surface (lists, detail, exports, audit records, errors):
 * never a name or phone, even masked (Order 20 Art 33). The identity is seen only through the
 * audited reveal by a holder of `reporter.view`.
 */
export function reporterDisplay(anonymous: boolean): '匿名' | '实名（保密）' {
  return anonymous ? '匿名' : '实名（保密）'
}

/**
 * Whether a 12315 attachment may identify a protected person: on a report (举报), every file from the
 * reporter's side — the portal upload and staff uploads recorded as evidence or power of attorney
 * (photos, receipts, a 委托书 carry names, faces, addresses) — is confidential (Order 20 Art 33);
 * only material the authority marks as its own (`other`) is not. Over-protecting costs a
 * reporter.view holder one click; under-protecting exposes the reporter.
 */
export const confidentialAttachment = (itemType: string, kind: string): boolean => itemType === 'report' && kind !== 'other'
/** How a confidential file is named to those who may not see the reporter. */
export const CONFIDENTIAL_FILE_NAME = '保密附件（可能识别举报人）'
export const CONFIDENTIAL_REFUSAL = '该附件可能识别举报人身份，仅经授权的举报人信息查阅人员可查看'

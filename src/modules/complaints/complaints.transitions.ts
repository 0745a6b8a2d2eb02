/**
 * The 12315 transitions as use cases. One generic step, driven by the item type's declaration
 * (src/shared/complaints/workflow.ts): version check, the declaration and the data guards
 * (complaints.domain `decide`), the permission the declaration names on the unit it names, the
 * action's input, then the update, the timeline event, the clocks and the audit record. Around it,
 * one small function per action with effects of its own: routing, merge, the lead of 立案, dates…
 */
import type { Ctx } from '../../core/actor'
import type { Trx } from '../../core/db/database'
import type { CoreDeps } from '../../core/deps'
import { AppError, conflict, forbidden, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { AuditService } from '../audit'
import type { EnforcementService } from '../enforcement'
import {
  decide,
  itemWorkflow,
  nonAcceptanceReasons,
  OUTCOME_LABEL,
  NOT_FILED_REASONS,
  PAUSE_KINDS,
  permissionOn,
  STATE_LABEL,
  terminationGrounds,
  type Action,
  type ItemType,
  type Regime,
  type State,
} from './complaints.domain'
import type { createComplaintsRepo, ItemInsert, ItemRow } from './complaints.repo'
import type { TransitionInput } from './complaints.schema'

/** What an action's own effect adds to the generic step. */
interface Step {
  patch: Partial<ItemInsert>
  note: string | null
  data: Record<string, unknown>
  publicText: string | null
  toUnitId: string | null
}
type InputOf<A extends Action> = Extract<TransitionInput, { action: A }>
interface Use<A extends Action> {
  trx: Trx
  ctx: Ctx
  item: ItemRow
  input: InputOf<A>
  step: Step
  now: string
}
type Effect<A extends Action> = (u: Use<A>) => Promise<void> | void

/** What the use cases need from the service: its helpers, passed in (the service stays their owner). */
export interface TransitionDeps<Env> {
  db: CoreDeps['db']
  clock: CoreDeps['clock']
  audit: AuditService
  enforcement: Pick<EnforcementService, 'createLead' | 'prepare'>
  repo: ReturnType<typeof createComplaintsRepo>
  today: () => string
  itemAllowed(exec: Trx, ctx: Ctx, item: ItemRow, permission: string, on?: 'any' | 'handling' | 'intake'): Promise<boolean>
  unitRow(exec: Trx, id: string): Promise<{ id: string; active: number; parentId: string | null } | undefined>
  bureauOf(exec: Trx, unitId: string | null): Promise<{ id: string } | null>
  handlerOnDecision(exec: Trx, ctx: Ctx, item: ItemRow): Promise<string | null>
  refreshClocks(trx: Trx, id: string, env: Env): Promise<void>
  loadReadable(exec: Trx, ctx: Ctx, id: string, lock?: boolean): Promise<ItemRow>
  clockEnv(): Promise<Env>
  /** 消息中心: a dispatched item reaches its handler, or the handlers of its new unit. */
  notifyHandler(trx: Trx, ctx: Ctx, item: ItemRow, kind: 'dispatch', title: string): Promise<void>
}

const STALE = '该诉求件已被他人更新，请刷新后重试'
const prefixed = (head: string, note: string | null) => `${head}${note ? `；${note}` : ''}`

export function createComplaintTransitions<Env, Detail>(
  deps: TransitionDeps<Env> & { detail(ctx: Ctx, id: string, afterOwnAction: boolean): Promise<Detail> },
) {
  const { clock, audit, enforcement, repo, today } = deps

  /** The actor holds one of the action's permissions on the unit the declaration names. */
  async function assertActionAllowed(trx: Trx, ctx: Ctx, item: ItemRow, action: Action) {
    const wf = itemWorkflow(item.type as ItemType)
    for (const p of wf.actions[action].permission) if (await deps.itemAllowed(trx, ctx, item, p, permissionOn(action))) return
    throw forbidden(`没有权限对该诉求件执行“${wf.actionLabel(action)}”`)
  }

  /** A decision or notice date: today when not given, never in the future, never before the previous step. */
  function legalDate(d: string | undefined, item: ItemRow, label: string, min?: string | null): string {
    const v = d ?? today()
    if (v > today()) throw validation(`${label}不能晚于今天`)
    if (v < (min ?? item.receivedOn)) throw validation(`${label}不能早于${min ? '前一环节' : '接收日期'}（${min ?? item.receivedOn}）`)
    return v
  }

  // ---- routing ---------------------------------------------------------------------------------
  const dispatch: Effect<'dispatch'> = async ({ trx, item, input, step }) => {
    const u = await routeTo(trx, input.unitId, step)
    if (u.id === item.handlingUnitId && !['received', 'returned'].includes(item.state)) throw validation('不能分送给本单位')
    if (input.handlerId) {
      const h = await trx.selectFrom('userUnit').select('userId').where('userId', '=', input.handlerId).where('unitId', '=', u.id).executeTakeFirst()
      if (!h) throw validation('指定的承办人不属于承办单位')
      step.patch.handlerId = input.handlerId
    }
  }
  const resolveDispute: Effect<'resolve_dispute'> = async ({ trx, item, input, step }) => {
    const u = await routeTo(trx, input.unitId, step)
    step.patch.disputeResolvedOn = today()
    step.note = [`确定管辖依据：${input.basis}`, step.note].filter(Boolean).join('；')
    step.patch.competentUnitId = (await deps.bureauOf(trx, u.id))?.id ?? item.competentUnitId
  }
  /** The new handling unit of a dispatch or a resolved dispute: an active unit; the handler starts empty. */
  async function routeTo(trx: Trx, unitId: string, step: Step) {
    const u = await deps.unitRow(trx, unitId)
    if (!u || u.active !== 1) throw validation('承办单位不存在或已停用', [{ path: 'unitId', message: '单位无效' }])
    step.patch.handlingUnitId = u.id
    step.patch.handlerId = null
    step.toUnitId = u.id
    return u
  }
  // Order 20 Art 37: a unit without power returns the item to intake; it never forwards it itself.
  const returnToIntake: Effect<'return'> = ({ item, input, step }) => {
    step.patch.handlingUnitId = item.intakeUnitId
    step.patch.handlerId = null
    step.toUnitId = item.intakeUnitId
    step.note = prefixed(`退回理由：${input.reason}`, step.note)
  }
  const raiseDispute: Effect<'raise_dispute'> = async ({ trx, item, input, step }) => {
    step.patch.disputeOpenedOn = today()
    step.patch.disputeResolvedOn = null
    const bureau = await deps.bureauOf(trx, item.handlingUnitId)
    const above = bureau ? ((await deps.unitRow(trx, bureau.id))?.parentId ?? bureau.id) : item.intakeUnitId
    // The common higher bureau designates the unit if consultation fails (Art 30): it holds the item meanwhile.
    step.patch.handlingUnitId = above
    step.toUnitId = above
    step.note = prefixed(`争议理由：${input.reason}`, step.note)
  }
  const merge: Effect<'merge'> = async ({ trx, ctx, item, input, step, now }) => {
    const into = await repo.findById(trx, input.intoId)
    if (!into || into.id === item.id) throw validation('要合并到的诉求件不存在')
    if (into.type !== item.type) throw validation('只能合并同类诉求（投诉与投诉、举报与举报）')
    if (itemWorkflow(into.type as ItemType).isFinal(into.state as State))
      throw validation(`诉求件 ${into.itemNo} ${STATE_LABEL[into.state as State]}，不能作为合并目标；重复诉求请改用“关联原件”`)
    if (!(await deps.itemAllowed(trx, ctx, into, 'complaint.read'))) throw validation('要合并到的诉求件不存在')
    Object.assign(step.patch, { mergedIntoId: into.id, outcome: 'merged', closedAt: now, closedOn: today() })
    step.data.intoItemNo = into.itemNo
    await repo.appendEvent(trx, {
      itemId: into.id,
      at: now,
      eventOn: today(),
      kind: 'merge',
      fromState: into.state,
      toState: into.state,
      unitId: into.handlingUnitId,
      toUnitId: null,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      public: 0,
      publicText: null,
      note: `合并 ${item.itemNo}（重复诉求，一并办理）`,
      dataJson: JSON.stringify({ mergedItemNo: item.itemNo }),
    })
  }

  // ---- 投诉: acceptance and mediation -------------------------------------------------------------
  const accept: Effect<'accept'> = async ({ trx, ctx, item, input, step }) => {
    step.patch.accepted = 1
    step.patch.acceptDecidedOn = legalDate(input.decidedOn, item, '受理日期')
    step.patch.handlerId = await deps.handlerOnDecision(trx, ctx, item)
  }
  const reject: Effect<'reject'> = async ({ trx, ctx, item, input, step }) => {
    Object.assign(step.patch, {
      accepted: 0,
      acceptDecidedOn: legalDate(input.decidedOn, item, '决定日期'),
      nonAcceptReason: input.reasonCode,
      outcome: 'not_accepted',
    })
    step.patch.handlerId = await deps.handlerOnDecision(trx, ctx, item)
    const reason = nonAcceptanceReasons(item.regime as Regime).find((r) => r.code === input.reasonCode)!
    step.data.reason = { code: reason.code, text: reason.text, legalBasis: reason.legalBasis }
    step.publicText = `不予受理：${reason.text}`
  }
  const pause: Effect<'pause'> = async ({ trx, item, input, step, now }) => {
    const from = legalDate(input.fromOn, item, '中止开始日期', item.acceptDecidedOn)
    await trx
      .insertInto('complaintPause')
      .values({ id: newId(), itemId: item.id, clock: 'mediation', kind: input.kind, fromOn: from, toOn: null, reason: input.reason, createdAt: now })
      .execute()
    step.data.pause = { kind: input.kind, label: PAUSE_KINDS[input.kind], fromOn: from, reason: input.reason }
  }
  const resume: Effect<'resume'> = async ({ trx, item, input, step }) => {
    const open = await trx.selectFrom('complaintPause').selectAll().where('itemId', '=', item.id).where('toOn', 'is', null).executeTakeFirst()
    if (!open) throw validation('没有进行中的中止期间')
    const t = new Date(`${today()}T00:00:00Z`)
    t.setUTCDate(t.getUTCDate() - 1)
    const yesterday = t.toISOString().slice(0, 10)
    const to = input.toOn ?? (yesterday < open.fromOn ? open.fromOn : yesterday)
    if (to < open.fromOn) throw validation(`中止期间最后一天不能早于开始日期 ${open.fromOn}`)
    if (to > today()) throw validation('中止期间最后一天不能晚于今天')
    await trx.updateTable('complaintPause').set({ toOn: to }).where('id', '=', open.id).execute()
    step.data.pause = { fromOn: open.fromOn, toOn: to }
  }
  const conclude: Effect<'conclude'> = ({ item, input, step }) => {
    Object.assign(step.patch, {
      outcome: input.outcome,
      recoveredFen: input.recoveredFen,
      concludedOn: legalDate(input.concludedOn, item, '调解结束日期', item.acceptDecidedOn),
      mediationDoc: input.outcome === 'agreement_with_doc' ? 1 : input.outcome === 'agreement_no_doc' ? 0 : null,
    })
    step.data.outcome = { code: input.outcome, label: OUTCOME_LABEL[input.outcome], recoveredFen: input.recoveredFen }
    step.publicText = `调解结束：${OUTCOME_LABEL[input.outcome]}`
  }
  const terminate: Effect<'terminate'> = async ({ trx, item, input, step }) => {
    const on = legalDate(input.terminatedOn, item, '终止调解日期', item.acceptDecidedOn)
    Object.assign(step.patch, { outcome: 'terminated', terminationGround: input.ground, terminatedOn: on })
    // A running pause ends with the termination.
    await trx.updateTable('complaintPause').set({ toOn: on }).where('itemId', '=', item.id).where('toOn', 'is', null).execute()
    const g = terminationGrounds().find((x) => x.code === input.ground)!
    step.data.ground = { code: g.code, text: g.text, legalBasis: g.legalBasis }
  }
  const notifyTermination: Effect<'notify_termination'> = ({ item, input, step }) => {
    step.patch.terminationNotifiedOn = legalDate(input.notifiedOn, item, '送达日期', item.terminatedOn)
    step.data.channel = input.channel
  }
  const close: Effect<'close'> = ({ item, input, step }) => {
    if (item.state !== 'follow_up') return
    step.patch.followUpOn = today()
    if (input.followUpResult) step.note = prefixed(`回访情况：${input.followUpResult}`, step.note)
  }

  // ---- 举报: verification and filing ---------------------------------------------------------------
  const extendVerification: Effect<'extend_verification'> = ({ item, input, step }) => {
    step.patch.verifyExtensions = item.verifyExtensions + 1
    step.note = prefixed(`延长审批：${input.approval}`, step.note)
  }
  const fileCase: Effect<'file_case'> = async ({ trx, ctx, item, input, step }) => {
    step.patch.filingDecidedOn = legalDate(input.decidedOn, item, '立案决定日期')
    // The referral only: the report shows 立案 once the case is filed (complaints.leads.ts follows the lead).
    step.patch.outcome = 'lead_referred'
    const unitId = (await deps.bureauOf(trx, item.handlingUnitId))?.id ?? item.handlingUnitId
    // The lead carries the respondent and the matter only: never the reporter (Art 33).
    const lead = await enforcement.createLead(trx, ctx, {
      source: 'report',
      sourceId: item.id,
      sourceNo: item.itemNo,
      unitId,
      entityId: item.respondentEntityId,
      entityName: item.respondentName,
      uscc: item.respondentUscc,
      summary: input.summary,
      foundOn: item.receivedOn,
    })
    Object.assign(step.patch, { leadId: lead.id, leadNo: lead.leadNo })
    step.data.lead = lead
  }
  const notFile: Effect<'not_file'> = ({ item, input, step }) => {
    Object.assign(step.patch, { filingDecidedOn: legalDate(input.decidedOn, item, '决定日期'), outcome: 'not_filed', notFiledReason: input.reasonCode })
    step.data.reason = { code: input.reasonCode, text: NOT_FILED_REASONS[input.reasonCode] }
  }
  const notifyReporter: Effect<'notify_reporter'> = ({ item, input, step }) => {
    step.patch.reporterNotifiedOn = legalDate(input.notifiedOn, item, '告知日期', item.filingDecidedOn)
    step.data.channel = input.channel
  }
  const informNoJurisdiction: Effect<'inform_no_jurisdiction'> = ({ input, step, now }) => {
    Object.assign(step.patch, { outcome: 'no_jurisdiction', feedbackAt: now })
    step.data.text = input.text
  }

  // ---- 咨询 -------------------------------------------------------------------------------------
  const answer: Effect<'answer'> = ({ input, step, now }) => {
    Object.assign(step.patch, { answeredOn: today(), outcome: 'answered', feedbackAt: now })
    step.data.answer = input.answer
  }

  /** The actions with effects of their own; the others (转入回访) are the generic step alone. */
  const EFFECTS: { [A in Action]?: Effect<A> } = {
    dispatch,
    resolve_dispute: resolveDispute,
    return: returnToIntake,
    raise_dispute: raiseDispute,
    merge,
    accept,
    reject,
    pause,
    resume,
    conclude,
    terminate,
    notify_termination: notifyTermination,
    close,
    extend_verification: extendVerification,
    file_case: fileCase,
    not_file: notFile,
    notify_reporter: notifyReporter,
    answer,
    inform_no_jurisdiction: informNoJurisdiction,
  }

  /** Takes `input.action` on a locked item inside `trx`: the generic step around the action's effect. */
  async function applyTransition(trx: Trx, ctx: Ctx, item: ItemRow, input: TransitionInput, env: Env): Promise<void> {
    const action = input.action
    const wf = itemWorkflow(item.type as ItemType)
    if (item.version !== input.expectedVersion) throw conflict(STALE)
    const extra = input as Record<string, unknown>
    const d = decide(
      {
        type: item.type as ItemType,
        state: item.state as State,
        regime: item.regime as Regime,
        anonymous: item.anonymous === 1,
        verifyExtensions: item.verifyExtensions,
        terminationNotifiedOn: item.terminationNotifiedOn,
        reporterNotifiedOn: item.reporterNotifiedOn,
      },
      action,
      {
        reasonCode: extra.reasonCode as string | undefined,
        ground: extra.ground as string | undefined,
        outcome: extra.outcome as string | undefined,
        recoveredFen: extra.recoveredFen as number | undefined,
      },
    )
    if (!d.ok) throw new AppError(d.code, d.message)
    await assertActionAllowed(trx, ctx, item, action)
    const { action: _a, expectedVersion: _v, ...body } = input
    const parsed = wf.parseInput(action, body)
    if (!parsed.ok) throw validation(parsed.message)
    const def = wf.actions[action]
    const now = clock.now().toISOString()
    const step: Step = { patch: { state: d.to }, note: input.note ?? null, data: {}, publicText: def.publicText ?? null, toUnitId: null }
    await (EFFECTS[action] as Effect<Action> | undefined)?.({ trx, ctx, item, input, step, now })
    if (d.to === 'closed' && !step.patch.closedAt) {
      step.patch.closedAt = now
      step.patch.closedOn = today()
    }
    if (!(await repo.update(trx, item.id, item.version, step.patch, now))) throw conflict(STALE)
    const { note, data, publicText } = step
    await repo.appendEvent(trx, {
      itemId: item.id,
      at: now,
      eventOn: today(),
      kind: action,
      fromState: item.state,
      toState: d.to,
      unitId: item.handlingUnitId,
      toUnitId: step.toUnitId,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      public: publicText ? 1 : 0,
      publicText,
      note,
      dataJson: Object.keys(data).length ? JSON.stringify(data) : null,
    })
    await deps.refreshClocks(trx, item.id, env)
    const after = await repo.findById(trx, item.id)
    await audit.record(trx, ctx, {
      action: def.audit,
      targetType: 'complaint_item',
      targetId: item.id,
      targetLabel: item.itemNo,
      unitId: item.handlingUnitId,
      before: stripSecret(item),
      after: { ...stripSecret(after!), note, ...data },
    })
    if ((action === 'dispatch' || action === 'resolve_dispute') && after) await deps.notifyHandler(trx, ctx, after, 'dispatch', `新分送：${item.itemNo}`)
  }
  const stripSecret = (r: ItemRow) => ({ ...r, queryCodeHash: r.queryCodeHash ? '（已设置）' : null })

  /** POST /api/complaints/:id/transitions: one transition in its own transaction, then the item as the actor now sees it. */
  async function transition(ctx: Ctx, id: string, input: TransitionInput): Promise<Detail> {
    const env = await deps.clockEnv()
    // A referral creates a lead whose verification clock needs the catalogue loaded outside the transaction.
    await enforcement.prepare()
    await deps.db.transaction().execute(async (trx) => {
      const item = await deps.loadReadable(trx, ctx, id, true)
      await applyTransition(trx, ctx, item, input, env)
    })
    return deps.detail(ctx, id, true)
  }

  return { applyTransition, transition, assertActionAllowed, legalDate }
}

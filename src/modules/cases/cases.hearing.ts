/**
 * The decision stage beyond notice and decision (shared/cases/case.workflow.decision.ts): the
 * hearing (听证通知书 at least 7 WD before the hearing — the rule `case.hearing_notice` gives the
 * earliest day —, a hearing officer who is not one of the case's investigators, the 听证笔录 and
 * 听证报告), the legal review through 审批待办 (`case.legal_review`), collective discussion of
 * major cases (集体讨论, `case.collective` in the inbox), and the decision not to penalise
 * (不予行政处罚决定书). Each action's data guards (`effectOf`, inside the transition) and its
 * documents (`after`, once its clocks moved; a refusal there rolls the whole action back).
 */
import { systemCtx, type Ctx } from '../../core/actor'
import type { Trx } from '../../core/db/database'
import { docDate } from '../../core/documents'
import { conflict, validation } from '../../core/errors'
import type { Approvals } from '../../core/matter/approvals'
import type { ClockKernel } from '../../core/matter/clocks'
import type { decisionActions } from '../../shared/cases/case.workflow.decision'
import { NO_PENALTY_GROUNDS, type NoPenaltyGround } from '../../shared/cases/vocabulary'
import type { UserService } from '../access'
import type { RuleVersion } from '../rules'
import { type CaseKit, type CaseRow, CASE_MATTER } from './cases.kit'

const ACTIONS = ['notify_hearing', 'hold_hearing', 'collective_discussion', 'decide_no_penalty'] as const satisfies readonly (keyof typeof decisionActions)[]
type DecisionStageAction = (typeof ACTIONS)[number]
export const LEGAL_REVIEW_KIND = 'case.legal_review'

export function createCaseHearing({
  kit,
  clocks,
  approvals,
  users,
}: {
  kit: CaseKit
  clocks: ClockKernel
  approvals: Approvals
  users: Pick<UserService, 'getUser'>
}) {
  const { legalDate, basisOf, issue, dueOf, officersOf } = kit
  /** Hearing officers looked up before the transaction (SQLite holds one connection inside it). */
  const officerCache = new Map<string, { id: string; name: string; active: boolean }>()

  /** Loads what an action needs from other modules, before its transaction. */
  async function prepare(action: string, input: Record<string, unknown>) {
    if (action === 'notify_hearing' && typeof input.officerId === 'string' && /^[0-9a-f-]{36}$/i.test(input.officerId)) {
      const u = await users.getUser(systemCtx(), input.officerId).catch(() => null)
      if (u) officerCache.set(u.id, { id: u.id, name: u.displayName, active: u.status === 'active' })
      else officerCache.delete(input.officerId)
    }
  }

  /** Penalty Law Arts 57–58: a major case is decided only after legal review and collective discussion. */
  function assertMajorReady(row: CaseRow) {
    if ((row.major || row.hearingRequestedOn) && !row.legalReviewedOn)
      throw validation('重大案件或经听证的案件，须经法制审核后方可作出决定（行政处罚法第五十八条）')
    if (row.major && !row.collectiveOn) throw validation('重大案件须经行政机关负责人集体讨论后方可作出决定（行政处罚法第五十七条）')
  }

  /** The direct 法制审核意见 is refused while the review waits in 审批待办 (it is decided there). */
  async function assertNoPendingReview(trx: Trx, row: CaseRow) {
    const pending = (await approvals.ofMatter(trx, systemCtx(), CASE_MATTER, row.id)).find((a) => a.kind === LEGAL_REVIEW_KIND && a.state === 'pending')
    if (pending) throw conflict('法制审核已提交审批待办，请在审批待办中填写审核意见')
  }

  async function effectOf(trx: Trx, row: CaseRow, action: string, input: Record<string, unknown>, on: string): Promise<Partial<CaseRow>> {
    const at = (label: string, notBefore?: string | null) => legalDate(input.on as string | undefined, label, notBefore ?? row.filedOn)
    switch (action as DecisionStageAction) {
      case 'notify_hearing': {
        at('通知日期', row.hearingRequestedOn ?? row.notifiedOn)
        if (!row.hearingRequestedOn) throw validation('当事人未要求听证，不能发出听证通知')
        if (row.hearingNoticeOn) throw validation(`已于 ${row.hearingNoticeOn} 发出听证通知`)
        const officerId = input.officerId as string
        const officer = officerCache.get(officerId)
        if (!officer || !officer.active) throw validation('听证主持人不存在或已停用')
        const investigators = await officersOf(trx, row.id)
        if (investigators.some((o) => o.userId === officerId)) throw validation('听证主持人应当由非本案调查人员担任（行政处罚法第六十四条第（四）项）')
        const hearingOn = input.hearingOn as string
        if (hearingOn <= on) throw validation('听证日期应晚于通知日期')
        return { hearingNoticeOn: on, hearingOn, hearingPlace: input.place as string, hearingOfficerId: officerId, hearingOfficerName: officer.name }
      }
      case 'hold_hearing':
        if (!row.hearingNoticeOn) throw validation('尚未发出听证通知，不能记录听证')
        if (row.hearingHeldOn) throw validation(`听证已于 ${row.hearingHeldOn} 举行`)
        at('听证日期', row.hearingOn)
        return { hearingHeldOn: on }
      case 'collective_discussion':
        at('讨论日期', row.notifiedOn)
        if (row.hearingRequestedOn && !row.hearingHeldOn && row.hearingNoticeOn) throw validation('听证尚未举行，请在听证后集体讨论')
        return { collectiveOn: on }
      case 'decide_no_penalty': {
        at('决定日期', row.notifiedOn)
        assertMajorReady(row)
        const decisionClock = (await clocks.list(trx, CASE_MATTER, row.id)).find((c) => c.kind === 'decision')
        if (decisionClock?.pauses.some((p) => p.to === null)) throw validation('办案期限处于中止状态（检测鉴定或听证尚未结束），请先登记结果')
        return {
          noPenaltyGround: input.ground as string,
          decisionFacts: input.facts as string,
          decisionBasis: NO_PENALTY_GROUNDS[input.ground as NoPenaltyGround].basis,
          penaltyType: null,
          fineFen: 0,
          gainsFen: 0,
          goodsValueFen: 0,
          goods: null,
          decidedOn: on,
        }
      }
    }
  }

  /** The documents of the action once its clocks moved; answers the timeline note. */
  async function after(
    trx: Trx,
    ctx: Ctx,
    r: CaseRow,
    action: string,
    input: Record<string, unknown>,
    on: string,
    versions: RuleVersion[],
  ): Promise<string | null> {
    const officer = r.hearingOfficerName ?? '—'
    switch (action as DecisionStageAction) {
      case 'notify_hearing': {
        const earliest = await dueOf(trx, CASE_MATTER, r.id, 'hearing_notice')
        if (earliest && r.hearingOn! < earliest)
          throw validation(`听证通知应在举行听证的七个工作日前送达：按 ${on} 通知，最早可于 ${earliest} 举行听证（行政处罚法第六十四条）`)
        await issue(trx, ctx, r, 'case.hearing_notice', on, basisOf(versions, 'case.hearing_notice', on), {
          hearingOn: docDate(r.hearingOn!),
          place: r.hearingPlace,
          officer,
          earliestOn: earliest ? docDate(earliest) : '—',
        })
        return `${r.hearingOn} 在${r.hearingPlace}举行听证，主持人 ${officer}`
      }
      case 'hold_hearing': {
        const v = { on: docDate(on), place: r.hearingPlace ?? '—', officer }
        await issue(trx, ctx, r, 'case.hearing_record', on, null, { ...v, attendees: input.attendees as string, record: input.record as string })
        await issue(trx, ctx, r, 'case.hearing_report', on, '《中华人民共和国行政处罚法》第六十五条', { ...v, report: input.report as string })
        return input.report as string
      }
      case 'collective_discussion':
        await issue(trx, ctx, r, 'case.collective', on, null, {
          on: docDate(on),
          participants: input.participants as string,
          record: input.record as string,
          conclusion: input.conclusion as string,
        })
        return input.conclusion as string
      case 'decide_no_penalty': {
        const g = NO_PENALTY_GROUNDS[input.ground as NoPenaltyGround]
        const doc = await issue(trx, ctx, r, 'case.no_penalty', on, null, {
          facts: input.facts as string,
          reasons: String(input.reasons).replace(/[。．.]+$/, ''),
          ground: g.label,
          groundBasis: g.basis,
        })
        await trx.updateTable('caseFile').set({ decisionNo: doc.docNo }).where('id', '=', r.id).execute()
        return `${doc.docNo ?? ''} 不予行政处罚：${g.label}`
      }
    }
  }

  /** 提交法制审核 files the review in 审批待办 (the legal unit / head decides it there). */
  async function requestLegalReview(trx: Trx, ctx: Ctx, r: CaseRow, on: string) {
    await approvals.request(trx, ctx, {
      kind: LEGAL_REVIEW_KIND,
      matterId: r.id,
      unitId: r.unitId,
      matterLabel: r.caseNo,
      title: `${r.title}（当事人 ${r.partyName}）`,
      link: `/cases/${r.id}`,
      payload: { on },
      reason: `拟作出的行政处罚：${r.intendedPenalty ?? '—'}${r.major ? '（重大案件）' : ''}`,
    })
  }

  return { actions: ACTIONS, prepare, effectOf, after, assertMajorReady, assertNoPendingReview, requestLegalReview }
}
export type CaseHearing = ReturnType<typeof createCaseHearing>

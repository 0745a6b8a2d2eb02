/**
 * The workflow's transitions (shared/cases/case.workflow.ts): each action's data guards and columns
 * (`effectOf`, run inside the records kernel's transition), then its clocks, the documents it issues
 * and its timeline entry (`afterTransition`) — extension, testing pauses, advance notice, hearing,
 * legal review, the 行政处罚决定书 (the one place a decision is issued), service; 结案 in
 * cases.closure.ts.
 */
import type { CaseClosure } from './cases.closure'
import type { CaseHearing } from './cases.hearing'
import { type CaseKit, type CaseRow, type CaseStage, CASE_MATTER } from './cases.kit'
import type { CasePublicity } from './cases.publicity'
import { type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Trx } from '../../core/db/database'
import { docDate } from '../../core/documents'
import { validation } from '../../core/errors'
import type { ClockKernel } from '../../core/matter/clocks'
import { caseWorkflow, type CaseAction } from '../../shared/cases/case.workflow'
import { SERVICE_METHODS, type PenaltyType } from '../../shared/cases/vocabulary'
import { type RuleVersion } from '../rules'
import type { CaseDetail } from './cases.schema'

export function createCaseDecision({
  db,
  kit,
  clocks,
  closure,
  hearing,
  stages = [],
  get,
  publicity,
}: Pick<CoreDeps, 'db'> & {
  kit: CaseKit
  clocks: ClockKernel
  closure: CaseClosure
  /** Hearing, legal review in the inbox, collective discussion, 不予处罚 (cases.hearing.ts). */
  hearing: CaseHearing
  /** The other stage files' actions (on-the-spot 备案, reminder, court application…), found by `actions`. */
  stages?: readonly CaseStage[]
  get: (ctx: Ctx, id: string) => Promise<CaseDetail>
  /** Penalty publicity (cases.publicity.ts): the decision's record, in the decision's transaction. */
  publicity?: Pick<CasePublicity, 'recordDecision'>
}) {
  const all: readonly CaseStage[] = [hearing, ...stages]
  const stageOf = (action: string) => {
    const s = all.find((x) => x.actions.includes(action))
    if (!s) throw new Error(`case action ${action} has no handler`)
    return s
  }
  const { today, records, legalDate, ruleVersions, basisOf, event, penaltyText, issue, dueOf, project } = kit
  /** The module's data guards and columns of an action (runs inside the transition). */
  async function effectOf(trx: Trx, row: CaseRow, action: CaseAction, input: Record<string, unknown>, on: string): Promise<Partial<CaseRow>> {
    const at = (label: string, notBefore?: string | null) => legalDate(input.on as string | undefined, label, notBefore ?? row.filedOn)
    switch (action) {
      case 'extend':
        at('批准日期')
        return {}
      case 'start_testing':
      case 'end_testing':
        at(action === 'start_testing' ? '委托日期' : '收到结果日期')
        return {}
      case 'notify':
        at('告知日期')
        return {
          notifiedOn: on,
          noticeFacts: input.facts as string,
          noticeBasis: input.basis as string,
          intendedPenalty: input.intendedPenalty as string,
          hearingRight: input.hearingRight ? 1 : 0,
          major: input.major ? 1 : 0,
        }
      case 'request_hearing':
        at('提出日期', row.notifiedOn)
        if (!row.hearingRight) throw validation('告知书未告知听证权利，本案不适用听证程序')
        return { hearingRequestedOn: row.hearingRequestedOn ?? on }
      case 'end_hearing':
        at('听证结束日期', row.hearingRequestedOn ?? row.notifiedOn)
        if (!row.hearingRequestedOn) throw validation('当事人未要求听证')
        return {}
      case 'submit_review':
        at('提交日期', row.notifiedOn)
        return {}
      case 'complete_review':
        at('审核日期', row.notifiedOn)
        await hearing.assertNoPendingReview(trx, row)
        return { legalReviewedOn: on, reviewOpinion: input.opinion as string }
      case 'decide': {
        at('决定日期', row.notifiedOn)
        // Penalty Law Arts 57–58: major cases (and those heard) go through legal review, major ones through collective discussion.
        hearing.assertMajorReady(row)
        const open = (await clocks.list(trx, CASE_MATTER, row.id)).find((c) => c.kind === 'decision')
        if (open?.pauses.some((p) => p.to === null)) throw validation('办案期限处于中止状态（检测鉴定或听证尚未结束），请先登记结果')
        const statementDue = await dueOf(trx, CASE_MATTER, row.id, 'statement')
        if (statementDue && on <= statementDue && !row.hearingRequestedOn)
          throw validation(`陈述申辩期限至 ${statementDue} 届满，期满后方可作出决定（当事人放弃陈述申辩的，请在期满后决定）`)
        const fine = Number(input.fineFen ?? 0)
        const gains = Number(input.gainsFen ?? 0)
        const goodsValue = Number(input.goodsValueFen ?? 0)
        const type = input.penaltyType as PenaltyType
        if (type === 'fine' && fine <= 0) throw validation('处罚种类为罚款时，罚款金额须大于 0')
        if (type === 'confiscate_gains' && gains <= 0) throw validation('处罚种类为没收违法所得时，金额须大于 0')
        return {
          penaltyType: type,
          decisionFacts: input.facts as string,
          decisionBasis: input.basis as string,
          fineFen: fine,
          gainsFen: gains,
          goodsValueFen: goodsValue,
          goods: (input.goods as string | undefined) || null,
          decidedOn: on,
        }
      }
      case 'serve':
        at('送达日期', row.decidedOn)
        if (input.method === 'electronic') {
          // Electronic service needs the party's consent (Penalty Law Art 61): recorded in the service-address confirmation.
        }
        return { servedOn: on, serviceMethod: input.method as string, serviceRecipient: input.recipient as string }
      case 'close':
        return closure.closeEffect(trx, row, input, on, at)
      default:
        return stageOf(action).effectOf(trx, row, action, input, on)
    }
  }

  /** The documents and timeline of a transition, after its clocks moved. */
  async function afterTransition(trx: Trx, ctx: Ctx, r: CaseRow, action: CaseAction, input: Record<string, unknown>, on: string, versions: RuleVersion[]) {
    const label = caseWorkflow.actions[action].label
    const due = (kind: string) => dueOf(trx, CASE_MATTER, r.id, kind)
    const decisionDue = async () => docDate((await due('decision')) ?? on)
    let note: string | null = null
    switch (action) {
      case 'extend':
        await issue(trx, ctx, r, 'case.extension', on, basisOf(versions, 'case.decision', r.filedOn), {
          reason: input.reason as string,
          dueOn: await decisionDue(),
          on: docDate(on),
        })
        note = input.reason as string
        break
      case 'start_testing':
        await issue(trx, ctx, r, 'case.testing_period', on, basisOf(versions, 'case.decision', r.filedOn), {
          subject: input.subject as string,
          institution: input.institution as string,
          on: docDate(on),
        })
        note = `${input.subject as string}（${input.institution as string}）`
        break
      case 'end_testing':
        await issue(trx, ctx, r, 'case.testing_result', on, basisOf(versions, 'case.decision', r.filedOn), {
          result: input.result as string,
          on: docDate(on),
          dueOn: await decisionDue(),
        })
        note = input.result as string
        break
      case 'notify': {
        const statementDue = await due('statement')
        await issue(trx, ctx, r, 'case.advance_notice', on, basisOf(versions, 'case.hearing_request', on), {
          facts: r.noticeFacts,
          noticeBasis: r.noticeBasis,
          intendedPenalty: r.intendedPenalty,
          hearingText: r.hearingRight ? '根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求举行听证。' : '',
          hearingShort: r.hearingRight ? '或者听证要求' : '',
          statementDueOn: statementDue ? docDate(statementDue) : '',
        })
        note = r.intendedPenalty
        break
      }
      case 'complete_review': {
        const submitted = (await clocks.list(trx, CASE_MATTER, r.id)).find((c) => c.kind === 'legal_review')?.startOn ?? on
        await issue(trx, ctx, r, 'case.legal_review', on, basisOf(versions, 'case.legal_review', submitted), {
          submittedOn: docDate(submitted),
          opinion: input.opinion as string,
          on: docDate(on),
        })
        note = input.opinion as string
        break
      }
      case 'decide': {
        const evidence = await trx.selectFrom('caseEvidence').select('title').where('caseId', '=', r.id).orderBy('seq').execute()
        const doc = await issue(trx, ctx, r, 'case.decision', on, basisOf(versions, 'case.decision', r.filedOn), {
          facts: r.decisionFacts,
          evidence: evidence.length ? evidence.map((e) => e.title).join('、') : '现场笔录、询问笔录',
          notifiedOn: r.notifiedOn ? docDate(r.notifiedOn) : '—',
          hearingShort: r.hearingRight ? '和要求听证的' : '的',
          decisionBasis: r.decisionBasis,
          penalty: penaltyText(r),
          decisionDueOn: await decisionDue(),
        })
        await trx.updateTable('caseFile').set({ decisionNo: doc.docNo }).where('id', '=', r.id).execute()
        await publicity?.recordDecision(trx, ctx, r.id)
        note = `${doc.docNo ?? ''} ${penaltyText(r)}`
        break
      }
      case 'serve': {
        // Nothing to pay (a warning, a decision not to penalise): no payment clock.
        const owes = Number(r.fineFen) + Number(r.gainsFen) > 0
        if (!owes) {
          await clocks.apply(trx, { type: CASE_MATTER, id: r.id, unitId: r.unitId, referenceDate: r.filedOn }, [{ op: 'stop', clock: 'payment' }], on)
          await project(trx, r.id)
        }
        const paymentDue = owes ? await due('payment') : null
        await trx.updateTable('caseFile').set({ paymentDueOn: paymentDue }).where('id', '=', r.id).execute()
        note = `${SERVICE_METHODS[input.method as keyof typeof SERVICE_METHODS]}，受送达人 ${input.recipient as string}；缴款期限至 ${paymentDue ?? '—'}`
        break
      }
      case 'close':
        note = await closure.afterClose(trx, ctx, r, on)
        break
      case 'submit_review':
        await hearing.requestLegalReview(trx, ctx, r, on)
        break
      case 'request_hearing':
        break
      case 'end_hearing':
        note = input.summary as string
        break
      default:
        note = await stageOf(action).after(trx, ctx, r, action, input, on, versions)
    }
    await event(trx, ctx, r.id, action, label, on, note)
  }

  /** Takes a workflow action on a case (POST /cases/:id/actions/:action). */
  async function act(ctx: Ctx, id: string, action: CaseAction, input: Record<string, unknown>, version?: number): Promise<CaseDetail> {
    const versions = await ruleVersions()
    await hearing.prepare(action, input)
    await clocks.prepare()
    await db.transaction().execute((trx) => actInTrx(trx, ctx, id, action, input, version, versions))
    return get(ctx, id)
  }

  /** The transition, its clocks, documents and timeline in `trx` (the rule catalogue and clocks loaded before). */
  async function actInTrx(
    trx: Trx,
    ctx: Ctx,
    id: string,
    action: CaseAction,
    input: Record<string, unknown>,
    version: number | undefined,
    versions: RuleVersion[],
  ) {
    const res = await records.transition(ctx, id, action, input, { version, trx })
    const parsed = caseWorkflow.parseInput(action, input)
    const value = (parsed.ok ? parsed.value : {}) as Record<string, unknown>
    const on = (value.on as string | undefined) ?? today()
    const def = caseWorkflow.actions[action]
    if (def.clocks?.length) await clocks.apply(trx, { type: CASE_MATTER, id, unitId: res.after.unitId, referenceDate: res.after.filedOn }, def.clocks, on)
    await project(trx, id)
    await afterTransition(trx, ctx, res.after, action, value, on, versions)
  }

  return { effectOf, act, actInTrx }
}
export type CaseDecision = ReturnType<typeof createCaseDecision>

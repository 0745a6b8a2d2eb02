/**
 * Execution of the money (罚没款的执行): deferral or instalments approved on the party's application
 * (延期/分期缴纳罚款通知书, Penalty Law Art 66 — the payment clock stops, the new last day or the
 * schedule governs the surcharge), the reminder (履行催告书, Compulsion Law Art 54: the party has 10 WD)
 * and the application to the court for enforcement (强制执行申请书, Art 53: within three months after
 * the six-month challenge period; the `court` clock is started by the reminder on that day).
 */
import type { Ctx } from '../../core/actor'
import type { Trx } from '../../core/db/database'
import { docDate } from '../../core/documents'
import { validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { ClockKernel } from '../../core/matter/clocks'
import { yuan } from '../../shared/cases/vocabulary'
import type { RuleVersion } from '../rules'
import { challengeEndsOn, scheduleProblems } from './cases.domain'
import { type CaseKit, type CaseRow, CASE_MATTER } from './cases.kit'
import { addCalendarMonths } from './cases.publicity.domain'

const ACTIONS = ['allow_instalments', 'remind', 'apply_court'] as const
type Action = (typeof ACTIONS)[number]

export function createCaseEnforce({ kit, clocks, now }: { kit: CaseKit; clocks: ClockKernel; now: () => string }) {
  const { legalDate, balance, basisOf, issue, dueOf, project } = kit

  async function effectOf(trx: Trx, row: CaseRow, action: string, input: Record<string, unknown>, on: string): Promise<Partial<CaseRow>> {
    const at = (label: string, notBefore?: string | null) => legalDate(input.on as string | undefined, label, notBefore ?? row.servedOn)
    const bal = await balance(trx, row, on)
    switch (action as Action) {
      case 'allow_instalments': {
        at('批准日期')
        if (bal.outstandingFen <= 0) throw validation('罚没款已缴清，无需延期或分期')
        const appliedOn = legalDate(input.appliedOn as string, '当事人申请日期', row.servedOn)
        if (appliedOn > on) throw validation('批准日期不能早于当事人申请日期')
        if (input.mode === 'defer') {
          const to = input.deferTo as string | undefined
          if (!to) throw validation('延期缴纳须填写延期至的日期')
          if (to <= (row.paymentDueOn ?? on)) throw validation(`延期至的日期应晚于原缴款期限 ${row.paymentDueOn ?? on}`)
          return { deferredTo: to, paymentDueOn: to }
        }
        const schedule = (input.schedule as Array<{ dueOn: string; amountFen: number }> | undefined) ?? []
        const problems = scheduleProblems(schedule, bal.outstandingFen, on)
        if (problems.length) throw validation(problems.join('；'))
        await trx.deleteFrom('caseInstalment').where('caseId', '=', row.id).execute()
        await trx
          .insertInto('caseInstalment')
          .values(schedule.map((s, i) => ({ id: newId(), caseId: row.id, seq: i + 1, dueOn: s.dueOn, amountFen: s.amountFen, createdAt: now() })))
          .execute()
        const last = schedule[schedule.length - 1]!.dueOn
        return { deferredTo: last, paymentDueOn: last }
      }
      case 'remind':
        at('催告书送达日期', row.paymentDueOn)
        if (bal.outstandingFen <= 0) throw validation('罚没款已缴清，无需催告')
        if (!row.paymentDueOn || on <= row.paymentDueOn) throw validation(`缴款期限至 ${row.paymentDueOn ?? '—'} 届满后方可催告`)
        if (row.remindedOn) throw validation(`已于 ${row.remindedOn} 催告`)
        return { remindedOn: on }
      case 'apply_court': {
        at('申请日期', row.remindedOn)
        if (!row.remindedOn) throw validation('申请人民法院强制执行前，应当先催告当事人履行义务（行政强制法第五十四条）')
        if (bal.outstandingFen <= 0) throw validation('罚没款已缴清，无需申请强制执行')
        const reminderDue = await dueOf(trx, CASE_MATTER, row.id, 'reminder')
        if (reminderDue && on <= reminderDue) throw validation(`催告书送达十个工作日后（${reminderDue} 以后）当事人仍未履行的，方可申请强制执行`)
        const challengeEnd = challengeEndsOn(row.servedOn!, addCalendarMonths)
        if (on <= challengeEnd) throw validation(`行政复议、行政诉讼期限至 ${challengeEnd} 届满后方可申请人民法院强制执行（行政强制法第五十三条）`)
        const courtDue = await dueOf(trx, CASE_MATTER, row.id, 'court')
        if (courtDue && on > courtDue) throw validation(`申请强制执行的期限已于 ${courtDue} 届满`)
        return { courtAppliedOn: on }
      }
    }
  }

  async function after(
    trx: Trx,
    ctx: Ctx,
    r: CaseRow,
    action: string,
    input: Record<string, unknown>,
    on: string,
    versions: RuleVersion[],
  ): Promise<string | null> {
    const bal = await balance(trx, r, on)
    switch (action as Action) {
      case 'allow_instalments': {
        const rows = await trx.selectFrom('caseInstalment').select(['seq', 'dueOn', 'amountFen']).where('caseId', '=', r.id).orderBy('seq').execute()
        const schedule =
          input.mode === 'defer'
            ? `延期至${docDate(r.deferredTo!)}前一次缴清人民币${yuan(bal.outstandingFen)}元`
            : rows.map((x) => `第${x.seq}期${docDate(x.dueOn)}前缴纳人民币${yuan(Number(x.amountFen))}元`).join('；')
        await issue(trx, ctx, r, 'case.instalment', on, '《中华人民共和国行政处罚法》第六十六条第二款', {
          appliedOn: docDate(input.appliedOn as string),
          kindLabel: input.mode === 'defer' ? '延期' : '分期',
          decisionNo: r.decisionNo ?? '',
          schedule,
        })
        return schedule
      }
      case 'remind': {
        // The court-enforcement period runs from the day the challenge periods end (Compulsion Law Art 53).
        const challengeEnd = challengeEndsOn(r.servedOn!, addCalendarMonths)
        await clocks.apply(trx, { type: CASE_MATTER, id: r.id, unitId: r.unitId, referenceDate: r.filedOn }, [{ op: 'start', clock: 'court' }], challengeEnd)
        await project(trx, r.id)
        const reminderDue = await dueOf(trx, CASE_MATTER, r.id, 'reminder')
        await issue(trx, ctx, r, 'case.reminder', on, basisOf(versions, 'case.enforcement_reminder', on), {
          decidedOn: docDate(r.decidedOn!),
          decisionNo: r.decisionNo ?? '',
          dueOn: docDate(r.paymentDueOn!),
          on: docDate(on),
          outstanding: yuan(bal.outstandingFen),
          reminderDueOn: reminderDue ? docDate(reminderDue) : '—',
        })
        return `未缴 ${yuan(bal.outstandingFen)} 元；催告期限至 ${reminderDue ?? '—'}`
      }
      case 'apply_court': {
        const courtDue = (await clocks.list(trx, CASE_MATTER, r.id)).find((c) => c.kind === 'court')?.dueOn
        await issue(trx, ctx, r, 'case.court_application', on, basisOf(versions, 'case.court_enforcement', on), {
          decisionNo: r.decisionNo ?? '',
          outstanding: yuan(bal.outstandingFen),
          decidedOn: docDate(r.decidedOn!),
          servedOn: docDate(r.servedOn!),
          remindedOn: docDate(r.remindedOn!),
          courtDueOn: courtDue ? docDate(courtDue) : '—',
        })
        return `向${input.court as string}申请强制执行，标的 ${yuan(bal.outstandingFen)} 元`
      }
    }
  }

  return { actions: ACTIONS, effectOf, after }
}

import { inScope, scopeFor } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { CASE_STATE_LABEL, type CaseState } from '../../shared/cases/case.workflow'
import type { WorkProvider } from '../work'

const NEXT_STEP: Record<CaseState, string> = {
  investigating: '调查取证，作出行政处罚告知或结案',
  notified: '听取陈述申辩，作出处罚决定',
  review: '法制审核',
  decided: '送达行政处罚决定书',
  served: '督促缴纳罚没款，履行后结案',
  closed: '',
  suspended: '中止原因消除后恢复调查',
  terminated: '',
  transferred: '跟踪移送回执和处理结果，结案',
}

/** 我的待办: open cases I handle (as one of the officers), by their next clock. */
export function createCasesWork({ db }: Pick<CoreDeps, 'db'>): WorkProvider[] {
  const mine: WorkProvider = {
    key: 'cases',
    title: '我承办的案件',
    permission: 'case.handle',
    async load(ctx) {
      const scope = scopeFor(ctx.actor, 'case.read')
      if (!scope || !ctx.actor.userId) return []
      const rows = await db
        .selectFrom('caseFile')
        .innerJoin('caseOfficer', 'caseOfficer.caseId', 'caseFile.id')
        .leftJoin('orgUnit', 'orgUnit.id', 'caseFile.unitId')
        .select([
          'caseFile.id',
          'caseFile.caseNo',
          'caseFile.title',
          'caseFile.partyName',
          'caseFile.state',
          'caseFile.nextDueOn',
          'caseFile.filedOn',
          'orgUnit.name as unitName',
        ])
        .where('caseOfficer.userId', '=', ctx.actor.userId)
        .where('caseOfficer.caseOpen', '=', 1)
        .where('caseFile.state', 'not in', ['closed', 'terminated'])
        .where((eb) => inScope(eb, scope, ctx.actor, 'case_file.unit_id'))
        .orderBy('caseFile.nextDueOn')
        .limit(200)
        .execute()
      return rows.map((r) => ({
        id: r.id,
        matterType: 'case_file',
        no: r.caseNo,
        title: `案件：${r.title}`,
        subtitle: r.partyName,
        stateLabel: CASE_STATE_LABEL[r.state as CaseState] ?? r.state,
        actionLabel: NEXT_STEP[r.state as CaseState] ?? '',
        dueOn: r.nextDueOn,
        dueLabel: r.nextDueOn ? '最近期限' : null,
        link: `/cases/${r.id}`,
        assignee: 'me' as const,
        unitName: r.unitName ?? null,
        at: r.filedOn,
      }))
    },
  }
  return [mine]
}

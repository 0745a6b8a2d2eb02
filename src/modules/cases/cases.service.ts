/**
 * The enforcement case file (行政处罚案件): it composes the use cases, each a small factory over the
 * shared kit (cases.kit.ts: records kernel over case_file, legal dates, documents, clocks' projection,
 * balance) — filing (立案), investigation (evidence, seizures), decision (the workflow's transitions:
 * notice, hearing, review, the decision, service), money (payments), closure and the reads. Every
 * step the law ties to a document issues it from the document engine in the same transaction; the
 * documents' dates drive the clocks in matter_clock. Nothing else lives here.
 */
import type { CoreDeps } from '../../core/deps'
import type { AnyCaseAction } from '../../shared/cases/case.workflow'
import type { Approvals } from '../../core/matter/approvals'
import type { ClockKernel } from '../../core/matter/clocks'
import type { UserService } from '../access'
import type { AuditService } from '../audit'
import type { DocumentsEngine } from '../documents'
import type { EnforcementService } from '../enforcement'
import type { EntitiesService } from '../entities'
import type { RulesService } from '../rules'
import { isInvestigationAction } from '../../shared/cases/case.workflow.investigation'
import { createCaseApprovals } from './cases.approvals'
import { createCaseArchive } from './cases.archive'
import { createCaseAvoidance } from './cases.avoidance'
import { createCaseClosure } from './cases.closure'
import { createCaseDecision } from './cases.decision'
import { createCaseEnforce } from './cases.enforce'
import { createCaseFiling } from './cases.filing'
import { createCaseHearing } from './cases.hearing'
import { createCaseInvestigation } from './cases.investigation'
import { createCaseInvestigationFlow } from './cases.investigation.flow'
import { createCaseKit, type CaseEffects } from './cases.kit'
import { createCaseMoney } from './cases.money'
import { createCaseOnSpot } from './cases.onspot'
import { createCasePreservation } from './cases.preservation'
import type { CasePublicity } from './cases.publicity'
import { createCaseReads } from './cases.reads'
import { createCaseReconcile } from './cases.reconcile'
import { createCaseRecords } from './cases.records'

export { CASE_MATTER, SEIZURE_MATTER } from './cases.kit'
export type { LeadSourceHook } from './cases.filing'

export function createCasesService({
  db,
  dialect,
  clock,
  config,
  audit,
  clocks,
  documents,
  rules,
  entities,
  enforcement,
  users,
  approvals,
  publicity,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock' | 'config'> & {
  audit: AuditService
  clocks: ClockKernel
  documents: DocumentsEngine
  rules: Pick<RulesService, 'versions'>
  entities: Pick<EntitiesService, 'get'>
  enforcement: Pick<EnforcementService, 'fileLeadInTrx' | 'get' | 'proposeFiling' | 'createLead' | 'onSpotLeadInTrx'>
  users: Pick<UserService, 'getUser' | 'listUsers'>
  /** 审批待办: 立案 (and the case's approvals) are the head's. */
  approvals: Approvals
  /** Penalty publicity (cases.publicity.ts): the decision's record, in the decision's transaction. */
  publicity?: Pick<CasePublicity, 'recordDecision'>
}) {
  // The records kernel runs the workflow's effects, which themselves use the kit: bound late.
  const late: { effects?: CaseEffects } = {}
  const kit = createCaseKit({ db, dialect, clock, audit, clocks, documents, rules, effects: (...a) => late.effects!(...a) })
  const reads = createCaseReads({ db, dialect, kit, clocks, documents, users })
  const { get } = reads
  const closure = createCaseClosure({ kit, documents })
  const hearing = createCaseHearing({ kit, clocks, approvals, users })
  const onSpot = createCaseOnSpot({ db, clock, kit, clocks, entities, enforcement, users, get })
  const decision = createCaseDecision({
    db,
    kit,
    clocks,
    closure,
    hearing,
    stages: [onSpot.stage, createCaseEnforce({ kit, clocks, now: () => clock.now().toISOString() })],
    get,
    publicity,
  })
  // The investigation stage's actions (中止/恢复/终止/移送) have their own flow (cases.investigation.flow.ts).
  const investigationRecords = createCaseRecords({ db, clock, config, kit, audit })
  const { view } = investigationRecords
  const flow = createCaseInvestigationFlow({ db, clock, kit, clocks, approvals, get, view })
  late.effects = (trx, row, action, input, on) =>
    isInvestigationAction(action) ? flow.effectOf(trx, row, action, input) : decision.effectOf(trx, row, action, input, on)
  const preservation = createCasePreservation({ db, clock, kit, clocks, approvals, view })
  const avoidance = createCaseAvoidance({ db, clock, kit, approvals, users, view })
  const filing = createCaseFiling({ db, clock, kit, clocks, entities, enforcement, approvals, users, get })
  const investigation = createCaseInvestigation({ db, clock, kit, clocks, get })
  const money = createCaseMoney({ db, clock, kit, clocks, get })
  const caseApprovals = createCaseApprovals({ db, kit, clocks, approvals, decision })

  return {
    open: filing.open,
    proposeFiling: filing.proposeFiling,
    act: (ctx: Parameters<typeof decision.act>[0], id: string, action: AnyCaseAction, input: Record<string, unknown>, version?: number) =>
      isInvestigationAction(action) ? flow.act(ctx, id, action, input, version) : decision.act(ctx, id, action, input, version),
    propose: caseApprovals.propose,
    list: reads.list,
    get,
    addEvidence: investigation.addEvidence,
    seize: investigation.seize,
    extendSeizure: investigation.extendSeizure,
    releaseSeizure: investigation.releaseSeizure,
    pay: money.pay,
    /** The investigation stage (cases.records/preservation/avoidance/investigation.flow.ts). */
    investigation: {
      view,
      addEvidenceFile: investigationRecords.addEvidenceFile,
      evidenceFile: investigationRecords.evidenceFile,
      evidenceList: investigationRecords.evidenceList,
      addRecord: investigationRecords.addRecord,
      requestPreservation: preservation.request,
      decidePreservation: preservation.decide,
      applyAvoidance: avoidance.apply,
      propose: flow.propose,
      transferReceipt: flow.receipt,
    },
    onSpot: onSpot.decide,
    correct: createCaseArchive({ db, kit, documents, get }).correct,
    reconciliation: createCaseReconcile({ db, kit }).byUnit,
    ofEntity: reads.ofEntity,
    officerChoices: reads.officerChoices,
    profileSection: reads.profileSection,
    /** A source module that wants to hear of filings (the 12315 report follows its lead). */
    onCaseFiled: filing.onCaseFiled,
  }
}
export type CasesService = ReturnType<typeof createCasesService>

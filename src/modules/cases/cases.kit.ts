/**
 * The shared core of the case use cases (filing, investigation, decision, money, closure, reads):
 * one records kernel over case_file and the helpers every step uses. Nothing domain-specific to a
 * single step lives here.
 */
import { type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Executor, Trx } from '../../core/db/database'
import { dateProblem } from '../../core/dates'
import { docDate } from '../../core/documents'
import { AppError, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { ClockKernel } from '../../core/matter/clocks'
import { nextDueOf } from '../../core/matter/clocks.domain'
import { scopedRecords } from '../../core/matter/records'
import { maskIdNumber } from '../../core/mask'
import { printableLegalBasis } from '../../shared/legal'
import { beijingDate } from '../../shared/time'
import { CASE_CLOCKS, caseWorkflow, type AnyCaseAction, type CaseState } from '../../shared/cases/case.workflow'
import { CASE_TYPES, PENALTY_TYPES, yuan, type CaseType, type PenaltyType } from '../../shared/cases/vocabulary'
import type { AuditService } from '../audit'
import type { DocumentsEngine } from '../documents'
import { LATE_PAYMENT_SURCHARGE, PRICE_GAINS_LATE_SURCHARGE, selectRuleInForce, type RulesService, type RuleVersion } from '../rules'
import { balanceOf } from './cases.domain'
import type { CaseFileTable } from './cases.tables'
import { CASE_TEMPLATES, type CaseDocumentKind } from './cases.templates'

export const CASE_MATTER = 'case_file'
export const SEIZURE_MATTER = 'case_seizure'
export const SEIZURE_CLOCKS = { seizure: { label: '查封、扣押期限', rule: 'case.seizure' } } as const
export const MEASURE = { seal: '查封', seize: '扣押' } as const
export const itemsText = (items: ReadonlyArray<{ name: string; quantity: number; unit: string; location: string }>) =>
  items.map((i) => `${i.name}${i.quantity}${i.unit}（存放于${i.location}）`).join('；')

export type CaseRow = CaseFileTable

/** A new case's decision-stage columns (migration 20261210020000), all empty. */
export const EMPTY_DECISION_STAGE = {
  hearingNoticeOn: null,
  hearingOn: null,
  hearingPlace: null,
  hearingOfficerId: null,
  hearingOfficerName: null,
  hearingHeldOn: null,
  collectiveOn: null,
  noPenaltyGround: null,
  remindedOn: null,
  courtAppliedOn: null,
  deferredTo: null,
  onspotFiledOn: null,
} satisfies Partial<CaseRow>

const LABEL = '案件'

/**
 * A stage file's workflow actions (cases.hearing.ts, cases.onspot.ts, cases.enforce.ts): their data
 * guards and columns inside the transition, then their documents once the clocks moved (answers the
 * timeline note; a refusal there rolls the whole action back).
 */
export interface CaseStage {
  actions: readonly string[]
  effectOf(trx: Trx, row: CaseRow, action: string, input: Record<string, unknown>, on: string): Promise<Partial<CaseRow>>
  after(trx: Trx, ctx: Ctx, r: CaseRow, action: string, input: Record<string, unknown>, on: string, versions: RuleVersion[]): Promise<string | null>
}

/** The module's data guards and columns of a workflow action (runs inside the transition). */
export type CaseEffects = (trx: Trx, row: CaseRow, action: AnyCaseAction, input: Record<string, unknown>, on: string) => Promise<Partial<CaseRow>>

/**
 * What every case use case shares: the records kernel over case_file (scope, version, audit,
 * workflow), legal dates, rule bases, the timeline, the documents the case issues (with its common
 * facts), its clocks' projection and the balance of its money.
 */
export function createCaseKit({
  db,
  dialect,
  clock,
  audit,
  clocks,
  documents,
  rules,
  effects,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & {
  audit: AuditService
  clocks: ClockKernel
  documents: DocumentsEngine
  rules: Pick<RulesService, 'versions'>
  /** The workflow actions' effects (cases.decision.ts), bound late: they use the kit themselves. */
  effects: CaseEffects
}) {
  clocks.register(CASE_MATTER, CASE_CLOCKS)
  clocks.register(SEIZURE_MATTER, SEIZURE_CLOCKS)
  const today = () => beijingDate(clock.now())
  const records = scopedRecords({
    db,
    dialect,
    clock,
    audit,
    table: 'caseFile',
    label: LABEL,
    workflow: caseWorkflow,
    readPermission: 'case.read',
    targetLabel: (r) => r.caseNo,
    eventDate: (_a, input: { on?: string }) => input.on,
    effects: (trx, row, action, input: Record<string, unknown>, on) => effects(trx, row, action, input, on),
  })

  documents.registerMatter(CASE_MATTER, {
    async authorize(ctx, matterId) {
      const r = await records.load(db, ctx, matterId)
      return { mayReadContent: true, unitId: r.unitId }
    },
  })

  // ---- helpers -------------------------------------------------------------------------------
  /** A legal date of the case: not in the future, not before `notBefore`. */
  function legalDate(v: string | undefined, label: string, notBefore?: string | null): string {
    const d = v ?? today()
    const problem = dateProblem(d, { max: today() })
    if (problem) throw validation(`${label}：${problem}`)
    if (notBefore && d < notBefore) throw validation(`${label}不能早于 ${notBefore}`)
    return d
  }

  async function ruleVersions(): Promise<RuleVersion[]> {
    return rules.versions()
  }
  const basisOf = (versions: RuleVersion[], ruleId: string, on: string) => {
    const v = selectRuleInForce(versions, ruleId, on)
    return v ? printableLegalBasis(v.legalBasis) : null
  }

  async function event(exec: Executor, ctx: Ctx, caseId: string, kind: string, label: string, eventOn: string, note: string | null = null) {
    await exec
      .insertInto('caseEvent')
      .values({ id: newId(), caseId, at: clock.now().toISOString(), eventOn, kind, label, note, actorId: ctx.actor.userId, actorName: ctx.actor.displayName })
      .execute()
  }

  const partyId = (r: CaseRow) =>
    r.partyKind === 'entity' ? { label: '统一社会信用代码', value: r.partyUscc ?? '—' } : { label: '身份证件号码', value: maskIdNumber(r.personIdNo) ?? '—' }
  const penaltyText = (r: CaseRow) => {
    const parts: string[] = []
    if (r.penaltyType && r.penaltyType !== 'fine' && r.penaltyType !== 'confiscate_gains' && r.penaltyType !== 'confiscate_goods')
      parts.push(PENALTY_TYPES[r.penaltyType as PenaltyType] ?? r.penaltyType)
    if (r.fineFen > 0) parts.push(`罚款人民币${yuan(r.fineFen)}元`)
    if (r.gainsFen > 0) parts.push(`没收违法所得人民币${yuan(r.gainsFen)}元`)
    if (r.goodsValueFen > 0 || r.goods) parts.push(`没收${r.goods ?? '涉案物品'}（价值人民币${yuan(r.goodsValueFen)}元）`)
    if (!parts.length && r.penaltyType) parts.push(PENALTY_TYPES[r.penaltyType as PenaltyType] ?? r.penaltyType)
    return parts.join('；')
  }

  async function officersOf(exec: Executor, caseId: string) {
    return exec.selectFrom('caseOfficer').select(['userId', 'name', 'certNo', 'seq']).where('caseId', '=', caseId).orderBy('seq').execute()
  }

  /** Issues one case document in `trx` with the case's common facts. */
  async function issue(
    trx: Trx,
    ctx: Ctx,
    r: CaseRow,
    kind: CaseDocumentKind,
    issueDate: string,
    legalBasis: string | null,
    values: Record<string, string | number | null | undefined>,
  ) {
    const officers = await officersOf(trx, r.id)
    const pid = partyId(r)
    return documents.issue(trx, ctx, {
      matterType: CASE_MATTER,
      matterId: r.id,
      templates: CASE_TEMPLATES,
      kind,
      regimeDate: r.filedOn,
      issueDate,
      issuingUnitId: r.unitId,
      legalBasis,
      values: {
        caseNo: r.caseNo,
        title: r.title,
        caseType: CASE_TYPES[r.caseType as CaseType] ?? r.caseType,
        partyName: r.partyName,
        partyIdLabel: pid.label,
        partyId: pid.value,
        partyAddress: r.partyAddress ?? '—',
        filedOn: docDate(r.filedOn),
        officers: officers.map((o) => `${o.name}（执法证号 ${o.certNo}）`).join('、'),
        ...values,
      },
      handler: officers[0] ? { name: officers.map((o) => o.name).join('、') } : null,
      reference: `案件编号 ${r.caseNo}`,
      serviceTo: r.partyName,
      audit: { action: 'document.issue', unitId: r.unitId },
    })
  }

  async function dueOf(exec: Executor, type: string, id: string, kind: string): Promise<string | null> {
    return (await clocks.list(exec, type, id)).find((c) => c.kind === kind)?.dueOn ?? null
  }

  async function project(trx: Trx, id: string) {
    const next = nextDueOf(await clocks.listOpen(trx, CASE_MATTER, id))
    await trx
      .updateTable('caseFile')
      .set({ nextDueOn: next?.dueOn ?? null })
      .where('id', '=', id)
      .execute()
  }

  /** Loads the case for a change of its sub-records: in scope with case.handle (or `permission`), open, current version. */
  async function forChange(trx: Trx, ctx: Ctx, id: string, version: number, permission = 'case.handle') {
    const r = await records.load(trx, ctx, id, { permission, lock: true })
    records.assertVersion(r, version)
    if (caseWorkflow.isFinal(r.state as CaseState)) throw new AppError('ILLEGAL_TRANSITION', '案件已结案，案卷只读；更正须另行制作文书')
    return r
  }

  async function paymentsOf(exec: Executor, id: string) {
    return exec.selectFrom('casePayment').selectAll().where('caseId', '=', id).orderBy('paidOn').orderBy('createdAt').execute()
  }
  async function balance(exec: Executor, r: CaseRow, asOf: string) {
    const pays = await paymentsOf(exec, r.id)
    return balanceOf(
      { fineFen: Number(r.fineFen), gainsFen: Number(r.gainsFen), paymentDueOn: r.paymentDueOn },
      pays.map((p) => ({ kind: p.kind, amountFen: Number(p.amountFen), paidOn: p.paidOn })),
      asOf,
      { fine: LATE_PAYMENT_SURCHARGE, priceGains: r.caseType === 'price' ? PRICE_GAINS_LATE_SURCHARGE : undefined },
    )
  }

  return { today, records, legalDate, ruleVersions, basisOf, event, partyId, penaltyText, officersOf, issue, dueOf, project, forChange, paymentsOf, balance }
}
export type CaseKit = ReturnType<typeof createCaseKit>

import { assertCan, systemCtx, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Executor, Trx } from '../../core/db/database'
import { nextNumber } from '../../core/db/sequence'
import { dateProblem } from '../../core/dates'
import { docDate, fallbackAbbreviation, formatDocNo } from '../../core/documents'
import { AppError, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { ClockKernel } from '../../core/matter/clocks'
import { nextDueOf } from '../../core/matter/clocks.domain'
import { scopedRecords } from '../../core/matter/records'
import { maskIdNumber } from '../../core/mask'
import { offsetOf } from '../../core/pagination'
import { printableLegalBasis } from '../../shared/legal'
import { beijingDate } from '../../shared/time'
import { CASE_CLOCKS, CASE_STATE_LABEL, caseWorkflow, type CaseAction, type CaseState } from '../../shared/cases/case.workflow'
import type { EvidenceBody, OpenCaseBody, PaymentBody, SeizureBody } from '../../shared/cases/schema'
import {
  CASE_TYPES,
  CLOSURE_REASONS,
  DISPOSALS,
  EVIDENCE_KINDS,
  PARTY_KINDS,
  PAYMENT_KINDS,
  PENALTY_TYPES,
  SERVICE_METHODS,
  yuan,
  type CaseType,
  type ClosureReason,
  type Disposal,
  type PenaltyType,
} from '../../shared/cases/vocabulary'
import type { AuditService } from '../audit'
import type { DocumentsEngine } from '../documents'
import type { EnforcementService } from '../enforcement'
import type { EntitiesService, ProfileSection } from '../entities'
import { LATE_PAYMENT_SURCHARGE, PRICE_GAINS_LATE_SURCHARGE, selectRuleInForce, type RulesService, type RuleVersion } from '../rules'
import type { UserService } from '../access'
import { balanceOf } from './cases.domain'
import type { CasePublicity } from './cases.publicity'
import type { CaseDetail, CaseListQuery, CaseSummary } from './cases.schema'
import type { CaseFileTable } from './cases.tables'
import { CASE_DOCUMENT_KINDS, CASE_TEMPLATES, type CaseDocumentKind } from './cases.templates'

export const CASE_MATTER = 'case_file'
export const SEIZURE_MATTER = 'case_seizure'
const SEIZURE_CLOCKS = { seizure: { label: '查封、扣押期限', rule: 'case.seizure' } } as const

/** What a case's source hears about its filing (the 12315 report follows its lead: complaints module). */
export interface LeadSourceHook {
  /** The case was filed from a lead of this source; runs in the filing's transaction. */
  caseFiled(trx: Trx, ctx: Ctx, e: { source: string; sourceId: string; leadId: string; caseId: string; caseNo: string; filedOn: string }): Promise<void>
}

type CaseRow = CaseFileTable

const LABEL = '案件'

/**
 * The enforcement case file (行政处罚案件): opened from a lead decided 立案, driven through its
 * workflow (shared/cases/case.workflow.ts) on the records kernel; every step that the law ties to
 * a document issues it from the document engine in the same transaction, and the documents' dates
 * drive the clocks in matter_clock (90-day case clock, statement period, legal review, service,
 * payment; a 30-day clock per seizure).
 */
export function createCasesService({
  db,
  dialect,
  clock,
  audit,
  clocks,
  documents,
  rules,
  entities,
  enforcement,
  users,
  publicity,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & {
  audit: AuditService
  clocks: ClockKernel
  documents: DocumentsEngine
  rules: Pick<RulesService, 'versions'>
  entities: Pick<EntitiesService, 'get'>
  enforcement: Pick<EnforcementService, 'fileLeadInTrx' | 'get'>
  users: Pick<UserService, 'getUser' | 'listUsers'>
  /** Penalty publicity (cases.publicity.ts): the decision's record, in the decision's transaction. */
  publicity?: Pick<CasePublicity, 'recordDecision'>
}) {
  clocks.register(CASE_MATTER, CASE_CLOCKS)
  clocks.register(SEIZURE_MATTER, SEIZURE_CLOCKS)
  const hooks: LeadSourceHook[] = []
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
    effects: (trx, row, action, input: Record<string, unknown>, on) => effectOf(trx, row, action, input, on),
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

  // ---- opening a case (立案) -------------------------------------------------------------------
  async function open(ctx: Ctx, body: OpenCaseBody): Promise<CaseDetail> {
    assertCan(ctx.actor, 'case.handle')
    const filedOn = legalDate(body.filedOn, '立案日期')
    // Officers: active users holding an enforcement certificate number (Penalty Law Art 42).
    const officers: Array<{ userId: string; name: string; certNo: string }> = []
    for (const uid of body.officerIds) {
      const u = await users.getUser(systemCtx(), uid).catch(() => null)
      if (!u || u.status !== 'active') throw validation('办案人员不存在或已停用')
      if (!u.certNo) throw validation(`办案人员“${u.displayName}”没有执法证号，不能承办案件（行政处罚法第四十二条）`)
      officers.push({ userId: u.id, name: u.displayName, certNo: u.certNo })
    }
    const lead = await enforcement.get(ctx, body.leadId)
    if (filedOn < lead.foundOn) throw validation(`立案日期不能早于线索发现日期 ${lead.foundOn}`)
    let party: { name: string; uscc: string | null; address: string | null; entityId: string | null; idNo: string | null }
    if (body.partyKind === 'entity') {
      const entityId = body.entityId ?? lead.entityId
      if (!entityId) throw validation('该线索未关联经营主体，请选择当事人（经营主体）或登记自然人当事人')
      const e = await entities.get(systemCtx(), entityId).catch(() => null)
      if (!e) throw validation('当事人（经营主体）不存在')
      party = { name: e.name, uscc: e.uscc, address: e.businessAddress ?? null, entityId: e.id, idNo: null }
    } else {
      party = { name: body.personName!, uscc: null, address: body.personAddress ?? null, entityId: null, idNo: body.personIdNo?.toUpperCase() ?? null }
    }
    const versions = await ruleVersions()
    await clocks.prepare()
    const id = newId()
    await db.transaction().execute(async (trx) => {
      // The lead's decision 立案 and the case commit together (the lead's version guards a double filing).
      const l = await enforcement.fileLeadInTrx(trx, ctx, body.leadId, body.leadVersion, `立案：${body.title}`)
      const unit = await trx.selectFrom('orgUnit').select(['id', 'name', 'docAbbreviation']).where('id', '=', l.unitId).executeTakeFirstOrThrow()
      const year = Number(filedOn.slice(0, 4))
      const serial = await nextNumber(trx, `case_no:${unit.id}:${year}`)
      const caseNo = formatDocNo(unit.docAbbreviation?.trim() || fallbackAbbreviation(unit.name), '案', year, serial)
      const now = clock.now().toISOString()
      const row = await records.create(
        trx,
        ctx,
        {
          id,
          caseNo,
          unitId: l.unitId,
          leadId: l.id,
          leadNo: l.leadNo,
          source: l.source,
          sourceId: l.sourceId,
          title: body.title,
          caseType: body.caseType,
          partyKind: body.partyKind,
          entityId: party.entityId,
          partyName: party.name,
          partyUscc: party.uscc,
          partyAddress: party.address,
          personIdNo: party.idNo,
          facts: body.facts,
          filedOn,
          major: 0,
          hearingRight: 0,
          notifiedOn: null,
          noticeFacts: null,
          noticeBasis: null,
          intendedPenalty: null,
          hearingRequestedOn: null,
          legalReviewedOn: null,
          reviewOpinion: null,
          penaltyType: null,
          decisionFacts: null,
          decisionBasis: null,
          fineFen: 0,
          gainsFen: 0,
          goodsValueFen: 0,
          goods: null,
          decidedOn: null,
          decisionNo: null,
          servedOn: null,
          serviceMethod: null,
          serviceRecipient: null,
          paymentDueOn: null,
          closedOn: null,
          closureReason: null,
          closureNote: null,
          nextDueOn: null,
          createdAt: now,
          createdBy: ctx.actor.userId,
          updatedAt: now,
        },
        { audit: 'case.file' },
      )
      await trx
        .insertInto('caseOfficer')
        .values(officers.map((o, i) => ({ caseId: id, userId: o.userId, seq: i + 1, name: o.name, certNo: o.certNo })))
        .execute()
      await clocks.apply(trx, { type: CASE_MATTER, id, unitId: row.unitId, referenceDate: filedOn }, caseWorkflow.onCreate ?? [], filedOn)
      await project(trx, id)
      await issue(trx, ctx, row, 'case.filing', filedOn, basisOf(versions, 'case.decision', filedOn), {
        source: l.sourceLabel,
        leadNo: l.leadNo,
        facts: body.facts,
        filedOn: docDate(filedOn),
      })
      await event(trx, ctx, id, 'file', `立案（${caseNo}）`, filedOn, `由线索 ${l.leadNo} 立案`)
      for (const h of hooks) await h.caseFiled(trx, ctx, { source: l.source, sourceId: l.sourceId, leadId: l.id, caseId: id, caseNo, filedOn })
    })
    return get(ctx, id)
  }

  // ---- workflow effects ------------------------------------------------------------------------
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
        return { legalReviewedOn: on, reviewOpinion: input.opinion as string }
      case 'decide': {
        at('决定日期', row.notifiedOn)
        // Penalty Law Art 58: major cases (and those heard) go through legal review before the decision.
        if ((row.major || row.hearingRequestedOn) && !row.legalReviewedOn)
          throw validation('重大案件或经听证的案件，须经法制审核后方可作出决定（行政处罚法第五十八条）')
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
      case 'close': {
        at('结案日期', row.servedOn ?? row.decidedOn)
        const reason = input.reason as ClosureReason
        if (row.state === 'investigating' && reason === 'performed') throw validation('尚未作出行政处罚决定，不能以“已履行”结案')
        if (reason === 'performed') {
          const bal = await balance(trx, row, on)
          if (bal.outstandingFen > 0) throw validation(`尚有罚没款及加处罚款 ${yuan(bal.outstandingFen)} 元未缴清，不能以“已履行”结案`)
        }
        if ((reason === 'other' || reason === 'terminated') && !input.note) throw validation('以终止调查或其他事由结案的，须写明说明')
        const held = await trx.selectFrom('caseSeizure').select('id').where('caseId', '=', row.id).where('releasedOn', 'is', null).executeTakeFirst()
        if (held) throw validation('尚有未解除的查封、扣押措施，请先解除并处理涉案物品')
        return { closedOn: on, closureReason: reason, closureNote: (input.note as string | undefined) || null }
      }
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
        const paymentDue = await due('payment')
        await trx.updateTable('caseFile').set({ paymentDueOn: paymentDue }).where('id', '=', r.id).execute()
        note = `${SERVICE_METHODS[input.method as keyof typeof SERVICE_METHODS]}，受送达人 ${input.recipient as string}；缴款期限至 ${paymentDue ?? '—'}`
        break
      }
      case 'close': {
        const bal = await balance(trx, r, on)
        await issue(trx, ctx, r, 'case.closure', on, null, {
          result: r.decidedOn ? `${r.decisionNo ?? ''} ${penaltyText(r)}` : '未作出行政处罚决定',
          execution: r.decidedOn
            ? `应缴罚没款 ${yuan(bal.decidedFen)} 元，加处罚款 ${yuan(bal.surchargeFen)} 元，已缴 ${yuan(bal.paidFen)} 元，未缴 ${yuan(bal.outstandingFen)} 元`
            : '—',
          reason: CLOSURE_REASONS[r.closureReason as ClosureReason] ?? '',
          note: r.closureNote ? `说明：${r.closureNote}` : '',
          on: docDate(on),
        })
        note = CLOSURE_REASONS[r.closureReason as ClosureReason] ?? null
        break
      }
      case 'request_hearing':
      case 'submit_review':
        break
      case 'end_hearing':
        note = input.summary as string
        break
    }
    await event(trx, ctx, r.id, action, label, on, note)
  }

  /** Takes a workflow action on a case (POST /cases/:id/actions/:action). */
  async function act(ctx: Ctx, id: string, action: CaseAction, input: Record<string, unknown>, version?: number): Promise<CaseDetail> {
    const versions = await ruleVersions()
    await clocks.prepare()
    await db.transaction().execute(async (trx) => {
      const res = await records.transition(ctx, id, action, input, { version, trx })
      const parsed = caseWorkflow.parseInput(action, input)
      const value = (parsed.ok ? parsed.value : {}) as Record<string, unknown>
      const on = (value.on as string | undefined) ?? today()
      const def = caseWorkflow.actions[action]
      if (def.clocks?.length) await clocks.apply(trx, { type: CASE_MATTER, id, unitId: res.after.unitId, referenceDate: res.after.filedOn }, def.clocks, on)
      await project(trx, id)
      await afterTransition(trx, ctx, res.after, action, value, on, versions)
    })
    return get(ctx, id)
  }

  // ---- sub-records: evidence, seizures, payments -------------------------------------------------
  /** Loads the case for a change of its sub-records: in scope with case.handle (or `permission`), open, current version. */
  async function forChange(trx: Trx, ctx: Ctx, id: string, version: number, permission = 'case.handle') {
    const r = await records.load(trx, ctx, id, { permission, lock: true })
    records.assertVersion(r, version)
    if (caseWorkflow.isFinal(r.state as CaseState)) throw new AppError('ILLEGAL_TRANSITION', '案件已结案，案卷只读；更正须另行制作文书')
    return r
  }

  async function addEvidence(ctx: Ctx, id: string, body: EvidenceBody): Promise<CaseDetail> {
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, id, body.version)
      const on = legalDate(body.collectedOn, '取证日期')
      const n = await trx
        .selectFrom('caseEvidence')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('caseId', '=', id)
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('caseEvidence')
        .values({
          id: newId(),
          caseId: id,
          seq: Number(n.n) + 1,
          kind: body.kind,
          title: body.title,
          description: body.description || null,
          collectedOn: on,
          createdAt: clock.now().toISOString(),
          createdBy: ctx.actor.userId,
        })
        .execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.evidence_add' })
      await event(trx, ctx, id, 'evidence', '登记证据', on, `${EVIDENCE_KINDS[body.kind]}：${body.title}`)
    })
    return get(ctx, id)
  }

  const itemsText = (items: ReadonlyArray<{ name: string; quantity: number; unit: string; location: string }>) =>
    items.map((i) => `${i.name}${i.quantity}${i.unit}（存放于${i.location}）`).join('；')
  const MEASURE = { seal: '查封', seize: '扣押' } as const

  async function seize(ctx: Ctx, id: string, body: SeizureBody): Promise<CaseDetail> {
    const versions = await ruleVersions()
    await clocks.prepare()
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, id, body.version)
      if (r.state !== 'investigating' && r.state !== 'notified' && r.state !== 'review')
        throw new AppError('ILLEGAL_TRANSITION', '案件已作出决定，不能再实施查封、扣押')
      const on = legalDate(body.on, '决定日期', r.filedOn)
      const sid = newId()
      await clocks.apply(trx, { type: SEIZURE_MATTER, id: sid, unitId: r.unitId, referenceDate: on }, [{ op: 'start', clock: 'seizure' }], on)
      const dueOn = await dueOf(trx, SEIZURE_MATTER, sid, 'seizure')
      const doc = await issue(trx, ctx, r, 'case.seizure', on, basisOf(versions, 'case.seizure', on), {
        reason: body.reason,
        measure: MEASURE[body.measure],
        items: itemsText(body.items),
        on: docDate(on),
        dueOn: dueOn ? docDate(dueOn) : '',
      })
      await trx
        .insertInto('caseSeizure')
        .values({
          id: sid,
          caseId: id,
          measure: body.measure,
          reason: body.reason,
          decidedOn: on,
          docNo: doc.docNo,
          extendedOn: null,
          releasedOn: null,
          disposal: null,
          createdAt: clock.now().toISOString(),
          createdBy: ctx.actor.userId,
        })
        .execute()
      const n = await trx
        .selectFrom('caseSeizedItem')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('caseId', '=', id)
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('caseSeizedItem')
        .values(body.items.map((i, k) => ({ id: newId(), seizureId: sid, caseId: id, seq: Number(n.n) + k + 1, ...i, disposal: 'held' })))
        .execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.seize' })
      await event(trx, ctx, id, 'seize', `实施${MEASURE[body.measure]}`, on, `${doc.docNo ?? ''}：${itemsText(body.items)}`)
    })
    return get(ctx, id)
  }

  async function seizureOf(trx: Trx, caseId: string, sid: string) {
    const s = await trx.selectFrom('caseSeizure').selectAll().where('id', '=', sid).where('caseId', '=', caseId).executeTakeFirst()
    if (!s) throw notFound('查封扣押措施', sid)
    if (s.releasedOn) throw new AppError('ILLEGAL_TRANSITION', `该${MEASURE[s.measure as 'seal']}措施已于 ${s.releasedOn} 解除`)
    return s
  }

  async function extendSeizure(ctx: Ctx, id: string, sid: string, body: { version: number; reason: string; on?: string }): Promise<CaseDetail> {
    const versions = await ruleVersions()
    await clocks.prepare()
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, id, body.version, 'case.approve')
      const s = await seizureOf(trx, id, sid)
      // Compulsion Law Art 25: extendable once.
      if (s.extendedOn) throw validation('查封、扣押期限只能延长一次（行政强制法第二十五条）')
      const on = legalDate(body.on, '批准日期', s.decidedOn)
      await clocks.apply(trx, { type: SEIZURE_MATTER, id: sid, unitId: r.unitId, referenceDate: s.decidedOn }, [{ op: 'extend', clock: 'seizure' }], on)
      const dueOn = await dueOf(trx, SEIZURE_MATTER, sid, 'seizure')
      await issue(trx, ctx, r, 'case.seizure_extension', on, basisOf(versions, 'case.seizure', s.decidedOn), {
        decidedOn: docDate(s.decidedOn),
        measure: MEASURE[s.measure as 'seal'],
        seizureNo: s.docNo ?? '',
        reason: body.reason,
        dueOn: dueOn ? docDate(dueOn) : '',
      })
      await trx.updateTable('caseSeizure').set({ extendedOn: on }).where('id', '=', sid).execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.seize_extend' })
      await event(trx, ctx, id, 'seize_extend', `延长${MEASURE[s.measure as 'seal']}期限`, on, `至 ${dueOn ?? '—'}：${body.reason}`)
    })
    return get(ctx, id)
  }

  async function releaseSeizure(ctx: Ctx, id: string, sid: string, body: { version: number; disposal: Disposal; on?: string }): Promise<CaseDetail> {
    const versions = await ruleVersions()
    await clocks.prepare()
    await db.transaction().execute(async (trx) => {
      const r = await records.load(trx, ctx, id, { permission: 'case.handle', lock: true })
      records.assertVersion(r, body.version)
      if (r.state === 'closed') throw new AppError('ILLEGAL_TRANSITION', '案件已结案，案卷只读；更正须另行制作文书')
      const s = await seizureOf(trx, id, sid)
      const on = legalDate(body.on, '解除日期', s.decidedOn)
      await clocks.apply(trx, { type: SEIZURE_MATTER, id: sid, unitId: r.unitId, referenceDate: s.decidedOn }, [{ op: 'stop', clock: 'seizure' }], on)
      const items = await trx.selectFrom('caseSeizedItem').selectAll().where('seizureId', '=', sid).orderBy('seq').execute()
      await issue(trx, ctx, r, 'case.seizure_release', on, basisOf(versions, 'case.seizure', s.decidedOn), {
        decidedOn: docDate(s.decidedOn),
        measure: MEASURE[s.measure as 'seal'],
        seizureNo: s.docNo ?? '',
        disposal: DISPOSALS[body.disposal],
        items: itemsText(items),
        on: docDate(on),
      })
      await trx.updateTable('caseSeizure').set({ releasedOn: on, disposal: body.disposal }).where('id', '=', sid).execute()
      await trx.updateTable('caseSeizedItem').set({ disposal: body.disposal }).where('seizureId', '=', sid).execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.seize_release' })
      await event(trx, ctx, id, 'seize_release', `解除${MEASURE[s.measure as 'seal']}`, on, DISPOSALS[body.disposal])
    })
    return get(ctx, id)
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

  async function pay(ctx: Ctx, id: string, body: PaymentBody): Promise<CaseDetail> {
    await db.transaction().execute(async (trx) => {
      const r = await forChange(trx, ctx, id, body.version)
      if (r.state !== 'served' && r.state !== 'decided') throw new AppError('ILLEGAL_TRANSITION', '案件尚未作出行政处罚决定，不能登记缴款')
      const on = legalDate(body.paidOn, '缴款日期', r.decidedOn)
      const bal = await balance(trx, r, on)
      if (body.amountFen > bal.outstandingFen) throw validation(`缴款金额超过未缴金额（${yuan(bal.outstandingFen)} 元）`)
      await trx
        .insertInto('casePayment')
        .values({
          id: newId(),
          caseId: id,
          kind: body.kind,
          amountFen: body.amountFen,
          paidOn: on,
          receiptNo: body.receiptNo,
          createdAt: clock.now().toISOString(),
          createdBy: ctx.actor.userId,
        })
        .execute()
      await records.update(trx, ctx, r, {}, { audit: 'case.payment' })
      await event(trx, ctx, id, 'payment', '登记缴款', on, `${PAYMENT_KINDS[body.kind]} ${yuan(body.amountFen)} 元（凭证 ${body.receiptNo}）`)
      const after = await balance(trx, r, on)
      if (after.outstandingFen === 0 && after.decidedFen > 0) {
        await clocks.apply(trx, { type: CASE_MATTER, id, unitId: r.unitId, referenceDate: r.filedOn }, [{ op: 'stop', clock: 'payment' }], on)
        await project(trx, id)
      }
    })
    return get(ctx, id)
  }

  // ---- reads ---------------------------------------------------------------------------------
  const visible = (ctx: Ctx) =>
    records.scoped(db, ctx).leftJoin('orgUnit', 'orgUnit.id', 'caseFile.unitId').selectAll('caseFile').select('orgUnit.name as unitName')

  function summary(r: CaseRow & { unitName: string | null }): CaseSummary {
    return {
      id: r.id,
      caseNo: r.caseNo,
      title: r.title,
      caseType: r.caseType,
      caseTypeLabel: CASE_TYPES[r.caseType as CaseType] ?? r.caseType,
      partyKind: r.partyKind,
      partyName: r.partyName,
      unitId: r.unitId,
      unitName: r.unitName,
      filedOn: r.filedOn,
      state: r.state as CaseState,
      stateLabel: CASE_STATE_LABEL[r.state as CaseState] ?? r.state,
      nextDueOn: r.state === 'closed' ? null : r.nextDueOn,
      fineFen: Number(r.fineFen),
      gainsFen: Number(r.gainsFen),
      decisionNo: r.decisionNo,
      leadNo: r.leadNo,
      version: r.version,
    }
  }

  async function list(ctx: Ctx, q: CaseListQuery) {
    let b = visible(ctx)
    if (q.state) b = b.where('caseFile.state', '=', q.state)
    if (q.caseType) b = b.where('caseFile.caseType', '=', q.caseType)
    if (q.entityId) b = b.where('caseFile.entityId', '=', q.entityId)
    if (q.mine) {
      const uid = ctx.actor.userId ?? ''
      b = b.where('caseFile.id', 'in', db.selectFrom('caseOfficer').select('caseId').where('userId', '=', uid))
    }
    if (q.open) b = b.where('caseFile.state', '!=', 'closed')
    const [rows, n] = await Promise.all([
      (q.sort === 'due' ? b.orderBy('caseFile.nextDueOn', 'asc') : b.orderBy('caseFile.filedOn', q.sort === 'filed_asc' ? 'asc' : 'desc'))
        .orderBy('caseFile.caseNo', 'desc')
        .limit(q.pageSize)
        .offset(offsetOf(q))
        .execute(),
      b
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ])
    return { items: rows.map(summary), total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  async function get(ctx: Ctx, id: string): Promise<CaseDetail> {
    const r = await records.load(db, ctx, id)
    const unit = await db.selectFrom('orgUnit').select('name').where('id', '=', r.unitId).executeTakeFirst()
    const [officers, events, evidence, seizures, items, payments, caseClocks, docs] = await Promise.all([
      officersOf(db, id),
      db.selectFrom('caseEvent').selectAll().where('caseId', '=', id).orderBy('at').execute(),
      db.selectFrom('caseEvidence').selectAll().where('caseId', '=', id).orderBy('seq').execute(),
      db.selectFrom('caseSeizure').selectAll().where('caseId', '=', id).orderBy('decidedOn').orderBy('createdAt').execute(),
      db.selectFrom('caseSeizedItem').selectAll().where('caseId', '=', id).orderBy('seq').execute(),
      paymentsOf(db, id),
      clocks.list(db, CASE_MATTER, id),
      documents.list(ctx, CASE_MATTER, id),
    ])
    const seizureClocks = await Promise.all(seizures.map((s) => clocks.list(db, SEIZURE_MATTER, s.id)))
    const asOf = r.closedOn ?? today()
    const bal = await balance(db, r, asOf)
    const clockLabel = (type: string, kind: string) =>
      type === CASE_MATTER ? (CASE_CLOCKS[kind as keyof typeof CASE_CLOCKS]?.label ?? kind) : SEIZURE_CLOCKS.seizure.label
    const presentClock = (type: string) => (c: Awaited<ReturnType<typeof clocks.list>>[number]) => ({
      kind: c.kind,
      label: clockLabel(type, c.kind),
      ruleId: c.ruleId,
      ruleVersionId: c.ruleVersionId,
      unit: c.unit,
      length: c.length,
      startOn: c.startOn,
      dueOn: c.dueOn,
      doneOn: c.doneOn,
      extensions: c.extensions,
      paused: c.pauses.some((p) => p.to === null),
      pauses: c.pauses,
      provisional: c.provisional,
    })
    const pid = partyId(r)
    return {
      ...summary({ ...r, unitName: unit?.name ?? null }),
      source: r.source,
      leadId: r.leadId,
      partyKindLabel: PARTY_KINDS[r.partyKind as keyof typeof PARTY_KINDS] ?? r.partyKind,
      entityId: r.entityId,
      partyUscc: r.partyUscc,
      partyIdMasked: r.partyKind === 'person' ? pid.value : null,
      partyAddress: r.partyAddress,
      facts: r.facts,
      major: r.major === 1,
      hearingRight: r.hearingRight === 1,
      notifiedOn: r.notifiedOn,
      intendedPenalty: r.intendedPenalty,
      hearingRequestedOn: r.hearingRequestedOn,
      legalReviewedOn: r.legalReviewedOn,
      penaltyType: r.penaltyType,
      penaltyLabel: r.decidedOn ? penaltyText(r) : null,
      goodsValueFen: Number(r.goodsValueFen),
      decidedOn: r.decidedOn,
      servedOn: r.servedOn,
      serviceMethodLabel: r.serviceMethod ? (SERVICE_METHODS[r.serviceMethod as keyof typeof SERVICE_METHODS] ?? r.serviceMethod) : null,
      serviceRecipient: r.serviceRecipient,
      paymentDueOn: r.paymentDueOn,
      closedOn: r.closedOn,
      closureReasonLabel: r.closureReason ? (CLOSURE_REASONS[r.closureReason as ClosureReason] ?? r.closureReason) : null,
      closureNote: r.closureNote,
      balance: { asOf, ...bal },
      officers: officers.map((o) => ({ userId: o.userId, name: o.name, certNo: o.certNo })),
      clocks: caseClocks.map(presentClock(CASE_MATTER)),
      timeline: events.map((e) => ({ at: e.at, eventOn: e.eventOn, kind: e.kind, label: e.label, note: e.note, actorName: e.actorName })),
      evidence: evidence.map((e) => ({
        id: e.id,
        seq: Number(e.seq),
        kind: e.kind,
        kindLabel: EVIDENCE_KINDS[e.kind as keyof typeof EVIDENCE_KINDS] ?? e.kind,
        title: e.title,
        description: e.description,
        collectedOn: e.collectedOn,
      })),
      seizures: seizures.map((s, i) => ({
        id: s.id,
        measure: s.measure,
        measureLabel: MEASURE[s.measure as 'seal'] ?? s.measure,
        reason: s.reason,
        decidedOn: s.decidedOn,
        docNo: s.docNo,
        extendedOn: s.extendedOn,
        releasedOn: s.releasedOn,
        disposalLabel: s.disposal ? (DISPOSALS[s.disposal as Disposal] ?? s.disposal) : null,
        clock: seizureClocks[i]?.[0] ? presentClock(SEIZURE_MATTER)(seizureClocks[i][0]) : null,
      })),
      seizedItems: items.map((i) => ({
        id: i.id,
        seizureId: i.seizureId,
        seq: Number(i.seq),
        name: i.name,
        quantity: Number(i.quantity),
        unit: i.unit,
        location: i.location,
        disposal: i.disposal,
        disposalLabel: DISPOSALS[i.disposal as Disposal] ?? i.disposal,
      })),
      payments: payments.map((p) => ({
        id: p.id,
        kind: p.kind,
        kindLabel: PAYMENT_KINDS[p.kind as keyof typeof PAYMENT_KINDS] ?? p.kind,
        amountFen: Number(p.amountFen),
        paidOn: p.paidOn,
        receiptNo: p.receiptNo,
      })),
      documents: docs.items,
      documentKinds: CASE_DOCUMENT_KINDS,
      actions: records.actions(ctx, r),
    }
  }

  /** Who may be named a handling officer: active users holding an enforcement certificate (the form's choices). */
  async function officerChoices(ctx: Ctx) {
    assertCan(ctx.actor, 'case.handle')
    const out: Array<{ userId: string; name: string; certNo: string; unitName: string | null }> = []
    for (let page = 1; page <= 10; page++) {
      const r = await users.listUsers(systemCtx(), { status: 'active', page, pageSize: 200 })
      for (const u of r.items)
        if (u.certNo)
          out.push({ userId: u.id, name: u.displayName, certNo: u.certNo, unitName: u.units.find((x) => x.isPrimary)?.name ?? u.units[0]?.name ?? null })
      if (page * 200 >= r.total) break
    }
    return { items: out }
  }

  /** Cases about one entity, for its profile. */
  async function ofEntity(ctx: Ctx, entityId: string) {
    return (await visible(ctx).where('caseFile.entityId', '=', entityId).orderBy('caseFile.filedOn', 'desc').limit(50).execute()).map(summary)
  }

  /** The entity file's section (一户一档): cases about the entity. */
  const profileSection: ProfileSection = {
    key: 'cases',
    title: '行政处罚案件',
    permission: 'case.read',
    async load(ctx, entity) {
      const items = await ofEntity(ctx, entity.id)
      return {
        count: items.length,
        moreHref: `/cases?entityId=${entity.id}`,
        columns: [
          { key: 'caseNo', title: '案件编号', kind: 'link' as const },
          { key: 'title', title: '案由', kind: 'text' as const },
          { key: 'caseType', title: '类型', kind: 'tag' as const },
          { key: 'filedOn', title: '立案日期', kind: 'date' as const },
          { key: 'decisionNo', title: '处罚决定书文号', kind: 'text' as const },
          { key: 'state', title: '状态', kind: 'tag' as const },
        ],
        rows: items.map((c) => ({
          caseNo: { text: c.caseNo, href: `/cases/${c.id}` },
          title: c.title,
          caseType: { text: c.caseTypeLabel },
          filedOn: c.filedOn,
          decisionNo: c.decisionNo,
          state: { text: c.stateLabel, color: c.state === 'closed' ? 'default' : 'red' },
        })),
      }
    },
  }

  return {
    open,
    act,
    list,
    get,
    addEvidence,
    seize,
    extendSeizure,
    releaseSeizure,
    pay,
    ofEntity,
    officerChoices,
    profileSection,
    /** A source module that wants to hear of filings (the 12315 report follows its lead). */
    onCaseFiled(h: LeadSourceHook) {
      hooks.push(h)
    },
  }
}
export type CasesService = ReturnType<typeof createCasesService>

/**
 * 立案: a lead decided 立案 is filed and the case opened in one transaction — case number, party,
 * certificate-holding officers, the 立案审批表, the 90-day clock — and the lead's source hears of it.
 */
import { EMPTY_DECISION_STAGE, type CaseKit, CASE_MATTER } from './cases.kit'
import { assertCan, scopeFor, systemCtx, type Ctx } from '../../core/actor'
import type { Approvals, ApprovalView } from '../../core/matter/approvals'
import { CASE_TYPES } from '../../shared/cases/vocabulary'
import type { RuleVersion } from '../rules'
import type { CoreDeps } from '../../core/deps'
import type { Trx } from '../../core/db/database'
import { nextNumber } from '../../core/db/sequence'
import { docDate, fallbackAbbreviation, formatDocNo } from '../../core/documents'
import { validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { ClockKernel } from '../../core/matter/clocks'
import { caseWorkflow } from '../../shared/cases/case.workflow'
import type { FilingProposalBody, OpenCaseBody } from '../../shared/cases/schema'
import type { EnforcementService } from '../enforcement'
import type { EntitiesService } from '../entities'
import type { UserService } from '../access'
import type { CaseDetail } from './cases.schema'

/** What a case's source hears about its filing (the 12315 report follows its lead: complaints module). */
export interface LeadSourceHook {
  /** The case was filed from a lead of this source; runs in the filing's transaction. */
  caseFiled(trx: Trx, ctx: Ctx, e: { source: string; sourceId: string; leadId: string; caseId: string; caseNo: string; filedOn: string }): Promise<void>
}

export type CaseParty = { name: string; uscc: string | null; address: string | null; entityId: string | null; idNo: string | null }

/** The officers of a case: active users holding an enforcement certificate number (Penalty Law Art 42). */
export async function checkOfficers(users: Pick<UserService, 'getUser'>, ids: readonly string[]) {
  const officers: Array<{ userId: string; name: string; certNo: string }> = []
  for (const uid of ids) {
    const u = await users.getUser(systemCtx(), uid).catch(() => null)
    if (!u || u.status !== 'active') throw validation('办案人员不存在或已停用')
    if (!u.certNo) throw validation(`办案人员“${u.displayName}”没有执法证号，不能承办案件（行政处罚法第四十二条）`)
    officers.push({ userId: u.id, name: u.displayName, certNo: u.certNo })
  }
  return officers
}

/** The party: an entity from the register, or a natural person (identity number stored, shown masked). */
export async function partyOf(
  entities: Pick<EntitiesService, 'get'>,
  body: { partyKind: string; entityId?: string; personName?: string; personAddress?: string; personIdNo?: string },
): Promise<CaseParty> {
  if (body.partyKind === 'entity') {
    const e = body.entityId ? await entities.get(systemCtx(), body.entityId).catch(() => null) : null
    if (!e) throw validation('当事人（经营主体）不存在')
    return { name: e.name, uscc: e.uscc, address: e.businessAddress ?? null, entityId: e.id, idNo: null }
  }
  return { name: body.personName!, uscc: null, address: body.personAddress ?? null, entityId: null, idNo: body.personIdNo?.toUpperCase() ?? null }
}

export function createCaseFiling({
  db,
  clock,
  kit,
  clocks,
  entities,
  enforcement,
  approvals,
  users,
  get,
}: Pick<CoreDeps, 'db' | 'clock'> & {
  kit: CaseKit
  clocks: ClockKernel
  entities: Pick<EntitiesService, 'get'>
  enforcement: Pick<EnforcementService, 'fileLeadInTrx' | 'get' | 'proposeFiling'>
  approvals: Approvals
  users: Pick<UserService, 'getUser'>
  get: (ctx: Ctx, id: string) => Promise<CaseDetail>
}) {
  const { records, legalDate, ruleVersions, basisOf, event, issue, project } = kit
  const hooks: LeadSourceHook[] = []
  type Checked = {
    filedOn: string
    officers: Array<{ userId: string; name: string; certNo: string }>
    party: CaseParty
  }

  /** The filing's facts checked before any transaction: date, certificate-holding officers, the party. */
  async function check(ctx: Ctx, body: OpenCaseBody): Promise<Checked> {
    const filedOn = legalDate(body.filedOn, '立案日期')
    const officers = await checkOfficers(users, body.officerIds)
    const lead = await enforcement.get(ctx, body.leadId)
    if (filedOn < lead.foundOn) throw validation(`立案日期不能早于线索发现日期 ${lead.foundOn}`)
    if (body.partyKind === 'entity' && !body.entityId && !lead.entityId) throw validation('该线索未关联经营主体，请选择当事人（经营主体）或登记自然人当事人')
    const party = await partyOf(entities, { ...body, entityId: body.entityId ?? lead.entityId ?? undefined })
    return { filedOn, officers, party }
  }

  /**
   * Files the lead and opens the case in `trx` (the lead's decision 立案 and the case commit
   * together; `leadVersion` guards a double filing). `versions`: the rule catalogue, loaded before.
   */
  async function openInTrx(trx: Trx, ctx: Ctx, body: OpenCaseBody, c: Checked, versions: RuleVersion[], leadVersion: number | undefined): Promise<string> {
    const { filedOn, officers, party } = c
    const id = newId()
    // The lead's decision 立案 and the case commit together (the lead's version guards a double filing).
    const l = await enforcement.fileLeadInTrx(trx, ctx, body.leadId, leadVersion, `立案：${body.title}`)
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
        ...EMPTY_DECISION_STAGE,
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
    return id
  }

  /** 立案 by the head (case.approve over the lead): the head's own decision needs no further approval. */
  async function open(ctx: Ctx, body: OpenCaseBody): Promise<CaseDetail> {
    if (!scopeFor(ctx.actor, 'case.handle') && !scopeFor(ctx.actor, 'case.approve')) assertCan(ctx.actor, 'case.handle')
    const c = await check(ctx, body)
    const versions = await ruleVersions()
    await clocks.prepare()
    const id = await db.transaction().execute((trx) => openInTrx(trx, ctx, body, c, versions, body.leadVersion))
    return get(ctx, id)
  }

  /**
   * The handler proposes 立案 with the case's data (POST /cases/filing-proposals): checked now,
   * filed as an approval request on the lead; the head's approval opens the case.
   */
  async function proposeFiling(ctx: Ctx, body: FilingProposalBody): Promise<ApprovalView> {
    assertCan(ctx.actor, 'case.handle')
    const c = await check(ctx, body)
    const req = await db.transaction().execute((trx) =>
      enforcement.proposeFiling(trx, ctx, body.leadId, body.leadVersion, {
        reason: body.reason || `拟立案：${body.title}`,
        title: `${body.title}（${CASE_TYPES[body.caseType]}，当事人 ${c.party.name}）`,
        payload: { body, checked: c },
      }),
    )
    return approvals.get(ctx, req.id)
  }

  // The head's approval of 立案 opens the case in the approval's transaction, as the head.
  approvals.register({
    kind: 'lead.file',
    label: '立案审批',
    matterType: 'case_lead',
    permission: 'case.approve',
    prepare: async () => {
      await clocks.prepare()
      return ruleVersions()
    },
    async approve(trx, ctx, _req, payload, _note, prepared) {
      const p = payload as { body: OpenCaseBody; checked: Checked }
      await openInTrx(trx, ctx, p.body, p.checked, prepared as RuleVersion[], undefined)
    },
  })

  /** A source module that wants to hear of filings (the 12315 report follows its lead). */
  function onCaseFiled(h: LeadSourceHook) {
    hooks.push(h)
  }

  return { open, proposeFiling, onCaseFiled }
}
export type CaseFiling = ReturnType<typeof createCaseFiling>

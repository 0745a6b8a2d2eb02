/**
 * 立案: a lead decided 立案 is filed and the case opened in one transaction — case number, party,
 * certificate-holding officers, the 立案审批表, the 90-day clock — and the lead's source hears of it.
 */
import { type CaseKit, CASE_MATTER } from './cases.kit'
import { assertCan, systemCtx, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Trx } from '../../core/db/database'
import { nextNumber } from '../../core/db/sequence'
import { docDate, fallbackAbbreviation, formatDocNo } from '../../core/documents'
import { validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { ClockKernel } from '../../core/matter/clocks'
import { caseWorkflow } from '../../shared/cases/case.workflow'
import type { OpenCaseBody } from '../../shared/cases/schema'
import type { EnforcementService } from '../enforcement'
import type { EntitiesService } from '../entities'
import type { UserService } from '../access'
import type { CaseDetail } from './cases.schema'

/** What a case's source hears about its filing (the 12315 report follows its lead: complaints module). */
export interface LeadSourceHook {
  /** The case was filed from a lead of this source; runs in the filing's transaction. */
  caseFiled(trx: Trx, ctx: Ctx, e: { source: string; sourceId: string; leadId: string; caseId: string; caseNo: string; filedOn: string }): Promise<void>
}

export function createCaseFiling({
  db,
  clock,
  kit,
  clocks,
  entities,
  enforcement,
  users,
  get,
}: Pick<CoreDeps, 'db' | 'clock'> & {
  kit: CaseKit
  clocks: ClockKernel
  entities: Pick<EntitiesService, 'get'>
  enforcement: Pick<EnforcementService, 'fileLeadInTrx' | 'get'>
  users: Pick<UserService, 'getUser'>
  get: (ctx: Ctx, id: string) => Promise<CaseDetail>
}) {
  const { records, legalDate, ruleVersions, basisOf, event, issue, project } = kit
  const hooks: LeadSourceHook[] = []

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

  /** A source module that wants to hear of filings (the 12315 report follows its lead). */
  function onCaseFiled(h: LeadSourceHook) {
    hooks.push(h)
  }

  return { open, onCaseFiled }
}
export type CaseFiling = ReturnType<typeof createCaseFiling>

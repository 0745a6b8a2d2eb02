/**
 * 当场处罚 — the simplified procedure (Penalty Law Arts 51–52, RULES.md §2.5): officers in the field
 * decide a warning, or a fine up to CNY 200 for a natural person / CNY 3,000 for an organisation
 * (ONSPOT_LIMITS in the rule catalogue), without 立案. The finding is registered as a lead (source
 * 日常巡查) whose outcome is 已当场处罚; the case file (procedure `simplified`) is created decided
 * and served in one transaction with its own document (当场行政处罚决定书), the 15-day payment clock
 * when there is a fine, and the recording duty (备案, rule `case.onspot_filing`) whose clock the
 * bureau's 备案 stops. Not published (Order 45 covers ordinary-procedure decisions); counted as
 * on-the-spot in the statistics.
 */
import { assertCan, scopeFor, unitPathInScope, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import type { Trx } from '../../core/db/database'
import { nextNumber } from '../../core/db/sequence'
import { docDate, fallbackAbbreviation, formatDocNo } from '../../core/documents'
import { forbidden, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { ClockKernel } from '../../core/matter/clocks'
import type { OnSpotBody } from '../../shared/cases/schema'
import { yuan } from '../../shared/cases/vocabulary'
import type { UserService } from '../access'
import type { EnforcementService } from '../enforcement'
import type { EntitiesService } from '../entities'
import { ONSPOT_LIMITS, type RuleVersion } from '../rules'
import { checkOfficers, partyOf } from './cases.filing'
import { EMPTY_DECISION_STAGE, type CaseKit, type CaseRow, CASE_MATTER } from './cases.kit'
import type { CaseDetail } from './cases.schema'

/** The fine limit of the simplified procedure for a party kind (fen). */
export const onSpotFineMaxFen = (partyKind: string) => (partyKind === 'person' ? ONSPOT_LIMITS.personFineMaxFen : ONSPOT_LIMITS.organisationFineMaxFen)

export function createCaseOnSpot({
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
  enforcement: Pick<EnforcementService, 'createLead' | 'onSpotLeadInTrx'>
  users: Pick<UserService, 'getUser'>
  get: (ctx: Ctx, id: string) => Promise<CaseDetail>
}) {
  const { records, legalDate, ruleVersions, basisOf, event, issue, project, dueOf, penaltyText } = kit

  /** POST /cases/on-spot: the on-the-spot decision, in the officer's own unit. */
  async function decide(ctx: Ctx, body: OnSpotBody): Promise<CaseDetail> {
    assertCan(ctx.actor, 'case.handle')
    const unitId = ctx.actor.primaryUnitId
    if (!unitId) throw validation('您没有所属单位，不能作出当场处罚决定')
    const on = legalDate(body.on, '处罚日期')
    const fineFen = body.penaltyType === 'fine' ? (body.fineYuan ?? 0) : 0
    const max = onSpotFineMaxFen(body.partyKind)
    if (fineFen > max)
      throw validation(
        `当场处罚的罚款，${body.partyKind === 'person' ? '公民' : '法人或者其他组织'}不得超过 ${yuan(max)} 元（行政处罚法第五十一条）；超过的，请按普通程序立案`,
      )
    if (on < ONSPOT_LIMITS.validFrom) throw validation(`系统按 ${ONSPOT_LIMITS.validFrom} 起施行的行政处罚法办理当场处罚`)
    const officers = await checkOfficers(users, body.officerIds)
    if (!officers.some((o) => o.userId === ctx.actor.userId)) throw validation('当场处罚的执法人员应包括您本人')
    const party = await partyOf(entities, body)
    const versions = await ruleVersions()
    await clocks.prepare()
    const id = await db.transaction().execute(async (trx) => {
      const unit = await trx.selectFrom('orgUnit').select(['id', 'name', 'path', 'docAbbreviation']).where('id', '=', unitId).executeTakeFirstOrThrow()
      const scope = scopeFor(ctx.actor, 'case.handle')
      if (!scope || !unitPathInScope(scope, unit.id, unit.path)) throw forbidden('您不能在该单位作出当场处罚')
      const lead = await enforcement.createLead(trx, ctx, {
        source: 'patrol',
        sourceId: `onspot:${newId()}`,
        sourceNo: null,
        unitId,
        entityId: party.entityId,
        entityName: party.entityId ? party.name : null,
        uscc: party.uscc,
        summary: `当场处罚：${body.facts}`.slice(0, 4000),
        foundOn: on,
      })
      const l = await enforcement.onSpotLeadInTrx(trx, ctx, lead.id, '适用简易程序当场处罚')
      const year = Number(on.slice(0, 4))
      const caseNo = formatDocNo(
        unit.docAbbreviation?.trim() || fallbackAbbreviation(unit.name),
        '简',
        year,
        await nextNumber(trx, `case_onspot_no:${unit.id}:${year}`),
      )
      const now = clock.now().toISOString()
      const caseId = newId()
      const row = await records.create(
        trx,
        ctx,
        {
          id: caseId,
          caseNo,
          unitId,
          leadId: l.id,
          leadNo: l.leadNo,
          source: 'patrol',
          sourceId: l.sourceId,
          title: `当场处罚：${body.facts.slice(0, 60)}`,
          caseType: body.caseType,
          partyKind: body.partyKind,
          entityId: party.entityId,
          partyName: party.name,
          partyUscc: party.uscc,
          partyAddress: party.address,
          personIdNo: party.idNo,
          facts: body.facts,
          filedOn: on,
          major: 0,
          hearingRight: 0,
          notifiedOn: null,
          noticeFacts: null,
          noticeBasis: null,
          intendedPenalty: null,
          hearingRequestedOn: null,
          legalReviewedOn: null,
          reviewOpinion: null,
          penaltyType: body.penaltyType,
          decisionFacts: body.facts,
          decisionBasis: body.basis,
          fineFen,
          gainsFen: 0,
          goodsValueFen: 0,
          goods: null,
          decidedOn: on,
          decisionNo: null,
          servedOn: on,
          serviceMethod: 'direct',
          serviceRecipient: party.name,
          paymentDueOn: null,
          closedOn: null,
          closureReason: null,
          closureNote: null,
          nextDueOn: null,
          ...EMPTY_DECISION_STAGE,
          procedure: 'simplified',
          state: 'served',
          createdAt: now,
          createdBy: ctx.actor.userId,
          updatedAt: now,
        },
        { audit: 'case.onspot' },
      )
      await trx
        .insertInto('caseOfficer')
        .values(officers.map((o, i) => ({ caseId, userId: o.userId, seq: i + 1, name: o.name, certNo: o.certNo })))
        .execute()
      const matter = { type: CASE_MATTER, id: caseId, unitId, referenceDate: on }
      await clocks.apply(trx, matter, [{ op: 'start', clock: 'onspot_filing' }, ...(fineFen > 0 ? [{ op: 'start' as const, clock: 'payment' }] : [])], on)
      const paymentDue = fineFen > 0 ? await dueOf(trx, CASE_MATTER, caseId, 'payment') : null
      const filingDue = await dueOf(trx, CASE_MATTER, caseId, 'onspot_filing')
      await trx.updateTable('caseFile').set({ paymentDueOn: paymentDue }).where('id', '=', caseId).execute()
      await project(trx, caseId)
      const doc = await issue(trx, ctx, { ...row, paymentDueOn: paymentDue }, 'case.onspot', on, basisOf(versions, 'case.onspot_filing', on), {
        facts: body.facts.replace(/[。．.]+$/, ''),
        on: docDate(on),
        place: body.place,
        evidence: body.evidence,
        violated: body.violated,
        penaltyBasis: body.basis,
        simplifiedBasis: ONSPOT_LIMITS.legalBasis,
        penalty: penaltyText(row),
        payment:
          fineFen > 0
            ? `当事人应当自收到本决定书之日起十五日内（${docDate(paymentDue!)}前）到指定银行或者通过电子支付系统缴纳罚款。到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。`
            : '本决定为警告，自送达之日起生效。',
        filingDueOn: filingDue ? docDate(filingDue) : '—',
      })
      await trx.updateTable('caseFile').set({ decisionNo: doc.docNo }).where('id', '=', caseId).execute()
      await event(trx, ctx, caseId, 'onspot', '当场行政处罚决定（简易程序）', on, `${doc.docNo ?? ''} ${penaltyText(row)}；当场交付当事人`)
      return caseId
    })
    return get(ctx, id)
  }

  /** 当场处罚备案 (workflow action file_onspot). */
  const stage = {
    actions: ['file_onspot'] as const,
    async effectOf(_trx: Trx, row: CaseRow, _action: string, input: Record<string, unknown>): Promise<Partial<CaseRow>> {
      if ((row as CaseRow & { procedure?: string }).procedure !== 'simplified') throw validation('只有当场处罚决定需要备案')
      if (row.onspotFiledOn) throw validation(`已于 ${row.onspotFiledOn} 备案`)
      const on = legalDate(input.on as string | undefined, '备案日期', row.decidedOn)
      return { onspotFiledOn: on }
    },
    async after(_trx: Trx, _ctx: Ctx, r: CaseRow, _action: string, input: Record<string, unknown>, _on: string, _v: RuleVersion[]) {
      return `${r.decisionNo ?? ''} 已备案${input.note ? `：${input.note as string}` : ''}`
    },
  }

  return { decide, stage }
}
export type CaseOnSpot = ReturnType<typeof createCaseOnSpot>

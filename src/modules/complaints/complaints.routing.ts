/**
 * Respondent and routing (属地管辖, RULES.md §1.2): the respondent resolved against the register,
 * the competent unit from the jurisdiction candidates, and the intake form's preview (competent
 * unit, clocks, warnings) and respondent suggestions.
 */
import { assertCan, type Ctx } from '../../core/actor'
import type { CoreDeps } from '../../core/deps'
import { AppError, validation } from '../../core/errors'
import { checkUscc as checkUsccCode, type EntitiesService } from '../entities'
import { bureauIn, competentIn, getDivision, type OrgDirectory } from '../org'
import { regimeFor } from '../rules'
import { ref } from './complaints.access'
import { newItemFacts, presentClock } from './complaints.clocks'
import {
  computeClocks,
  FINAL_STATES,
  jurisdictionCandidates,
  pickCompetent,
  REGIME_LABEL,
  type ItemType,
  type Regime,
  type RespondentKind,
  type State,
} from './complaints.domain'
import type { PreviewInput, Respondent } from './complaints.schema'
import { clockSettings, type ClockEnv } from './complaints.settings'

/** The respondent as intake stores it: the form's fields completed from the register. */
export interface ResolvedRespondent {
  entityId: string | null
  name: string
  uscc: string | null
  address: string | null
  division: string | null
  domicileDivision: string | null
  conductDivision: string | null
  kind: RespondentKind
  platformEntityId: string | null
  platformName: string | null
  platformDomicileDivision: string | null
  sellerAddressUnavailable: boolean
}

function checkUscc(code: string | undefined) {
  if (!code) return
  const r = checkUsccCode(code)
  if (!r.valid) throw validation(`统一社会信用代码“${code}”无效：${r.reason}`, [{ path: 'respondent.uscc', message: r.reason }])
}
function kindFromTags(tags: Array<{ code: string }>, fallback: RespondentKind): RespondentKind {
  if (tags.some((t) => t.code === 'online_platform')) return 'platform'
  if (tags.some((t) => t.code === 'platform_seller')) return fallback === 'offline' ? 'platform_seller' : fallback
  return fallback
}

/** The competent unit of an item: the jurisdiction candidates resolved to units of the directory. */
export function route(dir: OrgDirectory, type: ItemType, regime: Regime, resp: ResolvedRespondent, receivingUnitId: string | null) {
  const candidates = jurisdictionCandidates({
    type,
    regime,
    respondentKind: resp.kind,
    businessDivision: resp.division,
    domicileDivision: resp.domicileDivision,
    conductDivision: resp.conductDivision,
    platformDomicileDivision: resp.platformDomicileDivision,
    sellerAddressUnavailable: resp.sellerAddressUnavailable,
  })
  const resolved: Array<{ division: string; basis: string; unitId: string | null; bureauId: string | null; bureauName: string | null }> = []
  for (const c of candidates) {
    const hit = /^\d{6}(\d{3}){0,2}$/.test(c.division) ? competentIn(dir, c.division) : { unit: null }
    const bureau = hit.unit ? bureauIn(dir, hit.unit.id) : null
    // The competent bureau for complaints is county-level; a city claim alone (no district holds the code) still routes to the city.
    resolved.push({ ...c, unitId: hit.unit?.id ?? null, bureauId: bureau?.id ?? null, bureauName: bureau?.name ?? null })
  }
  const receivingBureau = bureauIn(dir, receivingUnitId)
  const pick = pickCompetent(resolved, receivingBureau?.id ?? null)
  const suggested = pick?.unitId && pick.unitId !== pick.bureauId ? pick.unitId : null
  return { candidates: resolved, competent: pick, suggestedUnitId: suggested ?? pick?.bureauId ?? null }
}

export function createRouting({
  db,
  entities,
  today,
  clockEnv,
}: Pick<CoreDeps, 'db'> & {
  entities: Pick<EntitiesService, 'get' | 'findByCode' | 'findByExactName' | 'search'>
  today: () => string
  clockEnv: () => Promise<ClockEnv>
}) {
  async function resolveRespondent(ctx: Ctx, r: Partial<Respondent> & { kind?: RespondentKind }): Promise<ResolvedRespondent> {
    checkUscc(r.uscc)
    let entity = r.entityId
      ? await entities.get(ctx, r.entityId).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'NOT_FOUND')
            throw validation(`名录中找不到经营主体“${r.entityId}”`, [{ path: 'respondent.entityId', message: '经营主体不存在' }])
          throw e
        })
      : undefined
    if (!entity && r.uscc) entity = await entities.findByCode(ctx, r.uscc)
    if (!entity && !r.uscc && r.name && r.name.length >= 4) {
      // A free-text name identical to exactly one registered name is that entity.
      const exact = await entities.findByExactName(ctx, r.name)
      if (exact.length === 1) entity = exact[0]
    }
    const kind = entity ? kindFromTags(entity.tags, r.kind ?? 'offline') : (r.kind ?? 'offline')
    let platformEntityId = r.platformEntityId ?? null
    let platformName = r.platformName ?? entity?.platformName ?? null
    let platformDomicileDivision: string | null = null
    if (platformEntityId) {
      const p = await entities.get(ctx, platformEntityId).catch(() => undefined)
      if (!p) throw validation('名录中找不到所选平台', [{ path: 'respondent.platformEntityId', message: '平台不存在' }])
      platformName = p.name
      platformDomicileDivision = p.domicileDivision ?? p.businessDivision
    } else if (kind === 'platform_seller' && platformName) {
      const found = await entities.search(ctx, { name: platformName, tag: 'online_platform', page: 1, pageSize: 1, nameMode: 'contains' })
      const p = found.items[0]
      if (p) {
        platformEntityId = p.id
        platformDomicileDivision = p.domicileDivision ?? p.businessDivision
      }
    }
    return {
      entityId: entity?.id ?? null,
      name: entity?.name ?? r.name ?? '',
      uscc: entity?.uscc ?? r.uscc ?? null,
      address: r.address ?? entity?.businessAddress ?? entity?.domicile ?? null,
      division: r.division ?? entity?.businessDivision ?? null,
      domicileDivision: r.domicileDivision ?? entity?.domicileDivision ?? null,
      conductDivision: r.conductDivision ?? null,
      kind,
      platformEntityId,
      platformName,
      platformDomicileDivision,
      sellerAddressUnavailable: r.sellerAddressUnavailable ?? false,
    }
  }

  /** The intake form's preview: regime, competent unit, jurisdiction candidates, the clocks a new item gets, warnings. */
  async function preview(ctx: Ctx, input: PreviewInput) {
    assertCan(ctx.actor, 'complaint.intake')
    const receivedOn = input.receivedOn ?? today()
    if (receivedOn > today()) throw validation('接收日期不能晚于今天')
    const regime = regimeFor(receivedOn)
    const warnings: string[] = []
    const resp = input.respondent ? await resolveRespondent(ctx, input.respondent) : null
    const env = await clockEnv()
    const r = resp ? route(env.org, input.type, regime, resp, ctx.actor.primaryUnitId) : { candidates: [], competent: null, suggestedUnitId: null }
    if (!resp) warnings.push('尚未填写被投诉（举报）人，无法确定管辖')
    else if (!r.competent) warnings.push('根据被投诉（举报）人所在地找不到本市的管辖单位：请核实地址，或告知当事人向有管辖权的部门反映')
    if (r.candidates.filter((c) => c.bureauId).length > 1) warnings.push('两个以上部门均有管辖权：由先收到的部门处理（第十三条）')
    const clocks = computeClocks(newItemFacts(input.type, receivedOn, false), env.rules, env.cal, today(), clockSettings(env.settings))
    if (clocks.some((c) => c.provisional))
      warnings.push(`期限涉及尚未公布节假日安排的年份（${[...new Set(clocks.flatMap((c) => c.missingYears))].join('、')}），仅按周末计算，属临时结果`)
    const names = new Map([r.competent?.bureauId, r.suggestedUnitId].filter((x): x is string => !!x).map((id) => [id, env.org.byId.get(id)?.name ?? id]))
    return {
      regime,
      regimeLabel: REGIME_LABEL[regime],
      competentUnit: r.competent?.bureauId ? ref(names, r.competent.bureauId) : null,
      suggestedUnit: r.suggestedUnitId ? ref(names, r.suggestedUnitId) : null,
      candidates: r.candidates.map((c) => ({
        division: c.division,
        divisionName: getDivision(c.division)?.fullName ?? null,
        basis: c.basis,
        bureau: c.bureauId ? { id: c.bureauId, name: c.bureauName ?? c.bureauId } : null,
      })),
      clocks: clocks.map(presentClock),
      warnings,
    }
  }

  /** Register entities matching a name or code, with their open 12315 items. */
  async function suggestRespondents(ctx: Ctx, q: string) {
    assertCan(ctx.actor, 'complaint.intake')
    const code = q.trim().toUpperCase()
    const byCode = /^[0-9A-Z]{15,18}$/.test(code)
    const found = await entities.search(
      ctx,
      byCode ? { uscc: code, page: 1, pageSize: 10, nameMode: 'contains' } : { name: q, page: 1, pageSize: 10, nameMode: 'contains' },
    )
    const ids = found.items.map((e) => e.id)
    const open =
      ids.length === 0
        ? []
        : await db
            .selectFrom('complaintItem')
            .select(['respondentEntityId', (eb) => eb.fn.countAll<number>().as('n')])
            .where('respondentEntityId', 'in', ids)
            .where('state', 'not in', FINAL_STATES as State[])
            .groupBy('respondentEntityId')
            .execute()
    return {
      items: found.items.map((e) => ({
        entityId: e.id,
        name: e.name,
        uscc: e.uscc,
        address: e.businessAddress ?? e.domicile,
        division: e.businessDivision,
        domicileDivision: e.domicileDivision,
        kind: kindFromTags(e.tags, 'offline'),
        platformName: e.platformName,
        stationName: e.stationName,
        openItems: Number(open.find((o) => o.respondentEntityId === e.id)?.n ?? 0),
      })),
    }
  }

  return { resolveRespondent, route, preview, suggestRespondents }
}

/**
 * Duplicate detection (重复诉求): likely earlier items of the same respondent or the same person
 * within the window, scored by text similarity. Run on every intake and shown on an item's detail.
 */
import { assertCan, unitPathInScope, type Ctx, type ScopeSet } from '../../core/actor'
import type { Executor } from '../../core/db/database'
import { preparedStatement } from '../../core/db/prepared'
import type { CoreDeps } from '../../core/deps'
import type { OrgDirectory, OrgService } from '../org'
import type { ItemAccess } from './complaints.access'
import { isLikelyDuplicate, textSimilarity } from './complaints.domain'
import { idHash, phoneHash, type ItemRow } from './complaints.repo'
import type { IntakeInput, Settings } from './complaints.schema'

type Exec = Executor

/** What an item is compared by: receipt date, respondent, text, the persons' hashes. */
export interface DuplicateProbe {
  id?: string
  receivedOn: string
  respondentEntityId: string | null
  respondentName: string
  text: string
  phoneHashes: string[]
  idHashes: string[]
}

/** The probe of an intake form (before the item exists). */
export function intakeProbe(input: IntakeInput, receivedOn: string, resp: { entityId: string | null; name: string }): DuplicateProbe {
  return {
    receivedOn,
    respondentEntityId: resp.entityId,
    respondentName: resp.name,
    text: `${input.summary} ${input.request} ${input.facts}`,
    phoneHashes: (input.persons ?? []).map((p) => phoneHash(p.phone)).filter((x): x is string => !!x),
    idHashes: (input.persons ?? []).map((p) => idHash(p.idNo)).filter((x): x is string => !!x),
  }
}

// Run on every intake: fixed-shape statements compiled once (building this search with Kysely on
// each call cost more than running it). Candidates come from indexed lookups — same registered
// respondent, same respondent name, same person (phone or ID hash) — within the window, newest
// first, at most DUPLICATE_SCAN per lookup; the read scope is applied to the rows.
const DUPLICATE_SCAN = 200
const DUP_COLUMNS = [
  'complaintItem.id',
  'complaintItem.itemNo',
  'complaintItem.state',
  'complaintItem.summary',
  'complaintItem.requestText',
  'complaintItem.factsText',
  'complaintItem.respondentEntityId',
  'complaintItem.respondentName',
  'complaintItem.receivedOn',
  'complaintItem.handlingUnitId',
  'complaintItem.intakeUnitId',
  'complaintItem.escalationUnitId',
  'complaintItem.handlerId',
] as const
type DupRow = Pick<
  ItemRow,
  | 'id'
  | 'itemNo'
  | 'state'
  | 'summary'
  | 'requestText'
  | 'factsText'
  | 'respondentEntityId'
  | 'respondentName'
  | 'receivedOn'
  | 'handlingUnitId'
  | 'intakeUnitId'
  | 'escalationUnitId'
  | 'handlerId'
>
/** Same rule as `itemInScope`, on a row: handling unit (or own item), intake unit or escalation unit in the scope. */
function rowInScope(scope: ScopeSet, ctx: Ctx, dir: OrgDirectory, r: DupRow): boolean {
  if (scope.all) return true
  if (scope.self && r.handlerId && r.handlerId === ctx.actor.userId) return true
  for (const u of [r.handlingUnitId, r.intakeUnitId, r.escalationUnitId]) {
    const path = u ? dir.byId.get(u)?.path : undefined
    if (u && path && unitPathInScope(scope, u, path)) return true
  }
  return false
}

export function createDuplicates({
  db,
  org,
  getSettings,
  loadReadable,
}: Pick<CoreDeps, 'db'> & {
  org: Pick<OrgService, 'directory'>
  getSettings: (exec?: Exec) => Promise<Settings>
  loadReadable: ItemAccess['loadReadable']
}) {
  const dupByRespondent = (column: 'respondentEntityId' | 'respondentName') =>
    preparedStatement(3, (d: Exec, value: string, from: string, to: string) =>
      d
        .selectFrom('complaintItem')
        .select(DUP_COLUMNS)
        .where(column, '=', value)
        .where('receivedOn', '>=', from)
        .where('receivedOn', '<=', to)
        .where('state', '!=', 'merged')
        .orderBy('receivedOn', 'desc')
        .limit(DUPLICATE_SCAN),
    )
  const dupByEntity = dupByRespondent('respondentEntityId')
  const dupByName = dupByRespondent('respondentName')
  // The same person: their party rows (newest first), then each item by key. One join would do, but
  // a generic PostgreSQL plan for it (prepared statements are planned once) may hash the whole
  // window of items; two key lookups cannot go wrong.
  const partyItemsBy = (column: 'phoneHash' | 'idHash') =>
    preparedStatement(1, (d: Exec, hash: string) =>
      d.selectFrom('complaintParty').select('itemId').where(column, '=', hash).orderBy('createdAt', 'desc').limit(DUPLICATE_SCAN),
    )
  const partyItemsByPhone = partyItemsBy('phoneHash')
  const partyItemsByIdNo = partyItemsBy('idHash')
  const dupById = preparedStatement(1, (d: Exec, id: string) => d.selectFrom('complaintItem').select(DUP_COLUMNS).where('id', '=', id))

  /** Likely duplicates of the probe, best first (at most 10); with a ctx, only those the actor can read. */
  async function findDuplicates(exec: Exec, ctx: Ctx | null, probe: DuplicateProbe, settings?: Settings) {
    const s = settings ?? (await getSettings(exec))
    const scope = ctx ? assertCan(ctx.actor, 'complaint.read') : null
    const from = new Date(Date.parse(`${probe.receivedOn}T00:00:00Z`) - s.duplicateWindowDays * 86_400_000).toISOString().slice(0, 10)
    const to = probe.receivedOn
    const candidates = new Map<string, DupRow>()
    const persons = new Set<string>()
    const take = (rows: DupRow[], person: boolean) => {
      for (const r of rows) {
        if (r.id === probe.id) continue
        candidates.set(r.id, r)
        if (person) persons.add(r.id)
      }
    }
    if (probe.respondentEntityId) take(await dupByEntity(exec, probe.respondentEntityId, from, to), false)
    take(await dupByName(exec, probe.respondentName, from, to), false)
    const personItems = new Set<string>()
    for (const h of new Set(probe.phoneHashes)) for (const r of await partyItemsByPhone(exec, h)) personItems.add(r.itemId)
    for (const h of new Set(probe.idHashes)) for (const r of await partyItemsByIdNo(exec, h)) personItems.add(r.itemId)
    for (const id of personItems) {
      const [r] = await dupById(exec, id)
      if (r && r.receivedOn >= from && r.receivedOn <= to && r.state !== 'merged') take([r], true)
    }
    let rows = [...candidates.values()]
    if (scope && !scope.all && rows.length > 0) {
      const dir = await org.directory()
      rows = rows.filter((r) => rowInScope(scope, ctx!, dir, r))
    }
    rows.sort((a, b) => (a.receivedOn < b.receivedOn ? 1 : a.receivedOn > b.receivedOn ? -1 : 0))
    return rows
      .slice(0, DUPLICATE_SCAN)
      .map((r) => {
        const sameRespondent = (!!probe.respondentEntityId && r.respondentEntityId === probe.respondentEntityId) || r.respondentName === probe.respondentName
        const similarity = Math.round(textSimilarity(probe.text, `${r.summary} ${r.requestText} ${r.factsText}`) * 1000) / 1000
        return { id: r.id, itemNo: r.itemNo, state: r.state, summary: r.summary, similarity, samePerson: persons.has(r.id), sameRespondent }
      })
      .filter((c) => isLikelyDuplicate(c, s.duplicateThreshold))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, 10)
  }

  /** The likely duplicates of a stored item (its detail page). */
  async function duplicatesOf(ctx: Ctx, id: string) {
    const item = await loadReadable(db, ctx, id)
    const parties = await db.selectFrom('complaintParty').select(['phoneHash', 'idHash']).where('itemId', '=', id).execute()
    return {
      items: await findDuplicates(db, ctx, {
        id,
        receivedOn: item.receivedOn,
        respondentEntityId: item.respondentEntityId,
        respondentName: item.respondentName,
        text: `${item.summary} ${item.requestText} ${item.factsText}`,
        phoneHashes: parties.map((p) => p.phoneHash).filter((x): x is string => !!x),
        idHashes: parties.map((p) => p.idHash).filter((x): x is string => !!x),
      }),
    }
  }

  return { findDuplicates, duplicatesOf }
}

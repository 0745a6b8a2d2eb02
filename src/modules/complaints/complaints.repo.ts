import { sql, type Insertable, type Selectable } from 'kysely'
import type { Executor } from '../../core/db/database'
import { compiledInsert, preparedStatement } from '../../core/db/prepared'
import { insertNumbered } from '../../core/db/sequence'
import type { Database } from '../../core/db/types'
import { newId, sha256Hex } from '../../core/ids'
import { maskName, maskPhone } from '../../core/mask'
import { normalisePhone } from './complaints.domain'
import { createClockRepo, insertClockRow } from '../../core/matter/clocks'
import type { MatterClockTable } from '../../core/matter/clocks.tables'
import { fillRuleVersions, legacyClockRows, withoutDueDates, type BulkDueDates } from './complaints.clocks'
import type { ComplaintEventTable, ComplaintItemTable, ComplaintPartyTable } from './complaints.tables'

/** Digits of an item number's yearly serial (TS2026 + 0000123). */
export const ITEM_NO_WIDTH = 7

export type ItemRow = Selectable<ComplaintItemTable>
export type EventRow = Selectable<ComplaintEventTable>
export type PartyRow = Selectable<ComplaintPartyTable>

/** Columns of complaint_item safe for lists and details (everything: the item row holds no plaintext identity). */
export type ItemInsert = Insertable<ComplaintItemTable>

/** Hash used to match the same person across items without reading the protected compartment. */
export function phoneHash(phone: string | null | undefined): string | null {
  if (!phone) return null
  const n = normalisePhone(phone)
  return n.length >= 5 ? sha256Hex(`jg-party-phone:${n}`) : null
}
export function idHash(idNo: string | null | undefined): string | null {
  if (!idNo) return null
  const n = idNo.replace(/\s/g, '').toUpperCase()
  return n.length >= 6 ? sha256Hex(`jg-party-id:${n}`) : null
}

export interface PartyInput {
  role: 'complainant' | 'reporter' | 'agent' | 'consultant'
  name: string
  phone?: string | null
  idType?: string | null
  idNo?: string | null
  address?: string | null
  email?: string | null
  isRepresentative?: boolean
  authorization?: string | null
}

export function partyRows(itemId: string, persons: PartyInput[], now: string): Insertable<ComplaintPartyTable>[] {
  return persons.map((p, i) => ({
    id: newId(),
    itemId,
    role: p.role,
    seq: i + 1,
    name: p.name,
    phone: p.phone ?? null,
    idType: p.idType ?? null,
    idNo: p.idNo ?? null,
    address: p.address ?? null,
    email: p.email ?? null,
    isRepresentative: p.isRepresentative ? 1 : 0,
    authorization: p.authorization ?? null,
    phoneHash: phoneHash(p.phone),
    idHash: idHash(p.idNo),
    createdAt: now,
  }))
}

/**
 * The masked first party, stored on the item for lists (张*, 138****1234). Never for a report: a
 * reporter (and their agent) does not appear outside the protected compartment even masked (Order
 * 20 Art 33); lists show 实名（保密）/匿名 instead (`reporterDisplay`).
 */
export function maskedParty(persons: PartyInput[], type?: string): { partyMaskedName: string | null; partyMaskedPhone: string | null } {
  if (type === 'report' || persons.some((p) => p.role === 'reporter')) return { partyMaskedName: null, partyMaskedPhone: null }
  const first = persons.find((p) => p.role !== 'agent')
  return { partyMaskedName: first ? maskName(first.name) : null, partyMaskedPhone: first ? maskPhone(first.phone ?? null) : null }
}

/** A complete item row with every nullable column null and defaults filled: the base of inserts. */
export function itemDefaults(): Omit<
  ItemInsert,
  | 'id'
  | 'itemNo'
  | 'type'
  | 'channel'
  | 'regime'
  | 'receivedAt'
  | 'receivedOn'
  | 'submissionId'
  | 'intakeUnitId'
  | 'handlingUnitId'
  | 'state'
  | 'category'
  | 'summary'
  | 'requestText'
  | 'factsText'
  | 'respondentName'
  | 'respondentKind'
  | 'createdAt'
  | 'updatedAt'
> {
  return {
    externalNo: null,
    splitFromId: null,
    mergedIntoId: null,
    duplicateOfId: null,
    duplicateCount: 0,
    competentUnitId: null,
    handlerId: null,
    escalationUnitId: null,
    escalationLevel: 0,
    outcome: null,
    productCode: null,
    respondentEntityId: null,
    respondentUscc: null,
    respondentAddress: null,
    respondentDivision: null,
    platformEntityId: null,
    platformName: null,
    partyMaskedName: null,
    partyMaskedPhone: null,
    anonymous: 0,
    complainantCount: 1,
    hasAgent: 0,
    amountClaimedFen: null,
    recoveredFen: 0,
    accepted: null,
    nonAcceptReason: null,
    acceptDecidedOn: null,
    mediationDoc: null,
    concludedOn: null,
    terminationGround: null,
    terminatedOn: null,
    terminationNotifiedOn: null,
    verifyExtensions: 0,
    filingDecidedOn: null,
    notFiledReason: null,
    leadId: null,
    leadNo: null,
    reporterNotifiedOn: null,
    answeredOn: null,
    disputeOpenedOn: null,
    disputeResolvedOn: null,
    nextDueOn: null,
    nextDueKind: null,
    clockProvisional: 0,
    followUpOn: null,
    feedbackAt: null,
    closedAt: null,
    closedOn: null,
    satisfaction: null,
    satisfactionAt: null,
    satisfactionComment: null,
    queryCodeHash: null,
    createdBy: null,
    version: 1,
  }
}

const EVENT_DEFAULTS = {
  fromState: null,
  toState: null,
  unitId: null,
  toUnitId: null,
  actorId: null,
  actorName: null,
  public: 0,
  publicText: null,
  note: null,
  dataJson: null,
}

/**
 * One item of a bulk history load: the full item row, its timeline and its people (plaintext).
 * Its clocks come from the due dates it carries (`acceptDueOn` …, see complaints.clocks.ts
 * `legacyClockRows`): they become matter_clock rows, not columns.
 */
export interface BulkItem {
  item: ItemInsert & BulkDueDates
  /** In order; seq is assigned 1, 2, … Missing optional columns default to null (public to 0). */
  events: Array<Omit<Insertable<ComplaintEventTable>, 'id' | 'itemId' | 'seq' | 'public'> & { public?: number }>
  parties: PartyInput[]
}

const ITEM_BATCH = 200
const ROW_BATCH = 1000

async function insertChunks<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size))
}

/** Kysely queries of the 12315 module. Every method takes the executor (db or the caller's trx). */
export function createComplaintsRepo() {
  // The intake's writes run on every item: compiled once per column set (see core/db/prepared.ts).
  const insertItemRow = compiledInsert<Database>('complaintItem')
  const insertPartyRow = compiledInsert<Database>('complaintParty')
  const insertEventRow = compiledInsert<Database>('complaintEvent')
  const lastEventSeq = preparedStatement(1, (d: Executor, itemId: string) =>
    d
      .selectFrom('complaintEvent')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('itemId', '=', itemId),
  )
  return {
    async findById(exec: Executor, id: string): Promise<ItemRow | undefined> {
      return exec.selectFrom('complaintItem').selectAll().where('id', '=', id).executeTakeFirst()
    },
    async findByNo(exec: Executor, itemNo: string): Promise<ItemRow | undefined> {
      return exec.selectFrom('complaintItem').selectAll().where('itemNo', '=', itemNo).executeTakeFirst()
    },
    async insertItem(exec: Executor, row: ItemInsert): Promise<void> {
      await insertItemRow(exec, row)
    },
    async insertParties(exec: Executor, rows: Insertable<ComplaintPartyTable>[]): Promise<void> {
      for (const r of rows) await insertPartyRow(exec, r)
    },
    /**
     * A new item's rows — the item, its clock rows, its parties and the first event of its timeline —
     * with its yearly item number drawn in the same statement on PostgreSQL (one round trip inside
     * the intake's group commit; core/db/sequence.ts#insertNumbered). Sets `row.itemNo` and returns it.
     */
    async insertNewItem(
      exec: Executor,
      row: ItemInsert,
      num: { prefix: string; year: string },
      clocks: ReadonlyArray<Insertable<MatterClockTable>>,
      parties: ReadonlyArray<Insertable<ComplaintPartyTable>>,
      first: Omit<Insertable<ComplaintEventTable>, 'id' | 'seq'>,
    ): Promise<string> {
      return insertNumbered<Database>(exec, { ...num, width: ITEM_NO_WIDTH, column: 'itemNo' }, [
        [insertItemRow, row],
        ...clocks.map((c) => [insertClockRow, c] as const),
        ...parties.map((p) => [insertPartyRow, p] as const),
        [insertEventRow, { ...first, id: newId(), seq: 1 }],
      ])
    },
    /** Reads the protected compartment: only the audited reveal and the documents for the complainant call this. */
    async partiesOf(exec: Executor, itemId: string): Promise<PartyRow[]> {
      return exec.selectFrom('complaintParty').selectAll().where('itemId', '=', itemId).orderBy('seq').execute()
    },
    /** Role, masked name and phone for the detail page: the plaintext never leaves this function. */
    async maskedPartiesOf(exec: Executor, itemId: string) {
      const rows = await exec
        .selectFrom('complaintParty')
        .select(['role', 'name', 'phone', 'isRepresentative'])
        .where('itemId', '=', itemId)
        .orderBy('seq')
        .execute()
      return rows.map((r) => ({ role: r.role, name: maskName(r.name) ?? '', phone: maskPhone(r.phone), isRepresentative: r.isRepresentative === 1 }))
    },
    /**
     * Whether an active user can handle items held by `unitId` (the assignment rule): a grant of one
     * of `roles` (those holding complaint.handle) whose scope covers the unit — all, the unit's tree,
     * the unit itself — or, with any such grant, staff of the unit or a unit below it.
     */
    async mayHandleUnit(exec: Executor, userId: string, unitId: string, roles: readonly string[]): Promise<boolean> {
      if (roles.length === 0) return false
      const r = await sql<{ ok: number }>`
        select 1 as ok from role_grant g
        join app_user u on u.id = g.user_id and u.status = 'active'
        join org_unit gu on gu.id = g.unit_id
        join org_unit h on h.id = ${unitId}
        where g.user_id = ${userId} and g.role in (${sql.join(roles)})
          and (g.scope = 'all' or (g.scope = 'unit_tree' and h.path like gu.path || '%') or (g.scope = 'unit' and g.unit_id = h.id)
            or exists (select 1 from user_unit uu join org_unit uo on uo.id = uu.unit_id where uu.user_id = g.user_id and uo.path like h.path || '%'))
        limit 1`.execute(exec)
      return r.rows.length > 0
    },
    /** The active users who can handle items held by `unitId` (same condition as `mayHandleUnit`), by name. */
    async handlersOfUnit(
      exec: Executor,
      unitId: string,
      roles: readonly string[],
    ): Promise<Array<{ id: string; displayName: string; unitName: string | null }>> {
      if (roles.length === 0) return []
      const r = await sql<{ id: string; displayName: string; unitName: string | null }>`
        select u.id as id, u.display_name as "displayName", (select ou.name from user_unit pu join org_unit ou on ou.id = pu.unit_id where pu.user_id = u.id order by pu.is_primary desc limit 1) as "unitName"
        from app_user u
        where u.status = 'active' and exists (
          select 1 from role_grant g join org_unit gu on gu.id = g.unit_id join org_unit h on h.id = ${unitId}
          where g.user_id = u.id and g.role in (${sql.join(roles)})
            and (g.scope = 'all' or (g.scope = 'unit_tree' and h.path like gu.path || '%') or (g.scope = 'unit' and g.unit_id = h.id)
              or exists (select 1 from user_unit uu join org_unit uo on uo.id = uu.unit_id where uu.user_id = g.user_id and uo.path like h.path || '%')))
        order by u.display_name, u.id
        limit 200`.execute(exec)
      return r.rows
    },
    /** Updates an item under optimistic locking; false when the version moved. */
    async update(exec: Executor, id: string, expectedVersion: number, patch: Partial<ItemInsert>, now: string): Promise<boolean> {
      const r = await exec
        .updateTable('complaintItem')
        .set({ ...patch, version: expectedVersion + 1, updatedAt: now })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    /** Appends to the item's timeline; `first` for the event that creates the item (its timeline is empty). */
    async appendEvent(exec: Executor, e: Omit<Insertable<ComplaintEventTable>, 'id' | 'seq'>, opts: { first?: boolean } = {}): Promise<void> {
      const seq = opts.first ? 1 : Number((await lastEventSeq(exec, e.itemId))[0]?.m ?? 0) + 1
      await insertEventRow(exec, { ...e, id: newId(), seq })
    },
    async eventsOf(exec: Executor, itemId: string) {
      return exec
        .selectFrom('complaintEvent')
        .leftJoin('orgUnit as u', 'u.id', 'complaintEvent.unitId')
        .leftJoin('orgUnit as tu', 'tu.id', 'complaintEvent.toUnitId')
        .selectAll('complaintEvent')
        .select(['u.name as unitName', 'tu.name as toUnitName'])
        .where('complaintEvent.itemId', '=', itemId)
        .orderBy('complaintEvent.seq')
        .execute()
    },
    async pausesOf(exec: Executor, itemId: string) {
      return exec.selectFrom('complaintPause').selectAll().where('itemId', '=', itemId).orderBy('fromOn').execute()
    },

    /**
     * Bulk history load: items, events and parties in multi-row INSERTs (batches within both
     * engines' parameter limits). Run it inside one transaction per call. Parties get their hashes
     * and the item its masked columns (when not given). Writes no audit rows.
     */
    async bulkInsert(exec: Executor, items: BulkItem[]): Promise<number> {
      const now = new Date().toISOString()
      const itemRows: ItemInsert[] = []
      const events: Insertable<ComplaintEventTable>[] = []
      const parties: Insertable<ComplaintPartyTable>[] = []
      const clockRows: ReturnType<typeof legacyClockRows> = []
      for (const b of items) {
        const masked = maskedParty(b.parties, b.item.type)
        const row = Object.assign(itemDefaults(), masked, b.item)
        clockRows.push(...legacyClockRows(row as Record<string, unknown>, now))
        itemRows.push(withoutDueDates(row))
        b.events.forEach((e, i) => events.push({ ...EVENT_DEFAULTS, ...e, id: newId(), itemId: b.item.id, seq: i + 1 }))
        parties.push(...partyRows(b.item.id, b.parties, now))
      }
      await insertChunks(itemRows, ITEM_BATCH, (c) => exec.insertInto('complaintItem').values(c).execute())
      await insertChunks(events, ROW_BATCH, (c) => exec.insertInto('complaintEvent').values(c).execute())
      await insertChunks(parties, ROW_BATCH, (c) => exec.insertInto('complaintParty').values(c).execute())
      await fillRuleVersions(exec, clockRows)
      await createClockRepo().insertMany(exec, clockRows)
      return itemRows.length
    },
  }
}
export type ComplaintsRepo = ReturnType<typeof createComplaintsRepo>

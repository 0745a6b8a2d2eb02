import { systemCtx, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { CoreDeps } from '../../core/deps'
import type { Trx } from '../../core/db/database'
import { AppError, validation } from '../../core/errors'
import { nextYearlyNumber } from '../../core/db/sequence'
import { newId } from '../../core/ids'
import { clockRow, type ClockKernel, clockViews } from '../../core/matter/clocks'
import { nextDueOf } from '../../core/matter/clocks.domain'
import { listPage, scopedRecords } from '../../core/matter/records'
import {
  ABNORMAL_REASONS,
  CURES,
  LISTING_MODES,
  listingWorkflow,
  REMOVAL_GROUNDS,
  type AbnormalReason,
  type ListingAction,
  type ListingMode,
  type ListingState,
  type RemovalGround,
} from '../../shared/credit/listing.workflow'
import type { AuditService } from '../audit'
import { seasonWindow } from './annual-report.domain'
import type { CreditListingTable } from './credit.tables'

export const LISTING_MATTER = listingWorkflow.type
/** Rows per statement of the after-season batch (≈ 16 parameters each: under SQLite's 32,766). */
export const BATCH_CHUNK = 1000

export interface ListingView {
  id: string
  listingNo: string | null
  entityId: string
  entityName: string | null
  uscc: string | null
  entityKind: string | null
  unitId: string
  unitName: string | null
  mode: ListingMode
  modeLabel: string
  ground: AbnormalReason
  groundLabel: string
  reportYear: number | null
  triggerOn: string
  sourceType: string
  note: string | null
  reviewNote: string | null
  listedOn: string | null
  objectionText: string | null
  objectionOn: string | null
  removalGround: RemovalGround | null
  removalGroundLabel: string | null
  removalAppliedOn: string | null
  removedOn: string | null
  decisionNote: string | null
  nextDueOn: string | null
  state: ListingState
  stateLabel: string
  version: number
  createdAt: string
}

type Row = CreditListingTable & { entityName: string | null; uscc: string | null; entityKind: string | null; unitName: string | null }
export function presentListing(r: Row): ListingView {
  const mode = r.mode as ListingMode
  return {
    id: r.id,
    listingNo: r.listingNo,
    entityId: r.entityId,
    entityName: r.entityName,
    uscc: r.uscc,
    entityKind: r.entityKind,
    unitId: r.unitId,
    unitName: r.unitName,
    mode,
    modeLabel: LISTING_MODES[mode] ?? r.mode,
    ground: r.ground as AbnormalReason,
    groundLabel: ABNORMAL_REASONS[r.ground as AbnormalReason] ?? r.ground,
    reportYear: r.reportYear === null ? null : Number(r.reportYear),
    triggerOn: r.triggerOn,
    sourceType: r.sourceType,
    note: r.note,
    reviewNote: r.reviewNote,
    listedOn: r.listedOn,
    objectionText: r.objectionText,
    objectionOn: r.objectionOn,
    removalGround: r.removalGround as RemovalGround | null,
    removalGroundLabel: r.removalGround ? (REMOVAL_GROUNDS[r.removalGround as RemovalGround] ?? r.removalGround) : null,
    removalAppliedOn: r.removalAppliedOn,
    removedOn: r.removedOn,
    decisionNote: r.decisionNote,
    nextDueOn: r.nextDueOn,
    state: r.state as ListingState,
    stateLabel: listingWorkflow.stateLabel(r.state),
    version: Number(r.version),
    createdAt: r.createdAt,
  }
}

/**
 * The abnormal-operations list (经营异常名录). A proposal is a row in state `proposed`, raised one
 * at a time (an inspection's finding) or by the after-season batch (`proposeNonFilers`: every
 * active entity due a report for the year that has none; individual businesses are proposed for
 * marking instead of listing). The credit officer reviews, the head approves (two-step review)
 * within the 10-WD listing clock; objections and removals follow the workflow
 * (shared/credit/listing.workflow.ts). Scope, versions, audit and transitions are the records
 * kernel's; clocks are the clock kernel's (matter_clock).
 */
export function createListingService({
  db,
  dialect,
  clock,
  audit,
  clocks,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & { audit: AuditService; clocks: ClockKernel }) {
  clocks.register(LISTING_MATTER, listingWorkflow.clocks!)
  const today = () => chinaDate(clock.now())
  const records = scopedRecords({
    db,
    dialect,
    clock,
    audit,
    clocks,
    table: 'creditListing',
    label: '经营异常名录事项',
    workflow: listingWorkflow,
    readPermission: 'credit.read',
    targetLabel: (r) => r.listingNo ?? r.dedupeKey,
    effects: async (trx, row, action, input: { note?: string; text?: string; ground?: RemovalGround }, on, ctx) => {
      const by = ctx.actor.userId
      const now = clock.now().toISOString()
      switch (action) {
        case 'review':
          return { reviewedBy: by, reviewedAt: now, reviewNote: input.note || null }
        case 'approve':
          return { approvedBy: by, listedOn: on, publishedOn: on, decisionNote: input.note || null, listingNo: await listingNumber(trx, on) }
        case 'dismiss':
          return { decisionNote: input.note ?? null }
        case 'send_back':
          return { reviewedBy: null, reviewedAt: null, reviewNote: input.note ?? null }
        case 'object':
          return { objectionText: input.text ?? null, objectionOn: on }
        case 'apply_removal': {
          const cures = CURES[row.ground as AbnormalReason] ?? []
          if (!input.ground || !cures.includes(input.ground))
            throw validation(
              `移出事由与列入事由不符：“${ABNORMAL_REASONS[row.ground as AbnormalReason]}”可因${cures.map((c) => `“${REMOVAL_GROUNDS[c]}”`).join('或')}移出`,
            )
          if (input.ground === 'reports_filed' && row.reportYear !== null) await assertFiled(trx, row.entityId, Number(row.reportYear))
          return { removalGround: input.ground, removalAppliedOn: on, decisionNote: input.note || null }
        }
        case 'remove':
          return { removedOn: on, decisionNote: input.note || null }
        case 'revoke':
          return { removedOn: on, removalGround: 'objection_founded', decisionNote: input.note ?? null }
        default:
          return { decisionNote: input.note ?? null }
      }
    },
  })

  /** A filed report must exist before "已补报" can be the removal ground. */
  async function assertFiled(trx: Trx, entityId: string, year: number) {
    const r = await trx.selectFrom('annualReport').select('id').where('entityId', '=', entityId).where('reportYear', '=', year).executeTakeFirst()
    if (!r) throw validation(`该主体尚未补报 ${year} 年度报告，不能以“已补报”为由移出`)
  }

  async function listingNumber(trx: Trx, on: string): Promise<string> {
    return nextYearlyNumber(trx, 'YC', on.slice(0, 4))
  }

  /** The projection of the open clocks on the row (queues sort by it). */
  async function project(trx: Trx, id: string) {
    const next = nextDueOf(await clocks.listOpen(trx, LISTING_MATTER, id))
    await trx
      .updateTable('creditListing')
      .set({ nextDueOn: next?.dueOn ?? null })
      .where('id', '=', id)
      .execute()
  }

  /**
   * One proposal (an inspection's finding, a verified false publicity…): one open row per entity,
   * ground and report year; a repeated proposal returns the existing row.
   */
  async function propose(
    trx: Trx,
    ctx: Ctx,
    v: {
      entityId: string
      ground: AbnormalReason
      reportYear?: number | null
      unitId: string
      triggerOn: string
      sourceType: string
      sourceId: string | null
      note: string | null
    },
  ): Promise<{ id: string; created: boolean }> {
    const e = await trx.selectFrom('marketEntity').select(['entityKind']).where('id', '=', v.entityId).executeTakeFirstOrThrow()
    const dedupeKey = `${v.ground}:${v.entityId}:${v.reportYear ?? v.sourceId ?? ''}`
    const open = await trx.selectFrom('creditListing').select('id').where('dedupeKey', '=', dedupeKey).executeTakeFirst()
    if (open) return { id: open.id, created: false }
    const now = clock.now().toISOString()
    const row = await records.create(
      trx,
      ctx,
      {
        id: newId(),
        listingNo: null,
        dedupeKey,
        entityId: v.entityId,
        unitId: v.unitId,
        mode: e.entityKind === 'individual' ? 'mark' : 'list',
        ground: v.ground,
        reportYear: v.reportYear ?? null,
        triggerOn: v.triggerOn,
        sourceType: v.sourceType,
        sourceId: v.sourceId,
        note: v.note,
        reviewedBy: null,
        reviewedAt: null,
        reviewNote: null,
        approvedBy: null,
        listedOn: null,
        publishedOn: null,
        objectionText: null,
        objectionOn: null,
        removalGround: null,
        removalAppliedOn: null,
        removedOn: null,
        decisionNote: null,
        nextDueOn: null,
        createdAt: now,
        createdBy: ctx.actor.userId,
        updatedAt: now,
      },
      { audit: 'credit.listing.propose' },
    )
    await clocks.apply(trx, { type: LISTING_MATTER, id: row.id, unitId: row.unitId, referenceDate: v.triggerOn }, listingWorkflow.onCreate!, v.triggerOn)
    await project(trx, row.id)
    return { id: row.id, created: true }
  }

  /**
   * Inspection-born credit proposals made before the list existed become listing proposals (once:
   * the dedupe key names the proposal). Run at start; returns how many were adopted.
   */
  async function adoptProposals(): Promise<number> {
    const open = await db
      .selectFrom('creditProposal')
      .selectAll()
      .where('kind', '=', 'abnormal_list')
      .where('state', '=', 'proposed')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('creditListing')
              .select('creditListing.id')
              .where('creditListing.sourceType', '=', 'credit_proposal')
              .whereRef('creditListing.sourceId', '=', 'creditProposal.id'),
          ),
        ),
      )
      .execute()
    if (!open.length) return 0
    await clocks.prepare()
    let n = 0
    for (const p of open)
      await db.transaction().execute(async (trx) => {
        const r = await propose(trx, systemCtx('credit-adopt'), {
          entityId: p.entityId,
          ground: p.reason as AbnormalReason,
          unitId: p.unitId,
          triggerOn: chinaDate(new Date(p.createdAt)),
          sourceType: 'credit_proposal',
          sourceId: p.id,
          note: p.note,
        })
        if (r.created) n += 1
      })
    return n
  }

  /** Why the after-season batch for `reportYear` cannot run today, or null. */
  function batchProblem(reportYear: number): string | null {
    const { closes } = seasonWindow(reportYear)
    return today() <= closes ? `${reportYear} 年度报告的报送期限（${closes}）尚未届满，不能提出列入建议` : null
  }

  /**
   * The after-season batch (30 June → 1 July): proposes listing (individual businesses: marking)
   * every active entity that was due a report for `reportYear` and has none. Idempotent: the
   * dedupe key (ground, entity, year) is unique and existing rows are skipped, so a second run,
   * or a run resumed after a crash, proposes nothing twice. Walks the register by id in chunks,
   * one transaction each; the listing clock is computed once for the batch (same trigger date and
   * rule for every row) and written with each chunk. `fallbackUnitId` owns entities without a station.
   */
  async function proposeNonFilers(o: {
    reportYear: number
    fallbackUnitId: string
    batchId: string
    ctx?: Ctx
    after?: string | null
    chunk?: number
    signal?: AbortSignal
    progress?: (done: number, proposed: number, lastEntityId: string) => Promise<void>
  }): Promise<{ scanned: number; proposed: number }> {
    const ctx = o.ctx ?? systemCtx(`credit-batch:${o.batchId}`)
    const { closes: triggerOn } = seasonWindow(o.reportYear)
    const problem = batchProblem(o.reportYear)
    if (problem) throw validation(problem)
    const yearEnd = `${o.reportYear}-12-31`
    const size = o.chunk ?? BATCH_CHUNK
    await clocks.prepare()
    let template: ReturnType<typeof clockRow> | null = null
    let after = o.after ?? ''
    let scanned = 0
    let proposed = 0
    for (;;) {
      if (o.signal?.aborted) throw o.signal.reason ?? new Error('aborted')
      const page = await db.selectFrom('marketEntity').select('id').where('id', '>', after).orderBy('id').limit(size).execute()
      if (!page.length) break
      const lo = after
      const hi = page[page.length - 1]!.id
      const n = await db.transaction().execute(async (trx) => {
        const due = await trx
          .selectFrom('marketEntity as e')
          .select(['e.id', 'e.entityKind', 'e.stationUnitId'])
          .where('e.id', '>', lo)
          .where('e.id', '<=', hi)
          .where('e.status', '=', 'active')
          .where((eb) => eb.or([eb('e.registeredOn', 'is', null), eb('e.registeredOn', '<=', yearEnd)]))
          .where((eb) =>
            eb.not(eb.exists(eb.selectFrom('annualReport as r').select('r.id').whereRef('r.entityId', '=', 'e.id').where('r.reportYear', '=', o.reportYear))),
          )
          .execute()
        if (!due.length) return 0
        const now = clock.now().toISOString()
        const rows: CreditListingTable[] = due.map((e) => ({
          id: newId(),
          listingNo: null,
          dedupeKey: `annual_report_not_filed:${e.id}:${o.reportYear}`,
          entityId: e.id,
          unitId: e.stationUnitId ?? o.fallbackUnitId,
          mode: e.entityKind === 'individual' ? 'mark' : 'list',
          ground: 'annual_report_not_filed',
          reportYear: o.reportYear,
          triggerOn,
          sourceType: 'season_batch',
          sourceId: o.batchId,
          note: null,
          reviewedBy: null,
          reviewedAt: null,
          reviewNote: null,
          approvedBy: null,
          listedOn: null,
          publishedOn: null,
          objectionText: null,
          objectionOn: null,
          removalGround: null,
          removalAppliedOn: null,
          removedOn: null,
          decisionNote: null,
          nextDueOn: null,
          state: 'proposed',
          version: 1,
          createdAt: now,
          createdBy: ctx.actor.userId,
          updatedAt: now,
        }))
        const inserted = await trx
          .insertInto('creditListing')
          .values(rows)
          .onConflict((oc) => oc.column('dedupeKey').doNothing())
          .returning(['id', 'unitId'])
          .execute()
        if (!inserted.length) return 0
        let rest = inserted
        if (!template) {
          // The first row gets its clock from the kernel (rule version, calendar); the rest copy it.
          const first = inserted[0]!
          await clocks.apply(trx, { type: LISTING_MATTER, id: first.id, unitId: first.unitId, referenceDate: triggerOn }, listingWorkflow.onCreate!, triggerOn)
          const state = (await clocks.list(trx, LISTING_MATTER, first.id)).find((c) => c.kind === 'listing')!
          template = clockRow({ type: LISTING_MATTER, id: first.id, unitId: first.unitId }, state, now)
          rest = inserted.slice(1)
        }
        const t = template
        for (let i = 0; i < rest.length; i += 500)
          await trx
            .insertInto('matterClock')
            .values(rest.slice(i, i + 500).map((r) => ({ ...t, matterId: r.id, unitId: r.unitId, createdAt: now, updatedAt: now })))
            .execute()
        for (let i = 0; i < inserted.length; i += 500)
          await trx
            .updateTable('creditListing')
            .set({ nextDueOn: t.dueOn })
            .where(
              'id',
              'in',
              inserted.slice(i, i + 500).map((r) => r.id),
            )
            .execute()
        return inserted.length
      })
      scanned += page.length
      proposed += n
      after = hi
      await o.progress?.(scanned, proposed, hi)
    }
    await db.transaction().execute((trx) =>
      audit.record(trx, ctx, {
        action: 'credit.listing.batch',
        targetType: 'credit_listing',
        targetId: o.batchId,
        targetLabel: `${o.reportYear} 年度未年报主体`,
        after: { reportYear: o.reportYear, scanned, proposed },
      }),
    )
    return { scanned, proposed }
  }

  const visible = (ctx: Ctx) =>
    records
      .scoped(db, ctx)
      .leftJoin('orgUnit', 'orgUnit.id', 'creditListing.unitId')
      .leftJoin('marketEntity', 'marketEntity.id', 'creditListing.entityId')
      .selectAll('creditListing')
      .select(['orgUnit.name as unitName', 'marketEntity.name as entityName', 'marketEntity.uscc as uscc', 'marketEntity.entityKind as entityKind'])

  async function list(ctx: Ctx, q: { state?: ListingState; ground?: AbnormalReason; entityId?: string; reportYear?: number; page: number; pageSize: number }) {
    let b = visible(ctx)
    if (q.state) b = b.where('creditListing.state', '=', q.state)
    if (q.ground) b = b.where('creditListing.ground', '=', q.ground)
    if (q.entityId) b = b.where('creditListing.entityId', '=', q.entityId)
    if (q.reportYear) b = b.where('creditListing.reportYear', '=', q.reportYear)
    return listPage(b, q, (p) => p.orderBy('creditListing.createdAt', 'desc').orderBy('creditListing.id', 'desc'), presentListing)
  }

  async function get(ctx: Ctx, id: string) {
    const loaded = await records.load(db, ctx, id)
    const r = await visible(ctx).where('creditListing.id', '=', id).executeTakeFirstOrThrow()
    const clockRows = await clocks.list(db, LISTING_MATTER, id)
    return {
      ...presentListing(r),
      actions: records.actions(ctx, loaded),
      clocks: clockViews(listingWorkflow, clockRows),
    }
  }

  async function act(ctx: Ctx, id: string, action: ListingAction, input: unknown, version?: number) {
    await clocks.prepare()
    await db.transaction().execute(async (trx) => {
      await records.transition(ctx, id, action, input, { version, trx })
      await project(trx, id)
    })
    return get(ctx, id)
  }

  /**
   * Bulk action on many proposals (the head approves the reviewed ones, the officer reviews a
   * page): each row in its own transition, the result per row; nothing is skipped silently.
   */
  async function bulk(ctx: Ctx, action: 'review' | 'approve' | 'dismiss', ids: string[], input: unknown) {
    const results: { id: string; ok: boolean; message: string | null }[] = []
    for (const id of ids) {
      try {
        await act(ctx, id, action, input)
        results.push({ id, ok: true, message: null })
      } catch (e) {
        results.push({ id, ok: false, message: e instanceof AppError && e.code !== 'INTERNAL' ? e.message : '处理出错（内部错误），已记录日志' })
      }
    }
    return { done: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results }
  }

  return { records, propose, adoptProposals, proposeNonFilers, batchProblem, list, get, act, bulk, visible }
}
export type ListingService = ReturnType<typeof createListingService>

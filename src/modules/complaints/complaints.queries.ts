/**
 * The 12315 reads: the queue (list with its filters and sort), the detail (timeline, clocks,
 * supervisions, links, what the actor may do) and their presenters, and the code lists of the
 * forms. Nothing here writes.
 */
import { sql, type SqlBool } from 'kysely'
import { assertCan, type Ctx, type ScopeSet } from '../../core/actor'
import type { Executor } from '../../core/db/database'
import { escapeLike, likeOperator } from '../../core/db/dialect'
import { createAttachmentStore } from '../../core/attachments'
import type { CoreDeps } from '../../core/deps'
import { offsetOf } from '../../core/pagination'
import { addWorkingDays, countWorkingDays, type CalendarData, type CalendarService } from '../calendar'
import { ref, type ItemAccess } from './complaints.access'
import { presentClock, type createComplaintClocks } from './complaints.clocks'
import {
  ACTION_LABEL,
  allowedActions,
  CATEGORIES,
  CHANNEL_LABEL,
  CONFIDENTIAL_FILE_NAME,
  FINAL_STATES,
  ITEM_TYPE_LABEL,
  NOT_FILED_REASONS,
  nonAcceptanceReasons,
  OUTCOME_LABEL,
  reporterDisplay,
  STATE_LABEL,
  terminationGrounds,
  type ItemType,
  type Regime,
  type State,
} from './complaints.domain'
import type { Handlers } from './complaints.handlers'
import type { ComplaintsRepo, ItemRow } from './complaints.repo'
import type { ItemDetail, ItemSummary, ListQuery, Settings } from './complaints.schema'
import type { ClockEnv } from './complaints.settings'

type Exec = Executor

const EVENT_LABEL: Record<string, string> = {
  received: '登记',
  split: '拆分',
  assign: '指定承办人',
  feedback: '反馈',
  supervise: '督办',
  supervision_response: '督办回复',
  escalated: '超期升级',
  attachment: '上传附件',
  rated: '满意度评价',
  imported: '全国平台转办导入',
  link: '关联原件',
  respondent: '关联名录主体',
  ...ACTION_LABEL,
}

function linkRelation(item: ItemRow, l: Pick<ItemRow, 'id' | 'mergedIntoId' | 'duplicateOfId'>): string {
  if (l.mergedIntoId === item.id) return '已并入本件'
  if (l.id === item.mergedIntoId) return '本件并入'
  if (l.duplicateOfId === item.id) return '重复诉求，已关联本件'
  if (l.id === item.duplicateOfId) return '本件关联的原件'
  return '同一诉求拆分'
}

export function createQueries({
  db,
  dialect,
  clock,
  calendar,
  repo,
  access,
  getSettings,
  clockEnv,
  clocksOf,
  offerOf,
  canRevealParties,
  today,
}: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & {
  calendar: Pick<CalendarService, 'calendar'>
  repo: ComplaintsRepo
  access: Pick<ItemAccess, 'itemInScope' | 'loadReadable' | 'unitNames' | 'userNames'>
  getSettings: (exec?: Exec) => Promise<Settings>
  clockEnv: () => Promise<ClockEnv>
  clocksOf: ReturnType<typeof createComplaintClocks>['clocksOf']
  offerOf: Handlers['offerOf']
  canRevealParties: (exec: Exec, ctx: Ctx, item: ItemRow) => Promise<boolean>
  today: () => string
}) {
  /** Attachment rows only (the bytes are served by the documents service). */
  const attachmentRows = createAttachmentStore({ db, clock })
  // Working days between two dates, per calendar: lists and intake responses ask for the same few
  // (today → each due date) over and over.
  const workingDayCounts = new WeakMap<CalendarData, Map<string, number>>()
  function workingDaysIn(cal: CalendarData, from: string, to: string): number {
    let memo = workingDayCounts.get(cal)
    if (!memo || memo.size > 5000) workingDayCounts.set(cal, (memo = new Map<string, number>()))
    const key = `${from}|${to}`
    let n = memo.get(key)
    if (n === undefined) memo.set(key, (n = countWorkingDays(cal, from, to).count))
    return n
  }

  function presentSummary(r: ItemRow, units: Map<string, string>, users: Map<string, string>, cal: CalendarData, s: Settings): ItemSummary {
    let clockStatus: ItemSummary['clockStatus'] = 'none'
    let left: number | null = null
    if (r.nextDueOn && !(FINAL_STATES as readonly string[]).includes(r.state)) {
      const t = today()
      if (r.nextDueOn < t) {
        clockStatus = 'overdue'
        left = -workingDaysIn(cal, r.nextDueOn, t)
      } else {
        left = workingDaysIn(cal, t, r.nextDueOn)
        clockStatus = left <= s.dueSoonWd ? 'due_soon' : 'on_time'
      }
    }
    return {
      id: r.id,
      itemNo: r.itemNo,
      type: r.type as ItemType,
      typeLabel: ITEM_TYPE_LABEL[r.type as ItemType],
      channel: r.channel as ItemSummary['channel'],
      channelLabel: CHANNEL_LABEL[r.channel as ItemSummary['channel']] ?? r.channel,
      regime: r.regime,
      receivedAt: r.receivedAt,
      receivedOn: r.receivedOn,
      state: r.state as State,
      stateLabel: STATE_LABEL[r.state as State] ?? r.state,
      outcome: r.outcome,
      outcomeLabel: r.outcome ? (OUTCOME_LABEL[r.outcome as keyof typeof OUTCOME_LABEL] ?? r.outcome) : null,
      category: r.category,
      categoryLabel: CATEGORIES[r.category as keyof typeof CATEGORIES] ?? r.category,
      productCode: r.productCode,
      summary: r.summary,
      respondentName: r.respondentName,
      respondentUscc: r.respondentUscc,
      partyName: r.type === 'report' ? reporterDisplay(r.anonymous === 1) : r.partyMaskedName,
      partyPhone: r.type === 'report' ? null : r.partyMaskedPhone,
      anonymous: r.anonymous === 1,
      intakeUnit: ref(units, r.intakeUnitId),
      handlingUnit: ref(units, r.handlingUnitId),
      escalationUnit: ref(units, r.escalationUnitId),
      escalationLevel: r.escalationLevel,
      handlerName: r.handlerId ? (users.get(r.handlerId) ?? null) : null,
      nextDueOn: r.nextDueOn,
      nextDueKind: r.nextDueKind,
      clockStatus,
      workingDaysLeft: left,
      clockProvisional: r.clockProvisional === 1,
      recoveredFen: Number(r.recoveredFen),
      satisfaction: r.satisfaction,
      closedOn: r.closedOn,
      mergedIntoId: r.mergedIntoId,
      submissionId: r.submissionId,
      version: r.version,
      duplicateCount: r.duplicateCount,
      duplicateOfId: r.duplicateOfId,
    }
  }
  async function summaries(exec: Exec, ids: string[]): Promise<ItemSummary[]> {
    if (ids.length === 0) return []
    const rows = await exec.selectFrom('complaintItem').selectAll().where('id', 'in', ids).execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    return presentRows(exec, ids.map((id) => byId.get(id)!).filter(Boolean))
  }
  async function presentRows(exec: Exec, rows: ItemRow[]): Promise<ItemSummary[]> {
    const [units, users, cal, s] = await Promise.all([
      access.unitNames(
        exec,
        rows.flatMap((r) => [r.intakeUnitId, r.handlingUnitId, r.escalationUnitId]),
      ),
      access.userNames(
        exec,
        rows.map((r) => r.handlerId),
      ),
      calendar.calendar(),
      getSettings(exec),
    ])
    return rows.map((r) => presentSummary(r, units, users, cal, s))
  }

  /** The queue's filters over the items in the actor's scope (the list, the export, the counts). */
  function listQuery(ctx: Ctx, q: Partial<ListQuery>, scope: ScopeSet, cal: CalendarData, s: Settings) {
    let b = db.selectFrom('complaintItem').where((eb) => access.itemInScope(eb, scope, ctx))
    if (q.type) b = b.where('type', '=', q.type)
    if (q.state) b = b.where('state', '=', q.state)
    if (q.open === '1') b = b.where('state', 'not in', FINAL_STATES as State[])
    if (q.open === '0') b = b.where('state', 'in', FINAL_STATES as State[])
    if (q.category) b = b.where('category', '=', q.category)
    if (q.channel) b = b.where('channel', '=', q.channel)
    if (q.respondentEntityId) b = b.where('respondentEntityId', '=', q.respondentEntityId)
    if (q.receivedFrom) b = b.where('receivedOn', '>=', q.receivedFrom)
    if (q.receivedTo) b = b.where('receivedOn', '<=', q.receivedTo)
    if (q.ids) b = b.where('complaintItem.id', 'in', q.ids.toLowerCase().split(','))
    if (q.mine === '1') b = b.where('handlerId', '=', ctx.actor.userId ?? '')
    if (q.escalated === '1') b = b.where('escalationLevel', '>', 0)
    if (q.escalated === '0') b = b.where('escalationLevel', '=', 0)
    if (q.supervised === '1')
      b = b.where(sql<SqlBool>`exists (select 1 from complaint_supervision cs where cs.item_id = complaint_item.id and cs.responded_at is null)`)
    if (q.supervised === '0')
      b = b.where(sql<SqlBool>`not exists (select 1 from complaint_supervision cs where cs.item_id = complaint_item.id and cs.responded_at is null)`)
    if (q.unitId) {
      const id = q.unitId
      b = b.where(
        sql<SqlBool>`complaint_item.handling_unit_id in (select ou.id from org_unit ou where ou.path like (select p.path || '%' from org_unit p where p.id = ${id}))`,
      )
    }
    if (q.clock) {
      const t = today()
      const soon = addWorkingDays(cal, t, s.dueSoonWd).date
      b = b.where('state', 'not in', FINAL_STATES as State[])
      if (q.clock === 'overdue') b = b.where('nextDueOn', '<', t)
      if (q.clock === 'due_soon') b = b.where('nextDueOn', '>=', t).where('nextDueOn', '<=', soon)
      if (q.clock === 'on_time') b = b.where('nextDueOn', '>', soon)
    }
    if (q.q) {
      const term = q.q
      const like = `%${escapeLike(term)}%`
      const op = likeOperator(dialect)
      b = b.where((eb) =>
        eb.or([
          eb('itemNo', '=', term.toUpperCase()),
          eb('externalNo', '=', term),
          sql<SqlBool>`complaint_item.respondent_name ${sql.raw(op)} ${like} escape '\\'`,
          sql<SqlBool>`complaint_item.summary ${sql.raw(op)} ${like} escape '\\'`,
        ]),
      )
    }
    return b
  }

  /** The queue: one page of the items in scope, sorted by due date (default) or receipt time. */
  async function list(ctx: Ctx, q: ListQuery) {
    const scope = assertCan(ctx.actor, 'complaint.read')
    const [cal, s] = await Promise.all([calendar.calendar(), getSettings()])
    const b = listQuery(ctx, q, scope, cal, s)
    let page = b.selectAll()
    const sort = q.sort ?? 'due'
    page =
      sort === 'due' || sort === 'due_asc' || sort === 'due_desc'
        ? // Items without a due date (closed ones) last either way.
          page
            .orderBy(sql`case when complaint_item.next_due_on is null then 1 else 0 end`)
            .orderBy('nextDueOn', sort === 'due_desc' ? 'desc' : 'asc')
            .orderBy('receivedAt', 'desc')
        : // Items received in the same instant (a batch import, a split submission) follow their number, in the same direction.
          page.orderBy('receivedAt', sort === 'received_asc' ? 'asc' : 'desc').orderBy('itemNo', sort === 'received_asc' ? 'asc' : 'desc')
    const [rows, n] = await Promise.all([
      page.orderBy('id').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items: await presentRows(db, rows), total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  /**
   * The item as the actor sees it. `afterOwnAction`: the actor has just moved the item out of their
   * scope (returned it to intake, raised a dispute): they get the result of their own action once.
   */
  async function detail(ctx: Ctx, id: string, afterOwnAction = false): Promise<ItemDetail> {
    const item = await access.loadReadable(db, ctx, id, false, afterOwnAction)
    const [summary] = await presentRows(db, [item])
    const [events, clocks, supervisions, attachments, pauses, persons, linkedRows, reveal] = await Promise.all([
      repo.eventsOf(db, id),
      clockEnv().then((env) => clocksOf(db, item, env)),
      db.selectFrom('complaintSupervision').selectAll().where('itemId', '=', id).orderBy('issuedAt').execute(),
      attachmentRows.list(db, 'complaint_item', [id]),
      repo.pausesOf(db, id),
      item.type === 'report' ? Promise.resolve(null) : repo.maskedPartiesOf(db, id),
      db
        .selectFrom('complaintItem')
        .select(['id', 'itemNo', 'type', 'state', 'submissionId', 'mergedIntoId', 'splitFromId', 'duplicateOfId'])
        .where((eb) =>
          eb.or([
            eb('submissionId', '=', item.submissionId),
            eb('mergedIntoId', '=', id),
            eb('duplicateOfId', '=', id),
            ...(item.mergedIntoId ? [eb('id', '=', item.mergedIntoId)] : []),
            ...(item.duplicateOfId ? [eb('id', '=', item.duplicateOfId)] : []),
          ]),
        )
        .where('id', '!=', id)
        .limit(50)
        .execute(),
      canRevealParties(db, ctx, item),
    ])
    const assignment = await offerOf(db, ctx, item)
    const units = await access.unitNames(db, [item.competentUnitId])
    const reasonText = item.nonAcceptReason ? (nonAcceptanceReasons(item.regime as Regime).find((r) => r.code === item.nonAcceptReason)?.text ?? null) : null
    return {
      ...summary!,
      requestText: item.requestText,
      factsText: item.factsText,
      respondentEntityId: item.respondentEntityId,
      respondentAddress: item.respondentAddress,
      respondentDivision: item.respondentDivision,
      respondentKind: item.respondentKind,
      platformName: item.platformName,
      competentUnit: ref(units, item.competentUnitId),
      externalNo: item.externalNo,
      complainantCount: item.complainantCount,
      hasAgent: item.hasAgent === 1,
      // Reports: even masked, the reporter's row is not listed (the compartment stays closed); only "匿名/实名".
      persons: persons ?? [],
      amountClaimedFen: item.amountClaimedFen === null ? null : Number(item.amountClaimedFen),
      purchasedOn: item.purchasedOn ?? null,
      accepted: item.accepted === null ? null : item.accepted === 1,
      nonAcceptReason: item.nonAcceptReason,
      nonAcceptReasonText: reasonText,
      terminationGround: item.terminationGround,
      mediationDoc: item.mediationDoc === null ? null : item.mediationDoc === 1,
      notFiledReason: item.notFiledReason,
      leadId: item.leadId,
      leadNo: item.leadNo,
      verifyExtensions: item.verifyExtensions,
      feedbackAt: item.feedbackAt,
      followUpOn: item.followUpOn,
      satisfactionComment: item.satisfactionComment,
      splitFromId: item.splitFromId,
      linked: linkedRows.map((l) => ({ id: l.id, itemNo: l.itemNo, type: l.type, state: l.state, relation: linkRelation(item, l) })),
      clocks: clocks.map(presentClock),
      allowedActions: allowedActions(item.type as ItemType, item.state as State),
      timeline: events.map((e) => ({
        seq: e.seq,
        at: e.at,
        eventOn: e.eventOn,
        kind: e.kind,
        kindLabel: EVENT_LABEL[e.kind] ?? e.kind,
        fromState: e.fromState,
        toState: e.toState,
        unitName: e.unitName ?? null,
        toUnitName: e.toUnitName ?? null,
        actorName: e.actorName,
        public: e.public === 1,
        publicText: e.publicText,
        note: e.note,
        data: e.dataJson ? (JSON.parse(e.dataJson) as Record<string, unknown>) : null,
      })),
      supervisions: supervisions.map((s) => ({
        id: s.id,
        issuedByName: s.issuedByName,
        note: s.note,
        dueOn: s.dueOn,
        issuedAt: s.issuedAt,
        respondedAt: s.respondedAt,
        response: s.response,
        overdue: !s.respondedAt && s.dueOn < today(),
      })),
      // A confidential file (it may identify the reporter) keeps its name from those who may not see them.
      attachments: attachments.map((a) => ({
        id: a.id,
        kind: a.kind ?? 'other',
        confidential: a.confidential === 1,
        fileName: a.confidential === 1 && !reveal ? CONFIDENTIAL_FILE_NAME : a.fileName,
        mime: a.contentType,
        sizeBytes: a.sizeBytes,
        uploadedAt: a.uploadedAt,
      })),
      pauses: pauses.map((p) => ({ id: p.id, clock: p.clock, kind: p.kind, fromOn: p.fromOn, toOn: p.toOn, reason: p.reason })),
      canRevealParties: reveal,
      assignment,
    }
  }

  /** The code lists of the forms (categories, non-acceptance reasons, termination grounds, non-filing reasons). */
  async function codes() {
    return {
      categories: Object.entries(CATEGORIES).map(([code, label]) => ({ code, label: label })),
      nonAcceptanceReasons: { order20: [...nonAcceptanceReasons('order20')], order121: [...nonAcceptanceReasons('order121')] },
      terminationGrounds: [...terminationGrounds()],
      notFiledReasons: Object.entries(NOT_FILED_REASONS).map(([code, label]) => ({ code, label })),
    }
  }

  return { summaries, presentRows, listQuery, list, detail, codes }
}

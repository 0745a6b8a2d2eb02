/**
 * Intake (登记): a staff member registers a complaint, report or consultation (or a mixed one,
 * split into one item per type, Art 7). Required fields per type (Art 9, 11, 33), the respondent
 * routed, likely duplicates counted, the item number, clocks, parties, timeline and audit written
 * in one transaction; optionally dispatched or answered on the spot in the same one. The portal and
 * the national-platform import create items through `createItems`.
 */
import { assertCan, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { Trx } from '../../core/db/database'
import { createGroupCommit } from '../../core/db/group-commit'
import type { CoreDeps } from '../../core/deps'
import { conflict, forbidden, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import { maskName } from '../../core/mask'
import type { AuditService } from '../audit'
import { regimeFor } from '../rules'
import type { AnswersService } from './answers.service'
import type { createComplaintClocks } from './complaints.clocks'
import { ITEM_NO_PREFIX, ITEM_TYPE_LABEL, PUBLIC_TEXT, reporterDisplay, type ItemType } from './complaints.domain'
import { intakeProbe, type createDuplicates } from './complaints.duplicates'
import { itemDefaults, maskedParty, partyRows, type ComplaintsRepo, type ItemInsert, type ItemRow, type PartyInput } from './complaints.repo'
import type { ResolvedRespondent, route as routeItem } from './complaints.routing'
import type { IntakeInput, ItemSummary, TransitionInput } from './complaints.schema'
import type { ClockEnv } from './complaints.settings'

export interface CreateOpts {
  channel: string
  intakeUnitId: string
  queryCodeHash?: string | null
  externalNo?: string | null
  createdBy: string | null
  publicText?: string
  env: ClockEnv
  /** Receives each written row as stored (every column is given), for callers that present it at once. */
  written?: ItemRow[]
  /** Likely duplicates already found by the caller; otherwise looked up here (portal, import). */
  duplicateCount?: number
}

/** The fields the law requires of each item type; a clear zh-CN error naming every missing one. */
export function checkRequired(type: ItemType, input: IntakeInput, resp: ResolvedRespondent | null) {
  const problems: Array<{ path: string; message: string }> = []
  const persons = input.persons ?? []
  if (type === 'complaint') {
    if (persons.length === 0) problems.push({ path: 'persons', message: '投诉须登记投诉人的姓名、电话和通讯地址（第九条）' })
    persons.forEach((p, i) => {
      if (!p.phone) problems.push({ path: `persons.${i}.phone`, message: `投诉人“${maskName(p.name)}”缺少联系电话` })
      if (!p.address) problems.push({ path: `persons.${i}.address`, message: `投诉人“${maskName(p.name)}”缺少通讯地址` })
    })
    if (persons.length > 1 && persons.filter((p) => p.isRepresentative).length > 2)
      problems.push({ path: 'persons', message: '共同投诉最多推选 2 名代表人（第十一条）' })
    if (!resp) problems.push({ path: 'respondent', message: '投诉须登记被投诉人的名称和地址（第九条）' })
    else if (!resp.address) problems.push({ path: 'respondent.address', message: '投诉须登记被投诉人的地址（第九条）' })
    if (input.anonymous) problems.push({ path: 'anonymous', message: '投诉不能匿名' })
  }
  if (type === 'report') {
    if (!resp) problems.push({ path: 'respondent', message: '举报须登记被举报人' })
    if (!input.anonymous && (persons.length === 0 || !persons[0]!.phone))
      problems.push({ path: 'persons', message: '实名举报须登记举报人姓名和联系电话；不愿透露身份的请选择匿名' })
    if (input.anonymous && persons.length > 0) problems.push({ path: 'persons', message: '匿名举报不登记举报人身份信息' })
  }
  if (type === 'consultation' && input.anonymous) problems.push({ path: 'anonymous', message: '咨询不区分匿名' })
  if (input.agent && type === 'consultation') problems.push({ path: 'agent', message: '咨询无需登记代理人' })
  if (problems.length) throw validation(problems.map((p) => p.message).join('；'), problems)
}

/**
 * The columns of a new row that hold a value: what the audit record of a creation keeps (an
 * empty column of a new item says nothing). Half the columns of a new item are empty, and a
 * smaller record fits two to a database page instead of one.
 */
function setColumns(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(row)) if (v !== null && v !== undefined) out[k] = v
  return out
}

export function createIntake({
  db,
  clock,
  audit,
  answers,
  repo,
  itemClocks,
  clockEnv,
  resolveRespondent,
  route,
  findDuplicates,
  applyTransition,
  summaries,
  presentRows,
  today,
}: Pick<CoreDeps, 'db' | 'clock'> & {
  audit: AuditService
  answers: Pick<AnswersService, 'use'>
  repo: ComplaintsRepo
  itemClocks: ReturnType<typeof createComplaintClocks>
  clockEnv: () => Promise<ClockEnv>
  resolveRespondent: (ctx: Ctx, r: NonNullable<IntakeInput['respondent']>) => Promise<ResolvedRespondent>
  route: typeof routeItem
  findDuplicates: ReturnType<typeof createDuplicates>['findDuplicates']
  applyTransition: (trx: Trx, ctx: Ctx, item: ItemRow, input: TransitionInput, env: ClockEnv) => Promise<unknown>
  summaries: (exec: Trx | CoreDeps['db'], ids: string[]) => Promise<ItemSummary[]>
  presentRows: (exec: Trx | CoreDeps['db'], rows: ItemRow[]) => Promise<ItemSummary[]>
  today: () => string
}) {
  // Intakes arriving together share one commit. An intake writes through its transaction only (the
  // rows, the audit record, a dispatch's message), so a batch runs without savepoints and is re-run
  // with them if one intake fails (core/db/group-commit.ts, `rerunnable`).
  const intakeWrites = createGroupCommit(db, { rerunnable: true })

  function receivedInstant(input: { receivedAt?: string }): Date {
    const now = clock.now()
    if (!input.receivedAt) return now
    const t = new Date(input.receivedAt)
    if (Number.isNaN(t.getTime())) throw validation('接收时间无效')
    if (t.getTime() > now.getTime() + 60_000) throw validation('接收时间不能晚于现在', [{ path: 'receivedAt', message: '接收时间不能晚于现在' }])
    if (chinaDate(t) < '2019-01-01') throw validation('接收时间过早（早于 2019 年）', [{ path: 'receivedAt', message: '接收时间过早' }])
    return t
  }

  /** Writes one or two (split) items inside `trx`; returns their ids. */
  async function createItems(trx: Trx, ctx: Ctx, input: IntakeInput, resp: ResolvedRespondent | null, at: Date, opts: CreateOpts): Promise<string[]> {
    const receivedOn = chinaDate(at)
    const regime = regimeFor(receivedOn)
    const now = clock.now().toISOString()
    const ids: string[] = []
    const duplicateCount = opts.duplicateCount ?? (resp ? (await findDuplicates(trx, null, intakeProbe(input, receivedOn, resp), opts.env.settings)).length : 0)
    for (const type of input.types) {
      const id = newId()
      const role: PartyInput['role'] = type === 'complaint' ? 'complainant' : type === 'report' ? 'reporter' : 'consultant'
      const persons: PartyInput[] = [
        ...(input.anonymous && type === 'report' ? [] : (input.persons ?? []).map((p) => ({ ...p, role }))),
        ...(input.agent ? [{ ...input.agent, role: 'agent' as const }] : []),
      ]
      const routing = resp ? route(opts.env.org, type, regime, resp, opts.intakeUnitId) : null
      const masked = maskedParty(persons, type)
      // Object.assign onto the defaults: a literal spreading the 60-column defaults and then adding
      // the other columns builds a slow object (V8 adds each new key one by one, ~5 µs each).
      const row: ItemInsert = Object.assign(itemDefaults(), {
        id,
        // Drawn with the insert (repo.insertNewItem): gap-free, in this transaction.
        itemNo: '',
        type,
        channel: opts.channel,
        regime,
        receivedAt: at.toISOString(),
        receivedOn,
        externalNo: opts.externalNo ?? input.externalNo ?? null,
        submissionId: ids[0] ?? id,
        splitFromId: ids[0] ?? null,
        intakeUnitId: opts.intakeUnitId,
        competentUnitId: routing?.competent?.bureauId ?? null,
        handlingUnitId: opts.intakeUnitId,
        state: 'received',
        category: input.category,
        productCode: input.productCode ?? null,
        summary: input.summary,
        requestText: input.request,
        factsText: input.facts,
        respondentEntityId: resp?.entityId ?? null,
        respondentName: resp?.name || '（未填写）',
        respondentUscc: resp?.uscc ?? null,
        respondentAddress: resp?.address ?? null,
        respondentDivision: resp?.division ?? resp?.domicileDivision ?? null,
        respondentKind: resp?.kind ?? 'offline',
        platformEntityId: resp?.platformEntityId ?? null,
        platformName: resp?.platformName ?? null,
        partyMaskedName: masked.partyMaskedName,
        partyMaskedPhone: masked.partyMaskedPhone,
        anonymous: input.anonymous && type === 'report' ? 1 : 0,
        complainantCount: Math.max(1, (input.persons ?? []).length),
        hasAgent: input.agent ? 1 : 0,
        amountClaimedFen: input.amountClaimedFen ?? null,
        queryCodeHash: opts.queryCodeHash ?? null,
        createdBy: opts.createdBy,
        duplicateCount,
        createdAt: now,
        updatedAt: now,
      })
      // A new item has no pauses: its clocks (and the projection) follow from the row alone.
      const newClocks = itemClocks.forNewItem(type, receivedOn, row.anonymous === 1, opts.env)
      Object.assign(row, newClocks.projection)
      opts.written?.push(row as ItemRow)
      // The item number, the item, its clocks, parties and first event: one statement on PostgreSQL.
      const itemNo = await repo.insertNewItem(
        trx,
        row,
        { prefix: ITEM_NO_PREFIX[type], year: receivedOn.slice(0, 4) },
        itemClocks.newRows({ id, handlingUnitId: row.handlingUnitId }, newClocks.states, now),
        partyRows(id, persons, now),
        {
          itemId: id,
          at: now,
          eventOn: today(),
          kind: ids.length ? 'split' : 'received',
          fromState: null,
          toState: 'received',
          unitId: opts.intakeUnitId,
          toUnitId: null,
          actorId: ctx.actor.userId,
          actorName: ctx.actor.displayName,
          public: 1,
          publicText: opts.publicText ?? PUBLIC_TEXT.received,
          note: ids.length ? `混合诉求拆分：与 ${ids[0]} 分别处理（第七条）` : null,
          dataJson: JSON.stringify({ channel: opts.channel, competentUnitId: row.competentUnitId, basis: routing?.competent?.basis ?? null }),
        },
      )
      await audit.record(trx, ctx, {
        action: 'complaint.intake',
        targetType: 'complaint_item',
        targetId: id,
        targetLabel: `${itemNo} ${ITEM_TYPE_LABEL[type]}`,
        unitId: opts.intakeUnitId,
        after: Object.assign(setColumns(row), {
          queryCodeHash: row.queryCodeHash ? '（已设置）' : undefined,
          persons: type === 'report' ? reporterDisplay(row.anonymous === 1) : persons.map((p) => ({ role: p.role, name: maskName(p.name) })),
        }),
      })
      ids.push(id)
    }
    return ids
  }

  /** 登记 by staff: the new items (dispatched or answered if asked) and their likely duplicates. */
  async function intake(ctx: Ctx, input: IntakeInput) {
    assertCan(ctx.actor, 'complaint.intake')
    if (input.channel === 'web') throw validation('网上诉求由公众通过门户提交，工作人员登记请选择热线、窗口、来信或平台转办')
    const intakeUnitId = ctx.actor.primaryUnitId
    if (!intakeUnitId) throw forbidden('您的账号没有所属单位，不能登记诉求')
    if ((input.persons ?? []).length === 0 && input.types.includes('complaint')) checkRequired('complaint', input, null)
    const at = receivedInstant(input)
    const resp = input.respondent ? await resolveRespondent(ctx, input.respondent) : null
    for (const t of input.types) checkRequired(t, input, resp)
    if (input.externalNo) {
      const dup = await db.selectFrom('complaintItem').select('itemNo').where('externalNo', '=', input.externalNo).executeTakeFirst()
      if (dup) throw conflict(`全国平台编号“${input.externalNo}”已登记为 ${dup.itemNo}`)
    }
    const env = await clockEnv()
    const duplicates = resp ? await findDuplicates(db, ctx, intakeProbe(input, chinaDate(at), resp), env.settings) : []
    const written: ItemRow[] = []
    const ids = await intakeWrites.run(async (trx) => {
      written.length = 0 // a re-run batch starts over
      const created = await createItems(trx, ctx, input, resp, at, {
        channel: input.channel,
        intakeUnitId,
        createdBy: ctx.actor.userId,
        env,
        written,
        duplicateCount: duplicates.length,
      })
      if (input.dispatchToUnitId) {
        for (const id of created) {
          const it = (await repo.findById(trx, id))!
          await applyTransition(trx, ctx, it, { action: 'dispatch', unitId: input.dispatchToUnitId, expectedVersion: it.version }, env)
        }
      }
      // 当场答复: a consultation answered during the call is closed by the same `answer` transition
      // (clock, timeline, audit) in the same transaction; the quoted standard answer is counted.
      if (input.answerNow !== undefined) {
        const it = (await repo.findById(trx, created[0]!))!
        if (input.answerId) await answers.use(trx, input.answerId)
        await applyTransition(
          trx,
          ctx,
          it,
          { action: 'answer', answer: input.answerNow, note: input.answerId ? '当场答复（引用常用语）' : '当场答复', expectedVersion: it.version },
          env,
        )
      }
      return created
    })
    // Without a dispatch or an answer the rows are exactly as written; otherwise read them back.
    return { items: input.dispatchToUnitId || input.answerNow !== undefined ? await summaries(db, ids) : await presentRows(db, written), duplicates }
  }

  return { intake, createItems, checkRequired }
}

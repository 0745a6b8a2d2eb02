import type { Writable } from 'node:stream'
import { z } from 'zod'
import { assertCan, inScope, systemCtx, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { CoreDeps } from '../../core/deps'
import { keysetPages, writeXlsx } from '../../core/export'
import { validation } from '../../core/errors'
import { newId } from '../../core/ids'
import type { JobHandler } from '../../core/jobs'
import { maskName, maskPhone } from '../../core/mask'
import { ENTITY_KIND_LABEL } from '../../shared/entities/vocabulary'
import { REMINDER_ROUNDS, REMINDER_TEMPLATE } from '../../shared/credit/annual-report'
import { ROLES } from '../access'
import type { AuditService } from '../audit'
import type { MessagesService } from '../messages'
import { daysLeft, fillTemplate, reminderRoundDue, seasonOpen, seasonWindow, seasonYear } from './annual-report.domain'

export const REMINDER_JOB = 'credit.reminder_batch'
const CHUNK = 1000

export const ReminderBatchBody = z.object({
  reportYear: z.number({ error: '请填写报告年度' }).int().min(2013, '报告年度过早').max(2100, '报告年度无效'),
  round: z.number({ error: '请选择催报轮次' }).int().min(1, '催报轮次无效').max(REMINDER_ROUNDS.length, `催报轮次为 1–${REMINDER_ROUNDS.length}`),
})
export const ReminderQuery = z.object({
  reportYear: z.coerce.number().int().min(2013).max(2100),
  round: z.coerce.number().int().min(1).max(REMINDER_ROUNDS.length).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
})
export type ReminderQuery = z.infer<typeof ReminderQuery>

/**
 * Annual-report reminders (年报催报). Before 30 June, from each round's date (REMINDER_ROUNDS), a
 * batch walks the register in id order and writes one outbox row per entity that owes the season's
 * report — the text from REMINDER_TEMPLATE, the sending unit (the entity's station), the active
 * liaison's phone — unique per entity × year × round (`ON CONFLICT DO NOTHING`: a batch run twice,
 * resumed or concurrent adds nothing twice). Each unit's credit officers get one in-app message with
 * their count. The outbox is listed and exported as Excel for the bureau's SMS channel (phones
 * masked for staff without personal_data.view); the liaison's filing page shows the latest reminder.
 */
export function createReminders({
  db,
  clock,
  audit,
  messages,
}: Pick<CoreDeps, 'db' | 'clock'> & { audit: AuditService; messages: Pick<MessagesService, 'notify'> }) {
  async function rootUnitId(): Promise<string> {
    const r = await db.selectFrom('orgUnit').select('id').where('parentId', 'is', null).orderBy('code').limit(1).executeTakeFirstOrThrow()
    return r.id
  }

  /** Active users holding a city-wide grant of a role with credit.manage. */
  async function cityWideOfficers(): Promise<string[]> {
    const roles = Object.entries(ROLES)
      .filter(([, r]) => (r.permissions as readonly string[]).includes('credit.manage'))
      .map(([code]) => code)
    if (!roles.length) return []
    const rows = await db
      .selectFrom('roleGrant as g')
      .innerJoin('appUser as u', 'u.id', 'g.userId')
      .select('u.id')
      .distinct()
      .where('g.role', 'in', roles)
      .where('g.scope', '=', 'all')
      .where('u.status', '=', 'active')
      .limit(200)
      .execute()
    return rows.map((r) => r.id)
  }

  /** Builds the round's outbox; returns how many entities were checked and how many reminders are new. */
  async function build(opts: {
    reportYear: number
    round: number
    batchId: string
    /** The day the round is built as of (default today; the demo back-dates past seasons' rounds). */
    asOf?: string
    after?: string | null
    signal?: AbortSignal
    progress?: (scanned: number, created: number, last: string) => Promise<void>
  }): Promise<{ scanned: number; created: number }> {
    const { reportYear, round } = opts
    const { closes } = seasonWindow(reportYear)
    const today = opts.asOf ?? chinaDate(clock.now())
    if (today > closes) throw validation(`${reportYear} 年度报告报送期已于 ${closes} 结束，不再催报（未报主体由期满后的批量列入建议处理）`)
    const days = daysLeft(today) ?? 0
    if (today < seasonWindow(reportYear).opens) throw validation(`${reportYear} 年度报告报送期自 ${seasonWindow(reportYear).opens} 开始，此前不催报`)
    const yearEnd = `${reportYear}-12-31`
    const root = await rootUnitId()
    const perUnit = new Map<string, number>()
    let after = opts.after ?? ''
    let scanned = 0
    let created = 0
    for (;;) {
      opts.signal?.throwIfAborted()
      const rows = await db
        .selectFrom('marketEntity as e')
        .leftJoin('orgUnit as u', 'u.id', 'e.stationUnitId')
        .leftJoin('creditLiaison as l', (j) => j.onRef('l.entityId', '=', 'e.id').on('l.state', '=', 'active'))
        .select(['e.id', 'e.name', 'e.stationUnitId', 'u.name as unitName', 'l.id as liaisonId', 'l.phone'])
        .where('e.id', '>', after)
        .where('e.status', '=', 'active')
        .where((eb) => eb.or([eb('e.registeredOn', 'is', null), eb('e.registeredOn', '<=', yearEnd)]))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('annualReport as r')
                .select('r.id')
                .whereRef('r.entityId', '=', 'e.id')
                .where('r.reportYear', '=', reportYear)
                .where('r.filedOn', '<=', today),
            ),
          ),
        )
        .orderBy('e.id')
        .limit(CHUNK)
        .execute()
      if (rows.length === 0) break
      after = rows[rows.length - 1]!.id
      scanned += rows.length
      const now = opts.asOf ? new Date(`${opts.asOf}T01:00:00Z`).toISOString() : clock.now().toISOString()
      const inserted = await db
        .insertInto('creditReminder')
        .values(
          rows.map((r) => ({
            id: newId(),
            entityId: r.id,
            reportYear,
            round,
            unitId: r.stationUnitId ?? root,
            liaisonId: r.liaisonId ?? null,
            phone: r.phone ?? null,
            text: fillTemplate(REMINDER_TEMPLATE, { unit: r.unitName ?? '市场监督管理局', entity: r.name, year: reportYear, closes, days }),
            batchId: opts.batchId,
            createdAt: now,
            exportedAt: null,
          })),
        )
        .onConflict((oc) => oc.columns(['entityId', 'reportYear', 'round']).doNothing())
        .returning(['unitId'])
        .execute()
      created += inserted.length
      for (const i of inserted) perUnit.set(i.unitId ?? root, (perUnit.get(i.unitId ?? root) ?? 0) + 1)
      await opts.progress?.(scanned, created, after)
      if (rows.length < CHUNK) break
    }
    // One message per unit to its credit officers, once per year × round × unit; a unit with no
    // officer of its own is the city-wide officers' (the messages kernel leaves city-wide grants out).
    const cityWide = await cityWideOfficers()
    for (const [unitId, count] of perUnit) {
      const note = {
        kind: 'due_soon' as const,
        title: `${reportYear} 年度报告第 ${round} 轮催报：本单位 ${count} 户尚未报送`,
        body: `报送截止 ${closes}（还剩 ${days} 天）。催报名单可在“年度报告 → 催报”导出，通过本局短信渠道发送。`,
        link: `/credit-season?tab=reminders&reportYear=${reportYear}&round=${round}`,
        permission: 'credit.read',
        dedupeKey: `credit.reminder:${reportYear}:${round}:${unitId}`,
      }
      const reached = await messages.notify(db, { ...note, to: { unitId, permission: 'credit.manage' } })
      if (reached === 0 && cityWide.length) await messages.notify(db, { ...note, to: cityWide.map((userId) => ({ userId })) })
    }
    await audit.record(db, systemCtx(`reminder:${opts.batchId}`), {
      action: 'credit.reminder.batch',
      targetType: 'annual_report',
      targetId: `${reportYear}-${round}`,
      targetLabel: `${reportYear} 年度报告第 ${round} 轮催报`,
      after: { scanned, created, units: perUnit.size },
    })
    return { scanned, created }
  }

  /** The batch as a job of the task centre (started by hand or by the schedule). */
  const job: JobHandler<{ reportYear: number; round: number }> = {
    kind: REMINDER_JOB,
    label: '年度报告催报名单生成',
    payload: ReminderBatchBody,
    maxAttempts: 3,
    async run(j) {
      const total = Number(
        (
          await db
            .selectFrom('marketEntity')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
      return build({
        ...j.payload,
        batchId: j.job.id,
        signal: j.signal,
        progress: (scanned, created) => j.progress(scanned, total, `已检查 ${scanned} 户未报主体，新生成催报 ${created} 条`),
      })
    },
  }

  /** The schedule's work: the round due today, if any (idempotent; a round already built adds nothing). */
  async function scheduled(): Promise<{ reportYear: number; round: number; created: number } | null> {
    const due = reminderRoundDue(chinaDate(clock.now()))
    if (!due) return null
    const r = await build({ ...due, batchId: `schedule:${due.reportYear}:${due.round}` })
    return { ...due, created: r.created }
  }

  const personal = (ctx: Ctx) => ctx.actor.kind === 'system' || ctx.actor.scopes.has('personal_data.view')

  function scoped(ctx: Ctx, q: Pick<ReminderQuery, 'reportYear' | 'round'>) {
    const scope = assertCan(ctx.actor, 'credit.read')
    let b = db
      .selectFrom('creditReminder as m')
      .innerJoin('marketEntity as e', 'e.id', 'm.entityId')
      .leftJoin('orgUnit as u', 'u.id', 'm.unitId')
      .leftJoin('creditLiaison as l', 'l.id', 'm.liaisonId')
      .where('m.reportYear', '=', q.reportYear)
      .where((eb) => inScope(eb, scope, ctx.actor, 'm.unit_id'))
    if (q.round) b = b.where('m.round', '=', q.round)
    return b
  }
  const COLS = [
    'm.id',
    'm.round',
    'm.text',
    'm.phone',
    'm.createdAt',
    'm.exportedAt',
    'e.id as entityId',
    'e.name as entityName',
    'e.uscc',
    'e.entityKind',
    'u.name as unitName',
    'l.name as liaisonName',
  ] as const

  /** The outbox, paged, with counts; phones and names masked without personal_data.view. */
  async function list(ctx: Ctx, q: ReminderQuery) {
    const b = scoped(ctx, q)
    const { n } = await b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const rows = await b
      .select([...COLS])
      .orderBy('m.round')
      .orderBy('m.entityId')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute()
    const show = personal(ctx)
    const rounds = await scoped(ctx, { reportYear: q.reportYear })
      .select(['m.round'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('m.round')
      .orderBy('m.round')
      .execute()
    return {
      total: Number(n),
      page: q.page,
      pageSize: q.pageSize,
      rounds: rounds.map((r) => ({ round: Number(r.round), count: Number(r.n) })),
      items: rows.map((r) => ({
        id: r.id,
        round: Number(r.round),
        entityId: r.entityId,
        entityName: r.entityName,
        uscc: r.uscc,
        unitName: r.unitName ?? null,
        liaisonName: r.liaisonName ? (show ? r.liaisonName : maskName(r.liaisonName)!) : null,
        phone: r.phone ? (show ? r.phone : maskPhone(r.phone)!) : null,
        text: r.text,
        createdAt: r.createdAt,
        exportedAt: r.exportedAt,
      })),
    }
  }

  /** The outbox as a workbook for the SMS channel (streamed in keyset pages); marks the rows exported. */
  async function xlsx(ctx: Ctx, q: Pick<ReminderQuery, 'reportYear' | 'round'>, out: Writable) {
    const show = personal(ctx)
    // Audited and marked before the stream starts (the response may end before code after it runs).
    const now = clock.now().toISOString()
    let u = db.updateTable('creditReminder').set({ exportedAt: now }).where('reportYear', '=', q.reportYear).where('exportedAt', 'is', null)
    if (q.round) u = u.where('round', '=', q.round)
    await u.execute()
    await audit.record(db, ctx, {
      action: 'credit.reminder.export',
      targetType: 'annual_report',
      targetId: `${q.reportYear}-${q.round ?? 'all'}`,
      targetLabel: `${q.reportYear} 年度报告催报名单`,
      after: { personalData: show },
    })
    type Row = {
      id: string
      round: number
      text: string
      phone: string | null
      uscc: string | null
      entityName: string
      entityKind: string
      unitName: string | null
      liaisonName: string | null
    }
    const pages = keysetPages<Row, string>(
      (after, limit) =>
        scoped(ctx, q)
          .select(['m.id', 'm.round', 'm.text', 'm.phone', 'e.uscc', 'e.name as entityName', 'e.entityKind', 'u.name as unitName', 'l.name as liaisonName'])
          .where('m.id', '>', after ?? '')
          .orderBy('m.id')
          .limit(limit)
          .execute(),
      (r) => r.id,
      2000,
    )
    await writeXlsx(out, {
      name: '催报名单',
      title: `${q.reportYear} 年度报告催报名单${q.round ? `（第 ${q.round} 轮）` : ''}（导出于 ${chinaDate(clock.now())}）`,
      columns: [
        { header: '轮次', width: 8, value: (r: Row) => Number(r.round) },
        { header: '统一社会信用代码', width: 22, value: (r: Row) => r.uscc },
        { header: '名称', width: 34, value: (r: Row) => r.entityName },
        { header: '主体类型', width: 12, value: (r: Row) => ENTITY_KIND_LABEL[r.entityKind as keyof typeof ENTITY_KIND_LABEL] ?? r.entityKind },
        { header: '所属单位', width: 18, value: (r: Row) => r.unitName },
        { header: '联络员', width: 10, value: (r: Row) => r.liaisonName, format: show ? undefined : 'maskedName' },
        { header: '手机号', width: 16, value: (r: Row) => r.phone, format: show ? undefined : 'maskedPhone' },
        { header: '短信内容', width: 80, value: (r: Row) => r.text },
      ],
      rows: pages,
    })
  }

  /** The latest reminder of an entity for the season's year (the liaison page's banner), or null. */
  async function latestFor(entityId: string) {
    const today = chinaDate(clock.now())
    if (!seasonOpen(today)) return null
    const year = seasonYear(today)
    const r = await db
      .selectFrom('creditReminder')
      .select(['round', 'text', 'createdAt'])
      .where('entityId', '=', entityId)
      .where('reportYear', '=', year)
      .orderBy('round', 'desc')
      .limit(1)
      .executeTakeFirst()
    return r ? { reportYear: year, round: Number(r.round), text: r.text, createdAt: r.createdAt } : null
  }

  return { build, job, scheduled, list, xlsx, latestFor }
}
export type Reminders = ReturnType<typeof createReminders>

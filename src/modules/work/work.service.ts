import { assertCan, scopeFor, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { CoreDeps } from '../../core/deps'
import { forbidden } from '../../core/errors'
import type { AuditService } from '../audit'
import type { CalendarService } from '../calendar'
import type { MessagesService } from '../messages'
import { CLOCK_STATUS_LABEL, clockOf, compareWork, dueSoonUntil } from './work.domain'
import type { MyWork, WorkItem, WorkProvider, WorkSettings } from './work.schema'

const SETTINGS_KEY = 'work.settings'
export const DEFAULT_WORK_SETTINGS: WorkSettings = { dueSoonWd: 2 }
/** At most this many entries per provider on one list (the module's own page has the rest). */
const PER_PROVIDER = 200

/**
 * 我的待办: what needs the actor, gathered from the providers modules register. The work module
 * knows no other module's tables: each provider queries its own, scoped like its records.
 */
export function createWorkService({
  db,
  clock,
  calendar,
  messages,
  audit,
}: Pick<CoreDeps, 'db' | 'clock'> & {
  calendar: Pick<CalendarService, 'calendar'>
  messages: Pick<MessagesService, 'notify'>
  audit: AuditService
}) {
  const providers: WorkProvider[] = []

  async function settings(): Promise<WorkSettings> {
    const row = await db.selectFrom('appSetting').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst()
    if (!row) return DEFAULT_WORK_SETTINGS
    try {
      return { ...DEFAULT_WORK_SETTINGS, ...(JSON.parse(row.value) as Partial<WorkSettings>) }
    } catch {
      return DEFAULT_WORK_SETTINGS
    }
  }
  /** The due-soon threshold is bureau-wide: only a global rule manager changes it. */
  async function updateSettings(ctx: Ctx, s: WorkSettings): Promise<WorkSettings> {
    if (!assertCan(ctx.actor, 'rule.manage').all) throw forbidden('提醒设置全市通用，只有全局范围的期限规则管理人员可以修改')
    const before = await settings()
    const now = clock.now().toISOString()
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('appSetting')
        .values({ key: SETTINGS_KEY, value: JSON.stringify(s), updatedAt: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(s), updatedAt: now }))
        .execute()
      await audit.record(trx, ctx, {
        action: 'work.settings.update',
        targetType: 'app_setting',
        targetId: SETTINGS_KEY,
        targetLabel: '待办与到期提醒设置',
        before,
        after: s,
      })
    })
    return s
  }

  const allowed = (ctx: Ctx, p: WorkProvider) => (typeof p.permission === 'string' ? [p.permission] : p.permission).some((x) => scopeFor(ctx.actor, x))

  async function myWork(ctx: Ctx): Promise<MyWork> {
    const today = chinaDate(clock.now())
    const [cal, s] = await Promise.all([calendar.calendar(), settings()])
    const items: WorkItem[] = []
    const at = new Map<string, string | null>()
    const sources: MyWork['sources'] = []
    for (const p of providers) {
      if (!allowed(ctx, p)) continue
      const entries = (await p.load(ctx, { today })).slice(0, PER_PROVIDER)
      sources.push({ key: p.key, title: p.title, count: entries.length })
      for (const e of entries) {
        const c = clockOf(cal, today, e.dueOn, s.dueSoonWd)
        at.set(`${p.key}:${e.id}`, e.at)
        items.push({
          key: `${p.key}:${e.id}`,
          source: p.key,
          sourceTitle: p.title,
          id: e.id,
          matterType: e.matterType,
          no: e.no,
          title: e.title,
          subtitle: e.subtitle,
          stateLabel: e.stateLabel,
          actionLabel: e.actionLabel,
          dueOn: e.dueOn,
          dueLabel: e.dueLabel,
          clockStatus: c.status,
          clockLabel: CLOCK_STATUS_LABEL[c.status],
          workingDaysLeft: c.workingDaysLeft,
          link: e.link,
          assignee: e.assignee,
          unitName: e.unitName,
        })
      }
    }
    items.sort(
      (a, b) => compareWork({ dueOn: a.dueOn, at: at.get(a.key) ?? null }, { dueOn: b.dueOn, at: at.get(b.key) ?? null }) || a.key.localeCompare(b.key),
    )
    return {
      today,
      dueSoonWd: s.dueSoonWd,
      counts: {
        total: items.length,
        overdue: items.filter((i) => i.clockStatus === 'overdue').length,
        dueSoon: items.filter((i) => i.clockStatus === 'due_soon').length,
        supervision: items.filter((i) => i.source === 'supervision').length,
        inspections: items.filter((i) => i.source === 'inspections').length,
      },
      sources,
      items,
    }
  }

  /**
   * Due-soon and overdue notices for every open clock of every provider (the scheduler calls it).
   * Idempotent: one notice per recipient, record, clock, due date and kind of notice — a second run
   * the same day (or the next) sends nothing new; a new due date (extension, new step) does.
   */
  async function notifyDueClocks(now: Date = clock.now()): Promise<{ sent: number; clocks: number }> {
    const today = chinaDate(now)
    const [cal, s] = await Promise.all([calendar.calendar(), settings()])
    const until = dueSoonUntil(cal, today, s.dueSoonWd)
    let sent = 0
    let clocks = 0
    for (const p of providers) {
      if (!p.dueClocks) continue
      for (const c of await p.dueClocks(db, { today, until })) {
        clocks++
        const notice = c.dueOn < today ? 'overdue' : 'due_soon'
        const left = clockOf(cal, today, c.dueOn, s.dueSoonWd).workingDaysLeft ?? 0
        sent += await messages.notify(db, {
          to: c.to,
          kind: notice,
          permission: c.permission,
          link: c.link,
          matterType: c.matterType,
          matterId: c.matterId,
          title: notice === 'overdue' ? `已超期：${c.no} ${c.dueLabel}（${c.dueOn}）` : `即将到期：${c.no} ${c.dueLabel}（${c.dueOn}，剩 ${left} 个工作日）`,
          body: c.title,
          dedupeKey: `${notice}:${c.matterType}:${c.matterId}:${c.dueKind}:${c.dueOn}`,
        })
      }
    }
    return { sent, clocks }
  }

  return {
    /** A module adds its to-do source (called once at wiring). */
    register(p: WorkProvider) {
      if (providers.some((x) => x.key === p.key)) throw new Error(`work provider ${p.key} registered twice`)
      providers.push(p)
    },
    myWork,
    notifyDueClocks,
    settings: async (ctx: Ctx) => {
      void ctx
      return settings()
    },
    updateSettings,
  }
}
export type WorkService = ReturnType<typeof createWorkService>

/**
 * The centre's settings (due-soon window, consultation answer time, duplicate window) and the
 * environment every clock computation and routing decision reads: calendar, rule versions,
 * settings, unit directory.
 */
import { assertCan, systemCtx, type Ctx } from '../../core/actor'
import type { Executor } from '../../core/db/database'
import { createSharedCache } from '../../core/db/shared-cache'
import type { CoreDeps } from '../../core/deps'
import { forbidden } from '../../core/errors'
import type { AuditService } from '../audit'
import type { CalendarData, CalendarService } from '../calendar'
import type { OrgDirectory, OrgService } from '../org'
import type { RuleVersion, RulesService } from '../rules'
import type { ClockSettings } from './complaints.domain'
import type { Settings } from './complaints.schema'

const RULE_IDS = ['complaint.accept', 'complaint.mediation', 'complaint.termination_notice', 'report.verify', 'report.notify_filing', 'jurisdiction.dispute']
const SETTINGS_KEY = 'complaints.settings'
export const DEFAULT_SETTINGS: Settings = { consultationAnswerWd: 3, dueSoonWd: 2, duplicateWindowDays: 30, duplicateThreshold: 0.5 }

/** Calendar, rule versions, settings and the unit directory: what clocks and routing read, loaded before a transaction. */
export interface ClockEnv {
  cal: CalendarData
  rules: RuleVersion[]
  settings: Settings
  org: OrgDirectory
}

export const clockSettings = (s: Settings): ClockSettings => ({ consultationAnswerWd: s.consultationAnswerWd, dueSoonWd: s.dueSoonWd })

export function createComplaintSettings({
  db,
  clock,
  audit,
  rules,
  calendar,
  org,
}: Pick<CoreDeps, 'db' | 'clock'> & {
  audit: AuditService
  rules: Pick<RulesService, 'list'>
  calendar: Pick<CalendarService, 'calendar'>
  org: Pick<OrgService, 'directory'>
}) {
  async function readSettings(exec: Executor): Promise<Settings> {
    const row = await exec.selectFrom('appSetting').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst()
    if (!row) return DEFAULT_SETTINGS
    try {
      return { ...DEFAULT_SETTINGS, ...(JSON.parse(row.value) as Partial<Settings>) }
    } catch {
      return DEFAULT_SETTINGS
    }
  }
  // Read on every intake and list: cached, shared across processes through a version row.
  const settingsCache = createSharedCache({ db, clock, key: 'complaint_settings_version', load: () => readSettings(db) })
  /** The settings; inside a transaction pass it (read directly), outside the cached copy is used. */
  async function getSettings(exec: Executor = db): Promise<Settings> {
    return exec === db ? settingsCache.get() : readSettings(exec)
  }
  /** The settings as the API shows them: for those who work with 12315 items. */
  async function viewSettings(ctx: Ctx): Promise<Settings> {
    assertCan(ctx.actor, 'complaint.read')
    return getSettings()
  }
  async function updateSettings(ctx: Ctx, s: Settings): Promise<Settings> {
    if (!assertCan(ctx.actor, 'complaint.supervise').all) throw forbidden('12315 办理设置全市通用，只有全局范围的督办人员可以修改')
    const before = await getSettings()
    const now = clock.now().toISOString()
    await db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('appSetting')
          .values({ key: SETTINGS_KEY, value: JSON.stringify(s), updatedAt: now })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(s), updatedAt: now }))
          .execute()
        await audit.record(trx, ctx, {
          action: 'complaint.settings.update',
          targetType: 'app_setting',
          targetId: SETTINGS_KEY,
          targetLabel: '12315 办理设置',
          before,
          after: s,
        })
        await settingsCache.bump(trx)
      })
      .finally(() => settingsCache.invalidate())
    return s
  }

  /**
   * What clock computations need, loaded OUTSIDE any transaction: the calendar and rule caches read
   * through the pool, and SQLite has a single connection held by an open transaction.
   */
  let rulesCache: { at: number; versions: RuleVersion[] } | null = null
  async function clockEnv(): Promise<ClockEnv> {
    const now = Date.now()
    if (!rulesCache || now - rulesCache.at > 5_000) {
      const all = await rules.list(systemCtx('complaints'), {})
      rulesCache = { at: now, versions: all.items.filter((r) => RULE_IDS.includes(r.ruleId)) }
    }
    const [cal, settings, dir] = await Promise.all([calendar.calendar(), getSettings(), org.directory()])
    return { cal, rules: rulesCache.versions, settings, org: dir }
  }

  return { getSettings, viewSettings, updateSettings, clockEnv }
}
export type ComplaintSettings = ReturnType<typeof createComplaintSettings>

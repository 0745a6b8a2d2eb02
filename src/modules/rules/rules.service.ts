import { assertCan, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { CoreDeps } from '../../core/deps'
import { createSharedCache } from '../../core/db/shared-cache'
import { fromBool, toBool } from '../../core/db/dialect'
import { AppError, conflict, forbidden, notFound, validation } from '../../core/errors'
import type { AuditService } from '../audit'
import type { CalendarService } from '../calendar'
import { planNewVersion, selectRuleInForce, validateRuleSeed, validateRuleSet, versionsFromSeed, type RuleExtension, type RuleVersion } from './rules.domain'
import { BUILTIN_RULES } from './rules.seed'
import type { DeadlineRuleTable } from './rules.tables'
import type { AmendRule, NewRuleVersion, Rule } from './rules.schema'
import type { Selectable } from 'kysely'

type Row = Selectable<DeadlineRuleTable>
const UNIT_LABEL: Record<string, string> = { WD: '工作日', CD: '自然日', M: '个月', Y: '年' }

/** One validation error listing each distinct problem once, in the shared details shape. */
function failIfProblems(problems: string[]): void {
  const unique = [...new Set(problems)]
  if (unique.length > 0)
    throw validation(
      unique.join('；'),
      unique.map((message) => ({ path: 'rule', message })),
    )
}

function toVersion(r: Row): RuleVersion {
  return {
    id: r.id,
    ruleId: r.ruleId,
    version: r.version,
    name: r.name,
    legalBasis: r.legalBasis,
    unit: r.unit as RuleVersion['unit'],
    length: r.length,
    startEvent: r.startEvent,
    extension: r.extensionJson ? (JSON.parse(r.extensionJson) as RuleExtension) : null,
    validFrom: r.validFrom,
    validTo: r.validTo,
    needsLegalReview: toBool(r.needsLegalReview),
    source: r.source as RuleVersion['source'],
    notes: r.notes,
  }
}
function toRow(v: RuleVersion, now: string, rowVersion = 1): Row {
  return {
    id: v.id,
    ruleId: v.ruleId,
    version: v.version,
    name: v.name,
    legalBasis: v.legalBasis,
    unit: v.unit,
    length: v.length,
    startEvent: v.startEvent,
    extensionJson: v.extension ? JSON.stringify(v.extension) : null,
    validFrom: v.validFrom,
    validTo: v.validTo,
    needsLegalReview: fromBool(v.needsLegalReview),
    source: v.source,
    notes: v.notes,
    rowVersion,
    createdAt: now,
    updatedAt: now,
  }
}

/**
 * The versioned rule catalogue (期限规则库): every statutory time limit with its legal basis and
 * validity interval. The version in force is chosen by the date of the triggering event.
 */
export function createRulesService({ db, clock, audit, calendar }: Pick<CoreDeps, 'db' | 'clock'> & { audit: AuditService; calendar: CalendarService }) {
  const shared = createSharedCache({
    db,
    clock,
    key: 'rules_version',
    load: async () => (await db.selectFrom('deadlineRule').selectAll().orderBy('ruleId').orderBy('version').execute()).map(toVersion),
  })
  const all = (): Promise<RuleVersion[]> => shared.get()

  /** Seeds the catalogue from RULES.md §9.3 when it is empty. Idempotent across processes. */
  /**
   * Loads the built-in catalogue into an empty database, and on later starts adds the built-in rules
   * this database does not have at all (a module released after the install: its time limits arrive
   * with it). Versions of a rule the database already holds are never touched: the rules
   * administrator may have edited them, and a new built-in version of such a rule is theirs to add.
   * Returns the number of versions added.
   */
  async function ensureBuiltin(): Promise<number> {
    const have = new Set((await db.selectFrom('deadlineRule').select('ruleId').distinct().execute()).map((r) => r.ruleId))
    const versions = versionsFromSeed(BUILTIN_RULES).filter((v) => !have.has(v.ruleId))
    if (!versions.length) return 0
    const now = clock.now().toISOString()
    await db.transaction().execute(async (trx) => {
      for (const v of versions)
        await trx
          .insertInto('deadlineRule')
          .values(toRow(v, now))
          .onConflict((oc) => oc.doNothing())
          .execute()
      await shared.bump(trx)
    })
    shared.invalidate()
    return versions.length
  }

  function present(v: RuleVersion, row: Row | undefined, at: string): Rule {
    return {
      ...v,
      unitLabel: UNIT_LABEL[v.unit] ?? v.unit,
      inForce: v.validFrom <= at && (v.validTo === null || at <= v.validTo),
      rowVersion: row?.rowVersion ?? 1,
      updatedAt: row?.updatedAt ?? '',
    }
  }

  /** The rule catalogue is national law: only a holder of rule.manage over everything may change it. */
  function assertGlobal(ctx: Ctx) {
    if (!assertCan(ctx.actor, 'rule.manage').all) throw forbidden('期限规则全平台通用，只有全局范围的管理员可以修订')
  }

  async function list(ctx: Ctx, q: { q?: string; at?: string; needsLegalReview?: '0' | '1' }) {
    assertCan(ctx.actor, 'rule.read')
    const at = q.at ?? chinaDate(clock.now())
    const rows = await db.selectFrom('deadlineRule').selectAll().orderBy('ruleId').orderBy('version').execute()
    let items = rows.map((r) => present(toVersion(r), r, at))
    if (q.q) items = items.filter((r) => r.ruleId.includes(q.q!) || r.name.includes(q.q!) || r.legalBasis.includes(q.q!))
    if (q.needsLegalReview) items = items.filter((r) => r.needsLegalReview === (q.needsLegalReview === '1'))
    return { items, at }
  }

  async function get(ctx: Ctx, id: string): Promise<Rule> {
    assertCan(ctx.actor, 'rule.read')
    const row = await db.selectFrom('deadlineRule').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw notFound('期限规则', id)
    return present(toVersion(row), row, chinaDate(clock.now()))
  }

  function changedFields(input: Partial<AmendRule>) {
    const out: Partial<RuleVersion> = {}
    for (const k of ['name', 'legalBasis', 'unit', 'length', 'startEvent', 'extension', 'validTo', 'needsLegalReview', 'source', 'notes'] as const) {
      if (input[k] !== undefined) (out as Record<string, unknown>)[k] = input[k]
    }
    return out
  }

  /** Corrects a version in place (a typo in the basis, a confirmed value). Audited with the reason. */
  async function amend(ctx: Ctx, id: string, input: AmendRule): Promise<Rule> {
    assertGlobal(ctx)
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('deadlineRule').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) throw notFound('期限规则', id)
      const before = toVersion(row)
      const after: RuleVersion = { ...before, ...changedFields(input) }
      const siblings = (await trx.selectFrom('deadlineRule').selectAll().where('ruleId', '=', row.ruleId).execute())
        .map(toVersion)
        .map((v) => (v.id === id ? after : v))
      failIfProblems([...validateRuleSeed(after), ...validateRuleSet(siblings)])
      const now = clock.now().toISOString()
      const r = await trx
        .updateTable('deadlineRule')
        .set({ ...toRow(after, row.createdAt, input.expectedRowVersion + 1), createdAt: row.createdAt, updatedAt: now })
        .where('id', '=', id)
        .where('rowVersion', '=', input.expectedRowVersion)
        .executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1) throw conflict('该规则已被他人修改，请刷新后重试')
      await shared.bump(trx)
      await audit.record(trx, ctx, {
        action: 'rule.amend',
        targetType: 'deadline_rule',
        targetId: id,
        targetLabel: `${after.name}（${after.ruleId} 第 ${after.version} 版）`,
        before,
        after: { ...after, reason: input.reason },
      })
    })
    shared.invalidate()
    return get(ctx, id)
  }

  /** A new version from a date on: the current one is closed the day before. Audited. */
  async function newVersion(ctx: Ctx, id: string, input: NewRuleVersion): Promise<Rule> {
    assertGlobal(ctx)
    let createdId = ''
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('deadlineRule').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) throw notFound('期限规则', id)
      const siblings = (await trx.selectFrom('deadlineRule').selectAll().where('ruleId', '=', row.ruleId).execute()).map(toVersion)
      const maxVersion = Math.max(...siblings.map((s) => s.version))
      const { closed, created } = planNewVersion(
        toVersion(row),
        { ...changedFields(input), validFrom: input.validFrom },
        { id: `${row.ruleId}@v${maxVersion + 1}`, version: maxVersion + 1 },
      )
      failIfProblems(validateRuleSet([...siblings.map((s) => (s.id === closed.id ? closed : s)), created]))
      const now = clock.now().toISOString()
      await trx
        .updateTable('deadlineRule')
        .set({ validTo: closed.validTo, rowVersion: row.rowVersion + 1, updatedAt: now })
        .where('id', '=', id)
        .execute()
      await trx.insertInto('deadlineRule').values(toRow(created, now)).execute()
      await shared.bump(trx)
      createdId = created.id
      await audit.record(trx, ctx, {
        action: 'rule.version.create',
        targetType: 'deadline_rule',
        targetId: created.id,
        targetLabel: `${created.name}（${created.ruleId} 第 ${created.version} 版）`,
        before: toVersion(row),
        after: { ...created, reason: input.reason },
      })
    })
    shared.invalidate()
    return get(ctx, createdId)
  }

  /** The version of `ruleId` in force on `eventDate`. */
  async function resolve(ruleId: string, eventDate: string): Promise<RuleVersion> {
    const v = selectRuleInForce(await all(), ruleId, eventDate)
    if (!v) throw notFound('期限规则', `${ruleId}@${eventDate}`)
    return v
  }

  /**
   * The deadline of a matter under the rule in force on its triggering event's date: other
   * modules call this instead of holding any statutory number themselves.
   */
  async function deadlineFor(
    ruleId: string,
    eventDate: string,
    opts: { extensions?: number; pauses?: Array<{ from: string; to: string | null; reason: string }>; asOf?: string } = {},
  ) {
    const rule = await resolve(ruleId, eventDate)
    if ((opts.extensions ?? 0) > 0 && !rule.extension) throw validation(`规则“${rule.name}”不允许延长`)
    const ext =
      rule.extension && (opts.extensions ?? 0) > 0
        ? Array.from({ length: opts.extensions! }, () => ({ length: rule.extension!.length, unit: rule.extension!.unit as 'WD' | 'CD' }))
        : []
    const deadline = await calendar.computeDeadline({
      start: eventDate,
      length: rule.length,
      unit: rule.unit,
      extensions: ext,
      pauses: opts.pauses,
      asOf: opts.asOf,
    })
    return { rule, deadline }
  }

  /** Every stored rule version, ordered by rule id then version (the CLI's `rules list`, the clock kernel). */
  const versions = (): Promise<RuleVersion[]> => all()

  /** The version of `ruleId` in force on `date`, or undefined. */
  async function inForce(ruleId: string, date: string): Promise<RuleVersion | undefined> {
    return selectRuleInForce(await all(), ruleId, date)
  }

  /**
   * The deadline of `ruleId` started on `start` (the CLI's `rules deadline`): the version in force on
   * `start`, `extensions` approved extensions of that version, pauses and `asOf` as the calendar
   * engine takes them. A zh-CN error names an unknown rule, a start date no version covers (with the
   * versions' periods) and an extension the rule does not allow.
   */
  async function deadline(
    ruleId: string,
    start: string,
    opts: { extensions?: number; pauses?: Array<{ from: string; to: string | null; reason: string }>; asOf?: string } = {},
  ) {
    const everything = await all()
    const mine = everything.filter((v) => v.ruleId === ruleId)
    if (mine.length === 0) throw notFound('期限规则', ruleId)
    const rule = selectRuleInForce(mine, ruleId, start)
    if (!rule) {
      const periods = mine.map((v) => `第 ${v.version} 版 ${v.validFrom}～${v.validTo ?? '长期'}`).join('；')
      throw new AppError('NOT_FOUND', `期限规则“${ruleId}”在 ${start} 没有有效版本（${periods}）`)
    }
    const n = opts.extensions ?? 0
    if (!Number.isInteger(n) || n < 0 || n > 100) throw validation(`延长次数应为 0～100 的整数：“${String(n)}”`)
    if (n > 0 && !rule.extension) throw validation(`期限规则“${rule.name}”（${ruleId} 第 ${rule.version} 版）不允许延长`)
    if (n > 0 && rule.extension!.unit !== 'WD' && rule.extension!.unit !== 'CD') throw validation(`期限规则“${rule.name}”按月或年延长，暂不支持计算`)
    const ext = n > 0 ? Array.from({ length: n }, () => ({ length: rule.extension!.length, unit: rule.extension!.unit as 'WD' | 'CD' })) : []
    const result = await calendar.computeDeadline({ start, length: rule.length, unit: rule.unit, extensions: ext, pauses: opts.pauses, asOf: opts.asOf })
    return { rule, deadline: result }
  }

  return { ensureBuiltin, list, get, amend, newVersion, resolve, deadlineFor, versions, inForce, deadline }
}
export type RulesService = ReturnType<typeof createRulesService>

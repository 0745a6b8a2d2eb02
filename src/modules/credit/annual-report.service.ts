import { createHash, randomBytes, randomInt } from 'node:crypto'
import type { Writable } from 'node:stream'
import { keysetPages, writeXlsx, xlsxSheet } from '../../core/export'
import { ENTITY_KIND_LABEL } from '../../shared/entities/vocabulary'
import { assertCan, systemCtx, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { CoreDeps } from '../../core/deps'
import type { Executor } from '../../core/db/database'
import { AppError, conflict, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import { maskName, maskPhone } from '../../core/mask'
import {
  FilingBody,
  FORM_OF_KIND,
  FORM_SCHEMAS,
  LIAISON,
  LiaisonActivateBody,
  LiaisonRegisterBody,
  OPERATING_STATUSES,
  REPORT_FORM_LABEL,
  REPORT_SOURCE_LABEL,
  type ReportForm,
  type ReportSource,
} from '../../shared/credit/annual-report'
import type { AuditService } from '../audit'
import {
  FIRST_REPORT_YEAR,
  reportRate,
  correctionProblem,
  filingProblem,
  isLate,
  seasonOpen,
  seasonWindow,
  seasonYear,
  yearsOwed,
  daysLeft,
} from './annual-report.domain'
import type { AnnualReportTable } from './credit.tables'

export { FIRST_REPORT_YEAR } from './annual-report.domain'

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const codeHashOf = (liaisonId: string, code: string) => sha256(`${liaisonId}:${code}`)

function newCode(): string {
  let s = ''
  for (let i = 0; i < LIAISON.codeLength; i++) s += LIAISON.codeAlphabet[randomInt(LIAISON.codeAlphabet.length)]
  return s
}

/** What a liaison session knows: its liaison and its one entity. */
export interface LiaisonSession {
  liaisonId: string
  entityId: string
}

export interface ReportView {
  id: string
  entityId: string
  reportYear: number
  form: ReportForm
  formLabel: string
  public: Record<string, unknown>
  optional: Record<string, unknown> | null
  publishOptional: boolean
  filedOn: string
  late: boolean
  source: ReportSource
  sourceLabel: string
  revision: number
  version: number
  /** Earlier versions of a corrected report, newest first (Art 12: before and after are shown). */
  history: { revision: number; filedOn: string; public: Record<string, unknown>; optional: Record<string, unknown> | null; replacedAt: string }[]
}

/**
 * Annual reports (年度报告) and liaisons (联络员). A liaison registers on the public page with the
 * entity's USCC, a name and a phone; the bureau issues a one-time activation code (shown on screen
 * in a demo installation), stored as a SHA-256 only, valid LIAISON.codeHours, void after
 * LIAISON.codeAttempts wrong tries and after use. Activation opens a liaison session (token hashed
 * in credit_liaison_session) that sees and files for its entity only. Filing checks the season
 * (annual-report.domain.ts) and the entity's form; a correction before 30 June keeps the replaced
 * version in annual_report_revision.
 */
export function createAnnualReportService({ db, clock, audit }: Pick<CoreDeps, 'db' | 'clock'> & { audit: AuditService }) {
  const today = () => chinaDate(clock.now())
  const publicCtx = (ip: string | null, who = '公众（年报联络员）'): Ctx => ({
    ...systemCtx('credit-public'),
    ip,
    actor: { ...systemCtx().actor, displayName: who },
  })

  // A demo installation is one with demo accounts (as /api/system/info): checked at most once a minute.
  let demo: { value: boolean; at: number } | undefined
  async function isDemo(): Promise<boolean> {
    if (!demo || Date.now() - demo.at > 60_000) {
      const row = await db.selectFrom('appUser').select('id').where('isDemo', '=', 1).limit(1).executeTakeFirst()
      demo = { value: !!row, at: Date.now() }
    }
    return demo.value
  }

  async function entityByUscc(exec: Executor, uscc: string) {
    return (
      exec
        .selectFrom('marketEntity')
        .select(['id', 'name', 'uscc', 'entityKind', 'status', 'registeredOn', 'stationUnitId'])
        // record_key (unique, indexed) holds the USCC of every entity that has one.
        .where('recordKey', '=', uscc)
        .where('uscc', '=', uscc)
        .executeTakeFirst()
    )
  }

  /** Issues a fresh code on a pending liaison (the previous code, if any, is void). */
  async function issueCode(exec: Executor, liaisonId: string, issuedBy: string | null): Promise<{ code: string; expiresAt: string }> {
    const code = newCode()
    const now = clock.now()
    const expiresAt = new Date(now.getTime() + LIAISON.codeHours * 3_600_000).toISOString()
    await exec
      .updateTable('creditLiaison')
      .set({ codeHash: codeHashOf(liaisonId, code), codeExpiresAt: expiresAt, codeAttempts: 0, codeIssuedBy: issuedBy, updatedAt: now.toISOString() })
      .where('id', '=', liaisonId)
      .execute()
    return { code, expiresAt }
  }

  /** Public: register as the entity's liaison (pending until activated). */
  async function registerLiaison(body: unknown, ip: string | null) {
    const v = LiaisonRegisterBody.parse(body)
    const now = clock.now().toISOString()
    const demoMode = await isDemo()
    return db.transaction().execute(async (trx) => {
      const e = await entityByUscc(trx, v.uscc)
      if (!e) throw validation('未找到该统一社会信用代码对应的经营主体，请核对后重试')
      if (e.status !== 'active') throw validation('该经营主体不是存续状态，无需报送年度报告')
      const id = newId()
      await trx
        .insertInto('creditLiaison')
        .values({
          id,
          entityId: e.id,
          name: v.name,
          phone: v.phone,
          state: 'pending',
          codeHash: null,
          codeExpiresAt: null,
          codeAttempts: 0,
          codeIssuedBy: null,
          activatedAt: null,
          createdAt: now,
          updatedAt: now,
        })
        .execute()
      await audit.record(trx, publicCtx(ip), {
        action: 'credit.liaison.register',
        targetType: 'credit_liaison',
        targetId: id,
        targetLabel: e.name,
        after: { entityId: e.id },
      })
      // In a demo installation nobody prints the code: it is issued at once and shown on screen.
      const issued = demoMode ? await issueCode(trx, id, null) : null
      if (issued)
        await audit.record(trx, publicCtx(ip), {
          action: 'credit.liaison.code',
          targetType: 'credit_liaison',
          targetId: id,
          targetLabel: e.name,
          after: { demo: true },
        })
      return {
        id,
        entityName: e.name,
        message: issued
          ? '演示模式：激活码已直接显示在下方（正式环境由登记机关打印或通过其使用的渠道发送）。'
          : '备案申请已提交。请携带营业执照到登记机关领取激活码，或等待登记机关通过备案的联系方式发送激活码。',
        demoCode: issued?.code ?? null,
        codeExpiresAt: issued?.expiresAt ?? null,
      }
    })
  }

  /** Staff: liaisons of an entity (phone and name masked unless personal data may be viewed). */
  async function liaisons(ctx: Ctx, q: { uscc?: string; state?: string; page: number; pageSize: number }) {
    assertCan(ctx.actor, 'credit.read')
    const showPersonal = ctx.actor.kind === 'system' || ctx.actor.scopes.has('personal_data.view')
    let b = db.selectFrom('creditLiaison').innerJoin('marketEntity', 'marketEntity.id', 'creditLiaison.entityId')
    if (q.uscc) b = b.where('marketEntity.recordKey', '=', q.uscc.toUpperCase())
    if (q.state) b = b.where('creditLiaison.state', '=', q.state)
    const { n } = await b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const rows = await b
      .select([
        'creditLiaison.id',
        'creditLiaison.name',
        'creditLiaison.phone',
        'creditLiaison.state',
        'creditLiaison.codeExpiresAt',
        'creditLiaison.activatedAt',
        'creditLiaison.createdAt',
      ])
      .select(['marketEntity.id as entityId', 'marketEntity.name as entityName', 'marketEntity.uscc'])
      .orderBy('creditLiaison.createdAt', 'desc')
      .orderBy('creditLiaison.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute()
    return {
      total: Number(n),
      page: q.page,
      pageSize: q.pageSize,
      items: rows.map((r) => ({
        id: r.id,
        entityId: r.entityId,
        entityName: r.entityName,
        uscc: r.uscc,
        name: showPersonal ? r.name : maskName(r.name)!,
        phone: showPersonal ? r.phone : maskPhone(r.phone)!,
        state: r.state,
        stateLabel: LIAISON_STATE_LABEL[r.state] ?? r.state,
        codeExpiresAt: r.codeExpiresAt,
        activatedAt: r.activatedAt,
        createdAt: r.createdAt,
      })),
    }
  }

  /** Staff (credit.manage): issue the one-time code of a pending liaison, shown once to be printed or sent. */
  async function issue(ctx: Ctx, liaisonId: string) {
    assertCan(ctx.actor, 'credit.manage')
    return db.transaction().execute(async (trx) => {
      const l = await trx.selectFrom('creditLiaison').selectAll().where('id', '=', liaisonId).executeTakeFirst()
      if (!l) throw notFound('联络员备案', liaisonId)
      if (l.state !== 'pending') throw conflict('该联络员已激活或已被替换，无需再签发激活码')
      const issued = await issueCode(trx, l.id, ctx.actor.userId)
      await audit.record(trx, ctx, { action: 'credit.liaison.code', targetType: 'credit_liaison', targetId: l.id, after: { expiresAt: issued.expiresAt } })
      return { id: l.id, ...issued }
    })
  }

  /** Public: activate with the code; opens a liaison session. A wrong code counts against the code. */
  async function activate(body: unknown, ip: string | null) {
    const v = LiaisonActivateBody.parse(body)
    const now = clock.now()
    const refused = () => new AppError('VALIDATION', '激活码不正确、已使用或已过期；如多次失败，请向登记机关重新申领')
    const result = await db.transaction().execute(async (trx) => {
      const e = await entityByUscc(trx, v.uscc)
      if (!e) return { error: refused() }
      const candidates = await trx
        .selectFrom('creditLiaison')
        .selectAll()
        .where('entityId', '=', e.id)
        .where('state', '=', 'pending')
        .where('phone', '=', v.phone)
        .where('codeHash', 'is not', null)
        .execute()
      const match = candidates.find((l) => l.codeHash === codeHashOf(l.id, v.code))
      if (!match || !match.codeExpiresAt || match.codeExpiresAt < now.toISOString()) {
        // Every live code of this phone loses one try; at the limit it is void.
        for (const l of candidates)
          await trx
            .updateTable('creditLiaison')
            .set({
              codeAttempts: l.codeAttempts + 1,
              ...(l.codeAttempts + 1 >= LIAISON.codeAttempts ? { codeHash: null, codeExpiresAt: null } : {}),
              updatedAt: now.toISOString(),
            })
            .where('id', '=', l.id)
            .execute()
        return { error: refused() }
      }
      // The entity has one liaison: an earlier active one is replaced, its sessions end.
      const earlier = await trx.selectFrom('creditLiaison').select('id').where('entityId', '=', e.id).where('state', '=', 'active').execute()
      if (earlier.length) {
        await trx
          .updateTable('creditLiaison')
          .set({ state: 'replaced', updatedAt: now.toISOString() })
          .where('entityId', '=', e.id)
          .where('state', '=', 'active')
          .execute()
        await trx.deleteFrom('creditLiaisonSession').where('entityId', '=', e.id).execute()
      }
      await trx
        .updateTable('creditLiaison')
        .set({ state: 'active', codeHash: null, codeExpiresAt: null, activatedAt: now.toISOString(), updatedAt: now.toISOString() })
        .where('id', '=', match.id)
        .execute()
      const token = randomBytes(32).toString('base64url')
      const expiresAt = new Date(now.getTime() + LIAISON.sessionMinutes * 60_000).toISOString()
      await trx
        .insertInto('creditLiaisonSession')
        .values({ tokenHash: sha256(token), liaisonId: match.id, entityId: e.id, expiresAt, createdAt: now.toISOString() })
        .execute()
      await audit.record(trx, publicCtx(ip), { action: 'credit.liaison.activate', targetType: 'credit_liaison', targetId: match.id, targetLabel: e.name })
      return { token, expiresAt, entityName: e.name }
    })
    if ('error' in result) throw result.error as AppError
    return result
  }

  /** The session of a liaison token (401 when absent, unknown or expired). */
  async function session(token: string | undefined): Promise<LiaisonSession> {
    const bad = () => new AppError('UNAUTHENTICATED', '联络员登录已失效，请重新激活或登录')
    if (!token || token.length > 100) throw bad()
    const s = await db
      .selectFrom('creditLiaisonSession')
      .select(['liaisonId', 'entityId', 'expiresAt'])
      .where('tokenHash', '=', sha256(token))
      .executeTakeFirst()
    if (!s || s.expiresAt < clock.now().toISOString()) throw bad()
    return { liaisonId: s.liaisonId, entityId: s.entityId }
  }

  function present(
    r: AnnualReportTable,
    revisions: { revision: number; filedOn: string; publicJson: string; optionalJson: string; publishOptional: number; replacedAt: string }[],
    full: boolean,
  ): ReportView {
    const showOptional = full || r.publishOptional === 1
    return {
      id: r.id,
      entityId: r.entityId,
      reportYear: Number(r.reportYear),
      form: r.form as ReportForm,
      formLabel: REPORT_FORM_LABEL[r.form as ReportForm] ?? r.form,
      public: JSON.parse(r.publicJson) as Record<string, unknown>,
      optional: showOptional ? (JSON.parse(r.optionalJson) as Record<string, unknown>) : null,
      publishOptional: r.publishOptional === 1,
      filedOn: r.filedOn,
      late: r.late === 1,
      source: r.source as ReportSource,
      sourceLabel: REPORT_SOURCE_LABEL[r.source as ReportSource] ?? r.source,
      revision: Number(r.revision),
      version: Number(r.version),
      history: revisions
        .sort((a, b) => b.revision - a.revision)
        .map((h) => ({
          revision: Number(h.revision),
          filedOn: h.filedOn,
          public: JSON.parse(h.publicJson) as Record<string, unknown>,
          optional: full || h.publishOptional === 1 ? (JSON.parse(h.optionalJson) as Record<string, unknown>) : null,
          replacedAt: h.replacedAt,
        })),
    }
  }

  /** Reports of one entity, newest year first; `full` includes unpublished optional items. */
  async function reportsOf(exec: Executor, entityId: string, full: boolean): Promise<ReportView[]> {
    const rows = await exec.selectFrom('annualReport').selectAll().where('entityId', '=', entityId).orderBy('reportYear', 'desc').execute()
    if (!rows.length) return []
    const revs = await exec
      .selectFrom('annualReportRevision')
      .selectAll()
      .where(
        'reportId',
        'in',
        rows.map((r) => r.id),
      )
      .execute()
    return rows.map((r) =>
      present(
        r,
        revs.filter((x) => x.reportId === r.id),
        full,
      ),
    )
  }

  /** What the liaison sees: its entity, the season, the years owed and its reports. */
  async function liaisonHome(s: LiaisonSession) {
    const e = await db
      .selectFrom('marketEntity')
      .select(['id', 'name', 'uscc', 'entityKind', 'registeredOn'])
      .where('id', '=', s.entityId)
      .executeTakeFirstOrThrow()
    const reports = await reportsOf(db, e.id, true)
    const t = today()
    const year = seasonYear(t)
    return {
      entity: {
        id: e.id,
        name: e.name,
        uscc: e.uscc,
        form: FORM_OF_KIND[e.entityKind] ?? 'enterprise',
        formLabel: REPORT_FORM_LABEL[FORM_OF_KIND[e.entityKind] ?? 'enterprise'],
      },
      season: { reportYear: year, ...seasonWindow(year), open: seasonOpen(t), daysLeft: daysLeft(t), today: t },
      yearsOwed: yearsOwed(
        e.registeredOn,
        t,
        reports.map((r) => r.reportYear),
        Math.max(FIRST_REPORT_YEAR, year - 4),
      ),
      reports,
    }
  }

  /** Parses a filing against the entity's form: the public and optional parts each by their schema. */
  function parseFiling(form: ReportForm, body: unknown) {
    const f = FilingBody.safeParse(body)
    if (!f.success) throw validation(zodText(f.error))
    const schemas = FORM_SCHEMAS[form]
    const pub = schemas.public.strict().safeParse(f.data.public)
    if (!pub.success) throw validation(`公示信息：${zodText(pub.error)}`)
    const opt = schemas.optional.strict().safeParse(f.data.optional)
    if (!opt.success) throw validation(`选择公示信息：${zodText(opt.error)}`)
    return { reportYear: f.data.reportYear, publicPart: pub.data, optionalPart: opt.data, publishOptional: f.data.publishOptional }
  }

  /**
   * Files (or, before 30 June of its season, corrects) the report of `entityId` for a year. A
   * correction keeps the replaced version; after 30 June a filed report cannot be changed here.
   */
  async function file(entityId: string, body: unknown, by: { source: ReportSource; liaisonId: string | null; ctx: Ctx; version?: number }) {
    const e = await db
      .selectFrom('marketEntity')
      .select(['id', 'name', 'entityKind', 'registeredOn', 'stationUnitId'])
      .where('id', '=', entityId)
      .executeTakeFirst()
    if (!e) throw notFound('经营主体', entityId)
    const form = FORM_OF_KIND[e.entityKind] ?? 'enterprise'
    const v = parseFiling(form, body)
    const t = today()
    const problem = filingProblem(e.registeredOn, v.reportYear, t)
    if (problem) throw validation(problem)
    const now = clock.now().toISOString()
    return db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('annualReport').selectAll().where('entityId', '=', e.id).where('reportYear', '=', v.reportYear).executeTakeFirst()
      const values = { publicJson: JSON.stringify(v.publicPart), optionalJson: JSON.stringify(v.optionalPart), publishOptional: v.publishOptional ? 1 : 0 }
      if (!existing) {
        const row: AnnualReportTable = {
          id: newId(),
          entityId: e.id,
          reportYear: v.reportYear,
          form,
          ...values,
          filedOn: t,
          late: isLate(v.reportYear, t) ? 1 : 0,
          source: by.source,
          liaisonId: by.liaisonId,
          revision: 1,
          version: 1,
          createdAt: now,
          updatedAt: now,
        }
        await trx.insertInto('annualReport').values(row).execute()
        await audit.record(trx, by.ctx, {
          action: by.source === 'import' ? 'credit.report.import' : 'credit.report.file',
          targetType: 'annual_report',
          targetId: row.id,
          targetLabel: `${e.name} ${v.reportYear} 年度报告`,
          unitId: e.stationUnitId,
          after: { reportYear: v.reportYear, late: row.late === 1 },
        })
        return { created: true, report: (await reportsOf(trx, e.id, true)).find((r) => r.id === row.id)! }
      }
      const late = correctionProblem(v.reportYear, t)
      if (late) throw validation(late)
      if (by.version !== undefined && Number(existing.version) !== by.version) throw conflict('该年度报告已被更正，请刷新后重试')
      await trx
        .insertInto('annualReportRevision')
        .values({
          id: newId(),
          reportId: existing.id,
          revision: Number(existing.revision),
          publicJson: existing.publicJson,
          optionalJson: existing.optionalJson,
          publishOptional: existing.publishOptional,
          filedOn: existing.filedOn,
          replacedAt: now,
        })
        .execute()
      const r = await trx
        .updateTable('annualReport')
        .set({ ...values, filedOn: t, revision: Number(existing.revision) + 1, version: Number(existing.version) + 1, liaisonId: by.liaisonId, updatedAt: now })
        .where('id', '=', existing.id)
        .where('version', '=', existing.version)
        .executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1) throw conflict('该年度报告已被更正，请刷新后重试')
      await audit.record(trx, by.ctx, {
        action: 'credit.report.correct',
        targetType: 'annual_report',
        targetId: existing.id,
        targetLabel: `${e.name} ${v.reportYear} 年度报告`,
        unitId: e.stationUnitId,
        before: { revision: existing.revision },
        after: { revision: Number(existing.revision) + 1 },
      })
      return { created: false, report: (await reportsOf(trx, e.id, true)).find((x) => x.id === existing.id)! }
    })
  }

  /** A liaison files or corrects its own entity's report. */
  const fileAsLiaison = (s: LiaisonSession, body: unknown, ip: string | null, version?: number) =>
    file(s.entityId, body, { source: 'liaison', liaisonId: s.liaisonId, ctx: publicCtx(ip), version })

  /** Staff view of an entity's reports (full, optional parts included), audited as a view. */
  async function entityReports(ctx: Ctx, entityId: string) {
    assertCan(ctx.actor, 'credit.read')
    const e = await db.selectFrom('marketEntity').select(['id', 'name']).where('id', '=', entityId).executeTakeFirst()
    if (!e) throw notFound('经营主体', entityId)
    const reports = await reportsOf(db, entityId, true)
    await audit.record(db, ctx, { action: 'credit.report.view', targetType: 'annual_report', targetId: entityId, targetLabel: e.name })
    return reports
  }

  /**
   * 年报率: for a report year, the entities due (existing and active, set up by the end of the
   * year) and those that filed (and late), by entity kind and by unit (the entity's station; the
   * register's entities without one count under "未划分"). Counted in SQL.
   */
  async function rates(ctx: Ctx, reportYear: number) {
    assertCan(ctx.actor, 'credit.read')
    const yearEnd = `${reportYear}-12-31`
    const base = () =>
      db
        .selectFrom('marketEntity as e')
        .leftJoin('annualReport as r', (j) => j.onRef('r.entityId', '=', 'e.id').on('r.reportYear', '=', reportYear))
        .where('e.status', '=', 'active')
        .where((eb) => eb.or([eb('e.registeredOn', 'is', null), eb('e.registeredOn', '<=', yearEnd)]))
    const [byKind, byUnit] = await Promise.all([
      base()
        .select(['e.entityKind as key'])
        .select((eb) => [
          eb.fn.countAll<number>().as('due'),
          eb.fn.count<number>('r.id').as('filed'),
          eb.fn.sum<number>(eb.case().when('r.late', '=', 1).then(1).else(0).end()).as('late'),
        ])
        .groupBy('e.entityKind')
        .execute(),
      base()
        .leftJoin('orgUnit as u', 'u.id', 'e.stationUnitId')
        .select(['e.stationUnitId as key', 'u.name as unitName'])
        .select((eb) => [
          eb.fn.countAll<number>().as('due'),
          eb.fn.count<number>('r.id').as('filed'),
          eb.fn.sum<number>(eb.case().when('r.late', '=', 1).then(1).else(0).end()).as('late'),
        ])
        .groupBy(['e.stationUnitId', 'u.name'])
        .execute(),
    ])
    const row = (r: { due: unknown; filed: unknown; late: unknown }) => {
      const due = Number(r.due)
      const filed = Number(r.filed)
      return { due, filed, late: Number(r.late ?? 0), rate: reportRate(filed, due) }
    }
    const items = byKind.map((r) => ({
      kind: String(r.key),
      kindLabel: ENTITY_KIND_LABEL[r.key as keyof typeof ENTITY_KIND_LABEL] ?? String(r.key),
      ...row(r),
    }))
    const units = byUnit
      .map((r) => ({ unitId: r.key ?? null, unitName: r.unitName ?? '未划分', ...row(r) }))
      .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'))
    const sum = items.reduce((a, r) => ({ due: a.due + r.due, filed: a.filed + r.filed, late: a.late + r.late }), { due: 0, filed: 0, late: 0 })
    return { reportYear, items, units, total: { ...sum, rate: reportRate(sum.filed, sum.due) } }
  }

  /** The rates as a workbook: by entity kind and by unit, with the totals (年报率统计表). */
  async function ratesXlsx(ctx: Ctx, reportYear: number, out: Writable) {
    const r = await rates(ctx, reportYear)
    type Line = { label: string; due: number; filed: number; late: number; rate: number | null; total?: boolean }
    const cols = (first: string) => [
      { header: first, width: 28, value: (x: Line) => x.label },
      { header: '应报户数', width: 12, value: (x: Line) => x.due },
      { header: '已报户数', width: 12, value: (x: Line) => x.filed },
      { header: '其中逾期', width: 12, value: (x: Line) => x.late },
      { header: '年报率（%）', width: 12, value: (x: Line) => x.rate },
    ]
    const total: Line = { label: '合计', ...r.total, total: true }
    const title = `${reportYear} 年度报告报送情况（截至 ${chinaDate(clock.now())}）`
    await writeXlsx(out, [
      xlsxSheet<Line>({
        name: '按主体类型',
        title,
        columns: cols('主体类型'),
        rows: [...r.items.map((x) => ({ label: x.kindLabel, ...x })), total],
        bold: (x) => !!x.total,
      }),
      xlsxSheet<Line>({
        name: '按单位',
        title,
        columns: cols('单位'),
        rows: [...r.units.map((x) => ({ label: x.unitName, ...x })), total],
        bold: (x) => !!x.total,
      }),
    ])
  }

  /**
   * The reminder contact list (年报催报名单): active entities due a report for `reportYear` without
   * one, with their active liaison (phone masked unless the user may view personal data), streamed
   * through the export kit in keyset pages of the register.
   */
  async function nonFilersXlsx(ctx: Ctx, reportYear: number, out: Writable) {
    assertCan(ctx.actor, 'credit.read')
    const personal = ctx.actor.kind === 'system' || ctx.actor.scopes.has('personal_data.view')
    const yearEnd = `${reportYear}-12-31`
    type Row = { id: string; uscc: string | null; name: string; entityKind: string; unitName: string | null; liaison: string | null; phone: string | null }
    const pages = keysetPages<Row, string>(
      (after, limit) =>
        db
          .selectFrom('marketEntity as e')
          .leftJoin('orgUnit as u', 'u.id', 'e.stationUnitId')
          .leftJoin('creditLiaison as l', (j) => j.onRef('l.entityId', '=', 'e.id').on('l.state', '=', 'active'))
          .select(['e.id', 'e.uscc', 'e.name', 'e.entityKind', 'u.name as unitName', 'l.name as liaison', 'l.phone'])
          .where('e.id', '>', after ?? '')
          .where('e.status', '=', 'active')
          .where((eb) => eb.or([eb('e.registeredOn', 'is', null), eb('e.registeredOn', '<=', yearEnd)]))
          .where((eb) =>
            eb.not(eb.exists(eb.selectFrom('annualReport as r').select('r.id').whereRef('r.entityId', '=', 'e.id').where('r.reportYear', '=', reportYear))),
          )
          .orderBy('e.id')
          .limit(limit)
          .execute(),
      (r) => r.id,
      2000,
    )
    const { closes } = seasonWindow(reportYear)
    await writeXlsx(out, {
      name: '催报名单',
      title: `${reportYear} 年度报告未报送主体（报送截止 ${closes}，导出于 ${chinaDate(clock.now())}）`,
      columns: [
        { header: '统一社会信用代码', width: 22, value: (r: Row) => r.uscc },
        { header: '名称', width: 36, value: (r: Row) => r.name },
        { header: '主体类型', width: 14, value: (r: Row) => ENTITY_KIND_LABEL[r.entityKind as keyof typeof ENTITY_KIND_LABEL] ?? r.entityKind },
        { header: '所属单位', width: 20, value: (r: Row) => r.unitName },
        { header: '联络员', width: 12, value: (r: Row) => r.liaison, format: personal ? undefined : 'maskedName' },
        { header: '联络员电话', width: 16, value: (r: Row) => r.phone, format: personal ? undefined : 'maskedPhone' },
      ],
      rows: pages,
    })
  }

  return {
    nonFilersXlsx,
    registerLiaison,
    liaisons,
    issue,
    activate,
    session,
    liaisonHome,
    fileAsLiaison,
    file,
    entityReports,
    reportsOf,
    rates,
    ratesXlsx,
    isDemo,
  }
}
export type AnnualReportService = ReturnType<typeof createAnnualReportService>

export const LIAISON_STATE_LABEL: Record<string, string> = { pending: '待激活', active: '已激活', replaced: '已替换' }
export { OPERATING_STATUSES }

function zodText(e: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const i = e.issues[0]
  if (!i) return '输入不符合要求'
  return `${i.path.length ? `${i.path.map(String).join('.')}：` : ''}${i.message}`
}

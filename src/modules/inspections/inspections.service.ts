import { attachmentStoreFor, defineAttachmentKind, type AttachmentMeta } from '../../core/attachments'
import type { Writable } from 'node:stream'
import { keysetPages, writeXlsx, type XlsxColumn } from '../../core/export'
import { sql } from 'kysely'
import { assertCan, inScope, scopeFor, unitPathInScope, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { Executor, Trx } from '../../core/db/database'
import { escapeLike, likeEscaped, toBool, fromBool } from '../../core/db/dialect'
import { nextYearlyNumber } from '../../core/db/sequence'
import type { CoreDeps } from '../../core/deps'
import { AppError, conflict, forbidden, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import { offsetOf } from '../../core/pagination'
import type { AuditService } from '../audit'
import type { CreditService, ProposeAbnormalInput } from '../credit'
import type { EnforcementService } from '../enforcement'
import type { ProfileSection } from '../entities'
import type { RulesService } from '../rules'
import { taskWorkflow, type TaskAction, type TaskState } from '../../shared/inspections/task.workflow'
import { expectedCounts } from './draw.domain'
import {
  abnormalReasonOf,
  addDays,
  assignmentGroups,
  capacityOf,
  BUSINESS_LINES,
  needsLead,
  OUTCOME_LABEL,
  outcomeOf,
  RESULT_OPTIONS,
  REPEAT_WINDOW_DAYS,
  STRATUM_LABEL,
  stratumOf,
  TASK_STATUSES,
  type BusinessLine,
  type ResultCode,
  type Stratum,
  type TaskStatus,
} from './inspections.domain'
import { loadTask, type DrawService } from './inspections.draw'
import { assertUnitInScope, inspectorsOfLine, jurisdictionRoot, loadUnit, poolConditions, unitNames, userNames } from './inspections.repo'
import {
  TaskParams,
  TaskScope,
  type PlanBody,
  type PlanPatch,
  type ResultBody,
  type Target,
  type Task,
  type TaskBody,
  type TaskPatch,
  type TaskQuery,
  type TargetQuery,
  type VoidBody,
} from './inspections.schema'
import type { InspectionTargetTable, InspectionTaskTable } from './inspections.tables'

export const PUBLISH_RULE = 'random_check.publish'
/** Attachments: photos and scanned records of the visit (limits as data; type from the bytes). */
export const TARGET_ATTACHMENTS = defineAttachmentKind({
  ownerType: 'inspection_target',
  ownerLabel: '个检查对象',
  maxBytes: 5 * 1024 * 1024,
  maxPerOwner: 20,
  types: ['pdf', 'png', 'jpeg'],
})
export const ATTACHMENT_MAX_BYTES = TARGET_ATTACHMENTS.maxBytes

export interface InspectionDeps extends Pick<CoreDeps, 'db' | 'dialect' | 'clock' | 'config'> {
  audit: AuditService
  draws: DrawService
  rules: Pick<RulesService, 'deadlineFor'>
  enforcement: Pick<EnforcementService, 'createLead' | 'prepare'>
  credit: Pick<CreditService, 'proposeAbnormal'>
}

/**
 * Plans, tasks, the announcement (commitment), results with their follow-ups (case leads, abnormal-
 * list proposals), attachments, the publication clock and publication, exports and the public
 * read model. The draw itself: inspections.draw.ts.
 */
/**
 * The task workflow's answer (shared/inspections/task.workflow.ts) for `action` from the task's
 * status; a refusal is ILLEGAL_TRANSITION with the module's own words for the common cases.
 */
function guard(status: string, action: TaskAction, words: Partial<Record<TaskState, string>> & { other?: string } = {}): void {
  const d = taskWorkflow.decide(status as TaskState, action)
  if (!d.ok) throw new AppError('ILLEGAL_TRANSITION', words[status as TaskState] ?? words.other ?? d.message)
}

export function createInspectionService({ db, dialect, clock, config, audit, draws, rules, enforcement, credit }: InspectionDeps) {
  const today = () => chinaDate(clock.now())
  const attachments = attachmentStoreFor({ db, clock, config })

  // ------------------------------------------------------------------------------- plans
  async function listPlans(ctx: Ctx, q: { page: number; pageSize: number; year?: number }) {
    const scope = assertCan(ctx.actor, 'inspection.read')
    let b = db.selectFrom('inspectionPlan').where((eb) => inScope(eb, scope, ctx.actor, 'inspection_plan.unit_id'))
    if (q.year) b = b.where('year', '=', q.year)
    const [rows, n] = await Promise.all([
      b.selectAll().orderBy('year', 'desc').orderBy('planNo', 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items: await presentPlans(rows), total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  async function presentPlans(
    rows: Array<{
      id: string
      planNo: string
      year: number
      name: string
      unitId: string
      description: string | null
      version: number
      createdAt: string
      updatedAt: string
    }>,
  ) {
    const names = await unitNames(
      db,
      rows.map((r) => r.unitId),
    )
    const counts = rows.length
      ? await db
          .selectFrom('inspectionTask')
          .select(['planId', (eb) => eb.fn.countAll<number>().as('n')])
          .where(
            'planId',
            'in',
            rows.map((r) => r.id),
          )
          .groupBy('planId')
          .execute()
      : []
    const countOf = new Map(counts.map((c) => [c.planId, Number(c.n)]))
    return rows.map((r) => ({
      id: r.id,
      planNo: r.planNo,
      year: r.year,
      name: r.name,
      unitId: r.unitId,
      unitName: names.get(r.unitId) ?? null,
      description: r.description,
      taskCount: countOf.get(r.id) ?? 0,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }))
  }

  async function getPlan(ctx: Ctx, id: string) {
    const scope = assertCan(ctx.actor, 'inspection.read')
    const r = await db
      .selectFrom('inspectionPlan')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => inScope(eb, scope, ctx.actor, 'inspection_plan.unit_id'))
      .executeTakeFirst()
    if (!r) throw notFound('抽查计划', id)
    return (await presentPlans([r]))[0]!
  }

  async function createPlan(ctx: Ctx, body: PlanBody) {
    const id = newId()
    await db.transaction().execute(async (trx) => {
      await assertUnitInScope(trx, ctx, 'inspection.plan', body.unitId, '制定机构')
      const now = clock.now().toISOString()
      const row = {
        id,
        planNo: await nextYearlyNumber(trx, 'JH', body.year, 4),
        year: body.year,
        name: body.name,
        unitId: body.unitId,
        description: body.description,
        version: 1,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      }
      await trx.insertInto('inspectionPlan').values(row).execute()
      await audit.record(trx, ctx, {
        action: 'inspection.plan.create',
        targetType: 'inspection_plan',
        targetId: id,
        targetLabel: `${row.planNo} ${row.name}`,
        unitId: body.unitId,
        after: row,
      })
    })
    return getPlan(ctx, id)
  }

  async function updatePlan(ctx: Ctx, id: string, patch: PlanPatch) {
    await db.transaction().execute(async (trx) => {
      const old = await trx.selectFrom('inspectionPlan').selectAll().where('id', '=', id).executeTakeFirst()
      if (!old) throw notFound('抽查计划', id)
      await assertUnitInScope(trx, ctx, 'inspection.plan', old.unitId, '制定机构')
      if (patch.unitId) await assertUnitInScope(trx, ctx, 'inspection.plan', patch.unitId, '制定机构')
      if (old.version !== patch.expectedVersion) throw conflict('该计划已被他人修改，请刷新后重试')
      const set = {
        year: patch.year ?? old.year,
        name: patch.name ?? old.name,
        unitId: patch.unitId ?? old.unitId,
        description: patch.description !== undefined ? patch.description : old.description,
        version: old.version + 1,
        updatedAt: clock.now().toISOString(),
      }
      await trx.updateTable('inspectionPlan').set(set).where('id', '=', id).execute()
      await audit.record(trx, ctx, {
        action: 'inspection.plan.update',
        targetType: 'inspection_plan',
        targetId: id,
        targetLabel: `${old.planNo} ${set.name}`,
        unitId: set.unitId,
        before: old,
        after: set,
      })
    })
    return getPlan(ctx, id)
  }

  // ------------------------------------------------------------------------------- tasks

  async function publication(t: InspectionTaskTable): Promise<Task['publication']> {
    const base = { ruleId: PUBLISH_RULE, completedOn: t.completedOn, publishedAt: t.publishedAt }
    if (!t.completedOn) return { ...base, state: 'not_started', stateLabel: '检查未完成', dueOn: null, ruleName: null, provisional: false }
    try {
      const { rule, deadline } = await rules.deadlineFor(PUBLISH_RULE, t.completedOn)
      if (t.publishedAt)
        return { ...base, state: 'published', stateLabel: '已公示', dueOn: deadline.date, ruleName: rule.name, provisional: deadline.provisional }
      const overdue = today() > deadline.date
      return {
        ...base,
        state: overdue ? 'overdue' : 'pending',
        stateLabel: overdue ? '已超过公示期限' : '待公示',
        dueOn: deadline.date,
        ruleName: rule.name,
        provisional: deadline.provisional,
      }
    } catch (e) {
      if (e instanceof AppError)
        return {
          ...base,
          state: t.publishedAt ? 'published' : 'pending',
          stateLabel: `公示期限无法计算：${e.message}`,
          dueOn: null,
          ruleName: null,
          provisional: true,
        }
      throw e
    }
  }

  async function itemsOf(exec: Executor, taskIds: string[]) {
    if (taskIds.length === 0) return []
    return exec
      .selectFrom('inspectionTaskItem')
      .innerJoin('inspectionItem', 'inspectionItem.id', 'inspectionTaskItem.itemId')
      .select([
        'inspectionTaskItem.taskId',
        'inspectionTaskItem.itemId',
        'inspectionTaskItem.unitId',
        'inspectionItem.code',
        'inspectionItem.name',
        'inspectionItem.isKey',
        'inspectionItem.businessLine',
        'inspectionItem.resultOptions',
      ])
      .where('inspectionTaskItem.taskId', 'in', taskIds)
      .orderBy('inspectionItem.code')
      .execute()
  }

  async function presentTasks(rows: InspectionTaskTable[], full: boolean): Promise<Task[]> {
    const ids = rows.map((r) => r.id)
    const [items, counts, plans] = await Promise.all([
      full ? itemsOf(db, ids) : Promise.resolve([]),
      ids.length
        ? db
            .selectFrom('inspectionTarget')
            .select([
              'taskId',
              (eb) => eb.fn.countAll<number>().as('n'),
              (eb) => eb.fn.sum<number>(sql`case when status = 'done' then 1 else 0 end`).as('done'),
            ])
            .where('taskId', 'in', ids)
            .groupBy('taskId')
            .execute()
        : Promise.resolve([]),
      db
        .selectFrom('inspectionPlan')
        .select(['id', 'name'])
        .where('id', 'in', rows.map((r) => r.planId ?? '-').concat('-'))
        .execute(),
    ])
    const names = await unitNames(db, [...rows.map((r) => r.unitId), ...items.map((i) => i.unitId)])
    const countOf = new Map(counts.map((c) => [c.taskId, { n: Number(c.n), done: Number(c.done ?? 0) }]))
    const planOf = new Map(plans.map((p) => [p.id, p.name]))
    const out: Task[] = []
    for (const r of rows) {
      out.push({
        id: r.id,
        taskNo: r.taskNo,
        planId: r.planId,
        planName: r.planId ? (planOf.get(r.planId) ?? null) : null,
        name: r.name,
        unitId: r.unitId,
        unitName: names.get(r.unitId) ?? null,
        joint: toBool(r.joint),
        periodFrom: r.periodFrom,
        periodTo: r.periodTo,
        status: r.status,
        statusLabel: TASK_STATUSES[r.status as TaskStatus] ?? r.status,
        scope: TaskScope.parse(JSON.parse(r.scopeJson)),
        params: TaskParams.parse(JSON.parse(r.paramsJson)),
        items: items
          .filter((i) => i.taskId === r.id)
          .map((i) => ({
            itemId: i.itemId,
            code: i.code,
            name: i.name,
            isKey: toBool(i.isKey),
            businessLine: i.businessLine,
            businessLineLabel: BUSINESS_LINES[i.businessLine as BusinessLine] ?? i.businessLine,
            unitId: i.unitId,
            unitName: names.get(i.unitId) ?? null,
            resultOptions: (JSON.parse(i.resultOptions) as ResultCode[])
              .filter((c) => c in RESULT_OPTIONS)
              .map((c) => ({ code: c, label: RESULT_OPTIONS[c].label })),
          })),
        commitmentHash: r.commitmentHash,
        announcedAt: r.announcedAt,
        currentDrawId: r.currentDrawId,
        drawnAt: r.drawnAt,
        targetCount: countOf.get(r.id)?.n ?? 0,
        doneCount: countOf.get(r.id)?.done ?? 0,
        publication: await publication(r),
        voidedAt: r.voidedAt,
        voidReason: r.voidReason,
        version: r.version,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      })
    }
    return out
  }

  async function listTasks(ctx: Ctx, q: TaskQuery) {
    const scope = assertCan(ctx.actor, 'inspection.read')
    const me = ctx.actor.userId ?? '-'
    // In scope, or one the actor is assigned to as an inspector by its current draw.
    let b = db
      .selectFrom('inspectionTask')
      .where((eb) =>
        eb.or([
          inScope(eb, scope, ctx.actor, 'inspection_task.unit_id'),
          eb(
            'inspectionTask.currentDrawId',
            'in',
            eb.selectFrom('inspectionDrawAssignment').select('inspectionDrawAssignment.drawId').where('inspectionDrawAssignment.userId', '=', me),
          ),
        ]),
      )
    if (q.planId) b = b.where('planId', '=', q.planId)
    if (q.status) b = b.where('status', '=', q.status)
    if (q.year) b = b.where('periodFrom', '>=', `${q.year}-01-01`).where('periodFrom', '<=', `${q.year}-12-31`)
    if (q.q) b = b.where((eb) => eb.or([likeEscaped(dialect, 'inspection_task.name', `%${escapeLike(q.q!)}%`), eb('taskNo', '=', q.q!)]))
    const [rows, n] = await Promise.all([
      b.selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    const items = (await presentTasks(rows, false)).map(({ scope: _s, params: _p, items: _i, ...rest }) => rest)
    return { items, total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  async function getTask(ctx: Ctx, id: string): Promise<Task> {
    const t = await loadTask(db, ctx, 'inspection.read', id, { assigned: true })
    return (await presentTasks([t], true))[0]!
  }

  /** Items must exist and be active; in a joint task each item may name the department checking it. */
  async function checkItems(trx: Trx, ctx: Ctx, items: TaskBody['items'], joint: boolean) {
    const rows = await trx
      .selectFrom('inspectionItem')
      .select(['id', 'unitId', 'active', 'name'])
      .where(
        'id',
        'in',
        items.map((i) => i.itemId),
      )
      .execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    const out: Array<{ itemId: string; unitId: string }> = []
    for (const i of items) {
      const r = byId.get(i.itemId)
      if (!r) throw validation(`抽查事项“${i.itemId}”不存在`)
      if (!toBool(r.active)) throw validation(`抽查事项“${r.name}”已停用`)
      const unitId = joint && i.unitId ? i.unitId : r.unitId
      if (joint && i.unitId && !(await loadUnit(trx, i.unitId))) throw validation('检查部门不存在')
      out.push({ itemId: i.itemId, unitId })
    }
    void ctx
    return out
  }

  async function checkScope(trx: Trx, ctx: Ctx, scope: TaskScope) {
    if (!scope.specialListId) return
    const list = await trx.selectFrom('inspectionSpecialList').select(['id', 'unitId']).where('id', '=', scope.specialListId).executeTakeFirst()
    if (!list) throw validation('特定对象名录不存在')
    await assertUnitInScope(trx, ctx, 'inspection.read', list.unitId, '特定对象名录')
  }

  async function createTask(ctx: Ctx, body: TaskBody): Promise<Task> {
    const id = newId()
    await db.transaction().execute(async (trx) => {
      await assertUnitInScope(trx, ctx, 'inspection.plan', body.unitId, '组织实施机构')
      if (body.planId) {
        const plan = await trx.selectFrom('inspectionPlan').select(['id', 'unitId', 'year']).where('id', '=', body.planId).executeTakeFirst()
        if (!plan) throw validation('抽查计划不存在')
        await assertUnitInScope(trx, ctx, 'inspection.plan', plan.unitId, '抽查计划的制定机构')
      }
      const items = await checkItems(trx, ctx, body.items, body.joint)
      await checkScope(trx, ctx, body.scope)
      const now = clock.now().toISOString()
      const row: InspectionTaskTable = {
        id,
        taskNo: await nextYearlyNumber(trx, 'SJ', body.periodFrom.slice(0, 4), 5),
        planId: body.planId,
        name: body.name,
        unitId: body.unitId,
        joint: fromBool(body.joint),
        periodFrom: body.periodFrom,
        periodTo: body.periodTo,
        scopeJson: JSON.stringify(body.scope),
        paramsJson: JSON.stringify(body.params),
        status: 'draft',
        commitmentHash: null,
        commitmentSecret: null,
        announcedAt: null,
        currentDrawId: null,
        drawnAt: null,
        completedOn: null,
        publishedAt: null,
        publishedBy: null,
        voidedAt: null,
        voidedBy: null,
        voidReason: null,
        version: 1,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      }
      await trx.insertInto('inspectionTask').values(row).execute()
      await trx
        .insertInto('inspectionTaskItem')
        .values(items.map((i) => ({ taskId: id, ...i })))
        .execute()
      await audit.record(trx, ctx, {
        action: 'inspection.task.create',
        targetType: 'inspection_task',
        targetId: id,
        targetLabel: `${row.taskNo} ${row.name}`,
        unitId: body.unitId,
        after: { ...row, items },
      })
    })
    return getTask(ctx, id)
  }

  /** Edits a task while it is a draft; once announced, its scope and parameters are frozen. */
  async function updateTask(ctx: Ctx, id: string, patch: TaskPatch): Promise<Task> {
    await db.transaction().execute(async (trx) => {
      const t = await loadTask(trx, ctx, taskWorkflow.actions.edit.permission[0]!, id)
      guard(t.status, 'edit', { other: '任务已公告，范围和参数已冻结，不能修改' })
      if (t.version !== patch.expectedVersion) throw conflict('该任务已被他人修改，请刷新后重试')
      const joint = patch.joint ?? toBool(t.joint)
      const set: Partial<InspectionTaskTable> = { updatedAt: clock.now().toISOString(), version: t.version + 1, joint: fromBool(joint) }
      if (patch.name) set.name = patch.name
      if (patch.periodFrom) set.periodFrom = patch.periodFrom
      if (patch.periodTo) set.periodTo = patch.periodTo
      if ((set.periodTo ?? t.periodTo) < (set.periodFrom ?? t.periodFrom)) throw validation('结束日期不能早于开始日期')
      if (patch.scope) {
        await checkScope(trx, ctx, patch.scope)
        set.scopeJson = JSON.stringify(patch.scope)
      }
      if (patch.params) set.paramsJson = JSON.stringify(patch.params)
      if (patch.items) {
        const items = await checkItems(trx, ctx, patch.items, joint)
        await trx.deleteFrom('inspectionTaskItem').where('taskId', '=', id).execute()
        await trx
          .insertInto('inspectionTaskItem')
          .values(items.map((i) => ({ taskId: id, ...i })))
          .execute()
      }
      const r = await trx.updateTable('inspectionTask').set(set).where('id', '=', id).where('version', '=', t.version).executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1) throw conflict('该任务已被他人修改，请刷新后重试')
      const { commitmentSecret: _s, unitPath: _p, ...before } = t
      await audit.record(trx, ctx, {
        action: 'inspection.task.update',
        targetType: 'inspection_task',
        targetId: id,
        targetLabel: `${t.taskNo} ${set.name ?? t.name}`,
        unitId: t.unitId,
        before,
        after: { ...set, items: patch.items },
      })
    })
    return getTask(ctx, id)
  }

  /**
   * Announces the task (公告): freezes its scope and parameters and publishes the commitment hash of
   * a fresh secret that only the draw record reveals. The secret is never in the audit trail.
   */
  async function announce(ctx: Ctx, id: string): Promise<Task> {
    const { secret, hash } = draws.newCommitment()
    await db.transaction().execute(async (trx) => {
      const t = await loadTask(trx, ctx, taskWorkflow.actions.announce.permission[0]!, id)
      guard(t.status, 'announce', { void: '任务已作废，不能公告', other: '任务已公告，不能重复公告' })
      // A task that cannot be drawn must not reach the public announcement page.
      const cap = await capacity(trx, t)
      if (!cap.feasible)
        throw new AppError('ILLEGAL_TRANSITION', `按当前名录和检查人员无法完成抽取，不能公告：${cap.problems.join('；')}`, { problems: cap.problems })
      const now = clock.now().toISOString()
      const r = await trx
        .updateTable('inspectionTask')
        .set({ status: 'announced', commitmentHash: hash, commitmentSecret: secret, announcedAt: now, updatedAt: now, version: t.version + 1 })
        .where('id', '=', id)
        .where('version', '=', t.version)
        .executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1) throw conflict('该任务已被他人修改，请刷新后重试')
      await audit.record(trx, ctx, {
        action: 'inspection.task.announce',
        targetType: 'inspection_task',
        targetId: id,
        targetLabel: `${t.taskNo} ${t.name}`,
        unitId: t.unitId,
        after: { status: 'announced', commitmentHash: hash, announcedAt: now },
      })
    })
    return getTask(ctx, id)
  }

  /**
   * Live pool size per stratum, expected counts, the inspectors of each assignment group with their
   * load limits, and whether the draw can be done ({@link capacityOf}). Read by the draft's and the
   * announced task's screen, and by the announcement, which refuses an infeasible task.
   */
  async function capacity(db: Executor, t: InspectionTaskTable) {
    const scope = TaskScope.parse(JSON.parse(t.scopeJson))
    const params = TaskParams.parse(JSON.parse(t.paramsJson))
    const root = await jurisdictionRoot(db, (await loadUnit(db, t.unitId))!)
    const where = poolConditions(scope, root.path)
    const items = await itemsOf(db, [t.id])
    let excludeWhere = sql<boolean>`1 = 0`
    if (params.excludeRecent && items.length) {
      const since = `${addDays(today(), -REPEAT_WINDOW_DAYS)}T00:00:00`
      excludeWhere = sql<boolean>`market_entity.id in (select it.entity_id from inspection_target it join inspection_task k on k.id = it.task_id where it.task_id <> ${t.id} and k.drawn_at >= ${since} and it.task_id in (select ti.task_id from inspection_task_item ti where ti.item_id in (${sql.join(items.map((i) => i.itemId))})))`
    }
    const rows = await db
      .selectFrom('marketEntity')
      .select(['riskClass', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>(sql`case when ${excludeWhere} then 1 else 0 end`).as('ex')])
      .where(where)
      .groupBy('riskClass')
      .execute()
    const sizes = new Map<string, number>()
    let excluded = 0
    for (const r of rows) {
      const s = stratumOf(r.riskClass)
      sizes.set(s, (sizes.get(s) ?? 0) + Number(r.n) - Number(r.ex ?? 0))
      excluded += Number(r.ex ?? 0)
    }
    const exp = expectedCounts(sizes, { strata: params.strata.map((r) => ({ stratum: r.stratum, ratio: r.ratio, min: r.min, max: r.max })) })
    const strata = [...exp].map(([s, e]) => ({ stratum: s, label: STRATUM_LABEL[s as Stratum] ?? s, size: e.size, ratio: e.ratio, expected: e.expected }))
    const minOf = new Map(params.strata.map((r) => [r.stratum as string, r.min]))
    const groups = assignmentGroups(items.map((i) => ({ itemId: i.itemId, unitId: toBool(t.joint) ? i.unitId : t.unitId, businessLine: i.businessLine })))
    const names = await unitNames(
      db,
      groups.map((g) => g.unitId),
    )
    const rosters = []
    for (const g of groups) {
      const territory = toBool(t.joint) ? (await loadUnit(db, g.unitId))! : root
      const roster = await inspectorsOfLine(db, g.line, territory.path)
      // The draw's load limit: the inspector's own, capped by the task's.
      const caps = roster.map((r) => ({ userId: r.userId, cap: Math.min(r.maxLoad ?? params.maxLoad, params.maxLoad) }))
      rosters.push({ g, label: `${names.get(g.unitId) ?? ''}·${BUSINESS_LINES[g.line as BusinessLine] ?? g.line}`, caps })
    }
    const poolSize = [...sizes.values()].reduce((a, b) => a + b, 0)
    const cap = capacityOf({
      strata: strata.map((s) => ({ ...s, min: minOf.get(s.stratum) })),
      poolSize,
      excludedCount: excluded,
      perTarget: params.perTarget,
      groups: rosters.map((r) => ({ label: r.label, caps: r.caps })),
    })
    const inspectors = rosters.map((r, k) => ({
      groupNo: r.g.groupNo,
      unitName: names.get(r.g.unitId) ?? null,
      line: r.g.line,
      lineLabel: BUSINESS_LINES[r.g.line as BusinessLine] ?? r.g.line,
      available: cap.groups[k]!.inspectors,
      need: cap.groups[k]!.need,
      capacity: cap.groups[k]!.capacity,
    }))
    return {
      poolSize,
      excludedCount: excluded,
      expectedTotal: strata.reduce((a, s) => a + s.expected, 0),
      strata,
      inspectors,
      feasible: cap.feasible,
      problems: cap.problems,
      warnings: cap.warnings,
    }
  }

  async function preview(ctx: Ctx, id: string) {
    return capacity(db, await loadTask(db, ctx, 'inspection.read', id, { assigned: true }))
  }

  /**
   * 作废: withdraws a draft or an announced (not yet drawn) task with a reason. The row stays; the
   * public announcement page keeps its commitment and shows it as withdrawn with the reason and
   * time. Audited. A drawn task has targets and inspectors' work behind it and is not voided here.
   */
  async function voidTask(ctx: Ctx, id: string, body: VoidBody): Promise<Task> {
    await db.transaction().execute(async (trx) => {
      const t = await loadTask(trx, ctx, taskWorkflow.actions.void.permission[0]!, id)
      guard(t.status, 'void', { void: '任务已作废', other: `任务当前状态为“${taskWorkflow.stateLabel(t.status)}”，已抽取的任务不能作废` })
      const running = await trx
        .selectFrom('inspectionDrawJob')
        .select('id')
        .where('taskId', '=', id)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst()
      if (running) throw conflict('该任务正在抽取，请等待完成后再作废')
      const now = clock.now().toISOString()
      const r = await trx
        .updateTable('inspectionTask')
        .set({ status: 'void', voidedAt: now, voidedBy: ctx.actor.userId, voidReason: body.reason, updatedAt: now, version: t.version + 1 })
        .where('id', '=', id)
        .where('version', '=', t.version)
        .executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1) throw conflict('该任务已被他人修改，请刷新后重试')
      await audit.record(trx, ctx, {
        action: 'inspection.task.void',
        targetType: 'inspection_task',
        targetId: id,
        targetLabel: `${t.taskNo} ${t.name}`,
        unitId: t.unitId,
        before: { status: t.status },
        after: { status: 'void', voidedAt: now, voidReason: body.reason },
      })
    })
    return getTask(ctx, id)
  }

  // ------------------------------------------------------------------------------- targets and results

  async function presentTargets(rows: InspectionTargetTable[]): Promise<Target[]> {
    if (rows.length === 0) return []
    const ids = rows.map((r) => r.id)
    const [assignments, results, attachmentCounts] = await Promise.all([
      db
        .selectFrom('inspectionDrawAssignment')
        .select(['drawId', 'entityId', 'groupNo', 'position', 'userId'])
        .where('drawId', 'in', [...new Set(rows.map((r) => r.drawId))])
        .where(
          'entityId',
          'in',
          rows.map((r) => r.entityId),
        )
        .orderBy('groupNo')
        .orderBy('position')
        .execute(),
      db
        .selectFrom('inspectionResult')
        .innerJoin('inspectionItem', 'inspectionItem.id', 'inspectionResult.itemId')
        .select(['inspectionResult.targetId', 'inspectionResult.itemId', 'inspectionItem.name as itemName', 'inspectionResult.result', 'inspectionResult.note'])
        .where('inspectionResult.targetId', 'in', ids)
        .orderBy('inspectionItem.code')
        .execute(),
      attachments.counts(db, TARGET_ATTACHMENTS.ownerType, ids),
    ])
    const users = await userNames(
      db,
      assignments.map((a) => a.userId),
    )
    const stations = await unitNames(
      db,
      rows.map((r) => r.stationUnitId),
    )
    const att = attachmentCounts
    return rows.map((r) => ({
      id: r.id,
      taskId: r.taskId,
      entityId: r.entityId,
      entityName: r.entityName,
      uscc: r.uscc,
      stratum: r.stratum,
      ordinal: r.ordinal,
      stationUnitId: r.stationUnitId,
      stationName: r.stationUnitId ? (stations.get(r.stationUnitId) ?? null) : null,
      status: r.status,
      inspectedOn: r.inspectedOn,
      outcome: r.outcome,
      outcomeLabel: r.outcome ? (OUTCOME_LABEL[r.outcome] ?? r.outcome) : null,
      inspectors: assignments
        .filter((a) => a.drawId === r.drawId && a.entityId === r.entityId)
        .map((a) => ({ userId: a.userId, displayName: users.get(a.userId) ?? a.userId, groupNo: a.groupNo })),
      leadNo: r.leadNo,
      abnormalProposed: !!r.abnormalId,
      results: results
        .filter((x) => x.targetId === r.id)
        .map((x) => ({
          itemId: x.itemId,
          itemName: x.itemName,
          result: x.result,
          resultLabel: RESULT_OPTIONS[x.result as ResultCode]?.label ?? x.result,
          note: x.note,
        })),
      attachmentCount: att.get(r.id) ?? 0,
    }))
  }

  async function listTargets(ctx: Ctx, taskId: string, q: TargetQuery) {
    const task = await loadTask(db, ctx, 'inspection.read', taskId, { assigned: true })
    let b = db.selectFrom('inspectionTarget').where('taskId', '=', taskId)
    // An inspector reading a task outside their scope sees the targets assigned to them only.
    if (task.viaAssignment)
      b = b.where('inspectionTarget.entityId', 'in', (eb) =>
        eb
          .selectFrom('inspectionDrawAssignment')
          .select('inspectionDrawAssignment.entityId')
          .whereRef('inspectionDrawAssignment.drawId', '=', 'inspectionTarget.drawId')
          .where('inspectionDrawAssignment.userId', '=', ctx.actor.userId ?? '-'),
      )
    if (q.status) b = b.where('status', '=', q.status)
    if (q.q) b = b.where((eb) => eb.or([likeEscaped(dialect, 'inspection_target.entity_name', `%${escapeLike(q.q!)}%`), eb('uscc', '=', q.q!.toUpperCase())]))
    const [rows, n] = await Promise.all([
      b.selectAll().orderBy('ordinal').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items: await presentTargets(rows), total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  /** Targets assigned to the actor (the inspector's own list), across tasks. */
  async function myTargets(ctx: Ctx, q: { page: number; pageSize: number; status?: 'pending' | 'done' }) {
    assertCan(ctx.actor, 'inspection.result')
    const me = ctx.actor.userId ?? '-'
    let b = db
      .selectFrom('inspectionTarget')
      .innerJoin('inspectionTask', 'inspectionTask.id', 'inspectionTarget.taskId')
      .where('inspectionTarget.entityId', 'in', (eb) =>
        eb
          .selectFrom('inspectionDrawAssignment')
          .select('inspectionDrawAssignment.entityId')
          .whereRef('inspectionDrawAssignment.drawId', '=', 'inspectionTarget.drawId')
          .where('inspectionDrawAssignment.userId', '=', me),
      )
    if (q.status) b = b.where('inspectionTarget.status', '=', q.status)
    const [rows, n] = await Promise.all([
      b
        .selectAll('inspectionTarget')
        .select(['inspectionTask.taskNo', 'inspectionTask.name as taskName', 'inspectionTask.periodTo'])
        .orderBy('inspectionTask.periodTo')
        .orderBy('inspectionTarget.ordinal')
        .limit(q.pageSize)
        .offset(offsetOf(q))
        .execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    const presented = await presentTargets(rows.map(({ taskNo: _a, taskName: _b, periodTo: _c, ...r }) => r))
    return {
      items: presented.map((p, i) => ({ ...p, taskNo: rows[i]!.taskNo, taskName: rows[i]!.taskName, periodTo: rows[i]!.periodTo })),
      total: Number(n.n),
      page: q.page,
      pageSize: q.pageSize,
    }
  }

  async function isAssigned(exec: Executor, target: InspectionTargetTable, userId: string | null): Promise<boolean> {
    if (!userId) return false
    const a = await exec
      .selectFrom('inspectionDrawAssignment')
      .select('userId')
      .where('drawId', '=', target.drawId)
      .where('entityId', '=', target.entityId)
      .where('userId', '=', userId)
      .executeTakeFirst()
    return !!a
  }

  /** A target the actor may see: assigned to them, or its task within their inspection.read scope. */
  async function loadTarget(exec: Executor, ctx: Ctx, id: string) {
    const t = await exec.selectFrom('inspectionTarget').selectAll().where('id', '=', id).executeTakeFirst()
    if (!t) throw notFound('检查对象', id)
    const assigned = await isAssigned(exec, t, ctx.actor.userId)
    if (!assigned) {
      await loadTask(exec, ctx, 'inspection.read', t.taskId).catch(() => {
        throw notFound('检查对象', id)
      })
    }
    return { target: t, assigned }
  }

  async function getTarget(ctx: Ctx, id: string) {
    const { target, assigned } = await loadTarget(db, ctx, id)
    const task = await db.selectFrom('inspectionTask').selectAll().where('id', '=', target.taskId).executeTakeFirstOrThrow()
    const [presented] = await presentTargets([target])
    const full = (await presentTasks([task], true))[0]!
    const { scope: _s, params: _p, items, ...summary } = full
    const files = (await attachments.list(db, TARGET_ATTACHMENTS.ownerType, [id])).map(attachmentOut)
    return {
      ...presented!,
      task: summary,
      items,
      attachments: files,
      mayRecord: assigned && target.status === 'pending' && task.status === 'drawn' && !!scopeFor(ctx.actor, 'inspection.result'),
    }
  }

  /**
   * Records the results of a visit, one per item of the task, by one of the target's assigned
   * inspectors. In the same transaction: a case lead when a problem calls for one, an abnormal-list
   * proposal when the entity cannot be reached at its registered address (or did not publicise),
   * and, with the last target, the task's completion (which starts the publication clock).
   * @throws FORBIDDEN for an inspector not assigned; CONFLICT when already recorded
   */
  async function recordResults(ctx: Ctx, targetId: string, body: ResultBody) {
    assertCan(ctx.actor, 'inspection.result')
    // A violation found creates a lead whose verification clock needs the catalogue loaded outside the transaction.
    await enforcement.prepare()
    await db.transaction().execute(async (trx) => {
      const { target, assigned } = await loadTarget(trx, ctx, targetId)
      if (!assigned) throw forbidden('只有被分派检查该对象的检查人员可以录入结果')
      if (target.status !== 'pending') throw conflict('该对象的检查结果已录入')
      const task = await trx.selectFrom('inspectionTask').selectAll().where('id', '=', target.taskId).executeTakeFirstOrThrow()
      // Results are recorded while the task may still be completed (drawn).
      guard(task.status, 'complete', { other: `任务当前状态为“${taskWorkflow.stateLabel(task.status)}”，不能录入结果` })
      const now = clock.now().toISOString()
      if (body.inspectedOn > chinaDate(clock.now())) throw validation('检查日期不能晚于今天')
      if (task.drawnAt && body.inspectedOn < chinaDate(new Date(task.drawnAt))) throw validation('检查日期不能早于抽取日期')
      const items = await itemsOf(trx, [task.id])
      const given = new Map(body.results.map((r) => [r.itemId, r]))
      if (given.size !== body.results.length) throw validation('同一事项只能录入一个结果')
      for (const r of body.results) if (!items.some((i) => i.itemId === r.itemId)) throw validation('结果中含有不属于本任务的抽查事项')
      for (const i of items) {
        const r = given.get(i.itemId)
        if (!r) throw validation(`请录入事项“${i.name}”的检查结果`)
        const allowed = JSON.parse(i.resultOptions) as string[]
        if (!allowed.includes(r.result)) throw validation(`事项“${i.name}”不能选择结果“${RESULT_OPTIONS[r.result].label}”`)
        if (RESULT_OPTIONS[r.result].problem && !r.note) throw validation(`事项“${i.name}”发现问题，请在说明中写明问题`)
      }
      await trx
        .insertInto('inspectionResult')
        .values(
          body.results.map((r) => ({
            id: newId(),
            targetId,
            taskId: task.id,
            itemId: r.itemId,
            result: r.result,
            note: r.note,
            recordedBy: ctx.actor.userId,
            recordedAt: now,
          })),
        )
        .execute()
      const codes = body.results.map((r) => r.result)
      const outcome = outcomeOf(codes)
      let lead: { id: string; leadNo: string } | null = null
      const problems = body.results.filter((r) => needsLead(r.result))
      if (problems.length) {
        const itemName = (id: string) => items.find((i) => i.itemId === id)?.name ?? id
        lead = await enforcement.createLead(trx, ctx, {
          source: 'inspection',
          sourceId: targetId,
          sourceNo: task.taskNo,
          unitId: task.unitId,
          entityId: target.entityId,
          entityName: target.entityName,
          uscc: target.uscc,
          summary:
            `双随机抽查任务 ${task.taskNo}“${task.name}”检查发现问题：${problems.map((p) => `${itemName(p.itemId)}——${RESULT_OPTIONS[p.result].label}${p.note ? `（${p.note}）` : ''}`).join('；')}`.slice(
              0,
              4000,
            ),
          foundOn: body.inspectedOn,
        })
      }
      let abnormalId: string | null = null
      for (const reason of [...new Set(codes.map(abnormalReasonOf).filter((x): x is string => !!x))]) {
        const note =
          body.results
            .filter((r) => abnormalReasonOf(r.result) === reason)
            .map((r) => r.note)
            .filter(Boolean)
            .join('；') || null
        const p = await credit.proposeAbnormal(trx, ctx, {
          entityId: target.entityId,
          reason: reason as ProposeAbnormalInput['reason'],
          sourceType: 'inspection',
          sourceId: targetId,
          unitId: task.unitId,
          note: note ? `双随机抽查任务 ${task.taskNo}：${note}`.slice(0, 2000) : `双随机抽查任务 ${task.taskNo}`,
        })
        abnormalId ??= p.id
      }
      const upd = await trx
        .updateTable('inspectionTarget')
        .set({
          status: 'done',
          inspectedOn: body.inspectedOn,
          outcome,
          leadId: lead?.id ?? null,
          leadNo: lead?.leadNo ?? null,
          abnormalId,
          completedAt: now,
          completedBy: ctx.actor.userId,
        })
        .where('id', '=', targetId)
        .where('status', '=', 'pending')
        .executeTakeFirst()
      if (Number(upd.numUpdatedRows) !== 1) throw conflict('该对象的检查结果已录入')
      await audit.record(trx, ctx, {
        action: 'inspection.result.record',
        targetType: 'inspection_target',
        targetId,
        targetLabel: `${task.taskNo} ${target.entityName}`,
        unitId: task.unitId,
        after: { inspectedOn: body.inspectedOn, results: body.results, outcome, leadNo: lead?.leadNo ?? null, abnormalId },
      })
      const left = await trx
        .selectFrom('inspectionTarget')
        .select('id')
        .where('taskId', '=', task.id)
        .where('status', '=', 'pending')
        .limit(1)
        .executeTakeFirst()
      if (!left) {
        // Completion starts the publication clock (公示期限): 20 working days, from the rule catalogue.
        const completedOn = chinaDate(clock.now())
        await trx
          .updateTable('inspectionTask')
          .set({ status: 'completed', completedOn, updatedAt: now, version: task.version + 1 })
          .where('id', '=', task.id)
          .execute()
        await audit.record(trx, ctx, {
          action: taskWorkflow.actions.complete.audit,
          targetType: 'inspection_task',
          targetId: task.id,
          targetLabel: `${task.taskNo} ${task.name}`,
          unitId: task.unitId,
          after: { status: 'completed', completedOn },
        })
      }
    })
    return getTarget(ctx, targetId)
  }

  /** The API shape of an inspection attachment. */
  const attachmentOut = (a: AttachmentMeta) => ({ id: a.id, fileName: a.fileName, mime: a.contentType, size: a.sizeBytes, uploadedAt: a.uploadedAt })

  /** Adds a photo or scanned record (PDF, PNG, JPEG up to 5 MB) to a target; assigned inspectors only. */
  async function addAttachment(ctx: Ctx, targetId: string, file: { fileName: string; content: Buffer }) {
    assertCan(ctx.actor, 'inspection.result')
    // Scope and assignment first: a target outside the actor's scope is a 404 before the file is looked at.
    await loadTarget(db, ctx, targetId)
    const f = await attachments.accept(TARGET_ATTACHMENTS, file.fileName, file.content)
    const id = await db.transaction().execute(async (trx) => {
      const { target, assigned } = await loadTarget(trx, ctx, targetId)
      if (!assigned) throw forbidden('只有被分派检查该对象的检查人员可以上传附件')
      const task = await trx.selectFrom('inspectionTask').select(['status', 'unitId', 'taskNo']).where('id', '=', target.taskId).executeTakeFirstOrThrow()
      if (task.status === 'published') throw new AppError('ILLEGAL_TRANSITION', '结果已公示，不能再上传附件')
      await attachments.assertRoom(trx, TARGET_ATTACHMENTS, targetId)
      const aid = await attachments.record(trx, f, { id: targetId, uploadedBy: ctx.actor.userId })
      await audit.record(trx, ctx, {
        action: 'inspection.attachment.add',
        targetType: 'inspection_target',
        targetId,
        targetLabel: `${task.taskNo} ${target.entityName}`,
        unitId: task.unitId,
        after: { id: aid, fileName: f.fileName, size: f.sizeBytes, sha256: f.sha256 },
      })
      return aid
    })
    return attachmentOut((await attachments.meta(TARGET_ATTACHMENTS.ownerType, id))!)
  }

  /** An attachment's bytes, after the scope check on its target (outside the scope: 404). */
  /** One attachment's bytes to whoever may open its target; every view is audited. */
  async function getAttachment(ctx: Ctx, id: string) {
    const a = await attachments.meta(TARGET_ATTACHMENTS.ownerType, id)
    if (!a) throw notFound('附件', id)
    const { target } = await loadTarget(db, ctx, a.ownerId).catch(() => {
      throw notFound('附件', id)
    })
    const f = (await attachments.open(TARGET_ATTACHMENTS.ownerType, a.ownerId, id))!
    const task = await db.selectFrom('inspectionTask').select(['taskNo', 'unitId']).where('id', '=', target.taskId).executeTakeFirstOrThrow()
    await db.transaction().execute((trx) =>
      audit.record(trx, ctx, {
        action: 'inspection.attachment.view',
        targetType: 'inspection_target',
        targetId: target.id,
        targetLabel: `${task.taskNo} ${target.entityName}`,
        unitId: task.unitId,
        after: { id, fileName: f.fileName, sha256: f.sha256 },
      }),
    )
    return { fileName: f.fileName, mime: f.contentType, content: f.content }
  }

  /** Publishes the results (公示): the task, its targets (name + USCC) and results become public. */
  async function publish(ctx: Ctx, id: string): Promise<Task> {
    await db.transaction().execute(async (trx) => {
      const t = await loadTask(trx, ctx, taskWorkflow.actions.publish.permission[0]!, id)
      guard(t.status, 'publish', { published: '结果已公示', other: '检查尚未完成，不能公示' })
      const now = clock.now().toISOString()
      await trx
        .updateTable('inspectionTask')
        .set({ status: 'published', publishedAt: now, publishedBy: ctx.actor.userId, updatedAt: now, version: t.version + 1 })
        .where('id', '=', id)
        .execute()
      await audit.record(trx, ctx, {
        action: 'inspection.task.publish',
        targetType: 'inspection_task',
        targetId: id,
        targetLabel: `${t.taskNo} ${t.name}`,
        unitId: t.unitId,
        after: { status: 'published', publishedAt: now },
      })
    })
    return getTask(ctx, id)
  }

  /** Streams the drawn list with assignments and results as .xlsx; audited. */
  async function exportTask(ctx: Ctx, id: string, out: Writable): Promise<number> {
    const t = await loadTask(db, ctx, 'inspection.export', id)
    const items = await itemsOf(db, [id])
    type Row = Awaited<ReturnType<typeof presentTargets>>[number]
    const resultOf = (r: Row, itemId: string) => {
      const x = r.results.find((y) => y.itemId === itemId)
      return x ? `${x.resultLabel}${x.note ? `（${x.note}）` : ''}` : ''
    }
    const columns: Array<XlsxColumn<Row>> = [
      { header: '序号', width: 6, value: (r) => r.ordinal },
      { header: '风险分层', width: 14, value: (r) => STRATUM_LABEL[r.stratum as Stratum] ?? r.stratum },
      { header: '名称', width: 36, value: (r) => r.entityName },
      { header: '统一社会信用代码', width: 22, value: (r) => r.uscc },
      { header: '日常监管机构', width: 22, value: (r) => r.stationName },
      { header: '检查人员', width: 24, value: (r) => r.inspectors.map((i) => i.displayName).join('、') },
      { header: '状态', width: 10, value: (r) => (r.status === 'done' ? '已检查' : '待检查') },
      { header: '检查日期', width: 12, value: (r) => r.inspectedOn, format: 'date' },
      ...items.map((i): XlsxColumn<Row> => ({ header: `${i.code} ${i.name}`, width: 28, value: (r) => resultOf(r, i.itemId) })),
      { header: '检查结论', width: 20, value: (r) => r.outcomeLabel },
      { header: '案源线索编号', width: 18, value: (r) => r.leadNo },
    ]
    // Keyset pages on the draw order (ordinal), each presented with its assignments and results.
    const page = async (after: number | undefined, limit: number) =>
      db
        .selectFrom('inspectionTarget')
        .selectAll()
        .where('taskId', '=', id)
        .where('ordinal', '>', after ?? -1)
        .orderBy('ordinal')
        .limit(limit)
        .execute()
    async function* presented() {
      for await (const rows of keysetPages(page, (r) => r.ordinal, 500)) yield await presentTargets(rows)
    }
    const n = await writeXlsx(out, { name: '抽查名单与结果', columns, rows: presented() })
    await db.transaction().execute((trx) =>
      audit.record(trx, ctx, {
        action: 'inspection.export',
        targetType: 'inspection_task',
        targetId: id,
        targetLabel: `${t.taskNo} 导出 ${n} 条`,
        unitId: t.unitId,
        after: { rows: n },
      }),
    )
    return n
  }

  // ------------------------------------------------------------------------------- public read model

  /** Published tasks only; no personal data (no inspector names, no legal representatives). */
  async function publicTasks(q: { page: number; pageSize: number; q?: string }) {
    let b = db.selectFrom('inspectionTask').where('status', '=', 'published')
    if (q.q) b = b.where((eb) => eb.or([likeEscaped(dialect, 'inspection_task.name', `%${escapeLike(q.q!)}%`), eb('taskNo', '=', q.q!)]))
    const [rows, n] = await Promise.all([
      b.selectAll().orderBy('publishedAt', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items: await presentPublicTasks(rows), total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  async function presentPublicTasks(rows: InspectionTaskTable[]) {
    const ids = rows.map((r) => r.id)
    const [items, counts, drawsOf] = await Promise.all([
      itemsOf(db, ids),
      ids.length
        ? db
            .selectFrom('inspectionTarget')
            .select([
              'taskId',
              (eb) => eb.fn.countAll<number>().as('n'),
              (eb) => eb.fn.sum<number>(sql`case when outcome in ('problem', 'unreachable') then 1 else 0 end`).as('p'),
            ])
            .where('taskId', 'in', ids)
            .groupBy('taskId')
            .execute()
        : Promise.resolve([]),
      db
        .selectFrom('inspectionDraw')
        .select(['id', 'drawNo'])
        .where('id', 'in', rows.map((r) => r.currentDrawId ?? '-').concat('-'))
        .execute(),
    ])
    const names = await unitNames(
      db,
      rows.map((r) => r.unitId),
    )
    const countOf = new Map(counts.map((c) => [c.taskId, c]))
    const drawNo = new Map(drawsOf.map((d) => [d.id, d.drawNo]))
    return rows.map((r) => ({
      id: r.id,
      taskNo: r.taskNo,
      name: r.name,
      unitName: names.get(r.unitId) ?? null,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      targetCount: Number(countOf.get(r.id)?.n ?? 0),
      problemCount: Number(countOf.get(r.id)?.p ?? 0),
      publishedAt: r.publishedAt!,
      drawNo: r.currentDrawId ? (drawNo.get(r.currentDrawId) ?? null) : null,
      items: items.filter((i) => i.taskId === r.id).map((i) => i.name),
    }))
  }

  async function publicTask(idOrNo: string) {
    const r = await db
      .selectFrom('inspectionTask')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrNo), eb('taskNo', '=', idOrNo)]))
      .where('status', '=', 'published')
      .executeTakeFirst()
    if (!r) throw notFound('已公示的抽查任务', idOrNo)
    return (await presentPublicTasks([r]))[0]!
  }

  async function publicTargets(idOrNo: string, q: { page: number; pageSize: number; q?: string }) {
    const t = await publicTask(idOrNo)
    let b = db.selectFrom('inspectionTarget').where('taskId', '=', t.id)
    if (q.q) b = b.where((eb) => eb.or([likeEscaped(dialect, 'inspection_target.entity_name', `%${escapeLike(q.q!)}%`), eb('uscc', '=', q.q!.toUpperCase())]))
    const [rows, n] = await Promise.all([
      b.select(['id', 'entityName', 'uscc', 'inspectedOn', 'outcome']).orderBy('ordinal').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    const results = rows.length
      ? await db
          .selectFrom('inspectionResult')
          .innerJoin('inspectionItem', 'inspectionItem.id', 'inspectionResult.itemId')
          .select(['inspectionResult.targetId', 'inspectionItem.name', 'inspectionResult.result'])
          .where(
            'inspectionResult.targetId',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('inspectionItem.code')
          .execute()
      : []
    return {
      items: rows.map((r) => ({
        entityName: r.entityName,
        uscc: r.uscc,
        inspectedOn: r.inspectedOn,
        outcome: r.outcome,
        outcomeLabel: r.outcome ? (OUTCOME_LABEL[r.outcome] ?? r.outcome) : null,
        results: results
          .filter((x) => x.targetId === r.id)
          .map((x) => ({ itemName: x.name, resultLabel: RESULT_OPTIONS[x.result as ResultCode]?.label ?? x.result })),
      })),
      total: Number(n.n),
      page: q.page,
      pageSize: q.pageSize,
    }
  }

  /**
   * Announcements (公告): the commitment hashes published before each draw. Public by design — a
   * commitment proves nothing unless it was public before the draw; it reveals no target.
   */
  async function announcements(q: { page: number; pageSize: number }) {
    const b = db.selectFrom('inspectionTask').where('announcedAt', 'is not', null)
    const [rows, n] = await Promise.all([
      b.selectAll().orderBy('announcedAt', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    const names = await unitNames(
      db,
      rows.map((r) => r.unitId),
    )
    const drawRows = await db
      .selectFrom('inspectionDraw')
      .select(['id', 'drawNo'])
      .where(
        'id',
        'in',
        rows
          .filter((r) => r.status === 'published')
          .map((r) => r.currentDrawId ?? '-')
          .concat('-'),
      )
      .execute()
    const drawNo = new Map(drawRows.map((d) => [d.id, d.drawNo]))
    return {
      items: rows.map((r) => ({
        taskNo: r.taskNo,
        name: r.name,
        unitName: names.get(r.unitId) ?? null,
        periodFrom: r.periodFrom,
        periodTo: r.periodTo,
        announcedAt: r.announcedAt!,
        commitmentHash: r.commitmentHash!,
        drawNo: r.status === 'published' && r.currentDrawId ? (drawNo.get(r.currentDrawId) ?? null) : null,
        withdrawn: r.status === 'void',
        withdrawnAt: r.status === 'void' ? r.voidedAt : null,
        withdrawReason: r.status === 'void' ? r.voidReason : null,
      })),
      total: Number(n.n),
      page: q.page,
      pageSize: q.pageSize,
    }
  }

  // ------------------------------------------------------------------------------- entity profile

  /** The entity file's section (一户一档): the entity's inspections. */
  const profileSection: ProfileSection = {
    key: 'inspections',
    title: '双随机抽查',
    permission: 'inspection.read',
    async load(ctx, entity) {
      const scope = assertCan(ctx.actor, 'inspection.read')
      // Tasks in the reader's scope, and any published result (public anyway).
      const rows = await db
        .selectFrom('inspectionTarget')
        .innerJoin('inspectionTask', 'inspectionTask.id', 'inspectionTarget.taskId')
        .selectAll('inspectionTarget')
        .select(['inspectionTask.taskNo', 'inspectionTask.name as taskName', 'inspectionTask.status as taskStatus', 'inspectionTask.unitId as taskUnitId'])
        .where('inspectionTarget.entityId', '=', entity.id)
        .where((eb) => eb.or([inScope(eb, scope, ctx.actor, 'inspection_task.unit_id'), eb('inspectionTask.status', '=', 'published')]))
        .orderBy('inspectionTarget.completedAt', 'desc')
        .limit(50)
        .execute()
      const presented = await presentTargets(rows.map(({ taskNo: _a, taskName: _b, taskStatus: _c, taskUnitId: _d, ...r }) => r))
      return {
        count: rows.length,
        columns: [
          { key: 'taskNo', title: '任务编号', kind: 'link' as const },
          { key: 'taskName', title: '抽查任务', kind: 'text' as const },
          { key: 'taskStatus', title: '任务状态', kind: 'tag' as const },
          { key: 'status', title: '检查状态', kind: 'tag' as const },
          { key: 'inspectedOn', title: '检查日期', kind: 'date' as const },
          { key: 'outcome', title: '检查结论', kind: 'tag' as const },
          { key: 'results', title: '检查事项结果', kind: 'text' as const },
          { key: 'leadNo', title: '案源线索', kind: 'text' as const },
        ],
        rows: presented.map((p, i) => ({
          taskNo: { text: rows[i]!.taskNo, href: `/inspections/tasks/${p.taskId}` },
          taskName: rows[i]!.taskName,
          taskStatus: { text: TASK_STATUSES[rows[i]!.taskStatus as TaskStatus] ?? '—' },
          status: p.status === 'done' ? { text: '已检查', color: 'green' } : { text: '待检查', color: 'orange' },
          inspectedOn: p.inspectedOn,
          outcome: p.outcomeLabel ? { text: p.outcomeLabel, color: p.outcome === 'no_problem' ? 'green' : 'red' } : null,
          results: p.results.length ? p.results.map((x) => `${x.itemName}：${x.resultLabel}${x.note ? `（${x.note}）` : ''}`).join('；') : null,
          leadNo: p.leadNo,
        })),
      }
    },
  }

  return {
    profileSection,
    listPlans,
    getPlan,
    createPlan,
    updatePlan,
    listTasks,
    getTask,
    createTask,
    updateTask,
    announce,
    preview,
    voidTask,
    listTargets,
    myTargets,
    getTarget,
    recordResults,
    addAttachment,
    getAttachment,
    publish,
    exportTask,
    publicTasks,
    publicTask,
    publicTargets,
    announcements,
    assertCanExport: async (ctx: Ctx, id: string) => {
      await loadTask(db, ctx, 'inspection.export', id)
    },
    unitPathInScope,
  }
}
export type InspectionService = ReturnType<typeof createInspectionService>

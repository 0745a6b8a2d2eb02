import type { Writable } from 'node:stream'
import { sql } from 'kysely'
import { assertCan, inScope, unitPathInScope, type Ctx, type ScopeSet } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { Executor, Trx } from '../../core/db/database'
import { escapeLike, likeEscaped } from '../../core/db/dialect'
import type { CoreDeps } from '../../core/deps'
import { conflict, notFound, validation } from '../../core/errors'
import { writeXlsx } from '../../core/export'
import { newId } from '../../core/ids'
import { createOneRequestImports, issue, zodCheck, type CommitMode, type ImportKindDef, type RowCheck, type RowIssue, type TableSpec } from '../../core/imports'
import { offsetOf } from '../../core/pagination'
import {
  RecordInput,
  type CollectedRecord,
  type Department,
  type DepartmentBody,
  type ManualRecordBody,
  type PushResult,
  type Quota,
  type QuotaBody,
  type RateQuery,
  type RateTable,
  type RecordQuery,
} from '../../shared/collection/schema'
import {
  COLLECTION_CLASSES,
  COLLECTION_KINDS,
  COLLECTION_LIMITS,
  COLLECTION_RULE,
  COLLECTION_SOURCES,
  type CollectionClass,
  type CollectionSource,
} from '../../shared/collection/vocabulary'
import type { AuditService } from '../audit'
import type { ProfileSection } from '../entities'
import type { RulesService } from '../rules'
import type { CollectionRecordTable } from './collection.tables'
import { dedupeKeyOf, lastDayOf, monthsOf, rateTable } from './collection.domain'

export const COLLECTION_IMPORT: ImportKindDef = {
  kind: 'collection',
  label: '涉企信息归集',
  permission: 'collection.read',
  visibility: 'scope',
  statusLabels: { done: '已导入', failed: '未导入' },
  errorReportUrl: (id) => `/api/collection/imports/${id}/errors.xlsx`,
}

type Col = 'kind' | 'infoClass' | 'uscc' | 'entityName' | 'docNo' | 'title' | 'decidedOn' | 'validUntil' | 'content'
const IMPORT_SPEC: TableSpec<Col> & { maxRows: number } = {
  columns: {
    kind: { label: '信息类别', aliases: ['类别', '信息类型'] },
    infoClass: { label: '公开属性', aliases: ['公开类别', '是否公开'] },
    uscc: { label: '统一社会信用代码', aliases: ['信用代码', 'USCC'] },
    entityName: { label: '主体名称', aliases: ['企业名称', '市场主体名称', '当事人名称'] },
    docNo: { label: '文书编号', aliases: ['许可证号', '许可文件编号', '决定书文号', '行政处罚决定书文号', '文号'] },
    title: { label: '信息名称', aliases: ['许可事项', '许可名称', '处罚事由', '事项名称'] },
    decidedOn: { label: '作出日期', aliases: ['决定日期', '许可日期', '处罚决定日期'] },
    validUntil: { label: '有效期至', aliases: ['有效期截止日期'] },
    content: { label: '内容', aliases: ['处罚内容', '许可内容', '备注'] },
  },
  required: ['kind', 'infoClass', 'uscc', 'entityName', 'docNo', 'title', 'decidedOn'],
  maxRows: COLLECTION_LIMITS.importRows,
  missingHint: '（请使用导入模板的列名）',
}
const KIND_BY_LABEL = new Map<string, string>(Object.entries(COLLECTION_KINDS).flatMap(([k, v]) => [[v, k] as [string, string], [k, k] as [string, string]]))
const CLASS_BY_LABEL = new Map<string, string>([
  ...Object.entries(COLLECTION_CLASSES).flatMap(([k, v]) => [[v, k] as [string, string], [k, k] as [string, string]]),
  ['公开', 'public'],
  ['非公开', 'non_public'],
  ['是', 'public'],
  ['否', 'non_public'],
])
const COLUMN_OF: Record<string, Col> = {
  kind: 'kind',
  infoClass: 'infoClass',
  uscc: 'uscc',
  entityName: 'entityName',
  docNo: 'docNo',
  title: 'title',
  decidedOn: 'decidedOn',
  validUntil: 'validUntil',
  content: 'content',
}

type RecordRow = CollectionRecordTable & { departmentName: string }

function present(r: RecordRow): CollectedRecord {
  return {
    id: r.id,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    kind: r.kind,
    kindLabel: COLLECTION_KINDS[r.kind as keyof typeof COLLECTION_KINDS] ?? r.kind,
    infoClass: r.infoClass,
    infoClassLabel: COLLECTION_CLASSES[r.infoClass as CollectionClass] ?? r.infoClass,
    uscc: r.uscc,
    entityId: r.entityId,
    entityName: r.entityName,
    docNo: r.docNo,
    title: r.title,
    decidedOn: r.decidedOn,
    validUntil: r.validUntil,
    content: r.content,
    source: r.source,
    sourceLabel: COLLECTION_SOURCES[r.source as CollectionSource] ?? r.source,
    receivedAt: r.receivedAt,
    dueOn: r.dueOn,
    dueProvisional: Number(r.dueProvisional) === 1,
    onTime: Number(r.onTime) === 1,
    revision: Number(r.revision),
  }
}

/**
 * 涉企信息归集: other departments (归集部门), the information they send (pushed over the API by their
 * service account, imported from their files, or entered by hand), matched to the register by USCC,
 * with its publicity due date from the rule catalogue (the version in force on the decision date)
 * and whether it came in time; the expected counts and the collection rate by department and period.
 */
export function createCollectionService(deps: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & { audit: AuditService; rules: Pick<RulesService, 'deadlineFor'> }) {
  const { db, dialect, clock, audit, rules } = deps
  const oneRequest = createOneRequestImports({ db, clock })
  const today = () => chinaDate(clock.now())

  // ------------------------------------------------------------------------------ departments

  const departmentRows = (exec: Executor) =>
    exec
      .selectFrom('collectionDepartment as d')
      .innerJoin('orgUnit as u', 'u.id', 'd.unitId')
      .leftJoin('appUser as p', 'p.id', 'd.pushUserId')
      .select([
        'd.id',
        'd.code',
        'd.name',
        'd.unitId',
        'd.pushUserId',
        'd.active',
        'd.version',
        'u.name as unitName',
        'u.path as unitPath',
        'p.username as pushUsername',
      ])

  type DeptRow = Awaited<ReturnType<ReturnType<typeof departmentRows>['executeTakeFirstOrThrow']>>
  const presentDept = (r: DeptRow): Department => ({
    id: r.id,
    code: r.code,
    name: r.name,
    unitId: r.unitId,
    unitName: r.unitName,
    pushUserId: r.pushUserId,
    pushUsername: r.pushUsername ?? null,
    active: Number(r.active) === 1,
    version: Number(r.version),
  })

  async function departmentsIn(scope: ScopeSet, ctx: Ctx, exec: Executor = db) {
    return departmentRows(exec)
      .where((eb) => inScope(eb, scope, ctx.actor, 'd.unit_id'))
      .orderBy('d.code')
      .execute()
  }

  async function listDepartments(ctx: Ctx): Promise<Department[]> {
    const scope = assertCan(ctx.actor, 'collection.read')
    return (await departmentsIn(scope, ctx)).map(presentDept)
  }

  /** A department within the actor's scope for `permission`, else 404. */
  async function departmentFor(ctx: Ctx, permission: string, id: string, exec: Executor = db): Promise<DeptRow> {
    const scope = assertCan(ctx.actor, permission)
    const d = await departmentRows(exec).where('d.id', '=', id).executeTakeFirst()
    if (!d || !unitPathInScope(scope, d.unitId, d.unitPath)) throw notFound('归集部门', id)
    return d
  }

  async function saveDepartment(ctx: Ctx, id: string | null, body: DepartmentBody & { version?: number }): Promise<Department> {
    const scope = assertCan(ctx.actor, 'collection.manage')
    const unit = await db.selectFrom('orgUnit').select(['id', 'path']).where('id', '=', body.unitId).executeTakeFirst()
    if (!unit || !unitPathInScope(scope, unit.id, unit.path)) throw validation('归集单位不存在或不在您的管辖范围内')
    if (body.pushUserId) {
      const u = await db.selectFrom('appUser').select(['id', 'status']).where('id', '=', body.pushUserId).executeTakeFirst()
      if (!u) throw validation('推送账号不存在')
      if (u.status !== 'active') throw validation('推送账号已停用')
    }
    const now = clock.now().toISOString()
    return db.transaction().execute(async (trx) => {
      const clash = await trx
        .selectFrom('collectionDepartment')
        .select('id')
        .where('code', '=', body.code)
        .$if(id !== null, (q) => q.where('id', '<>', id!))
        .executeTakeFirst()
      if (clash) throw conflict(`部门编码“${body.code}”已被使用`)
      const values = { code: body.code, name: body.name, unitId: body.unitId, pushUserId: body.pushUserId ?? null, active: body.active ? 1 : 0, updatedAt: now }
      let before: DeptRow | null = null
      let deptId = id
      if (id === null) {
        deptId = newId()
        await trx
          .insertInto('collectionDepartment')
          .values({ id: deptId, ...values, createdAt: now, version: 1 })
          .execute()
      } else {
        before = await departmentFor(ctx, 'collection.manage', id, trx)
        if (body.version !== undefined && body.version !== Number(before.version)) throw conflict('该部门已被他人修改，请刷新后重试')
        await trx
          .updateTable('collectionDepartment')
          .set({ ...values, version: Number(before.version) + 1 })
          .where('id', '=', id)
          .execute()
      }
      await audit.record(trx, ctx, {
        action: 'collection.department.save',
        targetType: 'collection_department',
        targetId: deptId!,
        targetLabel: body.name,
        unitId: body.unitId,
        before: before ? presentDept(before) : undefined,
        after: values,
      })
      return presentDept(await departmentRows(trx).where('d.id', '=', deptId!).executeTakeFirstOrThrow())
    })
  }

  // ------------------------------------------------------------------------------ records

  /** Due dates by decision date, each from the rule version in force on it (cached for a batch). */
  function dueDates() {
    const cache = new Map<string, Promise<{ dueOn: string; provisional: boolean; version: number }>>()
    return (decidedOn: string) => {
      let p = cache.get(decidedOn)
      if (!p) {
        p = rules
          .deadlineFor(COLLECTION_RULE, decidedOn)
          .then(({ rule, deadline }) => ({ dueOn: deadline.date, provisional: deadline.provisional, version: rule.version }))
        cache.set(decidedOn, p)
      }
      return p
    }
  }

  /** The checks a schema cannot make: dates against today and each other. */
  function dateProblems(r: RecordInput, now: string): string[] {
    const out: string[] = []
    if (r.decidedOn > now) out.push('作出日期不能晚于今天')
    if (r.decidedOn < '1990-01-01') out.push('作出日期过早，请核对')
    if (r.validUntil && r.validUntil < r.decidedOn) out.push('有效期至不能早于作出日期')
    return out
  }

  /**
   * Stores records of one department in the caller's transaction: matched to the register by USCC,
   * replacing an earlier record with the same department, kind and document number (revision + 1),
   * unchanged when nothing differs.
   */
  async function ingest(
    trx: Trx,
    ctx: Ctx,
    dept: { id: string; unitId: string },
    inputs: RecordInput[],
    source: CollectionSource,
    runId: string | null,
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    const nowIso = clock.now().toISOString()
    const receivedOn = chinaDate(clock.now())
    const due = dueDates()
    const counts = { created: 0, updated: 0, unchanged: 0 }
    for (let i = 0; i < inputs.length; i += 500) {
      const chunk = inputs.slice(i, i + 500)
      const usccs = [...new Set(chunk.map((r) => r.uscc))]
      const entities = await trx.selectFrom('marketEntity').select(['id', 'recordKey', 'stationUnitId']).where('recordKey', 'in', usccs).execute()
      const entityBy = new Map(entities.map((e) => [e.recordKey, e]))
      const keys = chunk.map((r) => dedupeKeyOf(dept.id, r.kind, r.docNo))
      const existing = new Map(
        (await trx.selectFrom('collectionRecord').selectAll().where('dedupeKey', 'in', keys).execute()).map((r) => [r.dedupeKey, r] as const),
      )
      for (const [j, r] of chunk.entries()) {
        const key = keys[j]!
        const e = entityBy.get(r.uscc)
        const d = await due(r.decidedOn)
        const values = {
          kind: r.kind,
          infoClass: r.infoClass,
          uscc: r.uscc,
          entityId: e?.id ?? null,
          entityName: r.entityName,
          docNo: r.docNo,
          title: r.title,
          decidedOn: r.decidedOn,
          validUntil: r.validUntil ?? null,
          content: r.content ?? null,
        }
        const old = existing.get(key)
        if (old) {
          const same = (Object.keys(values) as Array<keyof typeof values>).every((k) => (old[k] ?? null) === (values[k] ?? null))
          if (same) {
            counts.unchanged++
            continue
          }
          // A correction keeps the first receipt (timeliness is the first report's); the due date follows the decision date.
          await trx
            .updateTable('collectionRecord')
            .set({
              ...values,
              unitId: e?.stationUnitId ?? dept.unitId,
              dueOn: d.dueOn,
              dueProvisional: d.provisional ? 1 : 0,
              ruleVersion: d.version,
              onTime: old.receivedOn <= d.dueOn ? 1 : 0,
              source,
              importRunId: runId,
              revision: Number(old.revision) + 1,
              updatedAt: nowIso,
            })
            .where('id', '=', old.id)
            .execute()
          counts.updated++
          continue
        }
        await trx
          .insertInto('collectionRecord')
          .values({
            id: newId(),
            departmentId: dept.id,
            ...values,
            source,
            importRunId: runId,
            receivedAt: nowIso,
            receivedOn,
            dueOn: d.dueOn,
            dueProvisional: d.provisional ? 1 : 0,
            ruleVersion: d.version,
            onTime: receivedOn <= d.dueOn ? 1 : 0,
            unitId: e?.stationUnitId ?? dept.unitId,
            dedupeKey: key,
            revision: 1,
            createdBy: ctx.actor.userId,
            createdAt: nowIso,
            updatedAt: nowIso,
          })
          .execute()
        existing.set(key, { dedupeKey: key, ...values, receivedOn, revision: 1 } as CollectionRecordTable)
        counts.created++
      }
    }
    return counts
  }

  /** Another department's system pushes records (API token of the department's push account). */
  async function push(ctx: Ctx, body: { department: string; records: unknown[] }): Promise<PushResult> {
    assertCan(ctx.actor, 'collection.push')
    const dept = await db.selectFrom('collectionDepartment').selectAll().where('code', '=', body.department).executeTakeFirst()
    // One answer for "no such department" and "not yours": a token learns nothing about other departments.
    if (!dept || dept.pushUserId !== ctx.actor.userId) throw notFound('归集部门', body.department)
    if (Number(dept.active) !== 1) throw validation(`归集部门“${dept.name}”已停用，不接收推送`)
    const now = today()
    const good: RecordInput[] = []
    const rejected: PushResult['rejected'] = []
    const seen = new Set<string>()
    body.records.forEach((raw, index) => {
      const p = RecordInput.safeParse(raw)
      const docNo =
        raw && typeof raw === 'object' && typeof (raw as { docNo?: unknown }).docNo === 'string' ? String((raw as { docNo: string }).docNo).slice(0, 100) : null
      if (!p.success) {
        rejected.push({ index, docNo, errors: p.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message)) })
        return
      }
      const problems = dateProblems(p.data, now)
      const key = dedupeKeyOf(dept.id, p.data.kind, p.data.docNo)
      if (seen.has(key)) problems.push('同一批次中文书编号重复')
      if (problems.length) {
        rejected.push({ index, docNo, errors: problems })
        return
      }
      seen.add(key)
      good.push(p.data)
    })
    return db.transaction().execute(async (trx) => {
      const counts = good.length ? await ingest(trx, ctx, dept, good, 'api', null) : { created: 0, updated: 0, unchanged: 0 }
      await audit.record(trx, ctx, {
        action: 'collection.push',
        targetType: 'collection_department',
        targetId: dept.id,
        targetLabel: dept.name,
        unitId: dept.unitId,
        after: { received: body.records.length, ...counts, rejected: rejected.length },
      })
      return { received: body.records.length, ...counts, rejected }
    })
  }

  async function createManual(ctx: Ctx, body: ManualRecordBody): Promise<CollectedRecord> {
    const problems = dateProblems(body, today())
    if (problems.length) throw validation(problems.join('；'))
    return db.transaction().execute(async (trx) => {
      const dept = await departmentFor(ctx, 'collection.manage', body.departmentId, trx)
      const key = dedupeKeyOf(dept.id, body.kind, body.docNo)
      await ingest(trx, ctx, dept, [body], 'manual', null)
      const row = await recordRows(trx).where('r.dedupeKey', '=', key).executeTakeFirstOrThrow()
      await audit.record(trx, ctx, {
        action: 'collection.record.save',
        targetType: 'collection_record',
        targetId: row.id,
        targetLabel: `${row.docNo} ${row.entityName}`,
        unitId: row.unitId,
        after: { ...body },
      })
      return present(row)
    })
  }

  /** A department's file of records (CSV / XLSX, one request, up to COLLECTION_LIMITS.importRows rows). */
  async function importFile(ctx: Ctx, departmentId: string, mode: CommitMode, file: { path: string; fileName: string }) {
    const dept = await departmentFor(ctx, 'collection.manage', departmentId)
    const now = today()
    const seen = new Set<string>()
    const schemaCheck = zodCheck<Col, RecordInput>(
      RecordInput,
      (rec) => ({
        kind: KIND_BY_LABEL.get(rec.kind.trim()) ?? rec.kind,
        infoClass: CLASS_BY_LABEL.get(rec.infoClass.trim()) ?? rec.infoClass,
        uscc: rec.uscc,
        entityName: rec.entityName,
        docNo: rec.docNo,
        title: rec.title,
        decidedOn: rec.decidedOn.trim(),
        validUntil: rec.validUntil.trim() || null,
        content: rec.content.trim() || null,
      }),
      (path, rec) => {
        const key = COLUMN_OF[path.split('.')[0]!] ?? 'docNo'
        return { column: IMPORT_SPEC.columns[key].label, value: rec[key] }
      },
    )
    const check: RowCheck<Col, RecordInput> = async (rec, rowNo) => {
      const r = await schemaCheck(rec, rowNo)
      if (!r.value) return r
      const issues: RowIssue[] = dateProblems(r.value, now).map((m) =>
        issue(rowNo, m.startsWith('有效期') ? '有效期至' : '作出日期', m.startsWith('有效期') ? rec.validUntil : rec.decidedOn, m),
      )
      const key = dedupeKeyOf(dept.id, r.value.kind, r.value.docNo)
      if (seen.has(key)) issues.push(issue(rowNo, '文书编号', rec.docNo, '文件中同类信息的文书编号重复'))
      seen.add(key)
      return issues.length ? { issues } : r
    }
    return oneRequest.run(
      ctx,
      {
        def: COLLECTION_IMPORT,
        spec: IMPORT_SPEC,
        async commit(trx, rows, run) {
          const counts = await ingest(
            trx,
            ctx,
            dept,
            rows.map((r) => r.value),
            'import',
            run.id,
          )
          await audit.record(trx, ctx, {
            action: 'collection.import',
            targetType: 'collection_import',
            targetId: run.id,
            targetLabel: `${dept.name}：${run.fileName}`,
            unitId: dept.unitId,
            after: { rows: rows.length, ...counts },
          })
          return { inserted: counts.created, updated: counts.updated }
        },
      },
      check,
      file,
      { mode, unitId: dept.unitId },
    )
  }

  const recordRows = (exec: Executor) =>
    exec.selectFrom('collectionRecord as r').innerJoin('collectionDepartment as d', 'd.id', 'r.departmentId').selectAll('r').select('d.name as departmentName')

  async function listRecords(ctx: Ctx, q: RecordQuery) {
    const scope = assertCan(ctx.actor, 'collection.read')
    let b = recordRows(db).where((eb) => inScope(eb, scope, ctx.actor, 'r.unit_id'))
    if (q.departmentId) b = b.where('r.departmentId', '=', q.departmentId)
    if (q.kind) b = b.where('r.kind', '=', q.kind)
    if (q.infoClass) b = b.where('r.infoClass', '=', q.infoClass)
    if (q.matched === '1') b = b.where('r.entityId', 'is not', null)
    if (q.matched === '0') b = b.where('r.entityId', 'is', null)
    if (q.q) {
      const term = q.q.trim()
      const upper = term.toUpperCase()
      const pattern = `%${escapeLike(term)}%`
      b = b.where((eb) => eb.or([eb('r.uscc', '=', upper), likeEscaped(dialect, 'r.entity_name', pattern), likeEscaped(dialect, 'r.doc_no', pattern)]))
    }
    const [rows, total] = await Promise.all([
      b.orderBy('r.receivedAt', 'desc').orderBy('r.id', 'desc').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ])
    return { items: rows.map(present), total: Number(total.n), page: q.page, pageSize: q.pageSize }
  }

  // ------------------------------------------------------------------------------ quotas and rates

  async function setQuota(ctx: Ctx, body: QuotaBody): Promise<Quota> {
    const now = clock.now().toISOString()
    return db.transaction().execute(async (trx) => {
      const dept = await departmentFor(ctx, 'collection.manage', body.departmentId, trx)
      const before = await trx
        .selectFrom('collectionQuota')
        .select('expected')
        .where('departmentId', '=', dept.id)
        .where('month', '=', body.month)
        .where('infoClass', '=', body.infoClass)
        .executeTakeFirst()
      await trx
        .insertInto('collectionQuota')
        .values({ departmentId: dept.id, month: body.month, infoClass: body.infoClass, expected: body.expected, updatedBy: ctx.actor.userId, updatedAt: now })
        .onConflict((oc) =>
          oc.columns(['departmentId', 'month', 'infoClass']).doUpdateSet({ expected: body.expected, updatedBy: ctx.actor.userId, updatedAt: now }),
        )
        .execute()
      await audit.record(trx, ctx, {
        action: 'collection.quota',
        targetType: 'collection_department',
        targetId: dept.id,
        targetLabel: `${dept.name} ${body.month} ${COLLECTION_CLASSES[body.infoClass]}`,
        unitId: dept.unitId,
        before: before ? { expected: Number(before.expected) } : undefined,
        after: { expected: body.expected },
      })
      return { departmentId: dept.id, month: body.month, infoClass: body.infoClass, expected: body.expected }
    })
  }

  async function listQuotas(ctx: Ctx, q: RateQuery): Promise<Quota[]> {
    const scope = assertCan(ctx.actor, 'collection.read')
    const ids = (await departmentsIn(scope, ctx)).map((d) => d.id)
    if (ids.length === 0) return []
    const rows = await db
      .selectFrom('collectionQuota')
      .select(['departmentId', 'month', 'infoClass', 'expected'])
      .where('departmentId', 'in', ids)
      .where('month', '>=', q.from)
      .where('month', '<=', q.to)
      .orderBy('month')
      .execute()
    return rows.map((r) => ({ ...r, expected: Number(r.expected) }))
  }

  /**
   * 归集率 of the departments in scope over the months from–to: records by decision date within
   * the period, against the expected counts of its months; 及时率 = received by the due date.
   */
  async function rates(ctx: Ctx, q: RateQuery): Promise<RateTable> {
    const scope = assertCan(ctx.actor, 'collection.read')
    const months = monthsOf(q.from, q.to)
    if (months.length > COLLECTION_LIMITS.rateMonths) throw validation(`统计期间最长 ${COLLECTION_LIMITS.rateMonths} 个月`)
    const depts = await departmentsIn(scope, ctx)
    const ids = depts.map((d) => d.id)
    const [collected, expected] =
      ids.length === 0
        ? [[], []]
        : await Promise.all([
            db
              .selectFrom('collectionRecord')
              .select(['departmentId', 'infoClass', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`sum(on_time)`.as('onTime')])
              .where('departmentId', 'in', ids)
              .where('decidedOn', '>=', `${q.from}-01`)
              .where('decidedOn', '<=', lastDayOf(q.to))
              .groupBy(['departmentId', 'infoClass'])
              .execute(),
            db
              .selectFrom('collectionQuota')
              .select(['departmentId', 'infoClass', (eb) => eb.fn.sum<number>('expected').as('n')])
              .where('departmentId', 'in', ids)
              .where('month', '>=', q.from)
              .where('month', '<=', q.to)
              .groupBy(['departmentId', 'infoClass'])
              .execute(),
          ])
    const t = rateTable(
      ids,
      collected.map((c) => ({ departmentId: c.departmentId, infoClass: c.infoClass, n: Number(c.n), onTime: Number(c.onTime ?? 0) })),
      expected.map((e) => ({ departmentId: e.departmentId, infoClass: e.infoClass, n: Number(e.n) })),
    )
    const byId = new Map(depts.map((d) => [d.id, d]))
    return {
      from: q.from,
      to: q.to,
      rows: t.rows.map((r) => ({ departmentId: r.departmentId, code: byId.get(r.departmentId)!.code, name: byId.get(r.departmentId)!.name, ...r.byClass })),
      total: t.total,
    }
  }

  /** The rate table (from `rates`, computed before the download starts so a refusal is a plain error) as a workbook. */
  async function exportRates(t: RateTable, out: Writable): Promise<void> {
    const q = t
    const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`)
    type R = RateTable['rows'][number]
    const total: R = { departmentId: 'total', code: '', name: '合计', ...t.total }
    await writeXlsx<R>(out, {
      name: '涉企信息归集率',
      title: `涉企信息归集率（${q.from} 至 ${q.to}，按作出日期）`,
      columns: [
        { header: '部门编码', width: 14, value: (r) => r.code },
        { header: '部门', width: 28, value: (r) => r.name },
        { header: '公开类应归集', width: 12, value: (r) => r.public.expected },
        { header: '公开类已归集', width: 12, value: (r) => r.public.collected },
        { header: '公开类归集率', width: 12, value: (r) => pct(r.public.rate) },
        { header: '公开类及时率', width: 12, value: (r) => pct(r.public.timelyRate) },
        { header: '非公开类应归集', width: 14, value: (r) => r.non_public.expected },
        { header: '非公开类已归集', width: 14, value: (r) => r.non_public.collected },
        { header: '非公开类归集率', width: 14, value: (r) => pct(r.non_public.rate) },
        { header: '非公开类及时率', width: 14, value: (r) => pct(r.non_public.timelyRate) },
      ],
      rows: [...t.rows, total],
      bold: (r) => r.departmentId === 'total',
      footer: [
        [],
        ['归集率 = 已归集条数 ÷ 部门填报的应归集数；及时率 = 在公示时限（期限规则 collection.publicity，按作出日期适用的版本）内归集的条数 ÷ 已归集条数。'],
      ],
    })
  }

  // ------------------------------------------------------------------------------ entity file

  const profileSection: ProfileSection = {
    key: 'collection',
    title: '其他部门涉企信息',
    permission: 'collection.read',
    async load(ctx, entity) {
      const scope = assertCan(ctx.actor, 'collection.read')
      const rows = await recordRows(db)
        .where('r.entityId', '=', entity.id)
        .where((eb) => inScope(eb, scope, ctx.actor, 'r.unit_id'))
        .orderBy('r.decidedOn', 'desc')
        .limit(50)
        .execute()
      return {
        count: rows.length,
        moreHref: `/collection?q=${encodeURIComponent(entity.uscc ?? entity.name)}`,
        columns: [
          { key: 'kind', title: '类别', kind: 'tag' as const },
          { key: 'title', title: '信息名称', kind: 'text' as const },
          { key: 'docNo', title: '文书编号', kind: 'text' as const },
          { key: 'department', title: '来源部门', kind: 'text' as const },
          { key: 'decidedOn', title: '作出日期', kind: 'text' as const },
          { key: 'infoClass', title: '公开属性', kind: 'tag' as const },
        ],
        rows: rows.map(present).map((r) => ({
          kind: { text: r.kindLabel, color: r.kind === 'penalty' ? 'red' : r.kind === 'licence' ? 'blue' : 'default' },
          title: r.title,
          docNo: r.docNo,
          department: r.departmentName,
          decidedOn: r.decidedOn,
          infoClass: { text: r.infoClassLabel, color: r.infoClass === 'public' ? 'green' : 'default' },
        })),
      }
    },
  }

  return { listDepartments, saveDepartment, push, createManual, importFile, listRecords, setQuota, listQuotas, rates, exportRates, profileSection, ingest }
}
export type CollectionService = ReturnType<typeof createCollectionService>

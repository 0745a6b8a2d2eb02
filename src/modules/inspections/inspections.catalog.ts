import { createHash } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import type { Writable } from 'node:stream'
import { sql } from 'kysely'
import { assertCan, inScope, unitPathInScope, type Ctx } from '../../core/actor'
import { chinaDate } from '../../core/clock'
import type { Executor } from '../../core/db/database'
import { escapeLike, fromBool, likeEscaped, toBool } from '../../core/db/dialect'
import type { CoreDeps } from '../../core/deps'
import { conflict, notFound, validation } from '../../core/errors'
import { newId } from '../../core/ids'
import {
  createIssueStore,
  createRunStore,
  detectFileFormat,
  issue,
  mappedRows,
  readRows,
  rowsWith,
  type Columns,
  type ImportKindDef,
  type MappedRow,
  type RowIssue,
  type TableSpec,
} from '../../core/imports'
import { offsetOf } from '../../core/pagination'
import type { AuditService } from '../audit'
import { writeXlsx } from '../../core/export'
import { checkUscc } from '../entities'
import {
  BUSINESS_LINES,
  CONFLICT_KINDS,
  ENTITY_KIND_CODES,
  ENTITY_KIND_TEXT,
  packCodes,
  RESULT_CODES,
  RESULT_OPTIONS,
  unpackCodes,
  type BusinessLine,
  type ConflictKind,
  type EntityKindCode,
  type ResultCode,
} from './inspections.domain'
import { assertUnitInScope, itemsVisible, jurisdictionRoot, loadUnit, unitNames } from './inspections.repo'
import type { ConflictBody, ImportSummary, InspectorBody, InspectorQuery, Item, ItemBody, ItemPatch, ItemQuery } from './inspections.schema'
import type { InspectionItemTable } from './inspections.tables'

/** Rows an item or list import may hold (the files are small registers, read in one pass). */
export const IMPORT_MAX_ROWS = 100_000
const REPORTED_ERRORS = 100

/** What an import run records about the file it read. */
interface FileFacts {
  fileName: string
  format: string
  size: number
  sha256: string
}

export function presentItem(r: InspectionItemTable, unitName: string | null): Item {
  const options = (JSON.parse(r.resultOptions) as string[]).filter((c): c is ResultCode => c in RESULT_OPTIONS)
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    legalBasis: r.legalBasis,
    unitId: r.unitId,
    unitName,
    entityKinds: unpackCodes(r.entityKinds),
    isKey: toBool(r.isKey),
    checkMethod: r.checkMethod,
    resultOptions: options.map((c) => ({ code: c, label: RESULT_OPTIONS[c].label })),
    businessLine: r.businessLine,
    businessLineLabel: BUSINESS_LINES[r.businessLine as BusinessLine] ?? r.businessLine,
    active: toBool(r.active),
    version: r.version,
    updatedAt: r.updatedAt,
  }
}

const LINE_BY_LABEL = new Map<string, BusinessLine>(Object.entries(BUSINESS_LINES).map(([k, v]) => [v, k as BusinessLine]))
const RESULT_BY_LABEL = new Map<string, ResultCode>(Object.entries(RESULT_OPTIONS).map(([k, v]) => [v.label, k as ResultCode]))
const KIND_BY_LABEL = new Map<string, EntityKindCode>([
  ...Object.entries(ENTITY_KIND_TEXT).map(([k, v]) => [v, k as EntityKindCode] as const),
  ['个体户', 'individual'],
  ['合作社', 'cooperative'],
  ['其他', 'other'],
])

/** The check-item list's Excel layout (export = import template). */
export const ITEM_COLUMNS = [
  '事项编码',
  '事项名称',
  '法律依据',
  '实施部门',
  '适用主体类型',
  '事项类别',
  '检查方式',
  '检查结果选项',
  '业务条线',
  '状态',
] as const
type ItemColumn = (typeof ITEM_COLUMNS)[number]
/** The item import's columns: the export's headers (the export is the template). */
const ITEM_IMPORT: TableSpec<ItemColumn> = {
  columns: Object.fromEntries(ITEM_COLUMNS.map((h) => [h, { label: h }])) as Columns<ItemColumn>,
  required: ITEM_COLUMNS.slice(0, 9),
  maxRows: IMPORT_MAX_ROWS,
  missingHint: '（请使用导出的事项清单作为模板）',
}
/** The item and special-list imports' kind in the one import history (contributed to modules/imports). */
export const INSPECTION_IMPORT: ImportKindDef = {
  kind: 'inspections',
  label: '双随机抽查',
  variants: { items: '双随机检查事项清单', special_list: '双随机特定对象名录' },
  permission: 'inspection.manage',
  // Each user sees the imports they made, as with the error report.
  visibility: 'own',
  errorReportUrl: (id) => `/api/inspection-imports/${id}/error-report`,
}
/** A special list's one column. */
const LIST_IMPORT: TableSpec<'uscc'> = {
  columns: { uscc: { label: '统一社会信用代码', aliases: ['信用代码', '社会信用代码', 'USCC'] } },
  required: ['uscc'],
  maxRows: IMPORT_MAX_ROWS,
}

/**
 * Check-item list (抽查事项清单), inspector register (执法检查人员名录库) with declared conflicts of
 * interest, and special target lists imported from Excel. Every write is audited in its
 * transaction; every read and write is limited to the actor's inspection.* scope.
 */
export function createInspectionCatalog({ db, dialect, clock, audit }: Pick<CoreDeps, 'db' | 'dialect' | 'clock'> & { audit: AuditService }) {
  const issues = createIssueStore(db)
  const runs = createRunStore(db)
  // ------------------------------------------------------------------------------- items
  async function listItems(ctx: Ctx, q: ItemQuery) {
    const visible = await itemsVisible(db, assertCan(ctx.actor, 'inspection.read'))
    let b = db.selectFrom('inspectionItem').where(visible)
    if (q.q) b = b.where((eb) => eb.or([likeEscaped(dialect, 'inspection_item.name', `%${escapeLike(q.q!)}%`), eb('inspectionItem.code', '=', q.q!)]))
    if (q.line) b = b.where('businessLine', '=', q.line)
    if (q.active) b = b.where('active', '=', q.active === 'true' ? 1 : 0)
    const [rows, n] = await Promise.all([
      b.selectAll().orderBy('code').limit(q.pageSize).offset(offsetOf(q)).execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    const names = await unitNames(
      db,
      rows.map((r) => r.unitId),
    )
    return { items: rows.map((r) => presentItem(r, names.get(r.unitId) ?? null)), total: Number(n.n), page: q.page, pageSize: q.pageSize }
  }

  async function getItem(ctx: Ctx, id: string): Promise<Item> {
    const visible = await itemsVisible(db, assertCan(ctx.actor, 'inspection.read'))
    const r = await db.selectFrom('inspectionItem').selectAll().where('id', '=', id).where(visible).executeTakeFirst()
    if (!r) throw notFound('抽查事项', id)
    return presentItem(r, (await unitNames(db, [r.unitId])).get(r.unitId) ?? null)
  }

  function itemRow(body: ItemBody, now: string, by: string | null) {
    return {
      code: body.code.toUpperCase(),
      name: body.name,
      legalBasis: body.legalBasis,
      unitId: body.unitId,
      entityKinds: packCodes(body.entityKinds),
      isKey: fromBool(body.isKey),
      checkMethod: body.checkMethod,
      resultOptions: JSON.stringify([...new Set(body.resultOptions)]),
      businessLine: body.businessLine,
      active: fromBool(body.active),
      updatedAt: now,
      updatedBy: by,
    }
  }

  async function createItem(ctx: Ctx, body: ItemBody): Promise<Item> {
    const id = newId()
    await db.transaction().execute(async (trx) => {
      await assertUnitInScope(trx, ctx, 'inspection.manage', body.unitId, '实施部门')
      if (await trx.selectFrom('inspectionItem').select('id').where('code', '=', body.code.toUpperCase()).executeTakeFirst())
        throw conflict(`事项编码“${body.code}”已存在`)
      const now = clock.now().toISOString()
      const row = { id, ...itemRow(body, now, ctx.actor.userId), version: 1, createdAt: now }
      await trx.insertInto('inspectionItem').values(row).execute()
      await audit.record(trx, ctx, {
        action: 'inspection.item.create',
        targetType: 'inspection_item',
        targetId: id,
        targetLabel: `${row.code} ${row.name}`,
        unitId: body.unitId,
        after: row,
      })
    })
    return getItem(ctx, id)
  }

  async function updateItem(ctx: Ctx, id: string, patch: ItemPatch): Promise<Item> {
    await db.transaction().execute(async (trx) => {
      const old = await trx.selectFrom('inspectionItem').selectAll().where('id', '=', id).executeTakeFirst()
      if (!old) throw notFound('抽查事项', id)
      await assertUnitInScope(trx, ctx, 'inspection.manage', old.unitId, '实施部门')
      if (patch.unitId) await assertUnitInScope(trx, ctx, 'inspection.manage', patch.unitId, '实施部门')
      if (old.version !== patch.expectedVersion) throw conflict('该事项已被他人修改，请刷新后重试')
      const merged: ItemBody = { ...presentBody(old), ...stripUndefined(patch) }
      if (merged.code.toUpperCase() !== old.code) {
        const dup = await trx.selectFrom('inspectionItem').select('id').where('code', '=', merged.code.toUpperCase()).executeTakeFirst()
        if (dup) throw conflict(`事项编码“${merged.code}”已存在`)
      }
      const now = clock.now().toISOString()
      const row = { ...itemRow(merged, now, ctx.actor.userId), version: old.version + 1 }
      const r = await trx.updateTable('inspectionItem').set(row).where('id', '=', id).where('version', '=', old.version).executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1) throw conflict('该事项已被他人修改，请刷新后重试')
      await audit.record(trx, ctx, {
        action: 'inspection.item.update',
        targetType: 'inspection_item',
        targetId: id,
        targetLabel: `${row.code} ${row.name}`,
        unitId: row.unitId,
        before: old,
        after: row,
      })
    })
    return getItem(ctx, id)
  }

  function presentBody(r: InspectionItemTable): ItemBody {
    return {
      code: r.code,
      name: r.name,
      legalBasis: r.legalBasis,
      unitId: r.unitId,
      entityKinds: unpackCodes(r.entityKinds) as EntityKindCode[],
      isKey: toBool(r.isKey),
      checkMethod: r.checkMethod,
      resultOptions: JSON.parse(r.resultOptions) as ResultCode[],
      businessLine: r.businessLine as BusinessLine,
      active: toBool(r.active),
    }
  }

  /** Streams the item list as .xlsx in the import layout (so an export is also the template). */
  async function exportItems(ctx: Ctx, out: Writable): Promise<number> {
    const visible = await itemsVisible(db, assertCan(ctx.actor, 'inspection.read'))
    const rows = await db.selectFrom('inspectionItem').selectAll().where(visible).orderBy('code').execute()
    const names = await unitNames(
      db,
      rows.map((r) => r.unitId),
    )
    const codes = await db
      .selectFrom('orgUnit')
      .select(['id', 'code'])
      .where('id', 'in', rows.length ? [...new Set(rows.map((r) => r.unitId))] : ['-'])
      .execute()
    const codeOf = new Map(codes.map((c) => [c.id, c.code]))
    type Row = (typeof rows)[number]
    const widths = [14, 30, 50, 24, 24, 10, 30, 50, 18, 8]
    const cells = (r: Row) => {
      const it = presentItem(r, names.get(r.unitId) ?? null)
      return [
        it.code,
        it.name,
        it.legalBasis,
        codeOf.get(r.unitId) ?? it.unitName ?? '',
        it.entityKinds.map((k) => ENTITY_KIND_TEXT[k as EntityKindCode] ?? k).join('、') || '全部',
        it.isKey ? '重点' : '一般',
        it.checkMethod,
        it.resultOptions.map((o) => o.label).join('、'),
        it.businessLineLabel,
        it.active ? '启用' : '停用',
      ]
    }
    const presented = rows.map(cells)
    await writeXlsx(out, {
      name: '抽查事项清单',
      columns: ITEM_COLUMNS.map((header, i) => ({ header, width: widths[i], value: (c: string[]) => c[i] })),
      rows: presented,
    })
    return rows.length
  }

  // ------------------------------------------------------------------------------- imports

  async function saveImport(
    ctx: Ctx,
    kind: string,
    file: FileFacts,
    unitId: string | null,
    listId: string | null,
    total: number,
    found: RowIssue[],
    exec: Executor,
  ): Promise<ImportSummary> {
    const id = newId()
    const badRows = rowsWith(found, 'error')
    const now = clock.now().toISOString()
    // Item and list imports validate and write in one request: a recorded import is finished.
    await runs.create(exec, {
      id,
      kind: INSPECTION_IMPORT.kind,
      variant: kind,
      fileName: file.fileName,
      fileSize: file.size,
      sha256: file.sha256,
      format: file.format,
      status: 'done',
      mode: 'valid_only',
      totalRows: total,
      validRows: total - badRows,
      errorRows: badRows,
      warningRows: rowsWith(found, 'warning'),
      processedRows: total,
      importedRows: total - badRows,
      data: listId ? JSON.stringify({ listId }) : null,
      createdBy: ctx.actor.userId,
      unitId,
      createdAt: now,
      updatedAt: now,
      finishedAt: now,
    })
    await issues.add(exec, id, found)
    const errors = found
      .filter((e) => e.severity === 'error')
      .slice(0, REPORTED_ERRORS)
      .map((e) => ({ rowNo: e.rowNo, columnName: e.column, value: e.value, reason: e.message }))
    return { id, kind, fileName: file.fileName, totalRows: total, okRows: total - badRows, errorRows: badRows, errors, listId }
  }

  /** Every mapped row of a (bounded) register file, through the import kit, and the file's facts for its run. */
  async function readAll<K extends string>(path: string, fileName: string, spec: TableSpec<K>): Promise<{ rows: MappedRow<K>[]; facts: FileFacts }> {
    const rows: MappedRow<K>[] = []
    const format = await detectFileFormat(path, fileName)
    for await (const batch of mappedRows(readRows(path, format), spec)) rows.push(...batch)
    const bytes = await readFile(path)
    return { rows, facts: { fileName, format, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } }
  }

  /**
   * Imports the check-item list from Excel/CSV (layout of ITEM_COLUMNS): valid rows are created or
   * updated by code, each bad cell gets a reason in the error report, the whole file is audited.
   */
  async function importItems(ctx: Ctx, file: { path: string; fileName: string }): Promise<ImportSummary> {
    const scope = assertCan(ctx.actor, 'inspection.manage')
    try {
      const { rows, facts } = await readAll(file.path, file.fileName, ITEM_IMPORT)
      const units = await db.selectFrom('orgUnit').select(['id', 'code', 'name', 'path']).execute()
      const unitBy = new Map<string, (typeof units)[number]>()
      for (const u of units) {
        unitBy.set(u.code, u)
        unitBy.set(u.name, u)
      }
      const errors: RowIssue[] = []
      const good: ItemBody[] = []
      const seen = new Set<string>()
      for (const { rowNo, record } of rows) {
        const get = (h: ItemColumn) => record[h]
        const errs: RowIssue[] = []
        const err = (columnName: string, value: string, reason: string) => errs.push(issue(rowNo, columnName, value, reason))
        const code = get('事项编码').toUpperCase()
        if (!/^[A-Z0-9-]{2,40}$/.test(code)) err('事项编码', code, '事项编码应为 2–40 位字母、数字或连字符')
        else if (seen.has(code)) err('事项编码', code, '文件中事项编码重复')
        const name = get('事项名称')
        if (name.length < 2 || name.length > 200) err('事项名称', name, '事项名称应为 2–200 字')
        const basis = get('法律依据')
        if (basis.length < 2 || basis.length > 2000) err('法律依据', basis, '法律依据应为 2–2000 字')
        const unitRaw = get('实施部门')
        const unit = unitBy.get(unitRaw)
        if (!unit) err('实施部门', unitRaw, '实施部门不存在（填写机构编码或全称）')
        else if (!unitPathInScope(scope, unit.id, unit.path)) err('实施部门', unitRaw, '实施部门不在您的管辖范围内')
        const kindsRaw = get('适用主体类型')
        const kinds: EntityKindCode[] = []
        if (kindsRaw && kindsRaw !== '全部') {
          for (const p of kindsRaw.split(/[,，、;；\s]+/).filter(Boolean)) {
            const k = KIND_BY_LABEL.get(p) ?? ((ENTITY_KIND_CODES as readonly string[]).includes(p) ? (p as EntityKindCode) : undefined)
            if (!k) err('适用主体类型', p, `主体类型“${p}”无法识别（企业、个体工商户、农民专业合作社、其他）`)
            else if (!kinds.includes(k)) kinds.push(k)
          }
        }
        const cat = get('事项类别')
        if (!['重点', '一般', '重点检查事项', '一般检查事项'].includes(cat)) err('事项类别', cat, '事项类别应为“重点”或“一般”')
        const method = get('检查方式')
        if (method.length < 2 || method.length > 500) err('检查方式', method, '检查方式应为 2–500 字')
        const options: ResultCode[] = []
        for (const p of get('检查结果选项')
          .split(/[,，、;；\n]+/)
          .map((s) => s.trim())
          .filter(Boolean)) {
          const o = RESULT_BY_LABEL.get(p) ?? ((RESULT_CODES as readonly string[]).includes(p) ? (p as ResultCode) : undefined)
          if (!o) err('检查结果选项', p, `检查结果“${p}”不在结果目录中`)
          else if (!options.includes(o)) options.push(o)
        }
        if (options.length === 0 && !errs.some((e) => e.column === '检查结果选项')) err('检查结果选项', '', '至少填写一个检查结果选项')
        const lineRaw = get('业务条线')
        const line = LINE_BY_LABEL.get(lineRaw) ?? (lineRaw in BUSINESS_LINES ? (lineRaw as BusinessLine) : undefined)
        if (!line) err('业务条线', lineRaw, `业务条线“${lineRaw}”无法识别`)
        const status = get('状态')
        if (status && !['启用', '停用'].includes(status)) err('状态', status, '状态应为“启用”或“停用”')
        if (errs.length) {
          errors.push(...errs)
          continue
        }
        seen.add(code)
        good.push({
          code,
          name,
          legalBasis: basis,
          unitId: unit!.id,
          entityKinds: kinds,
          isKey: cat.startsWith('重点'),
          checkMethod: method,
          resultOptions: options,
          businessLine: line!,
          active: status !== '停用',
        })
      }
      const total = rows.length
      return await db.transaction().execute(async (trx) => {
        const now = clock.now().toISOString()
        let created = 0
        let updated = 0
        for (const g of good) {
          const old = await trx.selectFrom('inspectionItem').selectAll().where('code', '=', g.code).executeTakeFirst()
          if (old) {
            if (!unitPathInScope(scope, old.unitId, units.find((u) => u.id === old.unitId)?.path ?? '')) {
              errors.push(issue(0, '事项编码', g.code, '已有同编码事项，其实施部门不在您的管辖范围内，未更新'))
              continue
            }
            await trx
              .updateTable('inspectionItem')
              .set({ ...itemRow(g, now, ctx.actor.userId), version: old.version + 1 })
              .where('id', '=', old.id)
              .execute()
            updated++
          } else {
            await trx
              .insertInto('inspectionItem')
              .values({ id: newId(), ...itemRow(g, now, ctx.actor.userId), version: 1, createdAt: now })
              .execute()
            created++
          }
        }
        const summary = await saveImport(ctx, 'items', facts, ctx.actor.primaryUnitId, null, total, errors, trx)
        await audit.record(trx, ctx, {
          action: 'inspection.item.import',
          targetType: 'inspection_import',
          targetId: summary.id,
          targetLabel: file.fileName,
          after: { total, created, updated, errorRows: summary.errorRows },
        })
        return summary
      })
    } finally {
      await rm(file.path, { force: true }).catch(() => undefined)
    }
  }

  const visibleImport = (ctx: Ctx, id: string) => runs.visible(ctx, INSPECTION_IMPORT, id, '导入记录')

  async function writeImportErrorReport(ctx: Ctx, id: string, out: Writable): Promise<void> {
    await visibleImport(ctx, id)
    await issues.writeReport(id, out)
  }

  // ------------------------------------------------------------------------------- special lists

  /**
   * A special target list (特定对象名录) from a file of USCCs: each code is checked (GB 32100),
   * looked up in the register and must lie within the list unit's territory; bad rows go to the
   * error report, the rest become the list.
   */
  async function importSpecialList(
    ctx: Ctx,
    input: { name: string; unitId: string; note?: string },
    file: { path: string; fileName: string },
  ): Promise<ImportSummary> {
    try {
      const unit = await assertUnitInScope(db, ctx, 'inspection.manage', input.unitId, '所属机构')
      const root = await jurisdictionRoot(db, unit)
      const { rows, facts } = await readAll(file.path, file.fileName, LIST_IMPORT)
      const errors: RowIssue[] = []
      const codes = new Map<string, number>()
      const COL = LIST_IMPORT.columns.uscc.label
      for (const { rowNo, record } of rows) {
        const raw = record.uscc.toUpperCase()
        if (!raw) continue
        const v = checkUscc(raw)
        if (!v.valid) errors.push(issue(rowNo, COL, raw, v.reason))
        else if (codes.has(v.code)) errors.push(issue(rowNo, COL, raw, `与第 ${codes.get(v.code)} 行重复`))
        else {
          codes.set(v.code, rowNo)
          // Valid under GB 32100 whatever its division code; a retired or unknown one is reported.
          for (const w of v.warnings) errors.push(issue(rowNo, COL, raw, w, 'warning'))
        }
      }
      const found = new Map<string, { id: string; inTerritory: boolean }>()
      const keys = [...codes.keys()]
      for (let i = 0; i < keys.length; i += 500) {
        const part = await db
          .selectFrom('marketEntity')
          .leftJoin('orgUnit', 'orgUnit.id', 'marketEntity.stationUnitId')
          .select(['marketEntity.id', 'marketEntity.recordKey', 'orgUnit.path'])
          .where('marketEntity.recordKey', 'in', keys.slice(i, i + 500))
          .execute()
        for (const p of part) found.set(p.recordKey, { id: p.id, inTerritory: !!p.path && p.path.startsWith(root.path) })
      }
      const members: string[] = []
      for (const [code, rowNo] of codes) {
        const f = found.get(code)
        if (!f) errors.push(issue(rowNo, COL, code, '经营主体名录中没有该代码'))
        else if (!f.inTerritory) errors.push(issue(rowNo, COL, code, `该主体不在${root.name}辖区内`))
        else members.push(f.id)
      }
      errors.sort((a, b) => a.rowNo - b.rowNo)
      return await db.transaction().execute(async (trx) => {
        const listId = newId()
        const now = clock.now().toISOString()
        await trx
          .insertInto('inspectionSpecialList')
          .values({
            id: listId,
            name: input.name,
            unitId: unit.id,
            note: input.note ?? null,
            memberCount: members.length,
            createdBy: ctx.actor.userId,
            createdAt: now,
          })
          .execute()
        for (let i = 0; i < members.length; i += 500)
          await trx
            .insertInto('inspectionSpecialMember')
            .values(members.slice(i, i + 500).map((entityId) => ({ listId, entityId })))
            .execute()
        const summary = await saveImport(ctx, 'special_list', facts, unit.id, listId, rows.length, errors, trx)
        await audit.record(trx, ctx, {
          action: 'inspection.list.import',
          targetType: 'inspection_special_list',
          targetId: listId,
          targetLabel: input.name,
          unitId: unit.id,
          after: { fileName: file.fileName, members: members.length, errorRows: summary.errorRows },
        })
        return summary
      })
    } finally {
      await rm(file.path, { force: true }).catch(() => undefined)
    }
  }

  async function listSpecialLists(ctx: Ctx) {
    const scope = assertCan(ctx.actor, 'inspection.read')
    const rows = await db
      .selectFrom('inspectionSpecialList')
      .selectAll()
      .where((eb) => inScope(eb, scope, ctx.actor, 'inspection_special_list.unit_id'))
      .orderBy('createdAt', 'desc')
      .limit(200)
      .execute()
    const names = await unitNames(
      db,
      rows.map((r) => r.unitId),
    )
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        unitId: r.unitId,
        unitName: names.get(r.unitId) ?? null,
        note: r.note,
        memberCount: r.memberCount,
        createdAt: r.createdAt,
      })),
    }
  }

  // ------------------------------------------------------------------------------- inspectors

  async function listInspectors(ctx: Ctx, q: InspectorQuery) {
    const scope = assertCan(ctx.actor, 'inspection.read')
    let b = db
      .selectFrom('inspectionInspector')
      .innerJoin('appUser', 'appUser.id', 'inspectionInspector.userId')
      .where((eb) => inScope(eb, scope, ctx.actor, 'inspection_inspector.unit_id'))
    if (q.unitId)
      b = b.where(
        sql<boolean>`inspection_inspector.unit_id in (select ou.id from org_unit ou where ou.path like (select p.path || '%' from org_unit p where p.id = ${q.unitId}))`,
      )
    if (q.line) b = b.where('inspectionInspector.lines', 'like', `%|${q.line}|%`)
    if (q.q) b = b.where(likeEscaped(dialect, 'app_user.display_name', `%${escapeLike(q.q)}%`))
    const [rows, n] = await Promise.all([
      b
        .selectAll('inspectionInspector')
        .select(['appUser.username', 'appUser.displayName', 'appUser.certNo', 'appUser.passwordHash', 'appUser.status'])
        .orderBy('inspectionInspector.unitId')
        .orderBy('appUser.displayName')
        .limit(q.pageSize)
        .offset(offsetOf(q))
        .execute(),
      b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    const names = await unitNames(
      db,
      rows.map((r) => r.unitId),
    )
    const today = chinaDate(clock.now())
    const counts = rows.length
      ? await db
          .selectFrom('inspectionConflict')
          .select(['userId', (eb) => eb.fn.countAll<number>().as('n')])
          .where(
            'userId',
            'in',
            rows.map((r) => r.userId),
          )
          .where('validFrom', '<=', today)
          .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', today)]))
          .groupBy('userId')
          .execute()
      : []
    const countOf = new Map(counts.map((c) => [c.userId, Number(c.n)]))
    return {
      items: rows.map((r) => ({
        userId: r.userId,
        username: r.username,
        displayName: r.displayName,
        certNo: r.certNo,
        unitId: r.unitId,
        unitName: names.get(r.unitId) ?? null,
        lines: unpackCodes(r.lines).map((c) => ({ code: c, label: BUSINESS_LINES[c as BusinessLine] ?? c })),
        maxLoad: r.maxLoad,
        active: toBool(r.active),
        note: r.note,
        conflictCount: countOf.get(r.userId) ?? 0,
        loginEnabled: !!r.passwordHash && r.status === 'active',
      })),
      total: Number(n.n),
      page: q.page,
      pageSize: q.pageSize,
    }
  }

  /** Users with an enforcement certificate (执法证) in the actor's reach, not yet in the register. */
  async function inspectorCandidates(ctx: Ctx) {
    const scope = assertCan(ctx.actor, 'inspection.manage')
    const rows = await db
      .selectFrom('appUser')
      .innerJoin('userUnit', (j) => j.onRef('userUnit.userId', '=', 'appUser.id').on('userUnit.isPrimary', '=', 1))
      .leftJoin('inspectionInspector', 'inspectionInspector.userId', 'appUser.id')
      .select(['appUser.id', 'appUser.username', 'appUser.displayName', 'appUser.certNo', 'userUnit.unitId'])
      .where('appUser.certNo', 'is not', null)
      .where('appUser.status', '=', 'active')
      .where('inspectionInspector.userId', 'is', null)
      .where((eb) => inScope(eb, scope, ctx.actor, 'user_unit.unit_id'))
      .orderBy('appUser.displayName')
      .limit(500)
      .execute()
    const names = await unitNames(
      db,
      rows.map((r) => r.unitId),
    )
    return {
      items: rows.map((r) => ({
        userId: r.id,
        username: r.username,
        displayName: r.displayName,
        certNo: r.certNo,
        unitId: r.unitId,
        unitName: names.get(r.unitId) ?? null,
      })),
    }
  }

  /** Adds a certified user to the register or updates their entry. */
  async function saveInspector(ctx: Ctx, userId: string, body: InspectorBody) {
    await db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('appUser').select(['id', 'displayName', 'certNo', 'status']).where('id', '=', userId).executeTakeFirst()
      if (!user) throw notFound('用户', userId)
      if (!user.certNo) throw validation(`${user.displayName}没有登记执法证号，不能列入执法检查人员名录`)
      await assertUnitInScope(trx, ctx, 'inspection.manage', body.unitId, '所属机构')
      const old = await trx.selectFrom('inspectionInspector').selectAll().where('userId', '=', userId).executeTakeFirst()
      if (old) await assertUnitInScope(trx, ctx, 'inspection.manage', old.unitId, '原所属机构')
      const now = clock.now().toISOString()
      const row = { unitId: body.unitId, lines: packCodes(body.lines), maxLoad: body.maxLoad, active: fromBool(body.active), note: body.note, updatedAt: now }
      if (old)
        await trx
          .updateTable('inspectionInspector')
          .set({ ...row, version: old.version + 1 })
          .where('userId', '=', userId)
          .execute()
      else
        await trx
          .insertInto('inspectionInspector')
          .values({ userId, ...row, version: 1, createdAt: now })
          .execute()
      await audit.record(trx, ctx, {
        action: old ? 'inspection.inspector.update' : 'inspection.inspector.add',
        targetType: 'inspection_inspector',
        targetId: userId,
        targetLabel: user.displayName,
        unitId: body.unitId,
        before: old ?? null,
        after: row,
      })
    })
    const one = await db
      .selectFrom('inspectionInspector')
      .innerJoin('appUser', 'appUser.id', 'inspectionInspector.userId')
      .selectAll('inspectionInspector')
      .select(['appUser.username', 'appUser.displayName', 'appUser.certNo', 'appUser.passwordHash', 'appUser.status'])
      .where('inspectionInspector.userId', '=', userId)
      .executeTakeFirstOrThrow()
    return {
      userId: one.userId,
      username: one.username,
      displayName: one.displayName,
      certNo: one.certNo,
      unitId: one.unitId,
      unitName: (await unitNames(db, [one.unitId])).get(one.unitId) ?? null,
      lines: unpackCodes(one.lines).map((c) => ({ code: c, label: BUSINESS_LINES[c as BusinessLine] ?? c })),
      maxLoad: one.maxLoad,
      active: toBool(one.active),
      note: one.note,
      conflictCount: 0,
      loginEnabled: !!one.passwordHash && one.status === 'active',
    }
  }

  async function inspectorInReach(exec: Executor, ctx: Ctx, permission: string, userId: string) {
    const scope = assertCan(ctx.actor, permission)
    const row = await exec
      .selectFrom('inspectionInspector')
      .innerJoin('orgUnit', 'orgUnit.id', 'inspectionInspector.unitId')
      .select(['inspectionInspector.userId', 'inspectionInspector.unitId', 'orgUnit.path'])
      .where('inspectionInspector.userId', '=', userId)
      .executeTakeFirst()
    if (!row || !unitPathInScope(scope, row.unitId, row.path)) throw notFound('检查人员', userId)
    return row
  }

  async function listConflicts(ctx: Ctx, userId: string) {
    await inspectorInReach(db, ctx, 'inspection.read', userId)
    const rows = await db
      .selectFrom('inspectionConflict')
      .leftJoin('marketEntity', 'marketEntity.id', 'inspectionConflict.entityId')
      .selectAll('inspectionConflict')
      .select(['marketEntity.name as entityName', 'marketEntity.uscc'])
      .where('inspectionConflict.userId', '=', userId)
      .orderBy('inspectionConflict.createdAt', 'desc')
      .execute()
    return {
      items: rows.map((r) => ({
        id: r.id,
        userId: r.userId,
        entityId: r.entityId,
        entityName: r.entityName ?? null,
        uscc: r.uscc ?? null,
        kind: r.kind,
        kindLabel: CONFLICT_KINDS[r.kind as ConflictKind] ?? r.kind,
        reason: r.reason,
        validFrom: r.validFrom,
        validTo: r.validTo,
        createdAt: r.createdAt,
      })),
    }
  }

  /** Records a declared conflict of interest (回避): the draw never assigns this pair. */
  async function addConflict(ctx: Ctx, userId: string, body: ConflictBody) {
    const id = newId()
    await db.transaction().execute(async (trx) => {
      const insp = await inspectorInReach(trx, ctx, 'inspection.manage', userId)
      const entity = await trx.selectFrom('marketEntity').select(['id', 'name']).where('id', '=', body.entityId).executeTakeFirst()
      if (!entity) throw validation('经营主体不存在')
      const row = {
        id,
        userId,
        entityId: body.entityId,
        kind: body.kind,
        reason: body.reason,
        validFrom: body.validFrom,
        validTo: body.validTo,
        createdAt: clock.now().toISOString(),
        createdBy: ctx.actor.userId,
      }
      await trx.insertInto('inspectionConflict').values(row).execute()
      await audit.record(trx, ctx, {
        action: 'inspection.conflict.add',
        targetType: 'inspection_inspector',
        targetId: userId,
        targetLabel: entity.name,
        unitId: insp.unitId,
        after: row,
      })
    })
    return (await listConflicts(ctx, userId)).items.find((c) => c.id === id)!
  }

  async function removeConflict(ctx: Ctx, id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const c = await trx.selectFrom('inspectionConflict').selectAll().where('id', '=', id).executeTakeFirst()
      if (!c) throw notFound('利害关系声明', id)
      const insp = await inspectorInReach(trx, ctx, 'inspection.manage', c.userId).catch(() => {
        throw notFound('利害关系声明', id)
      })
      await trx.deleteFrom('inspectionConflict').where('id', '=', id).execute()
      await audit.record(trx, ctx, {
        action: 'inspection.conflict.remove',
        targetType: 'inspection_inspector',
        targetId: c.userId,
        unitId: insp.unitId,
        before: c,
      })
    })
  }

  return {
    listItems,
    getItem,
    createItem,
    updateItem,
    exportItems,
    importItems,
    writeImportErrorReport,
    visibleImport,
    importSpecialList,
    listSpecialLists,
    listInspectors,
    inspectorCandidates,
    saveInspector,
    listConflicts,
    addConflict,
    removeConflict,
    /** Checked before a streamed response starts. */
    assertCan: (ctx: Ctx, permission: string) => {
      assertCan(ctx.actor, permission)
    },
    loadUnit: (id: string) => loadUnit(db, id),
  }
}
export type InspectionCatalog = ReturnType<typeof createInspectionCatalog>

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'expectedVersion')) as Partial<T>
}

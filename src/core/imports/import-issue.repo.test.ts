import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, rawSql, unitId, type TestApp } from '../../../test/helpers'
import * as migration from '../db/migrations/20261208010000_import_issue'
import * as runMigration from '../db/migrations/20261209010000_import_run'
import { createIssueStore } from './store'

/**
 * The one issue table and the one run table: migration 20261208010000 moves the three earlier
 * histories' row errors (the register's import_error, the inspections' inspection_import_error, the
 * 12315 batches' errors_json) into import_issue, and 20261209010000 moves the three histories
 * themselves (import_job, complaint_import, inspection_import) into import_run, keeping their ids,
 * on both engines, and back.
 */
describe('import_issue migration', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
  })
  afterAll(async () => t?.close())

  it('moves every earlier row error into import_issue, with severity error', async () => {
    const db = t.s.deps.db
    await runMigration.down(db)
    await migration.down(db)
    const unit = await unitId(t, 'JZ-410802')
    const now = '2026-12-01T00:00:00.000Z'
    await rawSql(
      t,
      `insert into import_job (id, kind, file_name, file_path, file_size, format, status, phase, total_rows, valid_rows, error_rows, processed_rows, inserted_rows, updated_rows, checkpoint_row, created_at, updated_at)
       values ('job-1', 'entities', 'a.csv', '/tmp/a.csv', 10, 'csv', 'validated', null, 2, 1, 1, 2, 0, 0, 0, '${now}', '${now}')`,
    )
    await rawSql(t, `insert into import_error (job_id, row_no, column_name, value, reason) values ('job-1', 3, '名称', null, '名称不能为空')`)
    await rawSql(
      t,
      `insert into inspection_import (id, kind, file_name, total_rows, ok_rows, error_rows, created_at) values ('insp-1', 'items', 'b.xlsx', 1, 0, 1, '${now}')`,
    )
    await rawSql(
      t,
      `insert into inspection_import_error (import_id, row_no, column_name, value, reason) values ('insp-1', 2, '事项编码', 'x', '事项编码应为 2–40 位')`,
    )
    const errorsJson = JSON.stringify([
      { rowNo: 2, column: '接收时间', value: '2026-13-05', reason: '接收时间的月份 13 不存在' },
      { rowNo: 4, column: '分类', value: null, reason: '分类应为：…' },
    ])
    await rawSql(
      t,
      `insert into complaint_import (id, file_name, format, status, total_rows, valid_rows, error_rows, rows_json, errors_json, unit_id, created_at, updated_at)
       values ('cmp-1', 'c.json', 'json', 'validated', 3, 1, 2, '[]', '${errorsJson}', '${unit}', '${now}', '${now}')`,
    )
    await migration.up(db)
    await runMigration.up(db)
    const rows = await rawSql<{ runId: string; rowNo: number; columnName: string; value: string | null; reason: string; severity: string }>(
      t,
      'select run_id, row_no, column_name, value, reason, severity from import_issue order by run_id, row_no',
    )
    expect(rows.filter((r) => ['cmp-1', 'insp-1', 'job-1'].includes(r.runId)).map((r) => ({ ...r, rowNo: Number(r.rowNo) }))).toEqual([
      { runId: 'cmp-1', rowNo: 2, columnName: '接收时间', value: '2026-13-05', reason: '接收时间的月份 13 不存在', severity: 'error' },
      { runId: 'cmp-1', rowNo: 4, columnName: '分类', value: null, reason: '分类应为：…', severity: 'error' },
      { runId: 'insp-1', rowNo: 2, columnName: '事项编码', value: 'x', reason: '事项编码应为 2–40 位', severity: 'error' },
      { runId: 'job-1', rowNo: 3, columnName: '名称', value: null, reason: '名称不能为空', severity: 'error' },
    ])
    const runs = await rawSql<Record<string, unknown>>(
      t,
      `select id, kind, variant, file_name, status, mode, total_rows, valid_rows, error_rows, warning_rows, imported_rows, data, unit_id, finished_at
       from import_run where id in ('cmp-1', 'insp-1', 'job-1') order by id`,
    )
    const num = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, /Rows$/.test(k) ? Number(v) : v]))
    expect(runs.map(num)).toEqual([
      {
        id: 'cmp-1',
        kind: 'complaints',
        variant: null,
        fileName: 'c.json',
        status: 'validated',
        mode: null,
        totalRows: 3,
        validRows: 1,
        errorRows: 2,
        warningRows: 0,
        importedRows: 0,
        data: '[]',
        unitId: unit,
        finishedAt: null,
      },
      {
        id: 'insp-1',
        kind: 'inspections',
        variant: 'items',
        fileName: 'b.xlsx',
        status: 'done',
        mode: 'valid_only',
        totalRows: 1,
        validRows: 0,
        errorRows: 1,
        warningRows: 0,
        importedRows: 0,
        data: null,
        unitId: null,
        finishedAt: now,
      },
      {
        id: 'job-1',
        kind: 'entities',
        variant: null,
        fileName: 'a.csv',
        status: 'validated',
        mode: null,
        totalRows: 2,
        validRows: 1,
        errorRows: 1,
        warningRows: 0,
        importedRows: 0,
        data: null,
        unitId: null,
        finishedAt: null,
      },
    ])
    for (const old of ['import_job', 'complaint_import', 'inspection_import']) await expect(rawSql(t, `select count(*) from ${old}`)).rejects.toThrow()
    const store = createIssueStore(db)
    expect(await store.count('cmp-1')).toBe(2)
    expect((await store.page('job-1', { page: 1, pageSize: 10 })).items).toEqual([
      { rowNo: 3, columnName: '名称', value: null, reason: '名称不能为空', severity: 'error' },
    ])
  })

  it('moves the runs back on the way down (ids kept), and up again', async () => {
    const db = t.s.deps.db
    const before = await rawSql<{ id: string; kind: string }>(t, 'select id, kind from import_run order by id')
    await runMigration.down(db)
    const back = [
      ...(await rawSql<{ id: string }>(t, 'select id from import_job')).map((r) => ({ id: r.id, kind: 'entities' })),
      ...(await rawSql<{ id: string }>(t, 'select id from complaint_import')).map((r) => ({ id: r.id, kind: 'complaints' })),
      ...(await rawSql<{ id: string }>(t, 'select id from inspection_import')).map((r) => ({ id: r.id, kind: 'inspections' })),
    ].sort((a, b) => (a.id < b.id ? -1 : 1))
    expect(back).toEqual(before)
    await runMigration.up(db)
    expect(await rawSql(t, 'select id, kind from import_run order by id')).toEqual(before)
  })

  it('pages a run whole rows at a time and counts warned rows per run', async () => {
    const db = t.s.deps.db
    const store = createIssueStore(db)
    await store.add(db, 'run-w', [
      { rowNo: 5, column: '统一社会信用代码', value: 'A', message: '历史区划码', severity: 'warning' },
      { rowNo: 5, column: '名称', value: null, message: '名称不能为空', severity: 'error' },
      { rowNo: 7, column: '统一社会信用代码', value: 'B', message: '未知区划码', severity: 'warning' },
    ])
    expect(Object.fromEntries(await store.warnedRows(['run-w', 'none']))).toEqual({ 'run-w': 2 })
    expect(await store.count('run-w', 'error')).toBe(1)
    const pages: number[][] = []
    for await (const p of store.pages('run-w')) pages.push(p.map((i) => i.rowNo))
    expect(pages).toEqual([[5, 5, 7]])
    await store.clear(db, 'run-w')
    expect(await store.count('run-w')).toBe(0)
  })
})

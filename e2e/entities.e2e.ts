import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { composeUscc } from '../src/modules/entities'
import { apiLogin, launchBrowser, login, motion, newSession, pickOption, ROOT, settle, shot, startServer, textOf, visible, type TestServer } from './support'

/**
 * 经营主体名录 in the browser: import with error rows (validate → error report → valid rows only),
 * search and profile, a district handler's data scope, manual registration with the checksum
 * exception. The server starts with an empty register; every test brings its own rows.
 */

type Row = Record<string, string>

/** `jianguan entities generate` output (deterministic: the first N rows never change). */
function generate(dir: string, count: number): { header: string[]; rows: Row[] } {
  const file = join(dir, `generated-${count}.csv`)
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/jianguan.mjs'), 'entities', 'generate', file, '--count', String(count)], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`entities generate 失败：${r.stderr}`)
  const records = parse(readFileSync(file), { bom: true, columns: false, skip_empty_lines: true })
  const header = records[0]!
  return { header, rows: records.slice(1).map((rec) => Object.fromEntries(header.map((h, i) => [h, rec[i] ?? '']))) }
}

const toCsv = (header: string[], rows: Row[]) =>
  '\ufeff' +
  [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))]
    .map((cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\n') +
  '\n'

/** Another character than the right check character (GB 32100 uses 0-9 and A-Z without I O S V Z). */
const wrongCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0')

/** Waits until an import job finished (API). */
async function waitForJob(api: Awaited<ReturnType<typeof apiLogin>>, id: string): Promise<{ status: string; insertedRows: number }> {
  for (let i = 0; i < 200; i++) {
    const j = (await (await api.request('GET', `/api/entities-import/jobs/${id}`)).json()) as { status: string; insertedRows: number }
    if (j.status === 'done' || j.status === 'failed' || j.status === 'cancelled') return j
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error('导入任务未完成')
}

async function openMenu(page: Page, name: string, path: string) {
  await page.getByRole('menuitem', { name }).click()
  await page.waitForURL(`**${path}`)
  await settle(page)
}

describe('经营主体名录', () => {
  let server: TestServer
  let browser: Browser
  let dir: string
  let g300: { header: string[]; rows: Row[] }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jianguan-entities-e2e-'))
    g300 = generate(dir, 300)
    server = await startServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('导入带错误行的 Excel：校验、错误明细与报告、仅导入正确的行，再检索并打开主体档案', async () => {
    const { header, rows } = generate(dir, 30)
    // The first 30 rows are the same in every generated file.
    expect(rows.map((r) => r['统一社会信用代码'])).toEqual(g300.rows.slice(0, 30).map((r) => r['统一社会信用代码']))
    const badCheck: Row = { ...rows[5]!, 统一社会信用代码: wrongCheck(rows[5]!['统一社会信用代码']!), 名称: '焦作市校验位错误测试有限公司' }
    const duplicate: Row = { ...rows[0]!, 名称: '重复代码测试商行' }
    const badDate: Row = { ...g300.rows[30]!, 成立日期: '2023-02-30', 名称: '日期错误测试商行' }
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('经营主体')
    ws.addRow(header)
    for (const r of [...rows, badCheck, duplicate, badDate]) ws.addRow(header.map((h) => r[h] ?? ''))
    const xlsx = join(dir, '名录导入-测试.xlsx')
    await wb.xlsx.writeFile(xlsx)

    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'admin')
    await openMenu(page, '名录导入', '/entity-import')
    // The page is a lazily loaded chunk: the previous page's header may still be on screen.
    await expect.poll(() => textOf(page.locator('.page-header h4'))).toBe('名录导入')
    // The template help lists the columns and offers a CSV template.
    expect(await textOf(page.locator('.ant-card').filter({ hasText: '导入模板' }))).toContain('统一社会信用代码')
    expect(await page.getByRole('radio', { name: /校验后确认/ }).isChecked()).toBe(true)
    await shot(page, 'entities-import')

    await page.locator('.import-dragger input[type=file]').setInputFiles(xlsx)
    await page.waitForURL(/\/entity-import\?job=/)
    const jobUrl = page.url()
    const summary = page.getByTestId('import-summary')
    await visible(summary)
    const counts = await textOf(summary)
    expect(counts).toMatch(/数据行\s*33/)
    expect(counts).toMatch(/正确\s*30/)
    expect(counts).toMatch(/错误\s*3/)
    expect(await textOf(page.getByTestId('import-decision'))).toContain('有 3 行错误')
    // Only the two choices: no "import everything" while rows are wrong.
    expect(await page.getByTestId('import-all').count()).toBe(0)

    const table = page.getByTestId('import-errors')
    await expect.poll(() => table.locator('.ant-table-row').count()).toBe(3)
    const errorText = await textOf(table)
    expect(errorText).toContain(`第 18 位校验码错误：应为 ${rows[5]!['统一社会信用代码']!.slice(17)}`)
    expect(errorText).toContain('与第 2 行的代码重复')
    expect(errorText).toContain('2023-02-30')
    expect(errorText).toMatch(/日期.*无法识别或不存在/)
    // Row numbers as in the file (header = row 1).
    expect(await textOf(table.locator('.ant-table-row').first())).toMatch(/^32/)

    // The page survives a reload: the job comes back from the address bar.
    await page.reload()
    await visible(page.getByTestId('import-summary'))
    expect(page.url()).toBe(jobUrl)
    await settle(page)
    await shot(page, 'entities-import-validated')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('error-report').click()])
    expect(download.suggestedFilename()).toBe('名录导入-测试-错误报告.xlsx')
    const saved = join(dir, 'report.xlsx')
    await download.saveAs(saved)
    expect(statSync(saved).size).toBeGreaterThan(0)
    expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK')
    const report = new ExcelJS.Workbook()
    await report.xlsx.readFile(saved)
    expect(report.worksheets[0]!.rowCount).toBe(4)

    await page.getByTestId('import-valid-only').click()
    const result = page.getByTestId('import-result')
    await visible(result)
    expect(await textOf(result)).toContain('新增 30 户')
    expect(await textOf(result)).toContain('另有 3 行因错误未导入')
    await settle(page)
    await shot(page, 'entities-import-done')
    // The history lists the job as done.
    expect(await textOf(page.getByTestId('import-history').locator('.ant-table-row').first())).toContain('已导入 30')

    // Search the register by a part of a name from the file.
    const target = rows.find((r) => r['名称']!.includes('医用防护'))!
    await page.getByRole('button', { name: /查看经营主体名录/ }).click()
    await page.waitForURL('**/entities')
    await settle(page)
    expect(await textOf(page.getByTestId('entity-total'))).toBe('共 30 户')
    await page.locator('#entity-search-name').fill('医用防护')
    await page.getByTestId('entity-search').click()
    await page.waitForURL(/name=/)
    await settle(page)
    const expected = rows.filter((r) => r['名称']!.includes('医用防护')).length
    expect(expected).toBeGreaterThan(0)
    await expect.poll(() => textOf(page.getByTestId('entity-total'))).toBe(`共 ${expected} 户`)
    const hits = page.locator('.entity-table .ant-table-row')
    expect(await hits.count()).toBe(expected)
    for (const t of await hits.allInnerTexts()) expect(t).toContain('医用防护')
    // The search lives in the address bar: a reload keeps it.
    await page.reload()
    await settle(page)
    expect(await page.locator('#entity-search-name').inputValue()).toBe('医用防护')
    await expect.poll(() => hits.count()).toBe(expected)
    await shot(page, 'entities-list')

    await hits.filter({ hasText: target['名称']! }).first().click()
    await page.waitForURL(/\/entities\/[0-9a-f-]{36}$/)
    await settle(page)
    expect(await textOf(page.getByTestId('entity-name'))).toBe(target['名称'])
    const head = await textOf(page.getByTestId('entity-head'))
    expect(head).toContain(target['统一社会信用代码'])
    expect(head).toContain(target['法定代表人'])
    // Other modules add their tabs to the profile: the administrator reads inspections, not leads or credit.
    await visible(page.getByRole('tab', { name: /双随机抽查/ }))
    expect(await page.getByRole('tab', { name: /案源线索/ }).count()).toBe(0)
    await shot(page, 'entities-profile')
    await page.getByRole('tab', { name: /变更记录/ }).click()
    expect(await textOf(page.getByTestId('entity-versions'))).toContain('第 1 版 · 入库')

    // Back to the result list, search intact.
    await page.getByRole('button', { name: /返回检索结果/ }).click()
    await page.waitForURL(/\/entities\?name=/)
    expect(await page.locator('#entity-search-name').inputValue()).toBe('医用防护')

    expect(errors).toEqual([])
    await context.close()
  })

  it('办案人员（解放区）只能检索到解放区的经营主体，可导出', async () => {
    // Rows 32–300 of the generated file (row 31 is the bad-date row above; rows 1–30 the import above).
    const admin = await apiLogin(server.url, 'admin')
    const seed = g300.rows.slice(31)
    const up = await admin.upload('/api/entities-import/jobs?then=valid_only', '种子数据.csv', toCsv(g300.header, seed))
    expect(up.status).toBe(201)
    const job = await waitForJob(admin, ((await up.json()) as { id: string }).id)
    expect(job.status).toBe('done')
    const count = async (q: string) => ((await (await admin.request('GET', `/api/entities?pageSize=1&${q}`)).json()) as { total: number }).total
    const inDistrict = await count('division=410802')
    const all = await count('')
    expect(inDistrict).toBeGreaterThan(10)
    expect(all).toBeGreaterThan(inDistrict)
    const outside = seed.find((r) => !r['经营场所行政区划']!.startsWith('410802'))!

    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'handler')
    await page.waitForURL('**/work') // a handler lands on 我的待办
    await openMenu(page, '经营主体名录', '/entities')
    // Read and export only: no registration, no import menu.
    expect(await page.getByTestId('entity-create').count()).toBe(0)
    expect(await page.getByRole('menuitem', { name: '名录导入' }).count()).toBe(0)
    expect(await textOf(page.getByTestId('entity-total'))).toBe(`共 ${inDistrict} 户`)
    // Every row on the page lies in 解放区.
    const rowTexts = await page.locator('.entity-table .ant-table-row').allInnerTexts()
    expect(rowTexts.length).toBe(Math.min(20, inDistrict))
    for (const t of rowTexts) expect(t).toContain('解放区')
    // And the API agrees for every entity the handler can see.
    const seen = await page.evaluate(async () => {
      const r = await fetch('/api/entities?pageSize=200')
      return ((await r.json()) as { items: { businessDivision: string | null }[] }).items.map((e) => e.businessDivision ?? '')
    })
    expect(seen.length).toBe(inDistrict)
    for (const d of seen) expect(d.startsWith('410802')).toBe(true)

    // The division filter offers 解放区's townships only.
    await page.locator('#entity-search-division').click()
    const dropdown = page.locator('.ant-select-dropdown:visible')
    await visible(dropdown)
    // The options arrive with the unit list: wait for them rather than reading the drop-down at once.
    await expect.poll(() => dropdown.locator('.ant-select-item-option').count(), { timeout: 15_000 }).toBeGreaterThan(3)
    const options = await dropdown.locator('.ant-select-item-option').allInnerTexts()
    for (const o of options) expect(o).toContain('410802')
    await shot(page, 'entities-handler-division')
    await pickOption(page, '民生街道')
    await page.getByTestId('entity-search').click()
    await page.waitForURL(/division=410802001/)
    await settle(page)
    const inTownship = await count('division=410802001')
    await expect.poll(() => textOf(page.getByTestId('entity-total'))).toBe(`共 ${inTownship} 户`)
    for (const t of await page.locator('.entity-table .ant-table-row').allInnerTexts()) expect(t).toContain('民生街道')

    // An entity of another district is not found, even by its exact code.
    await page.getByRole('button', { name: /重\s*置/ }).click()
    // The reset re-reads the form from the (now empty) address, which can clear a field typed into
    // right after the click: type until the value stays.
    await page.waitForURL(/\/entities$/)
    await settle(page)
    const usccField = page.locator('#entity-search-uscc')
    const code = outside['统一社会信用代码']!
    await expect
      .poll(async () => {
        if ((await usccField.inputValue()) !== code) await usccField.fill(code)
        await page.waitForTimeout(200)
        return usccField.inputValue()
      })
      .toBe(code)
    await page.getByTestId('entity-search').click()
    await page.waitForURL(/uscc=/)
    await settle(page)
    await visible(page.getByText('没有符合条件的经营主体'))
    expect(await count(`uscc=${outside['统一社会信用代码']}`)).toBe(1)
    await page.getByRole('button', { name: /重\s*置/ }).click()
    await page.waitForURL((u) => !u.search.includes('uscc'))
    await settle(page)
    await shot(page, 'entities-handler')

    // 导出 Excel: a real .xlsx of the handler's entities.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('entity-export').click()])
    expect(download.suggestedFilename()).toMatch(/^经营主体名录-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const saved = join(dir, 'export.xlsx')
    await download.saveAs(saved)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(saved)
    expect(book.worksheets[0]!.rowCount).toBe(inDistrict + 1)

    // Two rows ticked (the click selects, it does not open the entity): 导出所选 gives exactly those two.
    const rows = page.locator('.entity-table .ant-table-row')
    const pickedNames = [
      (await rows.nth(0).locator('.entity-name-link').innerText()).trim(),
      (await rows.nth(2).locator('.entity-name-link').innerText()).trim(),
    ]
    await rows.nth(0).locator('.ant-checkbox-input').check()
    await rows.nth(2).locator('.ant-checkbox-input').check()
    expect(page.url()).toContain('/entities')
    expect(await textOf(page.getByTestId('selection-count'))).toBe('已选 2 项')
    const [picked] = await Promise.all([page.waitForEvent('download'), page.getByTestId('entity-batch-export').click()])
    const pickedFile = join(dir, 'selected.xlsx')
    await picked.saveAs(pickedFile)
    const pickedBook = new ExcelJS.Workbook()
    await pickedBook.xlsx.readFile(pickedFile)
    const exportedNames: string[] = []
    pickedBook.worksheets[0]!.eachRow((r, n) => {
      if (n > 1) exportedNames.push(String(r.getCell(3).value))
    })
    expect(exportedNames.sort()).toEqual(pickedNames.sort())
    await shot(page, 'entities-selected')

    // The home page counts the same entities, spread over 解放区's townships.
    await page.getByRole('menuitem', { name: '概览' }).click()
    await settle(page)
    await expect.poll(() => textOf(page.getByTestId('entity-dashboard'))).toMatch(new RegExp(`${inDistrict}\\s*户`))
    await page.waitForTimeout(1000) // chart animation
    await shot(page, 'entities-home-handler')

    expect(errors).toEqual([])
    await context.close()
  })

  it('手工登记：校验位错误时显示应有的校验字符，只有填写例外理由才能登记；编辑冲突提示刷新', async () => {
    const g400 = generate(dir, 400)
    const fresh = g400.rows[350]!
    const good = fresh['统一社会信用代码']!
    const bad = wrongCheck(good)

    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'credit')
    await openMenu(page, '经营主体名录', '/entities')

    // 批量校验代码.
    await page.getByRole('button', { name: /批量校验代码/ }).click()
    const batch = page.getByRole('dialog').filter({ hasText: '批量校验统一社会信用代码' })
    await visible(batch)
    // A code issued under a retired county code (411222 陕县, now 陕州区) is valid, with a warning.
    const retired = composeUscc('91', '411222', 'MA3X5B7Q')
    await batch.locator('#uscc-batch-input').fill(`${good}\n${bad}\n1234\n${retired}`)
    await batch.getByTestId('uscc-batch-run').click()
    const results = batch.getByTestId('uscc-batch-result')
    await expect.poll(() => results.locator('.ant-table-row').count()).toBe(4)
    const lines = await results.locator('.ant-table-row').allInnerTexts()
    expect(lines[0]).toContain('通过')
    expect(lines[1]).toContain(`应为 ${good.slice(17)}`)
    expect(lines[2]).toContain('应为 18 位')
    expect(lines[3]).toContain('通过')
    expect(await textOf(results.getByTestId('uscc-batch-warning'))).toContain('411222”（陕县）已不在现行行政区划代码表中')
    await shot(page, 'entities-uscc-batch')
    await batch
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click()
    await batch.waitFor({ state: 'hidden' })

    await page.getByTestId('entity-create').click()
    const drawer = page.getByRole('dialog').filter({ hasText: '新增经营主体（手工登记）' })
    await visible(drawer)
    await drawer.locator('#entity_uscc').fill(bad)
    const explain = drawer
      .locator('.ant-form-item')
      .filter({ has: page.locator('#entity_uscc') })
      .locator('.ant-form-item-explain-error')
    await expect.poll(() => explain.innerText().catch(() => '')).toContain(`应为 ${good.slice(17)}`)
    await drawer.locator('#entity_name').fill('焦作市早期试点测试有限公司')
    await drawer.locator('#entity_legalRep').fill('王试点')
    await drawer.getByTestId('entity-save').click()
    await motion(page)
    // Refused: still open, nothing registered.
    expect(await drawer.isVisible()).toBe(true)
    await shot(page, 'entities-create-bad-code')

    // The exception path needs a reason.
    const exception = drawer.getByTestId('uscc-exception')
    expect(await textOf(exception)).toContain(`第 18 位校验码错误：应为 ${good.slice(17)}`)
    await exception.getByText('按校验例外登记').click()
    await drawer.getByTestId('entity-save').click()
    await visible(drawer.getByText('请填写例外理由'))
    await drawer.locator('#entity_checksumExceptionReason').fill('早期试点代码，已核对营业执照原件')
    // A city-level officer sees the counties first and finds a township by name.
    await drawer.locator('#entity_businessDivision').click()
    await page.keyboard.type('民生')
    await pickOption(page, '民生街道')
    await drawer.getByTestId('entity-save').click()
    await page.waitForURL(/\/entities\/[0-9a-f-]{36}$/)
    await settle(page)
    expect(await textOf(page.getByTestId('entity-name'))).toBe('焦作市早期试点测试有限公司')
    const head = await textOf(page.getByTestId('entity-head'))
    expect(head).toContain(bad)
    expect(head).toContain('校验例外')
    expect(head).toContain('民生市场监管所')
    await shot(page, 'entities-profile-exception')

    // Edit while someone else saved first: the drawer says to refresh.
    await page.getByTestId('entity-edit').click()
    const edit = page.getByRole('dialog').filter({ hasText: '编辑经营主体：' })
    await visible(edit)
    const id = page.url().split('/').pop()!
    const other = await apiLogin(server.url, 'admin')
    const r = await other.request('PATCH', `/api/entities/${id}`, { expectedVersion: 1, riskClass: 'C' })
    expect(r.status).toBe(200)
    await edit.locator('#entity_legalRep').fill('王改名')
    await edit.getByTestId('entity-save').click()
    const alert = edit.getByTestId('form-error')
    await visible(alert)
    expect(await textOf(alert)).toContain('已被他人修改')
    await shot(page, 'entities-edit-conflict')
    await alert.getByRole('button', { name: /刷\s*新/ }).click()
    await expect.poll(() => edit.locator('#entity_legalRep').inputValue()).toBe('王试点')
    await edit.locator('#entity_legalRep').fill('王改名')
    await edit.locator('#entity_reason').fill('更正法定代表人')
    await edit.getByTestId('entity-save').click()
    await edit.waitFor({ state: 'hidden' })
    await expect.poll(() => textOf(page.getByTestId('entity-head'))).toContain('王改名')
    await page.getByRole('tab', { name: /变更记录/ }).click()
    const versions = await textOf(page.getByTestId('entity-versions'))
    expect(versions).toContain('第 2 版 → 第 3 版')
    expect(versions).toContain('王试点')
    expect(versions).toContain('王改名')
    expect(versions).toContain('C 类')
    await shot(page, 'entities-profile-versions')

    expect(errors).toEqual([])
    await context.close()
  })
})

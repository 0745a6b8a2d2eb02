import { join } from 'node:path'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import ExcelJS from 'exceljs'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { login, newSession, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * 任务中心 in the browser: the 12315 queue's 导出 Excel starts a background job, the message links
 * to the task centre, the job's progress bar reaches 100 % (the page polls while it runs), and 下载
 * saves the workbook with the queue's rows. The menu entry is there for every signed-in user.
 */
describe('任务中心', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('导出 Excel 在后台进行：进度条到 100%，下载得到工作簿', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'leader')
    await page.goto('/complaints?open=all')
    await settle(page)
    const shown = Number((await textOf(page.locator('.ant-pagination-total-text').first())).replace(/[^\d]/g, ''))
    expect(shown).toBeGreaterThan(0)

    await page.getByTestId('queue-export').click()
    const started = await visible(page.getByTestId('export-job-started'))
    expect(await textOf(started)).toContain('任务中心')
    await started.getByRole('link', { name: '任务中心' }).click()
    await page.waitForURL(/\/tasks$/)
    await settle(page)

    const row = page.locator('[data-testid^="job-row-"]').first()
    await visible(row)
    expect(await textOf(row)).toContain('导出诉求件（Excel）')
    const id = (await row.getAttribute('data-testid'))!.replace('job-row-', '')
    // The page polls every 2 s while the job is queued or running, with no reload by the user.
    await expect.poll(() => page.getByTestId(`job-progress-${id}`).getAttribute('data-percent'), { timeout: 30_000 }).toBe('100')
    expect(await textOf(page.getByTestId(`job-state-${id}`))).toBe('已完成')
    expect(await textOf(row)).toContain(`（${shown.toLocaleString('zh-CN')} 行）`)
    // The bar itself (a finished bar shows a tick instead of the figure).
    expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
    await shot(page, 'tasks-desktop')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`job-download-${id}`).click()])
    expect(download.suggestedFilename()).toMatch(/^诉求件-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const saved = join(mkdtempSync(join(tmpdir(), 'jg-tasks-')), 'export.xlsx')
    await download.saveAs(saved)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(saved)
    expect(book.worksheets[0]!.rowCount).toBe(shown + 1)
    expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe('编号')

    expect(errors).toEqual([])
    await context.close()
  })

  it('every signed-in user has the menu entry, and sees only their own jobs', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'inspector')
    await page.getByRole('menuitem', { name: '任务中心' }).click()
    await page.waitForURL(/\/tasks$/)
    await settle(page)
    await visible(page.getByText('还没有任务'))
    expect(await page.locator('[data-testid^="job-row-"]').count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })
})

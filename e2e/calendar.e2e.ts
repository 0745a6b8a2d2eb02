import ExcelJS from 'exceljs'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { login, newSession, settle, shot, textOf, visible, type TestServer, useServerAndBrowser } from './support'

/** (c) The calendar shows the 2020 Spring Festival and the calculator skips it. */
describe('工作日历', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('2020 年 1 月：1 月 31 日为春节假日；2020-01-20 起 7 个工作日届满于 2020-02-06', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'handler')
    await page.getByRole('menuitem', { name: '工作日历' }).click()
    await page.waitForURL('**/calendar')
    await settle(page)
    await shot(page, 'calendar')
    // The case handler may read the calendar but not import years.
    expect(await page.getByRole('button', { name: /导入年度安排/ }).count()).toBe(0)

    // Go to January 2020 with the month picker.
    await page.locator('#calendar-month').click()
    await page.locator('#calendar-month').fill('2020年1月')
    await page.keyboard.press('Enter')
    await page.waitForURL('**/calendar?month=2020-01')
    const jan31 = page.locator('[data-date="2020-01-31"]')
    await visible(jan31)
    expect(await jan31.getAttribute('data-kind')).toBe('holiday')
    const text = await textOf(jan31)
    expect(text).toContain('31')
    expect(text).toContain('春节')
    expect(text).toContain('休')
    // The Sunday before the festival was a make-up working day (调休上班).
    expect(await page.locator('[data-date="2020-01-19"]').getAttribute('data-kind')).toBe('adjusted_workday')
    expect(await page.locator('[data-date="2020-01-22"]').getAttribute('data-kind')).toBe('workday')

    await page.locator('#calc_start').click()
    await page.locator('#calc_start').fill('2020-01-20')
    await page.keyboard.press('Enter')
    await page.locator('#calc_length').fill('7')
    await page.getByTestId('calc-submit').click()
    expect(await textOf(page.getByTestId('calc-date'))).toContain('2020-02-06')
    expect(await textOf(page.getByTestId('calc-result'))).toContain('2020-01-20 起 7 个工作日')
    await shot(page, 'calendar-2020-01')

    // Next month, via the arrow: February 2020 still has the extended festival.
    await page.getByRole('button', { name: '下个月' }).click()
    await page.waitForURL('**/calendar?month=2020-02')
    expect(await page.locator('[data-date="2020-02-03"]').getAttribute('data-kind')).not.toBeNull()

    expect(errors).toEqual([])
    await context.close()
  })

  it('导入 holiday-cn JSON 与 Excel 年度安排后，缺失年度警告消失', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'admin')
    await page.goto('/calendar')
    await settle(page)
    const missing = await textOf(page.getByTestId('missing-years'))
    const year = Number(/尚未载入 (\d{4})/.exec(missing)?.[1])
    expect(year).toBeGreaterThan(2025)

    // A holiday-cn file for the missing year (test data: New Year off, one weekend make-up day).
    const sat = [...Array(14).keys()].map((i) => new Date(Date.UTC(year, 0, 3 + i))).find((d) => d.getUTCDay() === 6)!
    const holidayCn = {
      year,
      papers: [`测试用 ${year} 年放假安排`],
      days: [
        { name: '元旦', date: `${year}-01-01`, isOffDay: true },
        { name: '测试调休', date: sat.toISOString().slice(0, 10), isOffDay: false },
      ],
    }
    await page.getByRole('button', { name: /导入年度安排/ }).click()
    const modal = page.getByRole('dialog', { name: '导入年度节假日安排' })
    await visible(modal)
    await modal
      .locator('input[type=file]')
      .setInputFiles({ name: `${year}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(holidayCn)) })
    expect(await textOf(modal)).toContain(`${year} 年：放假 1 天、调休上班 1 天`)
    await shot(page, 'calendar-import')
    await modal.getByRole('button', { name: /导\s*入/ }).click()
    await modal.waitFor({ state: 'hidden' })
    await page.getByTestId('missing-years').waitFor({ state: 'detached' })
    await page.goto(`/calendar?month=${year}-01`)
    await settle(page)
    expect(await page.locator(`[data-date="${year}-01-01"]`).getAttribute('data-kind')).toBe('holiday')
    expect(await page.locator(`[data-date="${sat.toISOString().slice(0, 10)}"]`).getAttribute('data-kind')).toBe('adjusted_workday')

    // An Excel sheet (日期 / 类型 / 名称) for the year after.
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('节假日')
    ws.addRow(['日期', '类型', '名称'])
    ws.addRow([`${year + 1}-01-01`, '休', '元旦'])
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer())
    await page.getByRole('button', { name: /导入年度安排/ }).click()
    await visible(modal)
    await modal.getByRole('tab', { name: /Excel/ }).click()
    await modal.locator('.ant-input-number input').fill(String(year + 1))
    await modal
      .locator('input[type=file]')
      .setInputFiles({ name: `${year + 1}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx })
    expect(await textOf(modal)).toContain(`${year + 1}.xlsx`)
    await modal.getByRole('button', { name: /导\s*入/ }).click()
    await modal.waitFor({ state: 'hidden' })
    const row = page
      .locator('.ant-table-row')
      .filter({ hasText: String(year + 1) })
      .first()
    await visible(row)
    expect(await textOf(row)).toContain('手工导入')

    // A broken file is refused in the browser with a Chinese message.
    await page.getByRole('button', { name: /导入年度安排/ }).click()
    await modal.locator('input[type=file]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{not json') })
    expect(await textOf(modal.getByTestId('import-error'))).toContain('不是有效的 JSON 文件')
    expect(errors).toEqual([])
    await context.close()
  })
})

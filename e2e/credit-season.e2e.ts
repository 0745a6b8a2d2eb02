import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiLogin, login, newSession, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * 年度报告 (the season page) in the browser on the demo (today 2026-12-07): the season dashboard
 * for 2025 with its figures and the unit tree, the rate chart, the reminder tab, and a national-
 * system file uploaded, checked row by row and imported as a job, landing in the import history.
 */
describe('年度报告', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser(
    (s, b) => {
      server = s
      browser = b
    },
    { entities: 3000 },
  )

  it('看板、年报率、催报与国家系统年报导入', async () => {
    // A 2025 non-filer of the demo (a listing proposal of the after-season batch) to import a report for.
    const api = await apiLogin(server.url, 'credit')
    const r = (await (await api.request('GET', '/api/credit/listings?state=listed&reportYear=2025&pageSize=5')).json()) as { items: Array<{ uscc: string }> }
    const uscc = r.items[0]!.uscc

    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'credit')
    await page.goto('/credit-season')
    await visible(page.getByTestId('season-board'))
    expect(await textOf(page.getByTestId('season-board'))).toMatch(/应报[\s\S]*年报率[\s\S]*%/)
    await shot(page, 'hC-season-board')

    await page.getByRole('tab', { name: '年报率' }).click()
    await visible(page.getByTestId('rates-total'))
    await shot(page, 'hC-season-rates')

    await page.getByRole('tab', { name: '催报' }).click()
    await visible(page.getByTestId('reminders-build'))
    await shot(page, 'hC-season-reminders')

    await page.getByRole('tab', { name: '国家系统导入' }).click()
    const csv = [
      '统一社会信用代码,年度,报送日期,通信地址,联系电话,经营状态',
      `${uscc},2025,2026-08-03,焦作市解放区民主路1号,0391-1234567,开业`,
      `${uscc},2025,2026-08-04,焦作市解放区民主路1号,0391-1234567,开业`,
      '91410802MA0000000X,2025,2026-02-30,某地,0391-1,营业中',
    ].join('\n')
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: '国家系统年报.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await visible(page.getByTestId('report-import-result'))
    const result = await textOf(page.getByTestId('report-import-result'))
    expect(result).toContain('与第 2 行重复')
    expect(result).toContain('没有 30 日')
    await shot(page, 'hC-season-import-checked')
    await page.getByTestId('report-import-valid').click()
    await visible(page.getByTestId('import-history').getByText('国家系统年报.csv').first())
    await expect.poll(async () => textOf(page.getByTestId('import-history')), { timeout: 20_000 }).toContain('已完成')
    await shot(page, 'hC-season-import-done')
    expect(errors).toEqual([])
    await context.close()
  })
})

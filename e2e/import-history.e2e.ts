import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, login, newSession, settle, shot, startServer, textOf, visible, type TestServer } from './support'

/**
 * The import history (issue 12 point 4): one list on every import page — file, who, when, status,
 * counts and the error report — here on the 12315 platform-transfer import, with a row whose
 * receipt date has month 13 (a row error, not a failed batch).
 */
describe('导入记录', () => {
  let server: TestServer
  let browser: Browser
  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('平台转办导入完成后，导入记录列出文件、上传人、时间、状态、行数与错误报告', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'operator')
    await page.getByRole('menuitem', { name: '平台转办导入' }).click()
    await page.waitForURL('**/complaint-import')
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10)
    const csv = [
      '平台编号,类型,接收时间,分类,摘要,诉求,事实,姓名,电话,地址,被投诉人,被投诉人地址,行政区划',
      `HIS-0001,投诉,${yesterday} 09:30,价格,理发店办卡后拒绝退卡,退还余额,在该店办卡充值后店铺停业,孙丽丽,13603910001,焦作市解放区丰收路8号,焦作市解放区美发店,焦作市解放区丰收路9号,410802001`,
      `HIS-0002,投诉,2026-13-05 10:00,价格,月份写错的一行,退款,事实,周强,13603910002,焦作市解放区丰收路10号,焦作市解放区某店,焦作市解放区丰收路11号,410802001`,
    ].join('\r\n')
    await page
      .locator('.ant-upload input[type=file]')
      .setInputFiles({ name: '转办件-历史.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + csv, 'utf8') })
    await visible(page.getByTestId('import-summary'))
    expect(await textOf(page.getByTestId('import-errors'))).toContain('接收时间的月份 13 不存在')
    await page.getByTestId('import-valid-only').click()
    expect(await textOf(page.getByTestId('import-result'))).toContain('新增 1 件')

    const history = page.getByTestId('import-history')
    const row = history.locator('.ant-table-row').first()
    await expect.poll(() => textOf(row)).toContain('已导入 1')
    const text = await textOf(row)
    expect(text).toContain('转办件-历史.csv')
    expect(text).toContain('张晓燕')
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
    expect(text).toContain('已导入')
    expect(text).toMatch(/2（\s*1\s*\/\s*1\s*）/)
    await history.scrollIntoViewIfNeeded()
    await settle(page)
    await shot(page, 'import-history')
    const download = page.waitForEvent('download')
    await row.getByRole('button', { name: /错误报告/ }).click()
    expect((await download).suggestedFilename()).toBe('转办件-历史-错误报告.xlsx')
    expect(errors).toEqual([])
    await context.close()
  })
})

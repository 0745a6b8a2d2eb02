import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiLogin, login, newSession, pickOption, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * 涉企信息归集 in the browser. The demo holds this year's records of five departments with their
 * expected counts: the credit officer reads the rates (table and chart) and imports a department's
 * file with one bad row — the good row is listed under the entity's USCC, the bad one is reported
 * with its row and column, and the import history shows the run.
 */
describe('涉企信息归集', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser(
    (s, b) => {
      server = s
      browser = b
    },
    { entities: 1000 },
  )

  it('归集率（表格与图表）→ 导入部门文件：正确行入库，错误行报告行号与列', async () => {
    const api = await apiLogin(server.url, 'credit')
    const entity = (await (await api.request('GET', '/api/entities?pageSize=1')).json()) as { items: Array<{ uscc: string; name: string }> }
    const { uscc, name } = entity.items[0]!

    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'credit')
    await page.getByRole('menuitem', { name: '涉企信息归集' }).click()
    await page.waitForURL('**/collection')
    await settle(page)
    const table = page.getByTestId('collection-rates')
    await visible(table.locator('tr', { hasText: '焦作市卫生健康委员会' }))
    expect(await textOf(page.getByTestId('rate-public'))).toMatch(/^\d+\.\d%$/)
    await visible(page.getByTestId('collection-chart'))
    await shot(page, 'collection-rates')

    await page.getByRole('tab', { name: '归集信息' }).click()
    await page.getByTestId('collection-import').click()
    const modal = page.locator('.ant-modal').filter({ hasText: '导入部门涉企信息' })
    await visible(modal)
    await modal.getByTestId('collection-import-dept').click()
    await pickOption(page, '焦作市生态环境局')
    const csv = [
      '信息类别,公开属性,统一社会信用代码,主体名称,决定书文号,处罚事由,处罚决定日期,有效期至,处罚内容',
      `行政处罚,公开类,${uscc},${name},焦环罚〔2026〕E2E号,超标排放,2026-11-20,,罚款二万元`,
      `行政处罚,公开类,${uscc},${name},焦环罚〔2026〕BAD号,超标排放,2026-11-31,,`,
    ].join('\n')
    await modal.locator('input[type=file]').setInputFiles({ name: '生态环境局11月.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await modal.getByTestId('collection-import-submit').click()
    const result = modal.getByTestId('collection-import-result')
    expect(await textOf(result)).toMatch(/共 2 行：新增 1，更新 0，错误 1/)
    expect(await textOf(result)).toContain('第 3 行「作出日期」')
    await shot(page, 'collection-import')
    await modal.getByRole('button', { name: /取\s*消/ }).click()

    await page.getByTestId('collection-search').locator('input').fill('焦环罚〔2026〕E2E号')
    await page.getByTestId('collection-search').locator('input').press('Enter')
    const row = page.locator('tr', { hasText: '焦环罚〔2026〕E2E号' })
    await visible(row)
    expect(await textOf(row)).toContain(name)
    expect(await textOf(row)).toContain('焦作市生态环境局')
    await visible(page.locator('tr', { hasText: '生态环境局11月.csv' }))
    await shot(page, 'collection-records')
    expect(errors).toEqual([])
    await context.close()
  })
})

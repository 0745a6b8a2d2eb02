import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiLogin, newSession, overflowsHorizontally, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * The serious-violation list on the public credit page: the demo (with its case history) lists a
 * demo case's party on the serious list (Order 44, after notice, the level above's approval and
 * publication); the public page shows why, since when, until when and the earliest repair date, on
 * a desktop and on a 390 px phone; the printed credit report carries it and verifies by its code.
 */
const PHONE = { width: 390, height: 844 }

describe('严重违法失信名单（公众查询）', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser(
    (s, b) => {
      server = s
      browser = b
    },
    { entities: 2000, history: true },
  )

  it('案件较重处罚列入严重违法失信名单：公示页显示列入事由、日期和最早修复日期，信用报告可核验', async () => {
    const api = await apiLogin(server.url, 'credit')
    const r = (await (await api.request('GET', '/api/credit/serious?state=published&pageSize=5')).json()) as {
      items: Array<{ uscc: string; entityName: string; source: string; earlyFromOn: string; listedOn: string }>
    }
    const e = r.items.find((x) => x.source === 'case')
    expect(e, 'the demo lists a case-born entry').toBeTruthy()

    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', PHONE],
    ] as const) {
      const { page, context, errors } = await newSession(browser, server.url, viewport)
      await page.goto('/public/credit')
      await page.getByTestId('credit-search').locator('input').fill(e!.uscc)
      await page.getByTestId('credit-search').locator('input').press('Enter')
      await visible(page.getByTestId('credit-hit'))
      await page.getByTestId('credit-hit').first().click()
      await visible(page.getByTestId('serious-item'))
      await visible(page.getByTestId('serious-tag'))
      expect(await textOf(page.getByTestId('serious-listed-on').first())).toBe(e!.listedOn)
      expect(await textOf(page.getByTestId('serious-repair-on').first())).toBe(e!.earlyFromOn)
      expect(await textOf(page.getByTestId('serious-how').first())).toMatch(/申请提前移出/)
      if (name === 'phone') expect(await overflowsHorizontally(page)).toBe(false)
      await shot(page, `hD-serious-public-${name}`)
      if (name === 'desktop') {
        await page.getByTestId('issue-report').click()
        await visible(page.getByTestId('credit-report'))
        const code = await textOf(page.getByTestId('report-code'))
        const other = await newSession(browser, server.url, PHONE)
        await other.page.goto('/public/credit')
        await other.page.getByTestId('verify-code').fill(code)
        await other.page.getByTestId('verify-button').click()
        await visible(other.page.getByTestId('report-verified'))
        expect(await textOf(other.page.getByTestId('credit-report'))).toContain('严重违法失信名单')
        await visible(other.page.getByTestId('serious-item'))
        await shot(other.page, 'hD-serious-report-verified-phone')
        expect(other.errors).toEqual([])
        await other.context.close()
      }
      expect(errors).toEqual([])
      await context.close()
    }
  })
})

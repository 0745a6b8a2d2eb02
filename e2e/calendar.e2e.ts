import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, login, newSession, settle, shot, startServer, textOf, visible, type TestServer } from './support'

/** (c) The calendar shows the 2020 Spring Festival and the calculator skips it. */
describe('工作日历', () => {
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
})

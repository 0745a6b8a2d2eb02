import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiLogin, login, newSession, overflowsHorizontally, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * Credit supervision in the browser. The demo (today 2026-12-07: the 2025 season is over) holds
 * annual reports at ~96 %, the 2025 non-filers proposed by the after-season batch and mostly listed.
 * A listed non-filer's liaison registers and files the missing report on a phone; the public query
 * shows the listing with why, since when and how to be removed; the printed credit report verifies
 * by its code; the credit officer reviews proposals in bulk and the head lists them.
 */
const PHONE = { width: 390, height: 844 }

describe('信用监管', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser(
    (s, b) => {
      server = s
      browser = b
    },
    { entities: 3000 },
  )

  async function listed(): Promise<{ uscc: string; entityName: string }> {
    const api = await apiLogin(server.url, 'credit')
    const r = (await (await api.request('GET', '/api/credit/listings?state=listed&reportYear=2025&pageSize=50')).json()) as {
      items: Array<{ uscc: string; entityName: string; mode: string }>
    }
    const hit = r.items.find((x) => x.mode === 'list')
    expect(hit, 'the demo lists the 2025 non-filers').toBeTruthy()
    return hit!
  }

  it('公众在手机上查询：列入事由、列入日期、如何移出；信用报告凭验证码核验', async () => {
    const e = await listed()
    const { page, context, errors } = await newSession(browser, server.url, PHONE)
    await page.goto('/public/credit')
    await page.getByTestId('credit-search').locator('input').fill(e.uscc)
    await page.getByTestId('credit-search').locator('input').press('Enter')
    await visible(page.getByTestId('credit-hit'))
    await page.getByTestId('credit-hit').first().click()
    await visible(page.getByTestId('abnormal-item'))
    expect(await textOf(page.getByTestId('abnormal-item').first())).toContain('未按规定期限公示年度报告')
    expect(await textOf(page.getByTestId('listed-on').first())).toMatch(/^2026-07-\d\d$/)
    expect(await textOf(page.getByTestId('how-to-apply').first())).toMatch(/补报 2025 年度年度报告.*个工作日内作出决定/)
    expect(await overflowsHorizontally(page)).toBe(false)
    await shot(page, 'credit-public-phone')

    await page.getByTestId('issue-report').click()
    await visible(page.getByTestId('credit-report'))
    const code = await textOf(page.getByTestId('report-code'))
    expect(code).toMatch(/^[0-9A-Z]{12}$/)
    await shot(page, 'credit-report-phone')
    // Anyone checks the code on the site.
    const other = await newSession(browser, server.url, PHONE)
    await other.page.goto('/public/credit')
    await other.page.getByTestId('verify-code').fill(code)
    await other.page.getByTestId('verify-button').click()
    await visible(other.page.getByTestId('report-verified'))
    expect(await textOf(other.page.getByTestId('credit-report'))).toContain(e.entityName)
    await other.page.getByTestId('verify-code').fill('ABCDEFGHJKMN')
    await other.page.getByTestId('verify-button').click()
    await visible(other.page.getByTestId('report-error'))
    expect(errors).toEqual([])
    await other.context.close()
    await context.close()
  })

  it('企业联络员在手机上备案、激活并补报年度报告', async () => {
    const e = await listed()
    const { page, context, errors } = await newSession(browser, server.url, PHONE)
    await page.goto('/public/annual-report')
    const reg = page.getByTestId('liaison-register')
    await reg.locator('#uscc').fill(e.uscc)
    await reg.locator('#name').fill('周联络')
    await reg.locator('#phone').fill('13912345678')
    await reg.getByRole('button', { name: '提交备案' }).click()
    const code = await textOf(page.getByTestId('demo-code'))
    await page.getByTestId('liaison-activate').locator('#code').fill(code)
    await page.getByTestId('liaison-activate').getByRole('button', { name: '激活并登录' }).click()
    await visible(page.getByTestId('liaison-home'))
    expect(await textOf(page.getByTestId('years-owed'))).toContain('2025 年度')
    const form = page.getByTestId('report-form')
    await form.locator('#address').fill('焦作市解放区民主路1号')
    await form.locator('#phone').fill('0391-2345678')
    await form.locator('#employees').fill('8')
    await form.locator('#revenue').fill('1200000')
    expect(await overflowsHorizontally(page)).toBe(false)
    await shot(page, 'annual-report-form-phone')
    await page.getByTestId('submit-report').click()
    await visible(page.getByTestId('filing-done'))
    await visible(page.getByTestId('filed-report'))
    await settle(page)
    await shot(page, 'annual-report-filed-phone')
    expect(errors).toEqual([])
    await context.close()
    // The public page now says removal can be applied for.
    const r = (await (await fetch(`${server.url}/api/public/credit/entities/${e.uscc}`)).json()) as { abnormal: Array<{ earliestRemoval: string }> }
    expect(r.abnormal[0]!.earliestRemoval).toMatch(/已具备申请条件/)
  })

  it('信用监管人员批量审核，局领导批准列入', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'credit')
    await page.goto('/credit-listings?state=proposed')
    await settle(page)
    const rows = page.locator('tbody tr.ant-table-row')
    await visible(rows.first())
    const name = (await rows.first().locator('a').first().innerText()).trim()
    await rows.first().locator('.ant-checkbox-input').check()
    await page.getByTestId('bulk-review').click()
    await expect.poll(() => page.locator('tr', { hasText: name }).count(), { timeout: 15_000 }).toBe(0)
    await shot(page, 'credit-listings')
    await context.close()

    const s2 = await newSession(browser, server.url)
    await login(s2.page, 'leader')
    await s2.page.goto('/credit-listings?state=reviewed')
    await settle(s2.page)
    const row = s2.page.locator('tr', { hasText: name })
    await visible(row)
    await row.locator('.ant-checkbox-input').check()
    await s2.page.getByTestId('bulk-approve').click()
    await expect.poll(() => s2.page.locator('tr', { hasText: name }).count(), { timeout: 15_000 }).toBe(0)
    await s2.page.goto('/credit-listings?state=listed')
    await settle(s2.page)
    expect(await s2.page.locator('tbody').innerText()).toBeTruthy()
    expect(errors).toEqual([])
    expect(s2.errors).toEqual([])
    await s2.context.close()
  })
})

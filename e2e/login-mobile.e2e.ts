import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newSession, overflowsHorizontally, settle, shot, textOf, visible, type TestServer, useServerAndBrowser } from './support'

/** (b) The login page on a phone (375×667): usable, no horizontal scroll, zh-CN errors. */
describe('手机端登录页', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('375×667 下输入框可见、无横向滚动，密码错误时显示中文提示', async () => {
    const { page, context, errors } = await newSession(browser, server.url, { width: 375, height: 667 })
    // An unknown deep link goes to the login page first.
    await page.goto('/users')
    await page.waitForURL('**/login?next=%2Fusers')
    const user = page.locator('#login_username')
    const pass = page.locator('#login_password')
    const submit = page.getByTestId('login-submit')
    const fields = [page.locator('.ant-input-affix-wrapper').filter({ has: user }), page.locator('.ant-input-affix-wrapper').filter({ has: pass }), submit]
    for (const el of fields) {
      await visible(el)
      const box = await el.boundingBox()
      expect(box).not.toBeNull()
      // Fully inside the 375 px wide viewport and above the fold.
      expect(box!.x).toBeGreaterThanOrEqual(0)
      expect(box!.x + box!.width).toBeLessThanOrEqual(375)
      expect(box!.y + box!.height).toBeLessThanOrEqual(667)
      // Large enough to tap.
      expect(box!.height).toBeGreaterThanOrEqual(36)
    }
    expect(await overflowsHorizontally(page)).toBe(false)
    // The demo accounts hint appears once /api/health answers.
    await visible(page.getByText('演示账号'))
    await shot(page, 'login-mobile')

    // Empty submit: client-side validation in Chinese.
    await submit.click()
    expect(await textOf(page.locator('.ant-form-item-explain-error').first())).toBe('请输入用户名')

    await user.fill('admin')
    await pass.fill('wrong-password')
    await submit.click()
    expect(await textOf(page.getByTestId('login-error'))).toContain('用户名或密码错误')
    expect(page.url()).toContain('/login')
    // The password field is cleared for the next try; the user name stays.
    expect(await pass.inputValue()).toBe('')
    expect(await user.inputValue()).toBe('admin')
    await shot(page, 'login-mobile-error')

    // The right password then goes to the page that was asked for.
    await pass.fill('Jianguan#Demo2026')
    await submit.click()
    await page.waitForURL('**/users')
    await visible(page.getByTestId('user-menu'))
    await settle(page)
    await shot(page, 'users-mobile')
    expect(errors).toEqual([])
    await context.close()
  })
})

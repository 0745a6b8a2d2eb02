import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { login, logout, newSession, pickOption, settle, shot, textOf, visible, type TestServer, useServerAndBrowser } from './support'

/**
 * (a) The system administrator creates a user with a role grant and sees the one-time password;
 * the security auditor then finds the `user.create` record in the audit trail.
 */
describe('用户创建与审计留痕', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('管理员新建用户（含角色授权）并看到一次性密码，审计员在审计日志中查到该记录', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'admin')
    await page.getByRole('menuitem', { name: '用户管理' }).click()
    await page.waitForURL('**/users')
    await settle(page)
    await shot(page, 'users')

    await page.getByTestId('user-create').click()
    const drawer = page.getByRole('dialog', { name: '新建用户' })
    await visible(drawer)
    await drawer.locator('#user_username').fill('e2e.zhang')
    await drawer.locator('#user_displayName').fill('张测试')
    // The creator's own unit is pre-selected as the new user's unit.
    expect(await textOf(drawer.locator('.ant-form-item').filter({ hasText: '所属机构' }))).toContain('焦作市市场监督管理局')

    await drawer.getByTestId('add-grant').click()
    const row = drawer.getByTestId('grant-row').first()
    await row.locator('.ant-select').first().click()
    await pickOption(page, '办案人员')
    // The new grant row defaults to the user's unit and the role's usual scope.
    expect(await textOf(row)).toContain('办案人员')
    expect(await textOf(row)).toContain('焦作市市场监督管理局')
    expect(await textOf(row)).toContain('仅本单位')
    await shot(page, 'users-create-drawer')
    await drawer.getByTestId('user-save').click()

    const secret = page.getByTestId('one-time-secret')
    await visible(secret)
    const password = await secret.inputValue()
    expect(password.length).toBeGreaterThanOrEqual(10)
    expect(await textOf(page.getByRole('dialog', { name: '用户已创建' }))).toContain('张测试（e2e.zhang）')
    await shot(page, 'users-one-time-password')
    await page.getByTestId('secret-done').click()
    await secret.waitFor({ state: 'detached' })

    // The new user is listed with the grant and must change the password.
    await page.locator('#user-filter-q').fill('e2e.zhang')
    const newRow = page.locator('.ant-table-row').filter({ hasText: 'e2e.zhang' })
    await expect.poll(() => newRow.count()).toBe(1)
    const rowText = await textOf(newRow)
    expect(rowText).toContain('办案人员')
    expect(rowText).toContain('待改密码')

    await logout(page)
    await login(page, 'auditor')
    // 三员分立: the auditor has the audit menu but none of the administrator's.
    await visible(page.getByRole('menuitem', { name: '审计日志' }))
    expect(await page.getByRole('menuitem', { name: '接口令牌' }).count()).toBe(0)
    expect(await page.getByRole('menuitem', { name: '工作日历' }).count()).toBe(0)
    await page.getByRole('menuitem', { name: '审计日志' }).click()
    await page.waitForURL('**/audit')
    await settle(page)
    await shot(page, 'audit')

    await page.locator('#audit_action').fill('user.create')
    await page.keyboard.press('Escape')
    await page.locator('#audit_text').fill('e2e.zhang')
    await page.getByTestId('audit-search').click()
    const record = page.locator('.ant-table-row').filter({ hasText: '张测试（e2e.zhang）' })
    await expect.poll(() => record.count()).toBe(1)
    const recordText = await textOf(record)
    expect(recordText).toContain('新建用户')
    expect(recordText).toContain('user.create')
    expect(recordText).toContain('王建国')
    // Only that record matches both filters.
    expect(await page.locator('.ant-table-row').count()).toBe(1)

    await record.getByRole('button', { name: '详情' }).click()
    const detail = page.getByRole('dialog', { name: /审计记录/ })
    expect(await textOf(detail)).toContain('e2e.zhang')
    expect(await textOf(detail)).toContain('case_handler')
    await shot(page, 'audit-detail')
    await page.keyboard.press('Escape')
    await detail.waitFor({ state: 'hidden' })

    await page.getByTestId('audit-verify').click()
    expect(await textOf(page.getByTestId('verify-result'))).toContain('审计链完整')
    await shot(page, 'audit-verify')

    expect(errors).toEqual([])
    await context.close()
  })
})

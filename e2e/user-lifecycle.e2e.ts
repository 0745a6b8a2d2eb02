import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { login, newSession, pickOption, settle, shot, textOf, visible, type TestServer, useServerAndBrowser } from './support'

/** Editing, grants, disabling, password reset and the forced password change of a new user. */
describe('用户维护', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('编辑、授权、停用/启用、重置密码，新用户首次登录须修改密码', async () => {
    const admin = await newSession(browser, server.url)
    const page = admin.page
    await login(page, 'admin')
    await page.goto('/users')
    await settle(page)

    // Server-side validation shows next to the form: the user name is taken.
    await page.getByTestId('user-create').click()
    const create = page.getByRole('dialog', { name: '新建用户' })
    await create.locator('#user_username').fill('leader')
    await create.locator('#user_displayName').fill('重复的人')
    await create.getByTestId('user-save').click()
    expect(await textOf(create.getByTestId('form-error'))).toContain('用户名“leader”已被使用')
    // An inspector grant needs a certificate number: the server says so.
    await create.locator('#user_username').fill('e2e.li')
    await create.locator('#user_displayName').fill('李检查')
    await create.getByTestId('add-grant').click()
    await create.getByTestId('grant-row').locator('.ant-select').first().click()
    await pickOption(page, '执法检查人员')
    expect(await textOf(create.getByTestId('grant-row'))).toContain('执法检查人员')
    await create.getByTestId('user-save').click()
    await expect.poll(() => create.getByTestId('form-error').innerText()).toContain('执法证号')
    await create.getByLabel('执法证号').fill('41080012345')
    await create.getByTestId('user-save').click()
    const secret = page.getByTestId('one-time-secret')
    await visible(secret)
    const initial = await secret.inputValue()
    await page.getByTestId('secret-done').click()

    // Edit the name.
    await page.locator('#user-filter-q').fill('e2e.li')
    const row = page.locator('.ant-table-row').filter({ hasText: 'e2e.li' })
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1)
    await row.getByRole('button', { name: /编\s*辑/ }).click()
    const edit = page.getByRole('dialog', { name: /编辑用户/ })
    await edit.locator('#user_displayName').fill('李检查员')
    await edit.getByTestId('user-save').click()
    await edit.waitFor({ state: 'hidden' })
    await expect.poll(() => row.innerText()).toContain('李检查员')

    // Add a second grant in the grants dialog.
    await row.getByRole('button', { name: /授\s*权/ }).click()
    const grants = page.getByRole('dialog', { name: /角色授权/ })
    await visible(grants)
    await grants.getByTestId('add-grant').click()
    await grants.getByTestId('grant-row').nth(1).locator('.ant-select').first().click()
    await pickOption(page, '信用监管人员')
    expect(await textOf(grants.getByTestId('grant-row').nth(1))).toContain('信用监管人员')
    await shot(page, 'users-grants')
    await grants.getByRole('button', { name: '保存授权' }).click()
    await grants.waitFor({ state: 'hidden' })
    await expect.poll(() => row.innerText()).toContain('信用监管人员')

    // Disable (with confirmation), then enable again.
    await row.getByRole('button', { name: '更多操作' }).click()
    await page.getByRole('menuitem', { name: '停用' }).click()
    const confirm = page.locator('.ant-modal-confirm')
    expect(await textOf(confirm)).toContain('停用用户“李检查员”？')
    await shot(page, 'users-disable-confirm')
    await confirm.getByRole('button', { name: /停\s*用/ }).click()
    await expect.poll(() => row.innerText()).toContain('已停用')
    await row.getByRole('button', { name: '更多操作' }).click()
    await page.getByRole('menuitem', { name: '启用' }).click()
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /启\s*用/ })
      .click()
    await expect.poll(() => row.innerText()).toContain('正常')

    // Reset the password: a new one-time password replaces the first.
    await row.getByRole('button', { name: '更多操作' }).click()
    await page.getByRole('menuitem', { name: '重置密码' }).click()
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '重置密码' }).click()
    await visible(secret)
    const reset = await secret.inputValue()
    expect(reset).not.toBe(initial)
    await page.getByTestId('secret-done').click()
    expect(admin.errors).toEqual([])
    await admin.context.close()

    // The user logs in with it and must change the password before anything else.
    const user = await newSession(browser, server.url)
    const up = user.page
    await up.goto('/login')
    await up.locator('#login_username').fill('e2e.li')
    await up.locator('#login_password').fill(reset)
    await up.getByTestId('login-submit').click()
    await up.waitForURL('**/change-password')
    expect(await textOf(up.locator('.ant-card'))).toContain('您正在使用初始密码或管理员重置的密码')
    await up.goto('/rules')
    await up.waitForURL('**/change-password')
    await up.getByLabel('原密码').fill(reset)
    await up.getByLabel('新密码', { exact: true }).fill('short')
    await up.getByLabel('确认新密码').fill('short')
    await up.getByRole('button', { name: '确认修改' }).click()
    expect(await textOf(up.locator('.ant-form-item-explain-error').first())).toContain('至少 10 位')
    await shot(up, 'change-password')
    await up.getByLabel('新密码', { exact: true }).fill('Qiang-Wang#2026x')
    await up.getByLabel('确认新密码').fill('Qiang-Wang#2026x')
    await up.getByRole('button', { name: '确认修改' }).click()
    await up.waitForURL((u) => u.pathname === '/')
    expect(await textOf(up.locator('.page-header'))).toContain('李检查员')
    expect(user.errors).toEqual([])
    await user.context.close()

    // The security auditor reads the grants change: its snapshots are lists, compared item by item.
    const aud = await newSession(browser, server.url)
    await login(aud.page, 'auditor')
    await aud.page.goto('/audit')
    await settle(aud.page)
    await aud.page.locator('#audit_action').fill('user.grants.set')
    await aud.page.keyboard.press('Escape')
    await aud.page.locator('#audit_text').fill('e2e.li')
    await aud.page.getByTestId('audit-search').click()
    const record = aud.page.locator('.ant-table-row').filter({ hasText: 'user.grants.set' })
    await expect.poll(() => record.count()).toBe(1)
    await record.getByRole('button', { name: '详情' }).click()
    const detail = aud.page.getByRole('dialog', { name: /审计记录/ })
    await visible(detail)
    // One grant before, two after: the second item is new, and 信用监管人员 is among them.
    const second = detail.locator('tr').filter({ hasText: '第 2 项' })
    await expect.poll(() => second.count()).toBe(1)
    expect(await textOf(second)).toContain('增')
    expect(await detail.locator('tr').filter({ hasText: '第 1 项' }).count()).toBe(1)
    // Roles and data scopes are named beside their codes.
    expect(await textOf(detail)).toContain('信用监管人员（credit_officer）')
    expect(await textOf(detail)).toContain('仅本单位（unit）')
    await shot(aud.page, 'audit-grants-diff')
    expect(aud.errors).toEqual([])
    await aud.context.close()
  })
})

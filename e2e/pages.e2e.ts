import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { login, newSession, pickOption, settle, shot, textOf, visible, type TestServer, useServerAndBrowser } from './support'

/** Every main page renders at 1366×768 without errors; screenshots go to /tmp/shots for review. */
describe('各主要页面', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('系统管理员：菜单按权限显示，各页面正常渲染', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'admin')
    // The administrator lands on user management (三员分立: their work); the overview is a menu entry.
    await page.waitForURL('**/users')
    await page.goto('/overview')
    await settle(page)
    const menu = await page.locator('.app-sider .ant-menu-item').allInnerTexts()
    expect(menu.map((m) => m.trim())).toEqual([
      '我的待办',
      '消息中心',
      '概览',
      '任务中心',
      '经营主体名录',
      '名录导入',
      '抽查任务',
      '抽取核验',
      '机构管理',
      '用户管理',
      '接口令牌',
      '工作日历',
      '期限规则',
    ])
    // The demo city has no 2027 schedule loaded: the dashboard warns.
    expect(await textOf(page.locator('.page-alert'))).toMatch(/尚未载入 \d{4} 年的节假日安排/)
    await visible(page.locator('canvas').first())
    await page.waitForTimeout(1200) // chart animation
    await shot(page, 'home')

    const pages: [string, string][] = [
      ['/org', '机构管理'],
      ['/users', '用户管理'],
      ['/tokens', '接口令牌'],
      ['/calendar', '工作日历'],
      ['/rules', '期限规则'],
    ]
    for (const [path, title] of pages) {
      await page.goto(path)
      await settle(page)
      expect(await textOf(page.locator('.page-header h4'))).toBe(title)
      await shot(page, path.slice(1))
    }
    // Pages outside the admin's permissions say so (三员分立: no audit trail for the admin).
    await page.goto('/audit')
    await visible(page.getByText('无权访问'))
    await page.goto('/no-such-page')
    await visible(page.getByText('页面不存在'))

    expect(errors).toEqual([])
    await context.close()
  })

  it('机构管理：编辑抽屉带行政区划选择，管辖机构查询', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'admin')
    await page.goto('/org')
    await settle(page)
    await page.locator('.tree-card').getByText('焦作市解放区市场监督管理局').click()
    await page.getByRole('button', { name: /编\s*辑/ }).click()
    const drawer = page.getByRole('dialog', { name: /编辑机构/ })
    await visible(drawer)
    expect(await textOf(drawer)).toContain('河南省焦作市解放区')
    await shot(page, 'org-edit-drawer')
    await drawer.getByRole('button', { name: /取\s*消/ }).click()
    await drawer.waitFor({ state: 'hidden' })
    // The page is usable again: the 编辑 button is back and enabled. (The drawer's focus return to
    // its trigger is not asserted: in headless Chromium it is flaky. Re-enabled on 2026-11-22 it
    // passed four runs and then failed one CI run with the focus on <body>. Cause not found; see the
    // session notes.)
    expect(await page.getByRole('button', { name: /编\s*辑/ }).isEnabled()).toBe(true)

    // Who handles 民生街道 (a township of 解放区)?
    await page.locator('#competent-division').click()
    await page.locator('#competent-division').fill('民生街道')
    await pickOption(page, '河南省焦作市解放区民生街道')
    // The answer arrives after the pick: wait for it rather than reading the card at once.
    await expect.poll(() => textOf(page.locator('.ant-card').filter({ hasText: '管辖机构查询' })), { timeout: 15_000 }).toContain('民生市场监管所')
    await shot(page, 'org-competent')

    // A new department under 解放区局.
    await page.getByRole('button', { name: /新建下级机构/ }).click()
    const create = page.getByRole('dialog', { name: /新建下级机构/ })
    await visible(create)
    await create.getByLabel('机构类型').click()
    await pickOption(page, '内设科室')
    await create.getByLabel('机构名称').fill('食品安全监管股')
    await create.getByLabel('机构代码').fill('JZ-410802-SP')
    await create.getByRole('button', { name: /保\s*存/ }).click()
    await create.waitFor({ state: 'hidden' })
    await visible(page.locator('.tree-card [data-unit-name="食品安全监管股"]'))
    expect(await textOf(page.locator('.ant-card-head').filter({ hasText: '食品安全监管股' }))).toContain('食品安全监管股')
    expect(errors).toEqual([])
    await context.close()
  })

  it('接口令牌：创建后只显示一次，可吊销', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'admin')
    await page.goto('/tokens')
    await settle(page)
    await page.getByRole('button', { name: /创建令牌/ }).click()
    const drawer = page.getByRole('dialog', { name: '创建接口令牌' })
    await visible(drawer)
    await drawer.getByLabel('令牌名称').fill('12315 热线对接')
    await drawer.locator('.ant-form-item').filter({ hasText: '所属用户' }).locator('.ant-select').click()
    await page.keyboard.type('operator')
    await pickOption(page, '张晓燕')
    await drawer.getByText('查看工作日历').click()
    await shot(page, 'tokens-create')
    await drawer.getByRole('button', { name: /创\s*建/ }).click()
    const secret = page.getByTestId('one-time-secret')
    await visible(secret)
    expect(await secret.inputValue()).toMatch(/^jg_/)
    await shot(page, 'tokens-secret')
    await page.getByTestId('secret-done').click()
    const row = page.locator('.ant-table-row').filter({ hasText: '12315 热线对接' })
    await visible(row)
    expect(await textOf(row)).toContain('有效')
    await row.getByRole('button', { name: /吊\s*销/ }).click()
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /吊\s*销/ })
      .click()
    await row.waitFor({ state: 'detached' })
    expect(errors).toEqual([])
    await context.close()
  })

  it('局领导：只读访问，可查看联系方式明文（留痕）', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'leader')
    await settle(page)
    await shot(page, 'home-leader')
    await page.goto('/users')
    await settle(page)
    expect(await page.getByTestId('user-create').count()).toBe(0)
    const row = page.locator('.ant-table-row').filter({ hasText: 'operator' })
    expect(await textOf(row)).toContain('139****0003')
    await row.getByRole('button', { name: /联系方式/ }).click()
    const modal = page.getByRole('dialog', { name: /联系方式/ })
    await expect.poll(async () => await modal.innerText()).toMatch(/139\d{8}/)
    expect(await textOf(modal)).toContain('已记入审计日志')
    await shot(page, 'users-reveal')
    await page.keyboard.press('Escape')

    // When the session ends (here: its cookie is gone), the next request leads to the login page.
    await context.clearCookies()
    await page.getByRole('menuitem', { name: '期限规则' }).click()
    await page.waitForURL(/\/login\?next=%2Frules&expired=1/)
    await visible(page.getByText('登录已失效，请重新登录'))
    expect(errors).toEqual([])
    await context.close()
  })
})

import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { login, newSession, pickOption, settle, shot, textOf, visible, type TestServer, useServerAndBrowser } from './support'

/** (d) The complaint acceptance rule shows both the Order 20 and the Order 121 versions. */
describe('期限规则', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('投诉受理规则显示总局令第20号与第121号两个版本，并可按日期查看适用版本', async () => {
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'admin')
    await page.getByRole('menuitem', { name: '期限规则' }).click()
    await page.waitForURL('**/rules')
    await settle(page)
    await shot(page, 'rules')

    const rows = page.locator('tr[data-rule-id="complaint.accept"]')
    await expect.poll(() => rows.count()).toBe(2)
    const v1 = rows.nth(0)
    const v2 = rows.nth(1)
    expect(await textOf(v1)).toContain('投诉受理或者不予受理决定')
    expect(await textOf(v1)).toContain('总局令第20号')
    expect(await textOf(v1)).toContain('第 1 版')
    expect(await textOf(v2)).toContain('总局令第121号')
    expect(await textOf(v2)).toContain('第 2 版')
    expect(await textOf(v2)).toContain('待法制审核')
    // On today's date the Order 121 version is in force and Order 20 is not.
    expect(await textOf(v2)).toContain('现行有效')
    expect(await textOf(v1)).toContain('已失效')

    // On 2025-01-01 the Order 20 version applied.
    await page.goto('/rules?at=2025-01-01&inForce=1')
    await settle(page)
    const onlyOne = page.locator('tr[data-rule-id="complaint.accept"]')
    await expect.poll(() => onlyOne.count()).toBe(1)
    expect(await textOf(onlyOne)).toContain('总局令第20号')
    expect(await textOf(onlyOne)).toContain('现行有效')
    await shot(page, 'rules-at-2025-01-01')

    // The new-version drawer insists on a reason.
    await page.goto('/rules?q=complaint.accept')
    await settle(page)
    await page.locator('tr[data-version-id="complaint.accept@v2"]').getByRole('button', { name: '新版本' }).click()
    const drawer = page.getByRole('dialog', { name: /新版本/ })
    await drawer.getByRole('button', { name: '创建新版本' }).click()
    // Ant Design validates asynchronously: wait for the messages rather than reading them at once.
    const errorsShown = drawer.locator('.ant-form-item-explain-error')
    await expect.poll(() => errorsShown.allInnerTexts()).toContain('请选择新版本的施行日期')
    expect(await errorsShown.allInnerTexts()).toContain('请填写修改理由（记入审计日志）')
    await shot(page, 'rules-new-version')
    await drawer.getByRole('button', { name: /取\s*消/ }).click()
    await drawer.waitFor({ state: 'hidden' })

    // Amend in place with a reason: the legal review checked the article against the original text.
    const row = page.locator('tr[data-version-id="complaint.accept@v2"]')
    await row.getByRole('button', { name: /修\s*订/ }).click()
    const amend = page.getByRole('dialog', { name: /修订/ })
    await visible(amend)
    await amend.getByText('需要法制审核').click()
    await amend.getByRole('button', { name: '保存修订' }).click()
    const problems = amend.locator('.ant-form-item-explain-error')
    await expect.poll(() => problems.allInnerTexts()).toContain('依据尚未核实的规则必须标记为需要法制审核')
    expect(await problems.allInnerTexts()).toContain('请填写修改理由（记入审计日志）')
    await amend.getByLabel('来源').click()
    await pickOption(page, '原文核实')
    await amend.getByTestId('rule-reason').fill('法规科已核对总局令第121号原文，期限无误')
    await shot(page, 'rules-amend')
    await amend.getByRole('button', { name: '保存修订' }).click()
    await amend.waitFor({ state: 'hidden' })
    await expect.poll(() => row.innerText()).not.toContain('待法制审核')
    expect(await textOf(row)).toContain('原文核实')

    expect(errors).toEqual([])
    await context.close()
  })
})

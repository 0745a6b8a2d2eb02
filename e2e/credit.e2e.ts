import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiLogin, login, newSession, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * 信用事项提议 in the browser: the demo's double-random inspections proposed listing entities as
 * abnormal (经营异常名录); the credit officer rejects one (a reason is required) and accepts
 * another, and the decisions show with their notes. A leader reads them only; the 12315 operator
 * has no such page.
 */
describe('信用事项提议', () => {
  let server: TestServer
  let browser: Browser
  // The demo inspections draw their targets from the register: this file needs some entities.
  useServerAndBrowser(
    (s, b) => {
      server = s
      browser = b
    },
    { entities: 3000 },
  )

  it('信用监管人员审核经营异常名录提议：不采纳须写理由，采纳一条', async () => {
    const api = await apiLogin(server.url, 'credit')
    const open = (await (await api.request('GET', '/api/credit/proposals?state=proposed&pageSize=100')).json()) as {
      items: Array<{ proposalNo: string; entityName: string }>
      total: number
    }
    expect(open.total, 'the demo inspections propose abnormal listings').toBeGreaterThanOrEqual(2)

    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'credit')
    await page.getByRole('menuitem', { name: '信用事项提议' }).click()
    await page.waitForURL('**/credit-proposals')
    await settle(page)
    const rows = page.locator('tbody tr.ant-table-row')
    await visible(rows.first())
    expect(await rows.count()).toBe(Math.min(open.total, 20))
    await shot(page, 'credit-proposals')

    // Reject the first: a reason is required.
    const [first, second] = [open.items[0]!, open.items[1]!]
    await page.locator('tr', { hasText: first.proposalNo }).getByTestId('proposal-action-reject').click()
    const modal = page.locator('.ant-modal').filter({ hasText: `不采纳 · ${first.proposalNo}` })
    await visible(modal)
    await modal.locator('.ant-modal-footer .ant-btn-dangerous').click()
    await visible(modal.getByText('不采纳须写明理由'))
    await modal.locator('textarea').fill('复核时已联系上当事人，经营场所存在')
    await modal.locator('.ant-modal-footer .ant-btn-dangerous').click()
    await modal.waitFor({ state: 'hidden' })
    await expect.poll(() => page.locator('tr', { hasText: first.proposalNo }).count(), { timeout: 15_000 }).toBe(0)

    // Accept the second (its note is optional): Enter-free, Ctrl+Enter sends from the focused field.
    await page.locator('tr', { hasText: second.proposalNo }).getByTestId('proposal-action-accept').click()
    const modal2 = page.locator('.ant-modal').filter({ hasText: `采纳 · ${second.proposalNo}` })
    await visible(modal2)
    await page.keyboard.press('Control+Enter')
    await modal2.waitFor({ state: 'hidden' })
    await expect.poll(() => page.locator('tr', { hasText: second.proposalNo }).count(), { timeout: 15_000 }).toBe(0)

    await page.getByText('全部', { exact: true }).click()
    await settle(page)
    const rejected = page.locator('tr', { hasText: first.proposalNo })
    expect(await textOf(rejected.getByTestId('proposal-state'))).toBe('未采纳')
    expect(await textOf(rejected)).toContain('经营场所存在')
    expect(await textOf(page.locator('tr', { hasText: second.proposalNo }).getByTestId('proposal-state'))).toBe('已采纳')
    expect(errors).toEqual([])
    await context.close()

    // A leader reads proposals (credit.read) but has no 审核 button.
    const s2 = await newSession(browser, server.url)
    await login(s2.page, 'leader')
    await s2.page.goto('/credit-proposals?state=all')
    await settle(s2.page)
    await visible(s2.page.locator('tr', { hasText: first.proposalNo }))
    expect(await s2.page.getByTestId('proposal-action-accept').count()).toBe(0)
    expect(s2.errors).toEqual([])
    await s2.context.close()
    // The 12315 operator (no credit.read) has neither the menu entry nor the page.
    const s3 = await newSession(browser, server.url)
    await login(s3.page, 'operator')
    expect(await s3.page.getByRole('menuitem', { name: '信用事项提议' }).count()).toBe(0)
    await s3.page.goto('/credit-proposals')
    await visible(s3.page.getByText('无权访问'))
    await s3.context.close()
  })
})

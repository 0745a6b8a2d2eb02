import { createHash } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { composeUscc } from '../src/modules/entities'
import { apiLogin, login, newSession, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * Documents (文书) in the browser: a handler issues the 受理告知书 of an accepted complaint from
 * the item's document list, lands on the print view (A4 preview of the archived copy, 打印, 文号,
 * date, unit, hash fingerprint) and the archive served equals the fingerprint shown.
 */
describe('文书', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('出具受理告知书 → 打印预览（文号、成文日期、出具单位、存档指纹）', async () => {
    const admin = await apiLogin(server.url, 'admin')
    const ent = await admin.request('POST', '/api/entities', {
      uscc: composeUscc('91', '410802', 'DC000001'),
      name: '焦作市解放区文书浏览器测试商行',
      businessDivision: '410802001',
      businessAddress: '焦作市解放区民主南路9号',
    })
    expect(ent.status, await ent.clone().text()).toBe(201)
    const entityId = ((await ent.json()) as { id: string }).id
    const units = (await (await admin.request('GET', '/api/org/units')).json()) as { items: Array<{ id: string; code: string }> }
    const station = units.items.find((u) => u.code === 'JZ-410802-S01')!.id
    const operator = await apiLogin(server.url, 'operator')
    const r = await operator.request('POST', '/api/complaints', {
      types: ['complaint'],
      channel: 'hotline',
      category: 'quality',
      summary: '文书测试：电水壶漏电',
      request: '要求退货',
      facts: '购买电水壶一只，使用时漏电。',
      persons: [{ name: '孙文书', phone: '13800002222', address: '焦作市解放区焦南街道1号' }],
      respondent: { entityId, name: 'x' },
      dispatchToUnitId: station,
    })
    expect(r.status, await r.clone().text()).toBe(201)
    const id = ((await r.json()) as { items: Array<{ id: string }> }).items[0]!.id
    const handlerApi = await apiLogin(server.url, 'handler')
    const cur = (await (await handlerApi.request('GET', `/api/complaints/${id}`)).json()) as { version: number }
    const acc = await handlerApi.request('POST', `/api/complaints/${id}/transitions`, { action: 'accept', expectedVersion: cur.version })
    expect(acc.status, await acc.clone().text()).toBe(200)

    const { page, errors, context } = await newSession(browser, server.url)
    await login(page, 'handler')
    await page.goto(`/complaints/${id}`)
    await settle(page)
    const card = await visible(page.getByTestId('item-documents'))
    expect(await textOf(card)).toContain('尚未出具文书')
    await page.getByTestId('issue-document').hover()
    await page.getByRole('menuitem', { name: '受理告知书' }).click()
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/)
    await settle(page)
    const docNo = await textOf(page.getByTestId('doc-no'))
    expect(docNo).toMatch(/^焦解市监投受告〔\d{4}〕\d+号$/)
    const date = await textOf(page.getByTestId('doc-date'))
    expect(date).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
    expect(await textOf(page.getByTestId('doc-unit'))).toBe('焦作市解放区市场监督管理局')
    const frame = page.frameLocator('[data-testid="doc-frame"]')
    await visible(frame.locator('[data-docno]'))
    expect(await textOf(frame.locator('[data-docno]'))).toBe(docNo)
    expect(await textOf(frame.locator('[data-issue-date]'))).toBe(date)
    expect(await textOf(frame.locator('h1').first())).toBe('受理告知书')
    expect(await textOf(frame.locator('body'))).toContain('孙文书')
    await expect.poll(() => page.getByTestId('print').isEnabled()).toBe(true)
    // The fingerprint shown is the hash of the archive the server serves.
    const docId = new URL(page.url()).pathname.split('/').pop()!
    const served = await (await handlerApi.request('GET', `/api/documents/${docId}/content`)).text()
    const sha = createHash('sha256').update(served, 'utf8').digest('hex')
    expect(await textOf(page.getByTestId('doc-hash'))).toContain(sha)
    await shot(page, 'document-print-desktop')

    // Back on the item: the list shows the number and date, linking to the print view.
    await page.goto(`/complaints/${id}`)
    await settle(page)
    const list = await textOf(page.getByTestId('item-documents'))
    expect(list).toContain(docNo)
    expect(list).toContain(date)
    await page.getByTestId('document-complaint.acceptance').click()
    await page.waitForURL(new RegExp(`/documents/${docId}$`))
    expect(errors).toEqual([])
    await context.close()
  })
})

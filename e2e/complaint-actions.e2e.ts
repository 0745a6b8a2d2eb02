import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ROLES } from '../src/modules/access/access.domain'
import { complaintWorkflow } from '../src/shared/complaints/workflow'
import { apiLogin, login, newSession, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * The 12315 action area is generated from the complaint declaration (src/shared/complaints/workflow.ts):
 * the buttons are the actions the declaration allows in the item's state for the viewer's
 * permissions, and an action's form is its declared input, validated by the declared schema before
 * anything is sent.
 */
describe('12315 办理：按声明生成的按钮与表单', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('待受理投诉：办案人员看到声明允许的动作；“退回”表单按声明校验，填写后退回', async () => {
    const op = await apiLogin(server.url, 'operator')
    const units = (await (await op.request('GET', '/api/org/units')).json()) as { items: Array<{ id: string; code: string }> }
    const r = await op.request('POST', '/api/complaints', {
      types: ['complaint'],
      channel: 'hotline',
      category: 'quality',
      summary: '吹风机使用中冒烟',
      request: '退货退款',
      facts: '购买一周后使用时冒烟，商家拒绝退货。',
      persons: [{ name: '王小明', phone: '13800001111', address: '焦作市解放区民主路1号' }],
      respondent: { name: '焦作市解放区某家电商行', address: '焦作市解放区人民路10号', division: '410802001' },
      dispatchToUnitId: units.items.find((u) => u.code === 'JZ-410802')!.id,
    })
    expect(r.status, await r.clone().text()).toBe(201)
    const id = ((await r.json()) as { items: Array<{ id: string }> }).items[0]!.id

    const s = await newSession(browser, server.url)
    await login(s.page, 'handler')
    await s.page.goto(`/complaints/${id}`)
    await visible(s.page.getByTestId('action-accept'))
    // The buttons: what the declaration allows a case handler in 待受理 (data guards allow all of them here).
    const expected = complaintWorkflow.available('pending_acceptance', ROLES.case_handler.permissions)
    const shown = await s.page
      .locator('[data-testid="actions"] [data-testid^="action-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('action-'.length)))
    expect(shown.filter((a) => expected.includes(a as never)).sort()).toEqual([...expected].sort())
    expect(shown.filter((a) => (complaintWorkflow.actionList as readonly string[]).includes(a)).sort()).toEqual([...expected].sort())
    expect(expected).not.toContain('dispatch')
    expect(await textOf(s.page.getByTestId('action-return'))).toBe(complaintWorkflow.actionLabel('return'))

    // 退回: the form has the declared field; an empty reason is refused in the form, nothing is sent.
    await s.page.getByTestId('action-return').click()
    const modal = s.page.locator('.ant-modal').filter({ has: s.page.getByTestId('action-ok') })
    await visible(modal)
    await visible(modal.getByText('退回理由'))
    await s.page.getByTestId('action-ok').click()
    await visible(modal.locator('.ant-form-item-explain-error').filter({ hasText: '退回理由' }))
    expect(await textOf(s.page.getByTestId('detail-state'))).toBe('待受理')
    await shot(s.page, 'complaint-generated-action-form')
    await modal.locator('#action_reason').fill('被投诉人住所地在山阳区，本局无管辖权')
    await s.page.getByTestId('action-ok').click()
    await expect.poll(() => textOf(s.page.getByTestId('detail-state')), { timeout: 15_000 }).toBe('已退回待重新分送')
    expect(s.errors).toEqual([])
    await s.context.close()
  })
})

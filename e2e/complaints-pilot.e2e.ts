import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { TINY_PNG } from '../test/files'
import { apiLogin, login, motion, newSession, overflowsHorizontally, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * 12315 pilot readiness (issue 12, points 9–12) in the browser: the public form on a phone
 * (consultation type, purchase date and amount, a photo, privacy consent, the bureau's name and
 * the government-site footer), tracking in the citizen's words with query-code recovery, the
 * hotline form answering a consultation on the spot from the 常用语 by keyboard, the product
 * classification found by an everyday word, and a dialog without a field confirmed by Ctrl+Enter.
 */
declare const document: { activeElement: { getAttribute(n: string): string | null } | null }

const PNG = TINY_PNG
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '')

describe('12315 pilot readiness', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('公众（手机）：咨询/投诉表单带购买信息、照片和个人信息保护说明；进度用公众的话；找回查询码', async () => {
    const pub = await newSession(browser, server.url, { width: 390, height: 844 })
    await pub.page.goto('/public/12315')
    await visible(pub.page.getByTestId('portal-submit'))
    await expect.poll(() => textOf(pub.page.getByTestId('portal-bureau'))).toBe('焦作市市场监督管理局')
    await expect.poll(() => textOf(pub.page.getByTestId('public-footer'))).toContain('主办单位：焦作市市场监督管理局')
    const footer = await textOf(pub.page.getByTestId('public-footer'))
    expect(footer).toContain('主办单位：焦作市市场监督管理局')
    expect(footer).toContain('个人信息保护说明')
    await pub.page.getByText('我要咨询').click()
    expect(await pub.page.getByText('涉及的经营者（可不填）').count()).toBe(1)
    await pub.page.getByText('我要投诉').click()
    await pub.page.locator('#category').click()
    await pub.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '合同' }).first().click()
    await pub.page.locator('#respondentName').fill('焦作市解放区某健身会所')
    await pub.page.locator('#respondentAddress').fill('焦作市解放区人民路8号')
    await pub.page.locator('#summary').fill('健身房闭店不退预付卡余额')
    await pub.page.locator('#facts').fill('今年十月办理年卡，十一月健身房突然闭店，联系不上。')
    await pub.page.locator('#request').fill('退还剩余会费')
    await pub.page.locator('#amountYuan').fill('1999')
    await pub.page.locator('#purchasedOn').click()
    await pub.page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-cell-today').click()
    await pub.page.locator('input[type=file]').setInputFiles({ name: '收据.png', mimeType: 'image/png', buffer: PNG })
    await visible(pub.page.getByTestId('portal-file'))
    await pub.page.locator('#name').fill('赵公众')
    await pub.page.locator('#phone').fill('13700004444')
    await pub.page.locator('#address').fill('焦作市解放区建设路2号')
    // Without the consent the form does not go.
    await pub.page.getByTestId('portal-submit').click()
    await visible(pub.page.getByText('请阅读并同意个人信息保护说明'))
    await pub.page.getByTestId('portal-privacy-accept').click()
    expect(await overflowsHorizontally(pub.page)).toBe(false)
    await shot(pub.page, 'pilot-portal-form-390')
    await pub.page.getByTestId('portal-submit').click()
    const itemNo = await textOf(pub.page.getByTestId('portal-item-no'))
    expect(itemNo).toMatch(/^TS\d{11}$/)

    // The operator sees the purchase facts and the photo on the item.
    const op = await apiLogin(server.url, 'operator')
    const list = (await (await op.request('GET', `/api/complaints?q=${itemNo}`)).json()) as { items: Array<{ id: string }> }
    const detail = (await (await op.request('GET', `/api/complaints/${list.items[0]!.id}`)).json()) as {
      amountClaimedFen: number
      purchasedOn: string
      attachments: Array<{ fileName: string; mime: string }>
    }
    expect(detail.amountClaimedFen).toBe(199900)
    expect(detail.purchasedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(detail.attachments.map((a) => [a.fileName, a.mime])).toEqual([['收据.png', 'image/png']])

    // Tracking in the citizen's words; the code is "lost" and recovered with the phone number.
    await pub.page.goto('/public/12315/track')
    await settle(pub.page)
    await pub.page.getByText('忘记查询码？').click()
    await visible(pub.page.getByTestId('recover-no'))
    await pub.page.getByTestId('recover-no').fill(itemNo)
    await pub.page.getByTestId('recover-phone').fill('13700004444')
    await pub.page.getByTestId('recover-submit').click()
    // The answer (or a refusal, which would fail the next line with its text) after the request settles.
    await visible(pub.page.getByTestId('recover-result').or(pub.page.getByTestId('recover-error')), 30_000)
    expect(await pub.page.getByTestId('recover-error').count(), await pub.page.getByTestId('recover-form').innerText()).toBe(0)
    const code = await textOf(pub.page.getByTestId('recover-code'))
    expect(code).toMatch(/^[A-Z2-9]{10}$/)
    await pub.page.getByTestId('recover-use').click()
    await expect.poll(() => textOf(pub.page.getByTestId('track-state'))).toBe('已收到，正在转交承办单位')
    expect(await textOf(pub.page.getByTestId('track-next'))).toMatch(/^承办单位应于\d{4}年\d{1,2}月\d{1,2}日前决定是否受理$/)
    expect(await textOf(pub.page.getByTestId('track-result'))).not.toContain('待分送')
    expect(await overflowsHorizontally(pub.page)).toBe(false)
    await settle(pub.page)
    await shot(pub.page, 'pilot-portal-track-390')
    expect(pub.errors).toEqual([])
    await pub.context.close()

    // The double-random public page carries the same footer (desktop).
    const desk = await newSession(browser, server.url)
    await desk.page.goto('/public/inspections')
    // The bureau's name arrives with /api/public/site after the first paint.
    await expect.poll(() => textOf(desk.page.getByTestId('public-footer'))).toContain('主办单位：焦作市市场监督管理局')
    await desk.context.close()
  })

  it('热线登记：咨询当场答复（常用语检索、Enter 选择、Ctrl+Enter 办结），商品分类按常用说法查找', async () => {
    const s = await newSession(browser, server.url)
    await login(s.page, 'operator')
    await s.page.goto('/complaint-intake')
    await visible(s.page.getByTestId('intake-submit'))
    await s.page.keyboard.press('Alt+3')
    await s.page.locator('#intake_persons_0_name').fill('李咨询')
    await s.page.locator('#intake_persons_0_phone').fill('13700002222')
    await s.page.locator('#intake_category').click()
    await s.page.keyboard.type('网络')
    await s.page.keyboard.press('Enter')
    // 商品/服务分类: an everyday word, then Enter picks the class it found.
    await s.page.locator('#intake_productCode').click()
    await s.page.keyboard.type('酸奶')
    await motion(s.page)
    await visible(s.page.locator('.ant-select-tree-treenode-active').filter({ hasText: '乳制品' }))
    await s.page.keyboard.press('Enter')
    await expect.poll(() => textOf(s.page.getByTestId('intake-product'))).toContain('0103 乳制品')
    await s.page.locator('#intake_summary').fill('网购衣服能否七天无理由退货')
    await s.page.locator('#intake_facts').fill('来电人称在网店购买衣服，收到三天，吊牌未拆。')
    await s.page.locator('#intake_request').fill('想问能不能退')
    await s.page.getByTestId('answer-now').click()
    await s.page.locator('#intake_answerId').click()
    await s.page.keyboard.type('退货')
    await visible(s.page.locator('.ant-select-item-option-active').filter({ hasText: '七日无理由退货' }))
    await s.page.keyboard.press('Enter')
    await expect.poll(() => s.page.getByTestId('answer-text').inputValue()).toContain('七日内可以无理由退货')
    await shot(s.page, 'pilot-intake-answer')
    await s.page.keyboard.press('Control+Enter')
    await visible(s.page.getByTestId('intake-saved'))
    const saved = await textOf(s.page.getByTestId('intake-saved'))
    expect(saved).toMatch(/ZX\d{11}/)
    expect(saved).toContain('已办结')
    expect(s.errors).toEqual([])
    await s.context.close()
  })

  it('办理弹窗：受理没有要输入的内容，确定按钮获得焦点，Ctrl+Enter 即确定', async () => {
    // A complaint dispatched to 解放区 at intake waits for the handler's acceptance decision.
    const op = await apiLogin(server.url, 'operator')
    const units = (await (await op.request('GET', '/api/org/units')).json()) as { items: Array<{ id: string; code: string }> }
    const r = await op.request('POST', '/api/complaints', {
      types: ['complaint'],
      channel: 'hotline',
      category: 'quality',
      summary: '电饭煲无法加热',
      request: '退货退款',
      facts: '购买三天后无法加热，商家拒绝退货。',
      persons: [{ name: '王小明', phone: '13800001111', address: '焦作市解放区民主路1号' }],
      respondent: { name: '焦作市解放区某电器商行', address: '焦作市解放区人民路8号', division: '410802001' },
      dispatchToUnitId: units.items.find((u) => u.code === 'JZ-410802')!.id,
    })
    expect(r.status, await r.clone().text()).toBe(201)
    const list = (await r.json()) as { items: Array<{ id: string; state: string }> }
    expect(list.items[0]!.state).toBe('pending_acceptance')
    const s = await newSession(browser, server.url)
    await login(s.page, 'handler')
    await s.page.goto(`/complaints/${list.items[0]!.id}`)
    await s.page.getByTestId('action-accept').click()
    await visible(s.page.getByTestId('action-ok'))
    await motion(s.page)
    await expect.poll(() => focusedTestId(s.page)).toBe('action-ok')
    await s.page.keyboard.press('Control+Enter')
    await expect.poll(() => textOf(s.page.getByTestId('detail-state')), { timeout: 15_000 }).toBe('调解中')
    expect(s.errors).toEqual([])
    await s.context.close()
  })

  it('分送：承办单位树选择输入后按 Enter 选中，Ctrl+Enter 分送', async () => {
    const op = await apiLogin(server.url, 'operator')
    const r = await op.request('POST', '/api/complaints', {
      types: ['complaint'],
      channel: 'hotline',
      category: 'price',
      summary: '超市价签与结账价不一致',
      request: '退还多收的钱',
      facts: '标价 9.9 元，结账收 12.9 元。',
      persons: [{ name: '王小明', phone: '13800001111', address: '焦作市解放区民主路1号' }],
      // No division: no competent unit and no suggestion, so the unit is picked from what is typed.
      respondent: { name: '焦作市解放区某超市', address: '焦作市解放区人民路9号' },
    })
    expect(r.status).toBe(201)
    const id = ((await r.json()) as { items: Array<{ id: string }> }).items[0]!.id
    const s = await newSession(browser, server.url)
    await login(s.page, 'operator')
    await s.page.goto(`/complaints/${id}`)
    await s.page.getByTestId('action-dispatch').click()
    await visible(s.page.getByTestId('action-ok'))
    await motion(s.page)
    await s.page.keyboard.type('民生')
    await visible(s.page.locator('.ant-select-tree-treenode-active').filter({ hasText: '民生市场监管所' }))
    await s.page.keyboard.press('Enter')
    await expect.poll(() => textOf(s.page.locator('.ant-modal .ant-select-selection-item, .ant-modal .ant-select-content'))).toContain('民生市场监管所')
    await s.page.keyboard.press('Control+Enter')
    await expect.poll(() => textOf(s.page.getByTestId('detail-state')), { timeout: 15_000 }).toBe('待受理')
    const d = (await (await op.request('GET', `/api/complaints/${id}`)).json()) as { handlingUnit: { name: string } }
    expect(d.handlingUnit.name).toBe('民生市场监管所')
    expect(s.errors).toEqual([])
    await s.context.close()
  })
})

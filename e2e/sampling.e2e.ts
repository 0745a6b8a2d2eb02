import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiLogin, login, newSession, overflowsHorizontally, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

const PHONE = { width: 390, height: 844 }
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })

/** Fills the generated action form's date field and confirms the modal (and its confirmation, if any). */
async function actionModal(page: Page, testId: string, fill: (modal: ReturnType<Page['locator']>) => Promise<void> = async () => {}) {
  await page.getByTestId(testId).click()
  const modal = page.locator('.ant-modal:visible').last()
  await visible(modal)
  await fill(modal)
  // Ctrl+Enter sends the generated form from any field; a `confirm` action asks once more.
  await page.keyboard.press('Control+Enter')
  const confirm = page.locator('.ant-modal-confirm')
  await confirm
    .first()
    .waitFor({ state: 'visible', timeout: 1500 })
    .then(() => confirm.first().locator('.ant-modal-confirm-btns .ant-btn').last().click())
    .catch(() => {})
  await modal.waitFor({ state: 'hidden' })
  await settle(page)
}
async function date(modal: ReturnType<Page['locator']>, field: string, value: string) {
  const input = modal.locator(`#action-field-${field}`)
  await input.click()
  await input.fill(value)
  await input.press('Enter')
}

/**
 * 抽检, end to end: a 解放区 plan → a task drawn from the register for me → the 抽样单 on a phone →
 * the laboratory enters results (one row refused without its unit, corrected) and issues a
 * non-conforming report → the bureau serves it, registers the re-test request and draws the re-test
 * laboratory → the public page verifies the draw (phone) → the re-test laboratory confirms →
 * disposal → the lead exists → statistics and the public announcement show the batch.
 */
describe('抽检', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser(
    (s, b) => {
      server = s
      browser = b
    },
    { entities: 3000 },
  )

  it('计划 → 任务 → 手机抽样单 → 检验结果 → 不合格 → 复检抽取 → 处置 → 线索、统计与公告', async () => {
    const officer = await apiLogin(server.url, 'jfsampling')
    const labs = (await (await officer.request('GET', '/api/sampling/labs')).json()) as Array<{ id: string; name: string; checkTypes: string[] }>
    const jfUnit = ((await (await officer.request('GET', '/api/auth/me')).json()) as { user: { primaryUnitId: string } }).user.primaryUnitId
    const created = await officer.request('POST', '/api/sampling/plans', {
      unitId: jfUnit,
      year: Number(today().slice(0, 4)),
      title: '浏览器测试：解放区蔬菜专项抽检',
      checkType: 'food',
      lines: [{ categoryCode: '3302', batches: 50 }],
      labIds: labs.filter((l) => l.checkTypes.includes('food')).map((l) => l.id),
    })
    expect(created.status).toBe(201)

    // Desktop: the plan with its progress; draw one task for me.
    const desk = await newSession(browser, server.url)
    await login(desk.page, 'jfsampling')
    await desk.page.getByRole('menuitem', { name: '抽检计划' }).click()
    await desk.page.waitForURL('**/sampling/plans')
    await settle(desk.page)
    const card = desk.page.getByTestId('sampling-plan').filter({ hasText: '浏览器测试：解放区蔬菜专项抽检' })
    await visible(card)
    expect(await textOf(card.getByTestId('plan-per-thousand'))).toContain('目标 4')
    await card.getByTestId('tasks-3302').click()
    await desk.page.getByTestId('draw-tasks').click()
    await visible(desk.page.getByText('已下达 1 个抽样任务'))
    await settle(desk.page)
    await shot(desk.page, 'sampling-plans')
    expect(desk.errors).toEqual([])
    await desk.context.close()

    // Phone: my tasks → the sampling form.
    const phone = await newSession(browser, server.url, PHONE)
    await login(phone.page, 'jfsampling')
    await phone.page.goto('/sampling/samples?mine=1&state=assigned')
    await settle(phone.page)
    const task = phone.page.getByTestId('sample-card').filter({ hasText: '蔬菜' }).first()
    await visible(task)
    await task.locator('a').first().click()
    await phone.page.waitForURL('**/sampling/samples/*')
    await settle(phone.page)
    const sampleUrl = phone.page.url()
    const form = phone.page.getByTestId('sampling-form')
    await visible(form)
    expect(await overflowsHorizontally(phone.page)).toBe(false)
    await phone.page.getByTestId('f-place').fill('民主路农贸市场 8 号摊位')
    await phone.page.getByTestId('f-product').fill('豇豆')
    await phone.page.getByTestId('f-producer').fill('郑州演示蔬菜种植合作社')
    await phone.page.getByTestId('f-division').fill('410102')
    await phone.page.getByTestId('f-price').fill('-3')
    await phone.page.getByTestId('f-samplers').fill('何志强，张伟')
    await phone.page.getByTestId('f-signed').fill('摊主刘某')
    await phone.page.getByTestId('f-lab').click()
    await phone.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '焦作市检验检测中心' }).click()
    await shot(phone.page, 'sampling-form-phone')
    await phone.page.getByTestId('f-submit').click()
    // A negative price is refused (zh-CN), nothing recorded.
    await visible(phone.page.getByText('购样费用不能为负数').first())
    await phone.page.getByTestId('f-price').fill('12.5')
    await phone.page.getByTestId('f-submit').click()
    await visible(phone.page.getByText('抽样单已提交'))
    await settle(phone.page)
    expect(await textOf(phone.page.getByTestId('sample-state'))).toBe('已抽样（待收样）')
    await visible(phone.page.getByTestId('sample-label'))
    await visible(phone.page.getByTestId('sample-qr'))
    expect(await overflowsHorizontally(phone.page)).toBe(false)
    await shot(phone.page, 'sampling-sample-phone')
    const sampleNo = (await textOf(phone.page.getByTestId('sample-label').locator('.mono'))).trim()
    expect(phone.errors).toEqual([])
    await phone.context.close()

    // The laboratory: receive, one result row without its unit refused, corrected, non-conforming report.
    const labS = await newSession(browser, server.url)
    await login(labS.page, 'lab')
    await labS.page.getByRole('menuitem', { name: '承检样品' }).click()
    await settle(labS.page)
    await labS.page.getByTestId('lab-sample').filter({ hasText: sampleNo }).click()
    await settle(labS.page)
    await actionModal(labS.page, 'lab-action-receive', (m) => date(m, 'receivedOn', today()))
    // Results by import (one row per test item): the first file has a row without its unit, which
    // stays out with its reason; the corrected file imports both rows.
    const head = '样品编号,检验项目,判定依据,检验方法,标准指标,计量单位,实测值,单项结论,检验日期'
    const rows = (unit: string) => [
      `${sampleNo},克百威,GB 2763-2021,NY/T 761-2008,≤0.02,${unit},0.13,不合格,${today()}`,
      `${sampleNo},毒死蜱,GB 2763-2021,NY/T 761-2008,≤0.05,mg/kg,未检出,合格,${today()}`,
    ]
    const importFile = async (name: string, lines: string[]) => {
      await labS.page
        .locator('[data-testid=result-import] input[type=file]')
        .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[head, ...lines].join('\r\n')}\r\n`) })
      await visible(labS.page.getByTestId('result-import-summary').filter({ hasText: name }))
      await settle(labS.page)
    }
    await importFile('检验结果-初稿.csv', rows(''))
    expect(await textOf(labS.page.getByTestId('result-import-summary'))).toMatch(/共 2 行，已导入 1 行，1 行有错误/)
    await visible(labS.page.locator('[data-testid=result-import]').getByText('检验结果-初稿.csv'))
    await shot(labS.page, 'sampling-lab-import-error')
    await importFile('检验结果-改正.csv', rows('mg/kg'))
    expect(await textOf(labS.page.getByTestId('result-import-summary'))).toMatch(/共 2 行，已导入 2 行$/)
    await expect.poll(async () => labS.page.getByTestId('r-item-1').inputValue()).toBe('克百威')
    await actionModal(labS.page, 'lab-action-issue_non_conforming', async (m) => {
      await m.locator('#action-field-reportNo').fill('JZJC-E2E-0001')
      await date(m, 'issuedOn', today())
    })
    await visible(labS.page.getByText('不合格（待送达）').first())
    await shot(labS.page, 'sampling-lab')
    expect(labS.errors).toEqual([])
    await labS.context.close()

    // The bureau: serve, re-test request, draw the re-test laboratory.
    const b = await newSession(browser, server.url)
    await login(b.page, 'jfsampling')
    await b.page.goto(new URL(sampleUrl).pathname)
    await settle(b.page)
    await actionModal(b.page, 'sample-action-serve', (m) => date(m, 'servedOn', today()))
    await visible(b.page.getByTestId('sample-lead'))
    await actionModal(b.page, 'sample-action-request_retest', async (m) => {
      await date(m, 'appliedOn', today())
      await m.locator('#action-field-applicant').fill('摊主刘某')
    })
    await actionModal(b.page, 'sample-action-draw_retest_lab', (m) => m.locator('#action-field-drawTimeValue').fill(`${today()} 福彩3D 开奖号码 472`))
    const draw = b.page.getByTestId('retest-draw')
    await visible(draw.getByText('抽中'))
    expect(await textOf(draw)).not.toContain('抽中：焦作市检验检测中心')
    await shot(b.page, 'sampling-retest-draw')

    // Anyone verifies the draw on the public page (phone).
    const pub = await newSession(browser, server.url, PHONE)
    await pub.page.goto(`/public/sampling?verify=${sampleNo}`)
    await settle(pub.page)
    await visible(pub.page.getByText(/核验通过：复检机构为/))
    expect(await overflowsHorizontally(pub.page)).toBe(false)
    await shot(pub.page, 'sampling-public-verify-phone')

    // The re-test laboratory's account confirms non-conformity (the demo lab account is linked to it for this).
    const sampling = await apiLogin(server.url, 'sampling')
    const labUser = await apiLogin(server.url, 'lab')
    const labUserId = ((await (await labUser.request('GET', '/api/auth/me')).json()) as { user: { id: string } }).user.id
    const detail = (await (await officer.request('GET', `/api/sampling/samples/${new URL(sampleUrl).pathname.split('/').pop()}`)).json()) as {
      id: string
      retestLabId: string
    }
    expect((await sampling.request('POST', `/api/sampling/labs/${detail.retestLabId}/users`, { userId: labUserId })).status).toBe(200)
    let version = ((await (await labUser.request('GET', `/api/sampling/lab/samples/${detail.id}`)).json()) as { version: number }).version
    const items = [{ item: '克百威', standard: 'GB 2763-2021', method: 'NY/T 761-2008', limit: '≤0.02', result: '0.11', unit: 'mg/kg', conclusion: 'fail' }]
    expect((await labUser.request('PUT', `/api/sampling/lab/samples/${detail.id}/results`, { items, version })).status).toBe(200)
    version += 1
    const retest = await labUser.request('POST', `/api/sampling/lab/samples/${detail.id}/actions/retest_non_conforming`, {
      reportNo: 'FJ-E2E-01',
      issuedOn: today(),
      version,
    })
    expect(retest.status, await retest.clone().text()).toBe(200)

    // Disposal: stop sale, then verified.
    await b.page.reload()
    await settle(b.page)
    expect(await textOf(b.page.getByTestId('sample-state'))).toBe('核查处置中')
    await actionModal(b.page, 'sample-action-record_disposal', async (m) => {
      await m.locator('#action-field-step').click()
      await b.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click()
      await date(m, 'doneOn', today())
    })
    await actionModal(b.page, 'sample-action-verify_disposal', (m) => date(m, 'doneOn', today()))
    expect(await textOf(b.page.getByTestId('sample-state'))).toBe('处置完毕')
    await shot(b.page, 'sampling-sample-closed')

    // The lead is in the leads list; statistics and the public announcement show the batch.
    const leads = (await (await officer.request('GET', '/api/leads?source=sampling&pageSize=100')).json()) as { items: Array<{ sourceNo: string }> }
    expect(leads.items.map((l) => l.sourceNo)).toContain(sampleNo)
    await b.page.getByRole('menuitem', { name: '抽检统计' }).click()
    await settle(b.page)
    const veg = b.page.getByTestId('stats-table').locator('tr', { hasText: '食用农产品' })
    await visible(veg)
    expect(Number((await textOf(veg.locator('td').nth(4))).trim())).toBeGreaterThanOrEqual(1)
    await shot(b.page, 'sampling-stats')
    expect(b.errors).toEqual([])
    await b.context.close()

    await pub.page.goto('/public/sampling')
    await settle(pub.page)
    const alert = pub.page.getByTestId('public-fail').filter({ hasText: '郑州演示蔬菜种植合作社' })
    await visible(alert)
    expect(await textOf(alert)).toContain('克百威')
    expect(await overflowsHorizontally(pub.page)).toBe(false)
    await shot(pub.page, 'sampling-public-phone')
    expect(pub.errors).toEqual([])
    await pub.context.close()
  })
})

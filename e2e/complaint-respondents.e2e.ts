import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { composeUscc } from '../src/modules/entities'
import { apiLogin, login, newSession, pickOption, settle, shot, textOf, useServerAndBrowser, visible, type ApiSession, type TestServer } from './support'

/**
 * Picking a respondent from the register when several entities share a name (issue 12 points 1
 * and 6): the hotline form routes the item to the chosen entity's district whichever of the
 * same-named suggestions is chosen; the public form suggests register entities (public fields) and
 * sends the chosen one's id; staff correct the respondent from the detail page and the competent
 * unit follows. The demo server has no market entities: this file registers two of one name, in
 * 解放区 (410802) and 山阳区 (410811).
 */
const NAME = '焦作市恒达浏览器测试超市有限公司'
const ADDRESS = { '410802': '焦作市解放区民主南路18号', '410811': '焦作市山阳区塔南路28号' } as const
const BUREAU = { '410802': '焦作市解放区市场监督管理局', '410811': '焦作市山阳区市场监督管理局' } as const

interface Entity {
  id: string
  uscc: string
  division: keyof typeof ADDRESS
}

async function register(admin: ApiSession, division: keyof typeof ADDRESS, body: string): Promise<Entity> {
  const r = await admin.request('POST', '/api/entities', {
    uscc: composeUscc('91', division, body),
    name: NAME,
    businessDivision: `${division}001`,
    domicileDivision: `${division}001`,
    businessAddress: ADDRESS[division],
  })
  expect(r.status, await r.clone().text()).toBe(201)
  return { ...((await r.json()) as { id: string; uscc: string }), division }
}

async function complaintByNo(api: ApiSession, itemNo: string) {
  const list = (await (await api.request('GET', `/api/complaints?q=${itemNo}`)).json()) as { items: Array<{ id: string }> }
  return (await (await api.request('GET', `/api/complaints/${list.items[0]!.id}`)).json()) as {
    id: string
    respondentEntityId: string | null
    competentUnit: { name: string } | null
  }
}

/** The hotline form, the respondent chosen as the `index`-th suggestion with ↓ and Enter. */
async function intakePicking(page: Page, index: number): Promise<{ itemNo: string; optionText: string }> {
  await page.goto('/complaint-intake')
  await settle(page)
  await page.locator('#intake_persons_0_name').fill('李晓梅')
  await page.locator('#intake_persons_0_phone').fill('13903918888')
  await page.locator('#intake_persons_0_address').fill('焦作市解放区建设路12号')
  await page.locator('#intake_respondent_name').click()
  await page.keyboard.type('恒达浏览器测试')
  const options = page.getByTestId('respondent-option')
  await expect.poll(() => options.count(), { timeout: 15_000 }).toBe(2)
  const optionText = await options.nth(index).innerText()
  for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect.poll(() => page.locator('#intake_respondent_name').inputValue()).toBe(NAME)
  await page.locator('#intake_category').focus()
  await page.keyboard.type('质量')
  await page.keyboard.press('Enter')
  await page.locator('#intake_summary').fill('买到的牛奶已过保质期')
  await page.locator('#intake_facts').fill('在该超市购买的牛奶已过保质期三天。')
  await page.locator('#intake_request').fill('退一赔十')
  await page.keyboard.press('Control+Enter')
  await visible(page.getByTestId('intake-saved'))
  return { itemNo: await textOf(page.getByTestId('saved-item-no')), optionText }
}

describe('被投诉人：同名主体按名录 ID 选择', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('热线登记：同名的第 1、第 2 个联想各自分到所选主体的辖区', async () => {
    const admin = await apiLogin(server.url, 'admin')
    const entities = [await register(admin, '410802', 'MA0E2E01'), await register(admin, '410811', 'MA0E2E02')]
    const operator = await apiLogin(server.url, 'operator')
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'operator')
    for (const index of [1, 0]) {
      const { itemNo, optionText } = await intakePicking(page, index)
      const chosen = entities.find((e) => optionText.includes(e.uscc))!
      expect(chosen, optionText).toBeDefined()
      const item = await complaintByNo(operator, itemNo)
      expect(item.respondentEntityId).toBe(chosen.id)
      expect(item.competentUnit?.name).toBe(BUREAU[chosen.division])
      if (index === 1) await shot(page, 'complaint-intake-same-name')
    }
    expect(errors).toEqual([])
    await context.close()
  })

  it('网上投诉：联想名录主体（手机）；工作人员更正被投诉人，管辖单位随之重定', async () => {
    const operator = await apiLogin(server.url, 'operator')
    // The public, on a phone: the suggestion carries the entity; its address fills in.
    const pub = await newSession(browser, server.url, { width: 390, height: 844 })
    await pub.page.goto('/public/12315')
    await visible(pub.page.getByTestId('portal-submit'))
    await pub.page.locator('#category').click()
    await pickOption(pub.page, '质量')
    await pub.page.locator('#respondentName').click()
    await pub.page.keyboard.type('恒达浏览器')
    const options = pub.page.getByTestId('public-respondent-option')
    await expect.poll(() => options.count(), { timeout: 15_000 }).toBe(2)
    await options.filter({ hasText: ADDRESS['410811'] }).click()
    await expect.poll(() => pub.page.locator('#respondentName').inputValue()).toBe(NAME)
    expect(await pub.page.locator('#respondentAddress').inputValue()).toBe(ADDRESS['410811'])
    await visible(pub.page.getByTestId('public-respondent-picked'))
    await shot(pub.page, 'portal-respondent-suggestion')
    await pub.page.locator('#summary').fill('买到过期牛奶')
    await pub.page.locator('#facts').fill('在该超市购买的牛奶已过保质期。')
    await pub.page.locator('#request').fill('退一赔十')
    await pub.page.locator('#name').fill('王小明')
    await pub.page.locator('#phone').fill('13803910000')
    await pub.page.locator('#address').fill('焦作市解放区焦东路1号')
    await pub.page.getByTestId('portal-privacy-accept').click()
    await pub.page.getByTestId('portal-submit').click()
    const itemNo = await textOf(pub.page.getByTestId('portal-item-no'))
    expect(pub.errors).toEqual([])
    await pub.context.close()
    const item = await complaintByNo(operator, itemNo)
    expect(item.competentUnit?.name).toBe(BUREAU['410811'])

    // Staff correct the respondent to the other entity of that name: routed again.
    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'operator')
    await page.goto(`/complaints/${item.id}`)
    await visible(page.getByTestId('action-respondent'))
    expect(await textOf(page.getByTestId('detail-header'))).toContain(BUREAU['410811'])
    await page.getByTestId('action-respondent').click()
    await page.locator('#respondent-link').click()
    await page.keyboard.type('恒达浏览器')
    const staffOptions = page.getByTestId('respondent-option')
    await expect.poll(() => staffOptions.count(), { timeout: 15_000 }).toBe(2)
    await staffOptions.filter({ hasText: ADDRESS['410802'] }).click()
    await visible(page.getByTestId('respondent-link-picked'))
    await page.getByTestId('respondent-link-ok').click()
    await expect.poll(() => textOf(page.getByTestId('detail-header')), { timeout: 15_000 }).toContain(BUREAU['410802'])
    await shot(page, 'complaint-respondent-corrected')
    expect((await complaintByNo(operator, itemNo)).competentUnit?.name).toBe(BUREAU['410802'])
    expect(errors).toEqual([])
    await context.close()
  })

  it('工作台疑似重复标记；原件已办结时关联原件；举报件由分派人员指定承办人', async () => {
    const operator = await apiLogin(server.url, 'operator')
    const entity = (
      (await (await operator.request('GET', `/api/complaints/respondents?q=${encodeURIComponent('恒达浏览器')}`)).json()) as {
        items: Array<{ entityId: string }>
      }
    ).items[0]!
    const consult = {
      types: ['consultation'],
      channel: 'hotline',
      category: 'other',
      summary: '恒达超市退货规则咨询',
      request: '能否无理由退货',
      respondent: { entityId: entity.entityId, name: NAME },
    }
    const first = (await (await operator.request('POST', '/api/complaints', { ...consult, facts: '在恒达超市购买的电饭煲能否七天无理由退货。' })).json()) as {
      items: Array<{ id: string; itemNo: string; version: number }>
    }
    const a = first.items[0]!
    expect(
      (await operator.request('POST', `/api/complaints/${a.id}/transitions`, { action: 'answer', answer: '可以', expectedVersion: a.version })).status,
    ).toBe(200)
    const second = (await (await operator.request('POST', '/api/complaints', { ...consult, facts: '在恒达超市购买的电饭煲能否七天无理由退货？' })).json()) as {
      items: Array<{ id: string; itemNo: string }>
    }
    const b = second.items[0]!
    const units = (await (await operator.request('GET', '/api/org/units')).json()) as { items: Array<{ id: string; code: string }> }
    const station = units.items.find((u) => u.code === 'JZ-410802-S01')!.id
    const report = (await (
      await operator.request('POST', '/api/complaints', {
        types: ['report'],
        channel: 'hotline',
        category: 'price',
        summary: '恒达超市价格欺诈',
        request: '查处',
        facts: '标价与结算价不符。',
        persons: [{ name: '司马保辉', phone: '13987654321' }],
        respondent: { entityId: entity.entityId, name: NAME },
        dispatchToUnitId: station,
      })
    ).json()) as { items: Array<{ id: string; itemNo: string }> }

    const { page, context, errors } = await newSession(browser, server.url)
    await login(page, 'operator')
    await page.goto('/complaints')
    await settle(page)
    await page.getByTestId('queue-search').fill('恒达超市')
    await page.getByTestId('queue-search').press('Enter')
    const row = page.getByTestId('queue').locator('.ant-table-row').filter({ hasText: b.itemNo })
    await visible(row)
    await visible(row.getByTestId('queue-duplicate'))
    // The reporter is 实名（保密） in the queue, never a masked name.
    const reportRow = page.getByTestId('queue').locator('.ant-table-row').filter({ hasText: report.items[0]!.itemNo })
    await visible(reportRow)
    expect(await reportRow.innerText()).toContain('实名（保密）')
    expect(await reportRow.innerText()).not.toMatch(/司\*|4321/)
    await shot(page, 'complaint-queue-duplicate')

    await row.getByTestId('queue-item-no').click()
    await page.waitForURL(`**/complaints/${b.id}`)
    await page.getByTestId('action-link').click()
    await page.getByTestId(`link-${a.itemNo}`).click()
    await expect.poll(() => textOf(page.getByTestId('detail-header')), { timeout: 15_000 }).toContain(`${a.itemNo}（本件关联的原件`)

    await page.goto(`/complaints/${report.items[0]!.id}`)
    await page.getByTestId('assign-handler').click()
    await page.getByTestId('assign-select').click()
    await pickOption(page, '刘文博')
    await page.getByTestId('assign-ok').click()
    await expect.poll(() => textOf(page.getByTestId('detail-header')), { timeout: 15_000 }).toContain('刘文博')
    expect(await textOf(page.getByTestId('detail-header'))).not.toContain('由我承办')
    expect(errors).toEqual([])
    await context.close()
  })
})

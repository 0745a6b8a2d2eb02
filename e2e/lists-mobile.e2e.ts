import ExcelJS from 'exceljs'
import type { Browser, Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  apiLogin,
  login,
  motion,
  newSession,
  overflowsHorizontally,
  pickOption,
  settle,
  shot,
  textOf,
  useServerAndBrowser,
  visible,
  type TestServer,
} from './support'

/**
 * Work lists on a phone (390 × 844): the 12315 queue, 我的检查 and the public double-random
 * results become cards (no sideways page scroll, the key text on a line or two, the primary action
 * on screen); an inspector opens their task from its number (a station inspector on a bureau's
 * task); the result form has no pre-filled result. On the desktop: the queue sorts by a column
 * header (the sort in the address bar), keeps column settings per user, and exports / dispatches
 * the selected rows; a task that cannot be drawn is not announced, and a voided one shows as
 * withdrawn on the public page.
 */

const PHONE = { width: 390, height: 844 }

async function onScreen(el: Locator) {
  await visible(el)
  const b = (await el.boundingBox())!
  expect(b.x).toBeGreaterThanOrEqual(0)
  expect(b.x + b.width).toBeLessThanOrEqual(PHONE.width)
  return b
}

/** The key text reads across the card: wide, and at most two lines tall. */
async function readable(page: Page, el: Locator) {
  const b = await onScreen(el)
  const lineHeight = await el.evaluate(
    (e) => parseFloat((globalThis as unknown as { getComputedStyle(x: unknown): { lineHeight: string } }).getComputedStyle(e).lineHeight) || 22,
  )
  expect(b.width).toBeGreaterThan(80)
  expect(b.height).toBeLessThanOrEqual(lineHeight * 2 + 4)
  expect(await overflowsHorizontally(page)).toBe(false)
}

async function intake(server: TestServer, n: number) {
  const op = await apiLogin(server.url, 'operator')
  for (let i = 0; i < n; i++) {
    const r = await op.request('POST', '/api/complaints', {
      types: ['complaint'],
      channel: 'hotline',
      category: 'quality',
      summary: `手机端列表测试第${i + 1}件：购买的电饭煲无法加热`,
      request: '要求退货退款',
      facts: '11月1日购买电饭煲一台，使用三天后无法加热，商家拒绝退货。',
      persons: [{ name: '王小明', phone: '13800001111', address: '焦作市解放区民主路1号' }],
      respondent: { name: `焦作市解放区列表测试电器商行${i + 1}`, address: '解放区民主路', division: '410802002' },
    })
    expect(r.status, await r.clone().text()).toBe(201)
  }
}

/** A 解放区局 task drawn from the demo register (high-risk strata, a few targets), through the API. */
async function drawnTask(random: Awaited<ReturnType<typeof apiLogin>>): Promise<string> {
  const units = (await (await random.request('GET', '/api/org/units')).json()) as { items: Array<{ id: string; code: string }> }
  const jf = units.items.find((u) => u.code === 'JZ-410802')!.id
  const items = (await (await random.request('GET', '/api/inspection-items?pageSize=100')).json()) as { items: Array<{ id: string; code: string }> }
  const r = await random.request('POST', '/api/inspection-tasks', {
    name: '浏览器测试：手机端检查任务',
    unitId: jf,
    periodFrom: '2026-12-01',
    periodTo: '2026-12-31',
    items: [{ itemId: items.items.find((i) => i.code === 'SJ-DJ-001')!.id }],
    scope: {},
    params: {
      strata: [
        { stratum: 'C', ratio: 1, max: 3 },
        { stratum: 'D', ratio: 1, max: 3 },
      ],
      perTarget: 2,
      maxLoad: 30,
      excludeDailyStation: true,
      excludeRecent: false,
    },
  })
  expect(r.status, await r.clone().text()).toBe(201)
  const id = ((await r.json()) as { id: string }).id
  const a = await random.request('POST', `/api/inspection-tasks/${id}/announce`)
  expect(a.status, await a.clone().text()).toBe(200)
  const job = (await (await random.request('POST', `/api/inspection-tasks/${id}/draws`, {})).json()) as { id: string }
  await expect
    .poll(async () => ((await (await random.request('GET', `/api/inspection-draw-jobs/${job.id}`)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe('succeeded')
  return id
}

describe('列表：手机端卡片、排序、列设置、批量操作', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser(
    (s, b) => {
      server = s
      browser = b
    },
    { entities: 3000 },
  )

  it('390 × 844：工作台、我的检查、公示页面为卡片，无横向滚动，主要操作在屏内；检查员由任务编号打开任务，结果不预填', async () => {
    await intake(server, 3)
    // 12315 queue.
    const op = await newSession(browser, server.url, PHONE)
    await login(op.page, 'operator')
    await op.page.goto('/complaints')
    await settle(op.page)
    const card = op.page.getByTestId('queue-card').filter({ hasText: '手机端列表测试' }).first()
    await visible(card)
    await readable(op.page, card.getByTestId('queue-item-no'))
    await readable(op.page, card.locator('.c-summary'))
    await onScreen(op.page.getByRole('button', { name: /热线登记/ }))
    // The filters beyond the search box are folded: the first card starts within the first screen.
    expect(await op.page.getByTestId('queue-clock-filter').isVisible()).toBe(false)
    expect((await op.page.getByTestId('queue-card').first().boundingBox())!.y).toBeLessThan(PHONE.height)
    await shot(op.page, 'queue-390')
    await op.page.getByTestId('queue-more-filters').click()
    await visible(op.page.getByTestId('queue-clock-filter'))
    await op.page.getByTestId('queue-more-filters').click()
    await card.click()
    await op.page.waitForURL('**/complaints/*')
    expect(op.errors).toEqual([])
    await op.context.close()

    // 我的检查: an inspector of the demo's task in progress (a station inspector with unit scope; the task is the bureau's).
    const random = await apiLogin(server.url, 'random')
    const taskId = await drawnTask(random)
    const targets = (await (await random.request('GET', `/api/inspection-tasks/${taskId}/targets?status=pending&pageSize=50`)).json()) as {
      items: Array<{ inspectors: Array<{ userId: string }> }>
    }
    expect(targets.items.length).toBeGreaterThan(0)
    const register = (await (await random.request('GET', '/api/inspection-inspectors?pageSize=100')).json()) as {
      items: Array<{ userId: string; username: string }>
    }
    const inspector = register.items.find((r) => r.userId === targets.items[0]!.inspectors[0]!.userId)!.username
    const ins = await newSession(browser, server.url, PHONE)
    await login(ins.page, inspector)
    await ins.page.goto('/inspection-mine')
    await settle(ins.page)
    const mine = ins.page.getByTestId('mine-card').first()
    await visible(mine)
    await readable(ins.page, mine.locator('.ant-card-head-title'))
    await onScreen(mine.getByTestId('open-target'))
    expect(await textOf(mine.getByTestId('open-target'))).toMatch(/录入结果|查看/)
    await shot(ins.page, 'inspection-mine-390')
    // The result form: nothing chosen until the inspector chooses.
    const pending = ins.page
      .getByTestId('mine-card')
      .filter({ has: ins.page.getByRole('button', { name: '录入结果' }) })
      .first()
    await pending.getByTestId('open-target').click()
    const select = ins.page.locator('[data-testid^="result-"]').first()
    await visible(select)
    expect(await textOf(ins.page.locator('.ant-drawer .ant-select-placeholder').first())).toBe('请选择检查结果')
    expect(await ins.page.locator('.ant-drawer .ant-select-content-value, .ant-drawer .ant-select-selection-item').count()).toBe(0)
    await ins.page.getByTestId('result-save').click()
    await visible(ins.page.locator('.ant-form-item-explain-error').filter({ hasText: '请选择检查结果' }).first())
    await ins.page.keyboard.press('Escape')
    await motion(ins.page)
    // The task number opens the task (its unit is outside the inspector's own scope).
    const taskNo = await textOf(mine.getByTestId('task-link'))
    await mine.getByTestId('task-link').click()
    await ins.page.waitForURL('**/inspections/tasks/*')
    await settle(ins.page)
    expect(await textOf(ins.page.locator('.page-header'))).toContain(taskNo)
    await visible(ins.page.getByTestId('targets'))
    expect(await overflowsHorizontally(ins.page)).toBe(false)
    await shot(ins.page, 'inspection-task-by-inspector-390')
    expect(ins.errors).toEqual([])
    await ins.context.close()

    // Public results.
    const pub = await newSession(browser, server.url, PHONE)
    await pub.page.goto('/public/inspections')
    await settle(pub.page)
    const task = pub.page.getByTestId('public-task-card').first()
    await visible(task)
    await readable(pub.page, task.locator('.ant-card-head-title'))
    await task.getByTestId('public-task-open').click()
    const target = task.locator('.public-target-card').first()
    await visible(target)
    await readable(pub.page, target.locator('div').first())
    expect(await overflowsHorizontally(pub.page)).toBe(false)
    await shot(pub.page, 'inspection-public-390')
    expect(pub.errors).toEqual([])
    await pub.context.close()
  })

  it('桌面：工作台按列排序（地址栏保留）、列设置按用户保存、勾选后导出所选与批量分送', async () => {
    await intake(server, 2)
    const { page, errors, context } = await newSession(browser, server.url)
    await login(page, 'operator')
    await page.goto('/complaints?q=手机端列表测试')
    await settle(page)
    const rows = page.getByTestId('queue').locator('.ant-table-row')
    await expect.poll(() => rows.count()).toBe(5)
    // Sort by the number column (receipt time): ascending, then descending.
    await page.locator('.ant-table-thead th').filter({ hasText: '编号' }).click()
    await page.waitForURL(/sort=received_asc/)
    await settle(page)
    // The list re-renders after the request for the new order returns: wait for the order itself.
    const numbers = async () => (await rows.getByTestId('queue-item-no').allInnerTexts()).map((t) => t.trim())
    const isSorted = (xs: string[], dir: 1 | -1) => xs.length === 5 && xs.every((x, i) => i === 0 || x > xs[i - 1]! === (dir === 1))
    await expect.poll(async () => isSorted(await numbers(), 1)).toBe(true)
    await page.locator('.ant-table-thead th').filter({ hasText: '编号' }).click()
    await page.waitForURL(/sort=received_desc/)
    await settle(page)
    await expect.poll(async () => isSorted(await numbers(), -1)).toBe(true)
    // Column settings: hide 当事人; kept after a reload.
    expect(await page.locator('.ant-table-thead th').filter({ hasText: '当事人' }).count()).toBe(1)
    await page.getByTestId('column-settings-open').click()
    await page.getByTestId('column-toggle-party').click()
    await page.keyboard.press('Escape')
    expect(await page.locator('.ant-table-thead th').filter({ hasText: '当事人' }).count()).toBe(0)
    await page.reload()
    await settle(page)
    expect(await page.locator('.ant-table-thead th').filter({ hasText: '当事人' }).count()).toBe(0)
    expect(page.url()).toContain('sort=received_desc')

    // Select two rows: export them, then dispatch them in one go.
    await rows.nth(0).locator('.ant-checkbox-input').check()
    await rows.nth(1).locator('.ant-checkbox-input').check()
    expect(await textOf(page.getByTestId('selection-count'))).toBe('已选 2 项')
    await shot(page, 'queue-selection')
    await page.getByTestId('batch-dispatch').click()
    await visible(page.getByTestId('batch-dispatch-confirm'))
    await motion(page)
    await page.getByTestId('batch-dispatch-unit').click()
    await page.keyboard.type('解放区市场')
    await pickOption(page, '焦作市解放区市场监督管理局')
    await page.getByTestId('batch-dispatch-confirm').click()
    await page.locator('.ant-message').getByText('已分送 2 件').waitFor()
    await settle(page)
    expect(await page.getByTestId('queue').innerText()).toContain('待受理')
    expect(errors).toEqual([])
    await context.close()

    // 导出所选 (the leader may export): a real .xlsx of the two selected items only.
    const ld = await newSession(browser, server.url)
    await login(ld.page, 'leader')
    await ld.page.goto('/complaints?q=手机端列表测试&sort=received_asc')
    await settle(ld.page)
    const lrows = ld.page.getByTestId('queue').locator('.ant-table-row')
    await expect.poll(() => lrows.count()).toBe(5)
    await lrows.nth(0).locator('.ant-checkbox-input').check()
    await lrows.nth(2).locator('.ant-checkbox-input').check()
    const picked = [await lrows.nth(0).getByTestId('queue-item-no').innerText(), await lrows.nth(2).getByTestId('queue-item-no').innerText()].map((x) =>
      x.trim(),
    )
    const other = (await lrows.nth(1).getByTestId('queue-item-no').innerText()).trim()
    const [download] = await Promise.all([ld.page.waitForEvent('download', { timeout: 30_000 }), ld.page.getByTestId('batch-export').click()])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(await download.path())
    const cells = JSON.stringify(wb.worksheets[0]!.getSheetValues())
    for (const no of picked) expect(cells).toContain(no)
    expect(cells).not.toContain(other)
    expect(ld.errors).toEqual([])
    await ld.context.close()
  })

  it('桌面：无法抽取的任务不能公告（草稿上说明原因）；已公告任务作废后在公示页面显示为已撤回', async () => {
    const random = await apiLogin(server.url, 'random')
    const units = (await (await random.request('GET', '/api/org/units')).json()) as
      { items?: Array<{ id: string; code: string }> } | Array<{ id: string; code: string }>
    const list = Array.isArray(units) ? units : units.items!
    const jf = list.find((u) => u.code === 'JZ-410802')!.id
    const items = (await (await random.request('GET', '/api/inspection-items?pageSize=100')).json()) as { items: Array<{ id: string; code: string }> }
    const itemId = items.items.find((i) => i.code === 'SJ-DJ-001')!.id
    const body = (name: string, maxLoad: number, ratio: number) => ({
      name,
      unitId: jf,
      periodFrom: '2026-12-01',
      periodTo: '2026-12-31',
      items: [{ itemId }],
      scope: {},
      params: {
        strata: [
          { stratum: 'B', ratio },
          { stratum: 'C', ratio },
          { stratum: 'D', ratio },
        ],
        perTarget: 2,
        maxLoad,
        excludeDailyStation: true,
        excludeRecent: false,
      },
    })
    const blocked = await random.request('POST', '/api/inspection-tasks', body('浏览器测试：负荷不足的任务', 1, 1))
    expect(blocked.status, await blocked.clone().text()).toBe(201)
    const blockedId = ((await blocked.json()) as { id: string }).id

    const { page, errors, context } = await newSession(browser, server.url)
    await login(page, 'random')
    await page.goto(`/inspections/tasks/${blockedId}`)
    await settle(page)
    expect(await textOf(page.getByTestId('capacity'))).toMatch(/无法完成抽取，不能公告[\s\S]*负荷上限合计不足/)
    expect(await page.getByTestId('task-announce').isDisabled()).toBe(true)
    await shot(page, 'inspection-capacity')

    const ok = await random.request('POST', '/api/inspection-tasks', body('浏览器测试：公告后作废的任务', 30, 0.02))
    const okTask = (await ok.json()) as { id: string; taskNo: string }
    await page.goto(`/inspections/tasks/${okTask.id}`)
    await settle(page)
    expect(await page.getByTestId('task-announce').isDisabled()).toBe(false)
    const ann = await random.request('POST', `/api/inspection-tasks/${okTask.id}/announce`)
    expect(ann.status, await ann.clone().text()).toBe(200)
    await page.reload()
    await settle(page)
    await page.getByTestId('task-void').click()
    await visible(page.getByTestId('void-reason'))
    await page.getByTestId('void-reason').fill('检查计划调整，本任务撤回')
    await page.getByTestId('void-confirm').click()
    await visible(page.getByTestId('void-notice'))
    expect(await textOf(page.getByTestId('void-notice'))).toContain('检查计划调整，本任务撤回')
    expect(await textOf(page.locator('.page-header'))).toContain('已作废')
    expect(errors).toEqual([])
    await context.close()

    const pub = await newSession(browser, server.url)
    await pub.page.goto('/public/inspections?tab=announcements')
    await settle(pub.page)
    const row = pub.page.getByTestId('announcement').filter({ hasText: okTask.taskNo })
    await visible(row)
    expect(await row.innerText()).toMatch(/已撤回[\s\S]*检查计划调整，本任务撤回/)
    await shot(pub.page, 'inspection-public-withdrawn')
    expect(pub.errors).toEqual([])
  })
})

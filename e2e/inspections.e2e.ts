import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { composeUscc } from '../src/modules/entities'
import { fmtDate, fmtDateTime } from '../src/shared/time'
import { apiLogin, login, motion, newSession, pickOption, settle, shot, textOf, useServerAndBrowser, visible, type TestServer } from './support'

/**
 * 双随机、一公开 in the browser: a planner creates and announces a task, draws (commitment, seed and
 * hashes on screen, then the drawn list with two inspectors each), an assigned inspector records
 * a result from their own list, the planner publishes, and the public page (no login) shows the
 * task and the drawn entities with their results. The demo server has the check-item list and the
 * inspector register but no entities; this file registers twelve D-class enterprises in 解放区.
 */

const JF_TOWNS = ['410802001', '410802004', '410802007', '410802002', '410802005', '410802008']

async function confirm(page: Page) {
  const dlg = page.locator('.ant-modal-confirm, .ant-modal').filter({ hasText: /\S/ }).last()
  await visible(dlg)
  await motion(page)
  await dlg.getByRole('button', { name: /确\s*定|OK/ }).click()
}

describe('双随机抽查', () => {
  let server: TestServer
  let browser: Browser
  useServerAndBrowser((s, b) => {
    server = s
    browser = b
  })

  it('计划 → 公告 → 抽取 → 录入结果 → 公示，公示页面无需登录', async () => {
    const admin = await apiLogin(server.url, 'admin')
    const names: string[] = []
    for (let i = 0; i < 12; i++) {
      const name = `焦作市双随机浏览器测试${i + 1}号有限公司`
      const r = await admin.request('POST', '/api/entities', {
        uscc: composeUscc('91', '410802', `EE${String(i + 1).padStart(6, '0')}`),
        name,
        businessDivision: JF_TOWNS[i % JF_TOWNS.length],
        riskClass: 'D',
      })
      expect(r.status, await r.clone().text()).toBe(201)
      names.push(name)
    }

    const { page, errors } = await newSession(browser, server.url)
    await login(page, 'random')
    await page.getByRole('menuitem', { name: '抽查任务' }).click()
    await page.waitForURL('**/inspections')
    await settle(page)
    await page.getByTestId('task-new').click()
    await page.getByTestId('task-name').fill('解放区企业公示信息浏览器测试抽查')
    await page.getByTestId('task-unit').click()
    await page.keyboard.type('解放区市场')
    await pickOption(page, '焦作市解放区市场监督管理局')
    await page.getByTestId('task-items').click()
    await page.keyboard.type('SJ-DJ-001')
    await pickOption(page, 'SJ-DJ-001')
    // Close the drop-down (Escape would close the drawer too).
    await page.getByTestId('task-name').click()
    await motion(page)
    await page.getByTestId('task-save').click()
    await page.waitForURL('**/inspections/tasks/**')
    await visible(page.getByTestId('task-announce'))
    await settle(page)
    expect(await textOf(page.locator('.page-header').filter({ hasText: '浏览器测试抽查' }))).toContain('草稿')

    await page.getByTestId('task-announce').click()
    await confirm(page)
    await visible(page.getByTestId('commitment'))
    await settle(page)
    expect(await textOf(page.getByTestId('pool-size'))).toBe('12')
    expect(await textOf(page.getByTestId('expected-total'))).toBe('12')
    await page.getByTestId('draw-start').click()
    await visible(page.getByTestId('draw-confirm'))
    await motion(page)
    await page.getByTestId('draw-confirm').click()
    await visible(page.getByTestId('draw-record'), 30_000)
    await visible(page.getByTestId('targets'))
    await settle(page)
    expect(await textOf(page.getByTestId('draw-job'))).toContain('抽取完成')
    const rows = page.getByTestId('targets').locator('.ant-table-row')
    await expect.poll(() => rows.count()).toBe(12)
    for (let i = 0; i < 12; i++) expect((await rows.nth(i).innerText()).split('、').length).toBeGreaterThanOrEqual(2)
    await page.getByTestId('verify-draw').click()
    expect(await textOf(page.getByTestId('verdict'))).toContain('核验结果：一致')
    await shot(page, 'inspections-draw')

    // Results: eleven through the API by their assigned inspectors, the last one in the browser.
    const random = await apiLogin(server.url, 'random')
    const taskId = page.url().split('/').pop()!
    const targets = (await (await random.request('GET', `/api/inspection-tasks/${taskId}/targets?pageSize=50`)).json()) as {
      items: Array<{ id: string; inspectors: Array<{ userId: string }> }>
    }
    const register = (await (await random.request('GET', '/api/inspection-inspectors?pageSize=100')).json()) as {
      items: Array<{ userId: string; username: string }>
    }
    const username = (id: string) => register.items.find((r) => r.userId === id)!.username
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const items = (await (await random.request('GET', `/api/inspection-tasks/${taskId}`)).json()) as { items: Array<{ itemId: string }> }
    // One session per inspector: logins are rate-limited per address.
    const sessions = new Map<string, Awaited<ReturnType<typeof apiLogin>>>()
    for (const tg of targets.items.slice(1)) {
      const name = username(tg.inspectors[0]!.userId)
      if (!sessions.has(name)) sessions.set(name, await apiLogin(server.url, name))
      const insp = sessions.get(name)!
      const r = await insp.request('POST', `/api/inspection-targets/${tg.id}/results`, {
        inspectedOn: today,
        results: [{ itemId: items.items[0]!.itemId, result: 'no_problem', note: null }],
      })
      expect(r.status, await r.clone().text()).toBe(200)
    }
    const last = targets.items[0]!
    const insp = await newSession(browser, server.url)
    await login(insp.page, username(last.inspectors[0]!.userId))
    await insp.page.getByRole('menuitem', { name: '我的检查' }).click()
    await insp.page.waitForURL('**/inspection-mine')
    await settle(insp.page)
    const mine = insp.page.locator('.ant-table-row')
    await expect.poll(() => mine.count()).toBeGreaterThan(0)
    const row = mine.filter({ hasText: '浏览器测试' }).first()
    await row.getByTestId('open-target').click()
    await visible(insp.page.getByTestId('result-SJ-DJ-001'))
    await insp.page.getByTestId('result-SJ-DJ-001').click()
    await pickOption(insp.page, '发现问题已责令改正')
    await insp.page.getByTestId('note-SJ-DJ-001').fill('未按规定公示即时信息，已责令改正')
    await insp.page.getByTestId('result-save').click()
    await insp.page.locator('.ant-message').getByText('检查结果已录入').waitFor()
    expect(insp.errors).toEqual([])
    await insp.context.close()

    // Publication.
    await page.reload()
    await settle(page)
    expect(await textOf(page.locator('.page-header'))).toContain('检查完成')
    await page.getByTestId('task-publish').click()
    await confirm(page)
    await expect.poll(async () => textOf(page.locator('.page-header'))).toContain('已公示')
    expect(errors).toEqual([])

    const pub = await newSession(browser, server.url)
    await pub.page.goto('/public/inspections')
    await settle(pub.page)
    const taskRow = pub.page.getByTestId('public-tasks').locator('.ant-table-row').filter({ hasText: '解放区企业公示信息浏览器测试抽查' })
    await visible(taskRow)
    expect(await taskRow.innerText()).toContain('12')
    await taskRow.locator('.ant-table-row-expand-icon').click()
    const publicRows = pub.page.getByTestId('public-targets').locator('.ant-table-row')
    await expect.poll(() => publicRows.count()).toBe(12)
    const text = await pub.page.getByTestId('public-targets').innerText()
    expect(text).toContain('发现问题')
    expect(names.some((n) => text.includes(n))).toBe(true)
    expect(text).not.toContain('刘文博')
    await shot(pub.page, 'inspections-public')
    expect(pub.errors).toEqual([])

    // Beijing time on the public page, whatever the visitor's own time zone (here UTC): 公示日期 and
    // 公告时间 as the one helper formats them, never the UTC date or time sliced from the ISO string.
    const publicTask = (await (await fetch(`${server.url}/api/public/inspections/tasks/${taskId}`)).json()) as { taskNo: string; publishedAt: string }
    const announced = (await (await fetch(`${server.url}/api/public/inspections/announcements?pageSize=100`)).json()) as {
      items: Array<{ taskNo: string; announcedAt: string }>
    }
    const announcedAt = announced.items.find((a) => a.taskNo === publicTask.taskNo)!.announcedAt
    const utc = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', timezoneId: 'UTC', viewport: { width: 1366, height: 768 } })
    const utcPage = await utc.newPage()
    await utcPage.goto('/public/inspections')
    await settle(utcPage)
    const taskRowUtc = utcPage.getByTestId('public-tasks').locator('.ant-table-row').filter({ hasText: publicTask.taskNo })
    await visible(taskRowUtc)
    expect(await taskRowUtc.innerText()).toContain(fmtDate(publicTask.publishedAt))
    await utcPage.goto('/public/inspections?tab=announcements')
    await settle(utcPage)
    const annRow = utcPage.locator('.ant-table-row:visible').filter({ hasText: publicTask.taskNo })
    await visible(annRow).catch(async (e) => {
      await shot(utcPage, 'inspections-public-announcements-failed')
      throw e
    })
    const annText = await annRow.innerText()
    expect(annText).toContain(fmtDateTime(announcedAt))
    expect(annText).not.toContain(announcedAt.slice(0, 19).replace('T', ' '))
    await utc.close()
  })
})

/**
 * Browser-test support: starts the real server (demo data, fresh SQLite in a temp dir, a free
 * port, the built web client) and drives Debian's Chromium through playwright-core.
 * Never downloads a browser: install one with `apt-get install -y chromium` (and
 * `fonts-noto-cjk` for Chinese glyphs in screenshots).
 */
import { afterAll, beforeAll } from 'vitest'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request as PwRequest } from 'playwright-core'

/**
 * The few browser globals the page functions below use. They run in the page, not in Node; the
 * root tsconfig type-checks e2e/ without the DOM library (and the app's CSP forbids string eval).
 */
interface PageAnimation {
  effect: { getComputedTiming(): { iterations?: number | null } } | null
  finished: Promise<unknown>
}
declare const document: {
  querySelector(selector: string): unknown
  getAnimations(): PageAnimation[]
  documentElement: { scrollWidth: number; clientWidth: number }
  activeElement: { textContent: string | null } | null
}

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..')
export const DEMO_PASSWORD = 'Jianguan#Demo2026'
export const SHOTS_DIR = process.env.SHOTS_DIR ?? '/tmp/shots'
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

let webChecked = false

/** Builds web/dist when it is missing or stale (scripts/ensure-web.mjs; quick when up to date). */
export function ensureWeb(): void {
  if (webChecked) return
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/ensure-web.mjs')], { cwd: ROOT, stdio: 'inherit' })
  if (r.status !== 0) throw new Error('构建前端失败（scripts/ensure-web.mjs）')
  webChecked = true
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => res(port))
    })
  })
}

export interface TestServer {
  url: string
  /** Everything the server printed so far (for failure messages). */
  output(): string
  stop(): Promise<void>
}

/**
 * Starts `jianguan serve --demo` and waits until /api/health answers. The 12315 history (2019-07 to today)
 * (tens of seconds to load) only when `history` is set: the statistics pages' tests need it, others do not.
 */
export async function startServer(opts: { history?: boolean; entities?: number } = {}): Promise<TestServer> {
  ensureWeb()
  const dir = mkdtempSync(join(tmpdir(), 'jianguan-e2e-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let out = ''
  // Always SQLite in a fresh directory, even when the shell points at a PostgreSQL.
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.DATABASE_URL
  // The demo city without the 50 000 demo market entities (E2E_DEMO_ENTITIES to change): quick to start.
  // A file whose flow needs the register (inspections drawn from it) asks for some with `entities`.
  const entities = opts.entities !== undefined ? String(opts.entities) : (process.env.E2E_DEMO_ENTITIES ?? '0')
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin/jianguan.mjs'), 'serve', '--demo', '--demo-entities', entities, ...(opts.history ? [] : ['--no-demo-history'])],
    {
      cwd: ROOT,
      env: {
        ...env,
        SQLITE_PATH: join(dir, 'db.sqlite'),
        IMPORT_DIR: join(dir, 'imports'),
        AUDIT_ANCHOR_FILE: join(dir, 'audit-anchors.jsonl'),
        AUDIT_ANCHOR_KEY_FILE: join(dir, 'audit-anchor.key'),
        FILE_DIR: join(dir, 'files'),
        PORT: String(port),
        HOST: '127.0.0.1',
        WEB_DIST: './web/dist',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()))
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()))
  const exited = new Promise<void>((res) => child.once('exit', () => res()))

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const t = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(t)
    }
    rmSync(dir, { recursive: true, force: true })
  }

  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`服务器启动失败（退出码 ${child.exitCode}）：\n${out}`)
    }
    try {
      const r = await fetch(`${url}/api/health`)
      if (r.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`服务器 120 秒内未就绪：\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return { url, output: () => out, stop }
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`未找到 Chromium：${CHROMIUM}（apt-get install -y chromium）`)
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface Session {
  context: BrowserContext
  page: Page
  /** Page errors and console errors other than expected HTTP failures. */
  errors: string[]
}

/** A fresh browser context (own cookies) with a 1366×768 window unless told otherwise. */
export async function newSession(browser: Browser, baseURL: string, viewport = { width: 1366, height: 768 }): Promise<Session> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() !== 'error') return
    const t = m.text()
    // Failed requests (401 before login, 400 from a wrong password) are logged by the browser itself.
    if (/Failed to load resource/.test(t)) return
    errors.push(`console: ${t}`)
  })
  trackRequests(page)
  return { context, page, errors }
}

/** Requests a page has in flight, and when that number last changed: what `settle` waits on. */
const traffic = new WeakMap<Page, { pending: Set<PwRequest>; changedAt: number }>()

function trackRequests(page: Page): void {
  const t = { pending: new Set<PwRequest>(), changedAt: Date.now() }
  traffic.set(page, t)
  const done = (r: PwRequest) => {
    if (t.pending.delete(r)) t.changedAt = Date.now()
  }
  page.on('request', (r) => {
    t.pending.add(r)
    t.changedAt = Date.now()
  })
  page.on('requestfinished', done)
  page.on('requestfailed', done)
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login')
  await page.locator('#login_username').fill(username)
  await page.locator('#login_password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  await page.getByTestId('user-menu').waitFor()
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: '退出登录' }).click()
  await page.waitForURL((u) => u.pathname.startsWith('/login'))
}

/** Waits until no antd spinner or skeleton is showing. */
export async function settle(page: Page): Promise<void> {
  // 'networkidle' is a load state: once reached it stays reached, so after a client-side navigation
  // it returns at once, before the new page has fetched anything. Wait instead for this page's own
  // requests (data and lazily loaded chunks) to be quiet for a moment.
  const t = traffic.get(page)
  if (t) {
    const deadline = Date.now() + 15_000
    while (t.pending.size > 0 || Date.now() - t.changedAt < 150) {
      if (Date.now() > deadline) throw new Error(`页面请求迟迟未完成：${[...t.pending].map((r) => r.url()).join(', ')}`)
      await new Promise((r) => setTimeout(r, 25))
    }
  } else {
    await page.waitForLoadState('networkidle')
  }
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, { timeout: 15_000 })
}

/**
 * Lets drawers, modals and menus finish their motion (CSS transitions and animations); a closed
 * drawer gives the focus back to its trigger only then.
 */
export async function motion(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
    await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 2000))])
  })
  await page.waitForTimeout(50)
}

/** Saves a screenshot to SHOTS_DIR/<name>.png (for people to look at; never compared). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true })
  await motion(page)
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`) })
}

/** Waits until the (first) element is visible. */
export async function visible(locator: Locator, timeout = 15_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout })
  return locator
}

/** The visible text of the first matching element, once it is visible. */
export async function textOf(locator: Locator): Promise<string> {
  await visible(locator)
  return locator.first().innerText()
}

/** Whether the page is wider than the window (a horizontal scroll bar). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)
}

/** The trimmed text of the focused element. */
export async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement?.textContent ?? '').replace(/\s/g, ''))
}

/** Picks an option in the open antd Select / TreeSelect drop-down. */
export async function pickOption(page: Page, text: string): Promise<void> {
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
  const option = dropdown.locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper').filter({ hasText: text }).first()
  await visible(option)
  // A click while the drop-down still grows open can miss: let it settle first.
  await motion(page)
  await option.click()
}

/** A logged-in API client (Node fetch with the session cookie and CSRF token), for test set-up. */
export interface ApiSession {
  request(method: string, path: string, body?: unknown): Promise<Response>
  /** Uploads a file as multipart (field `file`). */
  upload(path: string, fileName: string, content: Uint8Array | string): Promise<Response>
}

export async function apiLogin(baseURL: string, username: string, password = DEMO_PASSWORD): Promise<ApiSession> {
  const r = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (!r.ok) throw new Error(`登录失败（${username}）：${r.status} ${await r.text()}`)
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const csrf = ((await r.json()) as { csrfToken: string }).csrfToken
  return {
    request: (method, path, body) =>
      fetch(`${baseURL}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    upload: (path, fileName, content) => {
      const form = new FormData()
      form.append('file', new Blob([content]), fileName)
      return fetch(`${baseURL}${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form })
    },
  }
}

/**
 * One platform server and one Chromium for a test file: started before its tests, stopped after.
 * `ready` receives them (files keep their own `server` and `browser` variables).
 */
export function useServerAndBrowser(ready: (server: TestServer, browser: Browser) => void, opts: { history?: boolean; entities?: number } = {}): void {
  let server: TestServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    server = await startServer(opts)
    browser = await launchBrowser()
    ready(server, browser)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })
}

/**
 * A 12315 report about a 解放区 business, dispatched to the 解放区 station and referred as a case
 * lead by the handler (移送案源) — the setup the leads and cases tests share, through the API.
 * Answers the report, its lead number and the handler's API session.
 */
export async function reportReferredAsLead(
  baseURL: string,
  r: {
    category: string
    summary: string
    facts: string
    reporter: { name: string; phone: string }
    respondent: { name: string; address: string }
    receivedAt?: string
    leadSummary: string
  },
): Promise<{ item: { id: string; itemNo: string }; leadNo: string; handlerApi: ApiSession }> {
  const operator = await apiLogin(baseURL, 'operator')
  const units = (await (await operator.request('GET', '/api/org/units')).json()) as { items: Array<{ id: string; code: string }> }
  const station = units.items.find((u) => u.code === 'JZ-410802-S01')!.id
  const created = await operator.request('POST', '/api/complaints', {
    types: ['report'],
    channel: 'hotline',
    category: r.category,
    summary: r.summary,
    request: '请求查处',
    facts: r.facts,
    persons: [r.reporter],
    respondent: { name: r.respondent.name, division: '410802', address: r.respondent.address },
    dispatchToUnitId: station,
    ...(r.receivedAt ? { receivedAt: r.receivedAt } : {}),
  })
  if (created.status !== 201) throw new Error(`登记举报失败：${await created.text()}`)
  const item = ((await created.json()) as { items: Array<{ id: string; itemNo: string }> }).items[0]!
  const handlerApi = await apiLogin(baseURL, 'handler')
  const cur = (await (await handlerApi.request('GET', `/api/complaints/${item.id}`)).json()) as { version: number }
  const filed = await handlerApi.request('POST', `/api/complaints/${item.id}/transitions`, {
    expectedVersion: cur.version,
    action: 'file_case',
    summary: r.leadSummary,
  })
  if (filed.status !== 200) throw new Error(`移送案源失败：${await filed.text()}`)
  const leadNo = ((await filed.json()) as { leadNo: string }).leadNo
  return { item, leadNo, handlerApi }
}

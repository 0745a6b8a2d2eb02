import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dialect } from './helpers'

/**
 * The `jianguan` command as other tools call it: a real child process, stdout/stderr and exit
 * codes. Runs on the embedded engine (its own database file); identical in both projects.
 */
// Skipped in the postgres project: the CLI contract is the same code on either engine and is checked once, on its own SQLite file.
describe.runIf(dialect === 'sqlite')('jianguan CLI contract', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jg-cli-'))
  const env = { ...process.env, SQLITE_PATH: join(dir, 'cli.db'), AUDIT_ANCHOR_FILE: join(dir, 'anchors.jsonl'), AUDIT_ANCHOR_KEY_FILE: join(dir, 'anchor.key'), LOG_LEVEL: 'silent', DATABASE_URL: '' }
  delete (env as Record<string, string | undefined>).DATABASE_URL
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/jianguan.mjs', ...args], { env, encoding: 'utf8', timeout: 60_000 })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('add-working-days counts the 2020 Spring Festival extension', () => {
    const r = run('calendar', 'add-working-days', '2020-01-20', '7')
    expect(r.stdout).toBe('2020-02-06\n')
    expect(r.status).toBe(0)
  })

  it('working-days prints every working day of a closed range, make-up days included', () => {
    const r = run('calendar', 'working-days', '2024-02-03', '2024-02-19')
    // 2024 Spring Festival: off 02-10..02-17; Sun 02-04 and Sun 02-18 were make-up working days.
    expect(r.stdout.trim().split('\n')).toEqual(['2024-02-04', '2024-02-05', '2024-02-06', '2024-02-07', '2024-02-08', '2024-02-09', '2024-02-18', '2024-02-19'])
    expect(r.status).toBe(0)
  })

  it('is-working-day prints true or false', () => {
    expect(run('calendar', 'is-working-day', '2024-02-04').stdout).toBe('true\n')
    expect(run('calendar', 'is-working-day', '2024-02-12').stdout).toBe('false\n')
    expect(run('calendar', 'is-working-day', '2026-11-21').stdout).toBe('false\n')
  })

  it('flags a year with no published schedule instead of guessing', () => {
    const r = run('calendar', 'add-working-days', '2026-12-28', '5')
    expect(r.status).toBe(3)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^CALENDAR_YEAR_MISSING: 2027 年的节假日安排尚未载入/)
    const p = run('calendar', 'add-working-days', '2026-12-28', '5', '--provisional')
    expect(p.status).toBe(0)
    expect(p.stdout).toBe('2027-01-04\n')
    expect(p.stderr).toContain('警告')
  })

  it('imports a newly published year, after which the year counts', () => {
    const file = join(dir, '2027.json')
    writeFileSync(file, JSON.stringify({ year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] }))
    const r = run('calendar', 'import', file, '--notice', '国办发明电〔2026〕测试号')
    expect(r.status, r.stderr).toBe(0)
    // 2026-12-28 (Mon) + 5 WD: 29, 30, 31, (Jan 1 holiday), Jan 4, Jan 5.
    expect(run('calendar', 'add-working-days', '2026-12-28', '5').stdout).toBe('2027-01-05\n')
  })

  it('prints CODE: message and exits non-zero on bad input', () => {
    const r = run('calendar', 'add-working-days', '2020-13-01', '7')
    expect(r.status).not.toBe(0)
    expect(r.stderr).toMatch(/^VALIDATION: .*日期格式应为 YYYY-MM-DD/)
    const n = run('calendar', 'add-working-days', '2020-01-20', 'seven')
    expect(n.stderr).toMatch(/^VALIDATION: /)
  })

  it('init creates the first administrator with a one-time password, once', () => {
    const r = run('init', '--unit-name', '测试市市场监督管理局', '--unit-code', 'TEST', '--division', '410800')
    expect(r.status, r.stderr).toBe(0)
    const pw = /一次性密码：(\S+)/.exec(r.stdout)?.[1]
    expect(pw).toBeTruthy()
    expect(pw!.length).toBeGreaterThanOrEqual(12)
    const again = run('init')
    expect(again.status).not.toBe(0)
    expect(again.stderr).toMatch(/^CONFLICT: /)
  })

  it('audit verify reports an intact chain', () => {
    const r = run('audit', 'verify')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^审计链完整：共 \d+ 条记录/)
  })

  // Three CLI processes in a row: allow for a loaded machine.
  it('audit checkpoint signs the head into the anchor file once; verify then checks against it', { timeout: 120_000 }, () => {
    const c = run('audit', 'checkpoint')
    expect(c.status, c.stderr).toBe(0)
    expect(c.stdout).toMatch(/^已写入检查点：第 \d+ 条，哈希 [0-9a-f]{64}/)
    expect(run('audit', 'checkpoint').stdout).toMatch(/^链头未变/)
    const v = run('audit', 'verify')
    expect(v.status).toBe(0)
    expect(v.stdout).toMatch(/已对照 1 个签名检查点（最后一个为第 \d+ 条，\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 北京时间）/)
  })
})

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
  const env = {
    ...process.env,
    SQLITE_PATH: join(dir, 'cli.db'),
    AUDIT_ANCHOR_FILE: join(dir, 'anchors.jsonl'),
    AUDIT_ANCHOR_KEY_FILE: join(dir, 'anchor.key'),
    LOG_LEVEL: 'silent',
    DATABASE_URL: '',
  }
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
    expect(r.stdout.trim().split('\n')).toEqual([
      '2024-02-04',
      '2024-02-05',
      '2024-02-06',
      '2024-02-07',
      '2024-02-08',
      '2024-02-09',
      '2024-02-18',
      '2024-02-19',
    ])
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
  // ---- rules deadline / rules list (issue 13 CLI contract): expected dates counted by hand on the
  // published 2026 schedule (05-01..05 off; 10-01..07 off, Sat 10-10 worked).
  const firstLine = (r: { stdout: string }) => r.stdout.split('\n')[0]
  it('rules deadline prints the due date first, under the version in force on the start date', { timeout: 120_000 }, () => {
    // 2026-04-20 + 7 WD: 21..24, 27..29 — under Order 121 (version 2).
    const r = run('rules', 'deadline', 'complaint.accept', '2026-04-20')
    expect(r.status, r.stderr).toBe(0)
    expect(firstLine(r)).toBe('2026-04-29')
    expect(r.stdout).toContain('complaint.accept 第 2 版（2026-04-15～长期）')
    // Received on 2026-04-14: Order 20 (version 1); 15, 16, 17, 20..23.
    const old = run('rules', 'deadline', 'complaint.accept', '2026-04-14')
    expect(firstLine(old)).toBe('2026-04-23')
    expect(old.stdout).toContain('第 1 版（2020-01-01～2026-04-14）')
  })

  it('rules deadline: paused working days do not count, one or several pauses, open pause up to --as-of', { timeout: 120_000 }, () => {
    // 21(1) 22p 23p 24(2) 27..30 (6) | 05-01..05 off | 05-06 (7)
    expect(firstLine(run('rules', 'deadline', 'complaint.accept', '2026-04-20', '--pause', '2026-04-22:2026-04-23'))).toBe('2026-05-06')
    // 21p 22 23 24 (3) 27p 28p 29 30 (5) 05-06 05-07
    expect(firstLine(run('rules', 'deadline', 'complaint.accept', '2026-04-20', '--pause', '2026-04-21:2026-04-21', '--pause', '2026-04-27:2026-04-28'))).toBe(
      '2026-05-07',
    )
    // Open since 04-22, counted to 04-24: like 22..24 paused.
    const open = run('rules', 'deadline', 'complaint.accept', '2026-04-20', '--pause', '2026-04-22:', '--as-of', '2026-04-24')
    expect(firstLine(open)).toBe('2026-05-07')
    expect(open.stdout).toContain('中止尚未结束')
  })

  it('rules deadline: approved extensions of the rule, refused for a rule without one', { timeout: 120_000 }, () => {
    // report.verify 15 WD from 2026-09-21: … 10-08 10-09 10-10(Sat worked) 10-12 … 10-19; +15 WD → 11-09.
    expect(firstLine(run('rules', 'deadline', 'report.verify', '2026-09-21'))).toBe('2026-10-19')
    expect(firstLine(run('rules', 'deadline', 'report.verify', '2026-09-21', '--extend', '1'))).toBe('2026-11-09')
    const no = run('rules', 'deadline', 'complaint.accept', '2026-04-20', '--extend', '1')
    expect(no.status).not.toBe(0)
    expect(no.stderr).toMatch(/^VALIDATION: .*不允许延长/)
  })

  it('rules deadline: a calendar-day period ending on a holiday ends on the next working day; paused calendar days push it', { timeout: 120_000 }, () => {
    // case.decision 90 CD: 2026-07-03 + 90 = 10-01 (National Day) → 10-08.
    expect(firstLine(run('rules', 'deadline', 'case.decision', '2026-07-03'))).toBe('2026-10-08')
    // case.fine_payment 15 CD: 2026-09-16 + 15 = 10-01 → 10-08.
    expect(firstLine(run('rules', 'deadline', 'case.fine_payment', '2026-09-16'))).toBe('2026-10-08')
    // 2026-06-01 + 90 = 08-30 (Sun); 3 paused calendar days → 09-02 (Wed).
    expect(firstLine(run('rules', 'deadline', 'case.decision', '2026-06-01', '--pause', '2026-06-10:2026-06-12'))).toBe('2026-09-02')
  })

  it('rules deadline: a year without an official schedule exits 3; unknown rule or no version in force is a clear error', { timeout: 120_000 }, () => {
    const missing = run('rules', 'deadline', 'complaint.accept', '2027-12-27')
    expect(missing.status).toBe(3)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toMatch(/^CALENDAR_YEAR_MISSING: 2028 年的节假日安排尚未载入/)
    const unknown = run('rules', 'deadline', 'no.such_rule', '2026-04-20')
    expect(unknown.status).not.toBe(0)
    expect(unknown.stderr).toMatch(/^NOT_FOUND: 期限规则“no.such_rule”不存在/)
    const before = run('rules', 'deadline', 'complaint.accept', '2019-06-01')
    expect(before.status).not.toBe(0)
    expect(before.stderr).toMatch(/^NOT_FOUND: 期限规则“complaint.accept”在 2019-06-01 没有有效版本/)
  })

  it('rules list prints every rule id once with its unit, length and legal basis', { timeout: 120_000 }, () => {
    const r = run('rules', 'list')
    expect(r.status, r.stderr).toBe(0)
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'))
    const ids = rows.map((x) => x[0])
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(expect.arrayContaining(['complaint.accept', 'report.verify', 'case.decision', 'credit.abnormal_to_serious']))
    for (const row of rows) {
      expect(['WD', 'CD', 'M', 'Y']).toContain(row[1])
      expect(Number(row[2])).toBeGreaterThan(0)
      expect(row[3]).toMatch(/《.+》/)
    }
    expect(rows.find((x) => x[0] === 'case.decision')!.slice(1, 3)).toEqual(['CD', '90'])
    expect(rows.find((x) => x[0] === 'complaint.accept')!.slice(1, 3)).toEqual(['WD', '7'])
  })
})

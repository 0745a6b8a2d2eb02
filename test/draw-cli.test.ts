import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialect } from './helpers'

/**
 * `jianguan draw verify` as a real child process over a demo database: exit 0 when the stored draw
 * re-runs to the same result, 1 when it does not (tampered record), 2 with `CODE: message` when
 * there is no such draw. Embedded engine only, like cli.test.ts.
 */
// Skipped in the postgres project: this file drives the CLI over its own demo SQLite file (it opens it to tamper with a record); verification itself runs on both engines in inspections.routes.test.ts.
describe.runIf(dialect === 'sqlite')('jianguan draw verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jg-draw-cli-'))
  const file = join(dir, 'draw.db')
  const env = { ...process.env, SQLITE_PATH: file, LOG_LEVEL: 'silent', IMPORT_DIR: join(dir, 'imports') }
  delete (env as Record<string, string | undefined>).DATABASE_URL
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/jianguan.mjs', ...args], { env, encoding: 'utf8', timeout: 120_000 })
  let drawNo = ''

  beforeAll(() => {
    const r = run('demo', '--entities', '3000')
    expect(r.status, r.stderr).toBe(0)
    const db = new SQLite(file, { readonly: true })
    drawNo = (db.prepare("select draw_no from inspection_draw where status = 'succeeded' order by draw_no limit 1").get() as { draw_no: string }).draw_no
    db.close()
  }, 120_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('says a stored draw matches its re-run (exit 0)', () => {
    const r = run('draw', 'verify', drawNo)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(`抽取记录 ${drawNo}`)
    expect(r.stdout).toMatch(/核验结果：一致\n$/)
  })

  it('refuses changes through SQL, and reports a tampered drawn list (exit 1)', () => {
    const db = new SQLite(file)
    const d = db.prepare('select id, drawn_count from inspection_draw where draw_no = ?').get(drawNo) as { id: string; drawn_count: number }
    expect(() => db.prepare('update inspection_draw_target set entity_id = entity_id where draw_id = ?').run(d.id)).toThrow(/append-only/)
    // Appending is what the append-only tables still allow: a forged extra target.
    const other = db
      .prepare('select id from market_entity where id not in (select entity_id from inspection_draw_target where draw_id = ?) limit 1')
      .get(d.id) as { id: string }
    db.prepare("insert into inspection_draw_target (draw_id, ordinal, entity_id, stratum, station_unit_id) values (?, ?, ?, 'A', null)").run(
      d.id,
      d.drawn_count + 1,
      other.id,
    )
    db.close()
    const r = run('draw', 'verify', drawNo)
    expect(r.status).toBe(1)
    expect(r.stdout).toContain('核验结果：不一致')
    expect(r.stdout).toMatch(/抽取结果数量不一致|抽取名单数量与记录不符/)
  })

  it('prints CODE: message for an unknown draw', () => {
    const r = run('draw', 'verify', 'CQ2099999999')
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^NOT_FOUND: 抽取记录“CQ2099999999”不存在/)
  })
})

import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../../test/helpers'
import { systemCtx } from '../../core/actor'
import { newId } from '../../core/ids'
import type { DrawTimings } from './inspections.draw'

/**
 * A draw of more targets than one lookup batch (500) through the job's own connection (in-memory
 * SQLite: one connection; PostgreSQL: the pool), with the same item drawn again: the drawn
 * targets' lookups must be done before the write transaction takes the connection, the
 * exclusions must be cut out of the pool, and both records must verify.
 */
describe('draw job through the connection, more than one lookup batch', () => {
  let t: TestApp
  const ctx = systemCtx('draw-repo-test')
  const N = 1300

  beforeAll(async () => {
    t = await buildTestApp({ demo: true, env: { SQLITE_PATH: ':memory:' } })
    const db = t.s.deps.db
    const station = await db.selectFrom('orgUnit').select('id').where('kind', '=', 'station').orderBy('code').executeTakeFirstOrThrow()
    const now = '2026-11-01T08:00:00.000Z'
    for (let i = 0; i < N; i += 100) {
      const rows = Array.from({ length: Math.min(100, N - i) }, (_, k) => {
        const n = i + k
        return sql`(${newId()}, ${`DRAWTEST${String(n).padStart(6, '0')}`}, ${`抽取测试${n}号商店`}, 'individual', 'active', ${n % 2 ? 'D' : 'C'}, ${station.id}, 'test', ${now}, ${now})`
      })
      await sql`insert into market_entity (id, record_key, name, entity_kind, status, risk_class, station_unit_id, source, created_at, updated_at) values ${sql.join(rows)}`.execute(
        db,
      )
    }
    // Two certified inspectors of the registration line at that station (two per target).
    for (let k = 0; k < 2; k++) {
      const id = newId()
      await sql`insert into app_user (id, username, display_name, status, cert_no, created_at, updated_at) values (${id}, ${`drawtest${k}`}, ${`抽取测试检查员${k}`}, 'active', ${`豫T${k}`}, ${now}, ${now})`.execute(
        db,
      )
      await sql`insert into user_unit (user_id, unit_id, is_primary) values (${id}, ${station.id}, 1)`.execute(db)
      await sql`insert into inspection_inspector (user_id, unit_id, lines, max_load, active, version, created_at, updated_at) values (${id}, ${station.id}, '|registration|', null, 1, 1, ${now}, ${now})`.execute(
        db,
      )
    }
  }, 60_000)
  afterAll(async () => t?.close())

  it('draws, excludes on the second draw of the item, and both records verify', async () => {
    const s = t.s
    const city = await s.deps.db.selectFrom('orgUnit').select('id').where('code', '=', 'JZ').executeTakeFirstOrThrow()
    const item = await s.inspections.catalog.createItem(ctx, {
      code: 'DRAWTEST-1',
      name: '登记事项检查（抽取测试）',
      legalBasis: '《企业信息公示暂行条例》第十四条',
      unitId: city.id,
      entityKinds: [],
      isKey: false,
      checkMethod: '书面检查',
      resultOptions: ['no_problem', 'unreachable'],
      businessLine: 'registration',
      active: true,
    })
    const draw = async (name: string) => {
      const task = await s.inspections.service.createTask(ctx, {
        planId: null,
        name,
        unitId: city.id,
        joint: false,
        periodFrom: '2026-12-01',
        periodTo: '2026-12-31',
        items: [{ itemId: item.id, unitId: null }],
        scope: { kinds: [], industries: [], divisions: [], tags: [], riskClasses: ['C', 'D'], statuses: ['active'], specialListId: null },
        params: {
          strata: [
            { stratum: 'C', ratio: 0.5 },
            { stratum: 'D', ratio: 1 },
          ],
          perTarget: 2,
          maxLoad: 10_000,
          excludeDailyStation: false,
          excludeRecent: true,
        },
      })
      await s.inspections.service.announce(ctx, task.id)
      let timings: DrawTimings | null = null
      const job = await s.inspections.draws.startDraw(
        ctx,
        task.id,
        { drawTimeValue: name },
        {
          wait: true,
          onTimings: (x) => {
            timings = x
          },
        },
      )
      const done = await s.inspections.draws.getJob(ctx, job.id)
      expect(done.status, done.message ?? '').toBe('succeeded')
      const rec = await s.inspections.draws.getDraw(ctx, done.drawId!)
      expect((await s.inspections.draws.verifyAsSystem(rec.drawNo)).ok).toBe(true)
      return { rec, timings: timings!, taskId: task.id }
    }
    const first = await draw('抽取测试一')
    expect(first.timings.reader).toBe('connection')
    expect(first.rec.excludedCount).toBe(0)
    expect(first.rec.drawnCount).toBeGreaterThan(500 + 300)
    // The working copy carries the names looked up during the draw.
    const named = await s.deps.db
      .selectFrom('inspectionTarget')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('taskId', '=', first.taskId)
      .where('entityName', 'like', '抽取测试%')
      .executeTakeFirstOrThrow()
    expect(Number(named.n)).toBe(first.rec.drawnCount)

    const second = await draw('抽取测试二')
    expect(second.rec.excludedCount).toBe(first.rec.drawnCount)
    expect(second.rec.poolSize).toBe(first.rec.poolSize - first.rec.drawnCount)
    const overlap = await sql<{
      n: number
    }>`select count(*) as n from inspection_draw_target a join inspection_draw_target b on a.entity_id = b.entity_id where a.draw_id = ${first.rec.id} and b.draw_id = ${second.rec.id}`.execute(
      s.deps.db,
    )
    expect(Number(overlap.rows[0]!.n)).toBe(0)
  }, 120_000)
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../../test/helpers'
import { systemCtx } from '../actor'
import { createGroupCommit } from './group-commit'
import { compiledInsert, insertTogether, preparedQuery, preparedStatement } from './prepared'
import { insertNumbered, nextYearlyNumber } from './sequence'
import type { Database } from './types'
import type { AuditAction, AuditTargetType } from '../../shared/audit/vocabulary'

/** An audit entry of this test's own (an action no module records). */
const probe = (action: string) => ({ action: action as AuditAction, targetType: 'test' as AuditTargetType })

describe('preparedQuery (compiled once, new values each call)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
  })
  afterAll(() => t?.close())

  it('binds each call’s own values and maps columns like the builder does', async () => {
    const db = t.s.deps.db
    const byCode = preparedQuery(db, 2, (d, code: string, kind: string) =>
      d.selectFrom('orgUnit').select(['id', 'code', 'parentId']).where('code', '=', code).where('kind', '=', kind),
    )
    for (const [code, kind] of [
      ['JZ', 'city_bureau'],
      ['JZ-410802', 'district_bureau'],
      ['JZ-410802', 'city_bureau'],
      ['JZ-410811-S01', 'station'],
    ] as const) {
      const direct = await db.selectFrom('orgUnit').select(['id', 'code', 'parentId']).where('code', '=', code).where('kind', '=', kind).execute()
      expect(await byCode(code, kind)).toEqual(direct)
    }
    // Camel-cased keys come back as with the builder, and a miss is an empty list.
    expect(Object.keys((await byCode('JZ', 'city_bureau'))[0]!)).toEqual(['id', 'code', 'parentId'])
    expect(await byCode('nope', 'station')).toEqual([])
  })

  it('keeps constants of the builder and refuses an argument that is not a bound parameter', async () => {
    const db = t.s.deps.db
    const stations = preparedQuery(db, 1, (d, code: string) => d.selectFrom('orgUnit').select('code').where('kind', '=', 'station').where('code', 'like', code))
    const rows = await stations('JZ-410802-%')
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.code.startsWith('JZ-410802-S'))).toBe(true)
    const bad = preparedQuery(db, 1, (d, _unused: string) => d.selectFrom('orgUnit').select('id'))
    await expect(bad('x')).rejects.toThrow(/not bound/)
  })
})

describe('compiledInsert and preparedStatement (compiled once per column set, on any executor)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: false })
  })
  afterAll(() => t?.close())

  it('writes the same rows as the builder, leaves undefined columns to their defaults, and runs inside a transaction', async () => {
    const db = t.s.deps.db
    const insert = compiledInsert<Database>('appSetting')
    const now = new Date().toISOString()
    await insert(db, { key: 'jg.test.a', value: 'one', updatedAt: now })
    await db.transaction().execute(async (trx) => {
      await insert(trx, { key: 'jg.test.b', value: 'two', updatedAt: now })
      await insert(trx, { value: 'three', key: 'jg.test.c', updatedAt: now, ignored: undefined })
    })
    const rows = await db.selectFrom('appSetting').select(['key', 'value']).where('key', 'like', 'jg.test.%').orderBy('key').execute()
    expect(rows).toEqual([
      { key: 'jg.test.a', value: 'one' },
      { key: 'jg.test.b', value: 'two' },
      { key: 'jg.test.c', value: 'three' },
    ])
    // A failing row fails like the builder's insert (primary key), and rolls back with its transaction.
    await expect(insert(db, { key: 'jg.test.a', value: 'again', updatedAt: now })).rejects.toThrow()
    await expect(
      db.transaction().execute(async (trx) => {
        await insert(trx, { key: 'jg.test.d', value: 'four', updatedAt: now })
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect(await db.selectFrom('appSetting').select('key').where('key', '=', 'jg.test.d').execute()).toEqual([])
  })

  it('a prepared statement runs on the root handle and on a transaction with the values of each call', async () => {
    const db = t.s.deps.db
    const get = preparedStatement(1, (d: typeof db, key: string) => d.selectFrom('appSetting').select('value').where('key', '=', key))
    await db.insertInto('appSetting').values({ key: 'jg.test.e', value: 'five', updatedAt: new Date().toISOString() }).execute()
    expect(await get(db, 'jg.test.e')).toEqual([{ value: 'five' }])
    expect(await db.transaction().execute((trx) => get(trx, 'jg.test.e'))).toEqual([{ value: 'five' }])
    expect(await get(db, 'jg.test.none')).toEqual([])
  })
})

describe('insertTogether (the rows of a new matter in one statement on PostgreSQL)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: false })
  })
  afterAll(() => t?.close())

  it('writes every row with its own values, a child after its parent (foreign key), and nothing when one row fails in the transaction', async () => {
    const db = t.s.deps.db
    const unit = compiledInsert<Database>('orgUnit')
    const setting = compiledInsert<Database>('appSetting')
    const now = new Date().toISOString()
    const u = (id: string, parentId: string | null, depth: number) => ({
      id,
      parentId,
      code: `T-${id}`,
      name: `测试单位${id}`,
      kind: depth === 0 ? 'city_bureau' : 'station',
      path: parentId ? `/${parentId}/${id}/` : `/${id}/`,
      depth,
      sortOrder: depth,
      active: 1,
      createdAt: now,
      updatedAt: now,
    })
    // 13 columns × 2 units + 3 × 4 settings: placeholders past $9 and $10 on PostgreSQL are renumbered.
    const rows = [
      [unit, u('tp', null, 0)],
      [unit, u('tc', 'tp', 1)],
      ...[1, 2, 3, 4].map((i) => [setting, { key: `jg.together.${i}`, value: `值${i}`, updatedAt: now }] as const),
    ] as const
    await db.transaction().execute((trx) => insertTogether<Database>(trx, rows))
    expect(await db.selectFrom('orgUnit').select(['id', 'parentId', 'code', 'name', 'path']).where('code', 'like', 'T-%').orderBy('id').execute()).toEqual([
      { id: 'tc', parentId: 'tp', code: 'T-tc', name: '测试单位tc', path: '/tp/tc/' },
      { id: 'tp', parentId: null, code: 'T-tp', name: '测试单位tp', path: '/tp/' },
    ])
    expect(await db.selectFrom('appSetting').select(['key', 'value']).where('key', 'like', 'jg.together.%').orderBy('key').execute()).toEqual(
      [1, 2, 3, 4].map((i) => ({ key: `jg.together.${i}`, value: `值${i}` })),
    )
    // A child whose parent does not exist, or a duplicate key: the transaction fails and none of its rows stay.
    await expect(
      db.transaction().execute((trx) =>
        insertTogether<Database>(trx, [
          [setting, { key: 'jg.together.5', value: '五', updatedAt: now }],
          [unit, u('tx', 'missing', 1)],
        ]),
      ),
    ).rejects.toThrow()
    await expect(
      db.transaction().execute((trx) =>
        insertTogether<Database>(trx, [
          [setting, { key: 'jg.together.6', value: '六', updatedAt: now }],
          [setting, { key: 'jg.together.1', value: '重复', updatedAt: now }],
        ]),
      ),
    ).rejects.toThrow()
    expect(await db.selectFrom('appSetting').select('key').where('key', 'in', ['jg.together.5', 'jg.together.6']).execute()).toEqual([])
    expect(await db.selectFrom('orgUnit').select('id').where('id', '=', 'tx').execute()).toEqual([])
  })
})

describe.each([false, true])('group commit (several short write transactions, one commit), rerunnable: %s', (rerunnable) => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: false })
  })
  afterAll(() => t?.close())
  const now = () => new Date().toISOString()

  it('a call alone in its batch (no savepoint) commits, or rolls back and rejects with its own error', async () => {
    const db = t.s.deps.db
    const group = createGroupCommit(db, { rerunnable })
    const write = (key: string) => db.insertInto('appSetting').values({ key, value: 'x', updatedAt: now() })
    expect(
      await group.run(async (trx) => {
        await trx.executeQuery(write('jg.alone.ok').compile())
        return 'ok'
      }),
    ).toBe('ok')
    await expect(
      group.run(async (trx) => {
        await trx.executeQuery(write('jg.alone.failed').compile())
        throw new Error('alone fails')
      }),
    ).rejects.toThrow('alone fails')
    // A failed statement (duplicate key) too: PostgreSQL aborts the transaction, nothing is kept.
    await expect(
      group.run(async (trx) => {
        await trx.executeQuery(write('jg.alone.dup').compile())
        await trx.executeQuery(write('jg.alone.ok').compile())
      }),
    ).rejects.toThrow()
    const keys = (await db.selectFrom('appSetting').select('key').where('key', 'like', 'jg.alone.%').execute()).map((r) => r.key)
    expect(keys).toEqual(['jg.alone.ok'])
    // The next call runs normally after a failure.
    await group.run((trx) => trx.executeQuery(write('jg.alone.after').compile()))
    expect(await db.selectFrom('appSetting').select('key').where('key', '=', 'jg.alone.after').execute()).toHaveLength(1)
  })

  it('commits every call of a batch, rolls back only the call that failed, and resolves each with its own value', async () => {
    const db = t.s.deps.db
    const group = createGroupCommit(db, { rerunnable })
    const calls = Array.from({ length: 12 }, (_, i) =>
      group.run(async (trx) => {
        await trx
          .insertInto('appSetting')
          .values({ key: `jg.group.${i}`, value: String(i), updatedAt: now() })
          .execute()
        if (i % 4 === 3) throw new Error(`call ${i} fails`)
        return i * 10
      }),
    )
    const settled = await Promise.allSettled(calls)
    settled.forEach((s, i) => {
      if (i % 4 === 3) expect(s).toEqual({ status: 'rejected', reason: new Error(`call ${i} fails`) })
      else expect(s).toEqual({ status: 'fulfilled', value: i * 10 })
    })
    const keys = (await db.selectFrom('appSetting').select('key').where('key', 'like', 'jg.group.%').execute()).map((r) => r.key).sort()
    expect(keys).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 10].map((i) => `jg.group.${i}`).sort())
  })

  it('a call that breaks a constraint does not take the others of its batch with it', async () => {
    const db = t.s.deps.db
    const group = createGroupCommit(db, { rerunnable })
    await db.insertInto('appSetting').values({ key: 'jg.dup', value: 'x', updatedAt: now() }).execute()
    const [a, b, c] = await Promise.allSettled([
      group.run((trx) => trx.insertInto('appSetting').values({ key: 'jg.dup.a', value: 'a', updatedAt: now() }).execute()),
      group.run((trx) => trx.insertInto('appSetting').values({ key: 'jg.dup', value: 'again', updatedAt: now() }).execute()),
      group.run((trx) => trx.insertInto('appSetting').values({ key: 'jg.dup.c', value: 'c', updatedAt: now() }).execute()),
    ])
    expect(a.status).toBe('fulfilled')
    expect(b.status).toBe('rejected')
    expect(c.status).toBe('fulfilled')
    const rows = await db.selectFrom('appSetting').select(['key', 'value']).where('key', 'like', 'jg.dup%').orderBy('key').execute()
    expect(rows).toEqual([
      { key: 'jg.dup', value: 'x' },
      { key: 'jg.dup.a', value: 'a' },
      { key: 'jg.dup.c', value: 'c' },
    ])
  })

  it("chains a batch's audit records once, before its commit, without those of the calls that failed", async () => {
    const db = t.s.deps.db
    const group = createGroupCommit(db, { rerunnable })
    const ctx = systemCtx('group-audit')
    const head0 = await db.selectFrom('auditHead').select(['lastSeq', 'lastHash']).executeTakeFirstOrThrow()
    // One record outside any batch first: recorded at once, as before.
    await db.transaction().execute((trx) => t.s.audit.record(trx, ctx, { ...probe('test.single'), targetLabel: 'single' }))
    const calls = Array.from({ length: 10 }, (_, i) =>
      group.run(async (trx) => {
        await t.s.audit.record(trx, ctx, { ...probe('test.batch'), targetLabel: `call ${i} a`, after: { i } })
        // Until the flush nothing of the batch is in the trail, not even inside its own transaction.
        expect(await trx.selectFrom('auditLog').select('seq').where('action', '=', 'test.batch').execute()).toEqual([])
        if (i % 3 === 1) throw new Error(`call ${i} fails`)
        if (i % 3 === 2) await t.s.audit.record(trx, ctx, { ...probe('test.batch'), targetLabel: `call ${i} b` })
        return i
      }),
    )
    const settled = await Promise.allSettled(calls)
    expect(settled.filter((x) => x.status === 'rejected')).toHaveLength(3)
    const rows = await db.selectFrom('auditLog').select(['seq', 'targetLabel', 'prevHash', 'hash']).where('seq', '>', head0.lastSeq).orderBy('seq').execute()
    const expected = ['single', ...[0, 2, 3, 5, 6, 8, 9].flatMap((i) => (i % 3 === 2 ? [`call ${i} a`, `call ${i} b`] : [`call ${i} a`]))]
    expect(rows.map((r) => r.targetLabel)).toEqual(expected)
    // Consecutive numbers, each linked to the one before, and the head on the last.
    expect(rows.map((r) => r.seq)).toEqual(expected.map((_, k) => head0.lastSeq + 1 + k))
    expect(rows[0]!.prevHash).toBe(head0.lastHash)
    for (let k = 1; k < rows.length; k++) expect(rows[k]!.prevHash).toBe(rows[k - 1]!.hash)
    const head1 = await db.selectFrom('auditHead').select(['lastSeq', 'lastHash']).executeTakeFirstOrThrow()
    expect(head1).toEqual({ lastSeq: rows.at(-1)!.seq, lastHash: rows.at(-1)!.hash })
    expect(await t.s.audit.verify()).toMatchObject({ ok: true, problem: null })
  })

  it('a batch whose every call fails writes no audit record and leaves the head as it was', async () => {
    const db = t.s.deps.db
    const group = createGroupCommit(db, { rerunnable })
    const head0 = await db.selectFrom('auditHead').select(['lastSeq', 'lastHash']).executeTakeFirstOrThrow()
    const settled = await Promise.allSettled(
      [1, 2].map((i) =>
        group.run(async (trx) => {
          await t.s.audit.record(trx, systemCtx('group-audit-fail'), { ...probe('test.fail'), targetLabel: `fail ${i}` })
          throw new Error('no')
        }),
      ),
    )
    expect(settled.every((x) => x.status === 'rejected')).toBe(true)
    expect(await db.selectFrom('auditLog').select('seq').where('action', '=', 'test.fail').execute()).toEqual([])
    expect(await db.selectFrom('auditHead').select(['lastSeq', 'lastHash']).executeTakeFirstOrThrow()).toEqual(head0)
  })
})

describe('rerunnable group commit and numbers drawn with the insert', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: false })
  })
  afterAll(() => t?.close())
  const now = () => new Date().toISOString()
  const setting = compiledInsert<Database>('appSetting')

  it('a batch with a failing call is re-run with savepoints: the others are written once, the failure rejects with its own error', async () => {
    const db = t.s.deps.db
    const group = createGroupCommit(db, { rerunnable: true })
    const runs = new Map<number, number>()
    const calls = Array.from({ length: 8 }, (_, i) =>
      group.run(async (trx) => {
        runs.set(i, (runs.get(i) ?? 0) + 1)
        await trx
          .insertInto('appSetting')
          .values({ key: `jg.rerun.${i}`, value: String(i), updatedAt: now() })
          .execute()
        await t.s.audit.record(trx, systemCtx('rerun'), { ...probe('test.rerun'), targetLabel: `rerun ${i}` })
        if (i === 5) throw new Error('call 5 fails')
        return i
      }),
    )
    const settled = await Promise.allSettled(calls)
    expect(settled[5]).toEqual({ status: 'rejected', reason: new Error('call 5 fails') })
    expect(settled.filter((x) => x.status === 'fulfilled').map((x) => x.value)).toEqual([0, 1, 2, 3, 4, 6, 7])
    // The calls of the batch ran twice (optimistic, then with savepoints); what stays is one run's.
    expect(Math.max(...runs.values())).toBe(2)
    const keys = (await db.selectFrom('appSetting').select('key').where('key', 'like', 'jg.rerun.%').execute()).map((r) => r.key).sort()
    expect(keys).toEqual([0, 1, 2, 3, 4, 6, 7].map((i) => `jg.rerun.${i}`))
    const labels = (await db.selectFrom('auditLog').select('targetLabel').where('action', '=', 'test.rerun').orderBy('seq').execute()).map((r) => r.targetLabel)
    expect(labels).toEqual([0, 1, 2, 3, 4, 6, 7].map((i) => `rerun ${i}`))
    expect(await t.s.audit.verify()).toMatchObject({ ok: true, problem: null })
  })

  it('insertNumbered draws the same gap-free yearly numbers as nextYearlyNumber, in one statement, and a rollback returns its number', async () => {
    const db = t.s.deps.db
    // The sequence row exists from nextYearlyNumber: the statement continues it.
    expect(await db.transaction().execute((trx) => nextYearlyNumber(trx, 'JT', 2026, 3))).toBe('JT2026001')
    const group = createGroupCommit(db, { rerunnable: true })
    const numbered = (i: number, fail = false) =>
      group.run(async (trx) => {
        const row = { key: `jg.numbered.${i}`, value: '', updatedAt: now() }
        const no = await insertNumbered<Database>(trx, { prefix: 'JT', year: 2026, width: 3, column: 'value' }, [
          [setting, row],
          [setting, { key: `jg.numbered.${i}.child`, value: 'x', updatedAt: now() }],
        ])
        expect(row.value).toBe(no)
        if (fail) throw new Error('rolled back')
        return no
      })
    const settled = await Promise.allSettled([numbered(1), numbered(2), numbered(3, true), numbered(4)])
    expect(settled.map((x) => (x.status === 'fulfilled' ? x.value : 'failed'))).toEqual(['JT2026002', 'JT2026003', 'failed', 'JT2026004'])
    const stored = await db
      .selectFrom('appSetting')
      .select(['key', 'value'])
      .where('key', 'like', 'jg.numbered.%')
      .where('key', 'not like', '%.child')
      .orderBy('key')
      .execute()
    expect(stored).toEqual([1, 2, 4].map((i, k) => ({ key: `jg.numbered.${i}`, value: `JT202600${k + 2}` })))
    // Past the width the serial grows (padStart never cuts), and a new year starts at 1.
    await db.updateTable('numberSequence').set({ value: 998 }).where('name', '=', 'JT:2026').execute()
    expect(await numbered(5)).toBe('JT2026999')
    expect(await numbered(6)).toBe('JT20261000')
    const next = await db
      .transaction()
      .execute((trx) =>
        insertNumbered<Database>(trx, { prefix: 'JT', year: 2027, width: 3, column: 'value' }, [
          [setting, { key: 'jg.numbered.2027', value: '', updatedAt: now() }],
        ]),
      )
    expect(next).toBe('JT2027001')
  })
})

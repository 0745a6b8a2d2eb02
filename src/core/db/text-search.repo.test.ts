import { sql, type SqlBool } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../../test/helpers'
import { loadDemoEntities } from '../../demo/entities'
import { escapeLike, likeOperator } from './dialect'
import { gramFrequencies, gramMatch, gramsOf, indexGramsSqlite, optimiseGramIndex, queryGrams, selectiveGramMatch } from './text-search'

/**
 * The gram index kit against a plain LIKE scan of the same table, on each engine: whatever grams a
 * query is looked up by, the index plus the substring re-check answers exactly the rows the scan
 * answers — 1 and 2 characters (no index / all grams), long queries (the rarest grams only), ASCII
 * and full-width letters in names and queries, spaces and punctuation, LIKE wildcards, no hit.
 */
const CRAFTED = [
  'ＡＢＣ超市',
  'abc超市',
  'ABC便利店',
  'A-B商行',
  'Ａ Ｂ 商行',
  '恒达 超市',
  '焦作市恒达超市有限公司',
  '焦作市恒达超市有限责任公司',
  'x恒',
  'Café咖啡馆',
  '123药房',
  '１２３药房',
  '超%市场',
  'a_b五金',
]
const QUERIES = [
  '市',
  '超',
  'A',
  'a',
  'ａ',
  '超市',
  'AB',
  'ab',
  'ＡＢ',
  'ａｂｃ超',
  'abc超市',
  'ABC超市',
  'A-B',
  'a b',
  'Ａ Ｂ',
  '恒达超市',
  '达超',
  '123',
  '１２３',
  '123药',
  'café',
  'CAFÉ咖啡',
  '恒达超市有限',
  '超市有限公司',
  '达超市有限责任公司',
  '焦作市恒达超市有限公司',
  '不存在的名称',
  '不存在的名称很长很长',
  '%',
  '_',
  '超%市',
  'a_b',
]

describe('gram index kit: the same rows as a plain substring scan', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
    await loadDemoEntities(t.s, 3000)
    const { db, dialect } = t.s.deps
    // Crafted names on existing rows, re-indexed through the kit as the register does.
    const ids = (await db.selectFrom('marketEntity').select('id').orderBy('id').limit(CRAFTED.length).execute()).map((r) => r.id)
    for (const [i, name] of CRAFTED.entries()) {
      const id = ids[i]!
      if (dialect === 'postgres')
        await db
          .updateTable('marketEntity')
          .set({ name, grams: gramsOf(name) } as never)
          .where('id', '=', id)
          .execute()
      else {
        await db.updateTable('marketEntity').set({ name }).where('id', '=', id).execute()
        await indexGramsSqlite(db, 'market_entity', [{ id, text: name }], true)
      }
    }
    await optimiseGramIndex(db, dialect, 'market_entity')
    if (dialect === 'postgres') await sql`analyze market_entity`.execute(db)
  }, 180_000)
  afterAll(async () => t?.close())

  async function ids(q: string, index: 'none' | 'all' | 'selective'): Promise<string[]> {
    const { db, dialect } = t.s.deps
    const like = sql<SqlBool>`${sql.ref('market_entity.name')} ${sql.raw(likeOperator(dialect))} ${`%${escapeLike(q)}%`} escape '\\'`
    let b = db.selectFrom('marketEntity').select('marketEntity.id').where(like)
    const m = index === 'none' ? null : index === 'all' ? gramMatch(dialect, 'market_entity', q) : await selectiveGramMatch(db, dialect, 'market_entity', q)
    if (m) b = b.where(m)
    return (await b.execute()).map((r) => r.id).sort()
  }

  it('answers every query exactly as the LIKE scan, by all grams and by the rarest grams', async () => {
    let hits = 0
    for (const q of [...QUERIES, ...CRAFTED]) {
      const scan = await ids(q, 'none')
      expect(await ids(q, 'all'), q).toEqual(scan)
      expect(await ids(q, 'selective'), q).toEqual(scan)
      hits += scan.length
    }
    expect(hits).toBeGreaterThan(1000)
    // The crafted rows are found (full-width folding is the engine's LIKE's, not the index's).
    expect((await ids('恒达超市有限', 'selective')).length).toBeGreaterThanOrEqual(2)
    expect(await ids('不存在的名称很长很长', 'selective')).toEqual([])
  })

  it('answers demo names cut anywhere (2 to 8 characters) exactly as the scan', async () => {
    const names = (await t.s.deps.db.selectFrom('marketEntity').select('name').orderBy('recordKey').limit(40).execute()).map((r) => r.name)
    for (const [k, name] of names.entries()) {
      const from = k % 4
      const q = name.slice(from, from + 2 + (k % 7))
      expect(await ids(q, 'selective'), q).toEqual(await ids(q, 'none'))
    }
  })

  it('looks a long query up by two of its grams, a short one by all (no grams for one character)', async () => {
    expect(queryGrams('超')).toEqual([])
    expect(queryGrams('超市')).toEqual(['超市'])
    const { db, dialect } = t.s.deps
    const shown = (q: string) => selectiveGramMatch(db, dialect, 'market_entity', q).then((m) => (m ? m.compile(db).parameters.flat() : []))
    expect(await shown('超')).toEqual([])
    expect((await shown('恒达超')).length).toBe(dialect === 'postgres' ? 2 : 1)
    const long = await shown('焦作市恒达超市有限公司')
    if (dialect === 'postgres') expect(long).toHaveLength(2)
    else expect(String(long[0]).split(' AND ')).toHaveLength(2)
  })

  it('SQLite: how common a gram is comes exact from the index vocabulary (the rarest grams told apart at any count)', async () => {
    const { db, dialect } = t.s.deps
    if (dialect !== 'sqlite') return
    const names = (await db.selectFrom('marketEntity').select('name').execute()).map((r) => r.name)
    const grams = ['超市', '有限', '公司', '恒达', '药房', '不存']
    const expected = grams.map((g) => names.filter((n) => gramsOf(n).includes(g)).length)
    expect(expected.some((n) => n > 0)).toBe(true)
    expect(await gramFrequencies(db, dialect, 'market_entity', grams)).toEqual(expected)
  })
})

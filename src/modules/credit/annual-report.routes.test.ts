import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRecords, buildTestApp, expectError, expectOk, mutableClock, rawSql, type Client, type MutableClock, type TestApp } from '../../../test/helpers'
import { LIAISON_HEADER } from '../../shared/credit/annual-report'
import { composeUscc } from '../entities'

/*
 * Annual reports over HTTP on the real app (both engines): the liaison's registration with the
 * one-time code, its session bound to one entity, filing and correction with history, bad input,
 * the after-season batch (idempotent), the two-step listing and the public credit query.
 */
let t: TestApp
let clock: MutableClock
let admin: Client
let serial = 0

async function entity(prefix: '91' | '92' | '93', name: string, registeredOn = '2020-05-01', legalRep = '张三丰'): Promise<{ id: string; uscc: string }> {
  serial += 1
  const uscc = composeUscc(prefix, '410802', `MA${String(serial).padStart(6, '0')}`)
  const e = await admin.post('/api/entities', {
    uscc,
    name,
    entityType: prefix === '92' ? '个体工商户' : '有限责任公司',
    legalRep,
    businessAddress: '解放区民主路1号',
    businessDivision: '410802001',
    status: 'active',
  })
  expectOk(e, 201)
  await t.s.deps.db.updateTable('marketEntity').set({ registeredOn }).where('id', '=', e.body.id).execute()
  return { id: e.body.id, uscc }
}

const liaisonClient = (token: string) => ({
  get: (url: string) => t.anon.request('GET', url, undefined, { [LIAISON_HEADER]: token }),
  post: (url: string, body: unknown) => t.anon.request('POST', url, body, { [LIAISON_HEADER]: token }),
})

async function becomeLiaison(uscc: string, phone = '13812345678') {
  const reg = await t.anon.post('/api/public/credit/liaison/register', { uscc, name: '赵联络', phone })
  expectOk(reg, 201)
  expect(reg.body.demoCode).toMatch(/^[0-9A-Z]{8}$/)
  const act = await t.anon.post('/api/public/credit/liaison/activate', { uscc, phone, code: reg.body.demoCode })
  expectOk(act)
  return liaisonClient(act.body.token)
}

const enterpriseReport = (year: number, extra: Record<string, unknown> = {}) => ({
  reportYear: year,
  public: {
    contact: { address: '焦作市解放区民主路1号', postcode: '454000', phone: '0391-1234567' },
    operatingStatus: 'operating',
    capital: [{ shareholder: '李四光', subscribedFen: 100_000_000, paidFen: 50_000_000, method: '货币' }],
    websites: [{ kind: 'shop', name: '示例网店', url: 'https://shop.example.cn' }],
  },
  optional: { employees: 12, revenueFen: 123_456_700 },
  publishOptional: false,
  ...extra,
})

beforeAll(async () => {
  clock = mutableClock('2026-03-02T02:00:00Z')
  // The liaison routes allow a twentieth of the public rate per minute: room for this file's many registrations.
  t = await buildTestApp({ demo: true, clock, env: { RATE_LIMIT_PUBLIC_PER_MINUTE: '100000' } })
  admin = await t.login('admin')
})
afterAll(() => t?.close())

describe('the liaison (联络员)', () => {
  it('registers, activates with the one-time code and sees only its entity', async () => {
    const a = await entity('91', '焦作市甲联络测试有限公司')
    const b = await entity('91', '焦作市乙联络测试有限公司')
    const la = await becomeLiaison(a.uscc)
    const lb = await becomeLiaison(b.uscc, '13900001111')
    const home = await la.get('/api/public/credit/liaison/me')
    expectOk(home)
    expect(home.body.entity).toMatchObject({ id: a.id, form: 'enterprise' })
    expect(home.body.season).toMatchObject({ reportYear: 2025, open: true, closes: '2026-06-30' })
    expect(home.body.yearsOwed).toContain(2025)
    // B files; A's session never shows B's report, and A's filing lands on A only.
    expectOk(await lb.post('/api/public/credit/annual-reports', enterpriseReport(2025)), 201)
    expect((await la.get('/api/public/credit/liaison/me')).body.reports).toEqual([])
    const filed = await la.post('/api/public/credit/annual-reports', { ...enterpriseReport(2025), entityId: b.id })
    expectOk(filed, 201)
    expect(filed.body.report.entityId).toBe(a.id)
    const bReports = await rawSql<{ revision: number }>(t, `select revision from annual_report where entity_id = '${b.id}'`)
    expect(bReports.map((r) => Number(r.revision))).toEqual([1])
  })

  it('refuses a wrong code, voids it after five tries, and a code is single use', async () => {
    const e = await entity('91', '焦作市丙激活测试有限公司')
    const reg = await t.anon.post('/api/public/credit/liaison/register', { uscc: e.uscc, name: '钱联络', phone: '13700001234' })
    expectOk(reg, 201)
    const good = reg.body.demoCode as string
    const wrong = good === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA'
    for (let i = 0; i < 5; i++)
      expectError(
        await t.anon.post('/api/public/credit/liaison/activate', { uscc: e.uscc, phone: '13700001234', code: wrong }),
        400,
        'VALIDATION',
        /激活码不正确/,
      )
    // After five wrong tries the right code is void too.
    expectError(await t.anon.post('/api/public/credit/liaison/activate', { uscc: e.uscc, phone: '13700001234', code: good }), 400, 'VALIDATION')
    const stored = await rawSql<{ codeHash: string | null; state: string }>(t, `select code_hash, state from credit_liaison where id = '${reg.body.id}'`)
    expect(stored[0]).toMatchObject({ codeHash: null, state: 'pending' })
    // The bureau issues a new code (staff route): it works once.
    const credit = await t.login('credit')
    const issued = await credit.post(`/api/credit/liaisons/${reg.body.id}/code`)
    expectOk(issued)
    const ok = await t.anon.post('/api/public/credit/liaison/activate', { uscc: e.uscc, phone: '13700001234', code: issued.body.code })
    expectOk(ok)
    expectError(await t.anon.post('/api/public/credit/liaison/activate', { uscc: e.uscc, phone: '13700001234', code: issued.body.code }), 400, 'VALIDATION')
    // The code is stored hashed only.
    const all = await rawSql<Record<string, unknown>>(t, `select * from credit_liaison where id = '${reg.body.id}'`)
    expect(JSON.stringify(all)).not.toContain(issued.body.code)
    expect((await auditRecords(t, { action: 'credit.liaison.activate', targetId: reg.body.id })).length).toBe(1)
  })

  it('answers 401 without a session and 400 in Chinese on bad registration input', async () => {
    expectError(await t.anon.get('/api/public/credit/liaison/me'), 401, 'UNAUTHENTICATED', /联络员登录已失效/)
    expectError(await liaisonClient('forged').get('/api/public/credit/liaison/me'), 401, 'UNAUTHENTICATED')
    const before = await rawSql<{ n: number }>(t, 'select count(*) as n from credit_liaison')
    expectError(await t.anon.post('/api/public/credit/liaison/register', { uscc: 'abc', name: '赵', phone: '138' }), 400, 'VALIDATION', /统一社会信用代码/)
    expectError(
      await t.anon.post('/api/public/credit/liaison/register', { uscc: composeUscc('91', '410802', 'MA99999X'), name: '赵', phone: '13812345678' }),
      400,
      'VALIDATION',
      /未找到/,
    )
    expect(await rawSql<{ n: number }>(t, 'select count(*) as n from credit_liaison')).toEqual(before)
  })
})

describe('filing the annual report', () => {
  let liaison: ReturnType<typeof liaisonClient>
  let e: { id: string; uscc: string }
  beforeAll(async () => {
    e = await entity('91', '焦作市丁年报测试有限公司')
    liaison = await becomeLiaison(e.uscc, '13611112222')
  })

  it('refuses bad input in Chinese and stores nothing', async () => {
    const bad = [
      [{ ...enterpriseReport(2025), public: { operatingStatus: 'operating' } }, /公示信息：contact/],
      [{ ...enterpriseReport(2025), optional: { revenueFen: 1.5 } }, /选择公示信息：revenueFen：营业总收入应为整数/],
      [{ ...enterpriseReport(2025), optional: { unknownItem: 1 } }, /选择公示信息/],
      [enterpriseReport(2026), /2026 年度尚未结束/],
      [
        { ...enterpriseReport(2025), public: { ...enterpriseReport(2025).public, contact: { address: 'x'.repeat(201), phone: '0391-1' } } },
        /通信地址最多 200 字/,
      ],
    ] as const
    for (const [body, message] of bad) expectError(await liaison.post('/api/public/credit/annual-reports', body), 400, 'VALIDATION', message)
    expect(await rawSql(t, `select id from annual_report where entity_id = '${e.id}'`)).toEqual([])
  })

  it('files, corrects before 30 June keeping the earlier version, and refuses corrections after', async () => {
    const first = await liaison.post('/api/public/credit/annual-reports', enterpriseReport(2025))
    expectOk(first, 201)
    expect(first.body.report).toMatchObject({ reportYear: 2025, revision: 1, late: false, form: 'enterprise' })
    const corrected = await liaison.post('/api/public/credit/annual-reports', enterpriseReport(2025, { publishOptional: true, version: 1 }))
    expectOk(corrected)
    expect(corrected.body.report).toMatchObject({ revision: 2, publishOptional: true })
    expect(corrected.body.report.history).toHaveLength(1)
    expect(corrected.body.report.history[0]).toMatchObject({ revision: 1 })
    // A stale version is refused.
    expectError(await liaison.post('/api/public/credit/annual-reports', enterpriseReport(2025, { version: 1 })), 409, 'CONFLICT')
    clock.set('2026-07-01T02:00:00Z')
    try {
      // The session has ended meanwhile (2 hours): the liaison logs in again with a new code.
      expectError(await liaison.get('/api/public/credit/liaison/me'), 401, 'UNAUTHENTICATED')
      liaison = await becomeLiaison(e.uscc, '13611112222')
      expectError(await liaison.post('/api/public/credit/annual-reports', enterpriseReport(2025)), 400, 'VALIDATION', /更正期限已于 2026-06-30 届满/)
    } finally {
      clock.set('2026-03-02T02:00:00Z')
    }
  })

  it('gives individual businesses the short form', async () => {
    const ind = await entity('92', '解放区王记小吃店')
    const l = await becomeLiaison(ind.uscc, '13522223333')
    expectError(await l.post('/api/public/credit/annual-reports', enterpriseReport(2025)), 400, 'VALIDATION', /capital|未识别|Unrecognized/i)
    const ok = await l.post('/api/public/credit/annual-reports', {
      reportYear: 2025,
      public: { contact: { address: '解放区民主路2号', phone: '13522223333' }, operatingStatus: 'operating' },
      optional: { revenueFen: 500_000_00 },
    })
    expectOk(ok, 201)
    expect(ok.body.report.form).toBe('individual')
  })
})

describe('after the season: the abnormal-operations list', () => {
  let nonFiler: { id: string; uscc: string }
  let individual: { id: string; uscc: string }
  let filer: { id: string; uscc: string }
  let newcomer: { id: string; uscc: string }
  beforeAll(async () => {
    nonFiler = await entity('91', '焦作市戊未年报测试有限公司', '2019-03-01', '孙悟空')
    individual = await entity('92', '解放区未年报个体店', '2021-03-01', '猪八戒')
    filer = await entity('91', '焦作市己已年报测试有限公司')
    newcomer = await entity('91', '焦作市庚新设测试有限公司', '2026-02-01')
    const l = await becomeLiaison(filer.uscc, '13433334444')
    expectOk(await l.post('/api/public/credit/annual-reports', enterpriseReport(2025)), 201)
  })

  it('refuses the batch before the season ends', async () => {
    const credit = await t.login('credit')
    expectError(await credit.post('/api/credit/listings/batch', { reportYear: 2025 }), 400, 'VALIDATION', /报送期限（2026-06-30）尚未届满/)
    await expect(
      t.s.creditLists.listings.proposeNonFilers({ reportYear: 2025, fallbackUnitId: await t.s.creditLists.rootUnitId(), batchId: 'early' }),
    ).rejects.toThrow(/尚未届满/)
    expect(await rawSql(t, 'select id from credit_listing')).toEqual([])
  })

  it('proposes every non-filer once, with the 10-WD listing clock, however often it runs', async () => {
    clock.set('2026-07-01T01:00:00Z')
    const credit = await t.login('credit')
    const r = await credit.post('/api/credit/listings/batch', { reportYear: 2025 })
    expectOk(r, 202)
    await t.s.jobs.jobs.createRunner({ owner: 'test' }).drain()
    const job = await t.s.jobs.jobs.get(r.body.jobId)
    expect(job?.state, job?.error ?? '').toBe('succeeded')
    const rows = await rawSql<{ entityId: string; mode: string; state: string; nextDueOn: string }>(
      t,
      'select entity_id, mode, state, next_due_on from credit_listing',
    )
    const ids = rows.map((x) => x.entityId)
    expect(ids).toContain(nonFiler.id)
    expect(ids).toContain(individual.id)
    expect(ids).not.toContain(filer.id)
    expect(ids).not.toContain(newcomer.id)
    expect(rows.find((x) => x.entityId === individual.id)!.mode).toBe('mark')
    // 10 WD after 30 June 2026: 1–3, 6–10, 13–14 July.
    expect(new Set(rows.map((x) => x.nextDueOn))).toEqual(new Set(['2026-07-14']))
    const clocksN = await rawSql<{ n: number }>(
      t,
      `select count(*) as n from matter_clock where matter_type = 'credit_listing' and kind = 'listing' and due_on = '2026-07-14'`,
    )
    expect(Number(clocksN[0]!.n)).toBe(rows.length)
    // Run again, through the job and directly: nothing new.
    const again = await t.s.creditLists.listings.proposeNonFilers({ reportYear: 2025, fallbackUnitId: await t.s.creditLists.rootUnitId(), batchId: 'again' })
    expect(again.proposed).toBe(0)
    expect(await rawSql(t, 'select entity_id, mode, state, next_due_on from credit_listing')).toHaveLength(rows.length)
    const r2 = await credit.post('/api/credit/listings/batch', { reportYear: 2025 })
    await t.s.jobs.jobs.createRunner({ owner: 'test' }).drain()
    expect((await t.s.jobs.jobs.get(r2.body.jobId))?.result).toMatchObject({ proposed: 0 })
    expect(await rawSql(t, 'select id from credit_listing')).toHaveLength(rows.length)
  })

  it('lists after review and the head’s approval; the public page shows why, since when and how to repair', async () => {
    clock.set('2026-07-06T02:00:00Z')
    const credit = await t.login('credit')
    const leader = await t.login('leader')
    const page = await credit.get(`/api/credit/listings?entityId=${nonFiler.id}`)
    expectOk(page)
    const id = page.body.items[0].id as string
    // The officer cannot approve (two-step review); the head cannot approve an unreviewed proposal.
    expectError(await credit.post('/api/credit/listings/bulk', { action: 'approve', ids: [id] }), 403, 'FORBIDDEN')
    const early = await leader.post('/api/credit/listings/bulk', { action: 'approve', ids: [id] })
    expectOk(early)
    expect(early.body).toMatchObject({ done: 0, failed: 1 })
    expectOk(await credit.post('/api/credit/listings/bulk', { action: 'review', ids: [id] }))
    const approved = await leader.post('/api/credit/listings/bulk', { action: 'approve', ids: [id] })
    expect(approved.body).toMatchObject({ done: 1, failed: 0 })
    const detail = await credit.get(`/api/credit/listings/${id}`)
    expect(detail.body).toMatchObject({ state: 'listed', listedOn: '2026-07-06', listingNo: expect.stringMatching(/^YC/) })
    expect(detail.body.clocks.find((c: { kind: string }) => c.kind === 'listing')).toMatchObject({ dueOn: '2026-07-14', doneOn: '2026-07-06' })

    const pub = await t.anon.get(`/api/public/credit/entities/${nonFiler.uscc}`)
    expectOk(pub)
    expect(pub.body.abnormalInForce).toBe(true)
    expect(pub.body.abnormal[0]).toMatchObject({
      groundLabel: '未按规定期限公示年度报告',
      listedOn: '2026-07-06',
      reportYear: 2025,
      inForce: true,
      seriousOn: '2029-07-06',
    })
    expect(pub.body.abnormal[0].howToApply).toMatch(/补报 2025 年度年度报告.*5 个工作日内作出决定/)
    expect(pub.body.legalRep).toBe('孙*空')

    // Removal: refused until the report is filed; then applied for and decided within 5 WD.
    const v = detail.body.version as number
    expectError(
      await credit.post(`/api/credit/listings/${id}/actions/apply_removal`, { version: v, ground: 'reports_filed' }),
      400,
      'VALIDATION',
      /尚未补报 2025 年度报告/,
    )
    expectError(
      await credit.post(`/api/credit/listings/${id}/actions/apply_removal`, { version: v, ground: 'address_changed' }),
      400,
      'VALIDATION',
      /移出事由与列入事由不符/,
    )
    const l = await becomeLiaison(nonFiler.uscc, '13300001111')
    const late = await l.post('/api/public/credit/annual-reports', enterpriseReport(2025))
    expectOk(late, 201)
    expect(late.body.report.late).toBe(true)
    expect((await t.anon.get(`/api/public/credit/entities/${nonFiler.uscc}`)).body.abnormal[0].earliestRemoval).toMatch(/已具备申请条件/)
    const applied = await credit.post(`/api/credit/listings/${id}/actions/apply_removal`, { version: v, ground: 'reports_filed' })
    expectOk(applied)
    expect(applied.body.clocks.find((c: { kind: string }) => c.kind === 'removal')).toMatchObject({ startOn: '2026-07-06', dueOn: '2026-07-13' })
    expectOk(await credit.post(`/api/credit/listings/${id}/actions/remove`, { version: applied.body.version }))
    const after = await t.anon.get(`/api/public/credit/entities/${nonFiler.uscc}`)
    expect(after.body.abnormalInForce).toBe(false)
    expect(after.body.abnormal[0]).toMatchObject({ inForce: false, removedOn: '2026-07-06', removalGroundLabel: '已补报未报年份的年度报告' })
  })

  it('issues a credit report anyone can verify by its code', async () => {
    const issued = await t.anon.post(`/api/public/credit/entities/${individual.uscc}/report`)
    expectOk(issued, 201)
    const v = await t.anon.get(`/api/public/credit/reports/${issued.body.code}`)
    expectOk(v)
    expect(v.body).toMatchObject({ intact: true, sha256: issued.body.sha256 })
    expect(v.body.content.name).toBe('解放区未年报个体店')
    expectError(await t.anon.get('/api/public/credit/reports/ABCDEFGHJKMN'), 404, 'NOT_FOUND', /报告可能被伪造/)
    expectError(await t.anon.get('/api/public/credit/reports/bad'), 400, 'VALIDATION')
  })

  it('finds entities by USCC and by a Chinese substring, and leaks no personal data', async () => {
    const byCode = await t.anon.get(`/api/public/credit/search?q=${nonFiler.uscc}`)
    expectOk(byCode)
    expect(byCode.body.items.map((i: { uscc: string }) => i.uscc)).toEqual([nonFiler.uscc])
    const byName = await t.anon.get(`/api/public/credit/search?q=${encodeURIComponent('未年报')}`)
    expect(byName.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['焦作市戊未年报测试有限公司', '解放区未年报个体店'].sort())
    expectError(await t.anon.get(`/api/public/credit/search?q=${encodeURIComponent('未')}`), 400, 'VALIDATION', /至少两个字/)
    // Sweep every public answer: no mobile number, no ID number, no natural person's full name.
    const bodies = [
      byCode.raw,
      byName.raw,
      (await t.anon.get(`/api/public/credit/entities/${nonFiler.uscc}`)).raw,
      (await t.anon.get(`/api/public/credit/entities/${individual.uscc}`)).raw,
      (await t.anon.get(`/api/public/credit/entities/${filer.uscc}`)).raw,
      (await t.anon.post(`/api/public/credit/entities/${filer.uscc}/report`)).raw,
    ]
    for (const raw of bodies) {
      expect(raw).not.toMatch(/1[3-9]\d{9}/)
      expect(raw).not.toMatch(/\d{17}[\dXx]/)
      for (const person of ['孙悟空', '猪八戒', '张三丰', '李四光', '赵联络', '0391-1234567']) expect(raw).not.toContain(person)
    }
    expectError(await t.anon.get(`/api/public/credit/entities/${composeUscc('91', '410802', 'MA77777X')}`), 404, 'NOT_FOUND')
  })

  it('shows the whole credit history in the entity file', async () => {
    const credit = await t.login('credit')
    const r = await credit.get(`/api/entities/${nonFiler.id}/profile`)
    expectOk(r)
    const section = r.body.sections.find((s: { key: string }) => s.key === 'credit')
    const matters = section.rows.map((row: { matter: string | { text: string } }) => (typeof row.matter === 'string' ? row.matter : row.matter.text))
    expect(matters).toEqual(expect.arrayContaining(['2025 年度报告', '列入建议', '列入经营异常名录', '移出申请', '移出经营异常名录']))
  })

  it('computes the annual-report rate by entity kind', async () => {
    const credit = await t.login('credit')
    const r = await credit.get('/api/credit/annual-reports/rates?reportYear=2025')
    expectOk(r)
    expect(r.body.total.filed).toBeGreaterThan(0)
    expect(r.body.total.due).toBeGreaterThanOrEqual(r.body.total.filed)
    expect(r.body.total.late).toBeGreaterThanOrEqual(1)
    expect(r.body.total.rate).toBeCloseTo((r.body.total.filed / r.body.total.due) * 100, 1)
    expect(r.body.units.length).toBeGreaterThan(0)
    expect(r.body.units.reduce((a: number, u: { due: number }) => a + u.due, 0)).toBe(r.body.total.due)
    const x = await t.app.inject({ method: 'GET', url: '/api/credit/annual-reports/rates.xlsx?reportYear=2025', headers: { cookie: credit.cookie! } })
    expect(x.statusCode, x.body).toBe(200)
    expect(String(x.headers['content-type'])).toMatch(/spreadsheetml/)
    const { default: ExcelJS } = await import('exceljs')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按主体类型', '按单位'])
    expectError(await t.anon.get('/api/credit/annual-reports/rates.xlsx?reportYear=2025'), 401, 'UNAUTHENTICATED')
    // The reminder list: the non-filers with their liaison, the phone masked for the credit officer.
    const n = await t.app.inject({ method: 'GET', url: '/api/credit/annual-reports/non-filers.xlsx?reportYear=2025', headers: { cookie: credit.cookie! } })
    expect(n.statusCode, n.body).toBe(200)
    const nb = new ExcelJS.Workbook()
    await nb.xlsx.load(n.rawPayload as unknown as ArrayBuffer)
    const cells = nb.worksheets[0]!.getSheetValues().flat().map(String).join('|')
    expect(cells).toContain('解放区未年报个体店')
    expect(cells).not.toContain('焦作市己已年报测试有限公司')
    expect(cells).not.toMatch(/1[3-9]\d{9}/)
    expectError(await credit.get('/api/credit/annual-reports/rates?reportYear=1999'), 400, 'VALIDATION', /年度过早/)
  })
})

describe('inspection-born credit proposals', () => {
  it('become listing proposals of the abnormal list, now and for those made before the list (once)', async () => {
    const { systemCtx } = await import('../../core/actor')
    admin = await t.login('admin')
    const e = await entity('91', '焦作市辛抽查测试有限公司')
    const unit = (await rawSql<{ id: string }>(t, `select id from org_unit where code = 'JZ-410802-S01'`))[0]!.id
    const p = await t.s.deps.db.transaction().execute((trx) =>
      t.s.credit.proposeAbnormal(trx, systemCtx(), {
        entityId: e.id,
        reason: 'unreachable_at_registered_address',
        sourceType: 'inspection',
        sourceId: 'task-x',
        unitId: unit,
        note: null,
      }),
    )
    const rows = await rawSql<{ state: string; sourceId: string; nextDueOn: string | null }>(
      t,
      `select state, source_id, next_due_on from credit_listing where entity_id = '${e.id}'`,
    )
    expect(rows).toEqual([expect.objectContaining({ state: 'proposed', sourceId: p.id })])
    expect(rows[0]!.nextDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // A proposal from before the list: its listing row is missing until the start-up adoption.
    await t.s.deps.db
      .deleteFrom('matterClock')
      .where('matterType', '=', 'credit_listing')
      .where('matterId', 'in', t.s.deps.db.selectFrom('creditListing').select('id').where('entityId', '=', e.id))
      .execute()
    await t.s.deps.db.deleteFrom('creditListing').where('entityId', '=', e.id).execute()
    expect(await t.s.creditLists.listings.adoptProposals()).toBe(1)
    expect(await t.s.creditLists.listings.adoptProposals()).toBe(0)
    expect(await rawSql(t, `select id from credit_listing where entity_id = '${e.id}'`)).toHaveLength(1)
  })
})

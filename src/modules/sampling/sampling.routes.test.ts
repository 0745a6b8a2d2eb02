import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createActiveUser, buildTestApp, expectError, expectOk, mutableClock, unitId, type Client, type TestApp } from '../../../test/helpers'
import { composeUscc } from '../entities'
import { canonicalPool } from '../inspections'
import { drawRetestLab } from './sampling.domain'

/*
 * Sampling inspection over HTTP, on both engines: plan with population progress, tasks (targeted and
 * drawn), the sampling form, the laboratory's scoped account, results, the non-conforming path with
 * its clocks on the legal calendar (served Mon 2026-09-28 → re-test request due 2026-10-13 over
 * National Day), the re-test laboratory draw verified from its published values, disposal, the lead,
 * statistics and the public announcement. Today is Tue 2026-10-20 (10:00 in China).
 */
describe('sampling inspection over HTTP', () => {
  let t: TestApp
  let officer: Client, jf: Client, lab: Client, admin: Client
  let labs: Array<{ id: string; name: string; retestQualified: boolean }>
  let myLab: string, otherLab: string
  let planId: string
  const entityIds: string[] = []
  let sampleId: string
  const v = async (c: Client, id: string, base = '/api/sampling/samples') => (await c.get(`${base}/${id}`)).body.version as number
  const act = async (c: Client, id: string, action: string, body: Record<string, unknown>, base = '/api/sampling/samples') =>
    c.post(`${base}/${id}/actions/${action}`, { ...body, version: await v(c, id, base) })
  const form = (labId: string, over: Record<string, unknown> = {}) => ({
    sampledOn: '2026-09-10',
    place: '解放区民主路农贸市场 12 号摊位',
    productName: '猪肉',
    brand: null,
    spec: '散装',
    batchNo: '20260909',
    productionDate: '2026-09-09',
    shelfLifeDays: 3,
    producerName: '郑州演示屠宰有限公司',
    producerAddress: '郑州市某区',
    producerDivision: '410102',
    quantity: 2,
    backupQuantity: 1,
    quantityUnit: 'kg',
    pricePaidFen: 7200,
    samplers: ['张伟', '李娜'],
    signedBy: '摊主王某',
    labId,
    ...over,
  })
  const item = (over: Record<string, unknown> = {}) => ({
    item: '恩诺沙星',
    standard: 'GB 31650-2019',
    method: '农业部1025号公告-14-2008',
    limit: '≤100',
    result: '236',
    unit: 'μg/kg',
    conclusion: 'fail',
    ...over,
  })

  beforeAll(async () => {
    t = await buildTestApp({ demo: true, clock: mutableClock('2026-10-20T02:00:00Z') })
    officer = await t.login('sampling')
    jf = await t.login('jfsampling')
    lab = await t.login('lab')
    admin = await t.login('admin')
    for (const [i, name] of ['焦作市抽检测试甲超市', '焦作市抽检测试乙商行', '焦作市抽检测试丙餐馆'].entries()) {
      const e = await admin.post('/api/entities', {
        uscc: composeUscc('92', '410802', `MA66${String(i).padStart(4, '0')}`),
        name,
        entityType: '个体工商户',
        businessAddress: '解放区民主路1号',
        businessDivision: '410802001',
        status: 'active',
      })
      expectOk(e, 201)
      entityIds.push(e.body.id)
    }
    labs = (await officer.get('/api/sampling/labs')).body
    myLab = (
      await t.s.deps.db
        .selectFrom('samplingLabUser')
        .innerJoin('appUser', 'appUser.id', 'samplingLabUser.userId')
        .select('labId')
        .where('username', '=', 'lab')
        .executeTakeFirstOrThrow()
    ).labId
    otherLab = labs.find((l) => l.id !== myLab && l.retestQualified)!.id
  })
  afterAll(() => t?.close())

  it('needs a session (401) and the permission (403)', async () => {
    expectError(await t.anon.get('/api/sampling/plans'), 401, 'UNAUTHENTICATED')
    expectError(await (await t.login('operator')).get('/api/sampling/plans'), 403, 'FORBIDDEN')
  })

  it('makes a plan with categories, commissioned labs and population progress (default target 4/1,000)', async () => {
    const jfUnit = await unitId(t, 'JZ-410802')
    const bad = await jf.post('/api/sampling/plans', {
      unitId: jfUnit,
      year: 2026,
      title: '测试',
      checkType: 'food',
      lines: [{ categoryCode: 'P01', batches: 5 }],
      labIds: [myLab],
    })
    expectError(bad, 400, 'VALIDATION', /不是食品安全抽检的抽检类别/)
    // A district cannot plan for another district (as if it did not exist).
    expectError(
      await jf.post('/api/sampling/plans', {
        unitId: await unitId(t, 'JZ-410811'),
        year: 2026,
        title: '越权',
        checkType: 'food',
        lines: [{ categoryCode: '01', batches: 1 }],
        labIds: [myLab],
      }),
      404,
      'NOT_FOUND',
    )
    await officer.put('/api/sampling/population', { divisionCode: '410802', year: 2026, population: 350_000, sourceNote: '测试' })
    const r = await jf.post('/api/sampling/plans', {
      unitId: jfUnit,
      year: 2026,
      title: '2026年解放区食品安全监督抽检计划（测试）',
      checkType: 'food',
      lines: [
        { categoryCode: '3301', batches: 1400, riskWeight: 3 },
        { categoryCode: '03', batches: 10 },
      ],
      labIds: labs.map((l) => l.id),
    })
    expectOk(r, 201)
    expect(r.body).toMatchObject({ targetPerThousand: 4, planned: 1410, sampled: 0, population: 350_000, perThousand: 0 })
    planId = r.body.id
  })

  it('issues tasks: targeted and drawn from the register with the double-random engine', async () => {
    const targeted = await jf.post(`/api/sampling/plans/${planId}/tasks`, { categoryCode: '3301', mode: 'targeted', entityIds: [entityIds[0]] })
    expectOk(targeted, 201)
    sampleId = targeted.body.sampleIds[0]
    const drawn = await jf.post(`/api/sampling/plans/${planId}/tasks`, { categoryCode: '03', mode: 'random', count: 2 })
    expectOk(drawn, 201)
    expect(drawn.body.created).toBe(2)
    const s = await jf.get(`/api/sampling/samples/${drawn.body.sampleIds[0]}`)
    expect(s.body).toMatchObject({ state: 'assigned', taskMode: 'random', categoryName: '调味品' })
    expectError(await jf.post(`/api/sampling/plans/${planId}/tasks`, { categoryCode: '03', mode: 'random' }), 400, 'VALIDATION', /双随机抽取须填写数量/)
  })

  it('refuses a bad sampling form with a zh-CN 400 and changes nothing', async () => {
    const before = await v(jf, sampleId)
    for (const [over, msg] of [
      [{ sampledOn: '2026-02-30' }, /抽样日期不存在/],
      [{ quantity: -2 }, /检验样品数量至少为 1/],
      [{ pricePaidFen: -1 }, /购样费用不能为负数/],
      [{ productionDate: '2026-09-11' }, /生产日期不能晚于抽样日期/],
      [{ sampledOn: '2026-10-21', productionDate: null }, /不能晚于今天/],
      [{ samplers: ['张伟'] }, /抽样人员不得少于 2 人/],
    ] as const) {
      expectError(await jf.post(`/api/sampling/samples/${sampleId}/actions/record_sampling`, { ...form(myLab, over), version: before }), 400, 'VALIDATION', msg)
    }
    expect(await v(jf, sampleId)).toBe(before)
    expect((await jf.get(`/api/sampling/samples/${sampleId}`)).body.clocks).toEqual([])
  })

  it('records the sampling form: the 5-WD delivery clock starts, the outside producer is flagged', async () => {
    const r = await act(jf, sampleId, 'record_sampling', form(myLab))
    expectOk(r)
    expect(r.body).toMatchObject({ state: 'sampled', producerOutside: true, samplers: ['张伟', '李娜'], pricePaidFen: 7200, labId: myLab })
    // Thu 09-10 + 5 WD: 09-11, 14, 15, 16, 17.
    expect(r.body.clocks).toMatchObject([{ kind: 'delivery', startOn: '2026-09-10', dueOn: '2026-09-17', doneOn: null }])
  })

  it('a lab account sees only its laboratory’s samples; a district only its own (404)', async () => {
    const mine = await lab.get('/api/sampling/lab/samples')
    expectOk(mine)
    expect(mine.body.items.map((s: { id: string }) => s.id)).toContain(sampleId)
    // Another laboratory's sample does not exist for this account.
    const other = await jf.post(`/api/sampling/plans/${planId}/tasks`, { categoryCode: '3301', mode: 'targeted', entityIds: [entityIds[1]] })
    const otherId = other.body.sampleIds[0]
    expectOk(await act(jf, otherId, 'record_sampling', form(otherLab)))
    expectError(await lab.get(`/api/sampling/lab/samples/${otherId}`), 404, 'NOT_FOUND')
    expectError(await lab.post(`/api/sampling/lab/samples/${otherId}/actions/receive`, { receivedOn: '2026-09-11', version: 2 }), 404, 'NOT_FOUND')
    expect((await lab.get('/api/sampling/lab/samples')).body.items.map((s: { id: string }) => s.id)).not.toContain(otherId)
    // The lab account has no bureau access: the bureau's record does not exist for it.
    expectError(await lab.get(`/api/sampling/samples/${sampleId}`), 404, 'NOT_FOUND')
    expectError(await lab.get('/api/sampling/samples'), 403, 'FORBIDDEN')
    // A district officer of 山阳区 does not see 解放区's sample.
    const sy = await createActiveUser(admin, t, { unitCode: 'JZ-410811', grants: [{ role: 'sampling_officer', unitCode: 'JZ-410811', scope: 'unit_tree' }] })
    expectError(await sy.client.get(`/api/sampling/samples/${sampleId}`), 404, 'NOT_FOUND')
    expect((await sy.client.get('/api/sampling/samples')).body.total).toBe(0)
  })

  it('the lab receives (20-WD report clock), enters results — refused without units — and issues the report', async () => {
    expectOk(await act(lab, sampleId, 'receive', { receivedOn: '2026-09-14' }, '/api/sampling/lab/samples'))
    const d = await lab.get(`/api/sampling/lab/samples/${sampleId}`)
    // Mon 09-14 + 20 WD: Sun 09-20 worked, 09-25..27 and 10-01..07 off, Sat 10-10 worked → 10-16.
    expect(d.body.clocks.find((c: { kind: string }) => c.kind === 'report')).toMatchObject({ startOn: '2026-09-14', dueOn: '2026-10-16' })
    expect(d.body.clocks.find((c: { kind: string }) => c.kind === 'delivery').doneOn).toBe('2026-09-14')
    const version = d.body.version
    expectError(await lab.put(`/api/sampling/lab/samples/${sampleId}/results`, { items: [item({ unit: '' })], version }), 400, 'VALIDATION', /计量单位不能为空/)
    expectError(
      await lab.put(`/api/sampling/lab/samples/${sampleId}/results`, { items: [{ ...item(), unit: undefined }], version }),
      400,
      'VALIDATION',
      /计量单位/,
    )
    expect((await lab.get(`/api/sampling/lab/samples/${sampleId}`)).body.results).toEqual([])
    const saved = await lab.put(`/api/sampling/lab/samples/${sampleId}/results`, {
      items: [item({ item: '克伦特罗', result: '未检出', limit: '不得检出', conclusion: 'pass' }), item()],
      version,
    })
    expectOk(saved)
    expect(saved.body.results).toHaveLength(2)
    // The items say non-conforming: a conforming report is refused.
    expectError(
      await act(lab, sampleId, 'issue_conforming', { reportNo: 'JZJC2026-0001', issuedOn: '2026-09-25' }, '/api/sampling/lab/samples'),
      400,
      'VALIDATION',
      /只能出具不合格报告/,
    )
    const issued = await act(lab, sampleId, 'issue_non_conforming', { reportNo: 'JZJC2026-0001', issuedOn: '2026-09-24' }, '/api/sampling/lab/samples')
    expectOk(issued)
    // Fresh meat (3 days' shelf life, expired 09-11): the backup is kept to the conclusion day, not 6 months.
    expect(issued.body).toMatchObject({ state: 'non_conforming', conclusion: 'fail', backupKeepUntil: '2026-09-24' })
    expect(issued.body.actions).toEqual([])
    // Read-only once issued.
    expectError(await lab.put(`/api/sampling/lab/samples/${sampleId}/results`, { items: [item()], version: issued.body.version }), 409, 'ILLEGAL_TRANSITION')
  })

  it('serves the result (5-WD clock stops), opens the 7-WD re-test clock, creates a lead and an assistance request', async () => {
    const before = await jf.get(`/api/sampling/samples/${sampleId}`)
    // Thu 09-24 + 5 WD: 09-28, 29, 30, 10-08, 10-09.
    expect(before.body.clocks.find((c: { kind: string }) => c.kind === 'service')).toMatchObject({ startOn: '2026-09-24', dueOn: '2026-10-09' })
    const r = await act(jf, sampleId, 'serve', { servedOn: '2026-09-28' })
    expectOk(r)
    expect(r.body.clocks.find((c: { kind: string }) => c.kind === 'retest_request')).toMatchObject({ startOn: '2026-09-28', dueOn: '2026-10-13' })
    expect(r.body.leadId).toBeTruthy()
    expect(r.body.assists).toMatchObject([{ producerName: '郑州演示屠宰有限公司', state: 'sent' }])
    const lead = await t.s.deps.db.selectFrom('caseLead').selectAll().where('id', '=', r.body.leadId).executeTakeFirstOrThrow()
    expect(lead).toMatchObject({ source: 'sampling', sourceId: sampleId, entityId: entityIds[0] })
  })

  it('refuses a re-test request after the 7-WD deadline (zh-CN 400, nothing changed), accepts one on the last day', async () => {
    const version = await v(jf, sampleId)
    expectError(
      await jf.post(`/api/sampling/samples/${sampleId}/actions/request_retest`, { appliedOn: '2026-10-14', applicant: '摊主王某', version }),
      400,
      'VALIDATION',
      /复检申请已超过法定期限.*2026-10-13/,
    )
    expect(await v(jf, sampleId)).toBe(version)
    expect(await t.s.deps.db.selectFrom('samplingRetestDraw').select('sampleId').where('sampleId', '=', sampleId).executeTakeFirst()).toBeUndefined()
    const r = await act(jf, sampleId, 'request_retest', { appliedOn: '2026-10-13', applicant: '摊主王某' })
    expectOk(r)
    expect(r.body.retestDraw).toMatchObject({ drawn: false, secret: null })
    expect(r.body.retestDraw.commitment).toMatch(/^[0-9a-f]{64}$/)
  })

  it('draws the re-test laboratory (never the first) and anyone re-runs it from the published values', async () => {
    const committed = (await t.anon.get(`/api/public/sampling/retest-draws/${(await jf.get(`/api/sampling/samples/${sampleId}`)).body.sampleNo}`)).body
    expect(committed).toMatchObject({ drawn: false, secret: null, ok: null })
    const r = await act(jf, sampleId, 'draw_retest_lab', { drawTimeValue: '2026-10-15 福彩3D 第2026272期 618' })
    expectOk(r)
    expect(r.body.state).toBe('retesting')
    expect(r.body.retestLabId).not.toBe(myLab)
    expect(r.body.retestDraw.pool.map((p: { labId: string }) => p.labId)).not.toContain(myLab)
    const pub = await t.anon.get(`/api/public/sampling/retest-draws/${r.body.sampleNo}`)
    expectOk(pub)
    expect(pub.body).toMatchObject({ ok: true, problems: [], drawn: true, commitment: committed.commitment, drawnLabId: r.body.retestLabId })
    // Re-run independently from what the page publishes.
    const again = drawRetestLab({
      sampleId,
      secret: pub.body.secret,
      commitment: pub.body.commitment,
      drawTimeValue: pub.body.drawTimeValue,
      pool: canonicalPool(pub.body.pool.map((p: { labId: string }) => ({ entityId: p.labId, stratum: 'retest_lab', stationUnitId: null }))),
    })
    expect(again.drawnLabId).toBe(r.body.retestLabId)
    expect(again.seedHex).toBe(pub.body.seedHex)
  })

  it('the re-test lab concludes; disposal with its steps closes the sample', async () => {
    const retestLab = (await jf.get(`/api/sampling/samples/${sampleId}`)).body.retestLabId
    // The first lab's account cannot touch the re-test round.
    const d = await lab.get(`/api/sampling/lab/samples/${sampleId}`)
    expectError(await lab.put(`/api/sampling/lab/samples/${sampleId}/results`, { items: [item()], version: d.body.version }), 404, 'NOT_FOUND')
    const rl = await createActiveUser(admin, t, { unitCode: 'JZ', grants: [{ role: 'sampling_lab', unitCode: 'JZ', scope: 'unit' }] })
    expectOk(await officer.post(`/api/sampling/labs/${retestLab}/users`, { userId: rl.user.id }))
    const c = rl.client
    const dv = (await c.get(`/api/sampling/lab/samples/${sampleId}`)).body.version
    expectOk(await c.put(`/api/sampling/lab/samples/${sampleId}/results`, { items: [item({ result: '198' })], version: dv }))
    const done = await act(c, sampleId, 'retest_non_conforming', { reportNo: 'FJ2026-0001', issuedOn: '2026-10-16' }, '/api/sampling/lab/samples')
    expectOk(done)
    expect(done.body).toMatchObject({ state: 'disposing', retestConclusion: 'fail' })
    expectError(await act(jf, sampleId, 'record_disposal', { step: 'recall', doneOn: '2026-09-01' }), 400, 'VALIDATION', /不能早于送达日期/)
    expectOk(await act(jf, sampleId, 'record_disposal', { step: 'stop_sale', doneOn: '2026-10-16', note: '封存剩余 3.5 kg' }))
    expectOk(await act(jf, sampleId, 'record_disposal', { step: 'recall', doneOn: '2026-10-17' }))
    const closed = await act(jf, sampleId, 'verify_disposal', { doneOn: '2026-10-19', note: '处置到位' })
    expectOk(closed)
    expect(closed.body).toMatchObject({ state: 'closed', disposalDoneOn: '2026-10-19' })
    expect(closed.body.disposals.map((x: { step: string }) => x.step)).toEqual(['stop_sale', 'recall', 'verification'])
    expect(closed.body.clocks.find((k: { kind: string }) => k.kind === 'disposal').doneOn).toBe('2026-10-19')
  })

  it('statistics and the public announcement show it; the statistics export as Excel', async () => {
    const s = await jf.get('/api/sampling/stats?year=2026&by=category')
    expectOk(s)
    expect(s.body.rows.find((r: { key: string }) => r.key === '33')).toMatchObject({
      label: '食用农产品',
      planned: 1400,
      sampled: 2,
      tested: 1,
      nonConforming: 1,
      passRate: 0,
      disposed: 1,
    })
    expect(s.body.population).toBe(350_000)
    const byUnit = await officer.get('/api/sampling/stats?year=2026&by=unit')
    expect(byUnit.body.rows.find((r: { label: string }) => r.label === '焦作市解放区市场监督管理局')).toMatchObject({ nonConforming: 1 })
    const x = await officer.request('GET', '/api/sampling/stats/export?year=2026')
    expect(x.status).toBe(200)
    expect(String(x.headers['content-type'])).toMatch(/spreadsheetml/)
    const pub = await t.anon.get('/api/public/sampling/results?year=2026&conclusion=fail')
    expectOk(pub)
    expect(pub.body.items).toMatchObject([{ productName: '猪肉', conclusion: 'fail', conclusionLabel: '不合格', failedItems: ['恩诺沙星'] }])
    expectError(await t.anon.get('/api/public/sampling/results?year=1999'), 400, 'VALIDATION')
  })

  it('the entity file has a sampling section', async () => {
    const p = await officer.get(`/api/entities/${entityIds[0]}/profile`)
    expectOk(p)
    const sec = p.body.sections.find((x: { key: string }) => x.key === 'sampling')
    // The targeted sample, and perhaps a drawn one (the random task draw may pick the same shop).
    expect(sec).toMatchObject({ title: '抽检记录' })
    const no = (await officer.get(`/api/sampling/samples/${sampleId}`)).body.sampleNo
    expect(sec.rows.find((r: { sampleNo: { text: string } }) => r.sampleNo.text === no)).toMatchObject({ product: '猪肉', conclusion: { text: '不合格' } })
  })
})

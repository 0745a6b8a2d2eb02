import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemCtx } from '../../core/actor'
import { buildTestApp, expectError, expectOk, mutableClock, unitId, type Client, type MutableClock, type TestApp } from '../../../test/helpers'
import { composeUscc } from '../entities'

/**
 * The work lists' server-side sorting (whitelisted in each query schema) and the 12315 queue's
 * selection filter (`ids`), which the list and the export share (批量导出 of the selected rows).
 */
describe('list sorting and selection over HTTP', () => {
  let t: TestApp
  let clock: MutableClock
  let operator: Client, leader: Client, handler: Client, credit: Client
  let shop: string
  const items: string[] = []

  beforeAll(async () => {
    clock = mutableClock('2026-11-23T02:00:00Z')
    t = await buildTestApp({ demo: true, clock })
    const admin = await t.login('admin')
    operator = await t.login('operator')
    leader = await t.login('leader')
    handler = await t.login('handler')
    credit = await t.login('credit')
    const e = await admin.post('/api/entities', {
      uscc: composeUscc('92', '410802', 'MA0C7701'),
      name: '焦作市解放区排序测试商行',
      businessAddress: '焦作市解放区人民路1号',
      businessDivision: '410802001',
      domicileDivision: '410802001',
    })
    expectOk(e, 201)
    shop = e.body.id
    // Three complaints received a day apart (oldest first), with the receipt time given.
    for (const [k, at] of ['2026-11-18T02:00:00Z', '2026-11-19T02:00:00Z', '2026-11-20T02:00:00Z'].entries()) {
      const r = await operator.post('/api/complaints', {
        types: ['complaint'],
        channel: 'hotline',
        category: 'quality',
        summary: `排序测试第${k + 1}件`,
        request: '要求退货',
        facts: '购买的商品有质量问题，商家拒绝退货。',
        receivedAt: at,
        persons: [{ name: '王小明', phone: '13800001111', address: '焦作市解放区民主路1号' }],
        respondent: { entityId: shop, name: '焦作市解放区排序测试商行' },
      })
      expectOk(r, 201)
      items.push(r.body.items[0].id)
    }
  })
  afterAll(async () => t?.close())

  const mine = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id).filter((id) => items.includes(id))

  it('sorts the 12315 queue by receipt time both ways and refuses a sort outside the whitelist', async () => {
    const desc = await operator.get('/api/complaints?q=排序测试&sort=received_desc&open=1')
    expectOk(desc)
    expect(mine(desc.body)).toEqual([...items].reverse())
    const asc = await operator.get('/api/complaints?q=排序测试&sort=received_asc')
    expect(mine(asc.body)).toEqual(items)
    // Same due dates (same clock, same unit): due order ties break on receipt, newest first.
    expectOk(await operator.get('/api/complaints?q=排序测试&sort=due_desc'))
    expectOk(await operator.get('/api/complaints?q=排序测试&sort=due_asc'))
    expectError(await operator.get('/api/complaints?sort=summary'), 400, 'VALIDATION', /排序方式无效/)
    expectError(await operator.get('/api/complaints?sort=received_desc;drop table complaint_item'), 400, 'VALIDATION')
  })

  it('lists and exports only the selected items (ids)', async () => {
    const two = `${items[0]},${items[2]}`
    const list = await operator.get(`/api/complaints?ids=${two}&sort=received_asc`)
    expectOk(list)
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([items[0], items[2]])
    expect(list.body.total).toBe(2)
    expectError(await operator.get('/api/complaints?ids=not-an-id'), 400, 'VALIDATION', /所选诉求件 ID 无效/)
    expectError(await operator.get(`/api/complaints?ids=${Array.from({ length: 201 }, () => items[0]).join(',')}`), 400, 'VALIDATION')
    const exp = await t.app.inject({ method: 'GET', url: `/api/complaints/export?ids=${two}`, headers: { cookie: leader.cookie! } })
    expect(exp.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer)
    const cells = JSON.stringify(wb.worksheets[0]!.getSheetValues())
    expect(cells).toContain('排序测试第1件')
    expect(cells).toContain('排序测试第3件')
    expect(cells).not.toContain('排序测试第2件')
  })

  it('sorts case leads by creation and by the date found, and proposals by creation', async () => {
    const station = await unitId(t, 'JZ-410802-S01')
    const leads: Array<{ id: string }> = []
    for (const [k, foundOn] of ['2026-11-10', '2026-11-05', '2026-11-15'].entries()) {
      clock.set(`2026-11-23T02:1${k}:00Z`)
      leads.push(
        await t.s.deps.db.transaction().execute((trx) =>
          t.s.enforcement.createLead(trx, systemCtx(), {
            source: 'inspection',
            sourceId: `s${k}`,
            sourceNo: null,
            unitId: station,
            entityId: shop,
            entityName: '焦作市解放区排序测试商行',
            uscc: null,
            summary: `排序线索${k}`,
            foundOn,
          }),
        ),
      )
    }
    const ids = (b: { items: Array<{ id: string }> }) => b.items.map((i) => i.id).filter((id) => leads.some((l) => l.id === id))
    expect(ids((await handler.get('/api/leads?pageSize=200')).body)).toEqual([leads[2]!.id, leads[1]!.id, leads[0]!.id])
    expect(ids((await handler.get('/api/leads?pageSize=200&sort=created_asc')).body)).toEqual([leads[0]!.id, leads[1]!.id, leads[2]!.id])
    expect(ids((await handler.get('/api/leads?pageSize=200&sort=found_asc')).body)).toEqual([leads[1]!.id, leads[0]!.id, leads[2]!.id])
    expect(ids((await handler.get('/api/leads?pageSize=200&sort=found_desc')).body)).toEqual([leads[2]!.id, leads[0]!.id, leads[1]!.id])
    expectError(await handler.get('/api/leads?sort=summary_asc'), 400, 'VALIDATION', /排序方式无效/)

    const proposals: Array<{ id: string }> = []
    for (const [k, reason] of (['unreachable_at_registered_address', 'info_not_publicised'] as const).entries()) {
      clock.set(`2026-11-23T02:2${k}:00Z`)
      proposals.push(
        await t.s.deps.db.transaction().execute((trx) =>
          t.s.credit.proposeAbnormal(trx, systemCtx(), {
            entityId: shop,
            reason,
            sourceType: 'inspection',
            sourceId: `p${k}`,
            unitId: station,
            note: `排序提议${k}`,
          }),
        ),
      )
    }
    const pids = (b: { items: Array<{ id: string }> }) => b.items.map((i) => i.id).filter((id) => proposals.some((p) => p.id === id))
    expect(pids((await credit.get('/api/credit/proposals?pageSize=200')).body)).toEqual([proposals[1]!.id, proposals[0]!.id])
    expect(pids((await credit.get('/api/credit/proposals?pageSize=200&sort=created_asc')).body)).toEqual([proposals[0]!.id, proposals[1]!.id])
    expectError(await credit.get('/api/credit/proposals?sort=entity_asc'), 400, 'VALIDATION', /排序方式无效/)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { systemCtx, type Actor, type Ctx, type ScopeSet } from '../actor'
import { AppError } from '../errors'
import { newId } from '../ids'
import { defineWorkflow, type ClockEffect } from '../../shared/kernel/workflow'
import { auditRecords, buildTestApp, unitId, type TestApp } from '../../../test/helpers'
import { scopedRecords } from './records'
import type { MatterRef } from './ports'

/* The records kernel on a real table (case_lead) with a test workflow that has clock effects and a same-state action. */
const wf = defineWorkflow({
  type: 'test_matter',
  label: '测试事项',
  initial: 'new',
  states: { new: { label: '待处理' }, filed: { label: '已立案' }, not_filed: { label: '已办结', final: true } },
  clocks: { handle: { label: '办理期限', rule: null } },
  actions: {
    note: {
      label: '记录',
      from: ['new', 'filed'],
      to: 'same',
      permission: ['lead.manage'],
      audit: 'inspection.task.update',
      input: z.object({ text: z.string().min(1, '请填写内容'), on: z.string().optional() }),
    },
    file: { label: '立案', from: ['new'], to: 'filed', permission: ['lead.manage'], audit: 'lead.decide', clocks: [{ op: 'start', clock: 'handle' }] },
    close: { label: '办结', from: ['filed'], to: 'not_filed', permission: ['lead.manage'], audit: 'credit.decide', clocks: [{ op: 'stop', clock: 'handle' }] },
  },
})

const scope = (s: Partial<ScopeSet>): ScopeSet => ({ all: false, treePaths: [], unitIds: [], self: false, ...s })
const ctxOf = (scopes: Record<string, ScopeSet>): Ctx => {
  const actor: Actor = { kind: 'user', userId: null, username: 't', displayName: '测试', primaryUnitId: null, scopes: new Map(Object.entries(scopes)) }
  return { actor, requestId: null, ip: null }
}

describe('scopedRecords', () => {
  let t: TestApp
  let unit: string, other: string
  const applied: Array<{ matter: MatterRef; effects: readonly ClockEffect[]; eventDate: string }> = []
  const seen: Array<{ action: string; input: unknown; eventDate: string }> = []
  let failEffects = false
  let records: ReturnType<typeof make>
  const make = () =>
    scopedRecords({
      db: t.s.deps.db,
      dialect: t.s.deps.dialect,
      clock: t.s.deps.clock,
      audit: t.s.audit,
      table: 'caseLead',
      label: '测试事项',
      workflow: wf,
      readPermission: 'lead.read',
      numbering: { column: 'leadNo', prefix: 'TT' },
      clocks: { apply: async (_trx, matter, effects, eventDate) => void applied.push({ matter, effects, eventDate }) },
      eventDate: (_a, input: { on?: string }) => input.on,
      effects: async (_trx, _row, action, input, eventDate) => {
        seen.push({ action, input, eventDate })
        if (failEffects) throw new AppError('CONFLICT', '数据守卫拒绝')
        return action === 'note' ? { summary: (input as { text: string }).text } : {}
      },
    })

  beforeAll(async () => {
    t = await buildTestApp({ demo: true })
    unit = await unitId(t, 'JZ-410802-S01')
    other = await unitId(t, 'JZ-410811-S01')
    records = make()
  })
  afterAll(() => t?.close())

  const create = () =>
    t.s.deps.db.transaction().execute((trx) =>
      records.create(
        trx,
        systemCtx(),
        {
          id: newId(),
          leadNo: '',
          source: 'other',
          sourceId: 'x',
          sourceNo: null,
          unitId: unit,
          entityId: null,
          entityName: null,
          uscc: null,
          summary: '初始',
          foundOn: '2026-11-20',
          decisionReason: null,
          decidedAt: null,
          decidedBy: null,
          createdAt: new Date().toISOString(),
          createdBy: null,
          updatedAt: new Date().toISOString(),
        },
        { audit: 'test.create' },
      ),
    )

  it('creates with a gap-free yearly number, version 1, the initial state, audited', async () => {
    const a = await create()
    const b = await create()
    expect(a).toMatchObject({ state: 'new', version: 1 })
    expect(a.leadNo).toMatch(/^TT\d{4}000001$/)
    expect(b.leadNo.slice(-6)).toBe('000002')
    expect(await auditRecords(t, { action: 'test.create', targetId: a.id })).toHaveLength(1)
  })

  it('transitions: effects with the input and event date, guarded update, version + 1, clock effects, audit before/after', async () => {
    const r = await create()
    const n = await records.transition(systemCtx(), r.id, 'note', { text: '补充记录', on: '2026-12-01' }, { version: 1 })
    expect(n.after).toMatchObject({ state: 'new', version: 2, summary: '补充记录' })
    expect(seen.at(-1)).toEqual({ action: 'note', input: { text: '补充记录', on: '2026-12-01' }, eventDate: '2026-12-01' })
    expect(applied.filter((x) => x.matter.id === r.id)).toEqual([]) // no clock effects on a note
    const f = await records.transition(systemCtx(), r.id, 'file', {}, { version: 2 })
    expect(f).toMatchObject({ from: 'new', to: 'filed', after: { state: 'filed', version: 3 } })
    expect(applied.at(-1)).toMatchObject({ matter: { type: 'test_matter', id: r.id, unitId: unit }, effects: [{ op: 'start', clock: 'handle' }] })
    expect(applied.at(-1)!.eventDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const audit = await auditRecords(t, { action: 'lead.decide', targetId: r.id })
    expect(audit).toHaveLength(1)
  })

  it('refuses a stale version (409), an illegal action (409), bad input (400) and leaves the row alone', async () => {
    const r = await create()
    await records.transition(systemCtx(), r.id, 'file', {}, { version: 1 })
    await expect(records.transition(systemCtx(), r.id, 'close', {}, { version: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '该测试事项已被他人修改，请刷新后重试',
    })
    await expect(records.transition(systemCtx(), r.id, 'file', {}, { version: 2 })).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      status: 409,
      message: '测试事项处于“已立案”状态，不能执行“立案”',
    })
    await expect(records.transition(systemCtx(), r.id, 'note', { text: '' }, { version: 2 })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'text：请填写内容',
    })
    const row = await t.s.deps.db.selectFrom('caseLead').select(['state', 'version']).where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ state: 'filed', version: 2 })
  })

  it('rolls the whole transition back when the module effects refuse it', async () => {
    const r = await create()
    failEffects = true
    try {
      await expect(records.transition(systemCtx(), r.id, 'file', {}, { version: 1 })).rejects.toMatchObject({ code: 'CONFLICT', message: '数据守卫拒绝' })
    } finally {
      failEffects = false
    }
    const row = await t.s.deps.db.selectFrom('caseLead').select(['state', 'version']).where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ state: 'new', version: 1 })
    expect(await auditRecords(t, { action: 'lead.decide', targetId: r.id })).toHaveLength(0)
  })

  it('hides records outside the read scope (404) and refuses readable ones outside the action scope (403)', async () => {
    const r = await create()
    const outsider = ctxOf({ 'lead.read': scope({ unitIds: [other] }), 'lead.manage': scope({ unitIds: [other] }) })
    await expect(records.transition(outsider, r.id, 'file', {}, { version: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await records.scoped(t.s.deps.db, outsider).select('id').where('id', '=', r.id).execute()).toEqual([])
    const reader = ctxOf({ 'lead.read': scope({ all: true }), 'lead.manage': scope({ unitIds: [other] }) })
    await expect(records.transition(reader, r.id, 'file', {}, { version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const loaded = await records.load(t.s.deps.db, reader, r.id)
    expect(records.actions(reader, loaded)).toEqual([])
    await expect(records.load(t.s.deps.db, reader, r.id, { permission: 'lead.manage' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const handler = ctxOf({ 'lead.read': scope({ unitIds: [unit] }), 'lead.manage': scope({ unitIds: [unit] }) })
    expect(records.actions(handler, await records.load(t.s.deps.db, handler, r.id)).map((a) => a.action)).toEqual(['note', 'file'])
    const none = ctxOf({})
    await expect(records.transition(none, r.id, 'file', {}, { version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

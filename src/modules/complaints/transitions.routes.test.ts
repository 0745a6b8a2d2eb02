import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, createActiveUser, expectError, expectOk, mutableClock, unitId, type Client, type TestApp } from '../../../test/helpers'
import { ACTIONS, ITEM_WORKFLOWS, type Action, type ItemType, type State } from '../../shared/complaints/workflow'
import { composeUscc } from '../entities'

/*
 * Generated from the declarations (src/shared/complaints/workflow.ts): for a representative state
 * of each item type, every action is POSTed to the transition endpoint with a valid body, by a user
 * holding every 12315 permission city-wide. The endpoint refuses with 409 exactly the actions the
 * declaration refuses, and takes the others to the declared target.
 */

let t: TestApp
let clerk: Client
let district = ''
let station = ''
let shop = ''

/** A body the action's schema accepts, so that only the state decides. */
function bodyOf(action: Action, mergeInto: string): Record<string, unknown> {
  const bodies: Record<Action, Record<string, unknown>> = {
    dispatch: { unitId: station },
    return: { reason: '无管辖权' },
    raise_dispute: { reason: '管辖不明' },
    resolve_dispute: { unitId: station, basis: '经营地' },
    merge: { intoId: mergeInto },
    accept: {},
    reject: { reasonCode: 'OUT_OF_SCOPE' },
    pause: { kind: 'testing', reason: '送检' },
    resume: {},
    conclude: { outcome: 'settled' },
    terminate: { ground: 'WITHDRAWN_OR_SETTLED' },
    notify_termination: { channel: 'phone' },
    follow_up: {},
    close: {},
    extend_verification: { approval: '经批准' },
    file_case: { summary: '涉嫌哄抬价格' },
    not_file: { reasonCode: 'NO_VIOLATION' },
    notify_reporter: { channel: 'phone' },
    answer: { answer: '请携带凭证办理' },
    inform_no_jurisdiction: { text: '请向有关部门反映' },
  }
  return { action, ...bodies[action] }
}

async function post(id: string, body: Record<string, unknown>) {
  const cur = await clerk.get(`/api/complaints/${id}`)
  expectOk(cur)
  return clerk.post(`/api/complaints/${id}/transitions`, { expectedVersion: cur.body.version, ...body })
}

async function newItem(type: ItemType): Promise<string> {
  const r = await clerk.post('/api/complaints', {
    types: [type],
    channel: 'hotline',
    category: 'quality',
    summary: `${type} 生成测试`,
    request: '请处理',
    facts: '生成的状态×动作测试。',
    persons: [{ name: '测试人', phone: '13800002222', address: '焦作市解放区民主路2号' }],
    ...(type === 'consultation' ? {} : { respondent: { entityId: shop, name: '测试商行', address: '焦作市解放区人民路9号' } }),
  })
  expectOk(r, 201)
  return r.body.items[0].id
}

/** The steps that bring a new item to a state (each one allowed by the declaration, checked below). */
const PATHS: Array<{ type: ItemType; state: State; steps: Action[] }> = [
  { type: 'complaint', state: 'pending_acceptance', steps: ['dispatch'] },
  { type: 'complaint', state: 'mediating', steps: ['dispatch', 'accept'] },
  { type: 'report', state: 'verifying', steps: ['dispatch'] },
  { type: 'consultation', state: 'received', steps: [] },
]

async function itemIn(type: ItemType, steps: Action[], mergeInto: string): Promise<string> {
  const id = await newItem(type)
  for (const a of steps) expectOk(await post(id, bodyOf(a, mergeInto)))
  return id
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true, clock: mutableClock('2026-11-23T02:00:00Z') })
  const admin = await t.login('admin')
  const all = (role: string) => ({ role, unitCode: 'JZ', scope: 'all' })
  clerk = (await createActiveUser(admin, t, { unitCode: 'JZ-410802', grants: [all('operator_12315'), all('case_handler'), all('bureau_leader')] })).client
  district = await unitId(t, 'JZ-410802')
  station = await unitId(t, 'JZ-410802-S01')
  const e = await admin.post('/api/entities', {
    uscc: composeUscc('92', '410802', 'MA0C0W01'),
    name: '焦作市解放区生成测试商行',
    businessDivision: '410802001',
    domicileDivision: '410802001',
  })
  expectOk(e, 201)
  shop = e.body.id
  expect(district).toBeTruthy()
})
afterAll(async () => t?.close())

describe('the transition endpoint follows the declarations', () => {
  for (const { type, state, steps } of PATHS) {
    const wf = ITEM_WORKFLOWS[type]
    it(`the path to ${type} ${state} is declared`, () => {
      let s: State = wf.initial
      for (const a of steps) s = wf.target(s, a)!
      expect(s).toBe(state)
    })

    describe(`${type} in ${state}`, () => {
      let refusedOn = ''
      let mergeInto = ''
      beforeAll(async () => {
        refusedOn = await itemIn(type, steps, '')
        mergeInto = await newItem(type)
        const d = await clerk.get(`/api/complaints/${refusedOn}`)
        expect(d.body.state).toBe(state)
        expect([...d.body.allowedActions].sort()).toEqual([...wf.allowed(state)].sort())
      })

      it.each([...ACTIONS])('%s', async (action) => {
        const to = wf.target(state, action)
        if (to === null) {
          const r = await post(refusedOn, bodyOf(action, mergeInto))
          expectError(r, 409, 'ILLEGAL_TRANSITION')
          const after = await clerk.get(`/api/complaints/${refusedOn}`)
          expect(after.body.state).toBe(state)
        } else {
          const id = await itemIn(type, steps, mergeInto)
          const r = await post(id, bodyOf(action, mergeInto))
          expectOk(r)
          expect(r.body.state).toBe(to)
        }
      })
    })
  }
})

import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../access/vocabulary'
import { LEAD_DECISION_ACTION, LEAD_STATES, leadWorkflow } from './lead.workflow'

describe('the case-lead workflow declaration', () => {
  it('is sound and names only catalogued permissions', () => {
    expect(leadWorkflow.problems()).toEqual([])
    const named = leadWorkflow.actionList.flatMap((a) => leadWorkflow.actions[a].permission)
    expect(named.filter((p) => !(p in PERMISSIONS))).toEqual([])
    expect(leadWorkflow.stateList).toEqual([...LEAD_STATES])
  })
  it('decides a new lead once, by the head; not filing and transferring need a reason; the handler pauses the clock for testing', () => {
    expect(leadWorkflow.allowed('new')).toEqual(['file', 'not_file', 'transfer', 'onspot', 'extend_verify', 'start_testing', 'end_testing'])
    expect(leadWorkflow.available('new', ['case.handle'])).toEqual(['onspot'])
    expect(leadWorkflow.available('new', ['lead.manage'])).toEqual(['start_testing', 'end_testing'])
    expect(leadWorkflow.available('new', ['case.approve'])).toEqual(['file', 'not_file', 'transfer', 'extend_verify'])
    // Every decision stops the verification clock, started on creation.
    expect(leadWorkflow.onCreate).toEqual([{ op: 'start', clock: 'verify' }])
    for (const a of ['file', 'not_file', 'transfer'] as const) expect(leadWorkflow.actions[a].clocks).toEqual([{ op: 'stop', clock: 'verify' }])
    for (const s of ['filed', 'not_filed', 'transferred', 'onspot'] as const) expect(leadWorkflow.allowed(s)).toEqual([])
    expect(leadWorkflow.decide('new', 'not_file', { permissions: ['case.approve'], body: {} })).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      message: 'reason：不予立案或移送须写明理由',
    })
    expect(leadWorkflow.decide('new', 'transfer', { permissions: ['case.approve'], body: { reason: '  ' } })).toMatchObject({ ok: false, code: 'VALIDATION' })
    expect(leadWorkflow.decide('new', 'file', { permissions: ['lead.read'] })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(leadWorkflow.decide('new', 'file', { permissions: ['lead.manage'] })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(leadWorkflow.decide('new', 'file', { permissions: ['case.approve'], body: {} })).toEqual({ ok: true, from: 'new', to: 'filed' })
  })
  it('maps every decision of the legacy endpoint onto the action reaching that state', () => {
    for (const [state, action] of Object.entries(LEAD_DECISION_ACTION)) expect(leadWorkflow.target('new', action)).toBe(state)
  })
})

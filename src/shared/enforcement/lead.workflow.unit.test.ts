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
  it('decides a new lead once; not filing and transferring need a reason', () => {
    expect(leadWorkflow.allowed('new')).toEqual(['file', 'not_file', 'transfer'])
    for (const s of ['filed', 'not_filed', 'transferred'] as const) expect(leadWorkflow.allowed(s)).toEqual([])
    expect(leadWorkflow.decide('new', 'not_file', { permissions: ['lead.manage'], body: {} })).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      message: 'reason：不予立案或移送须写明理由',
    })
    expect(leadWorkflow.decide('new', 'transfer', { permissions: ['lead.manage'], body: { reason: '  ' } })).toMatchObject({ ok: false, code: 'VALIDATION' })
    expect(leadWorkflow.decide('new', 'file', { permissions: ['lead.read'] })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(leadWorkflow.decide('new', 'file', { permissions: ['lead.manage'], body: {} })).toEqual({ ok: true, from: 'new', to: 'filed' })
  })
  it('maps every decision of the legacy endpoint onto the action reaching that state', () => {
    for (const [state, action] of Object.entries(LEAD_DECISION_ACTION)) expect(leadWorkflow.target('new', action)).toBe(state)
  })
})

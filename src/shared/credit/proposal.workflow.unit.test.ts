import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../access/vocabulary'
import { PROPOSAL_DECISION_ACTION, PROPOSAL_STATES, proposalWorkflow } from './proposal.workflow'

describe('the credit-proposal workflow declaration', () => {
  it('is sound and names only catalogued permissions', () => {
    expect(proposalWorkflow.problems()).toEqual([])
    const named = proposalWorkflow.actionList.flatMap((a) => proposalWorkflow.actions[a].permission)
    expect(named.filter((p) => !(p in PERMISSIONS))).toEqual([])
    expect(proposalWorkflow.stateList).toEqual([...PROPOSAL_STATES])
  })
  it('accepts or rejects a proposal once; rejecting needs a reason', () => {
    expect(proposalWorkflow.allowed('proposed')).toEqual(['accept', 'reject'])
    expect(proposalWorkflow.allowed('accepted')).toEqual([])
    expect(proposalWorkflow.decide('proposed', 'reject', { permissions: ['credit.manage'], body: {} })).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      message: 'note：不采纳须写明理由',
    })
    expect(proposalWorkflow.decide('proposed', 'reject', { permissions: ['credit.manage'], body: { note: 'x'.repeat(2001) } })).toMatchObject({
      ok: false,
      code: 'VALIDATION',
    })
    expect(proposalWorkflow.decide('proposed', 'accept', { permissions: ['credit.manage'], body: {} })).toEqual({ ok: true, from: 'proposed', to: 'accepted' })
  })
  it('maps every decision of the legacy endpoint onto the action reaching that state', () => {
    for (const [state, action] of Object.entries(PROPOSAL_DECISION_ACTION)) expect(proposalWorkflow.target('proposed', action)).toBe(state)
  })
})

import { describe, expect, it } from 'vitest'
import * as web from '../../../web/src/components/credit/labels'
import { PROPOSAL_STATE_LABEL, ProposalDecisionBody } from './credit.schema'

// The credit proposals page's copy of the vocabulary (web/src/components/credit/labels.ts) against the server's.
describe('the web client’s credit-proposal vocabulary equals the server’s', () => {
  it('states, the decisions the server accepts and the note bound (grounds come labelled from the server)', () => {
    expect(web.PROPOSAL_STATE_LABEL).toEqual(PROPOSAL_STATE_LABEL)
    for (const o of web.PROPOSAL_DECISION_OPTIONS) expect(ProposalDecisionBody.safeParse({ state: o.value, note: 'x' }).success, o.value).toBe(true)
    expect(ProposalDecisionBody.safeParse({ state: 'rejected', note: 'x'.repeat(web.PROPOSAL_NOTE_MAX) }).success).toBe(true)
    expect(ProposalDecisionBody.safeParse({ state: 'rejected', note: 'x'.repeat(web.PROPOSAL_NOTE_MAX + 1) }).success).toBe(false)
    expect(ProposalDecisionBody.safeParse({ state: 'proposed', note: 'x' }).success).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import * as web from '../../../web/src/components/lead/labels'
import { LEAD_SOURCE_LABEL, LEAD_STATE_LABEL, LeadDecisionBody } from './enforcement.schema'

// The leads page's copy of the vocabulary (web/src/components/lead/labels.ts) against the server's.
describe('the web client’s case-lead vocabulary equals the server’s', () => {
  it('sources, states, the decisions the server accepts and the reason bound', () => {
    expect(web.LEAD_SOURCE_LABEL).toEqual(LEAD_SOURCE_LABEL)
    expect(web.LEAD_STATE_LABEL).toEqual(LEAD_STATE_LABEL)
    for (const o of web.LEAD_DECISION_OPTIONS) {
      expect(o.label).toBe({ filed: '立案', not_filed: '不予立案', transferred: '移送' }[o.value])
      expect(LeadDecisionBody.safeParse({ state: o.value, reason: 'x' }).success, o.value).toBe(true)
    }
    expect(LeadDecisionBody.safeParse({ state: 'not_filed', reason: 'x'.repeat(web.LEAD_REASON_MAX) }).success).toBe(true)
    expect(LeadDecisionBody.safeParse({ state: 'not_filed', reason: 'x'.repeat(web.LEAD_REASON_MAX + 1) }).success).toBe(false)
    // The server refuses a decision it does not know.
    expect(LeadDecisionBody.safeParse({ state: 'new', reason: 'x' }).success).toBe(false)
  })
})

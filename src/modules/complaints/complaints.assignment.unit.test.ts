import { describe, expect, it } from 'vitest'
import { assignmentOffer, decideAssignment, type AssignmentFacts } from './complaints.assignment'

const base: AssignmentFacts = {
  type: 'complaint',
  final: false,
  currentHandlerId: null,
  actorId: 'me',
  handlerId: 'me',
  actorMayAssign: false,
  actorMayHandle: true,
  assigneeEligible: true,
}

describe('the assignment rule', () => {
  it('a plain handler takes an unassigned complaint for themselves, nothing more', () => {
    expect(decideAssignment(base)).toEqual({ ok: true })
    expect(decideAssignment({ ...base, handlerId: 'colleague' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(decideAssignment({ ...base, currentHandlerId: 'colleague' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      message: expect.stringMatching(/已有承办人/),
    })
    expect(decideAssignment({ ...base, assigneeEligible: false })).toMatchObject({ ok: false, code: 'VALIDATION' })
    expect(decideAssignment({ ...base, final: true })).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' })
  })

  it('a report is assigned by someone else with the right to assign, never by oneself', () => {
    const r = { ...base, type: 'report' as const }
    expect(decideAssignment(r)).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringMatching(/不能自行承办/) })
    expect(decideAssignment({ ...r, actorMayAssign: true })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(decideAssignment({ ...r, handlerId: 'colleague' })).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringMatching(/分派权限/) })
    expect(decideAssignment({ ...r, handlerId: 'colleague', actorMayAssign: true, actorMayHandle: false })).toEqual({ ok: true })
  })

  it('the offer follows the same rule', () => {
    expect(assignmentOffer({ ...base, actorEligible: true })).toEqual({ canTake: true, canAssign: false })
    expect(assignmentOffer({ ...base, actorEligible: false })).toEqual({ canTake: false, canAssign: false })
    expect(assignmentOffer({ ...base, type: 'report', actorEligible: true, actorMayAssign: true })).toEqual({ canTake: false, canAssign: true })
    expect(assignmentOffer({ ...base, currentHandlerId: 'colleague', actorEligible: true })).toEqual({ canTake: false, canAssign: false })
  })
})

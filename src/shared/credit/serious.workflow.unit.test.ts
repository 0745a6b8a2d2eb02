import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../access/vocabulary'
import { AUDIT_ACTION_LABELS } from '../audit/vocabulary'
import { SERIOUS_IN_FORCE, SeriousFromCaseBody, seriousWorkflow } from './serious.workflow'

describe('the serious-list workflow declaration', () => {
  it('is sound and names only catalogued permissions and audit actions', () => {
    expect(seriousWorkflow.problems()).toEqual([])
    for (const a of seriousWorkflow.actionList) {
      for (const p of seriousWorkflow.actions[a].permission) expect(p in PERMISSIONS).toBe(true)
      expect(seriousWorkflow.actions[a].audit in AUDIT_ACTION_LABELS).toBe(true)
    }
  })
  it('lets only the head decide, and the level above approve a referred entry', () => {
    expect(seriousWorkflow.available('reviewing', ['credit.manage'])).toEqual(['dismiss'])
    expect(seriousWorkflow.available('reviewing', ['credit.approve'])).toEqual(['approve', 'refer_upper'])
    expect(seriousWorkflow.available('upper_review', ['credit.approve'])).toEqual(['upper_approve', 'upper_return'])
    expect(seriousWorkflow.target('notified', 'approve')).toBeNull()
  })
  it('runs the statement, publication and early-removal clocks from the catalogue', () => {
    expect(seriousWorkflow.actions.notify.clocks).toEqual([{ op: 'start', clock: 'statement' }])
    expect(seriousWorkflow.actions.submit.clocks).toEqual([{ op: 'stop', clock: 'statement' }])
    expect(seriousWorkflow.actions.approve.clocks).toEqual([{ op: 'start', clock: 'publish' }])
    expect(seriousWorkflow.actions.upper_approve.clocks).toEqual([{ op: 'start', clock: 'publish' }])
    expect(seriousWorkflow.actions.apply_early.clocks).toEqual([{ op: 'start', clock: 'early_removal' }])
    for (const c of Object.values(seriousWorkflow.clocks!)) expect(c.rule).toMatch(/^credit\.serious_/)
  })
  it('is in force only once published, until removed', () => {
    expect([...SERIOUS_IN_FORCE]).toEqual(['published', 'early_applied'])
    expect(seriousWorkflow.finalStates).toEqual(['removed', 'dismissed'])
  })
  it('requires reasons for refusals and bounded input', () => {
    for (const a of ['dismiss', 'upper_return', 'refuse_early', 'revoke', 'record_statement'] as const)
      expect(seriousWorkflow.parseInput(a, {})).toMatchObject({ ok: false })
    expect(seriousWorkflow.parseInput('apply_early', { text: '已履行' })).toMatchObject({ ok: false, message: expect.stringMatching(/危害后果/) })
    expect(seriousWorkflow.parseInput('dismiss', { note: 'x'.repeat(2001) })).toMatchObject({ ok: false, message: expect.stringMatching(/2000/) })
    expect(SeriousFromCaseBody.safeParse({ caseId: 'x', field: 'safety', circumstances: 'a' }).success).toBe(false)
    expect(SeriousFromCaseBody.safeParse({ caseId: '00000000-0000-4000-8000-000000000000', field: 'abnormal_three_years', circumstances: 'a' }).success).toBe(
      false,
    )
  })
})

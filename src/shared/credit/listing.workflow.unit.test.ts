import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../access/vocabulary'
import { ABNORMAL_REASONS, CURES, listingWorkflow, REMOVAL_GROUNDS } from './listing.workflow'

describe('the abnormal-list workflow declaration', () => {
  it('is sound and names only catalogued permissions', () => {
    expect(listingWorkflow.problems()).toEqual([])
    const named = listingWorkflow.actionList.flatMap((a) => listingWorkflow.actions[a].permission)
    expect(named.filter((p) => !(p in PERMISSIONS))).toEqual([])
  })
  it('needs two people: the officer reviews, only the head approves', () => {
    expect(listingWorkflow.available('proposed', ['credit.approve'])).toEqual([])
    expect(listingWorkflow.available('reviewed', ['credit.manage'])).toEqual(['dismiss'])
    expect(listingWorkflow.available('reviewed', ['credit.approve'])).toEqual(['approve', 'send_back'])
    expect(listingWorkflow.target('proposed', 'approve')).toBeNull()
  })
  it('starts the listing clock on creation and stops it on the decision', () => {
    expect(listingWorkflow.onCreate).toEqual([{ op: 'start', clock: 'listing' }])
    expect(listingWorkflow.actions.approve.clocks).toEqual([{ op: 'stop', clock: 'listing' }])
    expect(listingWorkflow.actions.dismiss.clocks).toEqual([{ op: 'stop', clock: 'listing' }])
    for (const c of Object.values(listingWorkflow.clocks!)) expect(c.rule).toMatch(/^credit\.abnormal_/)
  })
  it('cures every ground by a removal ground of the vocabulary', () => {
    expect(Object.keys(CURES).sort()).toEqual(Object.keys(ABNORMAL_REASONS).sort())
    for (const gs of Object.values(CURES)) for (const g of gs) expect(g in REMOVAL_GROUNDS).toBe(true)
  })
  it('requires reasons for refusals', () => {
    for (const a of ['dismiss', 'send_back', 'refuse_objection', 'uphold', 'revoke', 'refuse_removal'] as const)
      expect(listingWorkflow.parseInput(a, {})).toMatchObject({ ok: false })
    expect(listingWorkflow.parseInput('apply_removal', {})).toMatchObject({ ok: false, message: expect.stringMatching(/移出事由/) })
  })
})

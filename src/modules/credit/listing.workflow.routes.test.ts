import { systemCtx } from '../../core/actor'
import { listingWorkflow } from '../../shared/credit/listing.workflow'
import { createActiveUser, expectOk, type Client, type TestApp } from '../../../test/helpers'
import { describeActionMatrix } from '../../../test/matter-matrix'
import { composeUscc } from '../entities'

const admins = new WeakMap<TestApp, Client>()
let serial = 0

/** A fresh entity per listing: one row per entity, ground and source would otherwise be reused. */
async function entity(t: TestApp): Promise<string> {
  let admin = admins.get(t)
  if (!admin) admins.set(t, (admin = await t.login('admin')))
  serial += 1
  const e = await admin.post('/api/entities', {
    uscc: composeUscc('91', '410802', `MB${String(serial).padStart(6, '0')}`),
    name: `焦作市名录矩阵测试${serial}有限公司`,
    entityType: '有限责任公司',
    businessAddress: '解放区民主路1号',
    businessDivision: '410802001',
    status: 'active',
  })
  expectOk(e, 201)
  return e.body.id
}

/* Every state × action of the abnormal-list workflow over HTTP, generated from its declaration. */
describeActionMatrix('abnormal-list actions, generated from the workflow', {
  workflow: listingWorkflow,
  base: '/api/credit/listings',
  table: 'creditListing',
  // A district's credit officer who is also its head: holds credit.manage and credit.approve there only.
  actor: async (t) =>
    (
      await createActiveUser(await t.login('admin'), t, {
        unitCode: 'JZ-410802',
        grants: [
          { role: 'credit_officer', unitCode: 'JZ-410802', scope: 'unit_tree' },
          { role: 'bureau_leader', unitCode: 'JZ-410802', scope: 'unit_tree' },
        ],
      })
    ).client,
  // The head reads everything but has nothing to do on a fresh proposal (the officer reviews first).
  reader: 'leader',
  unitCode: 'JZ-410802-S01',
  otherUnitCode: 'JZ-410811-S01',
  create: async (t, unitId) => {
    const entityId = await entity(t)
    await t.s.clocks.prepare()
    return (
      await t.s.deps.db.transaction().execute((trx) =>
        t.s.creditLists.listings.propose(trx, systemCtx(), {
          entityId,
          ground: 'unreachable_at_registered_address',
          unitId,
          triggerOn: '2026-11-02',
          sourceType: 'inspection',
          sourceId: `task-${serial}`,
          note: null,
        }),
      )
    ).id
  },
  input: {
    review: {},
    approve: { note: '经审核符合列入条件' },
    send_back: { note: '请补充核查记录' },
    dismiss: { note: '经核实已能联系' },
    object: { text: '我公司一直在登记住所经营' },
    accept_objection: {},
    refuse_objection: { note: '异议材料不齐全' },
    uphold: { note: '经核实异议不成立' },
    revoke: { note: '经核实异议成立' },
    apply_removal: { ground: 'reachable_again' },
    remove: {},
    refuse_removal: { note: '经实地核查仍无法联系' },
  },
  bad: { action: 'dismiss', body: { note: '   ' }, message: /请写明不予列入的理由/ },
})

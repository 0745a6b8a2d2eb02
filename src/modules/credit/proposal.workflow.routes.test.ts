import { systemCtx } from '../../core/actor'
import { proposalWorkflow } from '../../shared/credit/proposal.workflow'
import { createActiveUser, expectOk, type Client, type TestApp } from '../../../test/helpers'
import { describeActionMatrix } from '../../../test/matter-matrix'
import { composeUscc } from '../entities'

const admins = new WeakMap<TestApp, Client>()
let serial = 0

/** A fresh entity per proposal: one open proposal per entity and ground would otherwise be reused. */
async function entity(t: TestApp): Promise<string> {
  let admin = admins.get(t)
  if (!admin) admins.set(t, (admin = await t.login('admin')))
  serial += 1
  const e = await admin.post('/api/entities', {
    uscc: composeUscc('91', '410802', `MA${String(serial).padStart(6, '0')}`),
    name: `焦作市矩阵测试${serial}有限公司`,
    entityType: '有限责任公司',
    businessAddress: '解放区民主路1号',
    businessDivision: '410802001',
    status: 'active',
  })
  expectOk(e, 201)
  return e.body.id
}

/* Every state × action of the credit-proposal workflow over HTTP, generated from its declaration. */
describeActionMatrix('credit-proposal actions, generated from the workflow', {
  workflow: proposalWorkflow,
  base: '/api/credit/proposals',
  table: 'creditProposal',
  // The demo credit officer sees the whole city: a district credit officer is made for the scope checks.
  actor: async (t) =>
    (
      await createActiveUser(await t.login('admin'), t, {
        unitCode: 'JZ-410802',
        grants: [{ role: 'credit_officer', unitCode: 'JZ-410802', scope: 'unit_tree' }],
      })
    ).client,
  reader: 'leader',
  unitCode: 'JZ-410802-S01',
  otherUnitCode: 'JZ-410811-S01',
  create: async (t, unitId) => {
    const entityId = await entity(t)
    return (
      await t.s.deps.db.transaction().execute((trx) =>
        t.s.credit.proposeAbnormal(trx, systemCtx(), {
          entityId,
          reason: 'unreachable_at_registered_address',
          sourceType: 'inspection',
          sourceId: 'task-m',
          unitId,
          note: null,
        }),
      )
    ).id
  },
  input: { accept: {}, reject: { note: '经复核已联系上' } },
  bad: { action: 'reject', body: { note: '   ' }, message: /不采纳须写明理由/ },
})

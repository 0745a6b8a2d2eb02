import { systemCtx } from '../../core/actor'
import { seriousWorkflow, type SeriousAction } from '../../shared/credit/serious.workflow'
import { createActiveUser, expectOk, type Client, type TestApp } from '../../../test/helpers'
import { describeActionMatrix } from '../../../test/matter-matrix'
import { composeUscc } from '../entities'

const admins = new WeakMap<TestApp, Client>()
let serial = 0

async function entity(t: TestApp): Promise<string> {
  let admin = admins.get(t)
  if (!admin) admins.set(t, (admin = await t.login('admin')))
  let uscc: string | null = null
  while (!uscc) {
    serial += 1
    try {
      uscc = composeUscc('91', '410802', `MQ${String(serial + 500).padStart(6, '0')}`)
    } catch {
      // Not every organisation code has a valid check character: take the next.
    }
  }
  const e = await admin.post('/api/entities', {
    uscc,
    name: `焦作市严重失信矩阵测试${serial}有限公司`,
    entityType: '有限责任公司',
    legalRep: '周某某',
    businessAddress: '解放区民主路2号',
    businessDivision: '410802001',
    status: 'active',
  })
  expectOk(e, 201)
  return e.body.id
}

const UPPER: readonly SeriousAction[] = ['refer_upper', 'upper_approve', 'upper_return']

/* Every state × action of the serious-list workflow over HTTP, generated from its declaration. */
describeActionMatrix('serious-list actions, generated from the workflow', {
  workflow: seriousWorkflow,
  base: '/api/credit/serious',
  table: 'creditSerious',
  // A district's credit officer who is also its head.
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
  // The head reads everything but has nothing to do on a fresh proposal (the officer gives notice).
  reader: 'leader',
  unitCode: 'JZ-410802-S01',
  otherUnitCode: 'JZ-410811-S01',
  create: async (t, unitId, cell) => {
    const entityId = await entity(t)
    const id = (
      await t.s.deps.db.transaction().execute((trx) =>
        t.s.creditSerious.propose(trx, systemCtx(), {
          entityId,
          unitId,
          source: 'abnormal',
          sourceId: `matrix-${serial}`,
          sourceRef: null,
          field: 'abnormal_three_years',
          ground: '列入经营异常名录届满3年',
          basis: '《企业信息公示暂行条例》第十七条',
          triggerOn: '2026-11-02',
        }),
      )
    ).id
    // The data each cell's guards look at: the upper step only where the cell is about it (the actor's
    // own unit stands for the level above here: the real upper check is in serious.routes.test.ts);
    // the dates of an entry listed long ago for early removal and expiry.
    const upper = !!cell && UPPER.includes(cell.action)
    await t.s.deps.db
      .updateTable('creditSerious')
      .set({
        needsUpper: upper ? 1 : 0,
        upperUnitId: upper ? unitId : null,
        listedOn: '2022-03-01',
        earlyFromOn: '2023-03-01',
        autoRemovalOn: '2025-03-01',
      })
      .where('id', '=', id)
      .execute()
    return id
  },
  input: {
    notify: {},
    record_statement: { text: '我公司已整改' },
    submit: { waived: true },
    approve: { note: '符合列入条件' },
    refer_upper: {},
    upper_approve: {},
    upper_return: { note: '请补充证据' },
    dismiss: { note: '已履行义务' },
    publish: {},
    apply_early: { text: '已履行处罚并消除危害', harmRemoved: true },
    remove_early: {},
    refuse_early: { note: '尚未消除危害后果' },
    expire: {},
    revoke: { note: '行政处罚决定被撤销' },
  },
  bad: { action: 'dismiss', body: { note: '  ' }, message: /请写明不予列入的理由/ },
})

import { systemCtx } from '../../core/actor'
import { leadWorkflow } from '../../shared/enforcement/lead.workflow'
import { describeActionMatrix } from '../../../test/matter-matrix'
import { createActiveUser, STRONG_PASSWORD } from '../../../test/helpers'

/* Every state × action of the case-lead workflow over HTTP, generated from its declaration. */
describeActionMatrix('case-lead actions, generated from the workflow', {
  workflow: leadWorkflow,
  base: '/api/leads',
  table: 'caseLead',
  // Handles and approves in 解放区 (办案人员 + 局领导 there): the decisions are the head's (case.approve), testing the handler's.
  actor: async (t) => {
    const admin = await t.login('admin')
    const u = await createActiveUser(admin, t, {
      unitCode: 'JZ-410802',
      grants: [
        { role: 'case_handler', unitCode: 'JZ-410802', scope: 'unit_tree' },
        { role: 'bureau_leader', unitCode: 'JZ-410802', scope: 'unit_tree' },
      ],
    })
    return t.login(u.username, STRONG_PASSWORD)
  },
  // The handler reads and takes the verification steps; the decisions are the head's (403 for the handler).
  reader: 'handler',
  readerSees: ['onspot', 'start_testing', 'end_testing'],
  unitCode: 'JZ-410802-S01', // 解放区 — inside the actor's (and the handler's) reach
  otherUnitCode: 'JZ-410811-S01', // 山阳区 — outside it
  create: async (t, unitId) =>
    (
      await t.s.deps.db.transaction().execute((trx) =>
        t.s.enforcement.createLead(trx, systemCtx(), {
          source: 'inspection',
          sourceId: 'task-m',
          sourceNo: null,
          unitId,
          entityId: null,
          entityName: '焦作市矩阵测试有限公司',
          uscc: null,
          summary: '矩阵测试线索',
          foundOn: '2026-11-20',
        }),
      )
    ).id,
  input: {
    file: {},
    onspot: {},
    not_file: { reason: '违法事实不成立' },
    transfer: { reason: '涉嫌犯罪，移送公安机关' },
    extend_verify: { reason: '案情复杂，需进一步核查' },
    start_testing: { subject: '口罩过滤效率' },
    end_testing: { result: '不合格' },
  },
  bad: { action: 'not_file', body: {}, message: /不予立案或移送须写明理由/ },
})

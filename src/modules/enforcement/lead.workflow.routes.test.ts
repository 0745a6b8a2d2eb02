import { systemCtx } from '../../core/actor'
import { leadWorkflow } from '../../shared/enforcement/lead.workflow'
import { describeActionMatrix } from '../../../test/matter-matrix'

/* Every state × action of the case-lead workflow over HTTP, generated from its declaration. */
describeActionMatrix('case-lead actions, generated from the workflow', {
  workflow: leadWorkflow,
  base: '/api/leads',
  table: 'caseLead',
  actor: 'handler',
  reader: 'leader',
  unitCode: 'JZ-410802-S01', // 解放区 — inside handler's reach
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
  input: { file: {}, not_file: { reason: '违法事实不成立' }, transfer: { reason: '涉嫌犯罪，移送公安机关' } },
  bad: { action: 'not_file', body: {}, message: /不予立案或移送须写明理由/ },
})

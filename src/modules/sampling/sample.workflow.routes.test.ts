import { createHash } from 'node:crypto'
import { newId } from '../../core/ids'
import { systemCtx } from '../../core/actor'
import { sampleWorkflow } from '../../shared/sampling/sample.workflow'
import { createActiveUser, type TestApp } from '../../../test/helpers'
import { describeActionMatrix } from '../../../test/matter-matrix'

const fixtures = new WeakMap<TestApp, { planId: string; labId: string }>()
/** The plan's laboratory, read by the sampling form's input when the matrix sends it. */
let currentLab = ''

/** One plan (解放区) commissioning the demo's first food laboratory, per test app. */
async function fixture(t: TestApp) {
  const have = fixtures.get(t)
  if (have) return have
  const db = t.s.deps.db
  const lab = await db.selectFrom('samplingLab').select('id').where('checkTypes', 'like', '%food%').orderBy('name').executeTakeFirstOrThrow()
  const unit = await db.selectFrom('orgUnit').select('id').where('code', '=', 'JZ-410802').executeTakeFirstOrThrow()
  const plan = await t.s.sampling.service.createPlan(systemCtx(), {
    unitId: unit.id,
    year: 2026,
    title: '矩阵测试计划',
    checkType: 'food',
    lines: [{ categoryCode: '3302', batches: 10, riskWeight: 1 }],
    labIds: [lab.id],
  })
  const f = { planId: plan.id, labId: lab.id }
  currentLab = lab.id
  fixtures.set(t, f)
  return f
}

let serial = 0
const FAILING = new Set(['issue_non_conforming', 'retest_non_conforming'])

/* Every state × action of the sample workflow over HTTP, generated from its declaration, on both engines. */
describeActionMatrix('sampling-sample actions, generated from the workflow', {
  workflow: sampleWorkflow,
  base: '/api/sampling/samples',
  table: 'samplingSample',
  // One account holding every permission the workflow names, over 解放区 only.
  actor: async (t) =>
    (
      await createActiveUser(await t.login('admin'), t, {
        unitCode: 'JZ-410802',
        grants: [
          { role: 'sampling_officer', unitCode: 'JZ-410802', scope: 'unit_tree' },
          { role: 'sampling_lab', unitCode: 'JZ-410802', scope: 'unit_tree' },
        ],
      })
    ).client,
  reader: 'leader',
  unitCode: 'JZ-410802-S01',
  otherUnitCode: 'JZ-410811-S01',
  create: async (t, unitId, cell) => {
    const { planId, labId } = await fixture(t)
    const db = t.s.deps.db
    const id = newId()
    serial += 1
    const now = new Date().toISOString()
    await db
      .insertInto('samplingSample')
      .values({
        id,
        sampleNo: `MX2026${String(serial).padStart(6, '0')}`,
        unitId,
        planId,
        year: 2026,
        checkType: 'food',
        categoryCode: '3302',
        taskMode: 'targeted',
        assigneeId: null,
        entityId: null,
        entityName: '矩阵测试摊位',
        place: '农贸市场',
        producerName: '某合作社',
        producerAddress: null,
        producerDivision: '410802',
        producerOutside: 0,
        productName: '芹菜',
        brand: null,
        spec: null,
        batchNo: null,
        productionDate: null,
        shelfLifeDays: null,
        quantity: 2,
        backupQuantity: 1,
        quantityUnit: 'kg',
        pricePaidFen: 800,
        samplers: JSON.stringify(['甲', '乙']),
        sampledOn: '2026-11-02',
        signedBy: '摊主',
        labId,
        receivedOn: '2026-11-03',
        reportNo: 'R1',
        issuedOn: '2026-11-10',
        conclusion: 'fail',
        backupKeepUntil: null,
        servedOn: '2026-11-12',
        retestAppliedOn: null,
        retestLabId: null,
        retestConclusion: null,
        leadId: null,
        disposalDoneOn: null,
        state: 'assigned',
        version: 1,
        createdAt: now,
        createdBy: null,
        updatedAt: now,
      })
      .execute()
    const conclusion = cell && FAILING.has(cell.action) ? 'fail' : 'pass'
    for (const round of ['first', 'retest'])
      await db
        .insertInto('samplingResult')
        .values({
          id: newId(),
          sampleId: id,
          round,
          seq: 1,
          item: '毒死蜱',
          standard: 'GB 2763-2021',
          method: 'GB 23200.113',
          limitText: '≤0.05',
          result: '0.01',
          resultUnit: 'mg/kg',
          conclusion,
        })
        .execute()
    await db
      .insertInto('samplingRetestDraw')
      .values({
        sampleId: id,
        algorithm: 'jg-draw/1',
        commitment: createHash('sha256').update('a'.repeat(64)).digest('hex'),
        secret: 'a'.repeat(64),
        committedAt: now,
        drawTimeValue: null,
        poolJson: null,
        poolHash: null,
        paramsJson: null,
        paramsHash: null,
        seedHex: null,
        drawnLabId: null,
        drawnAt: null,
      })
      .execute()
    return id
  },
  input: {
    record_sampling: {
      sampledOn: '2026-11-02',
      place: '解放区农贸市场',
      productName: '芹菜',
      producerName: '某合作社',
      quantity: 2,
      backupQuantity: 1,
      quantityUnit: 'kg',
      pricePaidFen: 800,
      samplers: ['甲', '乙'],
      signedBy: '摊主',
      get labId() {
        return currentLab
      },
    },
    cancel_task: { reason: '经营者已停业，抽样未果' },
    receive: { receivedOn: '2026-11-03' },
    issue_conforming: { reportNo: 'R-1', issuedOn: '2026-11-10' },
    issue_non_conforming: { reportNo: 'R-2', issuedOn: '2026-11-10' },
    serve: { servedOn: '2026-11-12' },
    request_retest: { appliedOn: '2026-11-13', applicant: '摊主' },
    draw_retest_lab: { drawTimeValue: '2026-11-14 开奖 123' },
    retest_conforming: { reportNo: 'F-1', issuedOn: '2026-11-20' },
    retest_non_conforming: { reportNo: 'F-2', issuedOn: '2026-11-20' },
    start_disposal: {},
    record_disposal: { step: 'stop_sale', doneOn: '2026-11-20' },
    verify_disposal: { doneOn: '2026-11-21' },
  },
  bad: { action: 'record_sampling', body: { sampledOn: '2026-02-30', place: 'x' }, message: /抽样日期不存在/ },
})

import { systemCtx } from '../../core/actor'
import { caseWorkflow } from '../../shared/cases/case.workflow'
import { describeActionMatrix } from '../../../test/matter-matrix'
import { createActiveUser, STRONG_PASSWORD, userId, type TestApp } from '../../../test/helpers'

/** The hearing officer of the 听证通知 cell: a user who is not one of the case's investigators. */
let hearingOfficer = ''

/** A case in `unitId`, opened from a fresh lead as the platform does; hearing and review facts set so every declared cell can run. */
async function openCase(t: TestApp, unitId: string, cell?: { action: string }): Promise<string> {
  hearingOfficer ||= await userId(t, 'credit')
  await t.s.deps.db.updateTable('appUser').set({ certNo: '豫A0820002' }).where('username', '=', 'handler').execute()
  const lead = await t.s.deps.db.transaction().execute((trx) =>
    t.s.enforcement.createLead(trx, systemCtx(), {
      source: 'inspection',
      sourceId: 'task-m',
      sourceNo: null,
      unitId,
      entityId: null,
      entityName: '焦作市矩阵测试有限公司',
      uscc: null,
      summary: '矩阵测试线索',
      foundOn: '2026-11-02',
    }),
  )
  const c = await t.s.cases.open(systemCtx(), {
    leadId: lead.id,
    leadVersion: 1,
    title: '矩阵测试案件',
    caseType: 'other',
    partyKind: 'person',
    personName: '张三',
    officerIds: [await userId(t, 'handler'), await userId(t, 'inspector')],
    facts: '矩阵测试',
    filedOn: '2026-11-02',
  })
  await t.s.deps.db
    .updateTable('caseFile')
    .set({ hearingRight: 1, notifiedOn: '2026-11-03', hearingRequestedOn: '2026-11-04', legalReviewedOn: '2026-11-05' })
    .where('id', '=', c.id)
    .execute()
  if (cell?.action === 'file_onspot')
    await t.s.deps.db.updateTable('caseFile').set({ procedure: 'simplified', decidedOn: '2026-11-05' }).where('id', '=', c.id).execute()
  if (cell?.action === 'allow_instalments' || cell?.action === 'remind')
    await t.s.deps.db
      .updateTable('caseFile')
      .set({ penaltyType: 'fine', fineFen: 100000, decidedOn: '2026-11-06', servedOn: '2026-11-10', paymentDueOn: '2026-11-25' })
      .where('id', '=', c.id)
      .execute()
  if (cell?.action === 'apply_court')
    await t.s.deps.db
      .updateTable('caseFile')
      .set({
        penaltyType: 'fine',
        fineFen: 100000,
        filedOn: '2025-12-01',
        decidedOn: '2026-01-04',
        servedOn: '2026-01-05',
        paymentDueOn: '2026-01-20',
        remindedOn: '2026-02-02',
      })
      .where('id', '=', c.id)
      .execute()
  if (cell?.action === 'hold_hearing')
    await t.s.deps.db
      .updateTable('caseFile')
      .set({ hearingNoticeOn: '2026-11-05', hearingOn: '2026-11-20', hearingPlace: '本局听证室' })
      .where('id', '=', c.id)
      .execute()
  return c.id
}

/* Every state × action of the case workflow over HTTP, generated from its declaration. */
describeActionMatrix('case-file actions, generated from the workflow', {
  workflow: caseWorkflow,
  base: '/api/cases',
  table: 'caseFile',
  // Handles and approves in 解放区 (办案人员 + 局领导 there): holds every permission the workflow names.
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
  reader: 'credit',
  unitCode: 'JZ-410802', // 解放区局
  otherUnitCode: 'JZ-410811', // 山阳区局
  create: openCase,
  input: {
    extend: { reason: '案情复杂' },
    start_testing: { subject: '口罩过滤效率', institution: '河南省产品质量检验院' },
    end_testing: { result: '不合格' },
    notify: { facts: '销售不合格口罩', basis: '《中华人民共和国产品质量法》第三十九条', intendedPenalty: '罚款5000元', hearingRight: true },
    request_hearing: {},
    end_hearing: { summary: '当事人到场陈述' },
    submit_review: {},
    complete_review: { opinion: '事实清楚，证据确凿' },
    decide: { penaltyType: 'warning', facts: '销售不合格口罩', basis: '《中华人民共和国产品质量法》第五十条' },
    serve: { method: 'direct', recipient: '张三' },
    close: { reason: 'other', note: '矩阵测试' },
    suspend: { ground: 'missing', reason: '当事人下落不明' },
    resume: { reason: '已找到当事人' },
    terminate: { ground: 'party_gone', reason: '当事人已注销且无承受人' },
    transfer: { target: 'police', organ: '焦作市公安局解放分局', reason: '涉嫌生产、销售伪劣产品罪' },
    notify_hearing: {
      hearingOn: '2027-06-30',
      place: '本局听证室',
      get officerId() {
        return hearingOfficer
      },
    },
    hold_hearing: { attendees: '张三', record: '调查人员陈述案情，当事人申辩', report: '建议维持拟处罚意见' },
    collective_discussion: { participants: '局长、副局长', record: '讨论情况', conclusion: '同意处罚' },
    file_onspot: { note: '已审查' },
    allow_instalments: { mode: 'defer', appliedOn: '2026-11-20', deferTo: '2027-03-31' },
    remind: {},
    apply_court: { court: '焦作市解放区人民法院' },
    decide_no_penalty: { ground: 'minor_corrected', facts: '违法行为轻微', reasons: '已及时改正，未造成危害后果' },
  },
  bad: { action: 'extend', body: { reason: '' }, message: /延期理由不能为空/ },
})

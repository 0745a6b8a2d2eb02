/**
 * Texts of the investigation stage's documents (RULES.md §11.5, the 2021 format catalogue,
 * SECONDARY): evidence list, 询问笔录 (14), 现场笔录 (9), 先行登记保存证据通知书 (19) and its 处理决定书
 * (20), 回避决定书, the 有关事项审批表 (8) for 中止/恢复/终止, 涉嫌犯罪案件移送书 (5) and 案件移送函 (4).
 * Spread into CASE_TEMPLATES (cases.templates.ts). Records carry signature lines.
 */
import type { DocumentTemplate } from '../../core/documents'

const BASE = { version: 1, regime: null, validFrom: '2019-04-01', validTo: null } as const

export const INVESTIGATION_DOCUMENT_KINDS = {
  'case.evidence_list': '证据清单',
  'case.inquiry': '询问笔录', // 14
  'case.site': '现场笔录', // 9
  'case.site_inspection': '勘验笔录',
  'case.preservation': '先行登记保存证据通知书', // 19
  'case.preservation_decision': '先行登记保存证据处理决定书', // 20
  'case.avoidance': '回避决定书',
  'case.suspension': '行政处罚案件有关事项审批表（中止调查）', // 8
  'case.resumption': '行政处罚案件有关事项审批表（恢复调查）', // 8
  'case.termination': '行政处罚案件有关事项审批表（终止调查）', // 8
  'case.transfer_crime': '涉嫌犯罪案件移送书', // 5
  'case.transfer_letter': '案件移送函', // 4
} as const
export type InvestigationDocumentKind = keyof typeof INVESTIGATION_DOCUMENT_KINDS

const t = (
  kind: InvestigationDocumentKind,
  numberCode: string,
  service: boolean,
  paragraphs: string[],
  extra: Partial<DocumentTemplate> = {},
): DocumentTemplate => ({ ...BASE, kind, title: INVESTIGATION_DOCUMENT_KINDS[kind], numberCode, service, paragraphs, ...extra })

const RECORD_HEAD = [
  '案件编号：{caseNo}。案由：{title}。',
  '时间：{startedAt} 至 {endedAt}（北京时间）。地点：{place}。',
  '执法人员：{recordOfficers}。记录人：{recorder}。',
]

export const INVESTIGATION_TEMPLATES: readonly DocumentTemplate[] = [
  t('case.evidence_list', '证清', false, [
    '案件编号：{caseNo}。案由：{title}。当事人：{partyName}。',
    '本案共收集证据 {count} 项：',
    '{list}',
    '制作日期：{on}。',
  ]),
  t(
    'case.inquiry',
    '询',
    false,
    [
      ...RECORD_HEAD,
      '被询问人：{personName}；身份证件号码：{personId}；与案件关系：{personRole}。',
      '执法人员出示执法证件，告知被询问人：我们是{unitName}的执法人员，依法进行调查，你有如实回答询问、协助调查的义务，也有申请执法人员回避的权利。',
      '{qa}',
      '以上笔录已交被询问人核对（或向其宣读），被询问人确认无误。',
    ],
    { partySignatures: ['被询问人签名：__________　日期：______', '执法人员签名：__________　记录人签名：__________'] },
  ),
  t('case.site', '现', false, [...RECORD_HEAD, '当事人：{partyName}。在场人员：{present}。', '执法人员出示执法证件，说明来意。现场情况：{findings}'], {
    partySignatures: ['当事人（在场人员）签名：__________　日期：______', '执法人员签名：__________　记录人签名：__________'],
  }),
  t('case.site_inspection', '勘', false, [...RECORD_HEAD, '当事人：{partyName}。在场人员：{present}。', '勘验情况：{findings}'], {
    partySignatures: ['当事人（在场人员）签名：__________　日期：______', '勘验人签名：__________　记录人签名：__________'],
  }),
  t(
    'case.preservation',
    '先保',
    true,
    [
      '因你（单位）涉嫌{title}（案件编号：{caseNo}），{reason}。',
      '经本局负责人批准，根据{basis}的规定，本局决定于{on}对下列物品先行登记保存：{items}。',
      '在先行登记保存期间，你（单位）不得损毁、销毁或者转移证据。本局将于{dueOn}前（七个工作日内）作出处理决定。',
    ],
    { addressee: '{partyName}', partySignatures: ['当事人签名（盖章）：__________　日期：______'] },
  ),
  t(
    'case.preservation_decision',
    '先处',
    true,
    ['本局于{savedOn}对你（单位）的物品先行登记保存（{noticeNo}）。根据{basis}的规定，本局于{on}作出如下处理决定：{decision}。', '物品清单：{items}。{note}'],
    { addressee: '{partyName}' },
  ),
  t('case.avoidance', '回避', true, [
    '案件编号：{caseNo}。案由：{title}。',
    '{applicant}：申请办案人员{officer}回避。理由：{reason}。申请日期：{appliedOn}。',
    '根据《中华人民共和国行政处罚法》第四十三条的规定，经本局负责人审查，决定：{decision}。{replacement}',
    '决定日期：{on}。',
  ]),
  t('case.suspension', '中止', false, [
    '案件编号：{caseNo}。案由：{title}。当事人：{partyName}。立案日期：{filedOn}。',
    '申请事项：中止案件调查。中止情形：{ground}。理由：{reason}',
    '负责人审批意见：同意中止调查。中止日期：{on}。依据{basis}，中止期间不计入办案期限。',
  ]),
  t('case.resumption', '恢复', false, [
    '案件编号：{caseNo}。案由：{title}。当事人：{partyName}。',
    '申请事项：恢复案件调查。理由：{reason}',
    '负责人审批意见：同意恢复调查。恢复日期：{on}。依据{basis}，办案期限届满日为{dueOn}。',
  ]),
  t('case.termination', '终止', false, [
    '案件编号：{caseNo}。案由：{title}。当事人：{partyName}。立案日期：{filedOn}。',
    '申请事项：终止案件调查。终止情形：{ground}。理由：{reason}',
    '负责人审批意见：同意终止调查。终止日期：{on}。',
  ]),
  t(
    'case.transfer_crime',
    '移罪',
    false,
    [
      '本局在办理{title}一案（案件编号：{caseNo}）中发现，当事人{partyName}涉嫌犯罪：{reason}。',
      '根据《行政执法机关移送涉嫌犯罪案件的规定》和《中华人民共和国行政处罚法》第二十七条的规定，现将该案移送你单位依法处理。',
      '移送材料：{materials}。请于收到本移送书后填写回执并反馈立案处理结果。移送日期：{on}。',
    ],
    { addressee: '{organ}' },
  ),
  t(
    'case.transfer_letter',
    '移',
    false,
    [
      '本局在办理{title}一案（案件编号：{caseNo}，当事人：{partyName}）中发现：{reason}。',
      '该案不属于本局管辖，根据《市场监督管理行政处罚程序规定》的有关规定，现将该案移送你单位处理。',
      '移送材料：{materials}。请于收到后回复回执，并将处理结果函告本局。移送日期：{on}。',
    ],
    { addressee: '{organ}' },
  ),
]

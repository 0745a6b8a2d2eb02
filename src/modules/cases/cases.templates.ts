/**
 * Texts of the case documents (行政处罚文书, RULES.md §11.5 — the 2021 format catalogue, SECONDARY)
 * as data. One version each, from the 2021 Penalty Law (2021-07-15); the regime date is the filing
 * date, so a case filed earlier gets the same text (no older format is kept yet). `{basis}` is the
 * printable legal basis of the rule the document starts or pauses, filled by the document engine.
 */
import type { DocumentTemplate } from '../../core/documents'
import { INVESTIGATION_DOCUMENT_KINDS, INVESTIGATION_TEMPLATES } from './cases.investigation.templates'
import { DECISION_DOCUMENT_KINDS, DECISION_TEMPLATES } from './cases.templates.decision'

/** Every case is documented with these texts; older cases (filed before 2021-07-15) too, until the 2019 formats are added. */
const BASE = { version: 1, regime: null, validFrom: '2019-04-01', validTo: null } as const

/** Case document kinds: key → title (catalogue number in RULES.md §11.5). */
export const CASE_DOCUMENT_KINDS = {
  'case.filing': '立案审批表', // 7
  'case.extension': '行政处罚案件有关事项审批表（延长办案期限）', // 8
  'case.testing_period': '检测、检验、检疫、鉴定期间告知书', // 31
  'case.testing_result': '检测、检验、检疫、鉴定结果告知书', // 32
  'case.seizure': '实施行政强制措施决定书', // 21
  'case.seizure_extension': '延长行政强制措施期限决定书', // 22
  'case.seizure_release': '解除行政强制措施决定书', // 23
  'case.advance_notice': '行政处罚告知书', // 37
  'case.legal_review': '法制审核表', // 36
  'case.decision': '行政处罚决定书', // 45
  'case.closure': '结案审批表', // 53
  ...INVESTIGATION_DOCUMENT_KINDS,
  ...DECISION_DOCUMENT_KINDS,
} as const
export type CaseDocumentKind = keyof typeof CASE_DOCUMENT_KINDS

const t = (kind: CaseDocumentKind, numberCode: string, service: boolean, paragraphs: string[], extra: Partial<DocumentTemplate> = {}): DocumentTemplate => ({
  ...BASE,
  kind,
  title: CASE_DOCUMENT_KINDS[kind],
  numberCode,
  service,
  paragraphs,
  ...extra,
})

export const CASE_TEMPLATES: readonly DocumentTemplate[] = [
  t('case.filing', '立', false, [
    '案件编号：{caseNo}。案由：{title}。案件类型：{caseType}。案件来源：{source}（线索编号 {leadNo}）。',
    '当事人：{partyName}；{partyIdLabel}：{partyId}；住所（经营场所）：{partyAddress}。',
    '简要案情：{facts}',
    '承办机构意见：经核查，有证据初步证明当事人涉嫌违反市场监督管理法律、法规、规章，依法应当给予行政处罚，属于本部门管辖，且在给予行政处罚的法定期限内，建议立案调查。',
    '办案人员：{officers}。',
    '负责人审批意见：同意立案。立案日期：{filedOn}。依据{basis}，本案应当自立案之日起九十日内作出处理决定。',
  ]),
  t('case.extension', '延', false, [
    '案件编号：{caseNo}。案由：{title}。当事人：{partyName}。',
    '申请事项：延长办案期限。理由：{reason}',
    '负责人审批意见：同意延长。依据{basis}，办案期限延长至{dueOn}。批准日期：{on}。',
  ]),
  t(
    'case.testing_period',
    '检期',
    true,
    [
      '本局在办理{title}一案（案件编号：{caseNo}）中，于{on}委托{institution}对{subject}进行检测、检验、检疫或者鉴定。',
      '根据{basis}的规定，检测、检验、检疫、鉴定期间不计入办案期限。检测、鉴定结果作出后，本局将另行告知。',
    ],
    { addressee: '{partyName}', closing: ['特此告知。'] },
  ),
  t(
    'case.testing_result',
    '检结',
    true,
    [
      '本局在办理{title}一案（案件编号：{caseNo}）中委托的检测、检验、检疫或者鉴定已有结果：{result}',
      '办案期限自{on}起恢复计算，依据{basis}，办案期限届满日为{dueOn}。',
    ],
    { addressee: '{partyName}', closing: ['特此告知。'] },
  ),
  t(
    'case.seizure',
    '强制',
    true,
    [
      '因你（单位）涉嫌{title}（案件编号：{caseNo}），{reason}。',
      '根据{basis}的规定，本局决定于{on}对你（单位）的下列场所、设施或者财物实施{measure}：{items}。',
      '{measure}期限为三十日，自{on}起至{dueOn}止；情况复杂的，经本局负责人批准，可以延长，但延长期限不超过三十日。',
      '如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
    ],
    { addressee: '{partyName}' },
  ),
  t(
    'case.seizure_extension',
    '延强',
    true,
    ['本局于{decidedOn}对你（单位）的财物实施{measure}（{seizureNo}）。因{reason}，经本局负责人批准，根据{basis}的规定，决定延长{measure}期限至{dueOn}。'],
    { addressee: '{partyName}' },
  ),
  t(
    'case.seizure_release',
    '解强',
    true,
    [
      '本局于{decidedOn}对你（单位）的财物实施{measure}（{seizureNo}）。根据{basis}的规定，本局决定自{on}起解除该{measure}措施，物品处理：{disposal}。物品清单：{items}。',
    ],
    { addressee: '{partyName}' },
  ),
  t(
    'case.advance_notice',
    '罚告',
    true,
    [
      '经查，你（单位）{facts}',
      '你（单位）的上述行为违反了{noticeBasis}的规定。本局拟对你（单位）作出如下行政处罚：{intendedPenalty}。',
      '根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩。{hearingText}',
      '请你（单位）自收到本告知书之日起五个工作日内（{statementDueOn}前），向本局提出陈述、申辩意见{hearingShort}；逾期视为放弃上述权利。依据：{basis}。',
    ],
    { addressee: '{partyName}', closing: ['特此告知。'] },
  ),
  t('case.legal_review', '法审', false, [
    '案件编号：{caseNo}。案由：{title}。当事人：{partyName}。',
    '送审日期：{submittedOn}。审核日期：{on}。依据{basis}，审核期限为收到案件材料之日起十个工作日。',
    '审核意见：{opinion}',
  ]),
  t(
    'case.decision',
    '处罚',
    true,
    [
      '当事人：{partyName}；{partyIdLabel}：{partyId}；住所（经营场所）：{partyAddress}。',
      '本局于{filedOn}对当事人{title}一案立案调查。经查明，{facts}',
      '上述事实，有本局调查收集的{evidence}等证据证实。',
      '本局于{notifiedOn}向当事人送达了《行政处罚告知书》，告知其拟作出行政处罚的内容及事实、理由、依据，以及依法享有的陈述、申辩{hearingShort}权利。',
      '当事人的上述行为违反了{decisionBasis}的规定。依据上述规定，本局决定对当事人作出如下行政处罚：{penalty}。',
      '当事人应当自收到本决定书之日起十五日内，持本决定书到指定银行或者通过电子支付系统缴纳罚没款。到期不缴纳罚款的，本局将依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。',
      '当事人如不服本处罚决定，可以在收到本决定书之日起六十日内依法申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。申请行政复议或者提起行政诉讼期间，本处罚决定不停止执行。',
      '本决定作出机关：{unitName}；作出日期：{issueDate}。依据{basis}，本案办案期限届满日为{decisionDueOn}。',
    ],
    { closing: ['根据《市场监督管理行政处罚信息公示规定》，本行政处罚决定信息将通过国家企业信用信息公示系统向社会公示。'] },
  ),
  t('case.closure', '结', false, [
    '案件编号：{caseNo}。案由：{title}。当事人：{partyName}。立案日期：{filedOn}。',
    '处理结果：{result}',
    '执行情况：{execution}',
    '结案事由：{reason}。{note}',
    '负责人审批意见：同意结案。结案日期：{on}。',
  ]),
  ...INVESTIGATION_TEMPLATES,
  ...DECISION_TEMPLATES,
]

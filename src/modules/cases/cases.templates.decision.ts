/**
 * Texts of the decision-stage and execution documents (RULES.md §11.5 catalogue numbers in the
 * comments; the 2021 format catalogue, SECONDARY), spread into CASE_TEMPLATES: the hearing notice,
 * record and report, the collective-discussion record, the decision not to penalise, the
 * on-the-spot decision, the deferral/instalment notice, the reminder, the court application, the
 * file contents list (卷内文件目录) and the correction (更正).
 */
import type { DocumentTemplate } from '../../core/documents'

export const DECISION_DOCUMENT_KINDS = {
  'case.hearing_notice': '行政处罚听证通知书', // 39
  'case.hearing_record': '听证笔录', // 40
  'case.hearing_report': '听证报告', // 41
  'case.collective': '行政处罚案件集体讨论记录', // 42
  'case.no_penalty': '不予行政处罚决定书', // 46
  'case.onspot': '当场行政处罚决定书', // 44
  'case.instalment': '延期（分期）缴纳罚款通知书', // 47
  'case.reminder': '行政处罚决定履行催告书', // 48
  'case.court_application': '强制执行申请书', // 49
  'case.archive_index': '卷内文件目录', // 55
  'case.correction': '文书更正通知书',
} as const
type Kind = keyof typeof DECISION_DOCUMENT_KINDS

const t = (kind: Kind, numberCode: string, service: boolean, paragraphs: string[], extra: Partial<DocumentTemplate> = {}): DocumentTemplate => ({
  version: 1,
  regime: null,
  validFrom: '2019-04-01',
  validTo: null,
  kind,
  title: DECISION_DOCUMENT_KINDS[kind],
  numberCode,
  service,
  paragraphs,
  ...extra,
})

const REMEDY = '如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。'

export const DECISION_TEMPLATES: readonly DocumentTemplate[] = [
  t(
    'case.hearing_notice',
    '听通',
    true,
    [
      '根据你（单位）的申请，本局定于{hearingOn}在{place}对{title}一案（案件编号：{caseNo}）举行听证。',
      '本次听证由{officer}主持（非本案调查人员）。依据{basis}，本局在举行听证的七个工作日前通知你（单位），最早可举行听证的日期为{earliestOn}。',
      '你（单位）可以亲自参加听证，也可以委托一至二人代理；认为主持人与本案有直接利害关系的，有权申请回避。无正当理由拒不出席或者未经许可中途退出听证的，视为放弃听证权利。',
    ],
    { addressee: '{partyName}', closing: ['特此通知。'] },
  ),
  t('case.hearing_record', '听录', false, [
    '案件编号：{caseNo}。案由：{title}。当事人：{partyName}。',
    '听证时间：{on}。听证地点：{place}。听证主持人：{officer}。参加人员：{attendees}。',
    '听证记录：{record}',
    '（听证笔录交当事人或者其代理人核对无误后签字或者盖章。）',
  ]),
  t('case.hearing_report', '听报', false, [
    '案件编号：{caseNo}。案由：{title}。当事人：{partyName}。听证日期：{on}。听证主持人：{officer}。',
    '听证情况及主持人意见：{report}',
    '依据{basis}，听证结束后，行政机关应当根据听证笔录作出决定。',
  ]),
  t('case.collective', '集讨', false, [
    '案件编号：{caseNo}。案由：{title}。当事人：{partyName}。',
    '讨论时间：{on}。参加人员：{participants}。',
    '讨论记录：{record}',
    '讨论结论：{conclusion}',
    '依据《中华人民共和国行政处罚法》第五十七条，对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。',
  ]),
  t(
    'case.no_penalty',
    '不罚',
    true,
    [
      '当事人：{partyName}；{partyIdLabel}：{partyId}；住所（经营场所）：{partyAddress}。',
      '本局于{filedOn}对当事人{title}一案立案调查。经查明，{facts}',
      '本局认为：{reasons}。该情形属于“{ground}”，依据{groundBasis}的规定，本局决定对当事人不予行政处罚。',
      REMEDY,
      '本决定作出机关：{unitName}；作出日期：{issueDate}。',
    ],
    { addressee: '{partyName}' },
  ),
  t(
    'case.onspot',
    '当罚',
    true,
    [
      '当事人：{partyName}；{partyIdLabel}：{partyId}；住所（经营场所）：{partyAddress}。',
      '违法事实：{facts}（时间：{on}，地点：{place}）。',
      '以上事实有{evidence}等证据证实。当事人的上述行为违反了{violated}的规定，依据{penaltyBasis}的规定，适用{simplifiedBasis}规定的简易程序，当场决定给予如下行政处罚：{penalty}。',
      '{payment}',
      REMEDY,
      '执法人员：{officers}。作出机关：{unitName}；作出日期：{issueDate}。依据{basis}，本决定应于{filingDueOn}前报本局备案。',
    ],
    { addressee: '{partyName}' },
  ),
  t(
    'case.instalment',
    '缓缴',
    true,
    [
      '你（单位）于{appliedOn}申请{kindLabel}缴纳{decisionNo}行政处罚决定书所处罚款。经本局负责人批准，根据{basis}的规定，同意你（单位）{kindLabel}缴纳：{schedule}。',
      '逾期不缴纳的，本局将依法加处罚款并申请人民法院强制执行。',
    ],
    { addressee: '{partyName}' },
  ),
  t(
    'case.reminder',
    '催告',
    true,
    [
      '本局于{decidedOn}对你（单位）作出{decisionNo}行政处罚决定书，你（单位）应于{dueOn}前缴纳罚没款。截至{on}，你（单位）尚有罚没款及加处罚款人民币{outstanding}元未缴纳。',
      '根据{basis}的规定，现催告你（单位）自收到本催告书之日起十个工作日内（{reminderDueOn}前）履行上述义务。你（单位）有权进行陈述和申辩。',
      '逾期仍不履行的，本局将依法申请人民法院强制执行。',
    ],
    { addressee: '{partyName}', closing: ['特此催告。'] },
  ),
  t('case.court_application', '执申', false, [
    '申请人：{unitName}。被申请人：{partyName}；{partyIdLabel}：{partyId}；住所（经营场所）：{partyAddress}。',
    '申请事项：请求人民法院强制执行本局{decisionNo}行政处罚决定书，执行罚没款及加处罚款人民币{outstanding}元。',
    '事实和理由：本局于{decidedOn}作出上述决定，于{servedOn}送达。被申请人在法定期限内未申请行政复议或者提起行政诉讼，经本局于{remindedOn}催告后仍未履行。',
    '依据{basis}的规定，特向人民法院申请强制执行（申请期限至{courtDueOn}）。',
  ]),
  t('case.archive_index', '卷目', false, [
    '案件编号：{caseNo}。案由：{title}。当事人：{partyName}。立案日期：{filedOn}。结案日期：{closedOn}。',
    '卷内文件目录（共{count}件，按形成时间排列；每件注明文号和存档校验值 SHA-256）：',
    '{items}',
  ]),
  t(
    'case.correction',
    '更正',
    true,
    ['本局于{originalDate}作出的{originalTitle}（{originalNo}）存在以下错误：{error}。', '现更正为：{correction}。原文书其他内容不变。更正理由：{reason}。'],
    { addressee: '{partyName}' },
  ),
]

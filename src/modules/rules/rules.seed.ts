/**
 * Built-in rule catalogue: every row of RULES.md §9.3 with a numeric length, plus the reason lists
 * of complaint non-acceptance and mediation termination. Data only.
 *
 * Provenance: PRIMARY values were checked against the full texts RULES.md cites (Order 20 2022
 * text, Penalty Law 2021, Order 45, Publicity Regulation 2014). Every SECONDARY or UNCONFIRMED value
 * carries `needsLegalReview: true`.
 *
 * Two §9.3 rows are not day counts and are not rules here: the annual-report window (a fixed
 * 1 Jan–30 Jun window, see {@link ANNUAL_REPORT_WINDOW}) and the late-payment surcharge (a money
 * rate, see {@link LATE_PAYMENT_SURCHARGE}).
 */
import type { Regime, RuleSeed, RuleSource } from './rules.domain'

export type { RuleSeed } from './rules.domain'

const ORDER20 = '《市场监督管理投诉举报处理暂行办法》（总局令第20号）'
const ORDER121 = '《市场监督管理投诉举报处理办法》（总局令第121号）'
const PENALTY_LAW = '《中华人民共和国行政处罚法》'
const PROVISIONS = '《市场监督管理行政处罚程序规定》'
const COMPULSION_LAW = '《中华人民共和国行政强制法》'
const ORDER45 = '《市场监督管理行政处罚信息公示规定》（总局令第45号）'
const PUBLICITY_REG = '《企业信息公示暂行条例》（国务院令第654号）'
const ORDER68 = '《企业经营异常名录管理暂行办法》（原国家工商行政管理总局令第68号）'
const ORDER44 = '《市场监督管理严重违法失信名单管理办法》（总局令第44号）'
const CREDIT_REPAIR = '《市场监督管理信用修复管理办法》（国市监信规〔2021〕3号）'
const RANDOM_CHECK = '《市场监管总局关于全面推进“双随机、一公开”监管工作的通知》（国市监信〔2019〕38号）'

/** Order 20 Art 40: in force 2020-01-01 (PRIMARY, the 2022 text RULES.md cites as S1). */
const ORDER20_FROM = '2020-01-01'
const ORDER20_TO = '2026-04-14'
const ORDER121_FROM = '2026-04-15'
/** Penalty Law 2021 revision, Art 86. */
const PENALTY_LAW_FROM = '2021-07-15'
const APPROVAL_HEAD = '经市场监督管理部门负责人批准'

const ORDER20_NOTE =
  'Order 20 (2022 text) is PRIMARY. Valid from 2020-01-01 (Order 20 Art 40) to 2026-04-14; Order 20 is ' +
  'repealed when Order 121 takes effect on 2026-04-15 (RULES.md §0.1). Matters received before 2026-04-15 keep this version.'
const ORDER121_NOTE =
  'Order 121 full text not obtained (RULES.md §0.1): the length is kept from Order 20 as a configurable ' +
  'default and the article number is unknown. Confirm against the official text before relying on it.'

/** The built-in rule versions, in RULES.md §9.3 order. */
export const BUILTIN_RULES: RuleSeed[] = [
  // --- Complaints (投诉) ------------------------------------------------------------------------
  {
    ruleId: 'complaint.accept',
    name: '投诉受理或者不予受理决定',
    legalBasis: `${ORDER20}第十四条`,
    unit: 'WD',
    length: 7,
    startEvent: '具有处理权限的市场监督管理部门收到投诉之日',
    extension: null,
    validFrom: ORDER20_FROM,
    validTo: ORDER20_TO,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: `${ORDER20_NOTE} Decide and inform the complainant within 7 WD; non-acceptance grounds: Art 15.`,
  },
  {
    ruleId: 'complaint.accept',
    name: '投诉受理或者不予受理决定',
    legalBasis: `${ORDER121}（受理期限条款待核实；不予受理情形见第十六条）`,
    unit: 'WD',
    length: 7,
    startEvent: '具有处理权限的市场监督管理部门收到投诉之日',
    extension: null,
    validFrom: ORDER121_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes:
      `${ORDER121_NOTE} The Order 121 acceptance deadline is UNCONFIRMED: not found in any source (RULES.md §1.3); ` +
      '7 WD is kept only as a configurable default. The non-acceptance article becomes Art 16 with 7 grounds (SECONDARY), ' +
      'and Order 121 adds rules on how non-acceptance is notified.',
  },
  {
    ruleId: 'complaint.mediation',
    name: '投诉调解期限（未达成调解协议的终止调解）',
    legalBasis: `${ORDER20}第二十条第三款、第二十一条第一款第（五）项`,
    unit: 'WD',
    length: 45,
    startEvent: '投诉受理之日（检定、检验、检测、鉴定所需时间不计入）',
    extension: null,
    validFrom: ORDER20_FROM,
    validTo: ORDER20_TO,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes:
      `${ORDER20_NOTE} Testing/appraisal time is excluded (Art 20): record it as a pause. An avoidance application ` +
      'suspends mediation (Art 19): also a pause. Do not use the repealed 60-day rule of SAIC Order 62.',
  },
  {
    ruleId: 'complaint.mediation',
    name: '投诉调解期限（未达成调解协议的终止调解）',
    legalBasis: `${ORDER121}（调解期限条款待核实）`,
    unit: 'WD',
    length: 45,
    startEvent: '投诉受理之日（检定、检验、检测、鉴定所需时间不计入）',
    extension: null,
    validFrom: ORDER121_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes:
      `${ORDER121_NOTE} Order 121 amends the mediation-period, entrusted-mediation and testing articles; the new ` +
      'mediation period is UNCONFIRMED (RULES.md §1.4). Public code cites Art 23(1)(6) for terminating mediation.',
  },
  {
    ruleId: 'complaint.termination_notice',
    name: '终止调解告知',
    legalBasis: `${ORDER20}第二十一条第二款`,
    unit: 'WD',
    length: 7,
    startEvent: '作出终止调解决定之日',
    extension: null,
    validFrom: ORDER20_FROM,
    validTo: ORDER20_TO,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: `${ORDER20_NOTE} Inform both the complainant and the respondent.`,
  },
  {
    ruleId: 'complaint.termination_notice',
    name: '终止调解告知',
    legalBasis: `${ORDER121}（条款待核实）`,
    unit: 'WD',
    length: 7,
    startEvent: '作出终止调解决定之日',
    extension: null,
    validFrom: ORDER121_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes: ORDER121_NOTE,
  },
  {
    ruleId: 'complaint.mediation_lead_verify',
    name: '调解中发现违法线索的核查',
    legalBasis: `${ORDER20}第二十三条`,
    unit: 'WD',
    length: 15,
    startEvent: '在调解中发现涉嫌违反市场监督管理法律、法规、规章线索之日',
    extension: { length: 15, unit: 'WD', approval: '特殊情况下可以延长' },
    validFrom: ORDER20_FROM,
    validTo: ORDER20_TO,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: `${ORDER20_NOTE} After verification the lead is handled under the penalty procedure.`,
  },
  {
    ruleId: 'complaint.mediation_lead_verify',
    name: '调解中发现违法线索的核查',
    legalBasis: `${ORDER121}（条款待核实）`,
    unit: 'WD',
    length: 15,
    startEvent: '在调解中发现涉嫌违反市场监督管理法律、法规、规章线索之日',
    extension: { length: 15, unit: 'WD', approval: '特殊情况下可以延长（待核实）' },
    validFrom: ORDER121_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes: ORDER121_NOTE,
  },

  // --- Reports (举报) ---------------------------------------------------------------------------
  {
    ruleId: 'report.verify',
    name: '举报（线索）核查并决定是否立案',
    legalBasis: `${PROVISIONS}第十八条`,
    unit: 'WD',
    length: 15,
    startEvent: '发现线索或者收到材料之日',
    extension: { length: 15, unit: 'WD', approval: `特殊情况下${APPROVAL_HEAD}（延长条款表述待核实）` },
    validFrom: '2019-04-01',
    validTo: null,
    needsLegalReview: true,
    source: 'SECONDARY',
    notes:
      'Penalty Procedure Provisions Art 18 via secondary sources (RULES.md §1.5, §2.1); the +15 WD extension wording is ' +
      'UNCONFIRMED. Not an Order 20 rule (Order 20 Art 31 refers to the penalty rules), so it does not switch on 2026-04-15. ' +
      'validFrom 2019-04-01 is the effective date of SAMR Order 2 from recollection (not in RULES.md): verify. ' +
      'Testing/appraisal time is commonly said not to count (UNCONFIRMED): record it as a pause if so decided.',
  },
  {
    ruleId: 'report.notify_filing',
    name: '告知实名举报人是否立案',
    legalBasis: `${ORDER20}第三十一条第二款`,
    unit: 'WD',
    length: 5,
    startEvent: '作出是否立案决定之日',
    extension: null,
    validFrom: ORDER20_FROM,
    validTo: ORDER20_TO,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: `${ORDER20_NOTE} Only real-name (实名) reporters; anonymous reporters get no feedback duty (inference).`,
  },
  {
    ruleId: 'report.notify_filing',
    name: '告知实名举报人是否立案',
    legalBasis: `${ORDER121}（条款待核实）`,
    unit: 'WD',
    length: 5,
    startEvent: '作出是否立案决定之日',
    extension: null,
    validFrom: ORDER121_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes:
      `${ORDER121_NOTE} Order 121 streamlines the notification procedure (RULES.md §1.5); public templates cite ` +
      'Order 121 Art 31(2) for the result notification letter.',
  },
  {
    ruleId: 'jurisdiction.dispute',
    name: '管辖争议协商',
    legalBasis: `${ORDER20}第三十条`,
    unit: 'WD',
    length: 7,
    startEvent: '发生管辖争议之日',
    extension: null,
    validFrom: ORDER20_FROM,
    validTo: ORDER20_TO,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: `${ORDER20_NOTE} If consultation fails, the common higher bureau designates the handling bureau.`,
  },
  {
    ruleId: 'jurisdiction.dispute',
    name: '管辖争议协商',
    legalBasis: `${ORDER121}（条款待核实）`,
    unit: 'WD',
    length: 7,
    startEvent: '发生管辖争议之日',
    extension: null,
    validFrom: ORDER121_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes: ORDER121_NOTE,
  },

  // --- Penalty procedure (行政处罚程序) ------------------------------------------------------------
  {
    ruleId: 'case.decision',
    name: '行政处罚案件办案期限',
    legalBasis: `${PENALTY_LAW}第六十条；${PROVISIONS}第六十四条`,
    unit: 'CD',
    length: 90,
    startEvent: '立案之日（中止、听证、公告、检测检验检疫鉴定、权利人辨认鉴别、责令退还多收价款等期间不计入）',
    extension: { length: 30, unit: 'CD', approval: APPROVAL_HEAD },
    validFrom: PENALTY_LAW_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'SECONDARY',
    notes:
      '90 days is PRIMARY (Penalty Law Art 60, in force 2021-07-15). The +30-day extension and the excluded periods come ' +
      'from Provisions Art 64 via secondary sources (RULES.md §2.4). A further extension is decided collectively by the ' +
      'bureau heads with no fixed length: record it as an extra extension. Excluded periods are pauses.',
  },
  {
    ruleId: 'case.evidence_preservation',
    name: '先行登记保存证据处理决定',
    legalBasis: `${PENALTY_LAW}第五十六条、第八十五条`,
    unit: 'WD',
    length: 7,
    startEvent: '先行登记保存之日',
    extension: null,
    validFrom: PENALTY_LAW_FROM,
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: '"七日" is working days under Penalty Law Art 85.',
  },
  {
    ruleId: 'case.seizure',
    name: '查封、扣押期限',
    legalBasis: `${COMPULSION_LAW}第二十五条`,
    unit: 'CD',
    length: 30,
    startEvent: '作出查封、扣押决定之日',
    extension: { length: 30, unit: 'CD', approval: '情况复杂的，经行政机关负责人批准，可以延长一次' },
    validFrom: '2012-01-01',
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes:
      'Compulsion Law in force 2012-01-01. 30 days is longer than 10, so calendar days (Art 69 makes only periods of ' +
      '10 days or less working days). Testing time during seizure is excluded under Art 25(3): record as a pause.',
  },
  {
    ruleId: 'case.hearing_request',
    name: '当事人要求听证',
    legalBasis: `${PENALTY_LAW}第六十四条第（一）项、第八十五条`,
    unit: 'WD',
    length: 5,
    startEvent: '行政机关告知当事人有权要求听证之日（告知送达之日）',
    extension: null,
    validFrom: PENALTY_LAW_FROM,
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: '"五日" is working days under Art 85. Before 2021-07-15 the old law gave 3 days; that version is not seeded.',
  },
  {
    ruleId: 'case.hearing_notice',
    name: '听证通知（最早可举行听证的日期）',
    legalBasis: `${PENALTY_LAW}第六十四条第（二）项、第八十五条`,
    unit: 'WD',
    length: 7,
    startEvent: '听证通知送达之日（计算结果为最早可举行听证的日期）',
    extension: null,
    validFrom: PENALTY_LAW_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'PRIMARY',
    notes:
      'The law says notify "七日前" (7 WD before) the hearing, i.e. it counts backwards from the hearing. The engine ' +
      'counts forwards, so the rule is modelled as: notice date + 7 WD = earliest hearing date. Whether the hearing may ' +
      'be held on that day or only after it needs legal review.',
  },
  {
    ruleId: 'case.legal_review',
    name: '法制审核',
    legalBasis: `${PROVISIONS}（普通程序流程图）`,
    unit: 'WD',
    length: 10,
    startEvent: '法制审核机构收到案件材料之日',
    extension: null,
    validFrom: PENALTY_LAW_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'SECONDARY',
    notes:
      'From a flowchart of the Provisions (RULES.md §2.3, SECONDARY). Extendable with approval, but the extension length ' +
      'is not in our sources, so no extension is seeded: record an approved one as an extension. validFrom = Penalty Law ' +
      '2021 (which made legal review mandatory, Art 58).',
  },
  {
    ruleId: 'case.service',
    name: '行政处罚决定书送达（当事人不在场）',
    legalBasis: `${PENALTY_LAW}第六十一条、第八十五条`,
    unit: 'WD',
    length: 7,
    startEvent: '行政处罚决定宣告之日',
    extension: null,
    validFrom: PENALTY_LAW_FROM,
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: 'Handed over on the spot when the party is present; otherwise served within 7 WD under the Civil Procedure Law.',
  },
  {
    ruleId: 'case.fine_payment',
    name: '缴纳罚款',
    legalBasis: `${PENALTY_LAW}第六十七条第三款`,
    unit: 'CD',
    length: 15,
    startEvent: '当事人收到行政处罚决定书之日',
    extension: null,
    validFrom: PENALTY_LAW_FROM,
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes:
      '15 days is calendar days (Art 85 covers only 2/3/5/7 days); a last day on a rest day rolls forward. Deferral or ' +
      'instalments on approval (Art 66). Late payment: see LATE_PAYMENT_SURCHARGE (not a day count).',
  },

  // --- Penalty-information publicity (Order 45) ------------------------------------------------
  {
    ruleId: 'publicity.penalty_publish',
    name: '行政处罚信息公示（同省）',
    legalBasis: `${ORDER45}第九条`,
    unit: 'WD',
    length: 20,
    startEvent: '作出行政处罚决定之日',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: 'Ordinary-procedure penalties only; a bare warning is not published (Art 2). Order 45 in force 2021-09-01.',
  },
  {
    ruleId: 'publicity.penalty_push',
    name: '行政处罚信息跨省推送',
    legalBasis: `${ORDER45}第十条`,
    unit: 'WD',
    length: 10,
    startEvent: '作出行政处罚决定之日',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: 'Party registered in another province: push through the provincial bureau to the registration-place bureau.',
  },
  {
    ruleId: 'publicity.penalty_publish_received',
    name: '协助公示外省推送的行政处罚信息',
    legalBasis: `${ORDER45}第十条`,
    unit: 'WD',
    length: 10,
    startEvent: '收到外省推送的行政处罚信息之日',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: 'The second half of the RULES.md §9.3 row "10 / 10 WD": the registration-place bureau publishes.',
  },
  {
    ruleId: 'publicity.penalty_withdraw',
    name: '撤回行政处罚公示信息',
    legalBasis: `${ORDER45}第十一条；${PENALTY_LAW}第四十八条第二款`,
    unit: 'WD',
    length: 3,
    startEvent: '行政处罚决定被依法变更、撤销、确认违法或者确认无效之日',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: 'Order 45 says 3 WD; Penalty Law Art 48 says "三日", also working days under Art 85.',
  },
  {
    ruleId: 'publicity.penalty_display_short',
    name: '行政处罚信息公示期（通报批评或较低数额罚款）',
    legalBasis: `${ORDER45}第十三条第一款`,
    unit: 'M',
    length: 3,
    startEvent: '行政处罚信息公示之日',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: 'The "lower-amount fine" threshold is set by each province (Art 13(2)): configuration, not in this rule.',
  },
  {
    ruleId: 'publicity.penalty_display',
    name: '行政处罚信息公示期（其他行政处罚）',
    legalBasis: `${ORDER45}第十三条`,
    unit: 'Y',
    length: 3,
    startEvent: '行政处罚信息公示之日',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes:
      'If a business or employment restriction lasts longer than 3 years, the display period is the actual restriction ' +
      'period (Art 13(3)): the service must take the later of the two. Early stop: Art 14 and credit.repair_penalty.',
  },

  // --- Enterprise information publicity (Decree 654) -------------------------------------------
  {
    ruleId: 'publicity.gov_info',
    name: '政府部门产生的企业信息公示',
    legalBasis: `${PUBLICITY_REG}第六条第二款`,
    unit: 'WD',
    length: 20,
    startEvent: '信息产生之日',
    extension: null,
    validFrom: '2014-10-01',
    validTo: null,
    needsLegalReview: true,
    source: 'PRIMARY',
    notes: 'PRIMARY for the 2014 text (in force 2014-10-01). The 2024 revision was not examined (RULES.md §0.2).',
  },
  {
    ruleId: 'publicity.enterprise_instant',
    name: '企业即时信息公示',
    legalBasis: `${PUBLICITY_REG}第十条`,
    unit: 'WD',
    length: 20,
    startEvent: '信息形成之日',
    extension: null,
    validFrom: '2014-10-01',
    validTo: null,
    needsLegalReview: true,
    source: 'PRIMARY',
    notes:
      'PRIMARY for the 2014 text; the 2024 revision was not examined. Company Law 2023 Art 40 independently requires ' +
      'companies to publish capital, equity-change and licence information.',
  },
  {
    ruleId: 'publicity.false_report_verify',
    name: '企业公示信息虚假举报的核查',
    legalBasis: `${PUBLICITY_REG}第十三条第一款`,
    unit: 'WD',
    length: 20,
    startEvent: '接到举报材料之日',
    extension: null,
    validFrom: '2014-10-01',
    validTo: null,
    needsLegalReview: true,
    source: 'PRIMARY',
    notes:
      'Verify, handle and inform the reporter in writing within 20 WD. Queries about published information are answered ' +
      'within 20 WD too (Art 13(2)). PRIMARY for the 2014 text; the 2024 revision was not examined.',
  },

  // --- Credit lists -----------------------------------------------------------------------------
  {
    ruleId: 'credit.abnormal_listing',
    name: '列入经营异常名录决定',
    legalBasis: `${ORDER68}第六条至第九条`,
    unit: 'WD',
    length: 10,
    startEvent: '触发事由发生之日（年报期限届满、责令公示期限届满、核实隐瞒或弄虚作假、核实无法联系）',
    extension: null,
    validFrom: '2014-10-01',
    validTo: null,
    needsLegalReview: true,
    source: 'SECONDARY',
    notes:
      'Most summaries give 10 WD (RULES.md §3.2, SECONDARY). validFrom assumes Order 68 took effect with the Publicity ' +
      'Regulation on 2014-10-01 (verify). A 2025 revision of the abnormal-list measures is UNCONFIRMED (RULES.md §0.4).',
  },
  {
    ruleId: 'credit.abnormal_removal',
    name: '移出经营异常名录决定',
    legalBasis: `${ORDER68}第十一条至第十四条（条款待核实）`,
    unit: 'WD',
    length: 5,
    startEvent: '收到移出申请之日（或核实之日）',
    extension: null,
    validFrom: '2014-10-01',
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes:
      'Most summaries give 5 WD, one variant text says "within 7 days" (RULES.md §3.2): the exact period is UNCONFIRMED; ' +
      'keep it configurable. Article numbers are not confirmed.',
  },
  {
    ruleId: 'credit.abnormal_to_serious',
    name: '经营异常名录满三年列入严重违法失信名单',
    legalBasis: `${PUBLICITY_REG}第十七条第二款`,
    unit: 'Y',
    length: 3,
    startEvent: '列入经营异常名录之日',
    extension: null,
    validFrom: '2014-10-01',
    validTo: null,
    needsLegalReview: true,
    source: 'PRIMARY',
    notes:
      'PRIMARY for the 2014 text. How this fits with Order 44 (2021) and whether the 2024 revision changed Art 17 is ' +
      'UNCONFIRMED (RULES.md §3.1).',
  },
  {
    ruleId: 'credit.serious_auto_removal',
    name: '严重违法失信名单届满自动移出',
    legalBasis: `${ORDER44}（条款待核实）`,
    unit: 'Y',
    length: 3,
    startEvent: '列入严重违法失信名单之日',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes:
      'UNCONFIRMED wording (RULES.md §3.3). If a legal restriction lasts longer, its actual period applies. Order 44 is ' +
      'under revision (October 2025 draft, RULES.md §0.3). The early-removal decision deadline (15 WD, recollection) is ' +
      'not in RULES.md §9.3 and is not seeded.',
  },
  {
    ruleId: 'credit.serious_early_removal',
    name: '严重违法失信名单提前移出申请（最早可申请日期）',
    legalBasis: `${ORDER44}（条款待核实）`,
    unit: 'Y',
    length: 1,
    startEvent: '列入严重违法失信名单之日（计算结果为最早可申请提前移出的日期）',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes:
      'Eligibility date, not a duty: the party may apply once 1 year has passed, if it performed the penalty, removed ' +
      'the harm and had no further heavier penalty (UNCONFIRMED, RULES.md §3.3).',
  },
  {
    ruleId: 'credit.repair_penalty',
    name: '行政处罚信息信用修复（最早可申请日期）',
    legalBasis: `${CREDIT_REPAIR}；${ORDER45}第十四条`,
    unit: 'M',
    length: 6,
    startEvent: '行政处罚信息公示之日（计算结果为最早可申请提前停止公示的日期）',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: true,
    source: 'SECONDARY',
    notes:
      'At least 6 months of publicity (RULES.md §3.5, SECONDARY). Food, drug and special-equipment penalties: see ' +
      'credit.repair_penalty_food_drug. Heavy penalties of Order 45 Art 14(3) are never eligible; warnings, public ' +
      'criticism and lower-amount fines simply expire after 3 months.',
  },
  {
    ruleId: 'credit.repair_penalty_food_drug',
    name: '行政处罚信息信用修复（食品、药品、特种设备领域，最早可申请日期）',
    legalBasis: `${CREDIT_REPAIR}；${ORDER45}第十四条`,
    unit: 'Y',
    length: 1,
    startEvent: '行政处罚信息公示之日（计算结果为最早可申请提前停止公示的日期）',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: true,
    source: 'SECONDARY',
    notes: 'The "1 year for food, drug and special equipment" half of the RULES.md §9.3 credit-repair row (SECONDARY).',
  },

  // --- Double random, one public (双随机、一公开) -------------------------------------------------
  {
    ruleId: 'random_check.publish',
    name: '随机抽查结果公示',
    legalBasis: RANDOM_CHECK,
    unit: 'WD',
    length: 20,
    startEvent: '抽查检查工作结束之日',
    extension: null,
    validFrom: '2019-02-12',
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes:
      'The commonly cited national rule is 20 WD from completion; exact wording UNCONFIRMED (RULES.md §4). A Fujian ' +
      'report says "within 20 days". validFrom = date of the 2019 SAMR notice.',
  },
]

/** Annual-report window (年度报告), not a day count: every year from 1 January to 30 June. */
export const ANNUAL_REPORT_WINDOW = {
  /** MM-DD, inclusive. */
  from: '01-01',
  /** MM-DD, inclusive; corrections to the annual report must also be finished by this day (Art 12). */
  to: '06-30',
  legalBasis: `${PUBLICITY_REG}第八条`,
  source: 'PRIMARY' as RuleSource,
  notes: 'For the previous year; enterprises set up during a year start reporting the following year. Unchanged in the 2024 text.',
} as const

/**
 * Late-payment surcharge (加处罚款), not a day count: 3 % of the fine per day from the day after the
 * payment deadline, capped at the fine. Rates in basis points so money stays integer (fen).
 */
export const LATE_PAYMENT_SURCHARGE = {
  ratePerDayBasisPoints: 300,
  /** The surcharge may not exceed the fine itself. */
  capBasisPointsOfFine: 10_000,
  startsOn: '罚款缴纳期限届满的次日',
  legalBasis: `${PENALTY_LAW}第七十二条第一款第（一）项`,
  source: 'PRIMARY' as RuleSource,
  notes:
    'Not counted while reconsideration or litigation runs (Art 73(3)). Price violations: confiscated illegal gains paid ' +
    'late cost 0.2 % per day (价格违法行为行政处罚规定 Art 21).',
} as const

/** One ground for not accepting a complaint (不予受理). */
export interface NonAcceptanceReason {
  /** Stable code; the same code means the same ground across regimes. */
  code: string
  /** Item number (项) in the article. */
  item: number
  /** zh-CN text for staff and for the notice to the complainant. */
  text: string
  legalBasis: string
  source: RuleSource
  needsLegalReview: boolean
}

const CN_ITEM = ['一', '二', '三', '四', '五', '六', '七']
const ORDER20_ART15 = `${ORDER20}第十五条`
const ORDER121_ART16 = `${ORDER121}第十六条`

function order20Reason(code: string, item: number, text: string): NonAcceptanceReason {
  return { code, item, text, legalBasis: `${ORDER20_ART15}第（${CN_ITEM[item - 1]}）项`, source: 'PRIMARY', needsLegalReview: false }
}

function order121Reason(code: string, item: number, text: string): NonAcceptanceReason {
  return { code, item, text, legalBasis: `${ORDER121_ART16}第（${CN_ITEM[item - 1]}）项（项序待核实）`, source: 'SECONDARY', needsLegalReview: true }
}

/**
 * Grounds for not accepting a complaint, per regime.
 * - `order20`: Order 20 Art 15, six grounds, PRIMARY (verbatim).
 * - `order121`: Order 121 Art 16, seven grounds, SECONDARY: reconstructed from reason codes in public
 *   code (RULES.md §1.3). "Missing materials" becomes "missing or false materials" and a new ground
 *   covers impersonation or refusal to cooperate with identity verification. Texts and item order
 *   are not the official wording: legal review required before they appear in notices.
 */
export const NON_ACCEPTANCE_REASONS: Record<Regime, readonly NonAcceptanceReason[]> = {
  order20: [
    order20Reason('OUT_OF_SCOPE', 1, '投诉事项不属于市场监督管理部门职责，或者本行政机关不具有处理权限的'),
    order20Reason(
      'ALREADY_HANDLED',
      2,
      '法院、仲裁机构、市场监督管理部门或者其他行政机关、消费者协会或者依法成立的其他调解组织已经受理或者处理过同一消费者权益争议的',
    ),
    order20Reason(
      'NOT_CONSUMER_DISPUTE',
      3,
      '不是为生活消费需要购买、使用商品或者接受服务，或者不能证明与被投诉人之间存在消费者权益争议的',
    ),
    order20Reason('TIME_BARRED', 4, '除法律另有规定外，投诉人知道或者应当知道自己的权益受到被投诉人侵害之日起超过三年的'),
    order20Reason('MISSING_MATERIALS', 5, '未提供本办法第九条第一款和第十条规定的材料的'),
    order20Reason('OTHER_LEGAL_GROUND', 6, '法律、法规、规章规定不予受理的其他情形'),
  ],
  order121: [
    order121Reason('OUT_OF_SCOPE', 1, '投诉事项不属于市场监督管理部门职责，或者本行政机关不具有处理权限的'),
    order121Reason(
      'ALREADY_HANDLED',
      2,
      '法院、仲裁机构、市场监督管理部门或者其他行政机关、消费者协会或者依法成立的其他调解组织已经受理或者处理过同一消费者权益争议的',
    ),
    order121Reason(
      'NOT_CONSUMER_DISPUTE',
      3,
      '不是为生活消费需要购买、使用商品或者接受服务，或者不能证明与被投诉人之间存在消费者权益争议的',
    ),
    order121Reason('TIME_BARRED', 4, '除法律另有规定外，投诉人知道或者应当知道自己的权益受到被投诉人侵害之日起超过三年的'),
    order121Reason('MATERIALS_MISSING_OR_FALSE', 5, '未按照规定提供投诉材料，或者提供的投诉材料不真实的'),
    order121Reason('IDENTITY_NOT_VERIFIED', 6, '冒用他人身份进行投诉，或者拒不配合身份核验的'),
    order121Reason('OTHER_LEGAL_GROUND', 7, '法律、法规、规章规定不予受理的其他情形'),
  ],
}

/** One ground for terminating mediation (终止调解). */
export interface MediationTerminationGround {
  code: string
  item: number
  text: string
  legalBasis: string
  source: RuleSource
  needsLegalReview: boolean
}

function terminationGround(code: string, item: number, text: string): MediationTerminationGround {
  return { code, item, text, legalBasis: `${ORDER20}第二十一条第一款第（${CN_ITEM[item - 1]}）项`, source: 'PRIMARY', needsLegalReview: false }
}

/**
 * Grounds for terminating mediation, Order 20 Art 21 (PRIMARY, verbatim). Under Order 121 the
 * article was amended (public code cites Art 23(1)(6)); its list is not known, so these grounds
 * stay the reference until the Order 121 text is checked.
 */
export const MEDIATION_TERMINATION_GROUNDS: readonly MediationTerminationGround[] = [
  terminationGround('WITHDRAWN_OR_SETTLED', 1, '投诉人撤回投诉或者双方自行和解的'),
  terminationGround(
    'TESTING_NOT_AGREED',
    2,
    '投诉人与被投诉人对委托承担检定、检验、检测、鉴定工作的技术机构或者费用承担无法协商一致的',
  ),
  terminationGround('ABSENT_OR_REFUSED', 3, '投诉人或者被投诉人无正当理由不参加调解，或者被投诉人明确拒绝调解的'),
  terminationGround('NO_AGREEMENT_POSSIBLE', 4, '经组织调解，投诉人或者被投诉人明确表示无法达成调解协议的'),
  terminationGround('TIME_LIMIT_EXPIRED', 5, '自投诉受理之日起四十五个工作日内投诉人和被投诉人未能达成调解协议的'),
  terminationGround('NON_ACCEPTANCE_GROUND_FOUND', 6, '市场监督管理部门受理投诉后，发现存在本办法第十五条规定情形的'),
  terminationGround('OTHER_LEGAL_GROUND', 7, '法律、法规、规章规定的应当终止调解的其他情形'),
]

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
const SAMPLING_ORDER15 = '《食品安全抽样检验管理办法》（市场监管总局令第15号）'
/** Order 15 in force (RULES.md §12.1). */
const SAMPLING_ORDER15_FROM = '2019-10-01'
const RANDOM_CHECK = '《市场监管总局关于全面推进“双随机、一公开”监管工作的通知》（国市监信〔2019〕38号）'

/** Order 20 Art 40: in force 2020-01-01 (PRIMARY, the 2022 text RULES.md cites as S1). */
const ORDER20_FROM = '2020-01-01'
const ORDER20_TO = '2026-04-14'
const ORDER121_FROM = '2026-04-15'
/** Penalty Law 2021 revision, Art 86. */
const PENALTY_LAW_FROM = '2021-07-15'
const APPROVAL_HEAD = '经市场监督管理部门负责人批准'

const ORDER20_NOTE =
  '总局令第20号（2022年文本）已对照原文核实。本版本自2020-01-01（总局令第20号第40条）起施行至2026-04-14；' +
  '2026-04-15总局令第121号施行之日，总局令第20号同时废止（RULES.md §0.1）。2026-04-15前收到的事项仍适用本版本。'
const ORDER121_NOTE =
  '尚未取得总局令第121号全文（RULES.md §0.1）：期限暂沿用总局令第20号的规定，作为可调整的默认值，' + '对应条款号不详。使用前须对照官方文本核实。'

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
    notes: `${ORDER20_NOTE}应在7个工作日内作出受理或者不予受理决定并告知投诉人；不予受理情形见第15条。`,
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
      `${ORDER121_NOTE}总局令第121号的受理期限待核实：现有资料均未载明（RULES.md §1.3），` +
      '7个工作日仅作为可调整的默认值保留。不予受理条款改为第16条，共7种情形（二手来源）；' +
      '总局令第121号还新增了不予受理告知方式的规定。',
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
      `${ORDER20_NOTE}检定、检验、检测、鉴定所需时间不计入（第20条），应登记为中止期间。当事人申请回避的，` +
      '调解中止（第19条），同样登记为中止期间。不得适用原国家工商行政管理总局令第62号已废止的60日期限规定。',
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
      `${ORDER121_NOTE}总局令第121号修改了调解期限、委托调解和检定检测等条款；新的调解期限待核实` +
      '（RULES.md §1.4）。公开的系统源代码以第23条第1款第（6）项作为终止调解的依据。',
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
    notes: `${ORDER20_NOTE}应同时告知投诉人和被投诉人。`,
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
    notes: `${ORDER20_NOTE}线索经核查后，依照行政处罚程序办理。`,
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
      '依据《市场监督管理行政处罚程序规定》第18条，出自二手来源（RULES.md §1.5、§2.1）；延长15个工作日的条文表述待核实。' +
      '本规则不属于总局令第20号的规定（总局令第20号第31条援引行政处罚程序规定），因此不随2026-04-15新旧办法交替而切换。' +
      '施行日期（validFrom）2019-04-01系凭记忆取市场监管总局令第2号的施行日期（RULES.md未载明），须核实。' +
      '一般认为检测、鉴定时间不计入期限（待核实）；如决定不计入，应登记为中止期间。',
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
    notes: `${ORDER20_NOTE}仅适用于实名举报人；对匿名举报人无告知义务（系推断）。`,
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
    notes: `${ORDER121_NOTE}总局令第121号简化了告知程序（RULES.md §1.5）；公开的文书模板在处理结果告知书中` + '援引总局令第121号第31条第2款。',
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
    notes: `${ORDER20_NOTE}协商不成的，由共同的上一级市场监督管理部门指定处理部门。`,
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
    ruleId: 'case.lead_verify',
    name: '案源线索核查并决定是否立案',
    legalBasis: `${PROVISIONS}（总局令第2号，2018年文本）第十七条`,
    unit: 'WD',
    length: 15,
    startEvent: '发现线索或者收到材料之日（检测、检验、检疫、鉴定期间不计入）',
    extension: { length: 15, unit: 'WD', approval: `特殊情况下${APPROVAL_HEAD}` },
    validFrom: '2019-04-01',
    validTo: '2021-07-14',
    needsLegalReview: true,
    source: 'SECONDARY',
    notes:
      '2018年文本将线索核查规定在第17条（RULES.md §11.1 条文序号变动），二手来源；第17条第2款：检测、检验、检疫、鉴定期间不计入。' +
      '延长15个工作日的表述待核实（UNCONFIRMED）。不计入的期间登记为中止期间。',
  },
  {
    ruleId: 'case.lead_verify',
    name: '案源线索核查并决定是否立案',
    legalBasis: `${PROVISIONS}第十八条`,
    unit: 'WD',
    length: 15,
    startEvent: '发现线索或者收到材料之日（检测、检验、检疫、鉴定期间不计入）',
    extension: { length: 15, unit: 'WD', approval: `特殊情况下${APPROVAL_HEAD}` },
    validFrom: '2021-07-15',
    validTo: null,
    needsLegalReview: true,
    source: 'SECONDARY',
    notes:
      '2021年、2022年文本为第18条（RULES.md §11.2，二手来源）。延长15个工作日的表述待核实（UNCONFIRMED）；' +
      '检测、检验、检疫、鉴定期间不计入（二手来源）。本版本的起始日取2021年修订《行政处罚法》施行之日，总局令第42号的生效日待核实。',
  },
  {
    ruleId: 'case.decision',
    name: '行政处罚案件办案期限',
    legalBasis: `${PROVISIONS}（总局令第2号，2018年文本）第五十七条（条款号待核实）`,
    unit: 'CD',
    length: 90,
    startEvent: '立案之日（中止、听证、公告、检测检验检疫鉴定等期间不计入）',
    extension: { length: 30, unit: 'CD', approval: APPROVAL_HEAD },
    validFrom: '2019-04-01',
    validTo: '2021-07-14',
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes:
      '2021年修订前的《行政处罚法》未规定办案期限；《市场监督管理行政处罚程序规定》2018年文本规定自立案之日起90日内作出处理决定，' +
      '经负责人批准可延长30日。条款号（第57条）凭记忆，RULES.md未载明，须对照原文核实。',
  },
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
      '90日期限已对照原文核实（《行政处罚法》第60条，2021-07-15起施行）。延长30日及不计入期限的各类期间出自' +
      '《市场监督管理行政处罚程序规定》第64条，来源为二手资料（RULES.md §2.4）。需再次延长的，由部门负责人集体讨论决定，' +
      '延长期限不固定，应另行登记为一次延长。不计入期限的期间登记为中止期间。',
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
    notes: '依据《行政处罚法》第85条，“七日”指工作日。逾期未作出处理决定的，先行登记保存措施自动解除（流程图，SECONDARY；案件模块据此在期满后只登记解除）。',
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
      '《行政强制法》自2012-01-01起施行。该法第69条仅规定10日以内的期限按工作日计算，30日超过10日，故按自然日计算。' +
      '查封、扣押期间所需的检测时间依第25条第3款不计入，应登记为中止期间。',
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
    notes: '依据第85条，“五日”指工作日。2021-07-15以前旧法规定为3日：见本规则的旧版本（待核实）。',
  },
  {
    ruleId: 'case.hearing_request',
    name: '当事人要求听证（2021年修订前）',
    legalBasis: `${PENALTY_LAW}（2017年修正文本）第四十二条`,
    unit: 'CD',
    length: 3,
    startEvent: '行政机关告知当事人有权要求听证之日',
    extension: null,
    validFrom: '2018-01-01',
    validTo: '2021-07-14',
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes:
      '2021年修订前的《行政处罚法》规定当事人在告知后3日内提出听证要求（RULES.md §11.2 所述旧法“3日”）；旧法无第85条' +
      '“期限以工作日计算”的规定，本版本按自然日计算，待核实。仅用于2021-07-15以前立案的案件（如2020年疫情期间的价格案件）。',
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
      '法律规定应在举行听证的“七日前”（7个工作日前）通知，即从听证日向前倒算。系统只能向后顺算，故本规则设为：' +
      '通知日期＋7个工作日＝最早可举行听证的日期。听证能否在该日当天举行，还是只能在该日之后举行，须经法制审核确认。',
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
      '出自《市场监督管理行政处罚程序规定》的流程图（RULES.md §2.3，二手来源）。经批准可以延长，但现有资料未载明延长期限，' +
      '故未内置延长；经批准延长的，应登记为延长。施行日期（validFrom）取2021年修订的《行政处罚法》施行日期' +
      '（该法第58条将法制审核规定为必经程序）。',
  },
  {
    ruleId: 'case.service',
    name: '行政处罚决定书送达（2021年修订前）',
    legalBasis: `${PENALTY_LAW}（2017年修正文本）第四十条`,
    unit: 'CD',
    length: 7,
    startEvent: '行政处罚决定宣告之日',
    extension: null,
    validFrom: '2018-01-01',
    validTo: '2021-07-14',
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes: '旧法规定当事人不在场的，应在7日内依照《民事诉讼法》送达；旧法无工作日计算规定，本版本按自然日计算，待核实。仅用于2021-07-15以前立案的案件。',
  },
  {
    ruleId: 'case.fine_payment',
    name: '缴纳罚款（2021年修订前）',
    legalBasis: `${PENALTY_LAW}（2017年修正文本）第四十六条第三款`,
    unit: 'CD',
    length: 15,
    startEvent: '当事人收到行政处罚决定书之日',
    extension: null,
    validFrom: '2018-01-01',
    validTo: '2021-07-14',
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes: '旧法同样规定自收到行政处罚决定书之日起15日内缴纳；条款号凭记忆，待核实。仅用于2021-07-15以前立案的案件。',
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
    notes: '当事人在场的，当场交付；当事人不在场的，应在7个工作日内依照《民事诉讼法》的有关规定送达。',
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
      '15日按自然日计算（第85条仅适用于2日、3日、5日、7日的期限）；期限最后一日为休息日的，顺延至其后第一个工作日。' +
      '经批准可以暂缓或者分期缴纳（第66条）。逾期缴纳的：见加处罚款规定 LATE_PAYMENT_SURCHARGE（按比例计算，不属于天数期限）。',
  },
  {
    ruleId: 'case.enforcement_reminder',
    name: '履行催告（期满可申请强制执行）',
    legalBasis: `${COMPULSION_LAW}第五十四条、第六十九条`,
    unit: 'WD',
    length: 10,
    startEvent: '行政处罚决定履行催告书送达之日',
    extension: null,
    validFrom: '2012-01-01',
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: '催告书送达十日后当事人仍未履行义务的，可以向人民法院申请强制执行；十日以内的期限按工作日计算（第69条）。',
  },
  {
    ruleId: 'case.court_enforcement',
    name: '申请人民法院强制执行',
    legalBasis: `${COMPULSION_LAW}第五十三条`,
    unit: 'M',
    length: 3,
    startEvent: '行政复议、行政诉讼期限届满之日（决定书送达之日起六个月）',
    extension: null,
    validFrom: '2012-01-01',
    validTo: null,
    needsLegalReview: true,
    source: 'PRIMARY',
    notes:
      '当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行的，自期限届满之日起三个月内申请。起算日按较长的起诉期限' +
      '（知道作出行政行为之日起六个月，行政诉讼法第46条）计算，由系统以送达日期加六个月得出，待法制审核确认。',
  },
  {
    ruleId: 'case.onspot_filing',
    name: '当场行政处罚决定备案',
    legalBasis: `${PENALTY_LAW}第五十二条第三款；${PROVISIONS}`,
    unit: 'WD',
    length: 3,
    startEvent: '当场作出行政处罚决定之日',
    extension: null,
    validFrom: PENALTY_LAW_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes: '法律规定当场处罚决定须报所属行政机关备案（第52条），未规定期限；3个工作日出自程序规定的通常文本，尚未核实，可在规则目录中调整。',
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
    notes: '仅适用于按普通程序作出的行政处罚；仅给予警告的不予公示（第2条）。总局令第45号自2021-09-01起施行。',
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
    notes: '当事人在外省登记的，通过本省省级市场监督管理部门推送至其登记地市场监督管理部门。',
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
    notes: '对应RULES.md §9.3中“10 / 10 WD”一行的后半部分（推送、公示各10个工作日）：由登记地市场监督管理部门公示。',
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
    notes: '总局令第45号规定为3个工作日；《行政处罚法》第48条规定为“三日”，依该法第85条同样指工作日。',
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
    notes: '“较低数额罚款”的标准由各省确定（第13条第2款），属于系统配置项，不在本规则中设置。',
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
      '限制开展生产经营活动或者限制从业的期限超过3年的，公示期按实际限制期限执行（第13条第3款）：系统须取两者中较晚的届满日。' +
      '提前停止公示：见第14条及规则 credit.repair_penalty。',
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
    notes: '已对照2014年文本核实（2014-10-01起施行）。2024年修订文本未经查阅（RULES.md §0.2）。',
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
    notes: '已对照2014年文本核实；2024年修订文本未经查阅。另外，2023年修订的《公司法》第40条亦另行要求公司公示出资、' + '股权变更及行政许可信息。',
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
      '应在20个工作日内核查、处理，并将处理情况书面告知举报人。对公示信息的询问，同样应在20个工作日内答复（第13条第2款）。' +
      '已对照2014年文本核实；2024年修订文本未经查阅。',
  },

  {
    ruleId: 'collection.publicity',
    name: '其他政府部门涉企信息公示（归集时限）',
    legalBasis: `${PUBLICITY_REG}第七条（条款待核实）`,
    unit: 'WD',
    length: 20,
    startEvent: '信息形成之日（许可、处罚等决定作出之日）',
    extension: null,
    validFrom: '2014-10-01',
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes:
      'RULES.md §3.1 只核实了第六条（市场监管部门自身信息，20个工作日，PRIMARY）；其他政府部门产生的行政许可、' +
      '行政处罚等信息的公示时限（第七条）按同一20个工作日处理，条文未经查阅，须核实。用于涉企信息归集的及时率。',
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
      '多数解读资料为10个工作日（RULES.md §3.2，二手来源）。施行日期（validFrom）系假定原工商总局令第68号与' +
      '《企业信息公示暂行条例》同于2014-10-01施行（须核实）。经营异常名录管理办法是否已于2025年修订，待核实（RULES.md §0.4）。',
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
    notes: '多数解读资料为5个工作日，另有一种文本表述为“7日内”（RULES.md §3.2）：确切期限待核实，应保持可调整。' + '条款号亦未经核实。',
  },
  {
    ruleId: 'credit.abnormal_objection_accept',
    name: '经营异常名录异议受理决定',
    legalBasis: `${ORDER68}（条款待核实）`,
    unit: 'WD',
    length: 5,
    startEvent: '收到异议申请之日',
    extension: null,
    validFrom: '2014-10-01',
    validTo: null,
    needsLegalReview: true,
    source: 'SECONDARY',
    notes: '解读资料为5个工作日内决定是否受理（RULES.md §3.2，二手来源）；条款号及原文待核实，应保持可调整。',
  },
  {
    ruleId: 'credit.abnormal_objection_verify',
    name: '经营异常名录异议核实并书面答复',
    legalBasis: `${ORDER68}（条款待核实）`,
    unit: 'WD',
    length: 20,
    startEvent: '受理异议之日',
    extension: null,
    validFrom: '2014-10-01',
    validTo: null,
    needsLegalReview: true,
    source: 'SECONDARY',
    notes: '解读资料为受理后20个工作日内核实并书面答复（RULES.md §3.2，二手来源）；条款号及原文待核实。',
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
    notes: '已对照2014年文本核实。本规定与总局令第44号（2021年）如何衔接，以及2024年修订是否改动第17条，' + '均待核实（RULES.md §3.1）。',
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
      '条文表述待核实（RULES.md §3.3）。法定限制期限更长的，按实际限制期限执行。总局令第44号正在修订' +
      '（2025年10月修订草案，RULES.md §0.3）。提前移出的决定期限（15个工作日，凭记忆）未列入RULES.md §9.3，' +
      '系统未内置。',
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
      '本规则计算的是最早可申请日期，而非办理义务：列入满1年，且当事人已履行行政处罚、已消除危害后果，' +
      '并未再受到较重行政处罚的，可以申请提前移出（待核实，RULES.md §3.3）。',
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
      '公示期须满6个月（RULES.md §3.5，二手来源）。食品、药品、特种设备领域的行政处罚：见规则 ' +
      'credit.repair_penalty_food_drug。总局令第45号第14条第3款所列较重行政处罚一律不得申请；警告、通报批评' +
      '和较低数额罚款公示满3个月即自然届满。',
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
    notes: '对应RULES.md §9.3信用修复一行中“食品、药品、特种设备领域为1年”的部分（二手来源）。',
  },

  {
    ruleId: 'credit.serious_statement',
    name: '列入严重违法失信名单前的陈述申辩期',
    legalBasis: `${ORDER44}（条款待核实）`,
    unit: 'WD',
    length: 5,
    startEvent: '列入告知书送达之日',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes: '总局令第44号规定作出列入决定前告知当事人并听取陈述申辩（RULES.md §3.3），期限长度未见原文：暂按5个工作日，须核实并可调整。',
  },
  {
    ruleId: 'credit.serious_publish',
    name: '严重违法失信名单列入决定的公示',
    legalBasis: `${ORDER44}（条款待核实）；参照${ORDER45}`,
    unit: 'WD',
    length: 20,
    startEvent: '作出列入决定之日',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes: '公示期限未见原文，参照总局令第45号按20个工作日（RULES.md §3.3 “20 WD by analogy”），须核实。',
  },
  {
    ruleId: 'credit.serious_early_decision',
    name: '严重违法失信名单提前移出申请的决定',
    legalBasis: `${ORDER44}（条款待核实）；${CREDIT_REPAIR}`,
    unit: 'WD',
    length: 15,
    startEvent: '收到提前移出申请之日',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes: '凭记忆为15个工作日（RULES.md §3.3），须核实；各省可按本省实施办法调整本规则。',
  },
  {
    ruleId: 'credit.serious_legal_rep',
    name: '严重违法失信企业法定代表人任职限制',
    legalBasis: `${PUBLICITY_REG}第十七条第二款`,
    unit: 'Y',
    length: 3,
    startEvent: '列入严重违法失信名单之日',
    extension: null,
    validFrom: '2014-10-01',
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes:
      '条例第17条：企业因经营异常满3年列入严重违法企业名单的，其法定代表人、负责人3年内不得担任其他企业的法定代表人、负责人（2014年文本）。' +
      '因较重行政处罚列入的，任职限制以法律、行政法规的规定为准：本系统同样记录3年，须核实（RULES.md §3.1、§3.3）。',
  },
  {
    ruleId: 'credit.repair_accept',
    name: '信用修复申请受理决定',
    legalBasis: `${CREDIT_REPAIR}（条款待核实）`,
    unit: 'WD',
    length: 2,
    startEvent: '收到信用修复申请之日',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes: '凭记忆约2个工作日（RULES.md §3.5），各省实施办法自行规定：按本省规定修改本规则。',
  },
  {
    ruleId: 'credit.repair_decide',
    name: '信用修复决定',
    legalBasis: `${CREDIT_REPAIR}（条款待核实）`,
    unit: 'WD',
    length: 15,
    startEvent: '受理信用修复申请之日',
    extension: null,
    validFrom: '2021-09-01',
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes: '凭记忆约15个工作日（RULES.md §3.5），各省实施办法自行规定：按本省规定修改本规则。',
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
      '通常援引的全国性规定为抽查检查结束之日起20个工作日内公示；确切表述待核实（RULES.md §4）。福建省的一篇报道' +
      '表述为“20日内”。施行日期（validFrom）取2019年市场监管总局该通知的日期。',
  },

  // --- Food sampling (食品安全抽检, RULES.md §12, §19) -------------------------------------------
  {
    ruleId: 'sampling.delivery',
    name: '抽样人员将样品送至承检机构',
    legalBasis: `${SAMPLING_ORDER15}第二十条第一款（条款号据二手资料）`,
    unit: 'WD',
    length: 5,
    startEvent: '抽样之日',
    extension: null,
    validFrom: SAMPLING_ORDER15_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'SECONDARY',
    notes: '总局令第15号全文未取得（RULES.md §12.1），期限与条款号取自食品伙伴网整理的时限表（[S75]）。',
  },
  {
    ruleId: 'sampling.report',
    name: '承检机构出具检验报告',
    legalBasis: `${SAMPLING_ORDER15}第二十四条（条款号据二手资料）`,
    unit: 'WD',
    length: 20,
    startEvent: '承检机构收到样品之日',
    extension: null,
    validFrom: SAMPLING_ORDER15_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'SECONDARY',
    notes: '抽样检验委托协议另有约定的，从其约定（RULES.md §12.3）。',
  },
  {
    ruleId: 'sampling.service',
    name: '不合格检验结论送达被抽样经营者（及标称生产者）',
    legalBasis: `${SAMPLING_ORDER15}第二十九条（期限待核实）`,
    unit: 'WD',
    length: 5,
    startEvent: '市场监督管理部门收到不合格检验报告之日',
    extension: null,
    validFrom: SAMPLING_ORDER15_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes: '该条设有期限，5个工作日为可调整的默认值，须对照官方文本核实（RULES.md §12.3、§19）。',
  },
  {
    ruleId: 'sampling.retest_request',
    name: '食品复检申请',
    legalBasis: '《中华人民共和国食品安全法》第八十八条第一款',
    unit: 'WD',
    length: 7,
    startEvent: '食品生产经营者收到检验结论之日',
    extension: null,
    validFrom: SAMPLING_ORDER15_FROM,
    validTo: null,
    needsLegalReview: false,
    source: 'PRIMARY',
    notes: '复检机构由受理复检申请的部门随机确定，且不得与初检机构为同一机构；复检结论为最终检验结论。',
  },
  {
    ruleId: 'sampling.disposal',
    name: '不合格食品核查处置',
    legalBasis: `${SAMPLING_ORDER15}第四十五条（期限待核实）`,
    unit: 'CD',
    length: 90,
    startEvent: '收到不合格检验报告（送达）之日',
    extension: { length: 30, unit: 'CD', approval: '经负责人书面批准可以延长（延长幅度待核实）' },
    validFrom: SAMPLING_ORDER15_FROM,
    validTo: null,
    needsLegalReview: true,
    source: 'UNCONFIRMED',
    notes: '该条设有期限，90日为可调整的默认值（RULES.md §12.3、§19）。',
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
  notes: '报送上一年度的年度报告；当年新设立的企业自下一年起报送。2024年文本对此未作修改。',
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
    '行政复议或者行政诉讼期间，加处罚款不予计算（第73条第3款）。价格违法行为：逾期缴纳被没收的违法所得的，' +
    '按日加处0.2%（《价格违法行为行政处罚规定》第21条）。',
} as const

/**
 * Late payment of confiscated illegal gains in a price case: 0.2 % a day (价格违法行为行政处罚规定
 * Art 21, RULES.md §2.7 [S7]). No cap is stated there; the case module applies the Penalty Law cap
 * (never more than the amount) as the safer reading, flagged for legal review.
 */
export const PRICE_GAINS_LATE_SURCHARGE = {
  ratePerDayBasisPoints: 20,
  capBasisPointsOfFine: 10_000,
  legalBasis: '《价格违法行为行政处罚规定》第二十一条',
  source: 'SECONDARY' as RuleSource,
  needsLegalReview: true,
} as const

/**
 * The simplified (on-the-spot) procedure's limits (Penalty Law Art 51, PRIMARY; RULES.md §2.5):
 * a warning, or a fine up to CNY 200 for a natural person / CNY 3,000 for an organisation. Amounts
 * in fen. Pitfall: pre-2021 pages still show 50 / 1,000.
 */
export const ONSPOT_LIMITS = {
  personFineMaxFen: 20_000,
  organisationFineMaxFen: 300_000,
  legalBasis: `${PENALTY_LAW}第五十一条`,
  validFrom: PENALTY_LAW_FROM,
  source: 'PRIMARY' as RuleSource,
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
    order20Reason('NOT_CONSUMER_DISPUTE', 3, '不是为生活消费需要购买、使用商品或者接受服务，或者不能证明与被投诉人之间存在消费者权益争议的'),
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
    order121Reason('NOT_CONSUMER_DISPUTE', 3, '不是为生活消费需要购买、使用商品或者接受服务，或者不能证明与被投诉人之间存在消费者权益争议的'),
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
  terminationGround('TESTING_NOT_AGREED', 2, '投诉人与被投诉人对委托承担检定、检验、检测、鉴定工作的技术机构或者费用承担无法协商一致的'),
  terminationGround('ABSENT_OR_REFUSED', 3, '投诉人或者被投诉人无正当理由不参加调解，或者被投诉人明确拒绝调解的'),
  terminationGround('NO_AGREEMENT_POSSIBLE', 4, '经组织调解，投诉人或者被投诉人明确表示无法达成调解协议的'),
  terminationGround('TIME_LIMIT_EXPIRED', 5, '自投诉受理之日起四十五个工作日内投诉人和被投诉人未能达成调解协议的'),
  terminationGround('NON_ACCEPTANCE_GROUND_FOUND', 6, '市场监督管理部门受理投诉后，发现存在本办法第十五条规定情形的'),
  terminationGround('OTHER_LEGAL_GROUND', 7, '法律、法规、规章规定的应当终止调解的其他情形'),
]

/**
 * Pure rules of hot-topic analysis (热点分析): which segmented words count as terms, the domain
 * vocabulary added to the segmenter, and the ranking of top and rising terms. Segmentation itself
 * (jieba) is in hot-topics.ts; everything here works on its output.
 */

/** A word with its part-of-speech tag, as the segmenter returns it. */
export interface TaggedWord {
  word: string
  tag: string
}

/**
 * Parts of speech kept as terms: nouns (n), other proper nouns (nz), verbal nouns (vn), new words
 * found by the HMM (x is punctuation, so not that), Latin words (eng), and the verbs and idioms of
 * the domain vocabulary (tagged nz below). Person names (nr*) and place names (ns) are left out on
 * purpose: complaint texts typed by the public contain names, and terms are shown to leaders.
 */
const KEEP_TAGS = new Set(['n', 'nz', 'vn', 'nw', 'eng', 'l', 'j'])

/** Legal-form suffixes and registration words (有限公司, 营业执照…): in respondents' names, not topics. */
export const LEGAL_FORM_WORDS = [
  '有限公司',
  '有限责任公司',
  '股份有限公司',
  '股份公司',
  '分公司',
  '子公司',
  '总公司',
  '集团',
  '集团公司',
  '有限',
  '责任',
  '股份',
  '商行',
  '经营部',
  '门市部',
  '经销部',
  '分店',
  '分部',
  '营业部',
  '合作社',
  '专业合作社',
  '个人独资',
  '独资',
  '合伙',
  '合伙企业',
  '企业',
  '工作室',
  '营业执照',
  '执照',
  '许可证',
  '经营许可证',
  '统一社会信用代码',
  '信用代码',
  '社会信用代码',
  '注册号',
  '法定代表人',
  '法人',
  '负责人',
  '经营者名称',
  '字号',
] as const

/** Words of test entries (测试, test…): never a hot topic. Compared in lower case. */
export const TEST_WORDS = ['测试', '测试数据', '测试用', '试验', '试用', '演示', '样例', '示例', 'test', 'testing', 'demo', 'asdf', 'qwer', 'xxx'] as const

/**
 * Words that occur in almost every item and say nothing about its topic (generic complaint
 * vocabulary, pronoun-like nouns, units of time and money).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  '投诉',
  '举报',
  '咨询',
  '消费者',
  '本人',
  '商家',
  '经营者',
  '问题',
  '情况',
  '要求',
  '反映',
  '事情',
  '时候',
  '时间',
  '工作人员',
  '部门',
  '市场',
  '监管',
  '市场监管',
  '市场监督管理局',
  '有关部门',
  '相关部门',
  '电话',
  '联系电话',
  '联系方式',
  '地址',
  '当时',
  '现在',
  '目前',
  '之后',
  '以后',
  '以前',
  '原因',
  '结果',
  '处理',
  '解决',
  '答复',
  '回复',
  '告知',
  '希望',
  '请求',
  '诉求',
  '事实',
  '理由',
  '对方',
  '店家',
  '老板',
  '店员',
  '客服',
  '人员',
  '东西',
  '方面',
  '过程',
  '元',
  '块钱',
  '人民币',
  '金额',
  '费用',
  '月份',
  '年月日',
  '号',
  '左右',
  '一次',
  '多次',
  '几次',
  '部分',
  '全部',
  '内容',
  '事宜',
  '行为',
  '方式',
  '小时',
  '今天',
  '昨天',
  '前天',
  '明天',
  '上午',
  '下午',
  '晚上',
  '中午',
  '一个',
  '一下',
  '这个',
  '那个',
  '什么',
  '怎么',
  '为什么',
  '没有',
  '已经',
  '可以',
  '不能',
  '办理',
  '销售',
  '购买',
  '消费',
  '使用',
  '经营',
  '产品',
  '商品',
  '服务',
  '提供',
  '发现',
  '存在',
  '涉嫌',
  '进行',
  '流程',
  '渠道',
  '证据',
  '全市',
  '条件',
  '规定',
  '政策',
  '途径',
  '个体',
  '工商户',
  '个体工商户',
  '方法',
  '哪些',
  '哪里',
  '附近',
  '平时',
  '正常',
  '协商',
  '沟通',
  '联系',
  '未果',
  '无果',
  '拒绝',
  '表示',
  '称',
  '说',
  '告诉',
  '门店',
  '店里',
  '该店',
  '该公司',
  '公司',
  '单位',
  '家',
  '我家',
  '小区',
  // Legal forms and registration papers: part of every respondent's name, never a topic.
  ...LEGAL_FORM_WORDS,
  // Words of test entries typed while trying the system.
  ...TEST_WORDS,
])

/**
 * Domain vocabulary added to the segmenter's dictionary so that the 12315 centre's recurring topics
 * come out as single terms (format of jieba's user dictionary: word, frequency, tag).
 */
export const DOMAIN_WORDS: ReadonlyArray<readonly [string, number, string]> = [
  // Product words stay short ("口罩", not "一次性医用口罩") so one product is one term.
  ['口罩', 50000, 'n'],
  ['消毒液', 50000, 'n'],
  ['酒精', 30000, 'n'],
  ['洗手液', 20000, 'n'],
  ['额温枪', 20000, 'n'],
  ['体温计', 20000, 'n'],
  ['护目镜', 10000, 'n'],
  ['防护服', 10000, 'n'],
  ['熔喷布', 10000, 'n'],
  ['连花清瘟', 10000, 'nz'],
  ['哄抬价格', 30000, 'nz'],
  ['哄抬物价', 30000, 'nz'],
  ['囤积居奇', 20000, 'nz'],
  ['明码标价', 30000, 'nz'],
  ['价格欺诈', 20000, 'nz'],
  ['乱涨价', 20000, 'nz'],
  ['预付卡', 30000, 'n'],
  ['会员卡', 30000, 'n'],
  ['健身卡', 20000, 'n'],
  ['美容卡', 10000, 'n'],
  ['充值卡', 10000, 'n'],
  ['退卡', 20000, 'nz'],
  ['跑路', 20000, 'nz'],
  ['退款', 30000, 'nz'],
  ['退货', 30000, 'nz'],
  ['换货', 20000, 'nz'],
  ['三包', 20000, 'nz'],
  ['质量问题', 30000, 'nz'],
  ['假冒伪劣', 20000, 'nz'],
  ['三无产品', 20000, 'nz'],
  ['过期食品', 20000, 'nz'],
  ['变质', 20000, 'nz'],
  ['异物', 20000, 'n'],
  ['食物中毒', 10000, 'nz'],
  ['外卖', 30000, 'n'],
  ['网购', 30000, 'nz'],
  ['直播带货', 10000, 'nz'],
  ['虚假宣传', 30000, 'nz'],
  ['虚假广告', 20000, 'nz'],
  ['短斤缺两', 20000, 'nz'],
  ['缺斤短两', 20000, 'nz'],
  ['电子秤', 20000, 'n'],
  ['加油机', 10000, 'n'],
  ['电梯', 30000, 'n'],
  ['燃气', 20000, 'n'],
  ['气瓶', 10000, 'n'],
  ['快递', 30000, 'n'],
  ['物业费', 10000, 'n'],
  ['培训费', 10000, 'n'],
  ['装修', 30000, 'vn'],
  ['蔬菜', 30000, 'n'],
  ['猪肉', 30000, 'n'],
  ['鸡蛋', 30000, 'n'],
  ['大米', 20000, 'n'],
  ['食用油', 20000, 'n'],
  ['生活必需品', 20000, 'n'],
  ['药店', 30000, 'n'],
]

/** Digits, phone numbers, dates, money: never terms. */
const NUMERIC = /^[\d.,，。%％:：\-/年月日时分秒号元角万千百十]+$/
const HAS_DIGIT_RUN = /\d{3,}/

/**
 * The distinct terms of one text, in order of first occurrence: words with a kept part of speech or
 * from the domain vocabulary, at least two characters, not stop words, not numbers. At most `max`.
 */
export function selectTerms(words: readonly TaggedWord[], domain: ReadonlySet<string>, max = 16): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  for (const { word, tag } of words) {
    const w = word.trim()
    if (w.length < 2 || w.length > 12) continue
    if (seen.has(w) || STOP_WORDS.has(w) || STOP_WORDS.has(w.toLowerCase())) continue
    if (NUMERIC.test(w) || HAS_DIGIT_RUN.test(w)) continue
    if (!domain.has(w) && !KEEP_TAGS.has(tag)) continue
    if (tag === 'eng' && !/^[A-Za-z][A-Za-z0-9]{1,}$/.test(w)) continue
    seen.add(w)
    out.push(w)
    if (out.length >= max) break
  }
  return out
}

export interface TermCount {
  term: string
  items: number
}

export interface RankedTerm {
  term: string
  items: number
  /** Share of the period's items that mention the term (0–1). */
  share: number
  prevItems: number
  prevShare: number
  /** Share now ÷ share before; null when the term did not occur before (新出现). */
  growth: number | null
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000

/**
 * Joins the current and previous period's counts: top terms by items (ties by term), each with its
 * share of the period's items and the same figures for the previous period.
 */
export function rankTerms(cur: readonly TermCount[], prev: readonly TermCount[], curTotal: number, prevTotal: number, limit: number): RankedTerm[] {
  const before = new Map(prev.map((p) => [p.term, p.items]))
  return [...cur]
    .sort((a, b) => b.items - a.items || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, limit)
    .map((c) => joinPrev(c, before.get(c.term) ?? 0, curTotal, prevTotal))
}

function joinPrev(c: TermCount, prevItems: number, curTotal: number, prevTotal: number): RankedTerm {
  const share = curTotal > 0 ? c.items / curTotal : 0
  const prevShare = prevTotal > 0 ? prevItems / prevTotal : 0
  return {
    term: c.term,
    items: c.items,
    share: round4(share),
    prevItems,
    prevShare: round4(prevShare),
    growth: prevShare > 0 ? Math.round((share / prevShare) * 100) / 100 : null,
  }
}

/**
 * Rising terms (上升热词): terms mentioned by at least `minItems` items now whose share of items grew
 * against the previous period, ordered by the gain in share (percentage points), so that a term
 * going from 1 to 3 mentions does not outrank one going from 100 to 400.
 */
export function risingTerms(
  cur: readonly TermCount[],
  prev: readonly TermCount[],
  curTotal: number,
  prevTotal: number,
  limit: number,
  minItems = 3,
): RankedTerm[] {
  const before = new Map(prev.map((p) => [p.term, p.items]))
  return cur
    .filter((c) => c.items >= minItems)
    .map((c) => joinPrev(c, before.get(c.term) ?? 0, curTotal, prevTotal))
    .filter((r) => r.share > r.prevShare)
    .sort((a, b) => b.share - b.prevShare - (a.share - a.prevShare) || b.items - a.items || (a.term < b.term ? -1 : 1))
    .slice(0, limit)
}

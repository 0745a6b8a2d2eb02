/**
 * Reference data of sampling plans: the food categories of the national food-safety supervision
 * sampling catalogue and the product kinds of product-quality spot checks. Pure data, shared by
 * server and web.
 *
 * Food: the 34 food categories (食品大类) of 《国家食品安全监督抽检实施细则》 as published by
 * 市场监管总局 (2020–2024 editions keep this list of large categories; 2023 edition checked from
 * its table of contents as reprinted on 食品伙伴网). Codes are the category's order number in that
 * document (two digits); sub-categories (食品亚类/品种) carry the category's code and their own order.
 * Only the commonest sub-categories are listed: the full 细则 has several hundred 品种 whose names
 * change every year, so the list is data a bureau extends (SECONDARY, needs review against the
 * current edition; RULES.md §12).
 *
 * Product quality: product kinds of the 2020 national product-quality spot-check plan that the
 * Shanwei and Jincheng seeds mention (protective equipment in the epidemic), plus commonly checked
 * kinds; local plans name their own kinds (SECONDARY).
 */

export interface SamplingCategory {
  code: string
  name: string
  /** Parent code (a sub-category), or null for a large category. */
  parent: string | null
}

const FOOD: Array<[string, string, Array<[string, string]>?]> = [
  [
    '01',
    '粮食加工品',
    [
      ['0101', '小麦粉'],
      ['0102', '大米'],
      ['0103', '挂面'],
      ['0104', '其他粮食加工品'],
    ],
  ],
  [
    '02',
    '食用油、油脂及其制品',
    [
      ['0201', '食用植物油'],
      ['0202', '食用动物油脂'],
      ['0203', '食用油脂制品'],
    ],
  ],
  [
    '03',
    '调味品',
    [
      ['0301', '酱油'],
      ['0302', '食醋'],
      ['0303', '酱类'],
      ['0304', '调味料酒'],
      ['0305', '香辛料类'],
      ['0306', '味精'],
      ['0307', '食用盐'],
    ],
  ],
  [
    '04',
    '肉制品',
    [
      ['0401', '预制肉制品'],
      ['0402', '熟肉制品'],
    ],
  ],
  [
    '05',
    '乳制品',
    [
      ['0501', '液体乳'],
      ['0502', '乳粉'],
      ['0503', '其他乳制品'],
    ],
  ],
  [
    '06',
    '饮料',
    [
      ['0601', '包装饮用水'],
      ['0602', '果蔬汁类及其饮料'],
      ['0603', '蛋白饮料'],
      ['0604', '碳酸饮料（汽水）'],
      ['0605', '茶饮料'],
    ],
  ],
  ['07', '方便食品'],
  ['08', '饼干'],
  ['09', '罐头'],
  ['10', '冷冻饮品'],
  [
    '11',
    '速冻食品',
    [
      ['1101', '速冻面米食品'],
      ['1102', '速冻调制食品'],
    ],
  ],
  ['12', '薯类和膨化食品'],
  ['13', '糖果制品'],
  ['14', '茶叶及相关制品'],
  [
    '15',
    '酒类',
    [
      ['1501', '白酒'],
      ['1502', '黄酒'],
      ['1503', '啤酒'],
      ['1504', '葡萄酒'],
      ['1505', '其他酒'],
    ],
  ],
  ['16', '蔬菜制品'],
  ['17', '水果制品'],
  ['18', '炒货食品及坚果制品'],
  ['19', '蛋制品'],
  ['20', '可可及焙烤咖啡产品'],
  ['21', '食糖'],
  ['22', '水产制品'],
  ['23', '淀粉及淀粉制品'],
  ['24', '糕点'],
  ['25', '豆制品'],
  ['26', '蜂产品'],
  ['27', '保健食品'],
  ['28', '特殊膳食食品'],
  ['29', '婴幼儿配方食品'],
  ['30', '特殊医学用途配方食品'],
  [
    '31',
    '餐饮食品',
    [
      ['3101', '米面及其制品（自制）'],
      ['3102', '肉制品（自制）'],
      ['3103', '餐饮具'],
    ],
  ],
  ['32', '食品添加剂'],
  [
    '33',
    '食用农产品',
    [
      ['3301', '畜禽肉及副产品'],
      ['3302', '蔬菜'],
      ['3303', '水产品'],
      ['3304', '水果类'],
      ['3305', '鲜蛋'],
      ['3306', '豆类'],
      ['3307', '生干坚果与籽类食品'],
    ],
  ],
  ['34', '其他食品'],
]

const PRODUCT: Array<[string, string]> = [
  ['P01', '日常防护型口罩'],
  ['P02', '医用防护用品（非医疗器械部分）'],
  ['P03', '消毒剂及消毒器械'],
  ['P04', '电线电缆'],
  ['P05', '电动自行车及充电器'],
  ['P06', '燃气灶具与燃气器具连接用软管'],
  ['P07', '儿童用品与玩具'],
  ['P08', '学生用品'],
  ['P09', '家用电器'],
  ['P10', '建筑用钢筋与水泥'],
  ['P11', '化肥与农资'],
  ['P12', '服装与纺织品'],
  ['P13', '车用汽柴油'],
]

export const FOOD_CATEGORIES: readonly SamplingCategory[] = FOOD.flatMap(([code, name, subs]) => [
  { code, name, parent: null },
  ...(subs ?? []).map(([c, n]) => ({ code: c, name: n, parent: code })),
])
export const PRODUCT_KINDS: readonly SamplingCategory[] = PRODUCT.map(([code, name]) => ({ code, name, parent: null }))

export const CHECK_TYPES = ['food', 'product'] as const
export type CheckType = (typeof CHECK_TYPES)[number]
export const CHECK_TYPE_LABEL: Record<CheckType, string> = { food: '食品安全抽检', product: '产品质量监督抽查' }

const BY_CODE = new Map([...FOOD_CATEGORIES, ...PRODUCT_KINDS].map((c) => [c.code, c]))

/** The category (or product kind) of a code, or undefined. */
export const categoryOf = (code: string): SamplingCategory | undefined => BY_CODE.get(code)
/** The zh-CN name of a category code, “大类 / 亚类” for a sub-category. */
export function categoryLabel(code: string): string {
  const c = BY_CODE.get(code)
  if (!c) return code
  const p = c.parent ? BY_CODE.get(c.parent) : undefined
  return p ? `${p.name} / ${c.name}` : c.name
}
/** Whether `code` is a category of `type`. */
export function isCategoryOf(type: CheckType, code: string): boolean {
  return (type === 'food' ? FOOD_CATEGORIES : PRODUCT_KINDS).some((c) => c.code === code)
}
/** The large category a code belongs to (itself for a large category). */
export const topCategory = (code: string): string => BY_CODE.get(code)?.parent ?? code

/** The provincial target of food batches per 1,000 residents when a plan sets none (RULES.md §12.4, SECONDARY). */
export const DEFAULT_TARGET_PER_THOUSAND = 4

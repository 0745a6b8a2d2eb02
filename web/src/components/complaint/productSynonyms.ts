/**
 * Everyday words callers use for the product/service classes (商品和服务分类): typing one of them in
 * the intake's 商品/服务分类 finds the class (酸奶 → 0103 乳制品). Data, not code: add words here.
 */
export const PRODUCT_SYNONYMS: Record<string, readonly string[]> = {
  '0101': ['大米', '面粉', '食用油', '挂面', '馒头', '面包', '饼干', '方便面'],
  '0102': ['猪肉', '牛肉', '羊肉', '鸡肉', '鸡蛋', '火腿肠', '香肠', '熟食', '腊肉'],
  '0103': ['酸奶', '牛奶', '奶粉', '婴幼儿配方奶粉', '奶酪', '乳饮料', '鲜奶'],
  '0104': ['白酒', '啤酒', '红酒', '葡萄酒', '饮料', '矿泉水', '果汁', '奶茶', '咖啡'],
  '0105': ['保健品', '营养品', '蛋白粉', '维生素', '减肥茶'],
  '0201': ['药', '感冒药', '处方药', '中药'],
  '0202': ['血压计', '血糖仪', '助听器', '隐形眼镜', '体温计'],
  '0203': ['口罩', '防护服', '护目镜', 'N95'],
  '0204': ['消毒液', '酒精', '84消毒液', '洗手液'],
  '0301': ['衣服', '鞋', '帽子', '羽绒服', '运动鞋', '童装'],
  '0302': ['面膜', '口红', '护肤品', '洗发水', '染发剂', '防晒霜'],
  '0303': ['电视', '冰箱', '空调', '洗衣机', '热水器', '电饭煲', '电热水壶', '微波炉', '油烟机', '燃气灶'],
  '0304': ['沙发', '床垫', '衣柜', '桌椅'],
  '0305': ['手机', '电脑', '笔记本', '平板', '耳机', '充电宝', '手表'],
  '0401': ['汽车', '二手车', '轮胎', '4S店', '新能源车'],
  '0402': ['电动车', '电瓶车', '电动自行车', '电池'],
  '05': ['装修', '瓷砖', '地板', '涂料', '门窗', '房子', '商品房'],
  '0601': ['饭店', '餐馆', '外卖', '酒店', '宾馆', '民宿'],
  '0602': ['理发', '美容院', '美甲', '医美'],
  '0603': ['培训班', '辅导班', '驾校', '早教', '课外班'],
  '0604': ['宽带', '话费', '流量', '网络', 'APP'],
  '0605': ['预付卡', '会员卡', '储值卡', '健身卡', '充值卡', '办卡'],
  '0606': ['旅行社', '旅游团', '景区', '门票'],
  '0607': ['修手机', '家电维修', '汽车维修', '开锁'],
  '0608': ['物业费', '物业', '小区'],
  '0609': ['快递', '物流', '包裹', '丢件'],
  '0610': ['健身房', '游泳馆', '电影院', 'KTV', '演出'],
}

/** What the tree select searches for a class: its code and name, then its everyday words. */
export function productSearchText(code: string, title: string): string {
  return [title, ...(PRODUCT_SYNONYMS[code] ?? [])].join(' ').toLowerCase()
}

/**
 * Whether what the operator typed finds the class — the same substring test the tree select makes
 * on `productSearchText` (its `treeNodeFilterProp`), which also decides the node Enter picks.
 */
export function productMatches(input: string, code: string, title: string): boolean {
  return productSearchText(code, title).includes(input.trim().toLowerCase())
}

interface ProductNode {
  value: string
  title: string
  children?: ProductNode[]
}
/** The classification tree with the search text on every node (for `treeNodeFilterProp: 'search'`). */
export function withProductSearch<T extends ProductNode>(nodes: T[]): Array<T & { search: string }> {
  return nodes.map((n) => ({ ...n, search: productSearchText(n.value, n.title), children: n.children ? withProductSearch(n.children) : undefined }))
}

/**
 * The market-entity register's vocabulary shared by server and web: registration statuses, tags,
 * risk classes, entity kinds and industry sections, with their zh-CN names.
 */

export const ENTITY_STATUSES = {
  active: '存续（在营、开业、在册）',
  suspended: '停业',
  revoked: '吊销',
  cancelled: '注销',
  moved_out: '迁出',
  withdrawn: '撤销',
} as const
export type EntityStatus = keyof typeof ENTITY_STATUSES

export const ENTITY_TAGS = {
  cold_chain: '冷链食品经营者',
  food_business: '食品经营者',
  pharmacy: '药品零售',
  medical_device: '医疗器械经营',
  special_equipment: '特种设备使用单位',
  mask_producer: '口罩生产企业',
  online_platform: '网络交易平台',
  platform_seller: '平台内经营者',
  price_monitored: '重点价格监测',
} as const
export type EntityTag = keyof typeof ENTITY_TAGS
export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const
export type RiskClass = (typeof RISK_CLASSES)[number]

export const ENTITY_KINDS = ['enterprise', 'individual', 'cooperative', 'other'] as const
export type EntityKind = (typeof ENTITY_KINDS)[number]
export const ENTITY_KIND_LABEL = { enterprise: '企业', individual: '个体工商户', cooperative: '农民专业合作社', other: '其他组织' } as const satisfies Record<
  EntityKind,
  string
>

/** GB/T 4754-2017 sections (门类); codes below a section are a letter and 2–4 digits. */
export const INDUSTRY_SECTIONS: Record<string, string> = {
  A: '农、林、牧、渔业',
  B: '采矿业',
  C: '制造业',
  D: '电力、热力、燃气及水生产和供应业',
  E: '建筑业',
  F: '批发和零售业',
  G: '交通运输、仓储和邮政业',
  H: '住宿和餐饮业',
  I: '信息传输、软件和信息技术服务业',
  J: '金融业',
  K: '房地产业',
  L: '租赁和商务服务业',
  M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业',
  O: '居民服务、修理和其他服务业',
  P: '教育',
  Q: '卫生和社会工作',
  R: '文化、体育和娱乐业',
  S: '公共管理、社会保障和社会组织',
  T: '国际组织',
}

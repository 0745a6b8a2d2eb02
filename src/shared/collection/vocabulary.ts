/**
 * 涉企信息归集 (collection of other departments' information about enterprises): the vocabulary
 * shared by the server (src/modules/collection) and the web (涉企信息归集 page). Other government
 * departments' licences, penalties and check results are collected onto the entity's record —
 * imported from their files or pushed over the API — and the bureau reports the collection rate
 * (归集率) by department and period, separately for public (公开类) and non-public (非公开类)
 * information (seed 000: 公开类 ≥ 50 %, 非公开类 ≥ 100 %).
 */
export const COLLECTION_KINDS = {
  licence: '行政许可',
  penalty: '行政处罚',
  check: '抽查检查结果',
  other: '其他涉企信息',
} as const
export type CollectionKind = keyof typeof COLLECTION_KINDS

export const COLLECTION_CLASSES = { public: '公开类', non_public: '非公开类' } as const
export type CollectionClass = keyof typeof COLLECTION_CLASSES

export const COLLECTION_SOURCES = { import: '文件导入', api: '接口推送', manual: '手工录入' } as const
export type CollectionSource = keyof typeof COLLECTION_SOURCES

export const COLLECTION_LIMITS = {
  code: 40,
  name: 100,
  docNo: 100,
  title: 200,
  content: 2000,
  /** Records per push request. */
  pushBatch: 500,
  /** Data rows per imported file (one request). */
  importRows: 50_000,
  /** Months a rate query may span. */
  rateMonths: 36,
  /** 应归集数 per department, month and class. */
  expectedMax: 10_000_000,
} as const

/** The rule of the catalogue giving the publicity time limit of another department's information. */
export const COLLECTION_RULE = 'collection.publicity'

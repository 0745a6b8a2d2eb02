/** Input schemas of 12315 alert rules, shared by the server (analytics.schema.ts) and the web's rule form. */
import { z } from 'zod'
import { keys } from '../complaints/schema'
import { CATEGORIES, ITEM_TYPES, PRODUCT_CODES } from '../complaints/vocabulary'

export const AlertRuleName = z.string().trim().min(1, '规则名称不能为空').max(60, '规则名称最多 60 字')
const Share = z.number('占比应为数字').min(1, '占比至少 1%').max(100, '占比最多 100%')
const MinItems = z.number('最少件数应为数字').int('最少件数应为整数').min(1, '最少件数至少为 1').max(100_000, '最少件数过大')
export const VolumeSpikeParams = z
  .object({
    multiplier: z.number('倍数应为数字').min(1.1, '倍数至少 1.1').max(50, '倍数最多 50').default(3).describe('当日登记量 ≥ 倍数 × 前 28 日日均'),
    minItems: MinItems.default(20).describe('当日至少这么多件才预警（避免小数字误报）'),
    types: z.array(z.enum(ITEM_TYPES)).max(3).default([]).describe('只计这些类型；空 = 全部'),
  })
  .strict()
export const CategoryShareParams = z
  .object({
    sharePct: Share.default(50),
    category: z.enum(keys(CATEGORIES)).nullable().default(null).describe('指定分类；null = 任一分类'),
    minItems: MinItems.default(20),
  })
  .strict()
export const TermShareParams = z
  .object({
    sharePct: Share.default(50),
    term: z.string().trim().min(2, '热词至少 2 个字').max(20, '热词最多 20 个字').nullable().default(null).describe('指定热词；null = 任一热词'),
    minItems: MinItems.default(20),
  })
  .strict()
export const MonitoredProductParams = z
  .object({
    productCodes: z
      .array(z.enum(keys(PRODUCT_CODES)))
      .max(20, '商品分类最多 20 个')
      .default([]),
    keywords: z.array(z.string().trim().min(2, '关键词至少 2 个字').max(20, '关键词最多 20 个字')).max(20, '关键词最多 20 个').default([]),
    categories: z
      .array(z.enum(keys(CATEGORIES)))
      .max(14)
      .default(['price'])
      .describe('只计这些分类，默认价格'),
    minItems: MinItems.default(5),
  })
  .strict()
  .refine((p) => p.productCodes.length + p.keywords.length > 0, '请至少指定一个商品分类或关键词')

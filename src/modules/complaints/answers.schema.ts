import { z } from 'zod'
import { CATEGORIES } from './complaints.domain'
import { LIMITS } from './complaints.schema'

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]

export const ANSWER_LIMITS = { title: 50, keywords: 200, answer: LIMITS.request, legalBasis: 300 } as const

export const AnswerBody = z
  .object({
    title: z.string().trim().min(2, '标题至少 2 个字').max(ANSWER_LIMITS.title, `标题最多 ${ANSWER_LIMITS.title} 字`),
    category: z.enum(keys(CATEGORIES)).nullable().default(null).describe('问题分类；不填为通用'),
    keywords: z
      .string()
      .trim()
      .max(ANSWER_LIMITS.keywords, `关键词最多 ${ANSWER_LIMITS.keywords} 字`)
      .default('')
      .describe('检索用关键词，空格或逗号分隔（如：退货 七天 网购）'),
    answer: z.string().trim().min(10, '答复内容至少 10 个字').max(ANSWER_LIMITS.answer, `答复内容最多 ${ANSWER_LIMITS.answer} 字`),
    legalBasis: z.string().trim().max(ANSWER_LIMITS.legalBasis, `依据最多 ${ANSWER_LIMITS.legalBasis} 字`).nullable().default(null),
  })
  .meta({ id: 'ComplaintAnswerBody' })
export type AnswerInput = z.infer<typeof AnswerBody>

export const AnswerUpdateBody = AnswerBody.extend({
  active: z.boolean().describe('停用后不再出现在检索结果中（不删除，留痕）'),
  expectedVersion: z.number().int().min(1),
}).meta({ id: 'ComplaintAnswerUpdateBody' })
export type AnswerUpdate = z.infer<typeof AnswerUpdateBody>

export const AnswerOut = z
  .object({
    id: z.string(),
    title: z.string(),
    category: z.string().nullable(),
    categoryLabel: z.string().nullable(),
    keywords: z.string(),
    answer: z.string(),
    legalBasis: z.string().nullable(),
    active: z.boolean(),
    usedCount: z.number(),
    version: z.number(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ComplaintAnswer' })
export type AnswerOut = z.infer<typeof AnswerOut>

export const AnswerQuery = z.object({
  q: z.string().trim().max(50, '检索词最多 50 字').optional().describe('标题、关键词或答复内容'),
  category: z.enum(keys(CATEGORIES)).optional(),
  all: z.enum(['0', '1']).default('0').describe('1 = 含已停用（维护页）'),
})
export const AnswerList = z.object({ items: z.array(AnswerOut) }).meta({ id: 'ComplaintAnswerList' })

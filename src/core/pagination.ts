import { z } from 'zod'

/** Bounded pagination shared by every list endpoint. */
export const MAX_PAGE_SIZE = 200
export const PageQuery = z.object({
  page: z.coerce.number('页码应为数字').int('页码应为整数').min(1, '页码从 1 开始').max(100_000, '页码过大').default(1).describe('页码，从 1 开始'),
  pageSize: z.coerce
    .number('每页条数应为数字')
    .int('每页条数应为整数')
    .min(1, '每页至少 1 条')
    .max(MAX_PAGE_SIZE, `每页最多 ${MAX_PAGE_SIZE} 条`)
    .default(20)
    .describe(`每页条数，最多 ${MAX_PAGE_SIZE}`),
})
export type PageQuery = z.infer<typeof PageQuery>

export function pageResponse<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
}

export function offsetOf(q: PageQuery): number {
  return (q.page - 1) * q.pageSize
}

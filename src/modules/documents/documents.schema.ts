import { z } from 'zod'

/** An issued document's metadata (never its content, never an addressee's name). */
export const DocumentMeta = z
  .object({
    id: z.string(),
    matterType: z.string(),
    matterId: z.string(),
    kind: z.string(),
    title: z.string(),
    docNo: z.string().nullable(),
    issuingUnit: z.object({ id: z.string(), name: z.string() }),
    year: z.number().int(),
    issueDate: z.string().describe('成文日期（作出决定之日），YYYY-MM-DD'),
    issueDateText: z.string().describe('成文日期，如 2026年12月7日'),
    regime: z.string().nullable(),
    templateVersion: z.number().int(),
    legalBasis: z.string().nullable(),
    sha256: z.string().describe('存档副本的 SHA-256（十六进制）'),
    issuedByName: z.string(),
    issuedAt: z.string(),
    voided: z.boolean(),
    voidedAt: z.string().nullable(),
    voidReason: z.string().nullable(),
  })
  .meta({ id: 'DocumentMeta' })
export type DocumentMeta = z.infer<typeof DocumentMeta>

export const DocumentList = z.object({ items: z.array(DocumentMeta) }).meta({ id: 'DocumentList' })

export const DocumentListQuery = z.object({
  matterType: z.string().regex(/^[a-z][a-z_]{1,40}$/, '归属类型无效'),
  matterId: z.string().uuid('ID 无效'),
})

export const AbbreviationBody = z.object({
  abbreviation: z
    .string()
    .trim()
    .min(1, '发文机关代字不能为空')
    .max(20, '发文机关代字最多 20 字')
    .regex(/^[\u4e00-\u9fa5A-Za-z0-9]+$/, '发文机关代字只能包含汉字、字母和数字')
    .nullable(),
})
export const AbbreviationOut = z.object({ unitId: z.string(), name: z.string(), abbreviation: z.string().nullable(), effective: z.string() })

import { z } from 'zod'
import { dateParam, periodRefine } from '../../core/dates'
import { PageQuery, pageResponse } from '../../core/pagination'

const ChinaDate = dateParam()

export const AuditQuery = periodRefine(
  PageQuery.extend({
    actor: z.string().trim().max(64).optional().describe('操作人 ID 或姓名片段'),
    action: z.string().trim().max(64).optional().describe('操作类型前缀，如 user.'),
    targetType: z.string().trim().max(64).optional(),
    targetId: z.string().trim().max(64).optional(),
    text: z.string().trim().max(64).optional().describe('对象名称片段'),
    from: ChinaDate.optional(),
    to: ChinaDate.optional(),
  }),
)

export const AuditRecord = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    unitId: z.string().nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    targetLabel: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditRecord' })

export const AuditPage = pageResponse(AuditRecord).meta({ id: 'AuditPage' })

export const AuditVerifyOut = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    total: z.number().int(),
    lastHash: z.string(),
    firstBadSeq: z.number().int().nullable(),
    problem: z.string().nullable(),
    checkpoints: z.number().int().describe('核对所用的签名检查点数（库外检查点文件）'),
    lastCheckpoint: z.object({ seq: z.number().int(), at: z.string() }).nullable().describe('最后一个检查点：记录序号与时刻'),
  })
  .meta({ id: 'AuditVerify' })

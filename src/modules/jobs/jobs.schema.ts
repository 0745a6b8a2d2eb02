import { z } from 'zod'
import { pageResponse } from '../../core/pagination'

export const JobIdParams = z.object({ id: z.string().min(1).max(64) })

export const JobOut = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string().describe('任务名称'),
  state: z
    .enum(['queued', 'running', 'succeeded', 'failed', 'cancelled'])
    .describe('queued 排队中 · running 进行中 · succeeded 已完成 · failed 失败 · cancelled 已取消'),
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable(), message: z.string().nullable(), percent: z.number().int().nullable() }),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  cancelRequested: z.boolean(),
  error: z.string().nullable().describe('失败原因（中文）'),
  download: z.object({ name: z.string(), rows: z.number().int() }).nullable().describe('可下载的结果文件'),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
})
export type JobOut = z.infer<typeof JobOut>
export const JobPage = pageResponse(JobOut)

export const StartJobBody = z.object({
  kind: z
    .string('任务类型不能为空')
    .min(1, '任务类型不能为空')
    .max(64, '任务类型过长')
    .describe('各模块声明的导出任务类型，如 complaint.export 导出诉求件 · entity.export 导出经营主体名录'),
  payload: z.record(z.string(), z.unknown()).default({}).describe('与对应导出接口相同的筛选条件'),
})

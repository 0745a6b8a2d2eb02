import { z } from 'zod'
import { PageQuery, pageResponse } from '../../core/pagination'

export const ImportHistoryQuery = PageQuery.extend({
  kind: z
    .string('导入类型不能为空')
    .min(1, '导入类型不能为空')
    .max(40, '导入类型过长')
    .describe('导入类型：entities（经营主体名录）、complaints（全国12315平台转办件）、inspections（双随机检查事项清单与特定对象名录）及各模块声明的其他类型'),
})

export const ImportHistoryItem = z
  .object({
    id: z.string(),
    kind: z.string(),
    kindLabel: z.string(),
    fileName: z.string(),
    createdByName: z.string().nullable().describe('上传人'),
    createdAt: z.string().describe('上传时间（UTC）'),
    finishedAt: z.string().nullable().describe('结束时间（UTC）'),
    status: z.string(),
    statusLabel: z.string(),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    errorRows: z.number().int(),
    warningRows: z.number().int().describe('有警告的行数（警告的行照常导入，见错误报告）'),
    importedRows: z.number().int().describe('已导入（新增或更新）的行数'),
    errorReportUrl: z.string().nullable().describe('错误报告（Excel）下载地址；无错误行和警告时为空'),
  })
  .meta({ id: 'ImportHistoryItem' })
export const ImportHistoryPage = pageResponse(ImportHistoryItem).meta({ id: 'ImportHistoryPage' })

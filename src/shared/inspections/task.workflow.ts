/**
 * Double-random inspection tasks (双随机抽查任务): the task's life as a declaration, shared by the
 * server (inspections module) and the web. A draft is edited, announced (its commitment hash made
 * public), drawn (and redrawn, with a reason, until results come in), completed when the last
 * result is recorded, and its results published; a draft or an announced task may be withdrawn
 * (作废) with a reason. The draw itself, the capacity check before the announcement and the
 * "no redraw after results" rule are data guards in the module.
 */
import { z } from 'zod'
import { defineWorkflow } from '../kernel/workflow'

export const taskWorkflow = defineWorkflow({
  type: 'inspection_task',
  label: '抽查任务',
  initial: 'draft',
  states: {
    draft: { label: '草稿' },
    announced: { label: '已公告（待抽取）', publicText: '已公告，待随机抽取' },
    drawn: { label: '已抽取（检查中）', publicText: '已抽取，正在检查' },
    completed: { label: '检查完成（待公示）' },
    published: { label: '已公示', final: true, publicText: '检查结果已公示' },
    void: { label: '已作废', final: true, publicText: '任务已撤回' },
  },
  actions: {
    edit: { label: '修改', from: ['draft'], to: 'same', permission: ['inspection.plan'], audit: 'inspection.task.update', meta: { form: 'custom' } },
    announce: {
      label: '公告',
      from: ['draft'],
      to: 'announced',
      permission: ['inspection.plan'],
      audit: 'inspection.task.announce',
      confirm: '公告后抽查范围和参数将冻结，并公开承诺值。确定公告？',
    },
    draw: {
      label: '抽取',
      from: ['announced', 'drawn'],
      to: 'drawn',
      permission: ['inspection.draw'],
      audit: 'inspection.draw',
      input: z.object({
        reason: z.string().trim().min(4, '请说明重新抽取的理由').max(500, '重新抽取理由最多 500 字').describe('重新抽取理由（首次抽取不填）').optional(),
      }),
    },
    complete: {
      label: '检查完成',
      from: ['drawn'],
      to: 'completed',
      permission: ['inspection.result'],
      audit: 'inspection.task.complete',
      meta: { automatic: true },
    },
    publish: {
      label: '公示结果',
      from: ['completed'],
      to: 'published',
      permission: ['inspection.publish'],
      audit: 'inspection.task.publish',
      confirm: '公示后检查对象名称、统一社会信用代码和检查结果将向社会公开。确定公示？',
    },
    void: {
      label: '作废',
      from: ['draft', 'announced'],
      to: 'void',
      permission: ['inspection.plan'],
      audit: 'inspection.task.void',
      danger: true,
      input: z.object({
        reason: z
          .string({ error: '请说明作废的理由（至少 4 个字）' })
          .trim()
          .min(4, '请说明作废的理由（至少 4 个字）')
          .max(500, '作废理由最多 500 字')
          .describe('作废理由'),
      }),
      confirm: '作废后任务不能恢复，公告页将显示已撤回及理由。确定作废？',
    },
  },
})
export type TaskState = (typeof taskWorkflow.stateList)[number]
export type TaskAction = (typeof taskWorkflow.actionList)[number]

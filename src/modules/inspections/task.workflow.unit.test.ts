import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../access'
import { TASK_STATUSES } from './inspections.domain'
import { VoidBody } from './inspections.schema'
import { taskWorkflow } from '../../shared/inspections/task.workflow'

describe('the double-random task workflow declaration', () => {
  it('is sound, names only catalogued permissions and the statuses the module stores', () => {
    expect(taskWorkflow.problems()).toEqual([])
    const named = taskWorkflow.actionList.flatMap((a) => taskWorkflow.actions[a].permission)
    expect(named.filter((p) => !(p in PERMISSIONS))).toEqual([])
    expect(Object.fromEntries(taskWorkflow.stateList.map((s) => [s, taskWorkflow.stateLabel(s)]))).toEqual(TASK_STATUSES)
  })
  it('freezes a task once announced, voids only before the draw, publishes only completed results', () => {
    expect(taskWorkflow.allowed('draft')).toEqual(['edit', 'announce', 'void'])
    expect(taskWorkflow.allowed('announced')).toEqual(['draw', 'void'])
    expect(taskWorkflow.allowed('drawn')).toEqual(['draw', 'complete'])
    expect(taskWorkflow.allowed('completed')).toEqual(['publish'])
    expect(taskWorkflow.allowed('published')).toEqual([])
    expect(taskWorkflow.allowed('void')).toEqual([])
  })
  it('asks for the same void reason as the endpoint', () => {
    for (const reason of [undefined, '短', '  太短  ', '计划调整，任务取消', 'x'.repeat(501)]) {
      expect(taskWorkflow.parseInput('void', { reason }).ok, String(reason)).toBe(VoidBody.safeParse({ reason }).success)
    }
  })
})

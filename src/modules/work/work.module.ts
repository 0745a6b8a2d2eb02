import { defineModule } from '../../core/module'
import { workWeb } from '../../shared/work/menu'
import { workRoutes } from './work.routes'
import type { WorkProvider } from './work.schema'
import type { WorkService } from './work.service'

declare module '../../core/module' {
  interface Contributions {
    /** Sources of 我的待办 (and of the due notices), contributed by the modules holding matters. */
    workProviders: WorkProvider
  }
}

/** 我的待办: each module's to-do sources, and the due-soon / overdue notices over their clocks. */
export function workManifest(work: WorkService) {
  return defineModule({
    name: 'work',
    label: '我的待办',
    routes: [{ prefixes: ['/my/work', '/work'], plugin: workRoutes(work) }],
    // Once per clock and due date: a period run twice sends nothing new.
    scheduled: [{ kind: 'work.due_notices', label: '到期与超期提醒', everyMs: 10 * 60_000, run: () => work.notifyDueClocks() }],
    web: workWeb,
    accepts: { workProviders: (p) => work.register(p) },
  })
}

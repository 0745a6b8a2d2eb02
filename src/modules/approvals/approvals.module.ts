import { defineModule } from '../../core/module'
import type { Approvals } from '../../core/matter/approvals'
import { approvalsWeb } from '../../shared/approvals/menu'
import { approvalsRoutes } from './approvals.routes'
import { createApprovalsWork } from './approvals.work'

/** 审批待办: the approval requests of every matter type (core/matter/approvals.ts), decided by the kind's permission holders. */
export function approvalsManifest(approvals: Approvals) {
  return defineModule({
    name: 'approvals',
    label: '审批',
    routes: [{ prefixes: ['/approvals'], plugin: approvalsRoutes(approvals) }],
    web: approvalsWeb,
    contributes: { workProviders: createApprovalsWork(approvals) },
  })
}

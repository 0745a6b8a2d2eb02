import type { Config } from '../../core/config'
import type { CoreDeps } from '../../core/deps'
import { defineExport, defineModule } from '../../core/module'
import { complaintsWeb } from '../../shared/complaints/menu'
import { consultationWorkflow, complaintWorkflow, reportWorkflow } from '../../shared/complaints/workflow'
import type { OrgService } from '../org'
import { COMPLAINT_IMPORT } from './complaints.import'
import { complaintsRoutes } from './complaints.routes'
import { ListFilterQuery } from './complaints.schema'
import { COMPLAINT_TEMPLATES } from './complaints.templates'
import { createComplaintsWork } from './complaints.work'
import type { ComplaintsModule } from './index'

/**
 * 12315 items: intake, dispatch, handling, 督办, the portal, platform imports, documents; the overdue
 * escalation; the handlers' to-do sources and the entity file's 12315 section.
 */
export function complaintsManifest(m: ComplaintsModule, deps: Pick<CoreDeps, 'db'> & { org: Pick<OrgService, 'directory'>; config: Config }) {
  return defineModule({
    name: 'complaints',
    label: '12315 投诉举报',
    permissions: [
      'complaint.read',
      'complaint.intake',
      'complaint.dispatch',
      'complaint.handle',
      'complaint.supervise',
      'complaint.import',
      'complaint.export',
      'complaint.knowledge',
      'reporter.view',
    ],
    routes: [{ prefixes: ['/complaints', '/public/complaints', '/public/site'], plugin: complaintsRoutes(m, deps.config) }],
    // Overdue items (over the clock table) go up to the unit above.
    scheduled: [{ kind: 'complaint.escalate', label: '12315 超期升级', everyMs: 10 * 60_000, run: () => m.complaints.escalateOverdue() }],
    // The filtered list's export as a background job (任务中心), masked as the direct export.
    exports: [
      defineExport({
        kind: 'complaint.export',
        label: '导出诉求件（Excel）',
        permission: 'complaint.export',
        payload: ListFilterQuery,
        unit: '件',
        fileName: m.documents.exportFileName,
        count: async (ctx, q) => (await m.complaints.list(ctx, { ...q, page: 1, pageSize: 1, sort: 'due' })).total,
        write: m.documents.exportXlsx,
      }),
    ],
    workflows: [complaintWorkflow, reportWorkflow, consultationWorkflow],
    templates: COMPLAINT_TEMPLATES,
    web: complaintsWeb,
    contributes: { profileSections: [m.profileSection], workProviders: createComplaintsWork(deps), importKinds: [COMPLAINT_IMPORT] },
  })
}

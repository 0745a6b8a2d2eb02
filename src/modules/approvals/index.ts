export { approvalsManifest } from './approvals.module'
export { approvalsRoutes } from './approvals.routes'
export { ApprovalView, ApprovalPage } from './approvals.schema'

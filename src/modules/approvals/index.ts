export { approvalsManifest } from './approvals.module'
export { approvalsRoutes } from './approvals.routes'

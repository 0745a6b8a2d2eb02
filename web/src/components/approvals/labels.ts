/** Approval requests (审批): the server's shape of GET /api/approvals (openapi.gen.ts, from its zod schema). */
import type { components } from '../../api/openapi.gen'

export type Approval = components['schemas']['MatterApproval']
export const APPROVAL_STATE_COLOR: Record<Approval['state'], string> = { pending: 'gold', approved: 'green', rejected: 'red', withdrawn: 'default' }

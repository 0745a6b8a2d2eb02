/** Case leads (案源线索): shapes of GET /api/leads; the vocabulary and workflow come from src/shared (one copy for server and web). */
import type { components } from '../../api/openapi.gen'

export {
  LEAD_SOURCE_LABEL,
  LEAD_STATE_LABEL,
  MANUAL_LEAD_SOURCES,
  leadWorkflow,
  type LeadSource,
  type LeadState,
} from '../../../../src/shared/enforcement/lead.workflow'

/** The server's own shape (openapi.gen.ts, generated from its zod schema). */
export type Lead = components['schemas']['CaseLead']

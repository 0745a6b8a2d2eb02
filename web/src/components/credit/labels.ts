/** Credit proposals (信用事项提议): shapes of GET /api/credit/proposals; the vocabulary and workflow come from src/shared (one copy for server and web). */
import type { components } from '../../api/openapi.gen'

export { PROPOSAL_STATE_LABEL, proposalWorkflow, type ProposalState } from '../../../../src/shared/credit/proposal.workflow'

/** The server's own shape (openapi.gen.ts, generated from its zod schema). */
export type Proposal = components['schemas']['CreditProposal']

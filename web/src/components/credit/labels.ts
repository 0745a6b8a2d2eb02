/** Credit proposals (信用事项提议): shapes of GET /api/credit/proposals and the words the client shows. */
import type { components } from '../../api/openapi.gen'

/** Mirrored from src/modules/credit/credit.schema.ts (held equal by its web-mirror test). */
export const PROPOSAL_STATE_LABEL = { proposed: '待审核', accepted: '已采纳', rejected: '未采纳' } as const
export const PROPOSAL_DECISION_OPTIONS = [
  { value: 'accepted', label: '采纳' },
  { value: 'rejected', label: '不采纳' },
] as const
export const PROPOSAL_NOTE_MAX = 2000

export type ProposalState = keyof typeof PROPOSAL_STATE_LABEL
export type ProposalDecision = (typeof PROPOSAL_DECISION_OPTIONS)[number]['value']

/** The server's own shape (openapi.gen.ts, generated from its zod schema). */
export type Proposal = components['schemas']['CreditProposal']

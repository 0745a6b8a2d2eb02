/** Credit proposals (信用事项提议): shapes of GET /api/credit/proposals and the words the client shows. */

/** Mirrored from src/modules/credit/credit.schema.ts (held equal by its web-mirror test). */
export const PROPOSAL_STATE_LABEL = { proposed: '待审核', accepted: '已采纳', rejected: '未采纳' } as const
export const PROPOSAL_DECISION_OPTIONS = [
  { value: 'accepted', label: '采纳' },
  { value: 'rejected', label: '不采纳' },
] as const
export const PROPOSAL_NOTE_MAX = 2000

export type ProposalState = keyof typeof PROPOSAL_STATE_LABEL
export type ProposalDecision = (typeof PROPOSAL_DECISION_OPTIONS)[number]['value']

export interface Proposal {
  id: string; proposalNo: string; kind: string; kindLabel: string; reason: string; reasonLabel: string; entityId: string; entityName: string | null; uscc: string | null
  unitId: string; unitName: string | null; sourceType: string; sourceId: string; note: string | null; state: ProposalState; stateLabel: string
  decisionNote: string | null; decidedAt: string | null; createdAt: string
}

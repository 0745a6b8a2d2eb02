import { z } from 'zod'
import { AvailableActions } from '../../core/matter/routes'
import { PageQuery, pageResponse } from '../../core/pagination'
import { SERIOUS_SOURCES, SERIOUS_STATES, type SeriousSource, type SeriousState } from '../../shared/credit/serious.workflow'

const states = SERIOUS_STATES as unknown as [SeriousState, ...SeriousState[]]
export const SeriousQuery = PageQuery.extend({
  state: z.enum(states, '状态无效').optional(),
  source: z.enum(Object.keys(SERIOUS_SOURCES) as [SeriousSource, ...SeriousSource[]], '来源无效').optional(),
  entityId: z.string().max(80).optional(),
})
export const Serious = z.object({
  id: z.string(),
  seriousNo: z.string().nullable(),
  entityId: z.string(),
  entityName: z.string().nullable(),
  uscc: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  source: z.string(),
  sourceLabel: z.string(),
  sourceId: z.string(),
  sourceRef: z.string().nullable(),
  field: z.string(),
  fieldLabel: z.string(),
  ground: z.string(),
  basis: z.string(),
  triggerOn: z.string(),
  needsUpper: z.boolean(),
  notifiedOn: z.string().nullable(),
  statementText: z.string().nullable(),
  statementOn: z.string().nullable(),
  waived: z.boolean(),
  referredOn: z.string().nullable(),
  upperApprovedOn: z.string().nullable(),
  listedOn: z.string().nullable(),
  decisionDocId: z.string().nullable(),
  publishedOn: z.string().nullable(),
  legalRep: z.string().nullable(),
  restrictionEndOn: z.string().nullable(),
  autoRemovalOn: z.string().nullable(),
  earlyFromOn: z.string().nullable(),
  earlyText: z.string().nullable(),
  earlyAppliedOn: z.string().nullable(),
  removedOn: z.string().nullable(),
  removalKind: z.string().nullable(),
  removalLabel: z.string().nullable(),
  decisionNote: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  state: z.enum(states),
  stateLabel: z.string(),
  version: z.number(),
  createdAt: z.string(),
})
export const SeriousPage = pageResponse(Serious)
export const SeriousDetail = Serious.extend({
  actions: AvailableActions,
  clocks: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      startOn: z.string(),
      dueOn: z.string().nullable(),
      doneOn: z.string().nullable(),
      ruleId: z.string().nullable(),
    }),
  ),
})
export const SeriousWarnings = z.object({
  items: z.array(
    z.object({
      listingId: z.string(),
      listingNo: z.string().nullable(),
      entityId: z.string(),
      entityName: z.string(),
      uscc: z.string().nullable(),
      listedOn: z.string(),
      pointOn: z.string(),
    }),
  ),
})

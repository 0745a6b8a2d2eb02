/** The investigation stage of a case (调查取证): shapes of /api/cases/:id/investigation; words from src/shared. */
import type { components } from '../../api/openapi.gen'
import type { ActionOverride } from '../matter/ActionForm'
import { SUSPENSION_GROUNDS, TERMINATION_GROUNDS, TRANSFER_TARGETS } from '../../../../src/shared/cases/investigation'

export {
  AVOIDANCE_APPLICANTS,
  INVESTIGATION_PROPOSALS,
  PRESERVATION_DECISIONS,
  RECORD_KINDS,
  SUSPENSION_GROUNDS,
  TERMINATION_GROUNDS,
  TRANSFER_TARGETS,
  RecordBody,
  PreservationBody,
  AvoidanceBody,
} from '../../../../src/shared/cases/investigation'

export type CaseInvestigation = components['schemas']['CaseInvestigation']

/** The generated forms of the investigation actions (中止/恢复/终止/移送): option labels and help. */
export const INVESTIGATION_OVERRIDES: Record<string, ActionOverride> = {
  suspend: { fields: { ground: { optionLabels: SUSPENSION_GROUNDS } }, help: '中止调查期间不计入九十日办案期限；中止原因消除后应当立即恢复调查。' },
  resume: { help: '恢复后办案期限按中止的天数顺延。' },
  terminate: { fields: { ground: { optionLabels: TERMINATION_GROUNDS } } },
  transfer: { fields: { target: { optionLabels: TRANSFER_TARGETS } }, help: '移送后办案期限停止计算；收到接收机关回执后请在“移送”栏登记。' },
}

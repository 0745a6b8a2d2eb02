/** Shapes of the 12315 API (投诉、举报、咨询), see /api/openapi.json (ComplaintSummary, ComplaintDetail, …). */
import type { ServerJson } from '../../api/server'
import type { components } from '../../api/openapi.gen'
import type { Permission } from '../../api/types'

/** Response shapes are the server's own (openapi.gen.ts, generated from its zod schemas). */
type Schemas = components['schemas']

export const P = {
  read: 'complaint.read' as Permission,
  intake: 'complaint.intake' as Permission,
  dispatch: 'complaint.dispatch' as Permission,
  handle: 'complaint.handle' as Permission,
  supervise: 'complaint.supervise' as Permission,
  import: 'complaint.import' as Permission,
  export: 'complaint.export' as Permission,
  reporterView: 'reporter.view' as Permission,
}

/** The 12315 vocabulary's codes are the server's own (src/shared/complaints/vocabulary.ts). */
export type { Channel, ClockStatus, ItemType, QueueClock, RespondentKind } from '../../../../src/shared/complaints/vocabulary'
/** States and actions of the 12315 declarations (src/shared/complaints/workflow.ts). */
export type { Action, State } from '../../../../src/shared/complaints/workflow'

export interface UnitRef {
  id: string
  name: string
}

export type Clock = ItemDetail['clocks'][number]

export type Preview = Schemas['ComplaintPreview']

export type ItemSummary = Schemas['ComplaintSummary']

export type TimelineEvent = ItemDetail['timeline'][number]

export type ItemDetail = Schemas['ComplaintDetail']

export type Duplicate = ServerJson<'/api/complaints/{id}/duplicates', 'get'>['items'][number]
export type IntakeResult = Schemas['ComplaintIntakeResult']

export type Reason = Codes['terminationGrounds'][number]
export type Codes = ServerJson<'/api/complaints/codes', 'get'>

export type Suggestion = ServerJson<'/api/complaints/respondents', 'get'>['items'][number]

export type RevealedPerson = ServerJson<'/api/complaints/{id}/parties', 'get'>['persons'][number]

export type ImportBatch = Schemas['ComplaintImport']
export type ImportError = ServerJson<'/api/complaints/imports/{id}/errors', 'get'>['items'][number]

export type Challenge = Schemas['PortalChallenge']
export type PortalSubmitResult = Schemas['PortalSubmitResult']
export type Track = Schemas['PortalTrack']
export type Answer = Schemas['ComplaintAnswer']
export type Recovered = Schemas['PortalRecoverResult']

/** Kysely table interfaces of the inspections module (双随机、一公开). */
export interface InspectionItemTable {
  id: string
  code: string
  name: string
  legalBasis: string
  unitId: string
  /** '|enterprise|individual|' ('' = every kind). */
  entityKinds: string
  isKey: number
  checkMethod: string
  /** JSON array of result codes. */
  resultOptions: string
  businessLine: string
  active: number
  version: number
  createdAt: string
  updatedAt: string
  updatedBy: string | null
}
export interface InspectionInspectorTable {
  userId: string
  unitId: string
  /** '|food|price|' */
  lines: string
  maxLoad: number | null
  active: number
  note: string | null
  version: number
  createdAt: string
  updatedAt: string
}
export interface InspectionConflictTable {
  id: string
  userId: string
  entityId: string
  kind: string
  reason: string
  validFrom: string
  validTo: string | null
  createdAt: string
  createdBy: string | null
}
export interface InspectionSpecialListTable {
  id: string
  name: string
  unitId: string
  note: string | null
  memberCount: number
  createdBy: string | null
  createdAt: string
}
export interface InspectionSpecialMemberTable {
  listId: string
  entityId: string
}
export interface InspectionPlanTable {
  id: string
  planNo: string
  year: number
  name: string
  unitId: string
  description: string | null
  version: number
  createdBy: string | null
  createdAt: string
  updatedAt: string
}
export interface InspectionTaskTable {
  id: string
  taskNo: string
  planId: string | null
  name: string
  unitId: string
  joint: number
  periodFrom: string
  periodTo: string
  scopeJson: string
  paramsJson: string
  status: string
  commitmentHash: string | null
  commitmentSecret: string | null
  announcedAt: string | null
  currentDrawId: string | null
  drawnAt: string | null
  completedOn: string | null
  publishedAt: string | null
  publishedBy: string | null
  /** 作废: when, by whom and why an announced task was withdrawn (status 'void'); never deleted. */
  voidedAt: string | null
  voidedBy: string | null
  voidReason: string | null
  version: number
  createdBy: string | null
  createdAt: string
  updatedAt: string
}
export interface InspectionTaskItemTable {
  taskId: string
  itemId: string
  unitId: string
}
export interface InspectionDrawTable {
  id: string
  drawNo: string
  taskId: string
  attempt: number
  redrawOf: string | null
  redrawReason: string | null
  status: string
  algorithm: string
  poolSize: number
  poolHash: string
  paramsJson: string
  paramsHash: string
  excludedCount: number
  exclusionHash: string
  commitmentHash: string
  commitmentSecret: string
  drawTimeValue: string
  drawTimeSource: string
  seed: string
  strataJson: string
  drawnCount: number
  assignmentJson: string
  rosterHash: string
  failureJson: string | null
  drawnBy: string | null
  drawnByName: string
  drawnAt: string
}
export interface InspectionDrawChunkTable {
  drawId: string
  kind: string
  chunkNo: number
  memberCount: number
  encoding: string
  data: Buffer
}
export interface InspectionDrawTargetTable {
  drawId: string
  ordinal: number
  entityId: string
  stratum: string
  stationUnitId: string | null
}
export interface InspectionDrawAssignmentTable {
  drawId: string
  entityId: string
  groupNo: number
  position: number
  userId: string
}
export interface InspectionDrawJobTable {
  id: string
  taskId: string
  status: string
  phase: string | null
  processed: number
  poolSize: number | null
  message: string | null
  drawId: string | null
  createdBy: string | null
  createdAt: string
  updatedAt: string
  finishedAt: string | null
}
export interface InspectionTargetTable {
  id: string
  taskId: string
  drawId: string
  entityId: string
  entityName: string
  uscc: string | null
  stationUnitId: string | null
  stratum: string
  ordinal: number
  status: string
  inspectedOn: string | null
  outcome: string | null
  leadId: string | null
  leadNo: string | null
  abnormalId: string | null
  completedAt: string | null
  completedBy: string | null
}
export interface InspectionResultTable {
  id: string
  targetId: string
  taskId: string
  itemId: string
  result: string
  note: string | null
  recordedBy: string | null
  recordedAt: string
}
declare module '../../core/db/types' {
  interface Database {
    inspectionItem: InspectionItemTable
    inspectionInspector: InspectionInspectorTable
    inspectionConflict: InspectionConflictTable
    inspectionSpecialList: InspectionSpecialListTable
    inspectionSpecialMember: InspectionSpecialMemberTable
    inspectionPlan: InspectionPlanTable
    inspectionTask: InspectionTaskTable
    inspectionTaskItem: InspectionTaskItemTable
    inspectionDraw: InspectionDrawTable
    inspectionDrawChunk: InspectionDrawChunkTable
    inspectionDrawTarget: InspectionDrawTargetTable
    inspectionDrawAssignment: InspectionDrawAssignmentTable
    inspectionDrawJob: InspectionDrawJobTable
    inspectionTarget: InspectionTargetTable
    inspectionResult: InspectionResultTable
  }
}

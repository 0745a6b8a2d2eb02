export interface SamplingLabTable {
  id: string
  name: string
  uscc: string | null
  /** 资质认定（CMA）证书编号. */
  cmaNo: string
  /** 资质认定的检验检测能力范围 (text as on the certificate's annex). */
  scopeText: string
  /** Comma-separated check types the laboratory is commissioned for: food, product. */
  checkTypes: string
  qualifiedFrom: string
  qualifiedTo: string
  /** 1: on the published list of re-test laboratories (复检机构名录). */
  retestQualified: number
  address: string | null
  phone: string | null
  createdAt: string
  updatedAt: string
}

export interface SamplingLabUserTable {
  userId: string
  labId: string
  createdAt: string
}

export interface SamplingPopulationTable {
  divisionCode: string
  year: number
  population: number
  sourceNote: string | null
  updatedAt: string
}

export interface SamplingPlanTable {
  id: string
  planNo: string
  unitId: string
  year: number
  title: string
  checkType: string
  /** Batches per 1,000 residents to reach, × 100 (400 = 4.00). */
  targetPerThousandCenti: number
  note: string | null
  createdAt: string
  createdBy: string | null
  updatedAt: string
  version: number
}

export interface SamplingPlanLineTable {
  id: string
  planId: string
  categoryCode: string
  batches: number
  riskWeight: number
}

export interface SamplingPlanLabTable {
  planId: string
  labId: string
  agreementNo: string | null
}

export interface SamplingSampleTable {
  id: string
  sampleNo: string
  unitId: string
  planId: string
  year: number
  checkType: string
  categoryCode: string
  taskMode: string
  assigneeId: string | null
  entityId: string | null
  entityName: string
  place: string | null
  producerName: string | null
  producerAddress: string | null
  producerDivision: string | null
  producerOutside: number
  productName: string | null
  brand: string | null
  spec: string | null
  batchNo: string | null
  productionDate: string | null
  shelfLifeDays: number | null
  quantity: number | null
  backupQuantity: number | null
  quantityUnit: string | null
  pricePaidFen: number | null
  /** JSON array of the samplers' names. */
  samplers: string | null
  sampledOn: string | null
  signedBy: string | null
  labId: string | null
  receivedOn: string | null
  reportNo: string | null
  issuedOn: string | null
  /** pass | fail: the first test's conclusion. */
  conclusion: string | null
  /** Until when the backup sample is kept: 3 months (pass) or 6 months (fail) after the conclusion, capped at shelf life. */
  backupKeepUntil: string | null
  servedOn: string | null
  retestAppliedOn: string | null
  retestLabId: string | null
  retestConclusion: string | null
  leadId: string | null
  disposalDoneOn: string | null
  state: string
  version: number
  createdAt: string
  createdBy: string | null
  updatedAt: string
}

export interface SamplingResultTable {
  id: string
  sampleId: string
  /** first | retest */
  round: string
  seq: number
  item: string
  standard: string
  method: string
  limitText: string
  result: string
  resultUnit: string
  conclusion: string
}

export interface SamplingRetestDrawTable {
  sampleId: string
  algorithm: string
  commitment: string
  /** Revealed on the public page only once the draw is made. */
  secret: string
  committedAt: string
  drawTimeValue: string | null
  poolJson: string | null
  poolHash: string | null
  paramsJson: string | null
  paramsHash: string | null
  seedHex: string | null
  drawnLabId: string | null
  drawnAt: string | null
}

export interface SamplingDisposalTable {
  id: string
  sampleId: string
  step: string
  doneOn: string
  note: string | null
  createdBy: string | null
  createdAt: string
}

export interface SamplingAssistTable {
  id: string
  sampleId: string
  producerName: string
  producerDivision: string | null
  toAuthority: string
  state: string
  requestedOn: string
  createdAt: string
}

declare module '../../core/db/types' {
  interface Database {
    samplingLab: SamplingLabTable
    samplingLabUser: SamplingLabUserTable
    samplingPopulation: SamplingPopulationTable
    samplingPlan: SamplingPlanTable
    samplingPlanLine: SamplingPlanLineTable
    samplingPlanLab: SamplingPlanLabTable
    samplingSample: SamplingSampleTable
    samplingResult: SamplingResultTable
    samplingRetestDraw: SamplingRetestDrawTable
    samplingDisposal: SamplingDisposalTable
    samplingAssist: SamplingAssistTable
  }
}

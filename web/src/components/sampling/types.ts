/** Sampling inspection (抽检): the server's shapes (openapi.gen.ts); vocabulary and workflow from src/shared. */
import type { components } from '../../api/openapi.gen'

export {
  sampleWorkflow,
  SAMPLE_STATE_LABEL,
  SamplingFormInput,
  ResultItemInput,
  ResultItemsInput,
  DISPOSAL_STEPS,
} from '../../../../src/shared/sampling/sample.workflow'
export { FOOD_CATEGORIES, PRODUCT_KINDS, CHECK_TYPE_LABEL, categoryLabel } from '../../../../src/shared/sampling/catalogue'

export type SamplingPlan = components['schemas']['SamplingPlan']
export type SamplingSample = components['schemas']['SamplingSample']
export type SamplingSampleDetail = components['schemas']['SamplingSampleDetail']
export type SamplingLab = components['schemas']['SamplingLab']
export type SamplingResultImportRun = components['schemas']['SamplingResultImportRun']

export interface StatsRow {
  key: string
  label: string
  planned: number
  sampled: number
  tested: number
  nonConforming: number
  passRate: number | null
  disposing: number
  disposed: number
  disposalCompletion: number | null
}
export interface SamplingStats {
  year: number
  checkType: string
  by: string
  rows: StatsRow[]
  total: StatsRow
  population: number | null
  perThousand: number | null
  target: number
}
export interface PublicResult {
  sampleNo: string
  productName: string | null
  brand: string | null
  spec: string | null
  batchNo: string | null
  producerName: string | null
  entityName: string
  categoryName: string
  conclusion: string
  conclusionLabel: string
  failedItems: string[]
  issuedOn: string | null
  labName: string | null
}
export interface DrawVerification {
  sampleNo: string
  commitment: string
  drawn: boolean
  secret: string | null
  drawTimeValue: string | null
  pool: Array<{ labId: string; labName: string }> | null
  poolHash: string | null
  seedHex: string | null
  drawnLabName: string | null
  ok: boolean | null
  problems: string[]
}

export const STATE_COLOR: Record<string, string> = {
  assigned: 'blue',
  cancelled: 'default',
  sampled: 'cyan',
  testing: 'geekblue',
  conforming: 'green',
  non_conforming: 'red',
  served: 'volcano',
  retest_requested: 'orange',
  retesting: 'purple',
  disposing: 'gold',
  closed: 'default',
}

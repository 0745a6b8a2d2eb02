import { describe, expect, it } from 'vitest'
import * as web from '../../../web/src/components/inspection/types'
import { ENTITY_KIND_OPTIONS, ENTITY_STATUS_META, ENTITY_TAG_LABELS, INDUSTRY_SECTIONS as WEB_INDUSTRY, RISK_CLASS_META } from '../../../web/src/components/labels'
import { ENTITY_KIND_LABEL, ENTITY_STATUSES, ENTITY_TAGS, INDUSTRY_SECTIONS, RISK_CLASSES } from '../entities/entities.domain'
import { BUSINESS_LINES, CONFLICT_KINDS, DEFAULT_RATIOS, ENTITY_KIND_TEXT, RESULT_OPTIONS, STRATUM_LABEL, TASK_STATUSES } from './inspections.domain'

/*
 * The web client's copies of the register's and the inspections' vocabularies (it cannot import
 * server modules) against the server's: a result, a business line or an entity kind must read the
 * same in the form, the list, the export and the public page.
 */
describe('the web client’s register and inspection vocabulary equals the server’s', () => {
  it('entity kinds, statuses, tags, risk classes, industry sections', () => {
    expect(Object.fromEntries(ENTITY_KIND_OPTIONS.map((o) => [o.value, o.label]))).toEqual(ENTITY_KIND_LABEL)
    expect(ENTITY_KIND_TEXT).toEqual(ENTITY_KIND_LABEL)
    expect(Object.fromEntries(Object.entries(ENTITY_STATUS_META).map(([k, m]) => [k, m.full]))).toEqual(ENTITY_STATUSES)
    expect(ENTITY_TAG_LABELS).toEqual(ENTITY_TAGS)
    expect(Object.keys(RISK_CLASS_META)).toEqual([...RISK_CLASSES])
    expect(WEB_INDUSTRY).toEqual(INDUSTRY_SECTIONS)
  })

  it('business lines, results and which of them are problems, kinds, strata, conflicts, task states, default ratios', () => {
    expect(web.BUSINESS_LINES).toEqual(BUSINESS_LINES)
    expect(web.RESULT_LABELS).toEqual(Object.fromEntries(Object.entries(RESULT_OPTIONS).map(([k, o]) => [k, o.label])))
    expect([...web.PROBLEM_RESULTS].sort()).toEqual(Object.entries(RESULT_OPTIONS).filter(([, o]) => o.problem).map(([k]) => k).sort())
    expect(web.KIND_LABELS).toEqual(ENTITY_KIND_LABEL)
    expect(web.STRATUM_LABELS).toEqual(STRATUM_LABEL)
    expect(web.CONFLICT_KINDS).toEqual(CONFLICT_KINDS)
    expect(Object.keys(web.STATUS_COLORS).sort()).toEqual(Object.keys(TASK_STATUSES).sort())
    expect(Object.fromEntries(web.DEFAULT_STRATA.map((s) => [s.stratum, s.ratio]))).toEqual(DEFAULT_RATIOS)
  })
})

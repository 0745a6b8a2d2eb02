import { describe, expect, it } from 'vitest'
import { ATTACHMENT_KINDS, confidentialAttachment, ITEM_TYPES } from './complaints.domain'

/** Which 12315 files may identify a protected person (the reporter, Order 20 Art 33): every type × kind. */
describe('confidentialAttachment', () => {
  it('protects every file of a report except the authority’s own material, and no file of a complaint or consultation', () => {
    const matrix = Object.fromEntries(ITEM_TYPES.map((t) => [t, Object.fromEntries(ATTACHMENT_KINDS.map((k) => [k, confidentialAttachment(t, k)]))]))
    expect(matrix).toEqual({
      complaint: { evidence: false, power_of_attorney: false, other: false },
      report: { evidence: true, power_of_attorney: true, other: false },
      consultation: { evidence: false, power_of_attorney: false, other: false },
    })
  })
})

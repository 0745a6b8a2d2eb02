/** The org vocabulary shared by server and web. */

/** Kinds of org unit (机构类型). */
export const UNIT_KINDS = ['province_bureau', 'city_bureau', 'district_bureau', 'station', 'department'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export const UNIT_KIND_LABEL: Record<UnitKind, string> = {
  province_bureau: '省局',
  city_bureau: '市局',
  district_bureau: '区县局',
  station: '市场监管所',
  department: '内设科室',
}

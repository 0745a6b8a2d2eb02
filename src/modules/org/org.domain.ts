import type { UnitKind } from '../../shared/org/vocabulary'

export { UNIT_KIND_LABEL, UNIT_KINDS, type UnitKind } from '../../shared/org/vocabulary'

/** Which kinds may sit under which. Departments sit under any bureau; stations under a district/county bureau. */
const ALLOWED: Record<UnitKind | 'root', readonly UnitKind[]> = {
  root: ['province_bureau', 'city_bureau', 'district_bureau'],
  province_bureau: ['city_bureau', 'department'],
  city_bureau: ['district_bureau', 'department', 'station'],
  district_bureau: ['station', 'department'],
  station: [],
  department: [],
}

export function canContain(parent: UnitKind | null, child: UnitKind): boolean {
  return ALLOWED[parent ?? 'root'].includes(child)
}

/** Territorial jurisdiction belongs to bureaus and stations, never to internal departments. */
export function holdsJurisdiction(kind: UnitKind): boolean {
  return kind !== 'department'
}

/** Materialised path for a unit under `parentPath`. */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`
}

/**
 * Picks the competent unit for a division: the claim on the most specific enclosing code wins
 * (a station's street beats its district's county code, which beats the city's code).
 */
export function pickCompetent<T extends { divisionCode: string }>(enclosing: string[], claims: T[]): T | undefined {
  for (const code of enclosing) {
    const hit = claims.find((c) => c.divisionCode === code)
    if (hit) return hit
  }
  return undefined
}

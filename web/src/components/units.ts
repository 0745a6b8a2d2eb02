import { api } from '../api/client'
import type { Unit } from '../api/types'
import { useLoad } from './hooks'

export interface UnitNode {
  key: string
  value: string
  title: string
  unit: Unit
  children?: UnitNode[]
}

/** Orders siblings by sortOrder, then code. */
function bySort(a: Unit, b: Unit): number {
  return a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)
}

/**
 * Builds the tree from the flat list. Units whose parent is not in the list (out of the viewer's
 * data scope) become roots, so a district admin sees their own district bureau at the top.
 */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const ids = new Set(units.map((u) => u.id))
  const children = new Map<string | null, Unit[]>()
  for (const u of units) {
    const p = u.parentId && ids.has(u.parentId) ? u.parentId : null
    children.set(p, [...(children.get(p) ?? []), u])
  }
  const make = (u: Unit): UnitNode => {
    const kids = (children.get(u.id) ?? []).sort(bySort).map(make)
    return { key: u.id, value: u.id, title: u.name, unit: u, children: kids.length ? kids : undefined }
  }
  return (children.get(null) ?? []).sort(bySort).map(make)
}

export function useUnits(enabled = true) {
  return useLoad((signal) => api.get<{ items: Unit[] }>('/api/org/units', undefined, { signal }).then((r) => r.items), [], enabled)
}

/** The ancestors of a unit within the list, root first. */
export function unitPath(units: Unit[], id: string): Unit[] {
  const byId = new Map(units.map((u) => [u.id, u]))
  const out: Unit[] = []
  let cur = byId.get(id)
  while (cur) {
    out.unshift(cur)
    cur = cur.parentId ? byId.get(cur.parentId) : undefined
  }
  return out
}

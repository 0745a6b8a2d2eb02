/**
 * Drill-down from the leader dashboard to the item list (工作台, /complaints): the filters travel
 * in the address, so a figure's items are one click away and the link can be shared.
 */
export interface DrillFilter {
  unitId?: string
  from: string
  to: string
  type?: string
  category?: string
  /** Search text (编号、被投诉人或摘要), e.g. a hot term. */
  q?: string
  clock?: 'on_time' | 'due_soon' | 'overdue'
  /** 'all' (default): every item received in the period; '1': open only. */
  open?: 'all' | '1'
}

export function itemListLink(f: DrillFilter): string {
  const p = new URLSearchParams()
  p.set('open', f.open ?? 'all')
  if (f.unitId) p.set('unitId', f.unitId)
  p.set('receivedFrom', f.from)
  p.set('receivedTo', f.to)
  if (f.type) p.set('type', f.type)
  if (f.category) p.set('category', f.category)
  if (f.q) p.set('q', f.q.slice(0, 50))
  if (f.clock) p.set('clock', f.clock)
  return `/complaints?${p.toString()}`
}

/**
 * The one HTML escape for text put into markup by hand: chart tooltips (ECharts renders a
 * formatter's return value as HTML), printable pages. Names of units, terms and categories come
 * from data people type, so `<img src=x onerror=…>` as a unit name must arrive as text.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!)
}

import { describe, expect, it } from 'vitest'
import { categoryOption, gaugeOption, hotTermsOption, typeMixOption, unitsOption } from '../../../web/src/components/analytics/charts'
import { itemListLink } from '../../../web/src/components/analytics/drill'
import { escapeHtml } from '../../shared/html'
import { ListQuery } from '../complaints'

/*
 * ECharts puts a tooltip formatter's return value into the page as HTML. Unit names, hot terms and
 * categories come from data people type, so each must arrive as text: a unit named like the
 * payload below would otherwise run its onerror handler (only the CSP stood in the way).
 */
const EVIL = '<img src=x onerror=alert(1)>'
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;'

type Fmt = (p: unknown) => string
const tooltipOf = (o: { tooltip: unknown }) => (o.tooltip as { formatter: Fmt }).formatter

describe('chart tooltips escape every value (HTML injection)', () => {
  it('escapeHtml turns markup into text', () => {
    expect(escapeHtml(EVIL)).toBe(ESCAPED)
    expect(escapeHtml(`a&b "c" 'd'`)).toBe('a&amp;b &quot;c&quot; &#39;d&#39;')
    expect(escapeHtml(null)).toBe('')
  })

  it('unit comparison: the unit name and the series name', () => {
    const o = unitsOption({
      xAxis: [EVIL],
      unitIds: ['u1'],
      series: [
        { name: EVIL, type: 'bar', data: [3] },
        { name: '按时受理率', type: 'line', yAxisIndex: 1, data: [50] },
      ],
    })
    const html = tooltipOf(o)([
      { axisValue: EVIL, seriesName: EVIL, value: 3, marker: '', seriesIndex: 0 },
      { axisValue: EVIL, seriesName: '按时受理率', value: 50, marker: '', seriesIndex: 1 },
    ])
    expect(html).not.toContain('<img')
    expect(html).toContain(ESCAPED)
    expect(html).toContain('3 件')
  })

  it('type mix, categories, gauges and hot terms', () => {
    const outs = [
      tooltipOf(typeMixOption([{ key: 'k', name: EVIL, value: 2 }]))({ name: EVIL, value: 2, percent: 100 }),
      tooltipOf(categoryOption([{ key: 'k', name: EVIL, value: 2 }]))([{ name: EVIL, value: 2 }]),
      tooltipOf(gaugeOption({ name: EVIL, value: 90, numerator: 9, denominator: 10 }))({}),
      tooltipOf(hotTermsOption([{ name: EVIL, value: 2 }], new Map()))([{ name: EVIL, value: 2 }]),
    ]
    for (const html of outs) {
      expect(html).not.toContain('<img')
      expect(html).toContain(ESCAPED)
    }
  })

  it('unit comparison: consultations are off until chosen in the legend', () => {
    const o = unitsOption({
      xAxis: ['12315中心', '解放区局'],
      unitIds: ['c', 'j'],
      series: [
        { name: '投诉、举报', type: 'bar', stack: 'received', data: [5, 40] },
        { name: '咨询', type: 'bar', stack: 'received', data: [900, 2] },
      ],
    })
    expect((o.legend as { selected: Record<string, boolean> }).selected).toEqual({ 咨询: false })
  })

  it('drill-down links carry the filters in the address, and the item list accepts them', () => {
    const link = itemListLink({ unitId: '0190c0de-1234-7abc-8def-0123456789ab', from: '2020-01-01', to: '2020-03-31', category: 'price', q: '口罩' })
    const url = new URL(link, 'http://x')
    expect(url.pathname).toBe('/complaints')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      open: 'all',
      unitId: '0190c0de-1234-7abc-8def-0123456789ab',
      receivedFrom: '2020-01-01',
      receivedTo: '2020-03-31',
      category: 'price',
      q: '口罩',
    })
    const { open: _open, ...api } = Object.fromEntries(url.searchParams)
    expect(ListQuery.safeParse(api).success).toBe(true)
    expect(new URL(itemListLink({ from: '2020-01-01', to: '2020-01-31', clock: 'overdue', open: '1' }), 'http://x').searchParams.get('open')).toBe('1')
  })
})

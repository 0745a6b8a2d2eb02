/**
 * ECharts options of the 12315 leader dashboard, built from the API's chart-ready shapes
 * (GET /api/complaint-stats/dashboard, /hot-topics). Pure functions of the data.
 * ECharts renders a tooltip formatter's return value as HTML: every name in one goes through
 * escapeHtml (unit names, terms and categories are typed by people).
 */
import { escapeHtml } from '../../../../src/shared/html'
import { fmtInt, fmtPct } from './format'
import type { Dashboard, PieDatum, RankedTerm, Series } from './types'

/** Days of the trailing window of the volume alert (alerts.service.ts TRAILING_DAYS). */
export const TRAILING_DAYS = 28

const TYPE_COLOR: Record<string, string> = { 投诉: '#1f5fbf', 举报: '#722ed1', 咨询: '#13a8a8' }
const shortDay = (d: string) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`

/** The daily totals (the '合计' line) of a trend. */
export function totalsOf(trend: Dashboard['trend']): number[] {
  const s = trend.series.find((x) => x.name === '合计') ?? trend.series.find((x) => x.type === 'line')
  return (s?.data ?? []).map((v) => v ?? 0)
}

/**
 * For every day of the period, the average daily volume of the 28 days before it (days without
 * items count as 0, as in the volume alert). `before` holds the 28 days before the period.
 */
export function trailingAverage(before: number[], current: number[], window = TRAILING_DAYS): Array<number | null> {
  if (before.length < window) return current.map(() => null)
  const all = [...before.slice(-window), ...current]
  return current.map((_, i) => {
    let s = 0
    for (let k = i; k < i + window; k++) s += all[k]!
    return Math.round((s / window) * 10) / 10
  })
}

const axisTooltip = {
  trigger: 'axis',
  axisPointer: { type: 'shadow' },
  valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : fmtInt(Math.round(v * 10) / 10)),
}

/** Volume trend: stacked bars per type, the total line and the trailing 28-day average (dashed). */
export function trendOption(trend: Dashboard['trend'], avg?: Array<number | null>, compact = false) {
  const bars = trend.series.filter((s) => s.type === 'bar')
  const total = trend.series.find((s) => s.type === 'line')
  const long = trend.xAxis.length > 62
  const series: Array<Record<string, unknown>> = bars.map((s) => ({
    name: s.name,
    type: 'bar',
    stack: s.stack ?? 'volume',
    data: s.data,
    itemStyle: { color: TYPE_COLOR[s.name] },
    barMaxWidth: 18,
    emphasis: { focus: 'series' },
  }))
  if (total)
    series.push({
      name: total.name,
      type: 'line',
      data: total.data,
      symbol: 'none',
      lineStyle: { width: 1.5, color: '#262626' },
      itemStyle: { color: '#262626' },
    })
  if (avg && avg.some((v) => v !== null)) {
    series.push({
      name: `前${TRAILING_DAYS}日日均`,
      type: 'line',
      data: avg,
      symbol: 'none',
      lineStyle: { width: 2, type: 'dashed', color: '#fa541c' },
      itemStyle: { color: '#fa541c' },
    })
  }
  return {
    tooltip: axisTooltip,
    legend: compact ? { show: false } : { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: compact ? 10 : 36, bottom: long && !compact ? 48 : 8, containLabel: true },
    xAxis: { type: 'category', data: trend.xAxis, axisLabel: { formatter: shortDay, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, name: compact ? undefined : '件', axisLabel: { formatter: (v: number) => fmtInt(v) } },
    dataZoom: long && !compact ? [{ type: 'slider', height: 18, bottom: 6 }, { type: 'inside' }] : undefined,
    series,
  }
}

/** Type mix (投诉 / 举报 / 咨询) as a donut. */
export function typeMixOption(mix: PieDatum[]) {
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number; percent: number }) => `${escapeHtml(p.name)}：${fmtInt(p.value)} 件（${fmtPct(p.percent)}）`,
    },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['38%', '60%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        minShowLabelAngle: 2,
        label: { formatter: (p: { name: string; percent: number }) => `${p.name} ${fmtPct(p.percent)}`, overflow: 'none' },
        labelLine: { length: 8, length2: 8 },
        data: mix.map((d) => ({ ...d, itemStyle: { color: TYPE_COLOR[d.name] } })),
      },
    ],
  }
}

/** Category mix as horizontal bars (largest first), with shares. */
export function categoryOption(mix: PieDatum[]) {
  const total = mix.reduce((s, d) => s + d.value, 0)
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: Array<{ name: string; value: number }>) =>
        ps.map((p) => `${escapeHtml(p.name)}：${fmtInt(p.value)} 件（${fmtPct(total ? (p.value / total) * 100 : 0)}）`).join('<br/>'),
    },
    grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => fmtInt(v) } },
    yAxis: { type: 'category', inverse: true, data: mix.map((d) => d.name), axisLabel: { width: 90, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: '登记量',
        data: mix.map((d) => d.value),
        barMaxWidth: 16,
        itemStyle: { color: '#1f5fbf', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', formatter: (p: { value: number }) => (total ? fmtPct((p.value / total) * 100) : '') },
      },
    ],
  }
}

/** Units compared: volume (bars, left axis) and the rates (lines, right axis 0–100). */
export function unitsOption(units: Dashboard['units']) {
  const rotate = units.xAxis.length > 8 ? 30 : 0
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: Array<{ axisValue: string; seriesName: string; value: number | null; marker: string; seriesIndex: number }>) =>
        [
          escapeHtml(ps[0]?.axisValue ?? ''),
          ...ps.map(
            (p) =>
              `${p.marker}${escapeHtml(p.seriesName)}：${p.value === null || p.value === undefined ? '—' : units.series[p.seriesIndex]?.yAxisIndex === 1 ? fmtPct(p.value) : `${fmtInt(p.value)} 件`}`,
          ),
        ].join('<br/>'),
    },
    // Consultations (mostly the 12315 centre's own) are off until chosen in the legend: otherwise the
    // centre's bar flattens every other unit's.
    legend: { top: 0, type: 'scroll', selected: Object.fromEntries(units.series.filter((s) => s.name === '咨询').map((s) => [s.name, false])) },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: units.xAxis, axisLabel: { interval: 0, rotate, width: 80, overflow: 'truncate' } },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1, axisLabel: { formatter: (v: number) => fmtInt(v) } },
      { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } },
    ],
    series: units.series.map((s: Series) =>
      s.type === 'bar'
        ? { ...s, barMaxWidth: 28, itemStyle: { color: '#1f5fbf', borderRadius: [4, 4, 0, 0] }, cursor: 'pointer' }
        : { ...s, connectNulls: false, symbolSize: 6 },
    ),
  }
}

/** One on-time rate as a gauge (0–100): green ≥ 95 %, amber ≥ 85 %, red below. */
export function gaugeOption(g: Dashboard['onTime'][number]) {
  return {
    tooltip: { formatter: () => `${escapeHtml(g.name)}：${fmtPct(g.value)}（${fmtInt(g.numerator)} ÷ ${fmtInt(g.denominator)}）` },
    series: [
      {
        type: 'gauge',
        name: g.name,
        center: ['50%', '58%'],
        radius: '88%',
        min: 0,
        max: 100,
        startAngle: 210,
        endAngle: -30,
        progress: { show: true, width: 10 },
        axisLine: { lineStyle: { width: 10, color: [[1, '#f0f0f0']] } },
        itemStyle: { color: g.value === null ? '#d9d9d9' : g.value >= 95 ? '#52c41a' : g.value >= 85 ? '#faad14' : '#f5222d' },
        pointer: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        anchor: { show: false },
        title: { offsetCenter: [0, '72%'], fontSize: 12, color: '#595959' },
        detail: { valueAnimation: false, offsetCenter: [0, '0%'], fontSize: 18, fontWeight: 600, formatter: () => fmtPct(g.value) },
        data: [{ value: g.value ?? 0, name: g.name }],
      },
    ],
  }
}

/** Hot terms as horizontal bars; rising terms (against the previous period) in red with their growth. */
export function hotTermsOption(terms: Array<{ name: string; value: number }>, rising: Map<string, RankedTerm>) {
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: Array<{ name: string; value: number }>) =>
        ps
          .map((p) => {
            const r = rising.get(p.name)
            return `${escapeHtml(p.name)}：${fmtInt(p.value)} 件${r ? `<br/>上升：占比 ${fmtPct(r.prevShare * 100)} → ${fmtPct(r.share * 100)}` : ''}`
          })
          .join('<br/>'),
    },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => fmtInt(v) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: terms.map((t) => t.name),
      axisLabel: { formatter: (v: string) => (rising.has(v) ? `{up|↑ ${v}}` : v), rich: { up: { color: '#cf1322', fontWeight: 'bold' } } },
    },
    series: [
      {
        type: 'bar',
        name: '涉及件数',
        barMaxWidth: 14,
        data: terms.map((t) => ({ value: t.value, itemStyle: { color: rising.has(t.name) ? '#f5222d' : '#13a8a8', borderRadius: [0, 4, 4, 0] } })),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => fmtInt(p.value) },
      },
    ],
  }
}

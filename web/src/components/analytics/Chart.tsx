import { BarChart, GaugeChart, LineChart, PieChart } from 'echarts/charts'
import { AriaComponent, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import ReactEChartsCore from 'echarts-for-react/esm/core'
import type { CSSProperties } from 'react'

// Only the parts the 12315 analytics pages draw (keeps the chunk small).
echarts.use([BarChart, LineChart, PieChart, GaugeChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, AriaComponent, CanvasRenderer])

/** Colours of the analytics charts (types: 投诉 blue, 举报 purple, 咨询 cyan, as the tags). */
export const PALETTE = [
  '#1f5fbf',
  '#722ed1',
  '#13a8a8',
  '#fa8c16',
  '#52c41a',
  '#eb2f96',
  '#faad14',
  '#2f54eb',
  '#a0d911',
  '#597ef7',
  '#9254de',
  '#36cfc9',
  '#ff7a45',
  '#8c8c8c',
]

export interface ChartProps {
  option: Record<string, unknown>
  height: number
  /** Read out by screen readers (ECharts aria description is added as well). */
  label: string
  testId?: string
  style?: CSSProperties
  onClick?: (p: { dataIndex: number; seriesIndex: number; name: string }) => void
}

/** An ECharts canvas (echarts-for-react core build over the parts registered above). */
export function Chart({ option, height, label, testId, style, onClick }: ChartProps) {
  return (
    <div role="img" aria-label={label} data-testid={testId} className="analytics-chart">
      <ReactEChartsCore
        echarts={echarts}
        option={{ color: PALETTE, aria: { enabled: true }, animationDuration: 400, ...option }}
        notMerge
        lazyUpdate
        style={{ height, width: '100%', ...style }}
        onEvents={onClick ? { click: onClick } : undefined}
      />
    </div>
  )
}

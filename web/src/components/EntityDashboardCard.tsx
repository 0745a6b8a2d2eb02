import { ShopOutlined } from '@ant-design/icons'
import { Card, Empty, Flex, Skeleton, Space, Statistic, Typography } from 'antd'
import { BarChart } from 'echarts/charts'
import { GridComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import ReactEChartsCore from 'echarts-for-react/esm/core'
import { useMemo } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { api } from '../api/client'
import type { Division, EntityPage, Unit } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { useLoad } from './hooks'
import { fmtCount } from './labels'

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer])

/** Used when the viewer may not read the organisation: the demo city (焦作市). */
const FALLBACK_ROOT = '410800'

/** The divisions of the viewer's top-most units (their jurisdiction). */
function rootCodes(units: Unit[]): string[] {
  const ids = new Set(units.map((u) => u.id))
  return [...new Set(units.filter((u) => !u.parentId || !ids.has(u.parentId)).flatMap((u) => u.divisions.map((d) => d.code)))]
}

const count = (signal: AbortSignal, division?: string) =>
  api.get<EntityPage>('/api/entities', { pageSize: 1, division }, { signal }).then((r) => ({ total: r.total, capped: r.totalCapped }))

/**
 * Home-page card: how many entities the viewer's scope holds, and how they spread over the
 * divisions one level below the viewer's jurisdiction (one cheap capped count per division).
 */
export function EntityDashboardCard() {
  const { can } = useAuth()
  const navigate = useNavigate()
  const units = useLoad((signal) => api.get<{ items: Unit[] }>('/api/org/units', undefined, { signal }).then((r) => r.items), [], can('org.read'))
  const roots = useMemo(() => {
    if (!can('org.read')) return [FALLBACK_ROOT]
    return units.data ? rootCodes(units.data) : null
  }, [can, units.data])

  const total = useLoad((signal) => count(signal), [])
  const spread = useLoad(
    async (signal) => {
      const lists = await Promise.all(
        (roots ?? []).slice(0, 3).map((code) => api.get<{ items: Division[] }>('/api/divisions', { parent: code }, { signal }).then((r) => r.items)),
      )
      const divisions = lists
        .flat()
        .filter((d) => d.code.length <= 9)
        .slice(0, 20)
      const level = divisions[0]?.level
      const counts = await Promise.all(divisions.map((d) => count(signal, d.code)))
      return { level, rows: divisions.map((d, i) => ({ code: d.code, name: d.name, ...counts[i]! })) }
    },
    [roots?.join()],
    !!roots && roots.length > 0,
  )

  const rows = useMemo(() => (spread.data?.rows ?? []).filter((r) => r.total > 0), [spread.data])
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v} 户` },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: '经营主体',
          data: rows.map((r) => r.total),
          itemStyle: { color: '#13a8a8', borderRadius: [0, 4, 4, 0] },
          label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => fmtCount(rows[p.dataIndex]!.total, rows[p.dataIndex]!.capped) },
          barMaxWidth: 16,
          cursor: 'pointer',
        },
      ],
    }),
    [rows],
  )
  const levelWord = spread.data?.level === 'township' ? '各乡镇（街道）' : '各区县'

  return (
    <Card title="经营主体名录" extra={<Link to="/entities">检索名录</Link>} data-testid="entity-dashboard">
      <Flex justify="space-between" align="flex-end" wrap gap={8} style={{ marginBottom: 12 }}>
        {total.loading && !total.data ? (
          <Skeleton.Input active />
        ) : (
          <Statistic
            title="您数据范围内的经营主体"
            value={total.data?.total ?? 0}
            formatter={() => (total.data ? fmtCount(total.data.total, total.data.capped) : '—')}
            suffix="户"
            prefix={<ShopOutlined />}
          />
        )}
        <Space size={16}>{can('entity.import') ? <Link to="/entity-import">名录导入</Link> : null}</Space>
      </Flex>
      {total.error ? <Typography.Text type="danger">{total.error}</Typography.Text> : null}
      {spread.loading && !spread.data ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : rows.length > 1 ? (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {levelWord}经营主体数（按经营场所，点击查看名录）
          </Typography.Text>
          <ReactEChartsCore
            echarts={echarts}
            option={option}
            notMerge
            style={{ height: Math.max(140, rows.length * 26 + 30) }}
            onEvents={{ click: (p: { dataIndex: number }) => navigate(`/entities?division=${rows[p.dataIndex]!.code}`) }}
          />
        </>
      ) : total.data && total.data.total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={can('entity.import') ? '名录为空，可通过“名录导入”载入登记系统导出的数据' : '名录为空'} />
      ) : null}
    </Card>
  )
}

import { FileExcelOutlined } from '@ant-design/icons'
import { Alert, Card, Flex, Table, Typography, type TableColumnsType } from 'antd'
import { useSearchParams } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import { ExportButton } from '../components/analytics/ExportButton'
import { Chart } from '../components/analytics/Chart'
import { PeriodPicker, periodOf, readPeriod, writePeriod, type Period } from '../components/analytics/PeriodPicker'
import '../components/analytics/analytics.css'
import { yuan } from '../components/cases/labels'
import { STAT_MEASURES, type CaseStatsTable, type StatMeasures, type StatsMonthly } from '../components/cases/publicity'
import { useLoad } from '../components/hooks'
import { PageHeader } from '../components/PageHeader'

type Row = StatMeasures & { key: string; name: string; children?: Row[] }
const MONEY = new Set(['fineFen', 'confiscatedFen'])
const MEASURES = Object.keys(STAT_MEASURES) as Array<keyof typeof STAT_MEASURES>

/** Unit rows as a tree (roll-up figures), each unit's case types as its leaves. */
function treeOf(t: CaseStatsTable): Row[] {
  const byId = new Map<string, Row>()
  const roots: Row[] = []
  for (const u of t.units) {
    const types: Row[] = u.types.map((x) => ({ ...x, key: `${u.unitId}:${x.caseType}`, name: x.caseTypeLabel }))
    byId.set(u.unitId, { ...u.total, key: u.unitId, name: u.unitName, children: types })
  }
  for (const u of t.units) {
    const row = byId.get(u.unitId)!
    const parent = u.parentId ? byId.get(u.parentId) : undefined
    if (parent)
      parent.children = [...(parent.children ?? []).filter((c) => !c.key.includes(':')), row, ...(parent.children ?? []).filter((c) => c.key.includes(':'))]
    else roots.push(row)
  }
  return roots
}

/**
 * 案件统计: cases filed, closed and pending, fines and confiscations, seizures, transfers and
 * on-the-spot penalties by unit (rolled up through the org tree) × case type × period, a monthly
 * chart, and the Excel export.
 */
export default function CaseStatsPage() {
  const [params, setParams] = useSearchParams()
  const period = readPeriod(params, periodOf('year'))
  const setPeriod = (p: Period) => {
    const out: Record<string, string> = {}
    writePeriod(p, out)
    setParams(out, { replace: true })
  }
  const q = { from: period.from, to: period.to }
  const table = useLoad((signal) => api.get<CaseStatsTable>('/api/case-stats', q, { signal }), [period.from, period.to])
  const monthly = useLoad((signal) => api.get<StatsMonthly>('/api/case-stats/monthly', q, { signal }), [period.from, period.to])
  const t = table.data
  const columns: TableColumnsType<Row> = [
    { title: '单位 / 案件类型', dataIndex: 'name', fixed: 'left', width: 260 },
    ...MEASURES.map((k) => ({
      title: STAT_MEASURES[k],
      dataIndex: k,
      align: 'right' as const,
      width: MONEY.has(k) ? 140 : 100,
      render: (v: number) => (MONEY.has(k) ? yuan(v) : v.toLocaleString('zh-CN')),
    })),
  ]
  const m = monthly.data?.items ?? []
  return (
    <>
      <PageHeader
        title="案件统计"
        subtitle="立案、结案按立案日期与结案日期统计；罚没金额按决定日期；期末未结截至期间末日。"
        extra={
          <ExportButton
            path="/api/case-stats/export"
            query={q}
            label="导出 Excel"
            fallbackName={`案件统计_${period.from}_${period.to}.xlsx`}
            icon={<FileExcelOutlined />}
            testId="case-stats-export"
          />
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <PeriodPicker value={period} onChange={setPeriod} />
      </Card>
      {table.error ? <Alert type="error" showIcon message={errorMessage(table.error)} style={{ marginBottom: 12 }} /> : null}
      {t ? (
        <Flex wrap gap={12} style={{ marginBottom: 12 }} data-testid="case-stats-total">
          {(['filed', 'closed', 'pending', 'fineFen', 'confiscatedFen', 'seizedQuantity'] as const).map((k) => (
            <Card size="small" key={k} style={{ minWidth: 150 }}>
              <Typography.Text type="secondary">{STAT_MEASURES[k]}</Typography.Text>
              <div style={{ fontSize: 22, fontWeight: 600 }} data-testid={`total-${k}`}>
                {MONEY.has(k) ? yuan(t.total[k]) : t.total[k].toLocaleString('zh-CN')}
              </div>
            </Card>
          ))}
        </Flex>
      ) : null}
      {m.length > 1 ? (
        <Card size="small" title="按月立案、结案" style={{ marginBottom: 12 }}>
          <Chart
            height={260}
            label={`按月立案、结案，${period.from} 至 ${period.to}`}
            testId="case-stats-chart"
            option={{
              tooltip: { trigger: 'axis' },
              legend: { data: ['立案', '结案'], top: 0 },
              grid: { left: 40, right: 16, top: 36, bottom: 28 },
              xAxis: { type: 'category', data: m.map((x) => x.month) },
              yAxis: { type: 'value', minInterval: 1 },
              series: [
                { name: '立案', type: 'bar', data: m.map((x) => x.filed) },
                { name: '结案', type: 'bar', data: m.map((x) => x.closed) },
              ],
            }}
          />
        </Card>
      ) : null}
      <Card size="small">
        <Table<Row>
          rowKey="key"
          size="small"
          loading={table.loading}
          dataSource={t ? treeOf(t) : []}
          columns={columns}
          pagination={false}
          scroll={{ x: 1300 }}
          expandable={{ defaultExpandedRowKeys: t ? t.units.filter((u) => u.depth === 0).map((u) => u.unitId) : [] }}
          data-testid="case-stats-table"
          key={t ? `${t.from}-${t.to}` : 'empty'}
        />
      </Card>
    </>
  )
}

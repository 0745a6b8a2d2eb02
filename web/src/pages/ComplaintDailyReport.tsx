import { ExportOutlined, FileExcelOutlined, LeftOutlined, PrinterOutlined, RightOutlined } from '@ant-design/icons'
import { Alert, Button, Card, DatePicker, Flex, Form, Skeleton, Space, Tag, Tooltip, Typography } from 'antd'
import dayjs from 'dayjs'
import { useMemo, useRef } from 'react'
import { useSearchParams } from 'react-router-dom'
import { api, buildUrl } from '../api/client'
import { useAuth } from '../auth/AuthContext'
import { ExportButton } from '../components/analytics/ExportButton'
import { fmtInt, fmtRate, fmtYuan } from '../components/analytics/format'
import type { DailyReport } from '../components/analytics/types'
import '../components/analytics/analytics.css'
import { useLoad } from '../components/hooks'
import { beijingToday, fmtDateCnWeekday } from '../components/labels'
import { PageHeader } from '../components/PageHeader'
import { UnitTreeSelect } from '../components/UnitTreeSelect'
import { useUnits } from '../components/units'

const D = 'YYYY-MM-DD'
const UUID = /^[0-9a-f-]{36}$/i

function Kpi({ label, value, sub, warn, testId }: { label: string; value: string; sub?: string; warn?: boolean; testId?: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className={`kpi-value${warn ? ' warn' : ''}`} data-value>
        {value}
      </div>
      {sub ? <div className="kpi-sub">{sub}</div> : null}
    </div>
  )
}

/** 日报: the day's figures for a unit (with its subtree), the printable page and the Excel workbook. */
export default function ComplaintDailyReportPage() {
  const { can } = useAuth()
  const [params, setParams] = useSearchParams()
  const today = beijingToday()
  const rawDay = params.get('day')
  const day = rawDay && /^\d{4}-\d{2}-\d{2}$/.test(rawDay) && dayjs(rawDay, D, true).isValid() && rawDay <= today ? rawDay : today
  const rawUnit = params.get('unitId')
  const unitId = rawUnit && UUID.test(rawUnit) ? rawUnit : undefined
  const units = useUnits(can('org.read'))
  const set = (next: { day?: string; unitId?: string | null }) => {
    const p: Record<string, string> = {}
    const d = next.day ?? day
    const u = next.unitId === null ? undefined : (next.unitId ?? unitId)
    if (d !== today) p.day = d
    if (u) p.unitId = u
    setParams(p)
  }
  const query = useMemo(() => ({ day, unitId }), [day, unitId])
  const report = useLoad((signal) => api.get<DailyReport>('/api/complaint-reports/daily', query, { signal }), [day, unitId])
  const htmlUrl = buildUrl('/api/complaint-reports/daily', { ...query, format: 'html' })
  const frame = useRef<HTMLIFrameElement>(null)
  const r = report.data
  const closedItems = r ? r.closed.reduce((s, c) => s + c.items, 0) : 0
  const closedFen = r ? r.closed.reduce((s, c) => s + c.recoveredFen, 0) : 0
  const openAlerts = r ? r.alerts.filter((a) => !a.acknowledgedAt).length : 0

  return (
    <div className="page analytics-page">
      <PageHeader
        title="日报"
        docTitle="12315 日报"
        subtitle={r ? `${r.unit.name} · ${fmtDateCnWeekday(r.day)}（按登记日期）` : '每日投诉举报咨询情况，可打印、可导出 Excel'}
        extra={
          <>
            <Button icon={<PrinterOutlined />} onClick={() => frame.current?.contentWindow?.print()} disabled={!r}>
              打印
            </Button>
            <Button icon={<ExportOutlined />} href={htmlUrl} target="_blank" rel="noopener" disabled={!r}>
              新窗口打开
            </Button>
            <ExportButton
              path="/api/complaint-reports/daily"
              query={{ ...query, format: 'xlsx' }}
              label="下载 Excel"
              type="primary"
              icon={<FileExcelOutlined />}
              fallbackName={`12315日报-${day}.xlsx`}
              disabled={!r}
              testId="daily-export"
            />
          </>
        }
      />
      <Card className="filter-card" size="small">
        <Form layout="inline" className="search-form">
          <Form.Item label="日期">
            <Space.Compact>
              <Tooltip title="前一天">
                <Button icon={<LeftOutlined />} aria-label="前一天" onClick={() => set({ day: dayjs(day).subtract(1, 'day').format(D) })} />
              </Tooltip>
              <DatePicker
                value={dayjs(day)}
                allowClear={false}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                onChange={(d) => d && set({ day: d.format(D) })}
                format="YYYY-MM-DD dddd"
                aria-label="日报日期"
                data-testid="daily-day"
              />
              <Tooltip title="后一天">
                <Button icon={<RightOutlined />} aria-label="后一天" disabled={day >= today} onClick={() => set({ day: dayjs(day).add(1, 'day').format(D) })} />
              </Tooltip>
            </Space.Compact>
          </Form.Item>
          {can('org.read') ? (
            <Form.Item label="单位">
              <UnitTreeSelect
                units={units.data}
                loading={units.loading}
                value={unitId}
                onChange={(v: string | undefined) => set({ unitId: v || null })}
                style={{ width: 240 }}
                placeholder="本人数据范围（含下级）"
              />
            </Form.Item>
          ) : null}
        </Form>
      </Card>

      {report.error ? (
        <Alert
          type="error"
          showIcon
          title={report.error}
          className="page-alert"
          action={
            <Button size="small" onClick={report.reload}>
              重试
            </Button>
          }
        />
      ) : null}

      {report.loading && !r ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : r ? (
        <>
          <div className="kpi-grid" style={{ marginBottom: 16 }} data-testid="daily-kpis">
            <Kpi label="当日登记" value={fmtInt(r.totals.received)} testId="daily-received" />
            {r.byType.map((t) => (
              <Kpi key={t.itemType} label={t.label} value={fmtInt(t.received)} testId={`daily-type-${t.itemType}`} />
            ))}
            <Kpi label="受理 / 不予受理" value={`${fmtInt(r.totals.accepted)} / ${fmtInt(r.totals.notAccepted)}`} testId="daily-accepted" />
            <Kpi label="当日办结" value={fmtInt(closedItems)} sub={`挽回损失 ¥${fmtYuan(closedFen)}`} testId="daily-closed" />
            <Kpi label="按时受理率" value={fmtRate(r.totals.onTimeAcceptanceRate)} sub={`${fmtInt(r.totals.acceptOnTime)} ÷ ${fmtInt(r.totals.acceptDue)}`} />
            <Kpi label="按时核查率" value={fmtRate(r.totals.onTimeVerificationRate)} sub={`${fmtInt(r.totals.verifyOnTime)} ÷ ${fmtInt(r.totals.verifyDue)}`} />
            <Kpi label="超期未办结" value={fmtInt(r.overdueTotal)} warn={r.overdueTotal > 0} testId="daily-overdue" />
            <Kpi
              label="当日预警"
              value={fmtInt(r.alerts.length)}
              warn={openAlerts > 0}
              sub={r.alerts.length ? `未确认 ${openAlerts} 条` : undefined}
              testId="daily-alerts"
            />
          </div>
          {r.hotTerms.length ? (
            <Flex gap={6} wrap align="center" style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary">当日热词：</Typography.Text>
              {r.hotTerms.map((h) => (
                <Tag key={h.term} color={h.prevShare > 0 && h.share >= h.prevShare * 1.5 ? 'red' : undefined}>
                  {h.term} {fmtInt(h.items)}
                </Tag>
              ))}
            </Flex>
          ) : null}
          <Card size="small" title="日报（可打印页）" styles={{ body: { padding: 8 } }}>
            <iframe
              ref={frame}
              className="report-frame"
              title={`${r.unit.name} ${r.day} 日报`}
              src={htmlUrl}
              sandbox="allow-same-origin allow-modals"
              data-testid="daily-frame"
            />
          </Card>
        </>
      ) : null}
    </div>
  )
}

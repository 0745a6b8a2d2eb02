import { Alert, Badge, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { api } from '../../api/client'
import type { Page } from '../../api/types'
import { useLoad } from '../hooks'
import { Chart } from './Chart'
import { trendOption } from './charts'
import { fmtInt, fmtRate } from './format'
import type { AlertItem, Dashboard } from './types'

/**
 * Home-page card for leaders (complaint.stats): the last 30 days' volume trend, the on-time rates
 * and the unconfirmed alerts.
 */
export function ComplaintHomeCard() {
  const dash = useLoad((signal) => api.get<Dashboard>('/api/complaint-stats/dashboard', undefined, { signal }), [])
  const alerts = useLoad((signal) => api.get<Page<AlertItem>>('/api/complaint-alerts', { status: 'open', recent: '1', pageSize: 3 }, { signal }), [])
  const d = dash.data
  return (
    <Card title="12315 投诉举报（近30天）" extra={<Link to="/complaint-dashboard">领导看板</Link>} data-testid="complaint-home-card">
      {dash.error ? <Alert type="error" showIcon title={dash.error} style={{ marginBottom: 8 }} /> : null}
      {dash.loading && !d ? (
        <Skeleton active paragraph={{ rows: 5 }} />
      ) : d ? (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} sm={6}>
              <Statistic title="登记量" value={fmtInt(d.totals.received)} suffix="件" />
            </Col>
            <Col xs={12} sm={6}>
              <Statistic title="按时受理率" value={fmtRate(d.totals.onTimeAcceptanceRate)} />
            </Col>
            <Col xs={12} sm={6}>
              <Statistic title="按时核查率" value={fmtRate(d.totals.onTimeVerificationRate)} />
            </Col>
            <Col xs={12} sm={6}>
              <Statistic title="超期" value={fmtInt(d.totals.overdue)} suffix="件" styles={{ content: { color: d.totals.overdue ? '#cf1322' : undefined } }} />
            </Col>
          </Row>
          {d.totals.received > 0 ? (
            <Chart option={trendOption(d.trend, undefined, true)} height={140} label={`近30天登记量 ${fmtInt(d.totals.received)} 件`} testId="home-trend" />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="近30天没有登记的件" />
          )}
        </>
      ) : null}
      <Flex align="center" gap={8} style={{ marginTop: 8 }}>
        <Typography.Text strong>未确认的预警</Typography.Text>
        <Badge count={alerts.data?.total ?? 0} overflowCount={999} showZero color={alerts.data?.total ? '#fa541c' : '#bfbfbf'} />
        <Link to="/complaint-alerts" style={{ marginInlineStart: 'auto' }}>
          全部预警
        </Link>
      </Flex>
      {alerts.data?.items.length ? (
        <div className="simple-list">
          {alerts.data.items.map((a) => (
            <div key={a.id} className="simple-list-item">
              <Typography.Text ellipsis={{ tooltip: a.message }} style={{ maxWidth: '100%' }}>
                <Typography.Text type="secondary">{a.day}</Typography.Text> {a.title}
              </Typography.Text>
            </div>
          ))}
        </div>
      ) : null}
    </Card>
  )
}

import { ReloadOutlined, RiseOutlined } from '@ant-design/icons'
import { Alert, Badge, Button, Card, Col, Empty, Flex, Form, Row, Segmented, Skeleton, Tag, Tooltip, Typography } from 'antd'
import dayjs from 'dayjs'
import { useMemo, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { api } from '../api/client'
import { useAuth } from '../auth/AuthContext'
import { AlertList, useOpenAlertCount } from '../components/analytics/AlertBits'
import { Chart } from '../components/analytics/Chart'
import { itemListLink, type DrillFilter } from '../components/analytics/drill'
import {
  categoryOption,
  gaugeOption,
  hotTermsOption,
  totalsOf,
  trailingAverage,
  trendOption,
  typeMixOption,
  unitsOption,
  TRAILING_DAYS,
} from '../components/analytics/charts'
import { fmtDays, fmtInt, fmtPct, fmtRate, fmtYuan } from '../components/analytics/format'
import { PeriodPicker, periodOf, readPeriod, writePeriod, type Period } from '../components/analytics/PeriodPicker'
import { AP, type Dashboard, type HotTopics, type RankedTerm } from '../components/analytics/types'
import '../components/analytics/analytics.css'
import { useLoad } from '../components/hooks'
import { PageHeader } from '../components/PageHeader'
import { UnitTreeSelect } from '../components/UnitTreeSelect'
import { unitPath, useUnits } from '../components/units'

const D = 'YYYY-MM-DD'
const UUID = /^[0-9a-f-]{36}$/i

function Kpi({ label, value, sub, warn, tip, to }: { label: string; value: string; sub?: string; warn?: boolean; tip?: string; to?: string }) {
  const inner = (
    <>
      <div className="kpi-label">{label}</div>
      <div className={`kpi-value${warn ? ' warn' : ''}${value.length > 10 ? ' long' : ''}`}>{value}</div>
      {sub ? <div className="kpi-sub">{sub}</div> : null}
    </>
  )
  // With `to`, the card opens its items in the work queue (drill-down).
  const body = to ? (
    <Link className="kpi" data-testid="dash-kpi" to={to} aria-label={`${label} ${value}，查看明细`} style={{ display: 'block', color: 'inherit' }}>
      {inner}
    </Link>
  ) : (
    <div className="kpi" data-testid="dash-kpi">
      {inner}
    </div>
  )
  return tip ? <Tooltip title={tip}>{body}</Tooltip> : body
}

/**
 * 领导看板: volume trend with the trailing 28-day average, type and category mix, units compared,
 * on-time rates, hot terms (rising ones marked) and the active alerts with acknowledgement.
 */
export default function ComplaintDashboardPage() {
  const { can } = useAuth()
  const [params, setParams] = useSearchParams()
  const period = readPeriod(params, periodOf('last30'))
  const rawUnit = params.get('unitId')
  const unitId = rawUnit && UUID.test(rawUnit) ? rawUnit : undefined
  const units = useUnits(can('org.read'))
  const [tick, setTick] = useState(0)
  const [termView, setTermView] = useState<'top' | 'rising'>('top')
  const set = (next: { period?: Period; unitId?: string | null }) => {
    const p: Record<string, string> = {}
    writePeriod(next.period ?? period, p)
    const u = next.unitId === null ? undefined : (next.unitId ?? unitId)
    if (u) p.unitId = u
    setParams(p)
  }
  const q = { from: period.from, to: period.to, unitId }
  const key = JSON.stringify(q)
  const dash = useLoad((signal) => api.get<Dashboard>('/api/complaint-stats/dashboard', q, { signal }), [key, tick])
  // The 28 days before the period, for the trailing average line of the trend.
  const before = useLoad(
    (signal) =>
      api.get<Dashboard>(
        '/api/complaint-stats/dashboard',
        { unitId, from: dayjs(period.from).subtract(TRAILING_DAYS, 'day').format(D), to: dayjs(period.from).subtract(1, 'day').format(D) },
        { signal },
      ),
    [key, tick],
  )
  const hot = useLoad((signal) => api.get<HotTopics>('/api/complaint-stats/hot-topics', { ...q, limit: 20 }, { signal }), [key, tick])
  const openAlerts = useOpenAlertCount(true, tick)

  const d = dash.data
  const avg = useMemo(() => (d && before.data ? trailingAverage(totalsOf(before.data.trend), totalsOf(d.trend)) : undefined), [d, before.data])
  const rising = useMemo(() => new Map<string, RankedTerm>((hot.data?.rising ?? []).map((t) => [t.term, t])), [hot.data])
  const terms = useMemo(() => (d?.hotTerms ?? []).slice(0, 15), [d])
  const path = useMemo(() => (units.data && d ? unitPath(units.data, d.unit.id) : []), [units.data, d])
  // Drill-down to the item list with this dashboard's period and unit (only for those who may read items).
  const drill = (f: Omit<DrillFilter, 'from' | 'to' | 'unitId'> = {}) =>
    can('complaint.read') && d ? itemListLink({ unitId: d.unit.id, from: d.from, to: d.to, ...f }) : undefined
  const navigate = useNavigate()
  const go = (to: string | undefined) => (to ? navigate(to) : undefined)
  const t = d?.totals

  return (
    <div className="page analytics-page">
      <PageHeader
        title="领导看板"
        docTitle="12315 领导看板"
        subtitle={d ? `${d.unit.name}（含下级单位）· 登记日期 ${d.from} 至 ${d.to}` : '投诉举报咨询态势'}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => setTick((x) => x + 1)} loading={dash.loading}>
              刷新
            </Button>
            <Link to={`/complaint-stats?period=${period.mode}&from=${period.from}&to=${period.to}${unitId ? `&unitId=${unitId}` : ''}`}>
              <Button>查看统计报表</Button>
            </Link>
          </>
        }
      />
      <Card className="filter-card" size="small">
        <Form layout="inline" className="search-form">
          <Form.Item label="期间">
            <PeriodPicker value={period} onChange={(p) => set({ period: p })} modes={['last30', 'month', 'quarter', 'year', 'range']} />
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
          {path.length > 1 ? (
            <Form.Item>
              <Typography.Text type="secondary">
                {path.map((u, i) => (
                  <span key={u.id}>
                    {i > 0 ? ' / ' : ''}
                    {i < path.length - 1 ? <a onClick={() => set({ unitId: u.id })}>{u.shortName ?? u.name}</a> : (u.shortName ?? u.name)}
                  </span>
                ))}
              </Typography.Text>
            </Form.Item>
          ) : null}
        </Form>
      </Card>

      {dash.error ? (
        <Alert
          type="error"
          showIcon
          title={dash.error}
          className="page-alert"
          action={
            <Button size="small" onClick={() => setTick((x) => x + 1)}>
              重试
            </Button>
          }
        />
      ) : null}

      {dash.loading && !d ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : d && t ? (
        <>
          <div className="kpi-grid" style={{ marginBottom: 16 }} data-testid="dash-kpis">
            <Kpi label="登记量" value={fmtInt(t.received)} sub={d.typeMix.map((m) => `${m.name} ${fmtInt(m.value)}`).join(' · ')} to={drill()} />
            <Kpi label="受理投诉" value={fmtInt(t.accepted)} sub={`不予受理 ${fmtInt(t.notAccepted)}`} to={drill({ type: 'complaint' })} />
            <Kpi label="调解成功率" value={fmtRate(t.mediationSuccessRate)} sub={`${fmtInt(t.mediatedOk)} ÷ ${fmtInt(t.mediationEnded)}`} />
            <Kpi label="挽回经济损失" value={`¥${fmtYuan(t.recoveredFen)}`} />
            <Kpi label="按时受理率" value={fmtRate(t.onTimeAcceptanceRate)} sub={`${fmtInt(t.acceptOnTime)} ÷ ${fmtInt(t.acceptDue)}`} />
            <Kpi label="按时核查率" value={fmtRate(t.onTimeVerificationRate)} sub={`${fmtInt(t.verifyOnTime)} ÷ ${fmtInt(t.verifyDue)}`} />
            <Kpi label="平均办理时长" value={`${fmtDays(t.avgHandlingDays)} 天`} sub={`已办结 ${fmtInt(t.closed)}`} />
            <Kpi
              label="超期件数"
              value={fmtInt(t.overdue)}
              warn={t.overdue > 0}
              tip="逾期完成的件与截至今天已过到期日仍未办结的件；点击查看仍未办结的超期件"
              to={drill({ clock: 'overdue', open: '1' })}
            />
          </div>

          <Row gutter={[16, 16]}>
            <Col span={24}>
              <Card
                size="small"
                title="登记量趋势"
                extra={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    柱：各类型日登记量；黑线：合计；橙色虚线：前{TRAILING_DAYS}日日均
                  </Typography.Text>
                }
              >
                {t.received === 0 && !(avg ?? []).some((v) => v) ? (
                  <Empty description="此期间没有登记的件" />
                ) : (
                  <Chart
                    option={trendOption(d.trend, avg)}
                    height={320}
                    label={`登记量趋势，${d.from} 至 ${d.to}，合计 ${fmtInt(t.received)} 件`}
                    testId="chart-trend"
                  />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title="类型构成">
                {d.typeMix.some((m) => m.value > 0) ? (
                  <Chart
                    option={typeMixOption(d.typeMix)}
                    height={280}
                    label="类型构成"
                    testId="chart-types"
                    onClick={(p) => go(drill({ type: d.typeMix.find((m) => m.name === p.name)?.key }))}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无数据" />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={16}>
              <Card size="small" title="分类构成">
                {d.categoryMix.length ? (
                  <Chart
                    option={categoryOption(d.categoryMix)}
                    height={Math.max(200, d.categoryMix.length * 24 + 24)}
                    label="分类构成"
                    testId="chart-categories"
                    onClick={(p) => go(drill({ category: d.categoryMix[p.dataIndex]?.key }))}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无数据" />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={16}>
              <Card
                size="small"
                title="各单位对比"
                extra={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    点击柱形查看该单位
                  </Typography.Text>
                }
              >
                {d.units.xAxis.length ? (
                  <Chart
                    option={unitsOption(d.units)}
                    height={320}
                    label="各单位登记量与按时率对比"
                    testId="chart-units"
                    onClick={(p) => {
                      const id = d.units.unitIds[p.dataIndex]
                      if (id && id !== d.unit.id) set({ unitId: id })
                    }}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无下级单位数据" />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title="按时办理">
                <Row gutter={8}>
                  {d.onTime.map((g) => (
                    <Col key={g.name} span={8} style={{ textAlign: 'center' }}>
                      <Chart option={gaugeOption(g)} height={150} label={`${g.name} ${fmtPct(g.value)}`} testId="chart-ontime" />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {fmtInt(g.numerator)} ÷ {fmtInt(g.denominator)}
                      </Typography.Text>
                    </Col>
                  ))}
                </Row>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title="热点词"
                extra={
                  <Segmented
                    size="small"
                    value={termView}
                    onChange={(v) => setTermView(v as 'top' | 'rising')}
                    options={[
                      { value: 'top', label: '热词' },
                      { value: 'rising', label: '上升热词' },
                    ]}
                  />
                }
              >
                {termView === 'top' ? (
                  terms.length ? (
                    <>
                      <Chart
                        option={hotTermsOption(terms, rising)}
                        height={Math.max(200, terms.length * 22 + 24)}
                        label={`热词：${terms
                          .slice(0, 5)
                          .map((x) => x.name)
                          .join('、')}`}
                        testId="chart-terms"
                        onClick={(p) => go(drill({ q: terms[p.dataIndex]?.name }))}
                      />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        红色 ↑：与上一等长期间相比占比上升的词{hot.data ? `（上一期间 ${hot.data.previous.from} 至 ${hot.data.previous.to}）` : ''}
                      </Typography.Text>
                    </>
                  ) : (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无热词" />
                  )
                ) : hot.loading && !hot.data ? (
                  <Skeleton active />
                ) : hot.error ? (
                  <Alert type="error" showIcon title={hot.error} />
                ) : hot.data?.rising.length ? (
                  <div className="simple-list" data-testid="rising-terms">
                    {hot.data.rising.slice(0, 12).map((r) => (
                      <Flex key={r.term} justify="space-between" align="center" style={{ padding: '4px 0', borderBottom: '1px solid #f5f5f5' }}>
                        <span className="hot-term-rising">
                          <RiseOutlined /> {drill() ? <Link to={drill({ q: r.term })!}>{r.term}</Link> : r.term}
                        </span>
                        <Typography.Text type="secondary">
                          {fmtInt(r.items)} 件 · 占比 {fmtPct(r.prevShare * 100)} → {fmtPct(r.share * 100)}
                        </Typography.Text>
                      </Flex>
                    ))}
                  </div>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有明显上升的词" />
                )}
                {hot.data?.products.length ? (
                  <Flex gap={6} wrap style={{ marginTop: 12 }} align="center">
                    <Typography.Text type="secondary">涉及较多的商品和服务：</Typography.Text>
                    {hot.data.products.slice(0, 8).map((p) => (
                      <Tag key={p.code}>
                        {p.label} {fmtInt(p.items)}
                      </Tag>
                    ))}
                  </Flex>
                ) : null}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={
                  <Flex gap={8} align="center">
                    未确认的预警 <Badge count={openAlerts.data ?? 0} overflowCount={999} />
                  </Flex>
                }
                extra={<Link to="/complaint-alerts">全部预警{can(AP.alertManage) ? '与规则' : ''}</Link>}
              >
                <AlertList status="open" pageSize={5} tick={tick} onChanged={openAlerts.reload} />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </div>
  )
}

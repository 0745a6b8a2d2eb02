import { ApartmentOutlined, AuditOutlined, CalendarOutlined, FieldTimeOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Statistic, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { BarChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import ReactEChartsCore from 'echarts-for-react/esm/core'
import { useMemo } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { api } from '../api/client'
import type { CalendarYear, Page, Permission, RoleCode, Rule, Unit, User } from '../api/types'
import { useAuth, useMe } from '../auth/AuthContext'
import { ComplaintHomeCard } from '../components/analytics/ComplaintHomeCard'
import { EntityDashboardCard } from '../components/EntityDashboardCard'
import { useLoad } from '../components/hooks'
import { beijingHour, fmtDateCnWeekday, ROLE_LABELS } from '../components/labels'
import { PageHeader } from '../components/PageHeader'

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer])

function greeting(): string {
  const h = beijingHour()
  if (h < 6) return '夜深了'
  if (h < 12) return '上午好'
  if (h < 14) return '中午好'
  if (h < 18) return '下午好'
  return '晚上好'
}

/** Units per district bureau: the bureau itself and everything under it. */
function unitsPerDistrict(units: Unit[]): { name: string; count: number }[] {
  const byParent = new Map<string, Unit[]>()
  for (const u of units) if (u.parentId) byParent.set(u.parentId, [...(byParent.get(u.parentId) ?? []), u])
  const count = (id: string): number => (byParent.get(id) ?? []).reduce((n, c) => n + 1 + count(c.id), 0)
  return units
    .filter((u) => u.kind === 'district_bureau')
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((u) => ({ name: u.shortName ?? u.name, count: 1 + count(u.id) }))
}

const ROLES = Object.keys(ROLE_LABELS) as RoleCode[]

export default function DashboardPage() {
  const me = useMe()
  const { can } = useAuth()
  const navigate = useNavigate()

  const units = useLoad((signal) => api.get<{ items: Unit[] }>('/api/org/units', undefined, { signal }).then((r) => r.items), [], can('org.read'))
  const users = useLoad(
    async (signal) => {
      const [all, disabled, ...byRole] = await Promise.all([
        api.get<Page<User>>('/api/users', { pageSize: 1 }, { signal }),
        api.get<Page<User>>('/api/users', { pageSize: 1, status: 'disabled' }, { signal }),
        ...ROLES.map((role) => api.get<Page<User>>('/api/users', { pageSize: 1, role }, { signal })),
      ])
      return { total: all.total, disabled: disabled.total, byRole: ROLES.map((r, i) => ({ role: r, count: byRole[i]!.total })) }
    },
    [],
    can('user.read'),
  )
  const years = useLoad(
    (signal) => api.get<{ items: CalendarYear[]; missingYears: number[] }>('/api/calendar/years', undefined, { signal }),
    [],
    can('calendar.read'),
  )
  // Legal-review flags are for the rules administrator, not every role's landing page.
  const rules = useLoad((signal) => api.get<{ items: Rule[]; at: string }>('/api/rules', undefined, { signal }), [], can('rule.manage'))
  const audit = useLoad((signal) => api.get<Page<unknown>>('/api/audit', { pageSize: 1 }, { signal }), [], can('audit.read'))

  const districts = useMemo(() => unitsPerDistrict(units.data ?? []), [units.data])
  // A district-level viewer sees one district: the kinds of its units say more than one bar.
  const byDistrict = districts.length > 1
  const districtData = useMemo(() => {
    if (byDistrict) return districts
    const kinds = new Map<string, number>()
    for (const u of units.data ?? []) kinds.set(u.kindLabel, (kinds.get(u.kindLabel) ?? 0) + 1)
    return [...kinds.entries()].map(([name, count]) => ({ name, count }))
  }, [byDistrict, districts, units.data])
  const review = useMemo(() => (rules.data?.items ?? []).filter((r) => r.inForce && r.needsLegalReview), [rules.data])
  const ruleIds = useMemo(() => new Set((rules.data?.items ?? []).map((r) => r.ruleId)).size, [rules.data])
  const yearList = years.data?.items ?? []
  const missing = years.data?.missingYears ?? []

  const barOption = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: districtData.map((d) => d.name), axisLabel: { width: 120, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: '机构数',
          data: districtData.map((d) => d.count),
          itemStyle: { color: '#1f5fbf', borderRadius: [0, 4, 4, 0] },
          label: { show: true, position: 'right' },
          barMaxWidth: 18,
        },
      ],
    }),
    [districtData],
  )
  const pieOption = useMemo(
    () => ({
      color: ['#1f5fbf', '#13a8a8', '#fa8c16', '#722ed1', '#52c41a', '#eb2f96', '#faad14'],
      tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
      legend: { orient: 'vertical', right: 0, top: 'middle', textStyle: { fontSize: 12 } },
      series: [
        {
          type: 'pie',
          radius: ['45%', '72%'],
          center: ['34%', '50%'],
          avoidLabelOverlap: true,
          label: { show: false },
          data: (users.data?.byRole ?? []).filter((r) => r.count > 0).map((r) => ({ name: ROLE_LABELS[r.role], value: r.count })),
        },
      ],
    }),
    [users.data],
  )

  const nextYear = dayjs().year() + 1
  const statCount = (['org.read', 'user.read', 'calendar.read', 'rule.manage', 'audit.read'] as Permission[]).filter((p) => can(p)).length
  const xl = statCount >= 4 ? 6 : statCount === 3 ? 8 : 12

  return (
    <div className="page">
      <PageHeader
        docTitle="首页"
        title={`${greeting()}，${me.user.displayName}`}
        subtitle={`${me.user.primaryUnitName ?? ''} · ${me.roles.map((r) => r.label).join('、') || '暂无角色'} · 今天是 ${fmtDateCnWeekday(new Date())}`}
      />

      {can('calendar.read') && missing.length ? (
        <Alert
          type="error"
          showIcon
          icon={<WarningOutlined />}
          className="page-alert"
          title={`尚未载入 ${missing.join('、')} 年的节假日安排`}
          description={
            (missing.includes(nextYear) ? `跨入 ${nextYear} 年的期限将按“暂定”计算（只排除周末）。` : '涉及这些年份的期限只能暂定计算。') +
            (can('calendar.manage') ? '国务院办公厅公布放假安排后，请及时在“工作日历”中导入。' : '如国务院办公厅已公布放假安排，请联系系统管理员导入。')
          }
          action={
            <Button size="small" danger={can('calendar.manage')} onClick={() => navigate('/calendar')}>
              {can('calendar.manage') ? '前往导入' : '查看日历'}
            </Button>
          }
        />
      ) : null}

      <Row gutter={[16, 16]}>
        {can('org.read') ? (
          <Col xs={24} sm={12} xl={xl}>
            <Card className="stat-card" loading={units.loading && !units.data}>
              <Statistic title="机构" value={units.data?.length ?? 0} suffix="个" prefix={<ApartmentOutlined />} />
              <Typography.Text type="secondary">其中区县局 {districts.length} 个</Typography.Text>
            </Card>
          </Col>
        ) : null}
        {can('user.read') ? (
          <Col xs={24} sm={12} xl={xl}>
            <Card className="stat-card" loading={users.loading && !users.data}>
              <Statistic title="用户" value={users.data?.total ?? 0} suffix="人" prefix={<TeamOutlined />} />
              <Typography.Text type="secondary">已停用 {users.data?.disabled ?? 0} 人</Typography.Text>
            </Card>
          </Col>
        ) : null}
        {can('calendar.read') ? (
          <Col xs={24} sm={12} xl={xl}>
            <Card className="stat-card" loading={years.loading && !years.data}>
              <Statistic title="已载入节假日年度" value={yearList.length} suffix="年" prefix={<CalendarOutlined />} />
              {yearList.length ? (
                <Typography.Text type={missing.length ? 'danger' : 'secondary'}>
                  {Math.min(...yearList.map((y) => y.year))}–{Math.max(...yearList.map((y) => y.year))} 年
                  {missing.length ? `，缺 ${missing.join('、')} 年` : '，已覆盖今明两年'}
                </Typography.Text>
              ) : (
                <Typography.Text type="danger">尚未载入任何年度</Typography.Text>
              )}
            </Card>
          </Col>
        ) : null}
        {can('rule.manage') ? (
          <Col xs={24} sm={12} xl={xl}>
            <Card className="stat-card" loading={rules.loading && !rules.data}>
              <Statistic
                title="待法制审核的现行规则"
                value={review.length}
                suffix="条"
                prefix={<FieldTimeOutlined />}
                styles={{ content: { color: review.length ? '#d46b08' : undefined } }}
              />
              <Typography.Text type="secondary">期限规则共 {ruleIds} 项</Typography.Text>
            </Card>
          </Col>
        ) : null}
        {can('audit.read') ? (
          <Col xs={24} sm={12} xl={xl}>
            <Card className="stat-card" loading={audit.loading && !audit.data}>
              <Statistic title="审计记录" value={audit.data?.total ?? 0} suffix="条" prefix={<AuditOutlined />} />
              <Link to="/audit">查看与校验审计链</Link>
            </Card>
          </Col>
        ) : null}
      </Row>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {can('complaint.stats') ? (
          <Col xs={24} xl={12}>
            <ComplaintHomeCard />
          </Col>
        ) : null}
        {can('entity.read') ? (
          <Col xs={24} xl={12}>
            <EntityDashboardCard />
          </Col>
        ) : null}
        {can('org.read') ? (
          <Col xs={24} xl={12}>
            <Card title={byDistrict ? '各区县机构数' : '机构类型'} extra={<Link to="/org">机构管理</Link>}>
              {units.loading && !units.data ? (
                <Skeleton active />
              ) : districtData.length ? (
                <ReactEChartsCore echarts={echarts} option={barOption} style={{ height: Math.max(160, districtData.length * 30 + 40) }} notMerge />
              ) : (
                <Empty description="您的数据范围内没有机构" />
              )}
            </Card>
          </Col>
        ) : null}
        {can('user.read') ? (
          <Col xs={24} xl={12}>
            <Card title="用户角色分布" extra={<Link to="/users">用户管理</Link>}>
              {users.loading && !users.data ? (
                <Skeleton active />
              ) : users.data?.byRole.some((r) => r.count > 0) ? (
                <ReactEChartsCore echarts={echarts} option={pieOption} style={{ height: 280 }} notMerge />
              ) : (
                <Empty description="暂无已授权的用户" />
              )}
            </Card>
          </Col>
        ) : null}
        {can('rule.manage') ? (
          <Col xs={24} xl={12}>
            <Card title="待法制审核的现行期限规则" extra={<Link to="/rules?review=1">全部</Link>}>
              {rules.loading && !rules.data ? (
                <Skeleton active />
              ) : review.length ? (
                <div className="simple-list">
                  {review.slice(0, 6).map((r) => (
                    <div key={r.id} className="simple-list-item">
                      <div className="simple-list-title">
                        {r.name} <Tag>{`${r.length} ${r.unitLabel}`}</Tag>
                      </div>
                      <Typography.Text type="secondary" ellipsis={{ tooltip: r.legalBasis }} style={{ maxWidth: '100%' }}>
                        {r.legalBasis}
                      </Typography.Text>
                    </div>
                  ))}
                </div>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待审核的规则" />
              )}
              {review.length > 6 ? <Typography.Text type="secondary">另有 {review.length - 6} 条…</Typography.Text> : null}
            </Card>
          </Col>
        ) : null}
        {!can('org.read') && !can('user.read') && !can('rule.read') && !can('audit.read') && !can('entity.read') ? (
          <Col span={24}>
            <Card>
              <Empty description="您的账号暂未开通任何功能，请联系本单位系统管理员授权。" />
            </Card>
          </Col>
        ) : null}
      </Row>
    </div>
  )
}

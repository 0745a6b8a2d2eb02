import { CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Flex, InputNumber, Row, Segmented, Space, Statistic, Table, Tabs, Tag, Typography, Upload } from 'antd'
import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import type { Page } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { Chart } from '../components/analytics/Chart'
import { useLoad } from '../components/hooks'
import { ImportHistory } from '../components/ImportHistory'
import { PageHeader } from '../components/PageHeader'

/** A run of the national-system import (season.routes.ts ImportOut). */
export interface ReportImportRun {
  id: string
  fileName: string
  format: string
  status: string
  totalRows: number
  validRows: number
  errorRows: number
  warningRows: number
  processedRows: number
  importedRows: number
  message: string | null
  jobId: string | null
  createdAt: string
  finishedAt: string | null
}
export interface ReportImportIssue {
  rowNo: number
  column: string
  value: string | null
  reason: string
  severity: string
}
interface RateLine {
  due: number
  filed: number
  late: number
  rate: number | null
}
/** GET /api/credit/annual-reports/rates */
export interface Rates {
  reportYear: number
  items: Array<RateLine & { kind: string; kindLabel: string }>
  units: Array<RateLine & { unitId: string | null; unitName: string }>
  total: RateLine
}

/** GET /api/credit/season */
export interface SeasonBoard {
  reportYear: number
  opens: string
  closes: string
  today: string
  open: boolean
  daysLeft: number | null
  due: number
  filed: number
  onTime: number
  late: number
  owed: number
  rate: number | null
  reminders: Array<{ round: number; count: number }>
  proposals: Record<string, number>
  units: Array<RateLine & { unitId: string; unitName: string; parentId: string | null; depth: number }>
}
const PROPOSAL_STATE: Record<string, string> = { proposed: '待审核', reviewed: '待批准', listed: '已列入', dismissed: '不予列入', removed: '已移出' }

function SeasonTab() {
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1)
  const board = useLoad((signal) => api.get<SeasonBoard>('/api/credit/season', { reportYear: year }, { signal }), [year])
  const b = board.data
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Flex gap={8} align="center" wrap="wrap">
        <InputNumber value={year} min={2013} max={2100} precision={0} onChange={(v) => v && setYear(v)} addonAfter="年度" style={{ width: 150 }} />
        {b ? (
          <Typography.Text type="secondary">
            报送期 {b.opens} 至 {b.closes}
          </Typography.Text>
        ) : null}
        <Button
          icon={<DownloadOutlined />}
          style={{ marginLeft: 'auto' }}
          onClick={() => void api.download('/api/credit/season/units.xlsx', { reportYear: year }, { fileName: `${year}年度年报率（按单位含下级）.xlsx` })}
        >
          按单位（含下级）导出
        </Button>
      </Flex>
      {board.error ? <Alert type="error" showIcon title={board.error} /> : null}
      {b ? (
        <>
          <Row gutter={[16, 16]} data-testid="season-board">
            <Col xs={12} md={4}>
              <Statistic title="剩余天数" value={b.daysLeft ?? '—'} suffix={b.daysLeft !== null ? '天' : undefined} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="应报" value={b.due} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="已报（按期）" value={b.onTime} valueStyle={{ color: '#389e0d' }} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="逾期补报" value={b.late} valueStyle={{ color: '#d46b08' }} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="未报" value={b.owed} valueStyle={{ color: b.owed ? '#cf1322' : undefined }} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="年报率" value={pct(b.rate)} />
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Card size="small" title="催报">
                {b.reminders.length ? (
                  b.reminders.map((r) => <Tag key={r.round}>{`第 ${r.round} 轮：${n(r.count)} 户`}</Tag>)
                ) : (
                  <Typography.Text type="secondary">尚未催报</Typography.Text>
                )}
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" title="期满后列入经营异常名录建议">
                {Object.keys(b.proposals).length ? (
                  Object.entries(b.proposals).map(([k, v]) => <Tag key={k}>{`${PROPOSAL_STATE[k] ?? k}：${n(v)}`}</Tag>)
                ) : (
                  <Typography.Text type="secondary">暂无（报送期满后由“经营异常名录 → 未年报批量建议”生成）</Typography.Text>
                )}
              </Card>
            </Col>
          </Row>
          <Card size="small" title="按单位（含下级单位）">
            <Table
              size="small"
              rowKey="unitId"
              pagination={false}
              dataSource={b.units}
              columns={[
                { title: '单位', render: (_, u) => <span style={{ paddingLeft: (u.depth - 1) * 16 }}>{u.unitName}</span> },
                { title: '应报', dataIndex: 'due', align: 'right', render: n },
                { title: '已报', dataIndex: 'filed', align: 'right', render: n },
                { title: '逾期', dataIndex: 'late', align: 'right', render: n },
                { title: '年报率', dataIndex: 'rate', align: 'right', render: pct },
              ]}
            />
          </Card>
        </>
      ) : null}
    </Space>
  )
}

interface ReminderItem {
  id: string
  round: number
  entityId: string
  entityName: string
  uscc: string | null
  unitName: string | null
  liaisonName: string | null
  phone: string | null
  text: string
  createdAt: string
  exportedAt: string | null
}
/** GET /api/credit/reminders */
export interface ReminderPage {
  total: number
  page: number
  pageSize: number
  rounds: Array<{ round: number; count: number }>
  items: ReminderItem[]
}

const n = (v: number) => v.toLocaleString('zh-CN')
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} %`)

/** The columns of the national system's export (annual-report.import.domain.ts), required ones first. */
const COLUMNS =
  '统一社会信用代码、年度、报送日期、通信地址、联系电话、经营状态（必填）；邮政编码、电子邮箱、成员人数（合作社必填）、从业人数、营业总收入（元）、纳税总额（元）、选择公示'

function ImportTab() {
  const { message } = App.useApp()
  const [run, setRun] = useState<ReportImportRun | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  const issues = useLoad(
    (signal) =>
      run && run.errorRows + run.warningRows > 0
        ? api.get<Page<ReportImportIssue>>(`/api/credit/annual-report-imports/${run.id}/errors`, { page: 1, pageSize: 20 }, { signal })
        : Promise.resolve(null),
    [run?.id],
  )
  const send = async (file: File) => {
    setError(null)
    if (!/\.(csv|xlsx|json)$/i.test(file.name)) return setError('只支持 .xlsx、.csv 或 .json 文件')
    const form = new FormData()
    form.append('file', file, file.name)
    setBusy(true)
    try {
      setRun(await api.upload<ReportImportRun>('/api/credit/annual-report-imports', form))
      setTick((t) => t + 1)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  const commit = async (mode: 'all' | 'valid_only') => {
    if (!run) return
    setBusy(true)
    try {
      setRun(await api.post<ReportImportRun>(`/api/credit/annual-report-imports/${run.id}/commit`, { mode }))
      message.success('已开始导入，进度见下方导入记录和任务中心')
      setTick((t) => t + 1)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  const cancel = async () => {
    if (!run) return
    try {
      setRun(await api.post<ReportImportRun>(`/api/credit/annual-report-imports/${run.id}/cancel`, {}))
      setTick((t) => t + 1)
    } catch (e) {
      message.error(errorMessage(e))
    }
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card size="small" title="导入国家企业信用信息公示系统报送的年度报告">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          可识别的列：{COLUMNS}。同一主体同一年度已有年报的行保留原报告、不重复导入。
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,.csv,.json"
          showUploadList={false}
          disabled={busy}
          beforeUpload={(f) => {
            void send(f)
            return false
          }}
          data-testid="report-import-upload"
        >
          <p className="ant-upload-drag-icon" style={{ marginBottom: 8 }}>
            {busy ? <CloudUploadOutlined /> : <InboxOutlined />}
          </p>
          <p className="ant-upload-text">{busy ? '正在上传并逐行校验…' : '点击选择或将国家系统导出的年报文件拖到此处'}</p>
          <p className="ant-upload-hint">Excel（.xlsx）、CSV（UTF-8）或 JSON</p>
        </Upload.Dragger>
        {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="report-import-error" /> : null}
      </Card>
      {run ? (
        <Card size="small" title={`校验结果：${run.fileName}`} data-testid="report-import-result">
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title="数据行" value={run.totalRows} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="可导入" value={run.validRows} valueStyle={{ color: '#389e0d' }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="有错误" value={run.errorRows} valueStyle={{ color: run.errorRows ? '#cf1322' : undefined }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="已有年报（跳过）" value={run.warningRows} />
            </Col>
          </Row>
          {run.status === 'validated' ? (
            <Flex gap={8} style={{ marginTop: 12 }} wrap="wrap">
              <Button type="primary" disabled={run.errorRows > 0 || busy} onClick={() => void commit('all')} data-testid="report-import-all">
                全部导入
              </Button>
              <Button disabled={run.validRows === 0 || busy} onClick={() => void commit('valid_only')} data-testid="report-import-valid">
                仅导入正确的 {n(run.validRows)} 行
              </Button>
              <Button onClick={() => void cancel()}>全部不导入</Button>
              {run.errorRows + run.warningRows > 0 ? (
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() =>
                    void api.download(`/api/credit/annual-report-imports/${run.id}/error-report`, undefined, { fileName: '年报导入错误报告.xlsx' })
                  }
                >
                  错误报告
                </Button>
              ) : null}
            </Flex>
          ) : (
            <Alert style={{ marginTop: 12 }} type="info" showIcon title={`状态：${run.status === 'cancelled' ? '已取消' : '已开始导入'}（见下方导入记录）`} />
          )}
          {issues.data?.items.length ? (
            <Table<ReportImportIssue>
              style={{ marginTop: 12 }}
              size="small"
              rowKey={(r) => `${r.rowNo}-${r.column}-${r.reason}`}
              dataSource={issues.data.items}
              pagination={false}
              columns={[
                { title: '行号', dataIndex: 'rowNo', width: 70 },
                { title: '列', dataIndex: 'column', width: 140 },
                { title: '值', dataIndex: 'value', width: 180, ellipsis: true },
                { title: '原因', dataIndex: 'reason' },
                {
                  title: '级别',
                  dataIndex: 'severity',
                  width: 80,
                  render: (s: string) => <Tag color={s === 'error' ? 'red' : 'gold'}>{s === 'error' ? '错误' : '警告'}</Tag>,
                },
              ]}
            />
          ) : null}
        </Card>
      ) : null}
      <ImportHistory kind="annual_reports" currentId={run?.id} refreshKey={tick} />
    </Space>
  )
}

function RatesTab() {
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1)
  const rates = useLoad((signal) => api.get<Rates>('/api/credit/annual-reports/rates', { reportYear: year }, { signal }), [year])
  const r = rates.data
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Flex gap={8} align="center" wrap="wrap">
        <InputNumber
          value={year}
          min={2013}
          max={2100}
          precision={0}
          onChange={(v) => v && setYear(v)}
          addonAfter="年度"
          style={{ width: 150 }}
          data-testid="rates-year"
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void api.download('/api/credit/annual-reports/rates.xlsx', { reportYear: year }, { fileName: `${year}年度年报率统计.xlsx` })}
        >
          导出 Excel
        </Button>
      </Flex>
      {rates.error ? <Alert type="error" showIcon title={rates.error} /> : null}
      {r ? (
        <>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title="应报户数" value={r.total.due} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="已报户数" value={r.total.filed} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="其中逾期" value={r.total.late} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="年报率" value={pct(r.total.rate)} data-testid="rates-total" />
            </Col>
          </Row>
          <Card size="small" title="按单位">
            <Chart
              height={Math.max(160, r.units.length * 28 + 60)}
              label={`${r.reportYear} 年度各单位年报率`}
              option={{
                grid: { left: 140, right: 40, top: 10, bottom: 30 },
                tooltip: { trigger: 'axis' },
                xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
                yAxis: { type: 'category', data: r.units.map((u) => u.unitName) },
                series: [{ type: 'bar', data: r.units.map((u) => u.rate ?? 0), label: { show: true, position: 'right', formatter: '{c} %' } }],
              }}
            />
          </Card>
          <Row gutter={12}>
            {(
              [
                ['按主体类型', r.items.map((x) => ({ key: x.kind, label: x.kindLabel, ...x }))],
                ['按单位', r.units.map((x) => ({ key: x.unitId ?? '-', label: x.unitName, ...x }))],
              ] as const
            ).map(([title, rows]) => (
              <Col xs={24} lg={12} key={title}>
                <Card size="small" title={title}>
                  <Table
                    size="small"
                    rowKey="key"
                    pagination={false}
                    dataSource={[...rows]}
                    columns={[
                      { title: title.slice(1), dataIndex: 'label' },
                      { title: '应报', dataIndex: 'due', align: 'right', render: n },
                      { title: '已报', dataIndex: 'filed', align: 'right', render: n },
                      { title: '逾期', dataIndex: 'late', align: 'right', render: n },
                      { title: '年报率', dataIndex: 'rate', align: 'right', render: pct },
                    ]}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        </>
      ) : null}
    </Space>
  )
}

function RemindersTab() {
  const { message } = App.useApp()
  const { can } = useAuth()
  const [params] = useSearchParams()
  const [year, setYear] = useState<number>(Number(params.get('reportYear')) || new Date().getFullYear() - 1)
  const [round, setRound] = useState<number>(Number(params.get('round')) || 1)
  const [page, setPage] = useState(1)
  const [tick, setTick] = useState(0)
  const list = useLoad(
    (signal) => api.get<ReminderPage>('/api/credit/reminders', { reportYear: year, round, page, pageSize: 50 }, { signal }),
    [year, round, page, tick],
  )
  const build = async () => {
    try {
      await api.post('/api/credit/reminders/batch', { reportYear: year, round })
      message.success('已开始生成催报名单，进度见任务中心')
      setTimeout(() => setTick((t) => t + 1), 1500)
    } catch (e) {
      message.error(errorMessage(e))
    }
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Flex gap={8} align="center" wrap="wrap">
        <InputNumber value={year} min={2013} max={2100} precision={0} onChange={(v) => v && setYear(v)} addonAfter="年度" style={{ width: 150 }} />
        <Segmented value={round} onChange={(v) => setRound(Number(v))} options={[1, 2, 3].map((r) => ({ value: r, label: `第 ${r} 轮` }))} />
        {can('credit.manage') ? (
          <Button onClick={() => void build()} data-testid="reminders-build">
            生成本轮催报名单
          </Button>
        ) : null}
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void api.download('/api/credit/reminders.xlsx', { reportYear: year, round }, { fileName: `${year}年度年报催报名单.xlsx` })}
        >
          导出短信名单
        </Button>
        <Typography.Text type="secondary">
          {list.data?.rounds.map((r) => `第 ${r.round} 轮 ${n(r.count)} 条`).join('，') || '本年度尚未生成催报名单'}
        </Typography.Text>
      </Flex>
      {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
      <Table<ReminderItem>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        scroll={{ x: 1000 }}
        pagination={{ current: page, pageSize: 50, total: list.data?.total, onChange: setPage, showTotal: (t) => `共 ${n(t)} 条` }}
        columns={[
          {
            title: '经营主体',
            width: 240,
            render: (_, r) => (
              <div>
                {r.entityName}
                <div className="c-sub mono">{r.uscc}</div>
              </div>
            ),
          },
          { title: '单位', dataIndex: 'unitName', width: 140 },
          { title: '联络员', dataIndex: 'liaisonName', width: 90 },
          { title: '手机号', dataIndex: 'phone', width: 130 },
          { title: '短信内容', dataIndex: 'text', ellipsis: true },
          { title: '导出', dataIndex: 'exportedAt', width: 80, render: (v: string | null) => (v ? <Tag color="green">已导出</Tag> : <Tag>未导出</Tag>) },
        ]}
      />
    </Space>
  )
}

/** 年报季: the annual-report rate by unit and entity kind with its workbook, and the national system's reports imported. */
export default function CreditSeason() {
  const { can } = useAuth()
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') ?? 'season'
  return (
    <>
      <PageHeader title="年度报告" />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k })}
          items={[
            { key: 'season', label: '年报季看板', children: <SeasonTab /> },
            { key: 'rates', label: '年报率', children: <RatesTab /> },
            { key: 'reminders', label: '催报', children: <RemindersTab /> },
            ...(can('credit.manage') ? [{ key: 'import', label: '国家系统导入', children: <ImportTab /> }] : []),
          ]}
        />
      </Card>
    </>
  )
}

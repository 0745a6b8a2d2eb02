import {
  CalculatorOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  ImportOutlined,
  InboxOutlined,
  LeftOutlined,
  RightOutlined,
  WarningOutlined,
} from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import type { CalendarDay, CalendarMonth, CalendarYear, ComputeResult, LengthUnit } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { useLoad } from '../components/hooks'
import { beijingToday, fmtDateTime, LENGTH_UNIT_OPTIONS, lengthUnitLabel } from '../components/labels'
import { PageHeader } from '../components/PageHeader'

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']

const KIND_TEXT: Record<string, string> = { workday: '工作日', weekend: '周末', holiday: '法定节假日', adjusted_workday: '调休上班' }

function MonthGrid({ month, days }: { month: Dayjs; days: CalendarDay[] }) {
  const byDate = new Map(days.map((d) => [d.date, d]))
  const first = month.startOf('month')
  const lead = (first.day() + 6) % 7 // Monday first
  const count = month.daysInMonth()
  const cells: (CalendarDay | null)[] = [...Array.from({ length: lead }, () => null)]
  for (let i = 1; i <= count; i++) {
    const date = first.date(i).format('YYYY-MM-DD')
    const wd = first.date(i).day()
    cells.push(byDate.get(date) ?? { date, kind: wd === 0 || wd === 6 ? 'weekend' : 'workday', name: null, working: !(wd === 0 || wd === 6) })
  }
  while (cells.length % 7) cells.push(null)
  const today = beijingToday()
  return (
    <div className="month-grid" role="grid" aria-label={month.format('YYYY年M月')}>
      {WEEKDAYS.map((w, i) => (
        <div key={w} className={`month-head ${i >= 5 ? 'weekend' : ''}`} role="columnheader">
          周{w}
        </div>
      ))}
      {cells.map((d, i) =>
        d ? (
          <div
            key={d.date}
            role="gridcell"
            className={`month-cell kind-${d.kind} ${d.date === today ? 'today' : ''}`}
            data-date={d.date}
            data-kind={d.kind}
            title={`${d.date} ${KIND_TEXT[d.kind] ?? d.kind}${d.name ? ' · ' + d.name : ''}`}
          >
            <div className="cell-top">
              <span className="cell-day">{Number(d.date.slice(8))}</span>
              {d.kind === 'holiday' ? (
                <span className="cell-badge off">休</span>
              ) : d.kind === 'adjusted_workday' ? (
                <span className="cell-badge work">班</span>
              ) : null}
            </div>
            <div className="cell-name">{d.name ?? ''}</div>
          </div>
        ) : (
          <div key={'pad' + i} className="month-cell pad" />
        ),
      )}
    </div>
  )
}

function Calculator() {
  const [form] = Form.useForm<{ start: Dayjs; length: number; unit: LengthUnit }>()
  const [result, setResult] = useState<ComputeResult | null>(null)
  const [asked, setAsked] = useState<{ start: string; length: number; unit: LengthUnit } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)

  const onFinish = async (v: { start: Dayjs; length: number; unit: LengthUnit }) => {
    setLoading(true)
    setError(null)
    const q = { start: v.start.format('YYYY-MM-DD'), length: v.length, unit: v.unit }
    try {
      setResult(await api.get<ComputeResult>('/api/calendar/compute', q))
      setAsked(q)
    } catch (e) {
      setResult(null)
      setError(errorMessage(e))
    } finally {
      setLoading(false)
    }
  }

  return (
    <Card
      title={
        <span>
          <CalculatorOutlined /> 期限计算器
        </span>
      }
      size="small"
    >
      <Form form={form} name="calc" layout="vertical" onFinish={onFinish} initialValues={{ start: dayjs(), length: 7, unit: 'WD' }} requiredMark={false}>
        <Form.Item label="起算日" name="start" rules={[{ required: true, message: '请选择起算日' }]} extra="起算日当天不计入期限">
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item label="期限" name="length" rules={[{ required: true, message: '请输入期限' }]}>
              <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="单位" name="unit">
              <Select options={LENGTH_UNIT_OPTIONS} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" block loading={loading} data-testid="calc-submit">
          计算届满日
        </Button>
      </Form>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
      {result && asked ? (
        <div className="calc-result" data-testid="calc-result">
          <Typography.Text type="secondary">
            {asked.start} 起 {asked.length} 个{lengthUnitLabel(asked.unit)}，届满日为
          </Typography.Text>
          <div className="calc-date" data-testid="calc-date">
            {result.date}
            <span className="calc-weekday">{dayjs(result.date).format('dddd')}</span>
          </div>
          {result.provisional ? (
            <Alert
              type="warning"
              showIcon
              icon={<WarningOutlined />}
              title="暂定结果"
              description={`${result.missingYears.join('、')} 年的节假日安排尚未载入，计算只排除了周末，公布后结果可能变化。`}
            />
          ) : null}
        </div>
      ) : null}
    </Card>
  )
}

/** Reads a file chosen in the browser. */
function readFile(file: File, as: 'text' | 'base64'): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onerror = () => reject(new Error('无法读取文件'))
    r.onload = () => {
      const v = String(r.result ?? '')
      resolve(as === 'base64' ? v.slice(v.indexOf(',') + 1) : v)
    }
    if (as === 'text') r.readAsText(file, 'utf-8')
    else r.readAsDataURL(file)
  })
}

interface Picked {
  kind: 'holiday-cn' | 'xlsx'
  fileName: string
  year: number | null
  data?: unknown
  base64?: string
  summary: string
}

function ImportModal({ open, years, onClose, onDone }: { open: boolean; years: CalendarYear[]; onClose: () => void; onDone: () => void }) {
  const { message, modal } = App.useApp()
  const [tab, setTab] = useState<'holiday-cn' | 'xlsx'>('holiday-cn')
  const [picked, setPicked] = useState<Picked | null>(null)
  const [xlsxYear, setXlsxYear] = useState<number | null>(dayjs().year() + 1)
  const [notice, setNotice] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const reset = () => {
    setTab('holiday-cn')
    setPicked(null)
    setError(null)
    setNotice('')
  }

  const pick = async (file: File) => {
    setError(null)
    try {
      if (tab === 'holiday-cn') {
        if (file.size > 2_000_000) throw new Error('文件过大，holiday-cn 年度文件通常只有几 KB')
        const text = await readFile(file, 'text')
        let data: unknown
        try {
          data = JSON.parse(text)
        } catch {
          throw new Error('不是有效的 JSON 文件')
        }
        const obj = data as { year?: unknown; days?: unknown; papers?: unknown }
        if (typeof obj?.year !== 'number' || !Array.isArray(obj.days)) throw new Error('不是 holiday-cn 格式：应包含 year 与 days 字段')
        const days = obj.days as { name?: string; isOffDay?: boolean }[]
        const names = [...new Set(days.map((d) => d.name).filter(Boolean))]
        const off = days.filter((d) => d.isOffDay).length
        setPicked({
          kind: 'holiday-cn',
          fileName: file.name,
          year: obj.year,
          data,
          summary: `${obj.year} 年：放假 ${off} 天、调休上班 ${days.length - off} 天（${names.join('、') || '无节日名称'}）`,
        })
        if (!notice && Array.isArray(obj.papers) && typeof obj.papers[0] === 'string') setNotice(obj.papers[0])
      } else {
        if (file.size > 2_000_000) throw new Error('文件过大（上限约 2 MB）')
        const base64 = await readFile(file, 'base64')
        setPicked({ kind: 'xlsx', fileName: file.name, year: null, base64, summary: `${file.name}（${Math.ceil(file.size / 1024)} KB）` })
      }
    } catch (e) {
      setPicked(null)
      setError(errorMessage(e))
    }
    return false
  }

  const submit = async () => {
    if (!picked) return
    const year = picked.kind === 'holiday-cn' ? picked.year : xlsxYear
    if (!year) {
      setError('请填写年度')
      return
    }
    const go = async () => {
      setSaving(true)
      setError(null)
      try {
        const body =
          picked.kind === 'holiday-cn'
            ? { format: 'holiday-cn', data: picked.data, notice: notice.trim() || undefined }
            : { format: 'xlsx', year, contentBase64: picked.base64, notice: notice.trim() || undefined }
        const r = await api.post<{ year: number; days: number }>('/api/calendar/import', body)
        message.success(`已导入 ${r.year} 年节假日安排，共 ${r.days} 天`)
        reset()
        onDone()
      } catch (e) {
        setError(errorMessage(e))
      } finally {
        setSaving(false)
      }
    }
    if (years.some((y) => y.year === year)) {
      modal.confirm({
        title: `${year} 年已有节假日安排，确定覆盖？`,
        content: '覆盖后，该年度的期限计算将按新安排进行；原安排会记入审计日志。',
        okText: '覆盖导入',
        okButtonProps: { danger: true },
        cancelText: '取消',
        onOk: go,
      })
    } else await go()
  }

  return (
    <Modal
      open={open}
      title="导入年度节假日安排"
      width={640}
      onCancel={() => {
        reset()
        onClose()
      }}
      afterOpenChange={(o) => {
        if (!o) reset()
      }}
      onOk={submit}
      okText="导入"
      okButtonProps={{ disabled: !picked }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        以国务院办公厅每年发布的放假安排通知为准。可导入 holiday-cn 格式的 JSON 文件，或按模板填写的 Excel 表格。
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k as 'holiday-cn' | 'xlsx')
          setPicked(null)
          setError(null)
        }}
        items={[
          {
            key: 'holiday-cn',
            label: (
              <span>
                <FileTextOutlined /> holiday-cn JSON
              </span>
            ),
            children: (
              <Typography.Text type="secondary">
                格式：{'{ "year": 2027, "papers": [...], "days": [{ "name": "元旦", "date": "2027-01-01", "isOffDay": true }] }'}
              </Typography.Text>
            ),
          },
          {
            key: 'xlsx',
            label: (
              <span>
                <FileExcelOutlined /> Excel (.xlsx)
              </span>
            ),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">
                  第一行为表头：日期、类型、名称。类型填“休”（放假）或“班”（调休上班），如：2027-10-09 ｜ 班 ｜ 国庆节。
                </Typography.Text>
                <Space>
                  <span>年度</span>
                  <InputNumber min={2000} max={2100} precision={0} value={xlsxYear} onChange={(v) => setXlsxYear(v)} />
                </Space>
              </Space>
            ),
          },
        ]}
      />
      <Upload.Dragger
        accept={tab === 'holiday-cn' ? '.json,application/json' : '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => pick(f)}
        className="import-dragger"
      >
        <p className="ant-upload-text">
          <InboxOutlined className="import-icon" /> 点击或拖入{tab === 'holiday-cn' ? ' JSON ' : ' Excel '}文件
        </p>
        <p className="ant-upload-hint">文件只在本机读取，确认后才提交</p>
      </Upload.Dragger>
      {picked ? <Alert type="success" showIcon style={{ marginTop: 12 }} title={`已选择：${picked.fileName}`} description={picked.summary} /> : null}
      <div style={{ marginTop: 12, marginBottom: 16 }}>
        <Typography.Text>依据文件（选填）</Typography.Text>
        <Input.TextArea
          rows={2}
          maxLength={500}
          showCount
          value={notice}
          onChange={(e) => setNotice(e.target.value)}
          placeholder="如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）"
        />
      </div>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="import-error" /> : null}
    </Modal>
  )
}

export default function CalendarPage() {
  const { can } = useAuth()
  const [params, setParams] = useSearchParams()
  const month = useMemo(() => {
    const m = params.get('month')
    const d = m && /^\d{4}-\d{2}$/.test(m) ? dayjs(m + '-01') : dayjs().startOf('month')
    return d.isValid() ? d : dayjs().startOf('month')
  }, [params])
  const setMonth = (d: Dayjs) => setParams({ month: d.format('YYYY-MM') }, { replace: true })
  const [importing, setImporting] = useState(false)

  const years = useLoad((signal) => api.get<{ items: CalendarYear[]; missingYears: number[] }>('/api/calendar/years', undefined, { signal }), [])
  const days = useLoad(
    (signal) => api.get<CalendarMonth>('/api/calendar/month', { year: month.year(), month: month.month() + 1 }, { signal }),
    [month.format('YYYY-MM')],
  )
  const missing = years.data?.missingYears ?? []
  const yearItems = years.data?.items ?? []
  const current = days.data && days.data.year === month.year() && days.data.month === month.month() + 1 ? days.data : undefined
  const holidays = (current?.days ?? []).filter((d) => d.kind === 'holiday' || d.kind === 'adjusted_workday')
  const workingCount = (current?.days ?? []).filter((d) => d.working).length

  return (
    <div className="page">
      <PageHeader
        title="工作日历"
        subtitle="法定节假日与调休安排；期限按工作日计算时以此为准"
        extra={
          can('calendar.manage') ? (
            <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)}>
              导入年度安排
            </Button>
          ) : null
        }
      />
      {missing.length ? (
        <Alert
          type="error"
          showIcon
          className="page-alert"
          title={`尚未载入 ${missing.join('、')} 年的节假日安排`}
          description={`涉及这些年份的工作日期限只能暂定计算（只排除周末）。${can('calendar.manage') ? '国务院办公厅公布放假安排后，请立即导入。' : '如国务院办公厅已公布放假安排，请联系系统管理员导入。'}`}
          action={
            can('calendar.manage') ? (
              <Button danger size="small" onClick={() => setImporting(true)}>
                立即导入
              </Button>
            ) : undefined
          }
          data-testid="missing-years"
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={
              <Flex align="center" gap={8} wrap>
                <Button icon={<LeftOutlined />} size="small" aria-label="上个月" onClick={() => setMonth(month.subtract(1, 'month'))} />
                <DatePicker
                  picker="month"
                  value={month}
                  allowClear={false}
                  onChange={(d) => d && setMonth(d)}
                  format="YYYY年M月"
                  style={{ width: 130 }}
                  id="calendar-month"
                />
                <Button icon={<RightOutlined />} size="small" aria-label="下个月" onClick={() => setMonth(month.add(1, 'month'))} />
                <Button size="small" onClick={() => setMonth(dayjs().startOf('month'))}>
                  本月
                </Button>
              </Flex>
            }
            extra={
              <Space size={4} wrap className="legend">
                <Tag className="legend-holiday">休 法定节假日</Tag>
                <Tag className="legend-adjusted">班 调休上班</Tag>
                <Tag className="legend-weekend">周末</Tag>
              </Space>
            }
          >
            {days.error ? <Alert type="error" showIcon title={days.error} /> : null}
            {current && !current.loaded ? (
              <Alert type="warning" showIcon title={`${month.year()} 年节假日安排尚未载入，以下只区分了周末`} style={{ marginBottom: 8 }} />
            ) : null}
            {/* While another month loads, the previous month's days must not colour this one. */}
            {current ? <MonthGrid month={month} days={current.days} /> : days.error ? null : <Skeleton active paragraph={{ rows: 8 }} />}
            <Flex justify="space-between" wrap gap={8} style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">
                本月工作日 {workingCount} 天
                {holidays.length ? `；${[...new Set(holidays.filter((h) => h.kind === 'holiday').map((h) => h.name))].join('、')}` : ''}
              </Typography.Text>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Calculator />
            <Card size="small" title="说明">
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }}>
                按“工作日”计算的期限跳过周末与法定节假日，调休上班日计入；按“自然日、月、年”计算的期限届满日为节假日的，顺延至节假日后的第一个工作日。
              </Typography.Paragraph>
            </Card>
          </Flex>
        </Col>
      </Row>
      <Card size="small" title="已载入的年度" style={{ marginTop: 16 }}>
        <Table<CalendarYear>
          rowKey="year"
          size="small"
          loading={years.loading}
          dataSource={yearItems}
          pagination={yearItems.length > 8 ? { pageSize: 8, size: 'small' } : false}
          onRow={(y) => ({ onClick: () => setMonth(dayjs(`${y.year}-01-01`)), style: { cursor: 'pointer' } })}
          columns={[
            { title: '年度', dataIndex: 'year', width: 80, render: (y: number) => <Typography.Text strong>{y}</Typography.Text> },
            {
              title: '来源',
              dataIndex: 'source',
              width: 130,
              render: (s: string) => (
                <Tag color={s === 'import' ? 'blue' : 'default'}>{s === 'import' ? '手工导入' : s === 'chinese-days' ? '内置数据' : s}</Tag>
              ),
            },
            { title: '依据', dataIndex: 'notice', render: (n: string | null) => n ?? <Typography.Text type="secondary">—</Typography.Text> },
            { title: '放假天数', dataIndex: 'offDays', width: 90 },
            { title: '调休上班', dataIndex: 'workDays', width: 90 },
            { title: '载入时间', dataIndex: 'importedAt', width: 170, render: (v: string) => fmtDateTime(v) },
          ]}
        />
      </Card>
      <ImportModal
        open={importing}
        years={yearItems}
        onClose={() => setImporting(false)}
        onDone={() => {
          setImporting(false)
          years.reload()
          days.reload()
        }}
      />
    </div>
  )
}

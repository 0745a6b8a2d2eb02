import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography, Upload } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { DepartmentBody, ManualRecordBody, QuotaBody } from '../../../src/shared/collection/schema'
import type { DepartmentBody as DeptValues, ManualRecordBody as ManualBody, QuotaBody as QuotaInput } from '../../../src/shared/collection/schema'
import { COLLECTION_CLASSES, COLLECTION_KINDS } from '../../../src/shared/collection/vocabulary'
import { api, download, errorMessage } from '../api/client'
import type { components } from '../api/openapi.gen'
import { Chart } from '../components/analytics/Chart'
import { useLoad } from '../components/hooks'
import { ImportHistory } from '../components/ImportHistory'
import { ListTable, type ListColumn } from '../components/ListTable'
import { PageHeader } from '../components/PageHeader'
import { UnitTreeSelect } from '../components/UnitTreeSelect'
import { useUnits } from '../components/units'
import { zodRule } from '../components/zodRule'
import { useAuth } from '../auth/AuthContext'
import { fmtDate, fmtDateTime } from '../components/labels'

type Schemas = components['schemas']
type Department = Schemas['CollectionDepartment']
type CollectedRecord = Schemas['CollectedRecord']
type RateTable = Schemas['CollectionRateTable']
type ImportSummary = Schemas['CollectionImportSummary']
type Page<T> = { items: T[]; total: number; page: number; pageSize: number }
type Cell = RateTable['total']['public']
type EntryValues = Omit<ManualBody, 'decidedOn' | 'validUntil'> & { decidedOn: Dayjs; validUntil?: Dayjs | null }
type QuotaValues = Omit<QuotaInput, 'month'> & { month: Dayjs }

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`)
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }))

/** 涉企信息归集: the collection rate by department, the collected records (import, entry), departments and expected counts. */
export default function CollectionPage() {
  const { can } = useAuth()
  const [tab, setTab] = useState('rates')
  const [tick, setTick] = useState(0)
  const depts = useLoad((signal) => api.get<Department[]>('/api/collection/departments', undefined, { signal }), [tick])
  const manage = can('collection.manage')
  return (
    <div>
      <PageHeader
        title="涉企信息归集"
        subtitle="其他政府部门的行政许可、行政处罚等涉企信息归集到经营主体名下；按部门统计公开类、非公开类信息的归集率和及时率"
      />
      {depts.error ? <Alert type="error" showIcon title={depts.error} /> : null}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'rates', label: '归集率', children: <Rates /> },
          { key: 'records', label: '归集信息', children: <Records depts={depts.data ?? []} manage={manage} /> },
          { key: 'depts', label: '归集部门', children: <Departments depts={depts.data ?? []} manage={manage} onChange={() => setTick((t) => t + 1)} /> },
        ]}
      />
    </div>
  )
}

function Rates() {
  const { message } = App.useApp()
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()])
  const q = { from: range[0].format('YYYY-MM'), to: range[1].format('YYYY-MM') }
  const rates = useLoad((signal) => api.get<RateTable>('/api/collection/rates', q, { signal }), [q.from, q.to])
  const t = rates.data
  const cellCols = (cls: 'public' | 'non_public') => [
    { title: '应归集', key: `${cls}-e`, align: 'right' as const, render: (_: unknown, r: { [k: string]: unknown }) => (r[cls] as Cell).expected },
    { title: '已归集', key: `${cls}-c`, align: 'right' as const, render: (_: unknown, r: { [k: string]: unknown }) => (r[cls] as Cell).collected },
    {
      title: '归集率',
      key: `${cls}-r`,
      align: 'right' as const,
      render: (_: unknown, r: { [k: string]: unknown }) => {
        const v = (r[cls] as Cell).rate
        const goal = cls === 'public' ? 50 : 100
        return v === null ? '—' : <Tag color={v >= goal ? 'green' : 'orange'}>{pct(v)}</Tag>
      },
    },
    { title: '及时率', key: `${cls}-t`, align: 'right' as const, render: (_: unknown, r: { [k: string]: unknown }) => pct((r[cls] as Cell).timelyRate) },
  ]
  const option = useMemo(
    () =>
      t
        ? {
            animation: false,
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 48, right: 16, top: 32, bottom: 64 },
            xAxis: { type: 'category', data: t.rows.map((r) => r.name), axisLabel: { interval: 0, rotate: t.rows.length > 4 ? 30 : 0 } },
            yAxis: { type: 'value', name: '%', max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10) },
            series: [
              { name: '公开类归集率', type: 'bar', data: t.rows.map((r) => r.public.rate ?? 0), color: '#1f5fbf' },
              { name: '非公开类归集率', type: 'bar', data: t.rows.map((r) => r.non_public.rate ?? 0), color: '#13a8a8' },
            ],
          }
        : {},
    [t],
  )
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          picker="month"
          allowClear={false}
          value={range}
          onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
          data-testid="collection-range"
        />
        <Button icon={<DownloadOutlined />} onClick={() => download('/api/collection/rates/export', q).catch((e) => message.error(errorMessage(e)))}>
          导出 Excel
        </Button>
      </Space>
      {rates.error ? <Alert type="error" showIcon title={rates.error} /> : null}
      {t ? (
        <>
          <Typography.Paragraph className="c-sub">
            合计：公开类归集率 <b data-testid="rate-public">{pct(t.total.public.rate)}</b>（目标 ≥ 50%），非公开类归集率{' '}
            <b data-testid="rate-non-public">{pct(t.total.non_public.rate)}</b>（目标 100%）。按作出日期统计，应归集数由部门按月填报。
          </Typography.Paragraph>
          {t.rows.length > 0 ? <Chart option={option} height={280} label="各部门归集率柱状图" testId="collection-chart" /> : null}
          <Table
            size="small"
            rowKey="departmentId"
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="collection-rates"
            dataSource={[...t.rows, { departmentId: 'total', code: '', name: '合计', ...t.total }]}
            columns={[
              { title: '部门', dataIndex: 'name', key: 'name', render: (n: string, r) => (r.departmentId === 'total' ? <b>{n}</b> : n) },
              { title: '公开类', key: 'public', children: cellCols('public') },
              { title: '非公开类', key: 'non_public', children: cellCols('non_public') },
            ]}
          />
        </>
      ) : null}
    </div>
  )
}

function Records({ depts, manage }: { depts: Department[]; manage: boolean }) {
  const { message } = App.useApp()
  const initialQ = new URLSearchParams(window.location.search).get('q') ?? undefined
  const [filter, setFilter] = useState<{ departmentId?: string; kind?: string; infoClass?: string; q?: string }>({ q: initialQ })
  const [page, setPage] = useState(1)
  const [tick, setTick] = useState(0)
  const [entering, setEntering] = useState(false)
  const [importing, setImporting] = useState(false)
  const list = useLoad(
    (signal) => api.get<Page<CollectedRecord>>('/api/collection/records', { ...filter, page, pageSize: 20 }, { signal }),
    [filter.departmentId, filter.kind, filter.infoClass, filter.q, page, tick],
  )
  const columns: ListColumn<CollectedRecord>[] = [
    {
      key: 'kind',
      title: '类别',
      width: 110,
      render: (_, r) => <Tag color={r.kind === 'penalty' ? 'red' : r.kind === 'licence' ? 'blue' : 'default'}>{r.kindLabel}</Tag>,
    },
    {
      key: 'entity',
      title: '主体',
      fixedShown: true,
      render: (_, r) => (
        <div>
          {r.entityId ? <a href={`/entities/${r.entityId}`}>{r.entityName}</a> : r.entityName}
          <div className="c-sub mono">
            {r.uscc}
            {r.entityId ? null : <Tag style={{ marginLeft: 6 }}>非本局名录</Tag>}
          </div>
        </div>
      ),
    },
    {
      key: 'title',
      title: '信息名称 / 文书编号',
      render: (_, r) => (
        <div>
          <div>{r.title}</div>
          <div className="c-sub mono">{r.docNo}</div>
        </div>
      ),
    },
    { key: 'dept', title: '来源部门', dataIndex: 'departmentName', width: 160 },
    { key: 'decidedOn', title: '作出日期', dataIndex: 'decidedOn', width: 110, render: (d: string) => fmtDate(d) },
    {
      key: 'received',
      title: '归集时间',
      width: 170,
      render: (_, r) => (
        <div>
          {fmtDateTime(r.receivedAt)}
          <div>
            {r.onTime ? <Tag color="green">及时</Tag> : <Tag color="orange">逾期（应于 {fmtDate(r.dueOn)} 前）</Tag>}
            {r.revision > 1 ? <Tag>已更正 {r.revision - 1} 次</Tag> : null}
          </div>
        </div>
      ),
    },
    { key: 'class', title: '公开属性', width: 100, render: (_, r) => <Tag color={r.infoClass === 'public' ? 'green' : 'default'}>{r.infoClassLabel}</Tag> },
    { key: 'source', title: '来源方式', dataIndex: 'sourceLabel', width: 100 },
  ]
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部部门"
          style={{ width: 200 }}
          value={filter.departmentId}
          onChange={(v) => (setPage(1), setFilter({ ...filter, departmentId: v }))}
          options={depts.map((d) => ({ value: d.id, label: d.name }))}
        />
        <Select
          allowClear
          placeholder="全部类别"
          style={{ width: 140 }}
          value={filter.kind}
          onChange={(v) => (setPage(1), setFilter({ ...filter, kind: v }))}
          options={opts(COLLECTION_KINDS)}
        />
        <Select
          allowClear
          placeholder="公开属性"
          style={{ width: 120 }}
          value={filter.infoClass}
          onChange={(v) => (setPage(1), setFilter({ ...filter, infoClass: v }))}
          options={opts(COLLECTION_CLASSES)}
        />
        <Input.Search
          allowClear
          placeholder="信用代码、名称或文书编号"
          defaultValue={initialQ}
          style={{ width: 260 }}
          onSearch={(v) => (setPage(1), setFilter({ ...filter, q: v || undefined }))}
          data-testid="collection-search"
        />
        {manage ? (
          <>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="collection-import">
              导入部门文件
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setEntering(true)}>
              录入一条
            </Button>
          </>
        ) : null}
      </Space>
      {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
      <ListTable
        listKey="collection-records"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
      />
      <ImportHistory kind="collection" refreshKey={tick} />
      <ImportModal open={importing} depts={depts} onClose={() => setImporting(false)} onDone={() => setTick((t) => t + 1)} />
      <EntryModal
        open={entering}
        depts={depts}
        onClose={() => setEntering(false)}
        onDone={(r) => {
          message.success(`已录入：${r.docNo}`)
          setTick((t) => t + 1)
        }}
      />
    </div>
  )
}

function ImportModal({ open, depts, onClose, onDone }: { open: boolean; depts: Department[]; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp()
  const [departmentId, setDepartmentId] = useState<string>()
  const [mode, setMode] = useState<'valid_only' | 'all'>('valid_only')
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<ImportSummary | null>(null)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    if (!departmentId || !file) return setError('请选择来源部门和文件')
    setBusy(true)
    setError(null)
    try {
      const form = new FormData()
      form.append('file', file)
      const r = await api.upload<ImportSummary>('/api/collection/imports', form, { query: { departmentId, mode } })
      setResult(r)
      onDone()
      if (r.status === 'done') message.success(`已导入 ${r.insertedRows + r.updatedRows} 条`)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open={open}
      title="导入部门涉企信息"
      okText="上传并导入"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => (setResult(null), setFile(null), onClose())}
      okButtonProps={{ 'data-testid': 'collection-import-submit' }}
    >
      <Form layout="vertical">
        <Form.Item label="来源部门" required>
          <Select
            value={departmentId}
            onChange={setDepartmentId}
            options={depts.filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))}
            data-testid="collection-import-dept"
          />
        </Form.Item>
        <Form.Item
          label="文件（CSV 或 XLSX）"
          required
          extra="列：信息类别、公开属性、统一社会信用代码、主体名称、文书编号、信息名称、作出日期、有效期至、内容"
        >
          <Upload beforeUpload={(f) => (setFile(f), false)} maxCount={1} accept=".csv,.xlsx" onRemove={() => setFile(null)}>
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
        <Form.Item label="有错误的行">
          <Select
            value={mode}
            onChange={setMode}
            options={[
              { value: 'valid_only', label: '仅导入正确的行，错误行列入错误报告' },
              { value: 'all', label: '有任何错误行则全部不导入' },
            ]}
          />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {result ? (
        <Alert
          type={result.status === 'done' && result.errorRows === 0 ? 'success' : 'warning'}
          showIcon
          data-testid="collection-import-result"
          title={result.message ?? `共 ${result.totalRows} 行：新增 ${result.insertedRows}，更新 ${result.updatedRows}，错误 ${result.errorRows}`}
          description={
            result.errors.length ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {result.errors.slice(0, 5).map((e) => (
                  <li key={`${e.rowNo}-${e.column}`}>
                    第 {e.rowNo} 行「{e.column}」：{e.message}
                  </li>
                ))}
              </ul>
            ) : null
          }
        />
      ) : null}
    </Modal>
  )
}

function EntryModal({ open, depts, onClose, onDone }: { open: boolean; depts: Department[]; onClose: () => void; onDone: (r: CollectedRecord) => void }) {
  const [form] = Form.useForm<EntryValues>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setBusy(true)
    setError(null)
    try {
      const body = { ...v, decidedOn: v.decidedOn.format('YYYY-MM-DD'), validUntil: v.validUntil ? v.validUntil.format('YYYY-MM-DD') : null }
      onDone(await api.post<CollectedRecord>('/api/collection/records', body))
      form.resetFields()
      onClose()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  const rule = (k: keyof typeof ManualRecordBody.shape) => [zodRule(ManualRecordBody.shape[k])]
  return (
    <Modal open={open} title="录入涉企信息" okText="保存" confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'licence', infoClass: 'public' }}>
        <Form.Item name="departmentId" label="来源部门" rules={rule('departmentId')}>
          <Select options={depts.filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label="信息类别" rules={rule('kind')}>
            <Select style={{ width: 160 }} options={opts(COLLECTION_KINDS)} />
          </Form.Item>
          <Form.Item name="infoClass" label="公开属性" rules={rule('infoClass')}>
            <Select style={{ width: 120 }} options={opts(COLLECTION_CLASSES)} />
          </Form.Item>
        </Space>
        <Form.Item name="uscc" label="统一社会信用代码" rules={rule('uscc')}>
          <Input maxLength={18} className="mono" />
        </Form.Item>
        <Form.Item name="entityName" label="主体名称" rules={rule('entityName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="docNo" label="文书编号（许可证号、决定书文号）" rules={rule('docNo')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="title" label="信息名称" rules={rule('title')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="decidedOn" label="作出日期" rules={[{ required: true, message: '请选择作出日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="validUntil" label="有效期至">
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="content" label="内容" rules={rule('content')}>
          <Input.TextArea maxLength={2000} rows={3} showCount />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  )
}

function Departments({ depts, manage, onChange }: { depts: Department[]; manage: boolean; onChange: () => void }) {
  const { message } = App.useApp()
  const [editing, setEditing] = useState<Department | 'new' | null>(null)
  const [form] = Form.useForm<DeptValues>()
  const [quota] = Form.useForm<QuotaValues>()
  const [error, setError] = useState<string | null>(null)
  const units = useUnits(manage)
  const save = async () => {
    const v = await form.validateFields().catch(() => null)
    if (!v || !editing) return
    try {
      const body = { ...v, pushUserId: v.pushUserId || null }
      if (editing === 'new') await api.post<Department>('/api/collection/departments', body)
      else await api.put<Department>(`/api/collection/departments/${editing.id}`, { ...body, version: editing.version })
      message.success('已保存')
      setEditing(null)
      onChange()
    } catch (e) {
      setError(errorMessage(e))
    }
  }
  const saveQuota = async () => {
    const v = await quota.validateFields().catch(() => null)
    if (!v) return
    try {
      await api.put('/api/collection/quotas', { ...v, month: v.month.format('YYYY-MM') })
      message.success(`已填报 ${v.month.format('YYYY年M月')} 应归集数`)
    } catch (e) {
      message.error(errorMessage(e))
    }
  }
  const dRule = (k: keyof typeof DepartmentBody.shape) => [zodRule(DepartmentBody.shape[k])]
  const qRule = (k: keyof typeof QuotaBody.shape) => [zodRule(QuotaBody.shape[k])]
  return (
    <div>
      {manage ? (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => (form.resetFields(), setError(null), setEditing('new'))}>
            登记归集部门
          </Button>
        </Space>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={depts}
        columns={[
          { title: '编码', dataIndex: 'code', key: 'code', render: (c: string) => <span className="mono">{c}</span> },
          { title: '部门', dataIndex: 'name', key: 'name' },
          { title: '归集单位', dataIndex: 'unitName', key: 'unit' },
          { title: '推送账号', dataIndex: 'pushUsername', key: 'push', render: (u: string | null) => u ?? <span className="c-sub">未设置（仅文件导入）</span> },
          { title: '状态', dataIndex: 'active', key: 'active', render: (a: boolean) => (a ? <Tag color="green">接收中</Tag> : <Tag>已停用</Tag>) },
          ...(manage
            ? [
                {
                  title: '操作',
                  key: 'op',
                  render: (_: unknown, d: Department) => (
                    <Button size="small" onClick={() => (form.setFieldsValue({ ...d }), setError(null), setEditing(d))}>
                      修改
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {manage ? (
        <div style={{ marginTop: 24 }}>
          <Typography.Title level={5}>填报应归集数</Typography.Title>
          <Form form={quota} layout="inline" initialValues={{ infoClass: 'public', month: dayjs() }} onFinish={() => void saveQuota()}>
            <Form.Item name="departmentId" rules={qRule('departmentId')}>
              <Select placeholder="部门" style={{ width: 200 }} options={depts.map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
            <Form.Item name="month" rules={[{ required: true, message: '请选择月份' }]}>
              <DatePicker picker="month" allowClear={false} />
            </Form.Item>
            <Form.Item name="infoClass" rules={qRule('infoClass')}>
              <Select style={{ width: 110 }} options={opts(COLLECTION_CLASSES)} />
            </Form.Item>
            <Form.Item name="expected" rules={qRule('expected')}>
              <InputNumber min={0} precision={0} placeholder="应归集条数" style={{ width: 140 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              保存
            </Button>
          </Form>
        </div>
      ) : null}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '登记归集部门' : '修改归集部门'}
        okText="保存"
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ active: true }}>
          <Form.Item name="code" label="部门编码" rules={dRule('code')}>
            <Input maxLength={40} className="mono" />
          </Form.Item>
          <Form.Item name="name" label="部门名称" rules={dRule('name')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="unitId" label="归集单位（本局）" rules={dRule('unitId')}>
            <UnitTreeSelect units={units.data} loading={units.loading} placeholder="选择归集单位" />
          </Form.Item>
          <Form.Item name="pushUserId" label="推送账号 ID（外部门接口账号，可空）">
            <Input maxLength={64} className="mono" />
          </Form.Item>
          <Form.Item name="active" label="接收信息" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Modal>
    </div>
  )
}

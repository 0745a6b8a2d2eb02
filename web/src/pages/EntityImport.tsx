import {
  CheckOutlined,
  CloseOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  InboxOutlined,
  LoadingOutlined,
  ReloadOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Progress,
  Radio,
  Result,
  Row,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
  type TableProps,
} from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router-dom'
import { api, ApiError, errorMessage, saveBlob } from '../api/client'
import type { ImportErrorRow, ImportJob, ImportTemplateField, Page } from '../api/types'
import { useLoad } from '../components/hooks'
import { fmtDateTime, IMPORT_STATUS_META, isImportRunning } from '../components/labels'
import { ImportHistory } from '../components/ImportHistory'
import { PageHeader } from '../components/PageHeader'
import '../components/entities.css'

type Mode = 'review' | 'valid_only'
const POLL_MS = 700

const n = (v: number) => v.toLocaleString('zh-CN')
const fmtSize = (b: number) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.ceil(b / 1024))} KB`)
const baseName = (f: string) => f.replace(/\.[^.]+$/, '')

/** The job, polled every 0.7 s while it runs (the id lives in the address bar, so a reload resumes). */
function useJob(id: string | null) {
  const [job, setJob] = useState<ImportJob | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [nonce, setNonce] = useState(0)

  useEffect(() => {
    if (!id) {
      setJob(null)
      setError(null)
      return
    }
    setJob((j) => (j?.id === id ? j : null))
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      try {
        const j = await api.get<ImportJob>(`/api/entities-import/jobs/${id}`)
        if (stopped) return
        setJob(j)
        setError(null)
        if (isImportRunning(j.status)) timer = setTimeout(() => void tick(), POLL_MS)
      } catch (e) {
        if (stopped) return
        setError(errorMessage(e))
        // A passing network or server failure: keep trying, more slowly. A missing job: stop.
        if (!(e instanceof ApiError) || e.status === 0 || e.status >= 500 || e.status === 429) timer = setTimeout(() => void tick(), 3000)
      }
    }
    void tick()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [id, nonce])

  return { job: job?.id === id ? job : null, error, setJob, poll: () => setNonce((x) => x + 1) }
}

function statusTag(j: ImportJob) {
  const meta = IMPORT_STATUS_META[j.status as keyof typeof IMPORT_STATUS_META]
  return (
    <Tag color={meta?.color ?? 'default'} icon={meta?.running ? <LoadingOutlined /> : undefined} style={{ marginInlineEnd: 0 }}>
      {j.statusLabel}
    </Tag>
  )
}

/* ---------- template ---------- */

function TemplateCard() {
  const { message } = App.useApp()
  const template = useLoad(
    (signal) => api.get<{ fields: ImportTemplateField[] }>('/api/entities-import/template', undefined, { signal }).then((r) => r.fields),
    [],
  )
  const fields = template.data ?? []

  const downloadCsv = () => {
    const header = fields.map((f) => (/[",\n]/.test(f.label) ? `"${f.label.replace(/"/g, '""')}"` : f.label)).join(',')
    // The byte-order mark makes Excel open the file as UTF-8.
    saveBlob(new Blob(['\ufeff' + header + '\r\n'], { type: 'text/csv;charset=utf-8' }), '经营主体导入模板.csv')
    message.success('已下载导入模板（CSV，可用 Excel 打开填写后另存为 .xlsx 或 .csv）')
  }

  return (
    <Card
      size="small"
      title="导入模板"
      extra={
        <Button size="small" icon={<DownloadOutlined />} onClick={downloadCsv} disabled={!fields.length} data-testid="template-download">
          下载 CSV 模板
        </Button>
      }
      style={{ height: '100%' }}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
        第一行为表头，按列名识别（顺序不限，登记系统导出的常见列名均可识别）。<Typography.Text strong>名称</Typography.Text>必填；
        <Typography.Text strong>统一社会信用代码</Typography.Text>与<Typography.Text strong>注册号</Typography.Text>至少一项。已在名录中的代码按新数据更新。
      </Typography.Paragraph>
      <Table<ImportTemplateField>
        size="small"
        rowKey="key"
        loading={template.loading}
        dataSource={fields}
        pagination={false}
        scroll={{ y: 236 }}
        columns={[
          {
            title: '列名',
            dataIndex: 'label',
            width: 140,
            render: (l: string, f) => (
              <span>
                {l}
                {f.key === 'name' ? <Typography.Text type="danger"> *</Typography.Text> : null}
              </span>
            ),
          },
          {
            title: '也可识别的表头',
            dataIndex: 'aliases',
            render: (a: string[], f) => <span className="template-aliases">{a.filter((x) => x !== f.label).join('、') || '—'}</span>,
          },
        ]}
      />
    </Card>
  )
}

/* ---------- upload ---------- */

function UploadCard({ onUploaded }: { onUploaded: (j: ImportJob) => void }) {
  const { message } = App.useApp()
  const [mode, setMode] = useState<Mode>('review')
  const [uploading, setUploading] = useState<{ name: string; loaded: number; total: number } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const ctrl = useRef<AbortController | null>(null)

  const send = async (file: File) => {
    setError(null)
    if (!/\.(csv|xlsx|txt)$/i.test(file.name)) {
      setError('只支持 .csv 或 .xlsx 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）')
      return
    }
    if (file.size === 0) {
      setError('文件是空的')
      return
    }
    const form = new FormData()
    form.append('file', file, file.name)
    ctrl.current = new AbortController()
    setUploading({ name: file.name, loaded: 0, total: file.size })
    try {
      const job = await api.upload<ImportJob>('/api/entities-import/jobs', form, {
        query: { then: mode },
        signal: ctrl.current.signal,
        onProgress: (loaded, total) => setUploading({ name: file.name, loaded, total: total || file.size }),
      })
      onUploaded(job)
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') message.info('已取消上传')
      else setError(errorMessage(e))
    } finally {
      ctrl.current = null
      setUploading(null)
    }
  }

  return (
    <Card size="small" title="上传文件" style={{ height: '100%' }}>
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)} className="import-mode" style={{ width: '100%' }} disabled={!!uploading}>
        <Row gutter={12}>
          <Col span={12}>
            <Radio value="review" data-testid="mode-review">
              <span>
                <Typography.Text strong>校验后确认</Typography.Text>（推荐）
                <span className="import-mode-hint">先校验全部行并列出错误，再由您决定只导入正确的行或全部不导入</span>
              </span>
            </Radio>
          </Col>
          <Col span={12}>
            <Radio value="valid_only" data-testid="mode-valid-only">
              <span>
                <Typography.Text strong>直接导入正确的行</Typography.Text>
                <span className="import-mode-hint">边校验边导入，错误行跳过并生成错误报告；适合大文件</span>
              </span>
            </Radio>
          </Col>
        </Row>
      </Radio.Group>
      <Upload.Dragger
        accept=".csv,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        multiple={false}
        showUploadList={false}
        disabled={!!uploading}
        beforeUpload={(f) => {
          void send(f)
          return false
        }}
        className="import-dragger"
        data-testid="import-dragger"
      >
        {uploading ? (
          <div style={{ padding: '0 24px' }}>
            <p className="ant-upload-text">正在上传 {uploading.name}</p>
            <Progress percent={uploading.total ? Math.floor((uploading.loaded / uploading.total) * 100) : 0} status="active" />
            <p className="ant-upload-hint">
              {fmtSize(uploading.loaded)} / {fmtSize(uploading.total)}
            </p>
          </div>
        ) : (
          <>
            <p className="ant-upload-drag-icon" style={{ marginBottom: 8 }}>
              <InboxOutlined style={{ color: '#1f5fbf', fontSize: 40 }} />
            </p>
            <p className="ant-upload-text">点击选择或将文件拖到此处</p>
            <p className="ant-upload-hint">支持 CSV（UTF-8 编码）、Excel（.xlsx）与 JSON，一次一个文件，最多约 100 万行</p>
          </>
        )}
      </Upload.Dragger>
      {uploading ? (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button size="small" onClick={() => ctrl.current?.abort()}>
            取消上传
          </Button>
        </Flex>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="upload-error" /> : null}
      <Steps
        size="small"
        titlePlacement="vertical"
        style={{ marginTop: 20 }}
        current={-1}
        items={
          mode === 'review'
            ? [{ title: '上传文件' }, { title: '校验，列出错误' }, { title: '选择导入方式' }, { title: '查看结果' }]
            : [{ title: '上传文件' }, { title: '校验并导入正确的行' }, { title: '查看结果与错误' }]
        }
      />
    </Card>
  )
}

/* ---------- one job ---------- */

function ErrorTable({ job }: { job: ImportJob }) {
  const { message } = App.useApp()
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(10)
  const [downloading, setDownloading] = useState(false)
  const running = isImportRunning(job.status)
  const errors = useLoad(
    (signal) => api.get<Page<ImportErrorRow>>(`/api/entities-import/jobs/${job.id}/errors`, { page, pageSize }, { signal }),
    [job.id, page, pageSize, job.status, running ? 0 : job.errorRows + job.warningRows],
    job.errorRows + job.warningRows > 0 || !running,
  )

  const report = async () => {
    setDownloading(true)
    try {
      await api.download(`/api/entities-import/jobs/${job.id}/error-report`, undefined, { fileName: `${baseName(job.fileName)}-错误报告.xlsx` })
    } catch (e) {
      message.error(`下载失败：${errorMessage(e)}`)
    } finally {
      setDownloading(false)
    }
  }

  const columns: TableProps<ImportErrorRow>['columns'] = [
    { title: '行号', dataIndex: 'rowNo', width: 80, render: (r: number) => <Typography.Text strong>{r}</Typography.Text> },
    { title: '列', dataIndex: 'columnName', width: 150 },
    {
      title: '值',
      dataIndex: 'value',
      width: 240,
      render: (v: string | null) =>
        v ? <Typography.Text className="mono small-mono">{v}</Typography.Text> : <Typography.Text type="secondary">（空）</Typography.Text>,
    },
    {
      title: '级别',
      dataIndex: 'severity',
      width: 80,
      render: (v: ImportErrorRow['severity']) => (v === 'warning' ? <Tag color="gold">警告</Tag> : <Tag color="red">错误</Tag>),
    },
    {
      title: '原因',
      dataIndex: 'reason',
      render: (r: string, e) => <Typography.Text type={e.severity === 'warning' ? 'warning' : 'danger'}>{r}</Typography.Text>,
    },
  ]

  return (
    <Card
      size="small"
      type="inner"
      title={
        <span>
          错误明细{' '}
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            （行号为文件中的行，表头为第 1 行；“警告”的行照常导入）
          </Typography.Text>
        </span>
      }
      extra={
        <Button icon={<FileExcelOutlined />} onClick={report} loading={downloading} disabled={!job.errorRows && !job.warningRows} data-testid="error-report">
          下载错误报告
        </Button>
      }
      style={{ marginTop: 16 }}
    >
      <Table<ImportErrorRow>
        size="small"
        rowKey={(r) => `${r.rowNo}-${r.columnName}-${r.reason}`}
        data-testid="import-errors"
        columns={columns}
        dataSource={errors.data?.items ?? []}
        loading={errors.loading && !errors.data}
        locale={{ emptyText: running ? '校验中…' : '没有错误' }}
        pagination={{
          current: page,
          pageSize,
          total: errors.data?.total ?? 0,
          size: 'small',
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50],
          showTotal: (t) => `共 ${n(t)} 条错误`,
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p)
            setPageSize(s)
          },
        }}
      />
    </Card>
  )
}

function JobPanel({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const { message, modal } = App.useApp()
  const navigate = useNavigate()
  const { job, error, setJob, poll } = useJob(id)
  const [acting, setActing] = useState<string | null>(null)
  const lastStatus = useRef<string | null>(null)

  // Let the history table follow the job's status changes.
  useEffect(() => {
    if (job && job.status !== lastStatus.current) {
      if (lastStatus.current !== null) onChanged()
      lastStatus.current = job.status
    }
  }, [job, onChanged])

  if (!job) {
    return (
      <Card size="small" className="filter-card" title="导入任务">
        {error ? (
          <Alert
            type="error"
            showIcon
            title={error}
            action={
              <Button size="small" onClick={onClose}>
                返回
              </Button>
            }
          />
        ) : (
          <Flex justify="center" style={{ padding: 32 }}>
            <LoadingOutlined style={{ fontSize: 24 }} />
          </Flex>
        )}
      </Card>
    )
  }

  const act = async (what: 'valid_only' | 'all' | 'cancel') => {
    setActing(what)
    try {
      const j =
        what === 'cancel'
          ? await api.post<ImportJob>(`/api/entities-import/jobs/${job.id}/cancel`)
          : await api.post<ImportJob>(`/api/entities-import/jobs/${job.id}/commit`, { mode: what })
      setJob(j)
      poll()
      onChanged()
      if (what === 'cancel') message.info(j.status === 'cancelled' ? '已取消，未导入任何数据' : '正在取消…')
    } catch (e) {
      message.error(errorMessage(e))
      poll()
    } finally {
      setActing(null)
    }
  }

  const cancelAll = () =>
    modal.confirm({
      title: '全部不导入？',
      content: '本文件的所有行都不会导入，名录保持不变。修改文件后可以重新上传。',
      okText: '全部不导入',
      okButtonProps: { danger: true },
      cancelText: '返回',
      onOk: () => act('cancel'),
    })

  // One pass (上传时选择“直接导入正确的行”): validation and import run together.
  const onePass = job.phase === 'single'
  const running = isImportRunning(job.status)
  const unchanged = Math.max(0, job.processedRows - job.insertedRows - job.updatedRows)
  const hasErrors = job.errorRows > 0

  const stepIndex =
    { validating: 1, validated: 2, importing: 3, done: 4, cancelled: 2, failed: job.totalRows > 0 && job.processedRows > 0 ? 3 : 1 }[job.status] ?? 1
  const stepStatus = job.status === 'failed' || job.status === 'cancelled' ? 'error' : job.status === 'done' ? 'finish' : 'process'

  let body: React.ReactNode = null
  if (job.status === 'validating' || job.status === 'importing') {
    const importing = job.status === 'importing'
    const total = importing && !onePass ? job.validRows : 0
    const pct = total ? Math.min(99, Math.floor((job.processedRows / total) * 100)) : null
    body = (
      <div data-testid="import-progress">
        <Typography.Text strong>{importing ? (onePass ? '正在校验并导入正确的行…' : '正在导入…') : '正在校验…'}</Typography.Text>
        {pct !== null ? (
          <Progress percent={pct} status="active" />
        ) : (
          // The row count is known only at the end of the file: a moving bar, no made-up percentage.
          <Progress percent={100} status="active" showInfo={false} strokeColor="#91caff" />
        )}
        <Typography.Text type="secondary">
          {importing
            ? onePass
              ? `已读取 ${n(job.totalRows)} 行，其中错误 ${n(job.errorRows)} 行；已写入 ${n(job.processedRows)} 行（新增 ${n(job.insertedRows)}，更新 ${n(job.updatedRows)}）`
              : `已处理 ${n(job.processedRows)} / ${n(job.validRows)} 行（新增 ${n(job.insertedRows)}，更新 ${n(job.updatedRows)}）`
            : `已校验 ${n(job.processedRows)} 行，其中正确 ${n(job.validRows)} 行、错误 ${n(job.errorRows)} 行`}
        </Typography.Text>
        {job.status === 'validating' ? (
          <div style={{ marginTop: 12 }}>
            <Button onClick={() => act('cancel')} loading={acting === 'cancel'} icon={<CloseOutlined />}>
              停止校验（全部不导入）
            </Button>
          </div>
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            导入分批提交：即使中途关闭页面或服务器重启，也会从中断处继续，不会重复导入。
          </Typography.Paragraph>
        )}
      </div>
    )
  } else if (job.status === 'validated') {
    body = (
      <div data-testid="import-summary">
        <Row gutter={16} className="import-counts">
          <Col xs={8} md={4}>
            <Statistic title="数据行" value={job.totalRows} />
          </Col>
          <Col xs={8} md={4}>
            <Statistic title="正确" value={job.validRows} styles={{ content: { color: '#389e0d' } }} />
          </Col>
          <Col xs={8} md={4}>
            <Statistic title="错误" value={job.errorRows} styles={{ content: { color: hasErrors ? '#cf1322' : undefined } }} />
          </Col>
        </Row>
        {job.message ? <Alert type="warning" showIcon title={job.message} style={{ marginTop: 12 }} /> : null}
        <Alert
          style={{ marginTop: 16 }}
          type={hasErrors ? 'warning' : 'success'}
          showIcon
          data-testid="import-decision"
          title={
            !hasErrors
              ? `校验通过：全部 ${n(job.totalRows)} 行正确，请确认导入`
              : job.validRows === 0
                ? `全部 ${n(job.totalRows)} 行都有错误，无法导入`
                : `有 ${n(job.errorRows)} 行错误，请选择如何处理`
          }
          description={
            !hasErrors
              ? '已在名录中的主体将按文件内容更新，其余新增。'
              : job.validRows === 0
                ? '请下载错误报告，按原因修改文件后重新上传。'
                : `可以只导入正确的 ${n(job.validRows)} 行（错误行不导入，修改后可单独再导入），也可以全部不导入。`
          }
          action={
            <Space orientation="vertical" align="end">
              {!hasErrors ? (
                <Button type="primary" icon={<CheckOutlined />} loading={acting === 'all'} onClick={() => act('all')} data-testid="import-all">
                  全部导入（{n(job.validRows)} 行）
                </Button>
              ) : job.validRows > 0 ? (
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={acting === 'valid_only'}
                  onClick={() => act('valid_only')}
                  data-testid="import-valid-only"
                >
                  仅导入正确的行（{n(job.validRows)} 行）
                </Button>
              ) : null}
              <Button icon={<CloseOutlined />} loading={acting === 'cancel'} onClick={cancelAll} data-testid="import-none">
                全部不导入
              </Button>
            </Space>
          }
        />
      </div>
    )
  } else if (job.status === 'done') {
    body = (
      <Result
        status="success"
        style={{ padding: '16px 0' }}
        title="导入完成"
        subTitle={
          <span data-testid="import-result">
            新增 {n(job.insertedRows)} 户 · 更新 {n(job.updatedRows)} 户 · 未变 {n(unchanged)} 户{hasErrors ? `；另有 ${n(job.errorRows)} 行因错误未导入` : ''}
          </span>
        }
        extra={[
          <Button key="list" type="primary" icon={<UnorderedListOutlined />} onClick={() => navigate('/entities')}>
            查看经营主体名录
          </Button>,
          <Button key="next" icon={<CloudUploadOutlined />} onClick={onClose}>
            导入其他文件
          </Button>,
        ]}
      />
    )
  } else if (job.status === 'cancelled') {
    body = (
      <Result
        status="info"
        style={{ padding: '16px 0' }}
        title="已取消，未导入任何数据"
        subTitle="名录保持不变。修改文件后可以重新上传。"
        extra={
          <Button type="primary" onClick={onClose}>
            导入其他文件
          </Button>
        }
      />
    )
  } else if (job.status === 'failed') {
    const canRetry = job.totalRows > 0 && job.validRows > 0
    body = (
      <Alert
        type="error"
        showIcon
        title={job.processedRows > 0 ? '导入中断' : '文件无法导入'}
        description={
          <span>
            {job.message ?? '处理文件时出错'}
            {canRetry && job.processedRows > 0 ? `。已提交的 ${n(job.processedRows)} 行保留，重试将从中断处继续。` : ''}
          </span>
        }
        action={
          <Space orientation="vertical" align="end">
            {canRetry ? (
              <Button type="primary" loading={acting !== null && acting !== 'cancel'} onClick={() => act(hasErrors ? 'valid_only' : 'all')}>
                重试导入
              </Button>
            ) : null}
            {job.processedRows === 0 ? <Button onClick={onClose}>重新上传</Button> : null}
          </Space>
        }
      />
    )
  }

  const steps = onePass
    ? [{ title: '上传文件' }, { title: '校验并导入' }, { title: '完成' }]
    : [{ title: '上传文件' }, { title: '校验' }, { title: '确认' }, { title: '导入' }, { title: '完成' }]
  const onePassIndex = { validating: 1, importing: 1, done: 2 }[job.status] ?? 1

  return (
    <Card
      className="filter-card"
      data-testid="import-job"
      title={
        <Flex gap={8} align="center" wrap>
          <FileExcelOutlined style={{ color: '#389e0d' }} />
          <span>{job.fileName}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 13 }}>
            {fmtSize(job.fileSize)} · {fmtDateTime(job.createdAt)} 上传
          </Typography.Text>
          {statusTag(job)}
        </Flex>
      }
      extra={
        <Space>
          <Button size="small" icon={<ReloadOutlined />} onClick={poll} aria-label="刷新进度" />
          {!running ? (
            <Button size="small" icon={<CloudUploadOutlined />} onClick={onClose}>
              导入其他文件
            </Button>
          ) : null}
        </Space>
      }
    >
      <Steps className="import-steps" size="small" current={onePass ? onePassIndex : stepIndex} status={stepStatus} items={steps} />
      {error ? <Alert type="warning" showIcon title={`无法刷新进度：${error}`} style={{ marginBottom: 12 }} /> : null}
      {body}
      {hasErrors || job.warningRows > 0 ? <ErrorTable job={job} /> : null}
    </Card>
  )
}

/* ---------- page ---------- */

export default function EntityImportPage() {
  const [params, setParams] = useSearchParams()
  const jobId = /^[0-9a-f-]{36}$/i.test(params.get('job') ?? '') ? params.get('job') : null
  // The newest jobs, for the "running elsewhere" notice; the history list is <ImportHistory>.
  const jobs = useLoad((signal) => api.get<Page<ImportJob>>('/api/entities-import/jobs', { page: 1, pageSize: 10 }, { signal }), [])
  const anyRunning = (jobs.data?.items ?? []).some((j) => isImportRunning(j.status))
  const reloadJobs = jobs.reload

  // While a job in the history runs, keep its row current.
  useEffect(() => {
    if (!anyRunning) return
    const t = setTimeout(reloadJobs, 2000)
    return () => clearTimeout(t)
  }, [anyRunning, jobs.data, reloadJobs])

  const openJob = (id: string | null) => setParams(id ? { job: id } : {})
  const runningElsewhere = (jobs.data?.items ?? []).filter((j) => isImportRunning(j.status) && j.id !== jobId)

  return (
    <div className="page">
      <PageHeader title="名录导入" subtitle="将登记系统导出的 CSV / Excel 文件导入经营主体名录：按统一社会信用代码匹配，已有的更新，没有的新增" />
      {runningElsewhere.length && !jobId ? (
        <Alert
          type="info"
          showIcon
          className="page-alert"
          title={`有 ${runningElsewhere.length} 个导入任务正在进行：${runningElsewhere.map((j) => j.fileName).join('、')}`}
          action={
            <Button size="small" type="primary" onClick={() => openJob(runningElsewhere[0]!.id)}>
              查看进度
            </Button>
          }
        />
      ) : null}
      {jobId ? (
        <JobPanel key={jobId} id={jobId} onClose={() => openJob(null)} onChanged={reloadJobs} />
      ) : (
        <Row gutter={16} className="filter-card">
          <Col xs={24} xl={14}>
            <UploadCard
              onUploaded={(j) => {
                openJob(j.id)
                reloadJobs()
              }}
            />
          </Col>
          <Col xs={24} xl={10}>
            <TemplateCard />
          </Col>
        </Row>
      )}
      <ImportHistory kind="entities" currentId={jobId} onOpen={openJob} refreshKey={jobs.data} />
    </div>
  )
}

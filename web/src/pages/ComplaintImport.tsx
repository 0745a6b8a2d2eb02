import {
  CheckOutlined,
  CloseOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  InboxOutlined,
  LoadingOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Flex, Progress, Result, Row, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd'
import { useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router-dom'
import { api, errorMessage, saveBlob } from '../api/client'
import type { Page } from '../api/types'
import type { ImportBatch, ImportError } from '../components/complaint/types'
import { useLoad } from '../components/hooks'
import { ImportHistory } from '../components/ImportHistory'
import { fmtDateTime } from '../components/labels'
import { PageHeader } from '../components/PageHeader'

/** Columns of a transfer sheet (complaints.import.ts IMPORT_COLUMNS), required ones marked. */
const COLUMNS: { label: string; aliases: string; required?: boolean; note?: string }[] = [
  { label: '平台编号', aliases: '编号、诉求编号、工单编号', required: true, note: '重复导入同一编号会被拒绝' },
  { label: '类型', aliases: '诉求类型', required: true, note: '投诉 / 举报 / 咨询' },
  { label: '接收时间', aliases: '登记时间、受理时间、转办时间', required: true, note: '2026-11-20 或 2026-11-20 09:30' },
  { label: '分类', aliases: '问题分类、投诉分类', note: '价格、质量、合同、食品安全…；空为“其他”' },
  { label: '摘要', aliases: '标题、诉求摘要', required: true },
  { label: '诉求', aliases: '具体诉求、诉求内容', note: '空时取摘要' },
  { label: '事实', aliases: '事实与理由、问题描述', note: '空时取摘要' },
  { label: '姓名', aliases: '投诉人、举报人、诉求人' },
  { label: '电话', aliases: '联系电话、手机' },
  { label: '地址', aliases: '通讯地址、联系地址' },
  { label: '匿名', aliases: '是否匿名', note: '是 / 否（仅举报）' },
  { label: '被投诉人', aliases: '被投诉（举报）人、被举报人、经营者名称' },
  { label: '统一社会信用代码', aliases: '信用代码' },
  { label: '被投诉人地址', aliases: '经营地址、被举报人地址' },
  { label: '行政区划', aliases: '区划代码、所在区划', note: '6 或 9 位代码，确定管辖' },
]

const n = (v: number) => v.toLocaleString('zh-CN')
const fmtSize = (b: number) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.ceil(b / 1024))} KB`)

function UploadCard({ onUploaded }: { onUploaded: (b: ImportBatch) => void }) {
  const [uploading, setUploading] = useState<{ name: string; loaded: number; total: number } | null>(null)
  const [error, setError] = useState<string | null>(null)

  const send = async (file: File) => {
    setError(null)
    if (!/\.(csv|xlsx|json)$/i.test(file.name)) return setError('只支持 .xlsx、.csv 或 .json 文件')
    if (file.size === 0) return setError('文件是空的')
    if (file.size > 10 * 1024 * 1024) return setError('文件不能超过 10 MB（每批最多 5,000 行）')
    const form = new FormData()
    form.append('file', file, file.name)
    setUploading({ name: file.name, loaded: 0, total: file.size })
    try {
      onUploaded(
        await api.upload<ImportBatch>('/api/complaints/imports', form, {
          onProgress: (loaded, total) => setUploading({ name: file.name, loaded, total: total || file.size }),
        }),
      )
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setUploading(null)
    }
  }

  const uploaded = uploading && uploading.loaded >= uploading.total
  return (
    <Card size="small" title="上传转办件" style={{ height: '100%' }}>
      <Upload.Dragger
        accept=".xlsx,.csv,.json"
        maxCount={1}
        showUploadList={false}
        disabled={!!uploading}
        beforeUpload={(f) => {
          void send(f)
          return false
        }}
        data-testid="import-dragger"
      >
        {uploading ? (
          <div style={{ padding: '0 24px' }} data-testid="import-progress">
            <p className="ant-upload-text">{uploaded ? `正在逐行校验 ${uploading.name}…` : `正在上传 ${uploading.name}`}</p>
            {uploaded ? (
              <Progress percent={100} status="active" showInfo={false} strokeColor="#91caff" />
            ) : (
              <Progress percent={Math.floor((uploading.loaded / Math.max(1, uploading.total)) * 100)} status="active" />
            )}
            <p className="ant-upload-hint">
              {fmtSize(uploading.loaded)} / {fmtSize(uploading.total)}
            </p>
          </div>
        ) : (
          <>
            <p className="ant-upload-drag-icon" style={{ marginBottom: 8 }}>
              <InboxOutlined style={{ color: '#1f5fbf', fontSize: 40 }} />
            </p>
            <p className="ant-upload-text">点击选择或将全国12315平台导出的文件拖到此处</p>
            <p className="ant-upload-hint">Excel（.xlsx）、CSV 或 JSON，每批最多 5,000 行、10 MB</p>
          </>
        )}
      </Upload.Dragger>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="upload-error" /> : null}
      <Steps
        size="small"
        titlePlacement="vertical"
        style={{ marginTop: 20 }}
        current={-1}
        items={[{ title: '上传文件' }, { title: '逐行校验，列出错误' }, { title: '导入正确的行或全部' }, { title: '在工作台分送' }]}
      />
    </Card>
  )
}

function TemplateCard() {
  const { message } = App.useApp()
  const download = () => {
    saveBlob(new Blob(['\ufeff' + COLUMNS.map((c) => c.label).join(',') + '\r\n'], { type: 'text/csv;charset=utf-8' }), '全国12315平台转办件导入模板.csv')
    message.success('已下载导入模板')
  }
  return (
    <Card
      size="small"
      title="导入模板"
      extra={
        <Button size="small" icon={<DownloadOutlined />} onClick={download}>
          下载 CSV 模板
        </Button>
      }
      style={{ height: '100%' }}
    >
      <Table
        size="small"
        rowKey="label"
        pagination={false}
        scroll={{ y: 260 }}
        dataSource={COLUMNS}
        columns={[
          {
            title: '列名',
            dataIndex: 'label',
            width: 130,
            render: (l: string, c) => (
              <span>
                {l}
                {c.required ? <Typography.Text type="danger"> *</Typography.Text> : null}
              </span>
            ),
          },
          {
            title: '说明 / 也可识别的表头',
            render: (_, c) => (
              <span className="c-sub" style={{ color: 'inherit' }}>
                {c.note ? `${c.note}；` : ''}
                {c.aliases}
              </span>
            ),
          },
        ]}
      />
    </Card>
  )
}

function BatchPanel({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const { message, modal } = App.useApp()
  const navigate = useNavigate()
  const batch = useLoad((signal) => api.get<ImportBatch>(`/api/complaints/imports/${id}`, undefined, { signal }), [id])
  const [b, setB] = useState<ImportBatch | null>(null)
  const cur = b?.id === id ? b : batch.data
  const [page, setPage] = useState(1)
  const errors = useLoad(
    (signal) => api.get<Page<ImportError>>(`/api/complaints/imports/${id}/errors`, { page, pageSize: 10 }, { signal }),
    [id, page],
    !!cur && cur.errorRows > 0,
  )
  const [acting, setActing] = useState<string | null>(null)

  if (!cur) {
    return (
      <Card size="small" className="filter-card">
        {batch.error ? (
          <Alert
            type="error"
            showIcon
            title={batch.error}
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
      const r =
        what === 'cancel'
          ? await api.post<ImportBatch>(`/api/complaints/imports/${id}/cancel`)
          : await api.post<ImportBatch>(`/api/complaints/imports/${id}/commit`, { mode: what })
      setB(r)
      onChanged()
      if (r.status === 'done') message.success(`已导入 ${n(r.createdItems)} 件`)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setActing(null)
    }
  }
  const report = async () => {
    try {
      await api.download(`/api/complaints/imports/${id}/error-report`, undefined, { fileName: `${cur.fileName.replace(/\.[^.]+$/, '')}-错误报告.xlsx` })
    } catch (e) {
      message.error(`下载失败：${errorMessage(e)}`)
    }
  }
  const hasErrors = cur.errorRows > 0
  const stepIndex = cur.status === 'validated' ? 2 : 3

  let body: React.ReactNode = null
  if (cur.status === 'validated') {
    body = (
      <div data-testid="import-summary">
        <Row gutter={16}>
          <Col xs={8} md={4}>
            <Statistic title="数据行" value={cur.totalRows} />
          </Col>
          <Col xs={8} md={4}>
            <Statistic title="正确" value={cur.validRows} styles={{ content: { color: '#389e0d' } }} />
          </Col>
          <Col xs={8} md={4}>
            <Statistic title="有错误的行" value={cur.errorRows} styles={{ content: { color: hasErrors ? '#cf1322' : undefined } }} />
          </Col>
        </Row>
        <Alert
          style={{ marginTop: 16 }}
          type={hasErrors ? 'warning' : 'success'}
          showIcon
          title={
            !hasErrors
              ? `校验通过：全部 ${n(cur.totalRows)} 行正确，请确认导入`
              : cur.validRows === 0
                ? `全部 ${n(cur.totalRows)} 行都有错误，无法导入`
                : `有 ${n(cur.errorRows)} 行错误，请选择如何处理`
          }
          description={
            !hasErrors
              ? '导入后各件在 12315 中心“待分送”，按属地分送。'
              : cur.validRows === 0
                ? '请下载错误报告，按原因修改文件后重新上传。'
                : `可以只导入正确的 ${n(cur.validRows)} 行（错误行修改后可再导入），也可以全部不导入。“全部导入”须先改正全部错误。`
          }
          action={
            <Space orientation="vertical" align="end">
              {!hasErrors ? (
                <Button type="primary" icon={<CheckOutlined />} loading={acting === 'all'} onClick={() => act('all')} data-testid="import-all">
                  全部导入（{n(cur.validRows)} 行）
                </Button>
              ) : cur.validRows > 0 ? (
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={acting === 'valid_only'}
                  onClick={() => act('valid_only')}
                  data-testid="import-valid-only"
                >
                  仅导入正确的行（{n(cur.validRows)} 行）
                </Button>
              ) : null}
              <Button
                icon={<CloseOutlined />}
                loading={acting === 'cancel'}
                data-testid="import-none"
                onClick={() =>
                  modal.confirm({
                    title: '全部不导入？',
                    content: '本批次所有行都不会导入。修改文件后可以重新上传。',
                    okText: '全部不导入',
                    okButtonProps: { danger: true },
                    cancelText: '返回',
                    onOk: () => act('cancel'),
                  })
                }
              >
                全部不导入
              </Button>
            </Space>
          }
        />
      </div>
    )
  } else if (cur.status === 'done') {
    body = (
      <Result
        status="success"
        style={{ padding: '16px 0' }}
        title="导入完成"
        subTitle={
          <span data-testid="import-result">
            新增 {n(cur.createdItems)} 件{hasErrors ? `；另有 ${n(cur.errorRows)} 行因错误未导入` : ''}
          </span>
        }
        extra={[
          <Button key="q" type="primary" icon={<UnorderedListOutlined />} onClick={() => navigate('/complaints?channel=national_platform&state=received')}>
            到工作台分送
          </Button>,
          <Button key="n" icon={<CloudUploadOutlined />} onClick={onClose}>
            导入其他文件
          </Button>,
        ]}
      />
    )
  } else {
    body = (
      <Result
        status="info"
        style={{ padding: '16px 0' }}
        title="已取消，未导入任何数据"
        extra={
          <Button type="primary" onClick={onClose}>
            导入其他文件
          </Button>
        }
      />
    )
  }

  return (
    <Card
      className="filter-card"
      data-testid="import-batch"
      title={
        <Flex gap={8} align="center" wrap>
          <FileExcelOutlined style={{ color: '#389e0d' }} />
          <span>{cur.fileName}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 13 }}>
            {fmtDateTime(cur.createdAt)} 上传
          </Typography.Text>
          <Tag color={cur.status === 'done' ? 'green' : cur.status === 'cancelled' ? 'default' : 'blue'} className="c-tag">
            {cur.statusLabel}
          </Tag>
        </Flex>
      }
      extra={
        cur.status !== 'validated' ? (
          <Button size="small" icon={<CloudUploadOutlined />} onClick={onClose}>
            导入其他文件
          </Button>
        ) : null
      }
    >
      <Steps
        size="small"
        current={stepIndex}
        status={cur.status === 'cancelled' ? 'error' : cur.status === 'done' ? 'finish' : 'process'}
        items={[{ title: '上传' }, { title: '校验' }, { title: '确认' }, { title: '完成' }]}
        style={{ marginBottom: 16 }}
      />
      {body}
      {hasErrors ? (
        <Card
          size="small"
          type="inner"
          style={{ marginTop: 16 }}
          title="错误明细（行号为文件中的行，表头为第 1 行）"
          extra={
            <Button icon={<FileExcelOutlined />} onClick={report} data-testid="error-report">
              下载错误报告
            </Button>
          }
        >
          <Table<ImportError>
            size="small"
            rowKey={(r) => `${r.rowNo}-${r.column}-${r.reason}`}
            data-testid="import-errors"
            loading={errors.loading}
            dataSource={errors.data?.items ?? []}
            pagination={{
              current: page,
              pageSize: 10,
              total: errors.data?.total ?? 0,
              size: 'small',
              showSizeChanger: false,
              showTotal: (t) => `共 ${n(t)} 条错误`,
              onChange: setPage,
            }}
            columns={[
              { title: '行号', dataIndex: 'rowNo', width: 70 },
              { title: '列', dataIndex: 'column', width: 150 },
              {
                title: '值',
                dataIndex: 'value',
                width: 220,
                render: (v: string | null) => (v ? v : <Typography.Text type="secondary">（空）</Typography.Text>),
              },
              { title: '错误原因', dataIndex: 'reason', render: (r: string) => <Typography.Text type="danger">{r}</Typography.Text> },
            ]}
          />
        </Card>
      ) : null}
    </Card>
  )
}

/** Batches transferred from the national 12315 platform: upload, validation, error report, import. */
export default function ComplaintImportPage() {
  const [params, setParams] = useSearchParams()
  const id = /^[0-9a-f-]{36}$/i.test(params.get('batch') ?? '') ? params.get('batch') : null
  const [changes, setChanges] = useState(0)
  return (
    <div className="page">
      <PageHeader
        title="平台转办导入"
        docTitle="全国12315平台转办导入"
        subtitle="导入全国12315平台转办的投诉、举报、咨询：逐行校验，错误可下载报告，确认后导入，进入工作台待分送"
      />
      {id ? (
        <BatchPanel key={id} id={id} onClose={() => setParams({})} onChanged={() => setChanges((c) => c + 1)} />
      ) : (
        <Row gutter={16} className="filter-card">
          <Col xs={24} xl={13}>
            <UploadCard onUploaded={(b) => setParams({ batch: b.id })} />
          </Col>
          <Col xs={24} xl={11}>
            <TemplateCard />
          </Col>
        </Row>
      )}
      <ImportHistory kind="complaints" currentId={id} onOpen={(b) => setParams({ batch: b })} refreshKey={`${id}-${changes}`} />
    </div>
  )
}

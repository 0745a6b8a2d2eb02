import { UploadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Drawer, Flex, Form, Grid, Input, Segmented, Select, Tag, Typography, Upload } from 'antd'
import { Link } from 'react-router-dom'
import { useState } from 'react'
import { api, errorMessage } from '../api/client'
import { applyServerError } from '../components/formError'
import { useLoad } from '../components/hooks'
import { PROBLEM_RESULTS, type MyTarget, type Page, type TargetDetail } from '../components/inspection/types'
import { ListTable, type ListColumn } from '../components/ListTable'
import { beijingToday } from '../components/labels'
import { PageHeader } from '../components/PageHeader'

const today = () => beijingToday()

function ResultDrawer({ id, onClose, onSaved }: { id: string | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm()
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const phone = Grid.useBreakpoint().md === false
  const detail = useLoad((signal) => api.get<TargetDetail>(`/api/inspection-targets/${id}`, undefined, { signal }), [id], !!id)
  const d = detail.data
  const results = Form.useWatch('results', form) as Record<string, { result?: string }> | undefined
  const submit = async (v: { inspectedOn: string; results: Record<string, { result: string; note?: string }> }) => {
    setSaving(true)
    setError(null)
    try {
      await api.post(`/api/inspection-targets/${id}/results`, {
        inspectedOn: v.inspectedOn,
        results: Object.entries(v.results).map(([itemId, r]) => ({ itemId, result: r.result, note: r.note || null })),
      })
      message.success('检查结果已录入')
      onSaved()
    } catch (e) {
      setError(applyServerError(form, e))
    } finally {
      setSaving(false)
    }
  }
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={phone ? '100%' : 640}
      destroyOnHidden
      title={d ? `录入检查结果：${d.entityName}` : '检查结果'}
      footer={
        d?.mayRecord ? (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="result-save">
              提交结果
            </Button>
          </Flex>
        ) : null
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {d ? (
        <>
          <Typography.Paragraph>
            <Link to={`/inspections/tasks/${d.task.id}`} data-testid="target-task-link">
              {d.task.taskNo}
            </Link>{' '}
            {d.task.name}
            <br />
            统一社会信用代码：{d.uscc ?? '—'}；日常监管机构：{d.stationName ?? '—'}
            <br />
            检查人员：{d.inspectors.map((i) => i.displayName).join('、')}
          </Typography.Paragraph>
          {d.status === 'done' ? (
            <Card size="small" title={`已于 ${d.inspectedOn} 检查：${d.outcomeLabel}`}>
              <ul style={{ margin: 0 }}>
                {d.results.map((r) => (
                  <li key={r.itemId}>
                    {r.itemName}：{r.resultLabel}
                    {r.note ? `（${r.note}）` : ''}
                  </li>
                ))}
              </ul>
              {d.leadNo ? <div>已生成案源线索 {d.leadNo}</div> : null}
              {d.abnormalProposed ? <div>已提请列入经营异常名录</div> : null}
            </Card>
          ) : d.mayRecord ? (
            <Form form={form} layout="vertical" onFinish={submit} initialValues={{ inspectedOn: today() }}>
              <Form.Item name="inspectedOn" label="检查日期" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' }]}>
                <Input style={{ width: 160 }} />
              </Form.Item>
              {d.items.map((i) => (
                <Card key={i.itemId} size="small" title={`${i.code} ${i.name}`} style={{ marginBottom: 12 }}>
                  {/* No default: the inspector chooses the result of every item (no risky pre-fill). */}
                  <Form.Item name={['results', i.itemId, 'result']} label="检查结果" rules={[{ required: true, message: '请选择检查结果' }]}>
                    <Select
                      data-testid={`result-${i.code}`}
                      placeholder="请选择检查结果"
                      options={i.resultOptions.map((o) => ({ value: o.code, label: o.label }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={['results', i.itemId, 'note']}
                    label="说明"
                    rules={[{ required: PROBLEM_RESULTS.has(results?.[i.itemId]?.result ?? ''), message: '发现问题时请写明问题' }]}
                  >
                    <Input.TextArea rows={2} maxLength={2000} data-testid={`note-${i.code}`} />
                  </Form.Item>
                </Card>
              ))}
            </Form>
          ) : (
            <Alert type="info" showIcon title="您不是该对象的检查人员，或任务已不能录入结果。" />
          )}
          <Card size="small" title="附件（PDF、PNG、JPEG，每个不超过 5 MB）" style={{ marginTop: 12 }}>
            <ul style={{ margin: 0 }}>
              {d.attachments.map((a) => (
                <li key={a.id}>
                  <a onClick={() => api.download(`/api/inspection-attachments/${a.id}`, undefined, { fileName: a.fileName })}>{a.fileName}</a>（
                  {Math.ceil(a.size / 1024)} KB）
                </li>
              ))}
            </ul>
            {d.task.status !== 'published' ? (
              <Upload
                accept=".pdf,.png,.jpg,.jpeg"
                showUploadList={false}
                customRequest={async ({ file }) => {
                  const fd = new FormData()
                  fd.append('file', file as Blob)
                  try {
                    await api.upload(`/api/inspection-targets/${id}/attachments`, fd)
                    detail.reload()
                  } catch (e) {
                    message.error(errorMessage(e))
                  }
                }}
              >
                <Button size="small" icon={<UploadOutlined />} style={{ marginTop: 8 }}>
                  上传附件
                </Button>
              </Upload>
            ) : null}
          </Card>
        </>
      ) : null}
    </Drawer>
  )
}

/** The inspector's own targets across tasks, with result entry; cards on phones. */
export default function InspectionMinePage() {
  const [status, setStatus] = useState<'pending' | 'done'>('pending')
  const [page, setPage] = useState(1)
  const [open, setOpen] = useState<string | null>(null)
  const list = useLoad((signal) => api.get<Page<MyTarget>>('/api/inspection-my-targets', { status, page, pageSize: 20 }, { signal }), [status, page])
  const taskLink = (r: MyTarget) => (
    <Link to={`/inspections/tasks/${r.taskId}`} data-testid="task-link">
      {r.taskNo}
    </Link>
  )
  const state = (r: MyTarget) => (r.status === 'done' ? <Tag color={r.outcome === 'no_problem' ? 'green' : 'red'}>{r.outcomeLabel}</Tag> : <Tag>待检查</Tag>)
  const action = (r: MyTarget) => (
    <Button type={r.status === 'done' ? 'link' : 'primary'} size="small" onClick={() => setOpen(r.id)} data-testid="open-target">
      {r.status === 'done' ? '查看' : '录入结果'}
    </Button>
  )
  const columns: ListColumn<MyTarget>[] = [
    {
      key: 'task',
      title: '任务',
      width: 240,
      fixedShown: true,
      render: (_, r) => (
        <>
          {taskLink(r)}
          <br />
          <Typography.Text type="secondary">{r.taskName}</Typography.Text>
        </>
      ),
    },
    {
      key: 'entity',
      title: '检查对象',
      render: (_, r) => (
        <div style={{ minWidth: 200 }}>
          {r.entityName}
          <br />
          <Typography.Text type="secondary">{r.uscc}</Typography.Text>
        </div>
      ),
    },
    { key: 'team', title: '同组人员', width: 160, render: (_, r) => r.inspectors.map((i) => i.displayName).join('、') },
    { key: 'due', title: '完成期限', dataIndex: 'periodTo', width: 110 },
    { key: 'state', title: '状态', width: 160, render: (_, r) => state(r) },
    { key: 'action', title: '操作', width: 100, fixedShown: true, render: (_, r) => action(r) },
  ]
  return (
    <>
      <PageHeader title="我的检查任务" subtitle="随机分派给我的检查对象；检查后逐项录入结果" />
      <Card>
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as 'pending' | 'done')
            setPage(1)
          }}
          options={[
            { value: 'pending', label: '待检查' },
            { value: 'done', label: '已检查' },
          ]}
          style={{ marginBottom: 12 }}
        />
        {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
        <ListTable<MyTarget>
          listKey="inspection-mine"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items}
          columns={columns}
          data-testid="mine"
          pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showTotal: (n) => `共 ${n} 户` }}
          card={(r) => (
            <Card size="small" data-testid="mine-card" title={<span style={{ whiteSpace: 'normal' }}>{r.entityName}</span>} extra={state(r)}>
              <Flex vertical gap={4}>
                <Typography.Text type="secondary">{r.uscc}</Typography.Text>
                <span>
                  任务 {taskLink(r)} {r.taskName}
                </span>
                <span>
                  完成期限 {r.periodTo} · 同组 {r.inspectors.map((i) => i.displayName).join('、')}
                </span>
                <div>{action(r)}</div>
              </Flex>
            </Card>
          )}
        />
      </Card>
      <ResultDrawer
        id={open}
        onClose={() => setOpen(null)}
        onSaved={() => {
          setOpen(null)
          list.reload()
        }}
      />
    </>
  )
}

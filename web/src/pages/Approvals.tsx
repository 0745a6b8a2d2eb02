import { ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, Input, Modal, Segmented, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import type { Page } from '../api/types'
import { APPROVAL_STATE_COLOR, type Approval } from '../components/approvals/labels'
import { useLoad, useUrlFilters } from '../components/hooks'
import { fmtDateTime } from '../components/labels'
import { ListTable, type ListColumn } from '../components/ListTable'
import { PageHeader } from '../components/PageHeader'

type StateFilter = Approval['state'] | 'all'
const STATE_FILTERS: Array<{ value: StateFilter; label: string }> = [
  { value: 'pending', label: '待审批' },
  { value: 'approved', label: '已批准' },
  { value: 'rejected', label: '不予批准' },
  { value: 'all', label: '全部' },
]

/** Approve or reject one request; rejecting needs the reasons (the server refuses it without). */
function DecideModal({
  req,
  decision,
  onClose,
  onDone,
}: {
  req: Approval | null
  decision: 'approve' | 'reject'
  onClose: () => void
  onDone: (a: Approval) => void
}) {
  const [form] = Form.useForm<{ note?: string }>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    if (!req) return
    // Invalid fields show their messages in the form; nothing is sent.
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setBusy(true)
    setError(null)
    try {
      onDone(await api.post<Approval>(`/api/approvals/${req.id}/decision`, { decision, note: v.note || undefined, version: req.version }))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open={!!req}
      title={req ? `${decision === 'approve' ? '批准' : '不予批准'} · ${req.kindLabel} · ${req.matterLabel}` : ''}
      okText={decision === 'approve' ? '批准' : '不予批准'}
      okButtonProps={{ danger: decision === 'reject', 'data-testid': 'approval-confirm' }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {req ? (
        <Typography.Paragraph type="secondary">
          {req.title}
          <br />
          {req.proposedByName} 提请：{req.reason}
        </Typography.Paragraph>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="note" label="审批意见" rules={decision === 'reject' ? [{ required: true, whitespace: true, message: '不予批准的，须写明理由' }] : []}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            showCount
            placeholder={decision === 'approve' ? '如：同意' : '写明不予批准的理由'}
            data-testid="approval-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/**
 * 审批待办: the requests the leader may decide (立案 / 不予立案 / 移送 of leads; more kinds as modules
 * register them), oldest first. Approving takes the proposed action on the server in the same
 * transaction (立案 opens the case).
 */
export default function ApprovalsPage() {
  const { message } = App.useApp()
  const { filters, page, set } = useUrlFilters((p) => ({ state: STATE_FILTERS.find((f) => f.value === p.get('state'))?.value ?? 'pending' }), {
    state: 'pending',
  })
  const { state } = filters
  const [tick, setTick] = useState(0)
  const [deciding, setDeciding] = useState<{ req: Approval; decision: 'approve' | 'reject' } | null>(null)
  const list = useLoad((signal) => api.get<Page<Approval>>('/api/approvals', { state, page, pageSize: 20 }, { signal }), [state, page, tick])

  const columns: ListColumn<Approval>[] = [
    {
      key: 'kind',
      title: '审批事项',
      width: 130,
      fixedShown: true,
      render: (_, a) => (
        <div>
          <Tag color="blue">{a.kindLabel}</Tag>
          <div className="c-sub mono">
            <Link to={a.link}>{a.matterLabel}</Link>
          </div>
        </div>
      ),
    },
    {
      key: 'title',
      title: '内容 / 提请理由',
      fixedShown: true,
      render: (_, a) => (
        <div>
          <div>{a.title}</div>
          <Typography.Paragraph className="c-sub" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>
            {a.reason}
          </Typography.Paragraph>
        </div>
      ),
    },
    { key: 'unit', title: '承办单位', dataIndex: 'unitName', width: 140, render: (n: string | null) => n ?? '—' },
    {
      key: 'proposed',
      title: '提请人 / 时间',
      width: 150,
      render: (_, a) => (
        <div>
          <div>{a.proposedByName ?? '—'}</div>
          <div className="c-sub">{fmtDateTime(a.proposedAt)}</div>
        </div>
      ),
    },
    {
      key: 'state',
      title: '状态',
      width: 120,
      render: (_, a) => (
        <div>
          <Tag color={APPROVAL_STATE_COLOR[a.state]} data-testid="approval-state">
            {a.stateLabel}
          </Tag>
          {a.decidedByName ? (
            <div className="c-sub">
              {a.decidedByName} {a.decidedAt ? fmtDateTime(a.decidedAt) : ''}
            </div>
          ) : null}
          {a.decisionNote ? <div className="c-sub">{a.decisionNote}</div> : null}
        </div>
      ),
    },
    {
      key: 'action',
      title: '操作',
      width: 180,
      fixedShown: true,
      render: (_, a) =>
        a.mayDecide ? (
          <Space wrap size={4}>
            <Button size="small" type="primary" data-testid="approval-approve" onClick={() => setDeciding({ req: a, decision: 'approve' })}>
              批准
            </Button>
            <Button size="small" danger data-testid="approval-reject" onClick={() => setDeciding({ req: a, decision: 'reject' })}>
              不予批准
            </Button>
          </Space>
        ) : null,
    },
  ]

  return (
    <div>
      <PageHeader
        title="审批待办"
        subtitle="办案人员提请的立案、不予立案、移送等事项，由负责人审批；批准后即执行所提请的操作"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
            刷新
          </Button>
        }
      />
      <DecideModal
        req={deciding?.req ?? null}
        decision={deciding?.decision ?? 'approve'}
        onClose={() => setDeciding(null)}
        onDone={(a) => {
          setDeciding(null)
          message.success(`${a.kindLabel} · ${a.matterLabel}：${a.stateLabel}`)
          setTick((t) => t + 1)
        }}
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented value={state} options={STATE_FILTERS} onChange={(v) => set({ state: v })} />
        </Space>
        {list.error ? <Alert type="error" showIcon title={list.error} style={{ marginBottom: 16 }} /> : null}
        <ListTable<Approval>
          listKey="approvals"
          rowKey="id"
          size="middle"
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: state === 'pending' ? '没有待审批的事项' : '没有符合条件的审批' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p) => set({ page: p }),
          }}
        />
      </Card>
    </div>
  )
}

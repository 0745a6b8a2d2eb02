import { ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Segmented, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../api/client'
import type { Page } from '../api/types'
import { useLoad, useUrlFilters } from '../components/hooks'
import { ListTable, type ListColumn } from '../components/ListTable'
import { fmtDate, fmtDateTime } from '../components/labels'
import { PROPOSAL_STATE_LABEL, proposalWorkflow, type Proposal, type ProposalState as State } from '../components/credit/labels'
import { ActionBar } from '../components/matter/ActionBar'
import type { ActionOverride } from '../components/matter/ActionForm'
import { PageHeader } from '../components/PageHeader'

/** Per-action touches on the forms generated from the proposal workflow. */
const OVERRIDES: Record<string, ActionOverride> = {
  reject: { fields: { note: { label: '不采纳理由', placeholder: '如：复核时已联系上，经营场所存在' } } },
}
const STATE_COLOR: Record<State, string> = { proposed: 'gold', accepted: 'red', rejected: 'default' }
const STATE_FILTERS: Array<{ value: State | 'all'; label: string }> = [
  { value: 'proposed', label: PROPOSAL_STATE_LABEL.proposed },
  { value: 'accepted', label: PROPOSAL_STATE_LABEL.accepted },
  { value: 'rejected', label: PROPOSAL_STATE_LABEL.rejected },
  { value: 'all', label: '全部' },
]

/**
 * 信用事项提议: proposals to list an entity as abnormal (经营异常名录), raised by double-random
 * inspections, within the user's data scope, newest first; a credit officer accepts or rejects each
 * once (rejection needs a reason) through the buttons and forms generated from the shared
 * proposal workflow.
 */
export default function CreditProposalsPage() {
  const { message } = App.useApp()
  const { filters, page, set } = useUrlFilters(
    (p) => ({
      state: STATE_FILTERS.find((f) => f.value === p.get('state'))?.value ?? 'proposed',
      sort: p.get('sort') === 'created_asc' ? 'created_asc' : undefined,
    }),
    { state: 'proposed' },
  )
  const { state, sort } = filters
  const [tick, setTick] = useState(0)
  const list = useLoad(
    (signal) =>
      api.get<Page<Proposal>>('/api/credit/proposals', { ...(state === 'all' ? {} : { state }), ...(sort ? { sort } : {}), page, pageSize: 20 }, { signal }),
    [state, sort, page, tick],
  )

  const columns: ListColumn<Proposal>[] = [
    { key: 'proposalNo', title: '提议编号', dataIndex: 'proposalNo', width: 130, fixedShown: true, render: (n: string) => <span className="mono">{n}</span> },
    {
      key: 'entity',
      fixedShown: true,
      title: '经营主体',
      width: 220,
      render: (_, p) => (
        <div>
          <Link to={`/entities/${p.entityId}`}>{p.entityName ?? p.entityId}</Link>
          {p.uscc ? <div className="c-sub mono">{p.uscc}</div> : null}
        </div>
      ),
    },
    {
      key: 'reason',
      title: '事项 / 事由',
      render: (_, p) => (
        <div>
          <Tag color="volcano">{p.kindLabel}</Tag>
          <div>{p.reasonLabel}</div>
          {p.note ? (
            <Typography.Paragraph className="c-sub" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>
              {p.note}
            </Typography.Paragraph>
          ) : null}
        </div>
      ),
    },
    { key: 'unit', title: '提议单位', dataIndex: 'unitName', width: 130, render: (n: string | null) => n ?? '—' },
    { key: 'createdAt', title: '提议时间', dataIndex: 'createdAt', width: 120, sortKey: 'created', render: (d: string) => fmtDate(d) },
    {
      key: 'state',
      title: '状态',
      width: 140,
      render: (_, p) => (
        <div>
          <Tag color={STATE_COLOR[p.state]} data-testid="proposal-state">
            {p.stateLabel}
          </Tag>
          {p.decidedAt ? <div className="c-sub">{fmtDateTime(p.decidedAt)}</div> : null}
          {p.decisionNote ? <div className="c-sub">{p.decisionNote}</div> : null}
        </div>
      ),
    },
    {
      key: 'action',
      fixedShown: true,
      title: '操作',
      width: 150,
      render: (_, p) => (
        <ActionBar
          workflow={proposalWorkflow}
          state={p.state}
          version={p.version}
          overrides={OVERRIDES}
          title={(label) => `${label} · ${p.proposalNo}`}
          summary={
            <>
              {p.kindLabel}｜{p.entityName ?? '—'}｜{p.reasonLabel}
              {p.note ? (
                <>
                  <br />
                  {p.note}
                </>
              ) : null}
            </>
          }
          testId="proposal-action"
          submit={(action, body) => api.post<Proposal>(`/api/credit/proposals/${p.id}/actions/${action}`, body)}
          onDone={(_, done) => {
            const d = done as Proposal
            message.success(`${d.proposalNo}：${d.stateLabel}`)
            setTick((t) => t + 1)
          }}
        />
      ),
    },
  ]

  return (
    <div>
      <PageHeader
        title="信用事项提议"
        subtitle="双随机抽查等发现的列入经营异常名录提议；按数据范围显示，最新在前"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
            刷新
          </Button>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented value={state} options={STATE_FILTERS} onChange={(v) => set({ state: v })} />
        </Space>
        {list.error ? <Alert type="error" showIcon title={list.error} style={{ marginBottom: 16 }} /> : null}
        <ListTable<Proposal>
          listKey="credit-proposals"
          sort={sort}
          onSort={(v) => set({ sort: v === 'created_asc' ? 'created_asc' : null })}
          rowKey="id"
          size="middle"
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: state === 'proposed' ? '没有待审核的提议' : '没有符合条件的提议' }}
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

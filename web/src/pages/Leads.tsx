import { ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Segmented, Select, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../api/client'
import type { Page } from '../api/types'
import { useLoad, useUrlFilters } from '../components/hooks'
import { fmtDate, fmtDateTime } from '../components/labels'
import { LEAD_SOURCE_LABEL, LEAD_STATE_LABEL, leadWorkflow, type Lead, type LeadSource as Source, type LeadState as State } from '../components/lead/labels'
import { ListTable, type ListColumn } from '../components/ListTable'
import { ActionBar } from '../components/matter/ActionBar'
import { OpenCaseModal } from '../components/cases/OpenCaseModal'
import { ManualLeadModal, ProposeLeadModal } from '../components/lead/LeadModals'
import { useAuth } from '../auth/AuthContext'
import type { ActionOverride } from '../components/matter/ActionForm'
import { PageHeader } from '../components/PageHeader'

/** The server's whitelist (LeadQuery.sort); created_desc is the default. */
const LEAD_SORTS = ['created_asc', 'created_desc', 'found_asc', 'found_desc'] as const

/** Per-action touches on the forms generated from the lead workflow. */
const OVERRIDES: Record<string, ActionOverride> = {
  not_file: { fields: { reason: { label: '不予立案理由', placeholder: '如：经核查违法事实不成立' } } },
  transfer: { fields: { reason: { label: '移送理由', placeholder: '如：涉嫌犯罪，移送公安机关' } } },
}
const STATE_COLOR: Record<State, string> = { new: 'gold', filed: 'purple', not_filed: 'default', transferred: 'blue', onspot: 'cyan' }
const STATE_FILTERS: Array<{ value: State | 'all'; label: string }> = [
  { value: 'new', label: LEAD_STATE_LABEL.new },
  { value: 'filed', label: LEAD_STATE_LABEL.filed },
  { value: 'not_filed', label: LEAD_STATE_LABEL.not_filed },
  { value: 'transferred', label: LEAD_STATE_LABEL.transferred },
  { value: 'all', label: '全部' },
]

/** Where the lead came from, linked when the platform has a page for it. */
function SourceCell({ lead }: { lead: Lead }) {
  const no = lead.sourceNo ?? '—'
  const link = lead.source === 'complaint' || lead.source === 'report' ? <Link to={`/complaints/${lead.sourceId}`}>{no}</Link> : <span>{no}</span>
  return (
    <div>
      <Tag>{lead.sourceLabel}</Tag>
      <div className="c-sub">{link}</div>
    </div>
  )
}

/**
 * 案源线索: leads from every source within the user's data scope, newest first, with their
 * 15-working-day verification clock. A handler enters leads by hand and proposes the decision
 * (提请立案 with the case's data, or 不予立案 / 移送 with reasons); the head decides in 审批待办 or
 * through the buttons generated from the shared lead workflow (the decisions are `case.approve`'s).
 */
export default function LeadsPage() {
  const { message } = App.useApp()
  const { filters, page, set } = useUrlFilters(
    (p) => ({
      state: STATE_FILTERS.find((f) => f.value === p.get('state'))?.value ?? 'new',
      source: (p.get('source') && p.get('source')! in LEAD_SOURCE_LABEL ? p.get('source') : undefined) as Source | undefined,
      sort: LEAD_SORTS.find((x) => x === p.get('sort')),
    }),
    { state: 'new' },
  )
  const { state, source, sort } = filters
  const [tick, setTick] = useState(0)
  const [opening, setOpening] = useState<Lead | null>(null)
  const [proposing, setProposing] = useState<Lead | null>(null)
  const [entering, setEntering] = useState(false)
  const { can } = useAuth()
  const list = useLoad(
    (signal) =>
      api.get<Page<Lead>>(
        '/api/leads',
        { ...(state === 'all' ? {} : { state }), ...(source ? { source } : {}), ...(sort ? { sort } : {}), page, pageSize: 20 },
        { signal },
      ),
    [state, source, sort, page, tick],
  )

  const columns: ListColumn<Lead>[] = [
    {
      key: 'leadNo',
      title: '线索编号',
      dataIndex: 'leadNo',
      width: 150,
      sortKey: 'created',
      fixedShown: true,
      render: (n: string) => <span className="mono">{n}</span>,
    },
    { key: 'source', title: '来源', width: 120, render: (_, l) => <SourceCell lead={l} /> },
    {
      key: 'summary',
      fixedShown: true,
      title: '当事人 / 线索摘要',
      render: (_, l) => (
        <div>
          <div>
            {l.entityId ? <Link to={`/entities/${l.entityId}`}>{l.entityName}</Link> : (l.entityName ?? '—')}
            {l.uscc ? <span className="c-sub mono"> {l.uscc}</span> : null}
          </div>
          <Typography.Paragraph className="c-sub" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>
            {l.summary}
          </Typography.Paragraph>
        </div>
      ),
    },
    { key: 'unit', title: '所属单位', dataIndex: 'unitName', width: 140, render: (n: string | null) => n ?? '—' },
    { key: 'foundOn', title: '发现日期', dataIndex: 'foundOn', width: 120, sortKey: 'found', render: (d: string) => fmtDate(d) },
    {
      key: 'verify',
      title: '核查期限',
      width: 110,
      render: (_, l) =>
        l.verifyDueOn ? (
          <div data-testid="lead-verify-due">
            {l.verifyDoneOn ? <span className="c-sub">已于 {fmtDate(l.verifyDoneOn)} 决定</span> : fmtDate(l.verifyDueOn)}
            {l.verifyPaused && !l.verifyDoneOn ? <Tag color="blue">检测鉴定中止</Tag> : null}
          </div>
        ) : (
          '—'
        ),
    },
    {
      key: 'state',
      title: '状态',
      width: 160,
      render: (_, l) => (
        <div>
          <Tag color={STATE_COLOR[l.state]} data-testid="lead-state">
            {l.stateLabel}
          </Tag>
          {l.decidedAt ? <div className="c-sub">{fmtDateTime(l.decidedAt)}</div> : null}
          {l.decisionReason ? <div className="c-sub">{l.decisionReason}</div> : null}
        </div>
      ),
    },
    {
      key: 'action',
      title: '操作',
      fixedShown: true,
      // Pinned: on a 1366 px screen the table is wider than the page, and the actions are what the row is for.
      fixed: 'right',
      width: 190,
      render: (_, l) => (
        <Space wrap size={4}>
          {l.state === 'new' && can('case.handle') ? (
            <Button size="small" type="primary" data-testid="lead-open-case" onClick={() => setOpening(l)}>
              提请立案
            </Button>
          ) : null}
          {l.state === 'new' && can('lead.manage') ? (
            <Button size="small" data-testid="lead-propose" onClick={() => setProposing(l)}>
              提请不予立案/移送
            </Button>
          ) : null}
          <ActionBar
            workflow={leadWorkflow}
            state={l.state}
            version={l.version}
            overrides={OVERRIDES}
            title={(label) => `${label} · ${l.leadNo}`}
            summary={`${l.entityName ?? '（未关联经营主体）'}｜${l.summary}`}
            testId="lead-action"
            hide={['onspot']}
            submit={(action, body) => api.post<Lead>(`/api/leads/${l.id}/actions/${action}`, body)}
            onDone={(_, done) => {
              const d = done as Lead
              message.success(`${d.leadNo}：${d.stateLabel}`)
              setTick((t) => t + 1)
            }}
          />
        </Space>
      ),
    },
  ]

  return (
    <div>
      <PageHeader
        title="案源线索"
        subtitle="来自 12315 举报、双随机抽查、日常巡查、上级交办、部门移送、异地协查及执法人员发现的线索；立案、不予立案、移送由负责人审批"
        extra={
          <Space>
            {can('lead.manage') ? (
              <Button type="primary" data-testid="lead-manual" onClick={() => setEntering(true)}>
                登记线索
              </Button>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
              刷新
            </Button>
          </Space>
        }
      />
      <OpenCaseModal
        lead={opening}
        onClose={() => setOpening(null)}
        onProposed={(a) => {
          message.success(`${a.matterLabel}：已提请立案审批，待负责人审批`)
          setTick((t) => t + 1)
        }}
      />
      <ProposeLeadModal
        lead={proposing}
        onClose={() => setProposing(null)}
        onDone={(l) => {
          setProposing(null)
          message.success(`${l.leadNo}：已提请负责人审批`)
          setTick((t) => t + 1)
        }}
      />
      <ManualLeadModal
        open={entering}
        onClose={() => setEntering(false)}
        onDone={(l) => {
          setEntering(false)
          message.success(`已登记线索 ${l.leadNo}`)
          set({ state: 'new' })
          setTick((t) => t + 1)
        }}
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented value={state} options={STATE_FILTERS} onChange={(v) => set({ state: v })} />
          <Select
            allowClear
            placeholder="全部来源"
            style={{ width: 160 }}
            value={source}
            onChange={(v: Source | undefined) => set({ source: v ?? null })}
            options={(Object.keys(LEAD_SOURCE_LABEL) as Source[]).map((value) => ({ value, label: LEAD_SOURCE_LABEL[value] }))}
          />
        </Space>
        {list.error ? <Alert type="error" showIcon title={list.error} style={{ marginBottom: 16 }} /> : null}
        <ListTable<Lead>
          listKey="leads"
          sort={sort}
          onSort={(v) => set({ sort: (v as (typeof LEAD_SORTS)[number] | undefined) ?? null })}
          rowKey="id"
          size="middle"
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: state === 'new' ? '没有待核查的线索' : '没有符合条件的线索' }}
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

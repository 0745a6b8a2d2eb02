import { ReloadOutlined } from '@ant-design/icons'
import { App, Button, Card, Segmented, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { seriousWorkflow } from '../../../src/shared/credit/serious.workflow'
import { repairWorkflow } from '../../../src/shared/credit/repair'
import { api } from '../api/client'
import type { Page } from '../api/types'
import { useLoad, useUrlFilters } from '../components/hooks'
import { ListTable, type ListColumn } from '../components/ListTable'
import { ActionBar } from '../components/matter/ActionBar'
import { PageHeader } from '../components/PageHeader'

export interface SeriousRow {
  id: string
  seriousNo: string | null
  entityId: string
  entityName: string | null
  uscc: string | null
  unitName: string | null
  sourceLabel: string
  sourceRef: string | null
  fieldLabel: string
  ground: string
  needsUpper: boolean
  listedOn: string | null
  autoRemovalOn: string | null
  earlyFromOn: string | null
  nextDueOn: string | null
  state: string
  stateLabel: string
  version: number
}
export interface RepairRow {
  id: string
  repairNo: string | null
  entityId: string
  entityName: string | null
  uscc: string | null
  unitName: string | null
  kindLabel: string
  applicant: string
  applicantPhone: string | null
  statement: string
  appliedOn: string
  check: { eligible: boolean; conditions: Array<{ key: string; label: string; ok: boolean; detail: string | null }> }
  nextDueOn: string | null
  state: string
  stateLabel: string
  version: number
}

const entityCell = (r: { entityId: string; entityName: string | null; uscc: string | null }) => (
  <div>
    <Link to={`/entities/${r.entityId}`}>{r.entityName ?? r.entityId}</Link>
    {r.uscc ? <div className="c-sub mono">{r.uscc}</div> : null}
  </div>
)

function SeriousList({ page, setPage }: { page: number; setPage: (p: number) => void }) {
  const { message } = App.useApp()
  const [tick, setTick] = useState(0)
  const list = useLoad((signal) => api.get<Page<SeriousRow>>('/api/credit/serious', { page, pageSize: 20 }, { signal }), [page, tick])
  const columns: ListColumn<SeriousRow>[] = [
    { key: 'no', title: '编号', width: 130, fixedShown: true, render: (_, r) => <span className="mono">{r.seriousNo ?? '—'}</span> },
    { key: 'entity', title: '经营主体', width: 220, fixedShown: true, render: (_, r) => entityCell(r) },
    {
      key: 'ground',
      title: '来源 / 领域 / 事由',
      render: (_, r) => (
        <div>
          <Tag color="volcano">{r.sourceLabel}</Tag>
          {r.needsUpper ? <Tag>须报上一级批准</Tag> : null}
          <div>{r.fieldLabel}</div>
          <Typography.Paragraph className="c-sub" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>
            {r.ground}
          </Typography.Paragraph>
        </div>
      ),
    },
    { key: 'unit', title: '决定单位', dataIndex: 'unitName', width: 120, render: (n: string | null) => n ?? '—' },
    {
      key: 'dates',
      title: '列入 / 可提前移出 / 届满',
      width: 150,
      render: (_, r) => (r.listedOn ? <div className="c-sub">{`${r.listedOn} / ${r.earlyFromOn ?? '—'} / ${r.autoRemovalOn ?? '—'}`}</div> : '—'),
    },
    {
      key: 'state',
      title: '状态',
      width: 150,
      render: (_, r) => (
        <div>
          <Tag data-testid="serious-state">{r.stateLabel}</Tag>
          {r.nextDueOn ? <div className="c-sub">期限 {r.nextDueOn}</div> : null}
        </div>
      ),
    },
    {
      key: 'action',
      title: '操作',
      width: 200,
      fixedShown: true,
      render: (_, r) => (
        <ActionBar
          workflow={seriousWorkflow}
          state={r.state}
          version={r.version}
          title={(label) => `${label} · ${r.entityName ?? ''}`}
          summary={r.ground}
          testId="serious-action"
          submit={(action, body) => api.post<SeriousRow>(`/api/credit/serious/${r.id}/actions/${action}`, body)}
          onDone={() => {
            void message.success('已办理')
            setTick((x) => x + 1)
          }}
        />
      ),
    },
  ]
  return (
    <ListTable<SeriousRow>
      listKey="credit-serious"
      rowKey="id"
      columns={columns}
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
      toolbar={<Button icon={<ReloadOutlined />} onClick={() => setTick((x) => x + 1)} aria-label="刷新" />}
    />
  )
}

function RepairInbox({ page, setPage }: { page: number; setPage: (p: number) => void }) {
  const { message } = App.useApp()
  const [tick, setTick] = useState(0)
  const list = useLoad((signal) => api.get<Page<RepairRow>>('/api/credit/repairs', { page, pageSize: 20 }, { signal }), [page, tick])
  const columns: ListColumn<RepairRow>[] = [
    { key: 'no', title: '申请编号', width: 130, fixedShown: true, render: (_, r) => <span className="mono">{r.repairNo ?? '—'}</span> },
    { key: 'entity', title: '经营主体', width: 220, fixedShown: true, render: (_, r) => entityCell(r) },
    {
      key: 'kind',
      title: '修复事项 / 申请事由',
      render: (_, r) => (
        <div>
          <Tag color="blue">{r.kindLabel}</Tag>
          <div className="c-sub">
            申请人 {r.applicant}
            {r.applicantPhone ? ` · ${r.applicantPhone}` : ''} · {r.appliedOn}
          </div>
          <div>{r.statement}</div>
        </div>
      ),
    },
    {
      key: 'check',
      title: '条件核验',
      width: 240,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          {r.check.conditions.map((c) => (
            <span key={c.key} style={{ color: c.ok ? undefined : '#cf1322' }}>
              {c.ok ? '✓' : '✗'} {c.label}
            </span>
          ))}
        </Space>
      ),
    },
    {
      key: 'state',
      title: '状态',
      width: 130,
      render: (_, r) => (
        <div>
          <Tag data-testid="repair-state">{r.stateLabel}</Tag>
          {r.nextDueOn ? <div className="c-sub">期限 {r.nextDueOn}</div> : null}
        </div>
      ),
    },
    {
      key: 'action',
      title: '操作',
      width: 180,
      fixedShown: true,
      render: (_, r) => (
        <ActionBar
          workflow={repairWorkflow}
          state={r.state}
          version={r.version}
          title={(label) => `${label} · ${r.repairNo ?? ''}`}
          summary={`${r.kindLabel}｜${r.entityName ?? ''}`}
          testId="repair-action"
          submit={(action, body) => api.post<RepairRow>(`/api/credit/repairs/${r.id}/actions/${action}`, body)}
          onDone={() => {
            void message.success('已办理')
            setTick((x) => x + 1)
          }}
        />
      ),
    },
  ]
  return (
    <ListTable<RepairRow>
      listKey="credit-repairs"
      rowKey="id"
      columns={columns}
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
      toolbar={<Button icon={<ReloadOutlined />} onClick={() => setTick((x) => x + 1)} aria-label="刷新" />}
    />
  )
}

/**
 * 严重违法失信名单与信用修复: the serious-list entries (notice, decision, the level above's
 * approval, publication, early removal) and the repair inbox (applications with their automatic
 * condition check, acceptance and decision), with the buttons and forms generated from the shared
 * workflows.
 */
export default function CreditSeriousPage() {
  const { filters, page, set } = useUrlFilters((p): { tab: 'serious' | 'repairs' } => ({ tab: p.get('tab') === 'repairs' ? 'repairs' : 'serious' }), {
    tab: 'serious',
  })
  return (
    <>
      <PageHeader title="严重违法失信名单与信用修复" />
      <Card>
        <Segmented
          value={filters.tab}
          options={[
            { value: 'serious', label: '严重违法失信名单' },
            { value: 'repairs', label: '信用修复申请' },
          ]}
          onChange={(v) => set({ tab: v as 'serious' | 'repairs' })}
          style={{ marginBottom: 12 }}
        />
        {filters.tab === 'repairs' ? (
          <RepairInbox page={page} setPage={(p) => set({ page: p })} />
        ) : (
          <SeriousList page={page} setPage={(p) => set({ page: p })} />
        )}
      </Card>
    </>
  )
}

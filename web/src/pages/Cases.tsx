import { ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Segmented, Select, Space, Switch, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../api/client'
import type { Page } from '../api/types'
import { CASE_STATE_LABEL, CASE_STATES, CASE_TYPES, CLOCK_LABEL, CLOCK_TAG, clockColour, yuan, type CaseSummary } from '../components/cases/labels'
import { useLoad, useUrlFilters } from '../components/hooks'
import { fmtDate } from '../components/labels'
import { ListTable, type ListColumn } from '../components/ListTable'
import { PageHeader } from '../components/PageHeader'

const STAGES: Array<{ value: string; label: string }> = [
  { value: 'open', label: '未结案件' },
  ...CASE_STATES.map((s) => ({ value: s, label: CASE_STATE_LABEL[s] })),
  { value: 'all', label: '全部' },
]
const SORTS = ['filed_desc', 'filed_asc', 'due'] as const

/** The case's next clock: due date coloured by how close it is. */
function ClockCell({ c }: { c: CaseSummary }) {
  const colour = clockColour(c.nextDueOn)
  if (colour === 'none') return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <span data-clock={colour}>
      <Tag color={CLOCK_TAG[colour]}>{CLOCK_LABEL[colour]}</Tag>
      <div className="c-sub">{fmtDate(c.nextDueOn)}</div>
    </span>
  )
}

/**
 * 我的案件: the cases in the user's scope (by default the ones they handle), by stage, with the
 * next statutory clock coloured; each links to its case file.
 */
export default function CasesPage() {
  const { filters, page, set } = useUrlFilters(
    (p) => ({
      stage: STAGES.find((f) => f.value === p.get('stage'))?.value ?? 'open',
      mine: p.get('mine') === '0' ? '0' : undefined,
      caseType: (p.get('caseType') && p.get('caseType')! in CASE_TYPES ? p.get('caseType') : undefined) as string | undefined,
      entityId: p.get('entityId') ?? undefined,
      sort: SORTS.find((x) => x === p.get('sort')),
    }),
    { stage: 'open' },
  )
  const { stage, caseType, entityId, sort } = filters
  const mine = filters.mine !== '0'
  const [tick, setTick] = useState(0)
  const list = useLoad(
    (signal) =>
      api.get<Page<CaseSummary>>(
        '/api/cases',
        {
          ...(stage === 'open' ? { open: '1' } : stage === 'all' ? {} : { state: stage }),
          ...(mine && !entityId ? { mine: '1' } : {}),
          ...(caseType ? { caseType } : {}),
          ...(entityId ? { entityId } : {}),
          ...(sort ? { sort } : {}),
          page,
          pageSize: 20,
        },
        { signal },
      ),
    [stage, mine, caseType, entityId, sort, page, tick],
  )
  const columns: ListColumn<CaseSummary>[] = [
    {
      key: 'caseNo',
      title: '案件编号',
      width: 200,
      fixedShown: true,
      render: (_, c) => (
        <Link to={`/cases/${c.id}`} className="mono" data-testid="case-link">
          {c.caseNo}
        </Link>
      ),
    },
    {
      key: 'title',
      title: '案由 / 当事人',
      fixedShown: true,
      render: (_, c) => (
        <div>
          <div>{c.title}</div>
          <div className="c-sub">{c.partyName}</div>
        </div>
      ),
    },
    { key: 'type', title: '类型', width: 150, render: (_, c) => <Tag>{c.caseTypeLabel}</Tag> },
    { key: 'unit', title: '办案单位', dataIndex: 'unitName', width: 150, render: (n: string | null) => n ?? '—' },
    { key: 'filedOn', title: '立案日期', dataIndex: 'filedOn', width: 120, sortKey: 'filed', render: (d: string) => fmtDate(d) },
    { key: 'state', title: '阶段', width: 150, render: (_, c) => <Tag data-testid="case-state">{c.stateLabel}</Tag> },
    { key: 'clock', title: '最近期限', width: 130, render: (_, c) => <ClockCell c={c} /> },
    { key: 'amount', title: '罚没款（元）', width: 130, render: (_, c) => (c.fineFen + c.gainsFen > 0 ? yuan(c.fineFen + c.gainsFen) : '—') },
  ]
  return (
    <div>
      <PageHeader
        title="我的案件"
        subtitle="行政处罚案件：按办案阶段查看，最近的法定期限以颜色提示；立案请在“案源线索”中对待核查线索点击“立案登记”"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
            刷新
          </Button>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented value={stage} options={STAGES} onChange={(v) => set({ stage: v })} />
          <Select
            allowClear
            placeholder="全部类型"
            style={{ width: 180 }}
            value={caseType}
            onChange={(v: string | undefined) => set({ caseType: v ?? null })}
            options={Object.entries(CASE_TYPES).map(([value, label]) => ({ value, label }))}
          />
          <span>
            <Switch checked={mine} onChange={(v) => set({ mine: v ? null : '0' })} /> 仅本人承办
          </span>
        </Space>
        {list.error ? <Alert type="error" showIcon title={list.error} style={{ marginBottom: 16 }} /> : null}
        <ListTable<CaseSummary>
          listKey="cases"
          sort={sort}
          onSort={(v) => set({ sort: (v as (typeof SORTS)[number] | undefined) ?? null })}
          rowKey="id"
          size="middle"
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '没有符合条件的案件' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 件`,
            onChange: (p) => set({ page: p }),
          }}
        />
      </Card>
    </div>
  )
}

import { Alert, App, Button, Card, Flex, InputNumber, Segmented, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import type { Page } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { useLoad } from '../components/hooks'
import { PageHeader } from '../components/PageHeader'
import { listingWorkflow, type ListingState } from '../../../src/shared/credit/listing.workflow'

export interface Listing {
  id: string
  listingNo: string | null
  entityId: string
  entityName: string | null
  uscc: string | null
  unitName: string | null
  modeLabel: string
  groundLabel: string
  reportYear: number | null
  listedOn: string | null
  removedOn: string | null
  nextDueOn: string | null
  state: ListingState
  stateLabel: string
  createdAt: string
}
const COLOR: Partial<Record<ListingState, string>> = { proposed: 'gold', reviewed: 'orange', listed: 'red', removed: 'green', dismissed: 'default' }
const FILTERS = ['proposed', 'reviewed', 'listed', 'removal_applied', 'removed', 'all'] as const

/**
 * 经营异常名录: proposals (the after-season batch, inspections), the two-step review in bulk — the
 * credit officer reviews (审核通过), the head approves (批准列入) — and the listed and removed
 * entities; the after-season batch is started here and runs in the task centre.
 */
export default function CreditListings() {
  const { message } = App.useApp()
  const { can } = useAuth()
  const [params, setParams] = useSearchParams()
  const state = (FILTERS as readonly string[]).includes(params.get('state') ?? '') ? (params.get('state') as (typeof FILTERS)[number]) : 'proposed'
  const entityId = params.get('entityId') ?? undefined
  const [page, setPage] = useState(1)
  const [tick, setTick] = useState(0)
  const [selected, setSelected] = useState<string[]>([])
  const [year, setYear] = useState<number>(Number(new Date().getFullYear()) - 1)
  const [busy, setBusy] = useState(false)
  const list = useLoad(
    (signal) => api.get<Page<Listing>>('/api/credit/listings', { ...(state === 'all' ? {} : { state }), entityId, page, pageSize: 50 }, { signal }),
    [state, entityId, page, tick],
  )
  const bulk = async (action: 'review' | 'approve') => {
    setBusy(true)
    try {
      const r = await api.post<{ done: number; failed: number; results: Array<{ ok: boolean; message: string | null }> }>('/api/credit/listings/bulk', {
        action,
        ids: selected,
      })
      if (r.failed) message.warning(`已处理 ${r.done} 条，${r.failed} 条未处理：${r.results.find((x) => !x.ok)?.message ?? ''}`)
      else message.success(`已处理 ${r.done} 条`)
      setSelected([])
      setTick((n) => n + 1)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  const batch = async () => {
    setBusy(true)
    try {
      await api.post('/api/credit/listings/batch', { reportYear: year })
      message.success('已开始检查未年报主体，进度见任务中心')
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <PageHeader title="经营异常名录" />
      <Card>
        <Flex gap={8} wrap="wrap" align="center" style={{ marginBottom: 12 }}>
          <Segmented
            value={state}
            onChange={(v) => {
              setParams({ state: String(v), ...(entityId ? { entityId } : {}) })
              setPage(1)
              setSelected([])
            }}
            options={FILTERS.map((f) => ({ value: f, label: f === 'all' ? '全部' : listingWorkflow.stateLabel(f) }))}
          />
          {can('credit.manage') && state === 'proposed' ? (
            <Button type="primary" disabled={!selected.length} loading={busy} onClick={() => void bulk('review')} data-testid="bulk-review">
              审核通过（{selected.length}）
            </Button>
          ) : null}
          {can('credit.approve') && state === 'reviewed' ? (
            <Button type="primary" danger disabled={!selected.length} loading={busy} onClick={() => void bulk('approve')} data-testid="bulk-approve">
              批准列入（{selected.length}）
            </Button>
          ) : null}
          {can('credit.manage') ? (
            <Flex gap={4} align="center" style={{ marginLeft: 'auto' }}>
              <Typography.Text>未年报批量建议：</Typography.Text>
              <InputNumber value={year} min={2013} max={2100} precision={0} onChange={(v) => v && setYear(v)} addonAfter="年度" style={{ width: 140 }} />
              <Button loading={busy} onClick={() => void batch()} data-testid="start-batch">
                开始检查
              </Button>
            </Flex>
          ) : null}
        </Flex>
        {list.error ? <Alert type="error" message={list.error} /> : null}
        <Table<Listing>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items}
          scroll={{ x: 900 }}
          rowSelection={state === 'proposed' || state === 'reviewed' ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) } : undefined}
          pagination={{ current: page, pageSize: 50, total: list.data?.total, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
          columns={[
            {
              title: '经营主体',
              render: (_, r) => (
                <div>
                  <Link to={`/entities/${r.entityId}`}>{r.entityName}</Link>
                  <div className="c-sub mono">{r.uscc}</div>
                </div>
              ),
            },
            { title: '事项', width: 150, dataIndex: 'modeLabel' },
            { title: '事由', width: 200, render: (_, r) => `${r.groundLabel}${r.reportYear ? `（${r.reportYear} 年度）` : ''}` },
            { title: '单位', width: 160, dataIndex: 'unitName' },
            { title: '状态', width: 110, render: (_, r) => <Tag color={COLOR[r.state]}>{r.stateLabel}</Tag> },
            { title: '决定期限', width: 110, dataIndex: 'nextDueOn' },
            { title: '列入日期', width: 110, dataIndex: 'listedOn' },
            { title: '移出日期', width: 110, dataIndex: 'removedOn' },
          ]}
        />
      </Card>
    </>
  )
}

import { Alert, Card, Flex, List, Pagination, Segmented, Switch, Tag, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { api } from '../api/client'
import type { Page } from '../api/types'
import { useLoad, useUrlFilters } from '../components/hooks'
import { PageHeader } from '../components/PageHeader'
import { STATE_COLOR, type SamplingSample } from '../components/sampling/types'

const FILTERS = [
  { value: 'all', label: '全部' },
  { value: 'assigned', label: '待抽样' },
  { value: 'testing', label: '检验中' },
  { value: 'non_conforming', label: '待送达' },
  { value: 'served', label: '复检申请期' },
  { value: 'disposing', label: '处置中' },
] as const

/**
 * 抽检样品 / 我的抽样任务: one card per sample (readable on a phone in the shop), newest first;
 * “我的任务” shows the tasks assigned to me. A card opens the sample (抽样单, results, follow-up).
 */
export default function SamplingSamplesPage() {
  const { filters, page, set } = useUrlFilters(
    (p) => ({ state: FILTERS.find((f) => f.value === p.get('state'))?.value ?? 'all', mine: p.get('mine') === '1' ? '1' : undefined }),
    { state: 'all' },
  )
  const list = useLoad(
    (signal) =>
      api.get<Page<SamplingSample>>(
        '/api/sampling/samples',
        { ...(filters.state === 'all' ? {} : { state: filters.state }), ...(filters.mine ? { mine: true } : {}), page, pageSize: 20 },
        { signal },
      ),
    [filters.state, filters.mine, page],
  )
  return (
    <div>
      <PageHeader title={filters.mine ? '我的抽样任务' : '抽检样品'} subtitle="抽样任务、抽样单、检验结果与不合格处置，按数据范围显示" />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <Segmented value={filters.state} options={[...FILTERS]} onChange={(v) => set({ state: v === 'all' ? null : v })} />
          <span>
            <Switch checked={!!filters.mine} onChange={(c) => set({ mine: c ? '1' : null })} data-testid="mine-switch" /> 我的任务
          </span>
        </Flex>
        {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
        <List<SamplingSample>
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: filters.mine ? '没有指派给我的抽样任务' : '没有符合条件的样品' }}
          renderItem={(s) => (
            <List.Item style={{ display: 'block' }} data-testid="sample-card">
              <Flex justify="space-between" gap={8} wrap>
                <Link to={`/sampling/samples/${s.id}`} style={{ fontWeight: 500 }}>
                  {s.productName ?? s.categoryName}
                </Link>
                <Tag color={STATE_COLOR[s.state]}>{s.stateLabel}</Tag>
              </Flex>
              <div>{s.entityName}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <span className="mono">{s.sampleNo}</span> · {s.categoryName} · {s.taskModeLabel}
                {s.sampledOn ? ` · 抽样 ${s.sampledOn}` : ''}
              </Typography.Text>
            </List.Item>
          )}
        />
        <Pagination
          style={{ marginTop: 12 }}
          current={page}
          pageSize={20}
          total={list.data?.total ?? 0}
          showSizeChanger={false}
          size="small"
          showTotal={(t) => `共 ${t} 条`}
          onChange={(p) => set({ page: p })}
        />
      </Card>
    </div>
  )
}

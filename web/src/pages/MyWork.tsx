import { ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Empty, Segmented, Skeleton, Statistic, Tag, Typography } from 'antd'
import { Link } from 'react-router-dom'
import { api } from '../api/client'
import { useMe } from '../auth/AuthContext'
import { useLoad, useUrlFilters } from '../components/hooks'
import { fmtDateCnWeekday } from '../components/labels'
import { PageHeader } from '../components/PageHeader'
import type { MyWork, WorkItem } from '../components/work/types'
import '../components/work/work.css'

type CountKey = 'all' | 'overdue' | 'due_soon' | 'supervision' | 'inspections'
const CLOCK_TAG: Record<WorkItem['clockStatus'], string> = { overdue: 'red', due_soon: 'orange', on_time: 'green', none: 'default' }

/** "剩 3 个工作日" / "今日到期" / "超期 2 个工作日". */
function leftText(i: WorkItem): string {
  const n = i.workingDaysLeft
  if (n === null) return ''
  if (i.clockStatus === 'overdue') return n < 0 ? `超期 ${-n} 个工作日` : '已超期'
  return n === 0 ? '今日到期' : `剩 ${n} 个工作日`
}

function matches(i: WorkItem, f: CountKey, source: string | undefined): boolean {
  if (source && i.source !== source) return false
  if (f === 'overdue') return i.clockStatus === 'overdue'
  if (f === 'due_soon') return i.clockStatus === 'due_soon'
  if (f === 'supervision') return i.source === 'supervision'
  if (f === 'inspections') return i.source === 'inspections'
  return true
}

function WorkRow({ i }: { i: WorkItem }) {
  return (
    <div className="work-item" data-testid="work-item" data-clock={i.clockStatus} data-source={i.source}>
      <div className="work-item-main">
        <div>
          <Link to={i.link} data-testid="work-link" className="mono">
            {i.no}
          </Link>{' '}
          <Tag color="blue">{i.actionLabel}</Tag>
          <Tag>{i.sourceTitle}</Tag>
          {i.assignee === 'me' ? <Tag color="geekblue">我承办</Tag> : i.source === 'complaints' || i.source === 'supervision' ? <Tag>本单位待分派</Tag> : null}
        </div>
        <div className="work-item-title">{i.title}</div>
        <div className="work-item-meta">{[i.subtitle, i.unitName, `状态：${i.stateLabel}`].filter(Boolean).join(' · ')}</div>
      </div>
      <div className="work-item-side">
        {i.dueOn ? (
          <>
            <Tag color={CLOCK_TAG[i.clockStatus]} data-testid="work-clock">
              {i.clockLabel}
            </Tag>
            <div className={`work-due-${i.clockStatus}`}>{leftText(i)}</div>
            <div className="work-item-meta">
              {i.dueLabel ?? '期限'}：{i.dueOn}
            </div>
          </>
        ) : (
          <Typography.Text type="secondary">无法定期限</Typography.Text>
        )}
      </div>
    </div>
  )
}

/** 我的待办: every role's home — my items and my unit's, ordered by due date, clock colours, counts that filter. */
export default function MyWorkPage() {
  const me = useMe()
  const { filters, set } = useUrlFilters((p) => ({
    f: (['overdue', 'due_soon', 'supervision', 'inspections'].includes(p.get('f') ?? '') ? p.get('f') : undefined) as CountKey | undefined,
    source: p.get('source') ?? undefined,
  }))
  const f: CountKey = filters.f ?? 'all'
  const work = useLoad((signal) => api.get<MyWork>('/api/my/work', undefined, { signal }), [])
  const d = work.data
  const items = (d?.items ?? []).filter((i) => matches(i, f, filters.source))
  const cards: Array<{ key: CountKey; title: string; value: number | undefined; hint?: string }> = [
    { key: 'overdue', title: '已超期', value: d?.counts.overdue },
    { key: 'due_soon', title: '即将到期', value: d?.counts.dueSoon, hint: d ? `${d.dueSoonWd} 个工作日内` : undefined },
    { key: 'supervision', title: '督办待回复', value: d?.counts.supervision },
    { key: 'inspections', title: '待录入检查', value: d?.counts.inspections },
    { key: 'all', title: '全部待办', value: d?.counts.total },
  ]
  return (
    <div className="page">
      <PageHeader
        title="我的待办"
        subtitle={`${me.user.displayName}，${d ? fmtDateCnWeekday(d.today) : ''}：分派给我或本单位、需要我办理的事项，按期限排序`}
        extra={
          <Button icon={<ReloadOutlined />} onClick={work.reload}>
            刷新
          </Button>
        }
      />
      {work.error ? <Alert type="error" showIcon className="page-alert" title={work.error} /> : null}
      <div className="work-counts">
        {cards.map((c) => (
          <Card
            key={c.key}
            size="small"
            className={`work-count work-count-${c.key} ${f === c.key ? 'active' : ''}`}
            data-testid={`work-count-${c.key}`}
            onClick={() => set({ f: c.key === 'all' || f === c.key ? null : c.key })}
            role="button"
            tabIndex={0}
            onKeyDown={(e) => e.key === 'Enter' && set({ f: c.key === 'all' || f === c.key ? null : c.key })}
          >
            <Statistic title={c.title} value={c.value ?? '—'} />
            {c.hint ? (
              <Typography.Text type="secondary" className="work-count-hint">
                {c.hint}
              </Typography.Text>
            ) : null}
          </Card>
        ))}
      </div>
      <Card size="small">
        {d && d.sources.length > 1 ? (
          <Segmented
            style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
            value={filters.source ?? ''}
            onChange={(v) => set({ source: v ? String(v) : null })}
            options={[{ value: '', label: `全部（${d.counts.total}）` }, ...d.sources.map((s) => ({ value: s.key, label: `${s.title}（${s.count}）` }))]}
          />
        ) : null}
        {!d ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : items.length === 0 ? (
          <Empty
            data-testid="work-empty"
            description={
              d.items.length === 0
                ? d.sources.length
                  ? '暂无待办事项，分派给您或本单位的事项会出现在这里'
                  : '您的角色没有需要办理的业务事项'
                : '没有符合条件的待办'
            }
          />
        ) : (
          <div className="work-list" data-testid="work-list">
            {items.map((i) => (
              <WorkRow key={i.key} i={i} />
            ))}
          </div>
        )}
      </Card>
    </div>
  )
}

import { CheckOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Badge, Button, Card, Empty, Pagination, Segmented, Skeleton, Tag, Typography } from 'antd'
import { useNavigate } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import { useLoad, useUrlFilters } from '../components/hooks'
import { fmtDateTime } from '../components/labels'
import { PageHeader } from '../components/PageHeader'
import { openMessage } from '../components/work/MessageBell'
import type { MessagePage } from '../components/work/types'
import '../components/work/work.css'

const KIND_COLOR: Record<string, string> = {
  assignment: 'blue',
  dispatch: 'geekblue',
  supervision: 'volcano',
  due_soon: 'orange',
  overdue: 'red',
  job_finished: 'green',
}

/** 消息中心: my messages, newest first; unread ones bold; opening one marks it read and goes to the record. */
export default function MessagesPage() {
  const { message } = App.useApp()
  const navigate = useNavigate()
  const { filters, page, set } = useUrlFilters((p) => ({ unread: p.get('unread') === '1' ? '1' : undefined }))
  const list = useLoad(
    (signal) => api.get<MessagePage>('/api/my/messages', { page, pageSize: 20, ...(filters.unread ? { unread: '1' } : {}) }, { signal }),
    [page, filters.unread],
  )
  const d = list.data
  const readAll = async () => {
    try {
      const r = await api.post<{ updated: number }>('/api/my/messages/read-all', {})
      message.success(r.updated ? `已将 ${r.updated} 条消息标为已读` : '没有未读消息')
      list.reload()
    } catch (e) {
      message.error(errorMessage(e))
    }
  }
  return (
    <div className="page">
      <PageHeader
        title="消息中心"
        subtitle="指派、分送、督办、到期与超期提醒、后台任务完成"
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              刷新
            </Button>
            <Button icon={<CheckOutlined />} onClick={readAll} disabled={!d?.unread} data-testid="read-all">
              全部标为已读
            </Button>
          </>
        }
      />
      {list.error ? <Alert type="error" showIcon className="page-alert" title={list.error} /> : null}
      <Card size="small">
        <Segmented
          style={{ marginBottom: 12 }}
          value={filters.unread ? '1' : ''}
          onChange={(v) => set({ unread: v === '1' ? '1' : null, page: 1 })}
          options={[
            { value: '', label: '全部' },
            { value: '1', label: `未读${d ? `（${d.unread}）` : ''}` },
          ]}
        />
        {!d ? (
          <Skeleton active />
        ) : d.items.length === 0 ? (
          <Empty description={filters.unread ? '没有未读消息' : '暂无消息'} />
        ) : (
          <div className="work-list">
            {d.items.map((m) => (
              <div key={m.id} className={`work-item msg-item ${m.readAt ? '' : 'unread'}`} data-testid="message">
                <div className="work-item-main">
                  <div>
                    {m.readAt ? null : <Badge status="processing" />} <Tag color={KIND_COLOR[m.kind] ?? 'default'}>{m.kindLabel}</Tag>
                    <Typography.Text className="msg-title">{m.title}</Typography.Text>
                  </div>
                  {m.body ? <div className="work-item-meta">{m.body}</div> : null}
                  <div className="work-item-meta">
                    {fmtDateTime(m.createdAt)}
                    {m.readAt ? ` · 已读 ${fmtDateTime(m.readAt)}` : ' · 未读'}
                  </div>
                </div>
                <div className="work-item-side">
                  <Button size="small" type="primary" ghost onClick={() => void openMessage(m, navigate)} data-testid="message-open">
                    {m.link ? '查看' : '标为已读'}
                  </Button>
                </div>
              </div>
            ))}
          </div>
        )}
        {d && d.total > d.pageSize ? (
          <Pagination
            style={{ marginTop: 12 }}
            current={page}
            pageSize={d.pageSize}
            total={d.total}
            onChange={(p) => set({ page: p })}
            showSizeChanger={false}
          />
        ) : null}
      </Card>
    </div>
  )
}

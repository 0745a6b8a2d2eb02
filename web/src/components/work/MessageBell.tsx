import { BellOutlined } from '@ant-design/icons'
import { Badge, Button, Dropdown, Empty, Spin, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { useLocation, useNavigate } from 'react-router-dom'
import { api } from '../../api/client'
import { fmtDateTimeShort } from '../labels'
import type { Message, MessagePage } from './types'
import './work.css'

const POLL_MS = 30_000

/** Opens a message: marks it read, then goes to the record it is about. */
export async function openMessage(m: Message, navigate: (to: string) => void | Promise<void>) {
  if (!m.readAt) await api.post(`/api/my/messages/${m.id}/read`, {}).catch(() => undefined)
  void navigate(m.link ?? '/messages')
}

/** The header's bell: unread count (polled every 30 s and on every page change) and the latest messages. */
export function MessageBell() {
  const navigate = useNavigate()
  const location = useLocation()
  const [unread, setUnread] = useState(0)
  const [open, setOpen] = useState(false)
  const [recent, setRecent] = useState<Message[] | null>(null)

  const poll = useCallback(() => {
    api.get<{ unread: number }>('/api/my/messages/unread-count').then(
      (r) => setUnread(r.unread),
      () => undefined,
    )
  }, [])
  useEffect(() => {
    poll()
    const t = setInterval(poll, POLL_MS)
    return () => clearInterval(t)
  }, [poll, location.pathname])

  useEffect(() => {
    if (!open) return
    setRecent(null)
    api.get<MessagePage>('/api/my/messages', { pageSize: 8 }).then(
      (r) => {
        setRecent(r.items)
        setUnread(r.unread)
      },
      () => setRecent([]),
    )
  }, [open])

  const readAll = async () => {
    await api.post('/api/my/messages/read-all', {})
    setRecent((r) => r?.map((m) => ({ ...m, readAt: m.readAt ?? new Date().toISOString() })) ?? null)
    setUnread(0)
  }

  const panel = (
    <div className="bell-panel" data-testid="bell-panel">
      <div className="bell-head">
        <Typography.Text strong>消息{unread ? `（${unread} 条未读）` : ''}</Typography.Text>
        <Button size="small" type="link" disabled={!unread} onClick={readAll}>
          全部已读
        </Button>
      </div>
      <div className="bell-list">
        {recent === null ? (
          <div style={{ padding: 24, textAlign: 'center' }}>
            <Spin />
          </div>
        ) : recent.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无消息" />
        ) : (
          recent.map((m) => (
            <a
              key={m.id}
              className={`bell-msg ${m.readAt ? '' : 'unread'}`}
              data-testid="bell-message"
              onClick={async (e) => {
                e.preventDefault()
                setOpen(false)
                await openMessage(m, navigate)
                poll()
              }}
              href={m.link ?? '/messages'}
            >
              <div className="bell-msg-title">
                {m.readAt ? null : <Badge status="processing" />} {m.title}
              </div>
              <div className="bell-msg-meta">
                {m.kindLabel} · {fmtDateTimeShort(m.createdAt)}
              </div>
            </a>
          ))
        )}
      </div>
      <div className="bell-foot">
        <Button
          type="link"
          size="small"
          onClick={() => {
            setOpen(false)
            navigate('/messages')
          }}
        >
          查看全部消息
        </Button>
      </div>
    </div>
  )

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} popupRender={() => panel} placement="bottomRight">
      <Button type="text" aria-label={unread ? `消息，${unread} 条未读` : '消息'} data-testid="bell">
        <Badge count={unread} size="small" overflowCount={99} data-testid="bell-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  )
}

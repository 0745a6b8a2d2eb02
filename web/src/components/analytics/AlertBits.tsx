import { CheckOutlined, WarningOutlined } from '@ant-design/icons'
import { Alert, App, Button, Empty, Flex, Input, List, Modal, Pagination, Skeleton, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { api, errorMessage } from '../../api/client'
import type { Page } from '../../api/types'
import { useAuth } from '../../auth/AuthContext'
import { useLoad } from '../hooks'
import { fmtDateTime } from '../labels'
import { AP, type AlertItem } from './types'

export const KIND_COLOR: Record<string, string> = { volume_spike: 'red', category_share: 'orange', term_share: 'gold', monitored_product: 'magenta' }

/** 确认预警: an optional note (≤ 500 字), audited on the server. */
export function AckModal({ alert, onClose, onDone }: { alert: AlertItem | null; onClose: () => void; onDone: (a: AlertItem) => void }) {
  const { message } = App.useApp()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setNote('')
    setError(null)
  }, [alert])
  const submit = async () => {
    if (!alert) return
    setBusy(true)
    setError(null)
    try {
      const a = await api.post<AlertItem>(`/api/complaint-alerts/${alert.id}/acknowledge`, { note: note.trim() })
      message.success('已确认预警')
      onDone(a)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open={!!alert}
      title="确认预警"
      okText="确认"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'ack-submit' }}
      destroyOnHidden
    >
      {alert ? (
        <Flex vertical gap={8}>
          <Typography.Text strong>{alert.title}</Typography.Text>
          <Typography.Text type="secondary">
            {alert.day} · {alert.unitName ?? ''} · {alert.message}
          </Typography.Text>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            showCount
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder="处理意见（选填），如：已部署价格专项检查"
            aria-label="处理意见"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            确认后记入审计日志，不可撤销。
          </Typography.Text>
          {error ? <Alert type="error" showIcon title={error} /> : null}
        </Flex>
      ) : null}
    </Modal>
  )
}

/** One alert as a list row (title, day, unit, message, acknowledgement). */
export function AlertRow({ a, onAck }: { a: AlertItem; onAck?: (a: AlertItem) => void }) {
  return (
    <List.Item
      data-testid="alert-row"
      actions={
        a.acknowledgedAt
          ? [
              <Typography.Text key="done" type="secondary" style={{ fontSize: 12 }}>
                <CheckOutlined /> {a.acknowledgedByName ?? ''} {fmtDateTime(a.acknowledgedAt)}确认
              </Typography.Text>,
            ]
          : onAck
            ? [
                <Button key="ack" size="small" onClick={() => onAck(a)} data-testid="alert-ack">
                  确认
                </Button>,
              ]
            : []
      }
    >
      <List.Item.Meta
        avatar={<WarningOutlined style={{ color: a.acknowledgedAt ? '#bfbfbf' : '#fa541c', fontSize: 18, marginTop: 4 }} />}
        title={
          <Flex gap={6} wrap align="center">
            <Tag color={KIND_COLOR[a.kind] ?? 'default'} style={{ marginInlineEnd: 0 }}>
              {a.kindLabel}
            </Tag>
            <span>{a.title}</span>
          </Flex>
        }
        description={
          <>
            <div>{a.message}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.day} · {a.unitName ?? ''}
              {a.ruleName ? ` · 规则：${a.ruleName}` : ''}
              {a.ackNote ? ` · 处理意见：${a.ackNote}` : ''}
            </Typography.Text>
          </>
        }
      />
    </List.Item>
  )
}

/**
 * Alerts within the viewer's data scope (the server evaluates today and yesterday first), with
 * acknowledgement for users who may manage alerts.
 */
export function AlertList({
  status = 'open',
  pageSize = 5,
  from,
  to,
  tick = 0,
  onChanged,
  emptyText,
}: {
  status?: 'open' | 'acknowledged' | 'all'
  pageSize?: number
  from?: string
  to?: string
  tick?: number
  onChanged?: () => void
  emptyText?: string
}) {
  const { can } = useAuth()
  const [page, setPage] = useState(1)
  const [target, setTarget] = useState<AlertItem | null>(null)
  useEffect(() => setPage(1), [status, from, to])
  const list = useLoad(
    (signal) => api.get<Page<AlertItem>>('/api/complaint-alerts', { status, page, pageSize, from, to }, { signal }),
    [status, page, pageSize, from, to, tick],
  )
  const canAck = can(AP.alertManage)
  const { modal, message } = App.useApp()
  // 批量确认: every unconfirmed alert on this page at once, one note for all (each audited).
  const ackPage = () => {
    const ids = (list.data?.items ?? []).filter((a) => !a.acknowledgedAt).map((a) => a.id)
    if (!ids.length) return
    modal.confirm({
      title: `确认本页 ${ids.length} 条预警`,
      content: '每条预警分别记录确认人和时间。',
      okText: '全部确认',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await api.post<{ acknowledged: number; skipped: number }>('/api/complaint-alerts/acknowledge', { ids, note: '批量确认' })
          message.success(`已确认 ${r.acknowledged} 条${r.skipped ? `，${r.skipped} 条已由他人确认` : ''}`)
        } catch (e) {
          message.error(errorMessage(e))
        }
        list.reload()
        onChanged?.()
      },
    })
  }
  const unacked = (list.data?.items ?? []).filter((a) => !a.acknowledgedAt).length
  return (
    <div data-testid="alert-list">
      {canAck && unacked > 1 ? (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button size="small" onClick={ackPage} data-testid="alert-ack-page">
            确认本页全部（{unacked}）
          </Button>
        </Flex>
      ) : null}
      {list.error ? <Alert type="error" showIcon title={list.error} style={{ marginBottom: 8 }} /> : null}
      {list.loading && !list.data ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : list.data && list.data.items.length ? (
        <>
          <List size="small" dataSource={list.data.items} rowKey="id" renderItem={(a) => <AlertRow a={a} onAck={canAck ? setTarget : undefined} />} />
          {list.data.total > pageSize ? (
            <Flex justify="flex-end" style={{ marginTop: 8 }}>
              <Pagination
                size="small"
                current={page}
                pageSize={pageSize}
                total={list.data.total}
                onChange={setPage}
                showSizeChanger={false}
                showTotal={(t) => `共 ${t} 条`}
              />
            </Flex>
          ) : null}
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? (status === 'open' ? '没有未确认的预警' : '没有预警')} />
      )}
      <AckModal
        alert={target}
        onClose={() => setTarget(null)}
        onDone={() => {
          setTarget(null)
          list.reload()
          onChanged?.()
        }}
      />
    </div>
  )
}

/** The number of unconfirmed alerts (for badges). */
export function useOpenAlertCount(enabled: boolean, tick = 0) {
  return useLoad(
    (signal) => api.get<Page<AlertItem>>('/api/complaint-alerts', { status: 'open', pageSize: 1 }, { signal }).then((r) => r.total),
    [tick],
    enabled,
  )
}

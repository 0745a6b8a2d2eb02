import { FileExcelOutlined, LoadingOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Table, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { api, errorMessage } from '../api/client'
import type { ImportHistoryItem, Page } from '../api/types'
import { useLoad } from './hooks'
import { fmtDateTime, IMPORT_STATUS_META, isImportRunning } from './labels'

const n = (v: number) => v.toLocaleString('zh-CN')
const STATUS_COLOR: Record<string, string> = {
  ...Object.fromEntries(Object.entries(IMPORT_STATUS_META).map(([k, v]) => [k, v.color])),
  done: 'success',
  validated: 'gold',
  cancelled: 'default',
}

/**
 * The import history of one kind (GET /api/imports): file, who uploaded it, when, status, row counts
 * and the error report. The same component on every import page; `refreshKey` reloads it when the
 * page knows something changed, and it polls by itself while an import in the list still runs.
 */
export function ImportHistory({
  kind,
  currentId,
  onOpen,
  refreshKey,
}: {
  kind: ImportHistoryItem['kind']
  currentId?: string | null
  onOpen?: (id: string) => void
  refreshKey?: unknown
}) {
  const { message } = App.useApp()
  const [page, setPage] = useState(1)
  const list = useLoad((signal) => api.get<Page<ImportHistoryItem>>('/api/imports', { kind, page, pageSize: 10 }, { signal }), [kind, page, refreshKey])
  const running = (list.data?.items ?? []).some((j) => isImportRunning(j.status))
  const reload = list.reload
  useEffect(() => {
    if (!running) return
    const t = setTimeout(reload, 2000)
    return () => clearTimeout(t)
  }, [running, list.data, reload])

  const report = async (j: ImportHistoryItem) => {
    try {
      await api.download(j.errorReportUrl!, undefined, { fileName: `${j.fileName.replace(/\.[^.]+$/, '')}-错误报告.xlsx` })
    } catch (e) {
      message.error(`下载失败：${errorMessage(e)}`)
    }
  }

  return (
    <Card
      size="small"
      title="导入记录"
      extra={
        <Button type="text" size="small" icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      }
    >
      {list.error ? <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} /> : null}
      <Table<ImportHistoryItem>
        rowKey="id"
        size="middle"
        data-testid="import-history"
        dataSource={list.data?.items ?? []}
        loading={list.loading && !list.data}
        scroll={{ x: 900 }}
        rowClassName={(j) => (j.id === currentId ? 'ant-table-row-selected' : '')}
        locale={{ emptyText: '还没有导入记录' }}
        pagination={{
          current: page,
          pageSize: 10,
          total: list.data?.total ?? 0,
          size: 'small',
          showSizeChanger: false,
          showTotal: (t) => `共 ${n(t)} 批`,
          onChange: setPage,
        }}
        columns={[
          {
            title: '文件',
            dataIndex: 'fileName',
            render: (f: string, j) => (
              <div>
                <Typography.Text strong>{f}</Typography.Text>
                <div className="c-sub">{j.kindLabel}</div>
              </div>
            ),
          },
          { title: '上传人', dataIndex: 'createdByName', width: 100, render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
          { title: '上传时间', dataIndex: 'createdAt', width: 170, render: (v: string) => fmtDateTime(v) },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            width: 150,
            render: (l: string, j) => (
              <Tag
                color={STATUS_COLOR[j.status] ?? 'default'}
                icon={isImportRunning(j.status) ? <LoadingOutlined /> : undefined}
                style={{ marginInlineEnd: 0 }}
              >
                {l}
              </Tag>
            ),
          },
          {
            title: '行数（正确 / 错误）',
            key: 'rows',
            width: 160,
            render: (_v, j) => (
              <span>
                {n(j.totalRows)}（<Typography.Text type="success">{n(j.validRows)}</Typography.Text> /{' '}
                <Typography.Text type={j.errorRows ? 'danger' : 'secondary'}>{n(j.errorRows)}</Typography.Text>）
                {j.warningRows ? <div className="c-sub">{n(j.warningRows)} 行有警告（已照常导入）</div> : null}
              </span>
            ),
          },
          {
            title: '已导入',
            dataIndex: 'importedRows',
            width: 110,
            render: (v: number, j) =>
              j.status === 'done' ? (
                <span>已导入 {n(v)}</span>
              ) : j.status === 'cancelled' ? (
                <Typography.Text type="secondary">未导入</Typography.Text>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: '',
            key: 'op',
            width: 190,
            render: (_v, j) => (
              <span>
                {j.errorReportUrl ? (
                  <Button type="link" size="small" icon={<FileExcelOutlined />} onClick={() => report(j)}>
                    错误报告
                  </Button>
                ) : null}
                {onOpen ? (
                  <Button type="link" size="small" onClick={() => onOpen(j.id)} disabled={j.id === currentId}>
                    {j.id === currentId ? '当前' : isImportRunning(j.status) ? '查看进度' : '查看'}
                  </Button>
                ) : null}
              </span>
            ),
          },
        ]}
      />
    </Card>
  )
}

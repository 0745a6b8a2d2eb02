import { DownloadOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Empty, Grid, List, Popconfirm, Progress, Space, Table, Tag, Typography, type TableProps } from 'antd'
import { useEffect, useState } from 'react'
import { api, errorMessage } from '../api/client'
import type { ServerJson } from '../api/server'
import { useLoad } from '../components/hooks'
import { fmtDateTime } from '../components/labels'
import { PageHeader } from '../components/PageHeader'

type JobPage = ServerJson<'/api/jobs', 'get'>
export type Job = JobPage['items'][number]

export const JOB_STATE: Record<Job['state'], { label: string; color: string }> = {
  queued: { label: '排队中', color: 'default' },
  running: { label: '进行中', color: 'processing' },
  succeeded: { label: '已完成', color: 'success' },
  failed: { label: '失败', color: 'error' },
  cancelled: { label: '已取消', color: 'warning' },
}

const active = (j: Job) => j.state === 'queued' || j.state === 'running'

function JobProgress({ job }: { job: Job }) {
  const { done, total, message, percent } = job.progress
  const status = job.state === 'failed' ? 'exception' : job.state === 'succeeded' ? 'success' : job.state === 'running' ? 'active' : 'normal'
  return (
    <div data-testid={`job-progress-${job.id}`} data-percent={percent ?? 0}>
      <Progress percent={percent ?? 0} size="small" status={status} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {job.state === 'queued' ? '等待执行' : total ? `${done.toLocaleString('zh-CN')} / ${total.toLocaleString('zh-CN')}` : ''}
        {message && job.state === 'running' ? ` · ${message}` : ''}
      </Typography.Text>
    </div>
  )
}

/**
 * 任务中心: the signed-in user's background jobs (exports, …), newest first, with progress bars while
 * they run (polled every 2 s while any is queued or running), the reason of a failure, 取消 and 下载.
 */
export default function TasksPage() {
  const { message } = App.useApp()
  const screens = Grid.useBreakpoint()
  const mobile = screens.md === false
  const [page, setPage] = useState(1)
  const [busy, setBusy] = useState<string | null>(null)
  const jobs = useLoad((signal) => api.get<JobPage>('/api/jobs', { page, pageSize: 20 }, { signal }), [page])
  const anyActive = (jobs.data?.items ?? []).some(active)

  useEffect(() => {
    if (!anyActive) return
    const t = setInterval(jobs.reload, 2_000)
    return () => clearInterval(t)
  }, [anyActive, jobs.reload])

  const cancel = async (j: Job) => {
    setBusy(j.id)
    try {
      const r = await api.post<Job>(`/api/jobs/${j.id}/cancel`)
      message.success(r.state === 'cancelled' ? '任务已取消' : '已请求取消，任务将尽快停止')
      jobs.reload()
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }
  const download = async (j: Job) => {
    setBusy(j.id)
    try {
      await api.download(`/api/jobs/${j.id}/download`, undefined, { fallbackName: j.download?.name ?? '导出.xlsx' })
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }

  const actions = (j: Job) => (
    <Space size={4}>
      {j.download ? (
        <Button
          type="link"
          size="small"
          icon={<DownloadOutlined />}
          loading={busy === j.id}
          onClick={() => void download(j)}
          data-testid={`job-download-${j.id}`}
        >
          下载
        </Button>
      ) : null}
      {active(j) && !j.cancelRequested ? (
        <Popconfirm title="取消这个任务？" okText="取消任务" cancelText="不取消" onConfirm={() => cancel(j)}>
          <Button type="link" size="small" danger icon={<StopOutlined />} loading={busy === j.id}>
            取消
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  )
  const stateTag = (j: Job) => (
    <Tag color={JOB_STATE[j.state].color} data-testid={`job-state-${j.id}`}>
      {j.cancelRequested && active(j) ? '正在取消' : JOB_STATE[j.state].label}
    </Tag>
  )
  const detail = (j: Job) =>
    j.state === 'failed' || (j.error && active(j)) ? (
      <Typography.Text type="danger">
        {j.state === 'failed' ? j.error : `上次失败：${j.error}，将自动重试（第 ${j.attempts}/${j.maxAttempts} 次）`}
      </Typography.Text>
    ) : j.download ? (
      <Typography.Text>
        {j.download.name}（{j.download.rows.toLocaleString('zh-CN')} 行）
      </Typography.Text>
    ) : null

  const columns: TableProps<Job>['columns'] = [
    {
      title: '任务',
      dataIndex: 'label',
      width: 220,
      render: (_, j) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{j.label}</Typography.Text>
          {detail(j)}
        </Space>
      ),
    },
    { title: '状态', dataIndex: 'state', width: 100, render: (_, j) => stateTag(j) },
    { title: '进度', key: 'progress', width: 260, render: (_, j) => <JobProgress job={j} /> },
    { title: '发起时间', dataIndex: 'createdAt', width: 170, render: (v: string) => fmtDateTime(v) },
    { title: '完成时间', dataIndex: 'finishedAt', width: 170, render: (v: string | null) => (v ? fmtDateTime(v) : '—') },
    { title: '操作', key: 'actions', width: 150, render: (_, j) => actions(j) },
  ]

  return (
    <>
      <PageHeader
        title="任务中心"
        subtitle="在后台进行的导出等任务：完成后在此下载，离开本页不影响任务进行"
        extra={
          <Button icon={<ReloadOutlined />} onClick={jobs.reload}>
            刷新
          </Button>
        }
      />
      {jobs.error ? <Alert type="error" showIcon message={jobs.error} style={{ marginBottom: 12 }} /> : null}
      <Card size="small">
        {mobile ? (
          <List
            loading={jobs.loading && !jobs.data}
            dataSource={jobs.data?.items ?? []}
            locale={{ emptyText: <Empty description="还没有任务。在工作台或名录页点“导出 Excel”即可在后台生成。" /> }}
            pagination={(jobs.data?.total ?? 0) > 20 ? { current: page, pageSize: 20, total: jobs.data?.total, onChange: setPage, size: 'small' } : false}
            renderItem={(j) => (
              <List.Item key={j.id} data-testid={`job-row-${j.id}`}>
                <Space direction="vertical" style={{ width: '100%' }} size={4}>
                  <Space wrap>
                    <Typography.Text strong>{j.label}</Typography.Text>
                    {stateTag(j)}
                  </Space>
                  <JobProgress job={j} />
                  {detail(j)}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    发起于 {fmtDateTime(j.createdAt)}
                  </Typography.Text>
                  {actions(j)}
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<Job>
            rowKey="id"
            size="small"
            loading={jobs.loading && !jobs.data}
            dataSource={jobs.data?.items ?? []}
            columns={columns}
            onRow={(j) => ({ 'data-testid': `job-row-${j.id}` }) as React.HTMLAttributes<HTMLElement>}
            locale={{ emptyText: <Empty description="还没有任务。在工作台或名录页点“导出 Excel”即可在后台生成。" /> }}
            pagination={{
              current: page,
              pageSize: 20,
              total: jobs.data?.total ?? 0,
              onChange: setPage,
              hideOnSinglePage: true,
              showTotal: (n) => `共 ${n.toLocaleString('zh-CN')} 个任务`,
            }}
          />
        )}
      </Card>
    </>
  )
}

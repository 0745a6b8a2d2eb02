import { Card, Table } from 'antd'
import { useSearchParams } from 'react-router-dom'
import { api } from '../api/client'
import { useLoad } from '../components/hooks'
import { VerifyForm } from '../components/inspection/VerifyForm'
import { fmtDateTime } from '../components/labels'
import { PageHeader } from '../components/PageHeader'

/** Verification of draws (signed in: any draw of one's scope, published or not). */
export default function InspectionVerifyPage() {
  const [params] = useSearchParams()
  const recent = useLoad(
    (signal) =>
      api.get<{ items: { id: string; drawNo: string; status: string; drawnAt: string; taskNo: string; name: string }[] }>('/api/inspection-draws', undefined, {
        signal,
      }),
    [],
  )
  return (
    <>
      <PageHeader title="抽取核验" subtitle="按存储的记录重算抽取，确认名录快照、参数、种子、抽取名单与人员分派均未被改动" />
      <Card style={{ marginBottom: 16 }}>
        <VerifyForm publicMode={false} initial={params.get('draw') ?? undefined} />
      </Card>
      <Card title="最近的抽取记录">
        <Table
          rowKey="id"
          size="small"
          loading={recent.loading}
          dataSource={recent.data?.items}
          pagination={false}
          columns={[
            { title: '抽取编号', dataIndex: 'drawNo' },
            { title: '任务', render: (_, r) => `${r.taskNo} ${r.name}` },
            { title: '结果', dataIndex: 'status', render: (s: string) => (s === 'failed' ? '未完成' : '成功') },
            { title: '时间', dataIndex: 'drawnAt', render: (v: string) => fmtDateTime(v) },
          ]}
        />
      </Card>
    </>
  )
}

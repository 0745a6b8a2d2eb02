import { Alert, Button, Card, Descriptions, Empty, Flex, Grid, Input, Layout, List, Modal, Space, Table, Tabs, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import { yuan } from '../components/cases/labels'
import type { MorePage, PublicPenalty, PublicPenaltyDetail, PublicTypical } from '../components/cases/publicity'
import '../components/complaint/complaint.css'
import { useLoad } from '../components/hooks'
import { fmtDate } from '../components/labels'
import { PublicFooter } from '../components/PublicFooter'

const opts = (signal: AbortSignal) => ({ signal, noAuthRedirect: true })
/** Phones (below md): cards instead of tables. */
const usePhone = () => Grid.useBreakpoint().md === false
const PAGE = 20

function Pager({ page, hasMore, onChange }: { page: number; hasMore: boolean; onChange: (p: number) => void }) {
  return (
    <Flex justify="center" gap={8} style={{ marginTop: 12 }}>
      <Button size="small" disabled={page <= 1} onClick={() => onChange(page - 1)}>
        上一页
      </Button>
      <Typography.Text style={{ lineHeight: '24px' }}>第 {page} 页</Typography.Text>
      <Button size="small" disabled={!hasMore} onClick={() => onChange(page + 1)}>
        下一页
      </Button>
    </Flex>
  )
}

function PenaltyDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const d = useLoad((signal) => api.get<PublicPenaltyDetail>(`/api/public/penalties/${id}`, undefined, opts(signal)), [id])
  const phone = usePhone()
  const p = d.data
  return (
    <Modal
      open
      title="行政处罚信息"
      onCancel={onClose}
      footer={null}
      width={phone ? '100%' : 760}
      style={phone ? { top: 0, maxWidth: '100vw', padding: 0 } : undefined}
    >
      {d.error ? <Alert type="error" showIcon message={errorMessage(d.error)} /> : null}
      {p ? (
        <div data-testid="penalty-detail">
          <Descriptions column={1} size="small" bordered labelStyle={{ width: phone ? 110 : 170 }}>
            <Descriptions.Item label="行政处罚决定书文号">{p.decisionNo}</Descriptions.Item>
            <Descriptions.Item label="当事人">
              {p.partyName} <Tag>{p.partyKindLabel}</Tag>
            </Descriptions.Item>
            {p.partyUscc ? <Descriptions.Item label="统一社会信用代码">{p.partyUscc}</Descriptions.Item> : null}
            {p.legalRep ? <Descriptions.Item label="法定代表人（负责人）">{p.legalRep}</Descriptions.Item> : null}
            <Descriptions.Item label="违法行为类型">{p.caseTypeLabel}</Descriptions.Item>
            <Descriptions.Item label="违法事实">{p.facts}</Descriptions.Item>
            <Descriptions.Item label="处罚依据">{p.basis}</Descriptions.Item>
            <Descriptions.Item label="处罚种类">{p.penaltyLabel}</Descriptions.Item>
            <Descriptions.Item label="处罚内容">{p.penaltyContent}</Descriptions.Item>
            <Descriptions.Item label="罚款金额（元）">{yuan(p.fineFen)}</Descriptions.Item>
            <Descriptions.Item label="没收金额（元）">{yuan(p.confiscatedFen)}</Descriptions.Item>
            <Descriptions.Item label="处罚机关">{p.authority}</Descriptions.Item>
            <Descriptions.Item label="处罚决定日期">{fmtDate(p.decidedOn)}</Descriptions.Item>
            <Descriptions.Item label="公示期限">
              {fmtDate(p.publishedOn)} 至 {fmtDate(p.displayEndOn)}
            </Descriptions.Item>
          </Descriptions>
        </div>
      ) : null}
    </Modal>
  )
}

function Penalties() {
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const [page, setPage] = useState(1)
  const [open, setOpen] = useState<string | null>(null)
  const phone = usePhone()
  const list = useLoad(
    (signal) => api.get<MorePage<PublicPenalty>>('/api/public/penalties', { q: q || undefined, page, pageSize: PAGE }, opts(signal)),
    [q, page],
  )
  const search = (v: string) => {
    const next = new URLSearchParams(params)
    if (v.trim()) next.set('q', v.trim())
    else next.delete('q')
    setParams(next, { replace: true })
    setPage(1)
  }
  const items = list.data?.items ?? []
  return (
    <>
      <Input.Search
        placeholder="当事人名称（至少 2 个字）或统一社会信用代码"
        defaultValue={q}
        allowClear
        enterButton="查询"
        maxLength={50}
        onSearch={search}
        style={{ maxWidth: 520, marginBottom: 12 }}
        data-testid="penalty-search"
      />
      {list.error ? <Alert type="warning" showIcon message={errorMessage(list.error)} style={{ marginBottom: 12 }} /> : null}
      {phone ? (
        <List<PublicPenalty>
          loading={list.loading}
          dataSource={items}
          data-testid="penalty-list"
          locale={{ emptyText: <Empty description={q ? '未查询到公示中的行政处罚信息' : '暂无公示信息'} /> }}
          renderItem={(r) => (
            <List.Item style={{ display: 'block', cursor: 'pointer' }} onClick={() => setOpen(r.id)} data-testid="penalty-row">
              <div style={{ fontWeight: 500 }}>{r.partyName}</div>
              {r.partyUscc ? <Typography.Text type="secondary">{r.partyUscc}</Typography.Text> : null}
              <div>
                <Tag>{r.caseTypeLabel}</Tag>
                {r.penaltyContent}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.decisionNo} · {r.authority} · {fmtDate(r.decidedOn)}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : (
        <Table<PublicPenalty>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={items}
          pagination={false}
          data-testid="penalty-list"
          locale={{ emptyText: <Empty description={q ? '未查询到公示中的行政处罚信息' : '暂无公示信息'} /> }}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' }, 'data-testid': 'penalty-row' }) as never}
          columns={[
            { title: '当事人', render: (_, r) => <a>{r.partyName}</a> },
            { title: '统一社会信用代码', dataIndex: 'partyUscc', width: 190, render: (v: string | null) => v ?? '—' },
            { title: '违法行为类型', dataIndex: 'caseTypeLabel', width: 140 },
            { title: '处罚内容', dataIndex: 'penaltyContent' },
            { title: '决定书文号', dataIndex: 'decisionNo', width: 220 },
            { title: '处罚机关', dataIndex: 'authority', width: 200 },
            { title: '决定日期', dataIndex: 'decidedOn', width: 110, render: (v: string) => fmtDate(v) },
          ]}
        />
      )}
      <Pager page={page} hasMore={!!list.data?.hasMore} onChange={setPage} />
      {open ? <PenaltyDetail id={open} onClose={() => setOpen(null)} /> : null}
    </>
  )
}

function Typical() {
  const [page, setPage] = useState(1)
  const [open, setOpen] = useState<PublicTypical | null>(null)
  const list = useLoad((signal) => api.get<MorePage<PublicTypical>>('/api/public/penalties/typical', { page, pageSize: PAGE }, opts(signal)), [page])
  return (
    <>
      <List<PublicTypical>
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="typical-list"
        locale={{ emptyText: <Empty description="暂无典型案例" /> }}
        renderItem={(r) => (
          <List.Item style={{ display: 'block', cursor: 'pointer' }} onClick={() => setOpen(r)}>
            <Typography.Link style={{ fontWeight: 500 }}>{r.title}</Typography.Link>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.authority} · 发布于 {fmtDate(r.publishedOn)}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
      <Pager page={page} hasMore={!!list.data?.hasMore} onChange={setPage} />
      {open ? (
        <Modal open title={open.title} onCancel={() => setOpen(null)} footer={null} width={760}>
          <div data-testid="typical-detail">
            <Space wrap size={4} style={{ marginBottom: 8 }}>
              <Tag>{open.caseTypeLabel}</Tag>
              <Typography.Text type="secondary">
                {open.decisionNo} · {open.authority} · 决定日期 {fmtDate(open.decidedOn)}
              </Typography.Text>
            </Space>
            <Typography.Paragraph>当事人：{open.partyName}</Typography.Paragraph>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{open.writeUp}</Typography.Paragraph>
          </div>
        </Modal>
      ) : null}
    </>
  )
}

/**
 * 行政处罚信息公示 (public, no login): the penalties on display under Order 45 — searchable by the
 * party's name or USCC, each with its information summary — and the typical cases with their
 * write-ups. Natural persons appear masked and without identity numbers.
 */
export default function PenaltyPublicPage() {
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') === 'typical' ? 'typical' : 'penalties'
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Layout.Content style={{ maxWidth: 1200, width: '100%', margin: '0 auto', padding: '16px 12px' }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          行政处罚信息公示
        </Typography.Title>
        <Card>
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams(k === 'typical' ? { tab: 'typical' } : {}, { replace: true })}
            items={[
              { key: 'penalties', label: '行政处罚信息', children: <Penalties /> },
              { key: 'typical', label: '典型案例', children: <Typical /> },
            ]}
          />
        </Card>
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            依据《市场监督管理行政处罚信息公示规定》公示；自然人当事人的姓名已作脱敏处理，不公示身份证件号码等个人信息。
          </Typography.Text>
        </Flex>
        <PublicFooter />
      </Layout.Content>
    </Layout>
  )
}

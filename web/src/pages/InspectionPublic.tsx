import { Card, Flex, Grid, Input, Layout, List, Pagination, Table, Tabs, Tag, Typography } from 'antd'
import { PublicFooter } from '../components/PublicFooter'
import '../components/complaint/complaint.css'
import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { api } from '../api/client'
import { useLoad } from '../components/hooks'
import { Hash } from '../components/inspection/Bits'
import type { Announcement, Page, PublicTarget, PublicTask } from '../components/inspection/types'
import { VerifyForm } from '../components/inspection/VerifyForm'
import { fmtDate, fmtDateTime } from '../components/labels'

const opts = (signal: AbortSignal) => ({ signal, noAuthRedirect: true })
const good = (outcome: string | null) => outcome === 'no_problem' || outcome === 'no_activity'
/** Phones (below md): cards instead of tables, so nothing is squeezed to one character a line. */
const usePhone = () => Grid.useBreakpoint().md === false

function Targets({ task }: { task: PublicTask }) {
  const [page, setPage] = useState(1)
  const [q, setQ] = useState('')
  const list = useLoad(
    (signal) => api.get<Page<PublicTarget>>(`/api/public/inspections/tasks/${task.taskNo}/targets`, { page, pageSize: 20, q: q || undefined }, opts(signal)),
    [task.taskNo, page, q],
  )
  const phone = usePhone()
  return (
    <>
      <Input.Search
        placeholder="按名称或统一社会信用代码查询"
        allowClear
        onSearch={(v) => {
          setQ(v.trim())
          setPage(1)
        }}
        style={{ maxWidth: 360, marginBottom: 8 }}
      />
      {phone ? (
        <div data-testid="public-targets">
          <List<PublicTarget>
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            renderItem={(r) => (
              <List.Item style={{ display: 'block' }} className="public-target-card">
                <div style={{ fontWeight: 500 }}>{r.entityName}</div>
                <Typography.Text type="secondary">{r.uscc}</Typography.Text>
                <div>
                  <Tag color={good(r.outcome) ? 'green' : 'red'} style={{ whiteSpace: 'normal' }}>
                    {r.outcomeLabel}
                  </Tag>{' '}
                  {r.inspectedOn ? `检查日期 ${r.inspectedOn}` : ''}
                </div>
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                  {r.results.map((x) => (
                    <li key={x.itemName}>
                      {x.itemName}：{x.resultLabel}
                    </li>
                  ))}
                </ul>
              </List.Item>
            )}
          />
          <Flex justify="center">
            <Pagination simple size="small" current={page} pageSize={20} total={list.data?.total} onChange={setPage} />
          </Flex>
        </div>
      ) : (
        <Table<PublicTarget>
          rowKey={(r) => `${r.uscc}-${r.entityName}`}
          size="small"
          loading={list.loading}
          dataSource={list.data?.items}
          data-testid="public-targets"
          pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showTotal: (n) => `共 ${n} 户` }}
          columns={[
            { title: '名称', dataIndex: 'entityName' },
            { title: '统一社会信用代码', dataIndex: 'uscc', width: 190 },
            { title: '检查日期', dataIndex: 'inspectedOn', width: 110 },
            {
              title: '检查结果',
              width: 220,
              render: (_, r) => <Tag color={r.outcome === 'no_problem' || r.outcome === 'no_activity' ? 'green' : 'red'}>{r.outcomeLabel}</Tag>,
            },
          ]}
          expandable={{
            expandedRowRender: (r) => (
              <ul style={{ margin: 0 }}>
                {r.results.map((x) => (
                  <li key={x.itemName}>
                    {x.itemName}：{x.resultLabel}
                  </li>
                ))}
              </ul>
            ),
          }}
        />
      )}
    </>
  )
}

/** A published task as a card (phones); its drawn entities open below it. */
function TaskCard({ task, onDraw }: { task: PublicTask; onDraw: (drawNo: string) => void }) {
  const [open, setOpen] = useState(false)
  return (
    <Card size="small" data-testid="public-task-card" title={<span style={{ whiteSpace: 'normal' }}>{task.name}</span>} style={{ marginBottom: 12 }}>
      <Flex vertical gap={4}>
        <span>
          {task.taskNo} · {task.unitName}
        </span>
        <span>抽查事项：{task.items.join('；')}</span>
        <span>
          抽查 <b>{task.targetCount}</b> 户，发现问题 <b>{task.problemCount}</b> 户 · 公示日期 {fmtDate(task.publishedAt)}
        </span>
        {task.drawNo ? (
          <span>
            抽取记录 <a onClick={() => onDraw(task.drawNo!)}>{task.drawNo}</a>
          </span>
        ) : null}
        <a onClick={() => setOpen(!open)} data-testid="public-task-open">
          {open ? '收起检查对象' : '查看检查对象与结果'}
        </a>
        {open ? <Targets task={task} /> : null}
      </Flex>
    </Card>
  )
}

function WithdrawnTag({ a }: { a: Announcement }) {
  return a.withdrawn ? (
    <Tag color="red" data-testid="withdrawn">
      已撤回
    </Tag>
  ) : null
}

/** The public page (no login): published results, announcements with their commitments, verification. */
export default function InspectionPublicPage() {
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') ?? 'results'
  const [page, setPage] = useState(1)
  const tasks = useLoad((signal) => api.get<Page<PublicTask>>('/api/public/inspections/tasks', { page, pageSize: 10 }, opts(signal)), [page])
  const ann = useLoad(
    (signal) => api.get<Page<Announcement>>('/api/public/inspections/announcements', { pageSize: 50 }, opts(signal)),
    [],
    tab === 'announcements',
  )
  const phone = usePhone()
  useEffect(() => {
    document.title = '双随机抽查结果公示 · 监管'
  }, [])
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Layout.Header
        style={{ background: '#1f5fbf', display: 'flex', alignItems: 'center', paddingInline: phone ? 12 : undefined, height: 'auto', minHeight: 64 }}
      >
        <Typography.Title level={phone ? 5 : 4} style={{ color: '#fff', margin: 0 }}>
          “双随机、一公开”抽查结果公示
        </Typography.Title>
      </Layout.Header>
      <Layout.Content style={{ padding: phone ? 8 : 24, maxWidth: 1200, margin: '0 auto', width: '100%' }}>
        <Card>
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams({ tab: k })}
            items={[
              {
                key: 'results',
                label: '抽查结果',
                children: phone ? (
                  <div data-testid="public-tasks">
                    <List<PublicTask>
                      loading={tasks.loading}
                      dataSource={tasks.data?.items ?? []}
                      renderItem={(r) => <TaskCard key={r.id} task={r} onDraw={(d) => setParams({ tab: 'verify', draw: d })} />}
                    />
                    <Flex justify="center">
                      <Pagination simple size="small" current={page} pageSize={10} total={tasks.data?.total} onChange={setPage} />
                    </Flex>
                  </div>
                ) : (
                  <Table<PublicTask>
                    rowKey="id"
                    loading={tasks.loading}
                    dataSource={tasks.data?.items}
                    data-testid="public-tasks"
                    pagination={{ current: page, pageSize: 10, total: tasks.data?.total, onChange: setPage, showTotal: (n) => `共 ${n} 个已公示任务` }}
                    columns={[
                      { title: '任务编号', dataIndex: 'taskNo', width: 130 },
                      { title: '任务名称', dataIndex: 'name' },
                      { title: '实施机关', dataIndex: 'unitName', width: 220 },
                      { title: '抽查事项', render: (_, r) => r.items.join('；') },
                      { title: '抽查户数', dataIndex: 'targetCount', width: 90 },
                      { title: '发现问题', dataIndex: 'problemCount', width: 90 },
                      { title: '公示日期', width: 110, render: (_, r) => fmtDate(r.publishedAt) },
                      {
                        title: '抽取记录',
                        width: 140,
                        render: (_, r) => (r.drawNo ? <a onClick={() => setParams({ tab: 'verify', draw: r.drawNo! })}>{r.drawNo}</a> : '—'),
                      },
                    ]}
                    expandable={{ expandedRowRender: (r) => <Targets task={r} /> }}
                  />
                ),
              },
              {
                key: 'announcements',
                label: '任务公告与承诺值',
                children: (
                  <>
                    <Typography.Paragraph type="secondary">
                      每个抽查任务在抽取前公布承诺值（承诺密钥的 SHA-256）；抽取后公开密钥，任何人可据此核验抽取未被操纵。
                    </Typography.Paragraph>
                    {phone ? (
                      <List<Announcement>
                        loading={ann.loading}
                        dataSource={ann.data?.items ?? []}
                        data-testid="announcements"
                        renderItem={(r) => (
                          <List.Item style={{ display: 'block' }} data-testid="announcement">
                            <div style={{ fontWeight: 500 }}>
                              {r.name} <WithdrawnTag a={r} />
                            </div>
                            <div>
                              {r.taskNo} · {r.unitName} · 公告于 {fmtDateTime(r.announcedAt)}
                            </div>
                            {r.withdrawn ? (
                              <Typography.Text type="danger">
                                已于 {fmtDateTime(r.withdrawnAt)} 撤回：{r.withdrawReason}
                              </Typography.Text>
                            ) : null}
                            <div>
                              承诺值 <Hash value={r.commitmentHash} />
                            </div>
                          </List.Item>
                        )}
                      />
                    ) : (
                      <Table<Announcement>
                        rowKey="taskNo"
                        size="small"
                        loading={ann.loading}
                        dataSource={ann.data?.items}
                        pagination={false}
                        data-testid="announcements"
                        onRow={() => ({ 'data-testid': 'announcement' }) as never}
                        columns={[
                          { title: '任务编号', dataIndex: 'taskNo', width: 130 },
                          {
                            title: '任务名称',
                            render: (_, r) => (
                              <>
                                {r.name} <WithdrawnTag a={r} />
                                {r.withdrawn ? (
                                  <div>
                                    <Typography.Text type="danger">
                                      已于 {fmtDateTime(r.withdrawnAt)} 撤回：{r.withdrawReason}
                                    </Typography.Text>
                                  </div>
                                ) : null}
                              </>
                            ),
                          },
                          { title: '实施机关', dataIndex: 'unitName', width: 220 },
                          { title: '公告时间', width: 170, render: (_, r) => fmtDateTime(r.announcedAt) },
                          { title: '承诺值', width: 220, render: (_, r) => <Hash value={r.commitmentHash} /> },
                        ]}
                      />
                    )}
                  </>
                ),
              },
              {
                key: 'verify',
                label: '抽取核验',
                children: <VerifyForm key={params.get('draw') ?? ''} publicMode initial={params.get('draw') ?? undefined} />,
              },
            ]}
          />
        </Card>
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">仅公示经营主体名称、统一社会信用代码与检查结果，不含个人信息。</Typography.Text>
        </Flex>
        <PublicFooter />
      </Layout.Content>
    </Layout>
  )
}

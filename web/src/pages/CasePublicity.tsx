import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import type { Page } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { CLOCK_LABEL, CLOCK_TAG, clockColour, yuan } from '../components/cases/labels'
import { PUBLICITY_STATES, type Publicity, type PublicityDetail, type TypicalCase } from '../components/cases/publicity'
import { useLoad } from '../components/hooks'
import { fmtDate } from '../components/labels'
import { PageHeader } from '../components/PageHeader'

const D = 'YYYY-MM-DD'
const STATE_TAG: Record<string, string> = { pending: 'orange', published: 'green', withdrawn: 'default', stopped: 'blue' }
const noFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day')

function Clocks({ id }: { id: string }) {
  const d = useLoad((signal) => api.get<PublicityDetail>(`/api/case-publicity/${id}`, undefined, { signal }), [id])
  if (d.error) return <Alert type="error" showIcon message={errorMessage(d.error)} />
  if (!d.data) return null
  const p = d.data
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="publicity-detail">
      <Descriptions.Item label="违法事实">{p.facts}</Descriptions.Item>
      <Descriptions.Item label="处罚依据">{p.basis}</Descriptions.Item>
      <Descriptions.Item label="公示期">{p.displayKindLabel}</Descriptions.Item>
      <Descriptions.Item label="公示期届满">{p.displayEndOn ? fmtDate(p.displayEndOn) : '—'}</Descriptions.Item>
      {p.withdrawReason ? <Descriptions.Item label="撤回理由">{p.withdrawReason}</Descriptions.Item> : null}
      {p.stopReason ? <Descriptions.Item label="提前停止公示">{p.stopReason}</Descriptions.Item> : null}
      {p.clocks.map((c) => (
        <Descriptions.Item key={c.kind} label={c.label}>
          {fmtDate(c.startOn)} 起，至 {c.dueOn ? fmtDate(c.dueOn) : '—'}
          {c.doneOn ? `，${fmtDate(c.doneOn)} 完成` : ''} {c.late ? <Tag color="red">逾期</Tag> : null}
        </Descriptions.Item>
      ))}
    </Descriptions>
  )
}

type FormValues = { on?: Dayjs; changedOn?: Dayjs; reason?: string; title?: string; writeUp?: string }
type Dialog = { kind: 'publish' | 'withdraw' | 'typical'; row: Publicity } | null

/**
 * 处罚信息公示: the publicity records of the penalty decisions in scope (待公示 with their 20 WD /
 * 10 WD clock, 公示中 with the display end, 已撤回, 已提前停止公示); a publicity officer publishes and
 * withdraws; a leader picks typical cases (典型案例) with a write-up.
 */
export default function CasePublicityPage() {
  const { can } = useAuth()
  const { message } = App.useApp()
  const [state, setState] = useState<string>('pending')
  const [page, setPage] = useState(1)
  const [tick, setTick] = useState(0)
  const [dialog, setDialog] = useState<Dialog>(null)
  const [busy, setBusy] = useState(false)
  const [form] = Form.useForm<FormValues>()
  const list = useLoad(
    (signal) => api.get<Page<Publicity>>('/api/case-publicity', { state: state === 'all' ? undefined : state, page, pageSize: 20 }, { signal }),
    [state, page, tick],
  )
  const typical = useLoad((signal) => api.get<Page<TypicalCase>>('/api/case-typical', { page: 1, pageSize: 50 }, { signal }), [tick])
  const mayPublish = can('case.publicity')
  const mayMarkTypical = can('case.approve')

  const submit = async () => {
    if (!dialog) return
    const v = await form.validateFields()
    const day = (d: Dayjs | undefined) => (d ? d.format(D) : undefined)
    setBusy(true)
    try {
      if (dialog.kind === 'publish') await api.post(`/api/case-publicity/${dialog.row.id}/publish`, { version: dialog.row.version, on: day(v.on) })
      else if (dialog.kind === 'withdraw')
        await api.post(`/api/case-publicity/${dialog.row.id}/withdraw`, {
          version: dialog.row.version,
          changedOn: day(v.changedOn),
          reason: v.reason,
          on: day(v.on),
        })
      else await api.post('/api/case-typical', { caseId: dialog.row.caseId, title: v.title, writeUp: v.writeUp })
      message.success(dialog.kind === 'publish' ? '已公示' : dialog.kind === 'withdraw' ? '已撤回' : '已发布典型案例')
      setDialog(null)
      form.resetFields()
      setTick((x) => x + 1)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <PageHeader
        title="处罚信息公示"
        subtitle={
          <>
            普通程序作出的行政处罚决定（单处警告除外）自决定之日起20个工作日内公示（当事人在外省登记的，10个工作日内推送）；决定被变更、撤销的，3个工作日内撤回。
            <Link to="/public/penalties" target="_blank">
              查看公示页面
            </Link>
          </>
        }
      />
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'records',
              label: '公示信息',
              children: (
                <>
                  <Segmented
                    value={state}
                    onChange={(v) => {
                      setState(v)
                      setPage(1)
                    }}
                    options={[...Object.entries(PUBLICITY_STATES).map(([value, label]) => ({ value, label })), { value: 'all', label: '全部' }]}
                    style={{ marginBottom: 12 }}
                    data-testid="publicity-state"
                  />
                  {list.error ? <Alert type="error" showIcon message={errorMessage(list.error)} /> : null}
                  <Table<Publicity>
                    rowKey="id"
                    size="small"
                    loading={list.loading}
                    dataSource={list.data?.items}
                    data-testid="publicity-table"
                    scroll={{ x: 1100 }}
                    pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
                    expandable={{ expandedRowRender: (r) => <Clocks id={r.id} /> }}
                    columns={[
                      { title: '决定书文号', dataIndex: 'decisionNo', width: 200, render: (v: string, r) => <Link to={`/cases/${r.caseId}`}>{v}</Link> },
                      {
                        title: '当事人',
                        dataIndex: 'partyName',
                        render: (v: string, r) =>
                          r.crossProvince ? (
                            <>
                              {v} <Tag color="purple">外省登记</Tag>
                            </>
                          ) : (
                            v
                          ),
                      },
                      { title: '类型', dataIndex: 'caseTypeLabel', width: 110 },
                      { title: '处罚内容', dataIndex: 'penaltyContent', render: (v: string, r) => <span title={`罚款 ${yuan(r.fineFen)} 元`}>{v}</span> },
                      { title: '决定日期', dataIndex: 'decidedOn', width: 110, render: (v: string) => fmtDate(v) },
                      {
                        title: '期限',
                        width: 130,
                        render: (_, r) => {
                          if (r.state !== 'pending') return r.displayEndOn ? `公示至 ${fmtDate(r.displayEndOn)}` : '—'
                          const c = clockColour(r.dueOn)
                          return (
                            <span data-clock={c}>
                              <Tag color={CLOCK_TAG[c]}>{CLOCK_LABEL[c] || '—'}</Tag>
                              <div>{r.dueOn ? fmtDate(r.dueOn) : ''}</div>
                            </span>
                          )
                        },
                      },
                      { title: '状态', dataIndex: 'stateLabel', width: 110, render: (v: string, r) => <Tag color={STATE_TAG[r.state]}>{v}</Tag> },
                      {
                        title: '操作',
                        width: 200,
                        render: (_, r) => (
                          <Space size={4} wrap>
                            {mayPublish && r.state === 'pending' ? (
                              <Button size="small" type="primary" onClick={() => setDialog({ kind: 'publish', row: r })} data-testid="publish">
                                公示
                              </Button>
                            ) : null}
                            {mayPublish && (r.state === 'pending' || r.state === 'published') ? (
                              <Button size="small" danger onClick={() => setDialog({ kind: 'withdraw', row: r })}>
                                撤回
                              </Button>
                            ) : null}
                            {mayMarkTypical && r.state === 'published' ? (
                              <Button size="small" onClick={() => setDialog({ kind: 'typical', row: r })}>
                                设为典型案例
                              </Button>
                            ) : null}
                          </Space>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'typical',
              label: '典型案例',
              children: (
                <Table<TypicalCase>
                  rowKey="id"
                  size="small"
                  loading={typical.loading}
                  dataSource={typical.data?.items}
                  pagination={false}
                  expandable={{ expandedRowRender: (r) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.writeUp}</Typography.Paragraph> }}
                  columns={[
                    { title: '标题', dataIndex: 'title' },
                    { title: '决定书文号', dataIndex: 'decisionNo', width: 200 },
                    { title: '发布日期', dataIndex: 'publishedOn', width: 110, render: (v: string) => fmtDate(v) },
                    { title: '状态', width: 100, render: (_, r) => (r.withdrawnOn ? <Tag>已撤下</Tag> : <Tag color="green">公开中</Tag>) },
                    {
                      title: '操作',
                      width: 90,
                      render: (_, r) =>
                        mayMarkTypical && !r.withdrawnOn ? (
                          <Button
                            size="small"
                            onClick={async () => {
                              try {
                                await api.post(`/api/case-typical/${r.id}/withdraw`, {})
                                setTick((x) => x + 1)
                              } catch (e) {
                                message.error(errorMessage(e))
                              }
                            }}
                          >
                            撤下
                          </Button>
                        ) : null,
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!dialog}
        title={dialog?.kind === 'publish' ? '公示行政处罚信息' : dialog?.kind === 'withdraw' ? '撤回公示信息' : '设为典型案例'}
        onCancel={() => setDialog(null)}
        onOk={submit}
        confirmLoading={busy}
        okText="确定"
        cancelText="取消"
        destroyOnHidden
      >
        {dialog ? (
          <Form form={form} layout="vertical" preserve={false} data-testid="publicity-form">
            <Typography.Paragraph type="secondary">
              {dialog.row.decisionNo} · {dialog.row.partyName}
            </Typography.Paragraph>
            {dialog.kind === 'withdraw' ? (
              <>
                <Form.Item name="changedOn" label="决定被变更、撤销或确认违法、无效之日" rules={[{ required: true, message: '请选择日期' }]}>
                  <DatePicker disabledDate={noFuture} />
                </Form.Item>
                <Form.Item name="reason" label="撤回理由" rules={[{ required: true, min: 2, max: 500, message: '撤回理由应为 2–500 字' }]}>
                  <Input.TextArea rows={3} maxLength={500} showCount />
                </Form.Item>
              </>
            ) : null}
            {dialog.kind !== 'typical' ? (
              <Form.Item name="on" label={dialog.kind === 'publish' ? '公示日期（默认今天）' : '撤回日期（默认今天）'}>
                <DatePicker disabledDate={noFuture} />
              </Form.Item>
            ) : (
              <>
                <Form.Item name="title" label="标题" rules={[{ required: true, min: 2, max: 100, message: '标题应为 2–100 字' }]}>
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item name="writeUp" label="案例评析" rules={[{ required: true, min: 2, max: 8000, message: '评析应为 2–8000 字' }]}>
                  <Input.TextArea rows={6} maxLength={8000} showCount />
                </Form.Item>
              </>
            )}
          </Form>
        ) : null}
      </Modal>
    </>
  )
}

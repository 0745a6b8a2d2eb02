import { FileExcelOutlined, PlusOutlined, ReloadOutlined, SearchOutlined, SendOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Grid, Input, Modal, Row, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useMemo, useRef, useState, type Key } from 'react'
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import { useAuth } from '../auth/AuthContext'
import { QueueClockTag, StateTag, TypeTag } from '../components/complaint/Bits'
import { CATEGORY_OPTIONS, CHANNEL_OPTIONS, CLOCK_FILTER_OPTIONS, fenToYuan, STATE_OPTIONS, TYPE_OPTIONS } from '../components/complaint/labels'
import type { ItemSummary } from '../components/complaint/types'
import { P } from '../components/complaint/types'
import { useLoad } from '../components/hooks'
import { ListTable, type ListColumn } from '../components/ListTable'
import { startExportJob } from '../components/startJob'
import { PageHeader } from '../components/PageHeader'
import { UnitTreeSelect } from '../components/UnitTreeSelect'
import { useUnits } from '../components/units'
import type { Page } from '../api/types'

const PAGE_SIZES = [20, 50, 100]
const MAX_PAGE = 500
const FILTERS = [
  'q',
  'type',
  'state',
  'category',
  'channel',
  'unitId',
  'clock',
  'receivedFrom',
  'receivedTo',
  'open',
  'mine',
  'escalated',
  'supervised',
  'sort',
] as const
type Filter = (typeof FILTERS)[number]
type Query = Partial<Record<Filter, string>>

const ok = (v: string | null, values: readonly string[]) => (v && values.includes(v) ? v : undefined)
/** The server's whitelist (ListQuery.sort) other than the default 'due'. */
const SORTS = ['due_asc', 'due_desc', 'received_asc', 'received_desc'] as const
const DAY = /^\d{4}-\d{2}-\d{2}$/

function readParams(p: URLSearchParams): { q: Query; page: number; pageSize: number } {
  const q: Query = {
    q: p.get('q')?.trim().slice(0, 50) || undefined,
    type: ok(
      p.get('type'),
      TYPE_OPTIONS.map((o) => o.value),
    ),
    state: ok(
      p.get('state'),
      STATE_OPTIONS.map((o) => o.value),
    ),
    category: ok(
      p.get('category'),
      CATEGORY_OPTIONS.map((o) => o.value),
    ),
    channel: ok(
      p.get('channel'),
      CHANNEL_OPTIONS.map((o) => o.value),
    ),
    unitId: /^[0-9a-f-]{36}$/i.test(p.get('unitId') ?? '') ? p.get('unitId')! : undefined,
    clock: ok(p.get('clock'), ['on_time', 'due_soon', 'overdue']),
    receivedFrom: DAY.test(p.get('receivedFrom') ?? '') ? p.get('receivedFrom')! : undefined,
    receivedTo: DAY.test(p.get('receivedTo') ?? '') ? p.get('receivedTo')! : undefined,
    // The queue shows open items unless told otherwise (open=all).
    open: p.get('open') === 'all' ? undefined : p.get('open') === '0' ? '0' : '1',
    mine: p.get('mine') === '1' ? '1' : undefined,
    escalated: p.get('escalated') === '1' ? '1' : undefined,
    supervised: p.get('supervised') === '1' ? '1' : undefined,
    sort: ok(p.get('sort'), SORTS),
  }
  const pageSize = PAGE_SIZES.includes(Number(p.get('pageSize'))) ? Number(p.get('pageSize')) : 20
  const page = Math.min(MAX_PAGE, Math.max(1, Math.floor(Number(p.get('page')) || 1)))
  return { q, page, pageSize }
}

function toParams(q: Query, page: number, pageSize: number): Record<string, string> {
  const out: Record<string, string> = {}
  for (const k of FILTERS) {
    const v = q[k]
    if (v && !(k === 'open' && v === '1')) out[k] = v
  }
  if (!q.open) out.open = 'all'
  if (page > 1) out.page = String(page)
  if (pageSize !== 20) out.pageSize = String(pageSize)
  return out
}

interface SearchForm {
  q?: string
  type?: string
  state?: string
  category?: string
  channel?: string
  unitId?: string
  clock?: string
  received?: [Dayjs | null, Dayjs | null] | null
  scope: 'open' | 'closed' | 'all'
  mine?: boolean
  escalated?: boolean
  supervised?: boolean
}

/** 工作台: the items in the viewer's scope, soonest due first, coloured by clock state. */
export default function ComplaintQueuePage() {
  const { can } = useAuth()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const location = useLocation()
  const [params, setParams] = useSearchParams()
  const [form] = Form.useForm<SearchForm>()
  // On a phone the filters beyond the search box fold away, so the first cards are on screen.
  const phone = Grid.useBreakpoint().md === false
  const [moreFilters, setMoreFilters] = useState(false)
  const activeFilters = FILTERS.filter((f) => f !== 'q' && f !== 'open' && f !== 'sort' && params.get(f)).length
  const { q, page, pageSize } = useMemo(() => readParams(params), [params])
  const key = JSON.stringify(toParams(q, page, pageSize))
  const units = useUnits()
  const list = useLoad((signal) => api.get<Page<ItemSummary>>('/api/complaints', { ...q, page, pageSize }, { signal }), [key])
  const [exporting, setExporting] = useState(false)
  const [selected, setSelected] = useState<{ keys: Key[]; rows: ItemSummary[] }>({ keys: [], rows: [] })
  const [dispatching, setDispatching] = useState(false)
  const searchRef = useRef<HTMLInputElement | null>(null)

  useEffect(() => {
    form.resetFields()
    form.setFieldsValue({
      ...q,
      received: q.receivedFrom || q.receivedTo ? [q.receivedFrom ? dayjs(q.receivedFrom) : null, q.receivedTo ? dayjs(q.receivedTo) : null] : null,
      scope: q.open === '1' ? 'open' : q.open === '0' ? 'closed' : 'all',
      mine: q.mine === '1',
      escalated: q.escalated === '1',
      supervised: q.supervised === '1',
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, form])

  // "/" focuses the search box (as in most work queues).
  useEffect(() => {
    const h = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement
      if (e.key === '/' && !/INPUT|TEXTAREA/.test(t.tagName)) {
        e.preventDefault()
        searchRef.current?.focus()
      }
    }
    window.addEventListener('keydown', h)
    return () => window.removeEventListener('keydown', h)
  }, [])

  const search = (v: SearchForm) => {
    const next: Query = {
      q: v.q?.trim() || undefined,
      type: v.type,
      state: v.state,
      category: v.category,
      channel: v.channel,
      unitId: v.unitId,
      clock: v.clock,
      receivedFrom: v.received?.[0]?.format('YYYY-MM-DD'),
      receivedTo: v.received?.[1]?.format('YYYY-MM-DD'),
      open: v.scope === 'open' ? '1' : v.scope === 'closed' ? '0' : undefined,
      mine: v.mine ? '1' : undefined,
      escalated: v.escalated ? '1' : undefined,
      supervised: v.supervised ? '1' : undefined,
      sort: q.sort,
    }
    const p = toParams(next, 1, pageSize)
    if (JSON.stringify(p) === key) list.reload()
    else setParams(p)
  }

  const open = (it: ItemSummary) => {
    navigate(`/complaints/${it.id}`, { state: { from: location.pathname + location.search } })
  }

  // The filtered list is exported in the background (任务中心 has the file); a selection below downloads at once.
  const runExport = async () => {
    setExporting(true)
    try {
      const { clock: _c, sort: _s, ...rest } = q
      await startExportJob(message, navigate, 'complaint.export', Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== '')))
    } finally {
      setExporting(false)
    }
  }

  const columns: ListColumn<ItemSummary>[] = [
    {
      key: 'itemNo',
      title: '编号',
      dataIndex: 'itemNo',
      width: 150,
      sortKey: 'received',
      fixedShown: true,
      render: (n: string, it) => (
        <div>
          <Button
            type="link"
            className="c-no"
            onClick={(e) => {
              e.stopPropagation()
              open(it)
            }}
            data-testid="queue-item-no"
          >
            {n}
          </Button>
          <div>
            <TypeTag type={it.type} label={it.typeLabel} /> <span className="c-sub">{it.receivedOn}</span>
          </div>
          {it.duplicateOfId ? (
            <Tag className="c-tag" data-testid="queue-linked">
              已关联原件
            </Tag>
          ) : it.duplicateCount > 0 && it.state !== 'merged' ? (
            <Tag color="gold" className="c-tag" data-testid="queue-duplicate" title={`登记时发现 ${it.duplicateCount} 件疑似重复`}>
              疑似重复
            </Tag>
          ) : null}
        </div>
      ),
    },
    {
      key: 'summary',
      title: '摘要 / 被投诉（举报）人',
      dataIndex: 'summary',
      fixedShown: true,
      render: (s: string, it) => (
        <div style={{ minWidth: 220 }}>
          <div className="c-summary" title={s}>
            {s}
          </div>
          <div className="c-sub">
            {it.respondentName} · {it.categoryLabel} · {it.channelLabel}
            {it.escalationLevel > 0 ? <Typography.Text type="danger"> · 已升级督办（{it.escalationUnit?.name ?? '上级'}）</Typography.Text> : null}
          </div>
        </div>
      ),
    },
    {
      key: 'party',
      title: '当事人',
      width: 110,
      responsive: ['lg'],
      render: (_, it) =>
        it.anonymous ? (
          <Typography.Text type="secondary">匿名</Typography.Text>
        ) : it.type === 'report' ? (
          <Typography.Text type="secondary">实名（保密）</Typography.Text>
        ) : (
          <div className="c-masked">
            <div>{it.partyName ?? '—'}</div>
            <div className="c-sub">{it.partyPhone ?? ''}</div>
          </div>
        ),
    },
    {
      key: 'state',
      title: '状态',
      dataIndex: 'stateLabel',
      width: 124,
      render: (l: string, it) => (
        <div>
          <StateTag state={it.state} label={l} />
          {it.outcomeLabel && it.state === 'closed' ? (
            <div className="c-sub">
              {it.outcomeLabel}
              {it.recoveredFen > 0 ? ` · ¥${fenToYuan(it.recoveredFen)}` : ''}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      key: 'unit',
      title: '承办单位 / 承办人',
      width: 170,
      render: (_, it) => (
        <div>
          <div>{it.handlingUnit?.name ?? '—'}</div>
          <div className="c-sub">{it.handlerName ?? '未指定承办人'}</div>
        </div>
      ),
    },
    { key: 'clock', title: '期限', width: 172, sortKey: 'due', render: (_, it) => <QueueClockTag item={it} /> },
  ]

  const mayDispatch = can(P.intake) || can(P.dispatch)
  const card = (it: ItemSummary) => (
    <Card
      size="small"
      className={`c-row-${it.clockStatus}`}
      data-testid="queue-card"
      onClick={() => open(it)}
      style={{ cursor: 'pointer' }}
      title={
        <Space size={4} wrap>
          <a className="c-no" data-testid="queue-item-no">
            {it.itemNo}
          </a>
          <TypeTag type={it.type} label={it.typeLabel} />
        </Space>
      }
      extra={<StateTag state={it.state} label={it.stateLabel} />}
    >
      <div className="c-summary" style={{ whiteSpace: 'normal' }}>
        {it.summary}
      </div>
      <div className="c-sub">
        {it.respondentName} · {it.categoryLabel} · {it.receivedOn}
      </div>
      <div className="c-sub">
        {it.handlingUnit?.name ?? '—'} · {it.handlerName ?? '未指定承办人'}
      </div>
      <div style={{ marginTop: 4 }}>
        <QueueClockTag item={it} />
      </div>
    </Card>
  )
  const exportSelected = async () => {
    setExporting(true)
    try {
      const r = await api.download('/api/complaints/export', { ids: selected.keys.join(',') }, { fallbackName: '诉求件.xlsx' })
      message.success(`已导出所选 ${selected.keys.length} 件：${r.fileName}`)
    } catch (e) {
      message.error(`导出失败：${errorMessage(e)}`)
    } finally {
      setExporting(false)
    }
  }

  const total = list.data?.total ?? 0
  return (
    <div className="page">
      <PageHeader
        title="工作台"
        docTitle="12315 工作台"
        subtitle="本人范围内的投诉、举报、咨询，按最近截止日排序；红色已超期，橙色即将到期"
        extra={
          <>
            {can(P.intake) ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/complaint-intake')}>
                热线登记
              </Button>
            ) : null}
            {can(P.export) ? (
              <Tooltip title="按当前筛选条件在后台导出，完成后到任务中心下载（个人信息脱敏，举报人只显示实名/匿名）">
                <Button icon={<FileExcelOutlined />} loading={exporting} onClick={runExport} disabled={!total} data-testid="queue-export">
                  导出 Excel
                </Button>
              </Tooltip>
            ) : null}
          </>
        }
      />
      <Card size="small" className={`filter-card${phone && !moreFilters ? ' filters-folded' : ''}`}>
        <Form<SearchForm> form={form} layout="vertical" onFinish={search} initialValues={{ scope: 'open' }}>
          <Row gutter={8}>
            <Col xs={24} md={8} xl={4}>
              <Form.Item name="q" label="编号、被投诉人或摘要" style={{ marginBottom: 8 }}>
                <Input
                  allowClear
                  maxLength={50}
                  placeholder="按 / 聚焦"
                  ref={(el) => {
                    searchRef.current = el?.input ?? null
                  }}
                  data-testid="queue-search"
                />
              </Form.Item>
            </Col>
            <Col className="queue-more" xs={12} md={4} xl={2}>
              <Form.Item name="type" label="类型" style={{ marginBottom: 8 }}>
                <Select allowClear options={TYPE_OPTIONS} placeholder="全部" />
              </Form.Item>
            </Col>
            <Col className="queue-more" xs={12} md={4} xl={3}>
              <Form.Item name="state" label="状态" style={{ marginBottom: 8 }}>
                <Select allowClear options={STATE_OPTIONS} placeholder="全部" showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            </Col>
            <Col className="queue-more" xs={12} md={4} xl={2}>
              <Form.Item name="category" label="分类" style={{ marginBottom: 8 }}>
                <Select allowClear options={CATEGORY_OPTIONS} placeholder="全部" showSearch={{ optionFilterProp: 'label' }} popupMatchSelectWidth={false} />
              </Form.Item>
            </Col>
            <Col className="queue-more" xs={12} md={4} xl={2}>
              <Form.Item name="channel" label="渠道" style={{ marginBottom: 8 }}>
                <Select allowClear options={CHANNEL_OPTIONS} placeholder="全部" popupMatchSelectWidth={false} />
              </Form.Item>
            </Col>
            <Col className="queue-more" xs={24} md={8} xl={4}>
              <Form.Item name="unitId" label="承办单位（含下级）" style={{ marginBottom: 8 }}>
                <UnitTreeSelect units={units.data} loading={units.loading} placeholder="全部" />
              </Form.Item>
            </Col>
            <Col className="queue-more" xs={12} md={4} xl={3}>
              <Form.Item name="clock" label="期限状态" style={{ marginBottom: 8 }}>
                <Select allowClear options={CLOCK_FILTER_OPTIONS} placeholder="全部" data-testid="queue-clock-filter" />
              </Form.Item>
            </Col>
            <Col className="queue-more" xs={24} md={8} xl={4}>
              <Form.Item name="received" label="接收日期" style={{ marginBottom: 8 }}>
                <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row justify="space-between" align="middle" gutter={[8, 8]}>
            <Col className="queue-more">
              <Space wrap size={12}>
                <Form.Item name="scope" noStyle>
                  <Segmented
                    options={[
                      { value: 'open', label: '未办结' },
                      { value: 'closed', label: '已办结' },
                      { value: 'all', label: '全部' },
                    ]}
                    onChange={() => form.submit()}
                  />
                </Form.Item>
                <Form.Item name="mine" valuePropName="checked" noStyle>
                  <Checkbox onChange={() => form.submit()}>我承办的</Checkbox>
                </Form.Item>
                <Form.Item name="escalated" valuePropName="checked" noStyle>
                  <Checkbox onChange={() => form.submit()}>已升级督办</Checkbox>
                </Form.Item>
                <Form.Item name="supervised" valuePropName="checked" noStyle>
                  <Checkbox onChange={() => form.submit()}>有待回复督办</Checkbox>
                </Form.Item>
                <Segmented
                  value={q.sort?.startsWith('received') ? 'received_desc' : 'due'}
                  options={[
                    { value: 'due', label: '按截止日' },
                    { value: 'received_desc', label: '按接收时间' },
                  ]}
                  onChange={(v) => setParams(toParams({ ...q, sort: v === 'received_desc' ? 'received_desc' : undefined }, 1, pageSize))}
                />
              </Space>
            </Col>
            <Col>
              <Space>
                {phone ? (
                  <Button onClick={() => setMoreFilters((v) => !v)} aria-expanded={moreFilters} data-testid="queue-more-filters">
                    {moreFilters ? '收起筛选' : `更多筛选${activeFilters ? `（${activeFilters}）` : ''}`}
                  </Button>
                ) : null}
                <Button onClick={() => setParams({})}>重置</Button>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="queue-search-submit">
                  查询
                </Button>
              </Space>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card
        size="small"
        title={<span>共 {total.toLocaleString('zh-CN')} 件</span>}
        extra={
          <Button type="text" size="small" icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
        }
      >
        {list.error ? <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} /> : null}
        <ListTable<ItemSummary>
          listKey="complaint-queue"
          rowKey="id"
          size="small"
          className="c-queue"
          data-testid="queue"
          columns={columns}
          card={card}
          sort={q.sort}
          onSort={(sort) => setParams(toParams({ ...q, sort }, 1, pageSize))}
          selection={{ selectedKeys: selected.keys, onChange: (keys, rows) => setSelected({ keys, rows }) }}
          batch={
            <>
              {mayDispatch ? (
                <Button size="small" icon={<SendOutlined />} onClick={() => setDispatching(true)} data-testid="batch-dispatch">
                  批量分送
                </Button>
              ) : null}
              {can(P.export) ? (
                <Button size="small" icon={<FileExcelOutlined />} loading={exporting} onClick={exportSelected} data-testid="batch-export">
                  导出所选
                </Button>
              ) : null}
            </>
          }
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          rowClassName={(it) => `c-row-${it.clockStatus}`}
          onRow={(it) => ({ onDoubleClick: () => open(it) })}
          locale={{ emptyText: '没有符合条件的诉求件' }}
          pagination={{
            current: page,
            pageSize,
            total: Math.min(total, MAX_PAGE * pageSize),
            size: 'small',
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (t) => (total > t ? `前 ${t.toLocaleString('zh-CN')} 件（请缩小筛选范围）` : `共 ${t.toLocaleString('zh-CN')} 件`),
            onChange: (p, s) => setParams(toParams(q, s !== pageSize ? 1 : p, s)),
          }}
        />
      </Card>
      <BatchDispatchModal
        open={dispatching}
        rows={selected.rows}
        onClose={() => setDispatching(false)}
        onDone={() => {
          setDispatching(false)
          setSelected({ keys: [], rows: [] })
          list.reload()
        }}
      />
    </div>
  )
}

/** States from which an item is dispatched (分送) to a handling unit. */
const DISPATCHABLE = new Set(['received', 'returned'])

/**
 * 批量分送: the selected items that can be dispatched go to one unit, each through the same
 * transition (and checks, audit, clocks) as a single dispatch; the result is reported per item.
 */
function BatchDispatchModal({ open, rows, onClose, onDone }: { open: boolean; rows: ItemSummary[]; onClose: () => void; onDone: () => void }) {
  const { message, modal } = App.useApp()
  const units = useUnits()
  const [unitId, setUnitId] = useState<string | undefined>(undefined)
  const [running, setRunning] = useState(false)
  const ready = rows.filter((r) => DISPATCHABLE.has(r.state))
  const run = async () => {
    if (!unitId) return
    setRunning(true)
    const failed: string[] = []
    for (const it of ready) {
      try {
        await api.post(`/api/complaints/${it.id}/transitions`, { action: 'dispatch', unitId, expectedVersion: it.version })
      } catch (e) {
        failed.push(`${it.itemNo}：${errorMessage(e)}`)
      }
    }
    setRunning(false)
    const done = ready.length - failed.length
    if (failed.length)
      modal.warning({
        title: `已分送 ${done} 件，${failed.length} 件未能分送`,
        content: (
          <ul style={{ paddingInlineStart: 18 }}>
            {failed.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        ),
      })
    else message.success(`已分送 ${done} 件`)
    onDone()
  }
  return (
    <Modal
      open={open}
      title="批量分送"
      onCancel={onClose}
      onOk={run}
      confirmLoading={running}
      okText={`分送 ${ready.length} 件`}
      okButtonProps={{ disabled: !unitId || ready.length === 0, 'data-testid': 'batch-dispatch-confirm' }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        已选 {rows.length} 件，其中 {ready.length} 件可分送（已登记或被退回）
        {rows.length > ready.length ? `；其余 ${rows.length - ready.length} 件状态不允许分送，将跳过` : ''}。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="承办单位" required>
          <UnitTreeSelect units={units.data} loading={units.loading} value={unitId} onChange={(v: string) => setUnitId(v)} data-testid="batch-dispatch-unit" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

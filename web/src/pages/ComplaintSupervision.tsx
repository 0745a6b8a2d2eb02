import { AuditOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Segmented, Space, Statistic, Table, Typography, type TableProps } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { SupervisionNote } from '../../../src/shared/complaints/schema'
import { api } from '../api/client'
import type { Page, Unit } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { Kbd, QueueClockTag, StateTag, TypeTag, useFormKeys } from '../components/complaint/Bits'
import { LIMITS } from '../components/complaint/labels'
import type { ItemSummary } from '../components/complaint/types'
import { P } from '../components/complaint/types'
import { applyServerError } from '../components/formError'
import { useLoad, useUrlFilters } from '../components/hooks'
import { PageHeader } from '../components/PageHeader'
import { UnitTreeSelect } from '../components/UnitTreeSelect'
import { useUnits } from '../components/units'
import { zodRule } from '../components/zodRule'

type View = 'overdue' | 'supervised' | 'escalated' | 'due_soon'
const VIEWS: { value: View; label: string; query: Record<string, string> }[] = [
  { value: 'overdue', label: '已超期', query: { clock: 'overdue' } },
  { value: 'supervised', label: '督办待回复', query: { supervised: '1', open: '1' } },
  { value: 'escalated', label: '已升级督办', query: { escalated: '1', open: '1' } },
  { value: 'due_soon', label: '即将到期', query: { clock: 'due_soon' } },
]

interface UnitCounts {
  unit: Unit
  overdue: number
  dueSoon: number
  supervised: number
}

/** Counts per district bureau (each a one-row query against the queue). */
function useUnitCounts(units: Unit[] | undefined, tick: number) {
  const [rows, setRows] = useState<UnitCounts[] | null>(null)
  useEffect(() => {
    if (!units) return
    const bureaus = units.filter((u) => u.kind === 'district_bureau' && u.active)
    const ctrl = new AbortController()
    const count = (unitId: string, q: Record<string, string>) =>
      api.get<Page<ItemSummary>>('/api/complaints', { ...q, unitId, pageSize: 1 }, { signal: ctrl.signal }).then((r) => r.total)
    Promise.all(
      bureaus.map(async (unit) => {
        const [overdue, dueSoon, supervised] = await Promise.all([
          count(unit.id, { clock: 'overdue' }),
          count(unit.id, { clock: 'due_soon' }),
          count(unit.id, { supervised: '1', open: '1' }),
        ])
        return { unit, overdue, dueSoon, supervised }
      }),
    ).then(setRows, () => undefined)
    return () => ctrl.abort()
  }, [units, tick])
  return rows
}

function SuperviseModal({ item, onClose, onDone }: { item: ItemSummary | null; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ note: string; dueOn: Dayjs }>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!item) return
    form.resetFields()
    setError(null)
    form.setFieldsValue({ dueOn: item.nextDueOn && dayjs(item.nextDueOn).isAfter(dayjs()) ? dayjs(item.nextDueOn) : dayjs().add(3, 'day') })
  }, [item, form])
  const submit = async () => {
    if (!item) return
    let v: { note: string; dueOn: Dayjs }
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    setBusy(true)
    try {
      await api.post(`/api/complaints/${item.id}/supervisions`, { note: v.note.trim(), dueOn: v.dueOn.format('YYYY-MM-DD') })
      message.success(`已督办 ${item.itemNo}`)
      onDone()
    } catch (e) {
      setError(applyServerError(form, e))
    } finally {
      setBusy(false)
    }
  }
  const onKeys = useFormKeys(() => void submit())
  return (
    <Modal
      open={!!item}
      title={item ? `督办 · ${item.itemNo}` : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={
        <span>
          发出督办 <Kbd>Ctrl+Enter</Kbd>
        </span>
      }
      okButtonProps={{ loading: busy }}
      cancelText="取消"
      destroyOnHidden
    >
      {item ? (
        <Typography.Paragraph type="secondary">
          {item.summary}｜{item.respondentName}｜{item.handlingUnit?.name ?? ''}
        </Typography.Paragraph>
      ) : null}
      <div onKeyDownCapture={onKeys}>
        <Form form={form} layout="vertical" disabled={busy}>
          <Form.Item name="note" label="督办意见" rules={[{ required: true, whitespace: true, message: '请填写督办意见' }, zodRule(SupervisionNote)]}>
            <Input.TextArea
              autoFocus
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={LIMITS.note}
              placeholder="如：该件已超期，请于期限内办结并报告办理情况"
            />
          </Form.Item>
          <Form.Item name="dueOn" label="督办期限" rules={[{ required: true, message: '请选择期限' }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </div>
    </Modal>
  )
}

/** 督办: overdue, escalated and supervised items by unit, with issuing a supervision notice. */
export default function ComplaintSupervisionPage() {
  const { can } = useAuth()
  const navigate = useNavigate()
  const { filters, page, set } = useUrlFilters(
    (p) => ({
      view: VIEWS.find((v) => v.value === p.get('view'))?.value ?? 'overdue',
      unitId: /^[0-9a-f-]{36}$/i.test(p.get('unitId') ?? '') ? p.get('unitId')! : undefined,
    }),
    { view: 'overdue' },
    500,
  )
  const { view, unitId } = filters
  const units = useUnits()
  const [tick, setTick] = useState(0)
  const counts = useUnitCounts(units.data, tick)
  const query = VIEWS.find((v) => v.value === view)!.query
  const list = useLoad(
    (signal) => api.get<Page<ItemSummary>>('/api/complaints', { ...query, unitId, page, pageSize: 50 }, { signal }),
    [view, unitId, page, tick],
  )
  const [target, setTarget] = useState<ItemSummary | null>(null)

  const totals = useMemo(
    () =>
      (counts ?? []).reduce((a, c) => ({ overdue: a.overdue + c.overdue, dueSoon: a.dueSoon + c.dueSoon, supervised: a.supervised + c.supervised }), {
        overdue: 0,
        dueSoon: 0,
        supervised: 0,
      }),
    [counts],
  )

  const columns: TableProps<ItemSummary>['columns'] = [
    {
      title: '编号',
      dataIndex: 'itemNo',
      width: 150,
      render: (n: string, it) => (
        <div>
          <Button type="link" className="c-no" onClick={() => navigate(`/complaints/${it.id}`)}>
            {n}
          </Button>
          <div>
            <TypeTag type={it.type} label={it.typeLabel} />
          </div>
        </div>
      ),
    },
    {
      title: '摘要 / 被投诉（举报）人',
      render: (_, it) => (
        <div>
          <div className="c-summary">{it.summary}</div>
          <div className="c-sub">{it.respondentName}</div>
        </div>
      ),
    },
    { title: '状态', width: 130, render: (_, it) => <StateTag state={it.state} label={it.stateLabel} /> },
    {
      title: '承办单位 / 承办人',
      width: 200,
      render: (_, it) => (
        <div>
          <div>{it.handlingUnit?.name ?? '—'}</div>
          <div className="c-sub">
            {it.handlerName ?? '未指定承办人'}
            {it.escalationLevel > 0 ? ` · 已升级至${it.escalationUnit?.name ?? '上级'}` : ''}
          </div>
        </div>
      ),
    },
    { title: '期限', width: 170, render: (_, it) => <QueueClockTag item={it} /> },
    {
      title: '',
      width: 90,
      render: (_, it) =>
        can(P.supervise) ? (
          <Button size="small" icon={<AuditOutlined />} onClick={() => setTarget(it)} data-testid="supervise-item">
            督办
          </Button>
        ) : null,
    },
  ]

  return (
    <div className="page">
      <PageHeader
        title="督办"
        docTitle="12315 督办"
        subtitle="超期、即将到期和已督办的诉求件，按单位查看；督办意见和期限记入办理记录，承办人须回复办理情况"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
            刷新
          </Button>
        }
      />
      <Row gutter={16} className="filter-card">
        <Col xs={8}>
          <Card size="small">
            <Statistic title="已超期" value={totals.overdue} loading={!counts} styles={{ content: { color: '#cf1322' } }} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title="即将到期" value={totals.dueSoon} loading={!counts} styles={{ content: { color: '#d46b08' } }} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title="督办待回复" value={totals.supervised} loading={!counts} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={8}>
          <Card size="small" className="filter-card" title="按单位（区县局，含下属所）">
            <Table<UnitCounts>
              size="small"
              rowKey={(r) => r.unit.id}
              loading={!counts}
              dataSource={counts ?? []}
              pagination={false}
              data-testid="unit-counts"
              rowClassName={(r) => (r.unit.id === unitId ? 'ant-table-row-selected' : '')}
              onRow={(r) => ({ onClick: () => set({ unitId: r.unit.id === unitId ? null : r.unit.id }), style: { cursor: 'pointer' } })}
              columns={[
                { title: '单位', render: (_, r) => r.unit.shortName ?? r.unit.name },
                {
                  title: '超期',
                  dataIndex: 'overdue',
                  width: 60,
                  render: (n: number) => (
                    <Typography.Text type={n ? 'danger' : 'secondary'} strong={n > 0}>
                      {n}
                    </Typography.Text>
                  ),
                },
                {
                  title: '将到期',
                  dataIndex: 'dueSoon',
                  width: 66,
                  render: (n: number) => <Typography.Text type={n ? 'warning' : 'secondary'}>{n}</Typography.Text>,
                },
                { title: '督办', dataIndex: 'supervised', width: 56 },
              ]}
              locale={{ emptyText: '范围内没有区县局' }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            className="filter-card"
            title={
              <Space wrap>
                <Segmented value={view} options={VIEWS.map((v) => ({ value: v.value, label: v.label }))} onChange={(v) => set({ view: v })} />
                <UnitTreeSelect
                  units={units.data}
                  loading={units.loading}
                  value={unitId}
                  onChange={(v) => set({ unitId: (v as string | undefined) ?? null })}
                  placeholder="全部单位"
                  style={{ width: 240 }}
                />
              </Space>
            }
          >
            {list.error ? <Alert type="error" showIcon title={list.error} style={{ marginBottom: 8 }} /> : null}
            <Table<ItemSummary>
              rowKey="id"
              size="small"
              className="c-queue"
              data-testid="supervision-list"
              loading={list.loading}
              dataSource={list.data?.items ?? []}
              columns={columns}
              rowClassName={(it) => `c-row-${it.clockStatus}`}
              locale={{ emptyText: '没有符合条件的诉求件' }}
              pagination={{
                current: page,
                pageSize: 50,
                total: Math.min(list.data?.total ?? 0, 500 * 50),
                size: 'small',
                showSizeChanger: false,
                showTotal: (t) => `共 ${t} 件`,
                onChange: (p) => set({ page: p }),
              }}
            />
          </Card>
        </Col>
      </Row>
      <SuperviseModal
        item={target}
        onClose={() => setTarget(null)}
        onDone={() => {
          setTarget(null)
          setTick((t) => t + 1)
        }}
      />
    </div>
  )
}

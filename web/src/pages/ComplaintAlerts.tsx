import { EditOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, DatePicker, Flex, Modal, Segmented, Switch, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import { useAuth } from '../auth/AuthContext'
import { AlertList, KIND_COLOR } from '../components/analytics/AlertBits'
import { AlertRuleDrawer } from '../components/analytics/AlertRuleDrawer'
import { fmtInt } from '../components/analytics/format'
import { AP, type AlertKind, type AlertRule } from '../components/analytics/types'
import '../components/analytics/analytics.css'
import { CATEGORIES, PRODUCT_CODES, TYPE_LABEL } from '../components/complaint/labels'
import { useLoad } from '../components/hooks'
import { fmtDate } from '../components/labels'
import { PageHeader } from '../components/PageHeader'
import { useUnits } from '../components/units'

type Status = 'open' | 'acknowledged' | 'all'

/** The parameters of a rule in words. */
function describeParams(kind: AlertKind, p: Record<string, unknown>): string {
  const min = `当日不少于 ${fmtInt(Number(p.minItems ?? 0))} 件`
  if (kind === 'volume_spike') {
    const types = (p.types as string[] | undefined) ?? []
    return `日登记量 ≥ 前28日日均 × ${String(p.multiplier)}${types.length ? `（只计${types.map((t) => TYPE_LABEL[t as keyof typeof TYPE_LABEL] ?? t).join('、')}）` : ''}；${min}`
  }
  if (kind === 'category_share')
    return `${p.category ? `“${CATEGORIES[p.category as string] ?? String(p.category)}”` : '任一分类'}占比 > ${String(p.sharePct)}%；${min}`
  if (kind === 'term_share') return `${p.term ? `热词“${String(p.term)}”` : '任一热词'}占比 > ${String(p.sharePct)}%；${min}`
  const codes = ((p.productCodes as string[] | undefined) ?? []).map((c) => PRODUCT_CODES[c] ?? c)
  const words = (p.keywords as string[] | undefined) ?? []
  const cats = ((p.categories as string[] | undefined) ?? []).map((c) => CATEGORIES[c] ?? c)
  return `${cats.join('、') || '价格'}类中涉及 ${[...codes, ...words].join('、')} 的件当日 ≥ ${fmtInt(Number(p.minItems ?? 0))} 件`
}

function EvaluateModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp()
  const [day, setDay] = useState<Dayjs>(dayjs())
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async () => {
    setBusy(true)
    setError(null)
    try {
      const r = await api.post<{ day: string; evaluated: number; fired: number; created: number }>('/api/complaint-alerts/evaluate', {
        day: day.format('YYYY-MM-DD'),
      })
      message.success(`${r.day}：评估 ${r.evaluated} 条规则，触发 ${r.fired} 条，新增预警 ${r.created} 条`)
      onDone()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open={open}
      title="按规则评估某日"
      okText="评估"
      cancelText="取消"
      onOk={() => void run()}
      onCancel={onClose}
      okButtonProps={{ loading: busy }}
      destroyOnHidden
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">对所有启用的规则评估所选登记日期；同一规则同一天至多一条预警，重复评估不会重复预警。</Typography.Text>
        <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} aria-label="评估日期" />
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Flex>
    </Modal>
  )
}

function RulesTab() {
  const { message } = App.useApp()
  const units = useUnits()
  const rules = useLoad((signal) => api.get<{ items: AlertRule[] }>('/api/complaint-alert-rules', undefined, { signal }), [])
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null)
  const [evaluating, setEvaluating] = useState(false)
  const [toggling, setToggling] = useState<string | null>(null)

  const toggle = async (r: AlertRule, active: boolean) => {
    setToggling(r.id)
    try {
      await api.patch(`/api/complaint-alert-rules/${r.id}`, { expectedVersion: r.version, active })
      message.success(active ? `已启用“${r.name}”` : `已停用“${r.name}”`)
      rules.reload()
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setToggling(null)
    }
  }

  const columns: TableColumnsType<AlertRule> = [
    { title: '规则名称', dataIndex: 'name', width: 240, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: '类型', dataIndex: 'kindLabel', width: 170, render: (v: string, r) => <Tag color={KIND_COLOR[r.kind]}>{v}</Tag> },
    { title: '条件', key: 'params', render: (_, r) => describeParams(r.kind, r.params) },
    { title: '监测范围', dataIndex: 'unitName', width: 200, render: (v: string | null) => `${v ?? '—'}（含下级）` },
    { title: '更新时间', dataIndex: 'updatedAt', width: 110, render: (v: string) => <span className="nowrap">{fmtDate(v)}</span> },
    {
      title: '启用',
      dataIndex: 'active',
      width: 80,
      render: (v: boolean, r) => (
        <Switch checked={v} loading={toggling === r.id} onChange={(on) => void toggle(r, on)} aria-label={`${v ? '停用' : '启用'}${r.name}`} />
      ),
    },
    {
      title: '操作',
      key: 'op',
      width: 80,
      render: (_, r) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
          编辑
        </Button>
      ),
    },
  ]

  return (
    <>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">预警规则按单位生效（含下级单位办理的件）；新建、修改、启停均记入审计日志。</Typography.Text>
        <Flex gap={8}>
          <Button icon={<PlayCircleOutlined />} onClick={() => setEvaluating(true)}>
            评估某日
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rule-new">
            新建规则
          </Button>
        </Flex>
      </Flex>
      {rules.error ? <Alert type="error" showIcon title={rules.error} style={{ marginBottom: 12 }} /> : null}
      <Table<AlertRule>
        rowKey="id"
        size="middle"
        loading={rules.loading}
        columns={columns}
        dataSource={rules.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: '尚未配置预警规则' }}
        data-testid="rules-table"
      />
      <AlertRuleDrawer
        open={editing !== null}
        rule={editing === 'new' ? null : editing}
        units={units.data}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null)
          rules.reload()
        }}
      />
      <EvaluateModal open={evaluating} onClose={() => setEvaluating(false)} onDone={() => setEvaluating(false)} />
    </>
  )
}

/** 预警: alerts within the viewer's scope with acknowledgement, and the rules (complaint.alert_manage). */
export default function ComplaintAlertsPage() {
  const { can } = useAuth()
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') === 'rules' && can(AP.alertManage) ? 'rules' : 'alerts'
  const status = (['open', 'acknowledged', 'all'] as Status[]).find((s) => s === params.get('status')) ?? 'open'
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null)
  const set = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params)
    for (const [k, v] of Object.entries(next)) {
      if (v === null) p.delete(k)
      else p.set(k, v)
    }
    setParams(p)
  }

  const alertsTab = (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<Status>
          value={status}
          onChange={(s) => set({ status: s === 'open' ? null : s })}
          options={[
            { value: 'open', label: '未确认' },
            { value: 'acknowledged', label: '已确认' },
            { value: 'all', label: '全部' },
          ]}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(r) => setRange(r?.[0] && r[1] ? [r[0], r[1]] : null)}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          placeholder={['预警日期起', '预警日期止']}
          aria-label="预警日期"
        />
      </Flex>
      <AlertList
        status={status}
        pageSize={20}
        from={range?.[0].format('YYYY-MM-DD')}
        to={range?.[1].format('YYYY-MM-DD')}
        emptyText={status === 'open' ? '没有未确认的预警' : '没有符合条件的预警'}
      />
      {!can(AP.alertManage) ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
          确认预警需要“配置与确认 12315 预警”权限。
        </Typography.Paragraph>
      ) : null}
    </>
  )

  return (
    <div className="page analytics-page">
      <PageHeader title="预警" docTitle="12315 预警" subtitle="登记量激增、分类或热词占比过高、重点监测商品价格投诉" />
      <Card size="small">
        {can(AP.alertManage) ? (
          <Tabs
            activeKey={tab}
            onChange={(k) => set({ tab: k === 'rules' ? 'rules' : null })}
            items={[
              { key: 'alerts', label: '预警列表', children: alertsTab },
              { key: 'rules', label: '预警规则', children: <RulesTab /> },
            ]}
          />
        ) : (
          alertsTab
        )}
      </Card>
    </div>
  )
}

import { BranchesOutlined, EditOutlined, ReloadOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableProps,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { api } from '../api/client'
import type { LengthUnit, Rule, RuleSource } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { applyServerError } from '../components/formError'
import { useDebounced, useLoad, useSticky } from '../components/hooks'
import { beijingToday, fmtDateTime, LENGTH_UNIT_OPTIONS, lengthUnitLabel, SOURCE_META } from '../components/labels'
import { PageHeader } from '../components/PageHeader'
import { printableLegalBasis } from '../../../src/shared/legal'

interface RuleRow extends Rule {
  groupSpan: number
  groupSize: number
  latest: boolean
}

/** Sorts versions by rule and version, and marks the first row of each group with its size. */
function group(items: Rule[]): RuleRow[] {
  const byRule = new Map<string, Rule[]>()
  for (const r of items) byRule.set(r.ruleId, [...(byRule.get(r.ruleId) ?? []), r])
  const out: RuleRow[] = []
  for (const ruleId of [...byRule.keys()].sort()) {
    const vs = byRule.get(ruleId)!.sort((a, b) => a.version - b.version)
    const maxV = Math.max(...vs.map((v) => v.version))
    vs.forEach((v, i) => out.push({ ...v, groupSpan: i === 0 ? vs.length : 0, groupSize: vs.length, latest: v.version === maxV }))
  }
  return out
}

function period(r: Rule) {
  return (
    <div className="nowrap">
      <div>{r.validFrom} 起</div>
      <Typography.Text type="secondary">{r.validTo ? `至 ${r.validTo}` : '至今'}</Typography.Text>
    </div>
  )
}

function status(r: Rule, at: string) {
  if (r.inForce) return <Badge status="success" text="现行有效" />
  if (r.validFrom > at) return <Badge status="processing" text="尚未施行" />
  return <Badge status="default" text="已失效" />
}

function SourceTag({ source }: { source: RuleSource }) {
  const m = SOURCE_META[source]
  return (
    <Tooltip title={m.tip}>
      <Tag color={m.color}>{m.label}</Tag>
    </Tooltip>
  )
}

function lengthText(r: Pick<Rule, 'length' | 'unit' | 'extension'>) {
  return (
    <div>
      <Typography.Text strong>
        {r.length} {lengthUnitLabel(r.unit)}
      </Typography.Text>
      {r.extension ? (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            可延长 {r.extension.length} {lengthUnitLabel(r.extension.unit)}
          </Typography.Text>
        </div>
      ) : null}
    </div>
  )
}

interface RuleForm {
  validFrom?: Dayjs
  name: string
  legalBasis: string
  unit: LengthUnit
  length: number
  startEvent: string
  hasExtension: boolean
  extLength?: number
  extUnit?: LengthUnit
  extApproval?: string
  validTo?: Dayjs | null
  needsLegalReview: boolean
  source: RuleSource
  notes?: string
  reason: string
}

function toForm(r: Rule): Partial<RuleForm> {
  return {
    name: r.name,
    legalBasis: r.legalBasis,
    unit: r.unit,
    length: r.length,
    startEvent: r.startEvent,
    hasExtension: !!r.extension,
    extLength: r.extension?.length,
    extUnit: r.extension?.unit ?? 'CD',
    extApproval: r.extension?.approval,
    validTo: r.validTo ? dayjs(r.validTo) : null,
    needsLegalReview: r.needsLegalReview,
    source: r.source,
    notes: r.notes,
    reason: '',
  }
}

function fromForm(v: RuleForm) {
  return {
    name: v.name.trim(),
    legalBasis: v.legalBasis.trim(),
    unit: v.unit,
    length: v.length,
    startEvent: v.startEvent.trim(),
    extension: v.hasExtension ? { length: v.extLength ?? 0, unit: v.extUnit ?? 'CD', approval: (v.extApproval ?? '').trim() } : null,
    validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
    needsLegalReview: v.needsLegalReview,
    source: v.source,
    notes: (v.notes ?? '').trim(),
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function RuleDrawer({ mode, rule, onClose, onSaved }: { mode: 'amend' | 'version' | null; rule: Rule | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<RuleForm>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const hasExtension = Form.useWatch('hasExtension', form)
  const open = mode !== null && rule !== null
  const view = useSticky(mode && rule ? { mode, rule } : null)

  useEffect(() => {
    if (!open || !rule) return
    setError(null)
    form.resetFields()
    form.setFieldsValue({ ...toForm(rule), ...(mode === 'version' ? { validFrom: undefined, validTo: null } : {}) })
  }, [open, rule, mode, form])

  const onFinish = async (v: RuleForm) => {
    if (!rule) return
    setSaving(true)
    setError(null)
    try {
      const next = fromForm(v)
      const prev = fromForm({ ...(toForm(rule) as RuleForm), reason: '' })
      const changed: Record<string, unknown> = {}
      for (const [k, val] of Object.entries(next)) if (!same(val, (prev as Record<string, unknown>)[k])) changed[k] = val
      if (mode === 'amend') {
        if (!Object.keys(changed).length) {
          setError('没有修改任何内容')
          return
        }
        await api.patch<Rule>(`/api/rules/${encodeURIComponent(rule.id)}`, { expectedRowVersion: rule.rowVersion, reason: v.reason.trim(), ...changed })
        message.success(`已修订“${rule.name}”第 ${rule.version} 版`)
      } else {
        const created = await api.post<Rule>(`/api/rules/${encodeURIComponent(rule.id)}/versions`, {
          validFrom: v.validFrom!.format('YYYY-MM-DD'),
          reason: v.reason.trim(),
          ...changed,
        })
        message.success(`已新增“${created.name}”第 ${created.version} 版，自 ${created.validFrom} 起施行`)
      }
      onSaved()
    } catch (e) {
      setError(applyServerError(form, e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={view ? (view.mode === 'amend' ? `修订：${view.rule.name}（第 ${view.rule.version} 版）` : `新版本：${view.rule.name}`) : ''}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {view?.mode === 'amend' ? '保存修订' : '创建新版本'}
          </Button>
        </Flex>
      }
    >
      {view?.mode === 'amend' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="原地更正"
          description="用于更正录入错误或补充审核结论，修改直接作用于该版本（含已计算的期限）。法规修订后施行新规定，请改用“新版本”。"
        />
      ) : (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="自某日起施行新版本"
          description={`新版本自施行日起适用，当前第 ${view?.rule.version ?? ''} 版的有效期截止到施行日前一天。施行日之前发生的事项仍按旧版本计算。`}
        />
      )}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<RuleForm> form={form} layout="vertical" onFinish={onFinish} scrollToFirstError>
        {view?.mode === 'version' ? (
          <Form.Item
            label="施行日期"
            name="validFrom"
            rules={[
              { required: true, message: '请选择新版本的施行日期' },
              {
                validator: async (_r, d: Dayjs | undefined) => {
                  if (d && rule && d.format('YYYY-MM-DD') <= rule.validFrom) throw new Error(`施行日期须晚于当前版本的施行日期 ${rule.validFrom}`)
                },
              },
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <Form.Item
          label="名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入名称' },
            { min: 2, max: 100, message: '2–100 个字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          label="法律依据"
          name="legalBasis"
          rules={[
            { required: true, whitespace: true, message: '请输入法律依据' },
            { min: 2, max: 500, message: '2–500 个字' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label="期限" name="length" rules={[{ required: true, message: '请输入期限' }]}>
              <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="单位" name="unit" rules={[{ required: true }]}>
              <Select options={LENGTH_UNIT_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="来源" name="source" rules={[{ required: true }]}>
              <Select options={(Object.keys(SOURCE_META) as RuleSource[]).map((s) => ({ value: s, label: SOURCE_META[s].label }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="起算事件"
          name="startEvent"
          rules={[
            { required: true, whitespace: true, message: '请输入起算事件' },
            { max: 200, message: '最多 200 个字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="可延长" name="hasExtension" valuePropName="checked">
          <Switch checkedChildren="可延长" unCheckedChildren="不可延长" />
        </Form.Item>
        {hasExtension ? (
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item label="延长期限" name="extLength" rules={[{ required: true, message: '必填' }]}>
                <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="单位" name="extUnit">
                <Select options={LENGTH_UNIT_OPTIONS} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label="批准要求"
                name="extApproval"
                rules={[
                  { required: true, whitespace: true, message: '请填写批准要求' },
                  { max: 200, message: '最多 200 个字' },
                ]}
              >
                <Input placeholder="如：经市场监督管理部门负责人批准" />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label="有效期至" name="validTo" tooltip="留空表示长期有效">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="法制审核"
              name="needsLegalReview"
              valuePropName="checked"
              dependencies={['source']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_r, v: boolean) => {
                    if (!v && getFieldValue('source') === 'UNCONFIRMED') throw new Error('依据尚未核实的规则必须标记为需要法制审核')
                  },
                }),
              ]}
            >
              <Checkbox>需要法制审核</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="备注" name="notes" rules={[{ max: 2000, message: '最多 2000 个字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Divider />
        <Form.Item
          label="修改理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写修改理由（记入审计日志）' },
            { min: 2, max: 500, message: '2–500 个字' },
          ]}
          extra="记入审计日志，如：依据总局令第 121 号第 X 条更正。"
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} data-testid="rule-reason" />
        </Form.Item>
      </Form>
    </Drawer>
  )
}

export default function RulesPage() {
  const { can } = useAuth()
  const [params, setParams] = useSearchParams()
  const [text, setText] = useState(params.get('q') ?? '')
  const q = useDebounced(text.trim(), 300)
  const at = params.get('at') ?? ''
  const review = params.get('review') === '1' && can('rule.manage')
  const onlyInForce = params.get('inForce') === '1'
  const setParam = (k: string, v: string | null) => {
    const next = new URLSearchParams(params)
    if (v) next.set(k, v)
    else next.delete(k)
    setParams(next, { replace: true })
  }
  const list = useLoad(
    (signal) => api.get<{ items: Rule[]; at: string }>('/api/rules', { q, at: at || undefined, needsLegalReview: review ? '1' : undefined }, { signal }),
    [q, at, review],
  )
  const [drawer, setDrawer] = useState<{ mode: 'amend' | 'version'; rule: Rule } | null>(null)
  const [detail, setDetail] = useState<Rule | null>(null)
  const shownDetail = useSticky(detail)
  const manage = can('rule.manage')
  // The reviewers' remarks in a legal basis (“（条款待核实）”) are shown to the rules administrator only.
  const basisFor = (t: string) => (manage ? t : printableLegalBasis(t))
  const effectiveAt = list.data?.at ?? beijingToday()

  const rows = useMemo(() => group((list.data?.items ?? []).filter((r) => !onlyInForce || r.inForce)), [list.data, onlyInForce])
  const ruleCount = useMemo(() => new Set(rows.map((r) => r.ruleId)).size, [rows])

  const columns: TableProps<RuleRow>['columns'] = [
    {
      title: '规则',
      key: 'rule',
      width: 200,
      onCell: (r) => ({ rowSpan: r.groupSpan }),
      render: (_v, r) => (
        <div>
          <Button type="link" className="link-button" onClick={() => setDetail(r)}>
            {r.name}
          </Button>
          <div>
            <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
              {r.ruleId}
            </Typography.Text>
          </div>
          {r.groupSize > 1 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              共 {r.groupSize} 个版本
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    { title: '版本', dataIndex: 'version', width: 72, render: (v: number) => <Tag>第 {v} 版</Tag> },
    { title: '期限', key: 'len', width: 110, render: (_v, r) => lengthText(r) },
    {
      title: '法律依据',
      dataIndex: 'legalBasis',
      render: (t: string) => {
        const shown = basisFor(t)
        return (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: shown }} style={{ marginBottom: 0 }}>
            {shown}
          </Typography.Paragraph>
        )
      },
    },
    { title: '施行期间', key: 'period', width: 118, render: (_v, r) => period(r) },
    ...(manage ? [{ title: '来源', dataIndex: 'source', width: 88, render: (s: RuleSource) => <SourceTag source={s} /> }] : []),
    {
      title: '状态',
      key: 'status',
      width: 112,
      render: (_v, r) => (
        <Flex vertical gap={2} align="flex-start">
          {status(r, effectiveAt)}
          {manage && r.needsLegalReview ? <Tag color="orange">待法制审核</Tag> : null}
        </Flex>
      ),
    },
    ...(manage
      ? [
          {
            title: '操作',
            key: 'op',
            width: 96,
            render: (_v: unknown, r: RuleRow) => (
              <Flex vertical align="flex-start">
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ mode: 'amend', rule: r })}>
                  修订
                </Button>
                {r.latest ? (
                  <Button type="link" size="small" icon={<BranchesOutlined />} onClick={() => setDrawer({ mode: 'version', rule: r })}>
                    新版本
                  </Button>
                ) : null}
              </Flex>
            ),
          },
        ]
      : []),
  ]

  return (
    <div className="page">
      <PageHeader
        title="期限规则"
        subtitle="法定办理时限及其法律依据；按事项发生日期适用当时有效的版本"
        extra={
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
        }
      />
      <Card size="small" className="filter-card">
        <Flex wrap gap={12} align="center">
          <Input.Search
            allowClear
            placeholder="名称、编号或法律依据"
            style={{ width: 240 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
            id="rules-q"
          />
          <Space>
            <span>适用日期</span>
            <DatePicker value={at ? dayjs(at) : null} onChange={(d) => setParam('at', d ? d.format('YYYY-MM-DD') : null)} placeholder="今天" id="rules-at" />
          </Space>
          <Checkbox checked={onlyInForce} onChange={(e) => setParam('inForce', e.target.checked ? '1' : null)}>
            只看该日有效的版本
          </Checkbox>
          {manage ? (
            <Checkbox checked={review} onChange={(e) => setParam('review', e.target.checked ? '1' : null)}>
              只看待法制审核
            </Checkbox>
          ) : null}
        </Flex>
      </Card>
      {list.error ? <Alert type="error" showIcon title={list.error} className="page-alert" /> : null}
      <Card size="small" title={`${ruleCount} 项规则，${rows.length} 个版本（按 ${effectiveAt} 判断是否有效）`}>
        <Table<RuleRow>
          rowKey="id"
          size="small"
          bordered
          columns={columns}
          dataSource={rows}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 1000 }}
          rowClassName={(r) => (r.inForce ? 'row-in-force' : 'row-not-in-force')}
          onRow={(r) => ({ 'data-rule-id': r.ruleId, 'data-version-id': r.id }) as React.HTMLAttributes<HTMLTableRowElement>}
          locale={{ emptyText: '没有符合条件的规则' }}
        />
      </Card>
      <Drawer open={!!detail} onClose={() => setDetail(null)} size={600} title={shownDetail ? `${shownDetail.name}（第 ${shownDetail.version} 版）` : ''}>
        {shownDetail ? (
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'id', label: '编号', children: <Typography.Text code>{shownDetail.id}</Typography.Text> },
              { key: 'len', label: '期限', children: lengthText(shownDetail) },
              {
                key: 'ext',
                label: '延长',
                children: shownDetail.extension
                  ? `${shownDetail.extension.length} ${lengthUnitLabel(shownDetail.extension.unit)}，${shownDetail.extension.approval}`
                  : '不可延长',
              },
              { key: 'start', label: '起算事件', children: shownDetail.startEvent },
              { key: 'basis', label: '法律依据', children: basisFor(shownDetail.legalBasis) },
              { key: 'period', label: '施行期间', children: period(shownDetail) },
              { key: 'status', label: '状态', children: status(shownDetail, effectiveAt) },
              // Sources, legal-review flags and the reviewers' notes are for the rules administrator.
              ...(manage
                ? [
                    { key: 'source', label: '来源', children: <SourceTag source={shownDetail.source} /> },
                    { key: 'review', label: '法制审核', children: shownDetail.needsLegalReview ? <Tag color="orange">待法制审核</Tag> : '无需' },
                    { key: 'notes', label: '备注', children: <span className="pre-wrap">{shownDetail.notes || '—'}</span> },
                  ]
                : []),
              { key: 'upd', label: '最后修改', children: `${fmtDateTime(shownDetail.updatedAt)}（行版本 ${shownDetail.rowVersion}）` },
            ]}
          />
        ) : null}
      </Drawer>
      <RuleDrawer
        mode={drawer?.mode ?? null}
        rule={drawer?.rule ?? null}
        onClose={() => setDrawer(null)}
        onSaved={() => {
          setDrawer(null)
          list.reload()
        }}
      />
    </div>
  )
}

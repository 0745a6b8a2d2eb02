import { PrinterOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { api } from '../api/client'
import { useLoad } from '../components/hooks'
import { ActionBar } from '../components/matter/ActionBar'
import { PageHeader } from '../components/PageHeader'
import { applyServerError } from '../components/formError'
import { SampleLabel } from '../components/sampling/SampleLabel'
import { STATE_COLOR, SamplingFormInput, sampleWorkflow, type SamplingPlan, type SamplingSampleDetail } from '../components/sampling/types'

const yuan = (fen: number | null) => (fen === null ? '—' : `${(fen / 100).toFixed(2)} 元`)
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })

interface SampleForm {
  sampledOn: Dayjs
  productionDate?: Dayjs | null
  samplers?: string
  priceYuan?: number
  producerDivision?: string
  [field: string]: unknown
}

/** The sampling form (抽样单), filled in the shop on a phone: one column, large inputs. */
function SamplingForm({ sample, onDone }: { sample: SamplingSampleDetail; onDone: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<SampleForm>()
  const [busy, setBusy] = useState(false)
  const plan = useLoad((signal) => api.get<SamplingPlan>(`/api/sampling/plans/${sample.planId}`, undefined, { signal }), [sample.planId])
  const submit = async () => {
    const v = await form.validateFields()
    const body = {
      ...v,
      sampledOn: v.sampledOn.format('YYYY-MM-DD'),
      productionDate: v.productionDate ? v.productionDate.format('YYYY-MM-DD') : null,
      samplers: (v.samplers ?? '').split(/[，,、\s]+/).filter(Boolean),
      pricePaidFen: Math.round(Number(v.priceYuan ?? 0) * 100),
      priceYuan: undefined,
      producerDivision: v.producerDivision || null,
    }
    // The server's schema, checked here first: its zh-CN message next to the field.
    const checked = SamplingFormInput.safeParse(body)
    if (!checked.success) {
      const i = checked.error.issues[0]!
      const field = i.path[0] === 'pricePaidFen' ? 'priceYuan' : String(i.path[0] ?? '')
      if (field) form.setFields([{ name: field, errors: [i.message] }])
      message.error(i.message)
      return
    }
    setBusy(true)
    try {
      await api.post<SamplingSampleDetail>(`/api/sampling/samples/${sample.id}/actions/record_sampling`, { ...checked.data, version: sample.version })
      message.success('抽样单已提交，请在 5 个工作日内送样')
      onDone()
    } catch (e) {
      message.error(applyServerError(form, e, { pricePaidFen: 'priceYuan' }))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card title="填写抽样单" style={{ marginBottom: 16 }} data-testid="sampling-form">
      <Form form={form} layout="vertical" initialValues={{ sampledOn: dayjs(today()), quantityUnit: '件', backupQuantity: 1, quantity: 2 }}>
        <Form.Item name="sampledOn" label="抽样日期" rules={[{ required: true, message: '请填写抽样日期' }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="place" label="抽样地点" rules={[{ required: true, message: '请填写抽样地点' }]}>
          <Input maxLength={200} data-testid="f-place" />
        </Form.Item>
        <Form.Item name="productName" label="样品名称" rules={[{ required: true, message: '请填写样品名称' }]}>
          <Input maxLength={100} data-testid="f-product" />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="brand" label="商标" style={{ flex: 1 }}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="spec" label="规格型号" style={{ flex: 1 }}>
            <Input maxLength={60} />
          </Form.Item>
        </Flex>
        <Flex gap={8}>
          <Form.Item name="batchNo" label="批号" style={{ flex: 1 }}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="productionDate" label="生产日期" style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
        </Flex>
        <Form.Item name="producerName" label="标称生产者" rules={[{ required: true, message: '请填写标称生产者' }]}>
          <Input maxLength={200} data-testid="f-producer" />
        </Form.Item>
        <Form.Item name="producerDivision" label="生产者所在地（6 位区划代码，外地生产者将发起协查）">
          <Input maxLength={6} inputMode="numeric" data-testid="f-division" />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="quantity" label="检验样品" rules={[{ required: true, message: '数量' }]} style={{ flex: 1 }}>
            <InputNumber style={{ width: '100%' }} data-testid="f-quantity" />
          </Form.Item>
          <Form.Item name="backupQuantity" label="备份样品" rules={[{ required: true, message: '数量' }]} style={{ flex: 1 }}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="quantityUnit" label="单位" rules={[{ required: true, message: '单位' }]} style={{ width: 72 }}>
            <Input maxLength={10} />
          </Form.Item>
        </Flex>
        <Form.Item name="priceYuan" label="购样费用（元）" rules={[{ required: true, message: '请填写购样费用' }]}>
          <InputNumber style={{ width: '100%' }} step={0.01} data-testid="f-price" />
        </Form.Item>
        <Form.Item name="samplers" label="抽样人员（至少 2 人，用逗号分隔）" rules={[{ required: true, message: '请填写抽样人员' }]}>
          <Input data-testid="f-samplers" />
        </Form.Item>
        <Form.Item name="signedBy" label="被抽样单位签字人" rules={[{ required: true, message: '请填写签字人' }]}>
          <Input maxLength={40} data-testid="f-signed" />
        </Form.Item>
        <Form.Item name="labId" label="承检机构" rules={[{ required: true, message: '请选择承检机构' }]}>
          <Select options={(plan.data?.labs ?? []).map((l) => ({ value: l.id, label: l.name }))} data-testid="f-lab" />
        </Form.Item>
        <Button type="primary" block size="large" loading={busy} onClick={() => void submit()} data-testid="f-submit">
          提交抽样单
        </Button>
      </Form>
    </Card>
  )
}

/**
 * One sample: the task, its 抽样单 (form on a phone, printable with its label), clocks, results, and
 * the non-conforming path — service, re-test with the drawn laboratory (publicly verifiable),
 * disposal, the lead and the assistance request.
 */
export default function SamplingSamplePage() {
  const { id } = useParams<{ id: string }>()
  const { message } = App.useApp()
  const [tick, setTick] = useState(0)
  const d = useLoad((signal) => api.get<SamplingSampleDetail>(`/api/sampling/samples/${id}`, undefined, { signal }), [id, tick])
  const s = d.data
  if (d.error) return <Alert type="error" showIcon title={d.error} />
  if (!s) return <Card loading />
  const canSample = s.actions.some((a) => a.action === 'record_sampling')
  const others = s.actions.filter((a) => a.action !== 'record_sampling')
  return (
    <div>
      <PageHeader
        title={`抽检样品 ${s.sampleNo}`}
        subtitle={`${s.planTitle ?? ''} · ${s.categoryName}`}
        extra={
          s.sampledOn ? (
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              打印抽样单与标签
            </Button>
          ) : null
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }} align="center">
        <Tag color={STATE_COLOR[s.state]} data-testid="sample-state">
          {s.stateLabel}
        </Tag>
        <ActionBar
          workflow={sampleWorkflow}
          state={s.state}
          version={s.version}
          allowed={others}
          size="middle"
          testId="sample-action"
          title={(label) => `${label} · ${s.sampleNo}`}
          submit={(action, body) => api.post<SamplingSampleDetail>(`/api/sampling/samples/${s.id}/actions/${action}`, body)}
          onDone={(_, r) => {
            message.success(`${s.sampleNo}：${(r as SamplingSampleDetail).stateLabel}`)
            setTick((t) => t + 1)
          }}
        />
      </Flex>
      {canSample ? <SamplingForm sample={s} onDone={() => setTick((t) => t + 1)} /> : null}
      <Card title="抽样单" style={{ marginBottom: 16 }} className="print-area">
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="被抽样单位">{s.entityId ? <Link to={`/entities/${s.entityId}`}>{s.entityName}</Link> : s.entityName}</Descriptions.Item>
          <Descriptions.Item label="抽样地点">{s.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="样品名称">{s.productName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="商标 / 规格">{[s.brand, s.spec].filter(Boolean).join(' / ') || '—'}</Descriptions.Item>
          <Descriptions.Item label="批号 / 生产日期">{[s.batchNo, s.productionDate].filter(Boolean).join(' / ') || '—'}</Descriptions.Item>
          <Descriptions.Item label="标称生产者">
            {s.producerName ?? '—'} {s.producerOutside ? <Tag color="orange">外地生产者</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label="数量">
            {s.quantity !== null ? `检验 ${s.quantity}${s.quantityUnit}，备份 ${s.backupQuantity}${s.quantityUnit}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="购样费用">{yuan(s.pricePaidFen)}</Descriptions.Item>
          <Descriptions.Item label="抽样日期">{s.sampledOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="抽样人员 / 签字人">{s.samplers.length ? `${s.samplers.join('、')} / ${s.signedBy ?? ''}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="承检机构">{s.labName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="备份样品保存至">{s.backupKeepUntil ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="检验报告">{s.reportNo ? `${s.reportNo}（${s.issuedOn}）` : '—'}</Descriptions.Item>
          <Descriptions.Item label="结论">
            {s.conclusion ? <Tag color={s.conclusion === 'fail' ? 'red' : 'green'}>{s.conclusion === 'fail' ? '不合格' : '合格'}</Tag> : '—'}
            {s.retestConclusion ? (
              <Tag color={s.retestConclusion === 'fail' ? 'red' : 'green'}>复检{s.retestConclusion === 'fail' ? '不合格' : '合格'}</Tag>
            ) : null}
          </Descriptions.Item>
        </Descriptions>
        {s.sampledOn ? <SampleLabel sampleNo={s.sampleNo} productName={s.productName} sampledOn={s.sampledOn} /> : null}
      </Card>
      {s.clocks.length ? (
        <Card title="期限" size="small" style={{ marginBottom: 16 }}>
          <Table
            size="small"
            rowKey="kind"
            pagination={false}
            dataSource={s.clocks}
            columns={[
              { title: '期限', dataIndex: 'label' },
              { title: '起算', dataIndex: 'startOn', width: 110 },
              { title: '届满', dataIndex: 'dueOn', width: 110 },
              { title: '完成', dataIndex: 'doneOn', width: 110, render: (v: string | null) => v ?? <Tag color="blue">进行中</Tag> },
            ]}
          />
        </Card>
      ) : null}
      {s.results.length ? (
        <Card title="检验结果" size="small" style={{ marginBottom: 16 }}>
          <Table
            size="small"
            rowKey={(r) => `${r.round}-${r.seq}`}
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={s.results}
            columns={[
              { title: '轮次', dataIndex: 'round', width: 60, render: (r: string) => (r === 'retest' ? '复检' : '初检') },
              { title: '检验项目', dataIndex: 'item' },
              { title: '标准指标', dataIndex: 'limit' },
              { title: '实测值', render: (_, r) => `${r.result} ${r.unit}` },
              { title: '判定依据', dataIndex: 'standard' },
              {
                title: '结论',
                dataIndex: 'conclusionLabel',
                width: 70,
                render: (v: string, r) => <Tag color={r.conclusion === 'fail' ? 'red' : 'green'}>{v}</Tag>,
              },
            ]}
          />
        </Card>
      ) : null}
      {s.retestDraw ? (
        <Card title="复检机构随机确定" size="small" style={{ marginBottom: 16 }} data-testid="retest-draw">
          <Typography.Paragraph>
            承诺值（登记复检申请时公布）：<span className="mono">{s.retestDraw.commitment}</span>
          </Typography.Paragraph>
          {s.retestDraw.drawn ? (
            <Typography.Paragraph>
              抽中：<b>{s.retestDraw.drawnLabName}</b>（候选 {s.retestDraw.pool?.map((p) => p.labName).join('、')}）；抽取时刻值 {s.retestDraw.drawTimeValue}。
              <Link to={`/public/sampling?verify=${s.sampleNo}`}>公开核验 →</Link>
            </Typography.Paragraph>
          ) : (
            <Typography.Text type="secondary">尚未抽取</Typography.Text>
          )}
        </Card>
      ) : null}
      {s.leadId || s.disposals.length || s.assists.length ? (
        <Card title="核查处置" size="small">
          <Space direction="vertical">
            {s.leadId ? (
              <span data-testid="sample-lead">
                已移交案源线索：<Link to="/leads?source=sampling">查看线索</Link>
              </span>
            ) : null}
            {s.assists.map((a) => (
              <span key={a.requestedOn + a.producerName}>
                协查：{a.toAuthority}（{a.producerName}，{a.requestedOn}）
              </span>
            ))}
            {s.disposals.map((x, i) => (
              <span key={i}>
                {x.doneOn} {x.stepLabel}
                {x.note ? `：${x.note}` : ''}
              </span>
            ))}
          </Space>
        </Card>
      ) : null}
    </div>
  )
}

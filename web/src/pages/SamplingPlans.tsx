import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { api } from '../api/client'
import type { Unit } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { useLoad } from '../components/hooks'
import { PageHeader } from '../components/PageHeader'
import { UnitTreeSelect } from '../components/UnitTreeSelect'
import { CHECK_TYPE_LABEL, FOOD_CATEGORIES, PRODUCT_KINDS, type SamplingLab, type SamplingPlan } from '../components/sampling/types'
import { applyServerError } from '../components/formError'

interface PlanForm {
  unitId: string
  title: string
  year: number
  checkType: 'food' | 'product'
  targetPerThousand: number | null
  lines: Array<{ categoryCode: string; batches: number }>
  labIds: string[]
  note?: string
}

const thisYear = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4))
const YEARS = Array.from({ length: 8 }, (_, i) => thisYear - i)

/** A plan's progress: batches sampled against planned, and batches per 1,000 residents against the target. */
function PlanCard({ plan, canPlan, onTasks }: { plan: SamplingPlan; canPlan: boolean; onTasks: (categoryCode: string) => void }) {
  const pct = plan.planned > 0 ? Math.min(100, Math.round((plan.sampled / plan.planned) * 1000) / 10) : 0
  return (
    <Card
      data-testid="sampling-plan"
      title={
        <Flex gap={8} wrap align="center">
          <span>{plan.title}</span>
          <Tag>{plan.checkTypeLabel}</Tag>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
            {plan.planNo}
          </Typography.Text>
        </Flex>
      }
      style={{ marginBottom: 16 }}
    >
      <Flex gap={24} wrap>
        <div style={{ minWidth: 220, flex: 1 }}>
          <div>
            抽样进度：{plan.sampled} / {plan.planned} 批次
          </div>
          <Progress percent={pct} size="small" />
          <div className="c-sub">
            已检验 {plan.tested} 批次，不合格 {plan.nonConforming} 批次 · {plan.unitName}
          </div>
        </div>
        {plan.checkType === 'food' ? (
          <div style={{ minWidth: 220, flex: 1 }} data-testid="plan-per-thousand">
            <div>
              每千人抽检：{plan.perThousand ?? '—'} 批次（目标 {plan.targetPerThousand}）
            </div>
            <Progress
              percent={Math.min(100, plan.targetReachedPercent ?? 0)}
              size="small"
              status={plan.targetReachedPercent !== null && plan.targetReachedPercent >= 100 ? 'success' : 'normal'}
            />
            <div className="c-sub">{plan.population ? `常住人口 ${plan.population.toLocaleString('zh-CN')} 人` : '未维护常住人口'}</div>
          </div>
        ) : null}
      </Flex>
      <Table
        size="small"
        rowKey="categoryCode"
        pagination={false}
        style={{ marginTop: 12 }}
        scroll={{ x: 560 }}
        dataSource={plan.lines}
        columns={[
          { title: '类别', dataIndex: 'categoryName' },
          { title: '计划', dataIndex: 'batches', width: 70 },
          { title: '任务', dataIndex: 'tasks', width: 70 },
          { title: '已抽样', dataIndex: 'sampled', width: 70 },
          { title: '不合格', dataIndex: 'nonConforming', width: 70 },
          ...(canPlan
            ? [
                {
                  title: '',
                  key: 'a',
                  width: 100,
                  render: (_: unknown, l: { categoryCode: string }) => (
                    <Button size="small" data-testid={`tasks-${l.categoryCode}`} onClick={() => onTasks(l.categoryCode)}>
                      下达任务
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <div className="c-sub" style={{ marginTop: 8 }}>
        承检机构：{plan.labs.map((l) => l.name).join('、')}
      </div>
    </Card>
  )
}

/**
 * 抽检计划: the annual plans in the user's scope with progress (batches sampled against planned;
 * batches per 1,000 residents against the provincial target), new plans, and tasks per category —
 * drawn at random from the register (双随机) or assigned to me.
 */
export default function SamplingPlansPage() {
  const { message } = App.useApp()
  const { me } = useAuth()
  const canPlan = !!me?.permissions.includes('sampling.plan')
  const [year, setYear] = useState(thisYear)
  const [tick, setTick] = useState(0)
  const plans = useLoad((signal) => api.get<SamplingPlan[]>('/api/sampling/plans', { year }, { signal }), [year, tick])
  const labs = useLoad((signal) => api.get<SamplingLab[]>('/api/sampling/labs', undefined, { signal }), [], canPlan)
  const units = useLoad((signal) => api.get<{ items: Unit[] }>('/api/org/units', undefined, { signal }).then((r) => r.items), [], canPlan)
  const [creating, setCreating] = useState(false)
  const [tasksFor, setTasksFor] = useState<{ plan: SamplingPlan; categoryCode: string } | null>(null)
  const [form] = Form.useForm<PlanForm>()
  const [taskForm] = Form.useForm<{ count: number; mine: boolean }>()
  const checkType: string = Form.useWatch('checkType', form) ?? 'food'

  const create = async () => {
    const v = await form.validateFields()
    try {
      await api.post<SamplingPlan>('/api/sampling/plans', { ...v, year: Number(v.year), targetPerThousand: v.targetPerThousand ?? undefined })
      message.success('计划已制定')
      setCreating(false)
      form.resetFields()
      setTick((t) => t + 1)
    } catch (e) {
      message.error(applyServerError(form, e))
    }
  }
  const issue = async () => {
    if (!tasksFor) return
    const v = await taskForm.validateFields()
    try {
      const r = await api.post<{ created: number; sampleIds: string[] }>(`/api/sampling/plans/${tasksFor.plan.id}/tasks`, {
        categoryCode: tasksFor.categoryCode,
        mode: 'random',
        count: v.count,
        assigneeId: v.mine ? me?.user.id : null,
      })
      message.success(`已下达 ${r.created} 个抽样任务`)
      setTasksFor(null)
      setTick((t) => t + 1)
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e))
    }
  }
  const cats = (checkType === 'product' ? PRODUCT_KINDS : FOOD_CATEGORIES).map((c) => ({ value: c.code, label: c.parent ? `　${c.name}` : c.name }))

  return (
    <div>
      <PageHeader
        title="抽检计划"
        subtitle="年度抽检计划、承检机构委托与完成进度；食品抽检按每千人批次对照省定目标"
        extra={
          <>
            <Select value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: `${y} 年` }))} style={{ width: 110 }} />
            <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)}>
              刷新
            </Button>
            {canPlan ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-plan">
                制定计划
              </Button>
            ) : null}
          </>
        }
      />
      {plans.error ? <Alert type="error" showIcon title={plans.error} style={{ marginBottom: 16 }} /> : null}
      {plans.data?.length === 0 ? <Empty description={`${year} 年没有抽检计划`} /> : null}
      {(plans.data ?? []).map((p) => (
        <PlanCard key={p.id} plan={p} canPlan={canPlan} onTasks={(categoryCode) => setTasksFor({ plan: p, categoryCode })} />
      ))}
      <Space>
        <Link to="/sampling/samples">查看抽检样品 →</Link>
      </Space>

      <Drawer
        title="制定抽检计划"
        open={creating}
        onClose={() => setCreating(false)}
        size={560}
        extra={
          <Button type="primary" onClick={() => void create()} data-testid="save-plan">
            保存
          </Button>
        }
      >
        <Form form={form} layout="vertical" initialValues={{ year: thisYear, checkType: 'food', lines: [{ batches: 100 }] }}>
          <Form.Item name="unitId" label="计划单位" rules={[{ required: true, message: '请选择计划单位' }]}>
            <UnitTreeSelect units={units.data ?? []} loading={units.loading} data-testid="plan-unit" />
          </Form.Item>
          <Form.Item name="title" label="计划名称" rules={[{ required: true, message: '请填写计划名称' }]}>
            <Input maxLength={200} data-testid="plan-title" />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="year" label="年度" style={{ flex: 1 }}>
              <Select options={YEARS.map((y) => ({ value: y, label: `${y}` }))} />
            </Form.Item>
            <Form.Item name="checkType" label="类别" style={{ flex: 1 }}>
              <Radio.Group options={Object.entries(CHECK_TYPE_LABEL).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Flex>
          <Form.Item name="targetPerThousand" label="每千人抽检目标（批次，默认 4）">
            <InputNumber min={0} max={100} step={0.1} style={{ width: 160 }} />
          </Form.Item>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="baseline">
                    <Form.Item name={[f.name, 'categoryCode']} rules={[{ required: true, message: '请选择类别' }]} style={{ flex: 1 }}>
                      <Select showSearch={{ optionFilterProp: 'label' }} options={cats} placeholder="抽检类别" data-testid="plan-category" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'batches']} rules={[{ required: true, message: '批次' }]}>
                      <InputNumber min={1} max={1000000} placeholder="批次" data-testid="plan-batches" />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)} disabled={fields.length === 1}>
                      删除
                    </Button>
                  </Flex>
                ))}
                <Button onClick={() => add({ batches: 100 })} style={{ marginBottom: 16 }}>
                  添加类别
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="labIds" label="委托承检机构" rules={[{ required: true, message: '至少委托一家承检机构' }]}>
            <Select
              mode="multiple"
              data-testid="plan-labs"
              options={(labs.data ?? [])
                .filter((l) => l.checkTypes.includes(checkType))
                .map((l) => ({ value: l.id, label: `${l.name}${l.qualifiedNow ? '' : '（资质已过期）'}` }))}
            />
          </Form.Item>
          <Form.Item name="note" label="说明">
            <Input.TextArea maxLength={2000} rows={2} />
          </Form.Item>
        </Form>
      </Drawer>

      <Modal
        title="下达抽样任务（双随机抽取）"
        open={!!tasksFor}
        onCancel={() => setTasksFor(null)}
        onOk={() => void issue()}
        okText="抽取并下达"
        okButtonProps={{ 'data-testid': 'draw-tasks' }}
      >
        <Typography.Paragraph type="secondary">从本单位辖区经营主体名录中随机抽取被抽样单位（jg-draw/1 算法，抽取记录留痕可复算）。</Typography.Paragraph>
        <Form form={taskForm} layout="vertical" initialValues={{ count: 1, mine: true }}>
          <Form.Item name="count" label="抽取数量" rules={[{ required: true, message: '请填写数量' }]}>
            <InputNumber min={1} max={200} data-testid="task-count" />
          </Form.Item>
          <Form.Item name="mine" valuePropName="checked">
            <Checkbox>指派给我（出现在“我的抽样任务”）</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}

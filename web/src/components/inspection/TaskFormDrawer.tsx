import { Alert, Button, Checkbox, Col, DatePicker, Divider, Drawer, Flex, Form, Input, InputNumber, Row, Select, Switch, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { api } from '../../api/client'
import { applyServerError } from '../formError'
import { useLoad } from '../hooks'
import { ENTITY_TAG_OPTIONS } from '../labels'
import { UnitTreeSelect } from '../UnitTreeSelect'
import { useUnits } from '../units'
import { DEFAULT_STRATA, KIND_LABELS, STRATUM_LABELS, type Item, type Page, type Plan, type Task } from './types'

interface FormValues {
  planId?: string
  name: string
  unitId: string
  joint: boolean
  period: [Dayjs, Dayjs]
  itemIds: string[]
  kinds: string[]
  tags: string[]
  industries: string[]
  riskClasses: string[]
  specialListId?: string
  strata: { stratum: string; percent: number; min?: number | null; max?: number | null }[]
  perTarget: number
  maxLoad: number
  excludeDailyStation: boolean
  excludeRecent: boolean
}

/** Creates a task (草稿): items, scope (the register filter), ratios per risk class, assignment rules. */
export function TaskFormDrawer({ open, onClose, onSaved, planId }: { open: boolean; onClose: () => void; onSaved: (t: Task) => void; planId?: string }) {
  const [form] = Form.useForm<FormValues>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const units = useUnits(open)
  const plans = useLoad((signal) => api.get<Page<Plan>>('/api/inspection-plans', { pageSize: 100 }, { signal }), [open], open)
  const items = useLoad((signal) => api.get<Page<Item>>('/api/inspection-items', { pageSize: 200, active: 'true' }, { signal }), [open], open)
  const lists = useLoad(
    (signal) => api.get<{ items: { id: string; name: string; memberCount: number }[] }>('/api/inspection-lists', undefined, { signal }),
    [open],
    open,
  )

  const submit = async (v: FormValues) => {
    setSaving(true)
    setError(null)
    try {
      const t = await api.post<Task>('/api/inspection-tasks', {
        planId: v.planId ?? null,
        name: v.name,
        unitId: v.unitId,
        joint: v.joint,
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        items: v.itemIds.map((itemId) => ({ itemId, unitId: null })),
        scope: {
          kinds: v.kinds,
          tags: v.tags,
          industries: v.industries,
          divisions: [],
          riskClasses: v.riskClasses,
          statuses: ['active'],
          specialListId: v.specialListId ?? null,
        },
        params: {
          strata: v.strata.map((s, i) => ({
            stratum: DEFAULT_STRATA[i]!.stratum,
            ratio: Math.round(s.percent * 100) / 10000,
            ...(s.min != null ? { min: s.min } : {}),
            ...(s.max != null ? { max: s.max } : {}),
          })),
          perTarget: v.perTarget,
          maxLoad: v.maxLoad,
          excludeDailyStation: v.excludeDailyStation,
          excludeRecent: v.excludeRecent,
        },
      })
      onSaved(t)
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
      size={820}
      destroyOnHidden
      title="新建抽查任务"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="task-save">
            保存草稿
          </Button>
        </Flex>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          planId,
          joint: false,
          period: [dayjs(), dayjs().endOf('year')],
          kinds: [],
          tags: [],
          industries: [],
          riskClasses: [],
          itemIds: [],
          strata: DEFAULT_STRATA.map((s) => ({ stratum: s.stratum, percent: s.ratio * 100 })),
          perTarget: 2,
          maxLoad: 30,
          excludeDailyStation: true,
          excludeRecent: true,
        }}
      >
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="name" label="任务名称" rules={[{ required: true, message: '请填写任务名称' }, { max: 200 }]}>
              <Input placeholder="如：2026年第一批企业公示信息抽查" data-testid="task-name" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="planId" label="所属年度计划">
              <Select
                allowClear
                placeholder="临时任务可不选"
                loading={plans.loading}
                options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.year} ${p.name}` }))}
              />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="unitId" label="组织实施机构" rules={[{ required: true, message: '请选择机构' }]}>
              <UnitTreeSelect units={units.data} loading={units.loading} data-testid="task-unit" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="period" label="实施期间" rules={[{ required: true, message: '请选择期间' }]}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={18}>
            <Form.Item name="itemIds" label="抽查事项" rules={[{ required: true, message: '至少选择一个抽查事项' }]}>
              <Select
                mode="multiple"
                data-testid="task-items"
                loading={items.loading}
                optionFilterProp="label"
                options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}（${i.businessLineLabel}）` }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="joint" label="部门联合抽查" valuePropName="checked" tooltip="各事项由其实施部门分别派员，同一次检查完成（进一次门、查多项事）">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          检查对象范围（取自经营主体名录，仅在营主体）
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kinds" label="主体类型">
              <Select mode="multiple" allowClear placeholder="全部" options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="tags" label="监管标签">
              <Select mode="multiple" allowClear placeholder="不限" options={ENTITY_TAG_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="industries" label="行业代码（前缀）">
              <Select mode="tags" allowClear placeholder="如 H、F52" tokenSeparators={[',', ' ']} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="specialListId" label="特定对象名录">
              <Select
                allowClear
                placeholder="不限"
                options={(lists.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.memberCount} 户）` }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          抽查比例（按信用风险分类）
        </Divider>
        <Form.List name="strata">
          {(fields) => (
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={fields}
              columns={[
                { title: '风险分类', render: (_, f) => STRATUM_LABELS[DEFAULT_STRATA[f.name]!.stratum] },
                {
                  title: '抽查比例（%）',
                  render: (_, f) => (
                    <Form.Item noStyle name={[f.name, 'percent']}>
                      <InputNumber min={0} max={100} step={0.5} style={{ width: 110 }} />
                    </Form.Item>
                  ),
                },
                {
                  title: '最少',
                  render: (_, f) => (
                    <Form.Item noStyle name={[f.name, 'min']}>
                      <InputNumber min={0} style={{ width: 90 }} />
                    </Form.Item>
                  ),
                },
                {
                  title: '最多',
                  render: (_, f) => (
                    <Form.Item noStyle name={[f.name, 'max']}>
                      <InputNumber min={0} style={{ width: 90 }} />
                    </Form.Item>
                  ),
                },
              ]}
            />
          )}
        </Form.List>
        <Divider titlePlacement="start" plain>
          检查人员分派
        </Divider>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="perTarget" label="每户检查人员" rules={[{ required: true }]}>
              <InputNumber min={2} max={10} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="maxLoad" label="每人最多户数" rules={[{ required: true }]}>
              <InputNumber min={1} max={10000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="回避与不重复">
              <Form.Item noStyle name="excludeDailyStation" valuePropName="checked">
                <Checkbox>不派日常监管该对象的监管所人员</Checkbox>
              </Form.Item>
              <br />
              <Form.Item noStyle name="excludeRecent" valuePropName="checked">
                <Checkbox>一年内已因同一事项抽中的对象不再抽取</Checkbox>
              </Form.Item>
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text type="secondary">保存后为草稿，可修改；公告后范围与参数冻结并公布承诺值，之后方可抽取。</Typography.Text>
      </Form>
    </Drawer>
  )
}

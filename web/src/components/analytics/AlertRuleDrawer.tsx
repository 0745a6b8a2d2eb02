import { Alert, App, Button, Drawer, Flex, Form, Input, InputNumber, Select, Switch, TreeSelect, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { AlertRuleName, CategoryShareParams, MonitoredProductParams, TermShareParams, VolumeSpikeParams } from '../../../../src/shared/analytics/schema'
import { api } from '../../api/client'
import type { Unit } from '../../api/types'
import { CATEGORY_OPTIONS, PRODUCT_TREE, TYPE_OPTIONS } from '../complaint/labels'
import { applyServerError } from '../formError'
import { UnitTreeSelect } from '../UnitTreeSelect'
import { zodRule } from '../zodRule'
import { ALERT_KIND_LABEL, type AlertKind, type AlertRule } from './types'

/** What each kind of rule watches (shown under the kind). */
export const KIND_HELP: Record<AlertKind, string> = {
  volume_spike: '当日登记量 ≥ 倍数 × 前 28 日日均（无件的日子按 0 计），且当日不少于最少件数。',
  category_share: '某一分类（或指定分类）占当日登记量的比例超过阈值，且当日不少于最少件数。',
  term_share: '某一热词（或指定热词）涉及的件占当日登记量的比例超过阈值，且当日不少于最少件数。',
  monitored_product: '指定分类（默认价格）中，商品分类为所选之一或文本提到关键词的件，当日达到最少件数。',
}

const KIND_OPTIONS = (Object.keys(ALERT_KIND_LABEL) as AlertKind[]).map((value) => ({ value, label: ALERT_KIND_LABEL[value] }))

interface Values {
  name: string
  kind: AlertKind
  unitId: string
  active: boolean
  params: {
    multiplier?: number
    minItems?: number
    types?: string[]
    sharePct?: number
    category?: string | null
    term?: string | null
    productCodes?: string[]
    keywords?: string[]
    categories?: string[]
  }
}

const DEFAULTS: Record<AlertKind, Values['params']> = {
  volume_spike: { multiplier: 3, minItems: 20, types: [] },
  category_share: { sharePct: 50, category: null, minItems: 20 },
  term_share: { sharePct: 50, term: null, minItems: 20 },
  monitored_product: { productCodes: ['0203', '0204'], keywords: [], categories: ['price'], minItems: 5 },
}

/** Only the keys of the kind (the server's params are strict). */
function paramsOf(kind: AlertKind, p: Values['params']): Record<string, unknown> {
  if (kind === 'volume_spike') return { multiplier: p.multiplier, minItems: p.minItems, types: p.types ?? [] }
  if (kind === 'category_share') return { sharePct: p.sharePct, category: p.category || null, minItems: p.minItems }
  if (kind === 'term_share') return { sharePct: p.sharePct, term: p.term?.trim() || null, minItems: p.minItems }
  return {
    productCodes: p.productCodes ?? [],
    keywords: (p.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    categories: p.categories?.length ? p.categories : ['price'],
    minItems: p.minItems,
  }
}

/** Creates or edits an alert rule (预警规则); changes are audited on the server. */
export function AlertRuleDrawer({
  open,
  rule,
  units,
  onClose,
  onSaved,
}: {
  open: boolean
  rule: AlertRule | null
  units: Unit[] | undefined
  onClose: () => void
  onSaved: () => void
}) {
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const kind = Form.useWatch('kind', form) ?? rule?.kind ?? 'volume_spike'

  useEffect(() => {
    if (!open) return
    setError(null)
    form.resetFields()
    if (rule)
      form.setFieldsValue({
        name: rule.name,
        kind: rule.kind,
        unitId: rule.unitId,
        active: rule.active,
        params: { ...DEFAULTS[rule.kind], ...(rule.params as Values['params']) },
      })
    else
      form.setFieldsValue({
        kind: 'volume_spike',
        active: true,
        unitId: units?.find((u) => !u.parentId || !units.some((x) => x.id === u.parentId))?.id,
        params: DEFAULTS.volume_spike,
      })
  }, [open, rule, form, units])

  const submit = async () => {
    let v: Values
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    setBusy(true)
    setError(null)
    try {
      const params = paramsOf(v.kind, v.params ?? {})
      if (rule) await api.patch(`/api/complaint-alert-rules/${rule.id}`, { expectedVersion: rule.version, name: v.name.trim(), active: v.active, params })
      else await api.post('/api/complaint-alert-rules', { name: v.name.trim(), kind: v.kind, unitId: v.unitId, active: v.active, params })
      message.success(rule ? '已保存预警规则' : '已新建预警规则')
      onSaved()
    } catch (e) {
      setError(applyServerError(form, e))
    } finally {
      setBusy(false)
    }
  }

  const minItems = (
    <Form.Item
      name={['params', 'minItems']}
      label="最少件数"
      rules={[{ required: true, message: '请填写最少件数' }, zodRule(VolumeSpikeParams.shape.minItems)]}
      extra="当日登记不足此数时不预警，避免小数字误报"
    >
      <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} suffix="件" />
    </Form.Item>
  )
  const share = (
    <Form.Item
      name={['params', 'sharePct']}
      label="占比阈值"
      rules={[{ required: true, message: '请填写占比阈值' }, zodRule(CategoryShareParams.shape.sharePct)]}
    >
      <InputNumber min={1} max={100} step={5} style={{ width: 160 }} suffix="%" />
    </Form.Item>
  )

  return (
    <Drawer
      open={open}
      title={rule ? `编辑预警规则 · ${rule.name}` : '新建预警规则'}
      size={520}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="rule-save">
            保存
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" disabled={busy} onValuesChange={(ch: Partial<Values>) => ch.kind && form.setFieldValue('params', DEFAULTS[ch.kind])}>
        <Form.Item name="name" label="规则名称" rules={[{ required: true, whitespace: true, message: '请填写规则名称' }, zodRule(AlertRuleName)]}>
          <Input maxLength={60} showCount placeholder="如：全市日登记量激增" />
        </Form.Item>
        <Form.Item name="kind" label="规则类型" rules={[{ required: true }]} extra={KIND_HELP[kind]}>
          <Select options={KIND_OPTIONS} disabled={!!rule} />
        </Form.Item>
        <Form.Item name="unitId" label="监测范围" rules={[{ required: true, message: '请选择单位' }]} extra="该单位及下级单位办理的件">
          <UnitTreeSelect units={units} disabled={!!rule} allowClear={false} />
        </Form.Item>
        {kind === 'volume_spike' ? (
          <>
            <Form.Item
              name={['params', 'multiplier']}
              label="倍数"
              rules={[{ required: true, message: '请填写倍数' }, zodRule(VolumeSpikeParams.shape.multiplier)]}
            >
              <InputNumber min={1.1} max={50} step={0.5} style={{ width: 160 }} suffix="倍" />
            </Form.Item>
            <Form.Item name={['params', 'types']} label="只计这些类型" extra="不选 = 全部类型">
              <Select mode="multiple" options={TYPE_OPTIONS} allowClear placeholder="全部类型" />
            </Form.Item>
            {minItems}
          </>
        ) : kind === 'category_share' ? (
          <>
            {share}
            <Form.Item name={['params', 'category']} label="分类" extra="不选 = 任一分类">
              <Select options={CATEGORY_OPTIONS} allowClear placeholder="任一分类" />
            </Form.Item>
            {minItems}
          </>
        ) : kind === 'term_share' ? (
          <>
            {share}
            <Form.Item name={['params', 'term']} label="热词" extra="不填 = 任一热词" rules={[zodRule(TermShareParams.shape.term)]}>
              <Input maxLength={20} allowClear placeholder="任一热词" />
            </Form.Item>
            {minItems}
          </>
        ) : (
          <>
            <Form.Item
              name={['params', 'productCodes']}
              label="商品和服务分类"
              dependencies={[['params', 'keywords']]}
              rules={[
                zodRule(MonitoredProductParams.shape.productCodes),
                ({ getFieldValue }) => ({
                  validator: (_, v: string[] | undefined) =>
                    (v?.length ?? 0) + ((getFieldValue(['params', 'keywords']) as string[] | undefined)?.length ?? 0) > 0
                      ? Promise.resolve()
                      : Promise.reject(new Error('请至少指定一个商品分类或关键词')),
                }),
              ]}
            >
              <TreeSelect
                treeData={PRODUCT_TREE}
                multiple
                treeCheckable={false}
                showSearch={{ treeNodeFilterProp: 'title' }}
                allowClear
                placeholder="如：口罩及防护用品"
              />
            </Form.Item>
            <Form.Item
              name={['params', 'keywords']}
              label="关键词"
              extra="输入后回车，每个 2–20 字，最多 20 个"
              rules={[zodRule(MonitoredProductParams.shape.keywords)]}
            >
              <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} placeholder="如：口罩、消毒液、酒精" />
            </Form.Item>
            <Form.Item name={['params', 'categories']} label="只计这些分类" extra="默认价格">
              <Select mode="multiple" options={CATEGORY_OPTIONS} placeholder="价格" />
            </Form.Item>
            {minItems}
          </>
        )}
        <Form.Item name="active" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        预警每日每条规则至多一条；查看预警列表时自动评估今天和昨天。规则的新建与修改记入审计日志。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Drawer>
  )
}

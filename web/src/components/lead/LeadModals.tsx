import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { api, errorMessage } from '../../api/client'
import { UnitTreeSelect } from '../UnitTreeSelect'
import { useUnits } from '../units'
import { LEAD_SOURCE_LABEL, MANUAL_LEAD_SOURCES, type Lead } from './labels'

/** 提请不予立案 / 移送: the handler's proposal with reasons; the head decides it in 审批待办. */
export function ProposeLeadModal({ lead, onClose, onDone }: { lead: Lead | null; onClose: () => void; onDone: (l: Lead) => void }) {
  const [form] = Form.useForm<{ decision: 'not_file' | 'transfer'; reason: string }>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    if (!lead) return
    // Invalid fields show their messages in the form; nothing is sent.
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setBusy(true)
    setError(null)
    try {
      onDone(await api.post<Lead>(`/api/leads/${lead.id}/proposals`, { ...v, version: lead.version }))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open={!!lead}
      title={lead ? `提请审批 · ${lead.leadNo}` : ''}
      okText="提请负责人审批"
      okButtonProps={{ 'data-testid': 'lead-propose-submit' }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ decision: 'not_file' }}>
        <Form.Item name="decision" label="提请事项" rules={[{ required: true }]}>
          <Select
            data-testid="lead-propose-decision"
            options={[
              { value: 'not_file', label: '不予立案' },
              { value: 'transfer', label: '移送（公安机关或其他部门）' },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请写明理由' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="如：经核查违法事实不成立" data-testid="lead-propose-reason" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

interface ManualValues {
  source: (typeof MANUAL_LEAD_SOURCES)[number]
  sourceNo?: string
  unitId: string
  entityName?: string
  summary: string
  foundOn: Dayjs
}

/** 登记线索: a lead found by a handler, on patrol, assigned from above, transferred in or asked for by another region. */
export function ManualLeadModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (l: Lead) => void }) {
  const [form] = Form.useForm<ManualValues>()
  const units = useUnits(open)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    // Invalid fields show their messages in the form; nothing is sent.
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setBusy(true)
    setError(null)
    try {
      onDone(
        await api.post<Lead>('/api/leads', {
          source: v.source,
          sourceNo: v.sourceNo || undefined,
          unitId: v.unitId,
          entityName: v.entityName || undefined,
          summary: v.summary,
          foundOn: v.foundOn.format('YYYY-MM-DD'),
        }),
      )
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open={open}
      title="登记线索"
      okText="登记"
      okButtonProps={{ 'data-testid': 'lead-manual-submit' }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ source: 'manual', foundOn: dayjs() }}>
        <Form.Item name="source" label="线索来源" rules={[{ required: true }]}>
          <Select data-testid="lead-manual-source" options={MANUAL_LEAD_SOURCES.map((value) => ({ value, label: LEAD_SOURCE_LABEL[value] }))} />
        </Form.Item>
        <Form.Item name="sourceNo" label="来文编号（交办、移送、协查函号等）">
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="unitId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
          <UnitTreeSelect units={units.data} loading={units.loading} data-testid="lead-manual-unit" />
        </Form.Item>
        <Form.Item name="entityName" label="当事人名称">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label="线索摘要" rules={[{ required: true, whitespace: true, message: '线索摘要不能为空' }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="lead-manual-summary" />
        </Form.Item>
        <Form.Item name="foundOn" label="发现日期" rules={[{ required: true, message: '请选择发现日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

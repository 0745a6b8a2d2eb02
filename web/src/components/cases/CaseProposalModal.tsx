import { Alert, Form, Input, Modal, Select } from 'antd'
import { useState } from 'react'
import { api, errorMessage } from '../../api/client'
import type { Approval } from '../approvals/labels'
import { CLOSURE_REASONS } from './labels'

interface Values {
  action: 'extend' | 'close'
  extendReason?: string
  closeReason?: keyof typeof CLOSURE_REASONS
  note?: string
  reason: string
}

/**
 * 提请延期 / 结案审批: the handler asks the head for an action that is the head's; the head approves it
 * in 审批待办, which takes the action (the clock's extension and its 审批表, or 结案).
 */
export function CaseProposalModal({
  kase,
  open,
  onClose,
  onDone,
}: {
  kase: { id: string; caseNo: string; version: number; state: string }
  open: boolean
  onClose: () => void
  onDone: (a: Approval) => void
}) {
  const [form] = Form.useForm<Values>()
  const action = Form.useWatch('action', form) ?? 'extend'
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    // Invalid fields show their messages in the form; nothing is sent.
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setBusy(true)
    setError(null)
    try {
      const input = v.action === 'extend' ? { reason: v.extendReason } : { reason: v.closeReason, ...(v.note ? { note: v.note } : {}) }
      onDone(await api.post<Approval>(`/api/cases/${kase.id}/proposals`, { action: v.action, input, reason: v.reason, version: kase.version }))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open={open}
      title={`提请审批 · ${kase.caseNo}`}
      okText="提请负责人审批"
      okButtonProps={{ 'data-testid': 'case-propose-submit' }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ action: kase.state === 'served' ? 'close' : 'extend' }}>
        <Form.Item name="action" label="提请事项" rules={[{ required: true }]}>
          <Select
            options={[
              ...(kase.state === 'served' ? [] : [{ value: 'extend', label: '延长办案期限（30日）' }]),
              ...(kase.state === 'investigating' || kase.state === 'served' ? [{ value: 'close', label: '结案' }] : []),
            ]}
          />
        </Form.Item>
        {action === 'extend' ? (
          <Form.Item name="extendReason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请写明延期理由' }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="closeReason" label="结案事由" rules={[{ required: true, message: '请选择结案事由' }]}>
              <Select options={Object.entries(CLOSURE_REASONS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="note" label="说明">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        <Form.Item name="reason" label="提请理由" rules={[{ required: true, whitespace: true, message: '请写明提请理由' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}

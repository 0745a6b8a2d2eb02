import { Alert, Form, Input, Modal, Radio, Typography } from 'antd'
import { useEffect, useState, type ReactNode } from 'react'
import { Kbd, useFormKeys } from './complaint/Bits'
import { applyServerError } from './formError'

/** One possible decision: whether it needs a written reason, and what to suggest typing. */
export interface DecisionChoice<S extends string> {
  value: S
  label: string
  needsReason: boolean
  placeholder?: string
}

/**
 * A one-time decision on a record (a case lead, a credit proposal): pick one of `choices`, write a
 * reason where the choice needs one (the server refuses it otherwise, with the same words), confirm
 * with the button or Ctrl+Enter. `submit` sends it; a server refusal shows in the modal and on the
 * field it concerns.
 */
export function DecisionModal<S extends string>({
  open,
  title,
  summary,
  choices,
  reasonMax,
  reasonLabel,
  missingReason,
  serverReasonField = 'reason',
  submit,
  onClose,
}: {
  open: boolean
  title: string
  summary?: ReactNode
  choices: ReadonlyArray<DecisionChoice<S>>
  reasonMax: number
  /** The field's label when the choice needs a reason (otherwise 说明（可选）). */
  reasonLabel: string
  /** The message when a needed reason is missing. */
  missingReason: string
  /** The body field the server names in its errors for the reason (`reason`, `note`…). */
  serverReasonField?: string
  /** Sends the decision; resolves when it is recorded. */
  submit: (choice: S, reason: string | undefined) => Promise<void>
  onClose: () => void
}) {
  const [form] = Form.useForm<{ choice: S; reason?: string }>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const choice = Form.useWatch('choice', form)
  const needsReason = choices.find((c) => c.value === choice)?.needsReason ?? false
  useEffect(() => {
    if (!open) return
    form.resetFields()
    setError(null)
  }, [open, form])
  const confirm = async () => {
    let v: { choice: S; reason?: string }
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    setBusy(true)
    try {
      await submit(v.choice, v.reason?.trim() || undefined)
    } catch (e) {
      setError(applyServerError(form, e, { [serverReasonField]: 'reason' }))
    } finally {
      setBusy(false)
    }
  }
  const onKeys = useFormKeys(() => void confirm())
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => void confirm()}
      okText={
        <span>
          确定 <Kbd>Ctrl+Enter</Kbd>
        </span>
      }
      okButtonProps={{ loading: busy }}
      cancelText="取消"
      destroyOnHidden
    >
      {summary ? <Typography.Paragraph type="secondary">{summary}</Typography.Paragraph> : null}
      <div onKeyDownCapture={onKeys}>
        <Form form={form} layout="vertical" disabled={busy} initialValues={{ choice: choices[0]?.value }}>
          <Form.Item name="choice" label="处理结果" rules={[{ required: true, message: '请选择处理结果' }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={choices.map((c) => ({ value: c.value, label: c.label }))} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={needsReason ? reasonLabel : '说明（可选）'}
            rules={needsReason ? [{ required: true, whitespace: true, message: missingReason }, { max: reasonMax }] : [{ max: reasonMax }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={reasonMax}
              placeholder={choices.find((c) => c.value === choice)?.placeholder ?? ''}
            />
          </Form.Item>
        </Form>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </div>
    </Modal>
  )
}

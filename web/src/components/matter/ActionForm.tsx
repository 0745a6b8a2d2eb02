import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Switch, Typography } from 'antd'
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { AnyWorkflow } from '../../../../src/shared/kernel/workflow'
import { Kbd, useFormKeys } from '../complaint/Bits'
import { applyServerError } from '../formError'
import { fieldsOf, issuesOf, toInput, type FieldOverride, type FieldSpec } from './fields'

/** Per-action overrides: field labels/widgets, the modal's title, a line of help. */
export interface ActionOverride {
  fields?: Record<string, FieldOverride>
  title?: string
  help?: ReactNode
}

/** One generated field; Form.Item's value/onChange (or checked) pass through `rest` to the widget. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Form.Item injects value/onChange whose types depend on the widget
function Field({ f, autoFocus, ...rest }: { f: FieldSpec; autoFocus: boolean } & Record<string, any>) {
  const common = { ...rest, autoFocus, placeholder: f.placeholder, id: `action-field-${f.name}` }
  switch (f.widget) {
    case 'textarea':
      return <Input.TextArea {...common} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={f.max} showCount={!!f.max} />
    case 'select':
      return <Select {...common} options={f.options} allowClear={!f.required} />
    case 'switch':
      return <Switch {...rest} autoFocus={autoFocus} id={common.id} />
    case 'date':
      return <DatePicker {...common} style={{ width: '100%' }} />
    case 'number':
      return <InputNumber {...common} style={{ width: '100%' }} />
    default:
      return <Input {...common} maxLength={f.max} />
  }
}

/**
 * The form of one workflow action, generated from its zod input (string → Input or TextArea by its
 * maximum length, enum → Select, boolean → Switch, date string → DatePicker), validated with the
 * same schema the server uses before it is sent; the server's zh-CN refusal shows on its field or
 * above the form. Keyboard-first: the first field has focus, Enter moves on and submits from the
 * last single-line field, Ctrl+Enter submits from anywhere. A `confirm` action asks once more.
 */
export function ActionForm({
  open,
  workflow,
  action,
  title,
  summary,
  override,
  submit,
  onClose,
}: {
  open: boolean
  workflow: AnyWorkflow
  action: string | null
  title?: string
  summary?: ReactNode
  override?: ActionOverride
  /** Sends the action's input; resolves when it is recorded. */
  submit: (action: string, input: Record<string, unknown>) => Promise<void>
  onClose: () => void
}) {
  const def = action ? workflow.actions[action] : undefined
  const fields = useMemo(() => fieldsOf(def?.input, override?.fields), [def, override])
  const [form] = Form.useForm<Record<string, unknown>>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const confirming = useRef(false)
  useEffect(() => {
    if (!open) return
    form.resetFields()
    setError(null)
  }, [open, action, form])

  const send = async () => {
    if (!action || !def || busy || confirming.current) return
    const input = toInput(fields, form.getFieldsValue(true) as Record<string, unknown>)
    const schema = def.input
    if (schema) {
      const r = schema.safeParse(input)
      if (!r.success) {
        const { byField, first } = issuesOf(r.error)
        form.setFields(fields.map((f) => ({ name: f.name, errors: byField[f.name] ? [byField[f.name]!] : [] })))
        setError(Object.keys(byField).some((k) => fields.some((f) => f.name === k)) ? null : first)
        return
      }
    }
    if (def.confirm) {
      confirming.current = true
      const ok = await new Promise<boolean>((resolve) =>
        Modal.confirm({
          title: def.label,
          content: def.confirm,
          okText: '确定',
          cancelText: '取消',
          okButtonProps: { danger: !!def.danger },
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        }),
      )
      confirming.current = false
      if (!ok) return
    }
    setBusy(true)
    try {
      await submit(action, input)
    } catch (e) {
      setError(applyServerError(form, e))
    } finally {
      setBusy(false)
    }
  }
  const onKeys = useFormKeys(() => void send())

  return (
    <Modal
      open={open}
      title={override?.title ?? title ?? def?.label}
      onCancel={onClose}
      onOk={() => void send()}
      okText={
        <span>
          {def?.label ?? '确定'} <Kbd>Ctrl+Enter</Kbd>
        </span>
      }
      okButtonProps={{ loading: busy, danger: !!def?.danger }}
      cancelText="取消"
      destroyOnHidden
    >
      {summary ? <Typography.Paragraph type="secondary">{summary}</Typography.Paragraph> : null}
      {override?.help ? <Typography.Paragraph>{override.help}</Typography.Paragraph> : null}
      <div
        onKeyDownCapture={(e) => {
          // Enter in the last single-line field submits; elsewhere the house keys apply.
          const t = e.target as HTMLElement
          const last = fields.at(-1)
          if (
            e.key === 'Enter' &&
            !e.ctrlKey &&
            !e.metaKey &&
            !e.nativeEvent.isComposing &&
            t.tagName === 'INPUT' &&
            last &&
            t.id === `action-field-${last.name}` &&
            last.widget === 'input'
          ) {
            e.preventDefault()
            void send()
            return
          }
          onKeys(e)
        }}
      >
        <Form
          form={form}
          layout="vertical"
          disabled={busy}
          onFinish={() => void send()}
          // An edited field drops the error the schema gave it; the next submit checks again.
          onValuesChange={(changed: Record<string, unknown>) => form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })))}
        >
          {fields.map((f, i) => (
            <Form.Item key={f.name} name={f.name} label={f.label} required={f.required} valuePropName={f.widget === 'switch' ? 'checked' : 'value'}>
              <Field f={f} autoFocus={i === 0} />
            </Form.Item>
          ))}
          {fields.length === 0 ? <Typography.Paragraph>{def?.confirm ?? `确定执行“${def?.label ?? ''}”？`}</Typography.Paragraph> : null}
        </Form>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </div>
    </Modal>
  )
}

import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { api } from '../../api/client'
import type { Unit } from '../../api/types'
import { useAuth } from '../../auth/AuthContext'
import { applyServerError } from '../formError'
import { useDebounced } from '../hooks'
import { UnitTreeSelect } from '../UnitTreeSelect'
import { Kbd, useFormKeys } from './Bits'
import type { z } from 'zod'
import { ACTION_INPUT, ACTION_LABEL, DATE_FIELD, FIELD_META, NOT_FILED_REASONS } from '../../../../src/shared/complaints/workflow'
import { LIMITS, MEDIATION_OUTCOME_OPTIONS, NOTIFY_CHANNEL_OPTIONS, PAUSE_KIND_OPTIONS, yuanToFen } from './labels'
import type { Action, Codes, Duplicate, ItemDetail, ItemSummary, Preview } from './types'
import { P } from './types'

/** What a modal does: a state transition, or one of the other item actions. */
export type ModalKind = { kind: 'transition'; action: Action } | { kind: 'feedback' } | { kind: 'supervise' } | { kind: 'respond'; supervisionId: string }

interface Props {
  item: ItemDetail
  what: ModalKind | null
  codes: Codes | undefined
  units: Unit[] | undefined
  onClose: () => void
  onDone: (d: ItemDetail, message: string) => void
}

type Values = Record<string, unknown> & { date?: Dayjs | null }

const day = (d: unknown) => (dayjs.isDayjs(d) ? d.format('YYYY-MM-DD') : undefined)
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day')
const DATE_REQUIRED = (a: Action) => a !== 'resume'

/*
 * A transition's form is generated from the action's declared input (src/shared/complaints/workflow.ts):
 * one field per input field, labelled as declared and validated with the same zod schema the server
 * uses. What a schema cannot say stays here as small per-action overrides: the widget of a field
 * (unit tree, merge target, reason pickers from the regime in force, yuan for fen), hints, and
 * which fields a person does not fill in.
 */
/** Fields the form does not ask for (the server fills them in, or another control sets them). */
const HIDDEN: Partial<Record<Action, readonly string[]>> = { dispatch: ['handlerId'] }
/** Actions whose form has no internal note. */
const NO_NOTE: readonly Action[] = ['pause', 'answer', 'inform_no_jurisdiction']
/** Options of the enumerations the form offers. */
const ENUM_OPTIONS: Record<string, ReadonlyArray<{ value: string; label: string }>> = {
  kind: PAUSE_KIND_OPTIONS,
  outcome: MEDIATION_OUTCOME_OPTIONS,
  channel: NOTIFY_CHANNEL_OPTIONS,
}
const HINT: Partial<Record<Action, React.ReactNode>> = {
  return: <Alert type="info" showIcon style={{ marginBottom: 12 }} title="无管辖权的，退回登记单位重新分送，不自行转送其他单位（第三十七条）" />,
  follow_up: <Typography.Paragraph type="secondary">总局令第121号：办结前回访投诉人，了解处理结果和满意度。</Typography.Paragraph>,
  resume: <Typography.Paragraph type="secondary">中止期间不计入调解期限。最后一天留空则为昨天。</Typography.Paragraph>,
  extend_verification: <Typography.Paragraph type="secondary">经负责人批准可延长 15 个工作日，只能延长一次。</Typography.Paragraph>,
  file_case: <Alert type="info" showIcon style={{ marginBottom: 12 }} title="立案后生成案源线索（不含举报人信息）" />,
}
const PLACEHOLDER: Record<string, string> = {
  followUpResult: '如：投诉人对处理结果表示满意',
  approval: '如：经局分管负责人张某某批准',
  text: '如：该事项属于××部门职责，请向其反映',
}
/** Form field names that differ from the input's (the amount is typed in yuan). */
const FORM_NAME: Record<string, string> = { recoveredFen: 'recoveredYuan' }

const fieldLabel = (schema: z.ZodType, key: string) => FIELD_META.get(schema)?.label ?? key
const unwrap = (schema: z.ZodType): z.ZodType => {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType } }).def
  return (def.type === 'optional' || def.type === 'default') && def.innerType ? unwrap(def.innerType) : schema
}
const kindOf = (schema: z.ZodType) => (unwrap(schema) as unknown as { def: { type: string } }).def.type
const maxOf = (schema: z.ZodType) => (unwrap(schema) as unknown as { maxLength?: number | null }).maxLength ?? undefined
const isOptional = (schema: z.ZodType) => schema.safeParse(undefined).success

/** The request body of a transition from the form's values. */
function bodyOf(action: Action, v: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const key of Object.keys(ACTION_INPUT[action].shape)) {
    if (key === DATE_FIELD[action]) {
      if (v.date) body[key] = day(v.date)
    } else if (key === 'recoveredFen') body[key] = yuanToFen(v.recoveredYuan as number | null)
    else {
      const x = v[key]
      if (x !== undefined && x !== null && x !== '') body[key] = typeof x === 'string' ? x.trim() : x
    }
  }
  return body
}

function titleOf(what: ModalKind): string {
  if (what.kind === 'transition') return ACTION_LABEL[what.action]
  if (what.kind === 'feedback') return '登记反馈'
  if (what.kind === 'supervise') return '督办'
  return '回复督办'
}

/** The unit suggested for dispatch (by the respondent's place of business), via the intake preview. */
function useSuggestedUnit(item: ItemDetail, enabled: boolean) {
  const [p, setP] = useState<Preview | null>(null)
  useEffect(() => {
    if (!enabled) return
    const ctrl = new AbortController()
    api
      .post<Preview>(
        '/api/complaints/preview',
        {
          type: item.type,
          receivedOn: item.receivedOn,
          respondent: {
            entityId: item.respondentEntityId ?? undefined,
            name: item.respondentName,
            division: item.respondentDivision?.slice(0, 9) || undefined,
            kind: item.respondentKind,
            platformName: item.platformName ?? undefined,
          },
        },
        { signal: ctrl.signal },
      )
      .then(setP, () => undefined)
    return () => ctrl.abort()
  }, [item, enabled])
  return p
}

function MergeTarget({ item, value, onChange, id }: { item: ItemDetail; value?: string; onChange?: (v: string) => void; id?: string }) {
  const [dups, setDups] = useState<Duplicate[]>([])
  const [text, setText] = useState('')
  const q = useDebounced(text.trim(), 300)
  const [found, setFound] = useState<ItemSummary[]>([])
  useEffect(() => {
    api.get<{ items: Duplicate[] }>(`/api/complaints/${item.id}/duplicates`).then(
      (r) => setDups(r.items),
      () => setDups([]),
    )
  }, [item.id])
  useEffect(() => {
    if (q.length < 2) {
      setFound([])
      return
    }
    const ctrl = new AbortController()
    api.get<{ items: ItemSummary[] }>('/api/complaints', { q, type: item.type, open: '1', pageSize: 10 }, { signal: ctrl.signal }).then(
      (r) => setFound(r.items.filter((x) => x.id !== item.id)),
      () => undefined,
    )
    return () => ctrl.abort()
  }, [q, item.id, item.type])
  const options = [
    ...dups.map((d) => ({ value: d.id, label: `${d.itemNo} ${d.summary}（疑似重复，相似度 ${Math.round(d.similarity * 100)}%）` })),
    ...found.filter((f) => !dups.some((d) => d.id === f.id)).map((f) => ({ value: f.id, label: `${f.itemNo} ${f.summary}（${f.stateLabel}）` })),
  ]
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setText }}
      options={options}
      placeholder="选择疑似重复件，或输入编号、摘要搜索同类未办结件"
      notFoundContent={q.length >= 2 ? '没有匹配的未办结件' : '输入编号或摘要搜索'}
    />
  )
}

/** A small form for one action on an item; Enter moves on, Ctrl+Enter submits. */
export function ActionModal({ item, what, codes, units, onClose, onDone }: Props) {
  const { can } = useAuth()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const action = what?.kind === 'transition' ? what.action : null
  const suggested = useSuggestedUnit(item, action === 'dispatch' && can(P.intake))

  useEffect(() => {
    if (!what) return
    form.resetFields()
    setError(null)
    const init: Values = {}
    // Dates default to today; a pause's last day is left to the server (yesterday, or the first day).
    if (action && DATE_FIELD[action] && action !== 'resume') init.date = dayjs()
    if (action === 'dispatch' || action === 'resolve_dispute') init.unitId = item.competentUnit?.id
    if (action === 'conclude') {
      init.outcome = 'agreement_no_doc'
      init.recoveredYuan = null
    }
    if (action === 'notify_termination' || action === 'notify_reporter' || what.kind === 'feedback') init.channel = 'phone'
    if (what.kind === 'supervise') init.dueOn = dayjs().add(3, 'day')
    form.setFieldsValue(init)
  }, [what, action, item, form])

  useEffect(() => {
    if (action === 'dispatch' && suggested?.suggestedUnit && !form.isFieldTouched('unitId')) form.setFieldValue('unitId', suggested.suggestedUnit.id)
  }, [suggested, action, form])

  const reasons = useMemo(() => codes?.nonAcceptanceReasons[item.regime] ?? [], [codes, item.regime])

  const submit = async () => {
    if (!what) return
    let v: Values
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    setBusy(true)
    setError(null)
    try {
      let d: ItemDetail
      let msg: string
      if (what.kind === 'transition') {
        const a = what.action
        // The declared input schema decides, as on the server.
        const input = { ...bodyOf(a, v), note: (v.note as string | undefined)?.trim() || undefined }
        const parsed = ACTION_INPUT[a].safeParse(input)
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!
          const key = String(issue.path[0] ?? '')
          const name = key === DATE_FIELD[a] ? 'date' : (FORM_NAME[key] ?? key)
          if (name && form.getFieldInstance(name) !== undefined) form.setFields([{ name, errors: [issue.message] }])
          setError(issue.message)
          return
        }
        d = await api.post<ItemDetail>(`/api/complaints/${item.id}/transitions`, { action: a, expectedVersion: item.version, ...input })
        msg = `${ACTION_LABEL[a]}：已完成，当前状态为“${d.stateLabel}”`
      } else if (what.kind === 'feedback') {
        d = await api.post<ItemDetail>(`/api/complaints/${item.id}/feedback`, {
          channel: v.channel,
          text: (v.text as string).trim(),
          at: v.at ? (v.at as Dayjs).toISOString() : undefined,
        })
        msg = '已登记反馈'
      } else if (what.kind === 'supervise') {
        d = await api.post<ItemDetail>(`/api/complaints/${item.id}/supervisions`, { note: (v.note as string).trim(), dueOn: day(v.dueOn) })
        msg = '已发出督办'
      } else {
        d = await api.post<ItemDetail>(`/api/complaints/${item.id}/supervisions/${what.supervisionId}/response`, { response: (v.response as string).trim() })
        msg = '已回复督办'
      }
      onDone(d, msg)
    } catch (e) {
      setError(applyServerError(form, e))
    } finally {
      setBusy(false)
    }
  }
  const onKeys = useFormKeys(() => void submit())

  const required = (label: string, max = LIMITS.note) => [
    { required: true, whitespace: true, message: `请填写${label}` },
    { max, message: `${label}最多 ${max} 字` },
  ]
  /** A form rule that runs the field's declared schema: the server's message, before the request. */
  const declared = (schema: z.ZodType, toInput: (x: unknown) => unknown = (x) => x) => ({
    validator: async (_: unknown, x: unknown) => {
      const value = typeof x === 'string' ? x.trim() || undefined : (x ?? undefined)
      if (value === undefined) return // a required field says so by its own rule
      const r = schema.safeParse(toInput(value))
      if (!r.success) throw new Error(r.error.issues[0]?.message)
    },
  })
  let first = true
  /** One field of the action's declared input, with its override when it has one. */
  const fieldOf = (a: Action, key: string, schema: z.ZodType): React.ReactNode => {
    const label = fieldLabel(schema, key)
    const autoFocus = first
    first = false
    const choose = { required: !isOptional(schema), message: `请选择${label}` }
    if (key === DATE_FIELD[a]) {
      return (
        <Form.Item key={key} name="date" label={label} rules={[{ required: DATE_REQUIRED(a), message: '请选择日期' }, declared(schema, (x) => day(x))]}>
          <DatePicker disabledDate={notFuture} style={{ width: 200 }} allowClear={!DATE_REQUIRED(a)} />
        </Form.Item>
      )
    }
    if (key === 'unitId') {
      return (
        <Form.Item
          key={key}
          name="unitId"
          label={label}
          rules={[{ required: true, message: `请选择${label}` }]}
          extra={
            suggested?.suggestedUnit
              ? `建议：${suggested.suggestedUnit.name}（按经营地属地管辖）`
              : item.competentUnit
                ? `管辖单位：${item.competentUnit.name}`
                : '尚未确定管辖单位，请核实被投诉人所在地'
          }
        >
          <UnitTreeSelect units={units} autoFocus={autoFocus} data-testid="dispatch-unit" />
        </Form.Item>
      )
    }
    if (key === 'intoId') {
      return (
        <Form.Item key={key} name="intoId" label={label} rules={[{ required: true, message: '请选择要合并到的诉求件' }]}>
          <MergeTarget item={item} />
        </Form.Item>
      )
    }
    if (key === 'recoveredFen') {
      return (
        <Form.Item key={key} noStyle shouldUpdate={(x: Record<string, unknown>, y: Record<string, unknown>) => x.outcome !== y.outcome}>
          {() => (
            <Form.Item
              name="recoveredYuan"
              label={`${label}（元）`}
              extra="没有挽回损失的填 0 或留空"
              rules={[declared(schema, (x) => yuanToFen(x as number | null))]}
            >
              <InputNumber
                min={0}
                max={1e10}
                precision={2}
                style={{ width: 200 }}
                disabled={form.getFieldValue('outcome') === 'withdrawn'}
                data-testid="conclude-recovered"
              />
            </Form.Item>
          )}
        </Form.Item>
      )
    }
    if (key === 'followUpResult' && item.state !== 'follow_up') return null
    // Reason pickers: the regime in force (不予受理), the legal grounds (终止调解), the filing reasons (不予立案).
    const picks =
      a === 'reject' && key === 'reasonCode'
        ? reasons.map((r) => ({ value: r.code, label: `（${r.item}）${r.text}` }))
        : a === 'terminate' && key === 'ground'
          ? (codes?.terminationGrounds ?? []).map((g) => ({ value: g.code, label: `（${g.item}）${g.text}` }))
          : a === 'not_file' && key === 'reasonCode'
            ? (codes?.notFiledReasons ?? Object.entries(NOT_FILED_REASONS).map(([code, l]) => ({ code, label: l }))).map((r) => ({
                value: r.code,
                label: r.label,
              }))
            : ENUM_OPTIONS[key]
    if (picks || kindOf(schema) === 'enum') {
      return (
        <Form.Item key={key} name={key} label={label} rules={[choose, declared(schema)]}>
          <Select
            autoFocus={autoFocus}
            options={picks as Array<{ value: string; label: string }>}
            popupMatchSelectWidth={false}
            styles={{ popup: { root: { maxWidth: 640 } } }}
            {...(key === 'outcome' ? { 'data-testid': 'conclude-outcome' } : {})}
          />
        </Form.Item>
      )
    }
    const max = maxOf(schema)
    const rows = key === 'answer' || key === 'summary' ? 3 : 2
    return (
      <Form.Item
        key={key}
        name={key}
        label={label}
        rules={[...(isOptional(schema) ? [] : [{ required: true, whitespace: true, message: `请填写${label}` }]), declared(schema)]}
      >
        <Input.TextArea
          autoFocus={autoFocus}
          autoSize={{ minRows: rows, maxRows: key === 'answer' ? 10 : undefined }}
          maxLength={max}
          placeholder={PLACEHOLDER[key]}
        />
      </Form.Item>
    )
  }
  const noteItem = (
    <Form.Item name="note" label="备注（内部）" rules={[declared(ACTION_INPUT.dispatch.shape.note)]}>
      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={LIMITS.note} />
    </Form.Item>
  )

  let fields: React.ReactNode = null
  if (action) {
    const shape = ACTION_INPUT[action].shape as Record<string, z.ZodType>
    const keys = Object.keys(shape).filter((k) => k !== 'note' && !HIDDEN[action]?.includes(k))
    // The date is asked after the other fields (it defaults to today).
    const ordered = [...keys.filter((k) => k !== DATE_FIELD[action]), ...keys.filter((k) => k === DATE_FIELD[action])]
    fields = (
      <>
        {HINT[action] ?? null}
        {ordered.map((k) => fieldOf(action, k, shape[k]!))}
        {NO_NOTE.includes(action) ? null : noteItem}
      </>
    )
  }
  if (what?.kind === 'feedback') {
    fields = (
      <>
        <Form.Item name="channel" label="反馈方式" rules={[{ required: true }]}>
          <Select autoFocus options={NOTIFY_CHANNEL_OPTIONS} />
        </Form.Item>
        <Form.Item name="at" label="反馈时间" extra="留空为现在">
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={notFuture} />
        </Form.Item>
        <Form.Item name="text" label="反馈内容" rules={required('反馈内容')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={LIMITS.note} />
        </Form.Item>
      </>
    )
  } else if (what?.kind === 'supervise') {
    fields = (
      <>
        <Form.Item name="note" label="督办意见" rules={required('督办意见')}>
          <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 6 }} maxLength={LIMITS.note} placeholder="如：请于期限内办结并报告办理情况" />
        </Form.Item>
        <Form.Item name="dueOn" label="督办期限" rules={[{ required: true, message: '请选择期限' }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </>
    )
  } else if (what?.kind === 'respond') {
    fields = (
      <Form.Item name="response" label="办理情况" rules={required('办理情况')}>
        <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 8 }} maxLength={LIMITS.note} />
      </Form.Item>
    )
  }

  return (
    <Modal
      open={!!what}
      title={what ? `${titleOf(what)} · ${item.itemNo}` : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={
        <span>
          确定 <Kbd>Ctrl+Enter</Kbd>
        </span>
      }
      okButtonProps={{ loading: busy, danger: action === 'reject' || action === 'terminate', ...({ 'data-testid': 'action-ok' } as object) }}
      cancelText="取消"
      destroyOnHidden
      width={560}
      data-testid="action-modal"
      // Ctrl+Enter anywhere in the dialog, the OK button included.
      modalRender={(node) => <div onKeyDownCapture={onKeys}>{node}</div>}
      // A dialog with nothing to type (受理, 转入回访…) focuses its OK button, so Enter or Ctrl+Enter confirms.
      afterOpenChange={(open) => {
        if (!open) return
        // A field that took focus (autoFocus) keeps it; otherwise the OK button gets it.
        if (document.querySelector('[data-testid="action-modal-body"]')?.contains(document.activeElement)) return
        document.querySelector<HTMLElement>('[data-testid="action-ok"]')?.focus()
      }}
    >
      <div data-testid="action-modal-body">
        <Form<Values> form={form} layout="vertical" disabled={busy} name="action">
          {fields}
        </Form>
        {error ? <Alert type="error" showIcon title={error} data-testid="action-error" /> : null}
        {what?.kind === 'transition' && !fields ? <Alert type="warning" showIcon title="此动作暂不能在页面上办理" /> : null}
      </div>
    </Modal>
  )
}

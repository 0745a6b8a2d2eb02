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
import { ACTION_LABEL, LIMITS, MEDIATION_OUTCOME_OPTIONS, NOTIFY_CHANNEL_OPTIONS, PAUSE_KIND_OPTIONS, yuanToFen } from './labels'
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
const DATE_FIELD: Partial<Record<Action, string>> = {
  accept: 'decidedOn', reject: 'decidedOn', pause: 'fromOn', resume: 'toOn', conclude: 'concludedOn', terminate: 'terminatedOn',
  notify_termination: 'notifiedOn', file_case: 'decidedOn', not_file: 'decidedOn', notify_reporter: 'notifiedOn',
}
const DATE_LABEL: Partial<Record<Action, string>> = {
  accept: '受理日期', reject: '决定日期', pause: '中止开始日期', resume: '中止期间最后一天', conclude: '调解结束日期', terminate: '终止调解日期',
  notify_termination: '送达日期', file_case: '立案决定日期', not_file: '决定日期', notify_reporter: '告知日期',
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
      .post<Preview>('/api/complaints/preview', {
        type: item.type,
        receivedOn: item.receivedOn,
        respondent: { entityId: item.respondentEntityId ?? undefined, name: item.respondentName, division: item.respondentDivision?.slice(0, 9) || undefined, kind: item.respondentKind, platformName: item.platformName ?? undefined },
      }, { signal: ctrl.signal })
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
    api.get<{ items: Duplicate[] }>(`/api/complaints/${item.id}/duplicates`).then((r) => setDups(r.items), () => setDups([]))
  }, [item.id])
  useEffect(() => {
    if (q.length < 2) {
      setFound([])
      return
    }
    const ctrl = new AbortController()
    api.get<{ items: ItemSummary[] }>('/api/complaints', { q, type: item.type, open: '1', pageSize: 10 }, { signal: ctrl.signal }).then((r) => setFound(r.items.filter((x) => x.id !== item.id)), () => undefined)
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
        const body: Record<string, unknown> = { action: a, expectedVersion: item.version, note: (v.note as string | undefined)?.trim() || undefined }
        const df = DATE_FIELD[a]
        if (df && v.date) body[df] = day(v.date)
        for (const k of ['unitId', 'reason', 'basis', 'intoId', 'reasonCode', 'kind', 'outcome', 'ground', 'channel', 'followUpResult', 'approval', 'summary', 'answer', 'text'] as const) {
          const x = v[k]
          if (x !== undefined && x !== null && x !== '') body[k] = typeof x === 'string' ? x.trim() : x
        }
        if (a === 'conclude') body.recoveredFen = yuanToFen(v.recoveredYuan as number | null)
        d = await api.post<ItemDetail>(`/api/complaints/${item.id}/transitions`, body)
        msg = `${ACTION_LABEL[a]}：已完成，当前状态为“${d.stateLabel}”`
      } else if (what.kind === 'feedback') {
        d = await api.post<ItemDetail>(`/api/complaints/${item.id}/feedback`, { channel: v.channel, text: (v.text as string).trim(), at: v.at ? (v.at as Dayjs).toISOString() : undefined })
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

  const dateItem = action && DATE_FIELD[action] ? (
    <Form.Item name="date" label={DATE_LABEL[action]} rules={[{ required: action !== 'resume', message: '请选择日期' }]}>
      <DatePicker disabledDate={notFuture} style={{ width: 200 }} allowClear={action === 'resume'} />
    </Form.Item>
  ) : null
  const noteItem = <Form.Item name="note" label="备注（内部）"><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={LIMITS.note} /></Form.Item>
  const required = (label: string, max = LIMITS.note) => [{ required: true, whitespace: true, message: `请填写${label}` }, { max, message: `${label}最多 ${max} 字` }]

  let fields: React.ReactNode = null
  switch (action) {
    case 'dispatch':
    case 'resolve_dispute':
      fields = (
        <>
          <Form.Item name="unitId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}
            extra={suggested?.suggestedUnit ? `建议：${suggested.suggestedUnit.name}（按经营地属地管辖）` : item.competentUnit ? `管辖单位：${item.competentUnit.name}` : '尚未确定管辖单位，请核实被投诉人所在地'}>
            <UnitTreeSelect units={units} autoFocus data-testid="dispatch-unit" />
          </Form.Item>
          {action === 'resolve_dispute' ? <Form.Item name="basis" label="确定管辖的依据" rules={required('依据')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={LIMITS.note} /></Form.Item> : null}
          {noteItem}
        </>
      )
      break
    case 'return':
    case 'raise_dispute':
      fields = (
        <>
          {action === 'return' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title="无管辖权的，退回登记单位重新分送，不自行转送其他单位（第三十七条）" /> : null}
          <Form.Item name="reason" label={action === 'return' ? '退回理由' : '争议理由'} rules={required('理由')}>
            <Input.TextArea autoFocus autoSize={{ minRows: 2 }} maxLength={LIMITS.note} />
          </Form.Item>
          {noteItem}
        </>
      )
      break
    case 'merge':
      fields = (
        <>
          <Form.Item name="intoId" label="合并到" rules={[{ required: true, message: '请选择要合并到的诉求件' }]}>
            <MergeTarget item={item} />
          </Form.Item>
          {noteItem}
        </>
      )
      break
    case 'accept':
    case 'follow_up':
      fields = (
        <>
          {action === 'follow_up' ? <Typography.Paragraph type="secondary">总局令第121号：办结前回访投诉人，了解处理结果和满意度。</Typography.Paragraph> : null}
          {dateItem}
          {noteItem}
        </>
      )
      break
    case 'reject':
      fields = (
        <>
          <Form.Item name="reasonCode" label="不予受理情形" rules={[{ required: true, message: '请选择情形' }]}>
            <Select autoFocus options={reasons.map((r) => ({ value: r.code, label: `（${r.item}）${r.text}` }))} popupMatchSelectWidth={false} styles={{ popup: { root: { maxWidth: 640 } } }} />
          </Form.Item>
          {dateItem}
          {noteItem}
        </>
      )
      break
    case 'pause':
      fields = (
        <>
          <Form.Item name="kind" label="中止原因" rules={[{ required: true, message: '请选择' }]}>
            <Select autoFocus options={PAUSE_KIND_OPTIONS} />
          </Form.Item>
          <Form.Item name="reason" label="说明" rules={required('说明')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={LIMITS.note} />
          </Form.Item>
          {dateItem}
        </>
      )
      break
    case 'resume':
      fields = (
        <>
          <Typography.Paragraph type="secondary">中止期间不计入调解期限。最后一天留空则为昨天。</Typography.Paragraph>
          {dateItem}
          {noteItem}
        </>
      )
      break
    case 'conclude':
      fields = (
        <>
          <Form.Item name="outcome" label="调解结果" rules={[{ required: true, message: '请选择调解结果' }]}>
            <Select autoFocus options={MEDIATION_OUTCOME_OPTIONS} data-testid="conclude-outcome" />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.outcome !== b.outcome}>
            {() => (
              <Form.Item name="recoveredYuan" label="挽回经济损失（元）" extra="没有挽回损失的填 0 或留空" rules={[{ type: 'number', min: 0, message: '不能为负数' }]}>
                <InputNumber min={0} max={1e10} precision={2} style={{ width: 200 }} disabled={form.getFieldValue('outcome') === 'withdrawn'} data-testid="conclude-recovered" />
              </Form.Item>
            )}
          </Form.Item>
          {dateItem}
          {noteItem}
        </>
      )
      break
    case 'terminate':
      fields = (
        <>
          <Form.Item name="ground" label="终止调解情形" rules={[{ required: true, message: '请选择情形' }]}>
            <Select autoFocus options={(codes?.terminationGrounds ?? []).map((g) => ({ value: g.code, label: `（${g.item}）${g.text}` }))} popupMatchSelectWidth={false} styles={{ popup: { root: { maxWidth: 640 } } }} />
          </Form.Item>
          {dateItem}
          {noteItem}
        </>
      )
      break
    case 'notify_termination':
    case 'notify_reporter':
      fields = (
        <>
          <Form.Item name="channel" label="告知方式" rules={[{ required: true }]}>
            <Select autoFocus options={NOTIFY_CHANNEL_OPTIONS} />
          </Form.Item>
          {dateItem}
          {noteItem}
        </>
      )
      break
    case 'close':
      fields = (
        <>
          {item.state === 'follow_up' ? (
            <Form.Item name="followUpResult" label="回访情况" rules={[{ max: LIMITS.note }]}>
              <Input.TextArea autoFocus autoSize={{ minRows: 2 }} maxLength={LIMITS.note} placeholder="如：投诉人对处理结果表示满意" />
            </Form.Item>
          ) : null}
          {noteItem}
        </>
      )
      break
    case 'extend_verification':
      fields = (
        <>
          <Typography.Paragraph type="secondary">经负责人批准可延长 15 个工作日，只能延长一次。</Typography.Paragraph>
          <Form.Item name="approval" label="审批情况" rules={required('审批情况', 500)}>
            <Input.TextArea autoFocus autoSize={{ minRows: 2 }} maxLength={500} placeholder="如：经局分管负责人张某某批准" />
          </Form.Item>
          {noteItem}
        </>
      )
      break
    case 'file_case':
      fields = (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title="立案后生成案源线索（不含举报人信息）" />
          <Form.Item name="summary" label="线索摘要" rules={required('线索摘要', 4000)}>
            <Input.TextArea autoFocus autoSize={{ minRows: 3 }} maxLength={4000} />
          </Form.Item>
          {dateItem}
          {noteItem}
        </>
      )
      break
    case 'not_file':
      fields = (
        <>
          <Form.Item name="reasonCode" label="不予立案理由" rules={[{ required: true, message: '请选择理由' }]}>
            <Select autoFocus options={(codes?.notFiledReasons ?? []).map((r) => ({ value: r.code, label: r.label }))} />
          </Form.Item>
          {dateItem}
          {noteItem}
        </>
      )
      break
    case 'answer':
      fields = (
        <Form.Item name="answer" label="答复内容" rules={required('答复内容', LIMITS.request)}>
          <Input.TextArea autoFocus autoSize={{ minRows: 3, maxRows: 10 }} maxLength={LIMITS.request} />
        </Form.Item>
      )
      break
    case 'inform_no_jurisdiction':
      fields = (
        <Form.Item name="text" label="告知内容" rules={required('告知内容')}>
          <Input.TextArea autoFocus autoSize={{ minRows: 2 }} maxLength={LIMITS.note} placeholder="如：该事项属于××部门职责，请向其反映" />
        </Form.Item>
      )
      break
    default:
      break
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
      okText={<span>确定 <Kbd>Ctrl+Enter</Kbd></span>}
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

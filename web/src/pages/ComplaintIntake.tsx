import { CheckCircleOutlined, DeleteOutlined, LinkOutlined, PaperClipOutlined, PlusOutlined, SaveOutlined, UserAddOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  TreeSelect,
  Typography,
  Upload,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import { Agent, IntakeFields, Person, Respondent, Uscc } from '../../../src/shared/complaints/schema'
import { useAuth } from '../auth/AuthContext'
import { ClockList, Kbd, StateTag, TypeTag, useFormKeys } from '../components/complaint/Bits'
import {
  ATTACHMENT_KIND_OPTIONS,
  CATEGORY_OPTIONS,
  ID_TYPE_OPTIONS,
  INTAKE_CHANNEL_OPTIONS,
  LIMITS,
  PRODUCT_TREE,
  RESPONDENT_KIND_OPTIONS,
  TYPE_LABEL,
  yuanToFen,
} from '../components/complaint/labels'
import { RespondentLookup } from '../components/complaint/RespondentLookup'
import { AnswerPicker } from '../components/complaint/AnswerPicker'
import { withProductSearch } from '../components/complaint/productSynonyms'
import type { Channel, Duplicate, IntakeResult, ItemSummary, ItemType, Preview, RespondentKind, Suggestion } from '../components/complaint/types'
import { P } from '../components/complaint/types'
import { DivisionField } from '../components/complaint/DivisionField'
import { applyServerError } from '../components/formError'
import { zodRule } from '../components/zodRule'
import { useDebounced } from '../components/hooks'
import { PageHeader } from '../components/PageHeader'

interface PersonForm {
  name?: string
  phone?: string
  address?: string
  idType?: string
  idNo?: string
  isRepresentative?: boolean
}
interface IntakeForm {
  types: ItemType[]
  channel: Channel
  receivedAt?: Dayjs | null
  externalNo?: string
  persons: PersonForm[]
  anonymous?: boolean
  hasAgent?: boolean
  agent?: PersonForm & { authorization?: string }
  respondent: {
    entityId?: string
    name?: string
    uscc?: string
    address?: string
    division?: string | null
    kind: RespondentKind
    platformName?: string
    sellerAddressUnavailable?: boolean
  }
  category?: string
  productCode?: string
  summary?: string
  request?: string
  facts?: string
  amountClaimedYuan?: number | null
  dispatchNow?: boolean
  /** 当场答复: answer the consultation during the call and close it in the same step. */
  answerNow?: boolean
  answerId?: string
  answerText?: string
}

interface PendingFile {
  uid: string
  file: File
  kind: string
}

const TYPE_PRESETS: Record<string, ItemType[]> = { '1': ['complaint'], '2': ['report'], '3': ['consultation'], '4': ['complaint', 'report'] }
const EMPTY: IntakeForm = {
  types: ['complaint'],
  channel: 'hotline',
  persons: [{}],
  respondent: { kind: 'offline' },
  anonymous: false,
  hasAgent: false,
  dispatchNow: false,
}

const trimOrUndef = (s: string | undefined | null) => (s && s.trim() ? s.trim() : undefined)
const div9 = (d: string | null | undefined) => (d ? d.slice(0, 9) : undefined)

function cleanPerson(p: PersonForm | undefined) {
  if (!p) return undefined
  const name = trimOrUndef(p.name)
  if (!name) return undefined
  return {
    name,
    phone: trimOrUndef(p.phone),
    address: trimOrUndef(p.address),
    idType: p.idNo ? ((p.idType as 'resident_id' | 'passport' | 'other' | undefined) ?? 'resident_id') : undefined,
    idNo: trimOrUndef(p.idNo),
    isRepresentative: !!p.isRepresentative,
  }
}

function respondentBody(r: IntakeForm['respondent'] | undefined) {
  if (!r) return undefined
  const name = trimOrUndef(r.name)
  const uscc = trimOrUndef(r.uscc)?.toUpperCase()
  if (!name && !r.entityId && !uscc) return undefined
  return {
    entityId: r.entityId,
    name: name ?? '',
    uscc: uscc && Uscc.safeParse(uscc).success ? uscc : undefined,
    address: trimOrUndef(r.address),
    division: div9(r.division),
    kind: r.kind ?? 'offline',
    platformName: r.kind === 'platform_seller' ? trimOrUndef(r.platformName) : undefined,
    sellerAddressUnavailable: r.kind === 'platform_seller' ? !!r.sellerAddressUnavailable : false,
  }
}

const toBase64 = (f: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''))
    r.onerror = () => reject(new Error(`读取文件 ${f.name} 失败`))
    r.readAsDataURL(f)
  })

/* ---------- live preview (competent unit and deadlines) ---------- */

/** `onLoaded` gets the first type's preview (its suggested unit is the "dispatch at once" target). */
function PreviewPanel({ values, onLoaded }: { values: IntakeForm; onLoaded: (p: Preview | null) => void }) {
  const types = values.types?.length ? values.types : (['complaint'] as ItemType[])
  const resp = respondentBody(values.respondent)
  const receivedOn = values.receivedAt ? values.receivedAt.format('YYYY-MM-DD') : undefined
  const key = useDebounced(JSON.stringify({ types, resp, receivedOn }), 350)
  const [state, setState] = useState<{ key: string; data?: { type: ItemType; p: Preview }[]; error?: string } | null>(null)

  useEffect(() => {
    const { types: ts, resp: r, receivedOn: on } = JSON.parse(key) as { types: ItemType[]; resp: ReturnType<typeof respondentBody>; receivedOn?: string }
    const ctrl = new AbortController()
    Promise.all(
      ts.map((type) =>
        api
          .post<Preview>(
            '/api/complaints/preview',
            { type, receivedOn: on, respondent: r ? { ...r, name: r.name || undefined } : undefined },
            { signal: ctrl.signal },
          )
          .then((p) => ({ type, p })),
      ),
    ).then(
      (data) => {
        setState({ key, data })
        onLoaded(r && data[0] ? data[0].p : null)
      },
      (e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setState({ key, error: errorMessage(e) })
      },
    )
    return () => ctrl.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  const loading = !state || state.key !== key
  return (
    <Card
      size="small"
      title="管辖与期限预览"
      data-testid="intake-preview"
      extra={
        loading ? (
          <Spin size="small" />
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            随填写实时更新
          </Typography.Text>
        )
      }
    >
      {state?.error ? <Alert type="error" showIcon title={state.error} /> : null}
      {!state?.data ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : (
        state.data.map(({ type, p }) => (
          <div key={type} style={{ marginBottom: 12 }}>
            {state.data!.length > 1 ? <div className="c-section-title">{TYPE_LABEL[type]}（拆分为单独一件）</div> : null}
            <Descriptions
              size="small"
              column={1}
              colon={false}
              items={[
                { key: 'regime', label: '适用规定', children: p.regimeLabel },
                {
                  key: 'competent',
                  label: '管辖单位',
                  children: p.competentUnit ? (
                    <Typography.Text strong data-testid="preview-competent">
                      {p.competentUnit.name}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="warning" data-testid="preview-competent">
                      尚不能确定
                    </Typography.Text>
                  ),
                },
                ...(p.suggestedUnit && p.suggestedUnit.id !== p.competentUnit?.id
                  ? [{ key: 'suggested', label: '建议分送', children: p.suggestedUnit.name }]
                  : []),
                ...(p.candidates.length
                  ? [
                      {
                        key: 'basis',
                        label: '管辖依据',
                        children: (
                          <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                            {p.candidates.map((c) => (
                              <li key={c.division + c.basis} className="c-sub" style={{ color: 'inherit' }}>
                                {c.divisionName ?? c.division}：{c.basis}
                                {c.bureau ? `（${c.bureau.name}）` : '（本市无对应单位）'}
                              </li>
                            ))}
                          </ul>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            <ClockList clocks={p.clocks} testId={`preview-clocks-${type}`} />
            {p.warnings.map((w) => (
              <Alert key={w} type="warning" showIcon title={w} style={{ marginTop: 8 }} />
            ))}
          </div>
        ))
      )}
    </Card>
  )
}

/* ---------- after saving: numbers, duplicates, merge ---------- */

function SavedPanel({ result, onNext }: { result: IntakeResult; onNext: () => void }) {
  const { message, modal } = App.useApp()
  const navigate = useNavigate()
  const [items, setItems] = useState<ItemSummary[]>(result.items)
  const [dups, setDups] = useState<Record<string, Duplicate[]>>({})

  useEffect(() => {
    let stop = false
    for (const it of result.items) {
      api.get<{ items: Duplicate[] }>(`/api/complaints/${it.id}/duplicates`).then(
        (r) => !stop && setDups((d) => ({ ...d, [it.id]: r.items })),
        () => !stop && setDups((d) => ({ ...d, [it.id]: [] })),
      )
    }
    return () => {
      stop = true
    }
  }, [result])

  const merge = (it: ItemSummary, d: Duplicate) =>
    modal.confirm({
      title: `将 ${it.itemNo} 合并到 ${d.itemNo}？`,
      content: '合并后本件不再单独办理，进度随被合并的件（总局令第121号：重复举报合并处理）。',
      okText: '合并',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await api.post<ItemSummary>(`/api/complaints/${it.id}/transitions`, { action: 'merge', intoId: d.id, expectedVersion: it.version })
          setItems((xs) => xs.map((x) => (x.id === it.id ? { ...x, ...r } : x)))
          message.success(`已将 ${it.itemNo} 合并到 ${d.itemNo}`)
        } catch (e) {
          message.error(errorMessage(e))
        }
      },
    })

  return (
    <Alert
      type="success"
      showIcon
      icon={<CheckCircleOutlined />}
      className="page-alert"
      data-testid="intake-saved"
      title={
        <Space wrap>
          <span>已登记</span>
          {items.map((it) => (
            <Space key={it.id} size={4}>
              <TypeTag type={it.type} label={it.typeLabel} />
              <Link to={`/complaints/${it.id}`} data-testid="saved-item-no">
                <Typography.Text strong>{it.itemNo}</Typography.Text>
              </Link>
              <StateTag state={it.state} label={it.stateLabel} />
              {it.handlingUnit ? <Typography.Text type="secondary">{it.handlingUnit.name}</Typography.Text> : null}
            </Space>
          ))}
        </Space>
      }
      description={
        <div>
          {items.map((it) => {
            const list = dups[it.id]
            if (list === undefined)
              return (
                <div key={it.id} className="c-sub">
                  正在检查 {it.itemNo} 的疑似重复件…
                </div>
              )
            if (!list.length)
              return (
                <div key={it.id} className="c-sub">
                  {it.itemNo}：未发现疑似重复件
                </div>
              )
            return (
              <div key={it.id} data-testid="duplicates">
                <Typography.Text type="warning" strong>
                  {it.itemNo} 有 {list.length} 件疑似重复（同一当事人、同一被投诉人或内容相近）：
                </Typography.Text>
                <Table<Duplicate>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={list}
                  columns={[
                    { title: '编号', dataIndex: 'itemNo', width: 150, render: (n: string, d) => <Link to={`/complaints/${d.id}`}>{n}</Link> },
                    { title: '摘要', dataIndex: 'summary', ellipsis: true },
                    { title: '相似度', dataIndex: 'similarity', width: 80, render: (s: number) => `${Math.round(s * 100)}%` },
                    {
                      title: '依据',
                      width: 180,
                      render: (_, d) => [d.samePerson ? '同一当事人' : null, d.sameRespondent ? '同一被投诉人' : null].filter(Boolean).join('、') || '内容相近',
                    },
                    {
                      title: '',
                      width: 100,
                      render: (_, d) =>
                        it.state === 'merged' ? (
                          <Tag>已合并</Tag>
                        ) : (
                          <Button size="small" icon={<LinkOutlined />} onClick={() => merge(it, d)}>
                            合并到此件
                          </Button>
                        ),
                    },
                  ]}
                />
              </div>
            )
          })}
          <Space style={{ marginTop: 8 }} wrap>
            <Button type="primary" size="small" onClick={onNext} data-testid="intake-next">
              登记下一件 <Kbd>Alt+N</Kbd>
            </Button>
            {items.length === 1 ? (
              <Button size="small" onClick={() => navigate(`/complaints/${items[0]!.id}`)}>
                打开详情（分送、办理）
              </Button>
            ) : null}
          </Space>
        </div>
      }
    />
  )
}

/* ---------- the page ---------- */

export default function ComplaintIntakePage() {
  const { message } = App.useApp()
  const { can } = useAuth()
  const [form] = Form.useForm<IntakeForm>()
  const values = Form.useWatch([], form) ?? EMPTY
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState<IntakeResult | null>(null)
  const [files, setFiles] = useState<PendingFile[]>([])
  const [picked, setPicked] = useState<Suggestion | null>(null)
  const [preview, setPreview] = useState<Preview | null>(null)
  const firstField = useRef<HTMLInputElement | null>(null)

  const types = values.types ?? ['complaint']
  const isComplaint = types.includes('complaint')
  const isReport = types.includes('report')
  const isConsultation = types.includes('consultation')
  const anonymous = !!values.anonymous && isReport && !isComplaint

  const setTypes = useCallback(
    (next: ItemType[]) => {
      form.setFieldValue('types', next)
      if (next.includes('complaint')) form.setFieldValue('anonymous', false)
    },
    [form],
  )

  const reset = useCallback(() => {
    const channel = form.getFieldValue('channel') as Channel
    form.resetFields()
    form.setFieldsValue({ ...EMPTY, channel: channel ?? 'hotline' })
    setFiles([])
    setPicked(null)
    setError(null)
    setTimeout(() => firstField.current?.focus(), 0)
  }, [form])

  const submit = useCallback(async () => {
    let v: IntakeForm
    try {
      v = await form.validateFields()
    } catch {
      setError('请检查标红的项目')
      return
    }
    v = { ...EMPTY, ...v }
    const anon = !!v.anonymous && v.types.includes('report') && !v.types.includes('complaint')
    const persons = anon ? [] : (v.persons ?? []).map(cleanPerson).filter((p): p is NonNullable<ReturnType<typeof cleanPerson>> => !!p)
    const agent = v.hasAgent && !v.types.includes('consultation') ? cleanPerson(v.agent) : undefined
    const body = {
      types: v.types,
      channel: v.channel,
      receivedAt: v.receivedAt ? v.receivedAt.toISOString() : undefined,
      externalNo: trimOrUndef(v.externalNo),
      category: v.category,
      productCode: v.productCode,
      summary: v.summary?.trim(),
      request: v.request?.trim(),
      facts: v.facts?.trim(),
      persons: persons.map((p) => ({ ...p, isRepresentative: persons.length > 1 ? p.isRepresentative : false })),
      anonymous: anon,
      agent: agent ? { ...agent, isRepresentative: undefined, authorization: v.agent?.authorization?.trim() ?? '' } : undefined,
      respondent: respondentBody(v.respondent),
      amountClaimedFen: v.amountClaimedYuan ? yuanToFen(v.amountClaimedYuan) : undefined,
      dispatchToUnitId: v.dispatchNow && preview?.suggestedUnit && !(v.answerNow && v.types.includes('consultation')) ? preview.suggestedUnit.id : undefined,
      answerNow: v.answerNow && v.types.includes('consultation') ? v.answerText?.trim() : undefined,
      answerId: v.answerNow && v.types.includes('consultation') ? v.answerId : undefined,
    }
    setSaving(true)
    setError(null)
    try {
      const r = await api.post<IntakeResult>('/api/complaints', body)
      // Attachments go to every item of the submission.
      const failed: string[] = []
      for (const it of r.items) {
        for (const f of files) {
          try {
            await api.post(`/api/complaints/${it.id}/attachments`, { kind: f.kind, fileName: f.file.name, contentBase64: await toBase64(f.file) })
          } catch (e) {
            failed.push(`${f.file.name}：${errorMessage(e)}`)
          }
        }
      }
      if (failed.length) message.warning(`部分附件未能上传：${failed.join('；')}`)
      message.success(`已登记 ${r.items.map((i) => i.itemNo).join('、')}`)
      setSaved(r)
      reset()
    } catch (e) {
      setError(applyServerError(form, e))
    } finally {
      setSaving(false)
    }
  }, [form, files, preview, message, reset])

  const onKeys = useFormKeys(() => void submit())

  // Page-wide shortcuts: Alt+1..4 type, Alt+N next item.
  useEffect(() => {
    const h = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return
      const preset = TYPE_PRESETS[e.key]
      if (preset) {
        e.preventDefault()
        setTypes(preset)
      } else if (e.key === 'n' || e.key === 'N') {
        e.preventDefault()
        setSaved(null)
        reset()
      }
    }
    window.addEventListener('keydown', h)
    return () => window.removeEventListener('keydown', h)
  }, [setTypes, reset])

  const pick = (s: Suggestion) => {
    setPicked(s)
    form.setFieldsValue({
      respondent: {
        entityId: s.entityId,
        name: s.name,
        uscc: s.uscc ?? undefined,
        address: s.address ?? undefined,
        division: s.division ?? s.domicileDivision ?? undefined,
        kind: s.kind,
        platformName: s.platformName ?? undefined,
      },
    })
  }

  const personLabel = isComplaint ? '投诉人' : isReport ? '举报人' : '咨询人'
  const productTree = useMemo(() => withProductSearch(PRODUCT_TREE), [])

  return (
    <div className="page c-intake">
      <PageHeader
        title="热线登记"
        subtitle={
          <span className="c-hints">
            <Kbd>Tab</Kbd>/<Kbd>Enter</Kbd> 下一项 · <Kbd>Shift+Tab</Kbd> 上一项 · <Kbd>↓</Kbd> 选择名录主体 · <Kbd>Alt+1</Kbd> 投诉 <Kbd>Alt+2</Kbd> 举报{' '}
            <Kbd>Alt+3</Kbd> 咨询 <Kbd>Alt+4</Kbd> 投诉+举报 · <Kbd>Ctrl+Enter</Kbd> 保存 · <Kbd>Alt+N</Kbd> 下一件
          </span>
        }
      />
      {saved ? (
        <SavedPanel
          key={saved.items.map((i) => i.id).join()}
          result={saved}
          onNext={() => {
            setSaved(null)
            reset()
          }}
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <div onKeyDownCapture={onKeys}>
            <Form<IntakeForm> form={form} name="intake" layout="vertical" initialValues={EMPTY} disabled={saving} onFinish={() => void submit()}>
              <Card size="small" className="filter-card" title="诉求信息">
                <Row gutter={12}>
                  <Col xs={24} md={10}>
                    <Form.Item name="types" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
                      <Checkbox.Group
                        onChange={(v) => {
                          const next = v as ItemType[]
                          const added = next.find((t) => !types.includes(t))
                          if (added === 'consultation') setTypes(['consultation'])
                          else if (added) setTypes(next.filter((t) => t !== 'consultation'))
                          else setTypes(next.length ? next : types)
                        }}
                        options={[
                          { value: 'complaint', label: '投诉' },
                          { value: 'report', label: '举报' },
                          { value: 'consultation', label: '咨询' },
                        ]}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={7}>
                    <Form.Item name="channel" label="渠道" rules={[{ required: true }]}>
                      <Select options={INTAKE_CHANNEL_OPTIONS} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={7}>
                    <Form.Item
                      name="receivedAt"
                      label="接收时间"
                      tooltip="默认为保存时刻；补录来信、转办件时填写"
                      extra={values.channel === 'letter' || values.channel === 'national_platform' ? '补录请填实际接收时间' : undefined}
                    >
                      <DatePicker
                        showTime={{ format: 'HH:mm' }}
                        format="YYYY-MM-DD HH:mm"
                        placeholder="现在"
                        style={{ width: '100%' }}
                        disabledDate={(d) => d.isAfter(new Date())}
                      />
                    </Form.Item>
                  </Col>
                  {values.channel === 'national_platform' ? (
                    <Col xs={24} md={10}>
                      <Form.Item name="externalNo" label="全国平台编号" rules={[zodRule(IntakeFields.externalNo)]}>
                        <Input maxLength={40} />
                      </Form.Item>
                    </Col>
                  ) : null}
                </Row>
                {types.length > 1 ? (
                  <Alert type="info" showIcon title="投诉与举报同时提出：保存后拆分为两件，分别编号、分别处理（相互关联）" style={{ marginBottom: 8 }} />
                ) : null}
              </Card>

              <Card
                size="small"
                className="filter-card"
                title={personLabel}
                extra={
                  isReport && !isComplaint ? (
                    <Form.Item name="anonymous" valuePropName="checked" noStyle>
                      <Checkbox>匿名举报</Checkbox>
                    </Form.Item>
                  ) : null
                }
              >
                {anonymous ? (
                  <Typography.Text type="secondary">匿名举报不登记举报人身份信息。</Typography.Text>
                ) : (
                  <Form.List name="persons">
                    {(fields, { add, remove }) => (
                      <>
                        {fields.map((f, i) => (
                          <Row gutter={8} key={f.key} align="top">
                            <Col xs={12} md={4}>
                              <Form.Item
                                name={[f.name, 'name']}
                                label={i === 0 ? '姓名' : `姓名（${i + 1}）`}
                                rules={[{ required: !isConsultation, message: '请填写姓名' }, zodRule(Person.shape.name)]}
                              >
                                <Input
                                  maxLength={LIMITS.name}
                                  autoFocus={i === 0}
                                  ref={
                                    i === 0
                                      ? (el) => {
                                          firstField.current = el?.input ?? null
                                        }
                                      : undefined
                                  }
                                  autoComplete="off"
                                />
                              </Form.Item>
                            </Col>
                            <Col xs={12} md={4}>
                              <Form.Item
                                name={[f.name, 'phone']}
                                label="联系电话"
                                rules={[{ required: isComplaint || (isReport && !anonymous), message: '请填写电话' }, zodRule(Person.shape.phone)]}
                              >
                                <Input maxLength={20} inputMode="tel" autoComplete="off" />
                              </Form.Item>
                            </Col>
                            <Col xs={24} md={9}>
                              <Form.Item
                                name={[f.name, 'address']}
                                label="通讯地址"
                                rules={[{ required: isComplaint, message: '投诉须填写通讯地址' }, zodRule(Person.shape.address)]}
                              >
                                <Input maxLength={LIMITS.address} autoComplete="off" />
                              </Form.Item>
                            </Col>
                            <Col xs={20} md={5}>
                              <Form.Item name={[f.name, 'idNo']} label="身份证件号码" rules={[zodRule(Person.shape.idNo)]}>
                                <Input maxLength={30} autoComplete="off" />
                              </Form.Item>
                            </Col>
                            <Col xs={4} md={2}>
                              {i > 0 ? (
                                <Form.Item label=" ">
                                  <Button icon={<DeleteOutlined />} aria-label={`删除第 ${i + 1} 人`} onClick={() => remove(f.name)} tabIndex={-1} />
                                </Form.Item>
                              ) : null}
                            </Col>
                            {fields.length > 1 ? (
                              <Col span={24} style={{ marginTop: -8 }}>
                                <Form.Item name={[f.name, 'isRepresentative']} valuePropName="checked" style={{ marginBottom: 4 }}>
                                  <Checkbox>推选为代表人</Checkbox>
                                </Form.Item>
                              </Col>
                            ) : null}
                          </Row>
                        ))}
                        {isComplaint && fields.length < LIMITS.persons ? (
                          <Button size="small" icon={<UserAddOutlined />} onClick={() => add({})} style={{ marginInlineEnd: 12 }}>
                            添加共同投诉人
                          </Button>
                        ) : null}
                      </>
                    )}
                  </Form.List>
                )}
                {!isConsultation ? (
                  <Form.Item name="hasAgent" valuePropName="checked" noStyle>
                    <Checkbox>委托代理人（有授权委托书）</Checkbox>
                  </Form.Item>
                ) : null}
                {values.hasAgent && !isConsultation ? (
                  <>
                    <Divider plain style={{ margin: '8px 0' }}>
                      代理人
                    </Divider>
                    <Row gutter={8}>
                      <Col xs={12} md={4}>
                        <Form.Item
                          name={['agent', 'name']}
                          label="代理人姓名"
                          rules={[{ required: true, message: '请填写代理人姓名' }, zodRule(Agent.shape.name)]}
                        >
                          <Input maxLength={LIMITS.name} autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item name={['agent', 'phone']} label="联系电话" rules={[zodRule(Agent.shape.phone)]}>
                          <Input maxLength={20} autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={5}>
                        <Form.Item name={['agent', 'idType']} label="证件类型">
                          <Select options={ID_TYPE_OPTIONS} allowClear />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={11}>
                        <Form.Item name={['agent', 'idNo']} label="证件号码" rules={[zodRule(Agent.shape.idNo)]}>
                          <Input maxLength={30} autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col span={24}>
                        <Form.Item
                          name={['agent', 'authorization']}
                          label="授权委托书（委托事项、权限和期限）"
                          rules={[{ required: true, message: '请填写授权委托书载明的事项、权限和期限' }, zodRule(Agent.shape.authorization)]}
                        >
                          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={1000} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </>
                ) : null}
              </Card>

              <Card size="small" className="filter-card" title={isComplaint ? '被投诉人' : isReport ? '被举报人' : '涉及经营者（可不填）'}>
                <Form.Item name={['respondent', 'entityId']} hidden>
                  <Input />
                </Form.Item>
                <Row gutter={8}>
                  <Col xs={24} md={14}>
                    <Form.Item
                      name={['respondent', 'name']}
                      label="名称"
                      rules={[{ required: isComplaint || isReport, message: '请填写名称' }, zodRule(Respondent.shape.name)]}
                      extra={
                        picked && values.respondent?.entityId ? (
                          <span data-testid="respondent-picked">
                            <Tag color="blue" className="c-tag">
                              名录
                            </Tag>{' '}
                            {picked.uscc ?? ''} {picked.stationName ? `· ${picked.stationName}` : ''}
                            {picked.openItems ? ` · 该主体另有未办结 ${picked.openItems} 件` : ''}
                          </span>
                        ) : values.respondent?.name ? (
                          '未关联名录（按未登记主体登记，请填写地址和区划）'
                        ) : undefined
                      }
                    >
                      <RespondentLookup
                        onPick={pick}
                        onChange={(v) => {
                          // Typing after a pick unlinks the register entry.
                          if (picked && v !== picked.name) {
                            setPicked(null)
                            form.setFieldValue(['respondent', 'entityId'], undefined)
                          }
                        }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item
                      name={['respondent', 'uscc']}
                      label="统一社会信用代码"
                      normalize={(v: string) => v?.toUpperCase()}
                      rules={[zodRule(Respondent.shape.uscc)]}
                    >
                      <Input maxLength={18} autoComplete="off" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={14}>
                    <Form.Item name={['respondent', 'address']} label="地址（经营场所）" rules={[zodRule(Respondent.shape.address)]}>
                      <Input maxLength={LIMITS.address} autoComplete="off" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item name={['respondent', 'division']} label="经营地所在区划" tooltip="确定管辖单位（属地管辖）；名录中的主体自动带出">
                      <DivisionField placeholder="如：解放区、民生街道" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={['respondent', 'kind']} label="经营方式">
                      <Select options={RESPONDENT_KIND_OPTIONS} />
                    </Form.Item>
                  </Col>
                  {values.respondent?.kind === 'platform_seller' ? (
                    <>
                      <Col xs={24} md={8}>
                        <Form.Item name={['respondent', 'platformName']} label="所在平台">
                          <Input maxLength={100} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item name={['respondent', 'sellerAddressUnavailable']} label=" " valuePropName="checked">
                          <Checkbox>未公示地址或无法联系</Checkbox>
                        </Form.Item>
                      </Col>
                    </>
                  ) : null}
                </Row>
              </Card>

              <Card size="small" className="filter-card" title="诉求内容">
                <Row gutter={8}>
                  <Col xs={12} md={6}>
                    <Form.Item name="category" label="问题分类" rules={[{ required: true, message: '请选择分类' }]}>
                      <Select options={CATEGORY_OPTIONS} showSearch={{ optionFilterProp: 'label' }} placeholder="选择或输入" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={8}>
                    <Form.Item name="productCode" label="商品/服务分类">
                      <TreeSelect
                        treeData={productTree}
                        showSearch={{ treeNodeFilterProp: 'search' }}
                        treeDefaultExpandAll
                        allowClear
                        placeholder="如：口罩、酸奶、健身卡"
                        popupMatchSelectWidth={false}
                        data-testid="intake-product"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item name="summary" label="诉求摘要" rules={[{ required: true, message: '请填写摘要' }, zodRule(IntakeFields.summary)]}>
                      <Input maxLength={LIMITS.summary} autoComplete="off" placeholder="一句话概括，如：购买口罩疑似三无产品" />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item name="facts" label="事实与理由" rules={[{ required: true, message: '请填写事实与理由' }, zodRule(IntakeFields.facts)]}>
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={LIMITS.facts} showCount />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={16}>
                    <Form.Item
                      name="request"
                      label={isConsultation ? '咨询问题' : '具体诉求'}
                      rules={[{ required: true, message: '请填写诉求' }, zodRule(IntakeFields.request)]}
                    >
                      <Input.TextArea
                        autoSize={{ minRows: 1, maxRows: 4 }}
                        maxLength={LIMITS.request}
                        placeholder={isConsultation ? '' : '如：退货退款、赔偿损失、查处违法行为'}
                      />
                    </Form.Item>
                  </Col>
                  {isConsultation ? (
                    <Col span={24}>
                      <Form.Item name="answerNow" valuePropName="checked" style={{ marginBottom: values.answerNow ? 8 : undefined }}>
                        <Checkbox data-testid="answer-now">当场答复并办结（来电咨询已当场解答）</Checkbox>
                      </Form.Item>
                      {values.answerNow ? (
                        <Row gutter={8} data-testid="answer-now-fields">
                          <Col xs={24} md={10}>
                            <Form.Item name="answerId" label="常用语（可选）" tooltip="检索常用语后选中，答复内容自动带出，可再修改">
                              <AnswerPicker category={values.category} onPick={(a) => form.setFieldValue('answerText', a.answer)} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={14}>
                            <Form.Item
                              name="answerText"
                              label="答复内容"
                              rules={[{ required: true, whitespace: true, message: '请填写答复内容' }, zodRule(IntakeFields.answerNow)]}
                            >
                              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={LIMITS.request} data-testid="answer-text" />
                            </Form.Item>
                          </Col>
                        </Row>
                      ) : null}
                    </Col>
                  ) : null}
                  {isComplaint ? (
                    <Col xs={24} md={8}>
                      <Form.Item name="amountClaimedYuan" label="涉及金额（元）">
                        <InputNumber min={0} max={1e10} precision={2} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  ) : null}
                </Row>
                <div data-enter-skip>
                  <Upload
                    multiple
                    showUploadList={false}
                    beforeUpload={(f) => {
                      if (f.size > LIMITS.attachmentBytes) message.error(`${f.name} 超过 5 MB`)
                      else if (files.length >= LIMITS.attachmentsPerItem) message.error(`每件最多 ${LIMITS.attachmentsPerItem} 个附件`)
                      else setFiles((xs) => [...xs, { uid: f.uid, file: f, kind: /委托/.test(f.name) ? 'power_of_attorney' : 'evidence' }])
                      return false
                    }}
                    accept=".pdf,.jpg,.jpeg,.png,.docx"
                  >
                    <Button size="small" icon={<PaperClipOutlined />}>
                      添加附件（PDF、JPG、PNG、DOCX，每个不超过 5 MB）
                    </Button>
                  </Upload>
                  {files.map((f) => (
                    <Flex key={f.uid} gap={8} align="center" style={{ marginTop: 6 }}>
                      <PaperClipOutlined />
                      <Typography.Text ellipsis style={{ maxWidth: 320 }}>
                        {f.file.name}
                      </Typography.Text>
                      <Typography.Text type="secondary">{Math.max(1, Math.ceil(f.file.size / 1024))} KB</Typography.Text>
                      <Select
                        size="small"
                        value={f.kind}
                        options={ATTACHMENT_KIND_OPTIONS}
                        style={{ width: 120 }}
                        onChange={(k) => setFiles((xs) => xs.map((x) => (x.uid === f.uid ? { ...x, kind: k } : x)))}
                      />
                      <Button
                        size="small"
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={`移除 ${f.file.name}`}
                        onClick={() => setFiles((xs) => xs.filter((x) => x.uid !== f.uid))}
                      />
                    </Flex>
                  ))}
                </div>
              </Card>

              <Card size="small" className="filter-card">
                {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="intake-error" /> : null}
                <Flex justify="space-between" align="center" wrap gap={8}>
                  {can(P.dispatch) && !isConsultation ? (
                    <Form.Item name="dispatchNow" valuePropName="checked" noStyle>
                      <Checkbox disabled={!preview?.suggestedUnit}>
                        保存后立即分送至{' '}
                        {preview?.suggestedUnit ? <Typography.Text strong>{preview.suggestedUnit.name}</Typography.Text> : '建议单位（待确定）'}
                      </Checkbox>
                    </Form.Item>
                  ) : (
                    <span />
                  )}
                  <Space>
                    <Button onClick={reset} tabIndex={-1}>
                      清空
                    </Button>
                    <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="intake-submit" data-enter-stop>
                      {isConsultation && values.answerNow ? '保存并答复办结' : '保存登记'} <Kbd>Ctrl+Enter</Kbd>
                    </Button>
                  </Space>
                </Flex>
              </Card>
            </Form>
          </div>
        </Col>
        <Col xs={24} xl={8}>
          <div className="c-preview">
            <PreviewPanel values={values} onLoaded={setPreview} />
            <Card size="small" style={{ marginTop: 12 }} title="提示">
              <ul style={{ margin: 0, paddingInlineStart: 18, fontSize: 13 }}>
                <li>投诉须有投诉人姓名、电话、通讯地址，被投诉人名称和地址，具体诉求和事实（第九条）。</li>
                <li>举报可匿名；实名举报须留联系电话，身份信息只对承办人可见。</li>
                <li>名录中的主体自动带出地址和区划；未登记主体请填区划以便确定管辖。</li>
                <li>
                  <PlusOutlined /> 保存后会检查疑似重复件，可一键合并。
                </li>
              </ul>
            </Card>
          </div>
        </Col>
      </Row>
    </div>
  )
}

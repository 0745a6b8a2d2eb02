import { CopyOutlined, SafetyCertificateOutlined, SendOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Checkbox, Form, Input, Progress, Radio, Result, Select, Space, Typography } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { api, ApiError, errorMessage } from '../api/client'
import { CATEGORY_OPTIONS, LIMITS } from '../components/complaint/labels'
import { PortalShell } from '../components/complaint/PortalShell'
import { PublicRespondentLookup, type PublicSuggestion } from '../components/complaint/PublicRespondentLookup'
import { solvePow } from '../components/complaint/pow'
import type { Challenge, PortalSubmitResult } from '../components/complaint/types'
import { applyServerError } from '../components/formError'

interface SubmitForm {
  type: 'complaint' | 'report'
  category?: string
  respondentName?: string
  respondentAddress?: string
  respondentUscc?: string
  summary?: string
  request?: string
  facts?: string
  name?: string
  phone?: string
  address?: string
  anonymous?: boolean
  website?: string
}

const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/
const PHONE = /^[\d+\-\s()]{5,20}$/
const opts = { noAuthRedirect: true }
const t = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined)

interface Solved { token: string; nonce: string; expiresAt: string }

/**
 * The proof of work the server asks of every submission: solved in the background once the
 * person starts filling in the form, again if it expired or was used.
 */
function usePow() {
  const [progress, setProgress] = useState<number | null>(null)
  const solved = useRef<Solved | null>(null)
  const running = useRef<Promise<Solved> | null>(null)

  const ensure = useCallback((): Promise<Solved> => {
    const s = solved.current
    if (s && Date.parse(s.expiresAt) - Date.now() > 60_000) return Promise.resolve(s)
    if (running.current) return running.current
    const p = (async () => {
      setProgress(0)
      try {
        const c = await api.get<Challenge>('/api/public/complaints/challenge', undefined, opts)
        const expected = 2 ** c.difficulty
        const nonce = await solvePow(c.token, c.difficulty, (tried) => setProgress(Math.min(99, Math.round((1 - Math.exp(-tried / expected)) * 100))))
        solved.current = { token: c.token, nonce, expiresAt: c.expiresAt }
        return solved.current
      } finally {
        setProgress(null)
        running.current = null
      }
    })()
    running.current = p
    return p
  }, [])
  const consume = useCallback(() => {
    solved.current = null
  }, [])
  return { ensure, consume, progress }
}

function Submitted({ r, onAgain }: { r: PortalSubmitResult; onAgain: () => void }) {
  const { message } = App.useApp()
  const navigate = useNavigate()
  const copy = (text: string, what: string) =>
    navigator.clipboard?.writeText(text).then(() => message.success(`已复制${what}`), () => message.info('请手动记下'))
  return (
    <Card>
      <Result
        status="success"
        title="提交成功"
        subTitle="我们将在 7 个工作日内决定是否受理（举报在 15 个工作日内核查处理），进展可凭编号和查询码查询。"
        style={{ padding: '16px 0' }}
      />
      <Alert type="warning" showIcon title="请立即记下或截图保存编号和查询码" description="查询码只显示这一次，不会再次显示，也无法找回。查询办理进度和评价都需要它。" style={{ marginBottom: 16 }} />
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="portal-result">
        <div>
          <Typography.Text type="secondary">诉求编号</Typography.Text>
          <div>
            <span className="portal-code" data-testid="portal-item-no">{r.itemNo}</span>{' '}
            <Button size="small" type="text" icon={<CopyOutlined />} onClick={() => copy(r.itemNo, '编号')} aria-label="复制编号" />
          </div>
        </div>
        <div>
          <Typography.Text type="secondary">查询码</Typography.Text>
          <div>
            <span className="portal-code" data-testid="portal-query-code">{r.queryCode}</span>{' '}
            <Button size="small" type="text" icon={<CopyOutlined />} onClick={() => copy(r.queryCode, '查询码')} aria-label="复制查询码" />
          </div>
        </div>
        <Space wrap>
          <Button type="primary" onClick={() => navigate('/public/12315/track', { state: { itemNo: r.itemNo, queryCode: r.queryCode } })}>
            查询办理进度
          </Button>
          <Button onClick={onAgain}>再提交一件</Button>
        </Space>
      </Space>
    </Card>
  )
}

/** 网上投诉举报: the public submits a complaint or report without an account. */
export default function PortalComplaintPage() {
  const [form] = Form.useForm<SubmitForm>()
  const type = Form.useWatch('type', form) ?? 'complaint'
  const anonymous = !!Form.useWatch('anonymous', form) && type === 'report'
  const { ensure, consume, progress } = usePow()
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<PortalSubmitResult | null>(null)
  const [respondent, setRespondent] = useState<PublicSuggestion | null>(null)
  const started = useRef(false)

  useEffect(() => {
    if (type === 'complaint') form.setFieldValue('anonymous', false)
  }, [type, form])

  const submit = async (v: SubmitForm) => {
    setSending(true)
    setError(null)
    try {
      const pow = await ensure()
      const body = {
        challenge: pow.token,
        nonce: pow.nonce,
        website: v.website ?? '',
        type: v.type,
        category: v.category,
        summary: t(v.summary),
        request: t(v.request),
        facts: t(v.facts),
        name: anonymous ? undefined : t(v.name),
        phone: anonymous ? undefined : t(v.phone),
        address: anonymous ? undefined : t(v.address),
        anonymous,
        respondentName: t(v.respondentName),
        respondentEntityId: respondent && respondent.name === t(v.respondentName) ? respondent.entityId : undefined,
        respondentAddress: t(v.respondentAddress),
        respondentUscc: t(v.respondentUscc)?.toUpperCase(),
      }
      consume()
      const r = await api.post<PortalSubmitResult>('/api/public/complaints', body, opts)
      setResult(r)
      window.scrollTo({ top: 0 })
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) setError('提交过于频繁，请稍后再试')
      else setError(e instanceof ApiError ? applyServerError(form, e) : errorMessage(e))
    } finally {
      setSending(false)
    }
  }

  if (result) {
    return (
      <PortalShell title="提交成功">
        <Submitted r={result} onAgain={() => { setResult(null); form.resetFields() }} />
      </PortalShell>
    )
  }

  return (
    <PortalShell title="网上投诉举报">
      <Card>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="投诉：消费者与经营者的消费纠纷，请求调解；举报：反映经营者的违法行为，请求查处。"
          description="投诉须填写您的姓名、电话、通讯地址和被投诉人地址；举报可以匿名。"
        />
        <Form<SubmitForm>
          form={form}
          layout="vertical"
          initialValues={{ type: 'complaint', anonymous: false }}
          onFinish={submit}
          disabled={sending}
          onValuesChange={() => {
            // Start the submission check in the background once the person begins.
            if (!started.current) {
              started.current = true
              ensure().catch(() => undefined)
            }
          }}
          scrollToFirstError
        >
          <Form.Item name="type" label="类型" rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'complaint', label: '我要投诉' }, { value: 'report', label: '我要举报' }]} />
          </Form.Item>
          <Form.Item name="category" label="问题分类" rules={[{ required: true, message: '请选择问题分类' }]}>
            <Select options={CATEGORY_OPTIONS} placeholder="请选择" />
          </Form.Item>
          <Typography.Title level={5}>{type === 'complaint' ? '被投诉经营者' : '被举报经营者'}</Typography.Title>
          <Form.Item name="respondentName" label="名称（店名或公司名）" rules={[{ required: true, whitespace: true, message: '请填写经营者名称' }, { max: 100 }]}>
            <PublicRespondentLookup picked={respondent} onPick={(s) => {
              setRespondent(s)
              if (s) form.setFieldsValue({ respondentAddress: s.address ?? undefined, respondentUscc: s.uscc ?? undefined })
            }} />
          </Form.Item>
          <Form.Item name="respondentAddress" label="地址（经营场所）" rules={[{ required: type === 'complaint', whitespace: true, message: '投诉须填写被投诉人地址' }, { max: LIMITS.address }]}>
            <Input maxLength={LIMITS.address} placeholder="如：焦作市解放区民主南路18号" />
          </Form.Item>
          <Form.Item name="respondentUscc" label="统一社会信用代码（知道的可填）" normalize={(v: string) => v?.toUpperCase()} rules={[{ pattern: USCC, message: '应为 18 位代码' }]}>
            <Input maxLength={18} />
          </Form.Item>
          <Typography.Title level={5}>诉求内容</Typography.Title>
          <Form.Item name="summary" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: LIMITS.summary }]}>
            <Input maxLength={LIMITS.summary} placeholder="一句话说明，如：买到过期食品" />
          </Form.Item>
          <Form.Item name="facts" label="事实经过" rules={[{ required: true, whitespace: true, message: '请填写事实经过' }, { max: LIMITS.portalFacts }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={LIMITS.portalFacts} showCount placeholder="时间、地点、购买的商品或服务、发生了什么" />
          </Form.Item>
          <Form.Item name="request" label={type === 'complaint' ? '您的诉求' : '请求查处的事项'} rules={[{ required: true, whitespace: true, message: '请填写诉求' }, { max: LIMITS.request }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={LIMITS.request} placeholder={type === 'complaint' ? '如：退货退款、赔偿损失' : '如：依法查处'} />
          </Form.Item>
          <Typography.Title level={5}>您的信息</Typography.Title>
          {type === 'report' ? (
            <Form.Item name="anonymous" valuePropName="checked">
              <Checkbox>匿名举报（不留姓名和联系方式，将无法告知您处理结果）</Checkbox>
            </Form.Item>
          ) : null}
          {!anonymous ? (
            <>
              <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: LIMITS.name }]}>
                <Input maxLength={LIMITS.name} autoComplete="name" />
              </Form.Item>
              <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }, { pattern: PHONE, message: '电话格式不正确' }]}>
                <Input maxLength={20} inputMode="tel" autoComplete="tel" />
              </Form.Item>
              <Form.Item name="address" label="通讯地址" rules={[{ required: type === 'complaint', whitespace: true, message: '投诉须填写通讯地址' }, { max: LIMITS.address }]}>
                <Input maxLength={LIMITS.address} autoComplete="street-address" />
              </Form.Item>
            </>
          ) : null}
          {/* Honeypot: hidden from people and screen readers; a bot that fills it is turned away. */}
          <div className="portal-hp" aria-hidden="true">
            <Form.Item name="website" label="网址（请勿填写）">
              <Input tabIndex={-1} autoComplete="off" />
            </Form.Item>
          </div>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="portal-error" /> : null}
          {progress !== null && sending ? (
            <div style={{ marginBottom: 12 }} data-testid="portal-pow">
              <Typography.Text type="secondary">
                <SafetyCertificateOutlined /> 正在进行提交安全校验（防止恶意批量提交，通常不到 1 秒）
              </Typography.Text>
              <Progress percent={progress} size="small" status="active" />
            </div>
          ) : null}
          <Button type="primary" htmlType="submit" block size="large" icon={<SendOutlined />} loading={sending} data-testid="portal-submit">
            提交
          </Button>
        </Form>
      </Card>
    </PortalShell>
  )
}

import { CopyOutlined, DeleteOutlined, PaperClipOutlined, SafetyCertificateOutlined, SendOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Typography,
  Upload,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { PortalFields } from '../../../src/shared/complaints/schema'
import { api, ApiError, errorMessage } from '../api/client'
import { CATEGORY_OPTIONS, LIMITS, yuanToFen } from '../components/complaint/labels'
import { PortalShell } from '../components/complaint/PortalShell'
import { PublicRespondentLookup, type PublicSuggestion } from '../components/complaint/PublicRespondentLookup'
import { solvePow } from '../components/complaint/pow'
import type { Challenge, PortalSubmitResult } from '../components/complaint/types'
import { applyServerError } from '../components/formError'
import { zodRule } from '../components/zodRule'

interface SubmitForm {
  type: 'complaint' | 'report' | 'consultation'
  purchasedOn?: Dayjs | null
  amountYuan?: number | null
  privacyAccepted?: boolean
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

const opts = { noAuthRedirect: true }
const t = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined)
const PORTAL_FILE = /\.(jpe?g|png|pdf)$/i
const toBase64 = (f: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''))
    r.onerror = () => reject(new Error(`读取文件 ${f.name} 失败`))
    r.readAsDataURL(f)
  })

/** What the bureau does with the personal data given on this form (shown above the consent box). */
function PrivacyStatement() {
  return (
    <div className="portal-privacy" id="privacy" data-testid="portal-privacy">
      <Typography.Text strong>个人信息保护说明</Typography.Text>
      <div>
        您填写的姓名、联系电话、通讯地址和上传的材料，仅用于受理、办理和答复本次诉求，以及依法进行的统计和监督检查；由市场监管部门依法保存，不向无关单位和个人提供。
        投诉需要调解的，您的姓名和诉求会告知被投诉人以便调解；举报人的身份信息依法保密，不会告知被举报人。您可以凭编号和查询码查询办理进度；如需更正或查阅您的信息，请拨打
        12315 热线。 依据：《中华人民共和国个人信息保护法》《市场监督管理投诉举报处理办法》。
      </div>
    </div>
  )
}

interface Solved {
  token: string
  nonce: string
  expiresAt: string
}

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
    navigator.clipboard?.writeText(text).then(
      () => message.success(`已复制${what}`),
      () => message.info('请手动记下'),
    )
  return (
    <Card>
      <Result
        status="success"
        title="提交成功"
        subTitle="我们将在 7 个工作日内决定是否受理（举报在 15 个工作日内核查处理），进展可凭编号和查询码查询。"
        style={{ padding: '16px 0' }}
      />
      <Alert
        type="warning"
        showIcon
        title="请立即记下或截图保存编号和查询码"
        description="查询码只显示这一次，不会再次显示，也无法找回。查询办理进度和评价都需要它。"
        style={{ marginBottom: 16 }}
      />
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="portal-result">
        <div>
          <Typography.Text type="secondary">诉求编号</Typography.Text>
          <div>
            <span className="portal-code" data-testid="portal-item-no">
              {r.itemNo}
            </span>{' '}
            <Button size="small" type="text" icon={<CopyOutlined />} onClick={() => copy(r.itemNo, '编号')} aria-label="复制编号" />
          </div>
        </div>
        <div>
          <Typography.Text type="secondary">查询码</Typography.Text>
          <div>
            <span className="portal-code" data-testid="portal-query-code">
              {r.queryCode}
            </span>{' '}
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
  const [files, setFiles] = useState<File[]>([])
  const started = useRef(false)
  const { message } = App.useApp()

  useEffect(() => {
    if (type === 'complaint') form.setFieldValue('anonymous', false)
  }, [type, form])

  const submit = async (v: SubmitForm) => {
    setSending(true)
    setError(null)
    try {
      const attachments = await Promise.all(files.map(async (f) => ({ fileName: f.name, contentBase64: await toBase64(f) })))
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
        purchasedOn: v.purchasedOn ? v.purchasedOn.format('YYYY-MM-DD') : undefined,
        amountFen: v.amountYuan ? yuanToFen(v.amountYuan) : undefined,
        attachments,
        privacyAccepted: v.privacyAccepted === true,
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
        <Submitted
          r={result}
          onAgain={() => {
            setResult(null)
            setFiles([])
            form.resetFields()
          }}
        />
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
          title="投诉：消费者与经营者的消费纠纷，请求调解；举报：反映经营者的违法行为，请求查处；咨询：询问政策法规和维权途径。"
          description="投诉须填写您的姓名、电话、通讯地址和被投诉人地址；举报可以匿名；咨询请留电话以便答复。"
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
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'complaint', label: '我要投诉' },
                { value: 'report', label: '我要举报' },
                { value: 'consultation', label: '我要咨询' },
              ]}
            />
          </Form.Item>
          <Form.Item name="category" label="问题分类" rules={[{ required: true, message: '请选择问题分类' }]}>
            <Select options={CATEGORY_OPTIONS} placeholder="请选择" />
          </Form.Item>
          <Typography.Title level={5}>{type === 'complaint' ? '被投诉经营者' : type === 'report' ? '被举报经营者' : '涉及的经营者（可不填）'}</Typography.Title>
          <Form.Item
            name="respondentName"
            label="名称（店名或公司名）"
            rules={[{ required: type !== 'consultation', whitespace: true, message: '请填写经营者名称' }, zodRule(PortalFields.respondentName)]}
          >
            <PublicRespondentLookup
              picked={respondent}
              onPick={(s) => {
                setRespondent(s)
                if (s) form.setFieldsValue({ respondentAddress: s.address ?? undefined, respondentUscc: s.uscc ?? undefined })
              }}
            />
          </Form.Item>
          <Form.Item
            name="respondentAddress"
            label="地址（经营场所）"
            rules={[{ required: type === 'complaint', whitespace: true, message: '投诉须填写被投诉人地址' }, zodRule(PortalFields.respondentAddress)]}
          >
            <Input maxLength={LIMITS.address} placeholder="如：焦作市解放区民主南路18号" />
          </Form.Item>
          <Form.Item
            name="respondentUscc"
            label="统一社会信用代码（知道的可填）"
            normalize={(v: string) => v?.toUpperCase()}
            rules={[zodRule(PortalFields.respondentUscc)]}
          >
            <Input maxLength={18} />
          </Form.Item>
          <Typography.Title level={5}>诉求内容</Typography.Title>
          <Form.Item name="summary" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, zodRule(PortalFields.summary)]}>
            <Input maxLength={LIMITS.summary} placeholder="一句话说明，如：买到过期食品" />
          </Form.Item>
          <Form.Item name="facts" label="事实经过" rules={[{ required: true, whitespace: true, message: '请填写事实经过' }, zodRule(PortalFields.facts)]}>
            <Input.TextArea
              autoSize={{ minRows: 4, maxRows: 12 }}
              maxLength={LIMITS.portalFacts}
              showCount
              placeholder="时间、地点、购买的商品或服务、发生了什么"
            />
          </Form.Item>
          <Form.Item
            name="request"
            label={type === 'complaint' ? '您的诉求' : '请求查处的事项'}
            rules={[{ required: true, whitespace: true, message: '请填写诉求' }, zodRule(PortalFields.request)]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={LIMITS.request}
              placeholder={type === 'complaint' ? '如：退货退款、赔偿损失' : '如：依法查处'}
            />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="purchasedOn" label="购买（消费）日期" style={{ flex: '1 1 160px' }}>
              <DatePicker
                style={{ width: '100%' }}
                placeholder="选择日期"
                disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs('2000-01-01'))}
                inputReadOnly
                data-testid="portal-purchased-on"
              />
            </Form.Item>
            <Form.Item name="amountYuan" label="涉及金额（元）" style={{ flex: '1 1 160px' }}>
              <InputNumber min={0} max={1e8} precision={2} style={{ width: '100%' }} inputMode="decimal" placeholder="如 199.00" data-testid="portal-amount" />
            </Form.Item>
          </Flex>
          <Form.Item
            label={`照片、购物凭证（JPG、PNG、PDF，最多 ${LIMITS.portalAttachments} 个，每个不超过 ${LIMITS.portalAttachmentBytes / 1024 / 1024} MB）`}
          >
            <Upload
              multiple
              showUploadList={false}
              accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
              beforeUpload={(f) => {
                if (!PORTAL_FILE.test(f.name)) message.error(`${f.name}：只能上传 JPG、PNG 或 PDF 文件`)
                else if (f.size > LIMITS.portalAttachmentBytes) message.error(`${f.name} 超过 ${LIMITS.portalAttachmentBytes / 1024 / 1024} MB`)
                else setFiles((xs) => (xs.length >= LIMITS.portalAttachments ? (message.error(`最多上传 ${LIMITS.portalAttachments} 个附件`), xs) : [...xs, f]))
                return false
              }}
            >
              <Button icon={<PaperClipOutlined />} data-testid="portal-attach">
                添加照片或凭证
              </Button>
            </Upload>
            {files.map((f, i) => (
              <Flex key={`${f.name}-${i}`} gap={8} align="center" style={{ marginTop: 6 }} data-testid="portal-file">
                <PaperClipOutlined />
                <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                  {f.name}
                </Typography.Text>
                <Typography.Text type="secondary">{Math.max(1, Math.ceil(f.size / 1024))} KB</Typography.Text>
                <Button
                  size="small"
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={`移除 ${f.name}`}
                  onClick={() => setFiles((xs) => xs.filter((_, j) => j !== i))}
                />
              </Flex>
            ))}
          </Form.Item>
          <Typography.Title level={5}>您的信息</Typography.Title>
          {type === 'report' ? (
            <Form.Item name="anonymous" valuePropName="checked">
              <Checkbox>匿名举报（不留姓名和联系方式，将无法告知您处理结果）</Checkbox>
            </Form.Item>
          ) : null}
          {!anonymous ? (
            <>
              <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, zodRule(PortalFields.name)]}>
                <Input maxLength={LIMITS.name} autoComplete="name" />
              </Form.Item>
              <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }, zodRule(PortalFields.phone)]}>
                <Input maxLength={20} inputMode="tel" autoComplete="tel" />
              </Form.Item>
              <Form.Item
                name="address"
                label="通讯地址"
                rules={[{ required: type === 'complaint', whitespace: true, message: '投诉须填写通讯地址' }, zodRule(PortalFields.address)]}
              >
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
          <PrivacyStatement />
          <Form.Item
            name="privacyAccepted"
            valuePropName="checked"
            rules={[
              {
                validator: async (_, v) => {
                  const r = PortalFields.privacyAccepted.safeParse(v)
                  if (!r.success) throw new Error(r.error.issues[0]?.message)
                },
              },
            ]}
          >
            <Checkbox data-testid="portal-privacy-accept">我已阅读并同意《个人信息保护说明》</Checkbox>
          </Form.Item>
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

import { DownloadOutlined, KeyOutlined, SearchOutlined, StarOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Collapse, Descriptions, Form, Input, Rate, Space, Tag, Timeline, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useLocation } from 'react-router-dom'
import { ItemNo, Phone, QueryCode } from '../../../src/shared/complaints/schema'
import { api, ApiError, errorMessage } from '../api/client'
import { fenToYuan } from '../components/complaint/labels'
import { fmtDateTimeShort } from '../components/labels'
import { PortalShell } from '../components/complaint/PortalShell'
import type { Recovered, Track } from '../components/complaint/types'
import { zodRule } from '../components/zodRule'

const opts = { noAuthRedirect: true }
const RATE_TEXT = ['非常不满意', '不满意', '一般', '满意', '非常满意']
const fmt = (iso: string) => fmtDateTimeShort(iso)

function RateForm({ creds, onRated }: { creds: { itemNo: string; queryCode: string }; onRated: (t: Track) => void }) {
  const { message } = App.useApp()
  const [value, setValue] = useState(0)
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const send = async () => {
    setBusy(true)
    setError(null)
    try {
      onRated(await api.post<Track>('/api/public/complaints/rate', { ...creds, satisfaction: value, comment: comment.trim() || undefined }, opts))
      message.success('感谢您的评价')
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Card
      size="small"
      title={
        <span>
          <StarOutlined /> 满意度评价
        </span>
      }
      style={{ marginTop: 12 }}
      data-testid="portal-rate"
    >
      <Typography.Paragraph type="secondary">您的诉求已办结，请对办理情况作出评价（只能评价一次）。</Typography.Paragraph>
      <Rate value={value} onChange={setValue} tooltips={RATE_TEXT} style={{ fontSize: 28 }} />
      {value ? <Typography.Text style={{ marginInlineStart: 8 }}>{RATE_TEXT[value - 1]}</Typography.Text> : null}
      <Input.TextArea
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder="意见和建议（可不填）"
        style={{ marginTop: 8 }}
      />
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} /> : null}
      <Button type="primary" block style={{ marginTop: 8 }} disabled={!value} loading={busy} onClick={send} data-testid="portal-rate-submit">
        提交评价
      </Button>
    </Card>
  )
}

/** Downloads a served notice (the code goes in a POST body, never in an address). */
async function downloadNotice(creds: { itemNo: string; queryCode: string }, kind: string, title: string) {
  const res = await fetch('/api/public/complaints/documents', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...creds, kind }),
  })
  if (!res.ok) throw new Error(res.status === 404 ? '该告知书暂不能下载，请刷新进度后重试' : '下载失败，请稍后再试')
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = `${creds.itemNo}-${title}.html`
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * 找回查询码: item number + the phone given at submission. The server answers the same way whether
 * or not they match (so nobody can test numbers and phones); the page says so plainly.
 */
function RecoverForm({ onCode }: { onCode: (itemNo: string, code: string) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [got, setGot] = useState<Recovered | null>(null)
  const send = async (v: { itemNo: string; phone: string }) => {
    setBusy(true)
    setError(null)
    try {
      setGot(await api.post<Recovered>('/api/public/complaints/recover', { itemNo: v.itemNo.trim().toUpperCase(), phone: v.phone.trim() }, opts))
    } catch (e) {
      setGot(null)
      setError(e instanceof ApiError && e.status === 429 ? errorMessage(e) || '次数过多，请稍后再试' : errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Form layout="vertical" onFinish={send} disabled={busy} data-testid="recover-form">
      <Typography.Paragraph type="secondary">填写诉求编号和提交时留的联系电话，将生成新的查询码，原查询码同时作废。</Typography.Paragraph>
      <Form.Item
        name="itemNo"
        label="诉求编号"
        rules={[{ required: true, whitespace: true, message: '请填写诉求编号' }, zodRule(ItemNo)]}
        normalize={(v: string) => v?.toUpperCase()}
      >
        <Input maxLength={30} autoComplete="off" data-testid="recover-no" />
      </Form.Item>
      <Form.Item name="phone" label="提交时留的联系电话" rules={[{ required: true, message: '请填写联系电话' }, zodRule(Phone)]}>
        <Input maxLength={20} inputMode="tel" autoComplete="tel" data-testid="recover-phone" />
      </Form.Item>
      <Button htmlType="submit" block icon={<KeyOutlined />} loading={busy} data-testid="recover-submit">
        生成新的查询码
      </Button>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="recover-error" /> : null}
      {got ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="recover-result"
          title={
            <span>
              新的查询码：
              <span className="portal-code" data-testid="recover-code">
                {got.queryCode}
              </span>
            </span>
          }
          description={
            <div>
              <div>
                如果编号和电话与提交时一致，这个查询码立即生效，原查询码作废；如果用它查询提示“不正确”，说明编号或电话与登记信息不一致，请核对后重试或拨打
                12315。
              </div>
              <Button size="small" type="primary" style={{ marginTop: 8 }} onClick={() => onCode(got.itemNo, got.queryCode)} data-testid="recover-use">
                用新查询码查询
              </Button>
            </div>
          }
        />
      ) : null}
    </Form>
  )
}

/** 查询办理进度: item number + query code → the public timeline; rating at closure. */
export default function PortalTrackPage() {
  const location = useLocation()
  const initial = location.state as { itemNo?: string; queryCode?: string } | null
  const [form] = Form.useForm<{ itemNo: string; queryCode: string }>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [track, setTrack] = useState<Track | null>(null)
  const [creds, setCreds] = useState<{ itemNo: string; queryCode: string } | null>(null)
  const { message } = App.useApp()

  const query = async (v: { itemNo: string; queryCode: string }) => {
    const c = { itemNo: v.itemNo.trim().toUpperCase(), queryCode: v.queryCode.trim().toUpperCase() }
    setBusy(true)
    setError(null)
    try {
      setTrack(await api.post<Track>('/api/public/complaints/track', c, opts))
      setCreds(c)
    } catch (e) {
      setTrack(null)
      setError(
        e instanceof ApiError && e.status === 404
          ? '诉求编号或查询码不正确，请核对后重试'
          : e instanceof ApiError && e.status === 429
            ? '查询过于频繁，请稍后再试'
            : errorMessage(e),
      )
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    if (initial?.itemNo && initial.queryCode) {
      form.setFieldsValue({ itemNo: initial.itemNo, queryCode: initial.queryCode })
      void query({ itemNo: initial.itemNo, queryCode: initial.queryCode })
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return (
    <PortalShell title="查询办理进度">
      <Card>
        <Form form={form} layout="vertical" onFinish={query} disabled={busy}>
          <Form.Item
            name="itemNo"
            label="诉求编号"
            rules={[{ required: true, whitespace: true, message: '请填写诉求编号' }, zodRule(ItemNo)]}
            normalize={(v: string) => v?.toUpperCase()}
          >
            <Input maxLength={30} placeholder="如：TS20260000123" autoComplete="off" data-testid="track-no" />
          </Form.Item>
          <Form.Item
            name="queryCode"
            label="查询码"
            rules={[{ required: true, whitespace: true, message: '请填写查询码' }, zodRule(QueryCode)]}
            normalize={(v: string) => v?.toUpperCase()}
          >
            <Input maxLength={40} placeholder="提交时显示的 10 位查询码" autoComplete="off" data-testid="track-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block icon={<SearchOutlined />} loading={busy} data-testid="track-submit">
            查询
          </Button>
        </Form>
        {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="track-error" /> : null}
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'recover',
              label: '忘记查询码？',
              children: (
                <RecoverForm
                  onCode={(itemNo, queryCode) => {
                    form.setFieldsValue({ itemNo, queryCode })
                    void query({ itemNo, queryCode })
                  }}
                />
              ),
            },
          ]}
        />
      </Card>
      {track ? (
        <Card style={{ marginTop: 12 }} data-testid="track-result">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'no', label: '诉求编号', children: track.itemNo },
              { key: 'type', label: '类型', children: track.typeLabel },
              { key: 'on', label: '登记日期', children: track.receivedOn },
              {
                key: 'state',
                label: '办理状态',
                children: (
                  <Tag color={track.closed ? 'green' : 'blue'} data-testid="track-state">
                    {track.stateLabel}
                  </Tag>
                ),
              },
              ...(track.nextStep ? [{ key: 'next', label: '下一步', children: <span data-testid="track-next">{track.nextStep.text}</span> }] : []),
              ...(track.unitName ? [{ key: 'unit', label: '承办单位', children: track.unitName }] : []),
              ...(track.outcomeText
                ? [{ key: 'agreed', label: '办理结果', children: <span data-testid="track-outcome">{track.outcomeText}</span> }]
                : track.outcomeLabel
                  ? [{ key: 'outcome', label: '处理结果', children: track.outcomeLabel }]
                  : []),
              ...(track.answerText
                ? [
                    {
                      key: 'answer',
                      label: '答复内容',
                      children: (
                        <span data-testid="track-answer" style={{ whiteSpace: 'pre-wrap' }}>
                          {track.answerText}
                        </span>
                      ),
                    },
                  ]
                : []),
              ...(track.recoveredFen
                ? [{ key: 'rec', label: '挽回经济损失', children: <span data-testid="track-recovered">¥{fenToYuan(track.recoveredFen)}</span> }]
                : []),
              ...(track.satisfaction ? [{ key: 'sat', label: '您的评价', children: <Rate disabled value={track.satisfaction} /> }] : []),
            ]}
          />
          {track.documents.length && creds ? (
            <div style={{ marginTop: 8 }} data-testid="track-documents">
              <Typography.Text type="secondary">已送达的告知书：</Typography.Text>
              <Space wrap style={{ marginTop: 4 }}>
                {track.documents.map((d) => (
                  <Button
                    key={d.kind}
                    size="small"
                    icon={<DownloadOutlined />}
                    onClick={() => downloadNotice(creds, d.kind, d.title).catch((e: unknown) => message.error(errorMessage(e)))}
                    data-testid={`track-doc-${d.kind}`}
                  >
                    {d.title}
                  </Button>
                ))}
              </Space>
            </div>
          ) : null}
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            办理进度
          </Typography.Title>
          <Timeline
            data-testid="track-timeline"
            items={track.timeline.map((e, i) => ({
              key: i,
              color: i === track.timeline.length - 1 ? 'blue' : 'gray',
              content: (
                <div>
                  <div>{e.text}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fmt(e.at)}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        </Card>
      ) : null}
      {track?.canRate && creds ? <RateForm creds={creds} onRated={setTrack} /> : null}
    </PortalShell>
  )
}

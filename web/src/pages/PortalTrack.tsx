import { SearchOutlined, StarOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, Form, Input, Rate, Tag, Timeline, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useLocation } from 'react-router-dom'
import { api, ApiError, errorMessage } from '../api/client'
import { fenToYuan } from '../components/complaint/labels'
import { fmtDateTimeShort } from '../components/labels'
import { PortalShell } from '../components/complaint/PortalShell'
import type { Track } from '../components/complaint/types'

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
    <Card size="small" title={<span><StarOutlined /> 满意度评价</span>} style={{ marginTop: 12 }} data-testid="portal-rate">
      <Typography.Paragraph type="secondary">您的诉求已办结，请对办理情况作出评价（只能评价一次）。</Typography.Paragraph>
      <Rate value={value} onChange={setValue} tooltips={RATE_TEXT} style={{ fontSize: 28 }} />
      {value ? <Typography.Text style={{ marginInlineStart: 8 }}>{RATE_TEXT[value - 1]}</Typography.Text> : null}
      <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} placeholder="意见和建议（可不填）" style={{ marginTop: 8 }} />
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} /> : null}
      <Button type="primary" block style={{ marginTop: 8 }} disabled={!value} loading={busy} onClick={send} data-testid="portal-rate-submit">
        提交评价
      </Button>
    </Card>
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

  const query = async (v: { itemNo: string; queryCode: string }) => {
    const c = { itemNo: v.itemNo.trim().toUpperCase(), queryCode: v.queryCode.trim().toUpperCase() }
    setBusy(true)
    setError(null)
    try {
      setTrack(await api.post<Track>('/api/public/complaints/track', c, opts))
      setCreds(c)
    } catch (e) {
      setTrack(null)
      setError(e instanceof ApiError && e.status === 404 ? '诉求编号或查询码不正确，请核对后重试' : e instanceof ApiError && e.status === 429 ? '查询过于频繁，请稍后再试' : errorMessage(e))
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
          <Form.Item name="itemNo" label="诉求编号" rules={[{ required: true, whitespace: true, message: '请填写诉求编号' }, { max: 30 }]} normalize={(v: string) => v?.toUpperCase()}>
            <Input maxLength={30} placeholder="如：TS20260000123" autoComplete="off" data-testid="track-no" />
          </Form.Item>
          <Form.Item name="queryCode" label="查询码" rules={[{ required: true, whitespace: true, message: '请填写查询码' }, { max: 40 }]} normalize={(v: string) => v?.toUpperCase()}>
            <Input maxLength={40} placeholder="提交时显示的 10 位查询码" autoComplete="off" data-testid="track-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block icon={<SearchOutlined />} loading={busy} data-testid="track-submit">
            查询
          </Button>
        </Form>
        {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="track-error" /> : null}
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
              { key: 'state', label: '办理状态', children: <Tag color={track.closed ? 'green' : 'blue'} data-testid="track-state">{track.stateLabel}</Tag> },
              ...(track.unitName ? [{ key: 'unit', label: '承办单位', children: track.unitName }] : []),
              ...(track.outcomeLabel ? [{ key: 'outcome', label: '处理结果', children: track.outcomeLabel }] : []),
              ...(track.recoveredFen ? [{ key: 'rec', label: '挽回经济损失', children: <span data-testid="track-recovered">¥{fenToYuan(track.recoveredFen)}</span> }] : []),
              ...(track.satisfaction ? [{ key: 'sat', label: '您的评价', children: <Rate disabled value={track.satisfaction} /> }] : []),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 12 }}>办理进度</Typography.Title>
          <Timeline
            data-testid="track-timeline"
            items={track.timeline.map((e, i) => ({ key: i, color: i === track.timeline.length - 1 ? 'blue' : 'gray', content: <div><div>{e.text}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmt(e.at)}</Typography.Text></div> }))}
          />
        </Card>
      ) : null}
      {track?.canRate && creds ? <RateForm creds={creds} onRated={setTrack} /> : null}
    </PortalShell>
  )
}

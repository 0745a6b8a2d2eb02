import {
  ArrowLeftOutlined,
  AuditOutlined,
  DownloadOutlined,
  EyeOutlined,
  PaperClipOutlined,
  ReloadOutlined,
  SendOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Rate, Result, Row, Select, Space, Spin, Table, Tag, Typography, Upload } from 'antd'
import { useMemo, useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom'
import { REGIME_LABEL as SHARED_REGIME_LABEL } from '../../../src/shared/complaints/vocabulary'
import { api, ApiError, errorMessage } from '../api/client'
import type { Permission } from '../api/types'
import { useAuth } from '../auth/AuthContext'
import { ActionModal, type ModalKind } from '../components/complaint/ActionModal'
import { ClocksTable, EventTimeline, StateTag, TypeTag, useCodes } from '../components/complaint/Bits'
import { AssignModal, LinkOriginalModal, RespondentLinkModal } from '../components/complaint/LinkModals'
import {
  ATTACHMENT_KIND_OPTIONS,
  attachmentKindLabel,
  fenToYuan,
  FINAL_STATES,
  ID_TYPE_OPTIONS,
  LIMITS,
  PERSON_ROLE_LABEL,
  PRIMARY_ACTION,
  productLabel,
  respondentKindLabel,
  STATE_LABEL,
} from '../components/complaint/labels'
import type { Action, ItemDetail, RevealedPerson, State } from '../components/complaint/types'
import { itemWorkflow } from '../../../src/shared/complaints/workflow'
import { P } from '../components/complaint/types'
import { ItemDocuments } from '../components/documents/ItemDocuments'
import { useLoad } from '../components/hooks'
import { fmtDateTime } from '../components/labels'
import { PageHeader } from '../components/PageHeader'
import { useUnits } from '../components/units'

const REGIME_LABEL: Record<string, string> = SHARED_REGIME_LABEL

/** The actions to offer: allowed by the item type's declaration, by the viewer's permissions, and by the data guards. */
function offeredActions(d: ItemDetail, can: (p: Permission) => boolean): Action[] {
  const done = (kind: string) => d.timeline.some((e) => e.kind === kind)
  const wf = itemWorkflow(d.type)
  return wf.allowed(d.state).filter((a) => {
    if (!wf.actions[a].permission.some((p) => can(p as Permission))) return false
    switch (a) {
      case 'follow_up':
        return d.regime === 'order121' && !(d.state === 'terminated' && !done('notify_termination'))
      case 'close':
        if (d.type === 'complaint' && (d.state === 'mediated' || d.state === 'terminated') && d.regime === 'order121') return false
        if (d.type === 'complaint' && d.state === 'terminated' && !done('notify_termination')) return false
        if (d.type === 'report' && !d.anonymous && !done('notify_reporter')) return false
        return true
      case 'notify_termination':
        return !done('notify_termination')
      case 'notify_reporter':
        return !d.anonymous && !done('notify_reporter')
      case 'extend_verification':
        return d.verifyExtensions < 1
      default:
        return true
    }
  })
}

const toBase64 = (f: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''))
    r.onerror = () => reject(new Error(`读取文件 ${f.name} 失败`))
    r.readAsDataURL(f)
  })

function Parties({ d }: { d: ItemDetail }) {
  const { message } = App.useApp()
  const [revealed, setRevealed] = useState<RevealedPerson[] | null>(null)
  const [busy, setBusy] = useState(false)

  const reveal = async () => {
    setBusy(true)
    try {
      const r = await api.get<{ persons: RevealedPerson[] }>(`/api/complaints/${d.id}/parties`)
      setRevealed(r.persons)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const isReport = d.type === 'report'
  const revealButton =
    d.canRevealParties && !revealed && (d.persons.length > 0 || (isReport && !d.anonymous)) ? (
      <Button size="small" icon={<EyeOutlined />} loading={busy} onClick={reveal} data-testid="reveal-parties">
        查看完整信息（留痕）
      </Button>
    ) : null

  return (
    <Card
      size="small"
      className="filter-card"
      title={isReport ? '举报人' : d.type === 'complaint' ? `投诉人${d.complainantCount > 1 ? `（共同投诉 ${d.complainantCount} 人）` : ''}` : '咨询人'}
      extra={revealButton}
    >
      {revealed ? (
        <>
          <Alert
            type="warning"
            showIcon
            title="以下为个人信息明文，本次查看已记入审计日志；请勿外传、勿向被投诉（举报）人透露"
            style={{ marginBottom: 8 }}
            data-testid="revealed-note"
          />
          <Table<RevealedPerson>
            size="small"
            rowKey={(p) => `${p.role}-${p.seq}`}
            pagination={false}
            dataSource={revealed}
            data-testid="revealed"
            columns={[
              {
                title: '身份',
                dataIndex: 'role',
                width: 70,
                render: (r: string, p) => `${PERSON_ROLE_LABEL[r] ?? r}${p.isRepresentative ? '（代表人）' : ''}`,
              },
              { title: '姓名', dataIndex: 'name', width: 90 },
              { title: '电话', dataIndex: 'phone', width: 120 },
              { title: '证件', render: (_, p) => (p.idNo ? `${ID_TYPE_OPTIONS.find((o) => o.value === p.idType)?.label ?? '证件'} ${p.idNo}` : '—') },
              {
                title: '地址',
                dataIndex: 'address',
                render: (a: string | null, p) => (
                  <div>
                    {a ?? '—'}
                    {p.email ? <div className="c-sub">{p.email}</div> : null}
                    {p.authorization ? <div className="c-sub">委托：{p.authorization}</div> : null}
                  </div>
                ),
              },
            ]}
          />
        </>
      ) : isReport ? (
        <Typography.Text>{d.anonymous ? '匿名举报' : '实名举报（身份信息保密，仅经授权查阅举报人信息的人员可查看，查看留痕）'}</Typography.Text>
      ) : d.persons.length ? (
        <Table
          size="small"
          rowKey={(p) => `${p.role}-${p.name}-${p.phone}`}
          pagination={false}
          dataSource={d.persons}
          data-testid="masked-parties"
          columns={[
            { title: '身份', dataIndex: 'role', width: 90, render: (r: string, p) => `${PERSON_ROLE_LABEL[r] ?? r}${p.isRepresentative ? '（代表人）' : ''}` },
            { title: '姓名', dataIndex: 'name', width: 120, render: (n: string) => <span className="c-masked">{n}</span> },
            { title: '电话', dataIndex: 'phone', render: (n: string | null) => <span className="c-masked">{n ?? '—'}</span> },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">未登记</Typography.Text>
      )}
      {!d.canRevealParties && !isReport && d.persons.length ? (
        <div className="c-sub" style={{ marginTop: 6 }}>
          个人信息已脱敏；承办人或经授权人员可查看完整信息
        </div>
      ) : null}
    </Card>
  )
}

function Attachments({ d, onChanged }: { d: ItemDetail; onChanged: (d: ItemDetail) => void }) {
  const { can } = useAuth()
  const { message } = App.useApp()
  const [kind, setKind] = useState('evidence')
  const [busy, setBusy] = useState(false)
  const final = (FINAL_STATES as readonly string[]).includes(d.state)
  const canAdd = !final && (can(P.handle) || can(P.intake)) && d.attachments.length < LIMITS.attachmentsPerItem

  const add = async (f: File) => {
    if (f.size > LIMITS.attachmentBytes) {
      message.error(`${f.name} 超过 5 MB`)
      return
    }
    setBusy(true)
    try {
      onChanged(await api.post<ItemDetail>(`/api/complaints/${d.id}/attachments`, { kind, fileName: f.name, contentBase64: await toBase64(f) }))
      message.success(`已上传 ${f.name}`)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card
      size="small"
      className="filter-card"
      title={`附件（${d.attachments.length}）`}
      extra={
        canAdd ? (
          <Space.Compact size="small">
            <Select size="small" value={kind} onChange={setKind} options={ATTACHMENT_KIND_OPTIONS} style={{ width: 110 }} />
            <Upload
              showUploadList={false}
              accept=".pdf,.jpg,.jpeg,.png,.docx"
              beforeUpload={(f) => {
                void add(f)
                return false
              }}
            >
              <Button size="small" icon={<PaperClipOutlined />} loading={busy}>
                上传
              </Button>
            </Upload>
          </Space.Compact>
        ) : null
      }
    >
      {d.attachments.length ? (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.attachments}
          columns={[
            {
              title: '文件',
              dataIndex: 'fileName',
              render: (n: string, a) => (
                <span>
                  <PaperClipOutlined /> {n}
                  {a.confidential ? (
                    <Tag color="red" style={{ marginLeft: 8 }}>
                      保密
                    </Tag>
                  ) : null}
                </span>
              ),
            },
            { title: '类别', dataIndex: 'kind', width: 100, render: attachmentKindLabel },
            { title: '大小', dataIndex: 'sizeBytes', width: 80, render: (b: number) => `${Math.max(1, Math.ceil(b / 1024))} KB` },
            { title: '上传时间', dataIndex: 'uploadedAt', width: 150, render: fmtDateTime },
            {
              title: '',
              width: 60,
              // A confidential file (it may identify the reporter) is served only to reporter.view holders.
              render: (_, a) =>
                a.confidential && !d.canRevealParties ? null : (
                  <Button
                    size="small"
                    type="link"
                    icon={<DownloadOutlined />}
                    aria-label={`下载 ${a.fileName}`}
                    onClick={() =>
                      api
                        .download(`/api/complaints/${d.id}/attachments/${a.id}`, undefined, { fileName: a.fileName })
                        .catch((e: unknown) => message.error(errorMessage(e)))
                    }
                  />
                ),
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">无附件（支持 PDF、JPG、PNG、DOCX，每个不超过 5 MB）</Typography.Text>
      )}
    </Card>
  )
}

export default function ComplaintDetailPage() {
  const { id = '' } = useParams()
  const { can, me } = useAuth()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const location = useLocation()
  const from = (location.state as { from?: string } | null)?.from
  const valid = /^[0-9a-f-]{36}$/i.test(id)
  const loaded = useLoad((signal) => api.get<ItemDetail>(`/api/complaints/${id}`, undefined, { signal }), [id], valid)
  const [fresh, setFresh] = useState<ItemDetail | null>(null)
  const d = fresh && fresh.id === id && (!loaded.data || fresh.version >= loaded.data.version) ? fresh : loaded.data
  const codes = useCodes()
  const units = useUnits()
  const [modal, setModal] = useState<ModalKind | null>(null)
  const [assigning, setAssigning] = useState(false)
  const [linking, setLinking] = useState<'original' | 'respondent' | 'assign' | null>(null)

  const actions = useMemo(() => (d ? offeredActions(d, can) : []), [d, can])
  if (!valid) return <Result status="404" title="诉求件不存在" extra={<Button onClick={() => navigate('/complaints')}>返回工作台</Button>} />
  if (loaded.error && !d) {
    return (
      <Result status="warning" title="无法打开该诉求件" subTitle={loaded.error} extra={<Button onClick={() => navigate('/complaints')}>返回工作台</Button>} />
    )
  }
  if (!d) {
    return (
      <Flex justify="center" style={{ padding: 80 }}>
        <Spin size="large" />
      </Flex>
    )
  }

  const final = (FINAL_STATES as readonly string[]).includes(d.state)
  const primary = PRIMARY_ACTION[d.state]
  const ordered = [...actions].sort((a, b) => (a === primary ? -1 : b === primary ? 1 : 0))
  const provisional = d.clocks.filter((c) => c.provisional && !c.doneOn)
  const openSupervisions = d.supervisions.filter((s) => !s.respondedAt)
  const done = (next: ItemDetail, msg: string) => {
    setFresh(next)
    setModal(null)
    message.success(msg)
  }
  const assignSelf = async () => {
    if (!me?.user.id) return
    setAssigning(true)
    try {
      setFresh(await api.post<ItemDetail>(`/api/complaints/${d.id}/assign`, { handlerId: me.user.id, expectedVersion: d.version }))
      message.success('已指定由您承办')
    } catch (e) {
      message.error(errorMessage(e))
      if (e instanceof ApiError && e.code === 'CONFLICT') loaded.reload()
    } finally {
      setAssigning(false)
    }
  }
  return (
    <div className="page">
      <PageHeader
        title={d.itemNo}
        docTitle={`${d.itemNo} ${d.typeLabel}`}
        subtitle={d.summary}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(from ?? '/complaints')}>
              返回
            </Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                setFresh(null)
                loaded.reload()
              }}
              aria-label="刷新"
            />
          </>
        }
      />
      <Card size="small" className="filter-card c-detail-header" data-testid="detail-header">
        <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <TypeTag type={d.type} label={d.typeLabel} />
          <span data-testid="detail-state">
            <StateTag state={d.state} label={d.stateLabel} />
          </span>
          {d.outcomeLabel ? <Tag className="c-tag">{d.outcomeLabel}</Tag> : null}
          {d.escalationLevel > 0 ? (
            <Tag color="red" className="c-tag" icon={<WarningOutlined />}>
              超期升级督办（{d.escalationUnit?.name ?? '上级单位'}）
            </Tag>
          ) : null}
          {openSupervisions.length ? (
            <Tag color="orange" className="c-tag" icon={<AuditOutlined />}>
              督办待回复 {openSupervisions.length} 件
            </Tag>
          ) : null}
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3, xxl: 4 }}
          items={[
            { key: 'channel', label: '渠道', children: d.channelLabel },
            { key: 'received', label: '接收时间', children: fmtDateTime(d.receivedAt) },
            { key: 'regime', label: '适用规定', children: REGIME_LABEL[d.regime] ?? d.regime },
            { key: 'category', label: '分类', children: `${d.categoryLabel}${d.productCode ? ` · ${productLabel(d.productCode)}` : ''}` },
            { key: 'handling', label: '承办单位', children: <span data-testid="detail-unit">{d.handlingUnit?.name ?? '—'}</span> },
            {
              key: 'handler',
              label: '承办人',
              children: (
                <Space size={4}>
                  {d.handlerName ?? <Typography.Text type="secondary">未指定</Typography.Text>}
                  {d.assignment.canTake ? (
                    <Button size="small" type="link" icon={<UserOutlined />} loading={assigning} onClick={assignSelf} style={{ padding: 0, height: 'auto' }}>
                      由我承办
                    </Button>
                  ) : null}
                  {d.assignment.canAssign ? (
                    <Button size="small" type="link" onClick={() => setLinking('assign')} style={{ padding: 0, height: 'auto' }} data-testid="assign-handler">
                      {d.handlerName ? '改派' : '指定承办人'}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
            { key: 'competent', label: '管辖单位', children: d.competentUnit?.name ?? <Typography.Text type="warning">未确定</Typography.Text> },
            { key: 'intake', label: '登记单位', children: d.intakeUnit?.name ?? '—' },
            ...(d.externalNo ? [{ key: 'ext', label: '全国平台编号', children: d.externalNo }] : []),
            ...(d.amountClaimedFen ? [{ key: 'claimed', label: '涉及金额', children: `¥${fenToYuan(d.amountClaimedFen)}` }] : []),
            ...(d.type === 'complaint' && (d.outcome || d.recoveredFen > 0)
              ? [{ key: 'recovered', label: '挽回经济损失', children: <span data-testid="detail-recovered">¥{fenToYuan(d.recoveredFen)}</span> }]
              : []),
            ...(d.nonAcceptReasonText ? [{ key: 'nar', label: '不予受理情形', children: d.nonAcceptReasonText }] : []),
            ...(d.leadNo
              ? [
                  {
                    key: 'lead',
                    label: '案源线索',
                    children: (
                      <Tag color="purple" className="c-tag">
                        {d.leadNo}
                      </Tag>
                    ),
                  },
                ]
              : []),
            ...(d.feedbackAt ? [{ key: 'fb', label: '最近反馈', children: fmtDateTime(d.feedbackAt) }] : []),
            ...(d.followUpOn ? [{ key: 'fu', label: '回访日期', children: d.followUpOn }] : []),
            ...(d.satisfaction
              ? [
                  {
                    key: 'sat',
                    label: '满意度',
                    children: (
                      <span>
                        <Rate disabled value={d.satisfaction} style={{ fontSize: 14 }} />
                        {d.satisfactionComment ? <div className="c-sub">{d.satisfactionComment}</div> : null}
                      </span>
                    ),
                  },
                ]
              : []),
            ...(d.closedOn ? [{ key: 'closed', label: '办结日期', children: d.closedOn }] : []),
            ...(d.linked.length
              ? [
                  {
                    key: 'linked',
                    label: '关联件',
                    children: (
                      <Space wrap size={4}>
                        {d.linked.map((l) => (
                          <Link key={l.id} to={`/complaints/${l.id}`}>
                            {l.itemNo}（{l.relation}，{STATE_LABEL[l.state as State] ?? '—'}）
                          </Link>
                        ))}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card size="small" className="filter-card" title="办理" data-testid="actions">
        <Flex gap={8} wrap className="c-actions" align="center">
          {ordered.map((a) => (
            <Button
              key={a}
              type={a === primary ? 'primary' : 'default'}
              danger={!!itemWorkflow(d.type).actions[a].danger}
              onClick={() => setModal({ kind: 'transition', action: a })}
              data-testid={`action-${a}`}
            >
              {itemWorkflow(d.type).actionLabel(a)}
            </Button>
          ))}
          {!final && (can(P.handle) || can(P.intake)) ? (
            <Button icon={<SendOutlined />} onClick={() => setModal({ kind: 'feedback' })} data-testid="action-feedback">
              登记反馈
            </Button>
          ) : null}
          {d.state !== 'merged' && (can(P.dispatch) || can(P.handle)) ? (
            <Button onClick={() => setLinking('original')} data-testid="action-link">
              关联原件
            </Button>
          ) : null}
          {!final && (can(P.dispatch) || can(P.handle)) ? (
            <Button onClick={() => setLinking('respondent')} data-testid="action-respondent">
              {d.respondentEntityId ? '更正被投诉（举报）人' : '关联名录主体'}
            </Button>
          ) : null}
          {!final && can(P.supervise) ? (
            <Button icon={<AuditOutlined />} onClick={() => setModal({ kind: 'supervise' })} data-testid="action-supervise">
              督办
            </Button>
          ) : null}
          {!ordered.length && final ? <Typography.Text type="secondary">{d.stateLabel}，无需办理</Typography.Text> : null}
          {!ordered.length && !final ? <Typography.Text type="secondary">当前状态下您没有可执行的办理动作</Typography.Text> : null}
        </Flex>
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" className="filter-card" title="期限" data-testid="clocks">
            {provisional.length ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 8 }}
                title={`期限涉及尚未公布节假日安排的年份（${[...new Set(provisional.flatMap((c) => c.missingYears))].join('、')}），仅按周末推算，属临时结果；公布后自动重算`}
              />
            ) : null}
            <ClocksTable clocks={d.clocks} />
            {d.pauses.length ? (
              <div style={{ marginTop: 8 }}>
                {d.pauses.map((p) => (
                  <div key={p.id} className="c-sub">
                    中止计时：{p.fromOn} 至 {p.toOn ?? '今'}，{p.reason}
                  </div>
                ))}
              </div>
            ) : null}
          </Card>
          <ItemDocuments item={d} />
          <Card size="small" className="filter-card" title="诉求内容">
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'resp',
                  label: d.type === 'report' ? '被举报人' : '被投诉人',
                  children: (
                    <div>
                      {d.respondentEntityId ? <Link to={`/entities/${d.respondentEntityId}`}>{d.respondentName}</Link> : d.respondentName}
                      {d.respondentUscc ? <Typography.Text type="secondary"> · {d.respondentUscc}</Typography.Text> : null}
                      <div className="c-sub">
                        {respondentKindLabel(d.respondentKind)}
                        {d.platformName ? ` · 平台：${d.platformName}` : ''}
                        {d.respondentAddress ? ` · ${d.respondentAddress}` : ''}
                        {!d.respondentEntityId ? ' · 未在名录中' : ''}
                      </div>
                    </div>
                  ),
                },
                { key: 'req', label: d.type === 'consultation' ? '咨询问题' : '具体诉求', children: <p className="c-pre">{d.requestText}</p> },
                { key: 'facts', label: '事实与理由', children: <p className="c-pre">{d.factsText}</p> },
              ]}
            />
          </Card>
          <Parties d={d} />
          <Attachments d={d} onChanged={setFresh} />
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" className="filter-card" title={`督办（${d.supervisions.length}）`} data-testid="supervisions">
            {d.supervisions.length ? (
              d.supervisions.map((s) => (
                <div key={s.id} style={{ marginBottom: 10 }}>
                  <Flex justify="space-between" gap={8}>
                    <Typography.Text strong>
                      {s.issuedByName} 督办 · 期限 {s.dueOn}
                    </Typography.Text>
                    {s.respondedAt ? (
                      <Tag color="green" className="c-tag">
                        已回复
                      </Tag>
                    ) : s.overdue ? (
                      <Tag color="red" className="c-tag">
                        逾期未回复
                      </Tag>
                    ) : (
                      <Tag color="orange" className="c-tag">
                        待回复
                      </Tag>
                    )}
                  </Flex>
                  <div className="c-event-line">{s.note}</div>
                  <div className="c-sub">{fmtDateTime(s.issuedAt)}</div>
                  {s.response ? (
                    <div className="c-event-line" style={{ marginTop: 4 }}>
                      回复（{fmtDateTime(s.respondedAt)}）：{s.response}
                    </div>
                  ) : null}
                  {!s.respondedAt && can(P.handle) ? (
                    <Button size="small" style={{ marginTop: 4 }} onClick={() => setModal({ kind: 'respond', supervisionId: s.id })}>
                      回复办理情况
                    </Button>
                  ) : null}
                </div>
              ))
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无督办" style={{ margin: 8 }} />
            )}
          </Card>
          <Card size="small" className="filter-card" title="办理记录">
            <EventTimeline events={d.timeline} />
          </Card>
        </Col>
      </Row>
      <AssignModal
        item={d}
        open={linking === 'assign'}
        onClose={() => setLinking(null)}
        onDone={(n) => {
          setLinking(null)
          setFresh(n)
        }}
      />
      <LinkOriginalModal
        item={d}
        open={linking === 'original'}
        onClose={() => setLinking(null)}
        onDone={(n) => {
          setLinking(null)
          setFresh(n)
        }}
      />
      <RespondentLinkModal
        item={d}
        open={linking === 'respondent'}
        onClose={() => setLinking(null)}
        onDone={(n) => {
          setLinking(null)
          setFresh(n)
        }}
      />
      <ActionModal item={d} what={modal} codes={codes.data} units={units.data} onClose={() => setModal(null)} onDone={done} />
    </div>
  )
}

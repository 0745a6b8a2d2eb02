import { DeleteOutlined, PaperClipOutlined, PlusOutlined, PrinterOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, type FormInstance } from 'antd'
import { useRef, useState, type ReactNode } from 'react'
import { Link } from 'react-router-dom'
import { api, download } from '../../api/client'
import { useAuth } from '../../auth/AuthContext'
import { Kbd, useFormKeys } from '../complaint/Bits'
import { applyServerError } from '../formError'
import { useLoad } from '../hooks'
import { fmtDate } from '../labels'
import {
  AVOIDANCE_APPLICANTS,
  INVESTIGATION_PROPOSALS,
  PRESERVATION_DECISIONS,
  RECORD_KINDS,
  SUSPENSION_GROUNDS,
  TERMINATION_GROUNDS,
  TRANSFER_TARGETS,
  type CaseInvestigation as View,
} from './investigation'
import { EVIDENCE_KINDS, type CaseDetail } from './labels'

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }))
/** Empty strings are “not given” for the server's optional fields. */
const clean = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '' && x !== undefined && x !== null))

/**
 * A modal form for one sub-record of the case: keyboard-first (first field focused, Enter moves on,
 * Ctrl+Enter submits), the server's zh-CN refusal shown on its field or above the form.
 */
function FormModal({
  open,
  title,
  okText,
  testId,
  onClose,
  onSubmit,
  initialValues,
  children,
}: {
  open: boolean
  title: string
  okText: string
  testId: string
  onClose: () => void
  onSubmit: (values: Record<string, unknown>, form: FormInstance) => Promise<void>
  initialValues?: Record<string, unknown>
  children: ReactNode
}) {
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const send = async () => {
    if (busy) return
    const v = await (form.validateFields() as Promise<Record<string, unknown>>).catch(() => null)
    if (!v) return
    setBusy(true)
    setError(null)
    try {
      await onSubmit(v, form)
      form.resetFields()
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
      title={title}
      onCancel={onClose}
      onOk={() => void send()}
      okText={
        <span>
          {okText} <Kbd>Ctrl+Enter</Kbd>
        </span>
      }
      okButtonProps={{ loading: busy, ...{ 'data-testid': `${testId}-submit` } }}
      cancelText="取消"
      width={640}
      destroyOnHidden
    >
      <div onKeyDownCapture={onKeys} data-testid={testId}>
        <Form form={form} layout="vertical" disabled={busy} preserve={false} initialValues={initialValues}>
          {children}
        </Form>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </div>
    </Modal>
  )
}

type Open = null | 'evidence' | 'record' | 'preserve' | 'avoid' | 'propose' | { decide: string } | { receipt: string }

/**
 * 调查取证 on the case file: evidence with files (upload, audited download, 证据清单), investigation
 * records (询问笔录 with Q&A turns, 现场笔录/勘验笔录; printed with signature lines), 先行登记保存
 * (the head approves in 审批待办, 7-WD decision), 回避 (the head decides), transfers with their
 * receipts, and the handler's proposals of 中止/终止/移送.
 */
export function CaseInvestigationSection({ kase, onChange }: { kase: CaseDetail; onChange: () => void }) {
  const { message } = App.useApp()
  const { can } = useAuth()
  const [tick, setTick] = useState(0)
  const [open, setOpen] = useState<Open>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const uploadFor = useRef<string | null>(null)
  const v = useLoad((signal) => api.get<View>(`/api/cases/${kase.id}/investigation`, undefined, { signal }), [kase.id, kase.version, tick])
  const officers = useLoad(
    (signal) => api.get<{ items: Array<{ userId: string; name: string; certNo: string }> }>('/api/cases/officers', undefined, { signal }),
    [],
  )
  const data = v.data
  const final = kase.state === 'closed' || kase.state === 'terminated'
  const handle = can('case.handle') && !final
  const done = (text: string) => {
    message.success(`${kase.caseNo}：${text}`)
    setOpen(null)
    setTick((t) => t + 1)
    onChange()
  }
  const version = () => data?.version ?? kase.version
  const caseOfficers = kase.officers.map((o) => ({ value: o.userId, label: `${o.name}（${o.certNo}）` }))

  const pick = (evidenceId: string) => {
    uploadFor.current = evidenceId
    fileInput.current?.click()
  }
  const onFile = async (f: File | undefined) => {
    const eid = uploadFor.current
    if (!f || !eid) return
    const fd = new FormData()
    fd.append('file', f, f.name)
    try {
      await api.upload<View>(`/api/cases/${kase.id}/evidence/${eid}/files`, fd)
      done(`已上传 ${f.name}`)
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e))
    } finally {
      if (fileInput.current) fileInput.current.value = ''
    }
  }

  if (v.error) return <Alert type="error" showIcon title={v.error} />
  const decideId = open && typeof open === 'object' && 'decide' in open ? open.decide : null
  const receiptId = open && typeof open === 'object' && 'receipt' in open ? open.receipt : null

  return (
    <div data-testid="case-investigation">
      <input
        ref={fileInput}
        type="file"
        hidden
        data-testid="evidence-file-input"
        accept=".pdf,.jpg,.jpeg,.png,.docx"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      <Card
        size="small"
        title="证据清单"
        style={{ marginBottom: 16 }}
        extra={
          <Space>
            {handle ? (
              <Button size="small" icon={<PlusOutlined />} data-testid="evidence-add" onClick={() => setOpen('evidence')}>
                登记证据
              </Button>
            ) : null}
            {handle && data?.evidence.length ? (
              <Button
                size="small"
                icon={<PrinterOutlined />}
                data-testid="evidence-list"
                onClick={async () => {
                  try {
                    await api.post(`/api/cases/${kase.id}/evidence-list`, { version: version() })
                    done('已制作证据清单，可在“文书”中打印')
                  } catch (e) {
                    message.error(e instanceof Error ? e.message : String(e))
                  }
                }}
              >
                制作证据清单
              </Button>
            ) : null}
          </Space>
        }
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          loading={!data}
          dataSource={data?.evidence ?? []}
          locale={{ emptyText: '尚未登记证据' }}
          scroll={{ x: 640 }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 56 },
            { title: '种类', dataIndex: 'kindLabel', width: 110 },
            { title: '名称', dataIndex: 'title' },
            { title: '来源', dataIndex: 'source', render: (s: string | null) => s ?? '—' },
            { title: '取证', width: 150, render: (_, e) => `${fmtDate(e.collectedOn)} ${e.collectedBy ?? ''}` },
            {
              title: '文件',
              render: (_, e) => (
                <Space direction="vertical" size={0}>
                  {e.files.map((f) => (
                    <a
                      key={f.id}
                      data-testid="evidence-file"
                      onClick={() => void download(`/api/case-evidence-files/${f.id}`).catch((err) => message.error(String(err)))}
                    >
                      <PaperClipOutlined /> {f.fileName}
                    </a>
                  ))}
                  {handle ? (
                    <Button size="small" type="link" icon={<UploadOutlined />} data-testid="evidence-upload" onClick={() => pick(e.id)}>
                      上传
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title="调查笔录"
        style={{ marginBottom: 16 }}
        extra={
          handle ? (
            <Button size="small" icon={<PlusOutlined />} data-testid="record-add" onClick={() => setOpen('record')}>
              制作笔录
            </Button>
          ) : null
        }
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data?.records ?? []}
          locale={{ emptyText: '尚无询问笔录、现场笔录' }}
          columns={[
            { title: '笔录', dataIndex: 'kindLabel', width: 90 },
            { title: '时间', render: (_, r) => `${r.startedAt}～${r.endedAt.slice(11)}` },
            { title: '地点', dataIndex: 'place' },
            { title: '对象', render: (_, r) => (r.personName ? `${r.personName}${r.personIdMasked ? `（${r.personIdMasked}）` : ''}` : (r.present ?? '—')) },
            {
              title: '',
              width: 80,
              render: (_, r) =>
                r.documentId ? (
                  <Link to={`/documents/${r.documentId}`} data-testid="record-print">
                    <PrinterOutlined /> 打印
                  </Link>
                ) : null,
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title="先行登记保存"
        style={{ marginBottom: 16 }}
        extra={
          handle && ['investigating', 'notified', 'review'].includes(kase.state) ? (
            <Button size="small" icon={<PlusOutlined />} data-testid="preserve-add" onClick={() => setOpen('preserve')}>
              提请先行登记保存
            </Button>
          ) : null
        }
      >
        {data?.preservations.length ? (
          data.preservations.map((p) => (
            <div key={p.id} className="c-sub" style={{ marginBottom: 8 }} data-testid="preservation">
              <Space wrap>
                <Tag color={p.state === 'held' ? 'orange' : p.state === 'decided' ? 'green' : 'default'}>{p.stateLabel}</Tag>
                <span>{p.itemsText}</span>
                {p.noticeNo ? <span className="mono">{p.noticeNo}</span> : null}
                {p.state === 'held' && p.dueOn ? (
                  <span>
                    处理期限 <strong data-testid="preservation-due">{fmtDate(p.dueOn)}</strong>
                  </span>
                ) : null}
                {p.decisionLabel ? <span data-testid="preservation-decision">{`${fmtDate(p.decidedOn)} ${p.decisionLabel} ${p.decisionNo ?? ''}`}</span> : null}
                {p.state === 'held' && handle ? (
                  <Button size="small" data-testid="preservation-decide" onClick={() => setOpen({ decide: p.id })}>
                    作出处理决定
                  </Button>
                ) : null}
              </Space>
            </div>
          ))
        ) : (
          <Typography.Text type="secondary">没有先行登记保存的证据</Typography.Text>
        )}
      </Card>

      <Card
        size="small"
        title="回避"
        style={{ marginBottom: 16 }}
        extra={
          handle ? (
            <Button size="small" data-testid="avoid-add" onClick={() => setOpen('avoid')}>
              登记回避申请
            </Button>
          ) : null
        }
      >
        {data?.avoidances.length ? (
          data.avoidances.map((a) => (
            <div key={a.id} className="c-sub" style={{ marginBottom: 4 }}>
              <Tag color={a.state === 'granted' ? 'green' : a.state === 'refused' ? 'default' : 'orange'}>{a.stateLabel}</Tag>
              {a.applicantLabel}：{a.officerName}（{a.reason}）{a.replacementName ? ` → ${a.replacementName}` : ''} {a.docNo ?? ''}
            </div>
          ))
        ) : (
          <Typography.Text type="secondary">没有回避申请</Typography.Text>
        )}
      </Card>

      <Card
        size="small"
        title="中止、终止与移送"
        style={{ marginBottom: 16 }}
        extra={
          can('case.handle') && !can('case.approve') && ['investigating', 'suspended'].includes(kase.state) ? (
            <Button size="small" data-testid="investigation-propose" onClick={() => setOpen('propose')}>
              提请中止/终止/移送
            </Button>
          ) : null
        }
      >
        {data?.transfers.length ? (
          data.transfers.map((x) => (
            <div key={x.id} className="c-sub" style={{ marginBottom: 4 }}>
              <Tag color={x.state === 'sent' ? 'orange' : 'green'}>{x.stateLabel}</Tag>
              {fmtDate(x.transferredOn)} 移送{x.targetLabel}：{x.organ} {x.docNo ?? ''}
              {x.receivedOn ? ` · 回执 ${fmtDate(x.receivedOn)}（${x.receivingOrgan ?? ''}）` : ''}
              {x.outcome ? ` · 处理结果：${x.outcome}` : ''}
              {can('case.handle') && x.state !== 'concluded' && !final ? (
                <Button size="small" type="link" data-testid="transfer-receipt" onClick={() => setOpen({ receipt: x.id })}>
                  登记回执/结果
                </Button>
              ) : null}
            </div>
          ))
        ) : (
          <Typography.Text type="secondary">
            {kase.state === 'suspended' ? '案件中止调查中，办案期限暂停计算。' : '未移送。中止、终止、移送由负责人在上方操作或经审批待办批准。'}
          </Typography.Text>
        )}
      </Card>

      <FormModal
        open={open === 'evidence'}
        title={`登记证据 · ${kase.caseNo}`}
        okText="登记"
        testId="evidence-form"
        onClose={() => setOpen(null)}
        onSubmit={async (vals) => {
          await api.post(`/api/cases/${kase.id}/evidence`, { ...clean(vals), version: version() })
          done('已登记证据，可上传文件')
        }}
      >
        <Form.Item name="kind" label="证据种类" rules={[{ required: true, message: '请选择证据种类' }]}>
          <Select autoFocus options={opts(EVIDENCE_KINDS)} />
        </Form.Item>
        <Form.Item name="title" label="证据名称" rules={[{ required: true, whitespace: true, message: '请填写证据名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="source" label="证据来源">
          <Input maxLength={200} placeholder="如：当事人仓库、电商平台后台" />
        </Form.Item>
        <Form.Item name="collectedBy" label="取证人">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="collectedOn" label="取证日期（默认今天）" rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' }]}>
          <Input placeholder="YYYY-MM-DD" maxLength={10} />
        </Form.Item>
        <Form.Item name="description" label="证明事项">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      </FormModal>

      <FormModal
        open={open === 'record'}
        title={`制作笔录 · ${kase.caseNo}`}
        okText="制作并出具"
        testId="record-form"
        onClose={() => setOpen(null)}
        initialValues={{ kind: 'inquiry', officerIds: kase.officers.slice(0, 2).map((o) => o.userId), recorderId: kase.officers[1]?.userId, qa: [{}] }}
        onSubmit={async (vals) => {
          const qa = ((vals.qa as Array<{ q?: string; a?: string }> | undefined) ?? []).filter((t) => t.q || t.a)
          await api.post(`/api/cases/${kase.id}/records`, { ...clean({ ...vals, qa: undefined }), qa, version: version() })
          done('已制作笔录，可在“调查笔录”中打印')
        }}
      >
        <RecordFields officers={caseOfficers} />
      </FormModal>

      <FormModal
        open={open === 'preserve'}
        title={`提请先行登记保存 · ${kase.caseNo}`}
        okText="提请负责人审批"
        testId="preserve-form"
        onClose={() => setOpen(null)}
        initialValues={{ items: [{}] }}
        onSubmit={async (vals) => {
          await api.post(`/api/cases/${kase.id}/preservations`, { ...clean(vals), version: version() })
          done('已提请先行登记保存，待负责人在审批待办中批准')
        }}
      >
        <Form.Item name="reason" label="理由（证据可能灭失或者以后难以取得）" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}>
          <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
        <ItemsList />
      </FormModal>

      <FormModal
        open={!!decideId}
        title={`先行登记保存处理决定 · ${kase.caseNo}`}
        okText="作出决定"
        testId="preservation-decision-form"
        onClose={() => setOpen(null)}
        onSubmit={async (vals) => {
          await api.post(`/api/cases/${kase.id}/preservations/${decideId}/decision`, { ...clean(vals), version: version() })
          done('已作出处理决定，处理决定书已出具')
        }}
      >
        <Form.Item name="decision" label="处理决定" rules={[{ required: true, message: '请选择处理决定' }]}>
          <Select autoFocus options={opts(PRESERVATION_DECISIONS)} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
      </FormModal>

      <FormModal
        open={open === 'avoid'}
        title={`回避申请 · ${kase.caseNo}`}
        okText="提交负责人决定"
        testId="avoid-form"
        onClose={() => setOpen(null)}
        initialValues={{ applicant: 'party' }}
        onSubmit={async (vals) => {
          await api.post(`/api/cases/${kase.id}/avoidances`, { ...clean(vals), version: version() })
          done('已登记回避申请，待负责人决定')
        }}
      >
        <Form.Item name="applicant" label="申请人" rules={[{ required: true }]}>
          <Select autoFocus options={opts(AVOIDANCE_APPLICANTS)} />
        </Form.Item>
        <Form.Item name="officerId" label="申请回避的办案人员" rules={[{ required: true, message: '请选择办案人员' }]}>
          <Select options={caseOfficers} />
        </Form.Item>
        <Form.Item name="reason" label="回避理由" rules={[{ required: true, whitespace: true, message: '请填写回避理由' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="replacementId" label="替换的办案人员（持执法证）">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={(officers.data?.items ?? [])
              .filter((o) => !kase.officers.some((k) => k.userId === o.userId))
              .map((o) => ({ value: o.userId, label: `${o.name}（${o.certNo}）` }))}
          />
        </Form.Item>
      </FormModal>

      <FormModal
        open={open === 'propose'}
        title={`提请审批 · ${kase.caseNo}`}
        okText="提请负责人审批"
        testId="investigation-propose-form"
        onClose={() => setOpen(null)}
        initialValues={{ action: 'suspend' }}
        onSubmit={async (vals) => {
          const { action, reason, ground, actionReason, target, organ } = vals as Record<string, string>
          const input = action === 'transfer' ? { target, organ, reason: actionReason } : { ground, reason: actionReason }
          await api.post(`/api/cases/${kase.id}/investigation-proposals`, { action, input: clean(input), reason, version: version() })
          done('已提请负责人审批')
        }}
      >
        <ProposalFields state={kase.state} />
      </FormModal>

      <FormModal
        open={!!receiptId}
        title={`移送回执 · ${kase.caseNo}`}
        okText="登记"
        testId="transfer-receipt-form"
        onClose={() => setOpen(null)}
        onSubmit={async (vals) => {
          await api.post(`/api/cases/${kase.id}/transfers/${receiptId}/receipt`, { ...clean(vals), version: version() })
          done('已登记移送回执')
        }}
      >
        <Form.Item name="receivingOrgan" label="接收机关" rules={[{ required: true, whitespace: true, message: '请填写接收机关' }]}>
          <Input autoFocus maxLength={200} />
        </Form.Item>
        <Form.Item name="receivedOn" label="回执日期（默认今天）" rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' }]}>
          <Input placeholder="YYYY-MM-DD" maxLength={10} />
        </Form.Item>
        <Form.Item name="outcome" label="处理结果（收到后填写）">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
      </FormModal>
    </div>
  )
}

const TIME_RULE = { pattern: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, message: '格式应为 YYYY-MM-DD HH:mm' }

function RecordFields({ officers }: { officers: Array<{ value: string; label: string }> }) {
  const kind = Form.useWatch('kind') as string | undefined
  return (
    <>
      <Form.Item name="kind" label="笔录种类" rules={[{ required: true }]}>
        <Select autoFocus options={opts(RECORD_KINDS)} />
      </Form.Item>
      <Space.Compact block>
        <Form.Item name="startedAt" label="开始时间（北京时间）" rules={[{ required: true, message: '请填写开始时间' }, TIME_RULE]} style={{ flex: 1 }}>
          <Input placeholder="2026-12-07 09:30" maxLength={16} />
        </Form.Item>
        <Form.Item name="endedAt" label="结束时间" rules={[{ required: true, message: '请填写结束时间' }, TIME_RULE]} style={{ flex: 1 }}>
          <Input placeholder="2026-12-07 10:30" maxLength={16} />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="place" label="地点" rules={[{ required: true, whitespace: true, message: '请填写地点' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="officerIds" label="执法人员（至少 2 人）" rules={[{ required: true, type: 'array', min: 2, message: '执法人员不得少于 2 人' }]}>
        <Select mode="multiple" options={officers} />
      </Form.Item>
      <Form.Item name="recorderId" label="记录人" rules={[{ required: true, message: '请选择记录人' }]}>
        <Select options={officers} />
      </Form.Item>
      {kind === 'inquiry' ? (
        <>
          <Space.Compact block>
            <Form.Item name="personName" label="被询问人" rules={[{ required: true, whitespace: true, message: '请填写被询问人' }]} style={{ flex: 1 }}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="personIdNo" label="身份证号码（打印时脱敏）" style={{ flex: 1 }}>
              <Input maxLength={18} />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="personRole" label="与案件关系">
            <Input maxLength={100} placeholder="当事人 / 证人 / 当事人的员工" />
          </Form.Item>
          <Form.List name="qa">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <div key={f.key} style={{ borderLeft: '3px solid #eee', paddingLeft: 8, marginBottom: 8 }} data-testid="qa-turn">
                    <Form.Item
                      name={[f.name, 'q']}
                      label={`问 ${i + 1}`}
                      rules={[{ required: true, whitespace: true, message: '请填写问题' }]}
                      style={{ marginBottom: 4 }}
                    >
                      <Input maxLength={2000} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'a']}
                      label="答"
                      rules={[{ required: true, whitespace: true, message: '请填写回答' }]}
                      style={{ marginBottom: 4 }}
                    >
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={4000} />
                    </Form.Item>
                    {fields.length > 1 ? (
                      <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)}>
                        删除本轮
                      </Button>
                    ) : null}
                  </div>
                ))}
                <Button size="small" icon={<PlusOutlined />} data-testid="qa-add" onClick={() => add({})}>
                  增加一问一答
                </Button>
              </>
            )}
          </Form.List>
        </>
      ) : (
        <>
          <Form.Item name="present" label="在场人员">
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="findings" label="现场情况" rules={[{ required: true, whitespace: true, message: '请填写现场情况' }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} showCount />
          </Form.Item>
        </>
      )}
    </>
  )
}

function ItemsList() {
  return (
    <Form.List name="items">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" wrap data-testid="preserve-item">
              <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '物品名称' }]}>
                <Input placeholder="物品名称" maxLength={100} />
              </Form.Item>
              <Form.Item name={[f.name, 'quantity']} rules={[{ required: true, message: '数量' }]}>
                <InputNumber placeholder="数量" min={0} style={{ width: 90 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'unit']} rules={[{ required: true, whitespace: true, message: '单位' }]}>
                <Input placeholder="单位" maxLength={10} style={{ width: 70 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'location']} rules={[{ required: true, whitespace: true, message: '存放地点' }]}>
                <Input placeholder="存放地点" maxLength={200} />
              </Form.Item>
              {fields.length > 1 ? <DeleteOutlined onClick={() => remove(f.name)} /> : null}
            </Space>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => add({})}>
            增加物品
          </Button>
        </>
      )}
    </Form.List>
  )
}

function ProposalFields({ state }: { state: string }) {
  const action = Form.useWatch('action') as string | undefined
  return (
    <>
      <Form.Item name="action" label="提请事项" rules={[{ required: true }]}>
        <Select autoFocus options={opts(INVESTIGATION_PROPOSALS).filter((o) => (state === 'suspended' ? o.value !== 'suspend' : true))} />
      </Form.Item>
      {action === 'transfer' ? (
        <>
          <Form.Item name="target" label="移送对象" rules={[{ required: true, message: '请选择移送对象' }]}>
            <Select options={opts(TRANSFER_TARGETS)} />
          </Form.Item>
          <Form.Item name="organ" label="接收机关名称" rules={[{ required: true, whitespace: true, message: '请填写接收机关' }]}>
            <Input maxLength={200} />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="ground" label={action === 'terminate' ? '终止情形' : '中止情形'} rules={[{ required: true, message: '请选择情形' }]}>
          <Select options={opts(action === 'terminate' ? TERMINATION_GROUNDS : SUSPENSION_GROUNDS)} />
        </Form.Item>
      )}
      <Form.Item
        name="actionReason"
        label={action === 'transfer' ? '移送理由和依据' : '理由'}
        rules={[{ required: true, whitespace: true, message: '请填写理由' }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
      </Form.Item>
      <Form.Item name="reason" label="提请理由" rules={[{ required: true, whitespace: true, message: '请写明提请理由' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} />
      </Form.Item>
    </>
  )
}

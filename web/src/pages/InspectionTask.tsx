import { ArrowLeftOutlined, DownloadOutlined, NotificationOutlined, SafetyCertificateOutlined, StopOutlined, ThunderboltOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Progress, Result, Skeleton, Space, Table, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import { useAuth } from '../auth/AuthContext'
import { taskWorkflow, type TaskAction, type TaskState } from '../../../src/shared/inspections/task.workflow'
import { applyServerError } from '../components/formError'
import { useLoad } from '../components/hooks'
import { Hash, PublicationTag, TaskStatusTag, VerdictAlert } from '../components/inspection/Bits'
import {
  KIND_LABELS,
  P,
  pct,
  STRATUM_LABELS,
  type Draw,
  type DrawJob,
  type Page,
  type Preview,
  type Target,
  type Task,
  type Verdict,
} from '../components/inspection/types'
import { ENTITY_TAG_OPTIONS, fmtDate, fmtDateTime } from '../components/labels'
import { PageHeader } from '../components/PageHeader'

const TAG_LABEL = new Map(ENTITY_TAG_OPTIONS.map((o) => [o.value as string, o.label]))

function DrawRecord({ draw }: { draw: Draw }) {
  const [verdict, setVerdict] = useState<Verdict | null>(null)
  const [checking, setChecking] = useState(false)
  return (
    <Card
      size="small"
      title={`抽取记录 ${draw.drawNo}（第 ${draw.attempt} 次）`}
      data-testid="draw-record"
      extra={
        <Button
          size="small"
          icon={<SafetyCertificateOutlined />}
          loading={checking}
          data-testid="verify-draw"
          onClick={async () => {
            setChecking(true)
            try {
              setVerdict(await api.get<Verdict>(`/api/inspection-draws/${draw.id}/verify`))
            } finally {
              setChecking(false)
            }
          }}
        >
          核验
        </Button>
      }
    >
      {draw.status === 'failed' ? (
        <Alert
          type="error"
          showIcon
          title="未能完成抽取（已记录，未改变任务）"
          description={
            <ul style={{ margin: 0 }}>
              {draw.failure?.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {draw.redrawReason ? <Alert type="info" showIcon title={`重新抽取理由：${draw.redrawReason}`} style={{ marginBottom: 12 }} /> : null}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'a', label: '算法版本', children: draw.algorithm },
          {
            key: 'p',
            label: '名录快照',
            children: (
              <>
                {draw.poolSize} 户 <Hash value={draw.poolHash} />
              </>
            ),
          },
          {
            key: 'x',
            label: '一年内已抽查排除',
            children: (
              <>
                {draw.excludedCount} 户 <Hash value={draw.exclusionHash} />
              </>
            ),
          },
          { key: 'ph', label: '参数哈希', children: <Hash value={draw.paramsHash} /> },
          { key: 'c', label: '公告承诺值', children: <Hash value={draw.commitmentHash} /> },
          { key: 's', label: '承诺密钥（抽取后公开）', children: <Hash value={draw.commitmentSecret} /> },
          {
            key: 't',
            label: `抽取时刻值（${draw.drawTimeSource === 'operator' ? '操作员录入' : '服务器生成'}）`,
            children: <Typography.Text code>{draw.drawTimeValue.length > 40 ? `${draw.drawTimeValue.slice(0, 36)}…` : draw.drawTimeValue}</Typography.Text>,
          },
          {
            key: 'seed',
            label: '种子',
            children: (
              <span data-testid="draw-seed">
                <Hash value={draw.seed} />
              </span>
            ),
          },
          { key: 'by', label: '抽取人 / 时间', children: `${draw.drawnByName} ${fmtDateTime(draw.drawnAt)}` },
        ]}
      />
      <Table
        size="small"
        rowKey="stratum"
        pagination={false}
        dataSource={draw.strata}
        style={{ marginTop: 8 }}
        columns={[
          { title: '风险分层', dataIndex: 'label' },
          { title: '对象数', dataIndex: 'size' },
          { title: '比例', render: (_, s) => pct(s.ratio) },
          { title: '应抽', dataIndex: 'expected' },
          { title: '实抽', dataIndex: 'drawn' },
        ]}
      />
      {verdict ? (
        <div style={{ marginTop: 12 }}>
          <VerdictAlert v={verdict} />
        </div>
      ) : null}
    </Card>
  )
}

/** Whether the task can be drawn as it stands: blocking problems (公告 is refused) and warnings. */
function CapacityAlert({ p }: { p: Preview }) {
  if (p.feasible && p.warnings.length === 0) return null
  return (
    <Alert
      type={p.feasible ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="capacity"
      title={p.feasible ? '可以抽取，但请注意：' : '按当前名录和检查人员无法完成抽取，不能公告'}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {[...p.problems, ...p.warnings].map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      }
    />
  )
}

function PreviewSummary({ task, p }: { task: Task; p: Preview }) {
  return (
    <>
      <CapacityAlert p={p} />
      <Typography.Paragraph>
        检查对象名录（当前）：<b data-testid="pool-size">{p.poolSize}</b> 户
        {p.excludedCount ? `（另有 ${p.excludedCount} 户一年内已因同一事项抽查，将排除）` : ''}，按比例应抽{' '}
        <b data-testid="expected-total">{p.expectedTotal}</b> 户。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="stratum"
        pagination={false}
        dataSource={p.strata}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '风险分层', dataIndex: 'label' },
          { title: '对象数', dataIndex: 'size' },
          { title: '比例', render: (_, s) => pct(s.ratio) },
          { title: '应抽', dataIndex: 'expected' },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="capacity-groups">
        可派检查人员：{p.inspectors.map((g) => `${g.unitName ?? ''}·${g.lineLabel} ${g.available} 人，需 ${g.need} 人次、可承担 ${g.capacity} 人次`).join('；')}
        （每户 {task.params.perTarget} 人，每人最多 {task.params.maxLoad} 户）
      </Typography.Paragraph>
    </>
  )
}

/** The draft's check before 公告: the same preview the draw screen shows, with what blocks it. */
function DraftCapacity({ task, onPreview }: { task: Task; onPreview: (p: Preview | undefined) => void }) {
  const preview = useLoad((signal) => api.get<Preview>(`/api/inspection-tasks/${task.id}/preview`, undefined, { signal }), [task.id, task.version])
  useEffect(() => onPreview(preview.data), [preview.data, onPreview])
  return (
    <Card title="公告前检查：能否抽取" data-testid="draft-capacity">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="草稿：公告后才能抽取。公告将冻结范围和参数，并公开承诺值；无法抽取的任务不能公告。" />
      {preview.error ? <Alert type="error" showIcon title={preview.error} /> : null}
      {preview.data ? <PreviewSummary task={task} p={preview.data} /> : <Skeleton active />}
    </Card>
  )
}

function DrawPanel({ task, onDone }: { task: Task; onDone: () => void }) {
  const { me } = useAuth()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ drawTimeValue?: string; reason?: string }>()
  const [open, setOpen] = useState(false)
  const [job, setJob] = useState<DrawJob | null>(null)
  const preview = useLoad(
    (signal) => api.get<Preview>(`/api/inspection-tasks/${task.id}/preview`, undefined, { signal }),
    [task.id, task.version],
    task.status === 'announced' || task.status === 'drawn',
  )
  const draws = useLoad(
    (signal) => api.get<{ items: Draw[] }>(`/api/inspection-tasks/${task.id}/draws`, undefined, { signal }),
    [task.id, task.version, job?.status],
  )
  const redraw = (draws.data?.items.length ?? 0) > 0

  useEffect(() => {
    if (!job || job.status === 'succeeded' || job.status === 'failed') return
    const poll = async () => {
      try {
        const j = await api.get<DrawJob>(`/api/inspection-draw-jobs/${job.id}`)
        setJob(j)
        if (j.status === 'succeeded' || j.status === 'failed') onDone()
      } catch (e) {
        message.error(errorMessage(e))
      }
    }
    const t = setTimeout(() => void poll(), 400)
    return () => clearTimeout(t)
  }, [job, message, onDone])

  const start = async (v: { drawTimeValue?: string; reason?: string }) => {
    try {
      setJob(await api.post<DrawJob>(`/api/inspection-tasks/${task.id}/draws`, { drawTimeValue: v.drawTimeValue || undefined, reason: v.reason || undefined }))
      setOpen(false)
    } catch (e) {
      message.error(errorMessage(e))
    }
  }
  // The task workflow allows the draw (announced, or drawn for a redraw); a redraw also needs no results yet.
  const mayDraw = taskWorkflow.available(task.status as TaskState, me?.permissions ?? []).includes('draw') && (task.status !== 'drawn' || task.doneCount === 0)
  const running = job && job.status !== 'succeeded' && job.status !== 'failed'
  const latest = draws.data?.items[draws.data.items.length - 1]
  return (
    <Card
      title="随机抽取"
      data-testid="draw-panel"
      extra={
        mayDraw ? (
          <Button type="primary" icon={<ThunderboltOutlined />} disabled={!!running} onClick={() => setOpen(true)} data-testid="draw-start">
            {redraw ? '重新抽取' : '开始抽取'}
          </Button>
        ) : null
      }
    >
      {preview.data && task.status === 'announced' ? <PreviewSummary task={task} p={preview.data} /> : null}
      {preview.data && task.status === 'drawn' ? <PreviewSummary task={task} p={preview.data} /> : null}
      {job ? (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="draw-job">
          <Flex vertical gap={4}>
            <span>
              {job.statusLabel}
              {job.phase ? `：${job.phase}` : ''}
              {job.poolSize ? `（名录 ${job.poolSize} 户）` : job.processed ? `（已读取 ${job.processed} 户）` : ''}
            </span>
            <Progress
              percent={job.status === 'succeeded' || job.status === 'failed' ? 100 : job.phase ? 60 : 10}
              status={job.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
            />
            {job.message ? (
              <Typography.Text type={job.status === 'failed' ? 'danger' : undefined} style={{ whiteSpace: 'pre-wrap' }}>
                {job.message}
              </Typography.Text>
            ) : null}
          </Flex>
        </Card>
      ) : null}
      {latest ? <DrawRecord draw={latest} /> : task.status === 'announced' ? <Typography.Text type="secondary">尚未抽取。</Typography.Text> : null}
      {(draws.data?.items.length ?? 0) > 1 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          历次抽取：{draws.data!.items.map((d) => `${d.drawNo}（${d.status === 'failed' ? '未完成' : '成功'}）`).join(' → ')}
        </Typography.Paragraph>
      ) : null}
      <Modal
        open={open}
        title={redraw ? '重新抽取' : '开始抽取'}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'draw-confirm' }}
        destroyOnHidden
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="抽取将冻结当前名录快照并记录其哈希；种子由公告时的承诺密钥与抽取时刻值推导，任何人可据记录复核。"
        />
        <Form form={form} layout="vertical" onFinish={start}>
          <Form.Item name="drawTimeValue" label="抽取时刻值（可选）" extra="公告后才产生的公开随机值，如当日开奖号码；留空由服务器在抽取时生成并记录。">
            <Input maxLength={200} />
          </Form.Item>
          {redraw ? (
            <Form.Item name="reason" label="重新抽取理由" rules={[{ required: true, min: 4, message: '请说明重新抽取的理由' }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Card>
  )
}

function TargetsCard({ task }: { task: Task }) {
  const [page, setPage] = useState(1)
  const list = useLoad(
    (signal) => api.get<Page<Target>>(`/api/inspection-tasks/${task.id}/targets`, { page, pageSize: 50 }, { signal }),
    [task.id, task.version, page],
    !!task.currentDrawId,
  )
  if (!task.currentDrawId) return null
  return (
    <Card title="抽中的检查对象与检查人员" data-testid="targets">
      <Table<Target>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items}
        scroll={{ x: 1100 }}
        pagination={{ current: page, pageSize: 50, total: list.data?.total, onChange: setPage, showTotal: (n) => `共 ${n} 户` }}
        columns={[
          { title: '序号', dataIndex: 'ordinal', width: 60 },
          { title: '分层', width: 70, render: (_, r) => r.stratum },
          { title: '名称', dataIndex: 'entityName', render: (v: string, r) => <Link to={`/entities/${r.entityId}`}>{v}</Link> },
          { title: '统一社会信用代码', dataIndex: 'uscc', width: 180 },
          { title: '日常监管机构', dataIndex: 'stationName', width: 150 },
          { title: '检查人员', width: 160, render: (_, r) => r.inspectors.map((i) => i.displayName).join('、') },
          {
            title: '结果',
            width: 200,
            render: (_, r) =>
              r.status === 'done' ? (
                <Space size={4} wrap>
                  <Tag color={r.outcome === 'no_problem' || r.outcome === 'no_activity' ? 'green' : 'red'}>{r.outcomeLabel}</Tag>
                  {r.leadNo ? <Tag>线索 {r.leadNo}</Tag> : null}
                  {r.abnormalProposed ? <Tag color="orange">异常名录提议</Tag> : null}
                </Space>
              ) : (
                <Tag>待检查</Tag>
              ),
          },
        ]}
        expandable={{
          rowExpandable: (r) => r.results.length > 0,
          expandedRowRender: (r) => (
            <ul style={{ margin: 0 }}>
              {r.results.map((x) => (
                <li key={x.itemId}>
                  {x.itemName}：{x.resultLabel}
                  {x.note ? `（${x.note}）` : ''}
                </li>
              ))}
            </ul>
          ),
        }}
      />
    </Card>
  )
}

/** 作废 with a reason (required): the task is kept and shown publicly as withdrawn. */
function VoidModal({ task, open, onClose, onDone }: { task: Task; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ reason: string }>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async (v: { reason: string }) => {
    setSaving(true)
    setError(null)
    try {
      await api.post(`/api/inspection-tasks/${task.id}/void`, { reason: v.reason.trim() })
      message.success('任务已作废')
      onDone()
    } catch (e) {
      setError(applyServerError(form, e))
    } finally {
      setSaving(false)
    }
  }
  return (
    <Modal
      open={open}
      title={`作废任务 ${task.taskNo}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText="作废"
      okButtonProps={{ danger: true, 'data-testid': 'void-confirm' }}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={task.status === 'announced' ? '任务不会被删除：公示页面的公告及承诺值保留，标注为“已撤回”并显示作废理由。' : '草稿作废后不能再公告。'}
      />
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label="作废理由" rules={[{ required: true, whitespace: true, min: 4, message: '请说明作废的理由（至少 4 个字）' }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="void-reason" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** One task: its parameters, the commitment, the draw screen, the drawn list and results, publication. */
export default function InspectionTaskPage() {
  const { id } = useParams()
  const navigate = useNavigate()
  const { can, me } = useAuth()
  const { message, modal } = App.useApp()
  const task = useLoad((signal) => api.get<Task>(`/api/inspection-tasks/${id}`, undefined, { signal }), [id])
  const [draftPreview, setDraftPreview] = useState<Preview | undefined>(undefined)
  const [voiding, setVoiding] = useState(false)
  const t = task.data
  /** Buttons come from the task workflow: the actions its status allows to the user's permissions. */
  const may = (a: TaskAction) => !!t && taskWorkflow.available(t.status as TaskState, me?.permissions ?? []).includes(a)
  if (task.error && !t)
    return <Result status="404" title="无法打开任务" subTitle={task.error} extra={<Button onClick={() => navigate('/inspections')}>返回</Button>} />
  if (!t) return <Skeleton active />
  const act = (title: string, content: string, path: string, done: string) =>
    modal.confirm({
      title,
      content,
      onOk: async () => {
        try {
          await api.post(path)
          message.success(done)
          task.reload()
        } catch (e) {
          message.error(errorMessage(e))
        }
      },
    })
  return (
    <>
      <PageHeader
        title={`${t.taskNo} ${t.name}`}
        docTitle={t.name}
        subtitle={
          <Space>
            <TaskStatusTag status={t.status} label={t.statusLabel} />
            {t.joint ? <Tag>部门联合</Tag> : null}
            <PublicationTag p={t.publication} />
          </Space>
        }
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/inspections')}>
              返回
            </Button>
            {may('announce') ? (
              <Button
                type="primary"
                icon={<NotificationOutlined />}
                data-testid="task-announce"
                disabled={draftPreview?.feasible === false}
                title={draftPreview?.feasible === false ? '按当前名录和检查人员无法完成抽取，不能公告' : undefined}
                onClick={() =>
                  act(
                    '公告任务并公布承诺值？',
                    '公告后检查对象范围与抽查参数冻结，不能再修改；承诺值将在公示页面公开。',
                    `/api/inspection-tasks/${t.id}/announce`,
                    '已公告',
                  )
                }
              >
                公告
              </Button>
            ) : null}
            {may('void') ? (
              <Button danger icon={<StopOutlined />} data-testid="task-void" onClick={() => setVoiding(true)}>
                作废
              </Button>
            ) : null}
            {t.currentDrawId && can(P.export) ? (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  api
                    .download(`/api/inspection-tasks/${t.id}/export`, undefined, { fallbackName: `${t.taskNo}抽查名单与结果.xlsx` })
                    .catch((e) => message.error(errorMessage(e)))
                }
              >
                导出名单与结果
              </Button>
            ) : null}
            {may('publish') ? (
              <Button
                type="primary"
                data-testid="task-publish"
                onClick={() =>
                  act(
                    '公示抽查结果？',
                    '任务、抽中对象（名称与统一社会信用代码）及检查结果将在公示页面公开。',
                    `/api/inspection-tasks/${t.id}/publish`,
                    '已公示',
                  )
                }
              >
                公示结果
              </Button>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'u', label: '组织实施机构', children: t.unitName },
              { key: 'p', label: '所属计划', children: t.planName ?? '临时任务' },
              { key: 'd', label: '实施期间', children: `${t.periodFrom} 至 ${t.periodTo}` },
              {
                key: 'c',
                label: '公告承诺值',
                children: t.commitmentHash ? (
                  <span data-testid="commitment">
                    <Hash value={t.commitmentHash} />
                  </span>
                ) : (
                  '未公告'
                ),
              },
              {
                key: 'i',
                label: '抽查事项',
                span: 2,
                children: t.items.map((i) => (
                  <div key={i.itemId}>
                    {i.code} {i.name}（{i.businessLineLabel}
                    {t.joint ? `，${i.unitName}` : ''}）
                    {i.isKey ? (
                      <Tag color="red" style={{ marginInlineStart: 4 }}>
                        重点
                      </Tag>
                    ) : null}
                  </div>
                )),
              },
              {
                key: 's',
                label: '对象范围',
                span: 2,
                children:
                  [
                    t.scope.kinds.map((k) => KIND_LABELS[k]).join('、'),
                    t.scope.tags.map((x) => TAG_LABEL.get(x) ?? x).join('、'),
                    t.scope.industries.length ? `行业 ${t.scope.industries.join('、')}` : '',
                    t.scope.specialListId ? '特定对象名录' : '',
                  ]
                    .filter(Boolean)
                    .join('；') || '辖区内全部在营主体',
              },
              {
                key: 'r',
                label: '抽查比例',
                span: 2,
                children: t.params.strata
                  .map((s) => `${STRATUM_LABELS[s.stratum]} ${pct(s.ratio)}${s.min != null ? ` 至少${s.min}` : ''}${s.max != null ? ` 至多${s.max}` : ''}`)
                  .join('；'),
              },
              {
                key: 'a',
                label: '人员分派',
                span: 2,
                children: `每户 ${t.params.perTarget} 人；每人最多 ${t.params.maxLoad} 户；${t.params.excludeDailyStation ? '日常监管所人员回避' : '不限监管所'}；${t.params.excludeRecent ? '一年内同一事项不重复抽查' : '不排除近期已抽查对象'}`,
              },
              {
                key: 'pub',
                label: '公示',
                span: 2,
                children: t.publication.dueOn
                  ? `检查完成于 ${t.publication.completedOn}，依“${t.publication.ruleName}”应于 ${t.publication.dueOn} 前公示${t.publication.publishedAt ? `；已于 ${fmtDate(t.publication.publishedAt)} 公示` : ''}`
                  : t.publication.stateLabel,
              },
            ]}
          />
        </Card>
        {t.status === 'void' ? (
          <Alert
            type="error"
            showIcon
            data-testid="void-notice"
            title={`本任务已作废${t.voidedAt ? `（${fmtDateTime(t.voidedAt)}）` : ''}`}
            description={`作废理由：${t.voidReason ?? '—'}。${t.announcedAt ? '公告及其承诺值保留在公示页面，标注为已撤回。' : ''}`}
          />
        ) : t.status !== 'draft' ? (
          <DrawPanel task={t} onDone={task.reload} />
        ) : (
          <DraftCapacity task={t} onPreview={setDraftPreview} />
        )}
        <TargetsCard task={t} />
      </Flex>
      <VoidModal
        task={t}
        open={voiding}
        onClose={() => setVoiding(false)}
        onDone={() => {
          setVoiding(false)
          task.reload()
        }}
      />
    </>
  )
}

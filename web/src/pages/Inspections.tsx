import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Checkbox, Col, Drawer, Flex, Form, Input, InputNumber, Modal, Row, Select, Table, Tabs, Tag, Typography, Upload } from 'antd'
import { useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { api, errorMessage } from '../api/client'
import { ImportHistory } from '../components/ImportHistory'
import { useAuth } from '../auth/AuthContext'
import { applyServerError } from '../components/formError'
import { useLoad } from '../components/hooks'
import { PublicationTag, TaskStatusTag } from '../components/inspection/Bits'
import { TaskFormDrawer } from '../components/inspection/TaskFormDrawer'
import { beijingToday } from '../components/labels'
import {
  BUSINESS_LINES,
  CONFLICT_KINDS,
  KIND_LABELS,
  P,
  RESULT_LABELS,
  type Conflict,
  type Inspector,
  type Item,
  type Page,
  type Plan,
  type TaskSummary,
} from '../components/inspection/types'
import { PageHeader } from '../components/PageHeader'
import { UnitTreeSelect } from '../components/UnitTreeSelect'
import { useUnits } from '../components/units'

const LINE_OPTIONS = Object.entries(BUSINESS_LINES).map(([value, label]) => ({ value, label }))

function TasksTab() {
  const { can } = useAuth()
  const navigate = useNavigate()
  const [page, setPage] = useState(1)
  const [status, setStatus] = useState<string | undefined>()
  const [creating, setCreating] = useState(false)
  const list = useLoad((signal) => api.get<Page<TaskSummary>>('/api/inspection-tasks', { page, pageSize: 20, status }, { signal }), [page, status])
  return (
    <>
      <Flex justify="space-between" style={{ marginBottom: 12 }} wrap gap={8}>
        <Select
          allowClear
          placeholder="任务状态"
          style={{ width: 180 }}
          value={status}
          onChange={(v) => {
            setStatus(v)
            setPage(1)
          }}
          options={[
            ['draft', '草稿'],
            ['announced', '已公告（待抽取）'],
            ['drawn', '已抽取（检查中）'],
            ['completed', '检查完成（待公示）'],
            ['published', '已公示'],
          ].map(([value, label]) => ({ value, label }))}
        />
        {can(P.plan) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-new">
            新建任务
          </Button>
        ) : null}
      </Flex>
      {list.error ? <Alert type="error" showIcon title={list.error} /> : null}
      <Table<TaskSummary>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showTotal: (n) => `共 ${n} 个任务` }}
        scroll={{ x: 960 }}
        columns={[
          { title: '任务编号', dataIndex: 'taskNo', width: 130, render: (v: string, r) => <Link to={`/inspections/tasks/${r.id}`}>{v}</Link> },
          {
            title: '任务名称',
            dataIndex: 'name',
            render: (v: string, r) => (
              <Link to={`/inspections/tasks/${r.id}`}>
                {v}
                {r.joint ? <Tag style={{ marginInlineStart: 6 }}>联合</Tag> : null}
              </Link>
            ),
          },
          { title: '组织机构', dataIndex: 'unitName', width: 180 },
          { title: '期间', width: 200, render: (_, r) => `${r.periodFrom} 至 ${r.periodTo}` },
          { title: '状态', width: 150, render: (_, r) => <TaskStatusTag status={r.status} label={r.statusLabel} /> },
          { title: '进度', width: 100, render: (_, r) => (r.targetCount ? `${r.doneCount}/${r.targetCount}` : '—') },
          { title: '公示', width: 200, render: (_, r) => <PublicationTag p={r.publication} /> },
        ]}
      />
      <TaskFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(t) => {
          setCreating(false)
          navigate(`/inspections/tasks/${t.id}`)
        }}
      />
    </>
  )
}

function PlansTab() {
  const { can } = useAuth()
  const { message } = App.useApp()
  const [form] = Form.useForm()
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const units = useUnits(open)
  const list = useLoad((signal) => api.get<Page<Plan>>('/api/inspection-plans', { pageSize: 100 }, { signal }), [])
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        {can(P.plan) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            新建年度计划
          </Button>
        ) : null}
      </Flex>
      <Table<Plan>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={false}
        columns={[
          { title: '计划编号', dataIndex: 'planNo', width: 130 },
          { title: '年度', dataIndex: 'year', width: 80 },
          { title: '计划名称', dataIndex: 'name' },
          { title: '制定机构', dataIndex: 'unitName', width: 220 },
          { title: '任务数', dataIndex: 'taskCount', width: 90 },
        ]}
        expandable={{ expandedRowRender: (r) => <Typography.Paragraph style={{ margin: 0 }}>{r.description ?? '（无说明）'}</Typography.Paragraph> }}
      />
      <Modal open={open} title="新建年度抽查计划" onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ year: new Date().getFullYear() }}
          onFinish={async (v: { year: number; name: string; unitId: string; description?: string }) => {
            try {
              await api.post('/api/inspection-plans', { ...v, description: v.description || null })
              message.success('已新建计划')
              setOpen(false)
              list.reload()
            } catch (e) {
              setError(applyServerError(form, e))
            }
          }}
        >
          <Form.Item name="year" label="年度" rules={[{ required: true }]}>
            <InputNumber min={2015} max={2100} />
          </Form.Item>
          <Form.Item name="name" label="计划名称" rules={[{ required: true, message: '请填写计划名称' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="unitId" label="制定机构" rules={[{ required: true, message: '请选择机构' }]}>
            <UnitTreeSelect units={units.data} loading={units.loading} />
          </Form.Item>
          <Form.Item name="description" label="说明（范围、批次与时间安排）">
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}

function ItemsTab() {
  const { can } = useAuth()
  const { message } = App.useApp()
  const [form] = Form.useForm()
  const [editing, setEditing] = useState<Item | 'new' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [importResult, setImportResult] = useState<{
    id: string
    totalRows: number
    okRows: number
    errorRows: number
    errors: { rowNo: number; columnName: string; value: string | null; reason: string }[]
  } | null>(null)
  const units = useUnits(editing !== null)
  const list = useLoad((signal) => api.get<Page<Item>>('/api/inspection-items', { pageSize: 200 }, { signal }), [])
  const save = async (v: Record<string, unknown>) => {
    try {
      if (editing === 'new') await api.post('/api/inspection-items', v)
      else if (editing) await api.patch(`/api/inspection-items/${editing.id}`, { ...v, expectedVersion: editing.version })
      message.success('已保存')
      setEditing(null)
      list.reload()
    } catch (e) {
      setError(applyServerError(form, e))
    }
  }
  return (
    <>
      <Flex justify="flex-end" gap={8} style={{ marginBottom: 12 }} wrap>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            api.download('/api/inspection-items/export', undefined, { fallbackName: '抽查事项清单.xlsx' }).catch((e) => message.error(errorMessage(e)))
          }
        >
          导出（导入模板）
        </Button>
        {can(P.manage) ? (
          <>
            <Upload
              accept=".xlsx,.csv"
              showUploadList={false}
              customRequest={async ({ file }) => {
                const fd = new FormData()
                fd.append('file', file as Blob)
                try {
                  const r = await api.upload<NonNullable<typeof importResult>>('/api/inspection-items/import', fd)
                  setImportResult(r)
                  list.reload()
                } catch (e) {
                  message.error(errorMessage(e))
                }
              }}
            >
              <Button icon={<UploadOutlined />}>导入 Excel</Button>
            </Upload>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setError(null)
                setEditing('new')
              }}
            >
              新增事项
            </Button>
          </>
        ) : null}
      </Flex>
      {importResult ? (
        <Alert
          type={importResult.errorRows ? 'warning' : 'success'}
          showIcon
          closable
          onClose={() => setImportResult(null)}
          style={{ marginBottom: 12 }}
          title={`导入完成：共 ${importResult.totalRows} 行，成功 ${importResult.okRows} 行，错误 ${importResult.errorRows} 行`}
          description={
            importResult.errorRows ? (
              <>
                <ul style={{ margin: 0 }}>
                  {importResult.errors.slice(0, 5).map((e, i) => (
                    <li key={i}>
                      第 {e.rowNo} 行【{e.columnName}】{e.reason}
                    </li>
                  ))}
                </ul>
                <Button
                  size="small"
                  onClick={() => api.download(`/api/inspection-imports/${importResult.id}/error-report`, undefined, { fallbackName: '导入错误报告.xlsx' })}
                >
                  下载错误报告
                </Button>
              </>
            ) : undefined
          }
        />
      ) : null}
      <Table<Item>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: '编码', dataIndex: 'code', width: 120 },
          { title: '事项名称', dataIndex: 'name' },
          { title: '类别', width: 80, render: (_, r) => (r.isKey ? <Tag color="red">重点</Tag> : <Tag>一般</Tag>) },
          { title: '业务条线', dataIndex: 'businessLineLabel', width: 140 },
          { title: '实施部门', dataIndex: 'unitName', width: 200 },
          { title: '状态', width: 70, render: (_, r) => (r.active ? '启用' : <Typography.Text type="secondary">停用</Typography.Text>) },
          ...(can(P.manage)
            ? [
                {
                  title: '',
                  width: 70,
                  render: (_: unknown, r: Item) => (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => {
                        setError(null)
                        setEditing(r)
                      }}
                    >
                      编辑
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
        expandable={{
          expandedRowRender: (r) => (
            <>
              <div>法律依据：{r.legalBasis}</div>
              <div>检查方式：{r.checkMethod}</div>
              <div>适用主体：{r.entityKinds.map((k) => KIND_LABELS[k]).join('、') || '全部'}</div>
              <div>结果选项：{r.resultOptions.map((o) => o.label).join('、')}</div>
            </>
          ),
        }}
      />
      {can(P.manage) ? (
        <div style={{ marginTop: 16 }}>
          <ImportHistory kind="inspections" refreshKey={importResult?.id} />
        </div>
      ) : null}
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        size={640}
        destroyOnHidden
        title={editing === 'new' ? '新增抽查事项' : '编辑抽查事项'}
        footer={
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => setEditing(null)}>取消</Button>
            <Button type="primary" onClick={() => form.submit()}>
              保存
            </Button>
          </Flex>
        }
      >
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={
            editing && editing !== 'new'
              ? { ...editing, resultOptions: editing.resultOptions.map((o) => o.code) }
              : { isKey: false, active: true, entityKinds: [], resultOptions: ['no_problem', 'corrected', 'pending_followup', 'unreachable'] }
          }
        >
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="code" label="事项编码" rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="name" label="事项名称" rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="legalBasis" label="法律依据" rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="unitId" label="实施部门" rules={[{ required: true }]}>
            <UnitTreeSelect units={units.data} loading={units.loading} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="businessLine" label="业务条线" rules={[{ required: true }]}>
                <Select options={LINE_OPTIONS} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="entityKinds" label="适用主体类型">
                <Select mode="multiple" placeholder="全部" options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="checkMethod" label="检查方式" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="resultOptions" label="检查结果选项" rules={[{ required: true }]}>
            <Select mode="multiple" options={Object.entries(RESULT_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="isKey" valuePropName="checked">
            <Checkbox>重点检查事项（比例不设上限）</Checkbox>
          </Form.Item>
          <Form.Item name="active" valuePropName="checked">
            <Checkbox>启用</Checkbox>
          </Form.Item>
        </Form>
      </Drawer>
    </>
  )
}

function InspectorsTab() {
  const { can } = useAuth()
  const { message } = App.useApp()
  const [adding, setAdding] = useState(false)
  const [conflictsOf, setConflictsOf] = useState<Inspector | null>(null)
  const [form] = Form.useForm()
  const [cform] = Form.useForm()
  const units = useUnits(adding)
  const list = useLoad((signal) => api.get<Page<Inspector>>('/api/inspection-inspectors', { pageSize: 200 }, { signal }), [])
  const cands = useLoad(
    (signal) =>
      api.get<{ items: { userId: string; displayName: string; certNo: string | null; unitId: string | null; unitName: string | null }[] }>(
        '/api/inspection-inspectors/candidates',
        undefined,
        { signal },
      ),
    [adding],
    adding,
  )
  const conflicts = useLoad(
    (signal) => api.get<{ items: Conflict[] }>(`/api/inspection-inspectors/${conflictsOf!.userId}/conflicts`, undefined, { signal }),
    [conflictsOf?.userId],
    !!conflictsOf,
  )
  const [entityOptions, setEntityOptions] = useState<{ value: string; label: string }[]>([])
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        {can(P.manage) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            列入名录
          </Button>
        ) : null}
      </Flex>
      <Table<Inspector>
        rowKey="userId"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: '姓名', dataIndex: 'displayName', width: 100 },
          { title: '执法证号', dataIndex: 'certNo', width: 130 },
          { title: '所属机构', dataIndex: 'unitName', width: 220 },
          { title: '业务条线', render: (_, r) => r.lines.map((l) => <Tag key={l.code}>{l.label}</Tag>) },
          { title: '负荷上限', width: 90, render: (_, r) => r.maxLoad ?? '按任务' },
          {
            title: '利害关系',
            width: 100,
            render: (_, r) => (
              <Button size="small" type="link" onClick={() => setConflictsOf(r)}>
                {r.conflictCount} 项
              </Button>
            ),
          },
          { title: '状态', width: 70, render: (_, r) => (r.active ? '在册' : '暂停') },
        ]}
      />
      <Modal open={adding} title="列入执法检查人员名录" onCancel={() => setAdding(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v: { userId: string; unitId: string; lines: string[]; maxLoad?: number }) => {
            try {
              await api.put(`/api/inspection-inspectors/${v.userId}`, { unitId: v.unitId, lines: v.lines, maxLoad: v.maxLoad ?? null })
              message.success('已列入名录')
              setAdding(false)
              list.reload()
            } catch (e) {
              message.error(applyServerError(form, e))
            }
          }}
        >
          <Form.Item name="userId" label="人员（持执法证的用户）" rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={cands.loading}
              options={(cands.data?.items ?? []).map((c) => ({ value: c.userId, label: `${c.displayName}（${c.certNo}，${c.unitName ?? ''}）` }))}
              onChange={(id) => form.setFieldValue('unitId', cands.data?.items.find((c) => c.userId === id)?.unitId)}
            />
          </Form.Item>
          <Form.Item name="unitId" label="所属机构" rules={[{ required: true }]}>
            <UnitTreeSelect units={units.data} loading={units.loading} />
          </Form.Item>
          <Form.Item name="lines" label="业务条线" rules={[{ required: true }]}>
            <Select mode="multiple" options={LINE_OPTIONS} />
          </Form.Item>
          <Form.Item name="maxLoad" label="个人负荷上限（空 = 按任务）">
            <InputNumber min={1} />
          </Form.Item>
        </Form>
      </Modal>
      <Drawer open={!!conflictsOf} onClose={() => setConflictsOf(null)} size={640} title={`利害关系声明：${conflictsOf?.displayName ?? ''}`} destroyOnHidden>
        <Table<Conflict>
          rowKey="id"
          size="small"
          loading={conflicts.loading}
          dataSource={conflicts.data?.items}
          pagination={false}
          columns={[
            { title: '经营主体', render: (_, c) => `${c.entityName ?? c.entityId}` },
            { title: '类型', dataIndex: 'kindLabel', width: 110 },
            { title: '说明', dataIndex: 'reason' },
            { title: '期间', width: 170, render: (_, c) => `${c.validFrom} 至 ${c.validTo ?? '长期'}` },
            ...(can(P.manage)
              ? [
                  {
                    title: '',
                    width: 60,
                    render: (_: unknown, c: Conflict) => (
                      <Button
                        size="small"
                        type="link"
                        danger
                        onClick={async () => {
                          await api.del(`/api/inspection-conflicts/${c.id}`)
                          conflicts.reload()
                          list.reload()
                        }}
                      >
                        删除
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {can(P.manage) ? (
          <Card size="small" title="新增声明" style={{ marginTop: 16 }}>
            <Form
              form={cform}
              layout="vertical"
              initialValues={{ kind: 'relative', validFrom: beijingToday() }}
              onFinish={async (v: { entityId: string; kind: string; reason: string; validFrom: string; validTo?: string }) => {
                try {
                  await api.post(`/api/inspection-inspectors/${conflictsOf!.userId}/conflicts`, { ...v, validTo: v.validTo || null })
                  cform.resetFields(['entityId', 'reason'])
                  conflicts.reload()
                  list.reload()
                } catch (e) {
                  message.error(applyServerError(cform, e))
                }
              }}
            >
              <Form.Item name="entityId" label="经营主体（输入名称或信用代码检索）" rules={[{ required: true }]}>
                <Select
                  showSearch
                  filterOption={false}
                  options={entityOptions}
                  onSearch={async (q) => {
                    if (q.trim().length < 2) return
                    const isCode = /^[0-9A-Z]{15,18}$/i.test(q.trim())
                    const r = await api.get<{ items: { id: string; name: string; uscc: string | null }[] }>(
                      '/api/entities',
                      isCode ? { uscc: q.trim(), pageSize: 10 } : { name: q.trim(), pageSize: 10 },
                    )
                    setEntityOptions(r.items.map((e) => ({ value: e.id, label: `${e.name}（${e.uscc ?? ''}）` })))
                  }}
                />
              </Form.Item>
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name="kind" label="类型">
                    <Select options={Object.entries(CONFLICT_KINDS).map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="validFrom" label="开始日期" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="validTo" label="结束日期">
                    <Input placeholder="长期" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="reason" label="说明" rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Button type="primary" htmlType="submit">
                添加
              </Button>
            </Form>
          </Card>
        ) : null}
      </Drawer>
    </>
  )
}

/** 双随机抽查: tasks, annual plans, the check-item list and the inspector register. */
export default function InspectionsPage() {
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') ?? 'tasks'
  return (
    <>
      <PageHeader
        title="双随机抽查"
        subtitle="随机抽取检查对象、随机选派检查人员、抽查情况及查处结果及时公开"
        extra={
          <Button href="/public/inspections" target="_blank">
            公示页面
          </Button>
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k })}
          items={[
            { key: 'tasks', label: '抽查任务', children: <TasksTab /> },
            { key: 'plans', label: '年度计划', children: <PlansTab /> },
            { key: 'items', label: '抽查事项清单', children: <ItemsTab /> },
            { key: 'inspectors', label: '执法检查人员名录', children: <InspectorsTab /> },
          ]}
        />
      </Card>
    </>
  )
}

import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons'
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableProps,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { api } from '../api/client'
import type { AuditRecord, AuditVerify, Page } from '../api/types'
import { useLoad, useSticky } from '../components/hooks'
import { actionLabel, AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS, fmtDateTime, targetTypeLabel } from '../components/labels'
import { JsonDiff } from '../components/JsonDiff'
import { PageHeader } from '../components/PageHeader'

interface SearchForm {
  actor?: string
  action?: string
  targetType?: string
  targetId?: string
  text?: string
  range?: [Dayjs | null, Dayjs | null] | null
}

interface Query {
  actor?: string
  action?: string
  targetType?: string
  targetId?: string
  text?: string
  from?: string
  to?: string
}

const trimOrUndef = (v?: string) => (v && v.trim() ? v.trim() : undefined)

function actionColor(a: string): string {
  if (a.startsWith('auth.login_failed') || a === 'auth.lockout') return 'red'
  if (a.startsWith('auth.')) return 'default'
  if (a.endsWith('.view') || a.endsWith('.reveal')) return 'purple' // views of protected personal data
  if (a.includes('disable') || a.includes('revoke') || a.includes('reset')) return 'orange'
  return 'blue'
}

function VerifyResult({ r }: { r: AuditVerify }) {
  return r.ok ? (
    <Result
      status="success"
      icon={<CheckCircleFilled />}
      title="审计链完整"
      subTitle={`已逐条校验 ${r.checked} / ${r.total} 条记录的哈希链，未发现篡改、删除或插入。`}
      extra={
        <Typography.Text type="secondary" className="mono" copyable={{ text: r.lastHash }}>
          末条哈希 {r.lastHash.slice(0, 16)}…
        </Typography.Text>
      }
    />
  ) : (
    <Result
      status="error"
      icon={<CloseCircleFilled />}
      title="审计链校验未通过"
      subTitle={`校验 ${r.checked} / ${r.total} 条记录时发现问题${r.firstBadSeq != null ? `，首个异常记录序号：${r.firstBadSeq}` : ''}。`}
      extra={<Alert type="error" title={r.problem ?? '未知问题'} description="请立即报告本单位网络安全负责人，保留现场，不要修改数据库。" />}
    />
  )
}

export default function AuditPage() {
  const [form] = Form.useForm<SearchForm>()
  const [query, setQuery] = useState<Query>({})
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const list = useLoad((signal) => api.get<Page<AuditRecord>>('/api/audit', { ...query, page, pageSize }, { signal }), [JSON.stringify(query), page, pageSize])
  const [detail, setDetail] = useState<AuditRecord | null>(null)
  const shown = useSticky(detail)
  const [verify, setVerify] = useState<{ loading: boolean; result: AuditVerify | null; error: string | null } | null>(null)

  const search = (v: SearchForm) => {
    setPage(1)
    setQuery({
      actor: trimOrUndef(v.actor),
      action: trimOrUndef(v.action),
      targetType: v.targetType || undefined,
      targetId: trimOrUndef(v.targetId),
      text: trimOrUndef(v.text),
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    })
  }

  const runVerify = async () => {
    setVerify({ loading: true, result: null, error: null })
    try {
      const r = await api.get<AuditVerify>('/api/audit/verify')
      setVerify({ loading: false, result: r, error: null })
    } catch (e) {
      setVerify({ loading: false, result: null, error: e instanceof Error ? e.message : '校验失败' })
    }
  }

  const columns: TableProps<AuditRecord>['columns'] = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => fmtDateTime(v) },
    { title: '操作人', dataIndex: 'actorName', width: 140, render: (v: string | null) => v ?? <Typography.Text type="secondary">系统</Typography.Text> },
    {
      title: '动作',
      dataIndex: 'action',
      width: 190,
      render: (a: string) => (
        <div>
          <Tag color={actionColor(a)}>{actionLabel(a)}</Tag>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} className="mono">
              {a}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: '对象',
      key: 'target',
      render: (_v, r) => (
        <div>
          <Typography.Text type="secondary">{targetTypeLabel(r.targetType)}：</Typography.Text>
          {r.targetLabel ?? r.targetId ?? '—'}
        </div>
      ),
    },
    { title: 'IP', dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: '',
      key: 'op',
      width: 70,
      render: (_v, r) => (
        <Button type="link" size="small" onClick={() => setDetail(r)}>
          详情
        </Button>
      ),
    },
  ]

  return (
    <div className="page">
      <PageHeader
        title="审计日志"
        subtitle="所有登录与数据变更均记入防篡改的哈希链，只可查询，不可修改或删除"
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              刷新
            </Button>
            <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={runVerify} data-testid="audit-verify">
              校验审计链
            </Button>
          </>
        }
      />
      <Card size="small" className="filter-card">
        <Form<SearchForm> form={form} name="audit" onFinish={search} layout="vertical" className="search-form">
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label="操作人" name="actor">
                <Input allowClear placeholder="姓名" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label="动作" name="action" tooltip="按前缀匹配，如 user. 查所有用户相关操作">
                <AutoComplete
                  allowClear
                  placeholder="如：user.create"

                  options={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label: `${label}（${value}）` }))}
                  showSearch={{
                    filterOption: (input, option) => !!option && (String(option.value).includes(input) || String(option.label).includes(input)),
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label="对象类型" name="targetType">
                <Select allowClear placeholder="全部" options={Object.entries(AUDIT_TARGET_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label="对象名称" name="text">
                <Input allowClear placeholder="如：用户名、机构名" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label="对象编号" name="targetId">
                <Input allowClear placeholder="对象 ID" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label="时间范围" name="range">
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={10} className="search-actions">
              <Form.Item label=" " colon={false}>
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
                    查询
                  </Button>
                  <Button
                    onClick={() => {
                      form.resetFields()
                      search({})
                    }}
                  >
                    重置
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {list.error ? <Alert type="error" showIcon title={list.error} className="page-alert" /> : null}
      <Card size="small">
        <Table<AuditRecord>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 1000 }}
          onRow={(r) => ({ onDoubleClick: () => setDetail(r) })}
          locale={{ emptyText: '没有符合条件的审计记录' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p)
              setPageSize(s)
            },
          }}
        />
      </Card>
      <Drawer open={!!detail} onClose={() => setDetail(null)} size={760} title={shown ? `审计记录 #${shown.seq}` : ''}>
        {shown ? (
          <>
            <Descriptions
              size="small"
              bordered
              column={1}
              styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
              items={[
                { key: 'at', label: '时间', children: fmtDateTime(shown.at) },
                { key: 'actor', label: '操作人', children: shown.actorName ?? '系统' },
                {
                  key: 'action',
                  label: '动作',
                  children: (
                    <span>
                      {actionLabel(shown.action)}{' '}
                      <Typography.Text type="secondary" className="mono">
                        {shown.action}
                      </Typography.Text>
                    </span>
                  ),
                },
                { key: 'target', label: '对象', children: `${targetTypeLabel(shown.targetType)}：${shown.targetLabel ?? '—'}` },
                {
                  key: 'tid',
                  label: '对象编号',
                  span: 'filled',
                  children: shown.targetId ? (
                    <Typography.Text className="mono" copyable>
                      {shown.targetId}
                    </Typography.Text>
                  ) : (
                    '—'
                  ),
                },
                { key: 'ip', label: 'IP', children: shown.ip ?? '—' },
                {
                  key: 'rid',
                  label: '请求编号',
                  children: shown.requestId ? (
                    <Typography.Text className="mono" copyable>
                      {shown.requestId}
                    </Typography.Text>
                  ) : (
                    '—'
                  ),
                },
                {
                  key: 'hash',
                  label: '本条哈希',
                  span: 'filled',
                  children: (
                    <Typography.Text className="mono small-mono" copyable>
                      {shown.hash}
                    </Typography.Text>
                  ),
                },
                { key: 'prev', label: '前条哈希', span: 'filled', children: <Typography.Text className="mono small-mono">{shown.prevHash}</Typography.Text> },
              ]}
            />
            <Tabs
              style={{ marginTop: 16 }}
              items={[
                { key: 'diff', label: '变更对比', children: <JsonDiff before={shown.before} after={shown.after} /> },
                {
                  key: 'raw',
                  label: '原始数据',
                  children: (
                    <Row gutter={12}>
                      <Col span={12}>
                        <Typography.Text strong>变更前</Typography.Text>
                        <pre className="json-block">{shown.before != null ? JSON.stringify(shown.before, null, 2) : '（无）'}</pre>
                      </Col>
                      <Col span={12}>
                        <Typography.Text strong>变更后</Typography.Text>
                        <pre className="json-block">{shown.after != null ? JSON.stringify(shown.after, null, 2) : '（无）'}</pre>
                      </Col>
                    </Row>
                  ),
                },
              ]}
            />
          </>
        ) : null}
      </Drawer>
      <Modal open={!!verify} title="审计链校验" onCancel={() => setVerify(null)} footer={<Button onClick={() => setVerify(null)}>关闭</Button>} width={560}>
        {verify?.loading ? (
          <Result icon={<SafetyCertificateOutlined spin />} title="正在逐条校验…" subTitle="记录较多时需要一些时间" />
        ) : verify?.error ? (
          <Alert type="error" showIcon title={verify.error} />
        ) : verify?.result ? (
          <div data-testid="verify-result">
            <VerifyResult r={verify.result} />
          </div>
        ) : null}
      </Modal>
    </div>
  )
}

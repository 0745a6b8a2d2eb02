import { PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableProps,
} from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState } from 'react'
import { api, errorMessage } from '../api/client'
import type { ApiToken, Page, Role, User } from '../api/types'
import { applyServerError } from '../components/formError'
import { useDebounced, useLoad } from '../components/hooks'
import { fmtDateTime, OTHER_PERMISSION_LABELS, PERMISSION_LABELS } from '../components/labels'
import { OneTimeSecretModal, type OneTimeSecretInfo } from '../components/OneTimeSecret'
import { PageHeader } from '../components/PageHeader'

interface TokenForm {
  name: string
  userId: string
  permissions: string[]
  /** 0: never expires. */
  expiresInDays: number
}

/** Every permission the server knows (from the role catalogue), with its label. */
function usePermissionLabels(): Record<string, string> {
  const roles = useLoad((signal) => api.get<{ items: Role[] }>('/api/roles', undefined, { signal }).then((r) => r.items), [])
  const out: Record<string, string> = { ...PERMISSION_LABELS }
  for (const r of roles.data ?? []) for (const p of r.permissions) out[p.code] = p.label
  for (const [k, v] of Object.entries(OTHER_PERMISSION_LABELS)) out[k] ??= v
  return out
}

function tokenState(t: ApiToken): { status: 'success' | 'default' | 'error' | 'warning'; text: string } {
  if (t.revokedAt) return { status: 'error', text: '已吊销' }
  if (t.expiresAt && dayjs(t.expiresAt).isBefore(dayjs())) return { status: 'default', text: '已过期' }
  if (t.expiresAt && dayjs(t.expiresAt).diff(dayjs(), 'day') < 30) return { status: 'warning', text: '即将过期' }
  return { status: 'success', text: '有效' }
}

function UserPicker({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const [text, setText] = useState('')
  const q = useDebounced(text.trim(), 300)
  const users = useLoad((signal) => api.get<Page<User>>('/api/users', { q, pageSize: 30, status: 'active' }, { signal }), [q])
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      placeholder="输入姓名或用户名搜索"
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={users.loading}
      notFoundContent={users.loading ? '搜索中…' : '没有匹配的用户'}
      options={(users.data?.items ?? []).map((u) => ({
        value: u.id,
        label: `${u.displayName}（${u.username}）· ${u.units.find((x) => x.isPrimary)?.name ?? ''}`,
      }))}
    />
  )
}

function CreateTokenDrawer({
  open,
  labels,
  onClose,
  onCreated,
}: {
  open: boolean
  labels: Record<string, string>
  onClose: () => void
  onCreated: (name: string, token: string) => void
}) {
  const [form] = Form.useForm<TokenForm>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (open) {
      form.resetFields()
      setError(null)
    }
  }, [open, form])

  const onFinish = async (v: TokenForm) => {
    setSaving(true)
    setError(null)
    try {
      const r = await api.post<{ id: string; token: string }>('/api/tokens', {
        name: v.name.trim(),
        userId: v.userId,
        permissions: v.permissions,
        expiresInDays: v.expiresInDays || null,
      })
      onCreated(v.name.trim(), r.token)
    } catch (e) {
      setError(applyServerError(form, e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title="创建接口令牌"
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            创建
          </Button>
        </Flex>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="接口令牌供其他业务系统调用本平台接口"
        description="令牌以所属用户的身份访问，权限为所选权限与该用户权限的交集；所有调用都记入审计日志。"
      />
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<TokenForm> form={form} layout="vertical" onFinish={onFinish} initialValues={{ expiresInDays: 365, permissions: [] }}>
        <Form.Item
          label="令牌名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入令牌名称' },
            { min: 2, max: 64, message: '名称为 2–64 个字' },
          ]}
        >
          <Input placeholder="如：12315 热线系统对接" />
        </Form.Item>
        <Form.Item label="所属用户" name="userId" rules={[{ required: true, message: '请选择令牌所属用户' }]}>
          <UserPicker />
        </Form.Item>
        <Form.Item label="权限" name="permissions" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一项权限' }]}>
          <Checkbox.Group style={{ width: '100%' }}>
            <Row gutter={[8, 8]}>
              {Object.entries(labels).map(([code, label]) => (
                <Col span={12} key={code}>
                  <Checkbox value={code}>
                    {label}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {code}
                    </Typography.Text>
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item label="有效期" name="expiresInDays">
          <Select
            options={[
              { value: 30, label: '30 天' },
              { value: 90, label: '90 天' },
              { value: 180, label: '180 天' },
              { value: 365, label: '1 年' },
              { value: 730, label: '2 年' },
              { value: 0, label: '永不过期（不推荐）' },
            ]}
          />
        </Form.Item>
      </Form>
    </Drawer>
  )
}

export default function TokensPage() {
  const { message } = App.useApp()
  const list = useLoad((signal) => api.get<{ items: ApiToken[] }>('/api/tokens', undefined, { signal }).then((r) => r.items), [])
  const [creating, setCreating] = useState(false)
  const [secret, setSecret] = useState<OneTimeSecretInfo | null>(null)
  const [showRevoked, setShowRevoked] = useState(false)
  const labels = usePermissionLabels()

  const revoke = async (t: ApiToken) => {
    try {
      await api.post(`/api/tokens/${t.id}/revoke`)
      message.success(`已吊销令牌“${t.name}”`)
      list.reload()
    } catch (e) {
      message.error(errorMessage(e))
    }
  }

  const items = (list.data ?? []).filter((t) => showRevoked || !t.revokedAt)

  const columns: TableProps<ApiToken>['columns'] = [
    { title: '名称', dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: '令牌前缀', dataIndex: 'prefix', width: 130, render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
    { title: '所属用户', dataIndex: 'username', width: 110 },
    {
      title: '权限',
      dataIndex: 'permissions',
      render: (ps: string[]) => (
        <Flex wrap gap={4}>
          {ps.map((p) => (
            <Tooltip key={p} title={p}>
              <Tag style={{ marginInlineEnd: 0 }}>{labels[p] ?? p}</Tag>
            </Tooltip>
          ))}
        </Flex>
      ),
    },
    {
      title: '有效期至',
      dataIndex: 'expiresAt',
      width: 160,
      render: (v: string | null) => (v ? fmtDateTime(v) : <Typography.Text type="warning">永不过期</Typography.Text>),
    },
    {
      title: '最后使用',
      dataIndex: 'lastUsedAt',
      width: 160,
      render: (v: string | null) => (v ? fmtDateTime(v) : <Typography.Text type="secondary">从未使用</Typography.Text>),
    },
    {
      title: '状态',
      key: 'state',
      width: 90,
      render: (_v, t) => {
        const s = tokenState(t)
        return <Badge status={s.status} text={s.text} />
      },
    },
    {
      title: '操作',
      key: 'op',
      width: 90,
      render: (_v, t) =>
        t.revokedAt ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Popconfirm
            title={`吊销令牌“${t.name}”？`}
            description="吊销后使用该令牌的系统将立即无法访问，且不可恢复。"
            okText="吊销"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => revoke(t)}
          >
            <Button type="link" danger size="small" icon={<StopOutlined />}>
              吊销
            </Button>
          </Popconfirm>
        ),
    },
  ]

  return (
    <div className="page">
      <PageHeader
        title="接口令牌"
        subtitle="供外部业务系统调用本平台接口；令牌明文只在创建时显示一次"
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              刷新
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              创建令牌
            </Button>
          </>
        }
      />
      {list.error ? <Alert type="error" showIcon title={list.error} className="page-alert" /> : null}
      <Card
        size="small"
        extra={
          <Checkbox checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)}>
            显示已吊销
          </Checkbox>
        }
        title={`共 ${items.length} 个令牌`}
      >
        <Table<ApiToken>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.loading}
          scroll={{ x: 1000 }}
          pagination={items.length > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有接口令牌" /> }}
        />
      </Card>
      <CreateTokenDrawer
        open={creating}
        labels={labels}
        onClose={() => setCreating(false)}
        onCreated={(name, token) => {
          setCreating(false)
          list.reload()
          setSecret({
            title: '令牌已创建',
            subject: `令牌“${name}”：`,
            secret: token,
            hint: '调用接口时在请求头中携带 Authorization: Bearer <令牌>。关闭后无法再次查看，遗失请吊销后重新创建。',
          })
        }}
      />
      <OneTimeSecretModal info={secret} onClose={() => setSecret(null)} />
    </div>
  )
}

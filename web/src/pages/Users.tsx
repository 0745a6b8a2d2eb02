import {
  EditOutlined,
  EyeOutlined,
  KeyOutlined,
  LockOutlined,
  MoreOutlined,
  PlusOutlined,
  ReloadOutlined,
  SafetyOutlined,
  StopOutlined,
  CheckCircleOutlined,
  UnlockOutlined,
} from '@ant-design/icons'
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Divider,
  Drawer,
  Dropdown,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type MenuProps,
  type TableProps,
} from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { CertNo, DisplayName, UserEmail, Username, UserPhone } from '../../../src/shared/access/schema'
import { api, errorMessage } from '../api/client'
import type { GrantInput, Page, Role, RoleCode, User, UserWithPassword } from '../api/types'
import { useAuth, useMe } from '../auth/AuthContext'
import { applyServerError } from '../components/formError'
import { GrantsEditor } from '../components/GrantsEditor'
import { useDebounced, useLoad, useSticky } from '../components/hooks'
import { fmtDateTime, ROLE_LABELS } from '../components/labels'
import { OneTimeSecretModal, type OneTimeSecretInfo } from '../components/OneTimeSecret'
import { PageHeader } from '../components/PageHeader'
import { UnitTreeSelect } from '../components/UnitTreeSelect'
import { useUnits } from '../components/units'
import { zodRule } from '../components/zodRule'

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null)

interface Filters {
  q: string
  unitId?: string
  status?: 'active' | 'disabled'
  role?: RoleCode
}

interface UserForm {
  username: string
  displayName: string
  unitIds: string[]
  phone?: string
  email?: string
  certNo?: string
  grants?: GrantInput[]
}

function useRoles() {
  return useLoad((signal) => api.get<{ items: Role[] }>('/api/roles', undefined, { signal }).then((r) => r.items), [])
}

function UserDrawer({
  mode,
  user,
  onClose,
  onCreated,
  onSaved,
}: {
  mode: 'create' | 'edit' | null
  user: User | null
  onClose: () => void
  onCreated: (r: UserWithPassword) => void
  onSaved: (u: User) => void
}) {
  const { message } = App.useApp()
  const me = useMe()
  const [form] = Form.useForm<UserForm>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const units = useUnits(mode !== null)
  const roles = useRoles()
  const open = mode !== null
  const unitIds = Form.useWatch('unitIds', form)
  // Keep the title and buttons steady while the drawer animates closed.
  const view = useSticky(mode ? { mode, user } : null) ?? { mode: 'create' as const, user: null }

  useEffect(() => {
    if (!open) return
    setError(null)
    form.resetFields()
    if (mode === 'edit' && user) {
      form.setFieldsValue({ username: user.username, displayName: user.displayName, unitIds: user.units.map((u) => u.id), certNo: user.certNo ?? undefined })
    } else {
      form.setFieldsValue({ unitIds: me.user.primaryUnitId ? [me.user.primaryUnitId] : [], grants: [] })
    }
  }, [open, mode, user, form, me.user.primaryUnitId])

  const onFinish = async (v: UserForm) => {
    setSaving(true)
    setError(null)
    try {
      if (mode === 'create') {
        const r = await api.post<UserWithPassword>('/api/users', {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          unitIds: v.unitIds,
          phone: blankToNull(v.phone),
          email: blankToNull(v.email),
          certNo: blankToNull(v.certNo),
          grants: v.grants ?? [],
        })
        onCreated(r)
      } else if (user) {
        // Phone and e-mail are masked in the list: send them only when the administrator typed new ones.
        const body: Record<string, unknown> = {
          expectedVersion: user.version,
          displayName: v.displayName.trim(),
          unitIds: v.unitIds,
          certNo: blankToNull(v.certNo),
        }
        if (blankToNull(v.phone)) body.phone = blankToNull(v.phone)
        if (blankToNull(v.email)) body.email = blankToNull(v.email)
        const saved = await api.patch<User>(`/api/users/${user.id}`, body)
        message.success(`已保存用户“${saved.displayName}”`)
        onSaved(saved)
      }
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
      size={720}
      destroyOnHidden
      title={view.mode === 'create' ? '新建用户' : `编辑用户：${view.user?.displayName ?? ''}（${view.user?.username ?? ''}）`}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="user-save">
            {view.mode === 'create' ? '创建用户' : '保存'}
          </Button>
        </Flex>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" /> : null}
      <Form<UserForm> form={form} name="user" layout="vertical" onFinish={onFinish} scrollToFirstError>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              label="用户名"
              name="username"
              extra={view.mode === 'create' ? '登录用，创建后不可修改' : undefined}
              rules={[{ required: true, message: '请输入用户名' }, zodRule(Username)]}
            >
              <Input placeholder="如：zhangsan" disabled={view.mode === 'edit'} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, zodRule(DisplayName)]}>
              <Input placeholder="如：张三" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="所属机构"
          name="unitIds"
          extra="可选多个，第一个为主要机构"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个所属机构' }]}
        >
          <UnitTreeSelect units={units.data} loading={units.loading} multiple treeCheckable={false} placeholder="选择所属机构" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label="手机号" name="phone" rules={[zodRule(UserPhone)]}>
              <Input placeholder={view.mode === 'edit' && view.user?.phone ? `当前 ${view.user.phone}，不改请留空` : '选填'} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item label="电子邮箱" name="email" rules={[zodRule(UserEmail)]}>
              <Input placeholder={view.mode === 'edit' && view.user?.email ? `当前 ${view.user.email}，不改请留空` : '选填'} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item label="执法证号" name="certNo" tooltip="授予执法检查人员角色时必填" rules={[zodRule(CertNo)]}>
              <Input placeholder="选填" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        {view.mode === 'create' ? (
          <>
            <Divider titlePlacement="start" plain>
              角色授权
            </Divider>
            <GrantsEditor roles={roles.data ?? []} units={units.data} unitsLoading={units.loading} defaultUnitId={unitIds?.[0]} />
            <Alert type="info" showIcon style={{ marginTop: 16 }} title="创建后系统生成一次性初始密码，仅显示一次；用户首次登录须修改密码。" />
          </>
        ) : null}
      </Form>
    </Drawer>
  )
}

function GrantsModal({ user, onClose, onSaved }: { user: User | null; onClose: () => void; onSaved: (u: User) => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ grants: GrantInput[] }>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const units = useUnits(!!user)
  const roles = useRoles()
  const shown = useSticky(user)

  useEffect(() => {
    if (!user) return
    setError(null)
    form.setFieldsValue({ grants: user.grants.map((g) => ({ role: g.role, unitId: g.unitId, scope: g.scope })) })
  }, [user, form])

  const onFinish = async (v: { grants?: GrantInput[] }) => {
    if (!user) return
    setSaving(true)
    setError(null)
    try {
      const saved = await api.put<User>(`/api/users/${user.id}/grants`, { grants: v.grants ?? [] })
      message.success(`已更新“${saved.displayName}”的角色授权`)
      onSaved(saved)
    } catch (e) {
      setError(applyServerError(form, e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open={!!user}
      title={`角色授权：${shown?.displayName ?? ''}（${shown?.username ?? ''}）`}
      width={760}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存授权"
      confirmLoading={saving}
      destroyOnHidden
      forceRender
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} name="grants" layout="vertical" onFinish={onFinish}>
        <GrantsEditor roles={roles.data ?? []} units={units.data} unitsLoading={units.loading} defaultUnitId={user?.units.find((u) => u.isPrimary)?.id} />
      </Form>
    </Modal>
  )
}

function RevealModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const data = useLoad((signal) => api.get<User>(`/api/users/${user!.id}`, { reveal: 1 }, { signal }), [user?.id], !!user)
  const shown = useSticky(user)
  return (
    <Modal open={!!user} title="联系方式（明文）" onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} destroyOnHidden>
      <Alert
        type="warning"
        showIcon
        title="本次查看已记入审计日志"
        description="个人信息仅限履职需要时查看，不得截屏、转发或用于其他用途。"
        style={{ marginBottom: 16 }}
      />
      {data.error ? (
        <Alert type="error" showIcon title={data.error} />
      ) : (
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            { key: 'n', label: '用户', children: shown ? `${shown.displayName}（${shown.username}）` : '' },
            { key: 'p', label: '手机号', children: data.loading ? '加载中…' : (data.data?.phone ?? '未填写') },
            { key: 'e', label: '电子邮箱', children: data.loading ? '加载中…' : (data.data?.email ?? '未填写') },
            { key: 'c', label: '执法证号', children: data.loading ? '加载中…' : (data.data?.certNo ?? '未填写') },
          ]}
        />
      )}
    </Modal>
  )
}

export default function UsersPage() {
  const { can } = useAuth()
  const me = useMe()
  const { message, modal } = App.useApp()
  const manage = can('user.manage')
  const [filters, setFilters] = useState<Filters>({ q: '' })
  const q = useDebounced(filters.q.trim(), 300)
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const units = useUnits()
  const list = useLoad(
    (signal) => api.get<Page<User>>('/api/users', { q, unitId: filters.unitId, status: filters.status, role: filters.role, page, pageSize }, { signal }),
    [q, filters.unitId, filters.status, filters.role, page, pageSize],
  )
  const [drawer, setDrawer] = useState<{ mode: 'create' | 'edit'; user: User | null } | null>(null)
  const [grantsUser, setGrantsUser] = useState<User | null>(null)
  const [revealUser, setRevealUser] = useState<User | null>(null)
  const [secret, setSecret] = useState<OneTimeSecretInfo | null>(null)

  useEffect(() => setPage(1), [q, filters.unitId, filters.status, filters.role])

  const act = async (u: User, action: 'disable' | 'enable' | 'unlock' | 'reset-password') => {
    try {
      if (action === 'reset-password') {
        const r = await api.post<UserWithPassword>(`/api/users/${u.id}/reset-password`)
        if (r.initialPassword) {
          setSecret({
            title: '密码已重置',
            subject: `用户 ${u.displayName}（${u.username}）的新一次性密码：`,
            secret: r.initialPassword,
            hint: '用户使用此密码登录后须立即修改密码。关闭后无法再次查看。',
          })
        } else message.success('密码已重置')
      } else {
        await api.post<User>(`/api/users/${u.id}/${action}`)
        message.success({ disable: `已停用“${u.displayName}”`, enable: `已启用“${u.displayName}”`, unlock: `已解锁“${u.displayName}”` }[action])
      }
      list.reload()
    } catch (e) {
      message.error(errorMessage(e))
    }
  }

  const confirm = (u: User, action: 'disable' | 'enable' | 'unlock' | 'reset-password') => {
    const texts = {
      disable: {
        title: `停用用户“${u.displayName}”？`,
        content: '停用后该用户立即退出登录且无法再登录，其接口令牌一并失效。可随时重新启用。',
        ok: '停用',
        danger: true,
      },
      enable: { title: `启用用户“${u.displayName}”？`, content: '启用后该用户可以重新登录。', ok: '启用', danger: false },
      unlock: { title: `解锁用户“${u.displayName}”？`, content: '该账号因多次输错密码被锁定。请先确认是本人操作再解锁。', ok: '解锁', danger: false },
      'reset-password': {
        title: `重置“${u.displayName}”的密码？`,
        content: '将生成新的一次性密码，原密码立即失效，该用户的登录会话全部退出。',
        ok: '重置密码',
        danger: true,
      },
    }[action]
    modal.confirm({
      title: texts.title,
      content: texts.content,
      okText: texts.ok,
      okButtonProps: { danger: texts.danger },
      cancelText: '取消',
      onOk: () => act(u, action),
    })
  }

  const columns: TableProps<User>['columns'] = [
    {
      title: '姓名 / 用户名',
      key: 'name',
      width: 150,
      fixed: 'left',
      render: (_v, u) => (
        <div>
          <Typography.Text strong>{u.displayName}</Typography.Text>
          {u.id === me.user.id ? (
            <Tag color="blue" style={{ marginLeft: 6 }}>
              本人
            </Tag>
          ) : null}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {u.username}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: '所属机构',
      key: 'units',
      width: 200,
      render: (_v, u) =>
        u.units.length ? (
          <div>
            {[...u.units]
              .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary))
              .map((x) => (
                <div key={x.id}>
                  {x.name}
                  {x.isPrimary && u.units.length > 1 ? <Typography.Text type="secondary">（主）</Typography.Text> : null}
                </div>
              ))}
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '角色授权',
      key: 'grants',
      render: (_v, u) =>
        u.grants.length ? (
          <Flex wrap gap={4}>
            {u.grants.map((g) => (
              <Tooltip key={g.id} title={`${g.roleLabel} · ${g.unitName} · ${g.scopeLabel}`}>
                <Tag color={g.role === 'sys_admin' ? 'volcano' : g.role === 'auditor' ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
                  {g.roleLabel}
                  <span className="tag-sub">·{g.scopeLabel}</span>
                </Tag>
              </Tooltip>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">未授权</Typography.Text>
        ),
    },
    { title: '手机号', dataIndex: 'phone', width: 120, render: (p: string | null) => p ?? <Typography.Text type="secondary">—</Typography.Text> },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_v, u) => (
        <Flex vertical gap={2} align="flex-start">
          {u.status === 'active' ? <Badge status="success" text="正常" /> : <Badge status="default" text="已停用" />}
          {u.locked ? (
            <Tag color="red" icon={<LockOutlined />}>
              已锁定
            </Tag>
          ) : null}
          {u.mustChangePassword ? <Tag color="gold">待改密码</Tag> : null}
        </Flex>
      ),
    },
    {
      title: '最后登录',
      dataIndex: 'lastLoginAt',
      width: 160,
      render: (v: string | null) => (v ? fmtDateTime(v) : <Typography.Text type="secondary">从未登录</Typography.Text>),
    },
    {
      title: '操作',
      key: 'actions',
      width: manage ? 190 : 110,
      fixed: 'right',
      render: (_v, u) => {
        const more: MenuProps['items'] = [
          { key: 'reset-password', icon: <KeyOutlined />, label: '重置密码' },
          ...(u.locked ? [{ key: 'unlock', icon: <UnlockOutlined />, label: '解锁' }] : []),
          { type: 'divider' as const },
          u.status === 'active'
            ? { key: 'disable', icon: <StopOutlined />, label: '停用', danger: true, disabled: u.id === me.user.id }
            : { key: 'enable', icon: <CheckCircleOutlined />, label: '启用' },
        ]
        return (
          <Space size={0} wrap>
            {manage ? (
              <>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ mode: 'edit', user: u })}>
                  编辑
                </Button>
                <Button type="link" size="small" icon={<SafetyOutlined />} onClick={() => setGrantsUser(u)}>
                  授权
                </Button>
              </>
            ) : null}
            {can('personal_data.view') ? (
              <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setRevealUser(u)}>
                联系方式
              </Button>
            ) : null}
            {manage ? (
              <Dropdown trigger={['click']} menu={{ items: more, onClick: (e) => confirm(u, e.key as 'disable') }}>
                <Button type="text" size="small" icon={<MoreOutlined />} aria-label="更多操作" />
              </Dropdown>
            ) : null}
          </Space>
        )
      },
    },
  ]

  const roleOptions = useMemo(() => Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label })), [])
  const filtered = !!(filters.q || filters.unitId || filters.status || filters.role)

  return (
    <div className="page">
      <PageHeader
        title="用户管理"
        subtitle="按您的数据范围显示用户；个人信息默认脱敏"
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              刷新
            </Button>
            {manage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create', user: null })} data-testid="user-create">
                新建用户
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" className="filter-card">
        <Flex wrap gap={12} align="center">
          <Input.Search
            allowClear
            placeholder="姓名或用户名"
            style={{ width: 200 }}
            value={filters.q}
            onChange={(e) => setFilters((f) => ({ ...f, q: e.target.value }))}
            id="user-filter-q"
          />
          <UnitTreeSelect
            units={units.data}
            loading={units.loading}
            style={{ width: 260 }}
            placeholder="所属机构"
            value={filters.unitId}
            onChange={(v: string | undefined) => setFilters((f) => ({ ...f, unitId: v }))}
            data-testid="user-filter-unit"
            id="user-filter-unit"
          />
          <Select
            allowClear
            placeholder="角色"
            style={{ width: 150 }}
            options={roleOptions}
            value={filters.role}
            onChange={(v) => setFilters((f) => ({ ...f, role: v }))}
          />
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 110 }}
            options={[
              { value: 'active', label: '正常' },
              { value: 'disabled', label: '已停用' },
            ]}
            value={filters.status}
            onChange={(v) => setFilters((f) => ({ ...f, status: v }))}
          />
          {filtered ? (
            <Button type="link" onClick={() => setFilters({ q: '' })}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
      </Card>
      {list.error ? (
        <Alert
          type="error"
          showIcon
          title={list.error}
          className="page-alert"
          action={
            <Button size="small" onClick={list.reload}>
              重试
            </Button>
          }
        />
      ) : null}
      <Card size="small">
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 1100 }}
          locale={{ emptyText: filtered ? '没有符合条件的用户' : '暂无用户' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (t) => `共 ${t} 人`,
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p)
              setPageSize(s)
            },
          }}
        />
      </Card>

      <UserDrawer
        mode={drawer?.mode ?? null}
        user={drawer?.user ?? null}
        onClose={() => setDrawer(null)}
        onCreated={(r) => {
          setDrawer(null)
          list.reload()
          if (r.initialPassword) {
            setSecret({
              title: '用户已创建',
              subject: `用户 ${r.user.displayName}（${r.user.username}）的一次性初始密码：`,
              secret: r.initialPassword,
              hint: '请通过安全渠道交给本人；首次登录须修改密码。关闭后无法再次查看。',
            })
          } else message.success(`已创建用户“${r.user.displayName}”`)
        }}
        onSaved={() => {
          setDrawer(null)
          list.reload()
        }}
      />
      <GrantsModal
        user={grantsUser}
        onClose={() => setGrantsUser(null)}
        onSaved={() => {
          setGrantsUser(null)
          list.reload()
        }}
      />
      <RevealModal user={revealUser} onClose={() => setRevealUser(null)} />
      <OneTimeSecretModal info={secret} onClose={() => setSecret(null)} />
    </div>
  )
}

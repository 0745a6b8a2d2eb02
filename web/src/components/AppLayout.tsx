import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  CheckSquareOutlined,
  CalendarOutlined,
  CloudDownloadOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  DownOutlined,
  ExceptionOutlined,
  FieldTimeOutlined,
  FileSearchOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  HomeOutlined,
  ImportOutlined,
  InboxOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  MessageOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons'
import { Avatar, Button, Dropdown, Flex, Grid, Layout, Menu, Spin, Tag, Tooltip, Typography, type MenuProps } from 'antd'
import { Suspense, useMemo, useState } from 'react'
import { Outlet, useLocation, useNavigate } from 'react-router-dom'
import type { Permission } from '../api/types'
import { useAuth, useMe } from '../auth/AuthContext'
import { MessageBell } from './work/MessageBell'

interface NavItem {
  key: string
  label: string
  icon: React.ReactNode
  perm?: Permission
}

interface NavGroup {
  label: string | null
  items: NavItem[]
}

export const NAV: NavGroup[] = [
  {
    label: null,
    items: [
      { key: '/work', label: '我的待办', icon: <CheckSquareOutlined /> },
      { key: '/messages', label: '消息中心', icon: <MessageOutlined /> },
      { key: '/overview', label: '概览', icon: <HomeOutlined /> },
      { key: '/tasks', label: '任务中心', icon: <CloudDownloadOutlined /> },
    ],
  },
  {
    label: '12315 投诉举报',
    items: [
      { key: '/complaint-intake', label: '热线登记', icon: <PhoneOutlined />, perm: 'complaint.intake' },
      { key: '/complaints', label: '工作台', icon: <InboxOutlined />, perm: 'complaint.read' },
      { key: '/complaint-supervision', label: '督办', icon: <AlertOutlined />, perm: 'complaint.supervise' },
      { key: '/complaint-import', label: '平台转办导入', icon: <ImportOutlined />, perm: 'complaint.import' },
      { key: '/complaint-stats', label: '统计报表', icon: <BarChartOutlined />, perm: 'complaint.stats' },
      { key: '/complaint-daily', label: '日报', icon: <FileTextOutlined />, perm: 'complaint.stats' },
      { key: '/complaint-dashboard', label: '领导看板', icon: <DashboardOutlined />, perm: 'complaint.stats' },
      { key: '/complaint-alerts', label: '预警', icon: <BellOutlined />, perm: 'complaint.stats' },
      { key: '/complaint-answers', label: '常用语', icon: <BookOutlined />, perm: 'complaint.knowledge' },
    ],
  },
  {
    label: '业务数据',
    items: [
      { key: '/entities', label: '经营主体名录', icon: <ShopOutlined />, perm: 'entity.read' },
      { key: '/leads', label: '案源线索', icon: <FileSearchOutlined />, perm: 'lead.read' },
      { key: '/cases', label: '我的案件', icon: <FileSearchOutlined />, perm: 'case.read' },
      { key: '/credit-proposals', label: '信用事项提议', icon: <ExceptionOutlined />, perm: 'credit.read' },
      { key: '/entity-import', label: '名录导入', icon: <CloudUploadOutlined />, perm: 'entity.import' },
    ],
  },
  {
    label: '双随机抽查',
    items: [
      { key: '/inspections', label: '抽查任务', icon: <ScheduleOutlined />, perm: 'inspection.read' },
      { key: '/inspection-mine', label: '我的检查', icon: <FileDoneOutlined />, perm: 'inspection.result' },
      { key: '/inspection-verify', label: '抽取核验', icon: <SafetyCertificateOutlined />, perm: 'inspection.read' },
    ],
  },
  {
    label: '组织与账号',
    items: [
      { key: '/org', label: '机构管理', icon: <ApartmentOutlined />, perm: 'org.read' },
      { key: '/users', label: '用户管理', icon: <TeamOutlined />, perm: 'user.read' },
      { key: '/tokens', label: '接口令牌', icon: <KeyOutlined />, perm: 'token.manage' },
    ],
  },
  {
    label: '业务配置',
    items: [
      { key: '/calendar', label: '工作日历', icon: <CalendarOutlined />, perm: 'calendar.read' },
      { key: '/rules', label: '期限规则', icon: <FieldTimeOutlined />, perm: 'rule.read' },
    ],
  },
  { label: '安全审计', items: [{ key: '/audit', label: '审计日志', icon: <AuditOutlined />, perm: 'audit.read' }] },
]

export function AppLayout() {
  const me = useMe()
  const { can, logout } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const screens = Grid.useBreakpoint()
  const mobile = screens.md === false
  const [collapsed, setCollapsed] = useState(false)

  const menuItems = useMemo<MenuProps['items']>(() => {
    const out: NonNullable<MenuProps['items']> = []
    for (const g of NAV) {
      const items = g.items.filter((i) => !i.perm || can(i.perm)).map((i) => ({ key: i.key, icon: i.icon, label: i.label }))
      if (!items.length) continue
      // Group titles only fit an open menu; a collapsed one separates groups with a line.
      if (g.label && !collapsed) out.push({ type: 'group', key: 'g-' + g.label, label: g.label, children: items })
      else {
        if (out.length) out.push({ type: 'divider', key: 'd-' + (g.label ?? '') })
        out.push(...items)
      }
    }
    return out
  }, [can, collapsed])

  const selected = '/' + (location.pathname.split('/')[1] ?? '')

  const userMenu: MenuProps['items'] = [
    {
      key: 'roles',
      type: 'group',
      label: '我的角色',
      children: me.roles.length
        ? me.roles.map((r, i) => ({ key: 'role-' + i, disabled: true, label: `${r.label} · ${r.unitName} · ${r.scope}` }))
        : [{ key: 'role-none', disabled: true, label: '暂无角色' }],
    },
    { type: 'divider' },
    { key: 'password', icon: <LockOutlined />, label: '修改密码' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ]

  return (
    <Layout className="app-shell">
      <Layout.Sider
        width={208}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        collapsedWidth={mobile ? 0 : 64}
        trigger={null}
        theme="dark"
        className={`app-sider ${mobile ? 'app-sider-mobile' : ''}`}
      >
        <div className="brand" onClick={() => navigate('/')} role="link" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && navigate('/')}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {!collapsed ? (
            <div className="brand-text">
              <div className="brand-name">监管</div>
              <div className="brand-sub">市场监督管理综合平台</div>
            </div>
          ) : null}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          items={menuItems}
          onClick={(e) => {
            navigate(e.key)
            if (mobile) setCollapsed(true)
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Flex align="center" gap={12}>
            <Button
              type="text"
              aria-label={collapsed ? '展开菜单' : '收起菜单'}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed((c) => !c)}
            />
            <Typography.Text type="secondary" className="header-unit">
              {me.user.primaryUnitName ?? '未设置所属机构'}
            </Typography.Text>
          </Flex>
          <Flex align="center" gap={12}>
            <MessageBell />
            {me.user.isDemo ? (
              <Tooltip title="演示账号，数据仅供体验">
                <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                  演示
                </Tag>
              </Tooltip>
            ) : null}
            <Dropdown
              trigger={['click']}
              menu={{
                items: userMenu,
                onClick: (e) => {
                  if (e.key === 'logout') void logout()
                  if (e.key === 'password') navigate('/change-password')
                },
              }}
            >
              <Button type="text" className="user-button" data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1f5fbf' }} />
                <span className="user-name">{me.user.displayName}</span>
                <Typography.Text type="secondary" className="user-login">
                  {me.user.username}
                </Typography.Text>
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 80 }}>
                <Spin size="large" />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}

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
import { Suspense, useMemo, useState, type ReactNode } from 'react'
import { Outlet, useLocation, useNavigate } from 'react-router-dom'
import { menuFor, type MenuIcon } from '../../../src/shared/kernel/menu'
import { WEB_MODULES } from '../../../src/shared/web'
import { useAuth, useMe } from '../auth/AuthContext'
import { MessageBell } from './work/MessageBell'

/** The components of the icon names the menu declarations use (src/shared/kernel/menu.ts). */
const ICONS: Record<MenuIcon, ReactNode> = {
  AlertOutlined: <AlertOutlined />,
  ApartmentOutlined: <ApartmentOutlined />,
  AuditOutlined: <AuditOutlined />,
  BarChartOutlined: <BarChartOutlined />,
  BellOutlined: <BellOutlined />,
  BookOutlined: <BookOutlined />,
  CalendarOutlined: <CalendarOutlined />,
  CheckSquareOutlined: <CheckSquareOutlined />,
  CloudDownloadOutlined: <CloudDownloadOutlined />,
  CloudUploadOutlined: <CloudUploadOutlined />,
  DashboardOutlined: <DashboardOutlined />,
  ExceptionOutlined: <ExceptionOutlined />,
  FieldTimeOutlined: <FieldTimeOutlined />,
  FileDoneOutlined: <FileDoneOutlined />,
  FileSearchOutlined: <FileSearchOutlined />,
  FileTextOutlined: <FileTextOutlined />,
  HomeOutlined: <HomeOutlined />,
  ImportOutlined: <ImportOutlined />,
  InboxOutlined: <InboxOutlined />,
  KeyOutlined: <KeyOutlined />,
  MessageOutlined: <MessageOutlined />,
  PhoneOutlined: <PhoneOutlined />,
  SafetyCertificateOutlined: <SafetyCertificateOutlined />,
  ScheduleOutlined: <ScheduleOutlined />,
  ShopOutlined: <ShopOutlined />,
  TeamOutlined: <TeamOutlined />,
}

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
    // The modules' menu entries (src/shared/<module>/menu.ts), those the user may open, by group and order.
    for (const g of menuFor(WEB_MODULES, can)) {
      const items = g.items.map((i) => ({ key: i.path, icon: ICONS[i.icon], label: i.label }))
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

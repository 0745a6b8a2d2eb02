import { App as AntdApp, ConfigProvider, Flex, Spin, theme } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { Suspense, type ReactNode } from 'react'
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom'
import { AuthProvider, useAuth } from './auth/AuthContext'
import { AppLayout } from './components/AppLayout'
import { RequirePermission } from './components/RequirePermission'
import { ChangePasswordPage } from './pages/ChangePassword'
import { LoginPage } from './pages/Login'
import { NotFoundPage } from './pages/NotFound'
import { landingPath } from './components/work/landing'
import { PAGES } from './pageRegistry'
import type { WebModule, WebRoute } from '../../src/shared/kernel/menu'
import { WEB_MODULES, type WebPage } from '../../src/shared/web'

dayjs.locale('zh-cn')

/** Every module's pages (src/shared/web.ts): public ones outside the signed-in layout, the rest inside it. */
const WEB: readonly WebModule<WebPage>[] = WEB_MODULES
const ROUTES = WEB.flatMap((m) => m.routes)

function page(r: WebRoute<WebPage>) {
  const Page = PAGES[r.page]
  return r.permission ? (
    <RequirePermission perm={r.permission}>
      <Page />
    </RequirePermission>
  ) : (
    <Page />
  )
}

function FullPageSpin() {
  return (
    <Flex justify="center" align="center" style={{ height: '100vh' }}>
      <Spin size="large" description="正在加载…" />
    </Flex>
  )
}

/** Pages behind login: nobody → login page; a forced password change → that page only. */
function RequireSession({ children }: { children: ReactNode }) {
  const { me, expired } = useAuth()
  const location = useLocation()
  if (me === undefined) return <FullPageSpin />
  if (me === null) {
    const next = location.pathname + location.search
    const q = new URLSearchParams()
    if (next !== '/') q.set('next', next)
    if (expired) q.set('expired', '1')
    const qs = q.toString()
    return <Navigate to={qs ? `/login?${qs}` : '/login'} replace />
  }
  if (me.user.mustChangePassword) return <Navigate to="/change-password" replace />
  return <>{children}</>
}

/** Every role lands on its own work: the to-do list, or the administrators' pages. */
function Landing() {
  const { can } = useAuth()
  return <Navigate to={landingPath(can)} replace />
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {ROUTES.filter((r) => r.layout === 'public').map((r) => (
        <Route key={r.path} path={`/${r.path}`} element={<Suspense fallback={<FullPageSpin />}>{page(r)}</Suspense>} />
      ))}
      <Route path="/change-password" element={<ChangePasswordPage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<Landing />} />
        {ROUTES.filter((r) => r.layout !== 'public').map((r) => (
          <Route key={r.path} path={r.path} element={page(r)} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  )
}

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#1f5fbf',
          borderRadius: 6,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
        },
        components: { Layout: { siderBg: '#001529', headerBg: '#ffffff' } },
      }}
    >
      <AntdApp message={{ maxCount: 3 }}>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </AntdApp>
    </ConfigProvider>
  )
}
